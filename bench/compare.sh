#!/usr/bin/env bash
# exitbook against Hugo (and the floor) on the same generated handbook, in
# turns: exitbook, Hugo, floor, exitbook, Hugo, floor… so that a machine
# that speeds up or slows down treats all three alike. Clean builds on
# tmpfs; prints the median wall time, CPU time (user + system) and peak RSS
# of each, and the median of the per-turn ratios exitbook ÷ Hugo.
#
#   bench/compare.sh                 # 1,000 and 10,000 pages, 5 turns each
#   bench/compare.sh 1000 10000 20000
#   RUNS=9 bench/compare.sh 10000
#
# Needs python3 (standard library only); installs Hugo with apt-get when it
# is missing. Corpora and outputs live under $BENCH_DIR (default /dev/shm/eb).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-5}
dir=${BENCH_DIR:-/dev/shm/eb}
gen=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
mkdir -p "$dir"

if ! command -v hugo >/dev/null 2>&1; then
  echo "installing hugo" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
cargo build --release --quiet
cargo build --release --quiet --example floor
exitbook=$PWD/target/release/exitbook
floor=$PWD/target/release/examples/floor
export EXITBOOK_KEY=${EXITBOOK_KEY:-benchmark-key-0123456789abcdef}

echo "exitbook $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hugo version | cut -d' ' -f1-2), $(nproc) cores, $runs turns"
for n in "${sizes[@]}"; do
  corpus=$dir/c$n
  if [ ! -f "$corpus/exitbook/site.toml" ] || [ ! -f "$corpus/hugo/config.toml" ]; then
    rm -rf "$corpus"
    python3 "$gen" --pages "$n" --out "$corpus" --targets exitbook,hugo >/dev/null
  fi
  python3 - "$n" "$runs" "$dir" \
    "exitbook=$exitbook build $corpus/exitbook -o $dir/out-exitbook-$n" \
    "hugo=hugo --quiet --source $corpus/hugo --destination $dir/out-hugo-$n --cacheDir $dir/hugo-cache-$n" \
    "floor=$floor $corpus/exitbook $dir/out-floor-$n" <<'PY'
import os, shutil, statistics, subprocess, sys, time

n, runs, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
tools = [a.split("=", 1) for a in sys.argv[4:]]

def clean(name):
    for p in (f"{base}/out-{name}-{n}", f"{base}/hugo-cache-{n}"):
        shutil.rmtree(p, ignore_errors=True)

def once(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd.split(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if status != 0:
        sys.exit(f"{cmd.split()[0]} failed ({status}):\n{err[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

figures = {name: [] for name, _ in tools}
for turn in range(runs + 1):  # the first turn warms the page cache
    for name, cmd in tools:
        clean(name)
        f = once(cmd)
        if turn:
            figures[name].append(f)
for name, _ in tools:
    clean(name)

def med(xs):
    return statistics.median(xs)

print(f"\n{int(n):,} pages, medians of {runs} turns")
print(f"{'':10} {'wall s':>8} {'cpu s':>8} {'peak RSS MiB':>13}")
for name, _ in tools:
    w, c, m = zip(*figures[name])
    print(f"{name:10} {med(w):8.2f} {med(c):8.2f} {med(m):13.0f}")
e, h = figures["exitbook"], figures["hugo"]
print("exitbook ÷ hugo, median of per-turn ratios: "
      f"wall {med([a[0] / b[0] for a, b in zip(e, h)]):.2f}×, "
      f"cpu {med([a[1] / b[1] for a, b in zip(e, h)]):.2f}×")
fl = figures["floor"]
print("exitbook ÷ floor: "
      f"cpu {med([a[1] / b[1] for a, b in zip(e, fl)]):.2f}×")
PY
done
