//! Generalising quasi-identifiers: dates to a month, quarter or year, money
//! to bands. A reader who knew the client should not be able to pick the
//! case out by its exact exit date or invoice.

use crate::config::{DatePrecision, MoneyMode};
use crate::model::record::{Date, Money, Period, Value};

/// Month names as dates are published (the insights page names them too).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as published: the visible text and the `<time datetime>` value,
/// both at the configured precision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicDate {
    pub text: String,
    pub datetime: String,
    /// Sort key at the published precision.
    pub key: u32,
    /// The precision it is published at: the site's, or coarser for a
    /// case generalised to reach `min_group`.
    #[serde(skip)]
    pub precision: DatePrecision,
}

pub fn date(d: Date, precision: DatePrecision) -> PublicDate {
    let month = MONTHS[usize::from(d.month.clamp(1, 12)) - 1];
    let quarter = (d.month - 1) / 3 + 1;
    let (text, datetime) = match (precision, d.day) {
        (DatePrecision::Day, Some(day)) => (format!("{day} {month} {}", d.year), d.to_string()),
        (DatePrecision::Day | DatePrecision::Month, _) => (
            format!("{month} {}", d.year),
            format!("{:04}-{:02}", d.year, d.month),
        ),
        (DatePrecision::Quarter, _) => (format!("Q{quarter} {}", d.year), format!("{:04}", d.year)),
        (DatePrecision::Year, _) => (d.year.to_string(), format!("{:04}", d.year)),
    };
    let key = match precision {
        DatePrecision::Day => d.ordinal(),
        DatePrecision::Month => u32::from(d.year) * 10_000 + u32::from(d.month) * 100,
        DatePrecision::Quarter => u32::from(d.year) * 10_000 + u32::from(quarter) * 300,
        DatePrecision::Year => u32::from(d.year) * 10_000,
    };
    PublicDate {
        text,
        datetime,
        key,
        precision,
    }
}

/// The next coarser precision, if any: day → month → quarter → year.
pub fn coarser(p: DatePrecision) -> Option<DatePrecision> {
    match p {
        DatePrecision::Day => Some(DatePrecision::Month),
        DatePrecision::Month => Some(DatePrecision::Quarter),
        DatePrecision::Quarter => Some(DatePrecision::Year),
        DatePrecision::Year => None,
    }
}

/// A company size (`10-50`, `200–500 staff`, `1000+`) one step coarser:
/// up to 50 · 50–250 · 250–1,000 · over 1,000 (a range falls where its
/// geometric middle does), with the words after the number kept ("staff").
/// `None` when the size holds no number ("small"): it can only be withheld.
pub fn size_band(size: &str, lang: &str) -> Option<String> {
    let mut numbers: Vec<f64> = Vec::new();
    let mut current = String::new();
    let mut tail_at = 0;
    let chars: Vec<(usize, char)> = size.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let grouping = matches!(c, ',' | ' ' | '\u{a0}' | '.')
            && !current.is_empty()
            && chars[k + 1..]
                .iter()
                .take_while(|(_, c)| c.is_ascii_digit())
                .count()
                == 3;
        if c.is_ascii_digit() {
            current.push(c);
            tail_at = i + 1;
        } else if !grouping && !current.is_empty() {
            numbers.push(current.parse().ok()?);
            current.clear();
        }
    }
    if !current.is_empty() {
        numbers.push(current.parse().ok()?);
    }
    let low = numbers.first().copied()?.max(1.0);
    let open = size.contains('+') || size.to_lowercase().contains("over");
    let high = match numbers.get(1) {
        Some(h) => h.max(low),
        None if open => low * 4.0,
        None => low,
    };
    let middle = (low * high).sqrt();
    let pl = lang == "pl";
    let band = match middle {
        m if m < 50.0 => {
            if pl {
                "do 50"
            } else {
                "up to 50"
            }
        }
        m if m < 250.0 => "50–250",
        m if m < 1_000.0 => {
            if pl {
                "250–1000"
            } else {
                "250–1,000"
            }
        }
        _ => {
            if pl {
                "ponad 1000"
            } else {
                "over 1,000"
            }
        }
    };
    let tail = size[tail_at..]
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim();
    Some(
        if tail.is_empty() || tail.contains(|c: char| c.is_ascii_digit()) {
            band.to_string()
        } else {
            format!("{band} {tail}")
        },
    )
}

/// Money as published in pages in `lang`, or `None` when money is hidden.
pub fn money(m: &Money, mode: MoneyMode, lang: &str) -> Option<String> {
    amount(m.amount, &m.currency.0, mode, lang)
}

/// An engagement's value as published in pages in `lang` ("USD
/// 1,000–5,000 a month", "PLN 5 000–20 000 miesięcznie").
pub fn value(v: &Value, mode: MoneyMode, lang: &str) -> Option<String> {
    let base = amount(v.amount, &v.currency.0, mode, lang)?;
    let polish = polish(lang);
    Some(match v.per {
        Some(Period::Month) if polish => format!("{base} miesięcznie"),
        Some(Period::Year) if polish => format!("{base} rocznie"),
        Some(Period::Project) if polish => format!("{base} za projekt"),
        Some(Period::Month) => format!("{base} a month"),
        Some(Period::Year) => format!("{base} a year"),
        Some(Period::Project) => format!("{base} for the project"),
        None => base,
    })
}

/// Whether pages in `lang` are in Polish (the one language besides
/// English whose words exitbook ships).
fn polish(lang: &str) -> bool {
    lang.split(['-', '_']).next() == Some("pl")
}

fn amount(amount: f64, currency: &str, mode: MoneyMode, lang: &str) -> Option<String> {
    let written = match mode {
        MoneyMode::Hidden => return None,
        MoneyMode::Exact => thousands(amount),
        MoneyMode::Band => band(amount).to_string(),
    };
    // Polish groups thousands with a space, one that keeps the number on
    // one line, and puts its decimals after a comma ("5 000–20 000",
    // "poniżej 1 000").
    let written = if polish(lang) {
        written
            .replace(',', "\u{a0}")
            .replace('.', ",")
            .replace("under ", "poniżej ")
            .replace("over ", "powyżej ")
    } else {
        written
    };
    Some(format!("{currency} {written}"))
}

/// The band of an amount: under 1,000 · 1,000–5,000 · 5,000–20,000 ·
/// 20,000–100,000 · over 100,000.
pub fn band(amount: f64) -> &'static str {
    match amount {
        a if a < 1_000.0 => "under 1,000",
        a if a < 5_000.0 => "1,000–5,000",
        a if a < 20_000.0 => "5,000–20,000",
        a if a <= 100_000.0 => "20,000–100,000",
        _ => "over 100,000",
    }
}

fn thousands(amount: f64) -> String {
    let whole = amount.trunc() as u64;
    let cents = ((amount - amount.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::Currency;

    #[test]
    fn dates_at_each_precision() {
        let d = Date::parse("2025-03-31").unwrap();
        assert_eq!(date(d, DatePrecision::Day).text, "31 March 2025");
        assert_eq!(date(d, DatePrecision::Month).datetime, "2025-03");
        assert_eq!(date(d, DatePrecision::Quarter).text, "Q1 2025");
        assert_eq!(date(d, DatePrecision::Year).datetime, "2025");
        let m = Date::parse("2025-03").unwrap();
        assert_eq!(date(m, DatePrecision::Day).text, "March 2025");
    }

    #[test]
    fn sizes_one_band_coarser() {
        assert_eq!(size_band("10-50", "en").as_deref(), Some("up to 50"));
        assert_eq!(size_band("1-10", "en").as_deref(), Some("up to 50"));
        assert_eq!(size_band("50-200", "en").as_deref(), Some("50–250"));
        assert_eq!(
            size_band("200–500 staff", "en").as_deref(),
            Some("250–1,000 staff")
        );
        assert_eq!(
            size_band("1,200 employees", "en").as_deref(),
            Some("over 1,000 employees")
        );
        assert_eq!(size_band("1000+", "pl").as_deref(), Some("ponad 1000"));
        assert_eq!(size_band("small", "en"), None);
    }

    #[test]
    fn money_bands() {
        let m = Money {
            amount: 4200.0,
            currency: Currency("USD".into()),
        };
        assert_eq!(money(&m, MoneyMode::Band, "en").unwrap(), "USD 1,000–5,000");
        assert_eq!(money(&m, MoneyMode::Exact, "en").unwrap(), "USD 4,200");
        assert_eq!(money(&m, MoneyMode::Hidden, "en"), None);
        // In Polish, thousands grouped by a space that does not break.
        assert_eq!(
            money(&m, MoneyMode::Band, "pl").unwrap(),
            "USD 1\u{a0}000–5\u{a0}000"
        );
        let big = Money {
            amount: 250_000.5,
            ..m.clone()
        };
        assert_eq!(
            money(&big, MoneyMode::Band, "pl").unwrap(),
            "USD powyżej 100\u{a0}000"
        );
        assert_eq!(
            money(&big, MoneyMode::Exact, "pl").unwrap(),
            "USD 250\u{a0}000,50"
        );
        assert_eq!(band(100_001.0), "over 100,000");
    }
}
