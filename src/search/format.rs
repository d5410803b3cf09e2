//! The index's files as the browser reads them: one type per kind of file,
//! which the build serializes, and the numbers' encoding. The same format
//! is described for `search.js` in
//! `themes/default/static/assets/search/format.js`, which it checks every
//! file it loads against; a test (below) builds an index with every kind of
//! file and fails when a file and that description disagree.
//!
//! Every file is a classic script calling `exitbookSearch.load(name, data)`
//! (so that the index loads from `file://` too), and readable text.
//!
//! Numbers in postings are written in a compact text form ([`push_number`]):
//! a document number's gap from the one before takes one character below
//! 13, two below 91, three below 637, four below 4,459 (decimal with commas
//! takes two, three, four, five), in punctuation that the leak check can
//! never read as a name or a phone number, and reads quickly ([`ENDS`]).

use serde::Serialize;

/// The version of the format: `meta.js` names it, and `search.js` refuses
/// an index of another version (a page or theme older than its index).
pub const FORMAT: u32 = 4;

/// The length of a shard's or text file's name (digits and lowercase
/// letters).
pub const NAME_LENGTH: usize = 5;

/// `meta.js`: what every query needs first.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta<'a> {
    pub format: u32,
    /// Changes with any file of the index (`?v=` on every file it loads).
    pub version: String,
    pub docs: usize,
    pub pages: usize,
    /// Pages `0..chapter_pages` are chapters, the others cases.
    pub chapter_pages: usize,
    /// The number of documents (sections) of each chapter; a case has one.
    pub sections: Vec<usize>,
    /// Where every term shard (`t/`) starts, in order: a word is in the
    /// last shard that starts at or before it (the first starts at `""`).
    /// Each as its UTF-16 code units in compact numbers ([`push_number`]):
    /// the start of a word can be a name (`sam` of `sample`), which the
    /// leak check would find in a list of words; numbers it reads as
    /// nothing.
    pub shards: &'a [String],
    /// The name of every term shard: [`NAME_LENGTH`] characters each, one
    /// after another.
    pub shard_names: String,
    /// The number of pair buckets (`y/0` … `y/{n-1}`), a power of two.
    pub pair_buckets: u32,
    /// The number of documents of each text file (`d/`, chapters), in
    /// order.
    pub text_files: Vec<usize>,
    /// The name of every text file, as `shard_names`.
    pub text_names: String,
    /// The vocabulary files (`v/`) there are, by their key, space-separated:
    /// the browser asks for no file that does not exist.
    pub vocabulary: String,
    /// Each filter, with its values: (value, label, number of cases).
    pub filters: Vec<(&'a str, Vec<FilterValue<'a>>)>,
    /// Words that are not indexed alone (they are in pairs).
    pub stop: &'a [&'a str],
    /// Words a question adds (see [`super::text::FILLERS`]).
    pub fillers: &'a [&'a str],
    /// Weight levels of a posting.
    pub levels: f32,
    /// BM25's term-frequency saturation.
    pub k1: f32,
    /// Whether links end in a folder (`pretty_urls`) or in `index.html`.
    pub pretty: bool,
}

/// A filter's value: (value, label, number of cases).
pub type FilterValue<'a> = (&'a str, &'a str, usize);

/// What the search page starts loading with, before `search.js` has come:
/// a part of [`Meta`], inline in the page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lookup<'a> {
    pub version: &'a str,
    pub shards: &'a [String],
    pub shard_names: &'a str,
    pub pair_buckets: u32,
    pub stop: &'a [&'a str],
    pub fillers: &'a [&'a str],
    /// [`ENDS`] and [`MORE`], to read `shards` by ([`DIGIT_PIECES`]).
    pub digits: [&'a str; 2],
}

/// `t/NAME.js`: a range of terms, sorted as JavaScript sorts strings.
#[derive(Serialize)]
pub struct WordShard<'a> {
    pub terms: Vec<&'a str>,
    /// Each term's postings: per weight level, highest first, the level,
    /// the number of documents and their numbers (each as its gap from the
    /// one before in the level), all as [`push_number`] writes them.
    pub postings: Vec<&'a str>,
    /// Synonyms of the words (and first words of phrases) of this shard's
    /// range: `[key, alternative, …]`, sorted by key; a key or alternative
    /// of several words has them space-separated, one ending in `*` stands
    /// for the words it begins. Loaded with the word, at no extra request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<&'a str>>,
}

/// `y/B.js`: the pairs of neighbouring words (stop words included) of hash
/// bucket `B`, sorted, each with the documents that have it (gaps, as in
/// [`WordShard::postings`], without levels). A quoted phrase is where all
/// its pairs are.
#[derive(Serialize, Default)]
pub struct PairShard<'a> {
    pub pairs: Vec<&'a str>,
    pub postings: Vec<&'a str>,
}

/// `d/NAME.js`: what results show of a range of chapter documents.
#[derive(Serialize)]
pub struct TextFile<'a> {
    /// The first document.
    pub first: usize,
    /// Each document's text, a paragraph (or a line of code) a string
    /// ([`lines`]).
    pub texts: Vec<Vec<&'a str>>,
    /// The page of each document, as an index into `pages`.
    pub page: Vec<usize>,
    /// (page number, page) of the pages of these documents.
    pub pages: Vec<(usize, PageInfo<'a>)>,
}

/// What a result shows of a chapter.
#[derive(Serialize)]
pub struct PageInfo<'a> {
    pub href: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    /// Its documents: (anchor, heading) of each.
    pub sections: Vec<(&'a str, &'a str)>,
}

/// `c/K.js`: what a result shows of case `K` (its number among the cases,
/// in the index's order).
#[derive(Serialize)]
pub struct CaseFile<'a> {
    pub href: &'a str,
    pub title: &'a str,
    /// Its exit date, as published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// Its reason and outcome, as values of those filters (their labels
    /// are in `meta.js`).
    pub badges: Vec<&'a str>,
    /// Its lede, then its story, a paragraph a string ([`lines`]).
    pub text: Vec<&'a str>,
}

/// A text's paragraphs: its lines, as strings of their own. Their reader
/// joins them with line breaks, and what it shows of a text (a snippet)
/// never joins two, so that the index, like a page, never shows the end
/// of one paragraph run into the next. The leak gate reads a paragraph
/// break in a page as a break no name crosses; in the index, a string's
/// quotes are that break, and a paragraph written the same way as on its
/// page is one the gate need not read twice (`crate::gate::seen::texts`).
pub fn lines(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

/// `v/KEY.js`: words filed under a pair of letters, for typos.
#[derive(Serialize)]
pub struct Vocabulary<'a> {
    pub terms: Vec<&'a str>,
    /// Each word's number of documents.
    pub df: Vec<usize>,
}

/// `f/NAME-K.js`: the documents having value `K` of filter `NAME` (gaps,
/// as [`push_number`] writes them).
#[derive(Serialize)]
pub struct FilterDocs {
    pub docs: String,
}

/// The characters of the compact numbers: a number's last character is
/// one of [`ENDS`] (its value modulo 13), the characters before it are of
/// [`MORE`] (the rest, in base 7, most significant first). They are
/// chosen for the leak check, which reads every byte the site publishes:
/// - no letter (a run of them could spell a name: `saM` was doc 22,678 in
///   letters) and no digit (a run of them could be a phone number);
/// - no `&` `%` `<` `\` `*` `~` `` ` `` `"` (an entity, an escape, a tag
///   or markup could be decoded into one), no `-` `_` `.` (word breaks
///   the check reads one at a time);
/// - only punctuation it reads as it stands, many bytes at once: the
///   postings are a fifth of the index, and with digits and `%` among
///   them the check read them five times slower than text.
///
/// All are safe in a JSON string and need no escaping. Twenty characters
/// make 13 and 7 the split that writes the index's numbers shortest
/// (most are below 13).
pub const ENDS: &[u8; 13] = b"!#$',:;=?@[]^";

/// The characters before a number's last: see [`ENDS`].
pub const MORE: &[u8; 7] = b"{|}()+/";

/// [`ENDS`] and [`MORE`] as the site writes them out for its scripts.
pub const DIGIT_PIECES: [&str; 2] = ["!#$',:;=?@[]^", "{|}()+/"];

/// Append `n` in compact form: `0` → `!`, `12` → `^`, `13` → `|!`.
pub fn push_number(out: &mut String, n: u32) {
    let mut bytes = [0u8; 16];
    for &b in number(n, &mut bytes) {
        out.push(char::from(b));
    }
}

/// [`push_number`] onto bytes (all ASCII): what postings are written
/// with, millions of numbers, made a string once.
pub fn push_number_bytes(out: &mut Vec<u8>, n: u32) {
    if n < ENDS.len() as u32 {
        out.push(ENDS[n as usize]);
    } else {
        let mut bytes = [0u8; 16];
        out.extend_from_slice(number(n, &mut bytes));
    }
}

/// `n` as [`push_number`] writes it, in the end of `bytes` (a `u32` takes
/// at most 12 characters).
fn number(n: u32, bytes: &mut [u8; 16]) -> &[u8] {
    const E: u32 = ENDS.len() as u32;
    const M: u32 = MORE.len() as u32;
    let mut at = bytes.len() - 1;
    bytes[at] = ENDS[(n % E) as usize];
    let mut n = n / E;
    while n != 0 {
        at -= 1;
        bytes[at] = MORE[(n % M) as usize];
        n /= M;
    }
    &bytes[at..]
}

/// A word as its UTF-16 code units in compact numbers: what the leak
/// check reads as nothing.
pub fn code_units(word: &str) -> String {
    let mut out = String::new();
    for u in word.encode_utf16() {
        push_number(&mut out, u32::from(u));
    }
    out
}

/// The numbers of a string [`push_number`] wrote (for tests).
#[cfg(test)]
pub fn numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = 0u32;
    for b in s.bytes() {
        if let Some(x) = MORE.iter().position(|&d| d == b) {
            n = n * MORE.len() as u32 + x as u32;
        } else {
            let x = ENDS.iter().position(|&d| d == b).expect("a numeral");
            out.push(n * ENDS.len() as u32 + x as u32);
            n = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests;
