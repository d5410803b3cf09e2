#!/usr/bin/env python3
"""Time from saving one chapter to the live-reload event of `exitbook serve`.

Starts `exitbook serve --port 0` on a handbook, subscribes to its event
stream (/__exitbook/events) like a browser tab, then edits one chapter at a
time (a sentence appended, as a writer would) and measures, for each edit,
the wall time from the write to the arrival of `event: reload`. Prints every
sample and the median; the server's own log (rebuild times, files rendered)
goes to stderr.

    python3 bench/serve_latency.py target/release/exitbook /dev/shm/eb/c1k/exitbook --edits 15
"""

import argparse
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exitbook")
    ap.add_argument("handbook")
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--poll", action="store_true")
    args = ap.parse_args()

    root = pathlib.Path(args.handbook)
    chapters = sorted((root / "content" / "chapters").rglob("*.md"))
    if not chapters:
        sys.exit("no chapters")
    cmd = [os.path.abspath(args.exitbook), "serve", "--port", "0"]
    if args.poll:
        cmd.append("--poll")
    env = dict(os.environ)
    env.setdefault("EXITBOOK_KEY", "a benchmark key, long enough")
    server = subprocess.Popen(cmd, cwd=root, env=env, stderr=subprocess.PIPE, text=True)
    url = None
    log = []
    ready = threading.Event()

    def pump():
        nonlocal url
        for line in server.stderr:
            log.append(line)
            m = re.search(r"serving at http://([^/ ]+)/", line)
            if m:
                url = m.group(1)
                ready.set()
        ready.set()

    threading.Thread(target=pump, daemon=True).start()
    try:
        if not ready.wait(600) or url is None:
            sys.exit("the server did not start:\n" + "".join(log))
        first = next((l for l in log if l.startswith("built")), "").strip()
        print(f"# {first}", file=sys.stderr)
        host, port = url.rsplit(":", 1)
        s = socket.create_connection((host, int(port)))
        s.sendall(b"GET /__exitbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += s.recv(65536)
        buf = buf.split(b"\r\n\r\n", 1)[1]

        def wait_reload(deadline):
            nonlocal buf
            s.settimeout(max(0.001, deadline - time.perf_counter()))
            while b"event: reload" not in buf:
                buf += s.recv(65536)
            buf = buf.split(b"event: reload", 1)[1]

        samples = []
        for k in range(args.edits):
            # Spread the edits over the chapters, and let the machine settle.
            path = chapters[(k * 7919) % len(chapters)]
            text = path.read_text()
            time.sleep(0.3)
            buf = b""
            t0 = time.perf_counter()
            path.write_text(text + f"\nOne more thought on this ({k}).\n")
            wait_reload(t0 + 30)
            ms = (time.perf_counter() - t0) * 1000
            samples.append(ms)
            print(f"{path.relative_to(root)}: {ms:.1f} ms")
        time.sleep(0.3)
        print(f"median {statistics.median(samples):.1f} ms, min {min(samples):.1f}, max {max(samples):.1f} ({len(samples)} edits)")
        # With EXITBOOK_TIMINGS set, each rebuild's stages come before its line.
        print("".join(l for l in log if l.startswith(("rebuilt", "  "))), file=sys.stderr)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
