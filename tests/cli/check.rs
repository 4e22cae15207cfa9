//! `throughline check`: diagnostics for every kind of broken input, as a
//! user sees them (terminal) and as CI reads them (JSON).

use super::harness::{AS_OF, Site, run_in};

/// Snapshots the terminal and JSON output of `check` on a broken case and
/// asserts it fails with exit code 1.
fn assert_broken(site: &Site, case: &str) {
    let human = site.run(&["check"]);
    assert_eq!(human.code, 1, "check must fail on {case}:\n{}", human.stderr);
    insta::assert_snapshot!(format!("{case}-human"), human.stderr);
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.code, 1);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("check --format json prints JSON");
    assert!(value["summary"]["errors"].as_u64().unwrap() >= 1);
    for d in value["diagnostics"].as_array().unwrap() {
        if d["severity"] == "error" && d["file"].is_string() {
            assert!(d["line"].as_u64().unwrap() >= 1, "errors in files carry a line: {d}");
            assert!(d["column"].as_u64().unwrap() >= 1, "errors in files carry a column: {d}");
        }
    }
    insta::assert_json_snapshot!(format!("{case}-json"), value);
}

macro_rules! broken {
    ($($name:ident => $case:literal,)*) => {$(
        #[test]
        fn $name() {
            assert_broken(&Site::broken($case), $case);
        }
    )*};
}

broken! {
    unknown_reference_suggests_the_closest_id => "unknown-reference",
    unknown_key_is_reported_at_the_key_with_a_suggestion => "unknown-key",
    duplicate_id_points_at_both_files => "duplicate-id",
    enum_value_outside_the_allowed_set_lists_them => "invalid-enum",
    malformed_date_says_how_to_write_one => "malformed-date",
    numbers_out_of_range => "out-of-range",
    malformed_toml => "toml-syntax",
    missing_front_matter_fence => "missing-fence",
    unclosed_front_matter_fence => "unclosed-fence",
    wrong_type_of_value => "type-error",
    all_problems_in_all_files_are_reported_together => "many-errors",
    review_decisions_and_actions_are_checked => "review-follow-up",
    objective_close_is_checked => "objective-close",
    milestones_are_checked => "milestones",
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_position() {
    let site = Site::fixture("minimal");
    site.write("content/projects/office-plants.md", b"+++\ntitle = \"Caf\xe9 plants\"\n+++\n");
    assert_broken(&site, "not-utf8");
}

#[test]
fn a_missing_content_folder_says_how_to_start() {
    let site = Site::empty();
    assert_broken(&site, "missing-content");
}

#[test]
fn an_empty_content_folder_asks_for_organisation_toml() {
    let site = Site::empty();
    site.write("content/.keep", "");
    assert_broken(&site, "empty-content");
}

#[test]
fn a_sound_site_passes_with_its_findings_as_warnings() {
    let site = Site::fixture("minimal");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[unaligned-project]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/projects/office-plants.md:2:9"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "check passed; content: no problems; findings: 7 warnings, 1 note (by gap: translation 1, visibility 4, focus 1, governance 2)\n"
        ),
        "{}",
        run.stderr
    );
    // In reading order, each with its rank and owner.
    let first = run.stderr.find("= rank 1 · ").expect("the first finding is ranked 1");
    let second = run.stderr.find("= rank 2 · ").expect("the second finding is ranked 2");
    assert!(first < second, "{}", run.stderr);
    assert!(run.stderr.contains("owner: "), "{}", run.stderr);
}

#[test]
fn a_waived_finding_is_shown_with_its_reason_and_does_not_count() {
    let site = Site::fixture("minimal");
    site.write(
        "content/projects/office-plants.md",
        "+++\ntitle = \"Office plants\"\n\n[hypothesis]\npurpose = \"Nicer offices\"\nbeneficiaries = \"Staff\"\noutcomes = \"Happier staff\"\nconstraints = \"None\"\nrisks = \"None\"\ndependencies = \"None\"\ndefinition_of_done = \"Plants in\"\n\n[[waivers]]\nrule = \"unaligned-project\"\nreason = \"Facilities upkeep, agreed by the board\"\n+++\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("note[unaligned-project]"), "{}", run.stderr);
    assert!(run.stderr.contains("waived: Facilities upkeep, agreed by the board"), "{}", run.stderr);
    assert!(run.stderr.contains("), 1 waived\n"), "{}", run.stderr);
    let json = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let waived = value["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "unaligned-project").unwrap();
    assert_eq!(waived["severity"], "info");
    assert_eq!(waived["gap"], "visibility");
}

#[test]
fn a_waiver_without_a_reason_or_for_an_unknown_rule_is_an_error() {
    let site = Site::fixture("minimal");
    site.write(
        "content/projects/office-plants.md",
        "+++\ntitle = \"Office plants\"\n[[waivers]]\nrule = \"unaligned-projects\"\nreason = \"r\"\n[[waivers]]\nrule = \"unaligned-project\"\n+++\n",
    );
    assert_broken(&site, "bad-waivers");
}

#[test]
fn deny_warnings_turns_findings_into_a_failure() {
    let site = Site::fixture("minimal");
    assert_eq!(site.run(&["check", "--deny", "warnings"]).code, 1);
}

#[test]
fn the_example_content_has_no_errors() {
    let site = Site::empty();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = super::harness::run_in(
        example,
        &["check", "--root", example.to_str().unwrap(), "--as-of", super::harness::AS_OF, "--format", "json"],
        None,
    );
    drop(site);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["summary"]["errors"], 0, "{}", run.stdout);
    assert_eq!(run.code, 0);
}

/// The JSON contract of findings (docs/data.md): every finding names its
/// rule, gap, subject, owner, what is at stake and its rank, the findings
/// come in rank order after the content's own diagnostics, and their board
/// text names no keys.
#[test]
fn the_example_findings_follow_the_json_contract_in_rank_order() {
    let site = Site::example();
    let run = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings: Vec<&serde_json::Value> =
        report["diagnostics"].as_array().unwrap().iter().filter(|d| d.get("rank").is_some()).collect();
    assert!(findings.len() > 10, "{}", run.stdout);
    for (i, f) in findings.iter().enumerate() {
        assert_eq!(f["rank"], i + 1, "{f}");
        assert_eq!(f["rule"], f["code"], "{f}");
        assert!(f["gap"].is_string(), "{f}");
        let kind = f["subject"]["kind"].as_str().unwrap();
        assert!(["organisation", "project", "objective", "priority", "team", "review"].contains(&kind), "{f}");
        assert_eq!(f["subject"]["id"].is_null(), kind == "organisation", "{f}");
        let role = f["owner"]["role"].as_str().unwrap();
        assert!(
            [
                "project-owner",
                "sponsor",
                "objective-owner",
                "priority-owner",
                "team-lead",
                "chair",
                "action-owner",
                "pmo"
            ]
            .contains(&role),
            "{f}"
        );
        assert_eq!(f["owner"]["name"].is_null(), role == "pmo", "{f}");
        for key in ["money", "fte"] {
            let v = &f["at_stake"][key];
            assert!(v.is_null() || v.as_f64().is_some_and(|n| n >= 0.0), "{f}");
        }
        let message = f["message"].as_str().unwrap();
        assert!(!message.contains('`'), "board text names no keys: {message}");
    }
    // Open findings before waived ones; within a severity, more money at
    // stake comes first.
    let waived = |f: &serde_json::Value| {
        f["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().starts_with("waived:"))
    };
    let first_waived = findings.iter().position(|f| waived(f)).expect("the example waives a finding");
    assert!(findings[first_waived..].iter().all(|f| waived(f)), "waived findings come last");
    let money = |f: &serde_json::Value| f["at_stake"]["money"].as_f64().unwrap_or(-1.0);
    for pair in findings.windows(2) {
        if pair[0]["severity"] == pair[1]["severity"] && waived(pair[0]) == waived(pair[1]) {
            assert!(money(pair[0]) >= money(pair[1]), "{} then {}", pair[0], pair[1]);
        }
    }
    // Stable across runs.
    assert_eq!(site.run(&["check", "--format", "json"]).stdout, run.stdout);
}

/// A generated portfolio's weekly check-ins cover few of its projects: the
/// board reads one finding about the practice, listing every silent
/// project, and each silent project's page still shows its own part.
#[test]
fn check_ins_that_cover_few_projects_are_one_finding_about_the_practice() {
    let (site, output) = Site::generated(200);
    let root = site.path().join("site");
    let run = run_in(&root, &["check", "--root", root.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"], None);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stale: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stale-checkin" && d["subject"]["kind"] == "project")
        .collect();
    assert!(stale.is_empty(), "no finding per silent project: {stale:?}");
    let practice = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["code"] == "stale-checkin"
                && d["subject"]["kind"] == "organisation"
                && d["message"].as_str().unwrap().contains("active projects")
        })
        .expect("one finding about the practice of reporting on projects");
    let subjects = practice["subjects"].as_array().unwrap();
    assert!(subjects.len() > 50, "{practice}");
    assert_eq!(practice["owner"]["role"], "pmo");
    let message = practice["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("{} of ", subjects.len())), "{message}");
    assert!(message.contains("active projects have not reported"), "{message}");
    // Its key results go unreported in most objectives too: one finding.
    let objectives = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stale-checkin")
        .filter(|d| d["message"].as_str().unwrap().contains("current objectives have key results nobody has reported"))
        .collect::<Vec<_>>();
    assert_eq!(objectives.len(), 1);
    assert!(objectives[0]["subjects"].as_array().unwrap().iter().all(|s| s["kind"] == "objective"));
    let first = subjects[0]["id"].as_str().unwrap();
    let page = std::fs::read_to_string(output.join(format!("projects/{first}.html"))).unwrap();
    assert!(page.contains("has not reported its status") || page.contains("last reported its status"), "{first}");
}

/// The compact mode prints one line per problem, place first, with the
/// finding's rank, subject, owner and what is at stake; the filters keep
/// only the findings asked for, and never hide problems in the content.
#[test]
fn compact_mode_and_filters() {
    let site = Site::example();
    let run = site.run(&["check", "--format", "compact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() > 10);
    let first = lines[0];
    assert!(first.starts_with("content/"), "{first}");
    assert!(first.contains(": warning[") && first.contains(" #1 [") && first.contains("(owner: "), "{first}");
    assert!(lines.iter().any(|l| l.contains("; at stake: £")), "{}", run.stdout);
    let ranks: Vec<usize> =
        lines.iter().filter_map(|l| l.split(" #").nth(1)?.split(' ').next()?.parse().ok()).collect();
    assert_eq!(ranks, (1..=lines.len()).collect::<Vec<_>>(), "in rank order");

    let focus = site.run(&["check", "--format", "compact", "--gap", "focus"]);
    assert!(!focus.stdout.is_empty());
    for rule in focus.stdout.lines().map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap()) {
        assert!(
            [
                "too-many-priorities",
                "team-objective-overload",
                "too-many-key-results",
                "objective-without-owner",
                "conflicting-goals"
            ]
            .contains(&rule),
            "{rule}"
        );
    }
    let one = site.run(&["check", "--format", "compact", "--rule", "watermelon", "--rule", "over-budget"]);
    assert!(one.stdout.lines().all(|l| l.contains("[watermelon]") || l.contains("[over-budget]")), "{}", one.stdout);
    assert!(one.stdout.contains("[watermelon]") && one.stdout.contains("[over-budget]"));
    let severe = site.run(&["check", "--format", "compact", "--min-severity", "warning"]);
    assert!(severe.stdout.lines().all(|l| l.contains(": warning[") || l.contains(": error[")), "{}", severe.stdout);
    assert!(severe.stdout.lines().count() < lines.len(), "the notes are left out");

    let misspelt = site.run(&["check", "--rule", "stale-chekin"]);
    assert_eq!(misspelt.code, 2);
    assert!(misspelt.stderr.contains("stale-checkin"), "suggests the rule: {}", misspelt.stderr);

    // A problem in the content is shown whatever the filters.
    site.write("content/projects/broken.md", "+++\ntitle = \"Broken\"\nstatus = \"finished\"\n+++\n");
    let broken = site.run(&["check", "--format", "compact", "--rule", "watermelon"]);
    assert_eq!(broken.code, 1);
    assert!(broken.stdout.starts_with("content/projects/broken.md:3:"), "{}", broken.stdout);
    assert!(broken.stderr.contains("check failed; content: 1 error"), "{}", broken.stderr);
}
