//! `throughline export`

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use throughline::render::export::{DataSet, Table};

use super::{Exit, SiteArgs, output};

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// JSON (one document, or one table as an array) or CSV (one file per table).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Export one table only. Needed for CSV on standard output.
    #[arg(long, value_parser = PossibleValuesParser::new(Table::ALL.map(Table::name)).map(|n| Table::named(&n).expect("one of the names")))]
    table: Option<Table>,
    /// Write files into this folder (created if needed; files of the same
    /// name are replaced, nothing else is touched) instead of standard output.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `analysis.json`, as in the site's `data/` folder.
    Json,
    /// `projects.csv`, `objectives.csv`, … as in the site's `data/` folder.
    Csv,
}

/// Runs `export`: check the content, then write its data without building
/// the site.
pub fn run(args: ExportArgs, color: bool) -> Exit {
    let table = args.table;
    if args.format == Format::Csv && table.is_none() && args.output.is_none() {
        eprintln!(
            "error: CSV has one file per table; name one with --table (projects, objectives, key-results, findings, portfolio) or write them all with --output DIR"
        );
        return Exit::Failure;
    }
    let checked = throughline::check(&args.site.root, args.site.as_of());
    output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
    let Some((model, analysis)) = checked.result.as_deref() else {
        eprintln!("export failed: {} in content; nothing was written", output::counts(&checked.diagnostics));
        return Exit::Content;
    };
    let data = throughline::render::export::data_set(model, analysis, &checked.sources);
    let files = files(&data, args.format, table);
    match &args.output {
        None => {
            let bytes = &files[0].1;
            if let Err(error) = std::io::stdout().lock().write_all(bytes)
                && error.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("error: cannot write to standard output: {error}");
                return Exit::Failure;
            }
        }
        Some(folder) => {
            let written: Result<Vec<_>, _> = files
                .iter()
                .map(|(name, bytes)| throughline::write::write_export(&args.site.root, folder, name, bytes))
                .collect();
            match written {
                Ok(paths) => {
                    for path in paths {
                        output::print_stdout(&path.display().to_string());
                    }
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    return Exit::Failure;
                }
            }
        }
    }
    Exit::Ok
}

/// The files to export, by name: the first is the one standard output gets.
fn files(data: &DataSet, format: Format, table: Option<Table>) -> Vec<(String, Vec<u8>)> {
    match (format, table) {
        (Format::Json, None) => vec![("analysis.json".into(), data.json())],
        (Format::Json, Some(t)) => vec![(format!("{}.json", t.name()), data.table_json(t))],
        (Format::Csv, Some(t)) => vec![(format!("{}.csv", t.name()), data.csv(t))],
        (Format::Csv, None) => Table::ALL.iter().map(|t| (format!("{}.csv", t.name()), data.csv(*t))).collect(),
    }
}
