//! The example handbook of this repository (issues 3 and 18): it builds with
//! no warnings, `check` passes, every record field of the spec is used by at
//! least one record, every chapter is illustrated by at least two cases, and
//! every rule a postmortem adopted is stated in a chapter's rules box.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{broken_links, print_links_out, run_in};

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
    // The print page, printed to a PDF: its links to chapters and cases
    // (a few hundred) lead within it.
    assert_eq!(print_links_out(&site), Vec::<String>::new());
    // The mask check can fail: a mask inside a sentence is found, a mask
    // alone in a field is not.
    let probe = tempfile::tempdir().unwrap();
    for (case, html) in [
        ("a", "<p>Calls about the [withheld] boards.</p>"),
        ("b", "<dd>[withheld]</dd>"),
    ] {
        std::fs::create_dir(probe.path().join(case)).unwrap();
        std::fs::write(probe.path().join(case).join("index.html"), html).unwrap();
    }
    assert_eq!(masks_in_sentences(probe.path()).len(), 1);
    let masked = masks_in_sentences(&site.join("cases"));
    assert!(
        masked.is_empty(),
        "case pages with a mask inside a sentence (write around the name): {masked:?}"
    );
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
    // Fifteen fictional clients in fifteen industries: k-anonymity
    // coarsens them (by year, by sector, withheld) into groups of two or
    // more, and no case's text names what its page no longer says: `check`
    // notes what it coarsened and warns about nothing.
    let warnings: Vec<&str> = c
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings, Vec::<&str>::new(), "{}", c.stderr);
    assert!(c.stderr.contains("k = 2 reached"), "{}", c.stderr);
}

/// Case pages (`<case>/index.html` under `cases`) where the anonymizer's
/// mask stands inside a sentence rather than alone in a field.
fn masks_in_sentences(cases: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(cases).unwrap() {
        let page = e.unwrap().path().join("index.html");
        let Ok(html) = std::fs::read_to_string(&page) else {
            continue;
        };
        // Text between tags: a mask alone in its text is a withheld field,
        // a mask with words around it is a sentence that reads badly.
        let inside = html
            .split('<')
            .filter_map(|chunk| chunk.split_once('>').map(|(_, text)| text.trim()))
            .any(|text| text.contains("[withheld]") && text != "[withheld]");
        if inside {
            out.push(page.display().to_string());
        }
    }
    out
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
    assert_eq!(count.len(), 8);
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

/// The list items of a chapter's "Rules we've adopted" section (continuation
/// lines joined), or `None` when the chapter has no such section.
fn rules_section(md: &str) -> Option<Vec<String>> {
    let mut lines = md
        .lines()
        .skip_while(|l| l.trim_end() != "## Rules we've adopted");
    lines.next()?;
    let mut items: Vec<String> = Vec::new();
    for l in lines.take_while(|l| !l.starts_with("## ")) {
        if let Some(item) = l.strip_prefix("- ") {
            items.push(item.to_string());
        } else if let (true, Some(last)) = (l.starts_with("  "), items.last_mut()) {
            last.push(' ');
            last.push_str(l.trim());
        }
    }
    Some(items)
}

/// The cases a piece of Markdown links to, as paths under `content/`:
/// `cases/x.yaml` for `@/cases/x.yaml#postmortem`.
fn case_links(md: &str) -> Vec<String> {
    md.match_indices("@/cases/")
        .filter_map(|(i, _)| {
            let rest = &md[i + 2..];
            let end = rest.find(".yaml")?;
            Some(rest[..end + 5].to_string())
        })
        .collect()
}

/// The words of four letters or more, lower-cased, less the few that any
/// two rules share.
fn words(text: &str) -> BTreeSet<String> {
    const COMMON: &[&str] = &[
        "every", "with", "that", "this", "from", "their", "they", "them", "have", "when", "your",
        "what", "which", "into", "before", "after", "will", "only", "than", "each",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// Whether each action can be paired with a rule of its own that states it
/// (shares at least three words with it).
fn stated(actions: &[BTreeSet<String>], rules: &[BTreeSet<String>]) -> bool {
    fn pair(i: usize, a: &[BTreeSet<String>], r: &[BTreeSet<String>], used: &mut [bool]) -> bool {
        if i == a.len() {
            return true;
        }
        for j in 0..r.len() {
            if !used[j] && a[i].intersection(&r[j]).count() >= 3 {
                used[j] = true;
                if pair(i + 1, a, r, used) {
                    return true;
                }
                used[j] = false;
            }
        }
        false
    }
    pair(0, actions, rules, &mut vec![false; rules.len()])
}

#[test]
fn every_done_postmortem_action_is_a_rule_in_a_chapter() {
    // The matcher can fail: an unrelated rule does not state an action.
    assert!(!stated(
        &[words(
            "Request and store each print partner's press profile at onboarding."
        )],
        &[words(
            "Every complaint, even a small one, is logged in the CRM."
        )],
    ));
    // The rules boxes of the English chapters (translations carry their own
    // heading), by the case each rule links.
    let mut rules: BTreeMap<String, Vec<BTreeSet<String>>> = BTreeMap::new();
    for e in std::fs::read_dir(repo().join("content/chapters")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(slug) = name.strip_suffix(".md").filter(|s| !s.contains('.')) else {
            continue;
        };
        let md = std::fs::read_to_string(&path).unwrap();
        let items = rules_section(&md)
            .unwrap_or_else(|| panic!("chapter {slug} has no \"Rules we've adopted\" section"));
        assert!(!items.is_empty(), "chapter {slug}: the rules box is empty");
        for item in items {
            let cases = case_links(&item);
            assert!(
                !cases.is_empty(),
                "chapter {slug}: a rule links no case: {item}"
            );
            for c in cases {
                rules.entry(c).or_default().push(words(&item));
            }
        }
    }
    let content = repo().join("content");
    let mut unstated = Vec::new();
    for (path, v) in records() {
        if v["draft"] == true {
            continue;
        }
        let rel = Path::new(&path)
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let done: Vec<&str> = v["postmortem"]["actions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| a["status"] == "done")
            .filter_map(|a| a["action"].as_str())
            .collect();
        let got = rules.get(&rel).map(Vec::as_slice).unwrap_or_default();
        let want: Vec<_> = done.iter().map(|a| words(a)).collect();
        if !stated(&want, got) {
            unstated.push(format!(
                "{rel}: {} done action(s), {} rule(s) linking the case: {done:?}",
                done.len(),
                got.len()
            ));
        }
    }
    assert!(
        unstated.is_empty(),
        "done postmortem actions that no chapter's \"Rules we've adopted\" states:\n{}",
        unstated.join("\n")
    );
}

#[test]
fn every_dropped_action_says_why() {
    for (path, v) in records() {
        for a in v["postmortem"]["actions"].as_array().into_iter().flatten() {
            if a["status"] == "dropped" {
                let text = a["action"].as_str().unwrap_or("");
                assert!(
                    text.contains("Dropped"),
                    "{path}: a dropped action gives no reason (\"Dropped …: why\"): {text}"
                );
            }
        }
    }
}

#[test]
fn the_repaired_fit_case_is_linked_from_other_cases() {
    // Issue 18: the bad-fit repair has a case of its own, and the cases that
    // ended badly point to it.
    let linking = records()
        .iter()
        .filter(|(path, _)| !path.ends_with("repair-conversation-fintech.yaml"))
        .filter(|(_, v)| {
            v.to_string()
                .contains("@/cases/repair-conversation-fintech.yaml")
        })
        .count();
    assert!(linking >= 2, "{linking} case(s) link the repaired-fit case");
}
