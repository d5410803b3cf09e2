use super::*;

#[test]
fn titles_go_with_the_name() {
    assert_eq!(title_before("Call Dr. Dana", 9), 5);
    assert_eq!(title_before("Prof. Dr. Dana", 10), 0);
    assert_eq!(title_before("ask Dana", 4), 4);
    assert_eq!(title_before("Dana", 0), 0);
    assert_eq!(title_before("met D. Whitfield", 7), 4);
    // Two initials, with dots or without, and María's abbreviation.
    assert_eq!(title_before("met MJ García", 7), 4);
    assert_eq!(title_before("met M.J. García", 9), 4);
    assert_eq!(title_before("met Mª José", 8), 4);
    assert_eq!(title_before("met M.ª José", 9), 4);
    // Not a word of three capitals, nor a word.
    assert_eq!(title_before("met CEO García", 8), 8);
    assert_eq!(title_before("met Do García", 7), 7);
    assert_eq!(title_before("met Mr D. Whitfield", 10), 4);
    assert_eq!(title_before("in 2024. Whitfield", 9), 9);
    // The initials of a hyphenated given name, together.
    assert_eq!(title_before("met J.-P. van der Berg", 10), 4);
    assert_eq!(title_before("met Dr J.-P. Berg", 13), 4);
    assert_eq!(title_before("met XJ.-P. Berg", 11), 8);
    assert_eq!(title_before("met Ł. Wróbel", 8), 4);
    // Titles of other languages, and their cases.
    assert_eq!(title_before("an Herrn Straßer", 9), 3);
    assert_eq!(title_before("la Signora Rossi", 11), 3);
    assert_eq!(title_before("la Sig.ra Rossi", 10), 3);
    assert_eq!(title_before("de Dña. García", 9), 3);
    assert_eq!(title_before("met Dhr. Jansen", 9), 4);
    assert_eq!(title_before("do Pana Nowaka", 8), 3);
}

/// What of `t` follows where `f` ends a match that ends at its `#` (the
/// `#` taken out).
fn after_mark(t: &str, f: fn(&str, usize) -> usize) -> String {
    let at = t.find('#').unwrap();
    let t = t.replace('#', "");
    t[f(&t, at)..].to_string()
}

/// What of `t` goes before where `f` starts a match that starts at its `#`
/// (the `#` taken out).
fn before_mark(t: &str, f: fn(&str, usize) -> usize) -> String {
    let at = t.find('#').unwrap();
    let t = t.replace('#', "");
    t[..f(&t, at)].to_string()
}

#[test]
fn extensions_go_with_the_number() {
    let end = |t: &str| after_mark(t, extension_after);
    assert_eq!(end("call 123# (ext 204) today"), " today");
    assert_eq!(end("call 123#, ext. 204."), ".");
    assert_eq!(end("call 123# x204 now"), " now");
    assert_eq!(end("tel. 123# wew. 31"), "");
    assert_eq!(end("call 123# Extension: 7"), "");
    assert_eq!(end("call 123# extra 204"), " extra 204");
    assert_eq!(end("call 123# x 2 times"), " x 2 times");
    assert_eq!(end("call 123# (ext 204"), " (ext 204");
    assert_eq!(end("call 123# ext 20a"), " ext 20a");
}

#[test]
fn an_initial_after_a_name_goes_with_it() {
    let end = |t: &str| after_mark(t, initial_after);
    assert_eq!(end("Whitcombe#, E. signed"), " signed");
    assert_eq!(end("Nowak# J. signed"), " signed");
    assert_eq!(end("Wróbel# Ł. podpisał"), " podpisał");
    assert_eq!(end("Nowak# J."), ".");
    assert_eq!(end("Nowak# Jan"), " Jan");
    assert_eq!(end("Nowak# j. x"), " j. x");
}

#[test]
fn calling_codes_go_with_the_number() {
    let start = |t: &str| before_mark(t, calling_code_before);
    assert_eq!(start("call +44 #(0)20"), "call ");
    assert_eq!(start("call (+44) #020"), "call ");
    assert_eq!(start("call +353 #087"), "call ");
    assert_eq!(start("call 44 #020"), "call 44 ");
    assert_eq!(start("call +4444 #020"), "call +4444 ");
    assert_eq!(start("call A+44 #020"), "call A+44 ");
    assert_eq!(start("call 44) #020"), "call 44) ");
    assert_eq!(start("#020"), "");
    // The international prefix as `00`.
    assert_eq!(start("call 0049 #(0)89"), "call ");
    assert_eq!(start("call (00353) #087"), "call ");
    assert_eq!(start("call 049 #089"), "call 049 ");
    assert_eq!(start("call 000049 #089"), "call 000049 ");
    assert_eq!(start("call x0049 #089"), "call x0049 ");
    // A sign written apart, and the prefixes that dial abroad.
    assert_eq!(start("or + #44 20"), "or ");
    assert_eq!(start("or a+ #44 20"), "or a+ ");
    assert_eq!(start("dial 011 #44 20"), "dial ");
    assert_eq!(start("dial 0011 #44 20"), "dial ");
    assert_eq!(start("dial 012 #44 20"), "dial 012 ");
    assert_eq!(start("dial x011 #44 20"), "dial x011 ");
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
    // A dot glued into an identifier ends no sentence.
    assert!(!sentence_start("owner=m.Dana", 8));
    // (A missing space after a sentence reads the same way.)
    assert!(!sentence_start("Done.Dana", 5));
    // A line break left as an escape in pasted JSON.
    assert!(sentence_start("ten years.\\nDana", 12));
    assert!(sentence_start("ten years.\\r\\n Dana", 15));
    assert!(!sentence_start("ask\\nDana", 5));
    // A paragraph after a blank line; the text of a block element.
    let at = |t: &str| t.rfind('D').unwrap();
    for starts in [
        "</details>\n\nDana",
        "said\n\nDana",
        "<summary>Dana",
        "</details>Dana",
        "Done. <em>Dana",
        "Done. <a href=\"x\">Dana",
        "| Zoe | Dana",
    ] {
        assert!(sentence_start(starts, at(starts)), "{starts}");
    }
    for goes_on in [
        "ask <em>Dana",
        "ask <a href=\"x\">Dana",
        "ask\nDana",
        "a <!-- x -->Dana",
        "a pipe | Dana",
    ] {
        assert!(!sentence_start(goes_on, at(goes_on)), "{goes_on}");
    }
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

#[test]
fn markers_between_words_emphasised_one_by_one_close() {
    assert_eq!(between_words_closed("Harbor* *Freight"), "Harbor Freight");
    assert_eq!(between_words_closed("Harbor** **Freight"), "Harbor Freight");
    assert_eq!(between_words_closed("Harbor_ _Freight"), "Harbor Freight");
    // A marker that closes or opens something outside the name stays.
    assert_eq!(between_words_closed("Harbor** Freight"), "Harbor** Freight");
    assert_eq!(between_words_closed("Harbor *Freight"), "Harbor *Freight");
    assert_eq!(
        between_words_closed("Harbor* **Freight"),
        "Harbor* **Freight"
    );
}

#[test]
fn an_initial_glued_after_a_name_goes_with_it() {
    let end = |t: &str| after_mark(t, glued_initial_after);
    assert_eq!(end("whitfield#_d in chat"), " in chat");
    assert_eq!(end("whitfield#_d"), "");
    assert_eq!(end("whitfield#_dx in chat"), "_dx in chat");
    assert_eq!(end("whitfield#_d2"), "_d2");
    assert_eq!(end("whitfield# d"), " d");
}

#[test]
fn a_word_joined_after_a_name_by_a_hyphen_goes_with_it() {
    let end = |t: &str| after_mark(t, hyphened_word_after);
    assert_eq!(end("Ottilie#-Rose called"), " called");
    assert_eq!(end("Whitfield#-Smith."), ".");
    assert_eq!(end("Dana#-CEO called"), "-CEO called");
    assert_eq!(end("Dana#-led team"), "-led team");
    assert_eq!(end("Dana#-Xi"), "-Xi");
    assert_eq!(end("Dana# Rose"), " Rose");
}

#[test]
fn dotted_initials_take_their_last_dot_inside_a_sentence() {
    assert!(dot_inside_sentence(". signed"));
    assert!(dot_inside_sentence("., then"));
    assert!(!dot_inside_sentence(". Then we"), "a sentence's end stays");
    assert!(!dot_inside_sentence("."));
    assert!(!dot_inside_sentence(" signed"));
}

#[test]
fn markers_that_open_and_close_inside_a_name_go_with_it() {
    let left = |inside: &str| {
        let kept: Vec<(usize, char)> = inside
            .char_indices()
            .filter(|&(_, c)| matches!(c, '*' | '~'))
            .collect();
        unpaired(inside, &kept)
    };
    assert_eq!(left("Kow*al*ski"), "");
    assert_eq!(left("Quillfeather **Harbor** Stationers"), "");
    assert_eq!(left("Kow~~al~~ski"), "");
    // Closing what opened before the name, or opening what closes after.
    assert_eq!(left("Harbor** Freight"), "**");
    assert_eq!(left("Harbor **Freight"), "**");
    assert_eq!(left("Harbor **Freight** *Log"), "*");
    // Runs of other lengths do not pair.
    assert_eq!(left("Kow*al**ski"), "***");
}
