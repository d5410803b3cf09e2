//! Every bad input of issue 2: a clear error with file, line and column and
//! the fix; all errors of a run together; exit status 1; no panic; and the
//! previous site untouched.

use crate::common::{CHAPTER, Handbook, RECORD};

/// Build a good site, break it with `path` = `text`, rebuild, and check the
/// failure: status 1, no panic, the old site byte-identical.
fn breaks(path: &str, text: &[u8]) -> crate::common::Run {
    let h = Handbook::basic();
    h.build().ok();
    let before = h.snapshot("public");
    assert!(!before.is_empty());
    h.write_bytes(path, text);
    let r = h.build();
    r.fails().no_panic().says("the previous site is unchanged");
    assert_eq!(
        h.snapshot("public"),
        before,
        "a failed build must leave the old site byte-identical"
    );
    let names: Vec<_> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("staging")),
        "no staging folder left: {names:?}"
    );
    r
}

#[test]
fn malformed_yaml() {
    let r = breaks(
        "content/cases/broken.yaml",
        b"client:\n  name: Harbor Freight\n  industry: [unclosed\nexit:\n",
    );
    r.says("content/cases/broken.yaml:")
        .says("not valid YAML")
        .says("help:")
        .never_says("Harbor");
}

#[test]
fn wrong_type() {
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace(
                "region: Pacific Northwest",
                "region: Pacific Northwest\n  size: 200",
            )
            .as_bytes(),
    );
    r.says("content/cases/late-proofs.yaml:6:9")
        .says("`client.size` should be text")
        .says("quotes");
}

#[test]
fn unknown_key_with_did_you_mean() {
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("outcome: exited", "outcome: exited\nchapter: [x]")
            .as_bytes(),
    );
    r.says("late-proofs.yaml:17:1")
        .says("unknown field `chapter`")
        .says("did you mean `chapters`?");
}

#[test]
fn a_language_in_a_chapters_front_matter_says_how_translations_name_theirs() {
    // A chapter is no record, and its language is no field of it.
    let r = breaks(
        "content/chapters/exit.md",
        b"---\ntitle: The exit\nlanguage: pl\n---\n\nText.\n",
    );
    r.says("content/chapters/exit.md:3:1")
        .says("unknown field `language` in a chapter's front matter")
        .says("`exit.pl.md`")
        .never_says("in a record");
}

#[test]
fn invalid_enum_value_lists_the_allowed_ones() {
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("reason: complaint", "reason: complants")
            .as_bytes(),
    );
    r.says("late-proofs.yaml:15:11")
        .says("did you mean `complaint`?")
        .says("complaint, bad-fit, budget, needs-changed, leadership-change, price, competitor, other");
}

#[test]
fn invalid_date() {
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("date: 2025-03-31", "date: 2025-02-30")
            .as_bytes(),
    );
    r.says("late-proofs.yaml:13:9")
        .says("2025-02 has no day 30")
        .says("YYYY-MM-DD");
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("date: 2025-03-31", "date: 31/03/2025")
            .as_bytes(),
    );
    r.says("is not a valid date");
}

#[test]
fn missing_required_field() {
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD.replace("  initiated_by: client\n", "").as_bytes(),
    );
    r.says("late-proofs.yaml:12:1")
        .says("missing required field `exit.initiated_by`")
        .says("client | us | mutual");
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let h = Handbook::basic();
    h.write(
        "content/cases/a.yaml",
        &RECORD
            .replace("reason: complaint", "reason: nope")
            .replace("outcome: exited", "outcome: gone"),
    );
    h.write("content/cases/b.yaml", "client:\n  name: X\n");
    h.write(
        "content/chapters/c.md",
        "---\ntitle: C\n---\nSee [x](@/chapters/missing.md).\n",
    );
    let r = h.build();
    r.fails().no_panic();
    r.says("a.yaml:15:11")
        .says("a.yaml:16:10")
        .says("b.yaml:1:1")
        .says("c.md:4:5");
    r.says("5 problems found");
}

#[test]
fn duplicate_slugs() {
    let r = breaks("content/chapters/sub/postmortems.md", CHAPTER.as_bytes());
    r.says("two chapters have the slug `postmortems`")
        .says("must be unique across subfolders");
    // A file named in the site's own language is no translation: the help
    // says so, and how to name the other file.
    let r = Handbook::new()
        .with("site.toml", "title = \"T\"\nlanguage = \"pl\"\n")
        .with("content/chapters/postmortems.md", CHAPTER)
        .with("content/chapters/postmortems.pl.md", CHAPTER)
        .build();
    r.fails()
        .says("two chapters have the slug `postmortems`")
        .says("`content/chapters/postmortems.pl.md` names the site's own language (`language = \"pl\"` in site.toml)")
        .says("(`postmortems.en.md` for English)");
    let r = breaks("content/cases/archive/late-proofs.yaml", RECORD.as_bytes());
    r.says("two cases would publish at `cases/late-proofs/`");
    let r = breaks(
        "content/cases/other.yml",
        RECORD
            .replace("outcome: exited", "outcome: exited\nslug: late-proofs")
            .as_bytes(),
    );
    r.says("other.yml:").says("cases/late-proofs/");
}

#[test]
fn link_to_nothing() {
    let r = breaks(
        "content/chapters/postmortems.md",
        format!("{CHAPTER}\nSee [the talk](@/chapters/exit-conversaton.md) and [x](@/cases/late-proofs.yaml).\n").as_bytes(),
    );
    r.says("postmortems.md:15:5")
        .says("`@/chapters/exit-conversaton.md` points to no page");
    let r = breaks(
        "content/chapters/postmortems.md",
        format!("{CHAPTER}\nSee [x](@/chapters/postmortems.md#checklst).\n").as_bytes(),
    );
    r.says("has no heading `#checklst`")
        .says("did you mean `#checklist`?");
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("chapters: [postmortems]", "chapters: [postmortem]")
            .as_bytes(),
    );
    r.says("late-proofs.yaml:17:12")
        .says("no chapter has the slug `postmortem`")
        .says("did you mean `postmortems`?");
}

#[test]
fn template_error() {
    let r = breaks("templates/case.html", b"{% extends \"base.html\" %}\n{% block main %}\n{{ case.title | nosuchfilter }}\n{% endblock main %}\n");
    r.says("templates/case.html:3:").says("template error");
    let r = breaks("templates/index.html", b"{% if %}\n");
    r.says("templates/index.html:1:").says("template error");
}

#[test]
fn invalid_utf8() {
    let r = breaks(
        "content/chapters/postmortems.md",
        b"---\ntitle: A\n---\nCaf\xe9\n",
    );
    r.says("postmortems.md:4:4")
        .says("not valid UTF-8")
        .says("save the file as UTF-8");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let h = Handbook::basic();
    let crlf = format!("\u{feff}{}", RECORD.replace('\n', "\r\n"));
    h.write("content/cases/late-proofs.yaml", &crlf);
    h.write(
        "content/chapters/postmortems.md",
        &format!("\u{feff}{}", CHAPTER.replace('\n', "\r\n")),
    );
    h.write("site.toml", "\u{feff}title = \"T\"\r\n");
    h.build().ok();
    assert!(
        h.read("public/chapters/postmortems/index.html")
            .contains("id=\"checklist\"")
    );
    // And positions still count lines right with CRLF.
    h.write(
        "content/cases/late-proofs.yaml",
        &crlf.replace("reason: complaint", "reason: oops"),
    );
    h.build().fails().says("late-proofs.yaml:15:11");
}

#[test]
fn empty_files() {
    breaks("content/cases/empty.yaml", b"")
        .says("empty.yaml")
        .says("the record is empty")
        .says("exitbook new case");
    breaks("content/chapters/empty.md", b"  \n")
        .says("empty.md")
        .says("the chapter file is empty");
    breaks("site.toml", b"").says("site.toml").says("title");
}

#[test]
fn front_matter_without_closing_marker() {
    let r = breaks(
        "content/chapters/postmortems.md",
        b"---\ntitle: The postmortem\n\n## Why\n",
    );
    r.says("postmortems.md:1:1")
        .says("never closed")
        .says("`---`");
    breaks("content/chapters/postmortems.md", b"# No front matter\n").says("has no front matter");
}

#[test]
fn chapter_front_matter_problems() {
    let r = breaks(
        "content/chapters/postmortems.md",
        b"---\ntitle: T\ndraf: true\norder: first\n---\nx\n",
    );
    r.says("postmortems.md:3:1")
        .says("did you mean `draft`")
        .says("postmortems.md:4:8")
        .says("whole number");
}

#[test]
fn bad_site_toml() {
    breaks("site.toml", b"title = \"T\"\npretty_url = true\n")
        .says("site.toml:2:1")
        .says("did you mean `pretty_urls`?");
    breaks(
        "site.toml",
        b"title = \"T\"\n[anonymize]\ndates = \"week\"\n",
    )
    .says("site.toml:3:");
    breaks("site.toml", b"title = \n").says("site.toml:1:");
}

#[test]
fn a_broken_sensitive_list_is_never_shown() {
    // The line most likely to hold a typo is the one that holds the
    // secrets: unclosed, a string for a list, a misspelt key.
    for toml in [
        "title = \"T\"\n[anonymize]\nsensitive = [\"Pier Nine Warehouse\", \"Bluefin Rollout\"\n",
        "title = \"T\"\n[anonymize]\nsensitive = \"Pier Nine Warehouse\"\n",
        "title = \"T\"\n[anonymize]\nsensitiv = [\"Pier Nine Warehouse\"]\n",
    ] {
        breaks("site.toml", toml.as_bytes())
            .says("site.toml:3:")
            .never_says("Pier Nine")
            .never_says("Bluefin");
        let h = Handbook::basic();
        h.write("site.toml", toml);
        let json = h.run(&["build", "--format", "json"]);
        json.fails().never_says("Pier Nine").never_says("Bluefin");
    }
}

#[test]
fn a_secret_pasted_into_a_plain_field_is_never_quoted() {
    // A client's name where the reason goes, or in a date, is not quoted
    // and its line not shown; a typo of an allowed value is, with its fix.
    for (from, to) in [
        ("reason: complaint", "reason: harborfreight"),
        ("date: 2025-03-31", "date: Dana Whitfield"),
    ] {
        breaks(
            "content/cases/late-proofs.yaml",
            RECORD.replace(from, to).as_bytes(),
        )
        .says("content/cases/late-proofs.yaml:")
        .never_says("harborfreight")
        .never_says("Whitfield");
    }
    breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace("reason: complaint", "reason: complants")
            .as_bytes(),
    )
    .says("`complants`")
    .says("did you mean `complaint`?");
}

#[test]
fn no_site_toml_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    crate::common::run_in(tmp.path(), &["build"])
        .fails()
        .says("no site.toml")
        .says("exitbook init");
}

#[test]
fn a_sensitive_value_never_appears_in_a_diagnostic() {
    // The wrong type is in a sensitive field: the message and the snippet
    // must not show it.
    let r = breaks(
        "content/cases/late-proofs.yaml",
        RECORD
            .replace(
                "phone: \"+1 503 555 0142\"",
                "phone: 5035550142\n    fax: Dana Whitfield",
            )
            .as_bytes(),
    );
    r.says("contacts[0].phone").says("unknown field `fax`");
    r.never_says("5035550142").never_says("Whitfield");
    // A record that is not even YAML, with a name on the broken line.
    let r = breaks(
        "content/cases/late-proofs.yaml",
        b"client:\n  name: \"Harbor Freight\n  x: [\n",
    );
    r.never_says("Harbor");
}

#[test]
fn the_leak_check_catches_what_a_broken_anonymizer_lets_through() {
    // A test hook (debug builds only) makes the scrubber skip one field's
    // replacements; the leak check must stop the build on its own, name the
    // record and the field, never the value, and leave the old site as it was.
    let h = Handbook::basic().with(
        "content/chapters/postmortems.md",
        &format!("{CHAPTER}\nWhen **Dana** called, we listened.\n"),
    );
    h.build().ok();
    let before = h.snapshot("public");
    assert!(!String::from_utf8_lossy(&before["chapters/postmortems/index.html"]).contains("Dana"));
    h.write(
        "content/chapters/postmortems.md",
        &format!("{CHAPTER}\nWhen **Dana** called again, we listened.\n"),
    );
    let out = crate::common::exitbook()
        .arg("build")
        .current_dir(h.dir.path())
        .env("EXITBOOK_TEST_SKIP_REPLACEMENT", "contacts[0].name")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the output file `chapters/postmortems/index.html` would publish `contacts[0].name` of content/cases/late-proofs.yaml"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Dana") && !stderr.contains("Whitfield"),
        "the value is never shown"
    );
    assert_eq!(
        h.snapshot("public"),
        before,
        "the previous site stays in place"
    );
    // Without the hook the same handbook builds.
    h.build().ok();
}

#[test]
fn a_link_to_a_file_with_errors_is_not_a_second_error() {
    let h = Handbook::basic()
        .with(
            "content/chapters/postmortems.md",
            &format!("{CHAPTER}\nSee [the case](@/cases/late-proofs.yaml).\n"),
        )
        .with(
            "site.toml",
            "title = \"T\"\n[[onboarding]]\npage = \"@/cases/late-proofs.yaml\"\n",
        );
    h.build().ok();
    h.write(
        "content/cases/late-proofs.yaml",
        &RECORD.replace("reason: complaint", "reason: nope"),
    );
    let r = h.build();
    r.fails()
        .says("late-proofs.yaml:15:11")
        .says("1 problem found");
    assert!(!r.stderr.contains("points to no page"), "{}", r.stderr);
}

#[test]
fn a_record_set_aside_under_another_name_is_said_to_be_unprotected() {
    // From a red-team's build: a record renamed out of the way
    // (`.late.yaml`, `late.yaml~`, `late.yaml.bak`, `late.json`), filed
    // under `content/chapters/` or in a misspelt folder was silently no
    // record, and a chapter naming its client published the name.
    for (i, path) in [
        "content/cases/.late.yaml",
        "content/cases/late.yaml~",
        "content/cases/late.yaml.bak",
        "content/cases/late.json",
        "content/chapters/late.yaml",
        "content/case/late.yaml",
    ]
    .iter()
    .enumerate()
    {
        let h = Handbook::new()
            .with("site.toml", "title = \"T\"\n")
            .with(
                "content/chapters/notes.md",
                "---\ntitle: Notes\n---\n\nText.\n",
            )
            .with(path, "client:\n  name: Harbor Freight Logistics\n");
        for command in ["build", "check"] {
            let r = h.run(&[command]);
            r.ok().says(path);
            assert!(
                r.stderr.contains("not protected"),
                "{command} says why it matters ({i})"
            );
        }
    }
    // An editor's swap file is there only while the record is open.
    let h = Handbook::new()
        .with("site.toml", "title = \"T\"\n")
        .with("content/cases/.late.yaml.swp", "x");
    h.run(&["build"]).ok().never_says("not protected");
}
