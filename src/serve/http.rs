//! The HTTP side of `serve`: the site from memory, over axum.
//!
//! Files are served from the last good [`Snapshot`] only (the pipeline never
//! hands over a site that failed a check), so nothing outside the site can
//! be reached: a request path is percent-decoded once and refused if any
//! segment is `.` or `..` or if it encodes a slash or backslash. A folder
//! gives its `index.html` (a folder named without its slash is redirected to
//! it, so relative links work), an unknown path the theme's `404.html` with
//! status 404.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch;

use crate::output::OutputFile;
use crate::serve::reload;

/// What is served: the last good site, and the errors of the last rebuild
/// if it failed.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// By path relative to the site root: `chapters/x/index.html`.
    pub files: HashMap<String, Arc<OutputFile>>,
    /// The diagnostics of a failed rebuild, as text (already masked).
    pub errors: Option<String>,
}

#[derive(Clone)]
struct AppState {
    rx: watch::Receiver<Arc<Snapshot>>,
    /// The address the server listens on.
    bound: IpAddr,
}

/// The routes: live-reload events, and every file of the site, for the
/// server bound at `addr`.
pub fn router(rx: watch::Receiver<Arc<Snapshot>>, addr: SocketAddr) -> Router {
    Router::new()
        .route(reload::EVENTS, get(events))
        .fallback(file)
        .with_state(AppState {
            rx,
            bound: addr.ip(),
        })
}

async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !host_allowed(&headers, state.bound) {
        return wrong_host();
    }
    reload::events(state.rx.clone()).into_response()
}

/// Whether the request's `Host` names this server: `localhost`, or the
/// bound address (any IP address when the server bound all of them).
pub fn host_allowed(headers: &HeaderMap, bound: IpAddr) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => match host.rsplit_once(':') {
            Some((n, port)) if port.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => host,
        },
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

fn wrong_host() -> Response {
    (
        StatusCode::MISDIRECTED_REQUEST,
        "refused: exitbook serve answers only requests addressed to localhost or to the address it listens on\n",
    )
        .into_response()
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path.
    File(String),
    /// A folder named without its final slash: add it.
    AddSlash,
    NotFound,
    /// `..`, encoded slashes, invalid encoding: refused.
    Refused,
}

/// Resolve the path of a request against the site's files.
pub fn resolve(raw: &str, has: &dyn Fn(&str) -> bool) -> Target {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return Target::Refused;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Target::Refused;
    };
    let Some(rest) = decoded.strip_prefix('/') else {
        return Target::Refused;
    };
    let mut parts = Vec::new();
    for seg in rest.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Target::Refused,
            s if s.contains(['\0', '\\']) => return Target::Refused,
            s => parts.push(s),
        }
    }
    let path = parts.join("/");
    if rest.is_empty() || rest.ends_with('/') {
        let index = if path.is_empty() {
            "index.html".to_string()
        } else {
            format!("{path}/index.html")
        };
        return if has(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if has(&path) {
        Target::File(path)
    } else if has(&format!("{path}/index.html")) {
        Target::AddSlash
    } else {
        Target::NotFound
    }
}

/// Decode `%XX` escapes; `None` for a bad escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a file of the site.
pub fn content_type(path: &str) -> String {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8".into(),
        "css" => "text/css; charset=utf-8".into(),
        "js" | "mjs" => "text/javascript; charset=utf-8".into(),
        "json" => "application/json".into(),
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8".into(),
        "txt" | "md" => "text/plain; charset=utf-8".into(),
        _ => {
            let m = mime_guess::from_ext(ext).first_or_octet_stream();
            if m.type_() == "text" {
                format!("{m}; charset=utf-8")
            } else {
                m.to_string()
            }
        }
    }
}

async fn file(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !host_allowed(&headers, state.bound) {
        return wrong_host();
    }
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let snap = Arc::clone(&state.rx.borrow());
    if snap.files.is_empty() {
        // The first build failed: nothing to show but the errors.
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            NOT_BUILT.as_bytes(),
        );
    }
    match resolve(uri.path(), &|p| snap.files.contains_key(p)) {
        Target::File(p) => page(StatusCode::OK, &p, &snap.files[&p].bytes),
        Target::AddSlash => {
            let to = match uri.query() {
                Some(q) => format!("{}/?{q}", uri.path()),
                None => format!("{}/", uri.path()),
            };
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Target::NotFound => match snap.files.get("404.html") {
            Some(f) => page(StatusCode::NOT_FOUND, "404.html", &f.bytes),
            None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
        Target::Refused => (
            StatusCode::BAD_REQUEST,
            "refused: the path leaves the site\n",
        )
            .into_response(),
    }
}

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>exitbook: not built yet</title></head><body><p>The handbook has errors, so there is no site to show yet. They are listed in the terminal (and below); this page reloads when they are fixed.</p></body></html>";

fn page(status: StatusCode, path: &str, bytes: &[u8]) -> Response {
    let ty = content_type(path);
    let body = if ty.starts_with("text/html") {
        // The live-reload script is inline: the page's policy allows it.
        let script = reload::SCRIPT
            .trim_start_matches("<script>")
            .split("</script>")
            .next()
            .unwrap_or("");
        crate::render::csp::allow(&reload::inject(bytes), script)
    } else {
        bytes.to_vec()
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&ty) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // A preview: always the latest build.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        ["index.html", "chapters/a/index.html", "assets/style.css"].contains(&p)
    }

    #[test]
    fn resolves_folders_files_and_refuses_traversal() {
        assert_eq!(resolve("/", &site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/chapters/a/", &site),
            Target::File("chapters/a/index.html".into())
        );
        assert_eq!(resolve("/chapters/a", &site), Target::AddSlash);
        assert_eq!(
            resolve("/assets/style%2Ecss", &site),
            Target::File("assets/style.css".into())
        );
        assert_eq!(resolve("/nope", &site), Target::NotFound);
        for bad in [
            "/../etc/passwd",
            "/chapters/../../x",
            "/%2e%2e/x",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/chapters%2f..%2findex.html",
            "/a%5c..%5cb",
            "/./index.html",
            "/%ff",
            "/%zz",
        ] {
            assert_eq!(resolve(bad, &site), Target::Refused, "{bad}");
        }
    }

    #[test]
    fn answers_only_its_own_host() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(v).unwrap());
            m
        };
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "localhost.",
            "127.0.0.1",
        ] {
            assert!(host_allowed(&h(ok), lo), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "10.0.0.5:1111",
            "[::1]:1111",
            "localhost.evil.example",
        ] {
            assert!(!host_allowed(&h(bad), lo), "{bad}");
        }
        assert!(!host_allowed(&HeaderMap::new(), lo));
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(&h("192.168.1.20:1111"), any));
        assert!(!host_allowed(&h("evil.example"), any));
        let v6: IpAddr = "::1".parse().unwrap();
        assert!(host_allowed(&h("[::1]:1111"), v6));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("assets/search.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("search/index.json"), "application/json");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("img/x.png"), "image/png");
        assert_eq!(content_type("img/x.svg"), "image/svg+xml");
    }
}
