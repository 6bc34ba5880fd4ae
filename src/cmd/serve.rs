//! `insikt serve`: a local preview with live reload.
//!
//! Builds the report into a temporary folder and serves it on 127.0.0.1 (another address
//! only when asked with `--bind`). A watcher on `book.toml`, `content/`, `data/`,
//! `themes/` and `static/` takes every change: the loaded site stays in memory, and an edit
//! of page bodies that leaves their front matter and titles as they were re-renders and
//! writes only those pages at once; `print.html`, the search index and the codebook's lists
//! of pages follow in a build of the site in memory once the edits pause (see
//! [`crate::site::Preview`]). Any other change loads and builds the whole site again. Every
//! HTML page served gets a small script that polls `/__insikt/status` and reloads the page
//! when a change was taken or failed. A failed change is printed in the terminal and shown
//! at the top of every page, while the last good site stays served (a build changes the
//! output only once everything is rendered, and then writes only the files that changed).
//! Ctrl-C, SIGTERM or SIGHUP stop the server; the temporary folder, with the site and its
//! suppression report, is removed.

use crate::site::{Change, Preview};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use notify::{RecursiveMode, Watcher};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

/// How long the changes of one save may be apart: editors write a file in several steps.
const SETTLE: Duration = Duration::from_millis(25);

/// How long the edits must pause before `print.html` and the search index are brought up
/// to date.
const QUIET: Duration = Duration::from_millis(300);

/// The longest pause waited for: after settles cut short by the next change, the pause
/// waited for doubles up to this (see [`next_quiet`]).
const MAX_QUIET: Duration = Duration::from_millis(2400);

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` in the `mimalloc.h` of the v3
/// library that `libmimalloc-sys` 0.1.49 builds; its Rust bindings lack the name).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

extern "C" {
    /// Sets one of mimalloc's options; part of the allocator linked in (`src/main.rs`).
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// Keeps the memory the allocator has freed for the next edit instead of giving it back to
/// the system a second later (mimalloc's default): memory given back comes back as pages
/// the kernel must zero again, a tenth of a dataset edit's CPU. The price: `serve` holds on
/// to its peak memory (about a tenth more than before at 10,000 pages, see the README).
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores the value for the allocator to read when it next
    // purges memory; any value of a `long` is valid, -1 meaning never.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// The state shared by the builder and the server.
struct Shared {
    /// The folder the site is built into and served from.
    output: PathBuf,
    /// Incremented after every build, good or bad; the page reloads when it changes.
    version: Mutex<(u64, Option<String>)>,
    /// Held while a build runs; true once the server stopped, after which nothing is built.
    stopped: Mutex<bool>,
    /// Set on every change the watcher reports (and when the server stops): a build that
    /// only completes the output gives way to it.
    pending: AtomicBool,
}

/// `insikt serve DIR --port N --bind ADDR`: returns the process exit code.
pub fn serve(dir: &Path, port: u16, bind: IpAddr, drafts: bool) -> i32 {
    // The watcher reports absolute paths, compared with this one.
    let dir = match dir.canonicalize() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!(
                "error: cannot open the report folder {}: {e}",
                dir.display()
            );
            return 1;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return 1;
        }
    };
    // Listen for the signals before anything is written, so that none of them can end the
    // process before it has cleaned up.
    let stop = match runtime.block_on(async { stop_signal() }) {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("error: cannot listen for Ctrl-C: {e}");
            return 1;
        }
    };
    keep_freed_memory();
    let temporary = match super::temporary_folder("serve") {
        Ok(folder) => folder,
        Err(e) => {
            eprintln!("error: cannot make a temporary folder: {e}");
            return 1;
        }
    };
    let shared = Arc::new(Shared {
        output: temporary.join("site"),
        version: Mutex::new((0, None)),
        stopped: Mutex::new(false),
        pending: AtomicBool::new(false),
    });
    let code = watch_and_serve(&dir, bind, port, drafts, &shared, &runtime, stop);
    // Stop a build that only completes the output, wait for any other that is running, and
    // let no other start.
    shared.pending.store(true, Ordering::Relaxed);
    let mut stopped = shared.stopped.lock().unwrap_or_else(|e| e.into_inner());
    *stopped = true;
    if let Err(e) = std::fs::remove_dir_all(&temporary) {
        eprintln!("warning: cannot remove {}: {e}", temporary.display());
    }
    eprintln!("Stopped.");
    code
}

/// Builds, watches `dir` and serves the site until `stop` completes.
fn watch_and_serve(
    dir: &Path,
    bind: IpAddr,
    port: u16,
    drafts: bool,
    shared: &Arc<Shared>,
    runtime: &tokio::runtime::Runtime,
    stop: impl Future<Output = ()> + Send + 'static,
) -> i32 {
    let mut preview = Preview::new(dir, drafts, shared.output.clone());
    take(
        shared,
        |preview| preview.rebuild().map(Change::Built),
        &mut preview,
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = {
        let shared = Arc::clone(shared);
        match notify::recommended_watcher(move |event| {
            shared.pending.store(true, Ordering::Relaxed);
            let _ = tx.send(event);
        }) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: cannot watch the project for changes: {e}");
                return 1;
            }
        }
    };
    if let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive) {
        eprintln!("error: cannot watch {}: {e}", dir.display());
        return 1;
    }
    for sub in ["content", "data", "themes", "static"] {
        let path = dir.join(sub);
        if path.is_dir() {
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch {}: {e}", path.display());
            }
        }
    }
    {
        let shared = Arc::clone(shared);
        let dir = dir.to_path_buf();
        let mut quiet = QUIET;
        std::thread::spawn(move || loop {
            let first = if preview.is_stale() {
                match rx.recv_timeout(quiet) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        quiet = next_quiet(quiet, settle(&shared, &mut preview));
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(event) => event,
                    Err(_) => return,
                }
            };
            // Cleared before the queue is read: an event after this sets it again.
            shared.pending.store(false, Ordering::Relaxed);
            let mut changed = Changed::default();
            changed.add(&first, &dir);
            while let Ok(more) = rx.recv_timeout(SETTLE) {
                changed.add(&more, &dir);
            }
            if changed.everything {
                take(&shared, |p| p.rebuild().map(Change::Built), &mut preview);
            } else if !changed.paths.is_empty() {
                take(&shared, |p| p.change(&changed.paths), &mut preview);
            }
        });
    }

    let address = SocketAddr::new(bind, port);
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {address}: {e}");
                return 1;
            }
        };
        eprintln!("Serving the report on http://{address}/ (Ctrl-C stops)");
        let app = Router::new()
            .route("/__insikt/status", get(status))
            .fallback(file)
            .with_state(Arc::clone(shared));
        match axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: the server stopped: {e}");
                1
            }
        }
    })
}

/// Completes on the first Ctrl-C (SIGINT), SIGTERM or SIGHUP. Must be called inside the
/// runtime; the signals are caught from then on.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut signals = [
        signal(SignalKind::interrupt())?,
        signal(SignalKind::terminate())?,
        signal(SignalKind::hangup())?,
    ];
    Ok(std::future::poll_fn(move |cx| {
        if signals.iter_mut().any(|s| s.poll_recv(cx).is_ready()) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }))
}

/// Completes on the first Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// The files a batch of watcher events names.
#[derive(Default)]
struct Changed {
    /// Changed files below the project folder that the site is made from.
    paths: Vec<PathBuf>,
    /// True when the watcher reported an error: anything may have changed.
    everything: bool,
}

impl Changed {
    /// Adds the files of `event` that are `book.toml` or under the watched folders.
    fn add(&mut self, event: &notify::Result<notify::Event>, dir: &Path) {
        let Ok(event) = event else {
            self.everything = true;
            return;
        };
        if event.kind.is_access() {
            return;
        }
        for path in &event.paths {
            let rel = path.strip_prefix(dir).unwrap_or(path);
            let relevant = rel == Path::new("book.toml")
                || ["content", "data", "themes", "static"]
                    .iter()
                    .any(|d| rel.starts_with(d));
            if relevant && !self.paths.contains(path) {
                self.paths.push(path.clone());
            }
        }
    }
}

/// Runs `change` on the preview unless the server stopped, and publishes its outcome:
/// the page reloads, and a failure is printed and shown on every page.
fn take(
    shared: &Shared,
    change: impl FnOnce(&mut Preview) -> Result<Change, insikt_core::diagnostic::Diagnostics>,
    preview: &mut Preview,
) {
    let stopped = shared.stopped.lock().unwrap_or_else(|e| e.into_inner());
    if *stopped {
        return;
    }
    let started = std::time::Instant::now();
    let result = change(preview);
    let mut state = shared.version.lock().unwrap_or_else(|e| e.into_inner());
    state.0 += 1;
    let ms = started.elapsed().as_millis();
    match result {
        Ok(Change::Built(summary)) => {
            eprintln!("Built {} pages in {ms} ms.", summary.html_pages());
            state.1 = None;
        }
        Ok(Change::Pages(pages)) => {
            eprintln!("Updated {} edited page(s) in {ms} ms.", pages.len());
            state.1 = None;
        }
        Err(d) => {
            super::report(&d, true);
            state.1 = Some(d.to_string());
        }
    }
}

/// Brings `print.html` and the search index up to date after edited pages, unless a
/// change comes first or the server stops. The pages do not reload for it: what they show
/// is current already.
/// False when a change came first and cut it short.
fn settle(shared: &Shared, preview: &mut Preview) -> bool {
    let stopped = shared.stopped.lock().unwrap_or_else(|e| e.into_inner());
    if *stopped {
        return true;
    }
    match preview.settle(&shared.pending) {
        Ok(done) => done,
        Err(d) => {
            super::report(&d, true);
            let mut state = shared.version.lock().unwrap_or_else(|e| e.into_inner());
            state.0 += 1;
            state.1 = Some(d.to_string());
            true
        }
    }
}

/// The pause to wait for before the next settle, after one waited `quiet` and `completed`
/// or was cut short. An author saving every second or so cut each settle short: its
/// listing of the output and its pages (hundreds of milliseconds of CPU at 10,000 pages)
/// were thrown away and competed with the next edit. So each settle cut short doubles the
/// pause, up to [`MAX_QUIET`]; one that completes sets it back.
fn next_quiet(quiet: Duration, completed: bool) -> Duration {
    if completed {
        QUIET
    } else {
        (quiet * 2).min(MAX_QUIET)
    }
}

async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let state = shared.version.lock().unwrap_or_else(|e| e.into_inner());
    let body = format!("{}\n{}", state.0, u8::from(state.1.is_some()));
    ([(header::CACHE_CONTROL, "no-store")], body).into_response()
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let Some((bytes, kind)) = site_file(&shared.output, uri.path()) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    if kind.starts_with("text/html") {
        let (version, error) = {
            let state = shared.version.lock().unwrap_or_else(|e| e.into_inner());
            (state.0, state.1.clone())
        };
        let html = inject(&String::from_utf8_lossy(&bytes), version, error.as_deref());
        return uncached(kind, Body::from(html));
    }
    uncached(kind, Body::from(bytes))
}

/// A router that serves the built site in `root` as it is, for `insikt pdf`.
pub(super) fn static_site(root: PathBuf) -> Router {
    let root = Arc::new(root);
    Router::new().fallback(move |uri: Uri| {
        let root = Arc::clone(&root);
        async move {
            match site_file(&root, uri.path()) {
                Some((bytes, kind)) => uncached(kind, Body::from(bytes)),
                None => (StatusCode::NOT_FOUND, "not found").into_response(),
            }
        }
    })
}

/// The bytes and content type of the file that a request for `path` names inside the site
/// in `root` (a folder's `index.html`); `None` if there is none or the path leaves the site.
fn site_file(root: &Path, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let mut path = root.join(safe_path(path)?);
    if path.is_dir() {
        path = path.join("index.html");
    }
    let bytes = std::fs::read(&path).ok()?;
    Some((bytes, content_type(&path)))
}

/// A response the browser must not cache: the site changes under it.
fn uncached(kind: &'static str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The request path as a relative path inside the site, or `None` if it tries to leave it.
fn safe_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script, and the build error if the last build failed, before `</body>`.
fn inject(html: &str, version: u64, error: Option<&str>) -> String {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(
            "<div id=\"insikt-build-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#fff0f0;color:#5a0000;border-top:4px solid #b00020;font:14px/1.4 ui-monospace,monospace;z-index:1000\"><strong>The last build failed; this is the last good version.</strong><pre style=\"white-space:pre-wrap;margin:0.5rem 0 0\">",
        );
        extra.push_str(&insikt_core::html::escape(error));
        extra.push_str("</pre></div>\n");
    }
    extra.push_str(&format!(
        "<script>(function(){{var seen=\"{version}\";setInterval(function(){{var x=new XMLHttpRequest();x.open(\"GET\",\"/__insikt/status\");x.onload=function(){{if(x.status===200&&x.responseText.split(\"\\n\")[0]!==seen)location.reload();}};x.send();}},1000);}})();</script>\n"
    ));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settles_cut_short_wait_for_longer_pauses() {
        let mut quiet = QUIET;
        for _ in 0..10 {
            quiet = next_quiet(quiet, false);
        }
        assert_eq!(quiet, MAX_QUIET);
        assert_eq!(next_quiet(QUIET, false), QUIET * 2);
        assert_eq!(next_quiet(quiet, true), QUIET);
    }

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(safe_path("/a/b.html"), Some(PathBuf::from("a/b.html")));
        assert_eq!(safe_path("/v%C3%A5rd/"), Some(PathBuf::from("vård")));
        assert_eq!(safe_path("/../etc/passwd"), None);
        assert_eq!(safe_path("/a/%2e%2e/%2e%2e/x"), None);
    }

    #[test]
    fn error_and_script_go_before_the_body_end() {
        let out = inject("<body><p>x</p></body></html>", 3, Some("bad <yaml>"));
        assert!(out.contains("bad &lt;yaml&gt;</pre></div>\n<script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("var seen=\"3\""));
    }
}
