//! What an image says besides its pixels: the text of its metadata, for
//! the gate to read like any other text.
//!
//! A photo or a screenshot in `static/` is published as it is, and its
//! metadata travels with it: a JPEG's EXIF description, artist and
//! comments, its XMP packet (title, keywords, the people tagged), a
//! comment segment; a PNG's text chunks (`tEXt`, `zTXt`, `iTXt`) and its
//! EXIF; a WebP's EXIF and XMP; a GIF's comments and XMP. A client's name
//! typed into any of them is on the site for anyone who saves the image.
//!
//! Text blocks (comments, XMP, PNG text) are read as they are. EXIF is a
//! binary structure; its text is taken as runs of printable characters
//! (ASCII, UTF-8, and the UTF-16 of Windows' `XP` tags), which is what a
//! viewer shows of it, without trusting its offsets. Pixel data is never
//! read. Formats besides PNG, JPEG, WebP and GIF are published as they
//! are.

use std::io::Read;

/// The most a compressed PNG text chunk may inflate to.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

/// Runs of printable characters shorter than this, in EXIF, are noise.
const SHORTEST_RUN: usize = 3;

/// The text of the metadata of the image `b` (PNG, JPEG, WebP or GIF),
/// one block a line; `None` when it has none (or is another format).
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
    }
    (!out.0.is_empty()).then_some(out.0)
}

/// The text gathered so far, a block a line.
#[derive(Default)]
struct Text(String);

impl Text {
    /// A block that is text (UTF-8, or Latin-1 where it is not).
    fn text(&mut self, b: &[u8]) {
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

    /// A binary block (EXIF): its runs of printable characters.
    fn runs(&mut self, b: &[u8]) {
        // UTF-8 runs (ASCII included).
        let mut start = None;
        let mut i = 0;
        while i <= b.len() {
            let len = b.get(i).map_or(0, |&c| printable_utf8(&b[i..], c));
            if len > 0 {
                start.get_or_insert(i);
                i += len;
                continue;
            }
            if let Some(s) = start.take()
                && i - s >= SHORTEST_RUN
            {
                self.text(&b[s..i]);
            }
            i += 1;
        }
        // UTF-16LE runs (Windows' XPTitle, XPComment, XPAuthor, XPKeywords,
        // XPSubject), at either alignment. Only characters below U+0800
        // (Latin, Greek, Cyrillic, Hebrew, Arabic…): two bytes of ASCII
        // read as one unit are U+2020 or more, so ASCII text is not read
        // again as nonsense.
        for offset in 0..2 {
            let mut run = String::new();
            for pair in b.get(offset..).unwrap_or(&[]).chunks_exact(2) {
                let unit = u16::from_le_bytes([pair[0], pair[1]]);
                match char::from_u32(u32::from(unit)) {
                    Some(c) if unit < 0x0800 && !c.is_control() => run.push(c),
                    _ => self.flush(&mut run),
                }
            }
            self.flush(&mut run);
        }
    }

    /// A run of UTF-16 characters, if it is long enough to be text.
    fn flush(&mut self, run: &mut String) {
        if run.chars().count() >= SHORTEST_RUN {
            self.0.push_str(run);
            self.0.push('\n');
        }
        run.clear();
    }
}

/// The length of the printable character at the start of `b` (whose first
/// byte is `c`), or 0.
fn printable_utf8(b: &[u8], c: u8) -> usize {
    if c.is_ascii_graphic() || c == b' ' {
        return 1;
    }
    if c < 0xC2 {
        return 0;
    }
    let len = match c {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return 0,
    };
    match b.get(..len).map(std::str::from_utf8) {
        Some(Ok(s)) if s.chars().all(|ch| !ch.is_control()) => len,
        _ => 0,
    }
}

/// PNG: `tEXt`, `zTXt` and `iTXt` chunks (keyword and text), and `eXIf`.
fn png(b: &[u8], out: &mut Text) {
    let mut at = 8;
    while at + 8 <= b.len() {
        let len = u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
        let kind = &b[at + 4..at + 8];
        // A chunk that runs past the end: what there is of it.
        let data = &b[at + 8..(at + 8).saturating_add(len).min(b.len())];
        match kind {
            b"tEXt" => out.text(data),
            b"zTXt" => {
                let (keyword, rest) = split_nul(data);
                out.text(keyword);
                // The compression method's byte, then zlib.
                inflate(rest.get(1..).unwrap_or(&[]), out);
            }
            b"iTXt" => {
                let (keyword, rest) = split_nul(data);
                out.text(keyword);
                let compressed = rest.first() == Some(&1);
                let rest = rest.get(2..).unwrap_or(&[]);
                let (language, rest) = split_nul(rest);
                let (translated, text) = split_nul(rest);
                out.text(language);
                out.text(translated);
                if compressed {
                    inflate(text, out);
                } else {
                    out.text(text);
                }
            }
            b"eXIf" => out.runs(data),
            b"IEND" => return,
            _ => {}
        }
        at += 12 + len;
    }
}

/// JPEG: comment segments, and `APPn` segments (EXIF, XMP, IPTC and the
/// rest), up to the image data.
fn jpeg(b: &[u8], out: &mut Text) {
    let mut at = 2;
    while at + 4 <= b.len() {
        if b[at] != 0xFF {
            return;
        }
        let marker = b[at + 1];
        // Markers without a length.
        if marker == 0xFF {
            at += 1;
            continue;
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            at += 2;
            continue;
        }
        // The image data: no metadata after it that a viewer reads.
        if matches!(marker, 0xDA | 0xD9) {
            return;
        }
        let len = usize::from(u16::from_be_bytes([b[at + 2], b[at + 3]]));
        let end = (at + 2 + len).min(b.len());
        let data = b.get(at + 4..end).unwrap_or(&[]);
        match marker {
            0xFE => out.text(data),
            0xE1 if data.starts_with(b"http://ns.adobe.com/") => out.text(data),
            0xE0..=0xEF => out.runs(data),
            _ => {}
        }
        if len < 2 {
            return;
        }
        at += 2 + len;
    }
}

/// WebP: its `EXIF` and `XMP ` chunks.
fn webp(b: &[u8], out: &mut Text) {
    let mut at = 12;
    while at + 8 <= b.len() {
        let kind = &b[at..at + 4];
        let len = u32::from_le_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]) as usize;
        let end = (at + 8).saturating_add(len).min(b.len());
        let data = &b[at + 8..end];
        match kind {
            b"EXIF" => out.runs(data),
            b"XMP " => out.text(data),
            _ => {}
        }
        // Chunks are padded to an even length.
        at = (at + 8).saturating_add(len).saturating_add(len & 1);
    }
}

/// GIF: comment extensions, and application extensions (XMP among them).
fn gif(b: &[u8], out: &mut Text) {
    // The header and the logical screen descriptor, then the global
    // colour table if there is one.
    let mut at = 13;
    if let Some(&flags) = b.get(10)
        && flags & 0x80 != 0
    {
        at += 3 << ((flags & 7) + 1);
    }
    while at < b.len() {
        match b[at] {
            // An extension: its label, then data sub-blocks.
            0x21 => {
                let label = b.get(at + 1).copied().unwrap_or(0);
                let (data, next) = sub_blocks(b, at + 2);
                match label {
                    0xFE => out.text(&data),
                    // XMP is stored raw, its bytes taken for sub-block
                    // lengths: read as it stands.
                    0xFF => out.text(&b[(at + 2).min(next)..next]),
                    _ => {}
                }
                at = next;
            }
            // An image: its descriptor, local colour table, LZW code size,
            // then its data sub-blocks (skipped unread).
            0x2C => {
                let flags = b.get(at + 9).copied().unwrap_or(0);
                at += 10;
                if flags & 0x80 != 0 {
                    at += 3 << ((flags & 7) + 1);
                }
                let (_, next) = sub_blocks(b, at + 1);
                at = next;
            }
            _ => return,
        }
    }
}

/// The data of the sub-blocks from `at` (each a length byte, then that
/// many bytes, until a length of 0), and where they end.
fn sub_blocks(b: &[u8], mut at: usize) -> (Vec<u8>, usize) {
    let mut data = Vec::new();
    while let Some(&n) = b.get(at) {
        at += 1;
        if n == 0 {
            break;
        }
        let end = (at + usize::from(n)).min(b.len());
        data.extend_from_slice(&b[at..end]);
        at = end;
    }
    (data, at)
}

fn split_nul(b: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(0, b) {
        Some(p) => (&b[..p], &b[p + 1..]),
        None => (b, &[]),
    }
}

/// zlib data, inflated and read as text; what does not inflate is read
/// for its runs all the same.
fn inflate(b: &[u8], out: &mut Text) {
    let mut inflated = Vec::new();
    let mut d = flate2::read::ZlibDecoder::new(b).take(MAX_INFLATED);
    if d.read_to_end(&mut inflated).is_ok() {
        out.text(&inflated);
    } else {
        out.runs(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_with(chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in chunks {
            b.extend_from_slice(&(data.len() as u32).to_be_bytes());
            b.extend_from_slice(*kind);
            b.extend_from_slice(data);
            b.extend_from_slice(&[0, 0, 0, 0]);
        }
        b
    }

    fn zlib(t: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(t).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn png_text_chunks_plain_compressed_and_international() {
        let mut z = b"Comment\0\0".to_vec();
        z.extend(zlib(b"shot at Harbor Freight"));
        let mut i = b"Title\0\x01\0pl\0Tytu\xc5\x82\0".to_vec();
        i.extend(zlib("Wizyta w Drukarni Sowa".as_bytes()));
        let b = png_with(&[
            (b"IHDR", vec![0; 13]),
            (b"tEXt", b"Author\0Dana Whitfield".to_vec()),
            (b"zTXt", z),
            (b"iTXt", i),
            (b"IDAT", b"Secret Pixels".to_vec()),
            (b"IEND", Vec::new()),
        ]);
        let t = metadata(&b).unwrap();
        for want in ["Dana Whitfield", "Harbor Freight", "Drukarni Sowa", "Tytuł"] {
            assert!(t.contains(want), "{want} in {t:?}");
        }
        assert!(!t.contains("Pixels"), "pixel data is not read: {t:?}");
        assert_eq!(metadata(&png_with(&[(b"IEND", Vec::new())])), None);
    }

    #[test]
    fn jpeg_comments_exif_and_xmp() {
        let seg = |marker: u8, data: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(data);
            s
        };
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x0e\x01\x02\0".to_vec();
        exif.extend_from_slice(b"Visit to Harbor Freight\0");
        // XPAuthor, in UTF-16LE.
        exif.extend("Łukasz Kowalski".encode_utf16().flat_map(u16::to_le_bytes));
        let mut b = vec![0xFF, 0xD8];
        b.extend(seg(0xE1, &exif));
        b.extend(seg(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<dc:creator>Zo\xc3\xab Fisher</dc:creator>",
        ));
        b.extend(seg(0xFE, b"for Acme Holdings"));
        b.extend([0xFF, 0xDA, 0, 2]);
        b.extend(b"Pixel Data Harbor");
        let t = metadata(&b).unwrap();
        for want in [
            "Visit to Harbor Freight",
            "Łukasz Kowalski",
            "Zoë Fisher",
            "for Acme Holdings",
        ] {
            assert!(t.contains(want), "{want} in {t:?}");
        }
        assert!(!t.contains("Pixel"), "image data is not read: {t:?}");
    }

    #[test]
    fn webp_and_gif_metadata() {
        let mut w = b"RIFF\0\0\0\0WEBP".to_vec();
        for (kind, data) in [
            (b"VP8 ", &b"pixels"[..]),
            (b"XMP ", &b"<x>Harbor Freight</x>"[..]),
        ] {
            w.extend_from_slice(kind);
            w.extend_from_slice(&(data.len() as u32).to_le_bytes());
            w.extend_from_slice(data);
            if data.len() % 2 == 1 {
                w.push(0);
            }
        }
        assert!(metadata(&w).unwrap().contains("Harbor Freight"));

        let mut g = b"GIF89a".to_vec();
        g.extend([1, 0, 1, 0, 0x80, 0, 0]);
        g.extend([0; 6]); // a global colour table of two colours
        g.extend([0x21, 0xFE, 9]);
        g.extend(b"Dana Acme");
        g.push(0);
        g.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 3, b'x', b'y', b'z', 0]);
        g.push(0x3B);
        let t = metadata(&g).unwrap();
        assert!(t.contains("Dana Acme"), "{t:?}");
        assert!(!t.contains("xyz"), "{t:?}");
    }
}
