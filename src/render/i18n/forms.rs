//! Texts with forms by number, and filling in `{name}`s.

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

/// A table of forms by number rather than a section of texts.
pub(super) fn is_forms(t: &toml::Table) -> bool {
    t.contains_key("other")
        && t.keys()
            .all(|k| ["zero", "one", "two", "few", "many", "other"].contains(&k.as_str()))
}
