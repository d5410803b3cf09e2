//! The reveal map (`build --reveal-map FILE`): every pseudonym with the real
//! name behind it. It is the most sensitive file exitbook writes, so:
//!
//! - its folder is resolved (symlinks, `..`) before anything is decided
//!   (folders that do not exist yet are made, 0700);
//! - it may not be inside the output folder (it would be published) nor in
//!   the handbook's source folders (`content/`, `static/`, `templates/`,
//!   `themes/`: committed, or copied into the site);
//! - a link at its path is refused, never followed, and so is an existing
//!   file that is not an earlier reveal map (`--reveal-map site.toml` must
//!   not overwrite the handbook);
//! - it is written to a new file opened with `O_CREAT | O_EXCL |
//!   O_NOFOLLOW`, mode 0600, then renamed over the old map: the result is
//!   0600 whatever was there before.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::anonymize::RevealRow;
use crate::diag::{Diagnostic, display_path};

/// The first line of every reveal map: how an earlier one is recognised.
const HEADER: &str =
    "# exitbook reveal map: who is who in the published handbook. Keep it private.\n";

const HELP: &str = "the reveal map names every client: write it outside the handbook's sources and the published site, e.g. --reveal-map ~/reveal-map.tsv, and keep it private";

fn refuse(map: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(format!("the reveal map `{}` {why}", display_path(map))).help(HELP)
}

/// Where the map goes: its folder resolved (links and `..` of what exists;
/// folders still missing are made, private, when it is written), and its
/// file name. Refuses a path without a file name, and a link or a file
/// that is not an earlier map at the path.
fn target(map: &Path) -> Result<PathBuf, Diagnostic> {
    let name = match map.components().next_back() {
        Some(Component::Normal(n)) => n.to_os_string(),
        _ => return Err(refuse(map, "does not name a file")),
    };
    let parent = match map.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = super::resolved(&parent);
    if fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        return Err(refuse(map, "is in something that is not a folder"));
    }
    let path = dir.join(name);
    match fs::symlink_metadata(&path) {
        Err(_) => Ok(path),
        Ok(m) if m.file_type().is_symlink() => Err(refuse(
            map,
            "is a symbolic link (exitbook never writes through one)",
        )),
        Ok(m) if !m.is_file() => Err(refuse(map, "exists and is not a file")),
        Ok(_) if !is_reveal_map(&path) => Err(refuse(
            map,
            "already exists and is not a reveal map; exitbook will not overwrite it",
        )),
        Ok(_) => Ok(path),
    }
}

fn is_reveal_map(path: &Path) -> bool {
    let mut head = vec![0; HEADER.len()];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == HEADER.as_bytes())
}

/// Check the reveal map's path before building: see the module's rules.
pub fn check_reveal_path(map: &Path, out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let path = target(map)?;
    if path.starts_with(super::resolved(out)) {
        return Err(refuse(
            map,
            &format!("would be inside the output folder `{}`", display_path(out)),
        ));
    }
    let root = super::resolved(root);
    for sub in super::SOURCE_FOLDERS.iter().filter(|s| **s != ".exitbook") {
        if path.starts_with(root.join(sub)) {
            return Err(refuse(
                map,
                &format!("would be inside the handbook's `{sub}/`"),
            ));
        }
    }
    Ok(())
}

/// Write the reveal map. Its path was checked by [`check_reveal_path`]
/// before the build, and is checked again here, before and after its
/// folders are made: a link that led nowhere then (to an output folder not
/// yet made by a first build) may lead into the published site now.
pub fn write_reveal_map(
    map: &Path,
    rows: &[RevealRow],
    out: &Path,
    root: &Path,
) -> Result<(), Diagnostic> {
    check_reveal_path(map, out, root)?;
    let path = target(map)?;
    if let Some(dir) = path.parent() {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir).map_err(|e| {
            Diagnostic::error(format!("cannot write the reveal map: {e}")).in_file(map)
        })?;
    }
    // Once the folders exist, their links are resolved again.
    check_reveal_path(map, out, root)?;
    let path = target(map)?;
    let mut text = String::from(HEADER);
    text.push_str("# published as\treal value\twhat\n");
    for r in rows {
        text.push_str(&format!("{}\t{}\t{}\n", r.published_as, r.real, r.what));
    }
    write_new(&path, &text)
        .map_err(|e| Diagnostic::error(format!("cannot write the reveal map: {e}")).in_file(map))
}

/// Write `text` to a new private file beside `path`, then put it in place.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.exitbook-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    let mut f = o.open(&tmp)?;
    let written = (|| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}
