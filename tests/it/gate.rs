//! The publishing guarantee for real data (issue 13): every class of leak
//! the issue saw and every form of the spec's list, planted in every place
//! text can go, is replaced by the scrubber — checked by this file's own
//! reading of the output, independent of both the scrubber and the gate —
//! and, with the scrubber switched off for one form at a time (a test
//! switch of debug builds), the leak gate fails the build on its own,
//! naming the output file, the record and the field, never the value.

use std::collections::BTreeMap;

use crate::common::{Handbook, Run};
use regex::Regex;

/// A record written the way other teams' real data looks: international
/// phones (with an extension, a `00` prefix, a six-digit national number),
/// a public-suffix domain, diacritics, a three-word organisation.
pub const RECORD: &str = "\
title: A lost retainer
client:
  name: Quillfeather Harbor Stationers Ltd
  aliases: [Bluefin]
  domains: [drukarniasowa.waw.pl, bluefin.myshopify.com, ab.waw.pl]
  industry: stationery
contacts:
  - name: Łukasz Kowalski
    role: The Executive Director (from June 2023)
    email: lk.quill@quillfeather.co.uk
    phone: \"+353 87 123 4567 ext. 204\"
  - name: Zoë Fisher
    role: Finance Lead
    phone: \"00357 96 586625\"
  - name: Jürgen Straßer
    phone: \"+299 32 10 00\"
owner: Priya Natarajan
exit:
  date: 2025-03-31
  initiated_by: client
  reason: complaint
  summary: |
    PLANT
outcome: exited
sensitive: [\"Pier 9 warehouse\"]
";

/// A draft: never published, its names still protected.
pub const DRAFT: &str = "\
draft: true
client:
  name: Ferrowind Automation Inc.
contacts:
  - name: Marguerite Okonkwo
    email: m.okonkwo@ferrowind.de
exit:
  date: 2025-01-31
  initiated_by: us
  reason: bad-fit
outcome: exited
";

/// What must never be published (folded as the checker reads), with what
/// it is, for messages that never show the value.
const FORBIDDEN: &[(&str, &str)] = &[
    ("quillfeather", "client name / domain label"),
    ("quillfeather harbor", "client leading words"),
    ("qhs", "client initials"),
    ("bluefin", "alias / domain label"),
    ("drukarniasowa", "registrable label under waw.pl"),
    ("ab waw pl", "domain with a short label"),
    ("lukasz", "contact 0 first name"),
    ("kowalsk[a-z]{0,4}", "contact 0 surname, inflected"),
    ("lk quill", "contact 0 email local part"),
    ("zoe", "contact 1 first name"),
    ("fisher", "contact 1 surname"),
    ("jurgen", "contact 2 first name"),
    ("juergen", "contact 2 first name, ue spelling"),
    ("strasser", "contact 2 surname"),
    ("priya", "owner first name"),
    ("natarajan", "owner surname"),
    ("pier 9 warehouse", "sensitive string"),
    ("ferrowind", "draft client"),
    ("marguerite", "draft contact first name"),
    ("okonkwo", "draft contact surname"),
];

/// Phone numbers' national significant numbers.
const FORBIDDEN_DIGITS: &[(&str, &str)] = &[
    ("871234567", "contact 0 phone (+353)"),
    ("96586625", "contact 1 phone (+357)"),
    ("321000", "contact 2 phone (+299, six digits)"),
];

/// Look-alike letters a reader takes for Latin (the checker's own table).
fn lookalike(c: char) -> char {
    match c {
        'а' | 'А' => 'a',
        'В' | 'в' => 'b',
        'с' | 'С' => 'c',
        'е' | 'Е' => 'e',
        'о' | 'О' | 'Ο' | 'ο' => 'o',
        'р' | 'Р' | 'Ρ' => 'p',
        'х' | 'Х' => 'x',
        'і' | 'І' => 'i',
        'ѕ' | 'Ѕ' => 's',
        c => c,
    }
}

/// Read an output file as a person (or a script) would: escapes and
/// references decoded, tags gone (their attributes kept), invisible
/// characters gone, look-alikes read as Latin, words split where case or
/// digits change, folded to lower-case ASCII.
pub fn reader_text(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes).into_owned();
    let js = Regex::new(r"\\u([0-9a-fA-F]{4})").unwrap();
    let s = js.replace_all(&s, |c: &regex::Captures<'_>| {
        char::from_u32(u32::from_str_radix(&c[1], 16).unwrap())
            .map(String::from)
            .unwrap_or_default()
    });
    let s = s.replace("\\n", "\n");
    let num = Regex::new(r"&#([xX]?)([0-9a-fA-F]+);?").unwrap();
    let s = num.replace_all(&s, |c: &regex::Captures<'_>| {
        let n = if c[1].is_empty() {
            c[2].parse().ok()
        } else {
            u32::from_str_radix(&c[2], 16).ok()
        };
        n.and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default()
    });
    let named = Regex::new(r"&[A-Za-z][A-Za-z0-9]*;").unwrap();
    let s = named.replace_all(&s, |c: &regex::Captures<'_>| {
        htmlize::ENTITIES
            .get(c[0].as_bytes())
            .map(|e| String::from_utf8_lossy(e).into_owned())
            .unwrap_or_else(|| c[0].to_string())
    });
    let pct = Regex::new(r"(?:%[0-9a-fA-F]{2})+").unwrap();
    let s = pct.replace_all(&s, |c: &regex::Captures<'_>| {
        let bytes: Vec<u8> = c[0]
            .split('%')
            .filter(|h| !h.is_empty())
            .map(|h| u8::from_str_radix(h, 16).unwrap())
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let attrs = Regex::new(r#"[a-z-]+="([^"]*)""#).unwrap();
    let mut text: String = attrs
        .captures_iter(&s)
        .map(|c| format!("{}\n", &c[1]))
        .collect();
    let inline =
        Regex::new(r"</?(?:b|i|em|strong|span|a|code|mark|s|u|small|sub|sup)\b[^>]*>").unwrap();
    let joined = inline.replace_all(&s, "");
    let tags = Regex::new(r"<[^>]*>").unwrap();
    text.push_str(&tags.replace_all(&joined, " "));
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{AD}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '*' | '`'))
        .map(lookalike)
        .collect();
    // Words joined by a change of case or by digits stand apart.
    let camel =
        Regex::new(r"([a-z])([A-Z])|([A-Z])([A-Z][a-z])|([A-Za-z])([0-9])|([0-9])([A-Za-z])")
            .unwrap();
    let split = camel.replace_all(&cleaned, "$1$3$5$7 $2$4$6$8");
    let folded = deunicode::deunicode(&split.replace('ß', "ss")).to_lowercase();
    let spaced: String = folded
        .chars()
        .map(|c| {
            if matches!(c, '-' | '_' | '.' | '/' | '#' | '@' | '\'' | '"' | '+') {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every path and file of a built site as a reader reads it
/// ([`reader_text`]), one after the other.
pub fn site_text(site: &BTreeMap<String, Vec<u8>>) -> String {
    let mut all = String::new();
    for (path, bytes) in site {
        all.push_str(&reader_text(path.as_bytes()));
        all.push('\n');
        all.push_str(&reader_text(bytes));
        all.push('\n');
    }
    all
}

/// The secrets (by description) found in a built site, and the site's text.
pub fn leaks_in(site: &BTreeMap<String, Vec<u8>>) -> (Vec<String>, String) {
    let all = site_text(site);
    let mut found = Vec::new();
    for (secret, what) in FORBIDDEN {
        let re = Regex::new(&format!(
            r"(?:^|[^a-z0-9]){}(?:[^a-z0-9]|$)",
            secret.replace(' ', r"\s+")
        ))
        .unwrap();
        if re.is_match(&all) {
            found.push((*what).to_string());
        }
    }
    let runs = Regex::new(r"[0-9][0-9 .\-()+/\u{2009}\u{2013}\u{2014}]*[0-9]").unwrap();
    let digit_runs: Vec<String> = runs
        .find_iter(&all)
        .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect())
        .collect();
    for (digits, what) in FORBIDDEN_DIGITS {
        if digit_runs.iter().any(|r| r.contains(digits)) {
            found.push((*what).to_string());
        }
    }
    (found, all)
}

/// The shared record alone (no chapter to link), with `swaps` made in it.
fn lone_record(swaps: &[(&str, &str)]) -> String {
    swaps.iter().fold(
        crate::common::RECORD.replace("chapters: [postmortems]\n", ""),
        |r, (from, to)| r.replace(from, to),
    )
}

fn handbook(summary: &str) -> Handbook {
    Handbook::new()
        .with(
            "site.toml",
            "title = \"Test\"\n[anonymize]\ncountry = \"IE\"\n",
        )
        .with(
            "content/cases/lost-retainer.yaml",
            &RECORD.replace("PLANT", &summary.replace('\n', "\n    ")),
        )
        .with("content/cases/draft.yaml", DRAFT)
}

/// Every form of the spec's list, and every class of the issue, as a
/// writer might put it (name, text).
const PLANTS: &[(&str, &str)] = &[
    ("upper_case", "ZOË called."),
    ("no_diacritics", "Zoe and Lukasz called."),
    ("umlaut_ue", "Juergen and Jurgen called."),
    ("sharp_s", "STRASSER and Straßer called."),
    ("possessives", "Zoë's and Fisher’s notes."),
    (
        "markdown_split",
        "**Quillfeather** Harbor and *Zoë* Fisher.",
    ),
    ("line_break", "Quillfeather\nHarbor Stationers replied."),
    (
        "named_entities",
        "Quillfeather&ensp;Harbor and &Lstrok;ukasz and Zo&euml;.",
    ),
    ("numeric_refs", "&#90;oë and &#x51;uillfeather."),
    ("url_encoding", "See [it](https://example.com/%42luefin/)."),
    ("js_escape", "The note said \\u0042luefin."),
    (
        "invisible",
        "Blue\u{200B}fin, Blue\u{AD}fin, Blue\u{2060}fin, Blue\u{E0020}fin.",
    ),
    ("lookalikes", "Вluefin and Рriya; Ꮲriya and ᴘriya."),
    ("comment_inside", "Blue<!-- -->fin signed."),
    ("comment_with_words", "Blue<!-- the old name -->fin signed."),
    (
        "marks_inside",
        "Blue-fin, Blue\u{2011}fin’s shop, Kow_alski, Kow.alski, drukarnia-sowa and Q.H.S. signed.",
    ),
    (
        "url_query",
        "[Map](https://maps.example.com/?q=Quillfeather+Harbor) and [stock](https://x.example/?q=pier+9+warehouse).",
    ),
    (
        "pasted_json",
        "Pasted: \\nQuillfeather Harbor and \\nBluefin.",
    ),
    ("glued_to_digits", "bluefin2024 and quillfeatherharbor2024."),
    ("camel_case", "QuillfeatherHarbor and BluefinShop."),
    (
        "joined_words",
        "quillfeather-harbor, quillfeather_harbor, #quillfeatherharbor.",
    ),
    ("name_parts", "Kowalski and Łukasz and Fisher."),
    (
        "organisation",
        "Quillfeather Harbor Stationers Ltd, Quillfeather Harbor Stationers, Quillfeather Harbor, QHS.",
    ),
    (
        "email",
        "Write lk.quill@quillfeather.co.uk or lk.quill today.",
    ),
    (
        "domains",
        "See www.quillfeather.co.uk, https://quillfeather.co.uk/about and ab.waw.pl.",
    ),
    (
        "public_suffix",
        "drukarniasowa.waw.pl, drukarniasowa, bluefin.myshopify.com.",
    ),
    (
        "link_target",
        "[profile](https://linkedin.com/company/quillfeather-harbor-stationers-ltd/).",
    ),
    (
        "phone_international",
        "Call +353 87 123 4567 or 00353 87 123 4567.",
    ),
    ("phone_national", "Call 087 123 4567 or 87 123 4567."),
    (
        "phone_dashes_spaces",
        "Call 087–123–4567 or 087\u{2009}123\u{2009}4567 or (087) 123-4567.",
    ),
    ("phone_three_digit_code", "Call 96 586625 or +357 96586625."),
    ("phone_six_digits", "Call 32 10 00 or +299 321000."),
    (
        "draft_names",
        "Ferrowind Automation and Marguerite Okonkwo called.",
    ),
    ("sensitive", "Stock at the Pier 9\nwarehouse."),
];

#[test]
fn the_checker_of_these_tests_sees_through_disguises() {
    // Without this, every test here could pass on a blind checker.
    let page = "<p>Zo&euml; Kowal<b>ski</b>ego, Q\\u0075illfeather&ensp;Harbor, BLUE\u{200B}FIN2024, \
                Рriya, %44rukarniasowa, call 087–123\u{2009}4567, (96) 586-625</p><img alt=\"Okonkwo\">";
    let site: BTreeMap<String, Vec<u8>> = [("a.html".to_string(), page.as_bytes().to_vec())].into();
    let (found, _) = leaks_in(&site);
    for what in [
        "contact 1 first name",
        "contact 0 surname, inflected",
        "client leading words",
        "alias / domain label",
        "owner first name",
        "registrable label under waw.pl",
        "contact 0 phone (+353)",
        "contact 1 phone (+357)",
        "draft contact surname",
    ] {
        assert!(found.iter().any(|f| f == what), "missed {what}: {found:?}");
    }
    let clean: BTreeMap<String, Vec<u8>> = [(
        "b.html".to_string(),
        b"<p>The fishery, 2025-03-31.</p>".to_vec(),
    )]
    .into();
    assert!(leaks_in(&clean).0.is_empty());
}

#[test]
fn the_scrubber_replaces_every_form_in_every_place() {
    let mut h = handbook("The case.");
    for (name, text) in PLANTS {
        let one_line = text.replace('\n', " ");
        let title = one_line.replace('"', "'");
        h = h.with(
            &format!("content/chapters/{}.md", name.replace('_', "-")),
            &format!(
                "---\ntitle: \"T {title}\"\nsummary: \"S {title}\"\ntags: [\"{}\"]\n---\n\nBEFOREMARK {text} AFTERMARK\n\n## Heading {one_line} {{#heading-{name}}}\n\n<p>HTMLMARK {one_line}</p>\n\nA footnote.[^n-{name}]\n\n[^n-{name}]: Note {one_line}\n",
                title.replace(['.', ','], "")
            ),
        );
    }
    let all_plants: Vec<&str> = PLANTS.iter().map(|(_, t)| *t).collect();
    h = h.with(
        "content/cases/lost-retainer.yaml",
        &RECORD.replace(
            "PLANT",
            &format!(
                "STARTMARK {} ENDMARK",
                all_plants.join(" ").replace('\n', " ")
            ),
        ),
    );
    h.build().ok();
    let site = h.snapshot("public");
    for (name, _) in PLANTS {
        let page = format!("chapters/{}/index.html", name.replace('_', "-"));
        let one: BTreeMap<String, Vec<u8>> = [(page.clone(), site[&page].clone())].into();
        let (found, text) = leaks_in(&one);
        assert!(
            found.is_empty(),
            "plant `{name}` leaked in {page}: {found:?}"
        );
        for mark in ["beforemark", "aftermark", "htmlmark"] {
            assert!(
                text.contains(mark),
                "the prose around plant `{name}` survives ({mark})"
            );
        }
    }
    let (found, text) = leaks_in(&site);
    assert!(found.is_empty(), "leaked somewhere in the site: {found:?}");
    assert!(text.contains("startmark") && text.contains("endmark"));
    // Ordinary words that hold a name part are left alone.
    h.write(
        "content/chapters/words.md",
        "---\ntitle: Words\n---\n\nThe fishery and the harbour of Priyanka.\n",
    );
    h.build().ok();
    assert!(
        h.read("public/chapters/words/index.html")
            .contains("The fishery and the harbour of Priyanka.")
    );
}

#[test]
fn inflected_names_on_polish_pages() {
    let h = handbook("x")
        .with("content/chapters/rozmowa.md", "---\ntitle: Talk\n---\n\nText.\n")
        .with(
            "content/chapters/rozmowa.pl.md",
            "---\ntitle: Rozmowa\n---\n\nRozmawialiśmy z Kowalskim i Łukaszem; dane Kowalskiego. Potem Natarajanem.\n",
        );
    h.build().ok();
    let page = h.read("public/pl/chapters/rozmowa/index.html");
    let (found, text) = leaks_in(&[("p".to_string(), page.into_bytes())].into());
    assert!(found.is_empty(), "an inflected form leaked: {found:?}");
    assert!(
        text.contains("dane"),
        "the Polish word `dane` is not a name"
    );
}

#[test]
fn case_slugs_and_file_names_hold_no_secret() {
    let h = handbook("x").with(
        "content/cases/bluefin2024.yaml",
        &RECORD
            .replace("PLANT", "y")
            .replace("2025-03-31", "2024-05-02"),
    );
    h.build().ok();
    let site = h.snapshot("public");
    assert!(
        site.keys().all(|p| !p.contains("bluefin")),
        "no path names the client"
    );
    let (found, _) = leaks_in(&site);
    assert!(found.is_empty(), "{found:?}");
    // A `slug:` glued to digits that holds a secret is an error.
    h.write(
        "content/cases/bluefin2024.yaml",
        &format!("{}slug: bluefin-2024\n", RECORD.replace("PLANT", "y")),
    );
    h.build()
        .fails()
        .says("the `slug` field contains a sensitive value")
        .never_says("bluefin-2024");
}

#[test]
fn the_search_index_reads_the_published_chapter() {
    // A sensitive word in a chapter's front matter: scrubbed on the page
    // and in the index alike (issue 13, class 6).
    let h = handbook("x").with(
        "content/chapters/lessons.md",
        "---\ntitle: What Bluefin taught us\nsummary: Zoë Fisher's view.\ntags: [bluefin]\n---\n\nText.\n",
    );
    h.build().ok();
    let (found, _) = leaks_in(&h.snapshot("public"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn initials_go_with_the_name() {
    // A Polish initial, and the two of a hyphenated given name: not
    // "Ł. the Executive Director", not "J.-the Executive Director"; an
    // initial after a surname, as a list writes it, neither.
    let h = handbook("Ł. Kowalski called first. Then J.-Ł. Kowalski wrote. Kowalski Ł. signed.");
    h.build().ok();
    let text = reader_text(h.read("public/cases/lost-retainer/index.html").as_bytes());
    assert!(
        text.contains("the executive director called first then the executive director wrote the executive director signed"),
        "{text}"
    );
}

const PARTICLES_CASE: &str = "\
title: A studio left
client:
  name: Nordwind GmbH
contacts:
  - name: Maria dos Santos Ferreira
    role: Director
  - name: Sigrid Ó Briain-Kjær
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    We met dos Santos first, then Ferreira. Sigrid Ó Briain wrote.
outcome: exited
";

#[test]
fn a_particle_goes_with_the_surname_after_it() {
    // Of two surnames, the first with its particle ("dos Santos"): not
    // "we met dos the Director".
    let h = one_case("studio.yaml", PARTICLES_CASE);
    h.build().ok();
    let text = reader_text(h.read("public/cases/studio/index.html").as_bytes());
    assert!(
        text.contains("we met the director first, then the director"),
        "{text}"
    );
    // A particle between two parts of one name: one stand-in.
    assert!(text.contains("then the director the buyer wrote"), "{text}");
}

#[test]
fn replaced_text_reads_well() {
    let h = handbook(
        "Dr. Łukasz Kowalski called; Mrs Zoë Fisher agreed.\n\nlk.quill@quillfeather.co.uk\n\nŁukasz's team left.",
    );
    h.build().ok();
    let page = h.read("public/cases/lost-retainer/index.html");
    let text = reader_text(page.as_bytes());
    assert!(text.contains("the executive director called"), "{text}");
    assert!(
        !text.contains("dr the") && !text.contains("mrs the"),
        "a title goes with the name: {text}"
    );
    assert!(
        !text.contains("from june 2023 s"),
        "a role reads as a noun: {text}"
    );
    assert!(
        text.contains("the executive director s team left"),
        "{text}"
    );
    assert!(
        page.contains("<p>The Executive Director</p>"),
        "a line of nothing but a contact's email reads as the contact"
    );
}

#[test]
fn particles_and_extensions_go_with_what_they_belong_to() {
    let record = RECORD.replace("Łukasz Kowalski", "Siobhán Ní Fhlaithearta").replace(
        "PLANT",
        "Ms Ní Fhlaithearta rang from 087 123 4567 (ext 204).\n    Call 01 234 5678, ext. 55 or 01 876 5432 x9 for the depot.\n    Later from +353 (0)87 123 4567, from +353 087 123 4567, from (+353) 087 123 4567 and from (+353) 87 123 4567.",
    );
    let h = Handbook::new()
        .with(
            "site.toml",
            "title = \"Test\"\n[anonymize]\ncountry = \"IE\"\n",
        )
        .with("content/cases/lost-retainer.yaml", &record);
    h.build().ok();
    let page = h.read("public/cases/lost-retainer/index.html");
    assert!(
        page.contains("The Executive Director rang from [phone withheld]."),
        "a title, a surname's particle and a number's extension go with what is replaced"
    );
    assert!(
        page.contains("Call [phone withheld] or [phone withheld] for the depot."),
        "an undeclared number's extension goes with it"
    );
    assert!(
        page.contains(
            "Later from [phone withheld], from [phone withheld], from [phone withheld] and from [phone withheld]."
        ),
        "a calling code written apart from a national number goes with it"
    );
}

/// A Danish client and a Swedish contact, written without their letters
/// the way their own URLs and mail spell them (`ø` as `oe`, `æ` as `ae`,
/// `å` as `aa`).
const NORDIC: &str = "\
title: A forwarder left
client:
  name: Nordhavn-Østergaard Logistik ApS
contacts:
  - name: Åsa Kjærgaard
    role: Head of Operations
  - name: Øystein Ødegård
    role: Planner
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    See https://www.linkedin.com/company/nordhavn-oestergaard-logistik-aps/ or
    NordhavnOestergaardLogistik. Aasa Kjaergaard called. Øystein Ødegaard,
    as his mail signs, wrote.
outcome: exited
";

#[test]
fn nordic_letters_spelled_out_are_forms_too() {
    let h = one_case("forwarder.yaml", NORDIC);
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    // (`Ødegaard`: its `ø` kept, its `å` written as the older `aa`.)
    for word in ["oestergaard", "kjaergaard", "aasa", "odegaard"] {
        assert!(!all.contains(word), "a spelled-out Nordic name is replaced");
    }
    // With the scrubber blind to them, the gate refuses the build.
    let h = one_case("forwarder.yaml", NORDIC);
    refused_naming(
        &h,
        "umlaut",
        "forwarder.yaml",
        &["client.name", "contacts[0].name", "contacts[1].name"],
        &["oestergaard", "kjaergaard"],
    );
    assert!(!h.exists("public"), "nothing was published");
}

/// A handbook of one record, `content/cases/{file}`, on an English site.
fn one_case(file: &str, yaml: &str) -> Handbook {
    Handbook::new()
        .with("site.toml", "title = \"Test\"\n")
        .with(&format!("content/cases/{file}"), yaml)
}

/// Build `h` with the scrubber blind to `what` (the test switch), assert
/// the gate failed the build, and return what it said.
fn refused_blind(h: &Handbook, what: &str) -> String {
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", what)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "the gate fails the build");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// With the scrubber blind to `what`, the gate fails the build of `h`
/// naming each of `fields` of `content/cases/{file}`, and its message shows
/// none of `hidden` (in any letter case). Returns what it said.
fn refused_naming(
    h: &Handbook,
    what: &str,
    file: &str,
    fields: &[&str],
    hidden: &[&str],
) -> String {
    let stderr = refused_blind(h, what);
    for field in fields {
        assert!(
            stderr.contains(&format!("would publish `{field}` of content/cases/{file}")),
            "the gate names {field}"
        );
    }
    let lower = stderr.to_lowercase();
    for name in hidden {
        assert!(
            !lower.contains(&name.to_lowercase()),
            "a name is never shown"
        );
    }
    stderr
}

/// No file of the built site holds any of `names` as written.
fn none_published(h: &Handbook, names: &[&str]) {
    for (path, bytes) in h.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        for name in names {
            assert!(!text.contains(name), "a name is replaced ({path})");
        }
    }
}

/// With the scrubber blind to each of `fields` of `file` in turn, the gate
/// fails the build naming that field, and its message holds none of
/// `hidden`.
fn gate_refuses_each(h: &Handbook, file: &str, fields: &[&str], hidden: &[&str]) {
    for field in fields {
        let stderr = refused_blind(h, field);
        assert!(
            stderr.contains(&format!("would publish `{field}` of {file}")),
            "{field}"
        );
        assert!(hidden.iter().all(|w| !stderr.contains(w)));
    }
}

const PLURALS: &str = "\
title: A bakery left
client:
  name: Nordwind GmbH
contacts:
  - name: Tom Fenwick
    role: CEO
  - name: Ann Jones
    role: CFO
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    The Fenwicks’ bakery closed. We met the FENWICKS at home,
    and the Joneses' dog barked. Fenwick Tom signed.
outcome: exited
";

#[test]
fn plurals_of_names_are_forms_too() {
    let h = one_case("bakery.yaml", PLURALS);
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let all = all.to_lowercase();
    for word in ["fenwick", "jones"] {
        assert!(!all.contains(word), "a plural of a name is replaced");
    }
    let page = reader_text(h.read("public/cases/bakery/index.html").as_bytes());
    assert!(
        page.contains("the ceo s bakery closed")
            && page.contains("we met the ceo at home")
            && page.contains("the cfo s dog"),
        "a plural's possessive is the stand-in's, with one \"the\""
    );
    assert!(
        page.contains("barked the ceo signed") && !page.contains("the ceo the ceo"),
        "one person's name parts side by side read as one stand-in"
    );
    // With the scrubber blind to plurals, the gate refuses the build.
    let h = one_case("bakery.yaml", PLURALS);
    let stderr = refused_blind(&h, "plurals").to_lowercase();
    assert!(stderr.contains("would publish `contacts[0].name` of content/cases/bakery.yaml"));
    assert!(stderr.contains("would publish `contacts[1].name` of content/cases/bakery.yaml"));
    assert!(stderr.contains("read as a plural"));
    assert!(!stderr.contains("fenwick") && !stderr.contains("jones"));
    assert!(!h.exists("public"), "nothing was published");
}

const SPELLED: &str = "\
title: A printer left
client:
  name: Erdős Nyomda Kft.
contacts:
  - name: Győző Szűcs
    role: Managing Director
  - name: Siobhan O'Brien
    role: Buyer
  - name: Marco D’Angelo
    role: Designer
  - name: Đorđe Petrović
    role: Printer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Erdoes Nyomda wrote; Gyoezoe Szuecs signed. OBrien, O Brien and Obrien
    called, then DAngelo, D Angelo, Dangelo and Angelo. Djordje printed.
outcome: exited
";

#[test]
fn names_spelled_without_their_letters_or_apostrophes_are_forms_too() {
    let h = one_case("printer.yaml", SPELLED);
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let all = all.to_lowercase();
    for word in ["erdoes", "gyoezoe", "szuecs", "brien", "angelo", "djordje"] {
        assert!(
            !all.contains(word),
            "a name spelled another way is replaced"
        );
    }
    // With the scrubber blind to spelled-out letters, the gate refuses.
    let h = one_case("printer.yaml", SPELLED);
    let stderr = refused_blind(&h, "umlaut").to_lowercase();
    assert!(stderr.contains("would publish `contacts[0].name` of content/cases/printer.yaml"));
    assert!(!stderr.contains("szuecs") && !stderr.contains("gyoezoe"));
}

const ROMANISED: &str = "\
title: A distributor left
client:
  name: Nordwind GmbH
contacts:
  - name: Игорь Васильев
    role: Managing Director
  - name: Χρήστος Χατζής
    role: Buyer
  - name: Ђорђе Петровић
    role: Designer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Igor Vasilyev wrote, then Mr Vasiliev and Herr Wasiljew. Hristos Hatzis
    and Christos Chatzis signed; Djordje Petrovic and Đorđe Petrović too.
outcome: exited
";

#[test]
fn cyrillic_and_greek_names_in_every_romanisation_are_forms_too() {
    let h = one_case("distributor.yaml", ROMANISED);
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let all = all.to_lowercase();
    for word in [
        "igor", "vasilyev", "vasiliev", "wasiljew", "hristos", "hatzis", "christos", "chatzis",
        "djordje", "dorde", "petrovic",
    ] {
        assert!(!all.contains(word), "a romanised name is replaced");
    }
    // With the scrubber blind to them, the gate refuses the build.
    let h = one_case("distributor.yaml", ROMANISED);
    refused_naming(
        &h,
        "romanised",
        "distributor.yaml",
        &["contacts[0].name", "contacts[1].name", "contacts[2].name"],
        &["vasilyev", "hatzis"],
    );
}

const SPELLED_ARABIC: &str = "\
title: A distributor left
client:
  name: Nordwind GmbH
contacts:
  - name: Mohammed Al-Rasheed
    role: Managing Director
  - name: Ayesha Karim
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Muhammad wrote first; then Mohamed Al-Rashid and Aisha Kareem signed,
    and Ms Aisha had the last word.
outcome: exited
";

/// An Arabic given name written in Latin letters in another common way
/// (a CRM's `Mohammed`, an email's `Muhammad`) is the same person's.
#[test]
fn an_arabic_name_in_another_common_spelling_is_a_form_too() {
    let h = one_case("distributor.yaml", SPELLED_ARABIC);
    h.build().ok();
    let page = reader_text(h.read("public/cases/distributor/index.html").as_bytes());
    for word in ["muhammad", "mohamed", "rashid", "aisha", "kareem"] {
        assert!(!page.contains(word), "another spelling is replaced");
    }
    assert!(page.contains("the managing director wrote first"));
    refused_naming(
        &h,
        "romanised",
        "distributor.yaml",
        &["contacts[0].name", "contacts[1].name"],
        &["aisha", "mohamed"],
    );
}

const LONG_VOWELS: &str = "\
title: A distributor left
client:
  name: Nordwind GmbH
contacts:
  - name: Yūko Satō
    role: Translator
  - name: Kōhei Ōno
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Yuuko Satou wrote first, then Ms Satoh; Kouhei Oono and Mr Ohno signed.
outcome: exited
";

/// A Japanese name's long vowels written as typed (`Satou`), as a passport
/// writes them (`Satoh`) or doubled (`Oono`), where the record writes them
/// with a macron (`Satō`, `Ōno`).
#[test]
fn a_japanese_name_in_every_way_of_writing_its_long_vowels_is_a_form() {
    let h = one_case("distributor.yaml", LONG_VOWELS);
    h.build().ok();
    let page = reader_text(h.read("public/cases/distributor/index.html").as_bytes());
    for word in ["yuuko", "satou", "satoh", "kouhei", "oono", "ohno"] {
        assert!(
            !page.contains(word),
            "a way of writing a long vowel is replaced"
        );
    }
    assert!(page.contains("the translator wrote first"));
    refused_naming(
        &h,
        "romanised",
        "distributor.yaml",
        &["contacts[0].name", "contacts[1].name"],
        &["satou", "ohno"],
    );
}

const FILLED_IN: &str = "\
title: A hotel group left
client:
  name: Quillon Brevard Partners
  domains: [\"https://www.quillonbx.co.uk/about\", xn--zrichhaus-q9a.ch]
contacts:
  - name: Orlaith Magnusdottir
    role: Finance Lead
    phone: \"+44 113 496 0552, +44 7700 900123\"
  - name: Aoife Brennan
    role: Buyer
    phone: \"+353 87 123 4567 (mobile) / +353 86 765 4321\"
  - name: Ciaran Doyle
    role: Designer
    phone: \"087 555 0199\"
  - name: Marie Dubois
    role: Planner
    phone: \"+33 1 23 45 67 89\"
  - name: Tom Reed
    role: Florist
    phone: \"+1 800 FLOWERS\"
  - name: Lucia Ferreyra
    role: Agent
    phone: \"+54 9 11 4972-3816\"
  - name: Owen Pryce
    role: Buyer
    phone: \"447911583206\"
  - name: Giulia Conti
    role: Planner
    phone: \"+39 06 4470 1935\"
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Call 0113·496·0552, 07700 900123, 086•765•4321, 087 **123** 4567,
    087|123|4567 or ０８７ １２３ ４５６７; the Designer on 87 555 0199 or
    [087] 555-0199.
    See quillonbx.co.uk, zürichhaus.ch and xn--zrichhaus-q9a.ch. Order
    flowers at 1-800-FLOWERS. The Agent's mobile: 011 15-4972-3816, or
    15 4972 3816 in town, or 011 4972-3816. Owen: 07911 583206. Giulia:
    +39 6 4470 1935.
outcome: exited
";

#[test]
fn phone_and_domain_fields_as_people_fill_them_in() {
    // Two numbers in a field, a note beside one, a national number of
    // another country than the site's, a domain pasted as a URL, an
    // internationalised domain: every number and name is a secret.
    let h = one_case("hotels.yaml", FILLED_IN);
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let digits: String = all.chars().filter(char::is_ascii_digit).collect();
    for number in [
        "1134960552",
        "7700900123",
        "871234567",
        "867654321",
        "875550199",
        "49723816",
        "7911583206",
        "644701935",
    ] {
        assert!(!digits.contains(number), "a declared number is withheld");
    }
    let all = all.to_lowercase();
    for name in ["quillonbx", "zrichhaus", "zurichhaus", "800 flowers"] {
        assert!(
            !all.contains(name),
            "a domain or a lettered number is replaced"
        );
    }
    let page = reader_text(h.read("public/cases/hotels/index.html").as_bytes());
    assert!(
        page.matches("phone withheld").count() >= 8,
        "written numbers are withheld, not deleted"
    );
}

const PRINTER_PL: &str = "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Marek Zieliński
    role: Prezes
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    W Drukarni Sowa nikt nie odbierał. Rozmowa z Drukarnią Sowa trwała
    godzinę, a zespół Drukarni Sowy podziękował.
outcome: exited
";

#[test]
fn an_organisation_named_in_polish_cases_is_replaced() {
    // Polish inflects the words of a company's name like any noun: "w
    // Drukarni Sowa", "z Drukarnią Sowa", "Drukarni Sowy".
    let site = |h: Handbook| {
        h.with("site.toml", "title = \"Test\"\nlanguage = \"pl\"\n")
            .with("content/cases/printer.yaml", PRINTER_PL)
    };
    let h = site(Handbook::new());
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let all = all.to_lowercase();
    for word in ["drukarni sowa", "drukarnia sowa", "drukarni sowy"] {
        assert!(!all.contains(word), "an inflected company name is replaced");
    }
    let page = reader_text(h.read("public/cases/printer/index.html").as_bytes());
    assert!(page.contains("nikt nie"), "the sentence around it stays");
    // With the scrubber blind to inflections, the gate refuses.
    let h = site(Handbook::new());
    let stderr = refused_blind(&h, "inflections").to_lowercase();
    assert!(stderr.contains("would publish `client.name` of content/cases/printer.yaml"));
    assert!(!stderr.contains("sowa") && !stderr.contains("sowy"));
}

/// A Polish bakery whose case is still a draft, named by an English
/// chapter the way notes name it: without the word for "bakery".
const BAKERY_DRAFT: &str = "\
draft: true
client:
  name: Piekarnia Złoty Kłos
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
outcome: exited
";

#[test]
fn an_organisation_named_without_the_word_for_its_kind_is_replaced() {
    let site = || {
        one_case("bakery.yaml", BAKERY_DRAFT).with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\nZłoty Kłos left in May; the team at Piekarni Złoty Kłos was kind.\n",
        )
    };
    let h = site();
    h.build().ok();
    none_published(&h, &["Złoty Kłos", "Zloty Klos", "złoty kłos"]);
    let page = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    assert!(
        page.contains("left in may"),
        "the sentence around it stays: {page}"
    );
    // With the scrubber blind to names without their legal form or kind,
    // the gate refuses.
    let stderr = refused_blind(&site(), "legal-form");
    assert!(stderr.contains("would publish `client.name` of content/cases/bakery.yaml"));
    assert!(!stderr.contains("Kłos") && !stderr.contains("Klos"));
}

const IN_CYRILLIC: &str = "\
title: A distributor left
client:
  name: Nordwind GmbH
contacts:
  - name: Olga Smirnova
    role: Buyer
  - name: Đorđe Petrović
    role: Designer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Ольга Смирнова wrote, and Ђорђе Петровић signed.
outcome: exited
";

#[test]
fn latin_names_written_in_cyrillic_are_forms_too() {
    let h = one_case("distributor.yaml", IN_CYRILLIC);
    h.build().ok();
    let page = h.read("public/cases/distributor/index.html");
    for name in ["Ольга", "Смирнова", "Ђорђе", "Петровић"] {
        assert!(!page.contains(name), "a name in Cyrillic is replaced");
    }
    assert!(page.contains("The Buyer") && page.contains("the Designer signed"));
    // With the scrubber reading it only by its look, the gate refuses.
    let h = one_case("distributor.yaml", IN_CYRILLIC);
    refused_naming(
        &h,
        "transliteration",
        "distributor.yaml",
        &["contacts[0].name", "contacts[1].name"],
        &["Смирнова", "Smirnova"],
    );
}

const BROKEN_ACROSS_LINES: &str = "\
title: A haulier left
client:
  name: Harbor Freight Logistics Ltd
contacts:
  - name: Margaret Whitfield
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Ms Whit-
    field called on Monday; Harbor Freight Lo-
      gistics wanted a refund, and a long-
    term contract was off.
outcome: exited
";

/// A name hyphenated at a line's end, as text pasted from a PDF or an
/// email keeps it: the browser shows \"Whit- field\", which a reader reads
/// as the name.
#[test]
fn a_name_broken_across_a_line_is_replaced() {
    let h = one_case("haulier.yaml", BROKEN_ACROSS_LINES);
    h.build().ok();
    for (path, bytes) in h.snapshot("public") {
        let text = reader_text(&bytes);
        for part in ["whit field", "whitfield", "lo gistics", "harbor"] {
            assert!(!text.contains(part), "a broken name is replaced ({path})");
        }
    }
    let page = reader_text(h.read("public/cases/haulier/index.html").as_bytes());
    assert!(page.contains("the buyer called on monday"));
    assert!(page.contains("a long term contract"), "a dash stays");
    // With the scrubber reading the dash as a dash only, the gate refuses.
    let stderr = refused_blind(&h, "broken-words");
    // (Read as a dash, the organisation's first words are replaced all
    // the same, and "Lo- gistics" is no form of it.)
    assert!(
        stderr.contains("would publish `contacts[0].name` of content/cases/haulier.yaml"),
        "the gate names the field"
    );
    assert!(!stderr.contains("Whit") && !stderr.contains("gistics"));
}

/// A one-word name written with marks inside it: a reader sees the name,
/// and the search index joins the word (`bluefin`), as Unicode's word
/// rules join letters over `.` `_` `’`, and as it joins hyphenated words.
#[test]
fn a_word_with_marks_inside_is_replaced() {
    let h = handbook("Blue-fin’s buyer, then drukarnia-sowa and Kow.alski, left.");
    h.build().ok();
    let page = reader_text(h.read("public/cases/lost-retainer/index.html").as_bytes());
    assert!(page.contains("s buyer, then"), "the prose around stays");
    let h2 = handbook("Q.H.S. signed, and we lost Q.H.S.");
    h2.build().ok();
    let page = reader_text(h2.read("public/cases/lost-retainer/index.html").as_bytes());
    assert!(
        !page.contains(". signed") && page.contains(" signed, and we lost "),
        "dotted initials go whole, their last dot too inside a sentence"
    );
    let (found, _) = leaks_in(&h.snapshot("public"));
    assert!(found.is_empty(), "leaked: {found:?}");
    // With the scrubber reading the marks as breaks only, the gate refuses
    // the search index's joined words.
    let stderr = refused_naming(
        &h,
        "joined-marks",
        "lost-retainer.yaml",
        &["client.aliases[0]", "client.domains[0]", "contacts[0].name"],
        &["Blue", "sowa", "alski"],
    );
    assert!(stderr.contains("the output file `search/"));
}

const TYPED_WITHOUT_UMLAUTS: &str = "\
title: A printer left
client:
  name: Kohler Druck GmbH
contacts:
  - name: Jurgen Muller
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Juergen Mueller called. Later JUERGEN MUELLER wrote again, and Mr Mueller
    signed for Koehler Druck.
outcome: exited
";

/// A name the record holds typed without its umlauts (`Jurgen Muller`) and
/// a chapter or a colleague writes spelled out (`Juergen Mueller`), as the
/// spec's `Jürgen` / `Jurgen` / `Juergen` are one name.
#[test]
fn a_name_typed_without_umlauts_is_found_spelled_out() {
    let h = one_case("printer.yaml", TYPED_WITHOUT_UMLAUTS);
    h.build().ok();
    let page = reader_text(h.read("public/cases/printer/index.html").as_bytes());
    for part in ["juergen", "mueller", "koehler"] {
        assert!(!page.contains(part), "a spelled-out name is replaced");
    }
    assert!(page.contains("the buyer called") && page.contains("the buyer wrote"));
    refused_naming(
        &h,
        "umlaut",
        "printer.yaml",
        &["contacts[0].name", "client.name"],
        &["ueller", "uergen", "oehler"],
    );
}

#[test]
fn national_numbers_of_the_sites_country_and_never_dates() {
    let h = handbook(
        "Their lawyer rang from 087 765 4321. The meeting was on 12.06.2025 and 2025-06-12.",
    );
    h.build().ok();
    let text = reader_text(h.read("public/cases/lost-retainer/index.html").as_bytes());
    assert!(
        !text.contains("765 4321"),
        "an undeclared Irish national number is masked"
    );
    assert_eq!(
        text.matches("phone withheld").count(),
        1,
        "a date is never a phone number: {text}"
    );
}

#[test]
fn check_reports_drafts_as_protected() {
    let r = handbook("x").run(&["check"]);
    r.ok()
        .says("content/cases/draft.yaml")
        .says("this draft is not published, and its names are protected: client.name, contacts[0].name, contacts[0].email")
        .never_says("Ferrowind")
        .never_says("Okonkwo");
}

/// Build with the scrubber switched off for `what` (a field, a class of
/// forms, or a way of reading) and `text` planted in a chapter (`lang`: a
/// translation's language).
fn blind_build(what: &str, text: &str, lang: Option<&str>) -> (Handbook, Run) {
    let mut h = handbook("x").with(
        "content/chapters/plant.md",
        &format!("---\ntitle: Plant\n---\n\nBEFORE {text} AFTER\n"),
    );
    if let Some(l) = lang {
        h = h.with(
            &format!("content/chapters/plant.{l}.md"),
            &format!("---\ntitle: P\n---\n\nBEFORE {text} AFTER\n"),
        );
    }
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", what)
        .output()
        .expect("runs");
    let run = Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (h, run)
}

macro_rules! gate_alone {
    ($($name:ident: $what:expr, $text:expr, $lang:expr, $file:expr, $field:expr, $how:expr;)*) => {$(
        #[test]
        fn $name() {
            let (h, r) = blind_build($what, $text, $lang);
            r.fails().no_panic();
            let record = if $field.starts_with("draft:") { "content/cases/draft.yaml" } else { "content/cases/lost-retainer.yaml" };
            let field = $field.trim_start_matches("draft:");
            r.says(&format!("the output file `{}` would publish `{field}` of {record} (found ", $file));
            r.says($how);
            for (secret, _) in FORBIDDEN.iter().filter(|(s, _)| !s.contains('[')) {
                assert!(!r.stderr.to_lowercase().contains(secret), "a secret is never shown in an error");
            }
            assert!(!h.exists("public"), "nothing was published");
        }
    )*};
}

gate_alone! {
    gate_alone_field: "contacts[0].name", "Kowalski called.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_whole: "whole", "Stock at the Pier 9 warehouse.", None, "chapters/plant/index.html", "sensitive[0]", "as plain text";
    gate_alone_legal_form: "legal-form", "Ferrowind Automation called.", None, "chapters/plant/index.html", "draft:client.name", "as plain text";
    gate_alone_leading_words: "leading-words", "Quillfeather Harbor called.", None, "chapters/plant/index.html", "client.name", "as plain text";
    gate_alone_initials: "initials", "QHS called.", None, "chapters/plant/index.html", "client.name", "as plain text";
    gate_alone_initials_with_legal_form: "initials", "QHSL called.", None, "chapters/plant/index.html", "client.name", "as plain text";
    gate_alone_joined: "joined", "QuillfeatherHarbor called.", None, "chapters/plant/index.html", "client.name", "joined to its neighbours";
    gate_alone_part: "part", "Mr Kowalski called.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_handle: "handle", "Ping @lkowalski now.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_handle_as_a_field: "handle", "assignee: lkowalski", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_handle_in_a_link: "handle", "[Profile](https://crm.example/u?id=lkowalski).", None, "chapters/plant/index.html", "contacts[0].name", "in a tag's attributes";
    // A handle that is no everyday word stands for the person wherever it
    // stands: a ticket's "user lkowalski", a login with a digit.
    gate_alone_handle_in_prose: "handle", "User \"lkowalski\" closed it.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_handle_with_a_digit: "handle", "The login lkowalski2 was disabled.", None, "chapters/plant/index.html", "contacts[0].name", "joined to its neighbours";
    gate_alone_handle_surname_first: "handle", "Ping kowalskil now.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_handle_given_name_first: "handle", "Ping lukaszk now.", None, "chapters/plant/index.html", "contacts[0].name", "as plain text";
    gate_alone_umlaut: "umlaut", "Juergen called.", None, "chapters/plant/index.html", "contacts[2].name", "as plain text";
    gate_alone_email_local: "email-local", "Ask lk.quill now.", None, "chapters/plant/index.html", "contacts[0].email", "as plain text";
    gate_alone_domain: "domain", "See ab.waw.pl now.", None, "chapters/plant/index.html", "client.domains[2]", "as plain text";
    gate_alone_domain_label: "domain-label", "The drukarniasowa shop.", None, "chapters/plant/index.html", "client.domains[0]", "as plain text";
    gate_alone_phone: "phone", "Ref tel087-123-4567 now.", None, "chapters/plant/index.html", "contacts[0].phone", "a phone number's digits";
    // The sanitiser writes the reference's character into the page: the gate
    // then finds the name with its diacritics folded.
    gate_alone_entities: "entities", "\n\n<div>&Lstrok;ukasz called.</div>\n\n", None, "chapters/plant/index.html", "contacts[0].name", "diacritics folded";
    gate_alone_lookalikes: "lookalikes", "Рriya called.", None, "chapters/plant/index.html", "owner", "look-alike Cyrillic/Greek letters";
    gate_alone_joined_words: "joined-words", "bluefin2024 called.", None, "chapters/plant/index.html", "client.aliases[0]", "joined to its neighbours";
    gate_alone_inflections: "inflections", "Dzięki Kowalskiemu.", Some("pl"), "pl/chapters/plant/index.html", "contacts[0].name", "an inflected form";
    // A Polish record on a site in English: a Slavic surname is read with
    // its endings on every page.
    gate_alone_inflected_on_an_english_page: "inflections", "Dzięki Kowalskiemu.", None, "chapters/plant/index.html", "contacts[0].name", "an inflected form";
    gate_alone_inflected_names: "inflections", "Dzięki Quillfeatherowi Harborowi.", Some("pl"), "pl/chapters/plant/index.html", "client.name", "an inflected form";
    // A domain's label is the client's name as people say it, and
    // inflected so.
    gate_alone_inflected_domain_label: "inflections", "Spotkanie z Quillfeatherem.", Some("pl"), "pl/chapters/plant/index.html", "contacts[0].email", "an inflected form";
    gate_alone_drafts: "client.name", "Ferrowind Automation Inc. called.", None, "chapters/plant/index.html", "draft:client.name", "as plain text";
    gate_alone_url_query: "leading-words", "[Map](https://maps.example.com/?q=Quillfeather+Harbor).", None, "chapters/plant/index.html", "client.name", "in a tag's attributes";
}

#[test]
fn a_distinctive_word_of_a_name_the_scrubber_missed_fails_the_build() {
    // "Quenby" of Quenby Marlowe Logistics, on its own: the scrubber's
    // guess (an English site, no English word), and the gate refuses it
    // too, in the pages and in a file of static/ that nothing rewrites.
    let record = "title: A customs backlog\nclient:\n  name: Quenby Marlowe Logistics GmbH\n\
                  exit:\n  date: 2024-09-30\n  initiated_by: client\n  reason: complaint\n\
                  outcome: exited\n";
    let h = one_case("customs.yaml", record).with(
        "content/chapters/lessons.md",
        "---\ntitle: Lessons\n---\n\nWhat Quenby taught us.\n",
    );
    refused_naming(
        &h,
        "name-word",
        "customs.yaml",
        &["client.name"],
        &["quenby", "marlowe"],
    );
    assert!(!h.exists("public"), "nothing was published");
    h.build().ok();
    h.write("static/files/notes.txt", "Minutes: Quenby signed.");
    h.build()
        .fails()
        .says("the file `files/notes.txt`, copied as it is from a static/ folder, would publish `client.name` of content/cases/customs.yaml (found ")
        .never_says("Quenby");
}

#[test]
fn a_saved_mail_is_read_as_a_mail_program_shows_it() {
    // A mail saved into static/ (`exit.eml`) with its text
    // quoted-printable: "Kowal=⏎ski" and "=4Bowalski" are "Kowalski" on
    // screen, and were published.
    let h = handbook("x");
    for body in ["Thanks, Kowal=\r\nski", "Thanks, =4Bowalski"] {
        h.write(
            "static/files/exit.eml",
            &format!(
                "From: a@example.org\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{body}\r\n"
            ),
        );
        h.build()
            .fails()
            .says("the file `files/exit.eml`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found a mail's quoted-printable encoding decoded")
            .never_says("Kowal")
            .never_says("owalski");
    }
    // A mail that names no one is published.
    h.write(
        "static/files/exit.eml",
        "Content-Transfer-Encoding: quoted-printable\r\n\r\nSee you =E2=80=94 soon=\r\n.\r\n",
    );
    h.build().ok();
}

#[test]
fn a_drawing_is_read_with_the_entities_it_declares_expanded() {
    // An SVG whose internal DTD declares entities: a browser shows
    // `&a;&b;` as "Kowalski", which was published. One that expands past
    // any drawing's size (a "billion laughs") cannot be read.
    let h = handbook("x");
    h.write(
        "static/files/logo.svg",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"Kowal\">\n<!ENTITY b 'ski'>\n\
         <!ENTITY c \"&a;&b;\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Thanks &c;</text></svg>\n",
    );
    h.build()
        .fails()
        .says("the file `files/logo.svg`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found the entities an XML document declares expanded")
        .never_says("Kowalski");
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY l0 \"ha\">\n");
    for k in 1..10 {
        let refs = format!("&l{};", k - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY l{k} \"{refs}\">\n"));
    }
    laughs.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&l9;</text></svg>\n");
    h.write("static/files/logo.svg", &laughs);
    h.build()
        .fails()
        .says("an XML document whose entities expand past 16 MB");
    // A drawing that declares an entity naming no one is published.
    h.write(
        "static/files/logo.svg",
        "<!DOCTYPE svg [<!ENTITY brand \"Handbook\">]><svg><text>&brand;</text></svg>",
    );
    h.build().ok();
}

#[test]
fn text_a_browser_turns_around_or_unescapes_is_read_so() {
    // A right-to-left override shows "Kowalski" from "ikslawoK"; a
    // stylesheet's escapes spell it out in hex.
    let h = handbook("x").with(
        "content/chapters/plant.md",
        "---\ntitle: Plant\n---\n\nCall \u{202E}ikslawoK\u{202C} today.\n",
    );
    h.build()
        .fails()
        .says("the output file `chapters/plant/index.html` would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found ")
        .says("read right to left")
        .never_says("Kowalski")
        .never_says("ikslawoK");
    h.remove("content/chapters/plant.md");
    h.write_bytes(
        "static/files/print.css",
        b"h1::after { content: \"\\4b owalski\" }",
    );
    h.build()
        .fails()
        .says("the file `files/print.css`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found ")
        .says("never rewrites it: take the value out of that file")
        .says("CSS escapes decoded")
        .never_says("Kowalski");
}

#[test]
fn a_name_spelt_with_its_letters_spaced_apart_is_read_as_the_name() {
    // A reader reads "K o w a l s k i" as the surname: the scrubber
    // replaces it; blind to it, the gate refuses the page, never showing
    // the name.
    let h = handbook("x").with(
        "content/chapters/plant.md",
        "---\ntitle: Plant\n---\n\nAsk K o w a l s k i about the invoice.\n",
    );
    h.build().ok();
    none_published(&h, &["K o w a l s k i", "Kowalski"]);
    let page = h.read("public/chapters/plant/index.html");
    assert!(page.contains(" about the invoice."), "the sentence stays");
    let said = refused_naming(
        &h,
        "spaced-letters",
        "lost-retainer.yaml",
        &["contacts[0].name"],
        &["Kowalski", "K o w a l s k i"],
    );
    assert!(
        said.contains("its letters spaced apart read as one word"),
        "{said}"
    );
    // Letters alone in ordinary prose are no name.
    h.write(
        "content/chapters/plant.md",
        "---\ntitle: Plant\n---\n\nPick a, b or c: a I o u e are vowels.\n",
    );
    h.build().ok();
    let page = h.read("public/chapters/plant/index.html");
    assert!(
        page.contains("Pick a, b or c: a I o u e are vowels."),
        "prose stays"
    );
}

#[test]
fn static_files_the_gate_cannot_read_fail_unless_unchecked() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"Minutes: Kowalski agreed.").unwrap();
    let gz = gz.finish().unwrap();
    let bare_utf16: Vec<u8> = "Minutes: Kowalski agreed."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let bom_utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(bare_utf16.iter().copied())
        .collect();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:text/plain;base64,S293YWxza2kgYWdyZWVkLg==\"/></svg>";
    let h = handbook("x");
    // An image's pixels are not read (a name in them is no text); its
    // metadata is.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR Kowalski";
    h.write_bytes("static/files/logo.png", png);
    h.build().ok();
    assert_eq!(
        std::fs::read(h.path("public/files/logo.png")).unwrap(),
        png,
        "published as it is"
    );
    // A JPEG's segment: its marker, its length, its data.
    let segment = |marker: u8, data: &[u8]| -> Vec<u8> {
        let len = u16::try_from(data.len() + 2).unwrap().to_be_bytes();
        [&[0xFF, marker][..], &len, data].concat()
    };
    let jpeg = |seg: Vec<u8>| {
        [
            &[0xFF, 0xD8][..],
            &seg,
            &[0xFF, 0xDA, 0, 2, b'x', 0xFF, 0xD9],
        ]
        .concat()
    };
    let comment = jpeg(segment(0xFE, b"Kickoff, Kowalski"));
    // EXIF, with the name as Windows' XPAuthor writes it (UTF-16): one
    // directory of one tag, its value after the directory (at byte 26).
    let author: Vec<u8> = "Łukasz Kowalski"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let exif = [
        &b"Exif\0\0II*\0\x08\0\0\0\x01\0\x9d\x9c\x01\0"[..],
        &u32::try_from(author.len()).unwrap().to_le_bytes(),
        &26u32.to_le_bytes(),
        &[0, 0, 0, 0],
        &author,
    ]
    .concat();
    let exif = jpeg(segment(0xE1, &exif));
    for (path, bytes) in [
        ("static/files/kickoff.jpg", comment),
        ("static/files/kickoff.jpeg", exif),
    ] {
        h.write_bytes(path, &bytes);
        let out = path.trim_start_matches("static/");
        h.build()
            .fails()
            .says(&format!("the file `{out}`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found in the image's metadata"))
            .says("exiftool -all=")
            .never_says("Kowalski");
        h.remove(path);
    }
    // Compressed, encoded and embedded text is read and refused.
    for (path, bytes, how) in [
        ("static/files/minutes.txt.gz", &gz[..], "gzip-inflated"),
        ("static/files/minutes.txt", &bom_utf16[..], "read as UTF-16"),
        (
            "static/files/badge.svg",
            svg.as_bytes(),
            "a base64 data URL decoded",
        ),
        // Named as text, a file is read as text however it starts.
        (
            "static/files/notes.txt",
            b"\x89PNG\r\n\x1a\nMinutes: Kowalski agreed.",
            "read as Windows-1252",
        ),
        // An SVG draws its spans one after the other: "Kowalski".
        (
            "static/files/chart.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><text><tspan>Kowal</tspan><tspan>ski</tspan></text></svg>",
            "markup inside the word removed",
        ),
        // A browser shows "Kowalski": the comment is nothing to it.
        (
            "static/files/notes.html",
            b"<p>Kowal<!-- -->ski agreed.</p>",
            "markup inside the word removed",
        ),
        (
            "static/files/notes.htm",
            b"<p>Minutes.</p><!-- Kowalski agreed -->",
            "in an HTML comment",
        ),
        // A script's legacy octal escapes (a red-team's find): "Kowalski".
        (
            "static/files/app.js",
            b"var who = \"\\113\\157\\167\\141\\154\\163\\153\\151\";",
            "JavaScript/JSON escapes decoded",
        ),
    ] {
        h.write_bytes(path, bytes);
        let out = path.trim_start_matches("static/");
        h.build()
            .fails()
            .says(&format!("the file `{out}`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found "))
            .says(how)
            .never_says("Kowalski");
        h.remove(path);
    }
    // What it cannot read fails the build, unless `unchecked` lists it.
    for (path, bytes) in [
        (
            "static/files/minutes.pdf",
            &b"%PDF-1.7\n1 0 obj << /Filter /FlateDecode >> stream\nx\x9c\x01\x02"[..],
        ),
        ("static/files/minutes16.txt", &bare_utf16[..]),
        ("static/files/bad.gz", &b"\x1f\x8bnot gzip at all"[..]),
    ] {
        h.write_bytes(path, bytes);
        let out = path.trim_start_matches("static/");
        h.build()
            .fails()
            .says(&format!(
                "the output file `{out}` cannot be checked for secrets"
            ))
            .says("[anonymize] unchecked");
        h.write(
            "site.toml",
            &format!("title = \"Test\"\n[anonymize]\ncountry = \"IE\"\nunchecked = [\"{path}\"]\n"),
        );
        h.build().ok();
        h.write(
            "site.toml",
            "title = \"Test\"\n[anonymize]\ncountry = \"IE\"\n",
        );
        h.remove(path);
    }
}

#[test]
fn a_name_after_the_end_of_a_static_image_fails_the_build() {
    // A PNG of one chunk, its end (`IEND`), then what a tool appended.
    let png = |tail: &[u8]| [&b"\x89PNG\r\n\x1a\n\0\0\0\0IEND\xaeB`\x82"[..], tail].concat();
    // Random bytes after it (a seeded xorshift) are no text, and not read.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let h = handbook("x");
    h.write_bytes("static/files/logo.png", &png(&noise));
    h.build().ok();
    h.write_bytes("static/files/logo.png", &png(b"Minutes: Kowalski agreed."));
    h.build()
        .fails()
        .says("the file `files/logo.png`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found in the image's metadata")
        .never_says("Kowalski");
}

#[test]
fn a_name_in_a_static_heic_avif_or_icons_metadata_fails_the_build() {
    // A box of the ISO base media file format: its size, its type, its data.
    let isobox = |kind: &[u8; 4], body: &[u8]| -> Vec<u8> {
        let size = u32::try_from(body.len() + 8).unwrap().to_be_bytes();
        [&size[..], kind, body].concat()
    };
    // Adobe's XMP box, as a phone or an editor writes it.
    let uuid = [
        0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF,
        0xAC,
    ];
    let xmp = "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>Łukasz Kowalski</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    let hdlr = [&[0; 8][..], b"pict", &[0; 13]].concat();
    let meta = isobox(
        b"meta",
        &[&[0, 0, 0, 0][..], &isobox(b"hdlr", &hdlr)].concat(),
    );
    let heif = |brand: &[u8; 4], xmp: &str| {
        let ftyp = [&brand[..], &[0, 0, 0, 0], b"mif1", brand, b"miaf"].concat();
        let mut b = [isobox(b"ftyp", &ftyp), meta.clone()].concat();
        if !xmp.is_empty() {
            b.extend(isobox(b"uuid", &[&uuid[..], xmp.as_bytes()].concat()));
        }
        b.extend(isobox(
            b"mdat",
            &[0x12, 0x00, 0x0A, 0x06, 0x18, 0x0C, 0xFF, 0xD8],
        ));
        b
    };
    // An icon of one PNG image, whose text chunk names him.
    let png = [
        &b"\x89PNG\r\n\x1a\n\0\0\0\x16tEXtAuthor\0Lukasz Kowalski"[..],
        &[0; 4],
        b"\0\0\0\0IEND\xaeB`\x82",
    ]
    .concat();
    let ico = [
        &[0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0][..],
        &u32::try_from(png.len()).unwrap().to_le_bytes(),
        &22u32.to_le_bytes(),
        &png,
    ]
    .concat();
    let h = handbook("x");
    // Without the name, published as they are.
    h.write_bytes("static/files/workshop.heic", &heif(b"heic", ""));
    h.build().ok();
    assert_eq!(
        std::fs::read(h.path("public/files/workshop.heic")).unwrap(),
        heif(b"heic", ""),
        "published as it is"
    );
    h.remove("static/files/workshop.heic");
    for (path, bytes) in [
        ("static/files/workshop.heic", heif(b"heic", xmp)),
        ("static/files/workshop.avif", heif(b"avif", xmp)),
        ("static/favicon.ico", ico),
    ] {
        h.write_bytes(path, &bytes);
        let out = path.trim_start_matches("static/");
        h.build()
            .fails()
            .says(&format!("the file `{out}`, copied as it is from a static/ folder, would publish `contacts[0].name` of content/cases/lost-retainer.yaml (found in the image's metadata"))
            .says("exiftool -all=")
            .never_says("Kowalski");
        h.remove(path);
    }
}

#[test]
fn templates_that_name_a_client_fail_the_build() {
    let h = handbook("x").with("templates/base.html", "");
    // A template override is the team's own text: the gate reads it too.
    let base = exitbook::render::theme::DEFAULT_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "base.html")
        .map(|(_, t)| {
            t.replace(
                "</body>",
                "<footer>Thanks to Quillfeather Harbor</footer></body>",
            )
        })
        .expect("the default theme has base.html");
    h.write("templates/base.html", &base);
    h.build()
        .fails()
        .says("the output file `index.html` would publish `client.name` of content/cases/lost-retainer.yaml")
        .never_says("Quillfeather");
}

mod property {
    //! Random names, phone numbers of many countries (with and without
    //! extensions) and domains, disguised by random combinations of the
    //! forms, never reach the output.

    use super::*;
    use proptest::prelude::*;

    const SYLLABLES: &[&str] = &[
        "var", "tes", "lon", "mir", "ka", "dro", "sel", "vu", "quen", "zar", "bri", "ost", "nel",
        "pha", "gor", "łu", "zö", "ré",
    ];

    /// (international as declared, national as written at home), `%` six
    /// random digits: full-length numbers of countries with calling codes
    /// of one, two and three digits, trunk prefixes or none, a six-digit
    /// national number (Greenland), an Italian leading zero.
    const PHONES: &[(&str, &str)] = &[
        ("+353 87 1%", "087 1%"),
        ("+357 96 %", "96 %"),
        ("+420 601 %", "601 %"),
        ("+48 22 1%", "22 1%"),
        ("+44 20 79%", "020 79%"),
        ("+49 30 %", "030 %"),
        ("+372 5%", "5%"),
        ("+1 503 5%", "(503) 5%"),
        ("+299 %", "%"),
        ("+39 06 12%", "06 12%"),
        ("00353 87 1%", "87 1%"),
    ];

    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(SYLLABLES), 2..4).prop_map(|s| {
            let w = s.concat();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
    }

    /// A disguise of `name` (one or two words).
    fn disguise(name: &str, how: u8) -> String {
        let joined: String = name.split(' ').collect();
        match how % 17 {
            0 => name.to_uppercase(),
            1 => format!("{name}'s"),
            2 => format!("**{}**", name.replace(' ', "** **")),
            3 => name.replace(' ', "\n"),
            4 => name.replace(' ', "&ensp;"),
            5 => {
                let mut c = name.chars();
                let first = c.next().unwrap_or('x');
                format!("&#{};{}", u32::from(first), c.as_str())
            }
            6 => {
                let cut = name.char_indices().nth(1).map_or(name.len(), |(i, _)| i);
                format!("{}\u{200B}{}", &name[..cut], &name[cut..])
            }
            7 => format!("\\n{name}"),
            8 => format!("{joined}2024"),
            9 => name.replace(' ', "-").to_lowercase(),
            10 => name.replace('a', "а").replace('o', "о"),
            11 => deunicode::deunicode(name),
            12 => format!(
                "[x](https://example.com/{})",
                name.replace(' ', "-").to_lowercase()
            ),
            // The first word spelt with its letters a space apart.
            13 => {
                let first = name.split(' ').next().unwrap_or(name);
                let spaced: Vec<String> = first.chars().map(String::from).collect();
                name.replacen(first, &spaced.join(" "), 1)
            }
            // A person's name as a user name (a ticket's "user zvarlon").
            14..=16 => handles(name)
                .get(usize::from(how - 14))
                .cloned()
                .unwrap_or_default(),
            _ => name.to_string(),
        }
    }

    /// The user names a person's name (`first last`) makes, as systems
    /// make them: initial and surname, surname and initial, given name and
    /// the surname's initial.
    fn handles(name: &str) -> Vec<String> {
        let folded: Vec<String> = name
            .split(' ')
            .map(|w| {
                reader_text(w.as_bytes())
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect()
            })
            .collect();
        let (Some(first), Some(last)) = (folded.first(), folded.last()) else {
            return Vec::new();
        };
        if folded.len() < 2 || first.is_empty() || last.is_empty() {
            return Vec::new();
        }
        vec![
            format!("{}{last}", &first[..1]),
            format!("{last}{}", &first[..1]),
            format!("{first}{}", &last[..1]),
        ]
    }

    fn phone_text(national: &str, how: u8) -> String {
        match how % 4 {
            0 => national.to_string(),
            1 => national.replace(' ', "–"),
            2 => national.replace(' ', "\u{2009}"),
            _ => national.replace(' ', "."),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_secrets_in_disguise_never_reach_the_output(
            org in proptest::collection::vec(word(), 1..4),
            legal in proptest::sample::select(vec!["", " Ltd", " Co., Ltd.", " Pvt Ltd", " SE", " GmbH", " sp. z o.o.", " S/A", " UG (haftungsbeschränkt)", " Sdn. Bhd."]),
            first in word(), last in word(), label in "[a-z]{6,10}",
            suffix in proptest::sample::select(vec!["com", "co.uk", "waw.pl", "github.io", "myshopify.com", "com.au"]),
            phone in proptest::sample::select(PHONES.to_vec()),
            tail in 100_000u32..999_999, ext in proptest::option::of(1u16..999),
            picks in proptest::collection::vec((0usize..4, 0u8..17, 0u8..4), 4..10),
            amp in any::<bool>(),
        ) {
            // Declared with an `&` after its first word, the name is also
            // written without it, or with another language's "and"; with
            // a legal form, without it (a name of one word has one: then
            // that word is the client).
            let amp = amp && org.len() >= 2;
            let legal = if org.len() == 1 && legal.is_empty() { " Ltd" } else { legal };
            let declared_org = if amp {
                format!("{} & {}{legal}", org[0], org[1..].join(" "))
            } else {
                format!("{}{legal}", org.join(" "))
            };
            let org = org.join(" ");
            let person = format!("{first} {last}");
            let domain = format!("{label}.{suffix}");
            let digits = format!("{tail}");
            let declared = format!("{}{}", phone.0.replace('%', &format!("{} {}", &digits[..3], &digits[3..])), ext.map(|e| format!(" ext. {e}")).unwrap_or_default());
            let national = phone.1.replace('%', &format!("{} {}", &digits[..3], &digits[3..]));
            let mut text = String::new();
            for (which, how, phow) in &picks {
                let planted = match which {
                    0 if amp && how % 3 == 0 => org.replacen(' ', " und ", 1),
                    0 => disguise(&org, *how),
                    1 => disguise(&person, *how),
                    2 => if how % 2 == 0 { domain.clone() } else { format!("https://www.{domain}/about") },
                    _ => phone_text(&national, *phow),
                };
                text.push_str(&format!("Then {planted} spoke. "));
            }
            let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"));
            let record = format!(
                "client:\n  name: {}\n  domains: [{domain}]\ncontacts:\n  - name: {}\n    role: Office Manager\n    phone: {}\nexit:\n  date: 2024-02-03\n  initiated_by: us\n  reason: bad-fit\n  summary: {}\noutcome: exited\n",
                q(&declared_org), q(&person), q(&declared), q(&text),
            );
            let h = Handbook::new()
                .with("site.toml", "title = \"T\"\n")
                .with("content/chapters/c.md", &format!("---\ntitle: C\n---\n\n{text}\n"))
                .with("content/cases/r.yaml", &record);
            let r = h.build();
            prop_assert_eq!(r.status, 0, "the scrubber let something through to the gate (inputs are in the failing case)");
            let all = site_text(&h.snapshot("public"));
            let folded = |s: &str| reader_text(s.as_bytes());
            for w in org.split(' ').chain([first.as_str(), last.as_str()]) {
                let re = Regex::new(&format!(r"(?:^|[^a-z0-9]){}(?:[^a-z0-9]|$)", regex::escape(&folded(w)))).unwrap();
                let of_org = org.split(' ').any(|o| o == w);
                // An organisation's single words are not secrets on their own
                // (unless the name is that word and its legal form).
                if of_org && org.contains(' ') {
                    continue;
                }
                prop_assert!(
                    !re.is_match(&all),
                    "{}",
                    if of_org { "a one-word organisation's name reached the output" } else { "a person's name part reached the output" }
                );
            }
            // A user name that is no everyday word is the person wherever
            // it stands.
            for handle in handles(&person).iter().filter(|h| !wordnik_list::word_exists(h)) {
                let re = Regex::new(&format!(r"(?:^|[^a-z0-9]){}(?:[^a-z0-9]|$)", regex::escape(handle))).unwrap();
                prop_assert!(!re.is_match(&all), "a person's user name reached the output");
            }
            let org_folded = folded(&org);
            let two: Vec<&str> = org_folded.split(' ').take(2).collect();
            prop_assert!(!all.contains(&two.join(" ")), "an organisation's leading words reached the output");
            prop_assert!(!all.contains(&two.join(" und ")), "an organisation's leading words reached the output");
            prop_assert!(!all.contains(&folded(&label)), "a domain's label reached the output");
            let run_digits: String = national.chars().filter(char::is_ascii_digit).collect();
            let nsn = run_digits.trim_start_matches('0');
            let runs = Regex::new(r"[0-9][0-9 .\-()+/\u{2009}\u{2013}]*[0-9]").unwrap();
            prop_assert!(
                !runs.find_iter(&all).any(|m| m.as_str().chars().filter(char::is_ascii_digit).collect::<String>().contains(nsn)),
                "a phone number reached the output"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

        /// A word of a client's name that is no secret alone (every word of
        /// the name is an English one), right after a title, written in
        /// disguise: never reaches the output.
        #[test]
        fn a_word_of_a_clients_name_after_a_title_never_reaches_the_output(
            first in proptest::sample::select(vec!["Mark", "Frank", "Grace", "Will", "Rose"]),
            word in proptest::sample::select(vec!["Baker", "Carter", "Mason", "Fisher", "Hunter", "Turner", "Walker", "Porter", "Miller", "Glass", "Stone"]),
            trade in proptest::sample::select(vec!["Photography", "Bakery", "Plumbing", "Studio"]),
            title in proptest::sample::select(vec!["Mr", "Mrs", "Ms", "Dr.", "Pani", "Herr", "Sig.ra", "Dott.ssa", "Mister", "M.", "Prof.", "Sir"]),
            picks in proptest::collection::vec(0u8..9, 2..5),
        ) {
            let mut text = String::new();
            for how in &picks {
                let titled = match how {
                    0 => format!("{title} {word}").to_uppercase(),
                    1 => format!("{title}&nbsp;{word}"),
                    2 => format!("{title}\u{a0}{word}"),
                    3 => format!("{title}  {word}"),
                    4 => format!("{title}\n{word}"),
                    5 => format!("{title} &#{};{}", u32::from(word.as_bytes()[0]), &word[1..]),
                    6 => format!("{title} {word}'s team"),
                    7 => format!("{title} {word}").to_lowercase(),
                    _ => format!("{title} **{word}**"),
                };
                text.push_str(&format!("Then {titled} spoke. "));
            }
            let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"));
            let record = format!(
                "client:\n  name: {first} {word} {trade}\nexit:\n  date: 2024-02-03\n  initiated_by: us\n  reason: bad-fit\n  summary: {}\noutcome: exited\n",
                q(&text),
            );
            let h = Handbook::new()
                .with("site.toml", "title = \"T\"\n")
                .with("content/cases/r.yaml", &record);
            let r = h.build();
            prop_assert_eq!(r.status, 0, "the scrubber let something through to the gate (inputs are in the failing case)");
            let all = site_text(&h.snapshot("public"));
            let titled = format!("{} {}", reader_text(title.as_bytes()), word.to_lowercase());
            let re = Regex::new(&format!(r"(?:^|[^a-z0-9]){}(?:[^a-z0-9]|$)", regex::escape(&titled))).unwrap();
            prop_assert!(!re.is_match(&all), "a title and a word of the client's name reached the output");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

        /// A client that is a person (a sole trader, a practice named for
        /// its owner, a firm named for its partners): the surname, as the
        /// text calls the client, in disguise and (on a Polish site)
        /// declined, never reaches the output.
        #[test]
        fn a_client_who_is_a_person_never_reaches_the_output(
            given in proptest::sample::select(vec!["Anna", "Piotr", "Ngozi", "Lars", "Priya", "Tomasz", "Ingrid"]),
            stem in word(),
            ending in proptest::sample::select(vec!["", "ski", "ska", "wicz"]),
            shape in 0u8..4,
            polish in any::<bool>(),
            picks in proptest::collection::vec(0u8..17, 2..5),
        ) {
            let surname = format!("{stem}{ending}");
            let name = match shape {
                0 => format!("{given} {surname}"),
                1 => format!("Dr {given} {surname}"),
                2 => format!("{surname} i Wspólnicy sp.k."),
                _ => format!("PPHU {surname} {given}"),
            };
            let mut text = String::new();
            for how in &picks {
                text.push_str(&format!("Then {} spoke. ", disguise(&surname, *how)));
            }
            if polish && !ending.is_empty() {
                let stem_of = surname.trim_end_matches(['a', 'i']);
                text.push_str(&format!("Dzięki {stem_of}iemu i {stem_of}iej. "));
            }
            let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"));
            let record = format!(
                "client:\n  name: {}\nexit:\n  date: 2024-02-03\n  initiated_by: us\n  reason: bad-fit\n  summary: {}\noutcome: exited\n",
                q(&name), q(&text),
            );
            let lang = if polish { "pl" } else { "en" };
            let h = Handbook::new()
                .with("site.toml", &format!("title = \"T\"\nlanguage = \"{lang}\"\n"))
                .with("content/cases/r.yaml", &record);
            let r = h.build();
            prop_assert_eq!(r.status, 0, "the scrubber let something through to the gate (inputs are in the failing case)");
            let all = site_text(&h.snapshot("public"));
            let folded = reader_text(surname.as_bytes());
            let re = Regex::new(&format!(r"(?:^|[^a-z0-9]){}", regex::escape(&folded))).unwrap();
            prop_assert!(!re.is_match(&all), "a client's surname reached the output");
        }
    }
}

/// Issue 13, class 7: on a first build (no site yet), a link to the output
/// folder that does not resolve yet must not let the reveal map be written
/// into the published site, however deep under the link it is asked for.
#[cfg(unix)]
#[test]
fn the_reveal_map_never_lands_in_a_first_site_through_a_link() {
    for map in ["maps/map.tsv", "maps/sub/map.tsv", "maps/a/b/map.tsv"] {
        let h = Handbook::basic();
        assert!(!h.exists("public"), "a first build has no site yet");
        std::os::unix::fs::symlink(h.path("public"), h.path("maps")).expect("a link");
        let r = h.run(&["build", "--reveal-map", map]);
        r.no_panic();
        let site = h.snapshot("public");
        let published = site
            .values()
            .any(|bytes| bytes.starts_with(b"# exitbook reveal map"));
        assert!(
            !published,
            "the reveal map was written into the published site through a link ({map}; exit {})",
            r.status
        );
    }
}

/// On a Polish site an ordinary English word can read as an inflected name
/// (a stem and an ending): the scrubber would replace it, so `check` warns
/// (naming the field, not the word) and says how to keep it; allowing the
/// name part lets the word through. Where the scrubber does not reach (a
/// step's note on the start page), the gate refuses it and says the same.
#[test]
fn an_ordinary_word_read_as_an_inflected_name_can_be_allowed() {
    let record = "client:\n  name: Quorvex Dynamics\ncontacts:\n  - name: Matteo Quillbrand\n    role: Office Manager\nexit:\n  date: 2024-05\n  initiated_by: client\n  reason: price\noutcome: exited\n";
    let chapter = "---\ntitle: Price talks\n---\n\nWhat matters is the next renewal.\n";
    let site = |allow: &str| {
        format!(
            "title = \"Zespół\"\nlanguage = \"pl\"\n[anonymize]\nmin_group = 1\nallow = [{allow}]\n"
        )
    };
    let with_step = |allow: &str| {
        site(allow)
            + "\n[[onboarding]]\npage = \"@/chapters/price.md\"\nnote = \"What matters first.\"\n"
    };
    let h = Handbook::new()
        .with("site.toml", &site(""))
        .with("content/chapters/price.md", chapter)
        .with("content/cases/lost.yaml", record);
    h.run(&["check"])
        .ok()
        .says("`contacts[0].name` of content/cases/lost.yaml: a word of the chapters reads as an inflected form")
        .says("`[anonymize] allow`")
        .never_says("Matteo")
        .never_says("matters");
    h.build().ok();
    assert!(
        !h.read("public/chapters/price/index.html")
            .contains("What matters")
    );
    h.write("site.toml", &site("\"Matteo\""));
    h.run(&["check"]).ok().never_says("inflected form");
    h.build().ok();
    assert!(
        h.read("public/chapters/price/index.html")
            .contains("What matters")
    );

    // An onboarding note is the author's words, scrubbed as a chapter is.
    h.write("site.toml", &with_step(""));
    h.build().ok();
    assert!(
        !h.read("public/start/index.html")
            .contains("What matters first.")
    );
    h.write("site.toml", &with_step("\"Matteo\""));
    h.build().ok();
    assert!(
        h.read("public/start/index.html")
            .contains("What matters first.")
    );
}

#[test]
fn a_name_among_the_search_synonyms_is_refused_and_the_help_says_where() {
    // Synonyms go into the search index as written (a group with a word
    // of the handbook's): a contact's name there fails the build, and the
    // help points at `[search] synonyms`.
    let h = handbook("Nothing here.").with(
        "site.toml",
        "title = \"Test\"\n[search]\nsynonyms = { kowalski = [\"retainer\"] }\n",
    );
    h.build()
        .fails()
        .says("the output file `search/")
        .says("would publish `contacts[0].name` of content/cases/lost-retainer.yaml")
        .says("a word of `[search] synonyms` in site.toml")
        .never_says("kowalski");
}

#[test]
fn a_record_saved_with_an_upper_case_extension_is_a_record() {
    // Another tool saved it as `.YAML`: its client is published as a case
    // and protected everywhere, not left out unseen.
    let h = one_case("Harbor.YAML", crate::common::RECORD).with(
        "content/chapters/postmortems.MD",
        "---\ntitle: Postmortems\n---\n\nHarbor Freight Logistics and Dana Whitfield.\n",
    );
    h.build().ok();
    assert!(h.exists("public/chapters/postmortems/index.html"));
    let site = h.snapshot("public");
    assert!(
        site.iter().any(|(path, bytes)| path.starts_with("cases/")
            && String::from_utf8_lossy(bytes).contains("<h1>Late proofs and a lost retainer")),
        "the record is published as a case"
    );
    let (found, _) = leaks_in(&site);
    assert!(found.is_empty(), "nothing of the record is published");
}

#[test]
fn sensitive_numbers_addresses_and_suffix_domains_have_every_form() {
    // `[anonymize] sensitive` lists a number, an address and a domain: each
    // is found as such, not only as written. A client whose domain is a
    // public suffix itself (a hosting platform) is protected too.
    let h = Handbook::new()
        .with(
            "site.toml",
            "title = \"Test\"\n[anonymize]\ncountry = \"IE\"\nsensitive = [\"+353 86 765 4321\", \"ops.lead@quillonbx.ie\", \"stayharrow.co.uk\"]\n",
        )
        .with(
            "content/cases/host.yaml",
            &lone_record(&[(
                "  region: Pacific Northwest\n",
                "  region: Pacific Northwest\n  domains: [netlify.app]\n",
            )]),
        )
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\nCall 086 765 4321 or ops.lead at quillonbx.ie; see stayharrow and the netlify.app dashboard.\n",
        );
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    let digits: String = all.chars().filter(char::is_ascii_digit).collect();
    assert!(!digits.contains("867654321"), "a listed number is withheld");
    for word in ["ops lead", "quillonbx", "stayharrow", "netlify"] {
        assert!(
            !all.contains(word),
            "a listed address or domain is replaced"
        );
    }
}

#[test]
fn organisations_as_they_are_also_written() {
    // A legal form in front and quotes, a leading article left off, `&`
    // for `and`, abbreviations without their dots, names without their
    // apostrophes, a hyphenated first word: each is the client's name.
    let names = [
        "ООО «Ромашка»",
        "Marks and Spencer Group plc",
        "The Home Depot Inc.",
        "St. Mary's Hospital",
        "Macy's Inc.",
        "Rolls-Royce Holdings plc",
        "M/s Sharma Traders",
    ];
    let mut h = Handbook::new().with("site.toml", "title = \"Test\"\n").with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\nRomashka and Ромашка; Marks & Spencer; Home Depot; St Mary's Hospital; Macys; Rolls-Royce; Sharma Traders.\n",
    );
    for (i, n) in names.iter().enumerate() {
        h = h.with(
            &format!("content/cases/c{i}.yaml"),
            &lone_record(&[("Harbor Freight Logistics", n)]),
        );
    }
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    for word in [
        "romashka",
        "ромашка",
        "marks spencer",
        "home depot",
        "mary s hospital",
        "macys",
        "rolls royce",
        "sharma",
    ] {
        assert!(!all.contains(word), "{word} is replaced");
    }
    // On a Russian page, a name of one word is inflected as a noun.
    let h = Handbook::new()
        .with("site.toml", "title = \"Test\"\nlanguage = \"ru\"\n")
        .with(
            "content/cases/c.yaml",
            &lone_record(&[("Harbor Freight Logistics", "ООО «Ромашка»")]),
        )
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Заметки\n---\n\nМы потеряли Ромашку. С Ромашкой говорили долго.\n",
        );
    h.build().ok();
    for (path, bytes) in h.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(
            !text.contains("ромашк") && !text.contains("romashk"),
            "an inflected one-word name is replaced ({path})"
        );
    }
}

#[test]
fn a_link_to_a_heading_that_names_someone_follows_the_heading() {
    // The heading is replaced, so its id is; a link to it from inside the
    // handbook (`@/…#what-whitfield-said`) used to keep the old anchor: the
    // gate refused the build and the link check named no heading.
    let h = Handbook::basic().with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\n## What Whitfield said\n\nSee [above](@/chapters/notes.md#what-whitfield-said) \
         and [the case](@/cases/late-proofs.yaml#whitfield).\n",
    );
    h.build().ok();
    let page = h.read("public/chapters/notes/index.html");
    let id = Regex::new(r#"<h2 id="([^"]+)""#)
        .unwrap()
        .captures(&page)
        .map(|c| c[1].to_string())
        .expect("the heading has an id");
    assert!(!id.contains("whitfield"));
    assert!(
        page.contains(&format!(
            "href=\"../../chapters/notes/index.html#{id}\">above</a>"
        )),
        "{page}"
    );
    none_published(&h, &["Whitfield", "whitfield"]);
}

#[test]
fn a_firms_and_as_another_language_writes_it_or_left_out() {
    // `Großmann & Söhne` is written `Großmann und Söhne` on a German page,
    // `Kowalski i Syn` on a Polish one, and often with no "and" at all.
    // Each used to be published, by both checks (only the joined
    // `grossmannsohne` was a form).
    let notes = "---\ntitle: Notes\n---\n\nThe delay cost Großmann Söhne a slot; Großmann und Söhne \
                 wrote, and GROSSMANN-SÖHNE signed. Kowalski & Syn and Kowalski Syn paid late. \
                 Brenninkmeyer & Partner drew the plans. \
                 Vestergaard & Lindholm og Søn left.\n";
    let build = || {
        Handbook::new()
            .with("site.toml", "title = \"Test\"\n")
            .with(
                "content/cases/g.yaml",
                &lone_record(&[(
                    "Harbor Freight Logistics",
                    "Großmann & Söhne Maschinenbau GmbH",
                )]),
            )
            .with(
                "content/cases/k.yaml",
                &lone_record(&[("Harbor Freight Logistics", "Kowalski i Syn sp. z o.o.")]),
            )
            .with(
                "content/cases/b.yaml",
                &lone_record(&[(
                    "Harbor Freight Logistics",
                    "Brenninkmeyer + Partner Architekten GmbH",
                )]),
            )
            .with(
                "content/cases/v.yaml",
                &lone_record(&[(
                    "Harbor Freight Logistics",
                    "Vestergaard-Lindholm Fragt & Søn ApS",
                )]),
            )
            .with("content/chapters/notes.md", notes)
    };
    let h = build();
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    for word in ["grossmann", "kowalski"] {
        assert!(
            !all.contains(word),
            "every way the name is written is replaced"
        );
    }
    // Architects write `+` for `&`: the name goes whole, "Partner" too;
    // and a hyphenated first word is written with an `&` as well.
    let notes_page = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    assert!(!notes_page.contains("partner"), "{notes_page}");
    assert!(!notes_page.contains("lindholm"), "{notes_page}");
    // With the scrubber blind to the client's name, the gate refuses them.
    let stderr = refused_blind(&build(), "client.name");
    for file in ["g", "k"] {
        assert!(
            stderr.contains(&format!(
                "the output file `chapters/notes/index.html` would publish `client.name` of content/cases/{file}.yaml"
            )),
            "{stderr}"
        );
    }
    assert!(!stderr.contains("Großmann") && !stderr.contains("Kowalski"));
}

#[test]
fn names_whose_stem_changes_in_other_cases() {
    // Czech, Polish, Finnish and Lithuanian pages write names in their
    // cases: the vowel that drops (Pawła, Karla, Hájkem), Finnish -nen
    // (Virtasen), a nominative ending that goes (Kazlausko). An English
    // page does not, and "Robert" is no secret for a Roberts.
    let record = lone_record(&[(
        "  - name: Dana Whitfield\n    role: Operations Director\n    email: dana.whitfield@harborfreight.com\n    phone: \"+1 503 555 0142\"\n",
        "  - name: Paweł Wróbel\n    role: Buyer\n  - name: Karel Hájek\n    role: Planner\n  - name: Mikko Virtanen\n    role: Engineer\n  - name: Jonas Kazlauskas\n    role: Designer\n  - name: Anna Roberts\n    role: Clerk\n  - name: Tomas Petraitis\n    role: Buyer\n  - name: Kārlis Balodis\n    role: Planner\n",
    )]);
    let page = |lang: &str, text: &str| {
        (
            format!("content/chapters/notes.{lang}.md"),
            format!("---\ntitle: N\n---\n\n{text}\n"),
        )
    };
    let mut h = one_case("people.yaml", &record).with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\nRobert wrote.\n",
    );
    for (lang, text) in [
        ("pl", "Rozmowa z Pawłem Wróblem, dzięki Pawłowi."),
        ("cs", "Mluvil jsem s Karlem Hájkem."),
        ("fi", "Puhuin Mikon ja Virtasen kanssa."),
        (
            "lt",
            "Kalbėjau su Kazlausku. Jono komanda padėkojo Jonui. Petraičio laiškas. Su tomis įmonėmis.",
        ),
        ("lv", "Kārlim rakstījām. Baloža vēstule."),
    ] {
        let (path, body) = page(lang, text);
        h = h.with(&path, &body);
    }
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    for word in [
        "pawlem",
        "pawlowi",
        "wroblem",
        "karlem",
        "hajkem",
        "mikon",
        "virtasen",
        "kazlausku",
        "jono",
        "jonui",
        "petraicio",
        "karlim",
        "baloza",
    ] {
        assert!(!all.contains(word), "{word} is replaced");
    }
    let en = h.read("public/chapters/notes/index.html");
    assert!(en.contains("Robert wrote"), "Robert is no secret");
    // A name in another case has no plural: `tomi` (Tomas) is not in `tomis`.
    assert!(
        h.read("public/lt/chapters/notes/index.html")
            .contains("Su tomis įmonėmis.")
    );
    // With the scrubber blind to these stems, the gate refuses.
    let stderr = refused_blind(&h, "stem");
    assert!(stderr.contains("would publish `contacts[0].name` of content/cases/people.yaml"));
    assert!(!stderr.to_lowercase().contains("pawl"));
    // Jonas: a stem of three letters (Jono, Jonui), its cases' endings only.
    let stderr = refused_blind(&h, "alternated");
    assert!(stderr.contains("would publish `contacts[3].name` of content/cases/people.yaml"));
    assert!(!stderr.to_lowercase().contains("jono"));
}

#[test]
fn numbers_written_without_their_area_code() {
    // Someone in the same city writes a number without its area code:
    // 555-0142 for (503) 555-0142, 7946 0958 for 020 7946 0958.
    let record = lone_record(&[(
        "owner: Priya",
        "  - name: Tom Baker\n    role: Buyer\n    phone: \"+44 20 7946 0958\"\nowner: Priya",
    )]);
    let h = one_case("lines.yaml", &record)
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\nThe desk line was 555-0142 until 2019-07-15; the London office, 7946 0958, and 020 7946&nbsp;0958. Order 3555-0142 shipped. From a desk phone dial 9 555 0142; the line is open 555 0142 24/7. Tokyo wrote 503ー555ー0142.\n",
        );
    h.build().ok();
    let (_, all) = leaks_in(&h.snapshot("public"));
    // (The order number, as the reader text and the search terms have it.)
    let all = all.replace("3555", "");
    for number in [r"555\D{0,6}0142", r"7946\D{0,6}0958"] {
        let found = Regex::new(number).expect("a pattern").is_match(&all);
        assert!(!found, "a local number is withheld");
    }
    let page = h.read("public/chapters/notes/index.html");
    assert!(page.contains("2019-07-15"), "a date is no number");
    // A longer number that holds a local one's digits is another number.
    assert!(page.contains("Order 3555-0142 shipped"));
    // With the scrubber blind to numbers without their area code, the
    // gate refuses.
    let stderr = refused_blind(&h, "local-phone");
    assert!(stderr.contains("would publish `contacts[0].phone` of content/cases/lines.yaml"));
    assert!(stderr.contains("would publish `contacts[1].phone` of content/cases/lines.yaml"));
    assert!(!stderr.contains("0142") && !stderr.contains("0958"));
}

const TRADING_HOUSE: &str = "\
title: A trading house left
client:
  name: 株式会社さくら商事
contacts:
  - name: 山田 太郎
    role: Buyer
  - name: 김민수
    role: Engineer
  - name: 王平安
    role: Planner
  - name: 杨 颖安
    role: Designer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    山田さんと話した。さくら商事の担当は太郎さんです。김민수가 말했다. 민수 씨. 平安说.
outcome: exited
";

const BRIGHT: &str = "\
title: A studio left
client:
  name: (주)한빛
exit:
  date: 2024-06-30
  initiated_by: client
  reason: budget
  summary: |
    한빛이 떠났다.
outcome: exited
";

#[test]
fn a_chapter_named_after_a_contact_is_told_to_be_renamed() {
    // The file's name is the chapter's URL; no rule replaces it. The
    // author is told which record's field it holds, at the chapter.
    let h = handbook("x").with(
        "content/chapters/kowalski-notes.md",
        "---\ntitle: Notes\n---\n\nPlain text.\n",
    );
    let r = h.build();
    r.fails().no_panic();
    r.says("the chapter's file name holds `contacts[0].name` of content/cases/lost-retainer.yaml")
        .says("--> content/chapters/kowalski-notes.md")
        .says("rename the file");
    assert!(!h.exists("public"), "nothing was published");
    // A name with a letter beyond ASCII: told what to do, nothing masked.
    let h = handbook("x").with(
        "content/chapters/zoë-notes.md",
        "---\ntitle: Notes\n---\n\nPlain text.\n",
    );
    let r = h.build();
    r.fails()
        .says("the chapter's file name does not make a usable URL slug")
        .says("lowercase ASCII letters")
        .never_says("▒");
}

#[test]
fn a_name_joined_to_its_particle_at_a_texts_start_is_replaced() {
    // The scrubber's reading marked a stretch of such a script one letter
    // late where the text began with it (after the front matter's line
    // breaks): `민수님` opening a chapter was left, and the gate refused it.
    for body in ["민수님 감사합니다.", "山田さんによると撤退した。"] {
        let h = one_case("sakura.yaml", TRADING_HOUSE).with(
            "content/chapters/notes.md",
            &format!("---\ntitle: Notes\n---\n\n{body}\n"),
        );
        h.build().ok();
        none_published(&h, &["민수", "山田"]);
    }
}

#[test]
fn an_honorific_after_a_replaced_name_goes_with_it() {
    // "the Designer 님": the stand-in says who, the honorific was left.
    let h = one_case("sakura.yaml", TRADING_HOUSE).with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\n김민수님, 감사합니다. 민수 씨도. 山田さん、ありがとう。\n",
    );
    h.build().ok();
    none_published(&h, &["민수", "山田"]);
    let page = h.read("public/chapters/notes/index.html");
    assert!(page.contains("감사합니다"), "the words around stay");
    for honorific in ["님", "씨", "さん"] {
        assert!(
            !page.contains(honorific),
            "no honorific is left ({honorific})"
        );
    }
}

#[test]
fn names_in_scripts_without_spaces() {
    // Japanese writes a surname with an honorific joined (山田さん), a
    // company without its joined legal form (さくら商事の); Korean joins a
    // particle to a name (김민수가). No space stands beside any of them.
    let h = one_case("sakura.yaml", TRADING_HOUSE)
        .with("content/cases/bright.yaml", BRIGHT)
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\n山田太郎さんによると、さくら商事株式会社は撤退した。김민수님께 감사.\n\n## Shipping and paying\n\nStaying an hour, shipping and paying.\n",
        );
    h.build().ok();
    none_published(
        &h,
        &[
            "山田",
            "太郎",
            "さくら",
            "김민수",
            "민수",
            "平安",
            "颖安",
            "한빛",
        ],
    );
    let page = h.read("public/cases/sakura/index.html");
    assert!(page.contains("말했다"), "the words around a name stay");
    // In Latin letters such a name is a word like any other: `ying an`
    // (颖安) and `ping an` (平安) are not in "staying an" or "shipping and".
    let notes = h.read("public/chapters/notes/index.html");
    assert!(notes.contains("Staying an hour, shipping and paying."));
    assert!(notes.contains("id=\"shipping-and-paying\""));
    // With the scrubber blind to one field, the gate refuses it.
    gate_refuses_each(
        &h,
        "content/cases/sakura.yaml",
        &["client.name", "contacts[0].name", "contacts[1].name"],
        &["山田", "김민수"],
    );
}

#[test]
fn chinese_and_korean_names_in_latin_letters() {
    // 김민수 is written "Kim Min-su", "Min Su Kim" or "Minsu Kim"; 王平安
    // "Wang Ping-an" or "Ping'an Wang". The given name written apart, and
    // the surname beside it, used to be published ("Kim the Engineer",
    // "Min Su Kim" whole).
    // (`Min-soo`: ㅜ written `oo`, as its bearers most often write it.)
    let notes = "---\ntitle: Notes\n---\n\nWe met Kim Min-su first. Then Min Su Kim wrote. \
                 Minsoo Kim replied. Wang Pingan called. Pingan Wang agreed. Park and Lee stay words.\n";
    let build = || one_case("sakura.yaml", TRADING_HOUSE).with("content/chapters/notes.md", notes);
    let h = build();
    h.build().ok();
    let text = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    assert!(
        text.contains("we met the engineer first then the engineer wrote the engineer replied the planner called the planner agreed"),
        "{text}"
    );
    assert!(
        text.contains("park and lee stay words"),
        "a surname alone is a word"
    );
    let (_, all) = leaks_in(&h.snapshot("public"));
    for word in ["min su", "minsu", "minsoo", "pingan", "ping an"] {
        assert!(
            !all.contains(word),
            "a given name in Latin letters is replaced"
        );
    }
    // With the scrubber blind to them, the gate refuses both.
    refused_naming(
        &build(),
        "romanised",
        "sakura.yaml",
        &["contacts[1].name", "contacts[2].name"],
        &["minsu", "pingan"],
    );
}

#[test]
fn korean_given_names_in_their_other_latin_spellings() {
    // A Korean given name alone, as its bearers write it: 김민수's 민수 as
    // "Min-soo" or "Minsoo"; a Latin-written "Park Ji-hoon" as "Jihun" or
    // "Jee-hoon"; "Gyeong-su Choi" as "Kyung-soo" (the older, voiceless
    // initial). They were published. An English phrase its syllables make
    // ("to go" of 도고) stays.
    let record = "\
title: A studio left
client:
  name: Hanbit Studio Ltd
contacts:
  - name: 김민수
    role: Engineer
  - name: Park Ji-hoon
    role: Designer
  - name: Gyeong-su Choi
    role: Analyst
  - name: Do-go Lee
    role: Buyer
  - name: 박지훈
    role: Planner
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    박지훈이 말했다.
outcome: exited
";
    let notes = "---\ntitle: Notes\n---\n\nMin-soo wrote. Minsoo agreed. Jihun replied. Ji-hun called. \
                 Jee-hoon left. Kyungsoo stayed. Kyung-soo smiled. We had to go on.\n";
    let build = || one_case("studio.yaml", record).with("content/chapters/notes.md", notes);
    let h = build();
    h.build().ok();
    let text = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    assert!(
        text.contains(
            "the engineer wrote the engineer agreed the designer replied the designer called \
             the designer left the analyst stayed the analyst smiled we had to go on"
        ),
        "each spelling is the person; an English phrase stays"
    );
    // A Latin reading that is also a Hangul name's (`jihun` of 지훈) leaves
    // that name found inside Hangul text.
    none_published(&h, &["지훈"]);
    // With the scrubber blind to them, the gate refuses each.
    refused_naming(
        &build(),
        "romanised",
        "studio.yaml",
        &["contacts[0].name", "contacts[1].name", "contacts[2].name"],
        &["minsoo", "jihun", "kyung"],
    );
}

#[test]
fn chinese_names_as_taiwan_and_hong_kong_write_them() {
    // 張小明 is "Chang Hsiao-ming" in Taiwan (Wade–Giles) and "Cheung
    // Hsiao-ming" beside a Hong Kong surname; 陳志強 "Chen Chih-chiang";
    // 周杰, a name of two syllables, "Jie Zhou" or "Chou Chieh"; after a
    // title a surname alone is the person ("Ms. Chan", "Mr Chow"). They
    // were published. "To an" (多安 in Wade–Giles) stays a phrase. (The
    // file is not named `formosa.yaml`: a word of the client's name, it
    // would be masked in the gate's messages.)
    let record = "\
title: A distributor left
client:
  name: Formosa Parts Ltd
contacts:
  - name: 張小明
    role: Buyer
  - name: 陳志強
    role: Engineer
  - name: 多安平
    role: Analyst
  - name: 周杰
    role: Planner
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    A distributor left.
outcome: exited
";
    let notes = "---\ntitle: Notes\n---\n\nChang Hsiao-ming called. Hsiao-ming agreed. Cheung Hsiao-ming wrote. \
                 Chih-chiang Chen replied. We went to an office. Jie Zhou called. Chou Chieh wrote. \
                 Ms. Chan agreed. Mr Chow left.\n";
    let build = || one_case("distributor.yaml", record).with("content/chapters/notes.md", notes);
    let h = build();
    h.build().ok();
    let text = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    assert!(
        text.contains(
            "the buyer called the buyer agreed the buyer wrote the engineer replied we went to an office \
             the planner called the planner wrote the engineer agreed the planner left"
        ),
        "each spelling is the person; an English phrase stays"
    );
    // With the scrubber blind to them, the gate refuses each.
    refused_naming(
        &build(),
        "romanised",
        "distributor.yaml",
        &["contacts[0].name", "contacts[1].name", "contacts[3].name"],
        &["hsiao", "chieh", "chih"],
    );
}

const SUPPLIER_AR_HE: &str = "\
title: A supplier left
client:
  name: شركة النور
contacts:
  - name: محمد الحسيني
    role: Buyer
  - name: אברהם לוינסון
    role: Engineer
  - name: علي عمر
    role: Planner
  - name: יעל כהן
    role: Designer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    تحدثت مع محمد ولمحمد وبالحسيني والنور. דיברתי עם אברהם ולאברהם ומלוינסון. قال عمر. יעל אמרה. وقال محمدٌ. Mr Tan agreed.
outcome: exited
";

#[test]
fn names_in_arabic_and_hebrew_after_a_joined_word() {
    // Arabic and Hebrew join "and", "to", "with", "from" and the article to
    // the next word: ولمحمد is "and to Muhammad", ולאברהם "and to Avraham".
    let h = one_case("supplier.yaml", SUPPLIER_AR_HE);
    h.build().ok();
    // (`عمر`, `יעל`: an ayin or an aleph is a letter of the name.)
    none_published(
        &h,
        &["محمد", "حسيني", "نور", "אברהם", "לוינסון", "عمر", "יעל"],
    );
    let page = h.read("public/cases/supplier/index.html");
    assert!(page.contains("תי עם"));
    // A harakah over the name's last letter goes with it.
    assert!(page.contains("وقال the Buyer."), "no mark left alone");
    // `عمر` is `amr`, never `mr` (a table that drops the ayin): "Mr" stays.
    assert!(page.contains("Mr Tan agreed."));
    gate_refuses_each(
        &h,
        "content/cases/supplier.yaml",
        &[
            "client.name",
            "contacts[0].name",
            "contacts[1].name",
            "contacts[2].name",
            "contacts[3].name",
        ],
        &[],
    );
}

#[test]
fn short_names_and_the_themes_own_code_do_not_fail_a_build() {
    // "Thi" is no plural of "this"; "Han" in the search script's
    // `\p{sc=Han}` is a word of exitbook's code, not a client's name.
    let record = lone_record(&[
        ("Dana Whitfield", "Nguyen Thi Han"),
        ("dana.whitfield@", "nth@"),
    ]);
    let h = one_case("lan.yaml", &record).with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\nThis works: Nguyen Thi Han wrote.\n",
    );
    h.build().ok();
    let page = h.read("public/chapters/notes/index.html");
    assert!(page.contains("This works"));
    assert!(!page.contains("Nguyen") && !page.contains("Thi Han"));
}

#[test]
fn legal_forms_of_many_countries_and_short_names_without_them() {
    // `Tanaka Co., Ltd.`, `Sharma Pvt Ltd`, `Vogt SE`, `SIA Bērziņš`: the
    // name without its legal form was published wherever a page wrote it,
    // as was a name of four letters or fewer before a known one (`Nova
    // Ltd`), by both checks.
    let clients = [
        ("t", "Tanaka Co., Ltd."),
        ("s", "Sharma Pvt Ltd"),
        ("v", "Vogt SE"),
        ("b", "SIA Bērziņš"),
        ("r", "OOO Romashka"),
        ("u", "Schmidt UG (haftungsbeschränkt)"),
        ("c", "Costa S/A"),
        ("n", "Nova Ltd"),
    ];
    let notes = "---\ntitle: Notes\n---\n\nWe lost Tanaka, then Sharma and Vogt; Berzins, \
                 Romashka, Schmidt, Costa and Nova followed.\n";
    let build = || {
        clients.iter().fold(
            Handbook::new()
                .with("site.toml", "title = \"Test\"\n")
                .with("content/chapters/notes.md", notes),
            |h, (file, name)| {
                h.with(
                    &format!("content/cases/{file}.yaml"),
                    &lone_record(&[("Harbor Freight Logistics", name)]),
                )
            },
        )
    };
    let h = build();
    h.build().ok();
    let page = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    for word in [
        "tanaka", "sharma", "vogt", "berzins", "romashka", "schmidt", "costa", "nova",
    ] {
        assert!(!page.contains(word), "each name is replaced");
    }
    // With the scrubber blind to the client's name, the gate refuses them.
    let stderr = refused_blind(&build(), "client.name");
    for file in ["t", "n", "b"] {
        assert!(
            stderr.contains(&format!(
                "the output file `chapters/notes/index.html` would publish `client.name` of content/cases/{file}.yaml"
            )),
            "{stderr}"
        );
    }
    assert!(!stderr.contains("Tanaka") && !stderr.contains("Nova"));
}

#[test]
fn a_name_stored_without_its_umlauts_is_found_with_them() {
    // A record kept in ASCII (`Juergen Schroeder`, `Haakonsen`) and a page
    // that writes the name as its bearer does (`Jürgen Schröder`,
    // `Håkonsen`), or folded (`Jurgen Schroder`): published by both checks.
    let record = lone_record(&[(
        "  - name: Dana Whitfield\n    role: Operations Director\n    email: dana.whitfield@harborfreight.com\n    phone: \"+1 503 555 0142\"\n",
        "  - name: Juergen Schroeder\n    role: Buyer\n  - name: Sigrid Haakonsen\n    role: Planner\n  - name: Michael Brandt\n    role: Clerk\n",
    )]);
    let notes = "---\ntitle: Notes\n---\n\nJürgen Schröder called; Jurgen Schroder wrote. \
                 Håkonsen signed. Michal from the print shop came too.\n";
    let build = || one_case("people.yaml", &record).with("content/chapters/notes.md", notes);
    let h = build();
    h.build().ok();
    let page = reader_text(h.read("public/chapters/notes/index.html").as_bytes());
    for word in ["jurgen", "schroder", "hakonsen"] {
        assert!(!page.contains(word), "the name is replaced");
    }
    // Two letters that are two sounds are not read as one: `Michal` is
    // not `Michael`.
    assert!(page.contains("michal from"), "Michal is left as written");
    let stderr = refused_blind(&build(), "umlaut");
    assert!(
        stderr.contains("would publish `contacts[0].name` of content/cases/people.yaml"),
        "{stderr}"
    );
    assert!(!stderr.contains("Schr"));
}

#[test]
fn initials_with_a_plural_s_are_one_stand_in() {
    // "The HFLs were late" read "The Client … s were late".
    let h = one_case("lost.yaml", &lone_record(&[])).with(
        "content/chapters/notes.md",
        "---\ntitle: Notes\n---\n\nThe HFLs were late again.\n",
    );
    h.build().ok();
    let page = h.read("public/chapters/notes/index.html");
    assert!(
        Regex::new(r"The Client \w+ \w+ were late again")
            .unwrap()
            .is_match(&page),
        "the plural's s goes with the initials"
    );
}

/// Contacts for the forms of a name that links and PDF text carry.
const LINKED: &str = "\
title: A planner left
client:
  name: Fjordline Planning AS
contacts:
  - name: Øystein Ødegård
    role: Planner
  - name: Guðrún Guðmundsdóttir
    role: Buyer
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
outcome: exited
";

/// Every way of writing a name in this handbook, folded and not: never in
/// an error.
const LINKED_NAMES: &[&str] = &[
    "Łukasz",
    "Lukasz",
    "Kowalski",
    "Kowal",
    "Øystein",
    "Oystein",
    "Ødegård",
    "Odegard",
    "Zoë",
    "Zoe ",
    "Fisher",
    "Natarajan",
    "Natara",
    "Guðmunds",
    "Gudmunds",
    "QHS",
];

/// `text` planted in a chapter of a handbook holding `RECORD` and
/// `LINKED`: the build is refused (the scrubber does not replace these
/// forms, or is made blind to them by the test switch `blind`), naming
/// `field` of `file`, found by `how`, never a name.
fn planted_refused(blind: &str, text: &str, file: &str, field: &str, how: &str) {
    let h = handbook("x")
        .with("content/cases/planner.yaml", LINKED)
        .with(
            "content/chapters/plant.md",
            &format!("---\ntitle: Plant\n---\n\nBEFORE {text} AFTER\n"),
        );
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", blind)
        .output()
        .expect("runs");
    let r = crate::common::Run::from(out);
    r.fails().no_panic();
    r.says(&format!(
        "the output file `chapters/plant/index.html` would publish `{field}` of content/cases/{file} (found "
    ));
    r.says(how);
    let said = format!("{}{}", r.stdout, r.stderr).to_lowercase();
    for (n, name) in LINKED_NAMES.iter().enumerate() {
        assert!(
            !said.contains(&name.to_lowercase()),
            "name {n} of LINKED_NAMES is never shown"
        );
    }
    assert!(!h.exists("public"), "nothing was published");
}

macro_rules! refused_planted {
    ($($name:ident: $blind:expr, $text:expr, $file:expr, $field:expr, $how:expr;)*) => {$(
        #[test]
        fn $name() {
            planted_refused($blind, $text, $file, $field, $how);
        }
    )*};
}

refused_planted! {
    // URL-encoding in more than one layer (which the scrubber reads too:
    // blind to it here, where it does).
    layers_safelink: "url-layers", "[profile](https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.linkedin.com%2Fin%2F%25C3%2598ystein-%25C3%2598deg%25C3%25A5rd%2F&data=05)", "planner.yaml", "contacts[0].name", "URL-encoding decoded";
    layers_twice_in_a_link: "url-layers", "[profile](https://example.com/people/%25C5%2581ukasz)", "lost-retainer.yaml", "contacts[0].name", "URL-encoding decoded";
    layers_twice_in_text: "url-layers", "See https://example.com/%254Bowalski today.", "lost-retainer.yaml", "contacts[0].name", "URL-encoding decoded";
    layers_three_times: "url-layers", "[x](https://example.com/%2525C5%252581ukasz)", "lost-retainer.yaml", "contacts[0].name", "URL-encoding decoded";
    layers_an_encoded_reference: "", "[x](https://example.com/?q=%26%2381%3BHS)", "lost-retainer.yaml", "client.name", "URL-encoding decoded";
    layers_an_encoded_js_escape: "", "[x](https://example.com/?q=%5Cu0141ukasz)", "lost-retainer.yaml", "contacts[0].name", "URL-encoding decoded";
    layers_latin1_bytes: "url-layers", "[x](https://example.com/search?q=Zo%EB+Fisher)", "lost-retainer.yaml", "contacts[1].name", "read as Windows-1252";
    // Hyphens of text copied out of a PDF (which the scrubber reads
    // whole too: blind to them here).
    hyphen_not_sign: "broken-words", "Kowal¬ski said", "lost-retainer.yaml", "contacts[0].name", "read whole";
    hyphen_not_sign_owner: "broken-words", "Natara¬jan wrote.", "lost-retainer.yaml", "owner", "read whole";
    hyphen_not_sign_at_a_line_end: "broken-words", "Kowal¬\nski said", "lost-retainer.yaml", "contacts[0].name", "read whole";
    hyphen_u2010_at_a_line_end: "broken-words", "Kowal\u{2010}\nski said", "lost-retainer.yaml", "contacts[0].name", "read whole";
    hyphen_u2011_at_a_line_end: "broken-words", "Guðmunds\u{2011}\ndóttir said", "planner.yaml", "contacts[1].name", "read whole";
    hyphen_before_a_space: "broken-words", "Kowal- ski said", "lost-retainer.yaml", "contacts[0].name", "read whole";
    hyphen_before_a_space_owner: "broken-words", "Natara- jan wrote.", "lost-retainer.yaml", "owner", "read whole";
    hyphen_before_a_space_diacritics: "broken-words", "Guðmunds- dóttir wrote.", "planner.yaml", "contacts[1].name", "read whole";
}

/// Ordinary text with hyphens before spaces and ordinary URL-encoding is
/// published as it is.
#[test]
fn ordinary_hyphens_and_url_encoding_pass_the_gate() {
    let h = handbook("x")
        .with("content/cases/planner.yaml", LINKED)
        .with(
            "content/chapters/plant.md",
            "---\ntitle: Plant\n---\n\nA long- and short-term plan, pre- and post-sale,\n\
         first-\nrate. [Map](https://maps.example.com/a%20b%2Fc?q=x%3Dy&r=%26amp), \
         [deal](https://shop.example/?note=save%2025%25), save 25%25, \
         [twice](https://x.example/?u=https%253A%252F%252Fy.example%252Fa%2520b), \
         100% sure, ¬p or q, [latin](https://x.example/?q=caf%E9).\n",
        );
    h.build().ok();
    let page = h.read("public/chapters/plant/index.html");
    assert!(page.contains("A long- and short-term plan"), "prose stays");
}

#[test]
fn a_word_of_a_clients_name_after_a_title_is_refused() {
    // With the scrubber blind to words after a title, "Mr Baker" of Mark
    // Baker Photography fails the build, in the pages and in a file of
    // static/; the same word elsewhere does not.
    let record = "title: A quiet exit\nclient:\n  name: Mark Baker Photography\nexit:\n  \
                  date: 2024-09-30\n  initiated_by: client\n  reason: budget\n  \
                  summary: Mr Baker rang twice.\noutcome: exited\n";
    let h = one_case("studio.yaml", record).with(
        "content/chapters/lessons.md",
        "---\ntitle: Lessons\n---\n\nA baker's dozen of photography jobs.\n",
    );
    refused_naming(
        &h,
        "titled-word",
        "studio.yaml",
        &["client.name"],
        &["baker"],
    );
    assert!(!h.exists("public"), "nothing was published");
    h.build().ok();
    h.write("static/files/notes.txt", "Minutes: Sig.ra Baker signed.");
    h.build()
        .fails()
        .says("the file `files/notes.txt`, copied as it is from a static/ folder, would publish `client.name` of content/cases/studio.yaml (found ")
        .never_says("Baker");
}

#[test]
fn a_client_who_is_a_person_is_refused_by_each_part_of_the_name() {
    // With the scrubber blind to the client's name, the surname of a
    // client who is a person fails the build, and the message names the
    // field, never the name.
    let record = "title: A quiet exit\nclient:\n  name: Anna Zielińska\nexit:\n  date: 2024-09-30\n  \
                  initiated_by: client\n  reason: budget\n  summary: Pani Zielińska odeszła.\n\
                  outcome: exited\n";
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"pl\"\n")
        .with("content/cases/biuro.yaml", record);
    refused_naming(
        &h,
        "client.name",
        "biuro.yaml",
        &["client.name"],
        &["zielińsk", "zielinsk"],
    );
    assert!(!h.exists("public"), "nothing was published");
}
