//! What an image says besides its pixels: the text of its metadata, for
//! the gate to read like any other text.
//!
//! A photo or a screenshot in `static/` is published as it is, and its
//! metadata travels with it: a JPEG's EXIF description, artist and
//! comments, its XMP packet (title, keywords, the people tagged), a
//! comment segment, Photoshop's `Ducky` strings; a PNG's text chunks
//! (`tEXt`, `zTXt`, `iTXt`) and its EXIF; a WebP's EXIF and XMP; a GIF's
//! comments, plain text and XMP; a TIFF's own tags (the structure EXIF is
//! made of). A client's name typed into any of them is on the site for
//! anyone who saves the image.
//!
//! Text blocks (comments, XMP, PNG text, GIF plain text) are read as they
//! are. EXIF and IPTC are binary structures: their text fields are read
//! (EXIF's ASCII tags, Windows' UTF-16 `XP` tags and the user comment;
//! IPTC's application record), never their other bytes, and never a
//! camera's maker note: a run of random bytes there could spell a
//! client's initials. Pixel data is never read.
//!
//! What a format leaves open is read only where it *is* text (valid
//! UTF-8, or UTF-16 after a byte-order mark, nearly all of it printable:
//! `as_text`): a chunk, segment or extension no reader here knows, and
//! the bytes after an image's end (PNG's `IEND`, JPEG's `EOI`, the RIFF's
//! size, GIF's trailer, a BMP's pixels) — a tool's note, or a name pasted
//! there, is text; an ICC profile, compressed data or random bytes are
//! not, and are never read. A BMP is read for nothing else. Other formats
//! are published as they are.

use std::io::Read;

mod exif;
mod formats;

use formats::{bmp, gif, jpeg, png, webp};

/// The most a compressed PNG text chunk may inflate to.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

/// The text of the metadata of the image `b` (PNG, JPEG, WebP, GIF, BMP
/// or TIFF), one block a line; `None` when it has none (or is another format).
pub fn metadata(b: &[u8]) -> Option<String> {
    let mut out = Text::default();
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(b, &mut out);
    } else if b.starts_with(&[0xFF, 0xD8]) {
        jpeg(b, &mut out);
    } else if b.len() > 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP" {
        webp(b, &mut out);
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        gif(b, &mut out);
    } else if b.starts_with(b"BM") {
        bmp(b, &mut out);
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        // A TIFF is an EXIF structure whole: its artist, description,
        // copyright and the rest are the same tags.
        exif::exif(b, &mut out);
    }
    (!out.0.is_empty()).then_some(out.0)
}

/// The text gathered so far, a block a line.
#[derive(Default)]
pub(super) struct Text(String);

impl Text {
    /// A block that is text (UTF-8, or Latin-1 where it is not).
    pub(super) fn text(&mut self, b: &[u8]) {
        let t = match std::str::from_utf8(b) {
            Ok(t) => t.to_string(),
            Err(_) => b.iter().map(|&c| char::from(c)).collect(),
        };
        let t = t.replace('\0', "\n");
        if !t.trim().is_empty() {
            self.0.push_str(&t);
            self.0.push('\n');
        }
    }

    /// UTF-16 text, in the byte order given.
    pub(super) fn utf16(&mut self, b: &[u8], little: bool) {
        let units = crate::gate::read::utf16_units(b, little);
        let t: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        self.text(t.as_bytes());
    }

    /// Bytes no format says are text (an unknown chunk, what follows an
    /// image's end): read only if they are, by [`as_text`].
    pub(super) fn if_text(&mut self, b: &[u8]) {
        if let Some(t) = as_text(b) {
            self.text(t.as_bytes());
        }
    }
}

/// The fewest printable characters a block of bytes no format calls text
/// must have to be read as text; fewer are too likely to be chance.
pub(super) const MIN_TEXT: usize = 4;

/// `b` as text, if it is: valid UTF-8, or UTF-16 after a byte-order mark,
/// with its NUL padding trimmed, and at least nine characters in ten of it
/// printable (letters, digits, punctuation, spaces), [`MIN_TEXT`] at
/// least. Random bytes are almost never valid UTF-8, and structured binary
/// (lengths, offsets, colours) is full of control bytes: neither is read,
/// so a run of bytes that happens to spell a client's initials never fails
/// a build.
pub(super) fn as_text(b: &[u8]) -> Option<String> {
    let start = b.iter().position(|&c| c != 0)?;
    let b = &b[start..];
    let t = match b {
        [0xFF, 0xFE, rest @ ..] => strict_utf16(rest, true)?,
        [0xFE, 0xFF, rest @ ..] => strict_utf16(rest, false)?,
        _ => {
            let end = b.iter().rposition(|&c| c != 0).map_or(0, |e| e + 1);
            std::str::from_utf8(&b[..end]).ok()?.to_string()
        }
    };
    let t = t.trim_matches('\0');
    let (mut all, mut printable) = (0, 0);
    for c in t.chars() {
        all += 1;
        if (!c.is_control() || c.is_whitespace()) && c != char::REPLACEMENT_CHARACTER {
            printable += 1;
        }
    }
    (printable >= MIN_TEXT && printable * 10 >= all * 9).then(|| t.to_string())
}

/// UTF-16 that decodes (no lone surrogate), in the byte order given.
pub(super) fn strict_utf16(b: &[u8], little: bool) -> Option<String> {
    char::decode_utf16(crate::gate::read::utf16_units(b, little))
        .collect::<Result<String, _>>()
        .ok()
}

/// The byte order of UTF-16 `b` where a format leaves it open (EXIF's
/// user comment: the TIFF header's, say most writers; big-endian, say
/// some): a byte-order mark's (then left out), else the one in which the
/// zero byte of Latin text's characters comes where it should, else
/// `little`.
pub(super) fn utf16_order(b: &[u8], little: bool) -> (&[u8], bool) {
    match b {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => {
            let pairs = || b.chunks_exact(2);
            let high_first = pairs().filter(|p| p[0] == 0 && p[1] != 0).count();
            let low_first = pairs().filter(|p| p[0] != 0 && p[1] == 0).count();
            (
                b,
                if high_first == low_first {
                    little
                } else {
                    low_first > high_first
                },
            )
        }
    }
}

pub(super) fn split_nul(b: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(0, b) {
        Some(p) => (&b[..p], &b[p + 1..]),
        None => (b, &[]),
    }
}

/// zlib data, inflated and read as text.
pub(super) fn inflate(b: &[u8], out: &mut Text) {
    let mut inflated = Vec::new();
    let mut d = flate2::read::ZlibDecoder::new(b).take(MAX_INFLATED);
    // What does not inflate, a viewer shows nothing of.
    if d.read_to_end(&mut inflated).is_ok() {
        out.text(&inflated);
    }
}

#[cfg(test)]
mod tests;
