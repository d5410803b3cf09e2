//! The onboarding path (`start/`): the `[[onboarding]]` steps of
//! `site.toml` in order, an exercise page (`start/<n>/`) for each step that
//! names a case, and the bar "Step 3 of 8 · Next: …" on every page of the
//! path. Progress and answers are kept in the reader's browser by the
//! theme's `onboarding.js`; every page works without it.

use serde::Serialize;

use crate::anonymize::handbook::{Handbook, Target};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::output::Dep;
use crate::render::markdown;
use crate::render::markdown::Rendered;
use crate::render::page::PageOut;
use crate::render::shared::{Section, Shared};
use crate::render::urls::exercise_dir;

/// A step of the path whose page exists.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its number on the path, from 1.
    pub n: usize,
    /// Its place in `[[onboarding]]`.
    pub k: usize,
    pub target: Target,
    /// A section of a chapter (`@/chapters/x.md#heading`).
    pub anchor: Option<String>,
}

/// `[[onboarding]]` pages: `@/chapters/x.md`, `@/chapters/x.md#heading` or
/// `@/cases/y.yaml`.
pub fn resolve(config: &Config, site: &Handbook<'_>, diags: &mut Diagnostics) -> Vec<Step> {
    let mut steps = Vec::new();
    for (k, step) in config.onboarding.iter().enumerate() {
        let link = step.page.strip_prefix("@/").unwrap_or(&step.page);
        let (rel, anchor) = match link.split_once('#') {
            Some((r, a)) => (r, Some(a.to_string())),
            None => (link, None),
        };
        match site.resolve(rel) {
            Some(target) => steps.push(Step {
                n: steps.len() + 1,
                k,
                target,
                anchor,
            }),
            None if site.is_broken(rel) => {}
            None => diags.push(
                Diagnostic::error(format!(
                    "onboarding step {} points to `{}`, which is no page",
                    k + 1,
                    step.page
                ))
                .in_file("site.toml")
                .help(if step.page.starts_with("@/") {
                    site.link_help(rel)
                } else {
                    "write the page as `@/chapters/<file>.md` or `@/cases/<file>.yaml`".into()
                }),
            ),
        }
    }
    steps
}

/// A step's `#section` that names no heading of its chapter.
pub fn check_anchors(
    config: &Config,
    steps: &[Step],
    bodies: &[std::sync::Arc<Rendered>],
    diags: &mut Diagnostics,
) {
    for s in steps {
        let (Target::Chapter(i), Some(anchor)) = (s.target, &s.anchor) else {
            continue;
        };
        let ids = &bodies[i].ids;
        if ids.iter().any(|id| id == anchor) {
            continue;
        }
        let help = match did_you_mean(anchor, ids.iter().map(String::as_str)) {
            Some(id) => format!("did you mean `#{id}`?"),
            None => format!("its headings are: {}", ids.join(", ")),
        };
        diags.push(
            Diagnostic::error(format!(
                "onboarding step {} points to `{}`, whose chapter has no heading `#{anchor}`",
                s.k + 1,
                config.onboarding[s.k].page
            ))
            .in_file("site.toml")
            .help(help),
        );
    }
}

#[derive(Serialize)]
struct Question {
    /// Markdown, rendered.
    q: String,
    a: String,
}

/// A step as the start page lists it.
#[derive(Serialize)]
struct StepCtx {
    n: usize,
    /// What the reader's progress is kept under: the page it leads to
    /// (not its number, which changes when steps are added).
    id: String,
    title: String,
    href: String,
    note: Option<String>,
    /// `chapter` or `exercise`.
    kind: &'static str,
    /// For an exercise, the case's own page.
    case_href: Option<String>,
    questions: Vec<Question>,
}

/// The bar on a page of the path.
#[derive(Serialize)]
pub struct PathBar {
    pub n: usize,
    total: usize,
    id: String,
    start: String,
    next: Option<Link>,
    questions: Vec<Question>,
    /// The step's section of its page (`#heading`), if it names one.
    anchor: Option<String>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

impl Shared<'_> {
    /// The steps that lead to `target`, in order: a page may be two steps
    /// of the path (a chapter's glossary on day 1, its role-play cards on
    /// day 5).
    pub fn steps_of(&self, target: Target) -> Vec<&Step> {
        self.steps.iter().filter(|s| s.target == target).collect()
    }

    /// The bars of the steps that lead to `target` on page `from`.
    pub fn path_bars(&self, from: &str, target: Target) -> Vec<PathBar> {
        self.steps_of(target)
            .into_iter()
            .map(|s| self.path_bar(from, s))
            .collect()
    }

    /// The page a step leads to: its chapter (section), or its exercise.
    fn step_dir(&self, s: &Step) -> String {
        match s.target {
            Target::Chapter(i) => self.chapter_dirs[i].clone(),
            Target::Case(_) => exercise_dir(s.n),
        }
    }

    /// A link to step `s`. A page that is more than one step is told which
    /// (`?step=15`): its bar, questions and "Mark this step done" follow.
    fn step_href(&self, from: &str, s: &Step) -> String {
        let mut href = self.urls.href(from, &self.step_dir(s));
        if matches!(s.target, Target::Chapter(_))
            && self.steps.iter().filter(|t| t.target == s.target).count() > 1
        {
            href = format!("{href}?step={}", s.n);
        }
        match &s.anchor {
            Some(a) => format!("{href}#{a}"),
            None => href,
        }
    }

    fn step_id(&self, s: &Step) -> String {
        let dir = self.dir_of(s.target);
        match &s.anchor {
            Some(a) => format!("{dir}#{a}"),
            None => dir.to_string(),
        }
    }

    pub fn step_title(&self, s: &Step) -> String {
        if let Some(t) = &self.config.onboarding[s.k].title {
            return t.clone();
        }
        match s.target {
            Target::Chapter(i) => self.handbook.chapters[i].title.clone(),
            Target::Case(i) => self.handbook.cases[i].title.clone(),
        }
    }

    /// Markdown of `site.toml` (a note, a question), rendered for page `from`.
    fn markdown(&self, from: &str, text: &str) -> String {
        markdown::render(text, &|rel, anchor| self.href_to(from, rel, anchor), "").html
    }

    fn questions(&self, from: &str, s: &Step) -> Vec<Question> {
        self.config.onboarding[s.k]
            .questions
            .iter()
            .map(|q| Question {
                q: self.markdown(from, &q.q),
                a: self.markdown(from, &q.a),
            })
            .collect()
    }

    /// The bar "Step n of N · Next: …" of step `s` on page `from`.
    pub fn path_bar(&self, from: &str, s: &Step) -> PathBar {
        PathBar {
            n: s.n,
            total: self.steps.len(),
            id: self.step_id(s),
            start: self.urls.href(from, "start/"),
            next: self.steps.get(s.n).map(|next| Link {
                title: self.step_title(next),
                href: self.step_href(from, next),
            }),
            questions: self.questions(from, s),
            anchor: s.anchor.clone(),
        }
    }

    /// `start/`: every step, each with its note and questions.
    pub fn start_page(&self) -> PageOut {
        let dir = "start/".to_string();
        let mut ctx = self.base_context(
            &dir,
            self.text("start.title"),
            self.lang(),
            (Section::Start, true),
        );
        let steps: Vec<StepCtx> = self
            .steps
            .iter()
            .map(|s| StepCtx {
                n: s.n,
                id: self.step_id(s),
                title: self.step_title(s),
                href: self.step_href(&dir, s),
                note: self.config.onboarding[s.k]
                    .note
                    .as_deref()
                    .map(|n| self.markdown(&dir, n)),
                kind: match s.target {
                    Target::Chapter(_) => "chapter",
                    Target::Case(_) => "exercise",
                },
                case_href: match s.target {
                    Target::Case(i) => Some(self.urls.href(&dir, &self.case_dirs[i])),
                    Target::Chapter(_) => None,
                },
                questions: self.questions(&dir, s),
            })
            .collect();
        ctx.insert("steps", &steps);
        PageOut {
            dir,
            template: "start.html",
            ctx,
            deps: vec![Dep::ChapterList, Dep::CaseList],
        }
    }

    /// `start/<n>/`: case `i`, of step `s`, as an exercise.
    pub fn exercise_page(&self, s: &Step, i: usize) -> PageOut {
        let dir = exercise_dir(s.n);
        let title = &self.handbook.cases[i].title;
        let mut ctx = self.base_context(&dir, title, self.lang(), (Section::Start, false));
        let mut deps = self.case_context(&mut ctx, &dir, i, ("", 2), false);
        ctx.insert("case_href", &self.urls.href(&dir, &self.case_dirs[i]));
        ctx.insert("step", &self.path_bar(&dir, s));
        deps.extend([Dep::ChapterList, Dep::CaseList]);
        PageOut {
            dir,
            template: "exercise.html",
            ctx,
            deps,
        }
    }
}
