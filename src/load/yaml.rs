//! The one place that calls the YAML library.
//!
//! serde_yaml is archived upstream, so nothing else in exitbook names it:
//! this module turns YAML text into a plain `serde_json::Value` tree (which
//! every later stage validates and deserializes) and finds the line and
//! column of a path in the source for diagnostics. Swapping the parser means
//! rewriting `parse` and nothing else.

use serde_json::Value;
#[cfg(test)]
use serde_json::{Map, Number};

use crate::text::line_col;

mod tree;

/// A syntax error, with its place; the message never quotes the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One step of a path into a document: `contacts[0].email`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Render a path as users write it: `contacts[0].email`.
pub fn path_string(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Parse one YAML document into a JSON-like tree. Empty input is `Null`.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    use serde::de::DeserializeSeed;
    tree::Tree
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|e| syntax_error(&e))
}

/// `e` as a diagnostic's place and message.
fn syntax_error(e: &serde_yaml::Error) -> SyntaxError {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    SyntaxError {
        line,
        column,
        message: explain(&e.to_string()),
    }
}

/// [`parse`] the long way, through the library's own tree: what it is
/// held to.
#[cfg(test)]
fn parse_by_value(text: &str) -> Result<Value, SyntaxError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| syntax_error(&e))?;
    Ok(convert(value))
}

/// serde_yaml's messages end with " at line L column C" and, for some
/// problems, quote the input; keep only the libyaml problem, which names
/// the kind of mistake and never the text.
fn explain(message: &str) -> String {
    let core = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .trim()
        .to_string();
    if core.contains('"') || core.contains('`') {
        // A message that quotes a value: do not pass it on.
        if core.contains("duplicate entry") {
            return "the same key appears twice in one mapping".into();
        }
        return "the YAML is malformed here".into();
    }
    if core.contains("duplicate entry") {
        return "the same key appears twice in one mapping".into();
    }
    core
}

#[cfg(test)]
fn convert(v: serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Number::from_f64(f).map_or_else(|| Value::String(n.to_string()), Value::Number)
            }
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(convert).collect())
        }
        serde_yaml::Value::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    serde_yaml::Value::String(s) => s,
                    other => scalar_key(&other),
                };
                out.insert(key, convert(v));
            }
            Value::Object(out)
        }
        serde_yaml::Value::Tagged(t) => convert(t.value),
    }
}

#[cfg(test)]
fn scalar_key(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Null => "null".into(),
        _ => "(complex key)".into(),
    }
}

/// Find the line and column of `path` in YAML `text` (1-based).
///
/// This follows block indentation and one-line flow collections, which is
/// how records are written; where the path cannot be followed to the end,
/// it returns the deepest place it found, so a diagnostic still points at
/// the right neighbourhood.
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let offsets: Vec<usize> = lines
        .iter()
        .scan(0usize, |acc, l| {
            let start = *acc;
            *acc += l.len() + 1;
            Some(start)
        })
        .collect();
    // The current scope: a range of lines and, inside the first line, a
    // starting byte; `inline` is set once we are inside a flow collection.
    let mut first = 0usize;
    let mut last = lines.len();
    let mut min_col = 0usize;
    let mut found = first_content_line(&lines, 0, lines.len()).map_or(0, |l| offsets[l]);
    let mut inline: Option<(usize, usize)> = None; // (line index, byte within line)

    for seg in path {
        if let Some((li, at)) = inline {
            match find_in_flow(lines[li], at, seg) {
                Some(pos) => {
                    inline = Some((li, pos));
                    found = offsets[li] + pos;
                    continue;
                }
                None => break,
            }
        }
        let hit = match seg {
            Seg::Key(k) => find_key(&lines, first, last, min_col, k),
            Seg::Index(i) => find_item(&lines, first, last, min_col, *i),
        };
        let Some((li, col)) = hit else { break };
        found = offsets[li] + col;
        // The value of this node: the rest of the line, or the block below.
        let rest_start = match seg {
            Seg::Key(k) => col + key_len(lines[li], col, k) + 1,
            Seg::Index(_) => col,
        };
        let rest = lines[li].get(rest_start..).unwrap_or("").trim_start();
        let rest_at = lines[li].len() - rest.len();
        if rest.starts_with('[') || rest.starts_with('{') {
            inline = Some((li, rest_at));
        } else if let Seg::Index(_) = seg {
            // An item owns the lines indented deeper than its dash; with
            // "- key: value" its mapping starts on the dash line itself.
            let dash = indent_of(lines[li]);
            last = block_end(&lines, li, dash, false);
            if rest.is_empty() {
                first = li + 1;
                min_col = dash + 1;
            } else {
                first = li;
                min_col = col;
            }
        } else {
            first = li + 1;
            min_col = col + 1;
            last = block_end(&lines, li, col, true);
            // "key:" followed by "- item" lines at the key's own indentation.
            if first_content_line(&lines, first, last).is_some_and(|l| indent_of(lines[l]) == col) {
                min_col = col;
            }
        }
    }
    line_col(text, found)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#') || t == "---"
}

fn first_content_line(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| !is_blank_or_comment(lines[i]))
}

/// The end (exclusive) of the block owned by a node on line `li` whose
/// indentation is `owner`: the lines indented deeper. With `seq_at_owner`, a
/// sequence written at the owner's own indentation (`key:` then `- a`)
/// belongs to it too.
fn block_end(lines: &[&str], li: usize, owner: usize, seq_at_owner: bool) -> usize {
    let mut i = li + 1;
    while i < lines.len() {
        let l = lines[i];
        if !is_blank_or_comment(l) {
            let ind = indent_of(l);
            let is_item = l[ind..].starts_with("- ") || &l[ind..] == "-";
            if ind < owner || (ind == owner && !(seq_at_owner && is_item)) {
                break;
            }
        }
        i += 1;
    }
    i
}

/// Where the value of the node at (line, column) starts, if it is written on
/// the same line (`reason: complants` → the `c` of `complants`).
pub fn value_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line, column);
    };
    let start: usize = l
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(l.len(), |(i, _)| i);
    let rest = &l[start..];
    // Only for a `key: value` node; an item's position is already its value.
    let Some(colon) = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(|r| r.len()))
    else {
        return (line, column);
    };
    if rest[..colon].contains(['[', '{', '"', '\'']) && !rest.starts_with(['"', '\'']) {
        return (line, column);
    }
    let after = &rest[colon + 1..];
    let value = after.trim_start();
    if value.is_empty() || value.starts_with('#') {
        return (line, column);
    }
    let offset = start + colon + 1 + (after.len() - value.len());
    (line, l[..offset].chars().count() + 1)
}

/// Where a mapping key starts on a line: after the indentation and any
/// "- " sequence markers.
fn key_start(line: &str) -> usize {
    let mut i = indent_of(line);
    while line[i..].starts_with("- ") {
        i += 2;
        i += line[i..].len() - line[i..].trim_start_matches(' ').len();
    }
    i
}

fn key_len(line: &str, col: usize, key: &str) -> usize {
    let rest = &line[col..];
    if rest.starts_with('"') || rest.starts_with('\'') {
        key.len() + 2
    } else {
        key.len()
    }
}

fn line_has_key(line: &str, at: usize, key: &str) -> bool {
    let rest = &line[at..];
    for q in ["", "\"", "'"] {
        if let Some(r) = rest.strip_prefix(q)
            && let Some(r) = r.strip_prefix(key)
            && let Some(r) = r.strip_prefix(q)
            && (r.starts_with(':'))
        {
            return true;
        }
    }
    false
}

fn find_key(
    lines: &[&str],
    first: usize,
    last: usize,
    min_col: usize,
    key: &str,
) -> Option<(usize, usize)> {
    // The indentation of this mapping's keys is that of its first key.
    let head = first_content_line(lines, first, last)?;
    let level = key_start(lines[head]).max(min_col);
    for (li, line) in lines.iter().enumerate().take(last).skip(first) {
        if is_blank_or_comment(line) {
            continue;
        }
        let ks = key_start(line);
        if ks < min_col {
            continue;
        }
        if (ks == level || (li == first && ks >= min_col)) && line_has_key(line, ks, key) {
            return Some((li, ks));
        }
    }
    None
}

fn find_item(
    lines: &[&str],
    first: usize,
    last: usize,
    min_col: usize,
    index: usize,
) -> Option<(usize, usize)> {
    let head = first_content_line(lines, first, last)?;
    let level = indent_of(lines[head]);
    let mut n = 0;
    for (li, line) in lines.iter().enumerate().take(last).skip(first) {
        if is_blank_or_comment(line) {
            continue;
        }
        let ind = indent_of(line);
        if ind == level && ind >= min_col.saturating_sub(1) && line[ind..].starts_with('-') {
            if n == index {
                let after = ind + 1;
                let skip = line[after..].len() - line[after..].trim_start().len();
                return Some((li, after + skip));
            }
            n += 1;
        }
    }
    None
}

/// Find a key or an index inside a one-line flow collection starting at `at`.
fn find_in_flow(line: &str, at: usize, seg: &Seg) -> Option<usize> {
    let bytes = line.as_bytes();
    let open = *bytes.get(at)?;
    if open != b'[' && open != b'{' {
        return None;
    }
    // Split the top level of the collection at commas.
    let mut depth = 0;
    let mut starts = vec![at + 1];
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            (None, b',') if depth == 1 => starts.push(i + 1),
            _ => {}
        }
    }
    let skip_ws = |i: usize| i + (line[i..].len() - line[i..].trim_start().len());
    match seg {
        Seg::Index(n) => starts.get(*n).map(|&s| skip_ws(s)),
        Seg::Key(k) => starts.iter().map(|&s| skip_ws(s)).find_map(|s| {
            if line_has_key(line, s, k) {
                // The value after "key:".
                let colon = s + line[s..].find(':')?;
                Some(skip_ws(colon + 1).min(line.len()))
            } else {
                None
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Seg {
        Seg::Key(k.into())
    }

    const DOC: &str = "title: T\nclient:\n  name: X\n  industry: print\ncontacts:\n  - name: A\n    role: R\n  - name: B\n    email: b@x\nexit:\n  date: 2025-03-31\n  reason: complants\nchapters: [a, b, nope]\nengagement:\n  value: { amount: 1, per: week }\n";

    /// Read as the library's own tree reads, converted: every kind of
    /// node, key and mistake, and every record of the example handbook.
    #[test]
    fn reads_as_the_library_tree_reads() {
        // Each document, and whether it reads (the rest are mistakes).
        let docs = [
            ("", true),
            ("# only a comment\n", true),
            (DOC, true),
            (
                "a: &x {b: 1, c: [1, 2.5, -3, null, ~, true, 'q']}\nd: *x\ne: [*x]\n",
                true,
            ),
            (
                "a: !thing x\nb: !thing {c: 1}\nc: !!str 12\nd: !!float 3\ne: !t [1, !u 2]\n",
                true,
            ),
            ("1: one\ntrue: yes\nnull: nothing\n1.5: f\n-2: m\n", true),
            ("? [a, b]\n: complex\n? {k: v}\n: other\n", true),
            (
                "a: .nan\nb: .inf\nc: -.inf\nd: 1e3\ne: 0o17\nf: 0x1F\n",
                true,
            ),
            ("g: 18446744073709551616\n", false),
            ("h: -9223372036854775809\n", false),
            (
                "t: 2025-03-31\nu: 2025-03-31T10:00:00Z\nv: 1_000\nw: +12\nx: 007\n",
                true,
            ),
            (
                "n: |\n  line one\n  line two\nm: >-\n  folded\n  text\n",
                true,
            ),
            ("base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n", true),
            ("- a\n- [b, c]\n- {d: e}\n", true),
            ("1: a\n\"1\": b\n", true),
            ("a: 1\na: 2\n", false),
            ("x:\n  1: a\n  1: b\n", false),
            ("? [a]\n: 1\n? [a]\n: 2\n", false),
            ("true: 1\ntrue: 2\n", false),
            ("a: b\n  c: d\n", false),
            ("a: 'open\n", false),
            ("a: [1, 2\n", false),
            ("a: 1\n---\nb: 2\n", false),
            ("\ta: 1\n", false),
            ("a: *missing\n", false),
            ("- a\nb: c\n", false),
        ];
        for (d, ok) in docs {
            assert_eq!(parse(d).is_ok(), ok, "{d}");
        }
        let mut all: Vec<(String, String)> = docs
            .iter()
            .map(|(d, _)| ((*d).to_string(), (*d).to_string()))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for e in walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .flatten()
        {
            if e.path()
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
            {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                all.push((e.path().display().to_string(), text));
            }
        }
        assert!(
            all.len() > docs.len(),
            "the example handbook's records are read too"
        );
        for (name, text) in &all {
            // (Never the values: a record's fields may be sensitive.)
            assert!(
                parse(text) == parse_by_value(text),
                "read otherwise: {name}"
            );
        }
    }

    #[test]
    fn parses_to_json() {
        let v = parse(DOC).unwrap();
        assert_eq!(v["exit"]["date"], "2025-03-31");
        assert_eq!(v["contacts"][1]["email"], "b@x");
        assert_eq!(parse("").unwrap(), Value::Null);
    }

    #[test]
    fn syntax_errors_have_places() {
        let e = parse("a: b\n  c: d\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("twice"), "{}", e.message);
    }

    #[test]
    fn locates_block_paths() {
        assert_eq!(locate(DOC, &[key("exit"), key("reason")]), (12, 3));
        assert_eq!(locate(DOC, &[key("client"), key("industry")]), (4, 3));
        assert_eq!(
            locate(DOC, &[key("contacts"), Seg::Index(1), key("email")]),
            (9, 5)
        );
        assert_eq!(
            locate(DOC, &[key("contacts"), Seg::Index(1), key("name")]),
            (8, 5)
        );
        assert_eq!(locate(DOC, &[key("contacts"), Seg::Index(1)]), (8, 5));
    }

    #[test]
    fn locates_flow_paths() {
        assert_eq!(locate(DOC, &[key("chapters"), Seg::Index(2)]), (13, 18));
        assert_eq!(
            locate(DOC, &[key("engagement"), key("value"), key("per")]),
            (15, 28)
        );
    }

    #[test]
    fn locates_sequences_at_the_key_indentation() {
        let doc =
            "tags:\n- a\n- b\nred_flags:\n- date: 2024-01-01\n  note: x\n- note: y\noutcome: z\n";
        assert_eq!(
            locate(doc, &[key("red_flags"), Seg::Index(1), key("note")]),
            (7, 3)
        );
        assert_eq!(
            locate(doc, &[key("red_flags"), Seg::Index(0), key("note")]),
            (6, 3)
        );
        assert_eq!(locate(doc, &[key("outcome")]), (8, 1));
    }

    #[test]
    fn value_positions() {
        assert_eq!(value_position("a:\n  reason: complants\n", 2, 3), (2, 11));
        assert_eq!(value_position("a:\n  exit:\n", 2, 3), (2, 3));
    }

    #[test]
    fn falls_back_to_deepest_found() {
        assert_eq!(locate(DOC, &[key("exit"), key("nothing")]), (10, 1));
    }
}
