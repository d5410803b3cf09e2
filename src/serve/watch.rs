//! Watching the handbook: native file events (inotify, FSEvents, …) or
//! polling, through notify-debouncer-full, which joins the two halves of a
//! rename and folds an editor's write-and-rename into one change.
//!
//! Only what the site is made from is watched: `site.toml`, `content/`,
//! `templates/`, `themes/` and `static/` (so `build --watch` never sees its
//! own output). The debouncer emits a path once it has been quiet for
//! [`DEBOUNCE`]; a burst (a `git checkout` of 200 files) arrives as batches
//! a tick apart, which [`Watcher::wait`] joins into one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::pipeline::Changes;

/// How long a path must be quiet before it counts as changed.
pub const DEBOUNCE: Duration = Duration::from_millis(25);
/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// The debouncer's tick: batches of one burst come this far apart.
const TICK: Duration = Duration::from_millis(10);

/// The folders (and file) at the handbook's root that the site is made from.
pub const WATCHED: &[&str] = &["site.toml", "content", "templates", "themes", "static"];

/// What the watch loop receives.
pub enum Message {
    Changed(Changes),
    /// Ctrl-C, or the end of the watcher.
    Stop,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

/// A running watcher over one handbook.
pub struct Watcher {
    inner: Inner,
    root: PathBuf,
    watched: Vec<PathBuf>,
    rx: Receiver<Message>,
    tx: Sender<Message>,
}

impl Watcher {
    /// Watch the handbook at `root` (`poll`: look every [`POLL_INTERVAL`]
    /// instead of relying on native events).
    pub fn start(root: &Path, poll: bool) -> notify::Result<Watcher> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (tx, rx) = mpsc::channel();
        let sender = tx.clone();
        let base = root.clone();
        let handler = move |res: DebounceEventResult| {
            let changes = match res {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Changes::All,
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|e| changes_content(&e.kind))
                        .flat_map(|e| e.paths.iter())
                        .filter_map(|p| relevant(&base, p))
                        .collect();
                    paths.sort();
                    paths.dedup();
                    if paths.is_empty() {
                        return;
                    }
                    Changes::Paths(paths)
                }
                // Events may have been lost: read everything again.
                Err(_) => Changes::All,
            };
            let _ = sender.send(Message::Changed(changes));
        };
        let inner = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            Inner::Poll(new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler,
                FileIdMap::new(),
                config,
            )?)
        } else {
            Inner::Native(new_debouncer(DEBOUNCE, Some(TICK), handler)?)
        };
        let mut w = Watcher {
            inner,
            root,
            watched: Vec::new(),
            rx,
            tx,
        };
        w.watch(&w.root.clone(), RecursiveMode::NonRecursive)?;
        w.watch_folders();
        Ok(w)
    }

    /// A sender for [`Message::Stop`] (for the Ctrl-C handler).
    pub fn stopper(&self) -> Sender<Message> {
        self.tx.clone()
    }

    fn watch(&mut self, p: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(p, mode),
            Inner::Poll(d) => d.watch(p, mode),
        }?;
        self.watched.push(p.to_path_buf());
        Ok(())
    }

    /// Watch each of the folders that exists and is not watched yet (one
    /// created while serving, e.g. `templates/`, is picked up here).
    fn watch_folders(&mut self) {
        for name in &WATCHED[1..] {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                let _ = self.watch(&dir, RecursiveMode::Recursive);
            }
        }
    }

    /// Wait for the next change: the first batch of events and, unless it
    /// is a lone save, every batch that follows it within a tick and a half
    /// (the debouncer reports every tick), as one. `None` on Stop.
    pub fn wait(&mut self) -> Option<Changes> {
        let first = match self.rx.recv() {
            Ok(Message::Changed(c)) => c,
            Ok(Message::Stop) | Err(_) => return None,
        };
        // A save is one or two paths (an editor's temporary file and its
        // rename): rebuild at once. A batch of more is likely the first of
        // a burst (a `git checkout`) that the debouncer hands over tick by
        // tick: wait a tick and a half for the rest, so that the rebuild
        // sees the checkout whole.
        let lone = matches!(&first, Changes::Paths(ps) if ps.len() <= 2);
        let mut all = first;
        if !lone {
            loop {
                match self.rx.recv_timeout(TICK * 3 / 2) {
                    Ok(Message::Changed(more)) => all = join(all, more),
                    Ok(Message::Stop) => return None,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
        }
        // A watched folder created (or re-created) at the root.
        if let Changes::Paths(ps) = &all
            && ps.iter().any(|p| p.components().count() == 1)
        {
            self.watched.retain(|d| d.exists());
            self.watch_folders();
        }
        Some(all)
    }
}

/// Whether an event can change a file: not a mere read (reading the
/// sources while rebuilding must not trigger another rebuild).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn join(a: Changes, b: Changes) -> Changes {
    match (a, b) {
        (Changes::Paths(mut x), Changes::Paths(y)) => {
            x.extend(y);
            x.sort();
            x.dedup();
            Changes::Paths(x)
        }
        _ => Changes::All,
    }
}

/// A changed path relative to the root, if the site is made from it.
fn relevant(root: &Path, p: &Path) -> Option<PathBuf> {
    let rel = p.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    WATCHED.contains(&first).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sources_are_relevant() {
        let root = Path::new("/h");
        assert_eq!(
            relevant(root, Path::new("/h/content/cases/x.yaml")),
            Some(PathBuf::from("content/cases/x.yaml"))
        );
        assert_eq!(
            relevant(root, Path::new("/h/site.toml")),
            Some(PathBuf::from("site.toml"))
        );
        assert_eq!(relevant(root, Path::new("/h/public/index.html")), None);
        assert_eq!(relevant(root, Path::new("/h/.git/index")), None);
        assert_eq!(relevant(root, Path::new("/elsewhere/site.toml")), None);
    }
}
