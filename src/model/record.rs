//! The client-exit record (`spec/exit-record.md`) as Rust types.
//!
//! These types are the single source of truth for the record format: serde
//! reads records into them, `schemars` derives from them the JSON Schema that
//! `exitbook schema` prints, and the validator checks records against that
//! same schema. Two schema extensions carry what JSON Schema has no word for:
//! `x-sensitive` (a secret-set value: never shown in a diagnostic) and
//! `x-markdown` (Markdown text, rendered and scrubbed).

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

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

/// A three-letter ISO 4217 currency code, such as USD, EUR or PLN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Currency(pub String);

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "A three-letter ISO 4217 currency code, such as USD, EUR or PLN.",
            "x-check": "currency"
        })
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_currency(&s) {
            Ok(Currency(s))
        } else {
            Err(serde::de::Error::custom("invalid currency code"))
        }
    }
}

pub fn is_currency(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// A calendar date, to the day (`2025-03-31`) or to the month (`2025-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    /// `None` for a month-precision date.
    pub day: Option<u8>,
}

impl Date {
    /// Parse `YYYY-MM-DD` or `YYYY-MM`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err("a date is written YYYY-MM-DD (2025-03-31) or YYYY-MM (2025-03)".into());
        }
        let year: u16 = parts[0].parse().map_err(|_| "bad year".to_string())?;
        let month: u8 = parts[1].parse().map_err(|_| "bad month".to_string())?;
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let day = match parts.get(2) {
            Some(d) => {
                let day: u8 = d.parse().map_err(|_| "bad day".to_string())?;
                let max = days_in_month(year, month);
                if day == 0 || day > max {
                    return Err(format!("{year}-{month:02} has no day {day}"));
                }
                Some(day)
            }
            None => None,
        };
        Ok(Date { year, month, day })
    }

    /// A sortable key: month-precision dates sort at the start of their month.
    pub fn ordinal(&self) -> u32 {
        u32::from(self.year) * 10_000
            + u32::from(self.month) * 100
            + u32::from(self.day.unwrap_or(0))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "A date: YYYY-MM-DD, or YYYY-MM when only the month is known.",
            "x-check": "date"
        })
    }
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

    /// The title of a record that has none: "An exit after a complaint".
    pub fn default_title(self) -> &'static str {
        match self {
            Reason::Complaint => "An exit after a complaint",
            Reason::BadFit => "Parting with a bad-fit client",
            Reason::Budget => "A client's budget ran out",
            Reason::NeedsChanged => "The client's needs changed",
            Reason::LeadershipChange => "New leadership, new supplier",
            Reason::Price => "Lost on price",
            Reason::Competitor => "Lost to a competitor",
            Reason::Other => "A client exit",
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
