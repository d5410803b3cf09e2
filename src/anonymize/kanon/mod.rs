//! k-anonymity by construction: every published case shares its
//! quasi-identifiers (industry, region, size, service, exit date at its
//! published precision) with at least `min_group − 1` other published
//! cases. A reader who knew a former client cannot pick its case out of
//! fewer than `min_group` by what the page says of it.
//!
//! The method is ARX's and sdcMicro's local recoding, on the hierarchies of
//! the spec: exit date → quarter → year; size → a coarser band → withheld;
//! region → withheld; industry → its sector (`[anonymize] sectors`) →
//! withheld; service → withheld. A *coarsening* picks one level of each;
//! they are tried cheapest first, where withholding the service costs more
//! than anything the other four can lose, then the industry, the region,
//! the size, and the date least (the spec's order: least informative
//! first). Every case that is not yet in a large enough group takes the
//! cheapest coarsening at which it is:
//!
//! 1. Cases already in groups of `min_group` keep their values.
//! 2. For each coarsening in order, the cases still alone are grouped by
//!    what they would publish at it. A group large enough, together with
//!    the cases that already publish exactly that, is settled there: the
//!    cases that coarsen together make the groups (one case's coarsening
//!    helps the others).
//! 3. A group still too small may take cases from settled groups that can
//!    coarsen to the same values: first the spare members of groups larger
//!    than `min_group`, then whole groups, smallest first; never so that a
//!    group they leave falls below `min_group`.
//! 4. A case alone even when only its exit year is published (its year has
//!    fewer than `min_group` cases) publishes that much and is reported.
//!
//! Groups are formed by values, never by file order; where a choice
//! remains (which spare members move), it goes by file path. The result is
//! a function of the set of cases: `serve` computes it again on every
//! rebuild (a few milliseconds for 10,000 cases) and re-publishes exactly
//! the cases whose coarsening changed.

mod plan;
pub mod report;

pub use plan::plan;

use crate::anonymize::generalize::{self, coarser};
use crate::config::{Config, DatePrecision};
use crate::model::record::Date;

/// One case's quasi-identifiers, exactly as they would be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quasi {
    pub industry: Option<String>,
    pub region: Option<String>,
    pub size: Option<String>,
    pub service: Option<String>,
    pub exit: Date,
    /// What it publishes at each level of each dimension (date, size,
    /// region, industry, service), made once with the case: planning again
    /// on every rebuild then costs no formatting.
    ladder: [[Option<String>; 4]; 5],
}

impl Quasi {
    pub fn new(
        config: &Config,
        industry: Option<String>,
        region: Option<String>,
        size: Option<String>,
        service: Option<String>,
        exit: Date,
    ) -> Quasi {
        let mut q = Quasi {
            industry,
            region,
            size,
            service,
            exit,
            ladder: Default::default(),
        };
        let (dates, max) = ladder(config);
        for dim in 0..5 {
            for level in 0..=max[dim] {
                let mut l = [0u8; 5];
                l[dim] = level;
                let c = Coarsening {
                    dates: dates[usize::from(l[0])],
                    size: l[1],
                    region: l[2],
                    industry: l[3],
                    service: l[4],
                };
                let v = values(config, &q, &c);
                q.ladder[dim][usize::from(level)] = match dim {
                    0 => Some(generalize::date(q.exit, v.dates).text),
                    1 => v.size,
                    2 => v.region,
                    3 => v.industry,
                    _ => v.service,
                };
            }
        }
        q
    }
}

/// How far one case's values are coarsened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coarsening {
    /// The precision of every date of the case.
    pub dates: DatePrecision,
    /// 0 as written, 1 a coarser band, 2 withheld.
    pub size: u8,
    /// 0 as written, 1 withheld.
    pub region: u8,
    /// 0 as written, 1 its sector (or withheld without one), 2 withheld.
    pub industry: u8,
    /// 0 as written, 1 withheld.
    pub service: u8,
}

impl Coarsening {
    /// Nothing coarsened: the site's precision.
    pub fn none(config: &Config) -> Coarsening {
        Coarsening {
            dates: config.anonymize.dates,
            size: 0,
            region: 0,
            industry: 0,
            service: 0,
        }
    }

    /// A number that names it (for fingerprints).
    pub fn code(&self) -> u32 {
        let d = self.dates as u32;
        d | u32::from(self.size) << 4
            | u32::from(self.region) << 8
            | u32::from(self.industry) << 12
            | u32::from(self.service) << 16
    }
}

/// What a case publishes under a coarsening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values {
    pub industry: Option<String>,
    pub region: Option<String>,
    pub size: Option<String>,
    pub service: Option<String>,
    pub dates: DatePrecision,
}

/// The published values of `q` coarsened by `c`.
pub fn values(config: &Config, q: &Quasi, c: &Coarsening) -> Values {
    let sector = |i: &String| {
        let f = crate::anonymize::secrets::fold(i);
        config
            .anonymize
            .sectors
            .iter()
            .find(|(k, _)| crate::anonymize::secrets::fold(k) == f)
            .map(|(_, v)| v.clone())
    };
    Values {
        industry: match c.industry {
            0 => q.industry.clone(),
            1 => q.industry.as_ref().and_then(sector),
            _ => None,
        },
        region: (c.region == 0).then(|| q.region.clone()).flatten(),
        size: match c.size {
            0 => q.size.clone(),
            1 => q
                .size
                .as_deref()
                .and_then(|s| generalize::size_band(s, &config.language)),
            _ => None,
        },
        service: (c.service == 0).then(|| q.service.clone()).flatten(),
        dates: c.dates,
    }
}

/// The coarsening of every case, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Index-aligned with the cases.
    pub cases: Vec<Coarsening>,
    /// How many cases published what each case published before any
    /// coarsening (1: it was unique).
    pub before: Vec<usize>,
    /// How many cases publish what each case publishes now.
    pub after: Vec<usize>,
    /// Cases coarsened only to make a group for others.
    pub lent: Vec<bool>,
    /// `min_group`.
    pub k: usize,
}

impl Plan {
    /// The smallest group of published cases (the k reached).
    pub fn reached(&self) -> usize {
        self.after.iter().copied().min().unwrap_or(0)
    }
}

/// A coarsening as levels: date steps, size, region, industry, service.
pub(crate) type Levels = [u8; 5];

/// The levels of each dimension, and the date precisions from the site's.
pub(crate) fn ladder(config: &Config) -> (Vec<DatePrecision>, [u8; 5]) {
    let mut dates = vec![config.anonymize.dates];
    while let Some(p) = dates.last().copied().and_then(coarser) {
        dates.push(p);
    }
    let max = [dates.len() as u8 - 1, 2, 1, 2, 1];
    (dates, max)
}

#[cfg(test)]
mod tests;
