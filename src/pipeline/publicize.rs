//! The anonymize stage: the secret set and pseudonyms (made again only when
//! a sensitive value, `site.toml` or the key changed), k-anonymity (planned
//! on every run: it is site-wide), and each chapter's and case's published
//! view (made again only when its parse or its coarsening changed).

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::sources::SiteToml;
use super::{Clock, Mode};
use crate::anonymize::{self, Anonymizer, PublicCase, PublicChapter, Published};
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::kept::ByArc;
use crate::load::Location;
use crate::model::case::Case;
use crate::model::chapter::Chapter;
use crate::model::site::Site;
use crate::render::theme::Theme;
use crate::text::Fingerprint;

/// What anonymizing keeps between runs.
#[derive(Default)]
pub(super) struct Publicize {
    /// The anonymizer of the current secret set, by its fingerprint.
    anonymizer: Option<(u128, Arc<Anonymizer>)>,
    chapters: ByArc<Chapter, Arc<PublicChapter>>,
    cases: ByArc<Case, Arc<PublicCase>>,
    /// A fingerprint of the words of untitled cases' titles.
    untitled: u128,
    /// Each case's part of the secret set's fingerprint.
    case_secrets: ByArc<Case, u128>,
    /// Whether to keep published views for the next run.
    pub(super) keep: bool,
}

/// The published handbook of one run.
pub(super) struct Publicized {
    pub(super) published: Published,
    /// A fingerprint of everything the secret set is made from.
    pub(super) secrets: u128,
}

/// What the anonymize stage reads besides the handbook.
pub(super) struct Inputs<'a> {
    pub(super) loc: &'a Location,
    pub(super) site_toml: &'a SiteToml,
    pub(super) drafts: bool,
    pub(super) mode: Mode,
    /// Whether to make the reveal map.
    pub(super) reveal: bool,
    /// The interface text the titles of untitled cases are made of.
    pub(super) theme: &'a Theme,
    /// The words the site holds whatever its content (`check` only).
    pub(super) theme_words: Option<&'a HashSet<String>>,
}

impl Publicize {
    pub(super) fn run(
        &mut self,
        inp: &Inputs<'_>,
        site: &Site,
        clock: &mut Clock,
        diags: &mut Diagnostics,
    ) -> Result<Publicized, Diagnostic> {
        let config = &inp.site_toml.config;
        let missing = match inp.mode {
            Mode::Build => anonymize::key::Missing::Create,
            Mode::Check => anonymize::key::Missing::Ephemeral,
        };
        let root = &inp.loc.root;
        let key = anonymize::key::load(root, root, &config.anonymize.key_env, missing)?;
        if let anonymize::key::KeySource::Created(path) = &key.source {
            diags.push(
                Diagnostic::note(format!(
                    "created a random pseudonym key in {}",
                    diag::display_path(path)
                ))
                .help(format!(
                    "keep it out of version control (.gitignore has .exitbook/); in CI set ${} so that pseudonyms stay the same from build to build",
                    config.anonymize.key_env
                )),
            );
        }
        let secrets = self.fingerprint(&inp.site_toml.text, &key.bytes, inp.drafts, site);
        let anonymizer = match &self.anonymizer {
            Some((fp, a)) if *fp == secrets => Arc::clone(a),
            _ => {
                let a = Arc::new(Anonymizer::new(config, site, &key.bytes));
                if self.keep {
                    self.anonymizer = Some((secrets, Arc::clone(&a)));
                }
                self.chapters = ByArc::default();
                self.cases = ByArc::default();
                a
            }
        };
        clock.lap("secret set");
        let lang = config.language.as_str();
        let i18n = &inp.theme.i18n;
        let untitled = |reason: &str, year: u16| i18n.untitled(lang, reason, year);
        let words = Fingerprint::default()
            .str(lang)
            .str(&i18n.value(lang).to_string())
            .finish();
        if words != self.untitled {
            self.untitled = words;
            self.cases = ByArc::default();
        }
        let generalisation = anonymizer.generalise(config, site);
        clock.lap("generalise");
        // Published as before while the parse is the same (and so the text).
        let (kept_chapters, kept_cases) = (&self.chapters, &self.cases);
        let chapters: Vec<Arc<PublicChapter>> = site
            .chapters
            .par_iter()
            .enumerate()
            .map(|(i, c)| match kept_chapters.get_at(i, c) {
                Some(p) => Arc::clone(p),
                None => Arc::new(anonymizer.chapter(c)),
            })
            .collect();
        let cases: Vec<Arc<PublicCase>> = site
            .cases
            .par_iter()
            .enumerate()
            .map(|(ci, c)| match kept_cases.get_at(ci, c) {
                Some(p) if p.coarsening == generalisation.plan.cases[ci] => Arc::clone(p),
                _ => Arc::new(anonymizer.case(config, site, ci, &generalisation, &untitled)),
            })
            .collect();
        let (published, d) =
            anonymizer.finish(config, site, chapters, cases, generalisation, inp.reveal);
        diags.extend(d.0);
        if self.keep {
            self.chapters.keep(&site.chapters, &published.chapters);
            self.cases.keep(&site.cases, &published.cases);
        }
        if inp.mode == Mode::Build
            && let Some(w) = anonymize::kanon::report::short_of_k(
                &inp.site_toml.shown,
                &published.generalisation,
            )
        {
            diags.push(w);
        }
        if inp.mode == Mode::Check {
            let shown = &inp.site_toml.shown;
            let none = HashSet::new();
            let words = inp.theme_words.unwrap_or(&none);
            diags.extend(anonymize::report::report(config, shown, site, &published, words).0);
        }
        clock.lap("anonymize");
        Ok(Publicized { published, secrets })
    }

    /// Everything the secret set and the stand-ins are made from:
    /// `site.toml`, the key, and each record's sensitive values
    /// ([`crate::model::sensitive`]) and its contacts' roles, in site order.
    /// Drafts too: their values are in the secret set.
    fn fingerprint(&mut self, config_text: &str, key: &[u8], drafts: bool, site: &Site) -> u128 {
        let records: Vec<Arc<Case>> = site.all_records().cloned().collect();
        let parts = self.case_secrets.all(&records, |c| {
            let mut fp = Fingerprint::default();
            fp.str(&c.rel).str(&c.shown.to_string_lossy()).str(&c.stem);
            for s in crate::model::sensitive::values(&c.record) {
                fp.str(&s.field).str(s.text);
            }
            // Roles decide who gets a pseudonym and who a role noun.
            for contact in &c.record.contacts {
                fp.json(&contact.role);
            }
            // Its own exact days and amounts are forms the gate refuses.
            fp.json(&crate::anonymize::quasi::own_values(&c.record));
            fp.finish()
        });
        if !self.keep {
            self.case_secrets = ByArc::default();
        }
        let mut fp = Fingerprint::default();
        fp.str(config_text).bytes(key).u128(u128::from(drafts));
        for p in &parts {
            fp.u128(*p);
        }
        fp.finish()
    }
}
