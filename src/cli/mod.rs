//! The command line: clap definitions (one file per command), help texts and errors from
//! Fluent in the interface language, exit codes (0 done, 1 user error, 2 usage).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

use clap::{Command as ClapCommand, CommandFactory, FromArgMatches, Parser, Subcommand};
use unic_langid::LanguageIdentifier;

use crate::i18n::{self, Localize, Localizer};

mod align;
mod check;
mod completions;
mod diff;
mod error;
mod exit;
mod memory;
mod script;
mod segment;
mod stats;
mod terminal;
mod terms;
mod translate;
mod xliff;

pub use error::{CommandError, CommandResult, UserError};
pub use exit::{
    ErrorKind, UsageError, EXIT_DONE, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, EXIT_USER_ERROR,
};
pub use terminal::{paint, terminal_safe, ColorChoice, Colors, Style};

/// Tribune: prepare multilingual speeches.
#[derive(Debug, Parser)]
#[command(
    name = "tribune",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Interface language (default: from LANG).
    #[arg(long, global = true, value_name = "LANG")]
    pub ui_lang: Option<String>,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always,
    /// never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Cut a speech into segments.
    Segment(segment::SegmentArgs),
    /// Count words and estimate speaking time.
    Stats(stats::StatsArgs),
    /// Compare two drafts of a speech.
    Diff(diff::DiffArgs),
    /// Make a timed, print-ready speaker script (HTML, PDF, Word, Markdown, text).
    Script(script::ScriptArgs),
    /// Align a speech with its translation.
    Align(align::AlignArgs),
    /// The translation memory: import, export, lookup, search, stats.
    Memory(memory::MemoryArgs),
    /// Pre-translate a speech from the memory: a draft, XLIFF for CAT tools, an analysis.
    Translate(translate::TranslateArgs),
    /// XLIFF files from CAT tools: import their translations into the memory.
    Xliff(xliff::XliffArgs),
    /// The term base: import TBX, CSV or TSV, export TBX, find the terms of a text.
    Terms(terms::TermsArgs),
    /// Check a translation against its source: numbers, stage directions, untranslated
    /// segments, typography.
    Check(check::CheckArgs),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// Print a manual page, or write them all into a folder.
    Man(completions::ManArgs),
}

/// Shared state of one run: the interface language and where output goes.
pub struct Context {
    /// Messages in the interface language.
    pub l10n: Localizer,
    /// Whether stderr may be coloured.
    pub color: bool,
    /// Whether stdout may be coloured (`--color`, NO_COLOR, a terminal: [`Colors`]).
    pub stdout_color: bool,
}

impl Context {
    /// Prints a warning on stderr.
    pub fn warn(&self, item: &dyn Localize) {
        let prefix = self.l10n.text("warning-prefix");
        let prefix = paint(self.color, Style::Warning, &prefix);
        stderr_line(format_args!("{prefix}: {}", self.l10n.localize(item)));
    }
}

thread_local! {
    /// The interface languages of this run, for the value parsers clap calls before any
    /// [`Context`] exists.
    static PARSING_LANGUAGES: std::cell::RefCell<Vec<LanguageIdentifier>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The message of an option value that cannot be used, in the interface language (clap
/// puts it after its own "invalid value '…' for '--…'").
pub(crate) fn value_error(id: &str, value: &str) -> String {
    let requested = PARSING_LANGUAGES.with(|languages| languages.borrow().clone());
    Localizer::new(&requested).format(id, &[("value", value.to_owned().into())])
}

/// Finds `--ui-lang X` before clap runs, since help texts depend on it.
fn requested_ui_language(args: &[OsString]) -> Option<LanguageIdentifier> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--ui-lang=") {
            return crate::lang::parse_tag(value);
        }
        if arg == "--ui-lang" {
            return iter
                .next()
                .and_then(|v| crate::lang::parse_tag(&v.to_string_lossy()));
        }
    }
    None
}

fn message_id_part(name: &str) -> String {
    name.replace('_', "-")
}

/// `cli-about` for the root, `cli-PATH-about` for a subcommand.
fn about_message_id(path: &str) -> String {
    if path.is_empty() {
        "cli-about".to_owned()
    } else {
        format!("cli-{path}-about")
    }
}

/// `cli--ARG` for a root argument, `cli-PATH--ARG` for a subcommand's.
fn arg_message_id(path: &str, arg: &str) -> String {
    if path.is_empty() {
        format!("cli--{}", message_id_part(arg))
    } else {
        format!("cli-{path}--{}", message_id_part(arg))
    }
}

/// Sets every about and argument help text from Fluent: `cli-PATH-about` for a command and
/// `cli-PATH--ARG` for an argument (PATH is the subcommand path joined with `-`).
fn localize_command(mut cmd: ClapCommand, path: &str, l10n: &Localizer) -> ClapCommand {
    let about_id = about_message_id(path);
    if l10n.has(&about_id) {
        cmd = cmd.about(l10n.text(&about_id));
    }
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for arg in args {
        let id = arg_message_id(path, &arg);
        if l10n.has(&id) {
            let text = l10n.text(&id);
            cmd = cmd.mut_arg(arg, |a| localize_arg(a, text, l10n));
        }
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subcommands {
        let sub_path = if path.is_empty() {
            message_id_part(&name)
        } else {
            format!("{path}-{}", message_id_part(&name))
        };
        cmd = cmd.mut_subcommand(name, |s| localize_command(s, &sub_path, l10n));
    }
    cmd
}

/// An argument's help in the interface language. The localized help names the values an
/// enumerated flag takes, so clap's English "Possible values:" list is left out (completions
/// still offer them), and the default is given in the interface language's words.
fn localize_arg(arg: clap::Arg, help: String, l10n: &Localizer) -> clap::Arg {
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let help = if defaults.is_empty() || arg.is_hide_default_value_set() {
        help
    } else {
        let default = l10n.format(
            "cli-default-value",
            &[("value", defaults.join(", ").into())],
        );
        format!("{help} {default}")
    };
    arg.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// The clap command with help texts in the interface language.
pub fn command(l10n: &Localizer) -> ClapCommand {
    localize_command(Cli::command(), "", l10n)
}

/// Writing results failed (a full disk, a closed pipe is not an error).
#[derive(Debug, thiserror::Error)]
pub struct OutputError(pub io::Error);

impl Localize for OutputError {
    fn message_id(&self) -> &'static str {
        "error-output"
    }
    fn message_args(&self) -> i18n::Args {
        vec![("reason", self.0.to_string().into())]
    }
}

/// Wraps stdout writes so that a closed pipe (`| head`) ends quietly.
pub fn write_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> CommandResult {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(OutputError(e).into()),
    }
}

/// Prints a line on stderr for a person. A closed or full stderr is not worth failing
/// (or panicking, as `eprintln!` does) for: the result is in the exit code and the outputs.
pub fn stderr_line(text: impl std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Writes results to a file as they are produced (atomically: a temporary file renamed
/// into place by [`crate::textfile::OutputFile`]) or, without a path, to stdout.
pub fn write_output(
    path: Option<&std::path::Path>,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> CommandResult {
    let Some(path) = path else {
        return write_stdout(f);
    };
    let output_error = |e: io::Error| OutputFileError {
        path: path.to_path_buf(),
        source: e,
    };
    let file = crate::textfile::OutputFile::create(path).map_err(output_error)?;
    let mut out = io::BufWriter::new(file);
    f(&mut out).map_err(output_error)?;
    out.into_inner()
        .map_err(|e| output_error(e.into_error()))?
        .commit()
        .map_err(output_error)?;
    Ok(())
}

/// Streams an export (TMX, TBX) to a file, whole or not at all, or to stdout, as
/// [`write_output`] does, for an export that fails with its own error type:
/// `write_failure` gives back the I/O error of a failed write (an output error, quiet on a
/// closed pipe), and any other error (reading the memory) stays the export's own.
pub fn write_export<E: Into<CommandError>>(
    path: Option<&std::path::Path>,
    export: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    write_failure: fn(E) -> Result<io::Error, E>,
) -> CommandResult {
    let mut failure = None;
    let written = write_output(path, |out| {
        export(out).map_err(|e| match write_failure(e) {
            Ok(io) => io,
            Err(other) => {
                failure = Some(other);
                io::Error::other("the export failed")
            }
        })
    });
    match failure {
        Some(e) => Err(e.into()),
        None => written,
    }
}

/// Writing an output file failed (missing directory, full disk, permissions).
#[derive(Debug, thiserror::Error)]
pub struct OutputFileError {
    /// The file.
    pub path: std::path::PathBuf,
    /// The system error.
    pub source: io::Error,
}

impl Localize for OutputFileError {
    fn message_id(&self) -> &'static str {
        "error-output-file"
    }
    fn message_args(&self) -> i18n::Args {
        vec![
            ("file", self.path.display().to_string().into()),
            ("reason", self.source.to_string().into()),
        ]
    }
}

fn dispatch(cli: Cli, ctx: &Context) -> CommandResult {
    match cli.command {
        Command::Segment(args) => segment::run(args, ctx),
        Command::Stats(args) => stats::run(args, ctx),
        Command::Diff(args) => diff::run(args, ctx),
        Command::Script(args) => script::run(args, ctx),
        Command::Align(args) => align::run(args, ctx),
        Command::Memory(args) => memory::run(args, ctx),
        Command::Translate(args) => translate::run(args, ctx),
        Command::Xliff(args) => xliff::run(args, ctx),
        Command::Terms(args) => terms::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Completions(args) => completions::completions(args, ctx),
        Command::Man(args) => completions::man(args, ctx),
    }
}

/// Makes a write past the file-size limit (`ulimit -f`) an ordinary I/O error, reported and
/// rolled back like a full disk, rather than a signal that kills the process mid-write.
#[allow(unsafe_code)]
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN at start-up, before any thread is
    // spawned, has no memory-safety requirement.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    ignore_file_size_signal();
    let args: Vec<OsString> = args.into_iter().collect();
    let requested: Vec<LanguageIdentifier> = requested_ui_language(&args)
        .or_else(i18n::language_from_environment)
        .into_iter()
        .collect();
    let l10n = Localizer::new(&requested);
    PARSING_LANGUAGES.with(|languages| *languages.borrow_mut() = requested.clone());
    let matches = match command(&l10n).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return EXIT_USAGE;
        }
    };
    let colors = Colors::decide(
        cli.color,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stdout().is_terminal(),
        io::stderr().is_terminal(),
    );
    let ctx = Context {
        l10n,
        color: colors.stderr,
        stdout_color: colors.stdout,
    };
    exit::catching_bugs(&ctx.l10n, || {
        // The one way to reach the internal-error path on purpose, for its test.
        if std::env::var_os("TRIBUNE_TEST_INTERNAL_ERROR").is_some() {
            panic!("internal error requested by TRIBUNE_TEST_INTERNAL_ERROR");
        }
        match dispatch(cli, &ctx) {
            Ok(()) => EXIT_DONE,
            Err(error) => {
                let prefix = ctx.l10n.text("error-prefix");
                let prefix = paint(ctx.color, Style::Error, &prefix);
                stderr_line(format_args!("{prefix}: {}", error.message(&ctx.l10n)));
                for hint in error.hints(&ctx.l10n) {
                    let label = ctx.l10n.text("error-hint-prefix");
                    let label = paint(ctx.color, Style::Dim, &label);
                    stderr_line(format_args!("{label}: {hint}"));
                }
                error.exit_code()
            }
        }
    })
}

crate::english_display!(OutputError, OutputFileError);

#[cfg(test)]
mod tests {
    use super::*;

    fn check_command(cmd: &ClapCommand, path: &str, l10n: &Localizer, missing: &mut Vec<String>) {
        let about_id = about_message_id(path);
        if !l10n.has(&about_id) {
            missing.push(about_id);
        }
        for arg in cmd.get_arguments() {
            let name = arg.get_id().as_str();
            if name == "help" || name == "version" {
                continue;
            }
            let id = arg_message_id(path, name);
            if !l10n.has(&id) {
                missing.push(id);
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = if path.is_empty() {
                message_id_part(sub.get_name())
            } else {
                format!("{path}-{}", message_id_part(sub.get_name()))
            };
            check_command(sub, &sub_path, l10n, missing);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_localised_help_text() {
        let l10n = Localizer::for_tag("en-US");
        let mut missing = Vec::new();
        check_command(&Cli::command(), "", &l10n, &mut missing);
        assert!(missing.is_empty(), "missing help messages: {missing:?}");
    }

    #[test]
    fn the_clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn terminal_output_escapes_bidi_overrides_and_controls() {
        assert_eq!(terminal_safe("plain « text »"), "plain « text »");
        assert_eq!(terminal_safe("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(terminal_safe("bell\u{7}"), "bell\\u{0007}");
    }

    #[test]
    fn ui_language_is_found_before_parsing() {
        let args: Vec<OsString> = ["tribune", "stats", "--ui-lang", "fr", "x"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(requested_ui_language(&args), crate::lang::parse_tag("fr"));
        let args: Vec<OsString> = ["tribune", "--ui-lang=fr-CA"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(
            requested_ui_language(&args),
            crate::lang::parse_tag("fr-CA")
        );
    }
}
