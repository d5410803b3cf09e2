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

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::load::yaml::Seg;
use crate::model::case::Case;
use crate::model::chapter::Chapter;
use crate::model::site::Site;
pub use public::{PublicAction, PublicCase, PublicChapter, Story, TimelineEntry};
use scrub::{Scrubber, Skip, StandIns};
use secrets::{SecretSet, StandIn, fold, inflects};

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

/// Stand-ins resolved to text: pseudonyms and roles.
struct Resolver {
    clients: HashMap<String, String>,
    persons: HashMap<(usize, usize), String>,
}

impl StandIns for Resolver {
    fn text(&self, s: &StandIn) -> (String, String) {
        let client = |k: &str| {
            self.clients
                .get(k)
                .cloned()
                .unwrap_or_else(|| "the client".to_string())
        };
        match s {
            StandIn::Client(k) => {
                let p = client(k);
                let slug = crate::text::slugify(&p);
                (p, slug)
            }
            StandIn::ClientDomain(k) => {
                let d = format!("{}.example", pseudonym::slug_of(&client(k), "Client"));
                (d.clone(), d)
            }
            // A domain's label in prose names the client ("the
            // harborfreight account"); in a URL it is a label again.
            StandIn::ClientLabel(k) => {
                let p = client(k);
                let l = pseudonym::slug_of(&p, "Client");
                (p, l)
            }
            StandIn::Person(c, i) => {
                let p = self
                    .persons
                    .get(&(*c, *i))
                    .cloned()
                    .unwrap_or_else(|| "the contact".to_string());
                let slug = crate::text::slugify(&p);
                (p, slug)
            }
            StandIn::Owner => ("the account owner".into(), "account-owner".into()),
            StandIn::Email => ("[email withheld]".into(), "email-withheld".into()),
            StandIn::Phone => ("[phone withheld]".into(), "phone-withheld".into()),
            StandIn::Withheld => ("[withheld]".into(), "withheld".into()),
        }
    }
}

/// Build the published view of every chapter and case; problems (a `slug`
/// field that contains a secret, duplicate slugs) are reported together.
pub fn anonymize(config: &Config, site: &Site, key: &[u8]) -> (Published, Diagnostics) {
    use rayon::prelude::*;
    let a = Anonymizer::new(config, site, key);
    let generalisation = a.generalise(config, site);
    let chapters: Vec<Arc<PublicChapter>> = site
        .chapters
        .par_iter()
        .map(|c| Arc::new(a.chapter(c)))
        .collect();
    let cases: Vec<Arc<PublicCase>> = (0..site.cases.len())
        .into_par_iter()
        .map(|ci| Arc::new(a.case(config, site, ci, &generalisation)))
        .collect();
    a.finish(site, chapters, cases, generalisation, true)
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

/// What a case's URL slug is made from, before clashes are settled.
#[derive(Debug, Clone)]
enum SlugFrom {
    /// The record's `slug` field…
    Given(String),
    /// …which holds a secret (an error).
    GivenSecret,
    /// The file stem, as a slug.
    Stem(String),
    /// The client's pseudonym and the exit month: the stem is empty or
    /// holds a secret.
    Pseudonym,
}

impl Anonymizer {
    /// The secret set and its stand-ins.
    pub fn new(config: &Config, site: &Site, key: &[u8]) -> Anonymizer {
        let secrets = SecretSet::collect(config, site);
        let avoid = |w: &str| secrets.contains_any(w);

        // Drafts too: a chapter may name a client whose case is a draft,
        // and keeps the same pseudonym when the draft is published.
        let records: Vec<&Case> = site
            .cases
            .iter()
            .chain(&site.draft_cases)
            .map(|c| &**c)
            .collect();

        // Clients: one pseudonym per client name across all records.
        let clients = pseudonym::assign(
            key,
            "Client",
            records.iter().map(|c| c.record.client.name.clone()),
            &avoid,
        );

        // Contacts: their role where it is theirs alone in the record, else a
        // pseudonym from their name.
        let mut persons: HashMap<(usize, usize), String> = HashMap::new();
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
                        persons.insert((ci, i), format!("the {r}"));
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
            "Contact",
            need_pseudonym.iter().map(|(_, b)| b.clone()),
            &avoid,
        );
        for (at, basis) in &need_pseudonym {
            if let Some(p) = person_names.get(&fold(basis)) {
                persons.insert(*at, p.clone());
            }
        }
        let skip = Skip::from_env();
        let country = config.anonymize.phone_country(&config.language);
        Anonymizer {
            secrets: Arc::new(secrets),
            resolver: Resolver { clients, persons },
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
            let client = self.resolver.text(&StandIn::Client(fold(&r.client.name))).0;
            Arc::new((quasi, client))
        };
        let mut kept = self.quasi.lock().unwrap_or_else(|e| e.into_inner());
        let prepared: Vec<Arc<(kanon::Quasi, String)>> = site
            .cases
            .par_iter()
            .enumerate()
            .map(|(ci, c)| match kept.get(c) {
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

    /// What may be published of one chapter.
    pub fn chapter(&self, c: &Chapter) -> PublicChapter {
        let lang = c.lang.as_deref().unwrap_or(&self.language);
        public::chapter(&self.scrubber(lang), c)
    }

    /// What may be published of case `ci` of `site`, coarsened as `g`
    /// plans, without its slug and chapter links (see
    /// [`Anonymizer::finish`]).
    pub fn case(&self, config: &Config, site: &Site, ci: usize, g: &Generalisation) -> PublicCase {
        let c = g.plan.cases[ci];
        let s = self.case_scrubber(config, c.dates);
        public::case(config, &site.cases[ci], &s, ci, g.quasi(ci), c)
    }

    /// The site-wide part: every case's slug (the slug rule looks at all
    /// cases at once) and its links to chapters, and the reveal map.
    pub fn finish(
        &self,
        site: &Site,
        chapters: Vec<Arc<PublicChapter>>,
        mut cases: Vec<Arc<PublicCase>>,
        generalisation: Arc<Generalisation>,
        reveal: bool,
    ) -> (Published, Diagnostics) {
        let mut diags = Diagnostics::default();
        let holds_secret = |s: &str| self.secrets.contains_any(&secrets::slug_text(s));
        let slug_from = |case: &Case| match &case.record.slug {
            Some(slug) if holds_secret(slug) => SlugFrom::GivenSecret,
            Some(slug) => SlugFrom::Given(slug.clone()),
            None => {
                let stem = crate::text::slugify(&case.stem);
                if stem.is_empty() || holds_secret(&case.stem) {
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
            },
            diags,
        )
    }
}

/// A contact's role as a noun that reads after "the": "The Executive
/// Director (from June 2023)" → "Executive Director", "our CFO, EMEA" →
/// "CFO". `None` when nothing is left.
pub fn role_noun(role: &str) -> Option<String> {
    let mut r = role.trim();
    for cut in ["(", ",", ";", " - ", " – ", " — ", "[", " / "] {
        if let Some(i) = r.find(cut) {
            r = &r[..i];
        }
    }
    let mut r = r.trim().trim_end_matches(['.', ':', '!']).trim();
    for article in ["the ", "our ", "their ", "a ", "an "] {
        if r.len() > article.len() && r[..article.len()].eq_ignore_ascii_case(article) {
            r = r[article.len()..].trim_start();
        }
    }
    (!r.is_empty()).then(|| r.to_string())
}

/// Original chapters by slug (the first of a slug, as `Site::chapter_by_slug`).
fn chapter_slugs(site: &Site) -> HashMap<&str, usize> {
    let mut by_slug = HashMap::new();
    for (i, c) in site.originals() {
        by_slug.entry(c.slug.as_str()).or_insert(i);
    }
    by_slug
}

fn reveal_rows(site: &Site, r: &Resolver, cases: &[Arc<PublicCase>]) -> Vec<RevealRow> {
    let mut rows = Vec::new();
    for (ci, case) in site.cases.iter().enumerate() {
        let rec = &case.record;
        if let Some(p) = r.clients.get(&fold(&rec.client.name)) {
            rows.push(RevealRow {
                published_as: p.clone(),
                real: rec.client.name.clone(),
                what: "client".into(),
            });
        }
        for (i, c) in rec.contacts.iter().enumerate() {
            if let (Some(p), Some(name)) = (r.persons.get(&(ci, i)), &c.name) {
                rows.push(RevealRow {
                    published_as: format!("{p} (cases/{}/)", cases[ci].slug),
                    real: name.clone(),
                    what: "contact".into(),
                });
            }
        }
        if let Some(o) = &rec.owner {
            rows.push(RevealRow {
                published_as: format!("the account owner (cases/{}/)", cases[ci].slug),
                real: o.clone(),
                what: "account owner".into(),
            });
        }
    }
    rows.sort();
    rows.dedup();
    rows
}

/// The case slug rule: the `slug` field, else the file stem; a stem that
/// holds any form of a secret becomes the client's pseudonym and exit month
/// (`cobalt-heron-2025-03`), with `-2`, `-3`… in file-path order where two
/// would collide. A `slug` field that holds a secret is an error.
fn assign_slugs(
    site: &Site,
    from: &[SlugFrom],
    resolver: &Resolver,
    cases: &[Arc<PublicCase>],
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut slugs = vec![String::new(); cases.len()];
    let mut taken: HashMap<&str, usize> = HashMap::with_capacity(cases.len());
    let mut fallback: Vec<usize> = Vec::new();
    for (i, from) in from.iter().enumerate() {
        match from {
            SlugFrom::GivenSecret => diags.push(
                site.cases[i]
                    .error_at(
                        &[Seg::Key("slug".into())],
                        "the `slug` field contains a sensitive value",
                    )
                    .help("a case URL must not name the client or a person: choose a slug that describes the situation, or remove `slug` to use a generated one"),
            ),
            SlugFrom::Pseudonym => fallback.push(i),
            SlugFrom::Given(slug) | SlugFrom::Stem(slug) => {
                if let Some(&other) = taken.get(slug.as_str()) {
                    diags.push(dup_slug(site, i, other, slug));
                    continue;
                }
                taken.insert(slug, i);
                slugs[i] = slug.clone();
            }
        }
    }
    let mut taken: std::collections::HashSet<String> =
        taken.into_keys().map(str::to_string).collect();
    for i in fallback {
        let (name, _) = resolver.text(&StandIn::Client(fold(&site.cases[i].record.client.name)));
        // The exit month at the published precision (a year when dates are
        // published by year): the URL reveals no more than the page.
        let base = format!(
            "{}-{}",
            pseudonym::slug_of(&name, "Client"),
            cases[i].exit_date.datetime
        );
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone());
        slugs[i] = slug;
    }
    slugs
}

fn dup_slug(site: &Site, i: usize, other: usize, slug: &str) -> Diagnostic {
    let here = &site.cases[i];
    let path = if here.record.slug.is_some() {
        vec![Seg::Key("slug".into())]
    } else {
        Vec::new()
    };
    let mut d = here
        .error_at(
            &path,
            format!(
                "two cases would publish at `cases/{slug}/`: this one and `{}`",
                crate::diag::display_path(&site.cases[other].shown)
            ),
        )
        .help("give one of them a different `slug:` or file name");
    if path.is_empty() {
        d.line = 0;
        d.column = 0;
        d.snippet = None;
    }
    d
}
