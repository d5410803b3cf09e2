//! Where pages live and how one page links to another.
//!
//! A page is identified by its folder relative to the site root (`""` for
//! the home page, `chapters/postmortems/`). Links are always relative, so the
//! site works from `file://`, from a sub-path and at a domain root; with
//! `pretty_urls = false` they name `index.html` explicitly, because a browser
//! opening files from disk does not look for it.

/// Turns page folders into hrefs.
#[derive(Debug, Clone, Copy)]
pub struct Urls {
    pub pretty: bool,
}

impl Urls {
    /// The path of a page folder as written in a link from the site root:
    /// `chapters/x/index.html`, or `chapters/x/` with pretty URLs.
    pub fn path(&self, dir: &str) -> String {
        if self.pretty {
            if dir.is_empty() {
                "./".into()
            } else {
                dir.to_string()
            }
        } else {
            format!("{dir}index.html")
        }
    }

    /// `root` (a page's way back to the site root) then [`Urls::path`] of
    /// `dir`, in one allocation.
    pub fn rooted(&self, root: &str, dir: &str) -> String {
        if self.pretty && dir.is_empty() {
            return format!("{root}./");
        }
        let mut out = String::with_capacity(root.len() + dir.len() + "index.html".len());
        out.push_str(root);
        out.push_str(dir);
        if !self.pretty {
            out.push_str("index.html");
        }
        out
    }

    /// The prefix that leads from page folder `dir` back to the site root:
    /// `"./"` at the root, `"../../"` two folders down.
    pub fn root_from(dir: &str) -> String {
        let depth = depth(dir);
        if depth == 0 {
            "./".into()
        } else {
            "../".repeat(depth)
        }
    }

    /// A relative href from page `from` to page `to` (both folders).
    ///
    /// ```
    /// use exitbook::render::urls::Urls;
    /// let files = Urls { pretty: false };
    /// assert_eq!(files.href("chapters/a/", "cases/b/"), "../../cases/b/index.html");
    /// let server = Urls { pretty: true };
    /// assert_eq!(server.href("chapters/a/", ""), "../../");
    /// ```
    pub fn href(&self, from: &str, to: &str) -> String {
        // `root_from(from)` then `path(to)`, written at once (a page holds
        // hundreds of links).
        if self.pretty && (to.is_empty() || to == "./") {
            return Self::root_from(from);
        }
        let depth = depth(from);
        let mut out = String::with_capacity(3 * depth + to.len() + "index.html".len());
        for _ in 0..depth {
            out.push_str("../");
        }
        out.push_str(to);
        if !self.pretty {
            out.push_str("index.html");
        }
        out
    }

    /// An href to page `to` from wherever a page is shown, given the site's
    /// address (`base_url`, ending in `/`): for `404.html`, which a server
    /// shows at any depth.
    ///
    /// ```
    /// use exitbook::render::urls::Urls;
    /// let u = Urls { pretty: true };
    /// assert_eq!(u.absolute("https://h.example/x/", "cases/"), "https://h.example/x/cases/");
    /// assert_eq!(u.absolute("https://h.example/x/", ""), "https://h.example/x/");
    /// ```
    pub fn absolute(&self, base: &str, to: &str) -> String {
        let path = self.path(to);
        if path == "./" {
            base.to_string()
        } else {
            format!("{base}{path}")
        }
    }
}

pub fn chapter_dir(slug: &str, lang: Option<&str>) -> String {
    match lang {
        Some(l) => format!("{l}/chapters/{slug}/"),
        None => format!("chapters/{slug}/"),
    }
}

pub fn case_dir(slug: &str) -> String {
    format!("cases/{slug}/")
}

/// The page of the cases with one value of a facet: `cases/reason/complaint/`.
pub fn facet_dir(facet: &str, value: &str) -> String {
    format!("cases/{facet}/{value}/")
}

/// The exercise of step `n` (from 1) of the onboarding path: `start/3/`.
pub fn exercise_dir(n: usize) -> String {
    format!("start/{n}/")
}

/// How many folders down page folder `dir` is.
fn depth(dir: &str) -> usize {
    dir.bytes().filter(|&b| b == b'/').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        let u = Urls { pretty: false };
        assert_eq!(u.href("", "chapters/a/"), "chapters/a/index.html");
        assert_eq!(u.href("chapters/a/", ""), "../../index.html");
        assert_eq!(
            u.href("pl/chapters/a/", "chapters/a/"),
            "../../../chapters/a/index.html"
        );
        let p = Urls { pretty: true };
        assert_eq!(p.href("chapters/a/", ""), "../../");
        assert_eq!(p.href("", ""), "./");
        assert_eq!(p.href("cases/", "cases/b/"), "../cases/b/");
    }
}
