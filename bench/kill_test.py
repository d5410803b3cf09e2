#!/usr/bin/env python3
"""Interrupted and concurrent builds never publish a mixed site.

Two versions of one handbook (A and B: the same corpus, B with another
site description, so that every page differs) are built into one output
folder:

1. `--kills N` times, a build (alternately of A and of B) is killed with
   SIGKILL at a random moment of its run; after each kill the output folder
   must be byte-identical to one complete site (A's or B's), and the next
   build must succeed (it clears what the killed one left).
2. `--pairs N` times, a build of A and a build of B start together on the
   same output folder: both succeed one after the other (the second waits
   for the first's lock, and says so), or one says which process holds the
   lock; the
   folder ends byte-identical to the site of a build that succeeded, and
   nothing is left beside it.

    python3 ../shared/bench/gen_corpus.py --pages 2000 --out /dev/shm/hostile-c2000 --targets exitbook
    python3 bench/kill_test.py target/release/exitbook /dev/shm/hostile-c2000/exitbook --kills 20 --pairs 10

Exits 1 on the first violation, printing what was found.
"""

import argparse
import hashlib
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def site_hash(folder):
    """One hash of every file's path and bytes (None if the folder is gone)."""
    folder = pathlib.Path(folder)
    if not folder.is_dir():
        return None
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def run(exe, handbook, out, env):
    return subprocess.Popen(
        [exe, "build", str(handbook), "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exitbook")
    ap.add_argument("handbook")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    random.seed(args.seed)
    exe = os.path.abspath(args.exitbook)
    env = dict(os.environ, EXITBOOK_KEY="kill test key, long enough to be a key")

    work = pathlib.Path(tempfile.mkdtemp(prefix="hostile-kill-", dir="/dev/shm"))
    a, b = work / "a", work / "b"
    shutil.copytree(args.handbook, a, ignore=shutil.ignore_patterns("public", ".exitbook"))
    shutil.copytree(args.handbook, b, ignore=shutil.ignore_patterns("public", ".exitbook"))
    # Every page shows the description: B differs from A everywhere.
    lines = [l for l in (b / "site.toml").read_text().splitlines() if not l.startswith("description")]
    at = next((i for i, l in enumerate(lines) if l.startswith("[")), len(lines))
    lines.insert(at, 'description = "Version B of the handbook"')
    (b / "site.toml").write_text("\n".join(lines) + "\n")
    out = work / "out"

    # The two complete sites, and how long a build takes.
    complete = {}
    took = []
    for name, hb in (("A", a), ("B", b)):
        t = time.monotonic()
        p = run(exe, hb, out, env)
        _, err = p.communicate()
        if p.returncode != 0:
            fail(f"building {name}: {err}")
        took.append(time.monotonic() - t)
        complete[site_hash(out)] = name
    if len(complete) != 2:
        fail("A and B give the same site: the test could not tell them apart")
    span = max(took)
    print(f"a build takes {span:.2f} s; sites A and B differ")

    def beside():
        return sorted(x.name for x in work.iterdir() if x.name not in ("a", "b", "out"))

    for k in range(args.kills):
        hb = a if k % 2 == 0 else b
        p = run(exe, hb, out, env)
        time.sleep(random.uniform(0, span * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        h = site_hash(out)
        if h not in complete:
            fail(f"kill {k + 1}: the output is not one complete site")
        # The next build clears what the killed one left, and succeeds.
        q = run(exe, hb, out, env)
        _, err = q.communicate()
        if q.returncode != 0:
            fail(f"kill {k + 1}: the build after it failed: {err}")
        if site_hash(out) not in complete:
            fail(f"kill {k + 1}: the build after it published a mixed site")
        if beside():
            fail(f"kill {k + 1}: left beside the output: {beside()}")
        print(f"kill {k + 1}: output was site {complete[h]}; next build ok")

    waited = 0
    for k in range(args.pairs):
        p1, p2 = run(exe, a, out, env), run(exe, b, out, env)
        e1, e2 = p1.communicate()[1], p2.communicate()[1]
        h = site_hash(out)
        if h not in complete:
            fail(f"pair {k + 1}: the output is not one complete site")
        ok = [name for name, p in (("A", p1), ("B", p2)) if p.returncode == 0]
        for p, e in ((p1, e1), (p2, e2)):
            if p.returncode != 0 and "is publishing into" not in e:
                fail(f"pair {k + 1}: a build failed without saying why: {e}")
        said = any("to finish publishing" in e for e in (e1, e2))
        waited += said
        if complete[h] not in ok:
            fail(f"pair {k + 1}: site {complete[h]} is published but its build failed")
        if beside():
            fail(f"pair {k + 1}: left beside the output: {beside()}")
        how = "one waited for the other's lock, and said so" if said else "they did not overlap"
        print(f"pair {k + 1}: exit {p1.returncode}/{p2.returncode}, site {complete[h]} published; {how}")

    if args.pairs and not waited:
        fail("no pair of builds overlapped: the lock was never tried")
    shutil.rmtree(work)
    print(f"{args.kills} kills and {args.pairs} pairs: every time one complete site")


if __name__ == "__main__":
    main()
