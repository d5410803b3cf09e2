use super::*;

fn t(s: &str) -> String {
    view(s, Blind::default()).text
}

#[test]
fn reads_as_a_reader_would() {
    assert_eq!(
        t("**Har&#98;or**\n> Free\u{200B}tight's"),
        "harbor freetight's"
    );
    assert_eq!(
        t("Harbor&ensp;Freight &Lstrok;ukasz"),
        "harbor freight lukasz"
    );
    assert_eq!(t("acme-holdings_ltd.com"), "acme holdings ltd com");
    // A dot written as a reference or URL-encoded reads as a dot.
    assert_eq!(
        t("ltd&#46;com acme%2Ecom ltd&#46; x"),
        "ltd com acme com ltd. x"
    );
    assert_eq!(t("Done. Next"), "done. next");
    assert_eq!(t("\\nAcme Holdings"), "acme holdings");
    assert_eq!(t("Har<b class=\"x\">bor</b>"), "harbor| class=\"x\"");
    assert_eq!(t("Harbor<br>Freight <p>x</p>"), "harbor freight <p>x</p>");
    assert_eq!(t("%41cme Ｈａｒｂｏｒ \\u0041cme"), "acme harbor acme");
    // Cyrillic а and Р, Greek Ο.
    assert_eq!(t("Hаrbor Рriya ΟK"), "harbor priya ok");
    assert_eq!(t("Zoë Straße Jürgen"), "zoe strasse jurgen");
    assert_eq!(t("087–123\u{2009}4567"), "087 123 4567");
}

#[test]
fn spans_map_back_to_the_source() {
    let s = "**Har&#98;or**";
    let v = view(s, Blind::default());
    let b = v.text.find('b').unwrap();
    assert_eq!(
        &s[v.spans[b].start as usize..v.spans[b].end as usize],
        "&#98;"
    );
}

#[test]
fn words_stand_alone_at_case_changes_and_digits() {
    let at = |s: &str, w: &str| {
        let v = view(s, Blind::default());
        let i = v.text.find(w).unwrap();
        stands_alone(&v, i, i + w.len())
    };
    assert!(at("HarborFreight", "harbor"));
    assert!(at("HarborFreight", "freight"));
    assert!(at("acme2024", "acme"));
    assert!(at("ACMEHoldings", "acme"));
    assert!(at("nHarbor", "harbor"));
    assert!(at("HFLs", "hfl"));
    assert!(!at("fishery", "fisher"));
    assert!(!at("Fishery", "fisher"));
    assert!(!at("FISHERY", "fisher"));
    assert!(!at("dangerous", "dan"));
}

proptest::proptest! {
    /// Letters, digits and spaces are read in one loop: the view is the
    /// same as `push_char` makes of them one at a time. (No tags, `.` or
    /// `>` in the texts: each is read with what follows it.)
    #[test]
    fn a_text_read_whole_is_read_as_its_characters_one_by_one(
        s in "[aZ9 \t\n_,é-]{0,40}"
    ) {
        let whole = view(&s, Blind::default());
        let mut b = ViewBuilder {
            v: View::default(),
            soft: None,
            blind: Blind::default(),
            joins: Vec::new(),
        };
        let mut deferred = Vec::new();
        for (i, c) in s.char_indices() {
            if c.is_ascii_alphanumeric() || c == ' ' {
                b.push_char(c, i..i + 1);
            } else {
                b.read(&s, i..i + c.len_utf8(), Some(&mut deferred));
            }
        }
        b.flush_soft();
        proptest::prop_assert_eq!(&whole.text, &b.v.text);
        proptest::prop_assert_eq!(&whole.spans, &b.v.spans);
        proptest::prop_assert_eq!(&whole.upper, &b.v.upper);
    }
}
