use super::exif::{exif, iptc};
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

/// `n` random bytes, the same for the same seed (xorshift).
fn random(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect()
}

/// A JPEG segment: its marker, its length, its data.
fn segment(marker: u8, data: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(data);
    s
}

fn utf16_be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

#[test]
fn png_unknown_chunks_and_what_follows_iend_are_read_when_text() {
    let mut iccp = b"Dana Whitfield display\0\0".to_vec();
    iccp.extend(zlib(&random(7, 300)));
    let mut b = png_with(&[
        (b"IHDR", vec![0; 13]),
        (b"prVt", b"Harbor Freight\0".to_vec()),
        (b"iCCP", iccp),
        (b"iDOT", b"Pixel Index".to_vec()),
        (b"IDAT", b"Secret Pixels".to_vec()),
        (b"IEND", Vec::new()),
    ]);
    b.extend(b"Acme Holdings called.\0\0");
    let t = metadata(&b).unwrap();
    for want in [
        "Harbor Freight",
        "Dana Whitfield display",
        "Acme Holdings called.",
    ] {
        assert!(t.contains(want), "{want} in {t:?}");
    }
    assert!(!t.contains("Pixel"), "image data is not read: {t:?}");
    // Binary (compressed, random, too short to be more than chance)
    // is not.
    for chunk in [
        zlib(b"Compressed Acme Holdings"),
        random(3, 64),
        b"DW.".to_vec(),
    ] {
        let b = png_with(&[(b"IHDR", vec![0; 13]), (b"zzZz", chunk)]);
        assert_eq!(metadata(&b), None);
    }
}

#[test]
fn jpeg_ducky_other_segments_appended_images_and_what_follows_eoi() {
    // Ducky's records: quality, comment, copyright (a count, then
    // UTF-16 big-endian), the end.
    let string = |tag: u16, s: &str| {
        let t = utf16_be(s);
        let mut r = tag.to_be_bytes().to_vec();
        r.extend(((t.len() + 4) as u16).to_be_bytes());
        r.extend((s.encode_utf16().count() as u32).to_be_bytes());
        r.extend(t);
        r
    };
    let mut ducky = b"Ducky\0\x01\0\x04\0\0\0\x3C".to_vec();
    ducky.extend(string(2, "for Harbor Freight"));
    ducky.extend(string(3, "© Dana Whitfield"));
    ducky.extend([0, 0]);
    let comment = [&b"UNICODE\0"[..], &utf16_be("Zoë Fisher")].concat();
    let exif = [&b"Exif\0\0"[..], &tiff(&[], &[(0x9286, 7, comment)])].concat();
    let mut b = vec![0xFF, 0xD8];
    b.extend(segment(0xE0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"));
    b.extend(segment(0xEC, &ducky));
    b.extend(segment(0xE1, &exif));
    b.extend(segment(
        0xE2,
        &[&b"ICC_PROFILE\0\x01\x01"[..], &random(5, 400)].concat(),
    ));
    b.extend(segment(0xEF, b"Kickoff notes: Acme Holdings"));
    b.extend([0xFF, 0xDA, 0, 2]);
    b.extend(b"Pixel\xFF\0Data\xFF\xD3More Pixel Data");
    b.extend([0xFF, 0xD9]);
    // A preview appended, a JPEG of its own, then a note.
    b.extend([0xFF, 0xD8]);
    b.extend(segment(0xFE, b"preview for Drukarnia Sowa"));
    b.extend([0xFF, 0xDA, 0, 2, b'x', 0xFF, 0xD9]);
    b.extend(b"Trailing: Quillfeather Stationers");
    let t = metadata(&b).unwrap();
    for want in [
        "for Harbor Freight",
        "© Dana Whitfield",
        "Zoë Fisher",
        "Acme Holdings",
        "Drukarnia Sowa",
        "Quillfeather Stationers",
    ] {
        assert!(t.contains(want), "{want} in {t:?}");
    }
    for never in ["Pixel", "Data", "ICC", "JFIF"] {
        assert!(!t.contains(never), "{never} is not read: {t:?}");
    }
    // A Ducky segment that is not records: read if it is text.
    let odd = [&[0xFF, 0xD8][..], &segment(0xEC, b"Ducky\0Dana Whitfield")].concat();
    assert!(metadata(&odd).unwrap().contains("Dana Whitfield"));
}

#[test]
fn user_comment_in_utf16_of_either_byte_order() {
    // A little-endian TIFF, the comment big-endian: known by its zero
    // bytes, or by its byte-order mark.
    for (comment, want) in [
        (utf16_be("Zoë Fisher"), "Zoë Fisher"),
        (
            [&[0xFE, 0xFF][..], &utf16_be("Łukasz Kowalski")].concat(),
            "Łukasz Kowalski",
        ),
        (
            [&[0xFF, 0xFE][..], &utf16("Łukasz Kowalski")].concat(),
            "Łukasz Kowalski",
        ),
        (utf16("Zoë Fisher"), "Zoë Fisher"),
    ] {
        let value = [&b"UNICODE\0"[..], &comment].concat();
        let mut out = Text::default();
        exif(&tiff(&[], &[(0x9286, 7, value)]), &mut out);
        assert!(out.0.contains(want), "{want} in {:?}", out.0);
    }
}

#[test]
fn webp_gif_and_bmp_unknown_blocks_and_what_follows_their_end() {
    let chunk = |kind: &[u8; 4], data: &[u8]| {
        let mut c = kind.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let body = [
        &b"WEBP"[..],
        &chunk(b"VP8L", b"Pixel Data"),
        &chunk(b"NOTE", b"Harbor Freight"),
        &chunk(b"JUNK", &random(9, 101)),
    ]
    .concat();
    let mut w = b"RIFF".to_vec();
    w.extend((body.len() as u32).to_le_bytes());
    w.extend(body);
    w.extend(b"Dana Whitfield called.");
    let t = metadata(&w).unwrap();
    assert!(t.contains("Harbor Freight") && t.contains("Dana Whitfield called"));
    assert!(!t.contains("Pixel"), "{t:?}");

    let mut g = b"GIF89a".to_vec();
    g.extend([1, 0, 1, 0, 0, 0, 0]);
    g.extend([0x21, 0xF9, 4, 0, b'D', b'W', 0, 0]);
    g.extend([0x21, 0x01, 12]);
    g.extend([0, 0, 0, 0, 8, 0, 8, 0, 8, 8, 1, 0]);
    g.push(14);
    g.extend(b"Dana Whitfield");
    g.push(0);
    g.extend([0x21, 0x02, 13]);
    g.extend(b"Acme Holdings");
    g.push(0);
    g.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 5]);
    g.extend(b"Pixel");
    g.extend([0, 0x3B]);
    g.extend(b"Drukarnia Sowa");
    let t = metadata(&g).unwrap();
    for want in ["Dana Whitfield", "Acme Holdings", "Drukarnia Sowa"] {
        assert!(t.contains(want), "{want} in {t:?}");
    }
    assert!(!t.contains("Pixel") && !t.contains("DW"), "{t:?}");

    // A BMP's header gives its size, or (a size of 0) its pixels'.
    for (size, pixels) in [(62u32, &b"Pixel\0\0\0"[..]), (0, b"Pixel Data Pixel")] {
        let mut b = b"BM".to_vec();
        b.extend(size.to_le_bytes());
        b.extend([0; 4]);
        b.extend(54u32.to_le_bytes());
        b.extend(40u32.to_le_bytes());
        let width: i32 = if size == 0 { 4 } else { 2 };
        b.extend(width.to_le_bytes());
        b.extend((-1i32).to_le_bytes());
        b.extend([1, 0, 32, 0]);
        b.extend([0; 24]);
        assert_eq!(b.len(), 54);
        b.extend(pixels);
        b.extend(b"Dana Whitfield");
        let t = metadata(&b).unwrap();
        assert!(t.contains("Dana Whitfield"), "{t:?}");
        assert!(!t.contains("Pixel"), "pixels are not read: {t:?}");
    }
}

/// Images with no text in them, each cut where its data ends.
fn bare_images() -> Vec<(&'static str, Vec<u8>)> {
    let png = png_with(&[
        (b"IHDR", vec![0; 13]),
        (b"IDAT", zlib(&[0; 5])),
        (b"IEND", Vec::new()),
    ]);
    let jpeg = [
        &[0xFF, 0xD8][..],
        &segment(0xE0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"),
        &[0xFF, 0xDA, 0, 2, 0x12, 0x34, 0xFF, 0xD9],
    ]
    .concat();
    let webp = b"RIFF\x16\0\0\0WEBPVP8L\x0a\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88".to_vec();
    let gif = [
        &b"GIF89a"[..],
        &[1, 0, 1, 0, 0, 0, 0],
        &[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B],
    ]
    .concat();
    let mut bmp =
        b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0".to_vec();
    bmp.extend([0; 24]);
    bmp.extend([1, 2, 3, 0]);
    let ftyp = isobox(b"ftyp", b"heic\0\0\0\0mif1heic");
    let coded = [0x28, 0x01, 0xAF, 0x13, 0x21, 0x66, 0x63, 0x40];
    let meta = full_box(
        b"meta",
        0,
        &[
            &full_box(b"hdlr", 0, &[&[0; 4][..], b"pict", &[0; 13]].concat())[..],
            &full_box(
                b"iinf",
                0,
                &[&[0, 1][..], &infe(1, b"hvc1", "", "")].concat(),
            ),
            &iloc_box(
                0,
                (4, 4, 0, 0),
                &[(1, 0, 0, vec![(ftyp.len() as u64 + 8, coded.len() as u64)])],
            ),
        ]
        .concat(),
    );
    let heif = [&ftyp[..], &isobox(b"mdat", &coded), &meta].concat();
    let mut ico = vec![0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 32, 0];
    ico.extend((png.len() as u32).to_le_bytes());
    ico.extend(22u32.to_le_bytes());
    ico.extend(&png);
    vec![
        ("png", png),
        ("jpeg", jpeg),
        ("webp", webp),
        ("gif", gif),
        ("bmp", bmp),
        ("heif", heif),
        ("ico", ico),
    ]
}

#[test]
fn text_after_an_image_is_read_and_random_bytes_never_are() {
    for (format, image) in bare_images() {
        assert_eq!(metadata(&image), None, "{format}");
        let text = [&image[..], b"Notes: Harbor Freight"].concat();
        let t = metadata(&text).unwrap_or_default();
        assert!(t.contains("Harbor Freight"), "{format}: {t:?}");
        // Kilobytes of random bytes (a video, an archive, noise): no
        // text in them is read, so no chance spelling fails a build.
        for seed in 1..=25 {
            let noise = [&image[..], &random(seed, 4096)].concat();
            assert_eq!(metadata(&noise), None, "{format}, seed {seed}");
        }
    }
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
        kind in 0usize..7,
        // Bytes that mean something to one format or another, more
        // often than chance would pick them.
        rest in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::any::<u8>(),
                proptest::sample::select(vec![
                    0u8, 1, 2, 4, 0x1C, 0x21, 0x2C, 0x80, 0xD8, 0xDA, 0xE1, 0xED, 0xFE, 0xFF,
                ]),
                // A box's type, where a HEIF's boxes are read.
                proptest::sample::select(vec![b'm', b'e', b't', b'a', b'i', b'l', b'o', b'c']),
            ],
            0..300,
        ),
    ) {
        let head: &[u8] = match kind {
            0 => b"\x89PNG\r\n\x1a\n",
            1 => &[0xFF, 0xD8],
            2 => b"RIFF\0\0\0\0WEBP",
            3 => b"GIF89a",
            4 => b"\0\0\0\x10ftypheic\0\0\0\0",
            5 => &[0, 0, 1, 0],
            _ => b"Exif\0\0II*\0",
        };
        let b = [head, &rest].concat();
        let _ = metadata(&b);
        exif(&b, &mut Text::default());
        iptc(&b, &mut Text::default());
    }
}

#[test]
fn a_tiffs_own_tags_are_read() {
    // A TIFF is the structure EXIF is made of: its Artist is read as a
    // JPEG's would be (it used to be published unread).
    let t = tiff(&[(0x013B, 2, b"Dana Whitfield\0".to_vec())], &[]);
    let text = metadata(&t).expect("a TIFF's text");
    assert!(text.contains("Dana Whitfield"));
    assert_eq!(metadata(&tiff(&[], &[])), None);
}

/// An ISO base media file format box: its size, its type, its data.
fn isobox(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat()
}

/// A full box: a version and flags of 0 before its data.
fn full_box(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    isobox(kind, &[&[version, 0, 0, 0][..], body].concat())
}

/// An item's entry, of version 2: its id, its type, its name, and (for
/// a `mime` item) its content type.
fn infe(id: u16, kind: &[u8; 4], name: &str, content_type: &str) -> Vec<u8> {
    let mut body = id.to_be_bytes().to_vec();
    body.extend([0, 0]);
    body.extend(kind);
    body.extend(name.as_bytes());
    body.push(0);
    if kind == b"mime" {
        body.extend(content_type.as_bytes());
        body.push(0);
    }
    full_box(b"infe", 2, &body)
}

/// An item's place: its id, construction method, base offset and
/// extents (offset, length).
type IlocItem = (u32, u8, u64, Vec<(u64, u64)>);

/// An `iloc` box of `version`, with fields of the sizes given (offset,
/// length, base offset, extent index): each item's id, construction
/// method, base offset and extents (offset, length).
fn iloc_box(
    version: u8,
    (offset, length, base_size, index): (u8, u8, u8, u8),
    items: &[IlocItem],
) -> Vec<u8> {
    let field = |v: u64, size: u8| v.to_be_bytes()[8 - usize::from(size)..].to_vec();
    let wide = if version >= 2 { 4 } else { 2 };
    let mut b = vec![(offset << 4) | length, (base_size << 4) | index];
    b.extend(field(items.len() as u64, wide));
    for (id, method, base, extents) in items {
        b.extend(field(u64::from(*id), wide));
        if version >= 1 {
            b.extend(field(u64::from(*method), 2));
        }
        b.extend([0, 0]);
        b.extend(field(*base, base_size));
        b.extend(field(extents.len() as u64, 2));
        for (i, (o, l)) in extents.iter().enumerate() {
            if version >= 1 {
                b.extend(field(i as u64, index));
            }
            b.extend(field(*o, offset));
            b.extend(field(*l, length));
        }
    }
    full_box(b"iloc", version, &b)
}

/// The XMP box's `uuid`.
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// A HEIF (`brand` `heic`, or an AVIF: `avif`) as a phone or an encoder
/// writes it, its data first: an image item named "Drukarnia Sowa", an
/// EXIF item (naming Dana Whitfield) in two extents, the second first in
/// the file, an XMP item (naming Zoë Fisher) in `idat`, and a `uuid` XMP
/// box (naming Harbor Freight); `iloc` of the version and field sizes
/// given (offset, length, base offset, index). None of its XMP is a
/// whole packet, nor its EXIF where it seems to start: only its boxes
/// lead to them.
fn heif(brand: &[u8; 4], version: u8, sizes: (u8, u8, u8, u8)) -> Vec<u8> {
    let ftyp = isobox(
        b"ftyp",
        &[&brand[..], &[0, 0, 0, 0], b"mif1", brand, b"miaf"].concat(),
    );
    let coded = b"Pixel Data Pixel Data".to_vec();
    let exif_item = [
        &[0, 0, 0, 6][..],
        b"Exif\0\0",
        &tiff(&[(0x013B, 2, b"Dana Whitfield\0".to_vec())], &[]),
    ]
    .concat();
    let (head, tail) = exif_item.split_at(20);
    // In Latin-1, as no reader of XMP would have it: not text to what
    // no item leads to, read all the same as the XMP its item says it is.
    let xmp = b"<rdf:Description><dc:creator>Zo\xeb Fisher</dc:creator></rdf:Description>";
    // Version 0 has no `idat`: its XMP item is in `mdat`.
    let in_mdat: &[u8] = if version == 0 { xmp } else { b"" };
    let data_at = (ftyp.len() + 8) as u64;
    let mdat = isobox(b"mdat", &[&coded[..], tail, head, in_mdat].concat());
    let tail_at = data_at + coded.len() as u64;
    let head_at = tail_at + tail.len() as u64;
    let xmp_at = head_at + head.len() as u64;
    let idat = isobox(b"idat", &[&b"pad."[..], xmp].concat());
    // Offsets after a base offset, where the base has a size.
    let base = |at: u64| if sizes.2 == 0 { 0 } else { at.min(12) };
    let (b0, b1) = (base(data_at), base(4));
    let xmp_item = if version == 0 {
        (3, 0, b0, vec![(xmp_at - b0, xmp.len() as u64)])
    } else {
        // In `idat`, after its first 4 bytes; a length of 0: to its end.
        (3, 1, b1, vec![(4 - b1, 0)])
    };
    let items = vec![
        (1, 0, b0, vec![(data_at - b0, coded.len() as u64)]),
        (
            2,
            0,
            b0,
            vec![
                (head_at - b0, head.len() as u64),
                (tail_at - b0, tail.len() as u64),
            ],
        ),
        xmp_item,
    ];
    let image = if brand == b"avif" { b"av01" } else { b"hvc1" };
    let iinf = full_box(
        b"iinf",
        0,
        &[
            &3u16.to_be_bytes()[..],
            &infe(1, image, "Drukarnia Sowa", ""),
            &infe(2, b"Exif", "", ""),
            &infe(3, b"mime", "", "application/rdf+xml"),
        ]
        .concat(),
    );
    let hdlr = full_box(b"hdlr", 0, &[&[0; 4][..], b"pict", &[0; 13]].concat());
    let meta = full_box(
        b"meta",
        0,
        &[
            &hdlr[..],
            &full_box(b"pitm", 0, &[0, 1]),
            &iinf,
            &iloc_box(version, sizes, &items),
            if version == 0 { &[] } else { &idat[..] },
        ]
        .concat(),
    );
    let uuid = isobox(
        b"uuid",
        // In Latin-1, as no reader of XMP would have it: read all the
        // same, as the XMP it says it is.
        &[
            &XMP_UUID[..],
            b"<dc:title>Harbor Freight caf\xe9</dc:title>",
        ]
        .concat(),
    );
    [ftyp, mdat, meta, uuid].concat()
}

/// The layouts of `iloc` a test reads: version, and the sizes of its
/// offsets, lengths, base offsets and extent indexes.
const ILOC_LAYOUTS: [(u8, (u8, u8, u8, u8)); 4] = [
    (0, (4, 4, 0, 0)),
    (1, (8, 8, 4, 4)),
    (1, (4, 4, 8, 0)),
    (2, (8, 4, 4, 8)),
];

#[test]
fn heif_and_avif_items_and_xmp_boxes_are_read() {
    for brand in [b"heic", b"avif"] {
        for (version, sizes) in ILOC_LAYOUTS {
            let what = format!("{} with iloc {version} {sizes:?}", brand.escape_ascii());
            let b = heif(brand, version, sizes);
            assert!(crate::gate::image::is_isobmff_image(&b), "{what}");
            let t = metadata(&b).unwrap_or_default();
            for (want, place) in [
                ("Dana Whitfield", "the EXIF item"),
                ("Zoë Fisher", "the XMP item"),
                ("Harbor Freight", "the uuid box"),
                ("Drukarnia Sowa", "an item's name"),
            ] {
                assert!(t.contains(want), "{what}: {place} is not read");
            }
            assert!(!t.contains("Pixel"), "{what}: the coded image is read");
        }
    }
}

#[test]
fn xmp_packets_and_exif_are_read_wherever_they_stand() {
    let packet = "<?xpacket begin=\"\u{feff}\"?><x:xmpmeta><dc:creator>Dana Whitfield</dc:creator></x:xmpmeta><?xpacket end=\"w\"?>";
    let ftyp = isobox(b"ftyp", b"avif\0\0\0\0mif1avif");
    let exif_item = [
        &[0, 0, 0, 6][..],
        b"Exif\0\0",
        &tiff(&[(0x013B, 2, b"Zo\xc3\xab Fisher\0".to_vec())], &[]),
    ]
    .concat();
    // In `mdat`, with no item to lead to them; in a box no reader knows.
    for b in [
        [
            &ftyp[..],
            &isobox(
                b"mdat",
                &[b"Pixel Data", packet.as_bytes(), &exif_item].concat(),
            ),
        ]
        .concat(),
        [
            &ftyp[..],
            &isobox(b"zzzz", &[&[1, 2, 3][..], packet.as_bytes()].concat()),
            &isobox(b"mdat", &[&random(4, 64)[..], &exif_item].concat()),
        ]
        .concat(),
    ] {
        let t = metadata(&b).unwrap_or_default();
        assert!(t.contains("Dana Whitfield"), "the XMP packet is not read");
        assert!(t.contains("Zoë Fisher"), "the EXIF is not read");
        assert!(!t.contains("Pixel"), "the image's data is read");
    }
    // In other formats: a TIFF's XMP tag (700, of bytes), a BMP's pixels;
    // in UTF-16, its marks too.
    let t = metadata(&tiff(&[(700, 1, packet.as_bytes().to_vec())], &[]));
    assert!(
        t.unwrap_or_default().contains("Dana Whitfield"),
        "a TIFF's XMP"
    );
    let mut bmp =
        b"BM\0\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x10\0\0\0\x10\0\0\0\x01\0\x20\0".to_vec();
    bmp.extend([0; 24]);
    bmp.extend(utf16(packet));
    bmp.resize(54 + 16 * 16 * 4, 0);
    let t = metadata(&bmp).unwrap_or_default();
    assert!(t.contains("Dana Whitfield"), "a BMP's UTF-16 XMP");
    // A packet read in its place is not read again.
    let png = png_with(&[
        (b"IHDR", vec![0; 13]),
        (
            b"iTXt",
            [&b"XML:com.adobe.xmp\0\0\0\0\0"[..], packet.as_bytes()].concat(),
        ),
        (b"IEND", Vec::new()),
    ]);
    let t = metadata(&png).unwrap_or_default();
    assert_eq!(
        t.matches("Dana Whitfield").count(),
        1,
        "a PNG's XMP read twice"
    );
    // A packet cut short is read to where its text ends.
    let cut = [&packet.as_bytes()[..60], b"\0\x01\x02Acme"].concat();
    bmp.truncate(54);
    bmp.extend(cut);
    bmp.resize(54 + 16 * 16 * 4, 0);
    let t = metadata(&bmp).unwrap_or_default();
    assert!(
        t.contains("Dana Whitfield") && !t.contains("Acme"),
        "a cut packet"
    );
    // A wrapper that ends before the packet it wraps: the packet is
    // read to its own end.
    let early = "<?xpacket begin=\"\"?><x:xmpmeta><?xpacket end=\"w\"?><dc:creator>Dana Whitfield</dc:creator></x:xmpmeta>";
    bmp.truncate(54);
    bmp.extend(early.as_bytes());
    bmp.resize(54 + 16 * 16 * 4, 0);
    let t = metadata(&bmp).unwrap_or_default();
    assert!(
        t.contains("Dana Whitfield"),
        "a packet its wrapper ends early"
    );
    // Starts without number, and no end: read in a moment.
    let many = [&bmp[..54], &b"<rdf:RDF\0<x:xmpmeta ".repeat(100_000)].concat();
    let started = std::time::Instant::now();
    let _ = metadata(&many);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "too slow"
    );
}

#[test]
fn heif_boxes_whose_sizes_lie_are_read_without_panicking() {
    let b = heif(b"heic", 1, (4, 4, 4, 4));
    // Cut anywhere.
    for n in 0..=b.len() {
        let _ = metadata(&b[..n]);
    }
    // Every size (where each box's would be, and anywhere) given as 0
    // (to the end), 1 (a 64-bit size follows), too small, or too large.
    for at in 0..b.len().saturating_sub(4) {
        for size in [0u32, 1, 4, 7, 9, 0x7FFF_FFFF, u32::MAX] {
            let mut lying = b.clone();
            lying[at..at + 4].copy_from_slice(&size.to_be_bytes());
            let _ = metadata(&lying);
        }
    }
    // A 64-bit size past any end.
    let huge = [
        &isobox(b"ftyp", b"heic\0\0\0\0mif1")[..],
        &[0, 0, 0, 1],
        b"uuid",
        &u64::MAX.to_be_bytes(),
        &XMP_UUID,
        b"Dana Whitfield",
    ]
    .concat();
    assert!(
        metadata(&huge)
            .unwrap_or_default()
            .contains("Dana Whitfield")
    );
    // An index of an item of 65,535 extents apart, one of 65,535 of the
    // whole file (offset 0, length 0: to the end), and a third: read in a
    // moment, within bounds.
    let mut iloc = vec![2, 0, 0, 0, 0x44, 0];
    iloc.extend(3u32.to_be_bytes());
    iloc.extend([0, 0, 0, 1, 0, 0, 0, 0, 0xFF, 0xFF]);
    for i in 0..0xFFFFu32 {
        iloc.extend((200 + 16 * i).to_be_bytes());
        iloc.extend(8u32.to_be_bytes());
    }
    iloc.extend([0, 0, 0, 2, 0, 0, 0, 0, 0xFF, 0xFF]);
    iloc.extend([0, 0, 0, 0, 0, 0, 0, 0].repeat(0xFFFF));
    iloc.extend([0, 0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    let meta = full_box(b"meta", 0, &isobox(b"iloc", &iloc));
    let flood = [
        &isobox(b"ftyp", b"heic\0\0\0\0mif1")[..],
        &meta,
        // And a hundred thousand empty data boxes, whose gaps are sought.
        &isobox(b"mdat", &[]).repeat(100_000),
    ]
    .concat();
    let started = std::time::Instant::now();
    let _ = metadata(&flood);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "too slow"
    );
    // Boxes nested ten thousand deep.
    let mut deep = b"Dana Whitfield".to_vec();
    for _ in 0..10_000 {
        deep = isobox(b"abcd", &deep);
    }
    let _ = metadata(&[&isobox(b"ftyp", b"heic\0\0\0\0mif1")[..], &deep].concat());
    // Text where boxes should be: read whole, its first bytes taken for
    // a size and a type included.
    let text = [
        &isobox(b"ftyp", b"heic\0\0\0\0mif1")[..],
        b"Dana Whitfield called.",
    ]
    .concat();
    assert!(
        metadata(&text)
            .unwrap_or_default()
            .contains("Dana Whitfield")
    );
}

#[test]
fn an_icons_png_images_and_what_no_image_holds_are_read() {
    let png = png_with(&[
        (b"IHDR", vec![0; 13]),
        (b"tEXt", b"Author\0Dana Whitfield".to_vec()),
        (b"IDAT", b"Pixel".to_vec()),
        (b"IEND", Vec::new()),
    ]);
    // A bitmap of 1 by 1 pixel (its height doubled, for its mask): its
    // header, a pixel of 32 bits, a row of its mask.
    let mut dib = 40u32.to_le_bytes().to_vec();
    dib.extend(1u32.to_le_bytes());
    dib.extend(2u32.to_le_bytes());
    dib.extend([1, 0, 32, 0]);
    dib.extend([0; 24]);
    dib.extend(b"Pxl!");
    dib.extend([0; 4]);
    let dib_text = [&dib[..], b"Harbor Freight"].concat();
    for kind in [1u8, 2] {
        let mut ico = vec![0, 0, kind, 0, 2, 0];
        let first = 6 + 2 * 16;
        for (image, at) in [(&png, first), (&dib_text, first + png.len())] {
            ico.extend([1, 1, 0, 0, 1, 0, 32, 0]);
            ico.extend((image.len() as u32).to_le_bytes());
            ico.extend((at as u32).to_le_bytes());
        }
        ico.extend(&png);
        ico.extend(&dib_text);
        ico.extend(b"Drukarnia Sowa");
        let t = metadata(&ico).unwrap_or_default();
        for (want, place) in [
            ("Dana Whitfield", "a PNG image's text"),
            ("Harbor Freight", "what follows a bitmap's pixels"),
            ("Drukarnia Sowa", "what follows the images"),
        ] {
            assert!(t.contains(want), "{kind}: {place} is not read");
        }
        assert!(
            !t.contains("Pixel") && !t.contains("Pxl"),
            "pixels are read"
        );
    }
}

#[test]
fn a_bmps_text_between_its_headers_and_pixels_or_after_a_bare_header_is_read() {
    // A palette of two colours, then a note, then the pixels.
    let mut b = b"BM\0\0\0\0\0\0\0\0".to_vec();
    let note = b"Notes: Dana Whitfield";
    b.extend((54 + 8 + note.len() as u32).to_le_bytes());
    b.extend(40u32.to_le_bytes());
    b.extend(8u32.to_le_bytes());
    b.extend(1u32.to_le_bytes());
    b.extend([1, 0, 1, 0]);
    b.extend([0; 16]);
    b.extend(2u32.to_le_bytes());
    b.extend([0; 4]);
    b.extend([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0]);
    b.extend(note);
    b.extend(b"Pixl");
    let t = metadata(&b).unwrap_or_default();
    assert!(t.contains("Dana Whitfield"), "the gap is not read");
    assert!(!t.contains("Pixl"), "pixels are read");
    // A header of zeros: what follows it is read, not the header.
    let bare = [&b"BM"[..], &[0; 52], b"Dana Whitfield"].concat();
    assert!(
        metadata(&bare)
            .unwrap_or_default()
            .contains("Dana Whitfield")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// A HEIF whose bytes are changed anywhere (sizes, counts, offsets,
    /// types) is read without panicking.
    #[test]
    fn a_heif_changed_anywhere_is_read_without_panicking(
        layout in 0usize..4,
        changes in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()),
            1..8,
        ),
    ) {
        let (version, sizes) = ILOC_LAYOUTS[layout];
        let mut b = heif(b"avif", version, sizes);
        for (at, byte) in changes {
            let at = at.index(b.len());
            b[at] = byte;
        }
        let _ = metadata(&b);
    }
}

#[test]
fn imagemagicks_raw_profiles_in_a_pngs_text_are_read_as_the_profiles_they_are() {
    // As ImageMagick writes them: a line break, the profile's name, its
    // length, then its bytes in hex, 36 a line.
    let raw = |name: &str, bytes: &[u8]| {
        let hex: Vec<String> = bytes
            .chunks(36)
            .map(|l| l.iter().map(|c| format!("{c:02x}")).collect())
            .collect();
        format!("\n{name}\n{:8}\n{}\n", bytes.len(), hex.join("\n")).into_bytes()
    };
    let xmp = "<x:xmpmeta><dc:creator>Zoë Fisher</dc:creator></x:xmpmeta>";
    let exif = [
        &b"Exif\0\0"[..],
        &tiff(&[(0x013B, 2, b"Dana Whitfield\0".to_vec())], &[]),
    ]
    .concat();
    let caption = b"Kick-off at Drukarnia Sowa";
    let mut iim = vec![0x1C, 2, 120];
    iim.extend((caption.len() as u16).to_be_bytes());
    iim.extend(caption);
    let b = png_with(&[
        (b"IHDR", vec![0; 13]),
        (
            b"zTXt",
            [
                &b"Raw profile type xmp\0\0"[..],
                &zlib(&raw("xmp", xmp.as_bytes())),
            ]
            .concat(),
        ),
        (
            b"tEXt",
            [&b"Raw profile type exif\0"[..], &raw("exif", &exif)].concat(),
        ),
        (
            b"iTXt",
            [&b"Raw profile type iptc\0\0\0\0\0"[..], &raw("iptc", &iim)].concat(),
        ),
        (
            b"tEXt",
            [
                &b"Raw profile type icc\0"[..],
                &raw("icc", b"Harbor Freight"),
            ]
            .concat(),
        ),
        (b"IEND", Vec::new()),
    ]);
    let t = metadata(&b).unwrap_or_default();
    for (want, place) in [
        ("Zoë Fisher", "the XMP profile"),
        ("Dana Whitfield", "the EXIF profile"),
        ("Drukarnia Sowa", "the IPTC profile"),
    ] {
        assert!(t.contains(want), "{place} is not read");
    }
    assert!(!t.contains("Harbor"), "an ICC profile is read");
}
