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
//! Text blocks (comments, XMP, PNG text) are read as they are. EXIF and
//! IPTC are binary structures: their text fields are read (EXIF's ASCII
//! tags, Windows' UTF-16 `XP` tags and the user comment; IPTC's
//! application record), never their other bytes, and never a camera's
//! maker note: a run of random bytes there could spell a client's
//! initials. Pixel data is never read. Formats besides PNG, JPEG, WebP
//! and GIF are published as they are.

use std::io::Read;

/// The most a compressed PNG text chunk may inflate to.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

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

    /// UTF-16 text, in the byte order given.
    fn utf16(&mut self, b: &[u8], little: bool) {
        let units = crate::gate::read::utf16_units(b, little);
        let t: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        self.text(t.as_bytes());
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
            b"eXIf" => exif(data, out),
            b"IEND" => return,
            _ => {}
        }
        at += 12 + len;
    }
}

/// JPEG: comment segments, EXIF and XMP (`APP1`) and IPTC (`APP13`), up
/// to the image data.
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
            0xE1 => exif(data, out),
            0xED => iptc(data, out),
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
            b"EXIF" => exif(data, out),
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
    (data, at.min(b.len()))
}

/// Tags that point to another directory of tags: EXIF's, GPS's,
/// interoperability's.
const SUB_IFDS: [u16; 3] = [0x8769, 0x8825, 0xA005];
/// A camera maker's own data: binary, never read.
const MAKER_NOTE: u16 = 0x927C;
/// EXIF's user comment: an 8-byte character code, then the text.
const USER_COMMENT: u16 = 0x9286;
/// Windows' `XPTitle`, `XPComment`, `XPAuthor`, `XPKeywords`,
/// `XPSubject`: UTF-16 in bytes.
const XP_TAGS: std::ops::RangeInclusive<u16> = 0x9C9B..=0x9C9F;

/// EXIF (a TIFF structure, after `Exif\0\0` where it has one): the text
/// of its ASCII tags, `XP` tags and user comment, in every directory.
fn exif(b: &[u8], out: &mut Text) {
    let t = b.strip_prefix(b"Exif\0\0").unwrap_or(b);
    let little = match t.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return,
    };
    let u16_at = |at: usize| {
        t.get(at..at + 2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
    };
    let u32_at = |at: usize| {
        t.get(at..at + 4).map(|p| {
            let p = [p[0], p[1], p[2], p[3]];
            (if little {
                u32::from_le_bytes(p)
            } else {
                u32::from_be_bytes(p)
            }) as usize
        })
    };
    let mut dirs = vec![u32_at(4).unwrap_or(0)];
    let mut seen = Vec::new();
    // A few directories at most (IFD0, its thumbnail's, EXIF's, GPS's,
    // interoperability's): offsets that loop or run on are not followed.
    while let Some(dir) = dirs.pop() {
        if dir < 8 || seen.contains(&dir) || seen.len() >= 16 {
            continue;
        }
        seen.push(dir);
        let Some(n) = u16_at(dir) else { continue };
        for e in 0..usize::from(n) {
            let at = dir + 2 + 12 * e;
            let (Some(tag), Some(kind), Some(count)) = (u16_at(at), u16_at(at + 2), u32_at(at + 4))
            else {
                break;
            };
            let size = match kind {
                1 | 2 | 6 | 7 => 1,
                3 | 8 => 2,
                4 | 9 | 11 | 13 => 4,
                _ => 8,
            };
            let len = count.saturating_mul(size);
            let value = if len <= 4 {
                t.get(at + 8..at + 8 + len)
            } else {
                u32_at(at + 8).and_then(|o| t.get(o..o.saturating_add(len)))
            };
            if SUB_IFDS.contains(&tag) {
                dirs.extend(u32_at(at + 8));
                continue;
            }
            let Some(value) = value else { continue };
            match (tag, kind) {
                (MAKER_NOTE, _) => {}
                (USER_COMMENT, _) if value.len() > 8 => {
                    let (code, text) = value.split_at(8);
                    if code.starts_with(b"UNICODE") {
                        out.utf16(text, little);
                    } else {
                        out.text(text);
                    }
                }
                (t, 1) if XP_TAGS.contains(&t) => out.utf16(value, true),
                (_, 2) => out.text(value),
                _ => {}
            }
        }
        dirs.extend(u32_at(dir + 2 + 12 * usize::from(n)));
    }
}

/// IPTC (Photoshop's `APP13`): the datasets of its application record
/// (caption, keywords, by-line, headline, city and the rest).
fn iptc(b: &[u8], out: &mut Text) {
    let Some(mut at) = memchr::memmem::find(b, b"8BIM") else {
        return;
    };
    while b.get(at..at + 4) == Some(b"8BIM") {
        let id = b
            .get(at + 4..at + 6)
            .map_or(0, |p| u16::from_be_bytes([p[0], p[1]]));
        let name = usize::from(b.get(at + 6).copied().unwrap_or(0));
        // The name: a length byte and its bytes, padded to an even length.
        let size_at = at + 6 + ((name + 2) & !1);
        let Some(size) = b
            .get(size_at..size_at + 4)
            .map(|p| u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize)
        else {
            return;
        };
        let start = size_at + 4;
        let end = start.saturating_add(size).min(b.len());
        if id == 0x0404 {
            let data = &b[start.min(end)..end];
            let mut i = 0;
            while i + 5 <= data.len() && data[i] == 0x1C {
                let n = usize::from(u16::from_be_bytes([data[i + 3], data[i + 4]]));
                // An extended length (the high bit): no text field has one.
                if n & 0x8000 != 0 {
                    break;
                }
                let value = &data[(i + 5).min(data.len())..(i + 5 + n).min(data.len())];
                // Record 2, the application's; dataset 0 is its version.
                if data[i + 1] == 2 && data[i + 2] != 0 {
                    out.text(value);
                }
                i += 5 + n;
            }
        }
        at = end + (size & 1);
    }
}

fn split_nul(b: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(0, b) {
        Some(p) => (&b[..p], &b[p + 1..]),
        None => (b, &[]),
    }
}

/// zlib data, inflated and read as text.
fn inflate(b: &[u8], out: &mut Text) {
    let mut inflated = Vec::new();
    let mut d = flate2::read::ZlibDecoder::new(b).take(MAX_INFLATED);
    // What does not inflate, a viewer shows nothing of.
    if d.read_to_end(&mut inflated).is_ok() {
        out.text(&inflated);
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

    /// A little-endian TIFF: IFD0 with `entries` (tag, type, bytes) and,
    /// when `exif` has entries, an EXIF directory it points to.
    fn tiff(entries: &[(u16, u16, Vec<u8>)], exif: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        fn dir(at: usize, entries: &[(u16, u16, Vec<u8>)], next: &mut Vec<u8>) -> Vec<u8> {
            let mut d = (entries.len() as u16).to_le_bytes().to_vec();
            let mut data_at = at + 2 + 12 * entries.len() + 4;
            for (tag, kind, bytes) in entries {
                let size = if *kind == 4 { 4 } else { 1 };
                d.extend(tag.to_le_bytes());
                d.extend(kind.to_le_bytes());
                d.extend(((bytes.len() / size) as u32).to_le_bytes());
                if bytes.len() <= 4 {
                    let mut v = bytes.clone();
                    v.resize(4, 0);
                    d.extend(v);
                } else {
                    d.extend((data_at as u32).to_le_bytes());
                    next.extend(bytes);
                    data_at += bytes.len();
                }
            }
            d.extend(0u32.to_le_bytes());
            d
        }
        let mut ifd0 = entries.to_vec();
        if !exif.is_empty() {
            // Where the EXIF directory goes: after IFD0 and its data.
            let data: usize = entries.iter().map(|e| e.2.len()).filter(|&n| n > 4).sum();
            let at = 8 + 2 + 12 * (entries.len() + 1) + 4 + data;
            ifd0.push((0x8769, 4, (at as u32).to_le_bytes().to_vec()));
        }
        let mut t = b"II*\0\x08\0\0\0".to_vec();
        let mut data = Vec::new();
        t.extend(dir(8, &ifd0, &mut data));
        t.extend(data);
        if !exif.is_empty() {
            let mut data = Vec::new();
            let at = t.len();
            t.extend(dir(at, exif, &mut data));
            t.extend(data);
        }
        t
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn exif_text_tags_in_every_directory_but_never_the_maker_note() {
        let t = tiff(
            &[
                (0x010E, 2, b"Visit to Harbor Freight\0".to_vec()),
                (0x9C9D, 1, utf16("Łukasz Kowalski")),
                (0x0112, 3, vec![1, 0]),
            ],
            &[
                (
                    0x9286,
                    7,
                    [&b"UNICODE\0"[..], &utf16("Zoë Fisher")].concat(),
                ),
                (0x927C, 7, b"\x01\x07AGA\x00Acme Holdings\x02".to_vec()),
                (0x9003, 2, b"2024:01:05 10:00:00\0".to_vec()),
            ],
        );
        let mut out = Text::default();
        exif(&[&b"Exif\0\0"[..], &t].concat(), &mut out);
        for want in [
            "Visit to Harbor Freight",
            "Łukasz Kowalski",
            "Zoë Fisher",
            "2024:01:05",
        ] {
            assert!(out.0.contains(want), "{want} in {:?}", out.0);
        }
        assert!(
            !out.0.contains("AGA") && !out.0.contains("Acme"),
            "a maker note is not read: {:?}",
            out.0
        );
        // Offsets that loop or run past the end end the walk, quietly.
        let mut looped = t.clone();
        looped[4] = 8;
        let n = 2 + 12 * 4;
        looped[8 + n..8 + n + 4].copy_from_slice(&8u32.to_le_bytes());
        exif(&looped, &mut Text::default());
        exif(&t[..20], &mut Text::default());
    }

    #[test]
    fn jpeg_comments_exif_iptc_and_xmp() {
        let seg = |marker: u8, data: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(data);
            s
        };
        let exif = [
            &b"Exif\0\0"[..],
            &tiff(&[(0x013B, 2, b"Dana Whitfield\0".to_vec())], &[]),
        ]
        .concat();
        // Photoshop's IPTC: a caption (2:120) in resource 0x0404.
        let caption = b"Kick-off at Drukarnia Sowa";
        let mut iim = vec![0x1C, 2, 0, 0, 2, 0, 4, 0x1C, 2, 120];
        iim.extend((caption.len() as u16).to_be_bytes());
        iim.extend(caption);
        let mut ps = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
        ps.extend((iim.len() as u32).to_be_bytes());
        ps.extend(&iim);
        let mut b = vec![0xFF, 0xD8];
        b.extend(seg(0xE0, b"JFIF\0\x01\x02AGA"));
        b.extend(seg(0xE1, &exif));
        b.extend(seg(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<dc:creator>Zo\xc3\xab Fisher</dc:creator>",
        ));
        b.extend(seg(0xED, &ps));
        b.extend(seg(0xFE, b"for Acme Holdings"));
        b.extend([0xFF, 0xDA, 0, 2]);
        b.extend(b"Pixel Data Harbor");
        let t = metadata(&b).unwrap();
        for want in [
            "Dana Whitfield",
            "Drukarnia Sowa",
            "Zoë Fisher",
            "for Acme Holdings",
        ] {
            assert!(t.contains(want), "{want} in {t:?}");
        }
        assert!(!t.contains("Pixel"), "image data is not read: {t:?}");
        assert!(!t.contains("AGA"), "nor other application segments: {t:?}");
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

    #[test]
    fn files_cut_short_are_read_without_panicking() {
        let gif = [&b"GIF89a"[..], &[1, 0, 1, 0, 0, 0, 0], &[0x21, 0xFF]].concat();
        for n in 0..=gif.len() {
            let _ = metadata(&gif[..n]);
        }
        let image = [&b"GIF89a"[..], &[1, 0, 1, 0, 0, 0, 0], &[0x2C]].concat();
        let _ = metadata(&image);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Whatever follows a format's signature (a file cut short, offsets
        /// that point anywhere), reading its metadata never panics.
        #[test]
        fn any_bytes_after_a_signature_are_read_without_panicking(
            kind in 0usize..5,
            // Bytes that mean something to one format or another, more
            // often than chance would pick them.
            rest in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    proptest::sample::select(vec![
                        0u8, 1, 2, 4, 0x1C, 0x21, 0x2C, 0x80, 0xD8, 0xDA, 0xE1, 0xED, 0xFE, 0xFF,
                    ]),
                ],
                0..300,
            ),
        ) {
            let head: &[u8] = match kind {
                0 => b"\x89PNG\r\n\x1a\n",
                1 => &[0xFF, 0xD8],
                2 => b"RIFF\0\0\0\0WEBP",
                3 => b"GIF89a",
                _ => b"Exif\0\0II*\0",
            };
            let b = [head, &rest].concat();
            let _ = metadata(&b);
            exif(&b, &mut Text::default());
            iptc(&b, &mut Text::default());
        }
    }
}
