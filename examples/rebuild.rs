//! Incremental rebuilds timed in-process, stage by stage, as `serve` runs
//! them but without the file watcher, its debounce or HTTP: what the
//! pipeline itself costs per edit, with enough edits for steady medians on
//! a shared machine.
//!
//! ```sh
//! EXITBOOK_KEY=benchmark-key-0123456789 cargo run --release --example rebuild -- /dev/shm/eb/w10k 40
//! ```
//!
//! Each edit appends a sentence to one chapter (spread over the handbook)
//! and rebuilds; the chapters are restored at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use exitbook::Mode;
use exitbook::pipeline::{Changes, Pipeline};

fn chapters(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            chapters(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: rebuild HANDBOOK [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(30);
    let mut files = Vec::new();
    chapters(&root.join("content/chapters"), &mut files);
    files.sort();
    if files.is_empty() {
        eprintln!("no chapters under {}", root.display());
        std::process::exit(2);
    }

    let mut pipeline = Pipeline::new(&root, false, Mode::Build);
    pipeline.keep_reveal_map(false);
    let t = Instant::now();
    let first = pipeline.run(&Changes::All);
    eprintln!("first build: {:.2?} (ok: {})", t.elapsed(), first.ok);

    let mut stages: BTreeMap<(usize, &'static str), Vec<f64>> = BTreeMap::new();
    let mut totals = Vec::new();
    let mut kept = Vec::new();
    for k in 0..edits {
        let path = &files[(k * 7919) % files.len()];
        let text = std::fs::read_to_string(path).expect("a chapter");
        kept.push((path.clone(), text.clone()));
        std::fs::write(path, format!("{text}\nOne more thought on this ({k}).\n")).expect("write");
        let rel = path
            .strip_prefix(&root)
            .expect("under the root")
            .to_path_buf();
        // As a writer saves: now and then, not back to back.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let t = Instant::now();
        let run = pipeline.run(&Changes::Paths(vec![rel]));
        totals.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(run.ok, "the rebuild failed");
        for (i, (stage, d)) in run.timings.iter().enumerate().skip(1) {
            stages
                .entry((i, stage))
                .or_default()
                .push(d.as_secs_f64() * 1000.0);
        }
    }
    for (path, text) in kept.iter().rev() {
        std::fs::write(path, text).expect("restore");
    }
    for ((_, stage), mut v) in stages {
        println!("{stage:<14} {:>7.1} ms", median(&mut v));
    }
    println!(
        "{:<14} {:>7.1} ms (median of {edits} edits)",
        "rebuild",
        median(&mut totals)
    );
}
