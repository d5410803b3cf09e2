use super::edges::{KIND, Kind, camel, may_start};
use super::*;
use crate::anonymize::secrets::{FormClass, FormKind, SecretSet};
use crate::gate::decode;

fn matcher(forms: &[(&str, FormKind, FormClass)]) -> Matcher {
    Matcher::new(&SecretSet::of_forms(forms), &[])
}

fn found(m: &Matcher, text: &str, inflect: bool) -> bool {
    let mut c = Canon::default();
    decode::read(text, &mut c, false);
    let mut hits = Vec::new();
    m.find(&c, inflect, &mut hits);
    !hits.is_empty()
}

#[test]
fn words_where_they_stand_alone() {
    let m = matcher(&[
        ("fisher", FormKind::Words, FormClass::Part),
        ("harbor freight", FormKind::Words, FormClass::Leading),
        ("hfl", FormKind::Words, FormClass::Initials),
        ("acme", FormKind::Words, FormClass::Label),
    ]);
    for t in [
        "Mr Fisher",
        "FISHER's",
        "x_fisher",
        "2024fisher",
        "\\nHarbor Freight",
        "xharbor-freighty",
        "HFL",
        "acme2024",
        "AcmeCorp",
        "myAcme",
    ] {
        assert!(found(&m, t, false), "{t}");
    }
    for t in [
        "fishery",
        "Fishery",
        "FISHERY",
        "the hfl ratio",
        "acmeish",
        "2024",
    ] {
        assert!(!found(&m, t, false), "{t}");
    }
}

/// [`Matcher::starts`] as it was first written, a byte at a time.
fn starts_bytewise(m: &Matcher, c: &Canon, hits: &mut Vec<Hit>) {
    let t = &c.text[..];
    let walk = |s: usize, hits: &mut Vec<Hit>| {
        m.words.forward(t, s, |e, p| m.word_hit(c, s, e, p, hits));
    };
    let mut prev = Kind::Space;
    let mut s = 0;
    while s < t.len() {
        let kind = KIND[usize::from(t[s])];
        match kind {
            Kind::Letter => {
                if prev != Kind::Letter || camel(c, s) {
                    walk(s, hits);
                }
                let mut e = s + 1;
                while e < t.len() && t[e].is_ascii_lowercase() {
                    if c.is_upper(e) && camel(c, e) {
                        walk(e, hits);
                    }
                    e += 1;
                }
                s = e;
                prev = Kind::Letter;
                continue;
            }
            Kind::Space => m.free_firsts.backward(t, s, |s, _| {
                if !may_start(c, s) {
                    walk(s, hits);
                }
            }),
            Kind::Digit if prev != Kind::Digit => {
                if let Some(year) = m.days.year_at(t, s) {
                    m.days.around(c, s, (year, false), hits);
                } else if let Some(year) = m.days.short_year_at(t, s) {
                    m.days.around(c, s, (year, true), hits);
                } else if let Some(year) = m.days.compact_at(t, s) {
                    m.days.compact(c, s, year, hits);
                }
                walk(s, hits);
            }
            Kind::Digit => {}
            Kind::Other if m.words.starts_with(t[s]) => walk(s, hits),
            Kind::Other => {}
        }
        prev = kind;
        s += 1;
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Walked from bit masks 64 bytes at a time, the word patterns are
    /// found where a byte-by-byte walk finds them, in the same order.
    #[test]
    fn starts_by_masks_as_byte_by_byte(
        picks in proptest::collection::vec(0..20usize, 1..120)
    ) {
        const PIECES: [&str; 20] = [
            "Fisher", "fisher", "FISHER", "fishery", "Harbor", " ", "  ", "freight",
            "HFL", "Acme", "acme", "2024", "12", "-", "_", ".", "x", "é", "ß", "/",
        ];
        let forms = [
            ("fisher", FormKind::Words, FormClass::Part),
            ("harbor freight", FormKind::Words, FormClass::Leading),
            ("hfl", FormKind::Words, FormClass::Initials),
            ("acme", FormKind::Words, FormClass::Label),
            ("/fisher", FormKind::Words, FormClass::Label),
        ];
        let text: String = picks.iter().map(|&p| PIECES[p]).collect();
        let mut c = Canon::default();
        decode::read(&text, &mut c, false);
        // With a form that starts with punctuation, and without one (then
        // punctuation is passed over unlooked at).
        for m in [matcher(&forms), matcher(&forms[..4])] {
            let (mut masks, mut bytewise) = (Vec::new(), Vec::new());
            m.starts(&c, &mut masks);
            starts_bytewise(&m, &c, &mut bytewise);
            proptest::prop_assert_eq!(masks, bytewise);
        }
    }
}

#[test]
fn inflected_parts_and_phone_digits() {
    let m = matcher(&[
        ("kowalski", FormKind::Words, FormClass::Part),
        ("whitfield", FormKind::Words, FormClass::Part),
        ("871234567", FormKind::Digits, FormClass::Phone),
    ]);
    assert!(found(&m, "pana Whitfieldowi", true));
    assert!(!found(&m, "pana Whitfieldowi", false));
    // A Slavic surname is read with its endings on every page.
    assert!(found(&m, "pana Kowalskiego", true));
    assert!(found(&m, "pana Kowalskiego", false));
    for t in [
        "087 123 4567",
        "+353 (87) 123–4567",
        "00353871234567",
        "087&#8209;123&nbsp;4567",
        "0871234567 ext. 2",
    ] {
        assert!(found(&m, t, false), "{t}");
    }
    assert!(!found(&m, "CS-87123456x7", false));
}

#[test]
fn a_name_spelt_with_its_letters_apart() {
    let m = matcher(&[
        ("fisher", FormKind::Words, FormClass::Part),
        ("hfl", FormKind::Words, FormClass::Initials),
    ]);
    for t in [
        "Call F i s h e r today",
        "f-i-s-h-e-r",
        "F.I.S.H.E.R.",
        "F_i_s_h_e_r",
        "(F  i  s  h  e  r)",
        "H F L",
        "H.F.L.",
        "a H F L",
        "H. F. L.",
        "H.  F.  L.",
        "met H. F. L. today",
        "F. i s. h e. r",
    ] {
        assert!(found(&m, t, false), "{t}");
    }
    for t in [
        "F i s h",
        "a I o",
        "h f l",
        "F is h e r",
        "Fi s h e r",
        "G H F L",
        "H F L E",
        "i. e. f. g.",
    ] {
        assert!(!found(&m, t, false), "{t}");
    }
    // Wherever the run stands against the 64-byte blocks the text is read
    // in.
    for pad in 40..80 {
        let t = format!("{}F i s h e r", "w".repeat(pad) + " ");
        assert!(found(&m, &t, false), "at {pad}");
    }
}

#[test]
fn a_distinctive_word_of_a_name_counts_standing_alone() {
    // `Quenby` of `Quenby Marlowe Logistics`: the scrubber replaces it
    // wherever it stands alone, and the gate refuses what it missed — never
    // inside another word.
    let m = matcher(&[("quenby", FormKind::Words, FormClass::NameWord)]);
    assert!(found(&m, "Quenby called", false));
    assert!(found(&m, "met QUENBY2024 there", false));
    assert!(!found(&m, "the quenbyshire road", false));
}
