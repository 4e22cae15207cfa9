//! `throughline schema`

use std::path::{Path, PathBuf};

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use throughline::schema::Kind;

use super::{Exit, output};

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind of file whose schema to print; without it, --output is needed.
    #[arg(value_parser = PossibleValuesParser::new(Kind::ALL.map(Kind::name)).map(|name| Kind::named(&name).expect("one of the names")))]
    kind: Option<Kind>,
    /// Write every schema (`<kind>.schema.json`) into this folder.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
}

/// Runs `schema`.
pub fn run(args: SchemaArgs) -> Exit {
    match (args.kind, args.output) {
        (Some(kind), None) => {
            let schema = kind.schema();
            output::print_stdout(&serde_json::to_string_pretty(&schema).expect("schemas serialise"));
            Exit::Ok
        }
        (kind, Some(folder)) => {
            for (name, text) in throughline::schema::all() {
                if kind.is_some_and(|k| k.file_name() != name) {
                    continue;
                }
                match throughline::write::write_export(Path::new("."), &folder, &name, text.as_bytes()) {
                    Ok(path) => output::print_stdout(&path.display().to_string()),
                    Err(error) => {
                        eprintln!("error: {error}");
                        return Exit::Failure;
                    }
                }
            }
            Exit::Ok
        }
        (None, None) => {
            eprintln!(
                "error: name a kind (organisation, team, priority, objective, project, checkin, review) or write them all with --output DIR"
            );
            Exit::Failure
        }
    }
}
