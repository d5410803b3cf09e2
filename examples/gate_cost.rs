//! What the leak gate costs in a full build, in CPU time (steady on a
//! shared machine, where wall time is not): one in-process build of the
//! handbook (everything `build` does but the final write), then the gate
//! alone, built and run again over the very same output files.
//!
//! ```sh
//! EXITBOOK_KEY=benchmark-key-0123456789abcdef cargo run --release --example gate_cost -- /dev/shm/c10000/exitbook 3
//! ```
//!
//! Modes for profiles (below): `GATE_COST_SCANS`, `GATE_COST_SITE`,
//! `GATE_COST_ONLY` (paths holding this), `GATE_COST_AGAIN`,
//! `GATE_COST_STREAM` (the order a streamed `build` checks files in, with
//! the CPU of each phase), `GATE_COST_MONO` (with `GATE_COST_STREAM`: the
//! print page's and the rest's time window, for `perf record -k
//! CLOCK_MONOTONIC` and `perf report --time FROM,TO`).

use std::path::Path;
use std::time::{Duration, Instant};

use exitbook::Mode;
use exitbook::anonymize::Anonymizer;
use exitbook::config::Config;
use exitbook::gate::{Gate, Item, Scan};
use exitbook::load::{self, Location};

/// CPU time of the whole process (every thread) so far: the build's own
/// clock.
fn cpu() -> Duration {
    exitbook::pipeline::process_cpu()
}

/// CLOCK_MONOTONIC in seconds, as `perf record -k CLOCK_MONOTONIC` stamps
/// its samples (`GATE_COST_MONO=1`: a phase's window for `perf report
/// --time`).
fn mono() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: gate_cost HANDBOOK [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let root = Path::new(&root);

    // The secret set, as the pipeline makes it.
    let loc = Location::new(root);
    let (text, shown) = load::read_config(&loc).expect("site.toml");
    let config = Config::parse(&text, &shown).expect("a valid site.toml");
    let (sources, _) = load::read_handbook(&loc, &config.theme);
    let (site, _) = exitbook::model::site::assemble(&config, &sources, false);
    let key = exitbook::anonymize::key::load(
        root,
        root,
        &config.anonymize.key_env,
        exitbook::anonymize::key::Missing::Ephemeral,
    )
    .expect("a key");
    let secrets = std::sync::Arc::clone(Anonymizer::new(&config, &site, &key.bytes).secrets());

    // `GATE_COST_SCANS=N`: after one build, make the gate and scan N times
    // (to profile; `valgrind --tool=callgrind` with N = 0 and N = 1 gives
    // the gate's cost in instructions, steady where CPU time is not).
    if let Some(n) = std::env::var("GATE_COST_SCANS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        // `GATE_COST_SITE=DIR`: the output of `exitbook build HANDBOOK -o
        // DIR`, read from disk instead of built again (the profile then
        // holds the secret set and the gate alone).
        let files: Vec<(String, Vec<u8>)> = match std::env::var("GATE_COST_SITE") {
            Ok(dir) => walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e.path().strip_prefix(&dir).expect("inside the site");
                    let path = rel.to_string_lossy().replace('\\', "/");
                    (path, std::fs::read(e.path()).expect("a readable file"))
                })
                .collect(),
            Err(_) => {
                let (generated, _) = exitbook::generate(root, false, Mode::Build);
                let g = generated.expect("the build passes");
                g.files
                    .iter()
                    .map(|f| (f.path.clone(), f.bytes.clone()))
                    .collect()
            }
        };
        let only = std::env::var("GATE_COST_ONLY").unwrap_or_default();
        let stream = std::env::var_os("GATE_COST_STREAM").is_some();
        let items: Vec<Item<'_>> = files
            .iter()
            .filter(|(path, _)| path.contains(only.as_str()))
            .map(|(path, bytes)| Item {
                path,
                bytes,
                // As a streamed build does: its pages are not hashed.
                hash: (!(stream && path.ends_with(".html"))).then(|| exitbook::text::hash(bytes)),
                scan: Scan::Whole,
                copied: false,
            })
            .collect();
        // `GATE_COST_STREAM=1`: the files in the order `build` checks
        // them: the search index (ahead of the pages), the print page, then
        // the rest, 512 files at a time.
        if stream {
            for _ in 0..n {
                let c = cpu();
                let gate = Gate::new(&secrets, &config);
                let (search, rest): (Vec<Item<'_>>, Vec<Item<'_>>) = items
                    .iter()
                    .cloned()
                    .partition(|it| it.path.starts_with("search/"));
                let (print, rest): (Vec<Item<'_>>, Vec<Item<'_>>) = rest
                    .into_iter()
                    .partition(|it| it.path.starts_with("print/"));
                let made = cpu();
                gate.scan_ahead(&search);
                let index = cpu();
                if std::env::var_os("GATE_COST_MONO").is_some() {
                    eprintln!("print page from {:.6}", mono());
                }
                gate.scan(&print);
                let printed = cpu();
                if std::env::var_os("GATE_COST_MONO").is_some() {
                    eprintln!("print page to {:.6}", mono());
                }
                for part in rest.chunks(512) {
                    gate.scan(part);
                }
                let end = cpu();
                if std::env::var_os("GATE_COST_MONO").is_some() {
                    eprintln!("the rest to {:.6}", mono());
                }
                println!(
                    "gate as build streams: {:.0} ms CPU (making {:.0}, index {:.0}, print page {:.0}, the rest {:.0})",
                    ms(end - c),
                    ms(made - c),
                    ms(index - made),
                    ms(printed - index),
                    ms(end - printed)
                );
            }
            return;
        }
        for _ in 0..n {
            let c = cpu();
            let gate = Gate::new(&secrets, &config);
            let made = cpu() - c;
            gate.scan(&items);
            let first = cpu() - c - made;
            println!(
                "gate: automaton {:.0} ms, scan {:.0} ms CPU",
                ms(made),
                ms(first)
            );
            // `GATE_COST_AGAIN=N`: the same files N times more, through the
            // same gate: what reading a site whose every segment was met
            // before costs.
            let again: usize = std::env::var("GATE_COST_AGAIN")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            if again > 0 {
                let c = cpu();
                for _ in 0..again {
                    gate.scan(&items);
                }
                println!("  again: {:.0} ms CPU a scan", ms(cpu() - c) / again as f64);
            }
        }
        return;
    }
    for run in 0..runs {
        let (c0, w0) = (cpu(), Instant::now());
        let (generated, diags) = exitbook::generate(root, false, Mode::Build);
        let (build_cpu, build_wall) = (cpu() - c0, w0.elapsed());
        let g = generated.unwrap_or_else(|| panic!("the build failed:\n{}", diags.render_human()));
        let bytes: usize = g.files.iter().map(|f| f.bytes.len()).sum();

        let (c1, w1) = (cpu(), Instant::now());
        let gate = Gate::new(&secrets, &config);
        let (new_cpu, new_wall) = (cpu() - c1, w1.elapsed());
        let items: Vec<Item<'_>> = g
            .files
            .iter()
            .map(|f| Item {
                path: &f.path,
                bytes: &f.bytes,
                hash: Some(exitbook::text::hash(&f.bytes)),
                scan: Scan::Whole,
                copied: false,
            })
            .collect();
        let (c2, w2) = (cpu(), Instant::now());
        let found = gate.scan(&items);
        let (scan_cpu, scan_wall) = (cpu() - c2, w2.elapsed());
        assert!(
            !found.has_errors(),
            "the gate found a leak in a build that passed it"
        );
        let gate_cpu = new_cpu + scan_cpu;
        // The build's own account of its leak check (one scan of the whole
        // site, as `generate` makes it in memory).
        let own: Duration = g.timings.iter().map(|l| l.cpu).sum();
        if let Some(l) = g.timings.iter().find(|l| l.stage == "leak check") {
            println!(
                "run {run}: the build's own leak check {:.0} ms CPU = {:.1}% of its {:.0} ms",
                ms(l.cpu),
                100.0 * l.cpu.as_secs_f64() / own.as_secs_f64(),
                ms(own)
            );
        }
        println!(
            "run {run}: {} files, {:.0} MB, {} forms; build {:.0} ms CPU ({:.0} ms wall); gate {:.0} ms CPU = {:.1}% of the build (automaton {:.0} ms, scan {:.0} ms; wall {:.0} + {:.0} ms)",
            g.files.len(),
            bytes as f64 / 1e6,
            secrets.forms.len(),
            ms(build_cpu),
            ms(build_wall),
            ms(gate_cpu),
            100.0 * gate_cpu.as_secs_f64() / build_cpu.as_secs_f64(),
            ms(new_cpu),
            ms(scan_cpu),
            ms(new_wall),
            ms(scan_wall),
        );
    }
}
