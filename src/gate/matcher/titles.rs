//! Titles before a name (`Mr`, `Pani`, `Dr.`, `Sig.ra`), as the gate reads
//! them: where a word of a client's name counts though it is an everyday
//! word elsewhere ([`crate::anonymize::secrets::FormClass::TitledWord`]).
//! The gate's own list and reading, apart from the scrubber's: a title
//! missing there is a build that fails here, not a name published.

/// Titles as [`crate::gate::decode`] reads them: lower-case ASCII,
/// diacritics folded (`pania` of `Panią`, `inz` of `inż.`). Sorted, for a
/// binary search.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "adw", "dame", "dhr", "dna", "doc", "don", "dona", "dott", "dr", "dra", "frau", "fru",
    "heer", "herr", "herrn", "hr", "ing", "inz", "lady", "lek", "lord", "m", "madame",
    "mademoiselle", "mec", "mecenas", "mecenasa", "mecenasem", "mecenasowi", "meneer",
    "mevr", "mevrouw", "mgr", "miss", "mister", "mlle", "mme", "monsieur", "mr", "mrs", "ms",
    "mx", "pan", "pana", "panem", "pani", "pania", "panu", "prof", "rev", "senhor",
    "senhora", "senor", "senora", "senorita", "sig", "signor", "signora", "signorina",
    "sir", "sr", "sra", "srta",
];

/// Titles with a dot between letters (`Dott.ssa`, `Sig.ra`), which the
/// reading splits at the dot: their two pieces.
const SPLIT: [(&str, &str); 2] = [("dott", "ssa"), ("sig", "ra")];

/// Does the read text `before` (all of the text before a word) end with a
/// title and a space? A title of one letter (`M.`, French) only with its
/// dot.
pub(super) fn titled(before: &[u8]) -> bool {
    let Some(end) = before.iter().rposition(|&b| b != b' ') else {
        return false;
    };
    if end + 1 == before.len() {
        return false;
    }
    let dot = before[end] == b'.';
    let end = if dot { end } else { end + 1 };
    let start = before[..end]
        .iter()
        .rposition(|b| !b.is_ascii_lowercase())
        .map_or(0, |i| i + 1);
    let word = &before[start..end];
    if (dot || word.len() > 1) && TITLES.binary_search_by(|t| t.as_bytes().cmp(word)).is_ok() {
        return true;
    }
    // The second piece of a title split at its dot, right after the first.
    SPLIT.iter().any(|(head, tail)| {
        word == tail.as_bytes()
            && before[..start].strip_suffix(b" ").is_some_and(|b| {
                b.ends_with(head.as_bytes())
                    && !b[..b.len() - head.len()]
                        .last()
                        .is_some_and(u8::is_ascii_lowercase)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_scrubber_takes_the_same_titles() {
        // The gate's list is its own (its reading apart from the
        // scrubber's), but a title only the gate knew would fail builds
        // the scrubber could have made clean, and one only the scrubber
        // knew would be a blind spot of the gate.
        let scrubbers: Vec<String> = crate::anonymize::forms::HONORIFICS
            .iter()
            .map(|h| crate::anonymize::secrets::fold(h))
            .collect();
        for h in &scrubbers {
            match h.split_once('.') {
                Some(pieces) => assert!(SPLIT.contains(&pieces), "{h}"),
                None => assert!(TITLES.contains(&h.as_str()), "{h}"),
            }
        }
        for t in TITLES {
            assert!(scrubbers.iter().any(|h| h == t), "{t}");
        }
    }

    #[test]
    fn a_title_and_a_space_end_the_text() {
        for yes in ["mr ", "said mrs. ", "pania ", "m. ", "dott ssa ", "(dr  "] {
            assert!(titled(yes.as_bytes()), "{yes}");
        }
        for no in [
            "mr", "the ", "m ", "5 m ", "hmr ", "drs ", "ra ", "xsig ra ",
        ] {
            assert!(!titled(no.as_bytes()), "{no}");
        }
    }
}
