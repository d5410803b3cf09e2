//! What the charts write, in the page's language: the `[insights]` table
//! of the interface text, and the labels every page gives enum values and
//! dates ([`I18n`]), so that a chart names a reason or a month as the case
//! pages do.

use crate::render::i18n::{I18n, fill};

/// The interface text of one language, as the charts ask for it.
pub struct Words<'a> {
    i18n: &'a I18n,
    lang: &'a str,
}

impl<'a> Words<'a> {
    pub fn new(i18n: &'a I18n, lang: &'a str) -> Words<'a> {
        Words { i18n, lang }
    }

    /// `insights.<key>`, with each `{name}` filled in.
    pub fn text(&self, key: &str, pairs: &[(&str, &str)]) -> String {
        fill(self.i18n.text(self.lang, &format!("insights.{key}")), pairs)
    }

    /// `insights.<key>`, a text with forms by number, for `n`.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.i18n
            .count(self.lang, &format!("insights.{key}"), n as u64)
    }

    /// "of all 12 cases", as the charts' sentences end.
    pub fn of_all(&self, total: usize) -> String {
        self.count("of_all", total)
    }

    /// The label of an enum value (`("reason", "bad-fit")`).
    pub fn label(&self, group: &str, value: &str) -> String {
        self.i18n.label(self.lang, group, value).to_string()
    }

    /// The row that holds the small groups.
    pub fn combined(&self) -> String {
        self.text("combined", &[])
    }

    /// A count that is not shown: "fewer than 2".
    pub fn fewer_than(&self, k: usize) -> String {
        self.text("fewer_than", &[("k", &k.to_string())])
    }

    /// Month `m` (1–12) as a date names it ("March").
    pub fn month(&self, m: u32) -> String {
        self.i18n.month(self.lang, "months.names", m as usize)
    }

    /// Quarter `q` (1–4) of `year`: "Q1 2025".
    pub fn quarter(&self, q: u32, year: u32) -> String {
        self.i18n.quarter(self.lang, q, year)
    }
}
