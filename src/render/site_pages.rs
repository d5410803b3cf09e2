//! The pages of the site as a whole: the insights, the search page, the
//! feed and `404.html`.

use tera::Context;

use crate::anonymize::PublicCase;
use crate::diag::Diagnostic;
use crate::output::{Dep, OutputFile};
use crate::render::feed::{self, FeedEntry};
use crate::render::links::linked;
use crate::render::markdown;
use crate::render::page::PageOut;
use crate::render::pages::SearchFilter;
use crate::render::shared::{Section, Shared};

/// Finds the site's root for `404.html` when there is no `base_url`: a
/// server shows the page at any unknown address (`/a/b/c/`), where its
/// relative links would lead nowhere. The page is written as if it stood
/// at the root; this script, first in `<head>`, asks each folder of the
/// address, from the top, for the site's `robots.txt` (known by its first
/// line) and puts a `<base>` there, so that the stylesheet and every link
/// resolve. Opened from disk there is nothing to find (no server shows it).
pub const FIND_ROOT: &str = r#"(function () {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  var parts = location.pathname.split('/').slice(1, -1), root = '/';
  for (var i = 0; i <= parts.length; i++) {
    var dir = '/' + parts.slice(0, i).map(function (p) { return p + '/'; }).join('');
    try {
      var r = new XMLHttpRequest();
      r.open('GET', dir + 'robots.txt', false);
      r.send();
      if (r.status === 200 && r.responseText.indexOf('# An internal handbook') === 0) { root = dir; break; }
    } catch (e) { break; }
  }
  var b = document.createElement('base');
  b.href = root;
  document.head.appendChild(b);
})();"#;

/// A filter of the search page, as `search.html` shows it.
#[derive(serde::Serialize)]
struct FilterGroup<'a> {
    name: &'a str,
    label: &'a str,
    values: Vec<FilterValue<'a>>,
}

#[derive(serde::Serialize)]
struct FilterValue<'a> {
    value: &'a str,
    label: &'a str,
    count: usize,
}

impl Shared<'_> {
    /// `insights/`: figures across every published case.
    pub fn insights_page(&self) -> PageOut {
        let dir = "insights/".to_string();
        let mut ctx = self.base_context(
            &dir,
            self.text("insights.title"),
            self.lang(),
            (Section::Insights, true),
        );
        let cases: Vec<&PublicCase> = self
            .newest
            .iter()
            .map(|&i| &*self.handbook.cases[i])
            .collect();
        let a = &self.config.anonymize;
        let figures =
            crate::render::insights::insights(&cases, a.dates, a.min_group, self.i18n, self.lang());
        ctx.insert("insights", &figures);
        ctx.insert("library", &self.urls.href(&dir, "cases/"));
        // Any field of any case may count in a figure.
        let mut deps = vec![Dep::CaseList];
        deps.extend(self.handbook.case_files.iter().cloned().map(Dep::Source));
        PageOut {
            dir,
            template: "insights.html",
            ctx,
            deps,
        }
    }

    /// `search/`: the search box, the filters and the results (the script
    /// fills them in).
    pub fn search_page(
        &self,
        filters: &[SearchFilter<'_>],
        lookup: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let dir = "search/";
        let mut ctx = self.base_context(
            dir,
            self.text("search.title"),
            self.lang(),
            (Section::Search, true),
        );
        ctx.insert("filters", &self.labelled(filters));
        ctx.insert("search_lookup", lookup);
        let html = self.theme.render("search.html", &ctx)?;
        Ok(OutputFile {
            path: format!("{dir}index.html"),
            bytes: html.into_bytes(),
            deps: vec![
                Dep::Config,
                Dep::Theme,
                Dep::Secrets,
                Dep::CaseList,
                Dep::AllContent,
            ],
        })
    }

    /// The search page's filters with the labels every other page gives
    /// their facets and values (the index knows the values, the interface
    /// text names them).
    fn labelled<'f>(&'f self, filters: &'f [SearchFilter<'f>]) -> Vec<FilterGroup<'f>> {
        let lang = self.lang();
        filters
            .iter()
            .map(|g| {
                // The index's names of the facets, and ours.
                let facet = if g.name == "initiated_by" {
                    "initiated-by"
                } else {
                    g.name
                };
                let enumerated = ["reason", "outcome", "initiated-by"].contains(&facet);
                FilterGroup {
                    name: g.name,
                    label: self.i18n.label(lang, "facet", facet),
                    values: g
                        .values
                        .iter()
                        .map(|&(value, label, count)| FilterValue {
                            value,
                            label: if enumerated {
                                self.i18n.label(lang, facet, value)
                            } else {
                                label
                            },
                            count,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// `404.html`: absolute links from `base_url` when there is one, else
    /// links from the root and [`FIND_ROOT`].
    pub fn not_found_file(&self) -> Result<OutputFile, Diagnostic> {
        let base = self.config.base_url.as_deref().map(feed::base);
        let mut ctx: Context =
            self.not_found_context(base.as_deref(), self.text("not_found.title"));
        ctx.insert("find_root", &base.is_none().then_some(FIND_ROOT));
        let html = self.theme.render("404.html", &ctx)?;
        Ok(OutputFile {
            path: "404.html".into(),
            bytes: html.into_bytes(),
            deps: vec![Dep::Config, Dep::Theme],
        })
    }

    /// `atom.xml`: the newest cases, with absolute links from `base_url`.
    pub fn feed_file(&self) -> OutputFile {
        let base = feed::base(self.config.base_url.as_deref().unwrap_or_default());
        let absolute = |dir: &str| feed::absolute(&base, &self.urls.path(dir));
        let mut deps = vec![Dep::Config, Dep::Secrets, Dep::CaseList];
        // The feed is in the site's language, as the case pages are.
        let local: Vec<_> = self
            .newest
            .iter()
            .take(feed::LIMIT)
            .map(|&i| self.i18n.localize(self.lang(), &self.handbook.cases[i]))
            .collect();
        let entries: Vec<FeedEntry<'_>> = self
            .newest
            .iter()
            .take(feed::LIMIT)
            .zip(&local)
            .map(|(&i, case)| {
                deps.push(Dep::Source(self.handbook.case_files[i].clone()));
                let content = case.story.summary.as_deref().map(|md| {
                    let resolve = |rel: &str, anchor: Option<&str>| {
                        let url = absolute(self.dir_of(self.handbook.resolve(rel)?));
                        Some(match anchor {
                            Some(a) => format!("{url}#{a}"),
                            None => url,
                        })
                    };
                    let r = markdown::render(md, &resolve, "");
                    deps.extend(linked(&r.links));
                    r.html
                });
                FeedEntry {
                    case,
                    url: absolute(&self.case_dirs[i]),
                    content,
                }
            })
            .collect();
        let xml = feed::atom(self.config, &base, &absolute("cases/"), &entries);
        OutputFile {
            path: feed::PATH.into(),
            bytes: xml.into_bytes(),
            deps,
        }
    }
}
