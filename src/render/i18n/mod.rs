//! Interface text in the page's language: navigation, headings, labels and
//! dates that the theme writes (the handbook's own words are the author's).
//!
//! Each language is one table, `i18n/<lang>.toml`: exitbook ships English
//! and Polish (`themes/default/i18n/`), and a theme may add a language or
//! change some texts of one with a file of the same name. A table is read
//! over the English one, so a key it leaves out keeps its English text and
//! a page never shows a key's name. Templates get the table of the page's
//! language as `t` (`{{ t.case.reason }}`, `{{ t.reason[case.reason] }}`),
//! and the `fill` and `when` filters ([`crate::render::theme`]); Rust code
//! that writes labels (facet pages, insights) asks [`I18n`] the same way, so
//! that a value has one label everywhere.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::anonymize::PublicFact;
use crate::anonymize::generalize::PublicDate;
use crate::diag::Diagnostic;

/// The languages exitbook ships: (language, table).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../../themes/default/i18n/en.toml")),
    ("pl", include_str!("../../../themes/default/i18n/pl.toml")),
];

/// The language every other is read over.
const BASE: &str = "en";

/// The interface text of every language the site may use.
pub struct I18n {
    langs: BTreeMap<String, Lang>,
}

struct Lang {
    table: toml::Table,
    /// The same, as templates see it (cloned per page for nothing: Tera's
    /// maps are shared).
    value: tera::Value,
}

impl Lang {
    fn new(table: toml::Table) -> Lang {
        // What search.js writes, as the JSON base.html hands it
        // (`t.search.script_json`): Tera has no filter that writes JSON.
        let mut shown = table.clone();
        if let Some(toml::Value::Table(search)) = shown.get_mut("search") {
            let json = search
                .get("script")
                .and_then(|s| serde_json::to_string(s).ok())
                .unwrap_or_else(|| "{}".into())
                .replace('<', "\\u003c");
            search.insert("script_json".into(), toml::Value::String(json));
        }
        let value = tera::Value::from_serializable(&shown);
        Lang { table, value }
    }
}

impl I18n {
    /// The built-in tables alone.
    pub fn built_in() -> I18n {
        I18n::load(&[], &|n| PathBuf::from(n)).0
    }

    /// The built-in tables, with a theme's `i18n/<lang>.toml` files (name,
    /// text) read over them; `shown` gives a file's path as the user sees
    /// it. A file that cannot be read is reported and left out.
    pub fn load(
        theme: &[(String, String)],
        shown: &dyn Fn(&str) -> PathBuf,
    ) -> (I18n, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut tables: BTreeMap<String, toml::Table> = BTreeMap::new();
        for (lang, text) in BUILT_IN {
            // The built-in tables are tested to parse (see the tests below).
            tables.insert((*lang).into(), text.parse().unwrap_or_default());
        }
        let base = tables.get(BASE).cloned().unwrap_or_default();
        for (name, text) in theme {
            let file = shown(name);
            // Other files (a README) are the theme author's business.
            let Some(lang) = name.strip_suffix(".toml") else {
                continue;
            };
            if !is_language(lang) {
                diags.push(
                    Diagnostic::error(format!("`{lang}` is not a language code"))
                        .in_file(file)
                        .help("name a language's table after its code: `i18n/de.toml`, `i18n/pt-BR.toml`"),
                );
                continue;
            }
            let theirs: toml::Table = match text.parse() {
                Ok(t) => t,
                Err(e) => {
                    let (line, col) = e
                        .span()
                        .map_or((1, 1), |s| crate::text::line_col(text, s.start));
                    diags.push(
                        Diagnostic::error(format!("invalid TOML: {}", e.message()))
                            .at(file, line, col)
                            .help(
                                "an i18n table is TOML: `[section]` lines, then `key = \"text\"`",
                            ),
                    );
                    continue;
                }
            };
            let table = tables
                .entry(lang.to_string())
                .or_insert_with(|| base.clone());
            merge(table, &base, theirs, "", &file, &mut diags);
        }
        // Every language is complete: what a table leaves out is English.
        let langs = tables
            .into_iter()
            .map(|(lang, mut table)| {
                fill_missing(&mut table, &base);
                (lang, Lang::new(table))
            })
            .collect();
        (I18n { langs }, diags)
    }

    /// The table of `lang`: its own, else that of its main language
    /// (`pt` for `pt-BR`), else English.
    fn lang(&self, lang: &str) -> &Lang {
        let main = lang.split(['-', '_']).next().unwrap_or(lang);
        self.langs
            .get(lang)
            .or_else(|| self.langs.get(main))
            .or_else(|| self.langs.get(BASE))
            .expect("the English table is built in")
    }

    /// The table of `lang` as templates see it (`t`).
    pub fn value(&self, lang: &str) -> tera::Value {
        self.lang(lang).value.clone()
    }

    /// The text at `path` (`library.title`), or the path itself if there
    /// is none (a mistake of ours: every key read here is in English).
    pub fn text<'a>(&'a self, lang: &str, path: &'a str) -> &'a str {
        lookup(&self.lang(lang).table, path)
            .and_then(toml::Value::as_str)
            .unwrap_or(path)
    }

    /// The text at `path`, if the table (or English) has one.
    pub fn find<'a>(&'a self, lang: &str, path: &str) -> Option<&'a str> {
        lookup(&self.lang(lang).table, path).and_then(toml::Value::as_str)
    }

    /// A record's fact ([`PublicFact`]) as a facts row shows it: its
    /// field's label and its value, in `lang`.
    pub fn fact(&self, lang: &str, f: &PublicFact) -> (String, String) {
        let table = format!("fact.{}", f.path);
        let label = self
            .find(lang, &format!("{table}.label"))
            .map_or_else(|| f.path.replace(['.', '_'], " "), str::to_string);
        let value = match (f.kind, &f.date) {
            (_, Some(d)) => self.date(lang, d),
            ("choice", _) => self
                .find(lang, &format!("{table}.{}", f.value))
                .map_or_else(|| f.value.replace('-', " "), str::to_string),
            ("flag", _) => self.text(lang, &format!("fact.{}", f.value)).to_string(),
            _ => f.value.clone(),
        };
        (label, value)
    }

    /// The title of a case whose record has none, from its `reason` (as
    /// written in records) and exit year: "An exit after a complaint, 2024".
    pub fn untitled(&self, lang: &str, reason: &str, year: u16) -> String {
        let words = self
            .find(lang, &format!("untitled.{reason}"))
            .unwrap_or(reason);
        fill(
            self.text(lang, "untitled.title"),
            &[("reason", words), ("year", &year.to_string())],
        )
    }

    /// The label of an enum value (`reason`, `bad-fit`): never the value as
    /// written in records, unless the table has no label for it.
    pub fn label<'a>(&'a self, lang: &str, group: &str, value: &'a str) -> &'a str {
        self.lang(lang)
            .table
            .get(group)
            .and_then(|g| g.get(value))
            .and_then(toml::Value::as_str)
            .unwrap_or(value)
    }

    /// A text with forms by number (`count.cases`), for `n`, filled in.
    pub fn count(&self, lang: &str, path: &str, n: u64) -> String {
        let forms = lookup(&self.lang(lang).table, path);
        let text = forms.map_or(path, |f| pick_form(f, lang, n));
        fill(text, &[("n", &n.to_string())])
    }

    /// A published date in `lang`: "March 2025", "31 marca 2025", "Q1 2025".
    /// The precision is the one the date was published at, read from it.
    pub fn date(&self, lang: &str, d: &PublicDate) -> String {
        self.date_with(lang, d, "months.names")
    }

    /// A published date as "from … to …" names it: a month alone takes the
    /// form it has after a day ("od marca 2025 do maja 2025": Polish, like
    /// its neighbours, puts both in the genitive); in English, the same as
    /// [`I18n::date`].
    pub fn date_bound(&self, lang: &str, d: &PublicDate) -> String {
        self.date_with(lang, d, "months.of_day")
    }

    /// Month `m` (1–12) as the list at `key` (`months.names`) names it.
    pub fn month(&self, lang: &str, key: &str, m: usize) -> String {
        lookup(&self.lang(lang).table, key)
            .and_then(toml::Value::as_array)
            .and_then(|a| a.get(m.wrapping_sub(1)))
            .and_then(toml::Value::as_str)
            .map_or_else(|| m.to_string(), str::to_string)
    }

    /// Quarter `q` (1–4) of `year`: "Q1 2025", "1 kw. 2025".
    pub fn quarter(&self, lang: &str, q: u32, year: u32) -> String {
        fill(
            self.text(lang, "months.quarter"),
            &[("q", &q.to_string()), ("year", &year.to_string())],
        )
    }

    /// A published date with a month alone named from the list `months`.
    fn date_with(&self, lang: &str, d: &PublicDate, months: &str) -> String {
        let mut parts = d.datetime.split('-').map(|p| p.parse::<usize>().ok());
        match (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        ) {
            (Some(y), Some(m), Some(day)) => {
                format!("{day} {} {y}", self.month(lang, "months.of_day", m))
            }
            (Some(y), Some(m), None) => format!("{} {y}", self.month(lang, months, m)),
            (Some(y), None, None) => {
                // By quarter, the key holds the quarter × 300 (by year, nothing).
                let q = (d.key % 10_000) / 300;
                if q > 0 && d.key % 300 == 0 {
                    self.quarter(lang, q, y as u32)
                } else {
                    y.to_string()
                }
            }
            _ => d.text.clone(),
        }
    }
}

mod forms;
mod lede;
mod tables;

use forms::is_forms;
pub use forms::{fill, pick_form, plural};
use tables::lookup;
use tables::{fill_missing, is_language, merge};

#[cfg(test)]
mod tests;
