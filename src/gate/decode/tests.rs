use super::*;
use crate::gate::reveal::Reveal;

fn t(s: &str) -> String {
    let mut c = Canon::default();
    read(s, &mut c, false);
    String::from_utf8(c.text).unwrap()
}

#[test]
fn decodes_everything_a_browser_or_a_script_would() {
    assert_eq!(
        t("Harbor&ensp;Freight &Lstrok;ukasz &#72;i &#x48;i"),
        "harbor freight lukasz hi hi"
    );
    assert_eq!(t("%41cme%20Holdings"), "acme holdings");
    assert_eq!(t("\\u0041cme \\u{48}i \\x48i \\nAcme"), "acme hi hi acme");
    assert_eq!(
        t("Har<b class=\"x\">bor</b> <p id=\"Acme\" data-bluefin>y</p>"),
        "harbor <\"acme\"data bluefin>y<>|x"
    );
    assert_eq!(t("Harbor<br/>Freight"), "harbor freight");
    assert_eq!(t("Zo\u{200B}ë Ｈａｒｂｏｒ Рriya"), "zoe harbor priya");
    assert_eq!(t("acme-holdings_ltd.com 3.5"), "acme holdings ltd com 3 5");
    assert_eq!(t("end. Next"), "end. next");
    assert_eq!(t("**Har**bor"), "harbor");
}

#[test]
fn remembers_case_and_what_revealed_what() {
    let mut c = Canon::default();
    read("x Zo&euml; HarborFreight", &mut c, false);
    let text = String::from_utf8(c.text.clone()).unwrap();
    let z = text.find("zoe").unwrap();
    assert!(c.reveal_in(z..z + 3).contains(Reveal::ENTITY));
    assert!(c.reveal_in(0..1).is_empty());
    let h = text.find("harbor").unwrap();
    assert!(c.is_upper(h) && c.is_upper(h + 6) && !c.is_upper(h + 1));
}

#[test]
fn transliterates_on_a_second_reading() {
    let mut c = Canon::default();
    read("Сергей", &mut c, false);
    assert!(c.ambiguous);
    read("Сергей", &mut c, true);
    assert_eq!(String::from_utf8(c.text.clone()).unwrap(), "sergei");
}

#[test]
fn a_word_broken_across_a_line_is_joined_on_a_second_reading() {
    let mut c = Canon::default();
    let text = |c: &Canon| String::from_utf8(c.text.clone()).unwrap_or_default();
    for (src, first, second) in [
        ("Whit-\nfield", "whit field", "whitfield"),
        (
            "Harbor Freight Lo-  \r\n   gistics",
            "harbor freight lo gistics",
            "harbor freight logistics",
        ),
        ("> Nord-\n> havn", "> nord > havn", "> nordhavn"),
        ("Schrö-\nder", "schro der", "schroder"),
    ] {
        read(src, &mut c, false);
        assert!(c.ambiguous, "{src}");
        assert_eq!(text(&c), first);
        read(src, &mut c, true);
        assert_eq!(text(&c), second);
    }
    // A dash within a line, or before a paragraph's end, is a dash.
    for src in [
        "long-term",
        "the end -\n\nNext",
        "ends-\n",
        "a -\n- b",
        "x1-\ny",
        "9-\n10",
    ] {
        read(src, &mut c, false);
        assert!(!c.ambiguous, "{src}");
    }
}

#[test]
fn runs_of_letters_and_spaces_read_at_once_read_as_one_by_one() {
    // Double spaces, and a space on either side of every sixteen-byte step,
    // at every offset: the fast path collapses them as the slow one does.
    let words = ["a", "bc", "def", "ghij", "klmnopqrs", "tuvwxyz"];
    for n in 0..200usize {
        let mut s = String::from("x");
        let mut expected = String::from("x");
        for i in 0..12 {
            let spaces = 1 + (n + i) % 3 * ((n / 3 + i) % 2);
            s.push_str(&" ".repeat(spaces));
            expected.push(' ');
            let w = words[(n * 7 + i) % words.len()];
            s.push_str(w);
            expected.push_str(w);
        }
        s.push_str(",  é Z9");
        expected.push_str(", e z9");
        assert_eq!(t(&s), expected, "{s:?}");
    }
}

#[test]
fn comments_join_words_and_script_hashes_are_not_read() {
    assert_eq!(t("<p>Whit<!-- x -->field</p>"), "<>whitfield<>| x ");
    assert_eq!(t("Whit<?x?>field"), "whitfield|x?");
    // A Content Security Policy's hash is a script's digest: random
    // letters, where a client's initials turn up by chance.
    let hash = "ACMExyz0123456789abcdefghijklmnopqrstuvwxy=";
    assert_eq!(hash.len(), 43);
    let csp = format!("<meta content=\"script-src 'self' 'sha256-{hash}A'\">");
    assert!(!t(&csp).contains("acme"));
    // Anything else in the value is read, and so is a "hash" that is not one.
    let csp = "<meta content=\"script-src 'sha256-ACME HOLDINGS'\">";
    assert!(t(csp).contains("acme holdings"));
}

#[test]
fn reads_what_a_browser_shows_of_overrides_and_css_escapes() {
    // A right-to-left override shows its text backwards: read so too, after
    // the text (which is also read as it stands).
    let mut c = Canon::default();
    read("<p>Call \u{202E}dleiftihW\u{202C} now</p>", &mut c, false);
    let text = String::from_utf8(c.text.clone()).unwrap();
    let w = text.find("whitfield").expect("read backwards");
    assert!(c.reveal_in(w..w + 9).contains(Reveal::REVERSED));
    assert!(text.contains("call dleiftihw now"), "{text}");
    // A CSS escape: hex digits and the space that ends them.
    let mut c = Canon::default();
    read("p::after { content: \"\\57 hit\\66 ield\" }", &mut c, false);
    let text = String::from_utf8(c.text.clone()).unwrap();
    let w = text.find("whitfield").expect("CSS escapes decoded");
    assert!(c.reveal_in(w..w + 9).contains(Reveal::CSS_ESCAPE));
    // JavaScript's own escapes read as before.
    assert_eq!(t("\\0a \\x41"), "a a");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Plain runs copied sixteen bytes at a time read exactly as copied
    /// byte by byte: the same stream, upper-case bits, digit runs and
    /// decodings.
    #[test]
    fn plain_runs_by_vector_as_byte_by_byte(
        picks in proptest::collection::vec(0..PIECES.len(), 1..80)
    ) {
        let text: String = picks.iter().map(|&p| PIECES[p]).collect();
        let (mut v, mut b) = (Canon::default(), Canon::default());
        read(&text, &mut v, false);
        read_bytewise(&text, &mut b, false);
        proptest::prop_assert_eq!(&v.text, &b.text);
        let bits = |c: &Canon| (0..c.text.len()).filter(|&i| c.is_upper(i)).collect::<Vec<_>>();
        proptest::prop_assert_eq!(bits(&v), bits(&b));
        proptest::prop_assert_eq!(&v.digits, &b.digits);
        proptest::prop_assert_eq!(&v.digit_at, &b.digit_at);
        proptest::prop_assert_eq!(&v.reveals, &b.reveals);
        proptest::prop_assert_eq!(&v.regions, &b.regions);
    }
}

const PIECES: [&str; 29] = [
    "../../cases/x-1/index.html",
    "\"=>:;!?",
    "(+353) 87/123",
    "{|}[]^@#$'",
    "a(b)c",
    "the account owner ",
    "Harbor",
    "FREIGHT",
    " ",
    "  ",
    ",",
    ", ",
    ".",
    "Acme Holdings Ltd",
    "087 123 4567",
    "2024",
    "&amp;",
    "&ensp;",
    "<b>",
    "</b>",
    "<p class=\"X\">",
    "’",
    "Zoë",
    "-",
    "_",
    "%41",
    "\\n",
    "qwertyuiopasdfghjklzxcvbnm",
    "QWERTYUIOPASDFGHJKLZXCVBNM",
];

/// Whether reading `src` finds `word` (folded) in either reading, and the
/// decodings that revealed it. Failure messages name the case by number,
/// never the text.
fn finds(src: &str, word: &str) -> Option<Reveal> {
    let mut c = Canon::default();
    read(src, &mut c, false);
    let mut seen = None;
    for second in [false, true] {
        if second {
            if !c.ambiguous {
                break;
            }
            read(src, &mut c, true);
        }
        if let Some(at) = c
            .text
            .windows(word.len())
            .position(|w| w == word.as_bytes())
        {
            *seen.get_or_insert(Reveal::NONE) |= c.reveal_in(at..at + word.len());
        }
    }
    seen
}

#[test]
fn urls_encoded_more_than_once_are_decoded_layer_by_layer() {
    for (n, (src, word)) in [
        (
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.linkedin.com%2Fin%2F%25C3%2598ystein-%25C3%2598deg%25C3%25A5rd%2F&amp;data=05",
            "oystein odegard",
        ),
        ("https://example.com/people/%25C5%2581ukasz", "lukasz"),
        ("https://example.com/%254Bowalski", "kowalski"),
        ("https://example.com/%2525C5%252581ukasz", "lukasz"),
        ("https://example.com/%252525C5%25252581ukasz", "lukasz"),
        ("https://example.com/?q=%26%2381%3BHS", "qhs"),
        ("https://example.com/?q=%5Cu0141ukasz", "lukasz"),
        ("https://example.com/?q=%5cu0141ukasz", "lukasz"),
        ("https://example.com/Kowal%2573ki", "kowalski"),
        ("<a href=\"https://x.example/%254Bowalski\">x</a>", "kowalski"),
    ]
    .into_iter()
    .enumerate()
    {
        let how = finds(src, word).unwrap_or_else(|| panic!("case {n} is read through"));
        assert!(how.contains(Reveal::URL), "case {n} says URL-encoding");
    }
    // Five layers are more than are read.
    assert!(finds("https://example.com/%25252525C5%2525252581ukasz", "lukasz").is_none());
}

#[test]
fn percent_bytes_that_are_not_utf8_are_read_as_latin1() {
    let how = finds("https://example.com/search?q=Zo%EB+Fisher", "zoe fisher");
    assert!(how.is_some_and(|h| h.contains(Reveal::LATIN1) && h.contains(Reveal::URL)));
    // UTF-8 as before, and an incomplete sequence byte by byte.
    assert!(t("Zo%C3%AB %C3") == "zoe a");
}

#[test]
fn ordinary_urls_ask_for_no_other_layer() {
    for src in [
        "https://example.com/a%20b%2Fc?q=x%3Dy",
        "save 25%25 today",
        "100% sure, 50%-off",
    ] {
        let mut c = Canon::default();
        read(src, &mut c, false);
        assert!(c.regions.is_empty(), "{src}");
        assert!(!c.ambiguous, "{src}");
    }
    assert_eq!(t("save 25%25 today"), "save 25% today");
}

#[test]
fn words_hyphenated_as_pdfs_copy_them_are_read_whole() {
    let mut c = Canon::default();
    let text = |c: &Canon| String::from_utf8(c.text.clone()).unwrap_or_default();
    // A NOT SIGN between letters: nothing, in both readings.
    for (n, (src, whole)) in [
        ("Kowal¬ski said", "kowalski said"),
        ("Natara¬jan", "natarajan"),
    ]
    .into_iter()
    .enumerate()
    {
        read(src, &mut c, false);
        assert!(text(&c) == whole, "NOT SIGN case {n} read whole");
        assert!(c.reveal_in(0..c.text.len()).contains(Reveal::HYPHENATION));
    }
    // At a line's end or before one space and a lower-case letter: a
    // break first, the word whole on the second reading.
    for (n, (src, first, second)) in [
        ("Kowal¬\nski", "kowal ski", "kowalski"),
        ("Kowal\u{2010}\nski", "kowal ski", "kowalski"),
        (
            "Guðmunds\u{2011}\ndóttir",
            "gudmunds dottir",
            "gudmundsdottir",
        ),
        ("Kowal- ski said", "kowal ski said", "kowalski said"),
        ("Natara- jan", "natara jan", "natarajan"),
        ("Guðmunds- dóttir", "gudmunds dottir", "gudmundsdottir"),
        ("Kowal\u{2010} ski", "kowal ski", "kowalski"),
        ("Kowal¬ ski", "kowal ski", "kowalski"),
        (
            "long- and short-term",
            "long and short term",
            "longand short term",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        // (Messages name the case by number: these are record names.)
        read(src, &mut c, false);
        assert!(c.ambiguous, "case {n} reads two ways");
        assert!(text(&c) == first, "case {n}: a break on the first reading");
        read(src, &mut c, true);
        assert!(text(&c) == second, "case {n}: whole on the second reading");
    }
    // Not before a capital, two spaces or a digit; not after a space.
    for (n, src) in [
        "Kowal- Ski",
        "Kowal-  ski",
        "Kowal- 9",
        "a - b",
        "x ¬y",
        "p¬ Q",
    ]
    .into_iter()
    .enumerate()
    {
        read(src, &mut c, false);
        assert!(!c.ambiguous, "case {n} reads one way");
    }
}

#[test]
fn legacy_octal_escapes_are_read_as_a_script_reads_them() {
    // `\101cme` is "Acme" to a script in sloppy mode; a stylesheet's hex
    // escape reads the same bytes otherwise, so the string is read both
    // ways. (Cases by number: the texts spell names.)
    for (n, (src, word)) in [
        ("var n = \"\\101cme Holdings\";", "acme holdings"),
        ("x = 'Ac\\155e\\040Holdings'", "acme holdings"),
        ("\"\\113\\157\\167\\141\\154\\163\\153\\151\"", "kowalski"),
        ("s='\\0\\101cme'", "acme"),
    ]
    .into_iter()
    .enumerate()
    {
        let how = finds(src, word).unwrap_or_else(|| panic!("case {n} is read through"));
        assert!(
            how.contains(Reveal::JS_ESCAPE),
            "case {n} says a script's escape"
        );
    }
    // A stylesheet's hex escape keeps its own reading.
    assert!(finds("content: \"\\57 hitfield\"", "whitfield").is_some());
}
