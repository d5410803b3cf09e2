//! Dates written in prose, found and published at the site's precision.
//!
//! Recognised (English and Polish; numeric forms in every language):
//! `29 August 2025`, `29th of Aug`, `August 29, 2025`, `Aug 29`, `Monday,
//! 2 March`, `2025-08-29`, `2025/08/29`, `29.08.2025`, `29/08/2025`,
//! `29 sierpnia 2025 r.`, `29 VIII 2025`, `on the 29th`; as systems write
//! a day (`31 Mar 25`, `31MAR2025`, `20250331`); a day and month without a
//! year (`do 31.03.`, `by 3/31`); parts of a month
//! (`late August`, `pod koniec sierpnia`); months (`August 2025`,
//! `2025-08`, `in August`, `w sierpniu`); quarters (`Q3 2025`, `III kw.`).
//! A year alone is never finer than any precision and stays as it is.
//!
//! A date finer than the precision becomes its month, quarter or year
//! ([`super::said`]). A date written without a year is published without
//! one ("on 2 March" → "in March"): guessing the year from the record
//! would sometimes be wrong, and the text said no more. Where nothing is
//! left to say (a day with no month at month precision, a date with no
//! year at year precision) the phrase goes, and the sentence closes over
//! it.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::{Captures, Regex};

use super::words::{self, Lang};

/// How finely a date is written, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    Day,
    /// Early, mid or late in a month.
    Part,
    Month,
    Quarter,
    /// A half year or a season: published as it is, or as its year.
    Half,
}

/// A date as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The date itself (with its weekday, `late`, `r.`), without the
    /// preposition before it.
    pub range: Range<usize>,
    pub grain: Grain,
    pub year: Option<u16>,
    /// None only for a day alone (`on the 29th`) or a quarter.
    pub month: Option<u8>,
    pub quarter: Option<u8>,
    /// A day in the first third of its month (`by 2025-05-01`): a
    /// deadline then is "by the start of May", not "by the end of May".
    pub early: bool,
}

const EN_MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?-u:\b)\.?)";
const WEEKDAY: &str = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?";
const YEAR: &str = r"(?:19|20)[0-9]{2}(?-u:\b)";
/// A season's name. (`the summer of 2024` is one date with its article,
/// `the spring 2026 review` keeps it: "the 2026 review".)
const SEASON: &str = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)";
/// The year after a day and month, if any: `, 2025`, ` 2025`, or two
/// digits after an apostrophe (`31 March '25`, `March 31, ’25`), captured
/// apart as `yy`.
const YEAR_AFTER: &str =
    r"(?:,?\s+(?P<y>(?:19|20)[0-9]{2})(?-u:\b)|,?\s+['’](?P<yy>[0-9]{2})(?-u:\b))?";
/// A year of four digits, or of two (`3/14/25`), captured apart as `yy`.
const ANY_YEAR: &str = r"(?:(?P<y>(?:19|20)[0-9]{2})|(?P<yy>[0-9]{2}))(?-u:\b)";
/// More days of the same month after the first: a range or a pair
/// (`14–16`, `14 & 15`, `14 to 16`), said with the first as one date, or
/// the later day would be left behind ("March–16, 2025").
const MORE_DAYS: &str = r"(?:\s*(?:[-–—&]|and|to)\s*[0-9]{1,2}(?:st|nd|rd|th)?(?-u:\b))?";
const PL_GEN: &str = r"(?:[Ss]tycznia|[Ll]utego|[Mm]arca|[Kk]wietnia|[Mm]aja|[Cc]zerwca|[Ll]ipca|[Ss]ierpnia|[Ww]rześnia|[Pp]aździernika|[Ll]istopada|[Gg]rudnia)";
const PL_ANY: &str = r"(?:[Ss]tycz(?:eń|nia|niu|niem)|[Ll]ut(?:y|ego|ym)|[Mm]ar(?:zec|ca|cu|cem)|[Kk]wie(?:cień|tnia|tniu|tniem)|[Mm]aj(?:a|u|em)?|[Cc]zerw(?:iec|ca|cu|cem)|[Ll]ip(?:iec|ca|cu|cem)|[Ss]ierp(?:ień|nia|niu|niem)|[Ww]rze(?:sień|śnia|śniu|śniem)|[Pp]aździernik(?:a|u|iem)?|[Ll]istopad(?:a|zie|em)?|[Gg]rud(?:zień|nia|niu|niem))";
const ROMAN_MONTH: &str = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)";
const PL_YEAR_WORD: &str = r"(?:\s*(?:r\.|roku(?-u:\b)))?";

/// One pattern per shape of date; every match is read by [`read`].
static PATTERNS: LazyLock<Vec<(Shape, String)>> = LazyLock::new(|| {
    let p = |s: &str| s.to_string();
    vec![
        (
            Shape::DayMonthEn,
            p(&format!(
                r"(?-u:\b){WEEKDAY}(?:[Tt]he\s+)?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?{MORE_DAYS}(?:\s+of)?\s+(?P<m>{EN_MONTH}){YEAR_AFTER}"
            )),
        ),
        (
            Shape::MonthDayEn,
            p(&format!(
                r"(?-u:\b){WEEKDAY}(?P<m>{EN_MONTH})\s+(?:the\s+)?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?{MORE_DAYS}(?-u:\b){YEAR_AFTER}"
            )),
        ),
        (
            Shape::Iso,
            p(&format!(
                r"(?-u:\b)(?P<y>{YEAR})[-/](?P<m>[0-9]{{2}})[-/](?P<d>[0-9]{{2}})(?-u:\b)"
            )),
        ),
        (
            Shape::DayFirst,
            p(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})\.(?P<m>[0-9]{{1,2}})\.(?P<y>{YEAR}){PL_YEAR_WORD}"
            )),
        ),
        (
            Shape::Slashed,
            p(&format!(
                r"(?-u:\b)(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/{ANY_YEAR}"
            )),
        ),
        (
            Shape::DashedEn,
            p(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})-(?P<m>{EN_MONTH})-{ANY_YEAR}"
            )),
        ),
        (
            Shape::DayMonYyEn,
            p(
                r"(?-u:\b)(?P<d>[0-9]{1,2})\s+(?P<m>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+(?P<yy>[0-9]{2})(?-u:\b)",
            ),
        ),
        (
            Shape::GluedEn,
            p(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})(?P<m>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))(?:(?P<y>{YEAR})|(?P<yy>[0-9]{{2}})(?-u:\b))"
            )),
        ),
        (
            Shape::Compact,
            p(
                r"(?-u:\b)(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?-u:\b)",
            ),
        ),
        (
            Shape::DayMonthDot,
            p(r"(?-u:\b)(?P<d>[0-9]{1,2})\.(?P<m>0[1-9]|1[0-2])\."),
        ),
        (
            Shape::SlashedNoYear,
            p(
                r"(?-u:\b)(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Ss]ince|[Ff]rom|[Dd]ue|[Tt]hrough|[Dd]o|[Oo]d|[Pp]rzed|[Pp]o|[Dd]nia)\s+(?P<core>(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2}))(?-u:\b)",
            ),
        ),
        (
            Shape::PartEn,
            p(&format!(
                r"(?-u:\b)(?:early|mid|late|the middle of)[\s-]+(?P<m>{EN_MONTH})(?:,?\s+(?P<y>{YEAR}))?"
            )),
        ),
        (
            Shape::MonthYearEn,
            p(&format!(
                r"(?-u:\b)(?P<m>{EN_MONTH})(?:,|\s+of)?\s+(?P<y>{YEAR})"
            )),
        ),
        (
            Shape::IsoMonth,
            p(&format!(
                r"(?-u:\b)(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?-u:\b)"
            )),
        ),
        (
            Shape::MonthAfterWordEn,
            p(&format!(
                r"(?-u:\b)(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f)\s+(?P<m>{EN_MONTH})"
            )),
        ),
        (
            Shape::Quarter,
            p(&format!(
                r"(?-u:\b)Q(?P<q>[1-4])(?-u:\b)(?:(?:\s*[/-]\s*|\s*)(?P<y>{YEAR}))?"
            )),
        ),
        (
            Shape::DottedRoman,
            p(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})\.(?P<m>{ROMAN_MONTH})\.(?P<y>{YEAR})"
            )),
        ),
        (
            Shape::NumMonth,
            p(&format!(r"(?-u:\b)(?P<m>0?[1-9]|1[0-2])/(?P<y>{YEAR})")),
        ),
        (
            Shape::Half,
            p(&format!(r"(?-u:\b)H[12](?:\s*[/-]\s*|\s*)(?P<y>{YEAR})")),
        ),
        (
            Shape::SeasonEn,
            p(&format!(
                r"(?-u:\b)(?:[Tt]he\s+{SEASON}\s+of|{SEASON})\s+(?P<y>{YEAR})"
            )),
        ),
        (
            Shape::MonthDashEn,
            p(&format!(
                r"(?-u:\b)(?P<m>{EN_MONTH})(?:-(?P<y>{YEAR})|\s+['’](?P<yy>[0-9]{{2}})(?-u:\b))"
            )),
        ),
        (
            Shape::DayAloneEn,
            p(
                r"(?-u:\b)(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Ss]ince|[Ff]rom)\s+(?P<core>the\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th))(?-u:\b)",
            ),
        ),
        (
            Shape::DayMonthPl,
            p(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})(?:\.\s*|-go\s+|\s+)(?P<m>{PL_GEN}|{ROMAN_MONTH}(?-u:\b))(?:(?:\s+|\.\s*)(?P<y>{YEAR}))?{PL_YEAR_WORD}"
            )),
        ),
        (
            Shape::PartPl,
            p(&format!(
                r"(?i:(?-u:\b)(?:na początku|w połowie|pod koniec|z końcem|końcem|początkiem|w pierwszej połowie|w drugiej połowie))\s+(?P<m>{PL_GEN})(?:\s+(?P<y>{YEAR}){PL_YEAR_WORD})?"
            )),
        ),
        (
            Shape::MonthPl,
            p(&format!(
                r"(?P<m>{PL_ANY})(?:\s+(?P<y>{YEAR}){PL_YEAR_WORD})?"
            )),
        ),
        (
            Shape::QuarterPl,
            p(&format!(
                r"(?-u:\b)(?P<q>IV|III|II|I)\s+(?:kw\.|kwarta(?:łem|łu|le|ł))(?:\s+(?P<y>{YEAR}){PL_YEAR_WORD})?"
            )),
        ),
    ]
});

/// Each of [`PATTERNS`] compiled when a text first holds its shape: a site
/// meets a few shapes of date, all in its own language (compiling the
/// fifteen there were then was 0.5% of a 1,000-page build's instructions).
static COMPILED: LazyLock<Vec<OnceLock<Regex>>> =
    LazyLock::new(|| PATTERNS.iter().map(|_| OnceLock::new()).collect());

fn regex(i: usize) -> &'static Regex {
    COMPILED[i].get_or_init(|| Regex::new(&PATTERNS[i].1).expect("valid date pattern"))
}

/// The patterns of `lang`: their indices in [`PATTERNS`], in order, and
/// their texts (for the set that says which of them can match in a text:
/// [`crate::anonymize::quasi::Shapes`]).
pub(super) fn patterns(lang: Lang) -> Vec<(usize, &'static str)> {
    PATTERNS
        .iter()
        .enumerate()
        .filter(|(_, (shape, _))| shape.for_lang(lang))
        .map(|(i, (_, re))| (i, re.as_str()))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    DayMonthEn,
    MonthDayEn,
    Iso,
    DayFirst,
    Slashed,
    /// `14-Mar-2025`, `14-Mar-25`.
    DashedEn,
    /// `31 Mar 25`: a year of two digits after a month's abbreviation
    /// (not after a month's name: `on 3 March 25 clients left`).
    DayMonYyEn,
    /// `31Mar2025`, `31MAR25`, as booking and banking systems write them.
    GluedEn,
    /// `20250331`, as file names and exports write a day.
    Compact,
    /// `31.03.`: a day and month without a year, as Polish and German
    /// write them (the month in two digits: `3.1.` is a section), after a
    /// word that makes them a date or of a day no section reaches
    /// (`see 2.10.` is a section).
    DayMonthDot,
    /// `by 3/31`, `do 31/03`: a day and month without a year after a word
    /// that makes them a date (`3/4 of them`, `24/7` are none).
    SlashedNoYear,
    PartEn,
    MonthYearEn,
    IsoMonth,
    MonthAfterWordEn,
    Quarter,
    /// `14.III.2025`, in any language (Central European usage that an
    /// English page may quote).
    DottedRoman,
    /// `03/2025`.
    NumMonth,
    /// `H2 2024`: a half year, published as it is or as its year.
    Half,
    /// `summer 2024`, `the autumn of 2024`: a season, as a half year.
    SeasonEn,
    /// `Mar-2025`, `March '25`.
    MonthDashEn,
    DayAloneEn,
    DayMonthPl,
    PartPl,
    MonthPl,
    QuarterPl,
}

impl Shape {
    fn for_lang(self, lang: Lang) -> bool {
        use Shape::*;
        match self {
            DayMonthEn | MonthDayEn | DashedEn | DayMonYyEn | GluedEn | PartEn | MonthYearEn
            | MonthAfterWordEn | SeasonEn | MonthDashEn | DayAloneEn => lang == Lang::En,
            DayMonthPl | PartPl | MonthPl | QuarterPl => lang == Lang::Pl,
            Iso | DayFirst | Slashed | SlashedNoYear | IsoMonth | Quarter | DottedRoman
            | NumMonth | Half | Compact | DayMonthDot => true,
        }
    }
}

/// Every date written in `text`, without overlaps, in order, of the
/// patterns `matching` (indices in [`PATTERNS`], ascending: those that
/// match somewhere in it). `day_first`: whether `03/04/2025` is 3 April
/// (else 4 March, as in the US).
pub fn find(text: &str, matching: &[usize], day_first: bool) -> Vec<Written> {
    let mut all: Vec<Written> = Vec::new();
    for &i in matching {
        let shape = PATTERNS[i].0;
        for c in regex(i).captures_iter(text) {
            if let Some(w) = read(shape, &c, text, day_first) {
                all.push(w);
            }
        }
    }
    // The longest reading wins where two overlap ("the 29th of August"
    // over "on the 29th"), then the earliest.
    all.sort_by(|a, b| {
        b.range
            .len()
            .cmp(&a.range.len())
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut chosen: Vec<Written> = Vec::new();
    for w in all {
        if !chosen
            .iter()
            .any(|c| c.range.start < w.range.end && w.range.start < c.range.end)
        {
            chosen.push(w);
        }
    }
    chosen.sort_by_key(|w| w.range.start);
    chosen
}

fn num(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn month_of(s: &str) -> Option<u8> {
    words::en_month(s)
        .or_else(|| words::pl_month_word(s).map(|(m, _)| m))
        .or_else(|| {
            words::ROMAN
                .iter()
                .position(|r| *r == s)
                .map(|i| i as u8 + 1)
        })
}

fn read(shape: Shape, c: &Captures<'_>, text: &str, day_first: bool) -> Option<Written> {
    let whole = c.get(0)?;
    let mut range = whole.range();
    // A date glued to a word, a ticket or a path is not prose: `CS-2025-08`.
    let before = text[..range.start].chars().next_back();
    if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '-' | '/' | '#' | '_' | '.')) {
        return None;
    }
    let after = text[range.end..].chars().next();
    if after.is_some_and(|a| a.is_alphanumeric() || a == '_')
        || (after == Some('-') || after == Some('/'))
            && text[range.end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if in_url(text, range.start) {
        return None;
    }
    // A year of two digits is of this century up to 69 (`3/14/25`).
    let year = num(c, "y")
        .or_else(|| num(c, "yy").map(|y| if y < 70 { 2000 + y } else { 1900 + y }))
        .map(|y| y as u16);
    let m = |name: &str| c.name(name).and_then(|m| month_of(m.as_str()));
    let valid_day = |d: u32| (1..=31).contains(&d);
    let mut day = num(c, "d");
    let (grain, month, quarter) = match shape {
        Shape::DayMonthEn
        | Shape::MonthDayEn
        | Shape::DashedEn
        | Shape::DayMonYyEn
        | Shape::GluedEn
        | Shape::DottedRoman
        | Shape::DayMonthPl => {
            if !valid_day(num(c, "d")?) {
                return None;
            }
            // `3 I` is no date without its year (`29 VIII 2025` is).
            let roman = c
                .name("m")
                .is_some_and(|m| m.as_str().starts_with(['I', 'V', 'X']));
            if roman && year.is_none() {
                return None;
            }
            (Grain::Day, Some(m("m")?), None)
        }
        Shape::DayMonthDot => {
            let word = text[..range.start]
                .trim_end()
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let (d, month) = (num(c, "d")?, num(c, "m")?);
            if !(DATE_WORDS.contains(&word.as_str()) || d >= 13) || !valid_day(d) {
                return None;
            }
            (Grain::Day, Some(month as u8), None)
        }
        Shape::Iso | Shape::DayFirst | Shape::Compact => {
            let month = num(c, "m")?;
            if !valid_day(num(c, "d")?) || !(1..=12).contains(&month) {
                return None;
            }
            (Grain::Day, Some(month as u8), None)
        }
        Shape::Slashed | Shape::SlashedNoYear => {
            if let Some(core) = c.name("core") {
                range = core.range();
            }
            let (a, b) = (num(c, "a")?, num(c, "b")?);
            let (d, month) = if a > 12 || (day_first && b <= 12) {
                (a, b)
            } else {
                (b, a)
            };
            if !valid_day(d) || !(1..=12).contains(&month) {
                return None;
            }
            day = Some(d);
            (Grain::Day, Some(month as u8), None)
        }
        Shape::PartEn | Shape::PartPl => (Grain::Part, Some(m("m")?), None),
        Shape::MonthYearEn | Shape::MonthPl | Shape::MonthAfterWordEn => {
            let at = c.name("m")?;
            // A month alone must follow a word that makes it one ("in
            // May", "w maju"); `May` and `Maja` are also a verb and a name.
            if year.is_none() && shape == Shape::MonthPl && !pl_month_context(text, at.start()) {
                return None;
            }
            range = at.start()..range.end;
            (Grain::Month, Some(m("m")?), None)
        }
        Shape::IsoMonth => {
            let month = num(c, "m")?;
            (Grain::Month, Some(month as u8), None)
        }
        Shape::Quarter | Shape::QuarterPl => {
            let q = c.name("q")?.as_str();
            let q = q.parse::<u8>().ok().or_else(|| {
                words::ROMAN
                    .iter()
                    .position(|r| *r == q)
                    .map(|i| i as u8 + 1)
            })?;
            (Grain::Quarter, None, Some(q))
        }
        Shape::NumMonth => (Grain::Month, Some(num(c, "m")? as u8), None),
        Shape::MonthDashEn => (Grain::Month, Some(m("m")?), None),
        // Coarser than a quarter, finer than a year.
        Shape::Half | Shape::SeasonEn => (Grain::Half, None, None),
        Shape::DayAloneEn => {
            let core = c.name("core")?;
            if !valid_day(num(c, "d")?) {
                return None;
            }
            // "on the 3rd floor", "by the 2nd call": not a day.
            let next: String = text[core.end()..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if words::NOT_A_DAY_AFTER.contains(&next.as_str()) {
                return None;
            }
            range = core.range();
            (Grain::Day, None, None)
        }
    };
    Some(Written {
        range,
        grain,
        year,
        month,
        quarter,
        early: grain == Grain::Day && day.is_some_and(|d| d <= 10),
    })
}

/// Words after which a day and month without a year (`31.03.`) are a
/// date: English, Polish and German prepositions of time.
const DATE_WORDS: &[&str] = &[
    "on", "by", "until", "till", "before", "after", "since", "from", "due", "through", "do", "od",
    "przed", "po", "dnia", "dniu", "z", "ze", "na", "am", "bis", "vom", "zum", "ab", "seit",
    "termin",
];

/// Polish words after which a month name alone is a date.
const PL_BEFORE_MONTH: &[&str] = &[
    "w",
    "we",
    "od",
    "do",
    "przed",
    "po",
    "z",
    "ze",
    "na",
    "około",
    "ok.",
    "od",
    "koniec",
    "końca",
    "końcem",
    "początku",
    "początkiem",
    "połowie",
    "połowy",
];

fn pl_month_context(text: &str, at: usize) -> bool {
    let word = text[..at]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    PL_BEFORE_MONTH.contains(&word.as_str())
}

/// Inside a URL or a link target: left alone.
pub fn in_url(text: &str, at: usize) -> bool {
    let token_start = text[..at]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '<' | '"' | '\'' | '['))
        .map_or(0, |i| i + 1);
    let token = &text[token_start..at];
    token.contains("://")
        || token.starts_with("www.")
        || token.starts_with("mailto:")
        || token.contains("](")
        || token.starts_with("(@/")
        || token.starts_with("@/")
}

#[cfg(test)]
mod tests {
    /// Each pattern is compiled only when a text first holds its shape:
    /// every one of them compiles.
    #[test]
    fn every_pattern_compiles() {
        for i in 0..super::PATTERNS.len() {
            assert_eq!(super::regex(i).as_str(), super::PATTERNS[i].1);
        }
    }
}
