//! The staging folder a build writes its site into, page by page as the
//! pages are made, before one atomic swap puts it in place.
//!
//! Each build writes into a folder of its own beside the output folder
//! (`.public.exitbook-staging-<pid>`), without the lock: two builds into
//! one folder render side by side and take the lock only to swap, so that
//! neither waits for the other's whole build. A folder whose process is
//! gone (a killed build) is removed by the next build; one that is not
//! committed is removed when dropped.

use std::borrow::Borrow;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{MARKER, MARKER_HEAD, MARKER_LIST, guard, keep_mode, kind, lock, remove_leftover};
use super::{sibling, swap};
use crate::diag::{Diagnostic, display_path};
use crate::output::OutputFile;

/// A new site being written.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Folders made so far, relative to the staging folder.
    dirs: HashSet<String>,
    /// The site's top-level entries, for the marker.
    top: BTreeSet<String>,
    committed: bool,
}

const PREFIX: &str = "exitbook-staging";

fn fail(out: &Path, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the site: {what}: {e}"))
        .in_file(out)
        .help("check that the output folder's parent exists and is writable")
}

impl Staging {
    /// Make this build's staging folder beside `out` (and its parent, if
    /// needed), after removing what killed builds left.
    pub fn begin(out: &Path) -> Result<Staging, Diagnostic> {
        kind(out)?;
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| fail(out, "creating the parent folder", e))?;
        }
        let own = sibling(out, &format!("{PREFIX}-{}", std::process::id()));
        remove_dead(out, &own);
        remove_leftover(&own).map_err(|e| fail(out, "removing a leftover staging folder", e))?;
        fs::create_dir(&own).map_err(|e| fail(out, "creating the staging folder", e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir: own,
            dirs: HashSet::new(),
            top: BTreeSet::new(),
            committed: false,
        })
    }

    /// Write `files` into the new site.
    pub fn write<F: Borrow<OutputFile> + Sync>(&mut self, files: &[F]) -> Result<(), Diagnostic> {
        let result = self.write_io(files);
        result.map_err(|e| fail(&self.out, "writing files", e))
    }

    fn write_io<F: Borrow<OutputFile> + Sync>(&mut self, files: &[F]) -> io::Result<()> {
        let new_dirs: BTreeSet<&str> = files
            .iter()
            .filter_map(|f| f.borrow().path.rsplit_once('/').map(|(d, _)| d))
            .filter(|d| !self.dirs.contains(*d))
            .collect();
        for d in new_dirs {
            fs::create_dir_all(self.dir.join(d))?;
            self.dirs.insert(d.to_string());
        }
        let dir = &self.dir;
        files
            .par_iter()
            .try_for_each(|f| fs::write(dir.join(&f.borrow().path), &f.borrow().bytes))?;
        for f in files {
            let top = f.borrow().path.split('/').next().unwrap_or("");
            if !self.top.contains(top) {
                self.top.insert(top.to_string());
            }
        }
        Ok(())
    }

    /// Put the new site in place of the old one, atomically, one build at
    /// a time; with a note when it had to wait for another build.
    pub fn commit(mut self) -> Result<Option<Diagnostic>, Diagnostic> {
        let out = self.out.clone();
        let lock = lock::Lock::acquire(&out)?;
        let note = lock.waited.as_ref().map(|(who, took)| {
            Diagnostic::note(format!(
                "waited {:.1} s for another exitbook ({who}) to finish publishing into `{}`; this build's site replaced it",
                took.as_secs_f64(),
                display_path(&out)
            ))
        });
        // What the path is and holds, now that no other build can change it.
        kind(&out)?;
        guard(&out)?;
        let old = sibling(&out, "exitbook-old");
        for leftover in [&sibling(&out, PREFIX), &old] {
            remove_leftover(leftover)
                .map_err(|e| fail(&out, "removing a leftover staging folder", e))?;
        }
        let mut marker = String::from(MARKER_HEAD);
        marker.push_str(MARKER_LIST);
        for t in &self.top {
            marker.push_str(t);
            marker.push('\n');
        }
        fs::write(self.dir.join(MARKER), marker)
            .and_then(|()| keep_mode(&out, &self.dir))
            .and_then(|()| swap(&self.dir, &out, &old))
            .map_err(|e| fail(&out, "writing files", e))?;
        self.committed = true;
        let _ = remove_leftover(&old);
        drop(lock);
        Ok(note)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Remove the staging folders beside `out` of builds that are gone.
fn remove_dead(out: &Path, own: &Path) {
    let (Some(parent), Some(name)) = (own.parent(), out.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.{PREFIX}-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if pid > 0 && !alive(pid) {
            let _ = remove_leftover(&parent.join(&file));
        }
    }
}

/// Whether a process with this id exists.
fn alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 sends nothing; it only checks the pid.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}
