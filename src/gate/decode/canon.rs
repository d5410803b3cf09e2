//! The canonical stream the gate reads a file into, and what it remembers
//! of each byte: which letters were upper-case, which decoding produced
//! it, and where the digit runs are.

use std::ops::Range;

use crate::gate::reveal::Reveal;

/// A file (or a piece of one) as the gate reads it.
#[derive(Debug, Default)]
pub struct Canon {
    pub text: Vec<u8>,
    /// A bit for every byte of `text`: set where a letter was upper-case.
    pub upper: Vec<u64>,
    /// From which position in `text` which decoding produced the bytes,
    /// ascending (only bytes that needed one).
    pub reveals: Vec<(u32, Reveal)>,
    /// Stretches of `text` read from one place (a tag's attributes, a
    /// comment), with where: every byte of them was found there.
    pub regions: Vec<(u32, u32, Reveal)>,
    /// The text reads two ways (a Cyrillic or Greek letter read by its
    /// look, a hyphen at a line's end read as a dash): read the source a
    /// second time too (`crate::gate::decode::read`).
    pub ambiguous: bool,
    /// The digits of `text`, run after run: digits joined by spaces, dots,
    /// slashes and brackets (a `+` reads as a space; however a phone
    /// number is written) stay together, anything else ends a run with a `|`.
    pub digits: Vec<u8>,
    /// The position in `text` of every byte of `digits`.
    pub digit_at: Vec<u32>,
    /// The last byte of `digits` is a digit.
    pub(super) in_run: bool,
    /// Where in `digits` the current run began.
    pub(super) run_start: usize,
    /// Stretches of `text` read from letters of a script without spaces
    /// between words, and from Arabic or Hebrew letters
    /// ([`crate::gate::fold::script`]); empty for most files.
    pub joined: Vec<Range<u32>>,
    pub prefixed: Vec<Range<u32>>,
}

/// Is byte `i` in one of `stretches`?
pub fn within(stretches: &[Range<u32>], i: usize) -> bool {
    let i = i as u32;
    let k = stretches.partition_point(|r| r.end <= i);
    stretches.get(k).is_some_and(|r| r.start <= i)
}

/// Add `from..to` to `stretches`, joined to the last where one space at
/// most stands between them.
pub(super) fn stretch(stretches: &mut Vec<Range<u32>>, from: usize, to: usize) {
    let (from, to) = (from as u32, to as u32);
    match stretches.last_mut() {
        Some(last) if from <= last.end + 1 => last.end = to,
        _ => stretches.push(from..to),
    }
}

impl Canon {
    pub fn clear(&mut self) {
        self.text.clear();
        self.upper.clear();
        self.reveals.clear();
        self.regions.clear();
        self.ambiguous = false;
        self.digits.clear();
        self.digit_at.clear();
        self.in_run = false;
        self.run_start = 0;
        self.joined.clear();
        self.prefixed.clear();
    }

    /// A run of digits ends: kept when it is as long as a phone number
    /// can be (six digits or more), dropped otherwise.
    #[inline]
    pub(super) fn end_run(&mut self, at: usize) {
        if self.digits.len() - self.run_start >= 6 {
            self.digits.push(b'|');
            self.digit_at.push(at as u32);
        } else {
            self.digits.truncate(self.run_start);
            self.digit_at.truncate(self.run_start);
        }
        self.run_start = self.digits.len();
        self.in_run = false;
    }

    /// Keep the digit runs up to date with byte `b` pushed at `at`.
    #[inline]
    pub(super) fn digit(&mut self, b: u8, at: usize) {
        if b.is_ascii_digit() {
            self.digits.push(b);
            self.digit_at.push(at as u32);
            self.in_run = true;
        } else if self.in_run && !matches!(b, b' ' | b'.' | b'(' | b')' | b'/') {
            self.end_run(at);
        }
    }

    pub fn is_upper(&self, i: usize) -> bool {
        self.upper
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub(super) fn set_upper(&mut self, i: usize) {
        if i / 64 >= self.upper.len() {
            self.upper.resize(i / 64 + 1024, 0);
        }
        self.upper[i / 64] |= 1 << (i % 64);
    }

    /// The decodings that produced any byte of `range`.
    pub fn reveal_in(&self, range: Range<usize>) -> Reveal {
        let from = self
            .reveals
            .partition_point(|(p, _)| (*p as usize) < range.start);
        let mut r = Reveal::NONE;
        for (p, how) in &self.reveals[from..] {
            if *p as usize >= range.end {
                break;
            }
            r |= *how;
        }
        for &(a, b, how) in &self.regions {
            if (a as usize) < range.end && range.start < b as usize {
                r |= how;
            }
        }
        r
    }
}
