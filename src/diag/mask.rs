//! The one masking rule of diagnostics, and the conservative mask of a
//! line whose secrets are unknown (see the module doc of [`crate::diag`]).

use super::Diagnostics;

/// The character used to mask sensitive text in snippets.
pub const MASK: &str = "▒▒▒";

/// The one masking rule, applied to every diagnostic of a run: a quoted
/// value (`` `…` ``), a word or the whole of a message or help that holds
/// any form of any secret (`holds`) is masked, and a snippet is masked by
/// `mask_snippet` (which masks a line that holds a secret, keeping its key).
/// Nothing else is touched.
pub fn mask_all(
    diags: &mut Diagnostics,
    holds: &dyn Fn(&str) -> bool,
    mask_snippet: &dyn Fn(&str) -> String,
) {
    for d in &mut diags.0 {
        d.message = mask_text(&d.message, holds);
        d.help = d.help.as_deref().map(|h| mask_text(h, holds));
        let shown = match d.snippet.take() {
            Some(_) if d.line == 0 => None,
            Some(raw) if d.guarded && !d.vetted => Some(mask_line(&raw)),
            other => other,
        };
        d.vetted = true;
        d.snippet = shown.map(|s| {
            let masked = mask_snippet(&s);
            if holds_any_view(&masked, holds) {
                // A form the line's own mask did not see.
                let indent = &s[..s.len() - s.trim_start().len()];
                format!("{indent}{MASK}")
            } else {
                masked
            }
        });
    }
}

/// Whether `text` holds a secret as written, with its joins undone
/// (`dana-whitfield`, `pier_9`), or with markup and character references
/// taken out (`<b>Dana</b> Whitfield`, `Dan&#97;`): a diagnostic quotes
/// source text, and the source is where such disguises are.
fn holds_any_view(text: &str, holds: &dyn Fn(&str) -> bool) -> bool {
    const JOINS: [char; 6] = ['-', '_', '.', '/', '#', '@'];
    if holds(text) || holds(&text.replace(JOINS, " ")) {
        return true;
    }
    if !text.contains(['<', '&', '*', '`', '~']) {
        return false;
    }
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '*' | '`' | '~' => {}
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = decode_references(&plain);
    holds(&plain) || holds(&plain.replace(JOINS, " "))
}

/// Numeric character references (`&#97;`, `&#x61;`) decoded; named ones
/// are left to the secret set's own folding.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find("&#") {
        out.push_str(&rest[..p]);
        let after = &rest[p + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(h) => (h, 16),
            None => (after, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let decoded = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32);
        match decoded {
            Some(c) if len > 0 => {
                out.push(c);
                let tail = &digits[len..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Mask what holds a secret in a message: quoted values first, then
/// single words, then (a form spread over words outside quotes) all of it.
fn mask_text(text: &str, holds: &dyn Fn(&str) -> bool) -> String {
    let holds = |t: &str| holds_any_view(t, holds);
    let holds = &holds;
    if !holds(text) {
        return text.to_string();
    }
    let quoted = mask_quoted(text, holds);
    if !holds(&quoted) {
        return quoted;
    }
    let words: Vec<String> = quoted
        .split(' ')
        .map(|w| {
            if holds(w) {
                MASK.to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let words = words.join(" ");
    if !holds(&words) {
        return words;
    }
    format!("(this message quoted a sensitive value: {MASK})")
}

/// Replace each `` `quoted` `` part for which `hide` is true by the mask.
pub(super) fn mask_quoted(text: &str, hide: &dyn Fn(&str) -> bool) -> String {
    mask_between(text, '`', hide)
}

/// Replace each part of `text` between a pair of `quote`s for which `hide`
/// is true by the mask.
pub fn mask_between(text: &str, quote: char, hide: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split(quote);
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let mut inside = true;
    for part in parts {
        out.push(quote);
        if inside && hide(part) {
            out.push_str(MASK);
        } else {
            out.push_str(part);
        }
        inside = !inside;
    }
    out
}

/// A value that can be shown from a record whose secrets are unknown:
/// what enum values, dates, keys, field paths and slugs look like (lower
/// case, no spaces), and no run of six digits (a phone number).
pub fn is_token(s: &str) -> bool {
    let mut digits = 0;
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| {
            digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
            digits < 6
                && (c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || matches!(c, '-' | '_' | '.' | ':' | '/' | '[' | ']' | '#'))
        })
}

/// Mask the value of a `key: value` line of a YAML record when the key names
/// a sensitive or free-text field, so that a snippet shows the structure of
/// the line without its content. Lines that continue a block scalar (free
/// text) are masked whole. This runs before the record is parsed, so it
/// cannot rely on knowing which values are secrets.
pub fn mask_line(line: &str) -> String {
    // Keys whose values may be shown: enums, dates, numbers, slugs.
    const SHOWN: &[&str] = &[
        "draft",
        "industry",
        "region",
        "size",
        "started",
        "amount",
        "currency",
        "per",
        "date",
        "notice",
        "initiated_by",
        "reason",
        "outcome",
        "status",
        "due",
        "thank_you_sent",
        "feedback",
        "referrals_since",
        "returned",
        "chapters",
        "tags",
        "slug",
        "role",
        "order",
        "lang",
        "value",
        "refund",
    ];
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let dash = if body.len() != trimmed.len() {
        "- "
    } else {
        ""
    };
    if let Some((key, value)) = body.split_once(':') {
        let key_clean = key.trim().trim_matches('"').trim_matches('\'');
        let looks_like_key = !key_clean.is_empty()
            && key_clean
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if looks_like_key {
            let value_trim = value.trim();
            if value_trim.is_empty()
                || value_trim == "|"
                || value_trim == ">"
                || value_trim.starts_with("|-")
                || value_trim.starts_with(">-")
                || SHOWN.contains(&key_clean) && shown_value(value_trim)
            {
                return line.to_string();
            }
            return format!("{indent}{dash}{key}: {MASK}");
        }
    }
    if trimmed.is_empty() || trimmed == "---" || trimmed.starts_with('#') {
        return line.to_string();
    }
    format!("{indent}{MASK}")
}

/// A value of a shown key that is plain: a token, or a flow list of them.
fn shown_value(v: &str) -> bool {
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    match v.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        Some(items) => items
            .split(',')
            .map(str::trim)
            .all(|i| i.is_empty() || is_token(i.trim_matches(|c| c == '"' || c == '\''))),
        None => is_token(v),
    }
}
