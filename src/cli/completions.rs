//! `tribune completions SHELL` and `tribune man`: generated from the same clap definitions
//! as the parser, with help texts in the interface language.

use clap::Args;
use clap_complete::Shell;

use super::{command, write_stdout, Context};

/// Arguments of `tribune completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints a completion script for a shell.
pub fn completions(args: CompletionsArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut cmd = command(&ctx.l10n);
    // Generated into memory first: clap_complete panics when its output fails.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tribune", &mut script);
    write_stdout(|out| out.write_all(&script))
}

/// Prints the manual page (roff).
pub fn man(ctx: &Context) -> anyhow::Result<()> {
    let cmd = command(&ctx.l10n);
    write_stdout(|out| clap_mangen::Man::new(cmd).render(out))
}
