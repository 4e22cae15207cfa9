//! `throughline import`

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use throughline::import::Kind;
use throughline::import::{Existing, Input, Known, Mapping, Options, Site, plan, workbook};
use throughline::load::Kind as FileKind;

use super::{Exit, output};

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    what: What,
}

/// What to import.
#[derive(Debug, Subcommand)]
enum What {
    /// Projects, one per row (and the teams they name).
    Projects(SheetArgs),
    /// Objectives, one per row (and the teams they name).
    Objectives(SheetArgs),
    /// Key results, one per row, into their objectives' files.
    KeyResults(SheetArgs),
    /// Check-in updates, one per row: a key result's value or a project's
    /// RAG; one check-in file per date.
    Checkins(SheetArgs),
}

/// Arguments of every `import`.
#[derive(Debug, Args)]
struct SheetArgs {
    /// The spreadsheet: CSV (UTF-8 or Windows-1252, as Excel saves it), or
    /// a workbook (.xlsx, .xlsm, .xlsb, .xls or .ods).
    file: PathBuf,
    /// The workbook's sheet to import (by name; default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The site root: the folder holding content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Map a column: "Header=field", "Header=field*1000000" (numbers are
    /// multiplied), or "Header=" to skip it. Repeatable.
    #[arg(long, value_name = "HEADER=FIELD")]
    map: Vec<Mapping>,
    /// A file of mappings, one "Header=field" per line, for repeated imports.
    #[arg(long, value_name = "FILE")]
    map_file: Option<PathBuf>,
    /// Turn titles written in capitals into title case.
    #[arg(long)]
    title_case: bool,
    /// Show what would be created and changed; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Also replace values that files have (only the imported fields;
    /// never the body). Without it, only new keys and entries are added.
    #[arg(long)]
    force: bool,
}

/// Runs `import`.
pub fn run(args: ImportArgs) -> Exit {
    match args.what {
        What::Projects(args) => import(Kind::Projects, args),
        What::Objectives(args) => import(Kind::Objectives, args),
        What::KeyResults(args) => import(Kind::KeyResults, args),
        What::Checkins(args) => import(Kind::Checkins, args),
    }
}

fn import(kind: Kind, args: SheetArgs) -> Exit {
    let mut mappings = Vec::new();
    if let Some(path) = &args.map_file {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot read `{}`: {error}", path.display());
                return Exit::Failure;
            }
        };
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.parse::<Mapping>() {
                Ok(m) => mappings.push(m),
                Err(message) => {
                    eprintln!("error: {}:{}: {message}", path.display(), n + 1);
                    return Exit::Failure;
                }
            }
        }
    }
    mappings.extend(args.map.iter().cloned());
    let mut bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot read `{}`: {error}", args.file.display());
            return Exit::Failure;
        }
    };
    let is_workbook = args
        .file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| workbook::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    let input = if is_workbook {
        match workbook::read(std::mem::take(&mut bytes), args.sheet.as_deref()) {
            Ok(rows) => Input::Rows(rows),
            Err(error) => {
                eprintln!("error: {}: {error}", args.file.display());
                return Exit::Failure;
            }
        }
    } else {
        if args.sheet.is_some() {
            eprintln!(
                "error: `--sheet` picks a sheet of a workbook, and `{}` is read as CSV, which has one; leave out `--sheet`, or import the workbook (.xlsx, .xlsm, .xlsb, .xls or .ods)",
                args.file.display()
            );
            return Exit::Failure;
        }
        Input::Csv(&bytes)
    };
    let site = existing_site(&args.root);
    let options = Options { mappings, title_case: args.title_case, today: Some(chrono::Local::now().date_naive()) };
    let plan = match plan(kind, input, &options, &site) {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("error: {}: {error}", args.file.display());
            return Exit::Failure;
        }
    };
    let file = args.file.display();
    eprintln!("columns of {file}:");
    for column in &plan.columns {
        eprintln!("  {column}");
    }
    for p in &plan.problems {
        let column = p
            .column
            .map(|c| {
                let header = plan.headers.get(c - 1).map(String::as_str).unwrap_or("");
                format!(", column {} ({header})", throughline::import::column_letter(c))
            })
            .unwrap_or_default();
        let skipped = if p.skipped { " (row skipped)" } else { "" };
        eprintln!("{file}: row {}{column}: {}{skipped}", p.row, p.message);
    }
    let (mut created, mut updated, mut refused) = (0, 0, Vec::new());
    let (mut files, mut in_the_way) = (0, 0);
    for change in &plan.changes {
        let path = args.root.join(&change.path);
        // Adding keys or entries to a file is safe; replacing its values
        // takes --force.
        let verb = match (&change.before, change.replaces && !args.force) {
            (None, _) => "create",
            (Some(_), false) => "update",
            (Some(_), true) => {
                refused.push(change);
                continue;
            }
        };
        if args.dry_run {
            output::print_stdout(&format!("would {verb} {} ({})", change.path, change.fields.join(", ")));
            print_lines(change);
        } else {
            match write(&path, &change.after, change.before.is_none()) {
                Ok(()) => output::print_stdout(&format!("{verb}d {}", change.path)),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A file the import did not recognise as the same project
                    // or team (another spelling of its name): never replaced,
                    // not even with --force.
                    eprintln!("{}: exists already and is left as it is; rename it or the row", change.path);
                    in_the_way += change.rows;
                    continue;
                }
                Err(error) => {
                    eprintln!("error: cannot write `{}`: {error}", path.display());
                    return Exit::Failure;
                }
            }
        }
        // A projects import also writes teams, programmes and, for a
        // sheet of periods, the check-ins of their history: counted apart.
        let extra = ["content/teams/", "content/programmes/", "content/checkins/"];
        let own = kind == Kind::Checkins || !extra.iter().any(|folder| change.path.starts_with(folder));
        match (&change.before, change.row) {
            (_, 0) => {}
            _ if !own => {}
            (Some(_), _) => updated += change.rows,
            (None, _) => created += change.rows,
        }
        files += usize::from(change.row > 0 && own);
    }
    for change in &refused {
        output::print_stdout(&format!(
            "{} would change ({}); --force updates it",
            change.path,
            change.fields.join(", ")
        ));
        print_lines(change);
    }
    let skipped_rows = plan.problems.iter().filter(|p| p.skipped).count();
    let skipped = skipped_rows;
    let made = |folder: &str| plan.changes.iter().filter(|c| c.before.is_none() && c.path.starts_with(folder)).count();
    let (teams, programmes) = (made("content/teams/"), made("content/programmes/"));
    let history = if kind == Kind::Projects {
        plan.changes.iter().filter(|c| c.path.starts_with("content/checkins/")).count()
    } else {
        0
    };
    let verb = if args.dry_run { "would import" } else { "imported" };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let rows =
        |changes: &mut dyn Iterator<Item = &&throughline::import::Change>| changes.map(|c| c.rows).sum::<usize>();
    let refused_rows = rows(&mut refused.iter()) + in_the_way;
    let left = format!("{refused_rows} left as {}", if refused_rows == 1 { "it is" } else { "they are" });
    let total = plural(created + updated + plan.unchanged + refused_rows, kind.noun());
    let (unchanged, skipped) = (plan.unchanged, plural(skipped, "row"));
    match kind {
        Kind::Projects | Kind::Objectives => {
            let mut made = vec![plural(teams, "new team")];
            if programmes > 0 {
                made.push(plural(programmes, "new programme"));
            }
            if history > 0 {
                made.push(format!("{} of history written or updated", plural(history, "check-in")));
            }
            eprintln!(
                "{verb} {total}: {created} new, {updated} updated, {unchanged} unchanged, {left}; {}; {skipped} skipped",
                made.join(", ")
            )
        }
        // Several rows go into one file: what counts is the rows.
        Kind::KeyResults | Kind::Checkins => eprintln!(
            "{verb} {total}: {} added or changed in {}, {unchanged} unchanged, {left}; {skipped} skipped",
            created + updated,
            plural(files, "file")
        ),
    }
    if !args.dry_run && created + updated > 0 {
        eprintln!("next: `throughline check` to see how the portfolio connects to strategy");
    }
    if skipped_rows > 0 || refused_rows > 0 { Exit::Content } else { Exit::Ok }
}

/// What changes in a file that exists, a line each, indented under it.
fn print_lines(change: &throughline::import::Change) {
    for line in &change.lines {
        output::print_stdout(&format!("    {line}"));
    }
}

/// Writes a file; a new one only if nothing is there yet.
fn write(path: &Path, text: &str, new: bool) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    if new {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        return file.write_all(text.as_bytes());
    }
    std::fs::write(path, text)
}

/// What the site holds, found the way the loader finds it (same folders,
/// same ids, editors' leftovers passed over).
fn existing_site(root: &Path) -> Site {
    let found = throughline::load::discover(root);
    let mut site = Site::default();
    for file in found.files {
        // A file that is not UTF-8 still counts: it is never replaced, and
        // updating it fails with a message.
        let bytes = std::fs::read(&file.absolute).unwrap_or_default();
        let not_utf8 = std::str::from_utf8(&bytes).is_err();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let table = || match throughline::load::frontmatter::split(&text) {
            Ok(split) => text[split.front_matter].parse::<toml::Table>().ok(),
            Err(_) => text.parse::<toml::Table>().ok(),
        };
        let title = || table().and_then(|t| Some(t.get("title")?.as_str()?.to_string()));
        let existing = |title: Option<String>| Existing {
            id: file.id.clone(),
            path: file.relative.to_string_lossy().replace('\\', "/"),
            text: text.clone(),
            title,
            not_utf8,
        };
        match file.kind {
            FileKind::Project => {
                site.projects.insert(file.id.to_lowercase(), existing(title()));
            }
            FileKind::Objective => {
                site.objectives.insert(file.id.to_lowercase(), existing(title()));
            }
            FileKind::Checkin => {
                site.checkins.insert(file.id.clone(), existing(None));
            }
            FileKind::Programme => {
                site.programmes.push(Known { title: title().unwrap_or_else(|| file.id.clone()), id: file.id })
            }
            FileKind::Team => site.teams.push(Known { title: title().unwrap_or_else(|| file.id.clone()), id: file.id }),
            FileKind::Priority => {
                site.priorities.push(Known { title: title().unwrap_or_else(|| file.id.clone()), id: file.id })
            }
            FileKind::Organisation => {
                let Some(table) = table() else { continue };
                // Teams may be declared as [[teams]] in organisation.toml.
                let named = |key: &str| {
                    let entries = table.get(key).and_then(|t| t.as_array()).cloned().unwrap_or_default();
                    entries.into_iter().filter_map(|entry| {
                        let id = entry.get("id")?.as_str()?.to_string();
                        let title = entry.get("title").and_then(|t| t.as_str()).unwrap_or(&id).to_string();
                        Some(Known { id, title })
                    })
                };
                site.teams.extend(named("teams"));
                site.periods.extend(named("periods").map(|p| p.id));
            }
            FileKind::Review => {}
        }
    }
    site
}
