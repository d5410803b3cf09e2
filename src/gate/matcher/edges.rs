//! Where a match may start and how its edges must stand: a one-word form
//! alone (beside anything but a letter, or at a change of case), its
//! plural, its initials in upper case.

use crate::gate::decode::Canon;

/// A byte of the canonical stream, for where a pattern may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Space,
    Letter,
    Digit,
    Other,
}

pub(super) const KIND: [Kind; 256] = {
    let mut t = [Kind::Other; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            b' ' => Kind::Space,
            b'a'..=b'z' => Kind::Letter,
            b'0'..=b'9' => Kind::Digit,
            _ => Kind::Other,
        };
        i += 1;
    }
    t
};

/// May a form that must stand alone start at `s`? Where [`alone`] lets its
/// left edge be: at the start, after anything but a letter (a letter) or
/// a digit (a digit), at a change of case, or at anything else.
pub(super) fn may_start(c: &Canon, s: usize) -> bool {
    let t = &c.text[..];
    let kind = KIND[usize::from(t[s])];
    let prev = s
        .checked_sub(1)
        .map_or(Kind::Space, |p| KIND[usize::from(t[p])]);
    match kind {
        Kind::Space => false,
        Kind::Letter => prev != Kind::Letter || camel(c, s),
        Kind::Digit => prev != Kind::Digit,
        Kind::Other => true,
    }
}

/// Does a change of letter case start a word at `s` (a letter after a
/// letter): `harborFreight`, `ACMEHoldings`?
#[inline]
pub(super) fn camel(c: &Canon, s: usize) -> bool {
    let up = |i: usize| i < c.text.len() && c.is_upper(i);
    let letter = |i: usize| c.text.get(i).is_some_and(u8::is_ascii_lowercase);
    up(s) && (!up(s - 1) || (letter(s + 1) && !up(s + 1)))
}

/// Does a letter or digit touch `s..e`?
pub(super) fn touches(t: &[u8], s: usize, e: usize) -> bool {
    let an = |i: Option<usize>| {
        i.and_then(|i| t.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    an(s.checked_sub(1)) || an(Some(e))
}

/// Were all letters of `s..e` upper-case?
pub(super) fn all_upper(c: &Canon, s: usize, e: usize) -> bool {
    (s..e).all(|i| !c.text[i].is_ascii_lowercase() || c.is_upper(i))
}

/// Does the one-word match `s..e`, followed by `s` or `es`, stand alone
/// with it: a plural (`Fenwicks’`, `the Whitfields`, `JONESES`)? Not for a
/// word of three letters, whose plural is too often another word (`Thi`,
/// `this`; `Kit`, `kits`).
pub(super) fn plural_alone(c: &Canon, s: usize, e: usize) -> Option<bool> {
    if e - s < 4 {
        return None;
    }
    let rest = &c.text[e..];
    ["s", "es"]
        .iter()
        .filter(|suffix| rest.starts_with(suffix.as_bytes()))
        .find_map(|suffix| alone(c, s, e + suffix.len()))
}

/// Does the one-word match `s..e` stand alone? `Some(joined)` if it does,
/// `joined` telling whether a digit or a change of case was its edge.
pub(crate) fn alone(c: &Canon, s: usize, e: usize) -> Option<bool> {
    let t = &c.text[..];
    let letter = |i: usize| t.get(i).is_some_and(u8::is_ascii_lowercase);
    let digit = |i: usize| t.get(i).is_some_and(u8::is_ascii_digit);
    let up = |i: usize| i < t.len() && c.is_upper(i);
    let mut joined = false;
    // The left edge.
    if s > 0 {
        if letter(s) {
            if letter(s - 1) {
                let camel =
                    (!up(s - 1) && up(s)) || (up(s - 1) && up(s) && letter(s + 1) && !up(s + 1));
                if !camel {
                    return None;
                }
                joined = true;
            } else {
                joined |= digit(s - 1) || t[s - 1] == b'_';
            }
        } else if digit(s) && digit(s - 1) {
            return None;
        }
    }
    // The right edge.
    if e < t.len() {
        if letter(e - 1) {
            if letter(e) {
                let camel = (!up(e - 1) && up(e))
                    || (up(e - 1) && up(e) && letter(e + 1) && !up(e + 1))
                    || (up(e - 1) && !up(e) && e - s >= 2 && all_upper(c, s, e));
                if !camel {
                    return None;
                }
                joined = true;
            } else {
                joined |= digit(e);
            }
        } else if digit(e - 1) && digit(e) {
            return None;
        }
    }
    Some(joined)
}
