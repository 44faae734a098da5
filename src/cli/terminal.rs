//! What reaches a terminal, decided in one place: whether to colour (`--color`, `NO_COLOR`,
//! whether the stream is a terminal), the styles of Tribune's outputs, and the escaping of
//! characters that would make a line read differently from what it holds.

use std::borrow::Cow;

use clap::ValueEnum;

/// `--color` values, as ripgrep and git take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours on a terminal, unless `NO_COLOR` is set and not empty.
    Auto,
    /// Colours even into a pipe or a file (for `less -R`).
    Always,
    /// No colours.
    Never,
}

/// Whether each output stream is coloured, decided once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// Standard output.
    pub stdout: bool,
    /// Standard error.
    pub stderr: bool,
}

impl Colors {
    /// The decision: `never` and `always` say it; `auto` colours a terminal, unless
    /// `NO_COLOR` is set to something (no-color.org: an empty `NO_COLOR` does not count).
    pub fn decide(
        choice: ColorChoice,
        no_color: Option<&std::ffi::OsStr>,
        stdout_is_terminal: bool,
        stderr_is_terminal: bool,
    ) -> Colors {
        let refused = no_color.is_some_and(|v| !v.is_empty());
        match choice {
            ColorChoice::Never => Colors {
                stdout: false,
                stderr: false,
            },
            ColorChoice::Always => Colors {
                stdout: true,
                stderr: true,
            },
            ColorChoice::Auto => Colors {
                stdout: stdout_is_terminal && !refused,
                stderr: stderr_is_terminal && !refused,
            },
        }
    }
}

/// The styles of Tribune's coloured outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "error" before a message, an error finding.
    Error,
    /// "warning" before a message, a warning finding.
    Warning,
    /// Words of the old text that are gone (struck through, red).
    Deleted,
    /// Words of the new text in a draft comparison (underlined, green).
    Inserted,
    /// Words of a query a match lacks (green).
    Added,
    /// A 100 % match's score.
    Exact,
    /// Emphasis (a fuzzy match's score).
    Strong,
    /// A concordance hit.
    Hit,
    /// Secondary information (origins, notes, kept segments).
    Dim,
    /// The marks of a draft comparison: edited, added, removed, moved.
    Edited,
    /// See [`Style::Edited`].
    New,
    /// See [`Style::Edited`].
    Gone,
    /// See [`Style::Edited`].
    Moved,
}

impl Style {
    /// The SGR parameters of the style.
    fn code(self) -> &'static str {
        match self {
            Style::Error => "1;31",
            Style::Warning | Style::Hit => "1;33",
            Style::Deleted => "9;31",
            Style::Inserted => "4;32",
            Style::Added | Style::New => "32",
            Style::Exact => "1;32",
            Style::Strong => "1",
            Style::Dim => "2",
            Style::Edited => "33",
            Style::Gone => "31",
            Style::Moved => "34",
        }
    }
}

/// `text` in `style` when `enabled`, else as it is.
pub fn paint(enabled: bool, style: Style, text: &str) -> Cow<'_, str> {
    if enabled {
        format!("\x1b[{}m{text}\x1b[0m", style.code()).into()
    } else {
        text.into()
    }
}

/// Makes text safe to show on a terminal: bidirectional overrides and isolates (which can
/// make a line read differently from what it holds) and control characters are shown as
/// `\u{…}` escapes. Used by the human-readable `text` outputs; data outputs (`lines`,
/// `jsonl`, `json`) keep the text exactly.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                format!("\\u{{{:04x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn an_empty_no_color_does_not_count_and_the_flag_wins() {
        let auto = |no_color: Option<&str>| {
            Colors::decide(ColorChoice::Auto, no_color.map(OsStr::new), true, false)
        };
        assert!(auto(None).stdout);
        assert!(!auto(None).stderr);
        assert!(auto(Some("")).stdout);
        assert!(!auto(Some("1")).stdout);
        let always = Colors::decide(ColorChoice::Always, Some(OsStr::new("1")), false, false);
        assert!(always.stdout && always.stderr);
        let never = Colors::decide(ColorChoice::Never, None, true, true);
        assert!(!never.stdout && !never.stderr);
    }

    #[test]
    fn painting_is_off_or_one_style() {
        assert_eq!(paint(false, Style::Error, "x"), "x");
        assert_eq!(paint(true, Style::Error, "x"), "\x1b[1;31mx\x1b[0m");
        assert_eq!(terminal_safe("a\x1b]0;t\x07b"), "a\\u{001b}]0;t\\u{0007}b");
    }
}
