//! The publishing guarantee (issue 4), checked from the outside: secrets
//! are planted in every field's forms and in every hiding place, the real
//! binary builds the site, and an independent scan of every output file (its
//! own decoding and folding, not the anonymizer's) finds none of them, while
//! the prose around them survives and each client reads as one pseudonym.

use std::collections::BTreeMap;

use crate::common::{CHAPTER, Handbook};
use regex::Regex;

/// A record whose every sensitive field is filled.
const RECORD: &str = "\
title: Late proofs and a lost retainer
client:
  name: Quillfeather Stationers Ltd
  aliases: [QFS]
  domains: [quillfeather.co.uk]
  industry: stationery
  region: East Anglia
contacts:
  - name: Zoë Lambert-Okafor
    role: Marketing Manager
    email: zoe.lambert@quillfeather.co.uk
    phone: \"+44 20 7946 0321\"
  - name: Jürgen van der Berg
    role: Finance Director
    email: jvdberg@gmail.com
owner: Priya Natarajan
exit:
  date: 2025-03-31
  initiated_by: client
  reason: complaint
  summary: |
    PLANT_SUMMARY
outcome: exited
chapters: [postmortems]
sensitive: [\"Pier 9 warehouse\"]
";

/// Every secret of `RECORD` and of the site's `sensitive`, folded, with
/// what it is (for messages that never show the value).
const FORBIDDEN: &[(&str, &str)] = &[
    ("quillfeather", "client name / domain label"),
    ("qfs", "alias"),
    ("zoe", "contact 0 first name"),
    ("lambert", "contact 0 surname part"),
    ("okafor", "contact 0 surname part"),
    ("zoe lambert", "contact 0 email local part"),
    ("7946 0321", "contact 0 phone"),
    ("79460321", "contact 0 phone digits"),
    ("jurgen", "contact 1 first name"),
    ("juergen", "contact 1 first name"),
    ("berg", "contact 1 surname"),
    ("jvdberg", "contact 1 email local part"),
    ("priya", "owner first name"),
    ("natarajan", "owner surname"),
    ("pier 9 warehouse", "record sensitive"),
    ("bluefin", "site sensitive"),
];

/// Decode, strip and fold output the way a reader's eyes would: entities
/// decoded, tags removed (joined and spaced), invisible characters gone,
/// case and diacritics folded, whitespace collapsed.
fn reader_view(html: &str) -> String {
    let entities = Regex::new(r"&#(x?)([0-9a-fA-F]+);").unwrap();
    let decoded = entities.replace_all(html, |c: &regex::Captures<'_>| {
        let n = if c[1].is_empty() {
            c[2].parse().ok()
        } else {
            u32::from_str_radix(&c[2], 16).ok()
        };
        n.and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default()
    });
    // Named references for Latin letters (U+00C0..U+00FF), our own table.
    const LATIN1: &str = "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
    let named = Regex::new(r"&([A-Za-z]+);").unwrap();
    let decoded = named.replace_all(&decoded, |c: &regex::Captures<'_>| {
        match LATIN1.split(' ').position(|n| n == &c[1]) {
            Some(i) => char::from_u32(0xC0 + i as u32)
                .map(String::from)
                .unwrap_or_default(),
            None => c[0].to_string(),
        }
    });
    let decoded = decoded
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&shy;", "");
    let tags = Regex::new(r"<[^>]*>").unwrap();
    // Attribute values are published too (alt, title, href, content).
    let attrs = Regex::new(r#"(?:alt|title|href|content|id|datetime|src)="([^"]*)""#).unwrap();
    let mut text = String::new();
    for c in attrs.captures_iter(&decoded) {
        text.push_str(&c[1].replace(['-', '_', '/', '.', '@', ':'], " "));
        text.push('\n');
    }
    text.push_str(&tags.replace_all(&decoded, ""));
    text.push('\n');
    text.push_str(&tags.replace_all(&decoded, " "));
    let cleaned: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{AD}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .collect();
    let folded = deunicode::deunicode(&cleaned).to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Assert that [`leaks`] finds nothing in `h`'s site.
fn leaks_nothing(h: &Handbook) {
    let (found, _) = leaks(h);
    assert!(found.is_empty(), "leaked: {found:?}");
}

/// The secrets found in a built site (by description), and the site's text.
fn leaks(h: &Handbook) -> (Vec<String>, String) {
    let mut all = String::new();
    for (path, bytes) in h.snapshot("public") {
        all.push_str(&path.replace(['/', '-', '.'], " "));
        all.push('\n');
        all.push_str(&reader_view(&String::from_utf8_lossy(&bytes)));
        all.push('\n');
    }
    let digits_only: String = all.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut found = Vec::new();
    for (secret, what) in FORBIDDEN {
        let re = Regex::new(&format!(r"\b{}\b", regex::escape(secret))).unwrap();
        let digits: String = secret.chars().filter(char::is_ascii_digit).collect();
        if re.is_match(&all) || (digits.len() >= 7 && digits_only.contains(&digits)) {
            found.push((*what).to_string());
        }
    }
    (found, all)
}

#[test]
fn the_independent_scan_finds_hidden_secrets() {
    // Without this, every plant test above could pass on a blind checker.
    let h = Handbook::new();
    h.write(
        "public/a.html",
        "<p>Zo&euml; L<b>amb</b>ert, QUILL\u{200B}FEATHER, call 020&nbsp;7946-0321</p><img alt=\"Priya\">",
    );
    let (found, _) = leaks(&h);
    for what in [
        "contact 0 first name",
        "contact 0 surname part",
        "client name / domain label",
        "contact 0 phone digits",
        "owner first name",
    ] {
        assert!(found.iter().any(|f| f == what), "missed {what}: {found:?}");
    }
    h.write("public/a.html", "<p>Nothing to see.</p>");
    assert!(leaks(&h).0.is_empty());
}

fn handbook(summary: &str, chapter_extra: &str) -> Handbook {
    Handbook::new()
        .with(
            "site.toml",
            "title = \"Test\"\n[anonymize]\nsensitive = [\"Project Bluefin\"]\n",
        )
        .with(
            "content/chapters/postmortems.md",
            &format!("{CHAPTER}\nBEFOREMARK {chapter_extra} AFTERMARK\n"),
        )
        .with(
            "content/cases/late-proofs.yaml",
            &RECORD.replace("PLANT_SUMMARY", &summary.replace('\n', "\n    ")),
        )
}

/// Plant `text` in the record's summary and in a chapter, build, and check
/// that nothing leaks and the prose around it survives.
fn plant(text: &str) {
    let h = handbook(&format!("STARTMARK {text} ENDMARK"), text);
    let r = h.build();
    r.ok();
    let (found, all) = leaks(&h);
    assert!(found.is_empty(), "leaked: {found:?}");
    for mark in ["startmark", "endmark", "beforemark", "aftermark"] {
        assert!(
            all.contains(mark),
            "the prose around the secret must survive ({mark})"
        );
    }
}

/// Build the handbook with `summary` in its record and assert that the
/// case page holds `reads` (`why` if not).
fn the_case_page_reads(summary: &str, reads: &str, why: &str) -> Handbook {
    let h = handbook(summary, "");
    h.build().ok();
    let html = h.read("public/cases/late-proofs/index.html");
    assert!(html.contains(reads), "{why}");
    h
}

/// A plain site.toml, in English.
const SITE: &str = "title = \"Test\"\n";
/// A plain site.toml, in Polish.
const POLISH_SITE: &str = "title = \"Test\"\nlanguage = \"pl\"\n";

/// A handbook of one case, `content/cases/{stem}.yaml` holding `record`,
/// with `site` as its site.toml, built: the case's page.
fn one_case_page(site: &str, stem: &str, record: &str) -> String {
    let h = Handbook::new()
        .with("site.toml", site)
        .with(&format!("content/cases/{stem}.yaml"), record);
    h.build().ok();
    h.read(&format!("public/cases/{stem}/index.html"))
}

macro_rules! plants {
    ($($name:ident: $text:expr,)*) => {
        $(#[test] fn $name() { plant($text); })*
    };
}

plants! {
    // The client: name, without its legal form, alias, domain, label.
    client_name_plain: "Quillfeather Stationers Ltd signed off.",
    client_name_without_legal_form: "Quillfeather Stationers signed off.",
    client_name_upper_case: "QUILLFEATHER STATIONERS LTD signed off.",
    client_name_possessive: "Quillfeather Stationers' board met.",
    client_name_split_by_bold: "**Quillfeather** Stationers Ltd signed off.",
    client_name_across_a_line_break: "Quillfeather\nStationers Ltd signed off.",
    client_name_html_entity: "Quill&#102;eather Stationers Ltd signed off.",
    client_name_zero_width_space: "Quill\u{200B}feather Stationers Ltd signed off.",
    client_name_soft_hyphen: "Quill\u{AD}feather Stationers Ltd signed off.",
    // A link pasted out of a mail filter's rewritten link: encoded twice
    // or more, and a byte of Latin-1.
    name_url_encoded_twice: "[profile](https://example.com/in/Zo%25C3%25AB-Lambert) here.",
    name_url_encoded_three_times: "[profile](https://example.com/in/Zo%2525C3%2525AB-Lambert) here.",
    name_url_encoded_in_latin1: "[search](https://example.com/?q=Zo%EB+Lambert) here.",
    // A symbol touching a name is no letter of it.
    name_before_an_emoji: "Thanks Lambert\u{1F642} for the call.",
    name_before_a_check_mark: "Lambert\u{2705} signed off.",
    client_alias: "QFS called twice.",
    client_alias_lower_case: "the qfs team called.",
    client_domain: "See quillfeather.co.uk for details.",
    client_domain_www: "See www.quillfeather.co.uk for details.",
    client_domain_in_a_url: "See [their site](https://www.quillfeather.co.uk/about).",
    client_domain_label: "The quillfeather account.",
    client_name_in_link_text: "[Quillfeather Stationers Ltd](https://example.com/x) called.",
    client_name_in_a_heading: "\n\n## Quillfeather's last order\n\nText.",
    client_name_in_a_table_cell: "\n\n| who | what |\n|---|---|\n| Quillfeather Stationers Ltd | left |\n",
    client_name_in_a_code_span: "The code `Quillfeather` is in the CRM.",
    client_name_in_image_alt_text: "![Quillfeather's booth](data:image/gif;base64,R0lGODlhAQABAAAAACw=)",
    client_name_in_a_blockquote: "\n\n> Quillfeather\n> Stationers Ltd said no.\n",
    // A contact: full name, parts, diacritics, possessives, email, phone.
    contact_full_name: "Zoë Lambert-Okafor called.",
    contact_first_name: "Zoë called.",
    contact_first_name_without_diacritics: "Zoe called.",
    contact_first_name_upper_case: "ZOË called.",
    contact_first_name_possessive: "Zoë's email arrived.",
    contact_first_name_curly_possessive: "Zoë’s email arrived.",
    contact_surname_part: "Okafor called.",
    contact_hyphenated_surname: "Lambert-Okafor called.",
    contact_name_split_by_emphasis: "*Zoë* Lambert-Okafor called.",
    contact_name_across_a_line_break: "Zoë\nLambert-Okafor called.",
    contact_name_html_entity: "Zo&euml; called, then &#90;oë again.",
    contact_name_zero_width_joiner: "Zo\u{200D}ë called.",
    contact_email: "Write to zoe.lambert@quillfeather.co.uk today.",
    contact_email_local_part: "The zoe.lambert mailbox.",
    contact_mailto_link: "[write](mailto:zoe.lambert@quillfeather.co.uk) to her.",
    contact_phone_as_written: "Call +44 20 7946 0321 now.",
    contact_phone_national: "Call 020 7946 0321 now.",
    contact_phone_dashes: "Call +44-20-7946-0321 now.",
    contact_phone_parentheses: "Call (020) 7946 0321 now.",
    contact_name_in_a_heading: "\n\n## Zoë's call\n\nText.",
    contact_name_in_link_text: "[Zoë](https://example.com/x) called.",
    contact_umlaut_spelled_ue: "Juergen called.",
    contact_umlaut: "Jürgen called.",
    contact_umlaut_folded: "Jurgen called.",
    contact_particle_surname: "Jürgen van der Berg called.",
    contact_public_mail_local_part: "Mail jvdberg@gmail.com now.",
    // Our owner.
    owner_full_name: "Priya Natarajan ran the call.",
    owner_first_name_possessive: "Priya's notes.",
    owner_surname_upper_case: "NATARAJAN ran the call.",
    // Other sensitive strings.
    record_sensitive_string: "Stock left at the Pier 9 warehouse.",
    record_sensitive_across_lines: "Stock left at the Pier 9\nwarehouse.",
    site_sensitive_string: "Project Bluefin slipped.",
    site_sensitive_bold: "**Project Bluefin** slipped.",
}

#[test]
fn secrets_in_every_field_of_the_record_never_leak() {
    // The plants above go through the summary and a chapter; here every
    // other text field of the record carries secrets at once, and the
    // record's title and tags too.
    let record = RECORD
        .replace("title: Late proofs and a lost retainer", "title: Zoë's **Quillfeather** retainer")
        .replace("  summary: |\n    PLANT_SUMMARY\n", "  trigger: Zoë Lambert-Okafor's second complaint.\n  summary: Priya called Zoë.\n")
        .replace("sensitive: [", "tags: [quillfeather, proofs]\nred_flags:\n  - date: 2024-11-02\n    note: Zoë approved in four minutes (+44 20 7946 0321).\n  - note: QFS changed the file again.\nconversation:\n  what_happened: Zoë felt unheard.\n  what_we_could_have_done_differently: Call Zoë on 020 7946 0321.\n  what_they_need_to_feel_complete: Jürgen wants a refund.\nnegotiation:\n  asked_for: Quillfeather asked for everything.\n  offered: 65% to Zoë.\n  outcome: countered\n  refund: { amount: 2730, currency: GBP }\npostmortem:\n  final_straw: Zoë's badges.\n  root_causes: [Priya skipped the read-back.]\n  lessons: [Call Zoë first.]\n  actions:\n    - action: Tell Zoë Lambert-Okafor.\n      owner: Production team\n      due: 2025-05-01\n      status: open\nfarewell:\n  thank_you_sent: true\n  feedback: survey\n  referrals_since: 1\nsensitive: [");
    let h = Handbook::new()
        .with("site.toml", "title = \"Test\"\n[anonymize]\nsensitive = [\"Project Bluefin\"]\npublish_notes = true\n")
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/cases/late-proofs.yaml", &format!("{record}notes: Zoë's mobile is 020 7946 0321; Priya knows.\n"));
    h.build().ok();
    let (found, all) = leaks(&h);
    assert!(found.is_empty(), "leaked: {found:?}");
    for kept in [
        "the marketing manager",
        "the account owner",
        "second complaint",
        "approved in four minutes",
        "65%",
    ] {
        assert!(all.contains(kept), "missing {kept}");
    }
}

#[test]
fn the_same_client_reads_as_the_same_pseudonym_everywhere() {
    let other = RECORD
        .replace("Late proofs and a lost retainer", "A second exit")
        .replace("2025-03-31", "2023-05-02")
        .replace(
            "PLANT_SUMMARY",
            "quillfeather stationers ltd came back, then left.",
        );
    let h = handbook(
        "Quillfeather Stationers Ltd left after QFS complained.",
        "Remember QUILLFEATHER STATIONERS.",
    )
    .with("content/cases/second.yaml", &other);
    h.build().ok();
    let pseudonym = Regex::new(r"Client [A-Z][a-z]+ [A-Z][a-z]+").unwrap();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for page in [
        "public/cases/late-proofs/index.html",
        "public/cases/second/index.html",
        "public/chapters/postmortems/index.html",
    ] {
        let html = h.read(page);
        let names: Vec<String> = pseudonym
            .find_iter(&html)
            .map(|m| m.as_str().to_string())
            .collect();
        assert!(!names.is_empty(), "{page} names the client by pseudonym");
        for n in names {
            *seen.entry(n).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 1, "one client, one pseudonym: {seen:?}");
}

#[test]
fn pseudonyms_follow_the_key() {
    let h = handbook("Quillfeather Stationers Ltd left.", "");
    let pseudonym = Regex::new(r"Client [A-Z][a-z]+ [A-Z][a-z]+").unwrap();
    let name_with = |key: Option<&str>| {
        let mut cmd = crate::common::exitbook();
        cmd.arg("build").current_dir(h.dir.path());
        if let Some(k) = key {
            cmd.env("EXITBOOK_KEY", k);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = h.read("public/cases/late-proofs/index.html");
        (
            pseudonym.find(&html).unwrap().as_str().to_string(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // No key anywhere: one is created, once, and said so.
    let (first, stderr) = name_with(None);
    assert!(
        stderr.contains("note: created a random pseudonym key in .exitbook/key"),
        "{stderr}"
    );
    assert!(h.exists(".exitbook/key"));
    let (again, stderr) = name_with(None);
    assert_eq!(first, again, "the same key gives the same pseudonym");
    assert!(!stderr.contains("created"), "said once: {stderr}");
    // The environment wins over the file; another key renames the client.
    let (a, _) = name_with(Some("a key that is long enough, one"));
    let (b, _) = name_with(Some("a key that is long enough, one"));
    let (c, _) = name_with(Some("a key that is long enough, two"));
    assert_eq!(a, b);
    assert_ne!(a, c, "changing the key changes every pseudonym");
    // The key file never reaches the site, and too short a key is refused.
    assert!(!h.exists("public/.exitbook"));
    let out = crate::common::exitbook()
        .arg("build")
        .env("EXITBOOK_KEY", "short")
        .current_dir(h.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too short"));
}

#[test]
fn the_reveal_map_is_written_outside_the_site_only() {
    let h = handbook("Quillfeather Stationers Ltd left.", "");
    let map = h.path("private/map.tsv");
    h.run(&["build", "--reveal-map", map.to_str().unwrap()])
        .ok();
    let text = std::fs::read_to_string(&map).unwrap();
    assert!(text.contains("\tQuillfeather Stationers Ltd\tclient"));
    assert!(text.contains("the account owner (cases/late-proofs/)\tPriya Natarajan"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&map).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let before = h.snapshot("public");
    let r = h.run(&["build", "--reveal-map", "public/map.tsv"]);
    assert_eq!(r.status, 2, "a refused path is wrong usage");
    r.says("would be inside the output folder")
        .never_says("Quillfeather");
    assert!(!h.exists("public/map.tsv"));
    assert_eq!(h.snapshot("public"), before);
    let r = h.run(&["build", "--reveal-map", "public/../public/x/map.tsv"]);
    assert_eq!(r.status, 2, "{}", r.stderr);
}

/// A calling code in brackets before an undeclared number goes with it.
#[test]
fn a_bracketed_calling_code_goes_with_its_number() {
    the_case_page_reads(
        "Call (+47) 22 12 34 56 today.",
        "Call [phone withheld] today.",
        "not \"Call ([phone withheld] today\"",
    );
}

#[test]
fn detectors_mask_undeclared_emails_phones_and_cards() {
    let h = handbook(
        "Their lawyer, jo.bloggs@lawfirm.example, rang from +1 503 555 0199 and (503) 555-0187; card 4111 1111 1111 1111. Ticket CS-05550142 covers sizes 50-200.",
        "Mail help@vendor.test or call +48 22 555 01 23.",
    );
    h.build().ok();
    let (_, all) = leaks(&h);
    for gone in [
        "jo bloggs",
        "lawfirm",
        "555 0199",
        "555 0187",
        "4111 1111",
        "vendor",
        "555 01 23",
    ] {
        assert!(!all.contains(gone), "{gone} was published");
    }
    for kept in [
        "email withheld",
        "phone withheld",
        "card number withheld",
        "cs-05550142",
        "50-200",
    ] {
        assert!(all.contains(kept), "{kept} missing");
    }
}

#[test]
fn detectors_read_addresses_and_numbers_as_a_browser_shows_them() {
    // Undeclared, and disguised by habit or by accident: an entity for the
    // `@`, a URL-encoded mailto, bold inside a number, a full-width `@`,
    // Arabic-Indic digits, a messaging link.
    let h = handbook(
        "Write to jo.bloggs&#64;lawfirm.example or [them](mailto:ann.lee%40counsel.example), call 503-**555**-0199.",
        "Mail help＠vendor.test, ring ٥٠٣ ٥٥٥ ٠١٨٧ or https://wa.me/15035550142. \
         Also jo.smith\\@otherco.example, k.weber(at)kunde.example, card \
         4111.1111.1111.1111 or 5555&nbsp;5555&nbsp;5555&nbsp;4444 cvc 123.",
    );
    h.build().ok();
    let (_, all) = leaks(&h);
    for gone in [
        "bloggs",
        "lawfirm",
        "counsel",
        "vendor",
        "555 0199",
        "5550199",
        "15035550142",
        "otherco",
        "kunde",
        "1111",
        "4444",
    ] {
        assert!(!all.contains(gone), "a disguised value was published");
    }
    let digits: String = all.chars().filter(char::is_ascii_digit).collect();
    assert!(!digits.contains("5035550199") && !digits.contains("5035550142"));
    assert!(all.contains("email withheld") && all.contains("phone withheld"));
}

#[test]
fn generic_mailboxes_and_public_providers_are_not_secrets() {
    let rec = RECORD.replace("PLANT_SUMMARY", "We use gmail and our support team.");
    let h = Handbook::basic().with("content/cases/late-proofs.yaml", &rec);
    h.build().ok();
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        page.contains("We use gmail and our support team."),
        "{page}"
    );
}

#[test]
fn a_departments_mailbox_is_no_secret_and_its_word_stays() {
    // A red-team's `print@` made the theme's "Print" a secret (the build
    // failed on every page), and `events@` read "the Marketing Manager team".
    let rec = RECORD
        .replace(
            "zoe.lambert@quillfeather.co.uk",
            "events@quillfeather.co.uk",
        )
        .replace("jvdberg@gmail.com", "print@quillfeather.co.uk")
        .replace(
            "PLANT_SUMMARY",
            "The events team sent the print files late.",
        );
    let h = Handbook::basic().with("content/cases/late-proofs.yaml", &rec);
    h.build().ok();
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        page.contains("The events team sent the print files late."),
        "a department's word stays"
    );
    leaks_nothing(&h);
}

#[test]
fn an_email_field_as_a_mail_program_copies_it_protects_the_address_and_the_name() {
    // From a red-team's build: `Name <address>` and `mailto:address` in
    // an email field left the local part unprotected ("Ping zlo.desk").
    for (i, field) in [
        "\"Zoë Lambert-Okafor <zlo.desk@quillfeather.co.uk>\"",
        "\"mailto:zlo.desk@quillfeather.co.uk?subject=Hi\"",
    ]
    .iter()
    .enumerate()
    {
        let rec = RECORD
            .replace("\"zoe.lambert@quillfeather.co.uk\"", field)
            .replace("zoe.lambert@quillfeather.co.uk", field)
            .replace("PLANT_SUMMARY", "Ping zlo.desk if the proof is late.");
        let h = Handbook::basic().with("content/cases/late-proofs.yaml", &rec);
        h.build().ok();
        let page = reader_view(&h.read("public/cases/late-proofs/index.html"));
        assert!(
            !page.contains("zlo"),
            "field {i}: the local part was published"
        );
        assert!(
            page.contains("if the proof is late"),
            "the prose stays ({i})"
        );
        leaks_nothing(&h);
    }
}

#[test]
fn check_reports_privacy_risks() {
    let mut h = Handbook::new()
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 2\n")
        .with(
            "content/chapters/postmortems.md",
            &format!("{CHAPTER}\nThe price was never the point.\n"),
        );
    h = h.with(
        "content/cases/late-proofs.yaml",
        &RECORD.replace("Priya Natarajan", "Rebecca Price").replace(
            "PLANT_SUMMARY",
            "Zoë met Marguerite Okonkwo from Brightline Audit at the expo. The Finnish office and the Japanese team agreed.",
        ),
    );
    let r = h.run(&["check"]);
    r.ok()
        .says("k-anonymity: k = 1 reached, not 2: 1 of 1 cases shares what it publishes with no other case even")
        .says("(withheld: 1 region, 1 industry)")
        .says("lower [anonymize] min_group:\n  content/cases/late-proofs.yaml")
        .says("`owner` of content/cases/late-proofs.yaml is also a word in the chapters")
        .says("if the word should stay, add it to `[anonymize] allow` in site.toml")
        .says("undeclared names in the record's text:")
        .says("\"Marguerite Okonkwo\"")
        .says("\"Brightline Audit\"")
        // A nationality or a language names no one.
        .never_says("\"Finnish\"")
        .never_says("\"Japanese\"");
    // Allowing the word keeps it in the chapters; the full name is still replaced.
    h.write(
        "site.toml",
        "title = \"T\"\n[anonymize]\nallow = [\"price\"]\n",
    );
    h.build().ok();
    assert!(
        h.read("public/chapters/postmortems/index.html")
            .contains("The price was never the point.")
    );
}

#[test]
fn check_counts_the_cases_left_short_of_k_in_words() {
    // Two cases, each alone in what it publishes, against a min_group of
    // three: the count and "fewer than" read as plurals.
    let other = RECORD
        .replace("Quillfeather Stationers Ltd", "Brackenmoor Joinery Ltd")
        .replace("[QFS]", "[BMJ]")
        .replace("quillfeather.co.uk", "brackenmoor.ie")
        .replace("2025-03-31", "2023-06-30");
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 3\n")
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "content/cases/late-proofs.yaml",
            &RECORD.replace("PLANT_SUMMARY", "It ended."),
        )
        .with(
            "content/cases/joinery.yaml",
            &other.replace("PLANT_SUMMARY", "It ended."),
        );
    h.run(&["check"]).ok().says(
        "2 of 2 cases share what they publish with fewer than 2 other cases even with only their exit year published",
    );
    // With fewer cases than min_group, `build` says nothing more (a new
    // handbook and its example case); with as many, it published them
    // without a word: it warns, and points to `check` for which.
    assert!(!h.build().ok().stderr.contains("k-anonymity"));
    h.write(
        "content/cases/third.yaml",
        &other
            .replace("Brackenmoor Joinery Ltd", "Tallowfield Press Ltd")
            .replace("[BMJ]", "[TFP]")
            .replace("brackenmoor.ie", "tallowfield.ie")
            .replace("2023-06-30", "2021-02-28")
            .replace("PLANT_SUMMARY", "It ended."),
    );
    h.build()
        .ok()
        .says("warning: k-anonymity: k = 1 reached, not 3: 3 published cases share what they publish with fewer than 2 other cases")
        .says("`exitbook check` names them");
}

#[test]
fn stand_ins_in_the_language_of_their_page() {
    // An English site with a Polish translation of a chapter: the Polish
    // page reads "z Marketing Manager" and "[telefon ukryty]", never
    // "z the Marketing Manager" or "[phone withheld]".
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with(
            "content/chapters/postmortems.md",
            &format!("{CHAPTER}\nWe spoke with Zoë Lambert-Okafor on +44 20 7946 0321.\n"),
        )
        .with(
            "content/chapters/postmortems.pl.md",
            "---\ntitle: Analiza\n---\n\nRozmawialiśmy z Zoë Lambert-Okafor pod numerem +44 20 7946 0321.\n",
        )
        .with(
            "content/cases/late-proofs.yaml",
            &RECORD.replace("PLANT_SUMMARY", "A quiet exit."),
        );
    h.build().ok();
    let en = h.read("public/chapters/postmortems/index.html");
    assert!(en.contains("We spoke with the Marketing Manager on [phone withheld]."));
    let pl = h.read("public/pl/chapters/postmortems/index.html");
    assert!(
        pl.contains("Rozmawialiśmy z Marketing Manager pod numerem [telefon ukryty]."),
        "the Polish page's stand-ins are Polish"
    );
}

#[test]
fn a_name_that_is_a_word_of_the_theme() {
    // "Will" is a stop word of the search index and "Min" a word of the
    // search page's script: the gate finds them on pages no record wrote.
    // `check` names the field; allowing the part lets the build through.
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "content/cases/late-proofs.yaml",
            &RECORD
                .replace("Priya Natarajan", "Will Turner")
                .replace("PLANT_SUMMARY", "A quiet exit."),
        );
    h.build()
        .fails()
        .says("would publish `owner` of content/cases/late-proofs.yaml")
        .says("`exitbook check` names the fields");
    h.run(&["check"])
        .says(THEME_WORD)
        .never_says("`contacts[0].name` of content/cases/late-proofs.yaml: a part of it");
    h.write(
        "site.toml",
        "title = \"T\"\n[anonymize]\nallow = [\"Will\"]\n",
    );
    h.build().ok();
    let (_, all) = leaks(&h);
    assert!(
        !all.contains("turner"),
        "the rest of the name is still replaced"
    );
    // A word of the search index's own (a synonym's `post mortem`), and on
    // a Polish site a theme's word that reads as a stem and an ending
    // (`Polski` of Pola).
    for (site, name) in [
        ("title = \"T\"\n", "Emily Post"),
        ("title = \"T\"\nlanguage = \"pl\"\n", "Pola Quenzelby"),
    ] {
        h.write("site.toml", site);
        h.write(
            "content/cases/late-proofs.yaml",
            &RECORD
                .replace("Priya Natarajan", name)
                .replace("PLANT_SUMMARY", "A quiet exit."),
        );
        h.build().fails();
        h.run(&["check"]).says(THEME_WORD);
    }
}

const THEME_WORD: &str = "`owner` of content/cases/late-proofs.yaml: a part of it (or, where names are inflected, a part's stem and an ending) is also a word the theme writes";

#[test]
fn dates_are_generalised_in_attributes_and_urls_too() {
    let h = Handbook::new()
        .with(
            "site.toml",
            "title = \"T\"\n[anonymize]\ndates = \"year\"\n",
        )
        .with("content/chapters/postmortems.md", CHAPTER)
        .with(
            "content/cases/quillfeather-exit.yaml",
            &RECORD.replace("PLANT_SUMMARY", "x"),
        );
    h.build().ok();
    let (_, all) = leaks(&h);
    assert!(!all.contains("march"), "the month is not published");
    let cases: Vec<String> = std::fs::read_dir(h.path("public/cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // The case's folder, not the library's pages of facet values.
        .filter(|n| {
            n != "index.html"
                && !exitbook::render::facets::Facet::ALL
                    .iter()
                    .any(|f| f.name() == n)
        })
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(
        cases[0].ends_with("-2025") && !cases[0].contains("quillfeather"),
        "{cases:?}"
    );
}

mod property {
    //! Random records with random secrets in random positions never leak.

    use super::*;
    use proptest::prelude::*;

    const SYLLABLES: &[&str] = &[
        "var", "tes", "lon", "mir", "ka", "dro", "sel", "vu", "quen", "zar", "bri", "ost", "nel",
        "pha", "gor",
    ];

    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(SYLLABLES), 2..4).prop_map(|s| {
            let w = s.concat();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
    }

    /// Ways a name is written in notes.
    fn disguise(name: &str, how: u8) -> String {
        match how % 9 {
            0 => name.to_string(),
            1 => name.to_uppercase(),
            2 => format!("{name}'s"),
            3 => format!("**{name}**"),
            4 => format!("[{name}](https://example.com/x)"),
            5 => {
                let mid = name.len() / 2;
                format!("{}\u{200B}{}", &name[..mid], &name[mid..])
            }
            6 => format!("`{name}`"),
            7 => format!(
                "{}&#{};{}",
                &name[..1],
                u32::from(name.as_bytes()[1]),
                &name[2..]
            ),
            _ => name.to_lowercase(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_secrets_in_random_places_never_leak(
            client in name(), client2 in name(), first in name(), last in name(), owner in name(),
            picks in proptest::collection::vec((0usize..5, 0u8..9, 0usize..8), 3..10),
        ) {
            let secrets = [format!("{client} {client2}"), first.clone(), last.clone(), format!("{first} {last}"), owner.clone()];
            let mut fields: Vec<String> = vec![String::new(); 8];
            for (which, how, field) in &picks {
                fields[*field].push_str(&format!(" Then {} spoke. ", disguise(&secrets[*which], *how)));
            }
            let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            let record = format!(
                "title: {}\nclient:\n  name: {client} {client2}\ncontacts:\n  - name: {first} {last}\n    role: Office Manager\nowner: {owner}\nexit:\n  date: 2024-02-03\n  initiated_by: us\n  reason: bad-fit\n  trigger: {}\n  summary: {}\nconversation:\n  what_happened: {}\nnegotiation:\n  asked_for: {}\nred_flags:\n  - note: {}\npostmortem:\n  lessons: [{}]\noutcome: exited\ntags: [x]\n",
                q(&format!("Case {}", fields[7].trim())), q(&fields[0]), q(&fields[1]), q(&fields[2]), q(&fields[3]), q(&fields[4]), q(&fields[5]),
            );
            let h = Handbook::new()
                .with("content/chapters/c.md", &format!("---\ntitle: C\n---\n{}\n", fields[6]))
                .with("content/cases/r.yaml", &record);
            let r = h.build();
            prop_assert_eq!(r.status, 0, "{}", r.stderr);
            let mut all = String::new();
            for (_, bytes) in h.snapshot("public") {
                all.push_str(&reader_view(&String::from_utf8_lossy(&bytes)));
            }
            for s in &secrets {
                for part in s.split(' ') {
                    let re = Regex::new(&format!(r"\b{}\b", regex::escape(&part.to_lowercase()))).unwrap();
                    prop_assert!(!re.is_match(&all), "a planted secret leaked (record and placement in the inputs)");
                }
            }
        }
    }
}

/// A record file named after the client, glued to a year
/// (`brennholt2024.yaml` of "Brennholt-Vasquez Logistik GmbH"): one word of
/// a company's name is no secret form alone, but the stem would name the
/// client in every link to the case, so the case takes the pseudonym's
/// slug and no file or link of the site holds the word.
#[test]
fn a_file_stem_made_of_the_clients_first_word_is_not_published() {
    let h = Handbook::basic().with(
        "content/cases/brennholt2024.yaml",
        "client:\n  name: Brennholt-Vasquez Logistik GmbH\nexit:\n  date: 2025-06\n  initiated_by: client\n  reason: complaint\noutcome: exited\n",
    );
    h.build().ok();
    let site = h.snapshot("public");
    assert!(!site.is_empty());
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(
            !path.to_lowercase().contains("brennholt") && !text.contains("brennholt"),
            "the client's first word is published in or as {path}"
        );
    }
}

#[test]
fn a_first_name_shared_by_records_reads_as_each_records_own_contact() {
    // Three records, each with a contact called Anna in another role: in
    // each record's text "Anna" is that record's Anna.
    let record = |client: &str, role: &str, date: &str| {
        format!(
            "title: {client} left\nclient:\n  name: {client} Works Ltd\ncontacts:\n  - name: Anna {client}son\n    role: {role}\nexit:\n  date: {date}\n  initiated_by: client\n  reason: budget\n  summary: Anna called to say goodbye.\noutcome: exited\n"
        )
    };
    let h = Handbook::new()
        .with("site.toml", "title = \"Test\"\n")
        .with(
            "content/cases/a.yaml",
            &record("Brandvik", "Finance Lead", "2024-01-31"),
        )
        .with(
            "content/cases/b.yaml",
            &record("Corrow", "Office Manager", "2024-02-29"),
        )
        .with(
            "content/cases/c.yaml",
            &record("Dunmere", "Head of Sales", "2024-03-31"),
        );
    h.build().ok();
    for (page, role) in [
        ("a", "Finance Lead"),
        ("b", "Office Manager"),
        ("c", "Head of Sales"),
    ] {
        let html = h.read(&format!("public/cases/{page}/index.html"));
        assert!(
            html.contains(&format!("The {role} called to say goodbye.")),
            "case {page}: its own contact's role stands in for the shared first name"
        );
    }
}

#[test]
fn a_first_name_two_people_of_a_record_share_reads_as_two_people() {
    // The client's Ingrid and our Ingrid: "Ingrid asked Ingrid" is two
    // people, not the Office Manager asking herself. A lone mention keeps
    // the first meaning (the contact); each sentence starts again.
    let record = "title: Ingrid's renewal\nclient:\n  name: Cedarbrook Insurance Ltd\ncontacts:\n  - name: Ingrid Lindqvist\n    role: Office Manager\nowner: Ingrid Byrne\nexit:\n  date: 2024-01-31\n  initiated_by: client\n  reason: budget\n  trigger: Ingrid asked Ingrid about the cancellation letter.\n  summary: |\n    Ingrid called. Later Ingrid wrote to Ingrid, and then Ingrid Lindqvist thanked Ingrid.\n\n    Ingrid signed.\noutcome: exited\n";
    let html = one_case_page(SITE, "renewal", record);
    for reads in [
        "The Office Manager asked the account owner about the cancellation letter.",
        "The Office Manager called. Later the Office Manager wrote to the account owner, and then the Office Manager thanked the account owner.",
        "The Office Manager signed.",
    ] {
        assert!(html.contains(reads), "the case page reads: {reads}");
    }
    let page = html.to_lowercase();
    for (i, secret) in ["ingrid", "lindqvist", "byrne", "cedarbrook"]
        .iter()
        .enumerate()
    {
        assert!(
            !page.contains(secret),
            "secret {i} of the record is on the page"
        );
    }
}

#[test]
fn a_name_after_a_line_break_left_as_an_escape_starts_its_sentence() {
    // Text pasted from JSON keeps `\n` as two characters: the role that
    // replaces the name after it starts a sentence all the same.
    the_case_page_reads(
        "Ten good years.\\nZoë Lambert-Okafor left us.",
        "years.\\n The Marketing Manager left us.",
        "the stand-in after the escape is capitalised",
    );
}

#[test]
fn a_name_repeated_in_brackets_is_said_once() {
    // Teams write the full name or the company's legal name in brackets
    // after the short one: the stand-in is said once.
    let h = the_case_page_reads(
        "Ms Lambert (Zoë Lambert-Okafor) asked Priya ( Priya Natarajan ) for numbers. \
         Quillfeather (Quillfeather Stationers Ltd) paid late; Zoë (the buyer) did not.",
        "The Marketing Manager asked the account owner for numbers. Client ",
        "each repeat in brackets is gone",
    );
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        !page.contains("(Client") && page.contains(" paid late;"),
        "the client's repeat is gone"
    );
    assert!(
        page.contains("the Marketing Manager (the buyer) did not."),
        "brackets that say something else stay"
    );
    // A few words later in the clause, the brackets go and the words stay.
    let h = the_case_page_reads(
        "QFS’s board (Quillfeather Stationers Ltd) agreed; Zoë’s team (Zoë Lambert-Okafor) (Priya) agreed too.",
        "’s board agreed; the Marketing Manager’s team (the account owner) agreed too.",
        "a repeat a few words on is gone",
    );
    leaks_nothing(&h);
}

#[test]
fn a_role_written_beside_the_name_is_said_once() {
    // "Zoë (Marketing Manager)" read "the Marketing Manager (Marketing
    // Manager)", "Priya Natarajan, our account owner," read "the account
    // owner, our account owner,", and `ʼ` (the modifier letter apostrophe)
    // was left apart: "the Marketing Manager ʼs team".
    let h = the_case_page_reads(
        "Zoë (Marketing Manager) approved it. Our Marketing Manager contact, Zoë Lambert-Okafor, \
         agreed. Priya Natarajan, our account owner, called. We met Priya, the account owner. \
         Then Zoëʼs team called. Zoë (the buyer) did not. Her handle is lambert_z in chat. Zoë-Anne wrote.",
        "The Marketing Manager approved it. Our Marketing Manager contact agreed. The account \
         owner called. We met the account owner. Then the Marketing Managerʼs team called. The \
         Marketing Manager (the buyer) did not. Her handle is the Marketing Manager in chat. The Marketing Manager wrote.",
        "the role is said once, the possessive and a handle's initial go with it",
    );
    leaks_nothing(&h);
}

#[test]
fn a_name_right_after_its_own_role_goes_and_the_role_stays() {
    // "Our Marketing Manager Zoë Lambert-Okafor signed" read "Our Marketing
    // Manager the Marketing Manager signed".
    let h = the_case_page_reads(
        "Our Marketing Manager Zoë Lambert-Okafor signed. Then marketing manager Zoë's note came. \
         The account owner Priya called.",
        "Our Marketing Manager signed. Then marketing manager’s note came. The account owner called.",
        "the role before the name is said once",
    );
    leaks_nothing(&h);
}

#[test]
fn each_part_of_a_name_joined_by_a_typographic_hyphen_or_a_slash_is_protected() {
    // From a red-team's build: "Anna Kowalski‑Nowak" (U+2011, as a word
    // processor writes a double surname) protected the double surname
    // whole but neither surname alone; "Anna Kowalski/Jan Nowak" (two people
    // in one field) and a handle's spelling neither person's parts.
    let names = [
        "Anna Kowalski\u{2011}Nowak",
        "Anna Kowalski\u{2010}Nowak",
        "Anna Kowalski\u{2013}Nowak",
        "Anna Kowalski/Jan Nowak",
        "anna.kowalski_nowak",
    ];
    for (i, name) in names.iter().enumerate() {
        let record = format!(
            "client:\n  name: Harbor Freight Logistics\ncontacts:\n  - name: \"{name}\"\n    \
             role: Buyer\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complaint\n  \
             summary: Kowalski approved the proof and Nowak signed it.\noutcome: exited\n"
        );
        let page = reader_view(&one_case_page(SITE, "c1", &record));
        assert!(
            !page.contains("kowalski") && !page.contains("nowak"),
            "a part of spelling {i} of the name was published"
        );
        assert!(page.contains("approved the proof"), "the prose stays ({i})");
    }
}

#[test]
fn a_client_name_of_one_word_loses_every_legal_form_and_gives_its_other_names() {
    // From a red-team's build: with a legal form exitbook did not know
    // (`DAC`, `sp.k.`, `S.L.U.`, `ООО`…), with a country or "in
    // liquidation" in brackets, the one word before it was no secret on
    // its own and was published; a former or trading name inside the name
    // was no secret at all.
    let forms = [
        "DAC",
        "CLG",
        "sp.k.",
        "S.L.U.",
        "EURL",
        "ООО",
        "Pty. Limited",
        "Ges.m.b.H.",
        "Nyrt.",
        "HB",
        "AD",
        "GmbH i.L.",
        "(UK) Ltd",
        "Ltd (in liquidation)",
        "Ltd (formerly Bluewren Print)",
        "t/a Bluewren Print",
    ];
    for (i, form) in forms.iter().enumerate() {
        let record = format!(
            "client:\n  name: \"Ferrowind {form}\"\nexit:\n  date: 2025-03-31\n  \
             initiated_by: client\n  reason: complaint\n  summary: Ferrowind asked for a full \
             refund. Bluewren Print sent the files.\noutcome: exited\n"
        );
        let page = reader_view(&one_case_page(SITE, "c1", &record));
        assert!(
            !page.contains("ferrowind"),
            "the name before legal form {i} was published"
        );
        assert!(
            page.contains("asked for a full refund"),
            "the prose stays ({i})"
        );
        if form.contains("Bluewren") {
            assert!(
                !page.contains("bluewren"),
                "the other name in form {i} was published"
            );
        }
    }
    // A legal form that is an everyday word in lower case is one in
    // capitals only.
    let record = "client:\n  name: Quick Ad\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  \
                  reason: complaint\n  summary: The quick fix did not help.\noutcome: exited\n";
    let page = reader_view(&one_case_page(SITE, "c1", record));
    assert!(page.contains("the quick fix"), "`Ad` is no legal form");
}

#[test]
fn an_amount_in_a_case_reads_as_its_band_never_as_a_phone_mask() {
    // A design review's Polish case read "Faktura wynosiła [telefon
    // ukryty] zł": the band written for `12 000 zł` (`5 000–20 000`) was
    // then read as a phone number, and so was a range a team writes.
    let record = "client:\n  name: Drukarnia Sowa Sp. z o.o.\nexit:\n  date: 2025-08-29\n  \
                  initiated_by: client\n  reason: price\n  summary: Faktura wynosiła 12 000 zł, \
                  zwrot 6 000 zł. Budżet 10 000–50 000 zł.\noutcome: exited\n";
    let page = one_case_page(POLISH_SITE, "a", record);
    assert!(
        !page.contains("[telefon ukryty]"),
        "no amount reads as a phone"
    );
    assert!(page.contains("Faktura wynosiła "), "the prose stays");
    assert!(page.contains("000 zł"), "the amounts read as amounts");
}

#[test]
fn an_inflected_name_of_several_words_goes_whole_though_an_alias_is_inside_it() {
    // A design review's Polish case read "Dla Drukarni Klient Rust Ibis":
    // the alias `Sowa`, found as written, left the inflected `Drukarni` of
    // `Drukarnia Sowa` beside the stand-in.
    let record = "client:\n  name: Drukarnia Sowa Sp. z o.o.\n  aliases: [Sowa]\nexit:\n  \
                  date: 2025-08-29\n  initiated_by: client\n  reason: price\n  summary: Dla \
                  Drukarni Sowa byliśmy dostawcą. O Drukarni Sowa mówiliśmy.\noutcome: exited\n";
    let page = reader_view(&one_case_page(POLISH_SITE, "a", record));
    assert!(
        !page.contains("drukarni"),
        "the inflected word goes with the name"
    );
    assert!(page.contains("bylismy dostawca"), "the prose stays");
}

#[test]
fn the_clients_stand_in_takes_the_case_and_says_client_once() {
    // "Dla Drukarni Sowa" read "Dla Klient …" (a name in `-ia` drops its
    // `a` in the genitive: no ending to read), and "Klient Drukarnia Sowa"
    // read "Klient Klient …".
    let record = "client:\n  name: Drukarnia Sowa Sp. z o.o.\nexit:\n  date: 2025-08-29\n  \
                  initiated_by: client\n  reason: price\n  summary: Dla Drukarni Sowa \
                  byliśmy dostawcą. Klient Drukarnia Sowa odszedł. Dzięki Drukarni Sowa \
                  wiemy więcej.\noutcome: exited\n";
    let page = one_case_page(POLISH_SITE, "a", record);
    // (A firm whose noun is feminine: "Firma …", as the verbs say.)
    let at = page.find("Dla Firmy ").expect("the genitive");
    let name = page[at + "Dla Firmy ".len()..]
        .split(" byliśmy")
        .next()
        .unwrap_or_default();
    assert!(page.contains(&format!("Dla Firmy {name}")), "genitive");
    assert!(page.contains("Dzięki Firmie "), "dative after dzięki");
    assert!(
        page.contains(&format!("Klient {name} odszedł")),
        "the client's word once"
    );
    assert!(!page.contains("Klient Klient"), "not twice");
    let record = "client:\n  name: Quillfeather Stationers Ltd\nexit:\n  date: 2025-08-29\n  \
                  initiated_by: client\n  reason: price\n  summary: The client Quillfeather \
                  Stationers left.\noutcome: exited\n";
    let page = one_case_page(SITE, "a", record);
    assert!(page.contains("The client "), "the prose stays");
    assert!(
        !page.contains("client Client"),
        "not twice in English either"
    );
}

#[test]
fn a_polish_case_gives_its_value_in_polish() {
    // A design review's Polish case read "PLN 5,000–20,000 a month".
    let record = "client:\n  name: Drukarnia Sowa Sp. z o.o.\nengagement:\n  value: { amount: 12000, \
                  currency: PLN, per: month }\nexit:\n  date: 2025-08-29\n  initiated_by: client\n  \
                  reason: price\noutcome: exited\n";
    let page = one_case_page(POLISH_SITE, "a", record);
    assert!(
        page.contains("PLN 5\u{a0}000–20\u{a0}000 miesięcznie"),
        "the value in Polish, each number on one line"
    );
    assert!(!page.contains("a month"), "no English");
}

#[test]
fn a_name_after_a_piece_of_its_role_gives_way_to_the_whole_role() {
    // "Director Łukasz said" read "Director the Executive Director said".
    let h = the_case_page_reads(
        "Manager Zoë signed. We asked our Manager Zoë twice. Then Manager Zoë's note came.",
        "The Marketing Manager signed. We asked the Marketing Manager twice. Then the Marketing \
         Manager’s note came.",
        "the whole role stands for its piece and the name",
    );
    leaks_nothing(&h);
}

#[test]
fn a_role_said_beside_the_name_across_a_line_or_after_contact_is_said_once() {
    // From a real team's record: "Our Head of Procurement contact Øyvind"
    // and "Siobhán (Finance⏎Controller)" each said the role twice.
    let h = the_case_page_reads(
        "Our Marketing Manager contact Zoë signed. Zoë (Marketing\nManager) approved.",
        "Our Marketing Manager contact signed. The Marketing Manager approved.",
        "the role is said once",
    );
    leaks_nothing(&h);
}

#[test]
fn a_name_right_after_an_encoded_slash_leaves_the_slash() {
    // `%2F%C3%98…` was decoded as one run, the name's first letter taking
    // the place of the `/` before it too: `kontakt%2FØyvind` became
    // "kontaktthe-…" (here the name's `Z` is encoded, `%5A`).
    let h = the_case_page_reads(
        "See https://x.example/?u=a%2Fkontakt%2F%C3%9Cber%2F%5Ao%C3%AB-Lambert&d=1 now.",
        "%2Fkontakt%2F%C3%9Cber%2Fthe-marketing-manager&amp;d=1 now.",
        "the slash before the name stays",
    );
    leaks_nothing(&h);
}

#[test]
fn an_at_mention_reads_as_the_role() {
    // A chat handle made of the name: the `@` goes with it.
    let h = the_case_page_reads(
        "Ping @ZoeLambert-Okafor or @Priya on the portal.",
        "Ping the Marketing Manager or the account owner on the portal.",
        "the @ goes with the name",
    );
    leaks_nothing(&h);
}

#[test]
fn an_initials_dot_before_a_bracket_goes_with_the_name() {
    // "Priya N. (account team)" read "The account owner. (account team)".
    let h = the_case_page_reads(
        "Priya N. (account team) called.",
        "The account owner (account team) called.",
        "no sentence ends after the initial",
    );
    leaks_nothing(&h);
}

#[test]
fn a_full_width_phone_number_goes_with_its_sign() {
    // Typed with an East Asian input method: the `＋` stayed behind.
    let h = the_case_page_reads(
        "Call ＋４４ ２０ ７９４６ ０３２１ today.",
        "Call [phone withheld] today.",
        "the full-width sign goes with the number",
    );
    leaks_nothing(&h);
}

#[test]
fn a_romanised_honorific_goes_with_the_name() {
    let h = the_case_page_reads(
        "Ask Lambert-san today.",
        "Ask the Marketing Manager today.",
        "the honorific goes with the name",
    );
    leaks_nothing(&h);
}

#[test]
fn a_chat_channel_named_after_a_person_reads_as_the_role() {
    // `#lambert` read "#the Marketing Manager"; a link's `#` stays.
    let h = the_case_page_reads(
        "Ask in #lambert today.",
        "Ask in the Marketing Manager today.",
        "the # goes with the name",
    );
    leaks_nothing(&h);
    let h = handbook("x", "\n\nSee [the notes](#lambert).\n");
    h.build().ok();
    assert!(
        h.read("public/chapters/postmortems/index.html")
            .contains("href=\"#the-marketing-manager\""),
        "a link's # stays"
    );
}

#[test]
fn the_same_one_twice_in_a_list_is_said_once() {
    // Two handles of one person, the client's short and legal names side
    // by side: said once. Two people stay two.
    let h = the_case_page_reads(
        "Ping @zlambert or @ZoeLambert-Okafor today. Quillfeather / Quillfeather Stationers Ltd paid late. \
         Zoë and Priya met; Zoë, Ms Lambert and Priya agreed.",
        "Ping the Marketing Manager today. Client ",
        "one person's two handles are said once",
    );
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        !page.contains(" / Client") && page.contains(" paid late."),
        "the client's two names are said once"
    );
    assert!(
        page.contains("The Marketing Manager and the account owner met; the Marketing Manager and the account owner agreed."),
        "two people stay two; one person's two names in a list are said once"
    );
    leaks_nothing(&h);
}

#[test]
fn an_initial_written_with_a_name_goes_with_it() {
    // A login or handle glued to its initial (`zlambert-okafor`,
    // `owner=p.natarajan`, `z_lambert-okafor`) and a signature's initial
    // after the surname (`Lambert-Okafor, Z.`): no lone letter is left.
    let h = the_case_page_reads(
        "assignee: zlambert-okafor, owner=p.natarajan, cc z_lambert-okafor. \
         Lambert-Okafor, Z. signed; it was signed by Natarajan, P.",
        "assignee: The Marketing Manager, owner=the account owner, cc the Marketing Manager. \
         The Marketing Manager signed; it was signed by the account owner.",
        "each initial goes with its name",
    );
    leaks_nothing(&h);
}

#[test]
fn a_chat_handle_of_initial_and_surname_is_replaced_after_an_at() {
    // `@zlambert`, `@pnatarajan`: a handle made of the initial and the
    // surname (or a part of it) is the person.
    let h = the_case_page_reads(
        "Ping @zlambert, @ZOkafor and @PNatarajan; @jberg knows. \
         See [her profile](https://crm.example/u?id=zlambert&ref=pnatarajan). \
         Ticket: assignee: pnatarajan, \"user\": \"zokafor\".",
        "Ping the Marketing Manager and the account owner; the Finance Director knows.",
        "each handle is the person",
    );
    let page = h.read("public/cases/late-proofs/index.html");
    assert!(
        !page.contains("id=zlambert") && !page.contains("ref=pnatarajan"),
        "a username in a link's query is the person too"
    );
    assert!(
        page.contains("assignee: The account owner, “user”: “The Marketing Manager”."),
        "a handle as a field's value is the person too"
    );
    leaks_nothing(&h);
    // Only after an `@`: our owner Tom Hanks does not make "thanks" a name.
    let page = one_case_page(
        SITE,
        "thanks",
        &RECORD
            .replace("Priya Natarajan", "Tom Hanks")
            .replace("PLANT_SUMMARY", "Thanks, said @thanks; thanks again.")
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(
        page.contains("Thanks, said the account owner; thanks again."),
        "the word stays, the handle goes"
    );
}

#[test]
fn a_handle_made_of_the_name_is_replaced_wherever_it_stands() {
    // Pasted tickets and chat logs name people by their user names, with
    // no `@` before them: the initial and the surname, the surname and the
    // initial, the given name and the surname's initial.
    let h = the_case_page_reads(
        "User \"zlambert\" closed it; lambertokaforz reopened it. \
         Reach pnatarajan or priyan for access; the login zokafor2 is gone.",
        "User “the Marketing Manager” closed it; the Marketing Manager reopened it. \
         Reach the account owner for access; the login the Marketing Manager 2 is gone.",
        "each handle is the person, with or without an `@`",
    );
    leaks_nothing(&h);
    // A handle that is an everyday word stays a word in prose: Tom Hanks's
    // `thanks`, Anna Lindqvist's `annal`.
    let page = one_case_page(
        SITE,
        "thanks",
        &RECORD
            .replace("Priya Natarajan", "Tom Hanks")
            .replace("Jürgen van der Berg", "Anna Lindqvist")
            .replace(
                "PLANT_SUMMARY",
                "Thanks, and an annal; @thanks and @annal were told.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(
        page.contains(
            "Thanks, and an annal; the account owner and the Finance Director were told."
        ),
        "the words stay, the handles go"
    );
    // Nor does such a handle (`marks` of Mark Sutton) hide the plural of a
    // name (`Mark`) from the scrubber: the build passes the leak gate.
    let page = one_case_page(
        SITE,
        "plural",
        &RECORD
            .replace("Priya Natarajan", "Mark Sutton")
            .replace("PLANT_SUMMARY", "Both Marks were told.")
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(!page.contains("Marks"), "the plural is the person");
}

#[test]
fn initials_and_article_spellings_go_with_the_name() {
    // `Mª` (María's Spanish abbreviation) and two initials before a name
    // go with it; the Arabic article written `El-` is the name too.
    let page = one_case_page(
        SITE,
        "initials",
        &RECORD
            .replace("Zoë Lambert-Okafor", "María José García-López")
            .replace("Jürgen van der Berg", "Mohammed Al-Rashid")
            .replace(
                "PLANT_SUMMARY",
                "Mª José García called; MJ García wrote. El-Rashid agreed.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(
        page.contains(
            "The Marketing Manager called; the Marketing Manager wrote. The Finance Director agreed."
        ),
        "the initials and the article go with the name"
    );
}

#[test]
fn a_hyphenated_name_has_initials_of_its_parts() {
    // `KNL` of `Kovář-Novák Logistika`: each part of the hyphenated word
    // gives its letter, written together or spaced with full stops.
    let page = one_case_page(
        SITE,
        "knl",
        &RECORD
            .replace(
                "Quillfeather Stationers Ltd",
                "Kovář-Novák Logistika s.r.o.",
            )
            .replace(
                "PLANT_SUMMARY",
                "The KNL board met; the K. N. L. team agreed.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(page.contains(" board met; the "), "the sentence stays");
    for initials in ["KNL", "K. N. L."] {
        assert!(!page.contains(initials), "the initials are replaced");
    }
}

#[test]
fn initials_take_a_legal_form_of_one_word() {
    // `QSL` of `Quillfeather Stationers Ltd`: the name has three words with
    // its legal form.
    let page = one_case_page(
        SITE,
        "qsl",
        &RECORD
            .replace(
                "PLANT_SUMMARY",
                "The QSL board met; the Q.S.L. team agreed.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(page.contains(" board met; the "), "the sentence stays");
    for initials in ["QSL", "Q.S.L."] {
        assert!(!page.contains(initials), "the initials are replaced");
    }
}

#[test]
fn a_domain_label_inflected_on_a_polish_page_is_replaced() {
    // `quillfeather` of `quillfeather.co.uk` is how people name the client,
    // and Polish inflects it: "z Quillfeatherem", "do Quillfeathera".
    let page = one_case_page(
        POLISH_SITE,
        "label",
        &RECORD
            .replace(
                "PLANT_SUMMARY",
                "Spotkanie z Quillfeatherem trwało godzinę; pismo do Quillfeathera wysłano.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(page.contains("trwało godzinę"), "the sentence stays");
    assert!(
        !page.to_lowercase().contains("quillfeather"),
        "the inflected label is replaced"
    );
}

#[test]
fn a_name_broken_where_a_pdf_broke_its_line_is_replaced() {
    // Text copied from a PDF keeps the marks its extraction left where it
    // broke a word at a line's end; a reader reads the word whole.
    for summary in [
        "Lam\u{AC}bert signed off.",
        "Lam\u{AC}\nbert signed off.",
        "Lam\u{2010}\nbert signed off.",
        "Lam\u{2011}\n  bert signed off.",
        "Lam- bert signed off.",
    ] {
        the_case_page_reads(
            summary,
            "The Marketing Manager signed off.",
            "the broken name is replaced",
        );
    }
    // A hyphen and a space between words stays.
    the_case_page_reads(
        "Long- and short-term plans.",
        "Long- and short-term plans.",
        "ordinary words stay",
    );
}

#[test]
fn raw_html_around_a_name_stays_whole_and_its_ids_stay_ids() {
    // `<b>Lam</b>bert` lost its `</b>` with the name, and the page bolded
    // to the end of the block; `id="lambert"` became an id with spaces.
    let h = handbook(
        "x",
        "\n\n<b>Lam</b>bert signed.\n\n<div id=\"lambert\" class=\"lambert-box\" title=\"Lambert notes\">note</div>\n\n<a href=\"#lambert\">back</a>\n",
    );
    h.build().ok();
    let page = h.read("public/chapters/postmortems/index.html");
    assert!(
        page.contains("<b>The Marketing Manager</b> signed."),
        "the tag closes after the stand-in"
    );
    assert!(
        page.contains("id=\"the-marketing-manager\"")
            && page.contains("class=\"the-marketing-manager-box\"")
            && page.contains("href=\"#the-marketing-manager\""),
        "ids, classes and links to them are slugs, and still meet"
    );
    assert!(
        page.contains("title=\"the Marketing Manager notes\""),
        "a title reads as prose"
    );
    leaks_nothing(&h);
}

#[test]
fn an_ending_after_a_name_of_two_words_goes_with_it() {
    // On a Polish page `Zoë Lambert-Okaforową` read "… Marketing Manager
    // ową": the name of two words was found with letters touching it, and
    // its ending stayed.
    let page = one_case_page(
        POLISH_SITE,
        "ending",
        &RECORD
            .replace(
                "PLANT_SUMMARY",
                "Rozmowa z Zoë Lambert-Okaforową trwała. Pismo od Lambert-Okaforem przyszło.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(
        page.contains("Rozmowa z ") && page.contains(" trwała."),
        "the sentence stays"
    );
    for stray in [" ową", "ową ", " em ", "em przyszło"] {
        assert!(!page.contains(stray), "no ending is left behind ({stray})");
    }
    // A plural's `s` on an English page.
    the_case_page_reads(
        "The Lambert-Okafors came.",
        "The Marketing Manager came.",
        "the plural's s goes with the name",
    );
}

#[test]
fn a_piece_of_an_email_that_is_an_everyday_word_is_a_word_in_prose() {
    // `quill` of `zl.quill@…` is no one in "a quill pen", and still the
    // person where a handle is written.
    let page = one_case_page(
        SITE,
        "pen",
        &RECORD
            .replace("zoe.lambert@", "zl.quill@")
            .replace(
                "PLANT_SUMMARY",
                "She signed with a quill pen. Ping @quill or zl.quill in chat.",
            )
            .replace("chapters: [postmortems]\n", ""),
    );
    assert!(
        page.contains("with a quill pen."),
        "the everyday word stays"
    );
    assert!(
        !page.contains("@quill") && !page.contains("zl.quill"),
        "the handle and the local part are replaced"
    );
}

#[test]
fn markup_that_marked_a_piece_of_the_name_goes_with_it() {
    // Emphasis or code opened inside the name and closed right after it
    // leaves no stray markers behind the stand-in.
    for (summary, reads) in [
        (
            "Call Lam**bert** today.",
            "Call the Marketing Manager today.",
        ),
        ("Call Lam*bert* today.", "Call the Marketing Manager today."),
        (
            "Call Lam~~bert~~ today.",
            "Call the Marketing Manager today.",
        ),
        ("Call Lam`bert` today.", "Call the Marketing Manager today."),
        (
            "Call **Lam**bert today.",
            "Call <strong>the Marketing Manager</strong> today.",
        ),
    ] {
        the_case_page_reads(summary, reads, summary);
    }
}

#[test]
fn addresses_are_masked_whole() {
    for (summary, reads) in [
        // `&#46;` is a dot to the reader: the address is masked as one,
        // not cut into a role, an `@`, the client and `.co.uk`.
        (
            "Write to zoe&#46;lambert&#64;quillfeather&#46;co&#46;uk or zoe.lambert@quillfeather&#x2E;co.uk today.",
            "Write to [email withheld] or [email withheld] today.",
        ),
        // Our owner's address was never declared, but its local part is
        // her name: the address goes, not "the account owner@ourco.example"
        // or "the account [email withheld]".
        (
            "Mail priya.natarajan@ourco.example or Priya@ourco.example today.",
            "Mail [email withheld] or [email withheld] today.",
        ),
        // An `@` and `.` spelt out against harvesters, with or without
        // spaces: the address goes whole, not "n [dot] the account owner
        // [at] Client …" or "p.the account [email withheld]".
        (
            "Mail p [dot] natarajan [at] quillfeather [dot] co [dot] uk, p.natarajan(at)ourco.example or mark [at] othersite [DOT] com.",
            "Mail [email withheld], [email withheld] or [email withheld].",
        ),
        // A local part with letters beyond ASCII (an internationalised
        // address): the address goes whole, not "Żaneta." and a mask, "the
        // account [email withheld]", or nothing masked at all.
        (
            "Mail Żaneta.Wrona@firma.example, José.García@correo.example or Priyą.Natarajan@ourco.example today.",
            "Mail [email withheld], [email withheld] or [email withheld] today.",
        ),
        // At a mail provider named without its ending: not "the account
        // owner (dot) the account owner (at) gmail".
        (
            "Mail priya (dot) natarajan (at) gmail about it.",
            "Mail [email withheld] about it.",
        ),
    ] {
        let h = the_case_page_reads(summary, reads, "each address is masked whole");
        leaks_nothing(&h);
    }
}

#[test]
fn markers_inside_a_name_leave_nothing_behind() {
    // `_` between two words is no Markdown emphasis: the stand-in takes
    // the name's place with nothing trailing.
    let h = handbook(
        "Files sit in `quillfeather_stationers` and quillfeather_stationers_2024 on the drive.",
        "",
    );
    h.build().ok();
    let html = h.read("public/cases/late-proofs/index.html");
    let at = html.find("Files sit in").expect("the paragraph");
    let para = &html[at..at + html[at..].find("</p>").expect("its end")];
    assert!(
        para.contains("<code>Client "),
        "the code span holds the stand-in"
    );
    assert!(
        !para.contains("_</code>"),
        "no underscore left in the code span"
    );
    assert!(
        !para.contains("_ "),
        "no underscore left after the stand-in"
    );
    // Its words emphasised one by one: the stand-in is emphasised whole.
    let h = handbook("They were *Quillfeather* *Stationers* to us.", "");
    h.build().ok();
    let html = h.read("public/cases/late-proofs/index.html");
    let at = html.find("They were").expect("the paragraph");
    let para = &html[at..at + html[at..].find("</p>").expect("its end")];
    assert!(para.contains("<em>Client "), "{para}");
    assert!(
        para.contains("</em> to us."),
        "no marker left behind: {para}"
    );
}

#[test]
fn check_names_a_word_of_the_clients_name_published_on_its_own() {
    // On a site in a language other than English, one word of an
    // organisation's name is no secret on its own (only runs of two words
    // or more are): "Quenby" is published as written, and `check` says
    // where, by its place in the name. Declared as an alias, it is
    // replaced wherever it stands. An everyday first word ("Blue") is no
    // warning. (On an English site it is replaced: the next test.)
    let record = |aliases: &str| {
        format!(
            "title: A customs backlog\nclient:\n  name: Quenby Marlowe Logistics GmbH\n  aliases: [{aliases}]\nexit:\n  date: 2024-09-30\n  initiated_by: client\n  reason: complaint\n  summary: Quenby had shipped with us for three years, Blue Harbor too.\noutcome: exited\n"
        )
    };
    let other = "title: Slow answers\nclient:\n  name: Blue Harbor Trading Ltd\nexit:\n  date: 2024-03-31\n  initiated_by: client\n  reason: budget\noutcome: exited\n";
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"de\"\n")
        .with(
            "content/chapters/lessons.md",
            "---\ntitle: What Quenby taught us\n---\n\nWe painted the blue door.\n",
        )
        .with("content/cases/customs.yaml", &record(""))
        .with("content/cases/slow.yaml", other);
    let r = h.run(&["check"]);
    r.ok()
        .says("the first word of `client.name` is published on its own, in content/cases/customs.yaml, content/chapters/lessons.md")
        .never_says("Quenby");
    assert_eq!(
        r.stderr.matches("published on its own").count(),
        1,
        "an everyday word is no warning:\n{}",
        r.stderr
    );
    h.build().ok();
    assert!(
        h.read("public/chapters/lessons/index.html")
            .contains("What Quenby taught us")
    );
    // Declared, it is replaced, and `check` has nothing to say.
    h.write("content/cases/customs.yaml", &record("Quenby"));
    let r = h.run(&["check"]);
    assert!(!r.stderr.contains("published on its own"), "{}", r.stderr);
    h.build().ok();
    let site = h.snapshot("public");
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("quenby"), "the alias is published in {path}");
    }
}

#[test]
fn a_distinctive_word_of_the_clients_name_is_replaced_on_its_own() {
    // "Quillfeather signed", "What Quenby taught us": people call a client
    // by the word of its name that is no English word, and it named the
    // client with exit 0 (only runs of two words or more were secrets).
    // Not an everyday word ("Blue"), a word of company names ("Logistics"),
    // a word two clients' names share, nor one a record publishes as a
    // region.
    let record = "title: A customs backlog\nclient:\n  name: Quenby Marlowe Logistics GmbH\n  \
                  domains: [qml-freight.com]\n  region: Marlowe\nexit:\n  date: 2024-09-30\n  initiated_by: client\n  \
                  reason: complaint\n  summary: Quenby had shipped with us for three years. \
                  QUENBY's team, quenby2024, @quenby and Blue Harbor too. Write to \
                  ravindra@quenby-marlowe.com or follow @qmlfreight. Logistics is hard.\noutcome: exited\n";
    let other = |name: &str| {
        format!(
            "title: Slow answers\nclient:\n  name: {name}\nexit:\n  date: 2024-03-31\n  \
             initiated_by: client\n  reason: budget\noutcome: exited\n"
        )
    };
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with(
            "content/chapters/lessons.md",
            "---\ntitle: What Quenby taught us\n---\n\nWe painted the blue door. \
             Copperpoint and Marlowe called.\n",
        )
        .with("content/cases/customs.yaml", record)
        .with("content/cases/slow.yaml", &other("Blue Harbor Trading Ltd"))
        .with("content/cases/labs.yaml", &other("Copperpoint Labs Ltd"))
        .with(
            "content/cases/health.yaml",
            &other("Copperpoint Health Ltd"),
        );
    h.run(&["check"]).ok().never_says(
        "the first word of `client.name` is published on its own, in content/cases/customs.yaml",
    );
    h.build().ok();
    for (path, bytes) in &h.snapshot("public") {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("quenby"), "the word is published in {path}");
    }
    let chapter = h.read("public/chapters/lessons/index.html");
    assert!(chapter.contains("What Client "), "the client stands in");
    assert!(chapter.contains("blue door"), "an everyday word stays");
    assert!(
        chapter.contains("Copperpoint and Marlowe called"),
        "a word of two clients' names and a region stay"
    );
    let case = h.read("public/cases/customs/index.html");
    assert!(
        case.contains("Logistics is hard"),
        "a word of company names stays"
    );
    assert!(
        !case.contains("@Client"),
        "a handle's `@` goes with the name"
    );
    // An address at a domain made of the name goes whole: its local part
    // is often a colleague nobody declared.
    assert!(
        !case.contains("ravindra") && case.contains("[email withheld]"),
        "the address goes whole"
    );
    // A word of a name joined by a hyphen is a word of it too.
    let record = "client:\n  name: Vestergaard-Lindholm Fragt ApS\nexit:\n  date: 2025-06-18\n  \
                  initiated_by: client\n  reason: price\n  summary: Vestergaard asked, Lindholm \
                  agreed.\noutcome: exited\n";
    let page = one_case_page(SITE, "vlf", record).to_lowercase();
    assert!(
        !page.contains("vestergaard") && !page.contains("lindholm"),
        "each word of the hyphenated name goes"
    );
}

#[test]
fn a_double_surname_and_an_inflected_name_are_one_stand_in() {
    // `Lambert-Okońskiej`: a part and an inflected part joined by a
    // hyphen; `Marisol Etxeberrii`: our owner's first name and inflected
    // surname. One stand-in each, not two side by side.
    let page = one_case_page(
        POLISH_SITE,
        "odejscie",
        "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Zofia Lambert-Okońska
    role: Księgowa
owner: Marisol Etxeberria
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Lambert-Okońskiej nie było. Zadzwoniliśmy do Marisol Etxeberrii w piątek.
outcome: exited
",
    );
    assert!(
        page.contains("Księgowej nie było."),
        "one stand-in for the double surname, in its case"
    );
    assert!(
        page.contains("Zadzwoniliśmy do opiekuna klienta w piątek."),
        "one stand-in for our owner's name, in the name's case"
    );
}

#[test]
fn our_owner_is_declined_like_the_name_on_a_polish_page() {
    // "do Tomasza" reads "do opiekuna klienta", not "do opiekun klienta":
    // the owner's words take the case the name was written in.
    let page = one_case_page(
        POLISH_SITE,
        "odejscie",
        "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
owner: Tomasz Kowalczyk
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Tomasz zadzwonił. Klient pisał do Tomasza, dziękował Kowalczykowi, rozmawiał z Tomaszem Kowalczykiem i pytał o Tomaszu.
outcome: exited
",
    );
    assert!(
        page.contains(
            "Opiekun klienta zadzwonił. Klient pisał do opiekuna klienta, dziękował opiekunowi klienta, \
             rozmawiał z opiekunem klienta i pytał o opiekunie klienta."
        ),
        "each mention in the name's case"
    );
}

#[test]
fn a_name_whose_last_word_does_not_decline_or_whose_vowel_drops() {
    // `Wiśniewską-Kot`: `Kot` is the same in every case, the case is read
    // from the words before it; `Wróbla`: the `e` of Wróbel drops.
    let record = "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Małgorzata Wiśniewska-Kot
    role: Kierowniczka zakupów
owner: Łukasz Wróbel
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Rozmawialiśmy z Małgorzatą Wiśniewską-Kot. O Małgorzacie Wiśniewskiej-Kot mówiono dobrze. Sprawa trafiła do Wróbla, potem dziękowaliśmy Wróblowi.
    Małgorzacie Wiśniewskiej-Kot przekazaliśmy notatki. Małgorzaty Wiśniewskiej-Kot nie było.
outcome: exited
";
    let page = one_case_page(POLISH_SITE, "odejscie", record);
    assert!(
        page.contains(
            "Rozmawialiśmy z Kierowniczką zakupów. O Kierowniczce zakupów mówiono dobrze. \
             Sprawa trafiła do opiekuna klienta, potem dziękowaliśmy opiekunowi klienta."
        ),
        "each mention in the name's case"
    );
    // `-iej` is the genitive, dative or locative; the given name says which.
    assert!(
        page.contains("Kierowniczce zakupów przekazaliśmy notatki. Kierowniczki zakupów nie było."),
        "the case both words fit"
    );
}

#[test]
fn a_contacts_role_and_the_clients_pseudonym_are_declined_on_a_polish_page() {
    // "z Małgorzatą" reads "z Dyrektor finansową", not "z Dyrektor
    // finansowa"; a man's role declines whole; the pseudonym's first word
    // takes the case of the client's name; an English role is left as it is.
    let record = "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Małgorzata Wiśniewska-Berg
    role: Dyrektor finansowa
  - name: Paweł Nowak
    role: Kierownik zakupów
  - name: Ewa Zielińska
    role: Head of Sales
owner: Łukasz Wróbel
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Z Małgorzatą rozmawialiśmy trzy razy; Wiśniewskiej zależało na korekcie. Nowak pisał do Łukasza, a my rozmawialiśmy z Nowakiem i o Nowaku. W Drukarni Sowie nikt nie odbierał. Z Zielińską nie rozmawialiśmy.
outcome: exited
";
    let page = one_case_page(POLISH_SITE, "odejscie", record);
    for reads in [
        "Z Dyrektor finansową rozmawialiśmy trzy razy; Dyrektor finansowej zależało na korekcie.",
        "Kierownik zakupów pisał do opiekuna klienta, a my rozmawialiśmy z Kierownikiem zakupów i o Kierowniku zakupów.",
        "W Firmie ",
        "Z Head of Sales nie rozmawialiśmy.",
    ] {
        assert!(page.contains(reads), "the page reads: {reads}");
    }
    let folded = page.to_lowercase();
    for (i, secret) in [
        "małgorzat",
        "wiśniewsk",
        "nowak",
        "łukasz",
        "sowie",
        "zielińsk",
    ]
    .iter()
    .enumerate()
    {
        assert!(!folded.contains(secret), "secret {i} is on the page");
    }
}

#[test]
fn a_possessive_after_a_name_ending_in_s_is_the_stand_ins() {
    // `Claire Dubois' note`: the apostrophe is a possessive's, and the
    // stand-in takes it as one; a name in single quotes keeps its quotes.
    let html = one_case_page(
        SITE,
        "roles",
        "title: Roles\nclient:\n  name: Orchard Vale Trading Co\ncontacts:\n  - name: Claire Dubois\n    role: Head of Procurement\nexit:\n  date: 2024-02-29\n  initiated_by: client\n  reason: budget\n  summary: \"Claire Dubois' note came later. We called her 'Claire Dubois' then.\"\noutcome: exited\n",
    );
    assert!(
        html.contains("The Head of Procurement’s note came later."),
        "the possessive is the stand-in's"
    );
    assert!(
        html.contains("We called her ‘the Head of Procurement’ then."),
        "a name in quotes keeps its quotes"
    );
}

#[test]
fn site_toml_texts_are_scrubbed_as_a_chapter_is() {
    // The site's description and the onboarding path's title, note and
    // questions are the author's words: a client's name there is replaced
    // (not refused page by page by the leak gate).
    let site = "title = \"Test\"\ndescription = \"Started after Quillfeather Stationers left.\"\n[anonymize]\nmin_group = 1\n\n[[onboarding]]\npage = \"@/chapters/postmortems.md\"\ntitle = \"What Zoë Lambert-Okafor taught us\"\nnote = \"Read how Priya Natarajan ran the call.\"\nquestions = [ { q = \"Who called Zoë?\", a = \"Priya did, from 020 7946 0321.\" } ]\n";
    let h = handbook("Nothing here.", "").with("site.toml", site);
    h.build().ok();
    let (found, all) = leaks(&h);
    assert!(found.is_empty(), "leaked: {found:?}");
    let start = h.read("public/start/index.html");
    for reads in [
        "What the Marketing Manager taught us",
        "Read how the account owner ran the call.",
        "Who called the Marketing Manager?",
    ] {
        assert!(start.contains(reads), "the start page reads: {reads}");
    }
    assert!(
        h.read("public/index.html")
            .contains("content=\"Started after Client "),
        "the description's client is its pseudonym"
    );
    assert!(all.contains("started after client"));
}

#[test]
fn the_way_a_number_is_dialled_goes_with_it() {
    // "From the US dial 011 [phone withheld]", "+ [phone withheld]", and a
    // link to `tel:+phone-withheld`: the prefix that dials abroad, a sign
    // written apart and a link's sign are the number's.
    let html = one_case_page(
        SITE,
        "dial",
        "title: Dial\nclient:\n  name: Orchard Vale Trading Co\ncontacts:\n  - name: Hanna Vogt\n    role: Buyer\n    phone: \"+44 20 7946 0958\"\nexit:\n  date: 2024-02-29\n  initiated_by: client\n  reason: budget\n  summary: \"From the US dial 011 44 20 7946 0958; or + 44 20 7946 0958; or [call](tel:+442079460958).\"\noutcome: exited\n",
    );
    assert!(
        html.contains("From the US dial [phone withheld]; or [phone withheld]; or"),
        "the prefix and the sign go with the number"
    );
    assert!(
        html.contains("href=\"tel:phone-withheld\""),
        "the link's sign goes too"
    );
}

#[test]
fn a_number_holding_another_declared_numbers_digits_is_masked_whole() {
    // `+33 (0)1 23 45 67 89` holds `30 1234 5678`'s digits (from the `3`
    // of the calling code on): the mask takes the whole number, not all
    // of it but its last digit.
    let html = one_case_page(
        SITE,
        "numbers",
        "title: Numbers\nclient:\n  name: Orchard Vale Trading Co\ncontacts:\n  - name: Hanna Vogt\n    role: Buyer\n    phone: \"+49 30 12345678\"\n  - name: Claire Dubois\n    role: Director\n    phone: \"+33 1 23 45 67 89\"\nexit:\n  date: 2024-02-29\n  initiated_by: client\n  reason: budget\n  summary: \"Paris: +33 (0)1 23 45 67 89 and 0033 (0)1 23 45 67 89 end. Berlin: 0049 (0)30 1234 5678 end.\"\noutcome: exited\n",
    );
    assert!(
        html.contains("Paris: [phone withheld] and [phone withheld] end."),
        "each number is masked whole"
    );
    assert!(
        html.contains("Berlin: [phone withheld] end."),
        "a calling code written with `00` goes with its number"
    );
}

#[test]
fn check_names_a_drafts_first_word_published_on_its_own() {
    // A chapter that mentions a draft's client by its first word ("We still
    // owe Nordlys a call") publishes it: `check` said nothing for drafts.
    // (A site in a language other than English: on an English one the
    // word is replaced.)
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"de\"\n")
        .with(
            "content/cases/nordlys.yaml",
            "title: Draft\ndraft: true\nclient:\n  name: Nordlys Kontorservice AS\nexit:\n  date: 2025-06-30\n  initiated_by: us\n  reason: bad-fit\n  summary: Draft.\noutcome: exited\n",
        )
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\nWe still owe Nordlys a call.\n",
        );
    h.run(&["check"])
        .ok()
        .says(
            "the first word of `client.name` is published on its own, in content/chapters/notes.md",
        )
        .says("content/cases/nordlys.yaml")
        .never_says("Nordlys");
}

#[test]
fn check_reads_a_word_of_the_clients_name_as_the_page_does() {
    // `D'Angelo` of `D'Angelo Fine Foods Ltd` is published as "D’Angelo’s
    // team": the word is read apart from its apostrophe, as on the page.
    // (`D'Angelo & Sons` names a person: replaced.)
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with(
            "content/cases/sons.yaml",
            "title: A family firm\nclient:\n  name: D'Angelo Fine Foods Ltd\nexit:\n  date: 2024-02-29\n  initiated_by: client\n  reason: budget\n  summary: \"D’Angelo’s team left.\"\noutcome: exited\n",
        );
    h.run(&["check"]).ok().says(
        "the first word of `client.name` is published on its own, in content/cases/sons.yaml",
    );
}

#[test]
fn check_does_not_take_a_links_address_for_the_handbooks_words() {
    // The client's domain in a chapter's link (`grossmann-soehne.de`) made
    // "grossmann" a word the handbook uses, and the warning that
    // "Großmann's retooling" publishes the client's first word went
    // silent; a footnote's label (`[^gsm]`) made the client's initials
    // one, though initials count only in upper case. (A site in a
    // language other than English: on an English one the word is
    // replaced.)
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"de\"\n")
        .with(
            "content/cases/tools.yaml",
            "title: Großmann's retooling\nclient:\n  name: Großmann & Söhne Maschinenbau GmbH\n  domains: [grossmann-soehne.de]\nexit:\n  date: 2024-02-29\n  initiated_by: client\n  reason: budget\n  summary: Late.\noutcome: exited\n",
        )
        .with(
            "content/chapters/notes.md",
            "---\ntitle: Notes\n---\n\nWe wrote to [the lead](https://www.grossmann-soehne.de/team/x)[^gsm].\n\n[^gsm]: In 2024.\n",
        );
    h.run(&["check"])
        .ok()
        .says(
            "the first word of `client.name` is published on its own, in content/cases/tools.yaml",
        )
        .never_says("is also a word in the chapters");
}

#[test]
fn a_polish_role_takes_the_case_of_the_name_it_replaces() {
    // "do Jasińskiego" read "do Kierownik zakupów", "Jasińskiemu" and
    // "Marcie Kowalczyk" (a woman's surname that does not decline) kept
    // the role in the nominative.
    let page = one_case_page(
        POLISH_SITE,
        "odejscie",
        "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Paweł Jasiński
    role: Kierownik zakupów
  - name: Marta Kowalczyk
    role: Główna księgowa
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Zadzwoniliśmy do Jasińskiego. Wysłaliśmy fakturę Jasińskiemu. Rozmawialiśmy z
    Jasińskim. Podziękowaliśmy Marcie Kowalczyk. Rozmawialiśmy o Marcie.
outcome: exited
",
    );
    for reads in [
        "do Kierownika zakupów.",
        "fakturę Kierownikowi zakupów.",
        "Kierownikiem zakupów.",
        "Podziękowaliśmy Głównej księgowej.",
        "o Głównej księgowej.",
    ] {
        assert!(page.contains(reads), "the role in the name's case: {reads}");
    }
}

#[test]
fn a_polish_page_reads_polish_where_values_were() {
    // Stand-ins are in the site's language: no English article before a
    // Polish role, no English masks; a role whose letters are two bytes
    // long (`ę`) is read like any other.
    let page = one_case_page(
        POLISH_SITE,
        "odejscie",
        "\
title: Drukarnia odeszła
client:
  name: Drukarnia Sowa sp. z o.o.
contacts:
  - name: Agnieszka Kowalska
    role: Księgowa
    email: agnieszka.kowalska@drukarniasowa.pl
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Agnieszka Kowalska zadzwoniła. Powiedziałem Agnieszce, że Kowalscy
    dostaną fakturę. Pisała z agnieszka.kowalska@drukarniasowa.pl i z
    kontakt@inna-firma.pl. Umowa z Drukarnią Sowa, teczka drukarniasowa2024.
outcome: exited
",
    );
    for name in ["Agnieszk", "Kowalsk", "Kowalscy"] {
        assert!(!page.contains(name), "an inflected name is replaced");
    }
    assert!(
        page.contains("Księgowa zadzwoniła"),
        "the role stands in, capitalised"
    );
    assert!(
        page.contains("Powiedziałem Księgowej"),
        "a given name whose consonant changes before the ending (Agnieszce) gives its case"
    );
    assert!(page.contains("[e-mail ukryty]"), "masks are Polish");
    let text = &page;
    assert!(
        text.contains("Umowa z Firmą "),
        "a client's pseudonym is Polish too, in the name's case and gender"
    );
    assert!(!text.contains("Client "), "no English pseudonym");
    assert!(
        Regex::new(r"teczka Klient \w+ \w+ 2024")
            .unwrap()
            .is_match(text),
        "a stand-in does not run into the year the name was glued to"
    );
    for english in ["the Księgowa", "withheld]"] {
        assert!(
            !page.contains(english),
            "no English stand-in on a Polish page"
        );
    }
}

/// A couple by one name: both titles go with it, and the stand-in says
/// there were two ("the Owner and partner"), never "Mr. and the Owner".
#[test]
fn a_couple_by_one_name_reads_as_two() {
    let record = "\
title: A bakery left
client:
  name: Quillfeather Ltd
contacts:
  - name: Margaret Whitfield
    role: Owner
exit:
  date: 2024-05-31
  initiated_by: client
  reason: budget
  summary: |
    Mr. and Mrs. Whitfield came to the meeting. Later Mr & Mrs Whitfield's
    accountant called, and Mrs. Whitfield signed alone.
outcome: exited
";
    let page = one_case_page("title = \"T\"\n", "bakery", record);
    let text = crate::gate::reader_text(page.as_bytes());
    // (Never the text in a message: it could hold a name.)
    assert!(
        text.contains("the owner and partner came to the meeting"),
        "the couple reads as two"
    );
    assert_eq!(
        text.matches("the owner and partner").count(),
        2,
        "both couples, the possessive too"
    );
    assert!(
        text.contains("the owner signed alone"),
        "the couple reads as two"
    );
    assert!(
        !text.contains("mr and") && !text.contains("mr &"),
        "the couple reads as two"
    );
}

/// A record of a client that left, with `title`, the client's `name`
/// and the exit's `summary` (plain YAML scalars).
fn exit_record(title: &str, name: &str, summary: &str) -> String {
    format!(
        "title: {title}\nclient:\n  name: {name}\nexit:\n  date: 2024-09-30\n  \
         initiated_by: client\n  reason: budget\n  summary: {summary}\noutcome: exited\n"
    )
}

#[test]
fn a_client_who_is_a_person_is_replaced_by_each_part_of_the_name() {
    // A sole trader (as registers write one too: surname first), a
    // practice named for its owner, a firm named for its partners: the
    // spec's person forms, each part on its own (and
    // inflected on a Polish page), with the title going too. "Pani
    // Zielińska odeszła", "Mecenas Kowalski zadzwonił" and "Dr Okafor
    // called" were published as written.
    let record = |name: &str, summary: &str| exit_record("A quiet exit", name, summary);
    let pl = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"pl\"\n")
        .with(
            "content/cases/biuro.yaml",
            &record(
                "Anna Zielińska",
                "Pani Zielińska odeszła. Rozmowa z panią Zielińską trwała godzinę.",
            ),
        )
        .with(
            "content/cases/kancelaria.yaml",
            &record(
                "Kowalski i Wspólnicy sp.k.",
                "Mecenas Kowalski zadzwonił. Kowalskiemu nie pasowała stawka.",
            ),
        )
        .with(
            "content/cases/sklep.yaml",
            &record(
                "PPHU Nowak Tomasz",
                "Pan Nowak zadzwonił. Nowakowi nie pasowało.",
            ),
        )
        .with(
            "content/cases/drukarnia.yaml",
            &record("Drukarnia Sowa sp. z o.o.", "Drukarnia odeszła."),
        )
        .with(
            "content/chapters/lekcje.md",
            "---\ntitle: Lekcje\n---\n\nZielińskiej zabrakło cierpliwości.\n",
        );
    let check = pl.run(&["check"]);
    check
        .ok()
        .says("`client.name` is read as a person's name")
        .never_says("Zielińsk")
        .never_says("Kowalsk");
    assert_eq!(
        check.stderr.matches("is read as a person's name").count(),
        3,
        "each client who is a person, once, and no organisation:\n{}",
        check.stderr
    );
    pl.build().ok();
    for (path, bytes) in &pl.snapshot("public") {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for surname in ["zielińsk", "zielinsk", "kowalsk", "nowak"] {
            assert!(!text.contains(surname), "a surname is published in {path}");
        }
    }
    let case = pl.read("public/cases/biuro/index.html");
    assert!(
        case.contains("Rozmowa z Klientką "),
        "the title goes with the name (and a woman's stand-in is a woman's)"
    );
    assert!(
        !case.contains("Pani Klient"),
        "the title goes with the name"
    );
    let en = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with(
            "content/cases/dental.yaml",
            &record("Dr Ngozi Okafor", "Dr Okafor called twice; Ngozi said no."),
        )
        .with(
            "content/cases/studio.yaml",
            &record("Dr Mark Baker", "Mr Baker left. Please mark the date."),
        )
        .with(
            "content/cases/office.yaml",
            &record("Anna Zielinska", "Anna wrote twice; Zielinska signed."),
        );
    en.build().ok();
    // A given name that is a word only to a dictionary (Wordnik lists
    // `anna`) is a part on an English site too: "Anna wrote" was
    // published.
    let anna = Regex::new(r"(?i)\banna\b").unwrap();
    for (path, bytes) in &en.snapshot("public") {
        assert!(
            !anna.is_match(&String::from_utf8_lossy(bytes)),
            "a given name is published in {path}"
        );
    }
    for (path, bytes) in &en.snapshot("public") {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for part in ["okafor", "ngozi", "baker"] {
            assert!(
                !text.contains(part),
                "a part of a name is published in {path}"
            );
        }
    }
    let dental = en.read("public/cases/dental/index.html");
    assert!(dental.contains("Client "), "the client stands in");
    assert!(
        !dental.contains("Dr Client"),
        "the title goes with the name"
    );
    let studio = en.read("public/cases/studio/index.html");
    assert!(
        studio.contains("Please mark the date"),
        "a given name that is an English word stays a word"
    );
}

#[test]
fn a_word_of_a_clients_name_after_a_title_is_replaced() {
    // "Mark Baker Photography" is all English words, so no word of it is
    // a secret on its own, and "Mr Baker rang" was published. After a
    // title, a word of a client's name names the person behind it; the
    // same word elsewhere stays a word. A Polish page too: "Pani Sowa"
    // of Drukarnia Sowa.
    let record = |name: &str, summary: &str| exit_record("A quiet exit", name, summary);
    let en = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with(
            "content/cases/studio.yaml",
            &record(
                "Mark Baker Photography",
                "Mr Baker rang twice and Mrs. Baker wrote. Sig.ra Baker and Mister Baker called.",
            ),
        )
        .with(
            "content/chapters/lessons.md",
            "---\ntitle: Lessons\n---\n\nAfter Dr.&nbsp;Baker left, the baker's dozen of photography jobs stayed.\n",
        );
    let check = en.run(&["check"]);
    check.ok().never_says("Baker").never_says("every \"baker\"");
    en.build().ok();
    for (path, bytes) in &en.snapshot("public") {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        for titled in [
            "mr baker",
            "mrs. baker",
            "dr. baker",
            "dr.&nbsp;baker",
            "dr.\u{a0}baker",
            "sig.ra baker",
            "mister baker",
        ] {
            assert!(
                !text.contains(titled),
                "a title and a word of the client's name are published in {path}"
            );
        }
    }
    let chapter = en.read("public/chapters/lessons/index.html");
    assert!(
        chapter.contains("the baker’s dozen of photography jobs stayed")
            || chapter.contains("the baker's dozen of photography jobs stayed"),
        "the word elsewhere stays a word"
    );
    let pl = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"pl\"\n")
        .with(
            "content/cases/drukarnia.yaml",
            &record("Drukarnia Sowa sp. z o.o.", "Drukarnia odeszła."),
        )
        .with(
            "content/chapters/lekcje.md",
            "---\ntitle: Lekcje\n---\n\nPani Sowa zadzwoniła rano.\n",
        );
    pl.build().ok();
    let chapter = pl.read("public/chapters/lekcje/index.html");
    assert!(
        !chapter.contains("Pani Sowa") && chapter.contains("zadzwoniła rano"),
        "the title and the word go, the sentence stays"
    );
}

#[test]
fn a_polish_stand_in_agrees_with_the_verbs_of_the_name_it_replaces() {
    // Polish verbs in the past say the subject's gender: "Drukarnia Sowa
    // odeszła", "Pani Zielińska zadzwoniła". "Klient … odeszła" read as a
    // slip; the stand-in takes a feminine noun where the text treats the
    // name as feminine (a firm whose noun is, a woman), in its case too.
    let record = |name: &str, summary: &str| exit_record("Odejście", name, summary);
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"pl\"\n")
        .with(
            "content/cases/first.yaml",
            &record(
                "Drukarnia Sowa sp. z o.o.",
                "Drukarnia Sowa odeszła w maju. Rozmawialiśmy z Drukarnią Sowa długo.",
            ),
        )
        .with(
            "content/cases/second.yaml",
            &record(
                "Anna Zielińska",
                "Pani Zielińska zadzwoniła. Anna Zielińska napisała. Zielińskiej zależało na czasie.",
            ),
        )
        .with(
            "content/cases/third.yaml",
            &record("PPHU Nowak Tomasz", "Pan Nowak zadzwonił."),
        );
    h.build().ok();
    let text = |stem: &str| {
        let page = h.read(&format!("public/cases/{stem}/index.html"));
        Regex::new(r"<[^>]+>")
            .unwrap()
            .replace_all(&page, "")
            .into_owned()
    };
    let pseudonym = r"[A-Z][a-z]+ [A-Z][a-z]+";
    let says = |stem: &str, pattern: &str| {
        let re = Regex::new(&pattern.replace("NAME", pseudonym)).unwrap();
        assert!(re.is_match(&text(stem)), "cases/{stem}: {pattern}");
    };
    says("first", "Firma NAME odeszła w maju");
    says("first", "z Firmą NAME długo");
    says("second", "Klientka NAME zadzwoniła");
    says("second", "Klientka NAME napisała");
    // (`-iej` is the genitive, dative or locative: a verb that takes the
    // dative says which.)
    says("second", "Klientce NAME zależało na czasie");
    says("third", "Klient NAME zadzwonił");
}

#[test]
fn a_slavic_surname_declined_on_an_english_page_is_replaced() {
    // A Polish record on a site in English: "Wrzesińskiej zależało" was
    // published, as only pages in a language that inflects names read
    // endings. A Slavic surname is read with them on every page.
    let record = "title: A quiet exit\nclient:\n  name: Ferrowind Automatyka sp. z o.o.\ncontacts:\n  \
                  - name: Joanna Wrzesińska\n    role: Prezes\n\
                  exit:\n  date: 2024-09-30\n  initiated_by: client\n  reason: budget\n  \
                  summary: Wrzesińskiej zależało na terminach. Rozmowa z Wrzesińską trwała godzinę.\n\
                  outcome: exited\n";
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with("content/cases/quiet-exit.yaml", record);
    h.build().ok();
    for (path, bytes) in &h.snapshot("public") {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(
            !text.contains("wrzesińsk") && !text.contains("wrzesinsk"),
            "the surname is published in {path}"
        );
    }
    let case = h.read("public/cases/quiet-exit/index.html");
    assert!(case.contains("na terminach"), "the sentence stays");
}
