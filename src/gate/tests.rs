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
    let items: Vec<Item<'_>> = files
        .iter()
        .map(|(path, text)| Item {
            path,
            bytes: text.as_bytes(),
            hash: crate::text::hash(text.as_bytes()),
            scan: Scan::Whole,
        })
        .collect();
    gate.scan(&items).render_human()
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
