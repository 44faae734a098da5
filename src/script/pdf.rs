//! The PDF script: the HTML script printed by headless Chromium (`--print-to-pdf`), which
//! implements CSS paged media (page margin boxes, `break-inside: avoid`) better than any
//! PDF library. Each print gets a fresh browser profile in a temporary directory, no
//! network, and a time limit.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::error::ScriptError;

/// The environment variable that names the browser to print with.
pub const BROWSER_VARIABLE: &str = "TRIBUNE_BROWSER";

/// How long a print may take before the browser is stopped.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// Names a Chromium browser goes by, in the order they are looked for on the `PATH`.
const BROWSER_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The browser Tribune prints with: `$TRIBUNE_BROWSER`, else the first Chromium on the
/// `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(BROWSER_VARIABLE).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSER_NAMES.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The flags of a headless, offline, throw-away browser run (see ../shared/design/CRATES.md).
fn browser_arguments(profile: &Path, html: &Path, pdf: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--mute-audio",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    let mut user_data = OsString::from("--user-data-dir=");
    user_data.push(profile);
    args.push(user_data);
    let mut print = OsString::from("--print-to-pdf=");
    print.push(pdf);
    args.push(print);
    let mut url = OsString::from("file://");
    url.push(html);
    args.push(url);
    args
}

/// Writes the speech's HTML readable by its owner only (the folder is 0700 too): a
/// speech is often confidential until it is delivered.
fn write_private(path: &Path, html: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(html.as_bytes())
}

/// The signals that end a print early (Ctrl-C, `kill`, a closed terminal), watched while
/// the browser runs so that the browser is stopped and the temporary folder removed.
struct Interruption {
    #[cfg(unix)]
    flags: Vec<(
        i32,
        std::sync::Arc<std::sync::atomic::AtomicBool>,
        signal_hook::SigId,
    )>,
}

impl Interruption {
    #[cfg(unix)]
    fn watch() -> Interruption {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let flags = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter_map(|signal| {
                let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                let id = signal_hook::flag::register(signal, flag.clone()).ok()?;
                Some((signal, flag, id))
            })
            .collect();
        Interruption { flags }
    }

    #[cfg(not(unix))]
    fn watch() -> Interruption {
        Interruption {}
    }

    /// The signal that arrived, if one did.
    fn signal(&self) -> Option<i32> {
        #[cfg(unix)]
        {
            self.flags
                .iter()
                .find(|(_, flag, _)| flag.load(std::sync::atomic::Ordering::SeqCst))
                .map(|(signal, _, _)| *signal)
        }
        #[cfg(not(unix))]
        None
    }

    /// Ends the process the way the signal would have, now that everything is cleaned up.
    fn reraise(&self) {
        #[cfg(unix)]
        if let Some(signal) = self.signal() {
            let _ = signal_hook::low_level::emulate_default_handler(signal);
        }
    }
}

impl Drop for Interruption {
    fn drop(&mut self) {
        #[cfg(unix)]
        for (_, _, id) in self.flags.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Prints an HTML document to PDF bytes with the browser at `browser`.
pub fn print_pdf(html: &str, browser: &Path) -> Result<Vec<u8>, ScriptError> {
    let work = tempfile::Builder::new()
        .prefix("tribune-print-")
        .tempdir()
        .map_err(|e| ScriptError::write(std::env::temp_dir(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(work.path(), std::fs::Permissions::from_mode(0o700))
            .map_err(|e| ScriptError::write(work.path(), e))?;
    }
    let html_path = work.path().join("script.html");
    let pdf_path = work.path().join("script.pdf");
    let profile = work.path().join("profile");
    write_private(&html_path, html).map_err(|e| ScriptError::write(&html_path, e))?;
    let interrupted = Interruption::watch();
    let mut child = Command::new(browser)
        .args(browser_arguments(&profile, &html_path, &pdf_path))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                ScriptError::BrowserMissing
            }
            _ => ScriptError::BrowserFailed {
                status: browser.display().to_string(),
                detail: e.to_string(),
            },
        })?;
    // Drain stderr on a thread so a chatty browser never blocks on a full pipe.
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ScriptError::BrowserTimeout {
                    seconds: TIME_LIMIT.as_secs(),
                });
            }
            Ok(None) if interrupted.signal().is_some() => {
                let _ = child.kill();
                let _ = child.wait();
                drop(work);
                interrupted.reraise();
                // Only reached if the signal's default action did not end the process.
                return Err(ScriptError::Interrupted {
                    signal: interrupted.signal().unwrap_or_default(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(ScriptError::BrowserFailed {
                    status: "wait".to_owned(),
                    detail: e.to_string(),
                })
            }
        }
    };
    let messages = reader.join().unwrap_or_default();
    let pdf = std::fs::read(&pdf_path).unwrap_or_default();
    if !status.success() || !pdf.starts_with(b"%PDF") {
        let detail: Vec<&str> = messages.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = detail[detail.len().saturating_sub(3)..].join(" / ");
        return Err(ScriptError::BrowserFailed {
            status: status.to_string(),
            detail: if tail.is_empty() {
                "no PDF was written".to_owned()
            } else {
                tail
            },
        });
    }
    Ok(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_runs_offline_with_a_fresh_profile() {
        let args = browser_arguments(
            Path::new("/tmp/p"),
            Path::new("/tmp/s.html"),
            Path::new("/tmp/s.pdf"),
        );
        let args: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        for flag in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=/tmp/p",
            "--print-to-pdf=/tmp/s.pdf",
        ] {
            assert!(args.iter().any(|a| a == flag), "{flag} missing");
        }
        assert_eq!(args.last().map(String::as_str), Some("file:///tmp/s.html"));
    }

    #[test]
    fn a_missing_browser_is_reported_as_such() {
        let err = print_pdf("<p>x</p>", Path::new("/nonexistent/chromium")).unwrap_err();
        assert!(matches!(err, ScriptError::BrowserMissing), "{err:?}");
    }
}
