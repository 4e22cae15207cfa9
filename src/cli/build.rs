//! `throughline build`

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{Exit, SiteArgs, output};

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site (default: output/ under the site root). The
    /// folder is replaced as a whole; throughline refuses to replace a
    /// folder it did not create.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Skip the PDF board packs (the HTML packs are still built).
    #[arg(long)]
    no_pdf: bool,
}

/// Runs `build`.
pub fn run(args: BuildArgs, color: bool) -> Exit {
    let started = Instant::now();
    let output_dir = args.output.clone().unwrap_or_else(|| args.site.root.join("output"));
    let options = throughline::BuildOptions {
        root: args.site.root.clone(),
        output: output_dir.clone(),
        as_of: args.site.as_of(),
        pdf: cfg!(feature = "pdf") && !args.no_pdf,
    };
    match throughline::build(&options) {
        Err(error) => {
            eprintln!("error: {error}");
            Exit::Failure
        }
        Ok(built) => {
            let checked = &built.checked;
            output::print_diagnostics(&checked.sources, &checked.diagnostics, color);
            for warning in &built.warnings {
                eprintln!("warning: {warning}");
            }
            let Some(stats) = built.stats else {
                eprintln!(
                    "build failed: {} in content; `{}` was left as it was",
                    output::counts(&checked.diagnostics),
                    output_dir.display()
                );
                return Exit::Content;
            };
            let findings = checked.findings().len();
            let elapsed = started.elapsed();
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            let packs = match (stats.packs, stats.pdfs) {
                (0, _) => String::new(),
                (n, 0) => format!(" (with {n} board pack{}, HTML only)", plural(n)),
                (n, _) => format!(" (with {n} board pack{}, HTML and PDF)", plural(n)),
            };
            println!(
                "built {} pages{packs}, {} data files and {} asset{} into {} in {} ms ({} changed, {} unchanged); {} finding{} (see `throughline check`)",
                stats.pages,
                stats.data,
                stats.assets,
                plural(stats.assets),
                output_dir.display(),
                elapsed.as_millis(),
                stats.written,
                stats.unchanged,
                findings,
                plural(findings),
            );
            Exit::Ok
        }
    }
}
