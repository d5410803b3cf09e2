//! From records and chapters to what may be published: the publishing
//! guarantee of `spec/exit-record.md`.
//!
//! 1. The secret set ([`secrets`]): every sensitive value of every record
//!    (drafts included) and of `[anonymize] sensitive`, in every form the
//!    spec lists ([`forms`]).
//! 2. Stand-ins: a client becomes a keyed pseudonym ([`pseudonym`], with the
//!    key from [`key`]), a contact their role (or a pseudonym where two share
//!    one), our account owner "the account owner", anything else
//!    "[withheld]".
//! 3. One pass over every published text — chapters too — reads it as a
//!    reader would ([`view`]), replaces every form with its stand-in
//!    ([`scrub`]), then masks emails, phone numbers and card numbers
//!    whatever their source ([`detect`]).
//! 4. Dates and money are generalised ([`generalize`]), in fields and in
//!    a case's free text ([`quasi`]), and each case's quasi-identifiers
//!    as far as `min_group` needs ([`kanon`]).
//! 5. After rendering, the leak gate (`crate::gate`) reads every output
//!    file and path again, with its own code, and a hit fails the build.
//!
//! Render never sees a `Record`: it sees [`PublicCase`] and [`PublicChapter`].

pub mod detect;
pub mod forms;
pub mod generalize;
pub mod handbook;
pub mod kanon;
pub mod key;
pub mod pseudonym;
pub mod public;
pub mod quasi;
pub mod report;
pub mod scrub;
pub mod secrets;
pub mod view;

mod resolver;
mod slugs;
pub mod words;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::kept::ByArc;
use crate::model::case::Case;
use crate::model::chapter::Chapter;
use crate::model::site::Site;
pub use public::{
    PublicAction, PublicCase, PublicChapter, PublicFact, Story, TimelineEntry, Untitled,
};
pub use resolver::role_noun;
use resolver::{Person, Resolver, reveal_rows};
use scrub::{Scrubber, Skip, StandIns};
use secrets::{SecretSet, StandIn, fold, inflects};
use slugs::{SlugFrom, assign_slugs, chapter_slugs};

/// The anonymized view of the site.
#[derive(Debug, Clone)]
pub struct Published {
    /// Index-aligned with `Site::cases`.
    pub cases: Vec<Arc<PublicCase>>,
    /// Index-aligned with `Site::chapters`.
    pub chapters: Vec<Arc<PublicChapter>>,
    pub secrets: Arc<SecretSet>,
    /// Who is who, for `build --reveal-map`: (published as, real value, what).
    pub reveal: Vec<RevealRow>,
    /// What k-anonymity coarsened, and why (for `check`).
    pub generalisation: Arc<Generalisation>,
    /// `site.toml` with its texts as published: the site's title and
    /// description and the onboarding steps' titles, notes and questions
    /// are the author's words, scrubbed as a chapter's are.
    pub config: Arc<Config>,
}

/// Every case's quasi-identifiers and how far they are coarsened.
#[derive(Debug, Clone, Default)]
pub struct Generalisation {
    pub plan: Arc<kanon::Plan>,
    /// Index-aligned with `Site::cases`: each case's quasi-identifiers as
    /// published, and its client as published (its pseudonym).
    pub prepared: Vec<Arc<(kanon::Quasi, String)>>,
}

impl Generalisation {
    pub fn quasi(&self, ci: usize) -> &kanon::Quasi {
        &self.prepared[ci].0
    }

    pub fn client(&self, ci: usize) -> &str {
        &self.prepared[ci].1
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RevealRow {
    pub published_as: String,
    pub real: String,
    pub what: String,
}

/// The anonymizer of one state of the secret set: the secrets, the
/// pseudonyms and roles that stand in for them, and the detectors. It is a
/// function of the site's sensitive values (and of `site.toml` and the
/// key), so an incremental rebuild keeps it while those stay the same and
/// re-scrubs only the chapters and cases that changed.
pub struct Anonymizer {
    secrets: Arc<SecretSet>,
    resolver: Resolver,
    detectors: detect::Detectors,
    skip: Skip,
    /// The site's language (a chapter's when it has none of its own).
    language: String,
    /// What each case's slug is made from, by its parse: an anonymizer
    /// lives as long as its secret set, and slugs are assigned on every
    /// rebuild.
    slug_from: std::sync::Mutex<ByArc<Case, SlugFrom>>,
    /// Each case's quasi-identifiers as published and its client's
    /// pseudonym, by its parse…
    quasi: std::sync::Mutex<ByArc<Case, Arc<(kanon::Quasi, String)>>>,
    /// …and the last plan, with what it was made from.
    #[allow(clippy::type_complexity)]
    plan: std::sync::Mutex<
        Option<(
            Vec<Arc<(kanon::Quasi, String)>>,
            Vec<String>,
            Arc<kanon::Plan>,
        )>,
    >,
}

impl Anonymizer {
    /// The secret set and its stand-ins.
    pub fn new(config: &Config, site: &Site, key: &[u8]) -> Anonymizer {
        let secrets = SecretSet::collect(config, site);
        let avoid = |w: &str| secrets.contains_any(w);

        // Drafts too: a chapter may name a client whose case is a draft,
        // and keeps the same pseudonym when the draft is published.
        let records: Vec<&Case> = site.all_records().map(|c| &**c).collect();

        // Clients: one pseudonym per client name across all records.
        let w = words::words(&config.language);
        let clients = pseudonym::assign(
            key,
            w.client_prefix,
            records.iter().map(|c| c.record.client.name.clone()),
            &avoid,
        );

        // Contacts: their role where it is theirs alone in the record, else a
        // pseudonym from their name.
        let mut persons: HashMap<(usize, usize), Person> = HashMap::new();
        let mut need_pseudonym: Vec<((usize, usize), String)> = Vec::new();
        for (ci, case) in records.iter().enumerate() {
            let contacts = &case.record.contacts;
            let roles: Vec<Option<String>> = contacts
                .iter()
                .map(|c| c.role.as_deref().and_then(role_noun))
                .collect();
            for (i, c) in contacts.iter().enumerate() {
                let role = roles[i].as_deref();
                let shared = role.is_some_and(|r| {
                    roles
                        .iter()
                        .flatten()
                        .filter(|x| fold(x).ends_with(&fold(r)))
                        .count()
                        > 1
                });
                match role {
                    Some(r) if !shared && !secrets.contains_any(r) => {
                        persons.insert((ci, i), Person::Role(r.to_string()));
                    }
                    _ => {
                        let basis = c
                            .name
                            .clone()
                            .or_else(|| c.email.clone())
                            .unwrap_or_else(|| format!("{}#{i}", case.rel));
                        need_pseudonym.push(((ci, i), basis));
                    }
                }
            }
        }
        let person_names = pseudonym::assign(
            key,
            w.contact_prefix,
            need_pseudonym.iter().map(|(_, b)| b.clone()),
            &avoid,
        );
        for (at, basis) in &need_pseudonym {
            if let Some(p) = person_names.get(&fold(basis)) {
                persons.insert(*at, Person::Named(p.clone()));
            }
        }
        let skip = Skip::from_env();
        let country = config.anonymize.phone_country(&config.language);
        Anonymizer {
            secrets: Arc::new(secrets),
            resolver: Resolver {
                clients,
                persons,
                words: words::words(&config.language),
            },
            detectors: detect::Detectors::new(&country, !skip.is("country-phones")),
            skip,
            language: config.language.clone(),
            slug_from: Default::default(),
            quasi: Default::default(),
            plan: Default::default(),
        }
    }

    pub fn secrets(&self) -> &Arc<SecretSet> {
        &self.secrets
    }

    /// The scrubber for pages in `lang`.
    fn scrubber(&self, lang: &str) -> Scrubber<'_> {
        Scrubber {
            secrets: &self.secrets,
            stand_ins: &self.resolver,
            detectors: &self.detectors,
            skip: &self.skip,
            words: words::words(lang),
            inflect: inflects(lang),
            prose: None,
        }
    }

    /// The scrubber of a case's text: dates and amounts at `dates`.
    fn case_scrubber(&self, config: &Config, dates: crate::config::DatePrecision) -> Scrubber<'_> {
        Scrubber {
            prose: Some(quasi::Prose::new(config, dates)),
            ..self.scrubber(&self.language)
        }
    }

    /// Every case's quasi-identifiers, and the coarsening k-anonymity needs
    /// ([`kanon`]): a function of all the cases, planned on every run.
    pub fn generalise(&self, config: &Config, site: &Site) -> Arc<Generalisation> {
        use rayon::prelude::*;
        let make = |ci: usize, c: &Case| {
            let s = self.case_scrubber(config, config.anonymize.dates);
            let line = |t: &Option<String>| t.as_deref().map(|t| s.scrub_line(t, Some(ci)));
            let r = &c.record;
            let quasi = kanon::Quasi::new(
                config,
                line(&r.client.industry),
                line(&r.client.region),
                line(&r.client.size),
                r.engagement.as_ref().and_then(|e| line(&e.service)),
                r.exit.date,
            );
            let client = self
                .resolver
                .text(&StandIn::Client(fold(&r.client.name)), self.resolver.words)
                .0;
            Arc::new((quasi, client))
        };
        let mut kept = self.quasi.lock().unwrap_or_else(|e| e.into_inner());
        let prepared: Vec<Arc<(kanon::Quasi, String)>> = site
            .cases
            .par_iter()
            .enumerate()
            .map(|(ci, c)| match kept.get_at(ci, c) {
                Some(q) => Arc::clone(q),
                None => make(ci, c),
            })
            .collect();
        kept.keep(&site.cases, &prepared);
        drop(kept);
        let refs: Vec<&kanon::Quasi> = prepared.iter().map(|p| &p.0).collect();
        let names: Vec<&str> = site.cases.iter().map(|c| c.rel.as_str()).collect();
        // The same cases with the same values (a chapter edited, a story
        // rewritten): the same plan.
        let mut last = self.plan.lock().unwrap_or_else(|e| e.into_inner());
        let plan = match &*last {
            Some((q, n, plan))
                if q.len() == refs.len()
                    && q.iter().zip(&refs).all(|(a, b)| a.0 == **b)
                    && n.iter().zip(&names).all(|(a, b)| a == b) =>
            {
                Arc::clone(plan)
            }
            _ => {
                let plan = Arc::new(kanon::plan(config, &refs, &names));
                *last = Some((
                    prepared.clone(),
                    names.iter().map(|n| n.to_string()).collect(),
                    Arc::clone(&plan),
                ));
                plan
            }
        };
        drop(last);
        Arc::new(Generalisation { plan, prepared })
    }

    /// `config` with its texts as they may be published (see
    /// [`Published::config`]).
    pub fn site_texts(&self, config: &Config) -> Config {
        let s = self.scrubber(&self.language);
        let line = |t: &mut String| *t = s.scrub_line(t, None);
        let text = |t: &mut String| *t = s.scrub(t, None).text;
        let mut out = config.clone();
        line(&mut out.title);
        out.description.iter_mut().for_each(line);
        for step in &mut out.onboarding {
            step.title.iter_mut().for_each(line);
            step.note.iter_mut().for_each(text);
            for q in &mut step.questions {
                text(&mut q.q);
                text(&mut q.a);
            }
        }
        out
    }

    /// What may be published of one chapter.
    pub fn chapter(&self, c: &Chapter) -> PublicChapter {
        let lang = c.lang.as_deref().unwrap_or(&self.language);
        public::chapter(&self.scrubber(lang), c)
    }

    /// What may be published of case `ci` of `site`, coarsened as `g`
    /// plans, without its slug and chapter links (see
    /// [`Anonymizer::finish`]).
    pub fn case(
        &self,
        config: &Config,
        site: &Site,
        ci: usize,
        g: &Generalisation,
        untitled: &Untitled<'_>,
    ) -> PublicCase {
        let c = g.plan.cases[ci];
        let s = self.case_scrubber(config, c.dates);
        public::case(
            config,
            &site.cases[ci],
            &s,
            (ci, g.client(ci)),
            g.quasi(ci),
            c,
            untitled,
        )
    }

    /// The site-wide part: every case's slug (the slug rule looks at all
    /// cases at once) and its links to chapters, and the reveal map.
    pub fn finish(
        &self,
        config: &Config,
        site: &Site,
        chapters: Vec<Arc<PublicChapter>>,
        mut cases: Vec<Arc<PublicCase>>,
        generalisation: Arc<Generalisation>,
        reveal: bool,
    ) -> (Published, Diagnostics) {
        let mut diags = Diagnostics::default();
        let holds_secret = |s: &str| self.secrets.contains_any(&secrets::slug_text(s));
        // A chapter's URL is its file's name, which no rule replaces (links
        // and records name the chapter by it): a name in it is the author's
        // to change, told here rather than by the leak gate's findings in
        // every page that links to it.
        for c in &site.chapters {
            let mut fields: Vec<String> = self
                .secrets
                .find_all(&secrets::slug_text(&c.slug))
                .into_iter()
                .map(|f| {
                    let o = &self.secrets.origins[self.secrets.forms[f].origin];
                    format!("`{}` of {}", o.field, o.file)
                })
                .collect();
            fields.sort();
            fields.dedup();
            if !fields.is_empty() {
                diags.push(
                    crate::diag::Diagnostic::error(format!(
                        "the chapter's file name holds {}: it would be the chapter's URL",
                        fields.join(", ")
                    ))
                    .in_file(&c.shown)
                    .help("rename the file after what the chapter is about, without the name; then use the new name where other chapters link to it (`@/chapters/NAME`) and in records' `chapters:` lists"),
                );
            }
        }
        let slug_from = |case: &Case| match &case.record.slug {
            Some(slug) if holds_secret(slug) => SlugFrom::GivenSecret,
            Some(slug) => SlugFrom::Given(slug.clone()),
            None => {
                let stem = crate::text::slugify(&case.stem);
                if stem.is_empty() || holds_secret(&case.stem) || names_its_record(case) {
                    SlugFrom::Pseudonym
                } else {
                    SlugFrom::Stem(stem)
                }
            }
        };
        let from = match self.slug_from.lock() {
            Ok(mut kept) => kept.all(&site.cases, slug_from),
            Err(_) => site.cases.iter().map(|c| slug_from(c)).collect(),
        };
        let slugs = assign_slugs(site, &from, &self.resolver, &cases, &mut diags);
        let by_slug = chapter_slugs(site);
        for ((public, slug), case) in cases.iter_mut().zip(slugs).zip(&site.cases) {
            let links: Vec<usize> = case
                .record
                .chapters
                .iter()
                .filter_map(|s| by_slug.get(s.as_str()).copied())
                .collect();
            // Cached cases usually have both already: copy only on change.
            if public.slug != slug || public.chapters != links {
                let p = Arc::make_mut(public);
                p.slug = slug;
                p.chapters = links;
            }
        }
        // Only `--reveal-map` reads it: every case's names, sorted.
        let reveal = if reveal {
            reveal_rows(site, &self.resolver, &cases)
        } else {
            Vec::new()
        };
        (
            Published {
                cases,
                chapters,
                secrets: Arc::clone(&self.secrets),
                reveal,
                generalisation,
                config: Arc::new(self.site_texts(config)),
            },
            diags,
        )
    }
}

/// Whether a record's file stem holds a word of four letters or more of its
/// own sensitive values (`brennholt2024.yaml` of "Brennholt-Vasquez Logistik
/// GmbH"): one word of a company's name is no secret form on its own (it may
/// be an everyday word), but a file named after the client names it in
/// every link to the case, so such a stem gives way to the pseudonym.
fn names_its_record(case: &Case) -> bool {
    let words = |t: &str| -> Vec<String> {
        secrets::fold(t)
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| w.len() >= 4)
            .map(str::to_string)
            .collect()
    };
    let stem = words(&case.stem);
    !stem.is_empty()
        && crate::model::sensitive::values(&case.record)
            .iter()
            .any(|v| words(v.text).iter().any(|w| stem.contains(w)))
}
