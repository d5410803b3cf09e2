use super::*;

#[test]
fn titles_go_with_the_name() {
    assert_eq!(title_before("Call Dr. Dana", 9), 5);
    assert_eq!(title_before("Prof. Dr. Dana", 10), 0);
    assert_eq!(title_before("ask Dana", 4), 4);
    assert_eq!(title_before("Dana", 0), 0);
}

#[test]
fn ids_take_url_tokens() {
    assert!(slug_context("## Acme {#acme-holdings}", 10));
    assert!(slug_context("see[^acme-note]", 5));
    assert!(!slug_context("## Acme {#x} Acme", 13));
}

#[test]
fn urls_and_sentences() {
    assert!(in_url("[x](mailto:dana@x.com)", 11));
    assert!(in_url("see https://dana.example/x", 12));
    assert!(!in_url("ask Dana", 4));
    assert!(sentence_start("Done. Dana", 6));
    assert!(sentence_start("- Dana", 2));
    assert!(!sentence_start("ask Dana", 4));
}

#[test]
fn source_offsets_survive_replacements() {
    let s = Scrubbed {
        text: "the Director met X".into(),
        layers: vec![vec![(0..4, 12)]],
    };
    // "Dana met X" → "the Director met X": "met" is at 13, was at 5.
    assert_eq!(s.source_offset(13), 5);
    assert_eq!(s.source_offset(3), 0);
}
