//! A case in full: its own page (`cases/<slug>/`), and the same body where
//! other pages hold it (the exercise of an onboarding step, the print
//! page). The theme's `case-body.html` and its parts draw it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use tera::Context;

use crate::anonymize::PublicCase;
use crate::anonymize::handbook::Target;
use crate::output::Dep;
use crate::render::facets::Facet;
use crate::render::links::linked;
use crate::render::markdown;
use crate::render::page::PageOut;
use crate::render::shared::{Section, Shared};

/// A case before or after this one in the library.
#[derive(serde::Serialize)]
struct Link<'a> {
    title: &'a str,
    href: String,
}

/// A row of a case's facts: a field marked `x-fact`, labelled.
#[derive(serde::Serialize)]
struct FactRow {
    label: String,
    value: String,
}

/// What a case shows the same on every page that holds it (its own, the
/// print page, its exercise): its lede, and its Markdown texts rendered
/// once each ([`markdown::Generic`]), in the order `case_html` reads them.
pub struct CaseTexts {
    lede: String,
    md: Vec<markdown::Generic>,
}

/// How many cases "more cases like this" shows.
const SIMILAR: usize = 4;

impl Shared<'_> {
    /// Case `i` with its Markdown rendered for the page in folder `from`
    /// (heading ids prefixed with `prefix`), and the pages its `@/` links
    /// lead to.
    ///
    /// `keep`: keep what the case shows the same on every page for the
    /// pages still to come ([`CaseTexts`]); else it is let go once used
    /// (memory: a handbook's every case at once).
    pub fn case_html(
        &self,
        from: &str,
        i: usize,
        prefix: &str,
        keep: bool,
    ) -> (PublicCase, Vec<Dep>) {
        let links = RefCell::new(vec![Dep::Source(self.handbook.case_files[i].clone())]);
        let kept: Option<Arc<CaseTexts>> = self.case_texts[i]
            .lock()
            .ok()
            .and_then(|mut slot| if keep { slot.clone() } else { slot.take() });
        let kept = kept.as_deref();
        let made = RefCell::new(Vec::new());
        let next = Cell::new(0);
        let html = |md: &str| {
            let resolve = |rel: &str, anchor: Option<&str>| self.href_to(from, rel, anchor);
            let k = next.replace(next.get() + 1);
            let body = match kept.and_then(|t| t.md.get(k)) {
                Some(g) => g.body(md, &resolve, prefix),
                None => {
                    let g = markdown::Generic::new(md, false);
                    let body = g.body(md, &resolve, prefix);
                    made.borrow_mut().push(g);
                    body
                }
            };
            links.borrow_mut().extend(linked(&body.links));
            body.html
        };
        let mut c = PublicCase::clone(&self.handbook.cases[i]);
        // Cases are in the site's language; the lede's words are its table's.
        c.lede = match kept {
            Some(t) => t.lede.clone(),
            None => self.i18n.lede(self.lang(), &c),
        };
        c.story.map(&html);
        for e in &mut c.timeline {
            if let Some(n) = &mut e.note {
                *n = html(n);
            }
        }
        for a in &mut c.actions {
            a.action = html(&a.action);
        }
        if keep
            && kept.is_none()
            && let Ok(mut slot) = self.case_texts[i].lock()
        {
            *slot = Some(Arc::new(CaseTexts {
                lede: c.lede.clone(),
                md: made.into_inner(),
            }));
        }
        (c, links.into_inner())
    }

    /// What `case-body.html` needs to show case `i` on the page in folder
    /// `from`: the case (`case`), its badges and links (`card`), heading ids
    /// prefixed with `p` and headings from level `h`. Returns what the body
    /// depends on. `keep`: see [`Shared::case_html`].
    pub fn case_context(
        &self,
        ctx: &mut Context,
        from: &str,
        i: usize,
        (prefix, level): (&str, u8),
        keep: bool,
    ) -> Vec<Dep> {
        let (case, mut deps) = self.case_html(from, i, prefix, keep);
        deps.extend(
            self.handbook.cases[i]
                .chapters
                .iter()
                .map(|&k| Dep::Source(self.handbook.chapter_files[k].rel.clone())),
        );
        let facts: Vec<FactRow> = case
            .facts
            .iter()
            .map(|f| {
                let (label, value) = self.i18n.fact(self.lang(), f);
                FactRow { label, value }
            })
            .collect();
        ctx.insert("facts", &facts);
        ctx.insert("case", &case);
        ctx.insert(
            "card",
            &self.card(&crate::render::urls::Urls::root_from(from), i),
        );
        ctx.insert("p", prefix);
        ctx.insert("h", &level);
        deps
    }

    /// `cases/<slug>/`: the case, the cases before and after it in the
    /// library, and more cases like it.
    pub fn case_page(&self, i: usize) -> PageOut {
        let dir = self.case_dirs[i].clone();
        let c = &self.handbook.cases[i];
        let mut ctx = self.base_context(&dir, &c.title, self.lang(), (Section::Cases, false));
        let mut deps = self.case_context(&mut ctx, &dir, i, ("", 2), false);
        let r = self.rank[i];
        let link = |k: usize| Link {
            title: &self.handbook.cases[k].title,
            href: self.urls.href(&dir, &self.case_dirs[k]),
        };
        let newer = r.checked_sub(1).map(|p| link(self.newest[p]));
        let older = self.newest.get(r + 1).map(|&k| link(k));
        let similar = self.cards_of(&dir, &self.similar(i), self.lang(), true);
        ctx.insert("prev", &newer);
        ctx.insert("next", &older);
        ctx.insert("similar", &similar);
        ctx.insert("library", &self.urls.href(&dir, "cases/"));
        let steps = self.path_bars(&dir, Target::Case(i));
        if let Some(first) = steps.first() {
            ctx.insert("step", first);
            ctx.insert(
                "exercise",
                &self
                    .urls
                    .href(&dir, &crate::render::urls::exercise_dir(first.n)),
            );
            ctx.insert("steps", &steps);
        }
        deps.extend([Dep::CaseList, Dep::ChapterList]);
        PageOut {
            dir,
            template: "case.html",
            ctx,
            deps,
        }
    }

    /// Up to [`SIMILAR`] other cases like case `i`: those sharing most of
    /// its chapters first (a chapter counts more than the reason), newest
    /// first; then cases of the same reason, nearest in time. (Scoring every
    /// case of the reason was quadratic: a reason holds an eighth of a
    /// handbook's cases.)
    fn similar(&self, i: usize) -> Vec<usize> {
        let c = &self.handbook.cases[i];
        let mut score: HashMap<usize, usize> = HashMap::new();
        for &ch in &c.chapters {
            if let Some(v) = self
                .facets
                .get(Facet::Chapter, &self.handbook.chapter_files[ch].slug)
            {
                for &k in &v.cases {
                    *score.entry(k).or_default() += 2;
                }
            }
        }
        score.remove(&i);
        for (k, s) in score.iter_mut() {
            if self.handbook.cases[*k].reason == c.reason {
                *s += 1;
            }
        }
        let mut found: Vec<(usize, usize)> = score.into_iter().collect();
        found.sort_by_key(|&(k, s)| (std::cmp::Reverse(s), self.rank[k]));
        let mut out: Vec<usize> = found.into_iter().take(SIMILAR).map(|(k, _)| k).collect();
        if out.len() < SIMILAR
            && let Some(v) = self.facets.get(Facet::Reason, &c.reason)
        {
            // The reason's cases are newest first: from this one outwards.
            let at = v.cases.partition_point(|&k| self.rank[k] < self.rank[i]);
            let (mut newer, mut older) = (at, at);
            let add = |k: usize, out: &mut Vec<usize>| {
                if k != i && !out.contains(&k) && out.len() < SIMILAR {
                    out.push(k);
                }
            };
            while out.len() < SIMILAR && (newer > 0 || older < v.cases.len()) {
                if older < v.cases.len() {
                    add(v.cases[older], &mut out);
                    older += 1;
                }
                if newer > 0 {
                    newer -= 1;
                    add(v.cases[newer], &mut out);
                }
            }
        }
        out
    }
}
