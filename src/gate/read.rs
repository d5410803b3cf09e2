//! What a published file is, to the gate: text (however encoded or
//! compressed), an image (its pixels published as they are, the text of
//! its metadata read: [`crate::gate::image`]), or something it cannot
//! read — which fails the build unless `[anonymize] unchecked` lists it.

use std::borrow::Cow;
use std::io::Read;

use crate::gate::reveal::Reveal;

/// A file's content as the gate can read it.
#[derive(Debug)]
pub enum Content<'a> {
    /// Text, and what reading it took (gzip, UTF-16, Windows-1252).
    Text(Cow<'a, str>, Reveal),
    Image,
    /// Why it cannot be read.
    Unreadable(&'static str),
}

/// The most a compressed file may inflate to (a bomb is not text).
const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// Read `bytes` as the gate can; `image`: the file's name (or a data
/// URL's type) says it is an image. Only then are an image's bytes
/// passed as an image: a `notes.txt` that starts like a PNG is shown as
/// text by a browser, and read here.
pub fn content(bytes: &[u8], image: bool) -> Content<'_> {
    content_and_marks(bytes, image).0
}

/// What the first search of a text found out, besides its content.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks {
    /// It holds a base64 `data:` URL (to read with [`data_urls`]).
    pub data: bool,
    /// Whether it holds a right-to-left override
    /// ([`crate::gate::seen::values::overrides`]), where the search that
    /// found its `data:` URLs found out too (`None`: not searched).
    pub overrides: Option<bool>,
}

/// [`content`], and what [`Marks`] its text bears.
pub fn content_and_marks(bytes: &[u8], image: bool) -> (Content<'_>, Marks) {
    let mut marks = None;
    let c = content_at(bytes, image, 0, &mut marks);
    let marks = marks.unwrap_or_else(|| Marks {
        data: matches!(&c, Content::Text(t, _) if memchr::memmem::find(t.as_bytes(), DATA).is_some()),
        overrides: None,
    });
    (c, marks)
}

/// The [`Marks`] of plain UTF-8 text; `None` if it holds a zero byte (no
/// text, then). Nearly every file of a site is plain text, and this
/// searches it once for all three (each search of every byte took about
/// 4% of the gate's time at 10,000 pages in `examples/gate_cost`, which
/// reads files long out of the cache; less in a build, whose pages are
/// fresh from rendering).
fn plain(bytes: &[u8]) -> Option<Marks> {
    let [a, b, last] = OVERRIDE;
    let mut marks = Marks {
        data: false,
        overrides: Some(false),
    };
    for i in memchr::memchr3_iter(0, b';', last, bytes) {
        match bytes[i] {
            0 => return None,
            b';' => marks.data |= bytes[i..].starts_with(DATA),
            // An override, found by its last byte, which is rare (a page's
            // `’` and `–` share the first two).
            _ if i >= 2 && bytes[i - 2] == a && bytes[i - 1] == b => {
                marks.overrides = Some(true);
            }
            _ => {}
        }
    }
    Some(marks)
}

/// Does `path` name a saved mail or web archive (`.eml`, `.mht`), whose
/// text a mail program shows with its quoted-printable encoding decoded
/// ([`quoted_printable`])? By name: searching every page for the header
/// would cost every build for a file hardly any site holds.
pub fn mail_name(path: &str) -> bool {
    const MAIL: [&str; 4] = ["eml", "mht", "mhtml", "mbox"];
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    MAIL.iter().any(|m| m.eq_ignore_ascii_case(ext))
}

/// `t` with its quoted-printable encoding decoded (RFC 2045: `=` and a
/// line break joins two lines, `=C5=81` is the bytes of `Ł`), as UTF-8
/// and, where bytes are not, as Windows-1252 (`M=FCller` of a Latin-1
/// mail); `None` where `t` holds no such escape. The whole file is read
/// so, headers and all: a name in a header reads the same decoded.
pub fn quoted_printable(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut escapes = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            let rest = &b[i + 1..];
            if rest.starts_with(b"\r\n") {
                (i, escapes) = (i + 3, true);
                continue;
            }
            if rest.starts_with(b"\n") {
                (i, escapes) = (i + 2, true);
                continue;
            }
            if let [h, l, ..] = rest
                && let (Some(h), Some(l)) = (hex(*h), hex(*l))
            {
                out.push(h << 4 | l);
                (i, escapes) = (i + 3, true);
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    escapes.then(|| {
        let mut s = String::with_capacity(out.len());
        for chunk in out.utf8_chunks() {
            s.push_str(chunk.valid());
            s.push_str(&windows_1252(chunk.invalid()));
        }
        s
    })
}

/// Does `path` name an XML document (`.svg`, `.xml`), whose internal
/// DTD may declare entities that a viewer expands ([`xml_entities`])?
pub fn xml_name(path: &str) -> bool {
    const XML: [&str; 4] = ["svg", "xml", "xhtml", "xsl"];
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    XML.iter().any(|m| m.eq_ignore_ascii_case(ext))
}

/// The most an XML document's entities may expand it to (a "billion
/// laughs" is no drawing).
const MAX_EXPANDED: usize = 16 * 1024 * 1024;

/// `t` with the entities its internal DTD declares expanded, as an SVG
/// viewer shows it (`<!ENTITY a "Kowal"><!ENTITY b "ski">` … `&a;&b;`
/// is "Kowalski" on screen): `None` where it declares none, an error
/// where the expansion grows past [`MAX_EXPANDED`].
pub fn xml_entities(t: &str) -> Option<Result<String, &'static str>> {
    let mut declared: Vec<(String, String)> = Vec::new();
    let mut rest = t;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        let body = rest.trim_start().trim_start_matches('%').trim_start();
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(body.len());
        let (name, after) = body.split_at(name_end);
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let Some(end) = after[1..].find(quote) else {
            continue;
        };
        if !name.is_empty() {
            declared.push((format!("&{name};"), after[1..1 + end].to_string()));
        }
    }
    if declared.is_empty() {
        return None;
    }
    // An entity's value may hold references to others: expanded again
    // until none is left (an XML parser refuses an entity that refers to
    // itself; so does the gate).
    let mut text = t.to_string();
    for _ in 0..32 {
        let mut changed = false;
        for (reference, value) in &declared {
            if text.contains(reference.as_str()) {
                text = text.replace(reference.as_str(), value);
                changed = true;
                if text.len() > MAX_EXPANDED {
                    return Some(Err("an XML document whose entities expand past 16 MB"));
                }
            }
        }
        if !changed {
            return Some(Ok(text));
        }
    }
    Some(Err("an XML document whose entities refer to themselves"))
}

/// U+202E RIGHT-TO-LEFT OVERRIDE in UTF-8.
pub const OVERRIDE: [u8; 3] = [0xE2, 0x80, 0xAE];

/// What a base64 `data:` URL holds before its data.
const DATA: &[u8] = b";base64,";

/// Does `path` name a raster image (by its extension)?
pub fn image_name(path: &str) -> bool {
    const IMAGES: [&str; 17] = [
        "png", "apng", "jpg", "jpeg", "jpe", "jfif", "pjpeg", "gif", "webp", "avif", "heic",
        "heif", "hif", "ico", "cur", "bmp", "tif",
    ];
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    IMAGES.iter().any(|i| i.eq_ignore_ascii_case(ext)) || ext.eq_ignore_ascii_case("tiff")
}

/// `marks`: the text's [`Marks`], where reading it found them out.
fn content_at<'a>(
    bytes: &'a [u8],
    image: bool,
    depth: u8,
    marks: &mut Option<Marks>,
) -> Content<'a> {
    if image && is_image(bytes) {
        // Its pixels are published as they are; what its metadata says is
        // read as text.
        return match crate::gate::image::metadata(bytes) {
            Some(t) => Content::Text(Cow::Owned(t), Reveal::IMAGE),
            None => Content::Image,
        };
    }
    if bytes.starts_with(&[0x1F, 0x8B]) {
        if depth > 2 {
            return Content::Unreadable("gzip data nested too deep");
        }
        let mut inflated = Vec::new();
        let mut d = flate2::read::MultiGzDecoder::new(bytes).take(MAX_INFLATED);
        if d.read_to_end(&mut inflated).is_err() {
            return Content::Unreadable("gzip data that does not inflate");
        }
        return match content_at(&inflated, image, depth + 1, marks) {
            Content::Text(t, how) => Content::Text(Cow::Owned(t.into_owned()), how | Reveal::GZIP),
            Content::Image => Content::Image,
            Content::Unreadable(_) => {
                Content::Unreadable("gzip data that inflates to something other than text")
            }
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(t) => Content::Text(Cow::Borrowed(t), Reveal::NONE),
            Err(_) => Content::Unreadable("UTF-8 with a byte-order mark, but not valid UTF-8"),
        };
    }
    for (bom, le) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            return match utf16(rest, le) {
                Some(t) => Content::Text(Cow::Owned(t), Reveal::UTF16),
                None => Content::Unreadable("UTF-16 that does not decode"),
            };
        }
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Content::Unreadable(what);
        }
    }
    // Nearly every file: checked 32 bytes at a time (`simdutf8::basic`
    // gives `std::str::from_utf8`'s verdict, without where an error is).
    if let Ok(t) = simdutf8::basic::from_utf8(bytes)
        && let Some(m) = plain(bytes)
    {
        *marks = Some(m);
        return Content::Text(Cow::Borrowed(t), Reveal::NONE);
    }
    if memchr::memchr(0, bytes).is_some() {
        let half = bytes.len() / 2;
        let zeros_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let zeros_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        if half > 0 && (zeros_odd * 4 > half * 3 || zeros_even * 4 > half * 3) {
            return Content::Unreadable("UTF-16 text without a byte-order mark");
        }
        return Content::Unreadable("binary data");
    }
    // Bytes that are not UTF-8 and hold no NUL: a legacy 8-bit text.
    Content::Text(Cow::Owned(windows_1252(bytes)), Reveal::LATIN1)
}

/// Formats the gate knows and cannot read as text, whose first bytes may
/// be plain ASCII (others show themselves as binary data).
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF (its text is in compressed streams)"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"wOFF", "a font"),
    (b"wOF2", "a font"),
    (b"\xD0\xCF\x11\xE0", "an Office document"),
];

/// Raster images, by their first bytes (not their names: a `.png` that
/// holds text is read as text).
fn is_image(b: &[u8]) -> bool {
    b.starts_with(b"\x89PNG\r\n\x1a\n")
        || b.starts_with(&[0xFF, 0xD8, 0xFF])
        || b.starts_with(b"GIF87a")
        || b.starts_with(b"GIF89a")
        || (b.len() > 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP")
        || crate::gate::image::is_isobmff_image(b)
        // An icon, a cursor.
        || b.starts_with(&[0x00, 0x00, 0x01, 0x00])
        || b.starts_with(&[0x00, 0x00, 0x02, 0x00])
        // A BMP, with one of the headers its versions have: any other
        // size is no BMP a viewer shows, and its bytes nothing to read.
        || (b.starts_with(b"BM")
            && b.len() > 26
            && b[6..10] == [0, 0, 0, 0]
            && matches!(
                u32::from_le_bytes([b[14], b[15], b[16], b[17]]),
                12 | 16 | 40 | 52 | 56 | 64 | 108 | 124
            ))
        || b.starts_with(b"II*\x00")
        || b.starts_with(b"MM\x00*")
}

fn utf16(b: &[u8], le: bool) -> Option<String> {
    if b.len() % 2 != 0 {
        return None;
    }
    char::decode_utf16(utf16_units(b, le))
        .collect::<Result<String, _>>()
        .ok()
}

/// The UTF-16 code units of `b`, in the byte order given (a last odd byte
/// left out).
pub(super) fn utf16_units(b: &[u8], le: bool) -> impl Iterator<Item = u16> + '_ {
    b.chunks_exact(2).map(move |p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    })
}

/// Windows-1252 (a superset of Latin-1) to text.
fn windows_1252(b: &[u8]) -> String {
    b.iter().map(|&c| windows_1252_char(c)).collect()
}

/// One byte of Windows-1252 (a superset of Latin-1) as a character.
pub fn windows_1252_char(c: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match c {
        0x80..=0x9F => HIGH[usize::from(c - 0x80)],
        c => char::from(c),
    }
}

/// `data:` URLs with base64 content in a text: (the MIME type, the decoded
/// bytes), for every one that decodes.
pub fn data_urls(text: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&text.as_bytes()[from..], DATA) {
        let at = from + p;
        from = at + 8;
        let head = &text[at.saturating_sub(120)..at];
        let Some(d) = head.rfind("data:") else {
            continue;
        };
        let mime = head[d + 5..]
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let body: Vec<u8> = text.as_bytes()[from..]
            .iter()
            .copied()
            .take_while(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, b'+' | b'/' | b'=' | b'%' | b' ' | b'\n' | b'\r' | b'\t')
            })
            .collect();
        if let Some(bytes) = base64(&body) {
            out.push((mime, bytes));
        }
    }
    out
}

/// Standard or URL-safe base64 (whitespace and `%2B`-style escapes
/// tolerated).
fn base64(s: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(s)
        .replace("%2B", "+")
        .replace("%2F", "/")
        .replace("%3D", "=");
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_documents_entities_are_expanded_as_a_viewer_does() {
        let t = "<!DOCTYPE svg [<!ENTITY a \"Kow\"><!ENTITY b '&a;al'><!ENTITY c \"&b;ski\">]><text>&c;</text>";
        let expanded = xml_entities(t).and_then(Result::ok).unwrap_or_default();
        assert!(expanded.ends_with("<text>Kowalski</text>"), "{expanded}");
        assert!(xml_entities("<svg><text>&amp;</text></svg>").is_none());
        let cycle = "<!DOCTYPE x [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><x>&a;</x>";
        assert!(matches!(xml_entities(cycle), Some(Err(_))));
        assert!(xml_name("files/Logo.SVG") && !xml_name("files/logo.png"));
    }

    #[test]
    fn quoted_printable_is_decoded_as_a_mail_program_does() {
        assert_eq!(
            quoted_printable("=C5=81ukasz Kowal=\r\nski, M=FCller=\nx").as_deref(),
            // (UTF-8 where it is, Windows-1252 where it is not.)
            Some("Łukasz Kowalski, Müllerx")
        );
        assert_eq!(quoted_printable("=C5=81ukasz").as_deref(), Some("Łukasz"));
        assert_eq!(quoted_printable("a = b, x=y"), None);
        assert!(mail_name("files/Exit.EML") && !mail_name("files/exit.html"));
    }

    fn text(c: Content<'_>) -> Option<(String, Reveal)> {
        match c {
            Content::Text(t, how) => Some((t.into_owned(), how)),
            _ => None,
        }
    }

    #[test]
    fn reads_what_it_can() {
        assert_eq!(text(content(b"plain", false)).unwrap().0, "plain");
        assert_eq!(text(content(b"\xEF\xBB\xBFbom", false)).unwrap().0, "bom");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Acme".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            text(content(&le, false)).unwrap(),
            ("Acme".to_string(), Reveal::UTF16)
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"Acme inside").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            text(content(&gz, false)).unwrap(),
            ("Acme inside".to_string(), Reveal::GZIP)
        );
        assert_eq!(text(content(b"Zo\xEB", false)).unwrap().0, "Zoë");
        assert!(matches!(
            content(b"\x89PNG\r\n\x1a\nxxxx", true),
            Content::Image
        ));
        // Under another name, an image's first bytes hide nothing.
        assert!(matches!(
            content(b"\x89PNG\r\n\x1a\nDana Whitfield", false),
            Content::Text(..)
        ));
        assert!(image_name("a/logo.PNG") && !image_name("notes.txt"));
    }

    #[test]
    fn knows_images_by_their_first_bytes() {
        let image = |b: &[u8]| matches!(content(b, true), Content::Image);
        // A HEIF known by a compatible brand; an icon, a cursor.
        assert!(image(b"\0\0\0\x18ftypmsf1\0\0\0\0MiHEheic\0\0\0\x08free"));
        assert!(image(&[0, 0, 1, 0, 0, 0]) && image(&[0, 0, 2, 0, 0, 0]));
        // An `ftyp` of no image (a video), or of a size that lies.
        assert!(!image(b"\0\0\0\x10ftypisom\0\0\0\0\0\0\0\x08free"));
        assert!(!image(b"\xff\0\0\0ftypheic\0\0\0\0\0\0\0\x08free"));
        // A BMP's header of a size no version has: no BMP.
        let bmp = |header: u32| {
            let mut b = b"BM\0\0\0\0\0\0\0\0\x36\0\0\0".to_vec();
            b.extend(header.to_le_bytes());
            b.resize(60, 0);
            b
        };
        assert!(image(&bmp(40)) && image(&bmp(124)) && !image(&bmp(0)));
    }

    #[test]
    fn refuses_what_it_cannot() {
        assert!(matches!(
            content(b"%PDF-1.7 ...", false),
            Content::Unreadable(_)
        ));
        assert!(matches!(
            content(b"\x1F\x8Bnot really", false),
            Content::Unreadable(_)
        ));
        let bare: Vec<u8> = "Acme Holdings"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            content(&bare, false),
            Content::Unreadable("UTF-16 text without a byte-order mark")
        ));
    }

    #[test]
    fn says_which_texts_hold_data_urls() {
        let url = "<img src=\"data:text/plain;base64,QWNtZQ==\">";
        let data = |bytes: &[u8]| content_and_marks(bytes, false).1.data;
        assert!(data(url.as_bytes()));
        assert!(data(format!("a; b; {url}").as_bytes()));
        assert!(!data(b"a; b;base64 c; ;base64"));
        // In text read another way: a byte-order mark, gzip.
        assert!(data(format!("\u{FEFF}{url}").as_bytes()));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, url.as_bytes()).unwrap();
        assert!(data(&gz.finish().unwrap()));
        // A zero byte after a `;` still makes it no text.
        let bare: Vec<u8> = "a;b c".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(
            content_and_marks(&bare, false).0,
            Content::Unreadable(_)
        ));
    }

    #[test]
    fn finds_base64_data_urls() {
        let found =
            data_urls("<svg><image href=\"data:text/plain;base64,QWNtZSBIb2xkaW5ncw==\"/></svg>");
        assert_eq!(
            found,
            vec![("text/plain".to_string(), b"Acme Holdings".to_vec())]
        );
    }
}
