//! `throughline pack`

use std::time::Instant;

use clap::Args;

use super::{Exit, OutputArgs, SiteArgs, output};

/// Arguments of `pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The review whose pack to build: its file name in content/reviews/
    /// without `.md`.
    #[arg(value_name = "REVIEW_ID")]
    review: String,
    #[command(flatten)]
    site: SiteArgs,
    /// The pack goes into reviews/<id>/ of the output folder; other files
    /// there are left as they are.
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `pack`: prints the path of each file written, the pack's first.
pub fn run(args: PackArgs, color: bool) -> Exit {
    let started = Instant::now();
    let options = args.out.options(&args.site, &args.site.root);
    match throughline::pack(&options, &args.review) {
        Err(error) => {
            eprintln!("error: {error}");
            Exit::Failure
        }
        Ok(packed) => {
            let checked = &packed.checked;
            output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
            for warning in &packed.warnings {
                eprintln!("warning: {warning}");
            }
            let Some(written) = packed.written else {
                eprintln!("pack not built: {} in content", output::counts(&checked.diagnostics));
                return Exit::Content;
            };
            let pack: Vec<String> = written
                .iter()
                .filter(|p| p.components().any(|c| c.as_os_str() == "reviews"))
                .map(|p| p.display().to_string())
                .collect();
            output::print_stdout(&pack.join("\n"));
            eprintln!("built the board pack of `{}` in {} ms", args.review, started.elapsed().as_millis());
            Exit::Ok
        }
    }
}
