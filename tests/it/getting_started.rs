//! Getting started as a Hugo or Zola user would (issue 16): the README
//! installs the binary before using it, and `exitbook new case` writes a
//! record that prompts for what writers forget, from a template the
//! handbook can replace.

use crate::common::{Handbook, run_in};

#[test]
fn the_readme_installs_the_binary_before_it_uses_it_as_a_command() {
    let readme = include_str!("../../README.md");
    // The commands of the README's code blocks, in order (prose may name
    // `exitbook` sooner).
    let mut in_code = false;
    let commands: Vec<&str> = readme
        .lines()
        .filter(|l| {
            if l.starts_with("```") {
                in_code = !in_code;
                return false;
            }
            in_code
        })
        .collect();
    let install = commands
        .iter()
        .position(|l| l.starts_with("cargo install --path ."));
    let first_use = commands.iter().position(|l| l.starts_with("exitbook "));
    assert!(install.is_some() && first_use.is_some(), "{commands:?}");
    assert!(
        install < first_use,
        "install before the first `exitbook` command"
    );
    for kept in ["cargo run --release -- build", "cargo test"] {
        assert!(readme.contains(kept), "the README keeps `{kept}`");
    }
}

#[test]
fn a_new_case_prompts_for_sensitive_names_and_chapters() {
    let h = Handbook::basic().with(
        "content/chapters/exit-conversation.md",
        "---\ntitle: The exit conversation\n---\n\nText.\n",
    );
    run_in(
        &h.path("content"),
        &["new", "case", "Lost the \"big\" tender"],
    )
    .ok();
    let record = h.read("content/cases/lost-the-big-tender.yaml");
    assert!(
        record.contains("title: \"Lost the 'big' tender\""),
        "{record}"
    );
    assert!(record.contains("\nsensitive: []"), "{record}");
    assert!(
        record.contains("third party"),
        "it says what `sensitive` is for"
    );
    assert!(record.contains("\nchapters: []"), "{record}");
    assert!(
        record.contains("This handbook's chapters: exit-conversation, postmortems"),
        "the chapters to choose from: {record}"
    );
    assert!(!record.contains("{{"), "every placeholder filled: {record}");
    // A draft that builds as it is.
    h.run(&["build", "--drafts"]).ok();
}

#[test]
fn a_handbook_can_replace_the_template_of_a_new_case() {
    let h = Handbook::basic().with(
        "templates/new/case.yaml",
        "# Our own record template.\ntitle: \"{{title}}\"\ndraft: true\nclient:\n  name: TODO\nexit:\n  date: {{today}}\n  initiated_by: client\n  reason: other\noutcome: exited\nchapters: []   # one of: {{chapters}}\n",
    );
    h.run(&["new", "case", "Quiet goodbye"]).ok();
    let record = h.read("content/cases/quiet-goodbye.yaml");
    assert!(
        record.starts_with("# Our own record template.\ntitle: \"Quiet goodbye\""),
        "{record}"
    );
    assert!(record.contains("# one of: postmortems"), "{record}");
    // The template folder is not a template of the theme.
    h.build().ok();
    let h = h.with(
        "templates/new/chapter.md",
        "---\ntitle: \"{{title}}\"\norder: {{order}}\ndraft: true\n---\n\nOurs.\n",
    );
    h.run(&["new", "chapter", "Handover"]).ok();
    let chapter = h.read("content/chapters/handover.md");
    assert!(
        chapter.starts_with("---\ntitle: \"Handover\"\norder: 2\n") && chapter.ends_with("Ours.\n"),
        "{chapter}"
    );
}
