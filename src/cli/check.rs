//! `tribune check SOURCE TARGET`: a translation checked against its source (numbers, stage
//! directions, untranslated segments, terms, typography), located findings as text or JSON,
//! exit code 3 when an error is found.

use std::io::{self, Write};

use crate::memory::{open_store, Access};
use crate::terms::TermMatcher;
use clap::{Args, ValueEnum};
use unic_langid::LanguageIdentifier;

use super::error::CommandResult;
use super::segment::language_arg;
use super::{write_stdout, Context, Style};
use crate::align::{self, Side};
use crate::check::{self, CheckOptions, Finding, Severity};
use crate::i18n::{Args as MessageArgs, Localize};
use crate::speech;
use crate::textfile::Origin;

/// Output formats of `tribune check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One located line per finding, with the texts.
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `tribune check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The source speech.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Its translation; without it, the speech is checked on its own (quotation marks,
    /// brackets, doubled words).
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,
    /// Language of the source, when neither front matter nor file name says it.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub source_lang: Option<LanguageIdentifier>,
    /// Language and locale of the translation (fr-FR, fr-CA), when neither front matter nor
    /// file name says it; the locale decides the typography checked.
    #[arg(long, value_name = "LANG", value_parser = language_arg)]
    pub target_lang: Option<LanguageIdentifier>,
    /// Typography of punctuation and quotation marks as errors, not warnings.
    #[arg(long)]
    pub strict: bool,
    /// The memory whose term base is checked (when the file exists).
    #[command(flatten)]
    pub memory: super::memory::MemoryPath,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// The check found errors (the findings are already printed).
#[derive(Debug, thiserror::Error)]
pub struct CheckFailed {
    /// How many.
    pub errors: usize,
}

impl Localize for CheckFailed {
    fn message_id(&self) -> &'static str {
        "check-failed"
    }
    fn message_args(&self) -> MessageArgs {
        vec![("errors", self.errors.into())]
    }
}

fn read(
    file: &str,
    language: Option<&LanguageIdentifier>,
    ctx: &Context,
) -> CommandResult<(Side, String)> {
    let (examined, text) = speech::load_with_text(file, language)?;
    super::segment::warn_all(&examined.warnings, ctx);
    let side = Side {
        name: Origin::from_arg(file).to_string(),
        language: examined.speech.meta.language.clone().unwrap_or_default(),
        segments: examined.segments,
    };
    Ok((side, text))
}

/// The term base of the memory, when the memory exists and holds terms of the pair.
fn term_base(
    args: &CheckArgs,
    source_lang: &LanguageIdentifier,
    target_lang: &LanguageIdentifier,
) -> Result<Option<TermMatcher>, super::CommandError> {
    let location = args.memory.location();
    if !location.exists() {
        return Ok(None);
    }
    let opened = open_store(&location, Access::Existing)?;
    TermMatcher::for_store(opened.store(), source_lang, target_lang).map_err(Into::into)
}

/// One finding as text: where, how serious, what, then the texts concerned.
fn write_finding(
    out: &mut dyn Write,
    f: &check::LocatedFinding<'_>,
    source_lang: &LanguageIdentifier,
    target_lang: &LanguageIdentifier,
    ctx: &Context,
) -> io::Result<()> {
    let place = match f.column {
        Some(c) => format!("{}:{}:{c}", f.file, f.line),
        None => format!("{}:{}", f.file, f.line),
    };
    let severity = ctx.l10n.text(match f.severity {
        Severity::Error => "check-error",
        Severity::Warning => "check-warning",
    });
    let style = if f.severity == Severity::Error {
        Style::Error
    } else {
        Style::Warning
    };
    let severity = super::paint(ctx.stdout_color, style, &severity).into_owned();
    writeln!(out, "{place}: {severity}: {}", f.message)?;
    if let Some(source) = f.source {
        writeln!(out, "    {} {}", source_lang, super::terminal_safe(source))?;
    }
    if let Some(target) = f.target {
        writeln!(out, "    {} {}", target_lang, super::terminal_safe(target))?;
    }
    Ok(())
}

/// Runs `tribune check`.
pub fn run(args: CheckArgs, ctx: &Context) -> CommandResult {
    let (source, source_text) = read(&args.source, args.source_lang.as_ref(), ctx)?;
    let source_lang = source.language.clone();
    let Some(target_file) = &args.target else {
        // One speech on its own: its writing.
        let findings = check::speech::check_speech(&source.segments, &source_lang);
        return report(&args, &findings, (&source_text, &source_lang), None, ctx);
    };
    let (target, target_text) = read(target_file, args.target_lang.as_ref(), ctx)?;
    let target_lang = target.language.clone();
    check::refuse_swapped(
        (&source.name, &source_text, &source_lang),
        (&target.name, &target_text, &target_lang),
    )?;
    let terms = term_base(&args, &source_lang, &target_lang)?;
    let alignment = align::align(source, target);
    let findings = check::check(
        &alignment,
        &CheckOptions {
            target_locale: target_lang.clone(),
            strict: args.strict,
            terms,
        },
    );
    report(
        &args,
        &findings,
        (&source_text, &source_lang),
        Some((target_file, &target_text, &target_lang)),
        ctx,
    )
}

/// Prints the findings (text or JSON) and fails with exit code 3 when one is an error.
fn report(
    args: &CheckArgs,
    findings: &[Finding],
    (source_text, source_lang): (&str, &LanguageIdentifier),
    target: Option<(&str, &str, &LanguageIdentifier)>,
    ctx: &Context,
) -> CommandResult {
    let target_lang = target.map(|t| t.2);
    let l = &ctx.l10n;
    let report = check::Report::new(
        findings,
        check::CheckedFile {
            name: &args.source,
            text: source_text,
            lang: source_lang,
        },
        target.map(|(name, text, lang)| check::CheckedFile { name, text, lang }),
        l,
    );
    let (errors, warnings) = (report.errors, report.warnings);
    write_stdout(|out| match args.format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        CheckFormat::Text => {
            for f in &report.findings {
                write_finding(out, f, source_lang, target_lang.unwrap_or(source_lang), ctx)?;
            }
            writeln!(
                out,
                "{}",
                l.format(
                    "check-summary",
                    &[("errors", errors.into()), ("warnings", warnings.into())]
                )
            )
        }
    })?;
    if errors > 0 {
        return Err(CheckFailed { errors }.into());
    }
    Ok(())
}

crate::english_display!(CheckFailed);
