//! Small text helpers shared by every stage: positions, slugs, escaping.

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A URL- and id-friendly slug: lowercase letters and digits (any script)
/// joined by single hyphens.
///
/// ```
/// use exitbook::text::slugify;
/// assert_eq!(slugify("What to say — step 2"), "what-to-say-step-2");
/// assert_eq!(slugify("Rozmowa o zakończeniu"), "rozmowa-o-zakończeniu");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    out
}

/// Is `s` a valid slug as users write them (`[a-z0-9-]`, no leading or
/// trailing hyphen, no doubled hyphen)?
pub fn is_plain_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let t = "ab\nżółw: x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        let colon = t.find(':').unwrap();
        assert_eq!(line_col(t, colon), (2, 5));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("What to say — step 2"), "what-to-say-step-2");
        assert_eq!(slugify("Don't panic!"), "dont-panic");
        assert_eq!(slugify("Rozmowa o zakończeniu"), "rozmowa-o-zakończeniu");
        assert!(is_plain_slug("proofing-breakdown-2025"));
        assert!(!is_plain_slug("Proofing"));
        assert!(!is_plain_slug("a--b"));
    }
}

/// A 128-bit hash of content, for the incremental rebuild's caches (XXH3:
/// several GB/s, and 128 bits make a collision between two states of a
/// handbook practically impossible).
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A running hash of several values (each one delimited, so that `ab`+`c`
/// and `a`+`bc` differ).
#[derive(Default, Clone)]
pub struct Fingerprint(xxhash_rust::xxh3::Xxh3);

impl Fingerprint {
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn u128(&mut self, v: u128) -> &mut Self {
        self.0.update(&v.to_le_bytes());
        self
    }

    /// A value as its JSON text.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> &mut Self {
        let text = serde_json::to_vec(v).unwrap_or_default();
        self.bytes(&text)
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}
