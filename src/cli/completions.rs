//! `tribune completions SHELL` and `tribune man`: generated from the same clap definitions
//! as the parser, with help texts in the interface language.

use std::path::PathBuf;

use clap::Args;
use clap_complete::Shell;

use super::error::CommandResult;
use super::{command, write_stdout, Context};

/// Arguments of `tribune completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints a completion script for a shell.
pub fn completions(args: CompletionsArgs, ctx: &Context) -> CommandResult {
    let mut cmd = command(&ctx.l10n);
    // Generated into memory first: clap_complete panics when its output fails.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tribune", &mut script);
    write_stdout(|out| out.write_all(&script))
}

/// Arguments of `tribune man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`translate`, `memory import` as `memory-import`);
    /// default: the page of tribune itself.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (tribune.1, tribune-translate.1, tribune-memory-import.1 …) into
    /// this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// Prints a manual page (roff), or writes them all into a folder.
pub fn man(args: ManArgs, ctx: &Context) -> CommandResult {
    let mut cmd = command(&ctx.l10n).disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, &mut pages);
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|source| super::OutputFileError {
            path: dir.clone(),
            source,
        })?;
        for page in &pages {
            let path = dir.join(format!("{}.1", page_name(page)));
            let roff = render_page(page, ctx)?;
            crate::textfile::write_atomically(&path, &roff)
                .map_err(|source| super::OutputFileError { path, source })?;
        }
        return Ok(());
    }
    let wanted = match &args.command {
        None => "tribune".to_owned(),
        Some(name) => format!("tribune-{}", name.trim().replace(' ', "-")),
    };
    let Some(page) = pages.iter().find(|p| page_name(p) == wanted) else {
        return Err(super::UsageError {
            message_id: "man-error-unknown-command",
            args: vec![("command", args.command.clone().unwrap_or_default())],
        }
        .into());
    };
    let roff = render_page(page, ctx)?;
    write_stdout(|out| out.write_all(&roff))
}

/// The page's name: `tribune`, `tribune-memory-import`.
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned()
}

/// Every command with a page: tribune, then its subcommands, depth first.
fn collect_pages(cmd: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(cmd.clone());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, pages);
    }
}

/// A page as clap_mangen renders it, with the EXIT STATUS and ENVIRONMENT sections every
/// command shares (docs/cli.md), in the interface language.
fn render_page(cmd: &clap::Command, ctx: &Context) -> CommandResult<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .map_err(super::OutputError)?;
    let l = &ctx.l10n;
    let mut section = |title: &str, items: &[(&str, String)]| {
        out.extend_from_slice(format!(".SH \"{}\"\n", roff_text(title)).as_bytes());
        for (term, text) in items {
            out.extend_from_slice(
                format!(".TP\n\\fB{}\\fR\n{}\n", roff_text(term), roff_text(text)).as_bytes(),
            );
        }
    };
    section(
        &l.text("man-exit-status"),
        &[
            ("0", l.text("man-exit-0")),
            ("1", l.text("man-exit-1")),
            ("2", l.text("man-exit-2")),
            ("3", l.text("man-exit-3")),
            ("70", l.text("man-exit-70")),
        ],
    );
    section(
        &l.text("man-environment"),
        &[
            ("TRIBUNE_MEMORY", l.text("man-env-memory")),
            ("TRIBUNE_BROWSER", l.text("man-env-browser")),
            ("NO_COLOR", l.text("man-env-no-color")),
            ("LC_ALL, LC_MESSAGES, LANG", l.text("man-env-lang")),
        ],
    );
    Ok(out)
}

/// Text as roff reads it literally: backslashes escaped, and a line never starting with a
/// control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
