//! Who stands in for whom: stand-ins resolved to pseudonyms and roles, and
//! the reveal map of `build --reveal-map`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::anonymize::scrub::StandIns;
use crate::anonymize::secrets::{StandIn, fold};
use crate::anonymize::words::Words;
use crate::anonymize::{PublicCase, RevealRow, pseudonym};
use crate::model::site::Site;

/// Stand-ins resolved to text: pseudonyms and roles.
pub(super) struct Resolver {
    pub(super) clients: HashMap<String, String>,
    pub(super) persons: HashMap<(usize, usize), Person>,
    /// The words of the site's language (for the reveal map).
    pub(super) words: &'static Words,
}

/// Who stands in for a contact.
#[derive(Debug, Clone)]
pub(super) enum Person {
    /// Their role, as a noun ("Operations Director"): the page's article
    /// goes before it.
    Role(String),
    /// A pseudonym ("Contact Amber Wren").
    Named(String),
}

impl Person {
    /// As prose, with `w`'s article before a role.
    pub(super) fn text(&self, w: &Words) -> String {
        match self {
            Person::Role(r) => format!("{}{r}", w.article),
            Person::Named(n) => n.clone(),
        }
    }
}

impl StandIns for Resolver {
    fn text(&self, s: &StandIn, w: &'static Words) -> (String, String) {
        let client = |k: &str| {
            self.clients
                .get(k)
                .cloned()
                .unwrap_or_else(|| w.client.to_string())
        };
        match s {
            StandIn::Client(k) => {
                let p = client(k);
                let slug = crate::text::slugify(&p);
                (p, slug)
            }
            StandIn::ClientDomain(k) => {
                let d = format!(
                    "{}.example",
                    pseudonym::slug_of(&client(k), w.client_prefix)
                );
                (d.clone(), d)
            }
            // A domain's label in prose names the client ("the
            // harborfreight account"); in a URL it is a label again.
            StandIn::ClientLabel(k) => {
                let p = client(k);
                let l = pseudonym::slug_of(&p, w.client_prefix);
                (p, l)
            }
            StandIn::Person(c, i) => {
                let p = self
                    .persons
                    .get(&(*c, *i))
                    .map_or_else(|| w.contact.to_string(), |p| p.text(w));
                let slug = crate::text::slugify(&p);
                (p, slug)
            }
            StandIn::Owner => (w.owner.into(), "account-owner".into()),
            StandIn::Email => (w.email.into(), "email-withheld".into()),
            StandIn::Phone => (w.phone.into(), "phone-withheld".into()),
            StandIn::Withheld => (w.withheld.into(), "withheld".into()),
        }
    }
}

pub(super) fn reveal_rows(site: &Site, r: &Resolver, cases: &[Arc<PublicCase>]) -> Vec<RevealRow> {
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
                    published_as: format!("{} (cases/{}/)", p.text(r.words), cases[ci].slug),
                    real: name.clone(),
                    what: "contact".into(),
                });
            }
        }
        if let Some(o) = &rec.owner {
            rows.push(RevealRow {
                published_as: format!("{} (cases/{}/)", r.words.owner, cases[ci].slug),
                real: o.clone(),
                what: "account owner".into(),
            });
        }
    }
    rows.sort();
    rows.dedup();
    rows
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
        if r.len() > article.len()
            && r.get(..article.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(article))
        {
            r = r[article.len()..].trim_start();
        }
    }
    (!r.is_empty()).then(|| r.to_string())
}

#[cfg(test)]
mod tests {
    use super::role_noun;

    #[test]
    fn a_role_as_a_noun_in_any_letters() {
        assert_eq!(
            role_noun("The Executive Director (from June 2023)").as_deref(),
            Some("Executive Director")
        );
        assert_eq!(role_noun("our CFO, EMEA").as_deref(), Some("CFO"));
        // An article's length falls inside a letter of two bytes.
        assert_eq!(role_noun("Księgowa").as_deref(), Some("Księgowa"));
        assert_eq!(
            role_noun("Główna księgowa").as_deref(),
            Some("Główna księgowa")
        );
    }
}
