//! Hostile input (issue 19), tried on the real binary: pasted HTML, errors
//! that could quote a secret, paths that lead out of the site, concurrent
//! and interrupted builds, inputs that cost unbounded work, and every bad
//! input of the earlier issues. `TESTING.md` lists each probe with its
//! outcome.
//!
//! Every probe starts from a handbook that built (its site is the
//! "previous site"), adds its hostile input, runs `build` (human and
//! `--format json`) and `check`, and asserts:
//! - the exit status;
//! - the message names the file (and line, where there is one);
//! - no form of a secret of the handbook in stdout, stderr or the JSON;
//! - no panic;
//! - the handbook and a decoy folder beside it are byte-identical before
//!   and after (nothing outside the output is touched), and, when the build
//!   fails, the previous site too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{CHAPTER, Handbook, Run, run_in, snapshot};

/// Forms of the basic handbook's secrets (and of the probes' own records):
/// none may appear in anything exitbook prints.
const SECRETS: &[&str] = &[
    "dana",
    "whitfield",
    "harbor freight",
    "harborfreight",
    "priya",
    "natarajan",
    "555 0142",
    "5550142",
    "quillfeather",
    "pier 9",
];

/// A second record, valid, whose values the probes make wrong.
const OTHER: &str = "\
title: A quiet exit
client:
  name: Bellmoor Dental
exit:
  date: 2025-01-15
  initiated_by: client
  reason: budget
outcome: exited
";

/// A record whose secrets are its own (when it fails, they are in no set).
const OWN: &str = "\
client:
  name: Quillfeather Stationers
sensitive: [\"Pier 9 warehouse\"]
exit:
  date: 2025-01-15
  initiated_by: client
  reason: budget
outcome: exited
";

/// What a probe does to the handbook and to the decoy folder beside it.
type Setup = Box<dyn Fn(&Handbook, &Path)>;

/// What a probe does to the handbook (and the decoy folder beside it),
/// which extra arguments `build` gets, and what must come out.
struct Probe {
    name: &'static str,
    setup: Setup,
    /// Arguments after `build` (`{decoy}` is replaced by the decoy's path).
    args: Vec<&'static str>,
    status: i32,
    /// What stderr must hold (the file, with its line where there is one).
    says: Vec<&'static str>,
    /// Whether `check` must fail the same way (path probes are build-only).
    check: bool,
}

fn probe(name: &'static str, setup: impl Fn(&Handbook, &Path) + 'static) -> Probe {
    Probe {
        name,
        setup: Box::new(setup),
        args: Vec::new(),
        status: 1,
        says: Vec::new(),
        check: true,
    }
}

impl Probe {
    fn args(mut self, a: &[&'static str]) -> Self {
        self.args = a.to_vec();
        self.check = false;
        self
    }
    fn status(mut self, s: i32) -> Self {
        self.status = s;
        self
    }
    fn says(mut self, s: &'static str) -> Self {
        self.says.push(s);
        self
    }
}

/// Every file of a folder with its bytes, but the output folder and the
/// lock and staging folders beside it (which builds may write).
fn hashes(root: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| {
            !p.starts_with("public/")
                && !p.starts_with(".public.")
                && !p.starts_with("out/")
                && !p.starts_with(".out.")
        })
        .collect()
}

fn no_secret(what: &str, text: &str) {
    // Joined forms too: `dana-whitfield`, `pier_9_warehouse`.
    let lower = text.to_lowercase().replace(['-', '_', '.', '/', '#'], " ");
    for s in SECRETS {
        assert!(
            !lower.contains(s),
            "{what}: a secret form leaked into the output (not shown here)"
        );
    }
}

fn run(h: &Handbook, args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_in(h.dir.path(), &args)
}

/// Diagnostics printed as JSON lines, as `path:line:column message help`
/// lines (every line must be JSON).
fn json_as_text(what: &str, stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.lines() {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{what}: not a JSON line ({e}): {line}"));
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let n = |k: &str| v.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
        out.push_str(&format!(
            "{}:{}:{} {} {}\n",
            s("file"),
            n("line"),
            n("column"),
            s("message"),
            s("help")
        ));
    }
    out
}

/// Run every probe; each on a fresh handbook and decoy.
fn try_all(probes: Vec<Probe>) {
    for p in probes {
        let h = Handbook::basic().with("content/cases/other.yaml", OTHER);
        let decoy = tempfile::tempdir().expect("a decoy folder");
        std::fs::write(decoy.path().join("precious.txt"), "keep me\n").unwrap();
        std::fs::create_dir_all(decoy.path().join("themes/x/templates")).unwrap();
        h.build().ok();
        let site = h.snapshot("public");
        (p.setup)(&h, decoy.path());
        let before = (hashes(h.dir.path()), snapshot(decoy.path()));
        let decoy_path = decoy.path().to_string_lossy().into_owned();
        let extra: Vec<String> = p
            .args
            .iter()
            .map(|a| a.replace("{decoy}", &decoy_path))
            .collect();
        let mut runs = vec![
            ("build", [vec!["build".to_string()], extra.clone()].concat()),
            (
                "build --format json",
                [
                    vec!["--format".to_string(), "json".into(), "build".into()],
                    extra.clone(),
                ]
                .concat(),
            ),
        ];
        if p.check {
            runs.push(("check", vec!["check".to_string()]));
        }
        for (label, args) in &runs {
            let r = run(&h, args);
            let what = format!("{}: {label}", p.name);
            assert_eq!(
                r.status, p.status,
                "{what}: exit status; stderr:\n{}",
                r.stderr
            );
            assert!(
                !r.stderr.contains("panicked"),
                "{what}: panic:\n{}",
                r.stderr
            );
            // JSON lines say the place as fields: read them back as text.
            let told = if label.contains("json") {
                json_as_text(&what, &r.stderr)
            } else {
                r.stderr.clone()
            };
            for s in &p.says {
                let s = s.replace("{decoy}", &decoy_path);
                assert!(
                    told.contains(&s),
                    "{what}: stderr should name {s:?}:\n{}",
                    r.stderr
                );
            }
            no_secret(&what, &r.stderr);
            no_secret(&what, &r.stdout);
            if p.status != 0 {
                assert!(
                    h.snapshot("public") == site,
                    "{what}: the previous site changed"
                );
            }
            let after = (hashes(h.dir.path()), snapshot(decoy.path()));
            assert!(after == before, "{what}: a file outside the output changed");
        }
    }
}

/// A handbook whose chapter body is `md`: the build passes with a warning
/// naming the chapter's line, and no page holds a live form of it.
fn sanitised(name: &'static str, md: &'static str, says: &'static str) -> Probe {
    let mut p = probe(name, move |h, _| {
        h.write(
            "content/chapters/hostile.md",
            &format!("---\ntitle: Pasted\n---\n\nIntro.\n\n{md}\n"),
        );
    });
    p.status = 0;
    p.says = vec!["content/chapters/hostile.md:7:", says];
    p
}

/// What no page may hold once a hostile text is rendered.
const LIVE: &[&str] = &[
    "<script>alert",
    "onerror=",
    "onload=",
    "onfocus=",
    "onclick=",
    "ontoggle=",
    "onmouseover=",
    "href=\"javascript",
    "src=\"javascript",
    "href=\"vbscript",
    "href=\"data:text",
    "<iframe",
    "<object",
    "<embed",
    "evil.example",
    "<style>body",
    "<base ",
    "http-equiv=\"refresh\"",
    "<svg onload",
    "<math>",
    "xlink:href",
];

fn assert_no_live_markup(h: &Handbook) {
    for (path, bytes) in h.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes).to_lowercase();
        for bad in LIVE {
            assert!(!html.contains(bad), "{path} holds {bad:?}");
        }
    }
}

#[test]
fn pasted_html_cannot_run() {
    let probes = vec![
        sanitised(
            "script element",
            "<script>alert(1)</script>",
            "the `<script>` element",
        ),
        sanitised("img onerror", "<img src=x onerror=alert(1)>", "`onerror`"),
        sanitised(
            "iframe",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "`<iframe>`",
        ),
        sanitised(
            "form",
            "<form action=\"https://evil.example/\"><input name=q></form>",
            "`<form>`",
        ),
        sanitised(
            "javascript: href",
            "<a href=\"javascript:alert(1)\">x</a>",
            "`javascript:` URL",
        ),
        sanitised(
            "javascript: Markdown link",
            "[x](javascript:alert(1))",
            "`javascript:` URL in a link",
        ),
        sanitised(
            "javascript: autolink",
            "<JAVASCRIPT:alert(1)>",
            "`javascript:` URL",
        ),
        sanitised(
            "entity-hidden scheme",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "`javascript:` URL",
        ),
        sanitised(
            "object",
            "<object data=\"https://evil.example/x.swf\"></object>",
            "`<object>`",
        ),
        sanitised(
            "embed",
            "<embed src=\"https://evil.example/x.swf\">",
            "`<embed>`",
        ),
        sanitised(
            "style element",
            "<style>body{display:none}</style>",
            "`<style>`",
        ),
        sanitised(
            "svg onload",
            "<svg onload=alert(1)><circle r=1></svg>",
            "`<svg>`",
        ),
        sanitised(
            "data: HTML link",
            "<a href=\"data:text/html,x\">x</a>",
            "`data:` URL",
        ),
        sanitised(
            "vbscript: link",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "`vbscript:` URL",
        ),
        sanitised(
            "details ontoggle",
            "<details open ontoggle=alert(1)><summary>s</summary></details>",
            "`ontoggle`",
        ),
        sanitised(
            "math xlink",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "`<math>`",
        ),
        sanitised(
            "meta refresh",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            "`<meta>`",
        ),
        sanitised(
            "base href",
            "<base href=\"https://evil.example/\">",
            "`<base>`",
        ),
        sanitised(
            "style attribute",
            "<div style=\"background:url(https://evil.example/)\">x</div>",
            "`style`",
        ),
        sanitised(
            "heading attribute",
            "## Heading {onclick=alert(1)}",
            "`onclick`",
        ),
        sanitised(
            "Markdown image vbscript",
            "![i](vbscript:alert(1))",
            "`vbscript:` URL in an image",
        ),
        sanitised(
            "reference link",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "`javascript:` URL in a link",
        ),
    ];
    let n = probes.len();
    try_all(probes);
    assert!(n >= 20);
}

#[test]
fn markdown_fields_of_records_are_sanitised_with_file_and_line() {
    let with = |field: &'static str| {
        move |h: &Handbook, _: &Path| {
            h.write("content/cases/other.yaml", &format!("{OTHER}{field}"));
        }
    };
    let mut a = probe("record summary", |h, _| {
        h.write(
            "content/cases/other.yaml",
            &OTHER.replace(
                "  reason: budget\n",
                "  reason: budget\n  summary: |\n    They left.\n    <img src=x onerror=alert(1)>\n",
            ),
        );
    });
    a.status = 0;
    a.says = vec!["content/cases/other.yaml:10:", "`onerror`"];
    let mut b = probe(
        "record red flag link",
        with("red_flags:\n  - note: \"[x](javascript:alert(1))\"\n"),
    );
    b.status = 0;
    b.says = vec!["content/cases/other.yaml:10:", "`javascript:` URL"];
    let mut c = probe(
        "record lesson script",
        with("postmortem:\n  lessons:\n    - \"<script>alert(1)</script> Listen.\"\n"),
    );
    c.status = 0;
    c.says = vec!["content/cases/other.yaml:11:", "`<script>`"];
    let mut d = probe(
        "record action iframe",
        with(
            "postmortem:\n  actions:\n    - action: \"<iframe src=https://evil.example/></iframe>\"\n",
        ),
    );
    d.status = 0;
    d.says = vec!["content/cases/other.yaml:11:", "`<iframe>`"];
    try_all(vec![a, b, c, d]);
    let h = Handbook::basic().with(
        "content/cases/other.yaml",
        &format!("{OTHER}red_flags:\n  - note: \"<img src=x onerror=alert(1)> [y](javascript:alert(2))\"\n"),
    );
    h.build().ok();
    assert_no_live_markup(&h);
}

#[test]
fn what_handbooks_paste_is_kept_without_a_warning() {
    let h = Handbook::basic().with(
        "content/chapters/pasted.md",
        "---\ntitle: Pasted\n---\n\n<table><tr><th>Plan</th><td>Pro</td></tr></table>\n\n<details><summary>More</summary>\n\nPress <kbd>Ctrl</kbd>.\n\n</details>\n\n<div class=\"callout warning\">Careful.</div>\n\n![dot](data:image/png;base64,iVBORw0KGgo=)\n",
    );
    let r = h.build();
    r.ok();
    assert!(!r.stderr.contains("removed"), "{}", r.stderr);
    let page = h.read("public/chapters/pasted/index.html");
    for kept in [
        "<table>",
        "<details>",
        "<summary>",
        "<kbd>",
        "class=\"callout warning\"",
        "src=\"data:image/png;base64,",
    ] {
        assert!(page.contains(kept), "{kept} was removed");
    }
    // Every page carries the policy; inline scripts only by hash.
    assert!(
        page.contains("http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' file:")
    );
}

#[test]
fn the_whole_sanitised_site_holds_no_live_markup() {
    let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n## H {#x\"onfocus=\"alert(1)}\n\n<iframe src=\"https://evil.example/\"></iframe>\n";
    let h = Handbook::basic().with(
        "content/chapters/hostile.md",
        &format!("---\ntitle: Pasted\n---\n\n{md}"),
    );
    h.build().ok();
    assert_no_live_markup(&h);
    let page = h.read("public/chapters/hostile/index.html");
    assert!(
        !page.contains("href=\"#x\""),
        "an id broke out of its anchor"
    );
}

/// A record made wrong: the message may not quote a secret.
fn wrong(name: &'static str, from: &'static str, to: &'static str, says: &'static str) -> Probe {
    probe(name, move |h, _| {
        assert!(OTHER.contains(from), "{from}");
        h.write("content/cases/other.yaml", &OTHER.replace(from, to));
    })
    .says(says)
}

#[test]
fn errors_never_tell_a_secret() {
    let probes = vec![
        wrong(
            "enum with a name",
            "reason: budget",
            "reason: Dana Whitfield left",
            "content/cases/other.yaml:7:11",
        ),
        wrong(
            "initiator with a name",
            "initiated_by: client",
            "initiated_by: Dana Whitfield",
            "content/cases/other.yaml:6:17",
        ),
        wrong(
            "outcome with a domain",
            "outcome: exited",
            "outcome: harborfreight.com",
            "content/cases/other.yaml:8:10",
        ),
        wrong(
            "date with a name",
            "date: 2025-01-15",
            "date: Whitfield 2025",
            "content/cases/other.yaml:5:9",
        ),
        wrong(
            "date with a phone",
            "date: 2025-01-15",
            "date: \"+1 503 555 0142\"",
            "content/cases/other.yaml:5:9",
        ),
        wrong(
            "slug with a name",
            "outcome: exited",
            "outcome: exited\nslug: Dana Whitfield",
            "content/cases/other.yaml:9:7",
        ),
        wrong(
            "chapter slug with a name",
            "outcome: exited",
            "outcome: exited\nchapters: [dana-whitfield]",
            "content/cases/other.yaml:9:",
        ),
        wrong(
            "link target with a name",
            "reason: budget",
            "reason: budget\n  summary: See [x](@/chapters/dana-whitfield.md).",
            "content/cases/other.yaml:8:",
        ),
        wrong(
            "unknown key named after a person",
            "outcome: exited",
            "outcome: exited\ndana_whitfield: 1",
            "content/cases/other.yaml:9:1",
        ),
        wrong(
            "YAML error on a line with a name",
            "reason: budget",
            "reason: budget\n  summary: Dana Whitfield: \"unclosed",
            "content/cases/other.yaml:8:",
        ),
        wrong(
            "currency with a name",
            "reason: budget",
            "reason: budget\nengagement:\n  value: { amount: 1, currency: Whitfield }",
            "content/cases/other.yaml:9:",
        ),
        wrong(
            "currency with an email",
            "reason: budget",
            "reason: budget\nengagement:\n  value: { amount: 1, currency: dana.whitfield@harborfreight.com }",
            "content/cases/other.yaml:9:",
        ),
        wrong(
            "contact phone as a number",
            "outcome: exited",
            "outcome: exited\ncontacts:\n  - name: Dana Whitfield\n    phone: 5035550142",
            "content/cases/other.yaml:11:12",
        ),
        wrong(
            "sensitive list under a typo",
            "outcome: exited",
            "outcome: exited\nsensitve: [\"Pier 9 warehouse\"]",
            "content/cases/other.yaml:9:1",
        ),
        probe(
            "own secret as an enum value (record fails, so its secrets are in no set)",
            |h, _| {
                h.write(
                    "content/cases/own.yaml",
                    &OWN.replace("reason: budget", "reason: Quillfeather Stationers"),
                );
            },
        )
        .says("content/cases/own.yaml:7:11"),
        probe("own secret as a YAML error", |h, _| {
            h.write(
                "content/cases/own.yaml",
                &OWN.replace(
                    "reason: budget",
                    "reason: budget\n  summary: Pier 9 warehouse: [unclosed",
                ),
            );
        })
        .says("content/cases/own.yaml:"),
        probe("own sensitive string as a date", |h, _| {
            h.write(
                "content/cases/own.yaml",
                &OWN.replace("date: 2025-01-15", "date: Pier 9 warehouse"),
            );
        })
        .says("content/cases/own.yaml:5:9"),
        probe("chapter link to a name", |h, _| {
            h.write(
                "content/chapters/linky.md",
                "---\ntitle: Links\n---\n\nSee [x](@/cases/dana-whitfield.yaml).\n",
            );
        })
        .says("content/chapters/linky.md:5:"),
        probe("chapter anchor named after a person", |h, _| {
            h.write(
                "content/chapters/linky.md",
                "---\ntitle: Links\n---\n\nSee [x](@/chapters/postmortems.md#priya-natarajan).\n",
            );
        })
        .says("content/chapters/linky.md:5:"),
        probe("chapter front matter error with a name", |h, _| {
            h.write(
                "content/chapters/front.md",
                "---\ntitle: [Dana Whitfield\n---\n\nText.\n",
            );
        })
        .says("content/chapters/front.md:"),
        probe("chapter unknown key named after a person", |h, _| {
            h.write(
                "content/chapters/front.md",
                "---\ntitle: Front\nwhitfield: yes\n---\n\nText.\n",
            );
        })
        .says("content/chapters/front.md:3:1"),
        probe("site.toml sensitive string in a broken link", |h, _| {
            h.write(
                "site.toml",
                "title = \"Test handbook\"\n[anonymize]\nsensitive = [\"Pier 9 warehouse\"]\n",
            );
            h.write(
                "content/chapters/linky.md",
                "---\ntitle: Links\n---\n\nSee [x](@/chapters/pier-9-warehouse.md).\n",
            );
        })
        .says("content/chapters/linky.md:5:"),
    ];
    assert!(probes.len() >= 20);
    try_all(probes);
}

#[test]
fn a_harmless_line_stays_readable() {
    let h = Handbook::basic().with(
        "content/cases/other.yaml",
        &OTHER.replace(
            "outcome: exited",
            "outcome: exited\nchapters: [no-such-chapter]",
        ),
    );
    let r = h.run(&["check"]);
    r.fails();
    assert!(
        r.stderr.contains("chapters: [no-such-chapter]"),
        "{}",
        r.stderr
    );
    let h = Handbook::basic().with(
        "content/cases/other.yaml",
        &OTHER.replace("initiated_by: client", "initiated_by: clinet"),
    );
    let r = h.run(&["check"]);
    r.fails();
    assert!(r.stderr.contains("initiated_by: clinet"), "{}", r.stderr);
    assert!(r.stderr.contains("`clinet`"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_site_is_written_or_read() {
    use std::os::unix::fs::symlink;
    let map_refused = |name: &'static str, path: &'static str, says: &'static str| {
        probe(name, |_, _| {})
            .args(&["--reveal-map", path])
            .status(2)
            .says(says)
    };
    let probes = vec![
        map_refused(
            "reveal map over site.toml",
            "site.toml",
            "is not a reveal map",
        ),
        map_refused(
            "reveal map inside the output",
            "public/map.tsv",
            "inside the output folder",
        ),
        map_refused(
            "reveal map through dir/../public",
            "content/../public/x/map.tsv",
            "inside the output folder",
        ),
        map_refused(
            "reveal map in content/",
            "content/map.tsv",
            "inside the handbook's `content/`",
        ),
        map_refused(
            "reveal map in static/",
            "static/map.tsv",
            "inside the handbook's `static/`",
        ),
        map_refused(
            "reveal map is a folder",
            "content/..",
            "does not name a file",
        ),
        probe(
            "reveal map through a dangling link into the site",
            |h, _| {
                symlink(h.path("public/map.tsv"), h.path("map.tsv")).unwrap();
            },
        )
        .args(&["--reveal-map", "map.tsv"])
        .status(2)
        .says("symbolic link"),
        probe(
            "reveal map through a link to a world-writable file",
            |h, decoy| {
                let target = decoy.join("precious.txt");
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o666)).unwrap();
                symlink(&target, h.path("map.tsv")).unwrap();
            },
        )
        .args(&["--reveal-map", "map.tsv"])
        .status(2)
        .says("symbolic link"),
        probe("reveal map over a decoy file", |_, _| {})
            .args(&["--reveal-map", "{decoy}/precious.txt"])
            .status(2)
            .says("is not a reveal map"),
        probe("stray marker in the handbook root, -o .", |h, _| {
            h.write(".exitbook-site", "This folder is generated by exitbook\n");
        })
        .args(&["-o", "."])
        .status(2)
        .says("would hold the handbook itself"),
        probe("stray marker in a decoy folder", |_, decoy| {
            std::fs::write(decoy.join(".exitbook-site"), "generated by exitbook\n").unwrap();
        })
        .args(&["-o", "{decoy}"])
        .status(2)
        .says("holds files exitbook did not write"),
        probe("marker copied from a real site into a decoy", |h, decoy| {
            std::fs::copy(
                h.path("public/.exitbook-site"),
                decoy.join(".exitbook-site"),
            )
            .unwrap();
        })
        .args(&["-o", "{decoy}"])
        .status(2)
        .says("holds files exitbook did not write"),
        probe("FIFO at the output path", |_, decoy| {
            let ok = std::process::Command::new("mkfifo")
                .arg(decoy.join("fifo"))
                .status()
                .unwrap();
            assert!(ok.success());
        })
        .args(&["-o", "{decoy}/fifo"])
        .status(2)
        .says("special file"),
        probe("character device at the output path", |_, _| {})
            .args(&["-o", "/dev/null"])
            .status(2)
            .says("special file"),
        probe("symlinked output folder", |h, decoy| {
            symlink(h.path("public"), decoy.join("site")).unwrap();
        })
        .args(&["-o", "{decoy}/site"])
        .status(2)
        .says("symbolic link"),
        probe("a file at the output path", |_, _| {})
            .args(&["-o", "{decoy}/precious.txt"])
            .status(2)
            .says("is a file, not a folder"),
        probe("-o inside static/", |_, _| {})
            .args(&["-o", "static/site"])
            .status(2)
            .says("inside the handbook's `static/`"),
        probe("-o inside content/", |_, _| {})
            .args(&["-o", "content/site"])
            .status(2)
            .says("inside the handbook's `content/`"),
        probe("-o the handbook's parent", |_, _| {})
            .args(&["-o", ".."])
            .status(2)
            .says("would hold the handbook itself"),
        probe("theme as an absolute path", |h, _| {
            h.write("site.toml", "title = \"Test handbook\"\ntheme = \"/etc\"\n");
        })
        .says("site.toml:2:1"),
        probe("theme leaving themes/", |h, _| {
            h.write(
                "site.toml",
                "title = \"Test handbook\"\ntheme = \"../../x\"\n",
            );
        })
        .says("site.toml:2:1"),
        probe("theme folder linking outside the handbook", |h, decoy| {
            std::fs::create_dir_all(h.path("themes")).unwrap();
            symlink(decoy.join("themes/x"), h.path("themes/company")).unwrap();
            h.write(
                "site.toml",
                "title = \"Test handbook\"\ntheme = \"company\"\n",
            );
        })
        .says("site.toml:2:1"),
        probe("template linking outside the handbook", |h, decoy| {
            std::fs::create_dir_all(h.path("templates")).unwrap();
            symlink(decoy.join("precious.txt"), h.path("templates/base.html")).unwrap();
        })
        .says("templates/base.html"),
        probe("static/index.html replacing the home page", |h, _| {
            h.write("static/index.html", "<p>mine</p>");
        })
        .says("`static/index.html` would replace the generated file `index.html`"),
        probe("static/search/meta.js replacing the index", |h, _| {
            h.write("static/search/meta.js", "x");
        })
        .says("`static/search/meta.js` would replace the generated file `search/meta.js`"),
        probe("static file where a generated folder goes", |h, _| {
            h.write("static/chapters", "x");
        })
        .says("`static/chapters` would replace the generated folder `chapters/`"),
    ];
    assert!(probes.len() >= 25);
    try_all(probes);
}

#[cfg(unix)]
#[test]
fn reveal_maps_are_private_and_replace_only_reveal_maps() {
    use std::os::unix::fs::PermissionsExt;
    let h = Handbook::basic();
    h.run(&["build", "--reveal-map", "map.tsv"]).ok();
    std::fs::set_permissions(h.path("map.tsv"), std::fs::Permissions::from_mode(0o644)).unwrap();
    h.run(&["build", "--reveal-map", "map.tsv"]).ok();
    let mode = std::fs::metadata(h.path("map.tsv"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the map is private whatever was there");
    assert!(h.read("map.tsv").contains("Harbor Freight Logistics"));
    let names: Vec<String> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("exitbook-")),
        "nothing left beside it: {names:?}"
    );
}

#[cfg(unix)]
#[test]
fn the_output_folder_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let h = Handbook::basic();
    h.build().ok();
    std::fs::set_permissions(h.path("public"), std::fs::Permissions::from_mode(0o750)).unwrap();
    h.build().ok();
    let mode = std::fs::metadata(h.path("public"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o750, "an internal site stays as private as it was");
}

#[cfg(unix)]
#[test]
fn a_second_build_waits_then_names_the_process_that_holds_the_lock() {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let h = Handbook::basic();
    h.build().ok();
    let site = h.snapshot("public");
    let mut lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(h.path(".public.exitbook-lock"))
        .unwrap();
    // SAFETY: the descriptor is open for as long as `lock` lives.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    write!(lock, "{}", std::process::id()).unwrap();
    let started = Instant::now();
    let out = crate::common::exitbook()
        .arg("build")
        .env("EXITBOOK_LOCK_WAIT", "0.5")
        .current_dir(h.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() >= Duration::from_millis(500), "it waited");
    assert!(
        stderr.contains(&format!("process {}", std::process::id())),
        "{stderr}"
    );
    assert!(stderr.contains(".public.exitbook-lock"), "{stderr}");
    assert_eq!(h.snapshot("public"), site);
    drop(lock);
    h.build().ok();
    assert!(
        !h.exists(".public.exitbook-lock"),
        "the lock file goes with its build"
    );
}

#[test]
fn leftovers_of_a_killed_build_are_cleared() {
    let h = Handbook::basic();
    h.build().ok();
    h.write(".public.exitbook-staging/half.html", "half");
    h.write(".public.exitbook-old/index.html", "old");
    h.write(".public.exitbook-lock", "99999");
    h.build().ok();
    for left in [
        ".public.exitbook-staging",
        ".public.exitbook-old",
        ".public.exitbook-lock",
    ] {
        assert!(!h.exists(left), "{left} was left");
    }
    assert!(!h.exists("public/half.html"));
}

#[test]
fn bounded_work_and_errors_at_their_place() {
    let many_keys: String = (0..5000)
        .map(|i| format!("unknown_key_{i}: {i}\n"))
        .collect();
    let long_key = format!("{}: 1\n", "k".repeat(100_000));
    let links: String = (0..20_000)
        .map(|i| format!("[l{i}](@/chapters/nope-{i}.md) "))
        .collect();
    let headings = "## Same\n\nText.\n\n".repeat(3000);
    let long_value = format!("reason: {}", "x".repeat(2_000_000));
    let probes = vec![
        probe("5,000 unknown keys", move |h, _| {
            h.write("content/cases/other.yaml", &format!("{OTHER}{many_keys}"));
        })
        .says("content/cases/other.yaml:9:1")
        .says("more problems"),
        probe("a 100,000-character key", move |h, _| {
            h.write("content/cases/other.yaml", &format!("{OTHER}{long_key}"));
        })
        .says("content/cases/other.yaml:9:1"),
        probe("a line of 20,000 broken links", move |h, _| {
            h.write("content/chapters/links.md", &format!("---\ntitle: Links\n---\n\n{links}\n"));
        })
        .says("content/chapters/links.md:5:")
        .says("more problems"),
        {
            let mut p = probe("3,000 identical headings", move |h, _| {
                h.write("content/chapters/same.md", &format!("---\ntitle: Same\n---\n\n{headings}"));
            });
            p.status = 0;
            p
        },
        probe("a 2 MB value on one line", move |h, _| {
            h.write("content/cases/other.yaml", &OTHER.replace("reason: budget", &long_value));
        })
        .says("content/cases/other.yaml:7:11"),
        probe("an empty record", |h, _| h.write("content/cases/empty.yaml", ""))
            .says("content/cases/empty.yaml:1:1"),
        probe("a blank record", |h, _| h.write("content/cases/empty.yaml", "\n\n  \n"))
            .says("content/cases/empty.yaml:1:1"),
        probe("an empty chapter", |h, _| h.write("content/chapters/empty.md", ""))
            .says("content/chapters/empty.md:1:1"),
        probe("a 300-character slug", |h, _| {
            h.write("content/cases/other.yaml", &format!("{OTHER}slug: {}\n", "a".repeat(300)));
        })
        .says("content/cases/other.yaml:9:7"),
        probe("a 200-character file name", |h, _| {
            h.write(&format!("content/cases/{}.yaml", "b".repeat(200)), OTHER);
        })
        .says(":1:1")
        .says("longer than 100 characters"),
        probe("a 200-character chapter file name", |h, _| {
            h.write(&format!("content/chapters/{}.md", "c".repeat(200)), CHAPTER);
        })
        .says(":1:1"),
        probe("a 200-character tag", |h, _| {
            h.write("content/cases/other.yaml", &format!("{OTHER}tags: [{}]\n", "t".repeat(200)));
        })
        .says("content/cases/other.yaml:9:"),
        probe("an alias bomb", |h, _| {
            let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
            for (k, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
                y.push_str(&format!("{k}: &{k} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            }
            h.write("content/cases/bomb.yaml", &y);
        })
        .says("content/cases/bomb.yaml"),
        probe("deep nesting", |h, _| {
            h.write("content/cases/deep.yaml", &format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)));
        })
        .says("content/cases/deep.yaml"),
    ];
    let started = Instant::now();
    try_all(probes);
    // Not a speed goal: a guard against quadratic work (each of these took
    // more than 30 s, or a gigabyte, before).
    assert!(started.elapsed() < Duration::from_secs(300));
}

#[test]
fn earlier_bad_inputs_still_fail_clearly() {
    let probes = vec![
        wrong(
            "malformed YAML",
            "reason: budget",
            "reason: [budget",
            "content/cases/other.yaml:",
        ),
        wrong(
            "wrong type",
            "reason: budget",
            "reason: budget\nengagement:\n  value: { amount: lots, currency: USD }",
            "content/cases/other.yaml:9:",
        ),
        wrong(
            "unknown key with a near miss",
            "outcome: exited",
            "outcome: exited\nchapteres: []",
            "did you mean `chapters`",
        ),
        wrong(
            "invalid date",
            "date: 2025-01-15",
            "date: 2025-13-01",
            "content/cases/other.yaml:5:9",
        ),
        wrong(
            "missing required field",
            "outcome: exited\n",
            "",
            "missing required field `outcome`",
        ),
        probe("duplicate slug", |h, _| {
            h.write(
                "content/cases/again.yaml",
                &format!("{OTHER}slug: late-proofs\n"),
            );
        })
        .says("content/cases/again.yaml")
        .says("two cases would publish at"),
        probe("link to nothing", |h, _| {
            h.write(
                "content/chapters/linky.md",
                "---\ntitle: Links\n---\n\n[x](@/chapters/nope.md)\n",
            );
        })
        .says("content/chapters/linky.md:5:1"),
        probe("template error", |h, _| {
            h.write("templates/case.html", "{% if %}")
        })
        .says("templates/case.html:1:"),
        probe("invalid UTF-8", |h, _| {
            h.write_bytes(
                "content/chapters/bad.md",
                b"---\ntitle: A\n---\n\nab\xffc\n",
            )
        })
        .says("content/chapters/bad.md:5:3"),
        probe("front matter never closed", |h, _| {
            h.write("content/chapters/open.md", "---\ntitle: A\n\nText.\n")
        })
        .says("content/chapters/open.md:1:1"),
        probe("chapter without front matter", |h, _| {
            h.write("content/chapters/bare.md", "# Just text\n")
        })
        .says("content/chapters/bare.md:1:1"),
        {
            let mut p = probe("BOM and CRLF (accepted)", |h, _| {
                h.write_bytes(
                    "content/chapters/bom.md",
                    b"\xEF\xBB\xBF---\r\ntitle: BOM\r\n---\r\n\r\nText.\r\n",
                );
            });
            p.status = 0;
            p
        },
    ];
    try_all(probes);
}

/// `serve` answers only requests addressed to it (DNS rebinding).
#[test]
fn serve_answers_only_its_own_host() {
    use std::io::{BufRead, BufReader, Read, Write};
    let h = Handbook::basic();
    let mut child = crate::common::exitbook()
        .args(["serve", "--port", "0"])
        .env("EXITBOOK_KEY", "a test key, long enough")
        .current_dir(h.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        if let Some(at) = line.find("http://") {
            break line[at..].split_whitespace().next().unwrap().to_string();
        }
    };
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let get = |host: &str| {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    let port = addr.rsplit(':').next().unwrap().to_string();
    for ok in [
        addr.clone(),
        format!("localhost:{port}"),
        "localhost".into(),
    ] {
        assert!(get(&ok).starts_with("HTTP/1.1 200"), "{ok}");
    }
    for bad in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "10.0.0.5".into(),
    ] {
        let r = get(&bad);
        assert!(r.starts_with("HTTP/1.1 421"), "{bad}: {r}");
        assert!(!r.contains("<html"), "no page for another host");
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Where the probes of other modules cover a class, say so here, so that
/// TESTING.md's list can point at them.
#[test]
fn probe_count_matches_testing_md() {
    let doc = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("TESTING.md"))
        .expect("TESTING.md");
    let listed = doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #") && !l.starts_with("| ---"))
        .count();
    assert!(listed >= 80, "TESTING.md lists {listed} hostile inputs");
}

/// Twenty-odd XSS forms (OWASP's filter evasion cheat sheet), each of which
/// would set `data-xss` on the page's root element if it ran.
const PAYLOADS: &[&str] = &[
    "<script>document.documentElement.dataset.xss=1</script>",
    "<img src=x onerror=\"document.documentElement.dataset.xss=2\">",
    "<svg/onload=document.documentElement.dataset.xss=3>",
    "<body onload=document.documentElement.dataset.xss=4>",
    "<iframe src=\"javascript:top.document.documentElement.dataset.xss=5\"></iframe>",
    "<iframe srcdoc=\"<script>top.document.documentElement.dataset.xss=6</script>\"></iframe>",
    "<IMG SRC=\"jav&#x09;ascript:document.documentElement.dataset.xss=7\" onerror=\"document.documentElement.dataset.xss=7\">",
    "<details open ontoggle=\"document.documentElement.dataset.xss=8\"><summary>s</summary></details>",
    "<input autofocus onfocus=\"document.documentElement.dataset.xss=9\">",
    "<video><source onerror=\"document.documentElement.dataset.xss=10\"></video>",
    "<object data=\"data:text/html,<script>top.document.documentElement.dataset.xss=11</script>\"></object>",
    "<embed src=\"data:text/html,<script>top.document.documentElement.dataset.xss=12</script>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"document.documentElement.dataset.xss=13\">",
    "<noscript><p title=\"</noscript><img src=x onerror=document.documentElement.dataset.xss=14>\"></noscript>",
    "<svg><script>document.documentElement.dataset.xss=15</script></svg>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:document.documentElement.dataset.xss=16\">",
    "<marquee onstart=\"document.documentElement.dataset.xss=17\">m</marquee>",
    "<select autofocus onfocus=\"document.documentElement.dataset.xss=18\"></select>",
    "<textarea autofocus onfocus=\"document.documentElement.dataset.xss=19\"></textarea>",
    "<img src=`x` onerror=document.documentElement.dataset.xss=20>",
    "<div style=\"width:expression(document.documentElement.dataset.xss=21)\">d</div>",
    "<a href=\"javascript:document.documentElement.dataset.xss=22\" id=\"clickme\">click</a>",
    "[md link](javascript:document.documentElement.dataset.xss=23)",
    "<form><button formaction=\"javascript:document.documentElement.dataset.xss=24\">b</button></form>",
];

/// Steps for the browser driver: open each page, let its scripts run,
/// then record whatever shows a payload ran (`data-xss` on the page's or
/// the driver's root) or could run on a click (an `on…` attribute, a
/// `javascript:`, `vbscript:` or `data:text` URL).
fn inspect(pages: &[&str]) -> String {
    let list = serde_json::to_string(pages).unwrap();
    format!(
        r#"for (const page of {list}) {{
  const doc = await h.open(page);
  await new Promise(r => setTimeout(r, 500));
  const bad = [];
  if (doc.documentElement.dataset.xss) bad.push('ran: ' + doc.documentElement.dataset.xss);
  if (document.documentElement.dataset.xss) bad.push('ran in the top frame: ' + document.documentElement.dataset.xss);
  for (const el of doc.querySelectorAll('*')) {{
    for (const a of el.attributes) {{
      const url = /^(href|src|action|formaction|data|srcdoc|xlink:href)$/.test(a.name);
      if (a.name.startsWith('on') || a.name === 'srcdoc' || (url && /^\s*(javascript|vbscript|data:text)/i.test(a.value))) {{
        bad.push(el.tagName.toLowerCase() + ' ' + a.name);
      }}
    }}
  }}
  h.record(page, bad);
}}"#
    )
}

#[test]
fn twenty_xss_payloads_never_run_in_chromium() {
    let Some(bin) = crate::common::chromium::chromium() else {
        return;
    };
    let chapter: String = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, p)| format!("Payload {i}: {p}\n\n"))
        .collect();
    let summary: String = PAYLOADS.iter().map(|p| format!("    {p}\n\n")).collect();
    let h = Handbook::basic()
        .with(
            "content/chapters/pasted.md",
            &format!("---\ntitle: Pasted\n---\n\n## H {{#x\"autofocus onfocus=\"document.documentElement.dataset.xss=99}}\n\n{chapter}"),
        )
        .with(
            "content/cases/other.yaml",
            &OTHER.replace("  reason: budget\n", &format!("  reason: budget\n  summary: |\n{summary}")),
        );
    let r = h.build();
    r.ok();
    assert!(
        r.stderr.matches("removed from the page").count() >= 30,
        "each payload is a warning:\n{}",
        r.stderr
    );
    let site = h.path("public");
    // The chapter, the case, and the print page that holds them all; from
    // disk and over HTTP.
    let pages = [
        "chapters/pasted/index.html",
        "cases/other/index.html",
        "print/index.html",
    ];
    let http = crate::common::chromium::serve(&site);
    for base in [None, Some(http.as_str())] {
        let seen = crate::common::chromium::drive(&bin, &site, base, false, &inspect(&pages));
        for page in pages {
            let bad = &seen[page];
            assert!(
                bad.as_array().is_some_and(Vec::is_empty),
                "{base:?} {page}: {bad}"
            );
        }
    }
    // The policy leaves the theme's own scripts working from disk: search
    // answers.
    let seen = crate::common::chromium::drive(
        &bin,
        &site,
        None,
        false,
        "const doc = await h.open('search/index.html?q=postmortem'); h.record('state', await h.done(doc.querySelector('[data-search-state]') || doc.body));",
    );
    assert_eq!(
        seen["state"], "done",
        "search did not run from disk under the policy"
    );
    // The measurement can fail: the payloads in a page exitbook did not
    // write do run, or stay ready to.
    std::fs::write(
        site.join("control.html"),
        format!(
            "<!doctype html><html><body>{}</body></html>",
            PAYLOADS.join("\n")
        ),
    )
    .unwrap();
    let seen =
        crate::common::chromium::drive(&bin, &site, None, false, &inspect(&["control.html"]));
    let bad = seen["control.html"].as_array().cloned().unwrap_or_default();
    assert!(
        bad.iter()
            .any(|b| b.as_str().is_some_and(|b| b.starts_with("ran"))),
        "{bad:?}"
    );
    assert!(bad.len() >= 5, "{bad:?}");
}

/// Property tests of the stages that read hostile text, through the
/// library's public API: bounded (a few seconds in all), in the normal
/// suite. What they found is kept below them as regression cases.
mod fuzz {
    use proptest::prelude::*;

    use exitbook::load::SourceFile;
    use exitbook::load::frontmatter::split;
    use exitbook::render::{markdown, sanitize};

    /// Pieces that hostile or careless text is made of.
    const PIECES: &[&str] = &[
        "---",
        "\n",
        "\r\n",
        "title: A",
        ": ",
        "- ",
        "  ",
        "# H",
        "## Same",
        "{#x\"y}",
        "{onclick=a}",
        "[^n]",
        "[^n]: note",
        "[a](@/chapters/x.md#y)",
        "[b](javascript:alert(1))",
        "<JAVASCRIPT:x>",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:x\">",
        "<details>",
        "<summary>",
        "</details>",
        "<div class=\"callout\">",
        "</div>",
        "<table><tr><td>",
        "<!--",
        "-->",
        "<svg><script>",
        "<math><mtext><table><mglyph><style><img src=x onerror=y>",
        "`code`",
        "```",
        "|a|b|\n|-|-|",
        "&#x3C;script&#x3E;",
        "\u{200b}",
        "é",
        "Zoë",
        "\t",
        "*",
        "_",
        "\\",
        "<",
        ">",
        "\"",
        "'",
        "&",
        "=",
        "[",
        "]",
        "(",
        ")",
        "!",
        "%2e%2e",
    ];

    /// `cases` cases from a fixed seed, so that CI runs the same inputs
    /// every time (explore further locally by changing the seed or the
    /// number of cases); each failure found is kept below.
    fn fixed(cases: u32) -> ProptestConfig {
        ProptestConfig {
            cases,
            failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Fixed(19),
            ..ProptestConfig::default()
        }
    }

    fn hostile_text(max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
    }

    /// Every tag of sanitised HTML, parsed strictly (the sanitiser writes
    /// `<name attr="value">`, with `"` and `&` escaped in values): no event
    /// handler, no script or frame, no URL with a scheme that runs.
    fn assert_inert(html: &str) {
        let mut rest = html;
        while let Some(p) = rest.find('<') {
            rest = &rest[p + 1..];
            if rest.starts_with('/') || rest.starts_with('!') {
                continue;
            }
            let name_end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let name = rest[..name_end].to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            for bad in [
                "script", "iframe", "object", "embed", "form", "style", "svg", "math", "base",
                "meta",
            ] {
                assert_ne!(name, bad, "a <{bad}> survived in {html}");
            }
            let mut attrs = &rest[name_end..];
            loop {
                attrs = attrs.trim_start_matches([' ', '/']);
                if attrs.starts_with('>') || attrs.is_empty() {
                    break;
                }
                let eq = attrs.find(['=', ' ', '>']).unwrap_or(attrs.len());
                let attr = attrs[..eq].to_ascii_lowercase();
                assert!(
                    !attr.starts_with("on"),
                    "an event handler survived in {html}"
                );
                attrs = &attrs[eq..];
                if let Some(v) = attrs.strip_prefix("=\"") {
                    let end = v.find('"').expect("a quoted value");
                    let value = v[..end].to_ascii_lowercase();
                    let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                    if ["href", "src", "cite"].contains(&attr.as_str()) {
                        for scheme in ["javascript:", "vbscript:", "data:text"] {
                            assert!(!value.starts_with(scheme), "{scheme} survived in {html}");
                        }
                    }
                    attrs = &v[end + 1..];
                }
            }
            rest = &rest[name_end..];
        }
    }

    proptest! {
        #![proptest_config(fixed(256))]

        #[test]
        fn front_matter_splitting_never_panics_and_keeps_lines(text in hostile_text(40)) {
            if let Ok(s) = split(&text) {
                let lines = text.matches('\n').count() + 1;
                prop_assert!(s.front_line >= 2 && s.body_line <= lines + 1);
                prop_assert!(text.ends_with(s.body));
            }
        }

        #[test]
        fn markdown_renders_nothing_that_runs(md in hostile_text(60)) {
            let out = markdown::render(&md, &|_, _| None, "p-");
            assert_inert(&out.html);
            let unique: std::collections::HashSet<&String> = out.ids.iter().collect();
            prop_assert_eq!(unique.len(), out.ids.len(), "heading ids are unique");
            for r in &out.removed {
                prop_assert!(r.offset <= md.len());
            }
        }

        #[test]
        fn the_sanitiser_leaves_nothing_that_runs(html in hostile_text(60)) {
            assert_inert(&sanitize::clean(&html));
            for f in sanitize::scan(&html) {
                prop_assert!(f.at <= html.len());
            }
        }

        #[test]
        fn record_parsing_never_panics_and_places_every_problem(
            body in hostile_text(30),
            at in 0usize..9,
        ) {
            let mut lines: Vec<&str> = super::OTHER.lines().collect();
            let at = at.min(lines.len());
            lines.insert(at, &body);
            let text = lines.join("\n");
            let file = SourceFile {
                rel: "cases/fuzz.yaml".into(),
                shown: "content/cases/fuzz.yaml".into(),
                text: text.as_str().into(),
            };
            if let Err(ds) = exitbook::model::case::parse(&file, exitbook::model::case::record_schema()) {
                let n = text.matches('\n').count() + 2;
                for d in ds {
                    prop_assert!(d.file.is_some());
                    prop_assert!(d.line <= n, "line {} of {}", d.line, n);
                    prop_assert!(d.message.len() <= 1100);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(fixed(24))]

        /// The scrubber (through `exitbook::generate`): a client's name in
        /// hostile HTML and Markdown either never reaches the site, or the
        /// run fails; and no diagnostic tells it.
        #[test]
        fn a_name_in_hostile_markup_never_reaches_the_site(
            before in hostile_text(8),
            after in hostile_text(8),
            disguise in 0usize..5,
        ) {
            // (`quillfeather-stationers` is left out: see the ignored
            // regression below, a finding for the scrubber and the gate.)
            let name = ["Quillfeather Stationers", "QUILLFEATHER stationers", "Quill&#x66;eather Stationers",
                "<b>Quillfeather</b> Stationers", "Quillfeather\u{200b} Stationers"][disguise];
            let h = crate::common::Handbook::new()
                .with("content/chapters/postmortems.md", crate::common::CHAPTER)
                .with(
                    "content/cases/own.yaml",
                    &format!("{}\nnotes: x\n", super::OWN.replace(
                        "  reason: budget\n",
                        &format!("  reason: budget\n  summary: |\n    {}\n", format!("{before} {name} {after}").replace('\n', "\n    ")),
                    )),
                );
            let (site, diags) = exitbook::generate(h.dir.path(), false, exitbook::Mode::Check);
            let told = format!("{}{}", diags.render_human(), diags.render_json()).to_lowercase();
            prop_assert!(!told.contains("quillfeather"), "a diagnostic told the name");
            if let Some(site) = site {
                for f in &site.files {
                    let text = String::from_utf8_lossy(&f.bytes).to_lowercase();
                    prop_assert!(!text.contains("quillfeather"), "{} holds the name", f.path);
                }
            }
        }
    }

    /// Found by `a_name_in_hostile_markup_never_reaches_the_site`: a
    /// client's name joined by a hyphen (`quillfeather-stationers`, a form
    /// the spec lists) inside an HTML block of a record's summary was neither
    /// replaced by the scrubber nor refused by the old leak check, and
    /// reached the case page. Now the scrubber replaces it (the site is
    /// built) and nothing holds it.
    #[test]
    fn a_hyphen_joined_name_in_an_html_block_never_reaches_the_site() {
        let h = crate::common::Handbook::new().with(
            "content/cases/own.yaml",
            &super::OWN.replace(
                "  reason: budget\n",
                "  reason: budget\n  summary: |\n    <details> quillfeather-stationers\n",
            ),
        );
        let (site, _) = exitbook::generate(h.dir.path(), false, exitbook::Mode::Check);
        let files = site
            .map(|s| s.files)
            .expect("the scrubber replaces the name");
        assert!(files.iter().any(|f| f.path.starts_with("cases/")));
        for f in files {
            let text = String::from_utf8_lossy(&f.bytes).to_lowercase();
            assert!(!text.contains("quillfeather"), "{} holds the name", f.path);
        }
    }

    /// Found by the properties above, kept as they were found.
    #[test]
    fn regressions() {
        // A footnote label that looks like a heading's id.
        let out = markdown::render("## Note\n\n[^note]\n\n[^note]: n\n", &|_, _| None, "");
        assert_eq!(out.html.matches("id=\"note\"").count(), 1);
        // An HTML block whose tag spans lines.
        let out = markdown::render("<img\nsrc=x\nonerror=alert(1)>\n", &|_, _| None, "");
        assert_inert(&out.html);
        assert_eq!(out.removed.len(), 1);
        // A name split by HTML tags in a warning's snippet (the secret set
        // matches text, not markup): masked all the same.
        use exitbook::diag::{Diagnostic, Diagnostics, mask_all};
        let line = "    [b](javascript:alert(1)) <b>Quillfeather</b> Stationers";
        let mut ds = Diagnostics(vec![
            Diagnostic::warning("removed")
                .at("content/cases/own.yaml", 1, 5)
                .with_source(line, str::to_string),
        ]);
        let holds = |t: &str| t.to_lowercase().contains("quillfeather stationers");
        mask_all(&mut ds, &holds, &|l: &str| l.to_string());
        assert!(!ds.render_human().to_lowercase().contains("quillfeather"));
    }
}

/// The overlay of `serve` shows the errors of a failed build through the
/// same masking rule as the terminal.
#[test]
fn the_serve_overlay_never_tells_a_secret() {
    use std::io::{BufRead, BufReader, Read, Write};
    let h = Handbook::basic().with(
        "content/cases/other.yaml",
        &OTHER.replace("reason: budget", "reason: Dana Whitfield left"),
    );
    let mut child = crate::common::exitbook()
        .args(["serve", "--port", "0"])
        .env("EXITBOOK_KEY", "a test key, long enough")
        .current_dir(h.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut terminal = String::new();
    let url = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        terminal.push_str(&line);
        if let Some(at) = line.find("http://") {
            break line[at..].split_whitespace().next().unwrap().to_string();
        }
    };
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET /__exitbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut overlay = String::new();
    let mut buf = [0u8; 4096];
    while !overlay.contains("help:") {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => overlay.push_str(&String::from_utf8_lossy(&buf[..n])),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(overlay.contains("event: build-error"), "{overlay}");
    assert!(
        overlay.contains("content/cases/other.yaml:7:11"),
        "{overlay}"
    );
    no_secret("the serve overlay", &overlay);
    no_secret("the serve terminal", &terminal);
}
