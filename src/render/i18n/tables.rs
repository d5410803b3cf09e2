//! Reading a theme's table over the English one: checked key by key, and
//! completed from English.

use std::path::PathBuf;

use crate::diag::{Diagnostic, did_you_mean};
use crate::render::i18n::is_forms;

/// A language code as file names give it: `de`, `pt-BR`.
pub(super) fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub(super) fn lookup<'a>(table: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
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
pub(super) fn merge(
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

/// Every key of `base` that `table` lacks, from `base`.
pub(super) fn fill_missing(table: &mut toml::Table, base: &toml::Table) {
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
