//! The gate over several files: what it remembers of one file never hides
//! a secret in another.

use std::path::Path;

use super::{Gate, Item, Scan};
use crate::anonymize::secrets::{FormClass, FormKind, SecretSet};
use crate::config::Config;

fn gate() -> Gate {
    let secrets = SecretSet::of_forms(&[("kowalski", FormKind::Words, FormClass::Part)]);
    let config = Config::parse("title = \"T\"\n", Path::new("site.toml")).expect("a config");
    Gate::new(&secrets, &config)
}

/// The gate's verdict on `files` (path, text), scanned together.
fn refused(gate: &Gate, files: &[(&str, &str)]) -> String {
    refused_with(gate, files, false)
}

/// [`refused`], with [`Gate::scan_ahead`] (pages follow in a later scan).
fn refused_ahead(gate: &Gate, files: &[(&str, &str)]) -> String {
    refused_with(gate, files, true)
}

fn refused_with(gate: &Gate, files: &[(&str, &str)], ahead: bool) -> String {
    let items: Vec<Item<'_>> = files
        .iter()
        .map(|(path, text)| Item {
            path,
            bytes: text.as_bytes(),
            hash: Some(crate::text::hash(text.as_bytes())),
            scan: Scan::Whole,
            copied: false,
        })
        .collect();
    if ahead {
        gate.scan_ahead(&items).render_human()
    } else {
        gate.scan(&items).render_human()
    }
}

#[test]
fn a_paragraph_met_before_with_other_links_has_its_links_read() {
    let gate = gate();
    let page = |href: &str| {
        format!(
            "<main>\n<p>See <a href=\"{href}\">the case</a> for more.</p>\n<h2 id=\"{href}\">Outcome</h2>\n</main>\n"
        )
    };
    let (a, b) = (page("../../cases/one/index.html"), page("#case-two"));
    assert_eq!(refused(&gate, &[("a.html", &a), ("b.html", &b)]), "");
    // Met again as it is, and with other links: skipped, or only its
    // links read.
    assert_eq!(
        refused(&gate, &[("c.html", &a), ("d.html", &page("#three"))]),
        ""
    );
    for (i, leak) in ["#case-kowalski", "../kowalski/index.html", "x/Kowalski2024"]
        .iter()
        .enumerate()
    {
        let said = refused(&gate, &[("e.html", &page(leak))]);
        assert!(
            said.contains(
                "the output file `e.html` would publish `f` of x (found in a tag's attributes"
            ),
            "link {i}: {said}"
        );
    }
    // Around the links, the paragraph is read as ever.
    let said = refused(
        &gate,
        &[("f.html", &page("#case-two").replace("the case", "Kowalski"))],
    );
    assert!(said.contains("`f.html` would publish"), "{said}");
}

/// A paragraph of the search index: a quoted stretch.
fn index(texts: &[&str]) -> String {
    format!(
        "exitbookSearch.load(\"c/0\", {});\n",
        serde_json::json!({ "href": "cases/one/index.html", "text": texts })
    )
}

#[test]
fn a_paragraph_read_on_its_page_is_not_read_again_in_the_index() {
    let gate = gate();
    let clean = "The client left in May after the renewal, as agreed.";
    let page =
        "<main>\n<p>The client left in May after the <em>renewal</em>, as agreed.</p>\n</main>\n";
    assert_eq!(
        refused(
            &gate,
            &[("a.html", page), ("search/c/0.js", &index(&[clean]))]
        ),
        ""
    );
    // Remembered by the text its page shows, in the site's language and
    // in none other.
    assert!(
        gate.seen
            .has(super::Seen::text_key(clean.as_bytes(), false))
    );
    assert!(!gate.seen.has(super::Seen::text_key(clean.as_bytes(), true)));
    // A page read alone remembers nothing of its paragraphs: no other
    // file of the scan could use them.
    let alone = "<main>\n<p>Another paragraph, long enough to be remembered.</p>\n</main>\n";
    assert_eq!(refused(&gate, &[("b.html", alone)]), "");
    let key = super::Seen::text_key(b"Another paragraph, long enough to be remembered.", false);
    assert!(!gate.seen.has(key));
    // Anything else in the index is read: another paragraph, the same one
    // with more, an escaped quote inside it.
    for texts in [
        vec![clean, "Then Kowalski called about it."],
        vec![&format!("{clean} Kowalski")],
        vec![&format!("{clean}\" Kowalski")],
    ] {
        let said = refused(
            &gate,
            &[("a.html", page), ("search/c/0.js", &index(&texts))],
        );
        assert!(said.contains("`search/c/0.js` would publish"), "{said}");
    }
}

#[test]
fn a_paragraph_read_in_the_index_ahead_is_not_read_again_on_its_page() {
    let clean = "The client left in May after the renewal, as agreed.";
    // A gate that has read the index ahead of the pages.
    let ahead = || {
        let gate = gate();
        assert_eq!(
            refused_ahead(&gate, &[("search/c/0.js", &index(&[clean]))]),
            ""
        );
        gate
    };
    let gate = ahead();
    // Remembered in the site's language, as a quoted stretch (not as a
    // page's text: the index is no page).
    assert!(
        gate.seen
            .has(super::Seen::quoted_key(clean.as_bytes(), false))
    );
    assert!(
        !gate
            .seen
            .has(super::Seen::text_key(clean.as_bytes(), false))
    );
    // On a page, that paragraph is taken out: what is around it, and its
    // inline tags' attributes, are read all the same.
    let page = |around: &str, href: &str| {
        format!(
            "<main>\n<p>The client left in May after the <a href=\"{href}\">renewal</a>, as agreed.</p>{around}\n</main>\n"
        )
    };
    assert_eq!(refused(&gate, &[("a.html", &page("", "../x/"))]), "");
    for (around, href) in [
        ("<p>Then Kowalski called.</p>", "../x/"),
        ("", "../kowalski/"),
        (" Kowalski", "../x/"),
    ] {
        let said = refused(&ahead(), &[("b.html", &page(around, href))]);
        assert!(
            said.contains("`b.html` would publish"),
            "{around} {href}: {said}"
        );
    }
    // The same paragraph with more in it is read whole.
    let more =
        "<main>\n<p>The client left in May after the renewal, as agreed. Kowalski</p>\n</main>\n";
    let said = refused(&ahead(), &[("c.html", more)]);
    assert!(said.contains("`c.html` would publish"), "{said}");
    // A scan that is not ahead of pages remembers nothing of the index.
    let other = "Another paragraph of the index, long enough.";
    assert_eq!(refused(&gate, &[("search/c/1.js", &index(&[other]))]), "");
    assert!(
        !gate
            .seen
            .has(super::Seen::quoted_key(other.as_bytes(), false))
    );
}

#[test]
fn a_form_that_holds_a_quote_is_read_across_every_quote() {
    // A client named `Firma "Sowa"`: the form reaches across a quote, so
    // no stretch between quotes is read apart from its neighbours.
    let secrets = SecretSet::of_forms(&[("firma \"sowa\"", FormKind::Words, FormClass::Whole)]);
    let config = Config::parse("title = \"T\"\n", Path::new("site.toml")).expect("a config");
    let gate = Gate::new(&secrets, &config);
    let before = "Long enough paragraph about the firma ";
    let page = format!("<main>\n<p>{before}</p>\n</main>\n");
    let notes = format!("Quoted: \"{before}\"Sowa\" said.\n");
    let said = refused(&gate, &[("a.html", &page), ("notes.txt", &notes)]);
    assert!(said.contains("`notes.txt` would publish"), "{said}");
}

/// Pieces of a paragraph: parts of the secrets below, in every case and
/// joined every way, inline tags, digits, dates and the punctuation that
/// the gate's rules look at.
const PIECES: &[&str] = &[
    "Kowalski",
    "kowalski",
    "KOWALSKI",
    "Kowal",
    "ski",
    "Kowalskiego",
    "Harbor",
    "freight",
    "Freight",
    "087",
    "123",
    "4567",
    "2025",
    "29",
    "August",
    " ",
    " ",
    ".",
    ",",
    "-",
    "_",
    "/",
    "(",
    "+",
    ":",
    "'",
    "x",
    "é",
    "ż",
    "Ж",
    "’",
    "<em>",
    "</em>",
    "<a href=\"../k/\">",
    "</a>",
    "<code>",
    "</code>",
    "<wbr>",
    "Harbor.",
    ".<em>",
    "</em>.",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]

    /// What makes reading a plain block's text between quotes sound: it
    /// finds nothing that reading the block on its page does not find.
    #[test]
    fn a_plain_blocks_text_between_quotes_reads_as_on_its_page(
        picks in proptest::collection::vec(0..PIECES.len(), 1..24)
    ) {
        let secrets = SecretSet::of_forms(&[
            ("kowalski", FormKind::Words, FormClass::Part),
            ("harbor freight", FormKind::Words, FormClass::Leading),
            ("871234567", FormKind::Digits, FormClass::Phone),
        ]);
        let mut config = Config::parse("title = \"T\"\nlanguage = \"pl\"\n", Path::new("site.toml"))
            .expect("a config");
        let content: String = picks.iter().map(|&i| PIECES[i]).collect();
        let page = format!("<main>\n<p>Words to make it long {content} end</p>\n</main>\n");
        let mut texts = Vec::new();
        super::seen::texts::blocks(page.as_bytes(), &mut Vec::new(), &mut Vec::new(), |t, _| {
            texts.push(String::from_utf8_lossy(t).into_owned())
        });
        for inflect in [true, false] {
            if !inflect {
                config = Config::parse("title = \"T\"\n", Path::new("site.toml")).expect("a config");
            }
            let on_page = refused(&Gate::new(&secrets, &config), &[("a.html", &page)]);
            for t in &texts {
                let quoted = refused(&Gate::new(&secrets, &config), &[("search/c/0.js", &index(&[t]))]);
                proptest::prop_assert!(
                    quoted.is_empty() || !on_page.is_empty(),
                    "{page:?}: {quoted}"
                );
                // And the other way: the index read ahead, then the page
                // less the paragraph, find whatever the page finds.
                let gate = Gate::new(&secrets, &config);
                let ahead = refused_ahead(&gate, &[("search/c/0.js", &index(&[t]))]);
                let after = refused(&gate, &[("a.html", &page)]);
                proptest::prop_assert!(
                    on_page.is_empty() || !ahead.is_empty() || !after.is_empty(),
                    "{page:?}: {on_page}"
                );
            }
        }
    }
}

#[test]
fn a_file_with_a_right_to_left_override_is_read_whole() {
    // Read forwards, the paragraph is clean; after an override a browser
    // shows the rest of its line backwards, `kowalski` among it. The
    // index's stretch is its page's paragraph, but not one to skip there.
    let gate = gate();
    let text = "Notes from ikslawok and more, long enough to count.";
    let page = format!("<main>\n<p>{text}</p>\n</main>\n");
    let script = format!("x = \u{202E}\"{text}\";\n");
    let said = refused(&gate, &[("a.html", &page), ("search/x.js", &script)]);
    assert!(said.contains("`search/x.js` would publish"), "{said}");
    assert!(!said.contains("`a.html`"), "{said}");
}

#[test]
fn files_not_hashed_are_each_read() {
    // A streamed build hashes no page: each is read as what it is, never
    // taken for another.
    let gate = gate();
    let pages = [
        ("a.html", "<main>\n<p>Call the client.</p>\n</main>\n"),
        ("b.html", "<main>\n<p>Call Kowalski.</p>\n</main>\n"),
        ("c.html", "<main>\n<p>Call Kowalski.</p>\n</main>\n"),
    ];
    let items: Vec<Item<'_>> = pages
        .iter()
        .map(|(path, page)| Item {
            path,
            bytes: page.as_bytes(),
            hash: None,
            scan: Scan::Whole,
            copied: false,
        })
        .collect();
    let said = gate.scan(&items).render_human();
    assert!(!said.contains("`a.html`"), "{said}");
    assert!(said.contains("`b.html` would publish"), "{said}");
    assert!(said.contains("`c.html` would publish"), "{said}");
}
