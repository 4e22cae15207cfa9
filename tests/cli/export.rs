//! `throughline export`: the site's data files, without the site.

use super::harness::Site;

#[test]
fn export_prints_the_json_document_and_single_tables() {
    let site = Site::fixture("minimal");
    let run = site.run(&["export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["as_of"], super::harness::AS_OF);
    assert_eq!(json["projects"].as_array().unwrap().len(), 2);
    assert!(!site.path().join("output").exists(), "the site is not built");

    let table = site.run(&["export", "--table", "portfolio"]);
    let rows: serde_json::Value = serde_json::from_str(&table.stdout).unwrap();
    assert_eq!(rows, json["portfolio"], "one table is the document's array");

    let csv = site.run(&["export", "--format", "csv", "--table", "key-results"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert!(csv.stdout.starts_with("objective,id,title,start,target,current,"), "{}", csv.stdout);
    assert_eq!(csv.stdout.lines().count(), 1 + json["key_results"].as_array().unwrap().len());
}

#[test]
fn export_writes_the_same_files_as_the_build() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["build", "--no-pdf"]).code, 0);
    let run = site.run(&["export", "--format", "csv", "--output", "reports"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names = [
        "projects",
        "programmes",
        "objectives",
        "key-results",
        "findings",
        "portfolio",
        "decisions",
        "actions",
        "review-changes",
    ];
    assert_eq!(run.stdout.lines().count(), names.len(), "{}", run.stdout);
    for name in names {
        let exported = std::fs::read(site.path().join(format!("reports/{name}.csv"))).unwrap();
        let built = std::fs::read(site.path().join(format!("output/data/{name}.csv"))).unwrap();
        assert_eq!(exported, built, "{name}.csv");
    }
    let json = site.run(&["export", "-o", "reports"]);
    assert_eq!(json.code, 0);
    assert_eq!(
        std::fs::read(site.path().join("reports/analysis.json")).unwrap(),
        std::fs::read(site.path().join("output/data/analysis.json")).unwrap()
    );
}

#[test]
fn export_refuses_what_it_cannot_do_and_writes_nothing_for_broken_content() {
    let site = Site::fixture("minimal");
    let csv = site.run(&["export", "--format", "csv"]);
    assert_eq!(csv.code, 2);
    assert!(csv.stderr.contains("name one with --table"), "{}", csv.stderr);

    let inside = site.run(&["export", "--output", "content/data"]);
    assert_eq!(inside.code, 2);
    assert!(inside.stderr.contains("inside the site's content"), "{}", inside.stderr);
    assert!(!site.path().join("content/data").exists());

    let project = std::fs::read_to_string(site.path().join("content/projects/smart-meters.md")).unwrap();
    site.write("content/projects/smart-meters.md", project.replace("status = \"active\"", "status = \"actve\""));
    let broken = site.run(&["export", "--output", "reports"]);
    assert_eq!(broken.code, 1);
    assert!(broken.stderr.contains("smart-meters.md:"), "the diagnostics name the file: {}", broken.stderr);
    assert!(!site.path().join("reports").exists(), "nothing is written");
}
