//! Footnotes: numbered as met, with ids no heading can take, and links
//! back to every reference.

use super::*;

/// Footnotes, numbered in the order they are first met (as pulldown-cmark
/// numbers them), with ids of their own (`fn:1`, `fnref:1`, `fnref:1:2`)
/// that no heading slug can take, and links back to every reference.
#[derive(Default)]
pub(super) struct Footnotes {
    numbers: HashMap<String, usize>,
    /// References so far, by footnote number.
    refs: HashMap<usize, usize>,
    /// Definitions being read: (number, index of their first event).
    pub(super) open: Vec<(usize, usize)>,
    /// Where each definition's links back go: (number, event index).
    pub(super) backrefs: Vec<(usize, usize)>,
}

impl Footnotes {
    pub(super) fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// The number of the footnote and which reference to it this is.
    pub(super) fn reference(&mut self, label: &str) -> (usize, usize) {
        let n = self.number(label);
        let k = self.refs.entry(n).or_insert(0);
        *k += 1;
        (n, *k)
    }

    pub(super) fn ref_id(prefix: &str, n: usize, k: usize) -> String {
        if k == 1 {
            format!("{prefix}fnref:{n}")
        } else {
            format!("{prefix}fnref:{n}:{k}")
        }
    }

    pub(super) fn fill_backrefs(&self, events: &mut [Event<'_>], prefix: &str) {
        for &(n, at) in &self.backrefs {
            let count = self.refs.get(&n).copied().unwrap_or(0);
            let links: String = (1..=count)
                .map(|k| {
                    let id = Footnotes::ref_id(prefix, n, k);
                    let mark = if k == 1 { String::new() } else { format!("<sup>{k}</sup>") };
                    format!(" <a href=\"#{id}\" class=\"footnote-backref\" aria-label=\"Back to reference {n}\">↩{mark}</a>")
                })
                .collect();
            if let Some(e) = events.get_mut(at) {
                *e = Event::InlineHtml(CowStr::from(links));
            }
        }
    }
}
