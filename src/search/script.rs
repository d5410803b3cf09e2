//! `assets/search.js`, the script that searches in the reader's browser:
//! written as a few classic scripts by concern under
//! `themes/default/static/assets/search/`, joined here into the one file
//! the site loads (one request, and one scope for them to share), without
//! their comments (a third of their bytes; the parts are the source to
//! read).
//!
//! Each part is a list of declarations; the parts run in order inside one
//! function, which returns at once when the page already has a search
//! script running (a theme's page adding it twice).

/// The parts, joined, comments and all.
const JOINED: &str = concat!(
    "/* exitbook search: runs entirely in the reader's browser, offline.\n",
    " * Joined by the build from themes/default/static/assets/search/*.js. */\n",
    "(function () {\n",
    "'use strict';\n",
    "if (window.exitbookSearch && !window.exitbookSearch.early) return;\n\n",
    include_str!("../../themes/default/static/assets/search/format.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/load.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/text.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/query.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/rank.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/view.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/page.js"),
    "})();\n",
);

/// Where the line of `src` that starts at `at` ends (after its newline).
const fn line_end(src: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < src.len() && src[i] != b'\n' {
        i += 1;
    }
    if i < src.len() { i + 1 } else { i }
}

/// The first byte of the line at `at` that is not a space.
const fn indent_end(src: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < src.len() && src[i] == b' ' {
        i += 1;
    }
    i
}

/// What to keep of the line at `at`: `(keep, next)`: whether the line is
/// code, and where the next line starts. A line whose first characters
/// are `//` is a comment; one that starts with `/*` opens a comment that
/// ends with the line holding `*/` (except the file's first comment,
/// which says what the file is). Blank lines go too. Code is never cut
/// mid-line: a `//` inside a string or a regular expression stays.
const fn line(src: &[u8], at: usize) -> (bool, usize) {
    let start = indent_end(src, at);
    let end = line_end(src, at);
    if start + 1 < src.len() && src[start] == b'/' && src[start + 1] == b'/' {
        return (false, end);
    }
    if start + 1 < src.len() && src[start] == b'/' && src[start + 1] == b'*' && at > 0 {
        // To the end of the line that closes it.
        let mut i = start + 2;
        while i + 1 < src.len() && !(src[i] == b'*' && src[i + 1] == b'/') {
            i += 1;
        }
        return (false, line_end(src, i));
    }
    (start < end && src[start] != b'\n', end)
}

/// Copy the code of `src` into `out` (if given); return its length.
const fn strip(src: &[u8], out: &mut [u8], write: bool) -> usize {
    let (mut at, mut n) = (0, 0);
    while at < src.len() {
        let (keep, next) = line(src, at);
        if keep {
            let mut i = at;
            while i < next {
                if write {
                    out[n] = src[i];
                }
                n += 1;
                i += 1;
            }
        }
        at = next;
    }
    n
}

const LENGTH: usize = strip(JOINED.as_bytes(), &mut [], false);

static STRIPPED: [u8; LENGTH] = {
    let mut out = [0u8; LENGTH];
    strip(JOINED.as_bytes(), &mut out, true);
    out
};

/// The joined script, without comments.
pub const SCRIPT: &str = match std::str::from_utf8(&STRIPPED) {
    Ok(s) => s,
    Err(_) => panic!("search.js is UTF-8"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_code_stays() {
        let src = b"/* head */\nvar a = 1; // kept: code\n  // gone\n\n  /**\n   * gone\n   */\nvar re = /\\/\\//; var u = 'http://x';\n";
        let mut out = [0u8; 200];
        let n = strip(src, &mut out, true);
        assert_eq!(
            std::str::from_utf8(&out[..n]).unwrap(),
            "/* head */\nvar a = 1; // kept: code\nvar re = /\\/\\//; var u = 'http://x';\n"
        );
        assert!(
            SCRIPT.len() * 10 < JOINED.len() * 8,
            "a fifth of the bytes at least"
        );
        assert!(SCRIPT.contains("function search(") && !SCRIPT.contains("\n// "));
    }
}
