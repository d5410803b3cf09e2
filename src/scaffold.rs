//! `exitbook init` and `exitbook new`: files written from templates.
//!
//! The playbook chapters and the example case of a new handbook are this
//! repository's own example content, embedded at compile time, so the two
//! can never drift apart.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, display_path};
use crate::text::slugify;

/// The files `exitbook init` writes: (path in the handbook, contents).
pub const INIT_FILES: &[(&str, &str)] = &[
    ("site.toml", INIT_SITE_TOML),
    (".gitignore", "public/\n.exitbook/\n"),
    (
        "content/chapters/exit-conversation.md",
        include_str!("../content/chapters/exit-conversation.md"),
    ),
    (
        "content/chapters/unhappy-customer-negotiation.md",
        include_str!("../content/chapters/unhappy-customer-negotiation.md"),
    ),
    (
        "content/chapters/bad-fit-breakups.md",
        include_str!("../content/chapters/bad-fit-breakups.md"),
    ),
    (
        "content/chapters/bad-fit-breakups.pl.md",
        include_str!("../content/chapters/bad-fit-breakups.pl.md"),
    ),
    (
        "content/chapters/leave-the-door-open.md",
        include_str!("../content/chapters/leave-the-door-open.md"),
    ),
    (
        "content/chapters/business-side.md",
        include_str!("../content/chapters/business-side.md"),
    ),
    (
        "content/chapters/business-side.pl.md",
        include_str!("../content/chapters/business-side.pl.md"),
    ),
    (
        "content/chapters/postmortems.md",
        include_str!("../content/chapters/postmortems.md"),
    ),
    (
        "content/chapters/warning-signs.md",
        include_str!("../content/chapters/warning-signs.md"),
    ),
    (
        "content/chapters/practice-kit.md",
        include_str!("../content/chapters/practice-kit.md"),
    ),
    (
        "content/cases/badge-misprint-before-trade-show.yaml",
        include_str!("../content/cases/badge-misprint-before-trade-show.yaml"),
    ),
];

const INIT_SITE_TOML: &str = r#"# exitbook handbook configuration: see `exitbook --help`.
title = "Losing clients well"
description = "Our playbook for client exits, and the anonymized cases we learned it from."
language = "en"
# base_url = "https://handbook.example.com/"   # needed for the atom.xml feed
# pretty_urls = false                           # true when served from a web server

[anonymize]
# key_env = "EXITBOOK_KEY"   # the environment variable holding the pseudonym key
# dates = "month"            # day | month | quarter | year
# money = "band"             # exact | band | hidden
# min_group = 2
sensitive = []               # more strings that must never be published
allow = []                   # words that are not secrets on their own

[[onboarding]]
page = "@/chapters/exit-conversation.md"
note = "Start here: what to say and ask when a client tells you they are leaving."

[[onboarding]]
page = "@/chapters/unhappy-customer-negotiation.md"
note = "How to answer a request for a refund without a flat no or a resentful yes."

[[onboarding]]
page = "@/cases/badge-misprint-before-trade-show.yaml"
note = "A real exit after a complaint: read what was said and what changed afterwards."

[[onboarding]]
page = "@/chapters/postmortems.md"
note = "What we do after every exit that followed a complaint."
"#;

/// `exitbook init DIR`: a handbook that builds at once.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
        && !force
    {
        return Err(Diagnostic::error(format!(
            "`{}` is not empty",
            display_path(dir)
        ))
        .help("choose a new or empty folder, or pass --force to write the handbook's files into it (existing files of the same name are replaced)"));
    }
    let cases: Vec<&str> = INIT_FILES
        .iter()
        .filter_map(|(rel, _)| rel.strip_prefix("content/"))
        .filter(|rel| rel.starts_with("cases/"))
        .collect();
    let mut written = Vec::new();
    for (rel, text) in INIT_FILES {
        let path = dir.join(rel);
        write_new(&path, &unlink_cases_not_in(text, &cases), true)?;
        written.push(path);
    }
    Ok(written)
}

/// `text` with every Markdown link to a case that is not in `cases` (paths
/// under `content/`) replaced by its link text: the example chapters cite
/// all the example's cases, a new handbook holds only one of them.
fn unlink_cases_not_in(text: &str, cases: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](@/cases/") {
        let target_start = at + "](@/".len();
        let Some(close) = rest[target_start..].find(')') else {
            break;
        };
        let target = &rest[target_start..target_start + close];
        let path = target.split('#').next().unwrap_or(target);
        let open = rest[..at].rfind('[');
        match open {
            Some(open) if !cases.contains(&path) => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..at]);
            }
            _ => out.push_str(&rest[..target_start + close + 1]),
        }
        rest = &rest[target_start + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Find the handbook that holds `start`: the nearest folder with `site.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, Diagnostic> {
    let abs = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    abs.ancestors()
        .find(|d| d.join("site.toml").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Diagnostic::error(
                "no handbook here: no site.toml in this folder or any folder above it",
            )
            .help("run this inside a handbook, or create one with `exitbook init`")
        })
}

/// Where a handbook keeps its own templates of new files (Hugo calls them
/// archetypes): `templates/new/case.yaml`, `templates/new/chapter.md`.
pub const NEW_TEMPLATES: &str = "templates/new";

/// `exitbook new case NAME`: a draft record from the handbook's
/// `templates/new/case.yaml`, else the built-in one, with its placeholders
/// filled in ([`fill_new`]).
pub fn new_case(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(Diagnostic::error("the case name has no letters or digits")
            .help("describe the situation, e.g. `exitbook new case missed-proofs-2025`"));
    }
    let path = root.join("content/cases").join(format!("{slug}.yaml"));
    let template = own_template(root, "case.yaml")?.unwrap_or_else(|| CASE_TEMPLATE.to_string());
    write_new(&path, &fill_new(root, &template, name, &slug), false)?;
    Ok(path)
}

/// The handbook's own template `templates/new/<name>`, if it has one.
fn own_template(root: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    let path = root.join(NEW_TEMPLATES).join(name);
    match fs::read_to_string(&path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(
            Diagnostic::error(format!("cannot read `{}`: {e}", display_path(&path)))
                .help("fix the file, or delete it to use the built-in template"),
        ),
    }
}

/// A template of a new file with its placeholders filled in: `{{title}}`
/// (as given, with `"` made `'` so that it can stand in quotes), `{{slug}}`,
/// `{{today}}` (`YYYY-MM-DD`) and `{{chapters}}` (the slugs of the
/// handbook's chapters, for the writer to choose from).
pub fn fill_new(root: &Path, template: &str, title: &str, slug: &str) -> String {
    let chapters = chapter_slugs(&root.join("content/chapters"));
    let chapters = if chapters.is_empty() {
        "(none yet: add one with `exitbook new chapter TITLE`)".to_string()
    } else {
        chapters.join(", ")
    };
    template
        .replace("{{title}}", &title.replace('"', "'"))
        .replace("{{slug}}", slug)
        .replace("{{today}}", &today())
        .replace("{{chapters}}", &chapters)
}

/// The slugs of the chapters under `dir` (originals, not translations),
/// sorted.
fn chapter_slugs(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = crate::load::source_paths(dir, crate::load::CHAPTER_EXTS)
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .filter(|stem| !stem.contains('.'))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Today's date, `YYYY-MM-DD` (UTC), from the system clock.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `exitbook new chapter TITLE`: a draft chapter, ordered after the others
/// (`{{order}}` in the template), from the handbook's
/// `templates/new/chapter.md` or the built-in one.
pub fn new_chapter(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(
            Diagnostic::error("the chapter title has no letters or digits")
                .help("e.g. `exitbook new chapter \"Handing over an account\"`"),
        );
    }
    let dir = root.join("content/chapters");
    let next_order = max_order(&dir) + 1;
    let path = dir.join(format!("{slug}.md"));
    let template =
        own_template(root, "chapter.md")?.unwrap_or_else(|| CHAPTER_TEMPLATE.to_string());
    let text =
        fill_new(root, &template, title, &slug).replace("{{order}}", &next_order.to_string());
    write_new(&path, &text, false)?;
    Ok(path)
}

fn max_order(dir: &Path) -> i64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .filter_map(|t| {
            t.lines().take(30).find_map(|l| {
                l.strip_prefix("order:")
                    .and_then(|v| v.trim().parse::<i64>().ok())
            })
        })
        .max()
        .unwrap_or(0)
}

fn write_new(path: &Path, text: &str, overwrite: bool) -> Result<(), Diagnostic> {
    if !overwrite && path.exists() {
        return Err(
            Diagnostic::error(format!("`{}` already exists", display_path(path)))
                .help("choose another name; exitbook never overwrites a record or chapter"),
        );
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(format!("cannot create `{}`: {e}", display_path(parent)))
        })?;
    }
    fs::write(path, text)
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", display_path(path))))
}

const CHAPTER_TEMPLATE: &str = "---\ntitle: \"{{title}}\"\norder: {{order}}\n# The situation this chapter is for, as a reader would say it: the home page\n# lists chapters by it (\"Which chapter do I need?\").\nsummary: \"\"\ntags: []\ndraft: true   # set to false to publish\n---\n\nWhen this applies: ...\n\n## What to do, step by step\n\n1. ...\n\n## What to say\n\n> \"...\"\n\n## What to avoid\n\n- ...\n\n## Checklist\n\n- [ ] ...\n";

/// The built-in record of `exitbook new case`. Its comments prompt for what
/// writers forget: the people and places that are not the client's but must
/// not be published either (`sensitive`), and the chapters the case
/// illustrates (without them it is on no chapter's page).
const CASE_TEMPLATE: &str = r#"# A client-exit record: see `exitbook schema` for every field.
# Names, emails and phone numbers are fine here: they are replaced before
# anything is published. Name this file after the situation, not the client.
title: "{{title}}"
draft: true   # set to false to publish

client:
  name: Client Name Ltd      # sensitive: never published
  aliases: []                # other names used in notes, e.g. [CNL] (sensitive)
  domains: []                # e.g. [client.example] (sensitive)
  industry: ""               # published
  region: ""                 # published
  size: ""                   # published, e.g. 10-50

contacts:
  - name: Firstname Lastname # sensitive
    role: Office Manager     # published: the person is called by their role
    email: ""                # sensitive
    phone: ""                # sensitive

owner: Firstname Surname      # sensitive (staff privacy)

engagement:
  service: ""
  started: 2024-01           # YYYY-MM-DD or YYYY-MM
  value: { amount: 0, currency: USD, per: month }   # per: month | year | project

exit:
  date: {{today}}           # required: when the relationship ended
  initiated_by: client       # required: client | us | mutual
  reason: complaint          # required: complaint | bad-fit | budget | needs-changed |
                             #   leadership-change | price | competitor | other
  trigger: ""                # the final straw, in one line: cards in the library show it
  summary: |
    What happened, in a few paragraphs.

conversation:                # the three exit questions
  what_happened: ""
  what_we_could_have_done_differently: ""
  what_they_need_to_feel_complete: ""

negotiation:
  asked_for: ""              # what the client asked for: an exercise shows it first
  offered: ""                # what we offered
  outcome: not-needed        # accepted | countered | declined | not-needed

red_flags: []                # - date: 2024-11-02
                             #   note: What we saw and did not act on.

postmortem:
  final_straw: ""
  root_causes: []
  lessons: []
  actions: []                # - action: ...
                             #   owner: Production team   (a team or role, not a person)
                             #   due: 2025-05-01
                             #   status: open             # open | done | dropped

farewell:
  thank_you_sent: false
  feedback: none             # none | direct | survey | third-party

outcome: exited              # required: exited | retained | returned

# Which playbook chapters does this case illustrate? Without any, the case is
# on no chapter's page. This handbook's chapters: {{chapters}}
chapters: []

tags: []

# Anyone or anything else named in this record that must never be published:
# a third party (their agency, a subcontractor, a venue), a project or
# product name, a place that gives the client away. The client's own names,
# contacts and the owner above are already kept out.
sensitive: []
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_cases_a_new_handbook_lacks_become_their_text() {
        let text = "See [the badges](@/cases/a.yaml#postmortem) and [the call](@/cases/b.yaml), [a chapter](@/chapters/c.md).";
        assert_eq!(
            unlink_cases_not_in(text, &["cases/a.yaml"]),
            "See [the badges](@/cases/a.yaml#postmortem) and the call, [a chapter](@/chapters/c.md)."
        );
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(
            t.starts_with("20") && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-',
            "{t}"
        );
    }

    #[test]
    fn the_case_template_is_a_valid_record() {
        let filled = fill_new(
            Path::new("/nonexistent"),
            CASE_TEMPLATE,
            "A \"title\"",
            "a-title",
        );
        assert!(!filled.contains("{{"), "{filled}");
        let doc = crate::load::yaml::parse(&filled).unwrap();
        let problems = crate::model::validate::validate(&doc, &crate::model::record::schema());
        assert_eq!(problems, vec![]);
    }
}
