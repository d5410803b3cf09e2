//! Heading ids (unique on a page) and the sections search cuts a page
//! into at its headings.

use super::*;

/// Heading ids given so far, and the next suffix to try for each.
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or `base-1`, `base-2`…: each suffix is tried once per base,
    /// so 3,000 identical headings cost 3,000 steps, not 4.5 million.
    pub(super) fn unique(&mut self, base: String) -> String {
        let footnote = base.starts_with("fn:") || base.starts_with("fnref:");
        if !footnote && self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Cut `plain` at the headings found while rendering; the text before the
/// first heading is a section of its own when it holds any.
pub(super) fn sections(plain: &str, cuts: Vec<(usize, usize, String, u8, String)>) -> Vec<Section> {
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let first = cuts.first().map_or(plain.len(), |c| c.0);
    if !plain[..first].trim().is_empty() {
        out.push(Section {
            text: plain[..first].trim().into(),
            ..Section::default()
        });
    }
    let ends: Vec<usize> = cuts.iter().skip(1).map(|c| c.0).collect();
    for (k, (_, body, id, level, heading)) in cuts.into_iter().enumerate() {
        let end = ends.get(k).copied().unwrap_or(plain.len());
        out.push(Section {
            id: Some(id),
            level,
            heading,
            text: plain[body.min(end)..end].trim().into(),
        });
    }
    out
}

/// Give a heading its id: the one written (`{#id}`, when it is made of
/// letters, digits, `-`, `_`, `.` and `:`; else a slug of it) or a slug of
/// its text, made unique on the page with `-1`, `-2`…
pub(super) fn heading_id(start: &mut Event<'_>, text: &str, ids: &mut Ids, prefix: &str) -> String {
    let Event::Start(Tag::Heading { id, .. }) = start else {
        return String::new();
    };
    let safe = |s: &str| {
        !s.is_empty()
            && s.len() <= 200
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    };
    let base = match id {
        Some(given) if safe(given) => given.to_string(),
        Some(given) => slugify(given),
        None => slugify(text),
    };
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let unique = ids.unique(format!("{prefix}{base}"));
    *id = Some(CowStr::from(unique.clone()));
    unique
}
