//! HEIF (a phone's HEIC) and AVIF: the ISO base media file format, a
//! tree of boxes (a size, a type, then the box's data, or more boxes).
//!
//! Its metadata is in items, listed in the `meta` box: `iinf` gives each
//! its type (`Exif`, `mime` for XMP, `hvc1` or `av01` for the image's
//! tiles) and name, `iloc` where its bytes are (in `mdat`, or `idat`).
//! EXIF items are read by the EXIF reader, the others as text where they
//! are text; the coded image is never read. Any `uuid` box holding XMP is
//! read; any other box no reader here knows, the data of `mdat` or `idat`
//! no item claims and what follows the last box, where they are text.
//!
//! Sizes may lie: a box that runs past its parent ends with it (and is
//! read whole where it is text), a header too small to hold itself or
//! whose type is no four printable characters ends the walk (what is
//! left is read where it is text), boxes are nested at most
//! [`MAX_DEPTH`] deep, items' extents are [`MAX_EXTENTS`] at most and
//! their bytes read within a budget (twice the file's size), however
//! they overlap or repeat. EXIF anywhere in the file (after `Exif\0\0`,
//! or a TIFF header: neither occurs by chance) is read too, where no
//! item led to it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::exif::exif;
use super::{Text, gaps, inflate, merge, split_nul};

/// Brands (in `ftyp`) of a HEIF or AVIF image or image sequence: HEIF's
/// own, its codecs', MIAF's and AVIF's.
const IMAGE_BRANDS: &[&[u8; 4]] = &[
    b"mif1", b"mif2", b"mif3", b"msf1", b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
    b"hevm", b"hevs", b"avci", b"avcs", b"vvic", b"vvis", b"jpeg", b"jpgs", b"j2ki", b"j2is",
    b"miaf", b"MiHA", b"MiHB", b"MiHE", b"MiAn", b"MiPr", b"MiCm", b"MiCh", b"avif", b"avis",
    b"avio",
];

/// The most EXIF structures read that no item led to: there is one, if
/// any (a file of many is made to slow the gate down).
const MAX_LOOSE_EXIF: usize = 16;

/// The most bytes an `ftyp` box is taken to hold: a few dozen brands.
const MAX_FTYP: usize = 4096;

/// The deepest boxes are read inside one another; deeper, a box is
/// read where it is text.
const MAX_DEPTH: u8 = 16;

/// The most item extents read from a file's `iloc` boxes (a photo's
/// tiles are a few dozen): an extent may take no bytes to give.
const MAX_EXTENTS: usize = 1 << 16;

/// `uuid` of Adobe's XMP box: `be7acfcb-97a9-42e8-9c71-999491e3afac`.
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// Boxes that hold other boxes, at once or after a version and flags
/// (and a count): their children are found after 0, 4 or 8 bytes,
/// whichever leaves nothing but boxes.
const CONTAINERS: &[&[u8; 4]] = &[
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"edts", b"dinf", b"dref", b"stsd",
    b"iprp", b"ipco", b"grpl", b"ilst", b"mvex", b"moof", b"traf", b"sinf", b"schi", b"tref",
    b"meco", b"strk", b"strd",
];

/// Boxes that hold no text: the image's properties and layout, a
/// sequence's tables. Never read.
const BINARY: &[&[u8; 4]] = &[
    b"pitm", b"iref", b"ipma", b"ispe", b"pixi", b"hvcC", b"av1C", b"avcC", b"vvcC", b"lhvC",
    b"colr", b"irot", b"imir", b"clap", b"pasp", b"rloc", b"lsel", b"a1op", b"a1lx", b"clli",
    b"mdcv", b"cclv", b"amve", b"oinf", b"tols", b"cmin", b"cmex", b"uncC", b"cpal", b"cloc",
    b"mvhd", b"tkhd", b"mdhd", b"vmhd", b"stts", b"stsc", b"stsz", b"stz2", b"stco", b"co64",
    b"stss", b"ctts", b"elst", b"sgpd", b"sbgp", b"mehd", b"trex", b"tfhd", b"tfdt", b"trun",
    b"mfhd", b"ccst", b"cdsc",
];

/// Item types that are coded image data (tiles, a grid of them, an
/// overlay, a tone map): pixels, never read.
const CODED: &[&[u8; 4]] = &[
    b"hvc1", b"hev1", b"hvt1", b"lhv1", b"av01", b"avc1", b"avc3", b"vvc1", b"vvi1", b"jpeg",
    b"j2k1", b"unci", b"mski", b"grid", b"iovl", b"iden", b"tmap",
];

/// Is `b` a HEIF or an AVIF: an `ftyp` box first, of a sensible size,
/// whose major or compatible brands name one?
pub fn is_image(b: &[u8]) -> bool {
    if b.get(4..8) != Some(b"ftyp") {
        return false;
    }
    let size = be(b, 0, 4).unwrap_or(0) as usize;
    if !(16..=MAX_FTYP).contains(&size) || size > b.len() || size % 4 != 0 {
        return false;
    }
    let major = b[8..12].chunks_exact(4);
    let compatible = b[16..size].chunks_exact(4);
    major
        .chain(compatible)
        .any(|brand| IMAGE_BRANDS.iter().any(|i| &i[..] == brand))
}

/// HEIF and AVIF: their items' metadata, `uuid` boxes, other boxes and
/// the data no item claims where they are text, EXIF wherever it is.
pub(super) fn isobmff(b: &[u8], out: &mut Text) {
    let mut file = File {
        b,
        data: Vec::new(),
        claimed: Vec::new(),
        exif_at: HashSet::new(),
        budget: b.len().saturating_mul(2).max(1 << 20),
        extents: MAX_EXTENTS,
    };
    file.boxes(0..b.len(), 0, out);
    let mut data = std::mem::take(&mut file.data);
    data.sort_by_key(|r| r.start);
    data.dedup();
    merge(&mut file.claimed);
    for d in data {
        for gap in gaps(d, &file.claimed) {
            out.if_text(&b[gap]);
        }
    }
    // EXIF no item led to (an index that lies, or none): after
    // `Exif\0\0`, or a TIFF header whose directory follows it.
    let mut loose = 0;
    for (signature, skip) in [
        (&b"Exif\0\0II*\0"[..], 6),
        (b"Exif\0\0MM\0*", 6),
        (b"II*\0\x08\0\0\0", 0),
        (b"MM\0*\0\0\0\x08", 0),
    ] {
        for at in memchr::memmem::find_iter(b, signature) {
            if loose < MAX_LOOSE_EXIF && file.exif_at.insert(at + skip) {
                loose += 1;
                exif(&b[at + skip..], out);
            }
        }
    }
}

/// What reading a file has found so far.
struct File<'a> {
    b: &'a [u8],
    /// The data of `mdat` and `idat` boxes.
    data: Vec<Range<usize>>,
    /// What items' extents claim of it.
    claimed: Vec<Range<usize>>,
    /// Where EXIF read so far starts (its TIFF header).
    exif_at: HashSet<usize>,
    /// The bytes of items left to read: extents that overlap, or run to
    /// the end of the file again and again, are not read without end.
    budget: usize,
    /// The item extents left to read.
    extents: usize,
}

/// A box: its type, and its data (after its header).
struct Bx {
    kind: [u8; 4],
    body: Range<usize>,
}

impl<'a> File<'a> {
    /// The boxes in `range`, each read by its type; then what follows
    /// the last one (where a size lies), where it is text.
    fn boxes(&mut self, range: Range<usize>, depth: u8, out: &mut Text) {
        let (boxes, rest) = boxes(self.b, range);
        for bx in boxes {
            self.one(&bx, depth, out);
        }
        out.if_text(&self.b[rest]);
    }

    fn one(&mut self, bx: &Bx, depth: u8, out: &mut Text) {
        let b = self.b;
        let body = &b[bx.body.clone()];
        match &bx.kind {
            // The brands (four letters each, after the major's version)
            // no image or video is known by: four letters may be anything.
            b"ftyp" => {
                let brands: Vec<u8> = body
                    .get(8..)
                    .unwrap_or(&[])
                    .chunks(4)
                    .filter(|&c| {
                        !(IMAGE_BRANDS.iter().any(|i| &i[..] == c)
                            || c.starts_with(b"iso")
                            || c.starts_with(b"mp4"))
                    })
                    .flatten()
                    .copied()
                    .collect();
                out.if_text(&brands);
            }
            b"meta" => self.meta(bx, depth, out),
            b"mdat" => self.data.push(bx.body.clone()),
            b"uuid" if body.len() >= 16 => {
                if body[..16] == XMP_UUID {
                    out.text(&body[16..]);
                } else {
                    out.if_text(&body[16..]);
                }
            }
            // A handler: its type, then its name.
            b"hdlr" => out.if_text(body.get(24..).unwrap_or(&[])),
            // A value of Apple's metadata list: its type (1 for UTF-8,
            // 2 for UTF-16) and locale, then the value.
            b"data" if body.len() >= 8 => match be(body, 0, 4).map(|t| t & 0xFF_FFFF) {
                Some(1) => out.text(&body[8..]),
                Some(2) => out.utf16(&body[8..], false),
                _ => out.if_text(&body[8..]),
            },
            k if BINARY.contains(&k) => {}
            k if CONTAINERS.contains(&k) => self.children(bx, &[0, 4, 8], depth, out),
            // A box no reader here knows: its boxes, if it holds boxes
            // (after a version and flags, or a count), else its text.
            _ => {
                if depth < MAX_DEPTH
                    && let Some(at) = [0, 4, 8].into_iter().find(|&at| tiles(b, &bx.body, at))
                {
                    self.boxes(bx.body.start + at..bx.body.end, depth + 1, out);
                } else {
                    out.if_text(body);
                }
            }
        }
    }

    /// The boxes in `bx`, after the first of `skips` bytes after which
    /// its data is all boxes (else after the first).
    fn children(&mut self, bx: &Bx, skips: &[usize], depth: u8, out: &mut Text) {
        if depth >= MAX_DEPTH {
            out.if_text(&self.b[bx.body.clone()]);
            return;
        }
        let at = self.tiled_at(bx, skips, out);
        let start = (bx.body.start + at).min(bx.body.end);
        self.boxes(start..bx.body.end, depth + 1, out);
    }

    /// After which of `skips` bytes `bx`'s data is all boxes; where it
    /// is after none (a file cut short, a size that lies, text where
    /// boxes should be), the first, and its data is read where it is
    /// text too.
    fn tiled_at(&self, bx: &Bx, skips: &[usize], out: &mut Text) -> usize {
        skips
            .iter()
            .copied()
            .find(|&at| tiles(self.b, &bx.body, at))
            .unwrap_or_else(|| {
                out.if_text(&self.b[bx.body.clone()]);
                skips[0]
            })
    }

    /// A `meta` box (a version and flags, then boxes; Apple's has no
    /// version): its items, and its other boxes.
    fn meta(&mut self, bx: &Bx, depth: u8, out: &mut Text) {
        if depth >= MAX_DEPTH {
            out.if_text(&self.b[bx.body.clone()]);
            return;
        }
        let b = self.b;
        let at = self.tiled_at(bx, &[4, 0], out);
        let (children, rest) = boxes(b, (bx.body.start + at).min(bx.body.end)..bx.body.end);
        let mut items = HashMap::new();
        let mut locations = Vec::new();
        let mut idat = None;
        for child in &children {
            let body = &b[child.body.clone()];
            match &child.kind {
                b"iinf" => {
                    // A version and flags, then a count of 16 bits (in
                    // version 0) or 32.
                    let count = if body.first() == Some(&0) { 6 } else { 8 };
                    let other = if count == 6 { 8 } else { 6 };
                    let at = self.tiled_at(child, &[count, other], out);
                    let start = (child.body.start + at).min(child.body.end);
                    let (entries, rest) = boxes(b, start..child.body.end);
                    for e in entries {
                        if &e.kind == b"infe" {
                            items.extend(infe(&b[e.body], out).map(|i| (i.id, i)));
                        } else {
                            self.one(&e, depth + 1, out);
                        }
                    }
                    out.if_text(&b[rest]);
                }
                b"iloc" => locations.extend(iloc(body, &mut self.extents)),
                b"idat" => {
                    idat = Some(child.body.clone());
                    self.data.push(child.body.clone());
                }
                _ => self.one(child, depth + 1, out),
            }
        }
        out.if_text(&b[rest]);
        for Location {
            id,
            method,
            base,
            extents,
        } in locations
        {
            // The file itself (0), or the `idat` box (1); an extent of
            // length 0 runs to the end. Items made of other items' data
            // (2) are read where those are.
            let source = match (method, &idat) {
                (0, _) => 0..b.len(),
                (1, Some(idat)) => idat.clone(),
                _ => continue,
            };
            let ranges: Vec<Range<usize>> = extents
                .iter()
                .filter_map(|&(offset, length)| {
                    let start = base.checked_add(offset)?.checked_add(source.start as u64)?;
                    let start = usize::try_from(start).map_or(source.end, |s| s.min(source.end));
                    let end = match length {
                        0 => source.end,
                        n => usize::try_from(n)
                            .map_or(source.end, |n| start.saturating_add(n).min(source.end)),
                    };
                    Some(start..end)
                })
                .collect();
            self.claimed.extend(ranges.iter().cloned());
            let item = items.get(&id);
            if item.is_some_and(|i| CODED.contains(&&i.kind)) {
                continue;
            }
            let Some(data) = self.item_bytes(&ranges) else {
                continue;
            };
            match item {
                Some(i) if &i.kind == b"Exif" => {
                    // Where its TIFF header is, after these 4 bytes
                    // (past `Exif\0\0`, most often); where that lies, at
                    // once or after `Exif\0\0`.
                    let skip = be(&data, 0, 4).unwrap_or(0) as usize;
                    let tiff = data.get(4..).unwrap_or(&[]);
                    let start = ranges.first().map_or(0, |r| r.start) + 4;
                    match tiff.get(skip..) {
                        Some(t) if t.starts_with(b"II*\0") || t.starts_with(b"MM\0*") => {
                            self.exif_at.insert(start + skip);
                            exif(t, out);
                        }
                        _ => {
                            self.exif_at.insert(start + 6);
                            exif(tiff, out);
                        }
                    }
                }
                Some(i) if &i.kind == b"mime" => {
                    if i.encoding.eq_ignore_ascii_case("deflate") {
                        inflate(&data, out);
                    } else if i.encoding.is_empty() && i.textual {
                        out.text(&data);
                    } else {
                        out.if_text(&data);
                    }
                }
                _ => out.if_text(&data),
            }
        }
    }

    /// An item's bytes, its extents one after the other: `None` where
    /// there are none, or more than what is left of the budget.
    fn item_bytes(&mut self, ranges: &[Range<usize>]) -> Option<Cow<'a, [u8]>> {
        let len: usize = ranges.iter().map(|r| r.len()).sum();
        if len == 0 || len > self.budget {
            return None;
        }
        self.budget -= len;
        Some(match ranges {
            [one] => Cow::Borrowed(&self.b[one.clone()]),
            _ => Cow::Owned(
                ranges
                    .iter()
                    .flat_map(|r| &self.b[r.clone()])
                    .copied()
                    .collect(),
            ),
        })
    }
}

/// The boxes in `range` of `b`, and what is left: what follows the last
/// (from where no header fits, or one is no box's), or the last whole
/// where it runs past the end (a file cut short, or text that was taken
/// for a box: "Dana" for a size, " Whi" for a type).
fn boxes(b: &[u8], range: Range<usize>) -> (Vec<Bx>, Range<usize>) {
    let mut out = Vec::new();
    let mut at = range.start;
    while let Some((kind, header, size)) = header(b, at, range.end) {
        let end = at.saturating_add(size);
        if end > range.end {
            out.push(Bx {
                kind,
                body: (at + header).min(range.end)..range.end,
            });
            return (out, at..range.end);
        }
        out.push(Bx {
            kind,
            body: at + header..end,
        });
        at = end;
    }
    (out, at.min(range.end)..range.end)
}

/// The box at `at` (before `end`): its type, its header's length, and its
/// size (to `end`, for a size of 0); `None` where there is none: no room
/// for a header, a size too small to hold it, or a type that is not four
/// printable characters (Apple's `©` among them).
fn header(b: &[u8], at: usize, end: usize) -> Option<([u8; 4], usize, usize)> {
    if at.checked_add(8)? > end {
        return None;
    }
    let kind: [u8; 4] = b[at + 4..at + 8].try_into().ok()?;
    if !kind
        .iter()
        .all(|&c| c.is_ascii_graphic() || c == b' ' || c == 0xA9)
    {
        return None;
    }
    let (header, size) = match be(b, at, 4)? {
        0 => (8, end - at),
        1 if at + 16 <= end => (16, usize::try_from(be(b, at + 8, 8)?).unwrap_or(usize::MAX)),
        1 => return None,
        n => (8, usize::try_from(n).ok()?),
    };
    (size >= header).then_some((kind, header, size))
}

/// Is all of `body` after `skip` bytes boxes, one after the other?
fn tiles(b: &[u8], body: &Range<usize>, skip: usize) -> bool {
    let mut at = body.start + skip;
    if at >= body.end {
        return false;
    }
    while at < body.end {
        let Some((_, _, size)) = header(b, at, body.end) else {
            return false;
        };
        if at.saturating_add(size) > body.end {
            return false;
        }
        at += size;
    }
    true
}

/// An item, as `infe` gives it.
struct Item {
    id: u32,
    kind: [u8; 4],
    /// Its content encoding (`deflate`, for one), if it is a `mime` item.
    encoding: String,
    /// Its content type is text (XML, RDF, JSON, plain).
    textual: bool,
}

/// An item's entry (`infe`): its id and type; its name, content type,
/// encoding and URI type are read as text, what follows them where it is.
fn infe(body: &[u8], out: &mut Text) -> Option<Item> {
    let version = *body.first()?;
    let (id, mut at) = if version == 3 {
        (be(body, 4, 4)? as u32, 8)
    } else {
        (be(body, 4, 2)? as u32, 6)
    };
    // Its protection's index.
    at += 2;
    // Versions 0 and 1 give no type: a name, a content type, an encoding.
    let kind: [u8; 4] = if version >= 2 {
        let k = body.get(at..at + 4)?.try_into().ok()?;
        at += 4;
        k
    } else {
        *b"mime"
    };
    let mut rest = body.get(at..).unwrap_or(&[]);
    let mut string = || {
        let (s, after) = split_nul(rest);
        rest = after;
        out.text(s);
        s
    };
    string();
    let (content_type, encoding) = match &kind {
        b"mime" => (string(), string()),
        b"uri " => (string(), &[][..]),
        _ => (&[][..], &[][..]),
    };
    let content = String::from_utf8_lossy(content_type).to_ascii_lowercase();
    let item = Item {
        id,
        kind,
        encoding: String::from_utf8_lossy(encoding).trim().to_string(),
        textual: ["xml", "rdf", "json", "text/"]
            .iter()
            .any(|t| content.contains(t)),
    };
    out.if_text(rest);
    Some(item)
}

/// Where an item's bytes are, as `iloc` gives it.
struct Location {
    id: u32,
    /// In the file (0), in `idat` (1), in other items (2).
    method: u8,
    base: u64,
    /// Each extent's offset (after `base`) and length (0: to the end).
    extents: Vec<(u64, u64)>,
}

/// `iloc`'s items, as many as parse, their extents `extents_left` at
/// most.
fn iloc(body: &[u8], extents_left: &mut usize) -> Vec<Location> {
    let mut out = Vec::new();
    let Some(&version) = body.first() else {
        return out;
    };
    let (Some(&sizes), Some(&more)) = (body.get(4), body.get(5)) else {
        return out;
    };
    let (offset_size, length_size) = (sizes >> 4, sizes & 15);
    let base_size = more >> 4;
    let index_size = if version >= 1 { more & 15 } else { 0 };
    if ![offset_size, length_size, base_size, index_size]
        .iter()
        .all(|s| matches!(s, 0 | 4 | 8))
    {
        return out;
    }
    let mut at = 6;
    let mut field = |len: u8| -> Option<u64> {
        let v = be(body, at, usize::from(len))?;
        at += usize::from(len);
        Some(v)
    };
    let wide = if version >= 2 { 4 } else { 2 };
    let Some(count) = field(wide) else {
        return out;
    };
    for _ in 0..count {
        let Some(id) = field(wide) else { break };
        let method = if version >= 1 {
            match field(2) {
                Some(m) => (m & 15) as u8,
                None => break,
            }
        } else {
            0
        };
        // Its data reference (0: this file), base offset and count.
        let (Some(_), Some(base), Some(n)) = (field(2), field(base_size), field(2)) else {
            break;
        };
        let mut extents = Vec::new();
        for _ in 0..n {
            if *extents_left == 0 {
                break;
            }
            *extents_left -= 1;
            let (Some(_), Some(offset), Some(length)) =
                (field(index_size), field(offset_size), field(length_size))
            else {
                break;
            };
            extents.push((offset, length));
        }
        out.push(Location {
            id: id as u32,
            method,
            base,
            extents,
        });
        if *extents_left == 0 {
            break;
        }
    }
    out
}

/// The big-endian number of `len` bytes (0 to 8) at `at` in `b`.
fn be(b: &[u8], at: usize, len: usize) -> Option<u64> {
    let bytes = b.get(at..at.checked_add(len)?)?;
    Some(bytes.iter().fold(0u64, |n, &c| (n << 8) | u64::from(c)))
}
