//! `throughline import projects`: spreadsheets in, content files out.

use std::path::Path;

use super::harness::{Site, run_in};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name).display().to_string()
}

fn import(site: &Site, args: &[&str]) -> super::harness::Run {
    let root = site.path().display().to_string();
    let mut all = vec!["import", "projects"];
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
    assert!(hospital.contains("rag = \"amber\""), "Amber/Red is amber");
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
        dry.stdout.contains("emergency-services-network.md would change (budget); --force updates it"),
        "{}",
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
