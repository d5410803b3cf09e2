//! A case's lede, the sentence under its title: who left, where, when and
//! why, in the page's language. Its words are the `[lede]` table's: one
//! sentence for each way an exit can be started and end (`client` and
//! `retained`: "…gave notice in March 2025, after a complaint, and in the
//! end stayed"), so that no case reads "ended the relationship… In the end
//! the client stayed".

use crate::anonymize::PublicCase;
use crate::anonymize::generalize::PublicDate;
use crate::render::i18n::{I18n, fill};

impl I18n {
    /// The lede of case `c` in `lang`.
    pub fn lede(&self, lang: &str, c: &PublicCase) -> String {
        let t = |key: &str| self.text(lang, key).to_string();
        let industry = c.industry.as_deref().unwrap_or_default();
        let region = c.region.as_deref().unwrap_or_default();
        let who = match (industry.is_empty(), region.is_empty()) {
            (false, false) => t("lede.who.both"),
            (false, true) => t("lede.who.industry"),
            (true, false) => t("lede.who.region"),
            (true, true) => t("lede.who.client"),
        };
        let mut who = fill(&who, &[("industry", industry), ("region", region)]);
        if lang.split(['-', '_']).next() == Some("en") {
            who = english_article(&who);
        }
        let sentence = t(&format!("lede.{}.{}", c.initiated_by, c.outcome));
        let text = fill(
            &sentence,
            &[
                ("who", &who),
                ("when", &self.when(lang, &c.exit_date)),
                ("why", &t(&format!("lede.why.{}", c.reason))),
            ],
        );
        upper_first(text.trim())
    }

    /// A published date as a sentence says when something happened: "in
    /// March 2025", "on 31 March 2025", "w marcu 2025".
    pub fn when(&self, lang: &str, d: &PublicDate) -> String {
        let mut parts = d.datetime.split('-').map(|p| p.parse::<usize>().ok());
        let (y, m, day) = (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        );
        let date = self.date(lang, d);
        match (y, m, day) {
            (Some(_), Some(_), Some(_)) => fill(self.text(lang, "lede.on_day"), &[("date", &date)]),
            (Some(y), Some(m), None) => fill(
                self.text(lang, "lede.in_month"),
                &[
                    ("month", &self.month(lang, "lede.months", m)),
                    ("year", &y.to_string()),
                ],
            ),
            (Some(y), None, None) if date == y.to_string() => {
                fill(self.text(lang, "lede.in_year"), &[("year", &date)])
            }
            _ => fill(self.text(lang, "lede.in_period"), &[("date", &date)]),
        }
    }
}

/// "a industrial client" as English says it: "an industrial client".
fn english_article(text: &str) -> String {
    match text.strip_prefix("a ") {
        Some(rest) if rest.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) => {
            format!("an {rest}")
        }
        _ => text.to_string(),
    }
}

/// A sentence begins with a capital letter.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

impl I18n {
    /// Case `c` with every text exitbook writes about it (its lede, labels,
    /// exit date and farewell) in `lang`, for what reads the published case
    /// rather than a template: the search index, the feed.
    pub fn localize(&self, lang: &str, c: &PublicCase) -> PublicCase {
        let mut out = c.clone();
        out.lede = self.lede(lang, c);
        out.reason_label = self.label(lang, "reason", &c.reason).to_string();
        out.outcome_label = self.label(lang, "outcome", &c.outcome).to_string();
        out.initiated_by_label = self
            .label(lang, "initiated-by", &c.initiated_by)
            .to_string();
        out.negotiation_label = c
            .negotiation_outcome
            .as_deref()
            .map(|n| self.label(lang, "negotiation", n).to_string());
        out.exit_date.text = self.date(lang, &c.exit_date);
        let mut farewell = Vec::new();
        match c.thank_you_sent {
            Some(true) => farewell.push(self.text(lang, "farewell.thanked").to_string()),
            Some(false) => farewell.push(self.text(lang, "farewell.not_thanked").to_string()),
            None => {}
        }
        if let Some(f) = &c.feedback {
            farewell.push(self.label(lang, "feedback", f).to_string());
        }
        match c.referrals_since {
            Some(0) => farewell.push(self.text(lang, "farewell.no_referrals").to_string()),
            Some(n) => farewell.push(self.count(lang, "farewell.referrals", u64::from(n))),
            None => {}
        }
        out.farewell = farewell;
        for f in &mut out.facts {
            f.value = self.fact(lang, f).1;
        }
        out
    }
}
