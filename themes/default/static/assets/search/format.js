/* exitbook search, part 1 of 7: the index's files, as this script reads
 * them. src/search/format.rs writes them (a type per kind of file); a test
 * there builds an index with every kind of file and fails when a file and
 * this description disagree, either way.
 *
 * Types: "int", "number", "bool", "string"; "[T]" a list of T; "[T, U]" a
 * list of a T then a U; a name from "types" an object; a trailing "?" a
 * field that may be left out. Postings are strings of compact numbers:
 * a number's last character is one of `digits[0]` (its value modulo 13),
 * the characters before it are of `digits[1]` (the rest in base 7, most
 * significant first): punctuation only, see src/search/format.rs.
 */
var FORMAT = {
  // meta.js's `format`: an index of another version is refused.
  "version": 4,
  // the characters that end a number, and those before its last
  "digits": ["!#$',:;=?@[]^", "{|}()+/"],
  // the length of a shard's or text file's name in meta.js
  "nameLength": 5,
  "files": {
    // meta.js: what every query needs first.
    "meta": {
      "format": "int",
      // changes with any file of the index; `?v=` on every file loaded
      "version": "string",
      "docs": "int",
      "pages": "int",
      // pages 0..chapterPages-1 are chapters (a document per section), the others cases
      "chapterPages": "int",
      // the number of documents of each chapter
      "sections": "[int]",
      // where every term shard (t/) starts (a word is in the last that starts
      // at or before it), as its UTF-16 code units in compact numbers; and
      // the shards' names, one after another
      "shards": "[string]",
      "shardNames": "string",
      // pair buckets y/0 … y/{n-1}, a power of two
      "pairBuckets": "int",
      // the number of documents of each chapters' text file (d/), and their names
      "textFiles": "[int]",
      "textNames": "string",
      // the vocabulary files (v/) there are, space-separated
      "vocabulary": "string",
      // each filter: its name, and its values as (value, label, cases)
      "filters": "[[string, [[string, string, int]]]]",
      // words not indexed alone, and words a question adds (how, should…)
      "stop": "[string]",
      "fillers": "[string]",
      "levels": "number",
      "k1": "number",
      // links end in a folder (pretty_urls), not in index.html
      "pretty": "bool"
    },
    // t/NAME.js: a range of terms, sorted as JavaScript sorts strings.
    "t": {
      "terms": "[string]",
      // per term, per weight level (highest first): level, count, document gaps
      "postings": "[string]",
      // [key, alternative…] for the keys of this range; several words space-separated
      "synonyms": "[[string]]?"
    },
    // y/B.js: the pairs of neighbouring words of bucket B (FNV-1a of the pair
    // over UTF-16 code units), sorted, each with its documents (gaps).
    "y": {
      "pairs": "[string]",
      "postings": "[string]"
    },
    // d/NAME.js: what results show of a range of chapter documents.
    "d": {
      "first": "int",
      // each document's text, a paragraph a string (joined with line breaks to read)
      "texts": "[[string]]",
      // each document's page, as an index into `pages`
      "page": "[int]",
      "pages": "[[int, page]]"
    },
    // c/K.js: what results show of case K (its number among the cases).
    "c": {
      "href": "string",
      "title": "string",
      "date": "string?",
      // its reason and outcome, as filter values
      "badges": "[string]",
      // its lede, then its story, a paragraph a string
      "text": "[string]"
    },
    // v/KEY.js: the words filed under a pair of letters, for typos.
    "v": {
      "terms": "[string]",
      "df": "[int]"
    },
    // f/NAME-K.js: the documents of value K of filter NAME (gaps).
    "f": {
      "docs": "string"
    },
    // What the search page carries inline, to start loading a query's
    // shards before this script has come.
    "lookup": {
      "version": "string",
      "shards": "[string]",
      "shardNames": "string",
      "pairBuckets": "int",
      "stop": "[string]",
      "fillers": "[string]",
      // the characters of compact numbers, to read `shards` by (in pieces)
      "digits": "[string]"
    }
  },
  "types": {
    "page": {
      "href": "string",
      "title": "string",
      "lang": "string?",
      // its documents: (anchor, heading)
      "sections": "[[string, string]]"
    }
  }
};

/**
 * What is wrong with `data` loaded as file `name` (`t/1f0c…`, `meta`), or
 * null: a field this script reads is missing, or the index is of another
 * version. Top-level fields only: it runs on every file.
 */
function formatProblem(name, data) {
  var kind = name === 'meta' ? 'meta' : name.slice(0, 1), want = FORMAT.files[kind];
  if (!want || !data || typeof data !== 'object') return 'it is not a search index file';
  if (kind === 'meta' && data.format !== FORMAT.version) return 'it is of another version of exitbook';
  for (var field in want) {
    if (!(field in data) && want[field].slice(-1) !== '?') return 'it has no ' + field;
  }
  return null;
}
