//! The commands of `spec/cli.md`, driven through the real binary.

use crate::common::{Handbook, broken_links, run_in};

#[test]
fn init_then_build_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    run_in(tmp.path(), &["init", "hb"])
        .ok()
        .says("created a handbook");
    let hb = tmp.path().join("hb");
    for f in [
        "site.toml",
        ".gitignore",
        "content/chapters/exit-conversation.md",
        "content/chapters/unhappy-customer-negotiation.md",
        "content/chapters/bad-fit-breakups.md",
        "content/chapters/leave-the-door-open.md",
        "content/chapters/postmortems.md",
    ] {
        assert!(hb.join(f).is_file(), "init should write {f}");
    }
    let gitignore = std::fs::read_to_string(hb.join(".gitignore")).unwrap();
    assert!(gitignore.contains("public/") && gitignore.contains(".exitbook/"));
    let cases = std::fs::read_dir(hb.join("content/cases")).unwrap().count();
    assert_eq!(cases, 1, "init writes one example case");

    let build = run_in(tmp.path(), &["build", "hb"]);
    build.ok().says("built");
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    assert!(hb.join("public/index.html").is_file());
    assert!(
        hb.join("public/chapters/exit-conversation/index.html")
            .is_file()
    );
    assert!(hb.join("public/start/index.html").is_file());
    assert_eq!(broken_links(&hb.join("public")), Vec::<String>::new());
    run_in(&hb, &["check"]).ok().says("no errors");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    run_in(tmp.path(), &["init"])
        .fails()
        .says("not empty")
        .says("--force");
    assert!(!tmp.path().join("site.toml").exists());
    run_in(tmp.path(), &["init", "--force"]).ok();
    assert!(tmp.path().join("site.toml").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn build_output_flag_is_relative_to_the_current_folder() {
    let h = Handbook::basic();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    h.run(&["build", ".", "-o", target.to_str().unwrap()]).ok();
    assert!(target.join("index.html").is_file());
    assert!(!h.exists("public"), "nothing is written anywhere else");
    // A relative OUT, from another folder.
    run_in(
        out.path(),
        &["build", h.dir.path().to_str().unwrap(), "-o", "rel"],
    )
    .ok();
    assert!(
        out.path()
            .join("rel/cases/late-proofs/index.html")
            .is_file()
    );
}

#[test]
fn check_writes_nothing() {
    let h = Handbook::basic();
    h.run(&["check"]).ok();
    assert!(!h.exists("public"));
    let names: Vec<_> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.iter().all(|n| n == "site.toml" || n == "content"),
        "{names:?}"
    );
}

#[test]
fn version_help_and_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let v = run_in(tmp.path(), &["--version"]);
    assert_eq!(v.status, 0);
    assert!(v.stdout.starts_with("exitbook "), "{}", v.stdout);
    for cmd in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "-h"],
        &["new", "case", "--help"],
    ] {
        let r = run_in(tmp.path(), cmd);
        assert_eq!(r.status, 0, "{cmd:?}");
        assert!(r.stdout.contains("Usage"), "{cmd:?}: {}", r.stdout);
    }
    assert_eq!(run_in(tmp.path(), &["biuld"]).status, 2);
    assert_eq!(run_in(tmp.path(), &["build", "--no-such-flag"]).status, 2);
}

#[test]
fn schema_is_json_schema_of_the_record() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run_in(tmp.path(), &["schema"]);
    r.ok();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert!(
        v["$schema"]
            .as_str()
            .unwrap_or("")
            .contains("json-schema.org")
    );
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(required, ["client", "exit", "outcome"]);
    for field in [
        "client",
        "contacts",
        "owner",
        "engagement",
        "exit",
        "conversation",
        "negotiation",
        "red_flags",
        "postmortem",
        "farewell",
        "outcome",
        "chapters",
        "tags",
        "sensitive",
        "slug",
        "notes",
        "title",
        "draft",
    ] {
        assert!(v["properties"].get(field).is_some(), "schema lacks {field}");
    }
    assert_eq!(v["additionalProperties"], false, "unknown keys are errors");
    let reasons = v["$defs"]["Reason"]["enum"].as_array().unwrap().len();
    assert_eq!(reasons, 8);
}

#[test]
fn new_case_and_chapter_are_drafts_that_build() {
    let h = Handbook::basic();
    let sub = h.path("content/cases");
    run_in(&sub, &["new", "case", "Missed proofs 2025"])
        .ok()
        .says("draft");
    assert!(h.exists("content/cases/missed-proofs-2025.yaml"));
    h.run(&["new", "chapter", "Handing over an account"]).ok();
    let ch = h.read("content/chapters/handing-over-an-account.md");
    assert!(ch.contains("title: \"Handing over an account\""));
    assert!(ch.contains("order: 2"), "ordered after the others: {ch}");
    // Drafts are skipped, and with --drafts they build.
    h.build().ok();
    assert!(!h.exists("public/cases/missed-proofs-2025/index.html"));
    assert!(!h.exists("public/chapters/handing-over-an-account/index.html"));
    h.run(&["build", "--drafts"]).ok();
    assert!(h.exists("public/cases/missed-proofs-2025/index.html"));
    assert!(h.exists("public/chapters/handing-over-an-account/index.html"));
    // Never overwrites.
    h.run(&["new", "case", "missed proofs 2025"])
        .fails()
        .says("already exists");
    // Outside a handbook: a folder with no site.toml above it (a stray
    // /tmp/site.toml on a shared machine must not make this test lie).
    let base = [std::env::temp_dir(), std::path::PathBuf::from("/dev/shm")]
        .into_iter()
        .find(|b| b.is_dir() && !b.ancestors().any(|a| a.join("site.toml").is_file()))
        .expect("a temporary folder with no site.toml above it");
    let tmp = tempfile::tempdir_in(base).unwrap();
    run_in(tmp.path(), &["new", "case", "x"])
        .fails()
        .says("no site.toml");
}

#[test]
fn json_diagnostics_for_ci() {
    let h = Handbook::basic().with("content/cases/bad.yaml", "client: {}\n");
    let r = h.run(&["check", "--format", "json"]);
    r.fails();
    let all: Vec<serde_json::Value> = r
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let lines: Vec<&serde_json::Value> = all.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(lines.len(), 3, "{}", r.stderr);
    for d in &lines {
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], "content/cases/bad.yaml");
        assert!(d["line"].as_u64().unwrap() >= 1);
        assert!(d["message"].is_string());
    }
}

#[test]
fn check_show_prints_a_case_as_published() {
    // One case, no group to hide in: k-anonymity off (see quasi.rs).
    let h = Handbook::basic().with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 1\n");
    let r = h.run(&["check", "--show", "late-proofs"]);
    r.ok()
        .never_says("Harbor")
        .never_says("Dana")
        .never_says("Priya");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["slug"], "late-proofs");
    assert_eq!(v["exit_date"]["text"], "March 2025");
    h.run(&["check", "--show", "nope"])
        .fails()
        .says("no case `nope`");
    // A link by file path shows where it leads, not the file's name.
    let h = Handbook::basic()
        .with("site.toml", "title = \"T\"\n[anonymize]\nmin_group = 1\n")
        .with(
            "content/cases/harbor-freight.yaml",
            &crate::common::RECORD
                .replace("Late proofs", "Other proofs")
                .replace("reason: complaint", "reason: budget\n  summary: See [the other](@/cases/late-proofs.yaml) and [this](@/cases/harbor-freight-2.yaml)."),
        );
    let r = h.run(&["check", "--show", "late-proofs"]);
    r.ok();
    let shown = h.run(&["check", "--show", "harbor-freight"]);
    shown.never_says("harbor-freight").never_says("Harbor");
    assert!(
        shown.stdout.contains("(cases/late-proofs/)"),
        "{}",
        shown.stdout.len()
    );
}
