//! Splitting a chapter into its YAML front matter and Markdown body.

/// A chapter file split in two. `body_line` is the 1-based line on which the
/// body starts, so positions found in the body can be reported in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    /// 1-based line of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Why a chapter could not be split, with the 1-based line to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    NoFrontMatter,
    Unclosed,
}

/// Split `---\n<yaml>\n---\n<markdown>`. The text is already decoded (no BOM,
/// `\n` line endings). Leading blank lines are allowed before the opening
/// `---`, as some editors add them.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let lead = text.len() - text.trim_start_matches('\n').len();
    let rest = &text[lead..];
    let after_open = rest
        .strip_prefix("---\n")
        .or_else(|| (rest.trim_end() == "---").then_some(""))
        .ok_or(SplitError::NoFrontMatter)?;
    let open_line = lead + 1; // lines before + the `---` line itself
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let front = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let front_lines = front.matches('\n').count();
            return Ok(Split {
                front,
                front_line: open_line + 1,
                body,
                body_line: open_line + front_lines + 2,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\norder: 1\n---\n\n# Hi\n").unwrap();
        assert_eq!(s.front, "title: A\norder: 1\n");
        assert_eq!(s.front_line, 2);
        assert_eq!(s.body, "\n# Hi\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn errors() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("# no front\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(split("---\ntitle: A\n# body\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn allows_a_body_less_chapter() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }
}
