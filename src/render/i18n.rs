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

use crate::anonymize::generalize::PublicDate;
use crate::diag::{Diagnostic, did_you_mean};

/// The languages exitbook ships: (language, table).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.toml")),
    ("pl", include_str!("../../themes/default/i18n/pl.toml")),
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
        let value = tera::Value::from_serializable(&table);
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
        let table = &self.lang(lang).table;
        let month = |key: &str, m: usize| -> String {
            lookup(table, key)
                .and_then(toml::Value::as_array)
                .and_then(|a| a.get(m.wrapping_sub(1)))
                .and_then(toml::Value::as_str)
                .map_or_else(|| m.to_string(), str::to_string)
        };
        let mut parts = d.datetime.split('-').map(|p| p.parse::<usize>().ok());
        match (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        ) {
            (Some(y), Some(m), Some(day)) => format!("{day} {} {y}", month("months.of_day", m)),
            (Some(y), Some(m), None) => format!("{} {y}", month("months.names", m)),
            (Some(y), None, None) => {
                // By quarter, the key holds the quarter × 300 (by year, nothing).
                let q = (d.key % 10_000) / 300;
                if q > 0 && d.key % 300 == 0 {
                    fill(
                        self.text(lang, "months.quarter"),
                        &[("q", &q.to_string()), ("year", &y.to_string())],
                    )
                } else {
                    y.to_string()
                }
            }
            _ => d.text.clone(),
        }
    }
}

/// `{name}` in `text` replaced by each value.
pub fn fill(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in pairs {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The form of a text with forms by number (`{ one, few, many, other }`)
/// that `lang` uses for `n`; a plain text is its own form.
pub fn pick_form<'a>(forms: &'a toml::Value, lang: &str, n: u64) -> &'a str {
    match forms {
        toml::Value::String(s) => s,
        toml::Value::Table(t) => [plural(lang, n), "other", "many", "one"]
            .iter()
            .find_map(|k| t.get(*k).and_then(toml::Value::as_str))
            .unwrap_or(""),
        _ => "",
    }
}

/// The plural category of `n` in `lang` (CLDR's rules, for whole numbers).
pub fn plural(lang: &str, n: u64) -> &'static str {
    let main = lang.split(['-', '_']).next().unwrap_or(lang);
    let (n10, n100) = (n % 10, n % 100);
    match main {
        // Polish, and the languages that count as it does.
        "pl" => {
            if n == 1 {
                "one"
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                "few"
            } else {
                "many"
            }
        }
        "ru" | "uk" | "be" | "hr" | "sr" | "bs" => {
            if n10 == 1 && n100 != 11 {
                "one"
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                "few"
            } else {
                "many"
            }
        }
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        "fr" | "pt" if n <= 1 => "one",
        "ja" | "zh" | "ko" | "vi" | "th" | "id" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// A language code as file names give it: `de`, `pt-BR`.
fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn lookup<'a>(table: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut parts = path.split('.');
    let mut at = table.get(parts.next()?)?;
    for p in parts {
        at = at.get(p)?;
    }
    Some(at)
}

/// Read `theirs` over `table`, checked against the English `base`: a key
/// English does not have is an error (a typo would otherwise be silently
/// ignored), and so is a value of another kind.
fn merge(
    table: &mut toml::Table,
    base: &toml::Table,
    theirs: toml::Table,
    at: &str,
    file: &PathBuf,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in theirs {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        let Some(english) = base.get(&key) else {
            let help = match did_you_mean(&key, base.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "the keys are those of the built-in `themes/default/i18n/en.toml`".into(),
            };
            diags.push(
                Diagnostic::error(format!("unknown key `{path}` in an i18n table"))
                    .in_file(file.clone())
                    .help(help),
            );
            continue;
        };
        match (english, value) {
            (toml::Value::Table(eng), toml::Value::Table(sub)) if !is_forms(eng) => {
                let mine = table
                    .entry(key)
                    .or_insert_with(|| toml::Value::Table(eng.clone()));
                if let toml::Value::Table(mine) = mine {
                    merge(mine, eng, sub, &path, file, diags);
                }
            }
            (toml::Value::Array(eng), toml::Value::Array(list))
                if list.len() == eng.len() && list.iter().all(toml::Value::is_str) =>
            {
                table.insert(key, toml::Value::Array(list));
            }
            // A text with forms by number may be given as one text.
            (toml::Value::String(_), v @ toml::Value::String(_))
            | (toml::Value::Table(_), v @ (toml::Value::Table(_) | toml::Value::String(_))) => {
                table.insert(key, v);
            }
            (english, _) => diags.push(
                Diagnostic::error(format!(
                    "`{path}` in an i18n table has the wrong kind of value"
                ))
                .in_file(file.clone())
                .help(match english {
                    toml::Value::Array(a) => {
                        format!("give a list of {} texts, as in English", a.len())
                    }
                    toml::Value::Table(_) => "give a table of texts, as in English".into(),
                    _ => "give a text in quotes".into(),
                }),
            ),
        }
    }
}

/// A table of forms by number rather than a section of texts.
fn is_forms(t: &toml::Table) -> bool {
    t.contains_key("other")
        && t.keys()
            .all(|k| ["zero", "one", "two", "few", "many", "other"].contains(&k.as_str()))
}

/// Every key of `base` that `table` lacks, from `base`.
fn fill_missing(table: &mut toml::Table, base: &toml::Table) {
    for (key, value) in base {
        match (table.get_mut(key), value) {
            (None, v) => {
                table.insert(key.clone(), v.clone());
            }
            (Some(toml::Value::Table(mine)), toml::Value::Table(eng)) if !is_forms(eng) => {
                fill_missing(mine, eng);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &toml::Table, at: &str, out: &mut Vec<String>) {
        for (k, v) in t {
            let path = format!("{at}{k}");
            match v {
                toml::Value::Table(sub) if !is_forms(sub) => keys(sub, &format!("{path}."), out),
                _ => out.push(path),
            }
        }
    }

    #[test]
    fn the_built_in_tables_parse_and_have_the_same_keys() {
        let mut all = Vec::new();
        for (lang, text) in BUILT_IN {
            let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
            let mut k = Vec::new();
            keys(&t, "", &mut k);
            k.sort();
            all.push((lang, k));
        }
        let (_, en) = &all[0];
        for (lang, k) in &all[1..] {
            let missing: Vec<_> = en.iter().filter(|x| !k.contains(x)).collect();
            let extra: Vec<_> = k.iter().filter(|x| !en.contains(x)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}.toml: missing {missing:?}, unknown {extra:?}"
            );
        }
    }

    #[test]
    fn labels_counts_and_dates_in_polish() {
        let i = I18n::built_in();
        assert_eq!(i.label("pl", "outcome", "retained"), "Został");
        assert_eq!(i.label("en", "outcome", "retained"), "Stayed");
        assert_eq!(i.count("pl", "count.cases", 1), "1 przypadek");
        assert_eq!(i.count("pl", "count.cases", 3), "3 przypadki");
        assert_eq!(i.count("pl", "count.cases", 12), "12 przypadków");
        assert_eq!(i.count("pl", "count.cases", 22), "22 przypadki");
        assert_eq!(i.count("en", "count.cases", 1), "1 case");
        let date = |text: &str, datetime: &str, key: u32| PublicDate {
            text: text.into(),
            datetime: datetime.into(),
            key,
            precision: Default::default(),
        };
        assert_eq!(
            i.date("pl", &date("March 2025", "2025-03", 20250300)),
            "marzec 2025"
        );
        assert_eq!(i.date("pl", &date("", "2025-03-31", 1)), "31 marca 2025");
        assert_eq!(i.date("en", &date("", "2025-03-31", 1)), "31 March 2025");
        assert_eq!(i.date("en", &date("Q2 2025", "2025", 20250600)), "Q2 2025");
        assert_eq!(
            i.date("pl", &date("Q2 2025", "2025", 20250600)),
            "2 kw. 2025"
        );
        assert_eq!(i.date("pl", &date("2025", "2025", 20250000)), "2025");
        // An unknown language reads English; a regional one its main language.
        assert_eq!(i.text("de", "site.cases"), "Cases");
        assert_eq!(i.text("pl-PL", "site.cases"), "Przypadki");
    }

    #[test]
    fn a_theme_table_is_read_over_english_and_checked() {
        let theme = vec![
            (
                "de.toml".to_string(),
                "[site]\ncases = \"Fälle\"\ncasse = \"x\"\n[months]\nnames = [\"Januar\"]\n"
                    .to_string(),
            ),
            ("notes.txt".to_string(), String::new()),
            ("German.toml".to_string(), String::new()),
            ("fr.toml".to_string(), "[site\n".to_string()),
        ];
        let (i, diags) = I18n::load(&theme, &|n| PathBuf::from(format!("i18n/{n}")));
        assert_eq!(i.text("de", "site.cases"), "Fälle");
        assert_eq!(
            i.text("de", "site.playbook"),
            "Playbook",
            "English where the table is silent"
        );
        let text: Vec<String> = diags.iter().map(|d| format!("{d:?}")).collect();
        let all = text.join("\n");
        assert!(all.contains("unknown key `site.casse`"), "{all}");
        assert!(all.contains("did you mean `cases`"), "{all}");
        assert!(all.contains("`months.names`"), "{all}");
        assert!(all.contains("`German` is not a language code"), "{all}");
        assert!(!all.contains("notes"), "{all}");
        assert!(all.contains("invalid TOML"), "{all}");
        assert_eq!(
            i.date(
                "de",
                &PublicDate {
                    text: String::new(),
                    datetime: "2025-01".into(),
                    key: 0,
                    precision: Default::default(),
                }
            ),
            "January 2025"
        );
    }
}
