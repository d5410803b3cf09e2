//! The `exitbook` binary: parse the command line, call the library, print
//! diagnostics, and map the result to an exit status (0 ok, 1 the handbook
//! has errors, 2 wrong usage).

mod cli;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{Cli, Command, Format, NewCommand};
use exitbook::{Diagnostic, Diagnostics, display_path};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = cli.format;
    match cli.command {
        Command::Init { dir, force } => match exitbook::init(&dir, force) {
            Ok(files) => {
                eprintln!(
                    "created a handbook in `{}` ({} files); build it with `exitbook build {}`",
                    display_path(&dir),
                    files.len(),
                    display_path(&dir)
                );
                ExitCode::SUCCESS
            }
            Err(d) => fail(format, d),
        },
        Command::Build(args) => {
            if args.watch {
                let opts = exitbook::WatchOptions {
                    root: args.dir.clone(),
                    drafts: args.drafts,
                    poll: args.poll,
                };
                let out = exitbook::output_dir(&args.dir, args.out.as_deref());
                let result = exitbook::watch(&opts, &out, args.reveal_map.as_deref(), &mut |e| {
                    report(format, e, "the published site is unchanged")
                });
                return looped(format, result);
            }
            let started = Instant::now();
            let report = exitbook::build(
                &args.dir,
                args.out.as_deref(),
                args.drafts,
                args.reveal_map.as_deref(),
            );
            print(format, &report.diagnostics);
            match report.written {
                Some(g) => {
                    if std::env::var_os("EXITBOOK_TIMINGS").is_some() {
                        print_timings(&g.timings);
                    }
                    if format == Format::Human {
                        eprintln!(
                            "built {} ({}, {}) into {} in {:.2?}{}",
                            count(g.pages, "page"),
                            count(g.chapters, "chapter"),
                            count(g.cases, "case"),
                            display_path(&report.out),
                            started.elapsed(),
                            warnings_note(&report.diagnostics)
                        );
                    }
                    ExitCode::SUCCESS
                }
                None if report.refused => ExitCode::from(2),
                None => {
                    summary_of_failure(
                        format,
                        &report.diagnostics,
                        "the site was not written; the previous site is unchanged",
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { dir, show } => {
            if let Some(case) = show {
                return match exitbook::show_case(&dir, &case) {
                    Ok(text) => {
                        println!("{text}");
                        ExitCode::SUCCESS
                    }
                    Err(ds) => {
                        print(format, &ds);
                        ExitCode::from(1)
                    }
                };
            }
            let (generated, diags) = exitbook::check(&dir);
            print(format, &diags);
            match generated {
                Some(g) => {
                    if format == Format::Human {
                        eprintln!(
                            "checked {} and {}: no errors{}",
                            count(g.chapters, "chapter"),
                            count(g.cases, "case"),
                            warnings_note(&diags)
                        );
                    }
                    ExitCode::SUCCESS
                }
                None => {
                    summary_of_failure(format, &diags, "nothing was written");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            dir,
            bind,
            port,
            open,
            drafts,
            poll,
        } => {
            let opts = exitbook::ServeOptions {
                watch: exitbook::WatchOptions {
                    root: dir,
                    drafts,
                    poll,
                },
                bind,
                port,
                open,
            };
            let result = exitbook::serve(&opts, &mut |e| {
                report(format, e, "still serving the last good site")
            });
            looped(format, result)
        }
        Command::New { what } => {
            let root = match exitbook::find_root(Path::new(".")) {
                Ok(r) => r,
                Err(d) => return fail(format, d),
            };
            let result = match what {
                NewCommand::Case { name } => exitbook::new_case(&root, &name),
                NewCommand::Chapter { title } => exitbook::new_chapter(&root, &title),
            };
            match result {
                Ok(path) => {
                    let shown = path
                        .strip_prefix(std::env::current_dir().unwrap_or_default())
                        .unwrap_or(&path)
                        .to_path_buf();
                    eprintln!(
                        "created {} (a draft: set `draft: false` to publish it; preview drafts with `exitbook build --drafts`)",
                        display_path(&shown)
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => fail(format, d),
            }
        }
        Command::Schema => {
            println!("{}", exitbook::schema_json());
            ExitCode::SUCCESS
        }
    }
}

fn print(format: Format, diags: &Diagnostics) {
    let text = match format {
        Format::Human => diags.render_human(),
        Format::Json => diags.render_json(),
    };
    eprint!("{text}");
}

fn fail(format: Format, d: Diagnostic) -> ExitCode {
    print(format, &Diagnostics(vec![d]));
    ExitCode::from(1)
}

/// How `serve` and `build --watch` tell what happens.
fn report(format: Format, event: exitbook::Event<'_>, kept: &str) {
    use exitbook::Event;
    match event {
        Event::Built {
            run,
            first,
            elapsed,
            counts: (pages, chapters, cases),
        } => {
            print(format, &run.diagnostics);
            if format != Format::Human {
                return;
            }
            if std::env::var_os("EXITBOOK_TIMINGS").is_some() {
                print_timings(&run.timings);
            }
            if !run.ok {
                summary_of_failure(format, &run.diagnostics, kept);
            } else if first {
                eprintln!(
                    "built {} ({}, {}) in {:.2?}{}",
                    count(pages, "page"),
                    count(chapters, "chapter"),
                    count(cases, "case"),
                    elapsed,
                    warnings_note(&run.diagnostics)
                );
            } else if run.changed.is_empty() {
                eprintln!("rebuilt in {} ms: no file changed", elapsed.as_millis());
            } else {
                eprintln!(
                    "rebuilt in {} ms: {} changed ({} rendered, {} checked for leaks){}",
                    elapsed.as_millis(),
                    count(run.changed.len(), "file"),
                    run.rendered,
                    run.scanned,
                    warnings_note(&run.diagnostics)
                );
            }
        }
        Event::Listening { url } => {
            eprintln!("serving at {url} (Ctrl-C to stop); rebuilding on every change")
        }
        Event::Published { out } => {
            if format == Format::Human {
                eprintln!("published to {}", display_path(out));
            }
        }
        Event::Problem(d) => print(format, &Diagnostics(vec![d])),
        Event::Stopped => {
            if format == Format::Human {
                eprintln!("stopped");
            }
        }
    }
}

/// The exit status of `serve` and `build --watch`: 0 when stopped with
/// Ctrl-C, 2 when they could not start (address, port, watcher).
fn looped(format: Format, result: Result<(), Diagnostic>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            print(format, &Diagnostics(vec![d]));
            ExitCode::from(2)
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn warnings_note(diags: &Diagnostics) -> String {
    match diags.warning_count() {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}

fn summary_of_failure(format: Format, diags: &Diagnostics, what: &str) {
    if format == Format::Human {
        let n = diags.error_count();
        eprintln!(
            "error: {n} problem{} found; {what}",
            if n == 1 { "" } else { "s" }
        );
    }
}

/// `EXITBOOK_TIMINGS=1`: each stage's wall and CPU time, and its share of
/// the run's CPU.
fn print_timings(laps: &[exitbook::pipeline::Lap]) {
    let total: f64 = laps.iter().skip(1).map(|l| l.cpu.as_secs_f64()).sum();
    eprintln!(
        "  {:<12} {:>8} {:>8} {:>6}",
        "stage", "wall ms", "cpu ms", "cpu %"
    );
    for l in laps.iter().skip(1) {
        let cpu = l.cpu.as_secs_f64();
        eprintln!(
            "  {:<12} {:>8.1} {:>8.1} {:>5.1}%",
            l.stage,
            l.wall.as_secs_f64() * 1000.0,
            cpu * 1000.0,
            if total > 0.0 {
                100.0 * cpu / total
            } else {
                0.0
            }
        );
    }
}
