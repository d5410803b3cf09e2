//! What decoding revealed a secret: named in the gate's error, so that the
//! author knows where to look without being shown the value.

/// A set of decodings (a bit each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reveal(pub u32);

impl Reveal {
    pub const NONE: Reveal = Reveal(0);
    pub const ENTITY: Reveal = Reveal(1);
    pub const NUMERIC_REF: Reveal = Reveal(1 << 1);
    pub const URL: Reveal = Reveal(1 << 2);
    pub const JS_ESCAPE: Reveal = Reveal(1 << 3);
    pub const LOOKALIKE: Reveal = Reveal(1 << 4);
    pub const COMPAT: Reveal = Reveal(1 << 5);
    pub const DIACRITIC: Reveal = Reveal(1 << 6);
    pub const INVISIBLE: Reveal = Reveal(1 << 7);
    pub const MARKUP: Reveal = Reveal(1 << 8);
    pub const JOINED: Reveal = Reveal(1 << 9);
    pub const INFLECTED: Reveal = Reveal(1 << 10);
    pub const DIGITS: Reveal = Reveal(1 << 11);
    pub const GZIP: Reveal = Reveal(1 << 12);
    pub const UTF16: Reveal = Reveal(1 << 13);
    pub const BASE64: Reveal = Reveal(1 << 14);
    pub const LATIN1: Reveal = Reveal(1 << 15);
    pub const PATH: Reveal = Reveal(1 << 16);
    pub const TRANSLIT: Reveal = Reveal(1 << 17);
    pub const ATTRIBUTE: Reveal = Reveal(1 << 18);
    pub const PLURAL: Reveal = Reveal(1 << 19);
    pub const COMMENT: Reveal = Reveal(1 << 20);
    pub const CSS_ESCAPE: Reveal = Reveal(1 << 21);
    pub const REVERSED: Reveal = Reveal(1 << 22);
    pub const IMAGE: Reveal = Reveal(1 << 23);
    pub const SPACED: Reveal = Reveal(1 << 24);
    pub const HYPHENATION: Reveal = Reveal(1 << 25);
    pub const QUOTED_PRINTABLE: Reveal = Reveal(1 << 26);
    pub const XML_ENTITY: Reveal = Reveal(1 << 27);

    pub fn contains(self, other: Reveal) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The decodings in words, for the error message.
    pub fn describe(self) -> String {
        const NAMES: &[(Reveal, &str)] = &[
            (Reveal::PATH, "in the file's path"),
            (
                Reveal::IMAGE,
                "in the image's metadata (EXIF, XMP, a comment, a text chunk, or text after the image's end)",
            ),
            (Reveal::GZIP, "gzip-inflated"),
            (Reveal::UTF16, "read as UTF-16"),
            (Reveal::LATIN1, "read as Windows-1252"),
            (Reveal::BASE64, "a base64 data URL decoded"),
            (
                Reveal::QUOTED_PRINTABLE,
                "a mail's quoted-printable encoding decoded",
            ),
            (
                Reveal::XML_ENTITY,
                "the entities an XML document declares expanded",
            ),
            (Reveal::ATTRIBUTE, "in a tag's attributes"),
            (Reveal::COMMENT, "in an HTML comment"),
            (Reveal::ENTITY, "HTML named character references decoded"),
            (Reveal::NUMERIC_REF, "numeric character references decoded"),
            (Reveal::URL, "URL-encoding decoded"),
            (Reveal::JS_ESCAPE, "JavaScript/JSON escapes decoded"),
            (Reveal::CSS_ESCAPE, "CSS escapes decoded"),
            (
                Reveal::REVERSED,
                "read right to left, as a right-to-left override shows it",
            ),
            (Reveal::MARKUP, "markup inside the word removed"),
            (Reveal::INVISIBLE, "invisible characters removed"),
            (
                Reveal::HYPHENATION,
                "a word broken by a hyphen (at a line's end, before a space, or `¬`) read whole",
            ),
            (
                Reveal::LOOKALIKE,
                "look-alike Cyrillic/Greek letters read as Latin",
            ),
            (Reveal::TRANSLIT, "Cyrillic/Greek letters transliterated"),
            (Reveal::PLURAL, "read as a plural"),
            (
                Reveal::COMPAT,
                "Unicode compatibility forms normalised (NFKC)",
            ),
            (Reveal::DIACRITIC, "diacritics folded"),
            (
                Reveal::JOINED,
                "joined to its neighbours (digits, `_`, or a change of letter case)",
            ),
            (Reveal::INFLECTED, "an inflected form"),
            (Reveal::SPACED, "its letters spaced apart read as one word"),
            (Reveal::DIGITS, "a phone number's digits, however separated"),
        ];
        let parts: Vec<&str> = NAMES
            .iter()
            .filter(|(r, _)| self.contains(*r))
            .map(|(_, n)| *n)
            .collect();
        if parts.is_empty() {
            "as plain text".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl std::ops::BitOr for Reveal {
    type Output = Reveal;
    fn bitor(self, o: Reveal) -> Reveal {
        Reveal(self.0 | o.0)
    }
}

impl std::ops::BitOrAssign for Reveal {
    fn bitor_assign(&mut self, o: Reveal) {
        self.0 |= o.0;
    }
}
