//! What an image says besides its pixels: the text of its metadata, for
//! the gate to read like any other text.
//!
//! A photo or a screenshot in `static/` is published as it is, and its
//! metadata travels with it: a JPEG's EXIF description, artist and
//! comments, its XMP packet (title, keywords, the people tagged), a
//! comment segment, Photoshop's `Ducky` strings; a PNG's text chunks
//! (`tEXt`, `zTXt`, `iTXt`; ImageMagick's raw profiles in them, EXIF, XMP
//! or IPTC in hex, decoded) and its EXIF; a WebP's EXIF and XMP; a GIF's
//! comments, plain text and XMP; a TIFF's own tags (the structure EXIF is
//! made of); a HEIF's (a phone's HEIC) or an AVIF's EXIF and XMP items,
//! item names and `uuid` boxes; the PNG images an icon (`.ico`, `.cur`)
//! holds. A client's name typed into any of them is on the site for
//! anyone who saves the image.
//!
//! Text blocks (comments, XMP, PNG text, GIF plain text) are read as they
//! are. EXIF and IPTC are binary structures: their text fields are read
//! (EXIF's ASCII tags, Windows' UTF-16 `XP` tags and the user comment;
//! IPTC's application record), never their other bytes, and never a
//! camera's maker note: a run of random bytes there could spell a
//! client's initials. Pixel data is never read (but for an XMP packet in
//! it, below).
//!
//! What a format leaves open is read only where it *is* text (valid
//! UTF-8, or UTF-16 after a byte-order mark, nearly all of it printable:
//! `as_text`): a chunk, segment, box or extension no reader here knows,
//! and the bytes after an image's end (PNG's `IEND`, JPEG's `EOI`, the
//! RIFF's size, GIF's trailer, a BMP's pixels), between a BMP's headers
//! and its pixels, between and after an icon's images, or in a HEIF's
//! data that no item claims — a tool's note, or a name pasted there, is
//! text; an ICC profile, compressed data or random bytes are not, and
//! are never read. A BMP is read for nothing else. In every image, an
//! XMP packet (`<?xpacket`, `<x:xmpmeta`, `<rdf:RDF`, in UTF-8 or UTF-16)
//! is read wherever it stands, where a reader above has not read it: it
//! cannot occur by chance. Other formats are published as they are.

use std::io::Read;
use std::ops::Range;

mod exif;
mod formats;
mod isobmff;
mod xmp;

use formats::{bmp, gif, ico, jpeg, png, webp};

pub use isobmff::is_image as is_isobmff_image;

/// The most a compressed PNG text chunk may inflate to.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

/// The text of the metadata of the image `b` (PNG, JPEG, WebP, GIF, BMP,
/// TIFF, HEIF or AVIF, ICO or CUR), one block a line; `None` when it has
/// none (or is another format).
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
    } else if isobmff::is_image(b) {
        isobmff::isobmff(b, &mut out);
    } else if b.starts_with(&[0, 0, 1, 0]) || b.starts_with(&[0, 0, 2, 0]) {
        ico(b, &mut out);
    }
    // Whatever the format, and wherever in it (a TIFF's XMP tag, an
    // unknown box, a BMP's pixels), an XMP packet is text.
    xmp::packets(b, &mut out);
    (!out.0.is_empty()).then_some(out.0)
}

/// The text gathered so far, a block a line.
#[derive(Default)]
pub(super) struct Text(String);

impl Text {
    /// A block that is text (UTF-8, or Latin-1 where it is not).
    pub(super) fn text(&mut self, b: &[u8]) {
        self.push(&block(b));
    }

    /// A block of text, unless it has been read already (a reader of
    /// the format found it before a search of the bytes did).
    pub(super) fn once(&mut self, b: &[u8]) {
        let t = block(b);
        if !self.0.contains(t.trim()) {
            self.push(&t);
        }
    }

    fn push(&mut self, t: &str) {
        if !t.trim().is_empty() {
            self.0.push_str(t);
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

/// `b` as text (UTF-8, or Latin-1 where it is not), its NULs line breaks.
fn block(b: &[u8]) -> String {
    let t = match std::str::from_utf8(b) {
        Ok(t) => t.to_string(),
        Err(_) => b.iter().map(|&c| char::from(c)).collect(),
    };
    t.replace('\0', "\n")
}

/// `ranges` in order, those that overlap or touch joined: apart.
pub(super) fn merge(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_by_key(|r| r.start);
    ranges.dedup_by(|next, prev| {
        let joined = next.start <= prev.end;
        if joined {
            prev.end = prev.end.max(next.end);
        }
        joined
    });
}

/// The parts of `within` that none of `used` (in order and apart, as
/// [`merge`] leaves them) covers: what a format's structure leaves open.
pub(super) fn gaps(within: Range<usize>, used: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = within.start;
    let first = used.partition_point(|r| r.end <= within.start);
    for r in used[first..].iter().take_while(|r| r.start < within.end) {
        if r.start > at {
            out.push(at..r.start);
        }
        at = at.max(r.end);
    }
    if at < within.end {
        out.push(at..within.end);
    }
    out
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
    if let Some(inflated) = inflated(b) {
        out.text(&inflated);
    }
}

/// zlib data, inflated; `None` where it does not inflate (a viewer shows
/// nothing of it).
pub(super) fn inflated(b: &[u8]) -> Option<Vec<u8>> {
    let mut inflated = Vec::new();
    let mut d = flate2::read::ZlibDecoder::new(b).take(MAX_INFLATED);
    d.read_to_end(&mut inflated).ok().map(|_| inflated)
}

#[cfg(test)]
mod tests;
