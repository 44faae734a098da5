//! Exit codes by kind of failure, and the one path for a bug: scripts tell "the input is
//! wrong" from "I called it wrongly" from "the check found errors" from "Tribune has a bug"
//! by the code alone (docs/cli.md, "Exit status").

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use crate::i18n::{Args, Localize, Localizer};

/// Done.
pub const EXIT_DONE: i32 = 0;
/// A problem with the input or the environment (the message says where).
pub const EXIT_USER_ERROR: i32 = 1;
/// A usage error (unknown flag, missing argument, an option value that cannot be used), as
/// clap uses.
pub const EXIT_USAGE: i32 = 2;
/// `tribune check` ran and found errors.
pub const EXIT_FINDINGS: i32 = 3;
/// An internal error: a bug in Tribune (BSD's EX_SOFTWARE).
pub const EXIT_INTERNAL: i32 = 70;

/// What kind of failure an error is, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input or the environment.
    Input,
    /// How the command was called.
    Usage,
    /// The command ran and found what it checks for.
    Findings,
}

impl ErrorKind {
    /// The exit code of this kind.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Input => EXIT_USER_ERROR,
            ErrorKind::Usage => EXIT_USAGE,
            ErrorKind::Findings => EXIT_FINDINGS,
        }
    }
}

/// A usage error found after the arguments were parsed (a value clap cannot judge alone,
/// such as an output file whose extension names no format Tribune writes).
#[derive(Debug, thiserror::Error)]
pub struct UsageError {
    /// The Fluent message.
    pub message_id: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Localize for UsageError {
    fn message_id(&self) -> &'static str {
        self.message_id
    }
    fn message_args(&self) -> Args {
        self.args
            .iter()
            .map(|(name, value)| (*name, value.clone().into()))
            .collect()
    }
}

/// The panic of the command being run, kept by the hook for the report.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs a command; a panic (a bug) becomes a short message in the interface language that
/// asks for a report and says where, and [`EXIT_INTERNAL`]. The stack unwinds first, so
/// what the command holds is cleaned up (temporary files, the PDF print's folder).
pub fn catching_bugs(l10n: &Localizer, command: impl FnOnce() -> i32) -> i32 {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some(format!("{what} ({place})"));
        }
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(command));
    panic::set_hook(previous);
    match result {
        Ok(code) => code,
        Err(_) => {
            let detail = PANIC
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_default();
            super::stderr_line(format_args!(
                "{}",
                l10n.format(
                    "error-internal",
                    &[
                        ("detail", detail.into()),
                        ("version", env!("CARGO_PKG_VERSION").into())
                    ]
                )
            ));
            EXIT_INTERNAL
        }
    }
}

crate::english_display!(UsageError);
