//! The one error a command returns: what the user reads, located, in the interface
//! language; the kind, which decides the exit code; and hints (Fluent messages too).
//!
//! Every library error converts into it through `From` (any type that is a [`UserError`]),
//! so a command writes `?` and never chooses a message or an exit code by hand; jj's
//! `CommandError { kind, error, hints }` is the model.

use crate::i18n::{Args, Localize, Localizer};

use super::exit::{ErrorKind, UsageError};

/// An error a person reads: a Fluent message, where it happened, and what kind it is.
pub trait UserError: Localize + std::error::Error + Send + Sync + 'static {
    /// Where it happened (`file:line:column`, or a file), printed before the message.
    fn location(&self) -> Option<String> {
        None
    }

    /// The kind, which decides the exit code: a problem with the input unless said.
    fn kind(&self) -> ErrorKind {
        ErrorKind::Input
    }

    /// A hint printed under the message (what to do next): a Fluent message formatted
    /// with the error's own arguments.
    fn hint(&self) -> Option<&'static str> {
        None
    }
}

/// A hint printed under an error: one Fluent message with its arguments.
#[derive(Debug, Clone)]
pub struct Hint {
    /// The message id.
    pub message_id: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
    /// Formatted with the error's arguments instead (a hint the error itself gives).
    from_error: bool,
}

/// What a command that failed returns.
#[derive(Debug)]
pub struct CommandError {
    kind: ErrorKind,
    error: Box<dyn UserError>,
    hints: Vec<Hint>,
}

impl<E: UserError> From<E> for CommandError {
    fn from(error: E) -> CommandError {
        let hints = error
            .hint()
            .map(|message_id| Hint {
                message_id,
                args: Vec::new(),
                from_error: true,
            })
            .into_iter()
            .collect();
        CommandError {
            kind: error.kind(),
            error: Box::new(error),
            hints,
        }
    }
}

impl CommandError {
    /// The same error with a hint below it.
    pub fn with_hint(
        mut self,
        message_id: &'static str,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        self.hints.push(Hint {
            message_id,
            args,
            from_error: false,
        });
        self
    }

    /// The exit code of its kind.
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The error itself (for tests and for a front end that shows it its own way).
    pub fn error(&self) -> &dyn UserError {
        self.error.as_ref()
    }

    /// The message, located, in the language of `l10n`.
    pub fn message(&self, l10n: &Localizer) -> String {
        let message = l10n.localize(self.error.as_ref());
        match self.error.location() {
            Some(location) => format!("{location}: {message}"),
            None => message,
        }
    }

    /// The hints, each in the language of `l10n`.
    pub fn hints(&self, l10n: &Localizer) -> Vec<String> {
        self.hints
            .iter()
            .map(|hint| {
                if hint.from_error {
                    return l10n.format(hint.message_id, &self.error.message_args());
                }
                let args: Args = hint
                    .args
                    .iter()
                    .map(|(name, value)| (*name, value.clone().into()))
                    .collect();
                l10n.format(hint.message_id, &args)
            })
            .collect()
    }
}

/// What every command returns.
pub type CommandResult<T = ()> = Result<T, CommandError>;

impl UserError for crate::speech::SpeechError {
    fn location(&self) -> Option<String> {
        crate::speech::SpeechError::location(self).map(|l| l.to_string())
    }
}

impl UserError for crate::align::AlignError {
    fn location(&self) -> Option<String> {
        crate::align::AlignError::location(self).map(|l| l.to_string())
    }
}

impl UserError for crate::textfile::TextFileError {
    fn location(&self) -> Option<String> {
        crate::textfile::TextFileError::location(self).map(|l| l.to_string())
    }
}

impl UserError for crate::exchange::ExchangeError {
    fn location(&self) -> Option<String> {
        Some(crate::exchange::ExchangeError::location(self).to_string())
    }
}

impl UserError for crate::ingest::IngestError {
    fn location(&self) -> Option<String> {
        match self {
            crate::ingest::IngestError::Exchange(e) => UserError::location(e),
            _ => None,
        }
    }
}

impl UserError for crate::terms::TermsError {
    fn location(&self) -> Option<String> {
        crate::terms::TermsError::location(self).map(|l| l.to_string())
    }

    fn hint(&self) -> Option<&'static str> {
        match self {
            crate::terms::TermsError::Memory(e) => e.hint(),
            _ => None,
        }
    }
}

impl UserError for crate::translate::TranslateError {
    fn location(&self) -> Option<String> {
        crate::translate::TranslateError::location(self)
    }
}

impl UserError for crate::memory::MemoryError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            crate::memory::MemoryError::NotFound { .. } => Some("memory-hint-no-memory"),
            _ => None,
        }
    }
}
impl UserError for crate::script::ScriptError {}
impl UserError for crate::textfile::OutputIsInput {}
impl UserError for super::OutputError {}
impl UserError for super::OutputFileError {}

impl UserError for UsageError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Usage
    }
}

impl UserError for super::check::CheckFailed {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::MemoryError;

    #[test]
    fn a_library_error_displays_its_english_message_and_converts_with_its_kind_and_hint() {
        let error = MemoryError::NotFound {
            path: "tm.sqlite".into(),
        };
        let english = Localizer::for_tag("en-US");
        assert_eq!(error.to_string(), english.localize(&error));
        let command: CommandError = error.into();
        assert_eq!(command.exit_code(), super::super::exit::EXIT_USER_ERROR);
        assert_eq!(command.hints(&english).len(), 1);
        let usage: CommandError = UsageError {
            message_id: "script-error-unknown-extension",
            args: vec![("file", "out.odt".into())],
        }
        .into();
        assert_eq!(usage.kind(), ErrorKind::Usage);
    }
}
