//! Dates and amounts of money in a record's free text, published at the
//! site's precision (`[anonymize] dates` and `money`; see the spec's
//! "Quasi-identifiers"): "on 29 August 2025" becomes "in August 2025",
//! "a refund of $4,800" "a refund of $1,000–5,000" or "a refund".
//!
//! The scrubber runs this on every text of a case after the secret set and
//! before its detectors, so that a date is never taken for a phone number
//! ([`Prose::rewrite`]). Chapters are the handbook's own words and are left
//! as written ("refunds over $500 need a manager" is a rule, not a case).
//!
//! [`exact_forms`] lists, for the leak gate, how a record's own dates and
//! amounts could be written where the precision forbids them.

pub mod bands;
pub mod dates;
pub mod grammar;
pub mod money;
pub mod said;
pub mod words;

use std::ops::Range;
use std::sync::LazyLock;

use regex::RegexSet;

use crate::config::{Config, DatePrecision, MoneyMode};
use crate::model::record::{Date, Record};
use words::Lang;

/// How dates and amounts in one case's text are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prose {
    pub dates: DatePrecision,
    pub money: MoneyMode,
    pub lang: Lang,
    /// `03/04/2025` is 3 April (else 4 March, as in the US).
    pub day_first: bool,
}

/// A text with its dates and amounts rewritten.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rewritten {
    pub text: String,
    /// The replacements, in source order: (source range, new length).
    pub layer: Vec<(Range<usize>, usize)>,
    /// Dates left as written (already coarse enough), in the new text: no
    /// later detector may take them for anything else.
    pub kept: Vec<Range<usize>>,
}

impl Prose {
    /// The site's settings, with dates at `dates` (the site's precision, or
    /// coarser for a case generalised to reach `min_group`).
    pub fn new(config: &Config, dates: DatePrecision) -> Prose {
        Prose {
            dates,
            money: config.anonymize.money,
            lang: Lang::of(&config.language),
            day_first: config.anonymize.phone_country(&config.language) != "US",
        }
    }

    /// `text` with every date and amount as it may be published.
    pub fn rewrite(&self, text: &str) -> Rewritten {
        if !text.bytes().any(|b| b.is_ascii_digit()) && !self.month_words(text) {
            return Rewritten {
                text: text.to_string(),
                ..Rewritten::default()
            };
        }
        let (date_shapes, money_shapes) = Shapes::of(self.lang).matching(text);
        let found = dates::find(text, &date_shapes, self.day_first);
        let mut edits: Vec<grammar::Edit> = Vec::new();
        let mut kept: Vec<Range<usize>> = Vec::new();
        for w in &found {
            match said::rewrite(text, w, self.dates, self.lang) {
                Some(e) => edits.push(e),
                None => kept.push(w.range.clone()),
            }
        }
        for a in money::find(text, &money_shapes) {
            let clash = |r: &Range<usize>| r.start < a.range.end && a.range.start < r.end;
            if found.iter().any(|w| clash(&w.range)) {
                continue;
            }
            if let Some(e) = bands::rewrite(text, &a, self.money, self.lang) {
                edits.push(e);
            }
        }
        apply(text, edits, kept)
    }

    /// Whether `text` may hold a month written without digits ("in May").
    fn month_words(&self, text: &str) -> bool {
        match self.lang {
            Lang::En => words::EN_MONTHS.iter().any(|m| text.contains(&m[..3])),
            Lang::Pl => text.contains(|c: char| c.is_alphabetic()),
        }
    }
}

/// The shapes of date of a language ([`dates`]) and of amounts ([`money`])
/// in one set: one pass over a text says which of them can match at all,
/// and only those are then searched (most texts hold one or two, or
/// none). A pass for dates and another for amounts were 2.5% of a
/// 1,000-page build's instructions. One set per language: the other's
/// month words would only slow the pass.
struct Shapes {
    set: RegexSet,
    /// Each of the set's date patterns' index in [`dates`]' list; the
    /// amounts' patterns follow them in the set, in [`money`]'s order.
    dates: Vec<usize>,
}

static SHAPES_EN: LazyLock<Shapes> = LazyLock::new(|| Shapes::new(Lang::En));
static SHAPES_PL: LazyLock<Shapes> = LazyLock::new(|| Shapes::new(Lang::Pl));

impl Shapes {
    fn new(lang: Lang) -> Shapes {
        let (dates, texts): (Vec<usize>, Vec<&str>) = dates::patterns(lang).into_iter().unzip();
        let set = RegexSet::new(texts.into_iter().chain(money::patterns()))
            .expect("valid date and money patterns");
        Shapes { set, dates }
    }

    fn of(lang: Lang) -> &'static Shapes {
        match lang {
            Lang::En => &SHAPES_EN,
            Lang::Pl => &SHAPES_PL,
        }
    }

    /// The date patterns and the money patterns that match somewhere in
    /// `text`, each as its module numbers them, ascending.
    fn matching(&self, text: &str) -> (Vec<usize>, Vec<usize>) {
        let n = self.dates.len();
        let (mut dates, mut money) = (Vec::new(), Vec::new());
        for k in self.set.matches(text).iter() {
            match self.dates.get(k) {
                Some(&i) => dates.push(i),
                None => money.push(k - n),
            }
        }
        (dates, money)
    }
}

/// Apply `edits` (any order; one overlapping an earlier one is dropped) and
/// map `kept` into the new text.
fn apply(text: &str, mut edits: Vec<grammar::Edit>, kept: Vec<Range<usize>>) -> Rewritten {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = Rewritten {
        text: String::with_capacity(text.len()),
        ..Rewritten::default()
    };
    let mut at = 0;
    // (source position, shift) after each edit, to move the kept ranges.
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let mut shift: isize = 0;
    for (r, new) in edits {
        if r.start < at {
            continue;
        }
        out.text.push_str(&text[at..r.start]);
        out.text.push_str(&new);
        out.layer.push((r.clone(), new.len()));
        shift += new.len() as isize - r.len() as isize;
        shifts.push((r.end, shift));
        at = r.end;
    }
    out.text.push_str(&text[at..]);
    out.kept = kept
        .into_iter()
        .map(|k| {
            let s = shifts
                .iter()
                .take_while(|(end, _)| *end <= k.start)
                .last()
                .map_or(0, |(_, s)| *s);
            (k.start as isize + s) as usize..(k.end as isize + s) as usize
        })
        .collect();
    out
}

/// The exact dates and amounts of `record`'s own fields that may not be
/// published at the site's precision (`[anonymize] dates` and `money`):
/// per field (`exit.date`), the ways it could be written. A case
/// generalised to reach `min_group` publishes its dates more coarsely:
/// [`exact_forms_at`] takes that precision (`PublicCase::coarsening`).
pub fn exact_forms(config: &Config, record: &Record) -> Vec<(String, Vec<String>)> {
    exact_forms_at(record, config.anonymize.dates, config.anonymize.money)
}

/// [`exact_forms`] at the given precision and money setting.
pub fn exact_forms_at(
    record: &Record,
    dates: DatePrecision,
    money: MoneyMode,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (field, d) in own_dates(record) {
        let forms = date_forms(d, dates);
        if !forms.is_empty() {
            out.push((field, forms));
        }
    }
    if money != MoneyMode::Exact {
        for (field, amount, currency) in own_amounts(record) {
            out.push((field, amount_forms(amount, currency)));
        }
    }
    out
}

/// What the leak gate refuses of `record`'s own dates and amounts, at
/// `dates` (the site's precision) and `money`: per field, the ways its
/// exact day could be written when `dates` is coarser than a day, and the
/// ways its exact amount could be written when `money` is not `exact`.
///
/// Only what no page may legitimately hold, and what tells a case apart:
/// a month ("August 2025") is published by other cases at month
/// precision, so it is not refused; a round amount ("$1,300", "$5,000": a
/// multiple of 100) is a band's edge or a figure any chapter may quote
/// (a 10,000-case handbook quotes them all), so only the others ("$2,340")
/// are.
///
/// The secret set keeps the days by value ([`refused_days`]: the gate reads
/// dates in its own way) and the amounts as their written forms
/// ([`refused_amounts`]); this list of how each is written is what the
/// gate's reading of dates is tested against.
pub fn refused_forms(
    record: &Record,
    dates: DatePrecision,
    money: MoneyMode,
) -> Vec<(String, Refused, Vec<String>)> {
    let mut out = Vec::new();
    for (field, d, words_only) in refused_days(record, dates) {
        let mut forms = day_forms(d);
        if words_only {
            forms.retain(|f| f.contains(|c: char| c.is_ascii_alphabetic()));
        }
        out.push((field, Refused::Date, forms));
    }
    for (field, forms) in refused_amounts(record, money) {
        out.push((field, Refused::Amount, forms));
    }
    out
}

/// The exact days of `record`'s own dates that the leak gate refuses at
/// `dates` (see [`refused_forms`]): (field, date, whether only its forms in
/// words tell the day). The first of a month is how a month (or a quarter,
/// a year) is written as an instant (a feed's `2025-03-01T00:00:00Z`):
/// only its forms in words tell the day.
pub fn refused_days(record: &Record, dates: DatePrecision) -> Vec<(String, Date, bool)> {
    if dates == DatePrecision::Day {
        return Vec::new();
    }
    own_dates(record)
        .into_iter()
        .filter(|(_, d)| d.day.is_some())
        .map(|(field, d)| (field, d, d.day == Some(1)))
        .collect()
}

/// The ways `record`'s own exact amounts may not be written at `money`
/// (see [`refused_forms`]), per field.
pub fn refused_amounts(record: &Record, money: MoneyMode) -> Vec<(String, Vec<String>)> {
    if money == MoneyMode::Exact {
        return Vec::new();
    }
    own_amounts(record)
        .into_iter()
        .filter(|(_, amount, _)| amount % 100.0 != 0.0)
        .map(|(field, amount, currency)| (field, amount_forms(amount, currency)))
        .collect()
}

/// Which of a record's own values a refused form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Date,
    Amount,
}

/// The dates and amounts [`refused_forms`] reads, as text: what a cache of
/// the secret set must be keyed by besides the sensitive fields.
pub fn own_values(record: &Record) -> Vec<String> {
    let dates = own_dates(record)
        .into_iter()
        .map(|(f, d)| format!("{f}={:?}", (d.year, d.month, d.day)));
    let amounts = own_amounts(record)
        .into_iter()
        .map(|(f, a, c)| format!("{f}={a}{c}"));
    dates.chain(amounts).collect()
}

/// A record's own dates, by field.
fn own_dates(record: &Record) -> Vec<(String, Date)> {
    let mut out = Vec::new();
    let mut date = |field: String, d: Option<Date>| {
        if let Some(d) = d {
            out.push((field, d));
        }
    };
    date("exit.date".into(), Some(record.exit.date));
    date("exit.notice".into(), record.exit.notice);
    let e = record.engagement.as_ref();
    date("engagement.started".into(), e.and_then(|e| e.started));
    date(
        "farewell.returned".into(),
        record.farewell.as_ref().and_then(|f| f.returned),
    );
    for (i, f) in record.red_flags.iter().enumerate() {
        date(format!("red_flags[{i}].date"), f.date);
    }
    let actions = record.postmortem.iter().flat_map(|p| &p.actions);
    for (i, a) in actions.enumerate() {
        date(format!("postmortem.actions[{i}].due"), a.due);
    }
    out
}

/// A record's own amounts of money, by field: (field, amount, currency).
fn own_amounts(record: &Record) -> Vec<(String, f64, &str)> {
    let mut out = Vec::new();
    let e = record.engagement.as_ref();
    if let Some(v) = e.and_then(|e| e.value.as_ref()) {
        out.push(("engagement.value".into(), v.amount, v.currency.0.as_str()));
    }
    if let Some(r) = record.negotiation.as_ref().and_then(|n| n.refund.as_ref()) {
        out.push(("negotiation.refund".into(), r.amount, r.currency.0.as_str()));
    }
    out
}

/// How a date could be written in English or Polish prose, at every grain
/// finer than `precision` (with its year: a day and month alone name a
/// day of every year).
fn date_forms(d: Date, precision: DatePrecision) -> Vec<String> {
    let mut f = Vec::new();
    if precision != DatePrecision::Day {
        f = day_forms(d);
    }
    let (y, m) = (d.year, d.month);
    let en = words::EN_MONTHS[usize::from(m) - 1];
    let abbr = &en[..3];
    if matches!(precision, DatePrecision::Quarter | DatePrecision::Year) {
        f.push(format!("{y:04}-{m:02}"));
        for name in [en, abbr] {
            f.push(format!("{name} {y}"));
        }
        for case in [
            words::Case::Nominative,
            words::Case::Genitive,
            words::Case::Locative,
            words::Case::Instrumental,
        ] {
            f.push(format!("{} {y}", words::pl_month(m, case)));
        }
    }
    if precision == DatePrecision::Year {
        let q = (m - 1) / 3 + 1;
        f.push(format!("Q{q} {y}"));
        f.push(format!("{} kw. {y}", words::ROMAN[usize::from(q) - 1]));
    }
    f.sort();
    f.dedup();
    f
}

/// How an exact day could be written in English or Polish prose (with its
/// year: a day and month alone name a day of every year); none for a date
/// to the month.
fn day_forms(d: Date) -> Vec<String> {
    let Some(day) = d.day else {
        return Vec::new();
    };
    let mut f = Vec::new();
    let (y, m) = (d.year, d.month);
    let en = words::EN_MONTHS[usize::from(m) - 1];
    let abbr = &en[..3];
    f.push(format!("{y:04}-{m:02}-{day:02}"));
    f.push(format!("{y:04}/{m:02}/{day:02}"));
    for dd in [format!("{day:02}"), day.to_string()] {
        for mm in [format!("{m:02}"), m.to_string()] {
            f.push(format!("{dd}.{mm}.{y}"));
            f.push(format!("{dd}/{mm}/{y}"));
            f.push(format!("{mm}/{dd}/{y}"));
        }
    }
    let th = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    for name in [en, abbr] {
        for dd in [day.to_string(), format!("{day}{th}")] {
            f.push(format!("{dd} {name} {y}"));
            f.push(format!("{dd} of {name} {y}"));
            f.push(format!("{name} {dd}, {y}"));
            f.push(format!("{name} {dd} {y}"));
        }
    }
    // A year of two digits (`3/14/25`, `14/3/25`), and a month's name
    // between dashes (`14-Mar-2025`, `14-Mar-25`).
    let yy = format!("{:02}", y % 100);
    f.push(format!("{m}/{day}/{yy}"));
    f.push(format!("{m:02}/{day:02}/{yy}"));
    f.push(format!("{day}/{m}/{yy}"));
    f.push(format!("{day:02}/{m:02}/{yy}"));
    f.push(format!("{day}-{abbr}-{y}"));
    f.push(format!("{day:02}-{abbr}-{yy}"));
    // As systems write a day: `20250331`, `31MAR2025`, `31Mar25`, and
    // `31 Mar 25`.
    f.push(format!("{y:04}{m:02}{day:02}"));
    f.push(format!("{day:02}{}{y}", abbr.to_uppercase()));
    f.push(format!("{day}{abbr}{yy}"));
    f.push(format!("{day} {abbr} {yy}"));
    f.push(format!(
        "{day} {} {y}",
        words::pl_month(m, words::Case::Genitive)
    ));
    f.push(format!("{day} {} {y}", words::ROMAN[usize::from(m) - 1]));
    f
}

/// How an amount could be written: with its currency's code and sign, its
/// thousands grouped by `,`, `.` or a space, or not.
fn amount_forms(amount: f64, currency: &str) -> Vec<String> {
    let whole = amount.trunc() as u64;
    let cents = ((amount - amount.trunc()) * 100.0).round() as u64;
    let mut numbers: Vec<String> = Vec::new();
    for (sep, point) in [
        (Some(','), '.'),
        (Some('.'), ','),
        (Some(' '), ','),
        (None, '.'),
    ] {
        let mut n = bands::grouped(whole, sep);
        if cents > 0 {
            n.push(point);
            n.push_str(&format!("{cents:02}"));
        }
        numbers.push(n);
    }
    numbers.sort();
    numbers.dedup();
    let code = currency.to_uppercase();
    let signs: &[&str] = match code.as_str() {
        "USD" => &["$", "US$"],
        "EUR" => &["€"],
        "GBP" => &["£"],
        "PLN" => &["zł"],
        "JPY" => &["¥"],
        "INR" => &["₹"],
        "CAD" => &["CA$", "C$"],
        "AUD" => &["AU$", "A$"],
        "BRL" => &["R$"],
        "NOK" | "SEK" | "DKK" | "ISK" => &["kr"],
        _ => &[],
    };
    let mut f = Vec::new();
    for n in &numbers {
        f.push(format!("{code} {n}"));
        f.push(format!("{n} {code}"));
        // (With a space or none on either side: `$ 4 812`, `4812$`.)
        for s in signs {
            f.push(format!("{s}{n}"));
            f.push(format!("{s} {n}"));
            f.push(format!("{n}{s}"));
            f.push(format!("{n} {s}"));
        }
        // "2,730" on its own is distinctive enough; "650" is not.
        if whole >= 1_000 && n.contains([',', '.', ' ']) {
            f.push(n.clone());
        }
    }
    f.sort();
    f.dedup();
    f
}

#[cfg(test)]
mod tests;
