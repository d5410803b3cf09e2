//! One build publishes into an output folder at a time.
//!
//! The lock is a file beside the output folder (`.public.exitbook-lock`),
//! locked with `flock`: the kernel releases it when its holder exits,
//! however it exits (a SIGKILL included), so a lock is never left stale.
//! The holder writes its process id into the file, so that a build that
//! waited in vain can say who holds it. The file itself stays (removing it
//! would let two builds lock two different files of the same name).

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, display_path};

/// How long a build waits for another one to finish publishing; the
/// environment variable `EXITBOOK_LOCK_WAIT` (seconds) changes it.
pub const WAIT: Duration = Duration::from_secs(5);

/// A held lock; released when dropped (or when the process ends).
pub struct Lock {
    file: File,
    path: std::path::PathBuf,
    /// Whom this build waited for, and how long (a note for the user).
    pub waited: Option<(String, Duration)>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked: whoever opens the name next makes a
        // new file, and whoever waits on this one sees it is gone.
        let _ = fs::remove_file(&self.path);
        let _ = &self.file;
    }
}

impl Lock {
    /// Lock the output folder `out`, waiting up to [`WAIT`].
    pub fn acquire(out: &Path) -> Result<Lock, Diagnostic> {
        let path = super::sibling(out, "exitbook-lock");
        let wait = std::env::var("EXITBOOK_LOCK_WAIT")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map_or(WAIT, Duration::from_secs_f64);
        let fail = |e: io::Error| {
            Diagnostic::error(format!(
                "cannot lock the output folder `{}`: {e}",
                display_path(out)
            ))
            .in_file(&path)
            .help("check that the output folder's parent is writable")
        };
        let mut file = open(&path).map_err(fail)?;
        let started = Instant::now();
        let mut holder = None;
        loop {
            match try_lock(&file) {
                Ok(true) if same_file(&file, &path) => break,
                Ok(true) => {
                    // The holder removed it as we waited: lock the new one.
                    file = open(&path).map_err(fail)?;
                }
                Ok(false) if started.elapsed() < wait => {
                    if holder.is_none() {
                        holder = Some(who(&mut file));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(false) => {
                    let who = who(&mut file);
                    return Err(Diagnostic::error(format!(
                        "another exitbook ({who}) is publishing into `{}`; waited {:.0} s for it",
                        display_path(out),
                        wait.as_secs_f64()
                    ))
                    .in_file(&path)
                    .help("two builds into one output folder run one after the other: run this one again when the other has finished, or stop it"));
                }
                Err(e) => return Err(fail(e)),
            }
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        let waited = holder.map(|h| (h, started.elapsed()));
        Ok(Lock { file, path, waited })
    }
}

/// Who holds the lock, from the process id its holder wrote.
fn who(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut text);
    match text.trim().parse::<u32>() {
        Ok(pid) => format!("process {pid}"),
        Err(_) => "another process".to_string(),
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Open the lock file without following a link planted at its name.
fn open(path: &Path) -> io::Result<File> {
    let mut o = fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .mode(0o644);
    }
    o.open(path)
}

#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` lives.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> io::Result<bool> {
    Ok(true)
}
