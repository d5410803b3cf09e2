//! The example handbook of this repository (issue 3): it builds with no
//! warnings, `check` passes, every record field of the spec is used by at
//! least one record, and every chapter is illustrated by at least two cases.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{broken_links, run_in};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_example_handbook_builds_cleanly_and_checks() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let r = run_in(repo(), &["build", "-o", site.to_str().unwrap()]);
    r.ok();
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert_eq!(broken_links(&site), Vec::<String>::new());
    assert!(
        site.join("pl/chapters/bad-fit-breakups/index.html")
            .is_file()
    );
    assert!(site.join("start/index.html").is_file());
    assert!(site.join("insights/index.html").is_file());
    assert!(
        !site.join("atom.xml").exists(),
        "the example sets no base_url"
    );
    let c = run_in(repo(), &["check"]);
    c.ok();
    // Thirteen fictional clients in thirteen industries: k-anonymity
    // coarsens them (by year, by sector, withheld) into groups of two or
    // more, except the one case that left in 2026, alone in its year; and
    // three cases still name in their text the industry their page no
    // longer says. Those are the only warnings. (The cases of issue 18
    // give 2026 company and are written around their industries.)
    let warnings: Vec<&str> = c
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 4, "{}", c.stderr);
    assert!(
        warnings
            .iter()
            .all(|w| w.starts_with("warning: k-anonymity: ")),
        "{}",
        c.stderr
    );
    assert!(
        c.stderr
            .contains("min_group:\n  content/cases/downgrade-instead-of-cancellation.yaml"),
        "{}",
        c.stderr
    );
}

/// Every leaf path of a JSON value, with `[]` for list items:
/// `contacts[].email`.
fn paths(v: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(p.clone());
                paths(v, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for i in items {
                paths(i, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// Every field path the schema allows, following `$ref`s.
fn schema_paths(
    schema: &serde_json::Value,
    node: &serde_json::Value,
    prefix: &str,
    out: &mut BTreeSet<String>,
) {
    let resolve = |n: &serde_json::Value| -> serde_json::Value {
        let mut n = n.clone();
        for _ in 0..8 {
            if let Some(any) = n.get("anyOf").and_then(|a| a.as_array()) {
                if let Some(x) = any.iter().find(|x| x.get("type") != Some(&"null".into())) {
                    n = x.clone();
                }
            }
            match n.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => n = schema["$defs"][r.rsplit('/').next().unwrap()].clone(),
                None => break,
            }
        }
        n
    };
    let node = resolve(node);
    if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
        for (k, v) in props {
            let p = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            out.insert(p.clone());
            schema_paths(schema, v, &p, out);
        }
    }
    if let Some(items) = node.get("items") {
        schema_paths(schema, items, &format!("{prefix}[]"), out);
    }
}

fn records() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("content/cases")).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let v: serde_json::Value = exitbook::load::yaml::parse(&text).unwrap();
            out.push((e.path().display().to_string(), v));
        }
    }
    out
}

#[test]
fn every_record_field_of_the_spec_is_used_by_an_example_record() {
    let schema = exitbook::model::record::schema();
    let mut allowed = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut allowed);
    assert!(
        allowed.len() > 50,
        "the schema walk found {} fields",
        allowed.len()
    );
    let mut used = BTreeSet::new();
    for (_, v) in records() {
        paths(&v, "", &mut used);
    }
    let unused: Vec<_> = allowed.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "fields no example record uses: {unused:?}"
    );
}

#[test]
fn every_chapter_is_illustrated_by_at_least_two_cases() {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in std::fs::read_dir(repo().join("content/chapters")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if let Some(slug) = name.strip_suffix(".md").filter(|s| !s.contains('.')) {
            count.insert(slug.to_string(), 0);
        }
    }
    assert_eq!(count.len(), 5);
    for (_, v) in records() {
        if v["draft"] == true {
            continue;
        }
        for ch in v["chapters"].as_array().into_iter().flatten() {
            *count.entry(ch.as_str().unwrap().to_string()).or_default() += 1;
        }
    }
    for (slug, n) in &count {
        assert!(*n >= 2, "chapter {slug} is linked from {n} published cases");
    }
}
