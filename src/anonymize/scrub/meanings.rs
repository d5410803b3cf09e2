//! Which person a shared name stands for. A record's contact and our own
//! account owner may share a first name: "Ingrid asked Ingrid" is two
//! people, and reads "the Office Manager asked the account owner", not the
//! Office Manager asking herself. (A name shared across records is the
//! record's own: [`Scrubber::own_meanings`].)

use crate::anonymize::secrets::StandIn;
use crate::anonymize::view;

use super::Scrubber;

impl Scrubber<'_> {
    /// The meanings record `case` gives form `form`, each stand-in once, in
    /// the order its values were declared (its contacts, then our account
    /// owner): more than one where two of its people share a first name.
    pub(super) fn own_meanings(
        &self,
        form: usize,
        case: Option<usize>,
    ) -> impl Iterator<Item = (usize, &StandIn)> {
        let f = &self.secrets.forms[form];
        let case_of = |o: usize| self.secrets.origins[o].case;
        let primary =
            (case.is_some() && case_of(f.origin) == case).then_some((f.origin, &f.stand_in));
        // The alternatives are sorted by record.
        let at = f.alts.partition_point(|(o, _)| case_of(*o) < case);
        let alts = f.alts[at..]
            .iter()
            .take_while(move |(o, _)| case.is_some() && case_of(*o) == case)
            .map(|(o, s)| (*o, s));
        let all = move || primary.into_iter().chain(alts.clone());
        all()
            .enumerate()
            .filter(move |(i, (_, s))| !all().take(*i).any(|(_, t)| t == *s))
            .map(|(_, m)| m)
    }

    /// Which of its record's meanings each match of `found` takes: the
    /// first, except where two people of the record share the matched
    /// name ("Ingrid asked Ingrid" of the client's Ingrid and ours): a
    /// mention after one of those people in the same sentence is the next
    /// of them, not the same one twice. Each sentence starts again from
    /// the first.
    pub(super) fn mentions(
        &self,
        text: &str,
        found: &[(&view::View, (usize, usize, usize))],
        case: Option<usize>,
    ) -> Vec<usize> {
        let mut nth = vec![0; found.len()];
        let shared = |form: usize| {
            !self.secrets.forms[form].alts.is_empty()
                && self.own_meanings(form, case).nth(1).is_some()
        };
        if case.is_none() || !found.iter().any(|(_, (_, _, form))| shared(*form)) {
            return nth;
        }
        // In the order they stand, a match inside a longer one left out
        // (it loses to the longer one: `Ingrid` of `Ingrid Lindqvist`).
        let mut order: Vec<(usize, std::cmp::Reverse<usize>, usize)> = found
            .iter()
            .enumerate()
            .map(|(i, (v, (fs, fe, _)))| {
                let (a, b) = (v.spans[*fs].start as usize, v.spans[*fe - 1].end as usize);
                (a, std::cmp::Reverse(b), i)
            })
            .collect();
        order.sort_unstable();
        let mut covered = 0;
        // The person last mentioned in this sentence, and where.
        let mut last: Option<(usize, &StandIn)> = None;
        for (start, std::cmp::Reverse(end), i) in order {
            if start < covered || end <= start {
                continue;
            }
            covered = end;
            if last.is_some_and(|(at, _)| !same_sentence(&text[at..start])) {
                last = None;
            }
            let meanings: Vec<&StandIn> = self
                .own_meanings(found[i].1.2, case)
                .map(|(_, s)| s)
                .collect();
            let n = last
                .and_then(|(_, person)| meanings.iter().position(|m| *m == person))
                .map_or(0, |j| (j + 1) % meanings.len());
            nth[i] = n;
            if let Some(m) = meanings.get(n)
                && matches!(m, StandIn::Person(..) | StandIn::Owner)
            {
                last = Some((start, m));
            }
        }
        nth
    }
}

/// Whether `between` (the text from one mention to the next) stays in one
/// sentence: no `.`, `!` or `?` before a space, no blank line.
fn same_sentence(between: &str) -> bool {
    let b = between.as_bytes();
    !between.contains("\n\n")
        && !b
            .windows(2)
            .any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::same_sentence;

    #[test]
    fn a_sentence_ends_at_its_mark_or_a_blank_line() {
        assert!(same_sentence("Ingrid asked "));
        assert!(same_sentence("Ingrid wrote to her, and 3.5 days later "));
        assert!(!same_sentence("Ingrid called. Later "));
        assert!(!same_sentence("Ingrid called? "));
        assert!(!same_sentence("Ingrid called\n\nthen "));
        assert!(same_sentence("Ingrid called\nthen "));
    }
}
