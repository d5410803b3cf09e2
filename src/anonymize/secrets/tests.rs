use super::*;
use crate::anonymize::view::{self, Blind};

fn set(forms: &[(&str, FormKind, FormClass)]) -> SecretSet {
    SecretSet::of_forms(forms)
}

#[test]
fn placeholders_are_no_secrets() {
    for p in [
        "TODO",
        "  tbd ",
        "Client Name Ltd",
        "Firstname Lastname",
        "",
    ] {
        assert!(is_placeholder(p), "{p:?}");
    }
    for v in ["Harbor Freight", "Todorov", "Client Name Holdings"] {
        assert!(!is_placeholder(v), "{v:?}");
    }
}

#[test]
fn folding() {
    assert_eq!(fold("Zoë  ZOE\u{200B}"), "zoe zoe");
    assert_eq!(fold("Jürgen Straße"), "jurgen strasse");
}

#[test]
fn words_joined_to_their_neighbours() {
    let s = set(&[
        ("dana", FormKind::Words, FormClass::Part),
        ("harbor freight", FormKind::Words, FormClass::Leading),
        ("harborfreight", FormKind::Words, FormClass::Joined),
        ("hfl", FormKind::Words, FormClass::Initials),
    ]);
    assert!(s.contains_any("DANA's call"));
    assert!(s.contains_any("Harbor\n  Freight"));
    assert!(s.contains_any("\\nHarbor Freight"));
    assert!(s.contains_any("xharbor-freighty"));
    assert!(s.contains_any("harborfreight2024"));
    assert!(s.contains_any("#HarborFreight"));
    assert!(s.contains_any("DanaWhitfield"));
    assert!(s.contains_any("call HFL now"));
    assert!(!s.contains_any("a dangerous danale"));
    assert!(!s.contains_any("the hfl ratio"));
}

#[test]
fn inflected_name_parts() {
    let s = set(&[
        ("kowalski", FormKind::Words, FormClass::Part),
        ("anna", FormKind::Words, FormClass::Part),
        ("dana", FormKind::Words, FormClass::Part),
    ]);
    let inflected = |t: &str| {
        let v = view::view(t, Blind::default());
        !s.word_matches(&v, Inflected::All, false, true).is_empty()
    };
    assert!(inflected("Rozmowa z panem Kowalskiego"));
    assert!(inflected("dzięki Annie"));
    assert!(inflected("Dane"));
    assert!(!inflected("dane klienta"));
    assert!(!inflected("Annabelle"), "an ending is four letters at most");
}

#[test]
fn inflected_names_of_several_words() {
    let s = set(&[("drukarnia sowa", FormKind::Words, FormClass::LegalFormless)]);
    let found = |t: &str| {
        let v = view::view(t, Blind::default());
        s.word_matches(&v, Inflected::All, false, true)
            .iter()
            .map(|(a, b, _)| v.text[*a..*b].to_string())
            .collect::<Vec<_>>()
    };
    for (t, name) in [
        ("w Drukarni Sowa było", "drukarni sowa"),
        ("z Drukarnią Sowa", "drukarnia sowa"),
        ("dla Drukarni Sowy", "drukarni sowy"),
        ("o drukarni-sowie", "drukarni sowie"),
    ] {
        assert_eq!(found(t), vec![name.to_string()], "{t}");
    }
    for t in ["drukarni nowej", "sowa drukarni", "Drukarniankami Sowa"] {
        assert!(found(t).is_empty(), "{t}");
    }
}

#[test]
fn phone_digits_in_any_format() {
    let s = set(&[("5035550142", FormKind::Digits, FormClass::Phone)]);
    for t in [
        "(503) 555-0142",
        "503.555.0142",
        "+1-503-555-0142",
        "call 503 555 0142 now",
        "503–555–0142",
        "503\u{2009}555\u{2009}0142",
    ] {
        assert!(s.contains_any(t), "{t}");
    }
    assert!(!s.contains_any("CS-05550142"));
}

#[test]
fn registrable_labels_by_the_public_suffix_list() {
    let label = |d: &str| registrable(d).map(|(_, l)| l);
    assert_eq!(label("harborfreight.com").as_deref(), Some("harborfreight"));
    assert_eq!(
        label("www.quillfeather.co.uk").as_deref(),
        Some("quillfeather")
    );
    assert_eq!(label("mail.acme.de").as_deref(), Some("acme"));
    assert_eq!(
        label("drukarniasowa.waw.pl").as_deref(),
        Some("drukarniasowa")
    );
    assert_eq!(label("acme.github.io").as_deref(), Some("acme"));
    assert_eq!(label("blue-fin.myshopify.com").as_deref(), Some("blue-fin"));
}

#[test]
fn slavic_surnames_are_read_with_their_endings_on_every_page() {
    for part in [
        "kowalski",
        "zielinska",
        "wrzesinska",
        "janowicz",
        "shevchenko",
        "novakova",
    ] {
        assert!(inflects_everywhere(part), "{part}");
    }
    for part in ["baker", "fisher", "nova", "ski", "whitfield", "kasia"] {
        assert!(!inflects_everywhere(part), "{part}");
    }
}
