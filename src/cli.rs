//! The command line (clap definitions only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// exitbook: publish your team's client-exit handbook, with every case anonymized.
#[derive(Debug, Parser)]
#[command(name = "exitbook", version, about, propagate_version = true)]
pub struct Cli {
    /// How diagnostics are printed.
    #[arg(long, value_enum, global = true, default_value_t = Format::Human)]
    pub format: Format,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable blocks with the source line.
    Human,
    /// One JSON object per line, for CI.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new handbook that builds at once.
    Init {
        /// The folder to create it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write into a folder that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Build the handbook into a static site.
    Build(BuildArgs),
    /// Check everything `build` checks, writing nothing.
    Check {
        /// The folder holding site.toml.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Print one case as it would be published (file name or slug).
        #[arg(long, value_name = "CASE")]
        show: Option<String>,
    },
    /// Build, serve the site locally and rebuild on every change.
    Serve {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Poll for changes instead of using native file events.
        #[arg(long)]
        poll: bool,
    },
    /// Create a new case record or chapter from a template.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the JSON Schema of the client-exit record.
    Schema,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder holding site.toml.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The output folder (default: DIR/public).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Write the pseudonym → real name table to FILE (outside the output).
    #[arg(long, value_name = "FILE")]
    pub reveal_map: Option<PathBuf>,
    /// Rebuild on every change.
    #[arg(long)]
    pub watch: bool,
    /// With --watch: poll for changes instead of using native file events.
    #[arg(long, requires = "watch")]
    pub poll: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new client-exit record (a draft), named after the situation.
    Case {
        /// e.g. "missed-proofs-2025"
        name: String,
    },
    /// A new playbook chapter (a draft).
    Chapter {
        /// e.g. "Handing over an account"
        title: String,
    },
}
