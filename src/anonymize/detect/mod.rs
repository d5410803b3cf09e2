//! Detectors for free text: email addresses, phone numbers and payment-card
//! numbers are masked wherever they appear, whether or not a record
//! declared them. These run after the secret set's replacements, on text
//! that is otherwise ready to publish.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod reading;
use reading::Reading;

/// An address; its domain may be internationalised (`bäckerei.de`, `.рф`);
/// a space or a line break may stand either side of its `@` (`jo @
/// acme.de`, an address wrapped at its `@`).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9][a-z0-9._%+\-]*[ \t\n]?@[ \t\n]?[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.\p{L}{2,}\b")
        .expect("valid regex")
});

/// A run that might be a phone number: digits with optional `+`, spaces
/// (of any kind), dots, dashes (of any kind), slashes and parentheses, 7
/// to 15 digits (checked below).
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+|\(\s*)?\d[\d .\-()/\p{Zs}\p{Pd}]{4,26}\d").expect("valid regex")
});

/// Dates, which are never phone numbers: `2025-06-12`, `12.06.2025`,
/// `12/06/2025`, `2025.06.12` (any dash or space between).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{4}[\p{Pd}./ ]\d{1,2}[\p{Pd}./ ]\d{1,2}|\d{1,2}[\p{Pd}./ ]\d{1,2}[\p{Pd}./ ]\d{2,4})$")
        .expect("valid regex")
});

/// A span of clock times, never a phone number: `14.30-15.00`,
/// `9.00 – 17.30`.
static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}[.:]\d{2}\s*\p{Pd}\s*\d{1,2}[.:]\d{2}$").expect("valid regex")
});

/// 13 to 19 digits, optionally grouped by spaces (of any kind), dashes
/// (of any kind), dots or slashes. ASCII word boundaries: a Unicode `\b`
/// sends the regex off its fast engine on any text with one non-ASCII
/// character (a curly quote, an en dash), eight times slower.
static CARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[0-9](?:(?:[ \-./]|\p{Zs}|\p{Pd})?[0-9]){12,18}(?-u:\b)")
        .expect("valid regex")
});

/// What a detector found, in byte offsets of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub what: Detected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Email,
    Phone,
    Card,
}

/// The detectors, set for the country whose national phone numbers free
/// text may hold (`[anonymize] country`, or the site language's).
#[derive(Debug, Clone)]
pub struct Detectors {
    country: Option<phonenumber::country::Id>,
}

impl Detectors {
    /// `country`: an ISO code (`GB`, `PL`); `national`: whether national
    /// numbers of that country count (off only for a test switch).
    pub fn new(country: &str, national: bool) -> Detectors {
        Detectors {
            country: national
                .then(|| country.trim().to_ascii_uppercase().parse().ok())
                .flatten(),
        }
    }

    /// Everything found in `text`, without overlaps, in order: read as a
    /// browser shows it ([`reading`]), in byte ranges of `text`.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let reading = Reading::of(text);
        let mut found = self.find_in(&reading.text);
        for f in &mut found {
            f.range = reading.source(f.range.clone());
        }
        found
    }

    fn find_in(&self, text: &str) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        for range in emails(text) {
            found.push(Found {
                range,
                what: Detected::Email,
            });
        }
        for m in CARD.find_iter(text) {
            if overlaps(&found, &m.range()) {
                continue;
            }
            if let Some(end) = card_end(m.as_str()) {
                found.push(Found {
                    range: m.start()..m.start() + end,
                    what: Detected::Card,
                });
            }
        }
        for m in PHONE.find_iter(text) {
            let range = trim_range(text, m.range());
            if range.is_empty() || overlaps(&found, &range) {
                continue;
            }
            if self.is_phone(text, range.clone()) {
                // `(+47) 22 12 34 56`: the bracket before the sign goes
                // too, or the page would read "([phone withheld]".
                let mut range = range;
                let inside = &text[range.clone()];
                if text[..range.start].ends_with('(')
                    && inside.find(')').is_some_and(|c| !inside[..c].contains('('))
                {
                    range.start -= 1;
                }
                found.push(Found {
                    range,
                    what: Detected::Phone,
                });
            }
        }
        found.sort_by_key(|f| f.range.start);
        found
    }

    fn is_phone(&self, text: &str, range: Range<usize>) -> bool {
        let candidate = &text[range.clone()];
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        if !(7..=15).contains(&digits) {
            return false;
        }
        // A messaging link's number is international without its `+`
        // (`wa.me/353871234567`, `…/send?phone=353871234567`).
        let head = &text[..range.start];
        if head.ends_with("wa.me/") || head.ends_with("phone=") {
            let number = format!("+{}", candidate.trim_start_matches('+'));
            return phonenumber::parse(None, &number).is_ok_and(|n| phonenumber::is_valid(&n));
        }
        // A ticket (`CS-05550142`) or a word joined to digits is no phone.
        let before = text[..range.start].chars().next_back();
        if before
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/' || c == '_' || c == '#')
        {
            return false;
        }
        let after = text[range.end..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return false;
        }
        if DATE.is_match(candidate.trim()) || TIMES.is_match(candidate.trim()) {
            return false;
        }
        // A range of amounts grouped by thousands (`5 000–10 000`, `1,000 -
        // 5,000`): a band of money as written, or as exitbook writes one.
        if amount_range(candidate) {
            return false;
        }
        // Dates and ranges: 2025-03-31, 1000-5000.
        let parts: Vec<&str> = candidate.split('-').collect();
        if parts.len() >= 2
            && !candidate.contains([' ', '(', '.', '+'])
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && (parts[0].len() == 4 || parts.len() == 2)
        {
            return false;
        }
        let plain = crate::anonymize::secrets::spaced(candidate);
        let plain = plain.trim();
        let (international, number) = match plain.strip_prefix("00") {
            Some(rest) => (true, format!("+{rest}")),
            None => (plain.starts_with('+'), plain.to_string()),
        };
        let country = if international { None } else { self.country };
        if country.is_none() && !international {
            return false;
        }
        phonenumber::parse(country, &number).is_ok_and(|n| phonenumber::is_valid(&n))
    }
}

/// Whether `candidate` is two amounts, each grouped by thousands, with a
/// dash between, the second the larger (`5 000–10 000`, `10,000 - 50,000`,
/// `500 – 1 000`; not the phone number `600 123-456`).
fn amount_range(candidate: &str) -> bool {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        let amount = r"(\d{1,3}(?:[ .,'\p{Zs}]\d{3})*)";
        Regex::new(&format!(r"^\s*{amount}\s*\p{{Pd}}\s*{amount}\s*$")).expect("valid regex")
    });
    let value = |s: &str| {
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u64>()
            .ok()
    };
    RANGE
        .captures(candidate)
        .is_some_and(|c| matches!((value(&c[1]), value(&c[2])), (Some(a), Some(b)) if a < b))
}

/// The address that holds `range` of `text` (as written, by the same
/// pattern as [`Detectors::find`]'s), when an `@` follows it or stands
/// before it in the same word: a name that is an address's local part
/// (`dana.w@acme.example`) or in its domain (`ops@harbor-freight.com`)
/// goes as an address, not "ops@Client Slate Hare.com" (which kept the
/// local part: an undeclared colleague's name, often).
pub fn email_holding(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let after = text[range.end..]
        .strip_prefix([' ', '\t', '\n'])
        .unwrap_or(&text[range.end..]);
    let at_before = text[..range.start]
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.contains('@'));
    if !after.starts_with('@') && !at_before {
        return spelt_email_holding(text, range);
    }
    // From the start of the word the name is in to well past the `@`.
    let from = text[..range.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut to = (range.end + 256).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    emails(&text[from..to])
        .into_iter()
        .map(|m| from + m.start..from + m.end)
        .find(|m| m.start <= range.start && range.end <= m.end)
}

/// The addresses in `text`. [`EMAIL`] reads a local part in ASCII (fast:
/// letters beyond it make the pattern a tenth slower on every text); an
/// address whose local part has letters beyond ASCII (`Żaneta.Wrona@…`,
/// `José.García@…`, internationalised) is matched by it from where they
/// end, or not at all, and is read again by [`EMAIL_INTL`] around its `@`
/// (or its first letters would be published beside the mask).
fn emails(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in EMAIL.find_iter(text) {
        let cut = text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(in_local_part);
        out.push(
            if cut {
                intl_around(text, m.start())
            } else {
                None
            }
            .unwrap_or(m.range()),
        );
    }
    for at in memchr::memchr_iter(b'@', text.as_bytes()) {
        if !out.iter().any(|r| r.contains(&at))
            && local_beyond_ascii(text, at)
            && let Some(r) = intl_around(text, at)
        {
            out.push(r);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Does the `@` at `at` follow a run of an address's local part (letters,
/// digits, `._%+-`; a space may stand between) that has a letter beyond
/// ASCII? (Not the `@` of an internal link, `(@/cases/…)`.)
fn local_beyond_ascii(text: &str, at: usize) -> bool {
    let before = text[..at]
        .strip_suffix([' ', '\t', '\n'])
        .unwrap_or(&text[..at]);
    before
        .chars()
        .rev()
        .take(64)
        .take_while(|&c| in_local_part(c))
        .any(|c| !c.is_ascii())
}

/// A character an address's local part may hold (as [`EMAIL_INTL`]
/// reads one): a letter or digit of any script, `.`, `_`, `%`, `+`, `-`.
fn in_local_part(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// The address [`EMAIL_INTL`] reads around `at` (a byte of it).
fn intl_around(text: &str, at: usize) -> Option<Range<usize>> {
    let mut from = at.saturating_sub(256);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (at + 256).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    EMAIL_INTL
        .find_iter(&text[from..to])
        .map(|m| from + m.start()..from + m.end())
        .find(|m| m.start <= at && at < m.end)
}

/// [`EMAIL`] with a local part of any letters.
static EMAIL_INTL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[\p{L}\p{N}][\p{L}\p{N}._%+\-]*[ \t\n]?@[ \t\n]?[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.\p{L}{2,}\b")
        .expect("valid regex")
});

/// [`email_holding`] for an address whose `@` is spelt out (`n [dot]
/// kowalski [at] acme [dot] pl`, `k.weber(at)kunde.example`): the
/// address in its line, read as the detectors read it, that holds `range`
/// anywhere (its local part, a label of its domain).
fn spelt_email_holding(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut from = range.start.saturating_sub(256);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (range.end + 256).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    // Within the line.
    if let Some(n) = memchr::memrchr(b'\n', &b[from..range.start]) {
        from += n + 1;
    }
    if let Some(n) = memchr::memchr(b'\n', &b[range.end..to]) {
        to = range.end + n;
    }
    let window = &text[from..to];
    let w = window.as_bytes();
    let spelt_at = memchr::memchr3_iter(b')', b']', b'}', w).any(|e| {
        e >= 3 && matches!(w[e - 3], b'(' | b'[' | b'{') && w[e - 2..e].eq_ignore_ascii_case(b"at")
    });
    if !spelt_at {
        return None;
    }
    let reading = Reading::of(window);
    let holding = |re: &Regex| {
        re.find_iter(&reading.text)
            .map(|m| {
                let r = reading.source(m.range());
                from + r.start..from + r.end
            })
            .find(|m| m.start <= range.start && range.end <= m.end)
    };
    holding(&EMAIL).or_else(|| holding(&PROVIDER_EMAIL))
}

/// An address spelt out at a public mail provider without its domain's
/// ending (`dana (dot) whitfield (at) gmail`): what readers take for the
/// whole address. The providers are those whose domains are no secret
/// ([`crate::anonymize::forms::PUBLIC_PROVIDERS`]).
static PROVIDER_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let providers: Vec<String> = crate::anonymize::forms::PUBLIC_PROVIDERS
        .iter()
        .map(|p| regex::escape(p))
        .collect();
    Regex::new(&format!(
        r"(?i)\b[a-z0-9][a-z0-9._%+\-]*[ \t]?@[ \t]?(?:{})\b",
        providers.join("|")
    ))
    .expect("valid regex")
});

fn overlaps(found: &[Found], r: &Range<usize>) -> bool {
    found
        .iter()
        .any(|f| f.range.start < r.end && r.start < f.range.end)
}

/// Drop unbalanced parentheses and trailing punctuation a regex run took in.
fn trim_range(text: &str, mut r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let opens = s.matches('(').count();
    let closes = s.matches(')').count();
    if closes > opens && s.ends_with(')') {
        r.end -= 1;
    }
    if opens > closes && s.starts_with('(') {
        r.start += 1;
    }
    r
}

/// The Luhn checksum of a card number.
/// Where the card number that `run` (digits and separators) starts with
/// ends: the whole run when it passes the checksum, else the longest run
/// of its leading groups that does (`4111 1111 1111 1111 123`: a
/// security code written after the number).
fn card_end(run: &str) -> Option<usize> {
    let digits: Vec<(usize, u32)> = run
        .char_indices()
        .filter_map(|(i, c)| c.to_digit(10).map(|d| (i, d)))
        .collect();
    let values: Vec<u32> = digits.iter().map(|(_, d)| *d).collect();
    if luhn(&values) {
        return Some(run.len());
    }
    (13..digits.len()).rev().find_map(|n| {
        let end = digits[n - 1].0 + 1;
        // Only where a group ends.
        let grouped = !run[end..].starts_with(|c: char| c.is_ascii_digit());
        (grouped && luhn(&values[..n])).then_some(end)
    })
}

pub fn luhn(digits: &[u32]) -> bool {
    if digits.len() < 13 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Detected)> {
        kinds_in("US", text)
    }

    fn kinds_in(country: &str, text: &str) -> Vec<(String, Detected)> {
        Detectors::new(country, true)
            .find(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.what))
            .collect()
    }

    #[test]
    fn disguised_addresses_and_numbers_and_messaging_links() {
        let found = |t: &str| kinds_in("IE", t);
        for t in [
            "write to jane.doe&#64;acmeco.ie today",
            "write to jane.doe&commat;acmeco.ie today",
            "[m](mailto:jane.doe%40acmeco.ie)",
            "write to jane.doe@**acmeco**.ie today",
            "write to jane\u{200B}.doe@acmeco.ie today",
            "write to jane.doe＠acmeco.ie today",
            "write to zorvak@bäckerei-kowalczyk.de today",
        ] {
            assert!(found(t).iter().any(|(_, k)| *k == Detected::Email), "{t}");
        }
        for t in [
            "call 087 **123** 4567 today",
            "call ٠٨٧ ١٢٣ ٤٥٦٧ today",
            "call +353·87·123·4567 today",
            "see https://wa.me/353871234567 now",
            "see https://api.whatsapp.com/send?phone=353871234567 now",
        ] {
            assert!(found(t).iter().any(|(_, k)| *k == Detected::Phone), "{t}");
        }
    }

    #[test]
    fn a_range_of_amounts_is_no_phone_and_a_number_written_like_one_is() {
        for t in [
            "budżet 5 000–10 000 zł",
            "between 1,000 - 5,000 a month",
            "od 500 – 1 000 zł",
        ] {
            assert!(kinds_in("PL", t).is_empty(), "{t}");
        }
        assert_eq!(
            kinds_in("PL", "tel. 600 123-456 dziś"),
            vec![("600 123-456".into(), Detected::Phone)]
        );
    }

    #[test]
    fn the_address_a_name_is_the_local_part_of() {
        let t = "mail x.dana.w@acme.example or dana at home, or dana @ acme.example.";
        let at = |w: &str, n: usize| {
            let s = t.match_indices(w).nth(n).unwrap().0;
            email_holding(t, s..s + w.len()).map(|r| &t[r])
        };
        assert_eq!(at("dana.w", 0), Some("x.dana.w@acme.example"));
        assert_eq!(at("dana", 1), None, "no @ after it");
        assert_eq!(at("dana", 2), Some("dana @ acme.example"));
        // Spelt out, at a mail provider named without its ending.
        let t = "Write to dana (dot) whitfield (at) gmail or to dana at noon.";
        let s = t.find("whitfield").unwrap();
        assert_eq!(
            spelt_email_holding(t, s..s + 9).map(|r| &t[r]),
            Some("dana (dot) whitfield (at) gmail")
        );
        let s = t.rfind("dana").unwrap();
        assert_eq!(spelt_email_holding(t, s..s + 4), None);
    }

    #[test]
    fn emails() {
        assert_eq!(
            kinds("write to dana.whitfield@harborfreight.com today"),
            vec![("dana.whitfield@harborfreight.com".into(), Detected::Email)]
        );
    }

    #[test]
    fn phones_in_international_and_national_form() {
        for t in [
            "+1 503 555 0142",
            "(503) 555-0142",
            "503.555.0142",
            "+44 20 7946 0321",
            "+48 22 555 01 23",
            "+1-503-555-0142",
        ] {
            let k = kinds(&format!("Call {t}."));
            assert_eq!(k.len(), 1, "{t}: {k:?}");
            assert_eq!(k[0].1, Detected::Phone, "{t}");
        }
    }

    #[test]
    fn not_phones() {
        for t in [
            "ticket CS-05550142",
            "size 50-200",
            "on 2025-03-31",
            "in 2024 and 2025",
            "USD 4,200",
            "order 1234567",
        ] {
            assert_eq!(kinds(t), vec![], "{t}");
        }
    }

    #[test]
    fn national_numbers_of_the_sites_country() {
        for (country, t) in [
            ("IE", "087 123 4567"),
            ("PL", "22 555 01 23"),
            ("CZ", "601\u{2009}123\u{2009}456"),
            ("GB", "020 7946–0321"),
            ("DK", "32 12 34 56"),
        ] {
            let k = kinds_in(country, &format!("Call {t} today."));
            assert_eq!(k.len(), 1, "{country} {t}: {k:?}");
        }
    }

    #[test]
    fn dates_are_never_phone_numbers() {
        for country in ["US", "PL", "DK", "NO", "CY", "IE", "DE", "GB", "FR"] {
            for t in [
                "2025-06-12",
                "12.06.2025",
                "12/06/2025",
                "2025.06.12",
                "12 06 2025",
                "12–06–2025",
            ] {
                assert_eq!(
                    kinds_in(country, &format!("On {t} we met.")),
                    vec![],
                    "{country} {t}"
                );
            }
        }
    }

    #[test]
    fn cards_addresses_and_numbers_however_written() {
        for (text, found, what) in [
            (
                "card 4111.1111.1111.1111 ok",
                "4111.1111.1111.1111",
                Detected::Card,
            ),
            (
                "card 4111\u{a0}1111\u{2009}1111–1111 ok",
                "4111\u{a0}1111\u{2009}1111–1111",
                Detected::Card,
            ),
            (
                "card 4111&nbsp;1111&nbsp;1111&nbsp;1111 ok",
                "4111&nbsp;1111&nbsp;1111&nbsp;1111",
                Detected::Card,
            ),
            (
                "card 4111\\-1111\\-1111\\-1111 ok",
                "4111\\-1111\\-1111\\-1111",
                Detected::Card,
            ),
            (
                "card 4111/1111/1111/1111 ok",
                "4111/1111/1111/1111",
                Detected::Card,
            ),
            (
                "card 4111 1111 1111 1111 123 ok",
                "4111 1111 1111 1111",
                Detected::Card,
            ),
            (
                "mail jo.smith\\@otherco.com ok",
                "jo.smith\\@otherco.com",
                Detected::Email,
            ),
            (
                "mail k.weber(at)kunde-gmbh.de ok",
                "k.weber(at)kunde-gmbh.de",
                Detected::Email,
            ),
            (
                "mail jo[at]acme[dot]de ok",
                "jo[at]acme[dot]de",
                Detected::Email,
            ),
            (
                "mail jo@acme&period;de ok",
                "jo@acme&period;de",
                Detected::Email,
            ),
            (
                "mail jo<!-- x -->@acme.de ok",
                "jo<!-- x -->@acme.de",
                Detected::Email,
            ),
            (
                "call 202&nbsp;555&ndash;0143 ok",
                "202&nbsp;555&ndash;0143",
                Detected::Phone,
            ),
            (
                "call 202\\-555\\-0143 ok",
                "202\\-555\\-0143",
                Detected::Phone,
            ),
            (
                "call 202 <span>555</span> 0143 ok",
                "202 <span>555</span> 0143",
                Detected::Phone,
            ),
            (
                "mail ana.ruiz @ fabrikam.es ok",
                "ana.ruiz @ fabrikam.es",
                Detected::Email,
            ),
            (
                "mail mia.wong\n@tailspin.co.uk ok",
                "mia.wong\n@tailspin.co.uk",
                Detected::Email,
            ),
            (
                "mail tom.berg%2540contoso.se ok",
                "tom.berg%2540contoso.se",
                Detected::Email,
            ),
        ] {
            assert_eq!(kinds(text), vec![(found.to_string(), what)], "{text}");
        }
        // Prose keeps its brackets, and clock times stay times.
        assert!(kinds("we met (at) noon [at] the office").is_empty());
        assert!(kinds_in("IE", "open 14.30-15.00 daily").is_empty());
    }

    #[test]
    fn cards_need_a_valid_checksum() {
        assert_eq!(
            kinds("card 4111 1111 1111 1111 on file")[0].1,
            Detected::Card
        );
        assert!(
            kinds("card 4111 1111 1111 1112 on file")
                .iter()
                .all(|k| k.1 != Detected::Card)
        );
    }
}
