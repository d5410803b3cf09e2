//! A playbook chapter's page (`chapters/<slug>/`, `<lang>/chapters/<slug>/`):
//! its body, its table of contents, its translations, the cases that
//! illustrate it (as cards), and the bar of the onboarding path when a step
//! leads to it.

use serde::Serialize;

use crate::anonymize::handbook::Target;
use crate::output::Dep;
use crate::render::facets::Facet;
use crate::render::links::linked;
use crate::render::markdown::{Rendered, TocEntry};
use crate::render::page::PageOut;
use crate::render::shared::{Section, Shared};

/// A heading in a table of contents, with the headings under it: sections
/// are numbered 1, 2, 3 and their subsections apart (a flat list numbered
/// the subsections as if they were sections).
#[derive(Debug, Serialize, PartialEq)]
pub struct TocNode<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub children: Vec<TocNode<'a>>,
}

/// `toc` (h2 and h3 in order) as a tree: each h3 under the h2 before it.
pub fn toc_tree(toc: &[TocEntry]) -> Vec<TocNode<'_>> {
    let mut out: Vec<TocNode<'_>> = Vec::new();
    let top = toc.iter().map(|e| e.level).min().unwrap_or(2);
    for e in toc {
        let node = TocNode {
            id: &e.id,
            title: &e.title,
            children: Vec::new(),
        };
        match out.last_mut() {
            Some(parent) if e.level > top => parent.children.push(node),
            _ => out.push(node),
        }
    }
    out
}

#[derive(Serialize)]
struct LinkItem<'a> {
    title: &'a str,
    href: String,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Tag<'a> {
    label: std::borrow::Cow<'a, str>,
    /// Its facet page, when a case has the tag.
    href: Option<String>,
}

impl Shared<'_> {
    pub fn chapter_page(&self, i: usize, body: &Rendered) -> PageOut {
        let c = &self.handbook.chapter_files[i];
        let dir = self.chapter_dirs[i].clone();
        let lang = c.lang.as_deref().unwrap_or(&self.config.language);
        let public = &self.handbook.chapters[i];
        let mut ctx = self.base_context(&dir, &public.title, lang, (Section::Playbook, false));
        let mut deps = vec![Dep::Source(c.rel.clone()), Dep::ChapterList];
        // A page shows where each of its `@/` links leads.
        deps.extend(linked(&body.links));
        // Translations, both ways: an original lists its translations, a
        // translation lists its original and the other translations.
        let original = self.handbook.original[i];
        let family: Vec<usize> = match original {
            Some(o) => std::iter::once(o)
                .chain(self.handbook.translations[o].iter().copied())
                .filter(|&k| k != i)
                .collect(),
            None => self.handbook.translations[i].clone(),
        };
        let versions: Vec<LinkItem<'_>> = family
            .iter()
            .map(|&k| {
                let t = &self.handbook.chapter_files[k];
                deps.push(Dep::Source(t.rel.clone()));
                LinkItem {
                    title: &self.handbook.chapters[k].title,
                    href: self.urls.href(&dir, &self.chapter_dirs[k]),
                    lang: Some(t.lang.as_deref().unwrap_or(&self.config.language)),
                }
            })
            .collect();
        let source = original.unwrap_or(i);
        // Which cases illustrate it is in the list of chapters; what each
        // card shows is the case's own.
        let listed = &self.handbook.cases_of_chapter[source];
        deps.extend(
            listed
                .iter()
                .map(|&k| Dep::Source(self.handbook.case_files[k].clone())),
        );
        let cases = self.cards_of(&dir, listed, lang, false);
        let originals: Vec<usize> = self.handbook.originals().collect();
        let pos = originals.iter().position(|&k| k == i);
        let prev = pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| self.chapter_item(&dir, originals[p]));
        let next = pos
            .and_then(|p| originals.get(p + 1))
            .map(|&k| self.chapter_item(&dir, k));
        let tags: Vec<Tag<'_>> = public
            .tags
            .iter()
            .map(|t| {
                let value = crate::render::facets::slug(t);
                Tag {
                    label: crate::render::facets::tag_words(t),
                    href: self
                        .facets
                        .get(Facet::Tag, &value)
                        .map(|_| self.facet_href(&dir, Facet::Tag, &value)),
                }
            })
            .collect();
        let all_cases = self
            .facets
            .get(Facet::Chapter, &self.handbook.chapter_files[source].slug)
            .map(|_| {
                self.facet_href(
                    &dir,
                    Facet::Chapter,
                    &self.handbook.chapter_files[source].slug,
                )
            });
        ctx.insert("title", &public.title);
        ctx.insert("summary", &public.summary);
        ctx.insert("tags", &tags);
        ctx.insert("content", &body.html);
        ctx.insert("toc", &toc_tree(&body.toc));
        ctx.insert("versions", &versions);
        ctx.insert("cases", &cases);
        ctx.insert("all_cases", &all_cases);
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        // Its steps of the path: the bar of each (the page's script shows
        // the one the reader came for; without it, all are shown).
        let steps = self.path_bars(&dir, Target::Chapter(i));
        for s in &steps {
            // The next step's title (a chapter's is in the list of chapters).
            if let Some(Target::Case(k)) = self.steps.get(s.n).map(|next| next.target) {
                deps.push(Dep::Source(self.handbook.case_files[k].clone()));
            }
        }
        if let Some(first) = steps.first() {
            ctx.insert("step", first);
            ctx.insert("steps", &steps);
        }
        // Whether a tag has a facet page depends on every case.
        if !tags.is_empty() {
            deps.push(Dep::CaseList);
        }
        PageOut {
            dir,
            template: "chapter.html",
            ctx,
            deps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsections_are_nested_under_their_section() {
        let e = |level: u8, id: &str| TocEntry {
            level,
            id: id.into(),
            title: id.into(),
        };
        let toc = vec![
            e(2, "a"),
            e(3, "a1"),
            e(3, "a2"),
            e(2, "b"),
            e(2, "c"),
            e(3, "c1"),
        ];
        let tree = toc_tree(&toc);
        let shape: Vec<(&str, Vec<&str>)> = tree
            .iter()
            .map(|n| (n.id, n.children.iter().map(|c| c.id).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![("a", vec!["a1", "a2"]), ("b", vec![]), ("c", vec!["c1"])]
        );
        // Only subsections: each is a section of its own.
        let flat = toc_tree(&toc[1..3]);
        assert_eq!(flat.len(), 2);
    }
}
