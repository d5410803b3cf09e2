//! EXIF and IPTC: binary structures whose text fields are read, never
//! their other bytes (a camera's maker note least of all).

use super::{Text, utf16_order};

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
pub(super) fn exif(b: &[u8], out: &mut Text) {
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
                        let (text, little) = utf16_order(text, little);
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
pub(super) fn iptc(b: &[u8], out: &mut Text) {
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
            iim(&b[start.min(end)..end], out);
        }
        at = end + (size & 1);
    }
}

/// IPTC's datasets (IIM, Photoshop's resource 0x0404 or a profile of its
/// own): the text of its application record.
pub(super) fn iim(data: &[u8], out: &mut Text) {
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
