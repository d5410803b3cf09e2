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
//! and rebuilds; the chapters are restored at the end. With `cases` as
//! the third argument, each edit moves one case's exit date by a month
//! instead, which k-anonymity must plan again:
//!
//! ```sh
//! EXITBOOK_KEY=benchmark-key-0123456789 cargo run --release --example rebuild -- /dev/shm/eb/w10k 40 cases
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use exitbook::Mode;
use exitbook::pipeline::{Changes, Pipeline};

fn sources(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// A record with its exit date a month later (`  date: YYYY-MM…` under
/// `exit:`).
fn next_month(text: &str) -> String {
    let mut in_exit = false;
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        in_exit = (in_exit && line.starts_with(' ')) || line == "exit:";
        match line.strip_prefix("  date: ") {
            Some(date) if in_exit && date.len() >= 7 => {
                let month: u32 = date[5..7].parse().unwrap_or(1);
                out.push(format!(
                    "  date: {}{:02}{}",
                    &date[..5],
                    month % 12 + 1,
                    &date[7..]
                        .replace("-31", "-28")
                        .replace("-30", "-28")
                        .replace("-29", "-28")
                ));
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n") + "\n"
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
    let cases = args.get(3).is_some_and(|a| a == "cases");
    let mut files = Vec::new();
    if cases {
        sources(&root.join("content/cases"), "yaml", &mut files);
    } else {
        sources(&root.join("content/chapters"), "md", &mut files);
    }
    files.sort();
    if files.is_empty() {
        eprintln!("nothing to edit under {}", root.display());
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
        let text = std::fs::read_to_string(path).expect("a source file");
        kept.push((path.clone(), text.clone()));
        let edited = if cases {
            next_month(&text)
        } else {
            format!("{text}\nOne more thought on this ({k}).\n")
        };
        std::fs::write(path, edited).expect("write");
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
        for (i, lap) in run.timings.iter().enumerate().skip(1) {
            stages
                .entry((i, lap.stage))
                .or_default()
                .push(lap.wall.as_secs_f64() * 1000.0);
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
