//! XMP packets, wherever they stand in an image's bytes: a format's
//! reader finds those in their places; this finds the others (in a TIFF's
//! XMP tag, a Photoshop resource, a box or chunk no reader knows, an
//! item a HEIF's index hides). Their marks cannot occur by chance.

use std::ops::Range;

use super::{Text, merge};

/// How a packet may start, and the mark that ends it: its wrapper, its
/// root (Adobe's, and the older name of it), or its RDF alone.
const MARKS: [(&str, &str); 4] = [
    ("<?xpacket begin", "<?xpacket end"),
    ("<x:xmpmeta", "</x:xmpmeta>"),
    ("<x:xapmeta", "</x:xapmeta>"),
    ("<rdf:RDF", "</rdf:RDF>"),
];

/// The most packets read apart from the text read already: each is
/// compared with all of it. Any more are read as they are (a packet read
/// twice is found twice, nothing worse).
const MAX_COMPARED: usize = 64;

/// An XMP packet's encoding: UTF-8, or UTF-16 of either byte order.
#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf16 { little: bool },
}

/// Every XMP packet in `b`, from its first mark to its last (or, where
/// it has none, to where its text ends), unless one read holds it.
pub(super) fn packets(b: &[u8], out: &mut Text) {
    let mut read = 0;
    for encoding in [
        Encoding::Utf8,
        Encoding::Utf16 { little: true },
        Encoding::Utf16 { little: false },
    ] {
        // What packets found so far cover, in order and apart.
        let mut covered: Vec<Range<usize>> = Vec::new();
        for (open, close) in MARKS {
            let (open, close) = (encode(open, encoding), encode(close, encoding));
            let mut found: Vec<Range<usize>> = Vec::new();
            // Where the end mark after the last start is (`None`: there
            // is none), and the text run the last start was in: each
            // searched for once, however many starts share them.
            let mut next_close: Option<Option<usize>> = None;
            let mut run = 0..0;
            for start in memchr::memmem::find_iter(b, &open) {
                if next_close.is_some_and(|c| c.is_some_and(|c| c < start)) {
                    next_close = None;
                }
                let close_at = *next_close.get_or_insert_with(|| {
                    memchr::memmem::find(&b[start..], &close).map(|e| start + e)
                });
                let end = match close_at {
                    Some(c) => c + close.len(),
                    None => {
                        // In UTF-16, a run read from an odd byte is
                        // another run.
                        if !(run.contains(&start) && (start - run.start) % 2 == 0) {
                            run = start..start + text_run(&b[start..], encoding);
                        }
                        run.end
                    }
                };
                if found.last().is_some_and(|r| end <= r.end) || within(&covered, start, end) {
                    continue;
                }
                let packet = &b[start..end];
                let text;
                let bytes = match encoding {
                    Encoding::Utf8 => packet,
                    Encoding::Utf16 { little } => {
                        let units = crate::gate::read::utf16_units(packet, little);
                        text = char::decode_utf16(units)
                            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                            .collect::<String>();
                        text.as_bytes()
                    }
                };
                if read < MAX_COMPARED {
                    out.once(bytes);
                } else {
                    out.text(bytes);
                }
                read += 1;
                found.push(start..end);
            }
            covered.extend(found);
            merge(&mut covered);
        }
    }
}

/// Is `start..end` inside one of `covered` (in order, apart)?
fn within(covered: &[Range<usize>], start: usize, end: usize) -> bool {
    let i = covered.partition_point(|r| r.start <= start);
    i > 0 && end <= covered[i - 1].end
}

fn encode(mark: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => mark.as_bytes().to_vec(),
        Encoding::Utf16 { little: true } => {
            mark.encode_utf16().flat_map(u16::to_le_bytes).collect()
        }
        Encoding::Utf16 { little: false } => {
            mark.encode_utf16().flat_map(u16::to_be_bytes).collect()
        }
    }
}

/// How many bytes from the start of `b` are text: characters that
/// decode, none of them a control character but a line break or a tab.
fn text_run(b: &[u8], encoding: Encoding) -> usize {
    let text = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    match encoding {
        Encoding::Utf8 => {
            // To the first control byte, then what of that is UTF-8: the
            // run, not all that follows, is checked.
            let b = b
                .iter()
                .position(|&c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0x7F)
                .map_or(b, |end| &b[..end]);
            let valid = match std::str::from_utf8(b) {
                Ok(t) => t,
                Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or_default(),
            };
            valid
                .char_indices()
                .find(|&(_, c)| !text(c))
                .map_or(valid.len(), |(i, _)| i)
        }
        Encoding::Utf16 { little } => {
            let units = crate::gate::read::utf16_units(b, little);
            char::decode_utf16(units)
                .take_while(|c| c.as_ref().is_ok_and(|&c| text(c)))
                .map(|c| c.map_or(2, |c| c.len_utf16() * 2))
                .sum()
        }
    }
}
