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
    vec![
        ("png", png),
        ("jpeg", jpeg),
        ("webp", webp),
        ("gif", gif),
        ("bmp", bmp),
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

#[test]
fn a_tiffs_own_tags_are_read() {
    // A TIFF is the structure EXIF is made of: its Artist is read as a
    // JPEG's would be (it used to be published unread).
    let t = tiff(&[(0x013B, 2, b"Dana Whitfield\0".to_vec())], &[]);
    let text = metadata(&t).expect("a TIFF's text");
    assert!(text.contains("Dana Whitfield"));
    assert_eq!(metadata(&tiff(&[], &[])), None);
}
