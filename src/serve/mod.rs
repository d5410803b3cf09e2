//! `exitbook serve` and `exitbook build --watch`: a [`Pipeline`] kept alive,
//! run again on every change the [`watch::Watcher`] reports.
//!
//! `serve` keeps the site in memory ([`http::Snapshot`], swapped after each
//! good rebuild) and never writes into the output folder; `build --watch`
//! publishes each good rebuild with [`crate::publish`], atomically, so that
//! stopping it at any moment leaves a complete site. A failed rebuild keeps
//! the last good site (served or published) and reports the errors: in the
//! terminal, and to open tabs as an overlay ([`reload`]).
//!
//! Nothing here prints: every event goes to the caller's `report`.

pub mod http;
pub mod reload;
pub mod watch;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::pipeline::Mode;
use crate::pipeline::{Changes, Pipeline, Run};
use http::Snapshot;
use watch::{Message, Watcher};

/// What the caller is told, as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// A run of the pipeline: the first build (`first`) or a rebuild.
    Built {
        run: &'a Run,
        first: bool,
        elapsed: Duration,
        /// (pages, chapters, cases) of the site now served or published.
        counts: (usize, usize, usize),
    },
    /// `serve`: the server listens here.
    Listening { url: String },
    /// `build --watch`: the site was written to this folder.
    Published { out: &'a Path },
    /// Something went wrong that does not stop the loop.
    Problem(Diagnostic),
    /// Ctrl-C: stopped cleanly.
    Stopped,
}

/// Options shared by `serve` and `build --watch`.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub root: PathBuf,
    pub drafts: bool,
    /// Poll instead of native file events.
    pub poll: bool,
}

/// `serve`'s own options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub watch: WatchOptions,
    pub bind: String,
    pub port: u16,
    pub open: bool,
}

/// `serve`: build, serve, rebuild on every change and reload open tabs,
/// until Ctrl-C. An `Err` is a problem with how it was started (the
/// address, the port, the watcher): nothing was served.
pub fn serve(opts: &ServeOptions, report: &mut dyn FnMut(Event<'_>)) -> Result<(), Diagnostic> {
    let listener = bind(&opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| io_error("the server's address", e))?;
    let mut watcher = start_watcher(&opts.watch)?;
    let runtime = runtime()?;
    stop_on_ctrl_c(&runtime, &watcher);

    let mut pipeline = Pipeline::new(&opts.watch.root, opts.watch.drafts, Mode::Build);
    pipeline.keep_reveal_map(false);
    let started = Instant::now();
    let run = pipeline.run(&Changes::All);
    report(Event::Built {
        run: &run,
        first: true,
        elapsed: started.elapsed(),
        counts: pipeline.counts(),
    });
    let (tx, rx) = tokio::sync::watch::channel(Arc::new(snapshot(&pipeline, &run)));

    listener
        .set_nonblocking(true)
        .map_err(|e| io_error("the server's socket", e))?;
    let server = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener)
            .map_err(|e| io_error("the server's socket", e))?
    };
    runtime.spawn(async move {
        let _ = axum::serve(server, http::router(rx, addr)).await;
    });
    let url = url_of(addr);
    report(Event::Listening { url: url.clone() });
    if opts.open
        && let Err(e) = open::that_detached(&url)
    {
        report(Event::Problem(
            Diagnostic::warning(format!("cannot open a browser: {e}"))
                .help(format!("open {url} yourself")),
        ));
    }

    let mut failed = !run.ok;
    while let Some(changes) = watcher.wait() {
        let started = Instant::now();
        let run = pipeline.run(&changes);
        // Tabs reload once the new site is in place.
        if !run.ok || failed || !run.changed.is_empty() {
            tx.send_replace(Arc::new(snapshot(&pipeline, &run)));
        }
        failed = !run.ok;
        report(Event::Built {
            run: &run,
            first: false,
            elapsed: started.elapsed(),
            counts: pipeline.counts(),
        });
    }
    runtime.shutdown_timeout(Duration::from_millis(200));
    report(Event::Stopped);
    Ok(())
}

/// `build --watch`: build and publish to `out`, then again on every change,
/// until Ctrl-C. A failed rebuild leaves the published site as it was.
pub fn watch(
    opts: &WatchOptions,
    out: &Path,
    reveal_map: Option<&Path>,
    report: &mut dyn FnMut(Event<'_>),
) -> Result<(), Diagnostic> {
    crate::publish::check_output(&opts.root, out)?;
    if let Some(map) = reveal_map {
        crate::publish::check_reveal_path(map, out, &opts.root)?;
    }
    let mut watcher = start_watcher(opts)?;
    let runtime = runtime()?;
    stop_on_ctrl_c(&runtime, &watcher);
    let mut pipeline = Pipeline::new(&opts.root, opts.drafts, Mode::Build);
    pipeline.keep_reveal_map(reveal_map.is_some());
    let mut changes = Changes::All;
    let mut first = true;
    loop {
        let started = Instant::now();
        let run = pipeline.run(&changes);
        report(Event::Built {
            run: &run,
            first,
            elapsed: started.elapsed(),
            counts: pipeline.counts(),
        });
        if run.ok && (first || !run.changed.is_empty()) {
            match crate::publish::publish(out, pipeline.files()) {
                Ok(()) => {
                    report(Event::Published { out });
                    if let Some(map) = reveal_map
                        && let Err(d) = crate::publish::write_reveal_map(
                            map,
                            pipeline.reveal(),
                            out,
                            &opts.root,
                        )
                    {
                        report(Event::Problem(d));
                    }
                }
                Err(d) => report(Event::Problem(d)),
            }
        }
        first = false;
        match watcher.wait() {
            Some(c) => changes = c,
            None => break,
        }
    }
    runtime.shutdown_timeout(Duration::from_millis(200));
    report(Event::Stopped);
    Ok(())
}

/// What the server shows after `run`: the pipeline's last good site, and
/// the errors of `run` if it failed.
fn snapshot(pipeline: &Pipeline, run: &Run) -> Snapshot {
    Snapshot {
        files: pipeline
            .files()
            .iter()
            .map(|f| (f.path.clone(), Arc::clone(f)))
            .collect(),
        errors: (!run.ok).then(|| run.diagnostics.render_human()),
    }
}

fn start_watcher(opts: &WatchOptions) -> Result<Watcher, Diagnostic> {
    Watcher::start(&opts.root, opts.poll).map_err(|e| {
        Diagnostic::error(format!("cannot watch the handbook for changes: {e}"))
            .in_file(&opts.root)
            .help(if opts.poll {
                "check that the folder exists and is readable"
            } else {
                "try --poll (for network drives and containers), or raise the limit of inotify watches (fs.inotify.max_user_watches)"
            })
    })
}

fn runtime() -> Result<tokio::runtime::Runtime, Diagnostic> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| io_error("starting the server", e))
}

/// Ctrl-C (and SIGTERM) end the loop after the current rebuild: a
/// `build --watch` never stops half-way through publishing.
fn stop_on_ctrl_c(runtime: &tokio::runtime::Runtime, watcher: &Watcher) {
    let stop = watcher.stopper();
    runtime.spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let term = signal(SignalKind::terminate());
            match term {
                Ok(mut term) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        let _ = stop.send(Message::Stop);
    });
}

fn io_error(what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what}: {e}"))
}

fn url_of(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
    }
}

/// Listen on `bind:port`; a port in use is an error that names a free one.
fn bind(bind: &str, port: u16) -> Result<TcpListener, Diagnostic> {
    let addr = (bind, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| {
            Diagnostic::error(format!("`{bind}` is not an address to listen on"))
                .help("give an IP address, e.g. --bind 127.0.0.1 (this computer only) or --bind 0.0.0.0 (the network)")
        })?;
    match TcpListener::bind(addr) {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let free = (1..=100u16)
                .filter_map(|k| port.checked_add(k))
                .find(|&p| TcpListener::bind(SocketAddr::new(addr.ip(), p)).is_ok());
            Err(Diagnostic::error(format!(
                "port {port} on {} is already in use (another `exitbook serve`?)",
                addr.ip()
            ))
            .help(match free {
                Some(p) => {
                    format!("port {p} is free: run with --port {p}, or stop the other server")
                }
                None => "choose a free port with --port, or --port 0 for any free port".to_string(),
            }))
        }
        Err(e) => Err(Diagnostic::error(format!("cannot listen on {addr}: {e}"))
            .help("choose another address with --bind, or another port with --port")),
    }
}
