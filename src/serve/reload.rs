//! Live reload: what every open tab is told, and the script that listens.
//!
//! The server keeps one [`Status`] in a `tokio::sync::watch` channel; every
//! tab holds an EventSource on [`EVENTS`] and is sent `reload` when a
//! rebuild succeeded, or `build-error` with the diagnostics (text, shown in
//! an overlay) when it failed. The overlay goes with the next reload. The
//! script is added to HTML responses by the server only: `build` output
//! never holds it.

use std::sync::Arc;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use crate::serve::http::Snapshot;

/// Where the tabs listen.
pub const EVENTS: &str = "/__exitbook/events";

/// The script added before `</body>` of every HTML page served. The
/// diagnostics are shown with `textContent`, never parsed as HTML.
pub const SCRIPT: &str = r#"<script>/* exitbook serve: live reload */
(() => {
  const events = new EventSource("/__exitbook/events");
  let box = null;
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("build-error", (e) => {
    if (!box) {
      box = document.createElement("pre");
      box.id = "exitbook-build-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.25em;background:#2a0d0d;color:#fdecec;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;border-top:4px solid #e5484d;box-shadow:0 -4px 24px rgba(0,0,0,.35)";
      document.body.appendChild(box);
    }
    box.textContent = "exitbook: the last rebuild failed; this is the last good site.\n\n" + e.data;
  });
})();
</script>
"#;

/// Add the script to an HTML page: before its last `</body>`, else at the end.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The event stream of one tab: the current errors at once (if any), then
/// one event per change of the served state.
pub fn events(
    mut rx: watch::Receiver<Arc<Snapshot>>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let first = rx.borrow_and_update().errors.clone();
    let first = stream::iter(first.map(|e| Ok(Event::default().event("build-error").data(e))));
    let rest = stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        let event = match &rx.borrow_and_update().errors {
            Some(e) => Event::default().event("build-error").data(e.clone()),
            None => Event::default().event("reload").data("site rebuilt"),
        };
        Some((Ok(event), rx))
    });
    Sse::new(futures_util::StreamExt::chain(first, rest)).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body><p>x</p><script>"), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"));
        assert!(
            String::from_utf8(inject(b"plain"))
                .unwrap()
                .starts_with("plain<script>")
        );
    }
}
