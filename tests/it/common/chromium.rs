//! Headless Chromium for the browser tests: finding it (a missing browser
//! skips the test, or fails it under `CI=true`), running it, and a driver
//! page that runs a test's steps against the built site in an iframe and
//! reports what it saw as JSON.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(name).output()
            && out.status.success()
        {
            let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if !p.is_empty() {
                return Some(PathBuf::from(p));
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "Chromium is required for the browser tests under CI=true: apt-get install chromium"
        );
    }
    eprintln!("skipping browser test: no chromium on PATH");
    None
}

pub fn run_chromium(bin: &Path, extra: &[&str], url: &str) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=30000",
        ])
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Helpers the steps can use, inside an `async function (h)`:
/// `h.open(path)` loads a page of the site into the frame; `h.doc()`;
/// `h.type(input, text)` types (value + `input` event); `h.key(el, key)`
/// dispatches a keydown; `h.done(list)` waits for `data-search-state` to be
/// `done` (a MutationObserver, no timer); `h.results(list)` lists what each
/// `data-search-result` shows; `h.record(name, value)` reports a value.
const DRIVER: &str = r#"
const h = {
  out: {},
  frame: null,
  open(path) {
    return new Promise(res => {
      if (h.frame) h.frame.remove();
      const f = document.createElement('iframe');
      f.style.width = h.width + 'px'; f.style.height = '900px'; f.style.border = '0';
      f.onload = () => res(f.contentDocument);
      f.src = h.base + path;
      h.frame = f;
      document.body.appendChild(f);
    });
  },
  doc() { return h.frame.contentDocument; },
  list(sel) { return h.doc().querySelector(sel || '#search-results'); },
  type(input, text) {
    input.focus();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: text }));
  },
  key(el, key) {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  },
  done(list) {
    return new Promise(res => {
      const check = () => {
        const s = list.getAttribute('data-search-state');
        if (s === 'done' || s === 'error') { obs.disconnect(); res(s); return true; }
        return false;
      };
      const obs = new MutationObserver(check);
      obs.observe(list, { attributes: true, attributeFilter: ['data-search-state'] });
      check();
    });
  },
  results(list) {
    return Array.from(list.querySelectorAll('[data-search-result]')).map(r => {
      const a = r.querySelector('a[href]');
      return {
        href: a ? a.getAttribute('href') : null,
        title: a ? a.textContent : r.textContent,
        marks: Array.from(r.querySelectorAll('mark')).map(m => m.textContent),
      };
    });
  },
  active() {
    const a = h.doc().activeElement;
    return a ? (a.id || a.getAttribute('href') || a.tagName) : null;
  },
  record(name, value) { h.out[name] = value; },
};
"#;

/// Run `steps` (the body of `async function (h)`) against the site: over
/// `file://`, or at an `http://` base URL; in light or dark mode. Returns
/// what the steps recorded.
pub fn drive(
    bin: &Path,
    site: &Path,
    http: Option<&str>,
    dark: bool,
    steps: &str,
) -> serde_json::Value {
    let base = match http {
        Some(url) => url.to_string(),
        None => format!("file://{}/", site.display()),
    };
    let name = format!("driver-{}.html", std::process::id());
    let file = site.join(&name);
    std::fs::write(&file, driver_page(&base, steps)).unwrap();
    let url = match http {
        Some(u) => format!("{u}{name}"),
        None => format!("file://{}", file.display()),
    };
    let v = run_driver(bin, &url, dark);
    let _ = std::fs::remove_file(&file);
    v
}

/// The page that runs `steps` against the site at `base` (see [`drive`]),
/// for a test that serves it some other way (from a handbook's `static/`
/// under `exitbook serve`).
pub fn driver_page(base: &str, steps: &str) -> String {
    format!(
        r#"<!doctype html><html><body><pre id="result"></pre><script>
{DRIVER}
h.base = {base:?}; h.width = 1024;
(async function (h) {{
{steps}
}})(h).then(() => {{}}, e => {{ h.out.error = String(e && e.stack || e); }}).then(() => {{
  const r = document.getElementById('result');
  r.textContent = JSON.stringify(h.out);
  r.setAttribute('data-done', 'yes');
}});
</script></body></html>"#
    )
}

/// Open a driver page ([`driver_page`]) at `url`; returns what its steps
/// recorded.
pub fn run_driver(bin: &Path, url: &str, dark: bool) -> serde_json::Value {
    let scheme = format!("--blink-settings=preferredColorScheme={}", u8::from(!dark));
    let dom = run_chromium(bin, &["--dump-dom", &scheme], url);
    let json = dom
        .split("<pre id=\"result\" data-done=\"yes\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("the driver page did not finish:\n{dom}"))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("bad result {json}: {e}"));
    if let Some(e) = v.get("error") {
        panic!("the steps failed in the browser: {e}");
    }
    v
}

/// A static file server for `root` on 127.0.0.1 (a port of its own), for
/// as long as the test runs. Returns its base URL.
pub fn serve(root: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                // Skip the headers.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("/");
                let mut file = root.join(path.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let inside = !path.contains("..");
                let (status, body) = match std::fs::File::open(&file) {
                    Ok(mut f) if inside => {
                        let mut b = Vec::new();
                        f.read_to_end(&mut b).unwrap();
                        ("200 OK", b)
                    }
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("css") => "text/css",
                    _ => "application/octet-stream",
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}/")
}
