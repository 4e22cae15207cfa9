//! `throughline schema`

use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use throughline::schema::Kind;

use super::Exit;

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
            println!("{}", serde_json::to_string_pretty(&schema).expect("schemas serialise"));
            Exit::Ok
        }
        (kind, Some(folder)) => {
            let wanted = kind;
            if let Err(error) = std::fs::create_dir_all(&folder) {
                eprintln!("error: cannot create `{}`: {error}", folder.display());
                return Exit::Failure;
            }
            for (name, text) in throughline::schema::all() {
                if wanted.is_some_and(|k| k.file_name() != name) {
                    continue;
                }
                let path = folder.join(&name);
                if let Err(error) = std::fs::write(&path, text) {
                    eprintln!("error: cannot write `{}`: {error}", path.display());
                    return Exit::Failure;
                }
                println!("{}", path.display());
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
