//! `throughline import`: spreadsheets in, content files out.

use std::path::Path;

use super::harness::{Site, run_in};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name).display().to_string()
}

fn import(site: &Site, args: &[&str]) -> super::harness::Run {
    import_kind(site, "projects", args)
}

fn import_kind(site: &Site, kind: &str, args: &[&str]) -> super::harness::Run {
    let root = site.path().display().to_string();
    let mut all = vec!["import", kind];
    all.extend_from_slice(args);
    all.extend(["--root", &root]);
    run_in(site.path(), &all, Some(site.path()))
}

fn check_errors(site: &Site) -> String {
    let run = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["errors"], 0, "{}", run.stdout);
    run.stdout
}

/// GMPP-shaped data with the usual mess: a byte-order mark, Windows line
/// ends, quoted commas and line breaks, money in £m with separators, a
/// range, UK and written-out dates, RAG variants, capitals, a duplicate
/// name, blank and bad cells, a row without a name.
#[test]
fn a_messy_spreadsheet_imports_and_every_problem_is_explained() {
    let site = Site::fixture("minimal");
    let run = import(&site, &[&fixture("gmpp.csv")]);
    assert_eq!(run.code, 1, "a skipped row is worth a non-zero exit: {}", run.stderr);
    for expected in [
        "Whole Life Cost (£m) → budget × 1000000",
        "row 4, column G (Whole Life Cost (£m)): the range `150 - 200` was taken as its midpoint",
        "row 6, column A (Project Name): row 5 has the same name; this one gets the id `border-crossing-2`",
        "row 7, column D (IPA Delivery Confidence Assessment): `Purple` is not a RAG rating",
        "row 7, column E (Start Date): `31/13/2021` is not a date",
        "row 8, column A (Project Name): the project has no name (row skipped)",
        "row 9, column G (Whole Life Cost (£m)): `tbc` is not a number",
        "imported 7 projects: 7 new, 0 updated, 0 unchanged, 0 left as they are; 5 new teams; 1 row skipped",
    ] {
        assert!(run.stderr.contains(expected), "missing `{expected}` in:\n{}", run.stderr);
    }
    let hospital = std::fs::read_to_string(
        site.path().join("content/projects/department-of-health-and-social-care/new-hospital-programme.md"),
    )
    .unwrap();
    assert!(hospital.contains("title = \"NEW HOSPITAL PROGRAMME\""), "capitals are kept unless asked");
    assert!(hospital.contains("budget = 20500500000"), "£m, with a thousands separator: {hospital}");
    assert!(hospital.contains("rag = \"amber-red\""), "Amber/Red is read to the five-point scale");
    assert!(hospital.contains("start = 2020-04-01\nend = 2030-03-31"));
    assert!(hospital.ends_with("\nForty new hospitals by 2030, in \"waves\".\n"), "the description is the body");
    let border = std::fs::read_to_string(site.path().join("content/projects/home-office/border-crossing.md")).unwrap();
    assert!(border.contains("Line one\nline two, with a comma"), "a quoted cell keeps its line break and comma");
    check_errors(&site);

    // The same data saved by Excel on Windows (Windows-1252) changes nothing.
    let again = import(&site, &[&fixture("gmpp-windows-1252.csv")]);
    assert!(again.stderr.contains("0 new, 0 updated, 7 unchanged"), "{}", again.stderr);
}

#[test]
fn a_reimport_changes_nothing_without_force_and_only_its_fields_with_it() {
    let site = Site::fixture("minimal");
    import(&site, &[&fixture("gmpp.csv")]);
    let path = site.path().join("content/projects/home-office/emergency-services-network.md");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("+++\n\nReplaces", "decision = \"reshape\"\n+++\n\nHand-written. Replaces");
    std::fs::write(&path, &edited).unwrap();
    let csv = std::fs::read_to_string(fixture("gmpp.csv")).unwrap().replace("£11,800", "£12,000");
    site.write("new.csv", csv);
    let new = site.path().join("new.csv").display().to_string();

    let dry = import(&site, &[&new, "--dry-run"]);
    assert!(
        dry.stdout.contains(
            "emergency-services-network.md would change (budget); --force updates it\n    budget: 11800000000 → 12000000000\n"
        ),
        "the dry run shows each value before and after: {}",
        dry.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "nothing is written");
    let refused = import(&site, &[&new]);
    assert_eq!(refused.code, 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "not without --force");

    let forced = import(&site, &[&new, "--force"]);
    assert!(
        forced.stdout.contains("updated content/projects/home-office/emergency-services-network.md"),
        "{}",
        forced.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited.replace("budget = 11800000000", "budget = 12000000000"),
        "only the budget changes: the hand-written field and body stay"
    );
}

/// The done-when of the import: 400 GMPP-shaped rows build with no errors,
/// and what the build exports is what was imported.
#[test]
fn four_hundred_rows_import_build_and_export_back() {
    let site = Site::fixture("minimal");
    let rags = ["Green", "Amber/Green", "AMBER", "Amber/Red", "red", "Exempt"];
    let departments = ["Home Office", "Ministry of Defence", "Department for Transport", "HM Revenue & Customs"];
    let mut csv = String::from(
        "Project Name,Department,IPA Delivery Confidence Assessment,Start Date,End Date,Whole Life Cost (£m),SRO\r\n",
    );
    for i in 0..400 {
        csv.push_str(&format!(
            "\"Programme {i}, phase {}\",{},{},{:02}/04/20{},2030-03-31,\"{},{:03}.5\",SRO {i}\r\n",
            i % 3,
            departments[i % 4],
            rags[i % 6],
            1 + i % 28,
            18 + i % 6,
            1 + i % 9,
            i
        ));
    }
    site.write("gmpp-400.csv", csv);
    let file = site.path().join("gmpp-400.csv").display().to_string();
    let run = import(&site, &[&file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("imported 400 projects: 400 new"), "{}", run.stderr);
    check_errors(&site);

    let export = site.run(&["export", "--format", "csv", "--table", "projects"]);
    let mut reader = csv::Reader::from_reader(export.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (title, budget, rag) = (column("title"), column("budget"), column("rag"));
    let rows: Vec<csv::StringRecord> =
        reader.records().map(Result::unwrap).filter(|r| r[title].starts_with("Programme ")).collect();
    assert_eq!(rows.len(), 400, "every imported row comes back");
    let row = rows.iter().find(|r| &r[title] == "Programme 10, phase 1").unwrap();
    assert_eq!(row[budget].parse::<f64>().unwrap(), 2_010.5e6, "£m 2,010.5 is 2,010,500,000");
    assert_eq!(&row[rag], "red", "row 10's RAG is `red`");
}

fn says(output: &str, expected: &[&str]) {
    for line in expected {
        assert!(output.contains(line), "missing `{line}` in:\n{output}");
    }
}

/// A quarter's OKRs kept in spreadsheets: the objectives, then their key
/// results, then the check-ins, each imported in turn, with every problem
/// row explained, into a site that checks with no errors and builds.
#[test]
fn an_okr_cycle_imports_objectives_key_results_and_checkins() {
    let site = Site::fixture("minimal");
    let read = |path: &str| std::fs::read_to_string(site.path().join(path)).unwrap();

    let objectives = import_kind(&site, "objectives", &[&fixture("objectives.csv")]);
    assert_eq!(objectives.code, 1, "a row without a name is skipped: {}", objectives.stderr);
    says(
        &objectives.stderr,
        &[
            "row 3 holds the column names; the rows above it are not imported",
            "row 5, column B (Strategic Priority): an objective under a parent takes the parent's priority",
            "row 7, column B (Strategic Priority): no priority has the id or title `Morale`",
            "row 7, column D (Quarter): `next year` is not a period",
            "row 8, column A (Objective): the objective has no name (row skipped)",
            "imported 4 objectives: 4 new, 0 updated, 0 unchanged, 0 left as they are; 1 new team; 1 row skipped",
        ],
    );
    let find = read("content/objectives/find-leaks-faster.md");
    assert!(find.contains("priority = \"leaks\"\nperiod = \"2026-Q4\"\nteam = \"network\""), "{find}");
    assert!(read("content/objectives/fix-the-worst-mains.md").contains("parent = \"find-leaks-faster\""));
    assert!(read("content/objectives/grow-apprentices-not-agency-staff.md").contains("perspective = \"learning\""));
    assert!(read("content/teams/mains-crew.toml").contains("title = \"Mains Crew\""));

    let key_results = import_kind(&site, "key-results", &[&fixture("key-results.csv")]);
    says(
        &format!("{}{}", key_results.stderr, key_results.stdout),
        &[
            "row 7, column A (Objective): no objective has the id or title `Moonshot`",
            "imported 5 key results: 4 added or changed in 3 files, 0 unchanged, 1 left as it is; 1 row skipped",
            "content/objectives/cut-leakage.md would change (target, current, confidence); --force updates it\n    [[key_results]] leakage: target: 15 → 14\n",
        ],
    );
    let find = read("content/objectives/find-leaks-faster.md");
    assert!(
        find.contains("[[key_results]]\nid = \"mean-days-to-find-a-leak\"\ntitle = \"Mean days to find a leak\"\nstart = 12\ntarget = 4\ncurrent = 9\nunit = \"days\"\ndirection = \"decrease\"\nconfidence = 0.7\n"),
        "{find}"
    );
    assert!(find.contains("target = 1200"), "a thousands separator in a target");
    let forced = import_kind(&site, "key-results", &[&fixture("key-results.csv"), "--force"]);
    assert!(forced.stderr.contains("1 added or changed in 1 file, 4 unchanged"), "{}", forced.stderr);
    let leakage = read("content/objectives/cut-leakage.md");
    assert!(
        leakage.contains("id = \"leakage\"\ntitle = \"Leakage\"\nstart = 20\ntarget = 14\ncurrent = 17"),
        "{leakage}"
    );
    assert!(leakage.ends_with("+++\nFind and fix the biggest leaks first.\n"), "the body stays: {leakage}");

    let checkins = import_kind(&site, "checkins", &[&fixture("checkins.csv")]);
    says(
        &checkins.stderr,
        &[
            "row 10, column A (Date): `soon` is not a date",
            "row 9, column C (Key Result): `fix-the-worst-mains` has no key result `Kilometres of pipe` (it has: worst-mains-replaced)",
            "imported 6 check-in updates: 6 added or changed in 2 files, 0 unchanged, 0 left as they are; 1 row skipped",
        ],
    );
    let first = read("content/checkins/2026-11-13.toml");
    assert!(first.starts_with("date = 2026-11-13\nauthor = \"PMO\"\n"), "{first}");
    assert!(
        first.contains(
            "[[projects]]\nid = \"smart-meters\"\nrag = \"amber-red\"\nnote = \"Supplier slipped a month\"\n"
        ),
        "{first}"
    );
    assert!(first.contains(
        "objective = \"find-leaks-faster\"\nid = \"acoustic-loggers-deployed\"\nvalue = 420\nconfidence = 0.8\n"
    ));
    check_errors(&site);
    let build = site.run(&["build", "--no-pdf"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = read("output/objectives/find-leaks-faster.html");
    assert!(page.contains("Mean days to find a leak"), "the imported key result is on the objective's page");
}

/// Every project file under `content/projects/`, by path, with its text.
fn project_files(site: &Site) -> Vec<(String, String)> {
    let root = site.path().join("content/projects");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// An Excel and an OpenDocument workbook, with real date and number cells,
/// a notes sheet first and a title above the header, import exactly as
/// their CSV twin does; `--sheet` picks the sheet and a wrong name lists
/// the sheets there are.
#[test]
fn xlsx_and_ods_workbooks_import_like_their_csv_twin() {
    let twin = Site::empty();
    let csv = import(&twin, &[&fixture("portfolio.csv")]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let expected = project_files(&twin);
    assert_eq!(expected.len(), 3, "{expected:?}");
    let records = expected.iter().find(|(p, _)| p.ends_with("patient-records-upgrade.md")).unwrap();
    assert!(records.1.contains("budget = 1250000") && records.1.contains("start = 2026-04-01"), "{}", records.1);
    assert!(records.1.contains("rag = \"amber-green\""), "{}", records.1);
    for book in ["portfolio.xlsx", "portfolio.ods"] {
        let site = Site::empty();
        let run = import(&site, &[&fixture(book), "--sheet", "portfolio"]);
        assert_eq!(run.code, 0, "{book}: {}", run.stderr);
        assert_eq!(project_files(&site), expected, "{book} imports as the CSV does");
        assert!(run.stderr.contains("row 3 holds the column names"), "{book}: {}", run.stderr);

        let first = import(&Site::empty(), &[&fixture(book)]);
        assert_ne!(first.code, 0, "the first sheet holds only notes");
        let wrong = import(&Site::empty(), &[&fixture(book), "--sheet", "Projects"]);
        assert_ne!(wrong.code, 0);
        assert!(wrong.stderr.contains("no sheet `Projects`; its sheets are `Notes`, `Portfolio`"), "{}", wrong.stderr);
    }
    let csv_sheet = import(&Site::empty(), &[&fixture("portfolio.csv"), "--sheet", "Portfolio"]);
    assert_ne!(csv_sheet.code, 0);
    assert!(csv_sheet.stderr.contains("leave out `--sheet`"), "{}", csv_sheet.stderr);
}

/// A panel (the same projects over three reporting years, some rows
/// without an id, rows in any order) gives one file per project with the
/// latest year's values, and a check-in per year with each project's
/// status and figures as that year reported them; the rows it cannot
/// place are reported.
#[test]
fn a_panel_gives_one_project_with_its_history_per_id() {
    let site = Site::fixture("minimal");
    let run = import(&site, &[&fixture("panel.csv")]);
    assert_eq!(run.code, 1, "rows without an id are problems: {}", run.stderr);
    for row in [7, 9] {
        assert!(
            run.stderr.contains(&format!("row {row}")) && run.stderr.contains("has no id, so it cannot be placed"),
            "row {row}: {}",
            run.stderr
        );
    }
    let payments = std::fs::read_to_string(site.path().join("content/projects/treasury/hmt-01.md")).unwrap();
    assert!(payments.contains("rag = \"amber-green\"") && payments.contains("budget = 1600000"), "{payments}");
    let border = std::fs::read_to_string(site.path().join("content/projects/home-office/ho-07.md")).unwrap();
    assert!(border.contains("rag = \"red\"") && border.contains("budget = 3100000"), "the latest year wins: {border}");
    assert!(!site.path().join("content/projects/home-office/unplaced-scheme.md").exists());
    assert!(
        run.stderr.contains("imported 2 projects: 2 new,") && run.stderr.contains("3 check-ins of history"),
        "{}",
        run.stderr
    );
    let again = import(&site, &[&fixture("panel.csv")]);
    assert!(again.stderr.contains("imported 2 projects: 0 new, 0 updated, 2 unchanged"), "{}", again.stderr);
    for (day, payments_rag, border_rag) in
        [("2023-03-31", "amber", "green"), ("2024-03-31", "amber-red", "amber"), ("2025-03-31", "amber-green", "red")]
    {
        let checkin = std::fs::read_to_string(site.path().join(format!("content/checkins/{day}.toml"))).unwrap();
        let entry = |id: &str| {
            checkin.split("[[projects]]").find(|e| e.contains(&format!("id = \"{id}\""))).unwrap().to_string()
        };
        assert!(entry("hmt-01").contains(&format!("rag = \"{payments_rag}\"")), "{day}: {checkin}");
        assert!(entry("ho-07").contains(&format!("rag = \"{border_rag}\"")), "{day}: {checkin}");
    }
    let earlier = std::fs::read_to_string(site.path().join("content/checkins/2024-03-31.toml")).unwrap();
    assert!(earlier.contains("As reported for 2023-24: budget 1500000"), "{earlier}");
    check_errors(&site);
    let history = site.run(&["build", "--no-pdf"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    let page = std::fs::read_to_string(site.path().join("output/projects/hmt-01.html")).unwrap();
    assert!(page.contains("As reported for 2022-23"), "the project's page shows its history");
}
