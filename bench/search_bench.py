#!/usr/bin/env python3
"""Search benchmark: time to first result and bytes loaded, in headless Chromium.

Usage: python3 bench/search_bench.py SITE [SITE…] [--runs 7] [--file] [--wait-idle 0.3]

SITE is a built site (`exitbook build … -o SITE`), served over HTTP/1.1 from
127.0.0.1 by this script (connections kept alive, as web servers do; no
compression, so the sizes are the files as stored), or, with --file, opened
from disk.

What is measured is what a reader sees whose browser is already running: one
headless Chromium is started per query, warmed up by one run that is not
counted, and every run then opens the search page in a new tab of a new,
empty browser context (`Target.createBrowserContext`, like a fresh incognito
window) with the HTTP cache disabled (`Network.setCacheDisabled`), so every
byte of the page and of the index is fetched again: cold cache, warm browser.

The page reports on its results list, in performance.now() milliseconds (from
the start of the navigation): `data-search-start-ms`, when the search script
started running; `data-search-first-ms`, when the first result was on the
page; `data-search-ms`, when all of the first page of results was. Then a
second query is typed into the open page (its value set and an `input` event
sent): the time from that event to its first result and to all its results.
Bytes are the Resource Timing sizes of everything the page loaded after its
HTML, split into the index files (search/*.js) and the theme's assets. At
the end, the size of each site's index on disk, by kind of file.

With several sites (say, before and after a change) each run of a query
goes through all of them in turn, in the same browser, so that they share
whatever else the machine was doing. On a shared machine, --wait-idle waits
before each run until the CPU is otherwise idle, and the load average and the
CPU's use in the second before each run are printed.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe);
only the Python standard library is needed.
"""

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

QUERIES = [
    ("refund", "q=refund"),
    ("client refund", "q=client%20refund"),
    ("typo: refnud", "q=refnud"),
    ('phrase: "churn risk"', "q=%22churn%20risk%22"),
    ("filters only: cases, complaint", "kind=case&reason=complaint"),
]

WAIT = r"""
new Promise(resolve => {
  const report = () => {
    const list = document.querySelector('#search-results');
    const res = performance.getEntriesByType('resource').map(e => [e.name, e.encodedBodySize, Math.round(e.startTime), Math.round(e.responseEnd)]);
    const nav = performance.getEntriesByType('navigation')[0];
    resolve(JSON.stringify({
      ms: Number(list.getAttribute('data-search-ms')),
      first: Number(list.getAttribute('data-search-first-ms')),
      start: Number(list.getAttribute('data-search-start-ms')),
      results: list.querySelectorAll('[data-search-result]').length,
      html: nav ? nav.encodedBodySize : 0,
      resources: res,
      loaded: window.exitbookSearch ? window.exitbookSearch.loaded : [],
    }));
  };
  const check = () => {
    const list = document.querySelector('#search-results');
    if (list && list.getAttribute('data-search-state') === 'done') { report(); return true; }
    return false;
  };
  if (!check()) {
    const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
    obs.observe(document, { subtree: true, attributes: true, childList: true });
  }
})
"""


TYPE = r"""
new Promise(resolve => {
  const list = document.querySelector('#search-results'), input = document.querySelector('#search-q');
  let first = null;
  const obs = new MutationObserver(records => {
    // Old results are only ever removed: an added result is the new answer's.
    if (first === null && records.some(r => Array.from(r.addedNodes).some(n => n.nodeType === 1 && n.hasAttribute('data-search-result')))) {
      first = performance.now() - t0;
    }
    if (list.getAttribute('data-search-state') === 'done') {
      obs.disconnect();
      resolve(JSON.stringify({ first: first, ms: performance.now() - t0, results: list.querySelectorAll('[data-search-result]').length }));
    }
  });
  obs.observe(list, { attributes: true, childList: true });
  const t0 = performance.now();
  input.value = QUERY;
  input.dispatchEvent(new Event('input', { bubbles: true }));
})
"""


class Browser:
    """One headless Chromium, spoken to over the DevTools pipe."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="eb-bench-")
        # Chromium reads commands from fd 3 and writes to fd 4.
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def pipes_to_3_and_4():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--allow-file-access-from-files", "--remote-debugging-pipe",
             # The browser's own WebUI (the omnibox pop-up and the like) is
             # otherwise loaded again for every new window: hundreds of files
             # and 0.4 s of CPU on this 2-core machine while the page loads.
             # A reader's browser has it loaded already.
             "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,"
             "PreloadTopChromeWebUI,WebUIReloadButton",
             "--user-data-dir=" + self.profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=pipes_to_3_and_4,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id)

    def wait(self, match):
        for i, m in enumerate(self.events):
            if match(m):
                return self.events.pop(i)
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            m = json.loads(raw)
            if match(m):
                return m
            self.events.append(m)

    def measure(self, url, typed=None, first=None):
        """Open `url` in a new tab of a new, empty browser context, with the
        HTTP cache disabled; wait for its results; then type `typed`. With
        `first`, that page is opened before in the same tab, with the cache
        on: the reader comes from another page of the handbook, whose style
        sheet and search script are then cached (the index files are not:
        only the search page and a focused search box load them)."""
        context = self.send("Target.createBrowserContext")["result"]["browserContextId"]
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["result"]["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
        self.send("Network.enable", session=session)
        self.send("Network.setCacheDisabled", {"cacheDisabled": first is None}, session=session)
        self.send("Page.enable", session=session)
        if first:
            self.send("Page.navigate", {"url": first}, session=session)
            self.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        r = self.send("Runtime.evaluate", {"expression": WAIT, "awaitPromise": True, "returnByValue": True},
                      session=session)
        out = json.loads(r["result"]["result"]["value"])
        if typed:
            r = self.send("Runtime.evaluate", {"expression": TYPE.replace("QUERY", json.dumps(typed)),
                                               "awaitPromise": True, "returnByValue": True}, session=session)
            out["typed"] = json.loads(r["result"]["result"]["value"])
        self.send("Target.closeTarget", {"targetId": target})
        self.send("Target.disposeBrowserContext", {"browserContextId": context})
        # Events of the closed tab are of no further use.
        self.events = [m for m in self.events if m.get("sessionId") != session]
        return out

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        self.proc.wait(timeout=30)
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


def cpu_busy(seconds):
    """The share of the machine's CPU time that was busy over `seconds`."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # total, idle + iowait
    t0, i0 = sample()
    time.sleep(seconds)
    t1, i1 = sample()
    return 1 - (i1 - i0) / max(1, t1 - t0)


def wait_idle(limit, timeout=300):
    """Wait (up to `timeout` s) until the CPU is less than `limit` busy over
    a second; returns the share seen last."""
    end = time.time() + timeout
    while True:
        busy = cpu_busy(1.0)
        if busy < limit or time.time() > end:
            return busy


def serve(root, keep_alive=True):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        # A response in one write, sent at once, as real servers do (Python
        # writes headers line by line; that made no measurable difference
        # here, but it is one thing less to wonder about).
        disable_nagle_algorithm = True
        wbufsize = 1 << 16
        # Connections kept open between requests, as every web server does
        # (HTTP/1.1). Python's default, HTTP/1.0, closes each one after a
        # response: every file then costs a new connection and a new thread
        # of this server, which is this script's cost, not the site's. (In
        # turns, 9 runs each, the two gave the same first-result times
        # within this machine's noise; see BENCHMARKS.md.)
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

        def log_message(self, *args):
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass
    handler = functools.partial(Quiet, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]


# The folders of the index (see src/search/format.rs); a site of an older
# format has some others (x/, positions), counted in "all".
INDEX_KINDS = ["t", "y", "v", "d", "c", "f"]


def index_sizes(site):
    """Bytes and files of the site's search index, by folder: {kind: (bytes, files)}."""
    out = {}
    root = os.path.join(site, "search")
    for top, _, names in os.walk(root):
        for n in names:
            size = os.path.getsize(os.path.join(top, n))
            rel = os.path.relpath(os.path.join(top, n), root)
            kind = rel.split(os.sep)[0] if os.sep in rel else rel
            if n.endswith(".html"):
                continue  # the search page itself
            for k in (kind, "all"):
                b, f = out.get(k, (0, 0))
                out[k] = (b + size, f + 1)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sites", nargs="+", metavar="SITE",
                    help="built sites; with several, their runs take turns (same browser, same moments)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", action="store_true", help="open the sites from disk instead of over HTTP")
    ap.add_argument("--wait-idle", type=float, metavar="SHARE",
                    help="before each run, wait until the CPU is less than SHARE busy (0.3: 30%%) over a "
                         "second, so that other work on a shared machine does not count (up to 5 min)")
    ap.add_argument("--from-home", action="store_true",
                    help="open the site's home page first, cache on: the search page's style sheet and "
                         "script are then cached, its index files are not")
    ap.add_argument("--no-keep-alive", action="store_true",
                    help="serve HTTP/1.0, a new connection for every file (how this script served before "
                         "2026-11-22's fourth session)")
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        sys.exit("no chromium on PATH")
    sites, servers = [], []
    for site in a.sites:
        site = os.path.abspath(site)
        if a.file:
            sites.append((site, "file://" + site + "/"))
        else:
            server, base = serve(site, keep_alive=not a.no_keep_alive)
            servers.append(server)
            sites.append((site, base))
    print("Load average: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    rows = {site: [] for site, _ in sites}
    busy_before = {}
    for name, params in QUERIES:
        runs = {site: [] for site, _ in sites}
        busy_before[name] = []
        b = Browser(chromium)
        try:
            # The reader's browser has been used before: one run each not counted.
            for site, base in sites:
                b.measure(base + "search/index.html?" + params, typed="escalation owner",
                          first=base + "index.html" if a.from_home else None)
            for _ in range(a.runs):
                for site, base in sites:
                    if a.wait_idle:
                        busy_before[name].append(wait_idle(a.wait_idle))
                    runs[site].append(b.measure(base + "search/index.html?" + params, typed="escalation owner",
                                                first=base + "index.html" if a.from_home else None))
        finally:
            b.close()
        med = statistics.median
        for site, _ in sites:
            rs, last = runs[site], runs[site][-1]
            times = [r["first"] for r in rs]
            index = sum(r[1] for r in last["resources"] if "/search/" in urllib.parse.urlparse(r[0]).path)
            assets = sum(r[1] for r in last["resources"] if "/assets/" in urllib.parse.urlparse(r[0]).path)
            rows[site].append("| %s | %.0f ms (%.0f–%.0f) | %.0f ms | %.0f ms | %s | %s | %s | %.0f ms / %.0f ms |" % (
                name, med(times), min(times), max(times), med(r["first"] - r["start"] for r in rs),
                med(r["ms"] for r in rs),
                "{:,}".format(index) if not a.file else "–", "{:,}".format(assets) if not a.file else "–",
                "{:,}".format(last["html"]) if not a.file else "–",
                med(r["typed"]["first"] for r in rs), med(r["typed"]["ms"] for r in rs)))
            print("  %s %s: start %d first %d done %d; " % (os.path.basename(site), name, last["start"], last["first"], last["ms"]) + " ".join(
                "%s@%d-%d" % (urllib.parse.urlparse(r[0]).path.split('/')[-1] if '/search/' not in r[0] else urllib.parse.urlparse(r[0]).path.split('/search/')[-1], r[2], r[3])
                for r in last["resources"]), file=sys.stderr)
    for site, _ in sites:
        print()
        print(site + ":")
        print()
        print("| query | first result, from navigation start: median (min–max) | from the search script's start | all 10 shown | index bytes loaded | theme assets | page HTML | then typed `escalation owner`: first result / all shown |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in rows[site]:
            print(row)
    print()
    print("The index on disk (`search/`, bytes as stored, and files), by kind of file:")
    print()
    print("| site | all | " + " | ".join("`%s/`" % k for k in INDEX_KINDS) + " | `meta.js` |")
    print("| --- | ---: | " + " | ".join("---:" for _ in INDEX_KINDS) + " | ---: |")
    for site, _ in sites:
        sizes = index_sizes(site)
        cell = lambda k: "%s in %s" % ("{:,}".format(sizes[k][0]), "{:,}".format(sizes[k][1])) if k in sizes else "–"
        print("| %s | %s | %s | %s |" % (os.path.basename(site), cell("all"), " | ".join(cell(k) for k in INDEX_KINDS),
                                         "{:,}".format(sizes.get("meta.js", (0, 0))[0])))
    print()
    print("Load average: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    if a.wait_idle:
        every = [x for v in busy_before.values() for x in v]
        print("CPU busy in the second before each run: median %.0f%%, at most %.0f%%" % (
            100 * statistics.median(every), 100 * max(every)))
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
