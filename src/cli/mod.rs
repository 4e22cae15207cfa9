//! Command-line interface: one file per command, each with its `Args` and
//! `run`. Commands print; the library does not.

mod build;
mod check;
mod export;
mod generate;
mod import;
mod init;
mod output;
mod pack;
mod schema;
mod watch;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes that mean something to scripts and CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well.
    Ok = 0,
    /// The content has errors (or warnings, with `--deny warnings`).
    Content = 1,
    /// The tool could not do its job (I/O, theme, bad arguments).
    Failure = 2,
}

/// Strategy alignment sites and board packs from Markdown and TOML.
#[derive(Debug, Parser)]
#[command(name = "throughline", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to colour output.
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(subcommand)]
    command: Command,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site from content/ into the output folder.
    Build(build::BuildArgs),
    /// Check the content and report problems and findings, without building.
    Check(check::CheckArgs),
    /// Create a new site root with example content.
    Init(init::InitArgs),
    /// Write the analysed data (JSON or CSV, as in the site's data/ folder)
    /// without building the site.
    Export(export::ExportArgs),
    /// Turn spreadsheet rows (CSV) into content files.
    Import(import::ImportArgs),
    /// Build one review's board pack (HTML and PDF) and print its paths.
    Pack(pack::PackArgs),
    /// Print or write the JSON Schemas of the content files, for editors.
    Schema(schema::SchemaArgs),
    /// Build, then rebuild on every change to content or theme.
    Watch(watch::WatchArgs),
    /// Watch, and serve the site locally with live reload.
    Serve(watch::ServeArgs),
    /// Write a synthetic portfolio of any size (for benchmarks).
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// Options every command that reads a site shares.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site root: the folder holding content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The date the analysis is as of (YYYY-MM-DD); default today. Fix it
    /// to reproduce a past report exactly.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Where a build goes and whether it typesets PDFs: shared by the
/// commands that write the site.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Where the site goes (default: output/ under the site root).
    /// throughline only writes into a folder it created or an empty one.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Skip the PDF board packs (the HTML packs are still built).
    #[arg(long)]
    pub no_pdf: bool,
}

impl OutputArgs {
    /// What to build, from where, into where.
    pub fn options(&self, site: &SiteArgs, root: &std::path::Path) -> throughline::BuildOptions {
        throughline::BuildOptions {
            root: root.to_path_buf(),
            output: self.output.clone().unwrap_or_else(|| root.join("output")),
            as_of: site.as_of(),
            pdf: cfg!(feature = "pdf") && !self.no_pdf,
        }
    }
}

impl SiteArgs {
    /// The as-of date: given, or today.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"))
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Exit {
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            use std::io::IsTerminal;
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
        }
    };
    match cli.command {
        Command::Build(args) => build::run(args, color),
        Command::Check(args) => check::run(args, color),
        Command::Init(args) => init::run(args),
        Command::Export(args) => export::run(args, color),
        Command::Import(args) => import::run(args),
        Command::Pack(args) => pack::run(args, color),
        Command::Schema(args) => schema::run(args),
        Command::Watch(args) => watch::watch(args, color),
        Command::Serve(args) => watch::serve(args, color),
        Command::Generate(args) => generate::run(args),
    }
}
