//! `site.toml` → [`Config`].
//!
//! Unknown keys are errors with a "did you mean", like unknown record fields:
//! a misspelt `[anonymize] sensitve` must never silently publish a secret.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, did_you_mean};
use crate::text::line_col;

/// The handbook's configuration, as written in `site.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub pretty_urls: bool,
    #[serde(default)]
    pub anonymize: AnonymizeConfig,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub onboarding: Vec<OnboardingStep>,
}

/// `[search]`: what the search index adds to the built-in behaviour.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Extra synonyms, word → words (`customer = ["client", "account"]`),
    /// added to the built-in table of the site's languages.
    #[serde(default)]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
}

/// `[anonymize]`: how the publishing guarantee is kept.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AnonymizeConfig {
    #[serde(default = "default_key_env")]
    pub key_env: String,
    #[serde(default)]
    pub dates: DatePrecision,
    #[serde(default)]
    pub money: MoneyMode,
    #[serde(default = "default_min_group")]
    pub min_group: usize,
    #[serde(default)]
    pub sensitive: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub publish_notes: bool,
    /// ISO country (`GB`, `PL`) whose national phone numbers are recognised
    /// in free text; `None`: the country of the site's `language`.
    #[serde(default)]
    pub country: Option<String>,
    /// Paths under `static/` the leak gate may publish without reading them.
    #[serde(default)]
    pub unchecked: Vec<String>,
    /// Industry → broader sector, for cases generalised to reach `min_group`.
    #[serde(default)]
    pub sectors: std::collections::BTreeMap<String, String>,
}

impl Default for AnonymizeConfig {
    fn default() -> Self {
        AnonymizeConfig {
            key_env: default_key_env(),
            dates: DatePrecision::default(),
            money: MoneyMode::default(),
            min_group: default_min_group(),
            sensitive: Vec::new(),
            allow: Vec::new(),
            publish_notes: false,
            country: None,
            unchecked: Vec::new(),
            sectors: std::collections::BTreeMap::new(),
        }
    }
}

impl AnonymizeConfig {
    /// The ISO country whose national phone numbers free text may hold:
    /// `[anonymize] country`, else the country most associated with the
    /// site's language (`US` for `en`, `PL` for `pl`).
    pub fn phone_country(&self, language: &str) -> String {
        if let Some(c) = &self.country {
            return c.trim().to_ascii_uppercase();
        }
        let c = match language {
            "en" => "US",
            "pl" => "PL",
            "de" => "DE",
            "fr" => "FR",
            "es" => "ES",
            "it" => "IT",
            "nl" => "NL",
            "pt" => "PT",
            "cs" => "CZ",
            "sk" => "SK",
            "sv" => "SE",
            "da" => "DK",
            "nb" | "no" | "nn" => "NO",
            "fi" => "FI",
            "et" => "EE",
            "lv" => "LV",
            "lt" => "LT",
            "hu" => "HU",
            "ro" => "RO",
            "el" => "GR",
            "uk" => "UA",
            "ru" => "RU",
            "ja" => "JP",
            "ga" => "IE",
            _ => "US",
        };
        c.to_string()
    }
}

/// Precision of published dates.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    #[default]
    Month,
    Quarter,
    Year,
}

/// How money amounts are published.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MoneyMode {
    Exact,
    #[default]
    Band,
    Hidden,
}

/// One step of the "Start here" track: a page to read and why.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OnboardingStep {
    /// `@/chapters/<file>.md` or `@/cases/<file>.yaml`.
    pub page: String,
    /// Shown instead of the page's own title, if given.
    #[serde(default)]
    pub title: Option<String>,
    /// One or two sentences: what to take from this step.
    #[serde(default)]
    pub note: Option<String>,
    /// Self-check questions shown on the step, each answer behind a
    /// closed `<details data-reveal>`.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A self-check question of an onboarding step.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub q: String,
    pub a: String,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_key_env() -> String {
    "EXITBOOK_KEY".into()
}
fn default_min_group() -> usize {
    2
}

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "pretty_urls",
    "anonymize",
    "search",
    "onboarding",
];
const ANONYMIZE_KEYS: &[&str] = &[
    "key_env",
    "dates",
    "money",
    "min_group",
    "sensitive",
    "allow",
    "publish_notes",
    "country",
    "unchecked",
    "sectors",
];
const SEARCH_KEYS: &[&str] = &["synonyms"];
const ONBOARDING_KEYS: &[&str] = &["page", "title", "note", "questions"];
const QUESTION_KEYS: &[&str] = &["q", "a"];

impl Config {
    /// Parse `site.toml` text; `shown` is the path used in diagnostics.
    pub fn parse(text: &str, shown: &Path) -> Result<Config, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            let (message, help) = explain_toml_error(e.message());
            let secret = may_hold_secrets(text, line);
            let message = if secret {
                crate::diag::mask_between(&message, '"', &|_| true)
            } else {
                message
            };
            let mut d = Diagnostic::error(message).at(shown, line, column);
            if let Some(h) = help {
                d = d.help(h);
            }
            let d = d.with_source(text, |l| l.to_string());
            // The file's secrets are unknown until it parses: a line of
            // the `sensitive` list is shown masked, and so are the values
            // the message quotes from it.
            if secret { d.guarded() } else { d }
        })?;
        config.validate(text, shown)?;
        Ok(config)
    }

    fn validate(&self, text: &str, shown: &Path) -> Result<(), Diagnostic> {
        let at_key = |key: &str| {
            let offset = text.find(key).unwrap_or(0);
            let (l, c) = line_col(text, offset);
            (l, c)
        };
        if self.title.trim().is_empty() {
            let (l, c) = at_key("title");
            return Err(Diagnostic::error("`title` is empty")
                .at(shown, l, c)
                .help("give the handbook a name, e.g. title = \"Losing clients well\""));
        }
        let lang_ok = (2..=3).contains(&self.language.len())
            && self.language.chars().all(|c| c.is_ascii_lowercase());
        if !lang_ok {
            let (l, c) = at_key("language");
            return Err(Diagnostic::error(format!(
                "`language` must be a two- or three-letter language code, not `{}`",
                self.language
            ))
            .at(shown, l, c)
            .help("use an ISO 639 code such as \"en\", \"de\" or \"pl\""));
        }
        if let Some(url) = &self.base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            let (l, c) = at_key("base_url");
            return Err(
                Diagnostic::error("`base_url` must be an absolute http(s) URL")
                    .at(shown, l, c)
                    .help("e.g. base_url = \"https://handbook.example.com/\""),
            );
        }
        if let Some(c) = &self.anonymize.country {
            let ok = c.trim().len() == 2 && c.trim().chars().all(|c| c.is_ascii_alphabetic());
            if !ok {
                let (l, c) = at_key("country");
                return Err(Diagnostic::error(
                    "`[anonymize] country` must be a two-letter ISO country code",
                )
                .at(shown, l, c)
                .help("e.g. country = \"GB\", \"IE\" or \"PL\": the country whose national phone numbers your records hold"));
            }
        }
        if self.anonymize.min_group == 0 {
            let (l, c) = at_key("min_group");
            return Err(
                Diagnostic::error("`[anonymize] min_group` must be 1 or more")
                    .at(shown, l, c)
                    .help("the default, 2, warns about combinations that single out one case"),
            );
        }
        Ok(())
    }
}

/// Is line `line` (1-based) of `site.toml` text part of a value that may
/// hold secrets: a key of `[anonymize]` other than the settings known to
/// hold none (so `sensitive`, and any misspelling of it), or a line that
/// continues one?
fn may_hold_secrets(text: &str, line: usize) -> bool {
    const PLAIN: &[&str] = &[
        "key_env",
        "dates",
        "money",
        "min_group",
        "allow",
        "publish_notes",
        "country",
        "unchecked",
        "sectors",
    ];
    let mut table = String::new();
    let mut key = String::new();
    for l in text.lines().take(line) {
        let t = l.trim();
        if t.starts_with('[') && !t.starts_with("[[") && t.ends_with(']') && !t.contains('=') {
            table = t.trim_matches(['[', ']', ' ']).to_string();
            key.clear();
        } else if let Some((k, _)) = t.split_once('=') {
            let k = k.trim().trim_matches('"');
            if !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            {
                key = k.to_string();
            }
        }
    }
    table == "anonymize" && !key.is_empty() && !PLAIN.contains(&key.as_str())
}

/// Turn toml's message into ours, with a "did you mean" for unknown keys.
/// toml's messages quote only keys and enum variants, never secret values
/// (those live in `[anonymize] sensitive`, a list of strings that has no
/// invalid form), so they are safe to show.
fn explain_toml_error(message: &str) -> (String, Option<String>) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, _)) = rest.split_once('`')
    {
        let known: Vec<&str> = if message.contains("`key_env`") {
            ANONYMIZE_KEYS.to_vec()
        } else if message.contains("`note`") {
            ONBOARDING_KEYS.to_vec()
        } else if message.contains("`synonyms`") {
            SEARCH_KEYS.to_vec()
        } else if message.contains("`q`") {
            QUESTION_KEYS.to_vec()
        } else {
            TOP_KEYS.to_vec()
        };
        let help = match did_you_mean(key, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (known keys: {})", known.join(", ")),
            None => format!("known keys here: {}", known.join(", ")),
        };
        return (format!("unknown key `{key}` in site.toml"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((key, _)) = rest.split_once('`')
    {
        return (
            format!("site.toml has no `{key}`"),
            Some(format!("add `{key} = \"...\"` at the top of site.toml")),
        );
    }
    if message.starts_with("unknown variant") {
        return (
            format!("invalid value: {message}"),
            Some("use one of the values listed".into()),
        );
    }
    (
        format!("site.toml is not valid TOML: {message}"),
        Some("see the `site.toml` table in the exitbook documentation".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = Config::parse("title = \"H\"\n", Path::new("site.toml")).unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "default");
        assert_eq!(c.anonymize.dates, DatePrecision::Month);
        assert_eq!(c.anonymize.money, MoneyMode::Band);
        assert_eq!(c.anonymize.min_group, 2);
        assert_eq!(c.anonymize.key_env, "EXITBOOK_KEY");
        assert_eq!(c.anonymize.phone_country(&c.language), "US");
        assert!(c.search.synonyms.is_empty() && c.anonymize.sectors.is_empty());
    }

    #[test]
    fn the_keys_of_this_turn() {
        let c = Config::parse(
            "title = \"H\"\nlanguage = \"pl\"\n[anonymize]\nunchecked = [\"a.pdf\"]\n[anonymize.sectors]\ndentistry = \"health care\"\n[search.synonyms]\ncustomer = [\"client\"]\n[[onboarding]]\npage = \"@/chapters/a.md\"\nquestions = [{ q = \"Why?\", a = \"Because.\" }]\n",
            Path::new("site.toml"),
        )
        .unwrap();
        assert_eq!(c.anonymize.phone_country(&c.language), "PL");
        assert_eq!(c.anonymize.unchecked, ["a.pdf"]);
        assert_eq!(c.anonymize.sectors["dentistry"], "health care");
        assert_eq!(c.search.synonyms["customer"], ["client"]);
        assert_eq!(c.onboarding[0].questions[0].a, "Because.");
        let e = Config::parse(
            "title = \"H\"\n[anonymize]\ncountry = \"Ireland\"\n",
            Path::new("s"),
        )
        .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e =
            Config::parse("title = \"H\"\n[search]\nsynonym = {}\n", Path::new("s")).unwrap_err();
        assert!(e.help.unwrap().contains("`synonyms`"));
    }

    #[test]
    fn unknown_key_suggests() {
        let e = Config::parse("title = \"H\"\ntitel = 1\n", Path::new("site.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.help.unwrap().contains("did you mean `title`"));
        let e = Config::parse(
            "title = \"H\"\n[anonymize]\nsensitve = []\n",
            Path::new("s"),
        )
        .unwrap_err();
        assert!(e.help.unwrap().contains("`sensitive`"));
    }
}
