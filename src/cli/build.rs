//! `throughline build`

use std::time::Instant;

use clap::Args;

use super::{Exit, OutputArgs, SiteArgs, output};

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Also print how long each stage took (check, render, write).
    #[arg(long)]
    timings: bool,
}

/// Runs `build`.
pub fn run(args: BuildArgs, color: bool) -> Exit {
    let started = Instant::now();
    let options = args.out.options(&args.site, &args.site.root);
    let output_dir = options.output.clone();
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
            if args.timings {
                println!("timings: {}", stats.timings);
            }
            Exit::Ok
        }
    }
}
