//! The import's plans, kind by kind, on small sheets.

use std::collections::HashMap;

use super::*;

fn objective(id: &str, title: &str, key_results: &str) -> Existing {
    Existing {
        id: id.into(),
        path: format!("content/objectives/{id}.md"),
        text: format!("+++\ntitle = \"{title}\"\npriority = \"p\"\n{key_results}+++\n\nWhy it matters.\n"),
        title: Some(title.into()),
        not_utf8: false,
    }
}

fn projects(csv: &str) -> Plan {
    super::plan(Kind::Projects, super::Input::Csv(csv.as_bytes()), &Options::default(), &Site::default()).unwrap()
}

#[test]
fn headers_are_recognised_with_units() {
    let plan = projects(
        "Project Name,Department,SRO,Whole Life Cost (£m),IPA Delivery Confidence Assessment,Notes\nA,Dept of X,Jo,1.5,Amber,x\n",
    );
    assert_eq!(plan.columns[3], "Whole Life Cost (£m) → budget × 1000000");
    assert_eq!(plan.columns[5], "Notes → (not imported)");
    let file = &plan.changes[0];
    assert_eq!(file.path, "content/projects/dept-of-x/a.md");
    assert!(file.after.contains("budget = 1500000"), "{}", file.after);
    assert!(file.after.contains("sponsor = \"Jo\""));
    assert!(file.after.contains("rag = \"amber\""));
    assert_eq!(plan.changes[1].path, "content/teams/dept-of-x.toml", "the team is created");
}

#[test]
fn bad_cells_are_reported_and_the_rest_imported() {
    let plan = projects("Title,Start Date,Budget,RAG\nA,31/13/2026,12,Green\n,2026-01-01,1,Red\nA,2026-01-01,x,Blue\n");
    let messages: Vec<String> =
        plan.problems.iter().map(|p| format!("{}:{:?}:{}", p.row, p.column, p.message)).collect();
    assert!(messages[0].starts_with("2:Some(2):`31/13/2026` is not a date"), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("3:Some(1):the project has no name")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("row 2 has the same name; this one gets the id `a-2`")));
    assert!(messages.iter().any(|m| m.starts_with("4:Some(3):`x` is not a number")));
    assert!(messages.iter().any(|m| m.starts_with("4:Some(4):`Blue` is not a RAG")));
    assert_eq!(plan.changes.len(), 2, "rows 2 and 4 are imported");
}

#[test]
fn a_reimport_changes_only_its_fields_and_keeps_the_rest() {
    let text = "+++\r\ntitle = 'A'\r\n# kept comment\r\nbudget = 1_000 # approved\r\ndecision = \"stop\"\r\n+++\r\n\r\nHand-written body.\r\n";
    let existing =
        Existing { id: "a".into(), path: "content/projects/x/a.md".into(), text: text.into(), ..Existing::default() };
    let site = Site { projects: HashMap::from([("a".to_string(), existing)]), ..Site::default() };
    let same =
        super::plan(Kind::Projects, super::Input::Csv(b"Title,Budget\nA,1000\n"), &Options::default(), &site).unwrap();
    assert_eq!((same.changes.len(), same.unchanged), (0, 1), "the same values, however written");
    let changed =
        super::plan(Kind::Projects, super::Input::Csv(b"Title,Budget\nA,1200\n"), &Options::default(), &site).unwrap();
    let change = &changed.changes[0];
    assert_eq!(change.fields, ["budget"]);
    assert_eq!(change.after, text.replace("budget = 1_000 # approved", "budget = 1200 # approved"));
}

#[test]
fn teams_are_found_by_title_and_unknown_objectives_reported() {
    let site = Site {
        teams: vec![Known { id: "ho".into(), title: "Home Office".into() }],
        objectives: HashMap::from([("secure-borders".to_string(), objective("secure-borders", "Secure borders", ""))]),
        ..Site::default()
    };
    let csv =
        b"Title,Department,Objectives,Start,End\nA,HOME OFFICE,secure-borders; Faster visas,2026-01-01,2025-01-01\n";
    let plan = super::plan(Kind::Projects, super::Input::Csv(csv), &Options::default(), &site).unwrap();
    let file = &plan.changes[0].after;
    assert!(file.contains("team = \"ho\""), "{file}");
    assert!(file.contains("objectives = [\"secure-borders\"]"), "{file}");
    assert!(!file.contains("end ="), "an end before the start is left out");
    assert_eq!(plan.changes.len(), 1, "no team is created");
    let messages: Vec<&str> = plan.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.starts_with("no objective has the id or title `Faster visas`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("the end date is before the start date")), "{messages:?}");
}

#[test]
fn title_rows_above_the_header_are_passed_over() {
    let csv =
        "Government Major Projects Portfolio,,\nAnnual report 2024,,\n,,\nProject Name,Department,Budget\nA,X,1\n";
    let plan = projects(csv);
    assert_eq!(plan.columns[0], "Project Name → title");
    assert_eq!(plan.changes[0].row, 5, "rows are numbered as the spreadsheet shows them");
    assert_eq!(plan.problems[0].message, "row 4 holds the column names; the rows above it are not imported");
}

#[test]
fn explicit_mappings_win() {
    let mapping: Mapping = "Cost=budget*1000".parse().unwrap();
    let options = Options { mappings: vec![mapping, "Name=".parse().unwrap()], title_case: true, today: None };
    let plan = super::plan(
        Kind::Projects,
        super::Input::Csv(b"Name,Cost,Scheme\nx,2,BIG SCHEME\n"),
        &options,
        &Site::default(),
    );
    assert!(
        matches!(plan, Err(ImportError::NoKeyColumn { key: "title" })),
        "Name is ignored and nothing else names projects"
    );
    let options = Options {
        mappings: vec!["Scheme=title".parse().unwrap(), "Cost=budget*1000".parse().unwrap()],
        title_case: true,
        today: None,
    };
    let plan = super::plan(
        Kind::Projects,
        super::Input::Csv(b"Name,Cost,Scheme\nx,2,BIG SCHEME\n"),
        &options,
        &Site::default(),
    )
    .unwrap();
    assert!(plan.changes[0].after.contains("title = \"Big Scheme\""), "{}", plan.changes[0].after);
    assert!(plan.changes[0].after.contains("budget = 2000"));
    let typo = Options { mappings: vec!["Cost=budgte".parse().unwrap()], title_case: false, today: None };
    let error =
        super::plan(Kind::Projects, super::Input::Csv(b"Name,Cost\nx,2\n"), &typo, &Site::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("`budgte` is not a field here; did you mean `budget`? The fields are: title, id, owner"),
        "{error}"
    );
}

#[test]
fn rows_after_an_empty_line_keep_their_spreadsheet_numbers() {
    let plan = projects("Title,Budget\n\"A, with\na line break\",x\n\nB,y\n");
    let rows: Vec<usize> = plan.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 4], "row 3 is the empty line: {:?}", plan.problems);
}

fn site_with_objectives() -> Site {
    let key_results = "\n[[key_results]]\nid = \"backlog\" # the headline\ntitle = \"Backlog over 18 weeks\"\nstart = 4200\ntarget = 1500\n";
    Site {
        objectives: HashMap::from([(
            "clear-waits".to_string(),
            objective("clear-waits", "Clear long waits", key_results),
        )]),
        priorities: vec![Known { id: "access".into(), title: "Faster access".into() }],
        teams: vec![Known { id: "ops".into(), title: "Operations".into() }],
        projects: HashMap::from([(
            "saturday-clinics".to_string(),
            Existing { id: "saturday-clinics".into(), title: Some("Saturday clinics".into()), ..Existing::default() },
        )]),
        ..Site::default()
    }
}

#[test]
fn objectives_name_their_priority_parent_period_and_team() {
    let csv = "Objective,Strategic Priority,Parent Objective,Quarter,Team,Perspective\n\
               Cut waits,Faster access,,Q4 2026,Operations,Patients\n\
               Open evening clinics,Faster access,Cut waits,2026-Q4,New Clinics Team,\n\
               Fix everything,Moonshots,Itself,soon,,Vibes\n";
    let plan =
        super::plan(Kind::Objectives, super::Input::Csv(csv.as_bytes()), &Options::default(), &site_with_objectives())
            .unwrap();
    let cut = &plan.changes[0];
    assert_eq!(cut.path, "content/objectives/cut-waits.md");
    assert_eq!(
        cut.after,
        "+++\ntitle = \"Cut waits\"\npriority = \"access\"\nperiod = \"2026-Q4\"\nteam = \"ops\"\nperspective = \"customer\"\n+++\n"
    );
    let evening = &plan.changes[1].after;
    assert!(evening.contains("parent = \"cut-waits\"\n"), "a parent further up the sheet: {evening}");
    assert!(!evening.contains("priority"), "the parent's priority applies");
    assert!(evening.contains("team = \"new-clinics-team\""));
    assert_eq!(plan.changes.last().unwrap().path, "content/teams/new-clinics-team.toml");
    let messages: Vec<String> =
        plan.problems.iter().map(|p| format!("{}:{:?}: {}", p.row, p.column, p.message)).collect();
    for expected in [
        "3:Some(2): an objective under a parent takes the parent's priority; `priority` left out",
        "4:Some(2): no priority has the id or title `Moonshots`; priorities are not imported; `priority` left out",
        "4:Some(3): no objective has the id or title `Itself`; `parent` left out",
        "4:Some(4): `soon` is not a period; write 2026-Q4, 2026-H1 or 2026; `period` left out",
        "4:Some(6): `Vibes` is not a perspective; use financial, customer, internal, learning; `perspective` left out",
    ] {
        assert!(messages.iter().any(|m| m == expected), "missing `{expected}` in {messages:#?}");
    }
}

#[test]
fn a_reimported_objective_keeps_its_key_results_and_body() {
    let site = site_with_objectives();
    let csv = "Objective,Owner\nClear long waits,Dr Okafor\n";
    let plan = super::plan(Kind::Objectives, super::Input::Csv(csv.as_bytes()), &Options::default(), &site).unwrap();
    let change = &plan.changes[0];
    let before = &site.objectives["clear-waits"].text;
    assert_eq!(change.before.as_ref(), Some(before));
    assert_eq!(change.after, before.replace("priority = \"p\"\n", "priority = \"p\"\nowner = \"Dr Okafor\"\n"));
}

#[test]
fn key_results_go_into_their_objective_and_are_found_again() {
    let site = site_with_objectives();
    let csv = "Objective,Key Result,Baseline,Target,Current,Direction,Confidence\n\
               clear-waits,Backlog over 18 weeks,\"4,200\",\"1,500\",\"2,980\",Lower is better,70%\n\
               Clear long waits,Clinic utilisation,78%,90%,,,0.6\n\
               Clear long waits,Clinic utilisation,,,,,\n\
               Unknown objective,Something,1,2,,,\n\
               clear-waits,Theatre use,1,2,,sideways,\n";
    let plan = super::plan(Kind::KeyResults, super::Input::Csv(csv.as_bytes()), &Options::default(), &site).unwrap();
    assert_eq!(plan.changes.len(), 1, "one file: {:?}", plan.changes);
    let change = &plan.changes[0];
    assert_eq!(change.rows, 4);
    let after = &change.after;
    assert!(
        after.contains("id = \"backlog\" # the headline\ntitle = \"Backlog over 18 weeks\"\nstart = 4200\ntarget = 1500\ncurrent = 2980\ndirection = \"decrease\"\nconfidence = 0.7\n"),
        "found by its title and updated in place: {after}"
    );
    assert!(
        after.contains("[[key_results]]\nid = \"clinic-utilisation\"\ntitle = \"Clinic utilisation\"\nstart = 78\ntarget = 90\nunit = \"%\"\nconfidence = 0.6\n"),
        "{after}"
    );
    assert!(after.contains("id = \"clinic-utilisation-2\""), "a second row of the same name is another key result");
    assert!(after.ends_with("+++\n\nWhy it matters.\n"), "the body stays");
    let messages: Vec<String> = plan.problems.iter().map(|p| format!("{}: {}", p.row, p.message)).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("5: no objective has the id or title `Unknown objective`")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.starts_with("6: `sideways` is not a direction")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("4: row 3 has the same name")), "{messages:?}");
}

#[test]
fn checkin_rows_make_one_file_per_date() {
    let mut site = site_with_objectives();
    let existing = "date = 2026-10-02\n\n[[projects]]\nid = \"saturday-clinics\"\nrag = \"green\" # steady\n";
    site.checkins.insert(
        "2026-10-02".into(),
        Existing {
            id: "2026-10-02".into(),
            path: "content/checkins/2026-10-02.toml".into(),
            text: existing.into(),
            ..Existing::default()
        },
    );
    let csv = "Date,Objective,Key Result,Value,Confidence,Project,RAG,Comments,Reported by\n\
               02/10/2026,,,,,Saturday clinics,Amber/Red,Staffing gaps,PMO\n\
               2026-10-09,Clear long waits,backlog,\"2,750\",0.7,,,Ahead of plan,PMO\n\
               2026-10-09,,,,,saturday-clinics,Green,,PMO\n\
               2026-10-09,Clear long waits,Theatre use,10,,,,,\n\
               2026-10-09,,,,,,,Nothing named,\n\
               yesterday,,,,,saturday-clinics,red,,\n";
    let plan = super::plan(Kind::Checkins, super::Input::Csv(csv.as_bytes()), &Options::default(), &site).unwrap();
    let [updated, created] = plan.changes.as_slice() else { panic!("{:?}", plan.changes) };
    assert_eq!(updated.path, "content/checkins/2026-10-02.toml");
    assert_eq!(
        updated.after,
        "date = 2026-10-02\nauthor = \"PMO\"\n\n[[projects]]\nid = \"saturday-clinics\"\nrag = \"amber-red\" # steady\nnote = \"Staffing gaps\"\n"
    );
    assert_eq!(created.path, "content/checkins/2026-10-09.toml");
    assert_eq!(created.before, None);
    assert_eq!(
        created.after,
        "date = 2026-10-09\nauthor = \"PMO\"\n\n[[key_results]]\nobjective = \"clear-waits\"\nid = \"backlog\"\nvalue = 2750\nconfidence = 0.7\nnote = \"Ahead of plan\"\n\n[[projects]]\nid = \"saturday-clinics\"\nrag = \"green\"\n"
    );
    let messages: Vec<String> = plan.problems.iter().map(|p| format!("{}: {}", p.row, p.message)).collect();
    for expected in [
        "5: `clear-waits` has no key result `Theatre use` (it has: backlog); the update is left out",
        "6: the row names neither a key result (objective and key result) nor a project",
        "7: `yesterday` is not a date; write 2026-03-31 or 31/03/2026",
    ] {
        assert!(messages.iter().any(|m| m == expected), "missing `{expected}` in {messages:#?}");
    }
}

#[test]
fn a_cell_defused_against_formulas_on_export_is_read_as_written() {
    let plan = projects("Title,Owner\n'=SUM(A1) fund,'@team\n'Quoted,x\n");
    assert!(
        plan.changes[0].after.contains("title = \"=SUM(A1) fund\"\nowner = \"@team\""),
        "{}",
        plan.changes[0].after
    );
    assert!(plan.changes[1].after.contains("title = \"'Quoted\""), "a quote before anything else is kept");
}

#[test]
fn a_file_that_is_not_utf8_is_never_rewritten() {
    let lossy = "+++\ntitle = 'Caf\u{FFFD}'\nbudget = 1\n+++\n";
    let file = Existing {
        id: "cafe".into(),
        path: "content/projects/cafe.md".into(),
        text: lossy.into(),
        title: Some("Café".into()),
        not_utf8: true,
    };
    let site = Site { projects: HashMap::from([("cafe".to_string(), file)]), ..Site::default() };
    let plan =
        super::plan(Kind::Projects, super::Input::Csv("Title,Budget\nCafé,2\n".as_bytes()), &Options::default(), &site)
            .unwrap();
    assert!(plan.changes.is_empty(), "{:?}", plan.changes);
    assert!(
        plan.problems[0].message.starts_with("`content/projects/cafe.md` is not UTF-8 text, so it is left as it is")
    );
    assert!(plan.problems[0].skipped);
}

/// A sheet's own ids name the files, so a re-import finds a project
/// whatever its title has become; a programme column makes one programme
/// file per programme, found again by title or id in any case.
#[test]
fn an_id_column_names_the_files_and_a_programme_column_makes_programmes() {
    let plan = projects(
        "Project ID,Project Name,Programme\nP-001,Alpha,Digital Front Door\nP-002,Beta,digital front door\nP-001,Alpha again,\n",
    );
    let paths: Vec<&str> = plan.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        ["content/projects/p-001.md", "content/projects/p-002.md", "content/programmes/digital-front-door.md"]
    );
    assert!(plan.changes[0].after.contains("programme = \"digital-front-door\""), "{}", plan.changes[0].after);
    assert!(!plan.changes[0].after.contains("P-001"), "the id names the file, and is not written in it");
    assert_eq!(plan.changes[2].after, "+++\ntitle = \"Digital Front Door\"\n+++\n");
    let skipped: Vec<&Problem> = plan.problems.iter().filter(|p| p.skipped).collect();
    assert_eq!(skipped.len(), 1, "{:?}", plan.problems);
    assert_eq!(skipped[0].row, 4);
    assert!(skipped[0].message.contains("row 2 has the same id `p-001`"), "{}", skipped[0].message);

    let existing = Existing {
        id: "p-001".into(),
        path: "content/projects/p-001.md".into(),
        text: "+++\ntitle = \"Alpha\"\nbudget = 1\n+++\n".into(),
        title: Some("Alpha".into()),
        not_utf8: false,
    };
    let site = Site {
        projects: HashMap::from([("p-001".to_string(), existing)]),
        programmes: vec![Known { id: "dfd".into(), title: "Digital Front Door".into() }],
        ..Site::default()
    };
    let again = super::plan(
        Kind::Projects,
        super::Input::Csv(b"Reference,Title,Investment\nP-001,Alpha renamed,DIGITAL FRONT DOOR\n"),
        &Options { mappings: Vec::new(), title_case: false, today: None },
        &site,
    )
    .unwrap();
    assert_eq!(again.changes.len(), 1, "no new programme: {:?}", again.changes);
    assert_eq!(again.changes[0].path, "content/projects/p-001.md", "found by its id, not its new title");
    assert!(again.changes[0].after.contains("programme = \"dfd\""), "{}", again.changes[0].after);
}

/// Original budget and baseline end columns become the change that leads
/// from the first baseline to the current one, so the analysis sees the
/// re-baseline; importing the sheet again finds the same change.
#[test]
fn baseline_columns_become_a_change_to_the_current_baseline() {
    let csv = "Project Name,Start Date,End Date,Baseline End Date,Whole Life Cost (£m),Original Budget (£m)\n\
               Alpha,2025-04-01,2027-03-31,2026-09-30,1.5,1.2\nBeta,2025-04-01,2027-03-31,2027-03-31,1,1\n";
    let plan = projects(csv);
    let alpha = &plan.changes[0].after;
    assert!(alpha.contains("budget = 1500000") && !alpha.contains("original_budget"), "{alpha}");
    assert!(alpha.contains("[[changes]]\ndate = 2025-04-01\ntitle = \"Re-baselined before import\"\nbudget = 300000\nend = 2027-03-31\nprevious_end = 2026-09-30\n"), "{alpha}");
    assert!(!plan.changes[1].after.contains("[[changes]]"), "an unmoved baseline needs no change");

    let loaded = crate::load::load_texts(&[("content/projects/alpha.md", alpha)]);
    let mut diags = crate::diag::Diagnostics::new();
    let model = crate::model::build(&loaded, &mut diags);
    let baseline = model.projects[0].baseline();
    assert_eq!((baseline.original_budget, baseline.rebaselines), (Some(1_200_000.0), 1));
    assert_eq!(baseline.original_end.map(|d| d.to_string()).as_deref(), Some("2026-09-30"));

    let existing = Existing {
        id: "alpha".into(),
        path: "content/projects/alpha.md".into(),
        text: alpha.clone(),
        title: Some("Alpha".into()),
        not_utf8: false,
    };
    let site = Site { projects: HashMap::from([("alpha".to_string(), existing)]), ..Site::default() };
    let again = super::plan(
        Kind::Projects,
        super::Input::Csv(csv.lines().take(2).collect::<Vec<_>>().join("\n").as_bytes()),
        &Options::default(),
        &site,
    )
    .unwrap();
    assert_eq!((again.changes.len(), again.unchanged), (0, 1), "{:?}", again.changes);
}

/// A file whose own approved changes already explain part of the growth
/// gets an imported change for the rest only, so the original budget the
/// sheet gives is what the project's baseline leads back to.
#[test]
fn an_imported_baseline_counts_the_files_own_changes_once() {
    let text = "+++\ntitle = \"Alpha\"\nbudget = 1400000\n\n[[changes]]\ndate = 2025-06-01\ntitle = \"Scope widened\"\nbudget = 100000\nobjective = \"o\"\n+++\n";
    let existing = Existing {
        id: "alpha".into(),
        path: "content/projects/alpha.md".into(),
        text: text.into(),
        title: Some("Alpha".into()),
        not_utf8: false,
    };
    let site = Site { projects: HashMap::from([("alpha".to_string(), existing)]), ..Site::default() };
    let csv =
        b"Project Name,Start Date,Whole Life Cost (\xc2\xa3m),Original Budget (\xc2\xa3m)\nAlpha,2025-04-01,1.5,1.2\n";
    let options = Options { mappings: Vec::new(), title_case: false, today: None };
    let plan = super::plan(Kind::Projects, super::Input::Csv(csv), &options, &site).unwrap();
    let after = &plan.changes[0].after;
    assert!(after.contains("title = \"Re-baselined before import\"\nbudget = 200000\n"), "{after}");
    let loaded = crate::load::load_texts(&[("content/projects/alpha.md", after)]);
    let mut diags = crate::diag::Diagnostics::new();
    let model = crate::model::build(&loaded, &mut diags);
    assert_eq!(model.projects[0].baseline().original_budget, Some(1_200_000.0));
}
