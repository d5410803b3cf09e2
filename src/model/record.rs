//! The client-exit record (`spec/exit-record.md`) as Rust types.
//!
//! These types are the single source of truth for the record format: serde
//! reads records into them, `schemars` derives from them the JSON Schema that
//! `exitbook schema` prints, and the validator checks records against that
//! same schema. Two schema extensions carry what JSON Schema has no word for:
//! `x-sensitive` (a secret-set value: never shown in a diagnostic) and
//! `x-markdown` (Markdown text, rendered and scrubbed).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::values::{Currency, Date, is_currency};

/// One client exit.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "exitbook client-exit record")]
pub struct Record {
    /// One line of Markdown; default: derived from exit.reason and the exit year.
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub title: Option<String>,
    /// Drafts are skipped unless `exitbook build --drafts`.
    #[serde(default)]
    pub draft: bool,
    pub client: Client,
    /// People on the client side.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Our account owner (sensitive: staff privacy).
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub owner: Option<String>,
    #[serde(default)]
    pub engagement: Option<Engagement>,
    pub exit: Exit,
    /// The three exit questions.
    #[serde(default)]
    pub conversation: Option<Conversation>,
    #[serde(default)]
    pub negotiation: Option<Negotiation>,
    /// Warning signs, in order; dates optional.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
    #[serde(default)]
    pub postmortem: Option<Postmortem>,
    /// Leaving the door open.
    #[serde(default)]
    pub farewell: Option<Farewell>,
    /// The state today.
    pub outcome: Outcome,
    /// Slugs of the playbook chapters this case illustrates.
    #[serde(default)]
    #[schemars(extend("x-check" = "chapter-slugs"))]
    pub chapters: Vec<String>,
    /// Free tags, published.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Any other strings to keep out of the site.
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub sensitive: Vec<String>,
    /// Optional URL slug: lowercase letters, digits and hyphens.
    #[serde(default)]
    #[schemars(extend("x-check" = "slug"))]
    pub slug: Option<String>,
    /// Internal free text; published (scrubbed) only with `[anonymize] publish_notes`.
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub notes: Option<String>,
}

/// The client organisation (or person).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Client {
    #[schemars(extend("x-sensitive" = true))]
    pub name: String,
    /// Other names the client goes by in notes.
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub aliases: Vec<String>,
    /// Web and email domains.
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub domains: Vec<String>,
    /// Published (a quasi-identifier).
    #[serde(default)]
    pub industry: Option<String>,
    /// Published (a quasi-identifier).
    #[serde(default)]
    pub region: Option<String>,
    /// Published (a quasi-identifier), e.g. "50-200".
    #[serde(default)]
    pub size: Option<String>,
}

/// A person on the client side.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub name: Option<String>,
    /// Published; used to refer to the person ("the Operations Director").
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub email: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-sensitive" = true))]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    /// Published.
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub value: Option<Value>,
}

/// What the engagement was worth.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    #[schemars(range(min = 0))]
    pub amount: f64,
    pub currency: Currency,
    #[serde(default)]
    pub per: Option<Period>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Year,
    Project,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    /// The date the relationship ended.
    pub date: Date,
    /// The date notice was given.
    #[serde(default)]
    pub notice: Option<Date>,
    pub initiated_by: Initiator,
    pub reason: Reason,
    /// The final straw (Markdown).
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub trigger: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub summary: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    Client,
    Us,
    Mutual,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Complaint,
    BadFit,
    Budget,
    NeedsChanged,
    LeadershipChange,
    Price,
    Competitor,
    Other,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conversation {
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub what_happened: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub what_we_could_have_done_differently: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub what_they_need_to_feel_complete: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Negotiation {
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub asked_for: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub offered: Option<String>,
    #[serde(default)]
    pub outcome: Option<NegotiationOutcome>,
    #[serde(default)]
    pub refund: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NegotiationOutcome {
    Accepted,
    Countered,
    Declined,
    NotNeeded,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    #[schemars(range(min = 0))]
    pub amount: f64,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    #[serde(default)]
    pub date: Option<Date>,
    #[schemars(extend("x-markdown" = true))]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Postmortem {
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub final_straw: Option<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub root_causes: Vec<String>,
    #[serde(default)]
    #[schemars(extend("x-markdown" = true))]
    pub lessons: Vec<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[schemars(extend("x-markdown" = true))]
    pub action: String,
    /// A team or role (published), not a person.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub status: Option<ActionStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Farewell {
    #[serde(default)]
    pub thank_you_sent: Option<bool>,
    #[serde(default)]
    pub feedback: Option<Feedback>,
    /// Referrals from this client since the exit.
    #[serde(default)]
    pub referrals_since: Option<u32>,
    /// The date the client came back, if they did.
    #[serde(default)]
    pub returned: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Feedback {
    None,
    Direct,
    Survey,
    ThirdParty,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Exited,
    Retained,
    Returned,
}

impl Reason {
    /// A short label for people: "bad fit", "needs changed".
    pub fn label(self) -> &'static str {
        match self {
            Reason::Complaint => "complaint",
            Reason::BadFit => "bad fit",
            Reason::Budget => "budget",
            Reason::NeedsChanged => "needs changed",
            Reason::LeadershipChange => "leadership change",
            Reason::Price => "price",
            Reason::Competitor => "competitor",
            Reason::Other => "other",
        }
    }
}

/// The JSON Schema of the record, as `exitbook schema` prints it.
pub fn schema() -> serde_json::Value {
    let mut s = schemars::schema_for!(Record).to_value();
    if let Some(obj) = s.as_object_mut() {
        obj.insert(
            "$id".into(),
            "https://exitbook.dev/schema/exit-record.json".into(),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2025-03-31").unwrap().to_string(), "2025-03-31");
        assert_eq!(Date::parse("2025-03").unwrap().day, None);
        assert!(Date::parse("2025-13-01").unwrap_err().contains("month 13"));
        assert!(Date::parse("2025-02-29").unwrap_err().contains("no day 29"));
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("31/03/2025").is_err());
    }

    #[test]
    fn schema_marks_sensitive_and_markdown_fields() {
        let s = schema();
        let text = s.to_string();
        assert!(text.contains("x-sensitive"));
        assert!(text.contains("x-markdown"));
        assert_eq!(
            s["required"],
            serde_json::json!(["client", "exit", "outcome"])
        );
    }
}
