//! The formats an image comes in: where each keeps its metadata, what
//! it leaves open (read only where it is text), and where its image ends.

use super::exif::{exif, iim, iptc};
use super::{Text, gaps, inflated, merge, split_nul};

/// PNG chunks that hold no text: the image and how to draw it, its
/// animation, Apple's index of its data. Never read.
const PNG_BINARY: &[&[u8]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"sBIT", b"sRGB", b"cICP",
    b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"tIME", b"acTL", b"fcTL", b"fdAT", b"iDOT",
];

/// PNG: `tEXt`, `zTXt` and `iTXt` chunks (keyword and text, and the
/// profile a raw profile's hex spells: [`raw_profile`]), `eXIf`, the
/// name of an ICC profile or a suggested palette, and any other chunk
/// that is text; then what follows `IEND`, if it is text. Chunks after
/// `IEND` are read too: a viewer ignores them, but they are published.
pub(super) fn png(b: &[u8], out: &mut Text) {
    let mut at = 8;
    while at + 8 <= b.len() {
        let len = u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
        let kind = &b[at + 4..at + 8];
        // A chunk that runs past the end: what there is of it.
        let data = &b[at + 8..(at + 8).saturating_add(len).min(b.len())];
        match kind {
            b"tEXt" => {
                out.text(data);
                let (keyword, text) = split_nul(data);
                raw_profile(keyword, text, out);
            }
            b"zTXt" => {
                let (keyword, rest) = split_nul(data);
                out.text(keyword);
                // The compression method's byte, then zlib.
                if let Some(text) = inflated(rest.get(1..).unwrap_or(&[])) {
                    out.text(&text);
                    raw_profile(keyword, &text, out);
                }
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
                    if let Some(text) = inflated(text) {
                        out.text(&text);
                        raw_profile(keyword, &text, out);
                    }
                } else {
                    out.text(text);
                    raw_profile(keyword, text, out);
                }
            }
            b"eXIf" => exif(data, out),
            // A name, a NUL, then compressed or binary data.
            b"iCCP" | b"sPLT" => out.if_text(split_nul(data).0),
            b"IEND" => out.if_text(b.get(at + 12 + len..).unwrap_or(&[])),
            k if PNG_BINARY.contains(&k) => {}
            _ => out.if_text(data),
        }
        at = at.saturating_add(12).saturating_add(len);
    }
}

/// A profile ImageMagick kept in a PNG's text (from a JPEG's EXIF, XMP or
/// IPTC, which a PNG once had no chunk for): keyword `Raw profile type`
/// and its name, the text a line break, the name, the length, then the
/// bytes in hex. Read as the profile it is (an ICC profile is not), not
/// as digits.
fn raw_profile(keyword: &[u8], text: &[u8], out: &mut Text) {
    let Some(name) = keyword.strip_prefix(b"Raw profile type ") else {
        return;
    };
    let mut lines = text.trim_ascii_start().splitn(3, |&c| c == b'\n');
    let (_, length, hex) = (lines.next(), lines.next(), lines.next().unwrap_or(&[]));
    let length = std::str::from_utf8(length.unwrap_or(&[]))
        .ok()
        .and_then(|l| l.trim().parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut digits = hex
        .iter()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|&c| digit(c));
    let mut bytes = Vec::with_capacity(length.min(hex.len() / 2));
    while bytes.len() < length
        && let (Some(Some(high)), Some(Some(low))) = (digits.next(), digits.next())
    {
        bytes.push((high << 4) | low);
    }
    match name.to_ascii_lowercase().as_slice() {
        b"exif" | b"app1" => exif(&bytes, out),
        b"xmp" => out.text(&bytes),
        b"iptc" => {
            iim(&bytes, out);
            iptc(&bytes, out);
        }
        b"8bim" => iptc(&bytes, out),
        b"icc" | b"icm" => {}
        _ => out.if_text(&bytes),
    }
}

/// JPEG: every image of the file (a camera appends its previews, a phone
/// its gain map, each a JPEG of its own), then what follows the last, if
/// it is text.
pub(super) fn jpeg(b: &[u8], out: &mut Text) {
    let mut at = 0;
    while let Some(end) = jpeg_image(&b[at..], out) {
        at += end;
        if !b[at..].starts_with(&[0xFF, 0xD8, 0xFF]) {
            out.if_text(&b[at..]);
            return;
        }
    }
}

/// One JPEG image: its comment segments, EXIF and XMP (`APP1`), IPTC
/// (`APP13`), Photoshop's `Ducky` (`APP12`), and any other application
/// segment that is text; where it ends (after `EOI`), if it does.
fn jpeg_image(b: &[u8], out: &mut Text) -> Option<usize> {
    let mut at = 2;
    while at + 2 <= b.len() {
        if b[at] != 0xFF {
            return None;
        }
        let marker = b[at + 1];
        // Markers without a length.
        if marker == 0xFF {
            at += 1;
            continue;
        }
        if marker == 0xD9 {
            return Some(at + 2);
        }
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            at += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*b.get(at + 2)?, *b.get(at + 3)?]));
        let end = (at + 2 + len).min(b.len());
        let data = b.get(at + 4..end).unwrap_or(&[]);
        match marker {
            0xFE => out.text(data),
            0xE1 if data.starts_with(b"http://ns.adobe.com/") => out.text(data),
            0xE1 if [&b"Exif"[..], b"II*\0", b"MM\0*"]
                .iter()
                .any(|h| data.starts_with(h)) =>
            {
                exif(data, out)
            }
            0xED => iptc(data, out),
            0xEC if data.starts_with(b"Ducky") => ducky(&data[5..], out),
            // Another application's segment (JFIF's header, an ICC
            // profile, a multi-picture index): read only if it is text.
            0xE0..=0xEF => out.if_text(data),
            _ => {}
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
        // A scan's header: its image data follows, never read.
        if marker == 0xDA {
            at = scan_end(b, at);
        }
    }
    None
}

/// Where the image data from `at` ends: at the first marker that is not
/// a stuffed zero byte or a restart.
fn scan_end(b: &[u8], mut at: usize) -> usize {
    while let Some(p) = memchr::memchr(0xFF, b.get(at..).unwrap_or(&[])) {
        let ff = at + p;
        match b.get(ff + 1) {
            Some(0x00 | 0xD0..=0xD7) => at = ff + 2,
            Some(_) => return ff,
            None => break,
        }
    }
    b.len()
}

/// Photoshop's "Save for Web" segment (`APP12`, after `Ducky`): records of
/// a tag and a length, to a tag of 0; the comment's (2) and the
/// copyright's (3) are a count, then UTF-16 big-endian. What is not such
/// a record is read if it is text.
fn ducky(b: &[u8], out: &mut Text) {
    let mut at = 0;
    while let Some(h) = b.get(at..at + 4) {
        let tag = u16::from_be_bytes([h[0], h[1]]);
        let len = usize::from(u16::from_be_bytes([h[2], h[3]]));
        let Some(data) = b.get(at + 4..at + 4 + len).filter(|_| tag != 0) else {
            break;
        };
        if matches!(tag, 2 | 3) {
            out.utf16(data.get(4..).unwrap_or(&[]), false);
        }
        at += 4 + len;
    }
    out.if_text(b.get(at..).unwrap_or(&[]));
}

/// WebP chunks that hold no text: the image, its alpha, animation and
/// ICC profile. Never read.
const WEBP_BINARY: &[&[u8]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

/// WebP: its `EXIF` and `XMP ` chunks, and any other chunk that is text
/// (to the end of the file, whatever the RIFF's size says); then what
/// follows the RIFF's size, if it is text.
pub(super) fn webp(b: &[u8], out: &mut Text) {
    let mut at = 12;
    while at + 8 <= b.len() {
        let kind = &b[at..at + 4];
        let len = u32::from_le_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]) as usize;
        let end = (at + 8).saturating_add(len).min(b.len());
        let data = &b[at + 8..end];
        match kind {
            b"EXIF" => exif(data, out),
            b"XMP " => out.text(data),
            k if WEBP_BINARY.contains(&k) => {}
            _ => out.if_text(data),
        }
        // Chunks are padded to an even length.
        at = (at + 8).saturating_add(len).saturating_add(len & 1);
    }
    let size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    // A size that leaves out the `WEBP` is none: nothing follows it.
    if size >= 4 {
        out.if_text(b.get(size.saturating_add(8)..).unwrap_or(&[]));
    }
}

/// GIF: comment extensions, and application extensions (XMP among them).
pub(super) fn gif(b: &[u8], out: &mut Text) {
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
                    // Plain text: a header of 12 bytes (its grid, cells
                    // and colours), then the text it draws.
                    0x01 => out.text(data.get(12..).unwrap_or(&[])),
                    // Graphic control: a delay, a transparent colour.
                    0xF9 => {}
                    _ => out.if_text(&data),
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
            // The trailer: what follows it, if it is text.
            0x3B => {
                out.if_text(&b[at + 1..]);
                return;
            }
            _ => return,
        }
    }
}

/// BMP: nothing but what no viewer shows: what follows its pixels, and
/// what stands between its headers (with their colour masks and palette)
/// and its pixels, where it is text. What follows starts at the file's
/// size (as its header gives it), or where the pixels end (their offset,
/// plus their size) or the headers do, if that is later: a size of 0 or
/// one that lies never has pixels read as text.
pub(super) fn bmp(b: &[u8], out: &mut Text) {
    let u32_at = |at: usize| {
        b.get(at..at + 4)
            .map_or(0, |p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as usize)
    };
    let dib = dib(b.get(14..).unwrap_or(&[]), false);
    let headers_end = dib.headers.saturating_add(14);
    let pixels = u32_at(10);
    if headers_end < pixels {
        out.if_text(&b[headers_end.min(b.len())..pixels.min(b.len())]);
    }
    let pixels_end = pixels.saturating_add(dib.pixels);
    let after = u32_at(2).max(pixels_end).max(headers_end);
    out.if_text(b.get(after..).unwrap_or(&[]));
}

/// What a bitmap's header (a BMP's after its file header, or an icon's
/// image) says of its layout.
struct Dib {
    /// The bytes of the header, its colour masks and its palette.
    headers: usize,
    /// The bytes of its pixels (for an icon, with its mask).
    pixels: usize,
}

/// The layout of the bitmap `d` (from its header): its pixels' size is
/// the one it gives, or for an uncompressed image (where it may give 0),
/// its rows (each a whole number of 4-byte words) times its height; an
/// icon's height counts its image and its mask (a bit a pixel) twice.
fn dib(d: &[u8], icon: bool) -> Dib {
    let le = |at: usize, len: usize| {
        d.get(at..at + len).map_or(0, |p| {
            p.iter().rev().fold(0u64, |n, &c| (n << 8) | u64::from(c))
        })
    };
    let header = le(0, 4);
    // OS/2's header: a width and a height of 16 bits, no compression.
    // Windows': of 32 bits, signed (a negative height is drawn top down).
    let (width, height, bits, compression) = if header == 12 {
        (le(4, 2), le(6, 2), le(10, 2), 0)
    } else {
        let abs = |v: u64| u64::from((v as u32 as i32).unsigned_abs());
        (abs(le(4, 4)), abs(le(8, 4)), le(14, 2), le(16, 4))
    };
    let plain = matches!(compression, 0 | 3 | 6);
    let given = if header >= 40 { le(20, 4) } else { 0 };
    // Windows 3's header is followed by the masks of bit fields.
    let masks = match (header, compression) {
        (40, 3) => 12,
        (40, 6) => 16,
        _ => 0,
    };
    // Its palette: the colours it says it uses, or all its bits can
    // say; 256 at most (a viewer reads no more).
    let used = if header >= 40 { le(32, 4) } else { 0 };
    let colours = match used {
        0 if bits <= 8 => 1 << bits,
        n => n.min(256),
    };
    let colour = if header == 12 { 3 } else { 4 };
    let rows = (width * bits).div_ceil(32) * 4;
    let computed = if icon {
        let mask = width.div_ceil(32) * 4;
        (rows + mask).saturating_mul(height / 2)
    } else {
        rows.saturating_mul(height)
    };
    let pixels = if plain { given.max(computed) } else { given };
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Dib {
        headers: size(
            header
                .saturating_add(masks)
                .saturating_add(colours * colour),
        ),
        pixels: size(pixels),
    }
}

/// ICO and CUR: each of an icon's images, a PNG (read as one) or a
/// bitmap (what follows its pixels and mask read where it is text); then
/// what no image claims (between them, after the last), where it is
/// text. Images that overlap are read within a budget (twice the file's
/// size).
pub(super) fn ico(b: &[u8], out: &mut Text) {
    let le = |at: usize, len: usize| {
        b.get(at..at + len).map_or(0, |p| {
            p.iter()
                .rev()
                .fold(0usize, |n, &c| (n << 8) | usize::from(c))
        })
    };
    let count = le(4, 2);
    // The directory: a header, then 16 bytes an image.
    let mut claimed = Vec::new();
    claimed.push(0..(6 + 16 * count).min(b.len()));
    let mut budget = b.len().saturating_mul(2);
    let mut seen = std::collections::HashSet::new();
    for entry in (0..count).map(|i| 6 + 16 * i) {
        if entry + 16 > b.len() {
            break;
        }
        let (size, offset) = (le(entry + 8, 4), le(entry + 12, 4));
        let start = offset.min(b.len());
        let end = offset.saturating_add(size).min(b.len());
        if !seen.insert((start, end)) || end - start > budget {
            continue;
        }
        budget -= end - start;
        claimed.push(start..end);
        let image = &b[start..end];
        if image.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(image, out);
        } else {
            let dib = dib(image, true);
            out.if_text(
                image
                    .get(dib.headers.saturating_add(dib.pixels)..)
                    .unwrap_or(&[]),
            );
        }
    }
    merge(&mut claimed);
    for gap in gaps(0..b.len(), &claimed) {
        out.if_text(&b[gap]);
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
