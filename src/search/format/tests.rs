use std::collections::BTreeSet;

use serde_json::Value;

use super::*;
use crate::search::{Field, Hashes, Kind, Options, Page, Piece, Section, build};

#[test]
fn numbers_read_back_as_written() {
    let mut s = String::new();
    for n in [
        0,
        1,
        12,
        13,
        90,
        91,
        636,
        637,
        4458,
        4459,
        65_535,
        1 << 20,
        u32::MAX,
    ] {
        s.clear();
        push_number(&mut s, n);
        assert_eq!(numbers(&s), [n], "{s}");
    }
    s.clear();
    for n in [0, 12, 13, 9] {
        push_number(&mut s, n);
    }
    assert_eq!(s, "!^|!@");
    // One character below 13, two below 91, three below 637.
    for (n, len) in [
        (12, 1),
        (90, 2),
        (91, 3),
        (636, 3),
        (637, 4),
        (u32::MAX, 12),
    ] {
        s.clear();
        push_number(&mut s, n);
        assert_eq!(s.len(), len, "{n}: {s}");
        let mut bytes = Vec::new();
        push_number_bytes(&mut bytes, n);
        assert_eq!(bytes, s.as_bytes(), "{n}");
    }
}

#[test]
fn the_pieces_written_out_are_the_numerals() {
    assert_eq!(DIGIT_PIECES[0].as_bytes(), ENDS);
    assert_eq!(DIGIT_PIECES[1].as_bytes(), MORE);
}

#[test]
fn numbers_never_read_as_a_name_or_a_phone_number() {
    // Every number a handbook has (up to 16 million documents): no
    // letter, no digit, nothing the leak check decodes, and none of the
    // characters it reads one at a time.
    let mut s = String::new();
    for n in (0..1 << 24).step_by(997).chain(0..200) {
        push_number(&mut s, n);
    }
    for b in s.bytes() {
        assert!(b.is_ascii_punctuation(), "{}", char::from(b));
        assert!(
            !b"&%<>\\*~`\"-_.".contains(&b),
            "{} is read one at a time",
            char::from(b)
        );
    }
    let distinct: BTreeSet<u8> = s.bytes().collect();
    assert_eq!(distinct.len(), ENDS.len() + MORE.len());
}

/// `FORMAT` of `format.js`: its object literal, without comment lines.
fn described() -> Value {
    let js = include_str!("../../../themes/default/static/assets/search/format.js");
    let start = js.find("var FORMAT = ").expect("format.js declares FORMAT") + 13;
    let end = start + js[start..].find("\n};").expect("FORMAT ends") + 2;
    let json: String = js[start..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&json).expect("FORMAT is JSON with // comments")
}

/// The types of a tuple or list: `[int, page]` → `int`, `page`.
fn parts(inner: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out
}

/// Check `v` against type `ty` of FORMAT; note each field seen in `seen`.
fn check(v: &Value, ty: &str, format: &Value, at: &str, seen: &mut BTreeSet<String>) {
    let fail = || -> ! { panic!("{at}: {v} is not {ty}") };
    match ty {
        "int" => assert!(v.is_u64(), "{at}: {v} is not {ty}"),
        "number" => assert!(v.is_number(), "{at}: {v} is not {ty}"),
        "bool" => assert!(v.is_boolean(), "{at}: {v} is not {ty}"),
        "string" => assert!(v.is_string(), "{at}: {v} is not {ty}"),
        list if list.starts_with('[') => {
            let items = v.as_array().unwrap_or_else(|| fail());
            let types = parts(&list[1..list.len() - 1]);
            if types.len() == 1 {
                for (i, item) in items.iter().enumerate() {
                    check(item, types[0], format, &format!("{at}[{i}]"), seen);
                }
            } else {
                assert_eq!(items.len(), types.len(), "{at}: {v} is not {ty}");
                for (i, (item, t)) in items.iter().zip(types).enumerate() {
                    check(item, t, format, &format!("{at}[{i}]"), seen);
                }
            }
        }
        name => {
            let fields = &format["types"][name];
            assert!(fields.is_object(), "{at}: FORMAT has no type {name}");
            object(v, fields, format, name, seen);
        }
    }
}

/// Check an object against FORMAT's `fields`, both ways: no field
/// undeclared, none declared (and not optional) missing.
fn object(v: &Value, fields: &Value, format: &Value, kind: &str, seen: &mut BTreeSet<String>) {
    let map = v
        .as_object()
        .unwrap_or_else(|| panic!("{kind}: {v} is not an object"));
    let fields = fields.as_object().unwrap();
    for key in map.keys() {
        assert!(
            fields.contains_key(key),
            "{kind}: the build writes `{key}`, which format.js does not describe"
        );
    }
    for (key, ty) in fields {
        let ty = ty.as_str().unwrap();
        let (ty, optional) = match ty.strip_suffix('?') {
            Some(t) => (t, true),
            None => (ty, false),
        };
        match map.get(key) {
            Some(value) => {
                seen.insert(format!("{kind}.{key}"));
                check(value, ty, format, &format!("{kind}.{key}"), seen);
            }
            None => assert!(
                optional,
                "{kind}: format.js says `{key}` is always there; the build left it out"
            ),
        }
    }
}

/// A small handbook with every kind of file: chapters with sections,
/// a translation, cases with facets, synonyms.
fn pages() -> Vec<Page<'static>> {
    let section = |title: &'static str, heading: &'static str, text: &'static str| Section {
        anchor: (!heading.is_empty()).then(|| heading.to_lowercase()),
        heading: heading.into(),
        fields: vec![
            (Field::Title, Piece::Borrowed(title)),
            (Field::Heading, Piece::Borrowed(heading)),
            (Field::Body, Piece::Borrowed(text)),
        ],
        text: Piece::Borrowed(text),
    };
    let page = |kind, href: &str, title: &'static str, sections| Page {
        kind,
        href: href.into(),
        title: title.into(),
        lang: None,
        date: None,
        sections,
        facets: Vec::new(),
        deps: Vec::new(),
        hashes: Hashes::default(),
    };
    let mut pl = page(
        Kind::Chapter,
        "pl/chapters/a/index.html",
        "Zwrot",
        vec![section("Zwrot", "", "Klient prosi o zwrot pieniędzy.")],
    );
    pl.lang = Some("pl".into());
    let mut case = page(
        Kind::Case,
        "cases/b/index.html",
        "A refund",
        vec![section("A refund", "", "The customer quit after a refund.")],
    );
    case.date = Some("March 2025".into());
    case.facets = vec![
        ("reason", "complaint".into(), "Complaint".into()),
        ("outcome", "exited".into(), "Exited".into()),
    ];
    vec![
        page(
            Kind::Chapter,
            "chapters/a/index.html",
            "Refunds",
            vec![
                section("Refunds", "", "When a client asks for money back."),
                section("Refunds", "Credit", "Offer a credit, then a refund."),
            ],
        ),
        pl,
        case,
    ]
}

#[test]
fn every_file_is_as_format_js_describes_it() {
    let format = described();
    assert_eq!(
        format["version"], FORMAT,
        "format.js and format.rs name one version"
    );
    assert_eq!(
        format["digits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect::<Vec<_>>(),
        DIGIT_PIECES,
        "format.js and format.rs write numbers with the same numerals"
    );
    let options = Options {
        language: "en".into(),
        ..Options::default()
    };
    let index = build(&pages(), &options, &[]);
    let mut seen = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for f in &index.files {
        let text = std::str::from_utf8(&f.bytes).unwrap();
        let name = f.path.trim_start_matches("search/").trim_end_matches(".js");
        let data = text
            .strip_prefix(&format!("exitbookSearch.load({name:?}, "))
            .and_then(|t| t.strip_suffix(");\n"))
            .unwrap_or_else(|| panic!("{} is a classic script naming itself", f.path));
        let kind = if name == "meta" { "meta" } else { &name[..1] };
        kinds.insert(kind.to_string());
        let fields = &format["files"][kind];
        assert!(
            fields.is_object(),
            "format.js does not describe {kind} files"
        );
        object(
            &serde_json::from_str(data).unwrap(),
            fields,
            &format,
            kind,
            &mut seen,
        );
    }
    let lookup: Value = serde_json::from_str(&index.lookup).unwrap();
    object(
        &lookup,
        &format["files"]["lookup"],
        &format,
        "lookup",
        &mut seen,
    );
    kinds.insert("lookup".into());
    // Every kind of file, and every field format.js describes, is one
    // the build writes (the handbook above has them all).
    let described: BTreeSet<String> = format["files"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(kinds, described);
    for (kind, fields) in format["files"]
        .as_object()
        .unwrap()
        .iter()
        .chain(format["types"].as_object().unwrap().iter())
    {
        for key in fields.as_object().unwrap().keys() {
            assert!(
                seen.contains(&format!("{kind}.{key}")),
                "format.js describes `{kind}.{key}`, which no file has"
            );
        }
    }
}
