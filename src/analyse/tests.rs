//! Analysis rules on small in-memory sites: each rule fires, and a near
//! miss does not.

use chrono::NaiveDate;

use super::*;
use crate::analyse::portfolio::Proposal;
use crate::diag::Diagnostics;
use crate::load::load_texts;
use crate::model::{Model, Rag, build};

const ORG: &str = "name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n";
const PRIORITY: &str = "+++\ntitle = \"Grow\"\nweight = 60\n+++\n";

fn model(files: &[(&str, &str)]) -> Model {
    // Files given replace the base files of the same path.
    let mut all: Vec<(&str, &str)> = [("content/organisation.toml", ORG), ("content/priorities/grow.md", PRIORITY)]
        .into_iter()
        .filter(|(path, _)| !files.iter().any(|(p, _)| p == path))
        .collect();
    all.extend_from_slice(files);
    let loaded = load_texts(&all);
    let mut diags = Diagnostics::new();
    diags.extend(loaded.diagnostics.clone());
    let model = build(&loaded, &mut diags);
    assert!(!diags.has_errors(), "{diags:#?}");
    model
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

fn rule_ids(a: &Analysis) -> Vec<&str> {
    a.findings.iter().map(|f| f.rule.id).collect()
}

const Q4_OBJECTIVE: &str = "+++\ntitle = \"More customers\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\n[[key_results]]\nid = \"n\"\ntitle = \"Customers\"\nstart = 0\ntarget = 100\ncurrent = 50\n+++\n";
const Q3_OBJECTIVE: &str = "+++\ntitle = \"Old\"\npriority = \"grow\"\nperiod = \"2026-Q3\"\n+++\n";

#[test]
fn a_project_with_no_objective_is_unaligned() {
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/projects/a.md", "+++\ntitle = \"A\"\nstatus = \"active\"\nbudget = 100\n+++\n"),
        (
            "content/projects/b.md",
            "+++\ntitle = \"B\"\nstatus = \"active\"\nbudget = 300\nobjectives = [\"more\"]\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    assert_eq!(a.unaligned, vec![Ix::new(0)]);
    assert_eq!(a.project(Ix::new(0)).misalignment, Some(Misalignment::NoObjectives));
    assert_eq!(a.coverage.budget_share(), Some(0.75));
    assert_eq!(rule_ids(&a).iter().filter(|r| **r == "unaligned-project").count(), 1);
}

#[test]
fn a_project_serving_only_past_objectives_is_unaligned_but_a_finished_one_is_not() {
    let m = model(&[
        ("content/objectives/old.md", Q3_OBJECTIVE),
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/projects/a.md", "+++\ntitle = \"A\"\nobjectives = [\"old\"]\n+++\n"),
        ("content/projects/b.md", "+++\ntitle = \"B\"\nstatus = \"done\"\n+++\n"),
        ("content/projects/c.md", "+++\ntitle = \"C\"\nobjectives = [\"old\", \"more\"]\n+++\n"),
    ]);
    let a = analyse(&m, as_of());
    assert_eq!(a.unaligned, vec![Ix::new(0)]);
    assert_eq!(a.project(Ix::new(0)).misalignment, Some(Misalignment::OnlyPastObjectives));
}

#[test]
fn an_objective_is_supported_through_its_cascade() {
    let child = "+++\ntitle = \"Team part\"\nparent = \"more\"\nperiod = \"2026-Q4\"\n+++\n";
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/objectives/team.md", child),
        ("content/projects/a.md", "+++\ntitle = \"A\"\nobjectives = [\"team\"]\n+++\n"),
    ]);
    let a = analyse(&m, as_of());
    assert!(a.unsupported.is_empty(), "{:?}", a.unsupported);
    // The child inherits the parent's priority.
    assert_eq!(a.objective(Ix::new(1)).priority, Some(Ix::new(0)));
}

#[test]
fn a_current_objective_without_work_is_unsupported_but_a_past_one_is_not() {
    let m = model(&[("content/objectives/more.md", Q4_OBJECTIVE), ("content/objectives/old.md", Q3_OBJECTIVE)]);
    let a = analyse(&m, as_of());
    let unsupported: Vec<&str> = a.unsupported.iter().map(|o| m.objective(*o).id.as_str()).collect();
    assert_eq!(unsupported, ["more"]);
}

#[test]
fn objective_progress_and_health_follow_the_calendar() {
    let m = model(&[("content/objectives/more.md", Q4_OBJECTIVE)]);
    let a = analyse(&m, as_of());
    let o = a.objective(Ix::new(0));
    assert_eq!(o.progress, Some(0.5));
    // Mid-November is about half-way through Q4: 50% is on track.
    assert_eq!(o.health, Health::OnTrack);
    let late = analyse(&m, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    assert_eq!(late.objective(Ix::new(0)).health, Health::OffTrack);
}

#[test]
fn the_latest_checkin_wins_over_the_file() {
    let checkin_1 = "date = 2026-10-02\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = 10\n";
    let checkin_2 = "date = 2026-11-13\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = 80\n";
    // File names sort the other way round from dates: order must come from dates.
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/checkins/a-late.toml", checkin_2),
        ("content/checkins/b-early.toml", checkin_1),
    ]);
    let kr = &m.objectives[0].key_results[0];
    assert_eq!(kr.current, Some(80.0));
    assert_eq!(kr.history.len(), 2);
    assert_eq!(analyse(&m, as_of()).objective(Ix::new(0)).progress, Some(0.8));
}

#[test]
fn budget_is_shared_between_priorities_by_strength() {
    let other_priority = "+++\ntitle = \"Save\"\nweight = 40\n+++\n";
    let save = "+++\ntitle = \"Save money\"\npriority = \"save\"\nperiod = \"2026-Q4\"\n+++\n";
    let project =
        "+++\ntitle = \"A\"\nbudget = 400\nobjectives = [\"more\", { id = \"save\", strength = \"weak\" }]\n+++\n";
    let m = model(&[
        ("content/priorities/save.md", other_priority),
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/objectives/save.md", save),
        ("content/projects/a.md", project),
    ]);
    let a = analyse(&m, as_of());
    let budget = |id: &str| {
        let ix = m.priority_ixs().find(|p| m.priority(*p).id == id).unwrap();
        a.priorities[ix.index()].budget
    };
    assert_eq!(budget("grow"), 300.0);
    assert_eq!(budget("save"), 100.0);
}

// ---- Each rule: a case that fires, a near miss that must not, a waiver. ----

/// Findings of `rule` on a site: (counted, waived).
fn findings_of(rule: &str, files: &[(&str, &str)]) -> (usize, usize) {
    let a = analyse(&model(files), as_of());
    let of_rule: Vec<&Finding> = a.findings.iter().filter(|f| f.rule.id == rule).collect();
    (of_rule.iter().filter(|f| f.waiver.is_none()).count(), of_rule.iter().filter(|f| f.waiver.is_some()).count())
}

fn waiver(rule: &str) -> String {
    format!("[[waivers]]\nrule = \"{rule}\"\nreason = \"accepted by the board\"\n")
}

/// A front-matter document from TOML lines.
fn md(toml: &str) -> String {
    format!("+++\n{toml}+++\nBody.\n")
}

/// Asserts the rule fires once on `fires`, not on `near_miss`, and is
/// waived (still listed) when `waived` carries a waiver.
fn rule_case(rule: &str, fires: &[(&str, &str)], near_miss: &[(&str, &str)], waived: &[(&str, &str)]) {
    assert_eq!(findings_of(rule, fires), (1, 0), "{rule} should fire");
    assert_eq!(findings_of(rule, near_miss).0, 0, "{rule} should not fire on the near miss");
    assert_eq!(findings_of(rule, waived), (0, 1), "{rule} should be waived, and still listed");
}

const KR: &str = "[[key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 10\ncurrent = 5\n";
const Q4: &str = "title = \"O\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\nowner = \"Ann\"\n";

#[test]
fn rule_objective_without_key_results() {
    let none = md(Q4);
    let some = md(&format!("{Q4}{KR}"));
    let waived = md(&format!("{Q4}{}", waiver("objective-without-key-results")));
    rule_case(
        "objective-without-key-results",
        &[("content/objectives/o.md", &none)],
        &[("content/objectives/o.md", &some)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_key_result_not_measurable() {
    let kr = "[[key_results]]\nid = \"k\"\ntitle = \"K\"\ntarget = 10\n";
    let fires = md(&format!("{Q4}{kr}"));
    let near = md(&format!("{Q4}{KR}"));
    let waived = md(&format!("{Q4}{}{kr}", waiver("key-result-not-measurable")));
    rule_case(
        "key-result-not-measurable",
        &[("content/objectives/o.md", &fires)],
        &[("content/objectives/o.md", &near)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_activity_only_key_results() {
    let act = "[[key_results]]\nid = \"k\"\ntitle = \"Workshops\"\nstart = 0\ntarget = 4\nkind = \"activity\"\n";
    let out = "[[key_results]]\nid = \"o\"\ntitle = \"Retention\"\nstart = 80\ntarget = 85\n";
    let fires = md(&format!("{Q4}{act}"));
    let near = md(&format!("{Q4}{act}{out}"));
    let waived = md(&format!("{Q4}{}{act}", waiver("activity-only-key-results")));
    rule_case(
        "activity-only-key-results",
        &[("content/objectives/o.md", &fires)],
        &[("content/objectives/o.md", &near)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_objective_not_linked() {
    let fires = md("title = \"O\"\nperiod = \"2026-Q4\"\n");
    let past = md("title = \"O\"\nperiod = \"2026-Q3\"\n");
    let waived = md(&format!("title = \"O\"\nperiod = \"2026-Q4\"\n{}", waiver("objective-not-linked")));
    rule_case(
        "objective-not-linked",
        &[("content/objectives/o.md", &fires)],
        &[("content/objectives/o.md", &past)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_priority_without_objectives() {
    // The base site's priority "grow" has objectives only in a past period.
    let q3 = md("title = \"O\"\npriority = \"grow\"\nperiod = \"2026-Q3\"\n");
    let q4 = md(Q4);
    let waived_priority = md(&format!("title = \"Grow\"\nweight = 60\n{}", waiver("priority-without-objectives")));
    rule_case(
        "priority-without-objectives",
        &[("content/objectives/o.md", &q3)],
        &[("content/objectives/o.md", &q4)],
        &[("content/objectives/o.md", &q3), ("content/priorities/grow.md", &waived_priority)],
    );
}

#[test]
fn rule_unaligned_project() {
    let obj = md(&format!("{Q4}{KR}"));
    let fires = md("title = \"P\"\n");
    let done = md("title = \"P\"\nstatus = \"done\"\n");
    let waived = md(&format!("title = \"P\"\n{}", waiver("unaligned-project")));
    rule_case(
        "unaligned-project",
        &[("content/objectives/o.md", &obj), ("content/projects/p.md", &fires)],
        &[("content/objectives/o.md", &obj), ("content/projects/p.md", &done)],
        &[("content/objectives/o.md", &obj), ("content/projects/p.md", &waived)],
    );
}

#[test]
fn rule_unsupported_objective() {
    let obj = md(&format!("{Q4}{KR}"));
    let cancelled = md("title = \"P\"\nstatus = \"cancelled\"\nobjectives = [\"o\"]\n");
    let active = md("title = \"P\"\nobjectives = [\"o\"]\n");
    let waived = md(&format!("{Q4}{KR}{}", waiver("unsupported-objective")));
    rule_case(
        "unsupported-objective",
        &[("content/objectives/o.md", &obj), ("content/projects/p.md", &cancelled)],
        &[("content/objectives/o.md", &obj), ("content/projects/p.md", &active)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_duplicate_projects() {
    let obj = md(&format!("{Q4}{KR}"));
    let a = "+++\ntitle = \"Patient feedback text survey\"\nobjectives = [\"o\"]\n+++\nSend a text survey after each appointment to collect patient feedback.\n";
    let b = "+++\ntitle = \"Outpatient SMS feedback survey\"\nobjectives = [\"o\"]\n+++\nSend an SMS survey after each outpatient appointment to collect feedback.\n";
    let unrelated = "+++\ntitle = \"Car park resurfacing\"\nobjectives = [\"o\"]\n+++\nResurface the staff car park.\n";
    let b_waived = format!(
        "+++\ntitle = \"Outpatient SMS feedback survey\"\nobjectives = [\"o\"]\n{}+++\nSend an SMS survey after each outpatient appointment to collect feedback.\n",
        waiver("duplicate-projects")
    );
    rule_case(
        "duplicate-projects",
        &[("content/objectives/o.md", &obj), ("content/projects/a.md", a), ("content/projects/b.md", b)],
        &[("content/objectives/o.md", &obj), ("content/projects/a.md", a), ("content/projects/b.md", unrelated)],
        &[("content/objectives/o.md", &obj), ("content/projects/a.md", a), ("content/projects/b.md", &b_waived)],
    );
}

#[test]
fn duplicates_need_a_common_objective() {
    let o1 = md(&format!("{Q4}{KR}"));
    let a = md("title = \"Patient feedback text survey\"\nobjectives = [\"o1\"]\n");
    let b = md("title = \"Patient feedback text survey\"\nobjectives = [\"o2\"]\n");
    let files = [
        ("content/objectives/o1.md", o1.as_str()),
        ("content/objectives/o2.md", o1.as_str()),
        ("content/projects/a.md", &a),
        ("content/projects/b.md", &b),
    ];
    assert_eq!(findings_of("duplicate-projects", &files).0, 0);
}

fn dep_site(dep_status: &str, waive: bool) -> Vec<(&'static str, String)> {
    let w = if waive { waiver("blocked-dependency") } else { String::new() };
    vec![
        ("content/objectives/o.md", md(&format!("{Q4}{KR}"))),
        ("content/projects/a.md", md(&format!("title = \"A\"\nobjectives = [\"o\"]\ndepends_on = [\"b\"]\n{w}"))),
        ("content/projects/b.md", md(&format!("title = \"B\"\nstatus = \"{dep_status}\"\nobjectives = [\"o\"]\n"))),
    ]
}

fn refs<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    files.iter().map(|(p, t)| (*p, t.as_str())).collect()
}

#[test]
fn rule_blocked_dependency() {
    rule_case(
        "blocked-dependency",
        &refs(&dep_site("paused", false)),
        &refs(&dep_site("active", false)),
        &refs(&dep_site("cancelled", true)),
    );
}

#[test]
fn rule_dependency_cycle() {
    let site = |c_deps: &str, waive: bool| {
        let w = if waive { waiver("dependency-cycle") } else { String::new() };
        vec![
            ("content/projects/a.md", md(&format!("title = \"A\"\ndepends_on = [\"b\"]\n{w}"))),
            ("content/projects/b.md", md("title = \"B\"\ndepends_on = [\"c\"]\n")),
            ("content/projects/c.md", md(&format!("title = \"C\"\ndepends_on = [{c_deps}]\n"))),
        ]
    };
    rule_case("dependency-cycle", &refs(&site("\"a\"", false)), &refs(&site("", false)), &refs(&site("\"a\"", true)));
    let a = analyse(&model(&refs(&site("\"a\"", false))), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "dependency-cycle").unwrap();
    assert!(f.message.contains("“A” → “B” → “C” → “A”"), "{}", f.message);
    assert_eq!(f.related.len(), 2);
}

#[test]
fn long_dependency_chains_do_not_overflow_and_have_no_cycle() {
    let files: Vec<(String, String)> = (0..5000)
        .map(|i| {
            let deps = if i + 1 < 5000 { format!("depends_on = [\"p{}\"]\n", i + 1) } else { String::new() };
            (format!("content/projects/p{i}.md"), md(&format!("title = \"P{i}\"\n{deps}")))
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    assert_eq!(findings_of("dependency-cycle", &refs).0, 0);
}

#[test]
fn rule_late_dependency() {
    let site = |dep_end: &str, waive: bool| {
        let w = if waive { waiver("late-dependency") } else { String::new() };
        vec![
            ("content/projects/a.md", md(&format!("title = \"A\"\nend = 2027-01-31\ndepends_on = [\"b\"]\n{w}"))),
            ("content/projects/b.md", md(&format!("title = \"B\"\nend = {dep_end}\n"))),
        ]
    };
    rule_case(
        "late-dependency",
        &refs(&site("2027-06-30", false)),
        &refs(&site("2027-01-31", false)),
        &refs(&site("2027-06-30", true)),
    );
}

#[test]
fn rule_team_over_capacity() {
    let site = |fte: &str, waive: bool| {
        let w = if waive { waiver("team-over-capacity") } else { String::new() };
        vec![
            ("content/teams/t.toml", format!("title = \"T\"\ncapacity_fte = 5\n{w}")),
            ("content/projects/a.md", md(&format!("title = \"A\"\nteam = \"t\"\nfte = {fte}\n"))),
            ("content/projects/b.md", md("title = \"B\"\nteam = \"t\"\nfte = 3\nstatus = \"proposed\"\n")),
        ]
    };
    // Proposed work does not load the team yet: 3 + 2 = 5 is at capacity, not over.
    rule_case("team-over-capacity", &refs(&site("6", false)), &refs(&site("5", false)), &refs(&site("6", true)));
}

#[test]
fn rule_project_overdue() {
    let site = |end: &str, status: &str, waive: bool| {
        let w = if waive { waiver("project-overdue") } else { String::new() };
        vec![("content/projects/a.md", md(&format!("title = \"A\"\nend = {end}\nstatus = \"{status}\"\n{w}")))]
    };
    rule_case(
        "project-overdue",
        &refs(&site("2026-10-31", "active", false)),
        &refs(&site("2026-10-31", "done", false)),
        &refs(&site("2026-10-31", "active", true)),
    );
    assert_eq!(
        findings_of("project-overdue", &refs(&site("2026-11-15", "active", false))).0,
        0,
        "due today is not overdue"
    );
}

#[test]
fn rule_milestone_missed() {
    let site = |done: &str, status: &str, waive: bool| {
        let w = if waive { waiver("milestone-missed") } else { String::new() };
        vec![(
            "content/projects/a.md",
            md(&format!(
                "title = \"A\"\nstatus = \"{status}\"\n{w}[[milestones]]\ntitle = \"Pilot live\"\ndate = 2026-10-01\n{done}[[milestones]]\ntitle = \"Roll-out\"\ndate = 2027-03-01\n"
            )),
        )]
    };
    rule_case(
        "milestone-missed",
        &refs(&site("", "active", false)),
        &refs(&site("done = 2026-10-03\n", "active", false)),
        &refs(&site("", "active", true)),
    );
    assert_eq!(
        findings_of("milestone-missed", &refs(&site("", "done", false))).0,
        0,
        "a finished project is not chased"
    );
    let a = analyse(&model(&refs(&site("", "active", false))), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "milestone-missed").unwrap();
    assert_eq!(f.message, "“A” has missed a milestone: “Pilot live” (due 1 Oct 2026)");
    assert!(!f.message.contains("Roll-out"), "a milestone still to come is not missed");
}

#[test]
fn rule_done_without_benefits() {
    let benefit = "[[benefits]]\ntitle = \"B\"\nplanned = 1\n";
    let site = |extra: &str| vec![("content/projects/a.md", md(&format!("title = \"A\"\nstatus = \"done\"\n{extra}")))];
    rule_case(
        "done-without-benefits",
        &refs(&site("")),
        &refs(&site(benefit)),
        &refs(&site(&waiver("done-without-benefits"))),
    );
}

#[test]
fn rule_benefit_not_reviewed() {
    let site = |due: &str, reviewed: &str, waive: bool| {
        let w = if waive { waiver("benefit-not-reviewed") } else { String::new() };
        vec![(
            "content/projects/a.md",
            md(&format!("title = \"A\"\nstatus = \"done\"\n{w}[[benefits]]\ntitle = \"B\"\ndue = {due}\n{reviewed}")),
        )]
    };
    rule_case(
        "benefit-not-reviewed",
        &refs(&site("2026-09-30", "", false)),
        &refs(&site("2026-09-30", "reviewed = 2026-10-10\n", false)),
        &refs(&site("2026-09-30", "", true)),
    );
    assert_eq!(findings_of("benefit-not-reviewed", &refs(&site("2026-12-31", "", false))).0, 0, "not yet due");
}

#[test]
fn rule_benefit_shortfall() {
    let site = |realised: &str, waive: bool| {
        let w = if waive { waiver("benefit-shortfall") } else { String::new() };
        vec![(
            "content/projects/a.md",
            md(&format!(
                "title = \"A\"\nstatus = \"done\"\n{w}[[benefits]]\ntitle = \"B\"\nplanned = 3\nrealised = {realised}\nreviewed = 2026-10-01\n"
            )),
        )]
    };
    rule_case("benefit-shortfall", &refs(&site("1.8", false)), &refs(&site("3", false)), &refs(&site("1.8", true)));
    let a = analyse(&model(&refs(&site("1.8", false))), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "benefit-shortfall").unwrap();
    assert!(f.message.contains("a shortfall of 1.2 (40%)"), "{}", f.message);
}

#[test]
fn rule_stale_checkin() {
    let checkin = |date: &str| format!("date = {date}\n[[projects]]\nid = \"a\"\nrag = \"green\"\n");
    let project = |waive: bool| {
        let w = if waive { waiver("stale-checkin") } else { String::new() };
        md(&format!("title = \"A\"\nstart = 2026-01-01\n{w}"))
    };
    let (p, pw) = (project(false), project(true));
    let (old, recent) = (checkin("2026-10-01"), checkin("2026-11-06"));
    rule_case(
        "stale-checkin",
        &[("content/projects/a.md", &p), ("content/checkins/1.toml", &old)],
        &[("content/projects/a.md", &p), ("content/checkins/1.toml", &old), ("content/checkins/2.toml", &recent)],
        &[("content/projects/a.md", &pw), ("content/checkins/1.toml", &old)],
    );
    assert_eq!(
        findings_of("stale-checkin", &[("content/projects/a.md", &p)]).0,
        0,
        "a site without check-ins is not stale"
    );
}

#[test]
fn rule_too_many_priorities() {
    let org = |max: usize| {
        format!("name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n[limits]\nmax_priorities = {max}\n")
    };
    let p2 = md("title = \"Save\"\n");
    let (tight, loose) = (org(1), org(2));
    let off = format!("{}[rules]\ntoo-many-priorities = \"off\"\n", org(1));
    assert_eq!(
        findings_of(
            "too-many-priorities",
            &[("content/organisation.toml", &tight), ("content/priorities/save.md", &p2)]
        )
        .0,
        1
    );
    assert_eq!(
        findings_of(
            "too-many-priorities",
            &[("content/organisation.toml", &loose), ("content/priorities/save.md", &p2)]
        )
        .0,
        0
    );
    // The organisation as a whole is waived by switching the rule off.
    assert_eq!(
        findings_of("too-many-priorities", &[("content/organisation.toml", &off), ("content/priorities/save.md", &p2)]),
        (0, 0)
    );
}

#[test]
fn rule_team_objective_overload() {
    let site = |n: usize, waive: bool| {
        let w = if waive { waiver("team-objective-overload") } else { String::new() };
        let mut files = vec![("content/teams/t.toml".to_string(), format!("title = \"T\"\n{w}"))];
        for i in 0..n {
            files.push((format!("content/objectives/o{i}.md"), md(&format!("{Q4}team = \"t\"\n{KR}"))));
        }
        files
    };
    fn owned(f: &[(String, String)]) -> Vec<(&str, &str)> {
        f.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect()
    }
    let (fires, near, waived) = (site(4, false), site(3, false), site(4, true));
    rule_case("team-objective-overload", &owned(&fires), &owned(&near), &owned(&waived));
}

#[test]
fn rule_too_many_key_results() {
    let krs = |n: usize| {
        (0..n)
            .map(|i| format!("[[key_results]]\nid = \"k{i}\"\ntitle = \"K\"\nstart = 0\ntarget = 1\n"))
            .collect::<String>()
    };
    let fires = md(&format!("{Q4}{}", krs(6)));
    let near = md(&format!("{Q4}{}", krs(5)));
    let waived = md(&format!("{Q4}{}{}", waiver("too-many-key-results"), krs(6)));
    rule_case(
        "too-many-key-results",
        &[("content/objectives/o.md", &fires)],
        &[("content/objectives/o.md", &near)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_objective_without_owner() {
    let base = "title = \"O\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\n";
    let shared = md(&format!("{base}owner = \"Ann Lee and Bo Li\"\n{KR}"));
    let single = md(&format!("{base}owner = \"Ann Lee\"\n{KR}"));
    let waived = md(&format!("{base}{}{KR}", waiver("objective-without-owner")));
    rule_case(
        "objective-without-owner",
        &[("content/objectives/o.md", &shared)],
        &[("content/objectives/o.md", &single)],
        &[("content/objectives/o.md", &waived)],
    );
}

#[test]
fn rule_watermelon() {
    // Mid-November: about half of Q4 has passed.
    let obj = |current: u32| {
        md(&format!("{Q4}[[key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 100\ncurrent = {current}\n"))
    };
    let project = |rag: &str, waive: bool| {
        let w = if waive { waiver("watermelon") } else { String::new() };
        md(&format!("title = \"A\"\nrag = \"{rag}\"\nobjectives = [\"o\"]\n{w}"))
    };
    let (behind, on_pace) = (obj(20), obj(45));
    let (green, amber, waived) = (project("green", false), project("amber", false), project("green", true));
    rule_case(
        "watermelon",
        &[("content/objectives/o.md", &behind), ("content/projects/a.md", &green)],
        &[("content/objectives/o.md", &on_pace), ("content/projects/a.md", &green)],
        &[("content/objectives/o.md", &behind), ("content/projects/a.md", &waived)],
    );
    assert_eq!(
        findings_of("watermelon", &[("content/objectives/o.md", &behind), ("content/projects/a.md", &amber)]).0,
        0,
        "an honest amber is not a watermelon"
    );
    let amber_green = project("amber-green", false);
    let a = analyse(&model(&[("content/objectives/o.md", &behind), ("content/projects/a.md", &amber_green)]), as_of());
    let messages: Vec<&str> =
        a.findings.iter().filter(|f| f.rule.id == "watermelon").map(|f| f.message.as_str()).collect();
    assert!(
        messages.len() == 1 && messages[0].contains("reports amber/green"),
        "amber/green is on the good side of the five-point scale: {messages:?}"
    );
    assert_eq!(
        findings_of(
            "watermelon",
            &[("content/objectives/o.md", &behind), ("content/projects/a.md", &project("amber-red", false))]
        )
        .0,
        0,
        "amber/red is honest"
    );
}

#[test]
fn rules_rebaselined_and_change_not_assessed() {
    let obj = md(&format!("{Q4}{KR}"));
    let project = |changes: &str| md(&format!("title = \"A\"\nbudget = 200\nobjectives = [\"o\"]\n{changes}"));
    let change = |date: &str, extra: &str| format!("[[changes]]\ndate = {date}\ntitle = \"C {date}\"\n{extra}");
    let assessed = project(&change("2026-03-01", "budget = 20\nobjective = \"o\"\n"));
    let twice = project(
        &(change("2026-03-01", "budget = 20\nobjective = \"o\"\n")
            + &change("2026-06-01", "budget = 10\nobjective = \"o\"\n")),
    );
    let grown = project(&change("2026-03-01", "budget = 100\nobjective = \"o\"\n"));
    let unassessed = project(&change("2026-03-01", "budget = 20\n"));
    let proposed = project(&change("2026-03-01", "budget = 20\nstatus = \"proposed\"\n"));
    let saving = project(&change("2026-03-01", "budget = -20\n"));
    let count =
        |rule: &str, p: &str| findings_of(rule, &[("content/objectives/o.md", &obj), ("content/projects/a.md", p)]).0;
    assert_eq!(count("rebaselined", &assessed), 0, "once, by 11%");
    assert_eq!(count("rebaselined", &twice), 1, "re-baselined twice");
    assert_eq!(count("rebaselined", &grown), 1, "100% growth against the original 100");
    assert_eq!(count("change-not-assessed", &assessed), 0);
    assert_eq!(count("change-not-assessed", &unassessed), 1, "adds cost, names no objective");
    assert_eq!(count("change-not-assessed", &proposed), 0, "only approved changes count");
    assert_eq!(count("change-not-assessed", &saving), 0, "a saving adds nothing");
}

#[test]
fn rule_over_budget() {
    let site = |spent: u32, waive: bool| {
        let w = if waive { waiver("over-budget") } else { String::new() };
        vec![("content/projects/a.md", md(&format!("title = \"A\"\nbudget = 100\nspent = {spent}\n{w}")))]
    };
    rule_case("over-budget", &refs(&site(110, false)), &refs(&site(100, false)), &refs(&site(110, true)));
    // Burn ahead of schedule: 90% spent with about half the time gone.
    let burn = md("title = \"A\"\nbudget = 100\nspent = 90\nstart = 2026-05-15\nend = 2027-05-15\n");
    assert_eq!(findings_of("over-budget", &[("content/projects/a.md", &burn)]).0, 1);
}

#[test]
fn rule_review_without_stop() {
    let site = |extra: &str, waive: bool| {
        let w = if waive { waiver("review-without-stop") } else { String::new() };
        vec![
            ("content/projects/new.md", md("title = \"New\"\nstatus = \"proposed\"\n")),
            ("content/projects/old.md", md("title = \"Old\"\n")),
            (
                "content/reviews/r.md",
                md(&format!("title = \"R\"\n{w}[[decisions]]\nproject = \"new\"\ndecision = \"continue\"\n{extra}")),
            ),
        ]
    };
    let stop = "[[decisions]]\nproject = \"old\"\ndecision = \"stop\"\n";
    rule_case("review-without-stop", &refs(&site("", false)), &refs(&site(stop, false)), &refs(&site("", true)));
}

#[test]
fn rule_incomplete_hypothesis() {
    let full = "[hypothesis]\npurpose = \"a\"\nbeneficiaries = \"b\"\noutcomes = \"c\"\nconstraints = \"d\"\nrisks = \"e\"\ndependencies = \"f\"\ndefinition_of_done = \"g\"\n";
    let partial = "[hypothesis]\npurpose = \"a\"\n";
    let site = |h: &str, waive: bool| {
        let w = if waive { waiver("incomplete-hypothesis") } else { String::new() };
        vec![("content/projects/a.md", md(&format!("title = \"A\"\n{w}{h}")))]
    };
    rule_case(
        "incomplete-hypothesis",
        &refs(&site(partial, false)),
        &refs(&site(full, false)),
        &refs(&site(partial, true)),
    );
    let a = analyse(&model(&refs(&site(partial, false))), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "incomplete-hypothesis").unwrap();
    assert!(f.message.contains("6 of seven") && f.message.contains("definition of done"), "{}", f.message);
}

#[test]
fn a_waiver_lapses_after_its_until_date() {
    let lapsed = md("title = \"P\"\n[[waivers]]\nrule = \"unaligned-project\"\nreason = \"r\"\nuntil = 2026-10-31\n");
    assert_eq!(findings_of("unaligned-project", &[("content/projects/p.md", &lapsed)]), (1, 0));
}

#[test]
fn rules_can_be_regraded_or_switched_off() {
    let org = |level: &str| format!("{ORG}[rules]\nunaligned-project = \"{level}\"\n");
    let p = md("title = \"P\"\n");
    for (level, expected) in
        [("error", Some(crate::diag::Severity::Error)), ("info", Some(crate::diag::Severity::Info)), ("off", None)]
    {
        let o = org(level);
        let loaded = load_texts(&[
            ("content/organisation.toml", o.as_str()),
            ("content/priorities/grow.md", PRIORITY),
            ("content/projects/p.md", &p),
        ]);
        let mut diags = Diagnostics::new();
        let m = build(&loaded, &mut diags);
        assert!(!diags.has_errors(), "{diags:#?}");
        let a = analyse(&m, as_of());
        let severity = a.findings.iter().find(|f| f.rule.id == "unaligned-project").map(|f| f.severity);
        assert_eq!(severity, expected, "{level}");
    }
}

#[test]
fn the_portfolio_is_ranked_by_weighted_score_with_a_capacity_line() {
    let org = format!(
        "{ORG}[scoring]\ncapacity = 250\ncriteria = [{{ id = \"fit\", weight = 3 }}, {{ id = \"ease\", weight = 1 }}]\n"
    );
    let obj = md(&format!("{Q4}{KR}"));
    let p = |title: &str, fit: u32, ease: u32, budget: u32| {
        md(&format!(
            "title = \"{title}\"\nbudget = {budget}\nobjectives = [\"o\"]\nscores = {{ fit = {fit}, ease = {ease} }}\n"
        ))
    };
    let (a, b, c) = (p("A", 5, 1, 100), p("B", 3, 5, 100), p("C", 1, 1, 100));
    let loaded = load_texts(&[
        ("content/organisation.toml", org.as_str()),
        ("content/priorities/grow.md", PRIORITY),
        ("content/objectives/o.md", &obj),
        ("content/projects/a.md", &a),
        ("content/projects/b.md", &b),
        ("content/projects/c.md", &c),
    ]);
    let mut diags = Diagnostics::new();
    let m = build(&loaded, &mut diags);
    assert!(!diags.has_errors(), "{diags:#?}");
    let analysis = analyse(&m, as_of());
    let ranked: Vec<(&str, Option<f64>, bool)> = analysis
        .portfolio
        .ranked
        .iter()
        .map(|r| (m.project(r.project).title.as_str(), r.score, r.above_line))
        .collect();
    // A: (15 + 1) / 4 = 4; B: (9 + 5) / 4 = 3.5; C: 1. Capacity 250 fits two.
    assert_eq!(ranked, [("A", Some(4.0), true), ("B", Some(3.5), true), ("C", Some(1.0), false)]);
    let c = &analysis.portfolio.ranked[2];
    assert_eq!(c.proposal, Proposal::Stop);
    assert!(c.reason.contains("below the capacity line"), "{}", c.reason);
    // At 80% capacity (200) B still fits; at 90% too: nothing newly cut.
    assert!(analysis.portfolio.scenarios.iter().all(|s| s.newly_cut.is_empty()));
}

/// A lower-is-better criterion (risk) counts 1 as 5 and 5 as 1, so the
/// low-risk project ranks first; a risk left unscored still counts zero.
#[test]
fn a_lower_is_better_criterion_ranks_low_scores_first() {
    let org = format!(
        "{ORG}[scoring]\ncriteria = [{{ id = \"fit\", weight = 1 }}, {{ id = \"risk\", weight = 1, better = \"lower\" }}]\n"
    );
    let obj = md(&format!("{Q4}{KR}"));
    let p = |title: &str, scores: &str| {
        md(&format!("title = \"{title}\"\nobjectives = [\"o\"]\nscores = {{ {scores} }}\n"))
    };
    let (safe, risky, blank) = (p("Safe", "fit = 3, risk = 1"), p("Risky", "fit = 3, risk = 5"), p("Blank", "fit = 3"));
    let loaded = load_texts(&[
        ("content/organisation.toml", org.as_str()),
        ("content/priorities/grow.md", PRIORITY),
        ("content/objectives/o.md", &obj),
        ("content/projects/safe.md", &safe),
        ("content/projects/risky.md", &risky),
        ("content/projects/blank.md", &blank),
    ]);
    let mut diags = Diagnostics::new();
    let m = build(&loaded, &mut diags);
    assert!(!diags.has_errors(), "{diags:#?}");
    let analysis = analyse(&m, as_of());
    let ranked: Vec<(&str, Option<f64>)> =
        analysis.portfolio.ranked.iter().map(|r| (m.project(r.project).title.as_str(), r.score)).collect();
    // Safe: (3 + 5) / 2 = 4; Risky: (3 + 1) / 2 = 2; Blank: (3 + 0) / 2 = 1.5.
    assert_eq!(ranked, [("Safe", Some(4.0)), ("Risky", Some(2.0)), ("Blank", Some(1.5))]);
}

/// A negative weight stays an error, and its help names `better = "lower"`.
#[test]
fn a_negative_weight_points_to_better_lower() {
    let org = format!("{ORG}[scoring]\ncriteria = [{{ id = \"risk\", weight = -0.2 }}]\n");
    let loaded = load_texts(&[("content/organisation.toml", org.as_str())]);
    let mut diags = Diagnostics::new();
    build(&loaded, &mut diags);
    let text = format!("{diags:?}");
    assert!(diags.has_errors(), "{text}");
    assert!(text.contains("better = \\\"lower\\\"") && text.contains("weight = 0.2"), "{text}");
}

#[test]
fn the_financial_position_sets_what_open_work_still_needs_against_capacity() {
    let org = format!("{ORG}[scoring]\ncapacity = 250\n");
    let obj = md(&format!("{Q4}{KR}"));
    let p = |extra: &str| md(&format!("title = \"P\"\nobjectives = [\"o\"]\n{extra}"));
    let over = p("budget = 100\nspent = 120\n");
    let under = p("budget = 100\nspent = 30\n");
    let unbudgeted = p("");
    let done = p("status = \"done\"\nbudget = 500\nspent = 480\n");
    let big = p("budget = 300\n");
    let loaded = load_texts(&[
        ("content/organisation.toml", org.as_str()),
        ("content/priorities/grow.md", PRIORITY),
        ("content/objectives/o.md", &obj),
        ("content/projects/a.md", &over),
        ("content/projects/b.md", &under),
        ("content/projects/c.md", &unbudgeted),
        ("content/projects/d.md", &done),
        ("content/projects/e.md", &big),
    ]);
    let mut diags = Diagnostics::new();
    let m = build(&loaded, &mut diags);
    assert!(!diags.has_errors(), "{diags:#?}");
    let a = analyse(&m, as_of());
    let position = portfolio::position(&m, &a.portfolio);
    // The finished project is left out; the one over budget has nothing
    // left to spend, not a negative amount.
    assert_eq!(position.projects, 4);
    assert_eq!(position.budget, 500.0);
    assert_eq!(position.spent, 150.0);
    assert_eq!(position.to_spend, 370.0);
    assert_eq!((position.over_budget, position.overrun), (1, 20.0));
    assert_eq!(position.unbudgeted, 1);
    assert_eq!(position.headroom(), Some(-120.0));
    // Unscored, the smallest go first: the 300 no longer fits in 250.
    assert_eq!((position.below_line, position.below_line_to_spend), (1, 300.0));
    // Without a capacity there is no line and no headroom.
    let lone = md("title = \"P\"\nbudget = 300\n");
    let m = model(&[("content/projects/e.md", &lone)]);
    let a = analyse(&m, as_of());
    let position = portfolio::position(&m, &a.portfolio);
    assert_eq!((position.headroom(), position.below_line, position.to_spend), (None, 0, 300.0));
}

#[test]
fn analysis_does_not_depend_on_file_order() {
    let obj = md(&format!("{Q4}{KR}"));
    let a = md("title = \"Patient feedback text survey\"\nobjectives = [\"o\"]\n");
    let b = md("title = \"Outpatient SMS feedback survey\"\nobjectives = [\"o\"]\n");
    let run = |first: &str, second: &str| {
        let m = model(&[
            ("content/objectives/o.md", &obj),
            ("content/projects/a.md", first),
            ("content/projects/b.md", second),
        ]);
        let mut messages: Vec<String> = analyse(&m, as_of()).findings.iter().map(|f| f.message.clone()).collect();
        messages.sort();
        messages
    };
    assert_eq!(run(&a, &b).len(), run(&b, &a).len());
}

#[test]
fn a_waived_unaligned_project_is_not_proposed_for_stopping_on_that_ground() {
    let waived = md(&format!("title = \"P\"\n{}", waiver("unaligned-project")));
    let plain = md("title = \"P\"\n");
    let proposal = |text: &str| {
        let a = analyse(&model(&[("content/projects/p.md", text)]), as_of());
        a.portfolio.ranked[0].proposal
    };
    assert_eq!(proposal(&plain), Proposal::Stop);
    assert_eq!(proposal(&waived), Proposal::Continue);
}

/// `-0` is read as zero: it would print as "-0", and a watch session
/// compares numbers by value, where the two are equal.
#[test]
fn negative_zero_is_read_as_zero() {
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/projects/p.md", "+++\ntitle = \"P\"\nobjectives = [\"more\"]\nbudget = -0.0\nfte = -0.0\n+++\n"),
    ]);
    let p = &m.projects[0];
    assert!(p.budget.is_some_and(|b| b == 0.0 && b.is_sign_positive()), "{:?}", p.budget);
    assert!(p.fte.is_some_and(|f| f.is_sign_positive()), "{:?}", p.fte);
}

fn unaligned_project(title: &str, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nstatus = \"active\"\n{extra}\n+++\n")
}

#[test]
fn a_project_finding_carries_its_open_money_and_people_and_its_owner() {
    let m = model(&[(
        "content/projects/a.md",
        &unaligned_project("A", "owner = \"Dana Cole\"\nsponsor = \"Sam Hill\"\nbudget = 500\nspent = 200\nfte = 1.5"),
    )]);
    let a = analyse(&m, as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "unaligned-project").unwrap();
    assert_eq!(f.at_stake, Stake { money: Some(300.0), fte: Some(1.5), ..Stake::default() });
    assert_eq!(f.owner, Owner { name: Some("Dana Cole".into()), role: Role::ProjectOwner });
    assert_eq!(f.at_stake.describe("GBP").as_deref(), Some("£300 of open spend and 1.5 FTE"));
}

#[test]
fn without_an_owner_the_sponsor_then_the_team_lead_then_the_pmo_acts() {
    let team = "title = \"Ops\"\nlead = \"Lee Park\"\n";
    let m = model(&[
        ("content/teams/ops.toml", team),
        ("content/projects/a.md", &unaligned_project("A", "sponsor = \"Sam Hill\"")),
        ("content/projects/b.md", &unaligned_project("B", "team = \"ops\"")),
        ("content/projects/c.md", &unaligned_project("C", "")),
    ]);
    let a = analyse(&m, as_of());
    let owner = |title: &str| {
        let ix = m.project_ixs().find(|p| m.project(*p).title == title).unwrap();
        a.findings_for(Subject::Project(ix)).next().unwrap().owner.clone()
    };
    assert_eq!(owner("A"), Owner { name: Some("Sam Hill".into()), role: Role::Sponsor });
    assert_eq!(owner("B"), Owner { name: Some("Lee Park".into()), role: Role::TeamLead });
    assert_eq!(owner("C"), Owner { name: None, role: Role::Pmo });
    assert_eq!(owner("C").describe(), "the PMO");
}

#[test]
fn findings_of_one_severity_are_ranked_by_money_then_people() {
    let m = model(&[
        ("content/projects/a.md", &unaligned_project("Small", "budget = 10")),
        ("content/projects/b.md", &unaligned_project("Big", "budget = 900")),
        ("content/projects/c.md", &unaligned_project("Crowded", "fte = 4")),
        ("content/projects/d.md", &unaligned_project("Middle", "budget = 50")),
    ]);
    let a = analyse(&m, as_of());
    let order: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule.id == "unaligned-project")
        .map(|f| match f.subject {
            Subject::Project(p) => m.project(p).title.as_str(),
            _ => unreachable!(),
        })
        .collect();
    // Unknown money ranks below any amount; people break the tie.
    assert_eq!(order, ["Big", "Middle", "Small", "Crowded"]);
    let ranks: Vec<usize> = a.findings.iter().map(|f| f.rank).collect();
    assert_eq!(ranks, (1..=a.findings.len()).collect::<Vec<_>>(), "ranks count from 1 in order");
}

#[test]
fn a_more_severe_finding_outranks_more_money() {
    let org = format!("{ORG}[rules]\nunaligned-project = \"error\"\n");
    let m = model(&[
        ("content/organisation.toml", &org),
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/projects/a.md", &unaligned_project("Cheap", "budget = 1")),
        (
            "content/projects/b.md",
            "+++\ntitle = \"Rich\"\nstatus = \"active\"\nbudget = 1000000\nobjectives = [\"more\"]\nend = 2026-01-01\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    assert_eq!(a.findings[0].rule.id, "unaligned-project", "{:?}", rule_ids(&a));
    assert_eq!(a.findings[0].severity, Severity::Error);
}

#[test]
fn an_objective_finding_weighs_the_share_of_the_work_serving_it() {
    let objective = "+++\ntitle = \"Unmeasured\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\nowner = \"Ola\"\n[[key_results]]\nid = \"n\"\ntitle = \"Customers\"\ntarget = 100\n+++\n";
    let m = model(&[
        ("content/objectives/more.md", objective),
        ("content/objectives/other.md", Q4_OBJECTIVE),
        (
            "content/projects/a.md",
            "+++\ntitle = \"A\"\nstatus = \"active\"\nbudget = 400\nfte = 2\nobjectives = [\"more\", \"other\"]\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "key-result-not-measurable").unwrap();
    assert_eq!(
        f.at_stake,
        Stake { money: Some(200.0), fte: Some(1.0), ..Stake::default() },
        "half the project serves it"
    );
    assert_eq!(f.owner.role, Role::ObjectiveOwner);
}

#[test]
fn board_text_names_no_keys_and_the_author_gets_the_edit() {
    let objective = "+++\ntitle = \"Busy\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\n[[key_results]]\nid = \"n\"\ntitle = \"Workshops run\"\nkind = \"activity\"\n+++\n";
    let m = model(&[("content/objectives/busy.md", objective)]);
    let a = analyse(&m, as_of());
    assert!(!a.findings.is_empty());
    for f in &a.findings {
        assert!(!f.message.contains('`') && !f.action.contains('`'), "{}: {} / {}", f.rule.id, f.message, f.action);
    }
    let f = a.findings.iter().find(|f| f.rule.id == "key-result-not-measurable").unwrap();
    assert!(f.fix.as_deref().unwrap().contains("`start`"), "{:?}", f.fix);
    assert_eq!(f.to_diagnostic(&m).help, f.fix, "check shows the author the edit");
}

/// `active` projects, of which the first `reporting` report in a recent
/// check-in; the rest have been silent since an old one.
fn checkin_coverage(active: usize, reporting: usize) -> Analysis {
    let projects: Vec<(String, String)> = (0..active)
        .map(|i| {
            (
                format!("content/projects/p{i}.md"),
                md(&format!("title = \"P{i}\"\nstart = 2026-01-01\nbudget = 100\nfte = 0.5\n")),
            )
        })
        .collect();
    let reported: String = (0..reporting).map(|i| format!("[[projects]]\nid = \"p{i}\"\nrag = \"green\"\n")).collect();
    let recent = format!("date = 2026-11-06\n{reported}");
    let mut files: Vec<(&str, &str)> = projects.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    files.push(("content/checkins/1.toml", "date = 2026-10-01\n"));
    files.push(("content/checkins/2.toml", &recent));
    analyse(&model(&files), as_of())
}

#[test]
fn when_most_projects_never_report_the_finding_is_about_the_practice() {
    let a = checkin_coverage(8, 2);
    let stale: Vec<&Finding> = a.findings.iter().filter(|f| f.rule.id == "stale-checkin").collect();
    assert_eq!(stale.len(), 1, "one finding, not six");
    let practice = stale[0];
    assert_eq!(practice.subject, Subject::Organisation);
    assert_eq!(practice.owner.role, Role::Pmo);
    assert!(practice.message.starts_with("6 of 8 active projects have not reported"), "{}", practice.message);
    assert_eq!(practice.parts.len(), 6);
    // Each silent project's page still shows its part.
    let silent = Subject::Project(Ix::new(7));
    let own: Vec<&Finding> = a.findings_for(silent).filter(|f| f.rule.id == "stale-checkin").collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].rank, practice.rank, "a part is read where its practice is");
    assert_eq!(a.findings_for(Subject::Project(Ix::new(0))).filter(|f| f.rule.id == "stale-checkin").count(), 0);
}

#[test]
fn when_most_projects_report_each_silent_one_is_its_own_finding() {
    // Four of eight silent is not most of them.
    let a = checkin_coverage(8, 4);
    let stale: Vec<&Finding> = a.findings.iter().filter(|f| f.rule.id == "stale-checkin").collect();
    assert_eq!(stale.len(), 4);
    assert!(stale.iter().all(|f| matches!(f.subject, Subject::Project(_)) && f.parts.is_empty()));
    // Nor is a handful, however few report.
    let a = checkin_coverage(4, 0);
    assert_eq!(a.findings.iter().filter(|f| f.rule.id == "stale-checkin").count(), 4);
}

#[test]
fn a_practice_finding_puts_its_projects_money_at_stake() {
    let a = checkin_coverage(6, 0);
    let practice = a.findings.iter().find(|f| f.rule.id == "stale-checkin").unwrap();
    assert_eq!(practice.parts.len(), 6);
    assert_eq!(practice.at_stake, Stake { money: Some(600.0), fte: Some(3.0), ..Stake::default() });
}

#[test]
fn rule_overconfident_key_result() {
    // Mid-November: about half of Q4 has passed.
    let obj = |current: u32, confidence: f64, waive: bool| {
        let w = if waive { waiver("overconfident-key-result") } else { String::new() };
        md(&format!(
            "{Q4}{w}[[key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 0\ntarget = 100\ncurrent = {current}\nconfidence = {confidence}\n"
        ))
    };
    let (fires, closer, waived) = (obj(20, 0.8, false), obj(30, 0.8, false), obj(20, 0.8, true));
    rule_case(
        "overconfident-key-result",
        &[("content/objectives/o.md", &fires)],
        &[("content/objectives/o.md", &closer)],
        &[("content/objectives/o.md", &waived)],
    );
    let doubtful = obj(20, 0.6, false);
    assert_eq!(
        findings_of("overconfident-key-result", &[("content/objectives/o.md", &doubtful)]).0,
        0,
        "doubt that matches the numbers is honest"
    );
}

#[test]
fn rule_resource_drift() {
    let keep = "+++\ntitle = \"Keep\"\n+++\n";
    let objective = |id: &str, priority: &str| {
        md(&format!("title = \"{id}\"\npriority = \"{priority}\"\nperiod = \"2026-Q4\"\nowner = \"Ann\"\n{KR}"))
    };
    let project = |objective: &str, budget: u32| {
        md(&format!(
            "title = \"{objective} work\"\nstatus = \"active\"\nbudget = {budget}\nobjectives = [\"{objective}\"]\n"
        ))
    };
    let (o_grow, o_keep) = (objective("g", "grow"), objective("k", "keep"));
    let grow_waived = format!("+++\ntitle = \"Grow\"\nweight = 60\n{}+++\n", waiver("resource-drift"));
    let site = |grow: u32, keep_budget: u32, grow_priority: &str| -> Vec<(&'static str, String)> {
        vec![
            ("content/priorities/grow.md", grow_priority.to_string()),
            ("content/priorities/keep.md", keep.to_string()),
            ("content/objectives/g.md", o_grow.clone()),
            ("content/objectives/k.md", o_keep.clone()),
            ("content/projects/a.md", project("g", grow)),
            ("content/projects/b.md", project("k", keep_budget)),
        ]
    };
    // Meant to get 60%: a third is 27 points short; half is 10, within the tolerance.
    rule_case(
        "resource-drift",
        &refs(&site(100, 200, PRIORITY)),
        &refs(&site(100, 100, PRIORITY)),
        &refs(&site(100, 200, &grow_waived)),
    );
    let a = analyse(&model(&refs(&site(100, 200, PRIORITY))), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "resource-drift").unwrap();
    assert!(f.message.contains("is meant to get 60% of the investment but has 33% of open spend"), "{}", f.message);
    assert!(f.message.contains("27 points short in money"), "{}", f.message);
    assert_eq!(f.at_stake.money.map(|m| m.round()), Some(80.0), "the money between 60% and a third of 300");
}

#[test]
fn rule_kept_against_evidence() {
    let review = |project: &str| {
        format!(
            "+++\ntitle = \"November board\"\ndate = 2026-11-10\n[[decisions]]\nproject = \"{project}\"\ndecision = \"continue\"\nrationale = \"The chair asked for it.\"\n+++\n"
        )
    };
    let unaligned = |waive: bool| {
        let w = if waive { waiver("kept-against-evidence") } else { String::new() };
        md(&format!(
            "title = \"Pet project\"\nstatus = \"active\"\nsponsor = \"Sir Big\"\nowner = \"Ann\"\nbudget = 50\n{w}"
        ))
    };
    let aligned = md("title = \"Useful\"\nstatus = \"active\"\nbudget = 50\nobjectives = [\"more\"]\n");
    let (u, w) = (unaligned(false), unaligned(true));
    let (keep_u, keep_a) = (review("u"), review("a"));
    rule_case(
        "kept-against-evidence",
        &[
            ("content/objectives/more.md", Q4_OBJECTIVE),
            ("content/projects/u.md", &u),
            ("content/reviews/r.md", &keep_u),
        ],
        &[
            ("content/objectives/more.md", Q4_OBJECTIVE),
            ("content/projects/u.md", &u),
            ("content/projects/a.md", &aligned),
            ("content/reviews/r.md", &keep_a),
        ],
        &[
            ("content/objectives/more.md", Q4_OBJECTIVE),
            ("content/projects/u.md", &w),
            ("content/reviews/r.md", &keep_u),
        ],
    );
    let a = analyse(
        &model(&[
            ("content/objectives/more.md", Q4_OBJECTIVE),
            ("content/projects/u.md", &u),
            ("content/reviews/r.md", &keep_u),
        ]),
        as_of(),
    );
    let f = a.findings.iter().find(|f| f.rule.id == "kept-against-evidence").unwrap();
    assert_eq!(f.owner, Owner { name: Some("Sir Big".into()), role: Role::Sponsor }, "the sponsor answers for it");
    assert!(
        f.message.contains("its sponsor is Sir Big") && f.message.contains("“The chair asked for it”"),
        "{}",
        f.message
    );
    assert_eq!(f.rank, a.findings.iter().position(|x| std::ptr::eq(x, f)).unwrap() + 1, "ranked with the rest");
    assert_eq!(
        a.findings_for(Subject::Project(Ix::new(0))).filter(|f| f.rule.id == "kept-against-evidence").count(),
        1
    );
}

/// `n` open projects linked to the current objective, the first `explained`
/// of them saying why.
fn alignment_reasons(n: usize, explained: usize) -> Analysis {
    let projects: Vec<(String, String)> = (0..n)
        .map(|i| {
            let link = if i < explained {
                "objectives = [{ id = \"more\", why = \"Each new shop brings customers.\" }]".to_string()
            } else {
                "objectives = [\"more\"]".to_string()
            };
            (format!("content/projects/p{i}.md"), md(&format!("title = \"P{i}\"\nstatus = \"active\"\n{link}\n")))
        })
        .collect();
    let mut files: Vec<(&str, &str)> = projects.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    files.push(("content/objectives/more.md", Q4_OBJECTIVE));
    analyse(&model(&files), as_of())
}

#[test]
fn rule_unexplained_alignment() {
    let of_rule = |a: &Analysis| -> Vec<Finding> {
        a.findings.iter().filter(|f| f.rule.id == "unexplained-alignment").cloned().collect()
    };
    // Most links give no reason: one finding about the practice.
    let a = alignment_reasons(8, 2);
    let found = of_rule(&a);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].subject, Subject::Organisation);
    assert!(
        found[0].message.starts_with("6 of the 8 links between open projects and current objectives give no reason"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].parts.len(), 6);
    assert!(found[0].parts[0].fix.as_deref().unwrap().contains("`why`"));
    // Most explain themselves: a note on each that does not.
    let found = of_rule(&alignment_reasons(8, 5));
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|f| matches!(f.subject, Subject::Project(_)) && f.severity == Severity::Info));
    // Every link explained: nothing.
    assert!(of_rule(&alignment_reasons(8, 8)).is_empty());
    // A waiver accepts one project's silence.
    let waived = md(&format!(
        "title = \"W\"\nstatus = \"active\"\nobjectives = [\"more\"]\n{}",
        waiver("unexplained-alignment")
    ));
    let explained = md("title = \"E\"\nstatus = \"active\"\nobjectives = [{ id = \"more\", why = \"Because.\" }]\n");
    assert_eq!(
        findings_of(
            "unexplained-alignment",
            &[
                ("content/objectives/more.md", Q4_OBJECTIVE),
                ("content/projects/w.md", &waived),
                ("content/projects/e.md", &explained)
            ]
        ),
        (0, 1)
    );
}

#[test]
fn rule_conflicting_goals() {
    let objective = |team: &str, start: u32, target: u32, waive: bool| {
        let w = if waive { waiver("conflicting-goals") } else { String::new() };
        md(&format!(
            "title = \"O {team}\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\nowner = \"Ann\"\nteam = \"{team}\"\n{w}[[key_results]]\nid = \"k\"\ntitle = \"Stock\"\nmetric = \"stock-days\"\nstart = {start}\ntarget = {target}\ncurrent = {start}\n"
        ))
    };
    let teams = [("content/teams/a.toml", "title = \"A\"\n"), ("content/teams/b.toml", "title = \"B\"\n")];
    let site = |first: String, second: String| -> Vec<(&'static str, String)> {
        let mut files: Vec<(&'static str, String)> = teams.iter().map(|(p, t)| (*p, t.to_string())).collect();
        files.push(("content/objectives/a.md", first));
        files.push(("content/objectives/b.md", second));
        files
    };
    // Team A raises stock days while team B lowers them.
    let opposite = site(objective("a", 10, 20, false), objective("b", 20, 10, false));
    let same = site(objective("a", 10, 20, false), objective("b", 12, 20, false));
    let waived = site(objective("a", 10, 20, true), objective("b", 20, 10, false));
    rule_case("conflicting-goals", &refs(&opposite), &refs(&same), &refs(&waived));
    let a = analyse(&model(&refs(&opposite)), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "conflicting-goals").unwrap();
    assert!(f.message.contains("aims to raise stock days while"), "{}", f.message);
    assert_eq!(f.related.len(), 1);
    // One direction, different targets in different teams: competing targets.
    let competing = site(objective("a", 10, 20, false), objective("b", 10, 25, false));
    let a = analyse(&model(&refs(&competing)), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "conflicting-goals").unwrap();
    assert!(f.message.contains("aim stock days at competing targets: 20 by"), "{}", f.message);
}

#[test]
fn a_team_over_capacity_puts_its_excess_people_at_stake() {
    let m = model(&[
        ("content/teams/ops.toml", "title = \"Ops\"\nlead = \"Lee\"\ncapacity_fte = 2\n"),
        ("content/projects/a.md", &unaligned_project("A", "team = \"ops\"\nbudget = 100\nfte = 3.5")),
    ]);
    let a = analyse(&m, as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "team-over-capacity").unwrap();
    assert_eq!(f.at_stake.fte, Some(1.5));
    assert_eq!(f.at_stake.describe("GBP").as_deref(), Some("£100 of open spend and 1.5 FTE over capacity"));
    assert_eq!(f.owner, Owner { name: Some("Lee".into()), role: Role::TeamLead });
}

/// A review file dated `date` holding `tables` and, when `waive`, a waiver.
fn review_file(date: &str, kind: &str, tables: &str, waive: Option<&str>) -> String {
    let w = waive.map(waiver).unwrap_or_default();
    format!("+++\ntitle = \"Board {date}\"\ndate = {date}\nkind = \"{kind}\"\n{tables}{w}+++\n")
}

#[test]
fn rule_action_overdue() {
    // As of 15 November: due on the 10th is late, due on the 20th is not.
    let action = |due: &str, status: &str| {
        format!("[[actions]]\ntitle = \"Bring a plan\"\nowner = \"Bea\"\ndue = {due}\nstatus = \"{status}\"\n")
    };
    let late = review_file("2026-10-01", "board", &action("2026-11-10", "open"), None);
    let on_time = review_file("2026-10-01", "board", &action("2026-11-20", "open"), None);
    let done = review_file("2026-10-01", "board", &action("2026-11-10", "done"), None);
    let waived = review_file("2026-10-01", "board", &action("2026-11-10", "open"), Some("action-overdue"));
    rule_case(
        "action-overdue",
        &[("content/reviews/oct.md", &late)],
        &[("content/reviews/oct.md", &on_time)],
        &[("content/reviews/oct.md", &waived)],
    );
    assert_eq!(findings_of("action-overdue", &[("content/reviews/oct.md", &done)]).0, 0, "a done action is not late");
    let a = analyse(&model(&[("content/reviews/oct.md", &late)]), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "action-overdue").unwrap();
    assert_eq!(f.owner, Owner { name: Some("Bea".into()), role: Role::ActionOwner }, "its owner answers for it");
    assert!(f.message.contains("was due on 2026-11-10 and is still open, 5 days late"), "{}", f.message);
    assert!(!f.message.contains('`'), "{}", f.message);
}

#[test]
fn rule_decision_stalled() {
    let decide = |decision: &str| format!("[[decisions]]\nproject = \"upgrade\"\ndecision = \"{decision}\"\n");
    let project = |waive: bool| {
        let w = if waive { waiver("decision-stalled") } else { String::new() };
        md(&format!("title = \"Upgrade\"\nstatus = \"paused\"\nobjectives = [\"more\"]\n{w}"))
    };
    let run = |waive: bool, october: &str, kind: &str| {
        let sept = review_file("2026-09-30", "board", &decide("defer"), None);
        let oct = review_file("2026-10-28", kind, october, None);
        let upgrade = project(waive);
        findings_of(
            "decision-stalled",
            &[
                ("content/objectives/more.md", Q4_OBJECTIVE),
                ("content/projects/upgrade.md", &upgrade),
                ("content/reviews/sept.md", &sept),
                ("content/reviews/oct.md", &oct),
            ],
        )
    };
    assert_eq!(run(false, &decide("defer"), "board"), (1, 0), "deferred at two reviews in a row");
    assert_eq!(run(false, &decide("continue"), "board").0, 0, "deferred, then taken at the next review");
    assert_eq!(run(false, "", "board"), (1, 0), "left open when the next board met");
    assert_eq!(run(false, "", "portfolio").0, 0, "a portfolio review is not the next board");
    assert_eq!(run(true, &decide("defer"), "board"), (0, 1), "waived on the project, still listed");
}

#[test]
fn the_portfolio_as_of_a_past_date_leaves_out_what_came_after() {
    let checkin = |date: &str, value: u32, rag: &str| {
        format!(
            "date = {date}\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = {value}\n[[projects]]\nid = \"a\"\nrag = \"{rag}\"\n"
        )
    };
    let project = md("title = \"A\"\nstatus = \"active\"\nrag = \"amber\"\nobjectives = [\"more\"]\n");
    let later_review =
        review_file("2026-11-20", "board", "[[decisions]]\nproject = \"a\"\ndecision = \"stop\"\n", None);
    let (early, late) = (checkin("2026-10-02", 10, "green"), checkin("2026-11-13", 80, "red"));
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/projects/a.md", &project),
        ("content/checkins/early.toml", &early),
        ("content/checkins/late.toml", &late),
        ("content/reviews/oct.md", &review_file("2026-10-15", "board", "", None)),
        ("content/reviews/nov.md", &later_review),
    ]);
    let cut_off = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
    assert!(m.has_news_after(cut_off, 0));
    let then = m.as_of(cut_off, 0);
    assert_eq!(then.checkins.len(), 1);
    assert_eq!(then.objectives[0].key_results[0].current, Some(10.0), "the check-in of that day");
    assert_eq!(then.projects[0].rag, Some(Rag::Green));
    assert!(then.reviews[1].decisions.is_empty(), "a later review's decisions are left out");
    assert!(!then.has_news_after(cut_off, 0));
    // Before its period began and before any check-in: its baseline, not
    // today's value.
    let before = m.as_of(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), 0);
    assert_eq!(before.objectives[0].key_results[0].current, Some(0.0));
    assert_eq!(before.projects[0].rag, Some(Rag::Amber));
    // Today's model is untouched.
    assert_eq!(m.objectives[0].key_results[0].current, Some(80.0));
}

#[test]
fn rule_review_overdue() {
    // Quarterly allows 92 days and a quarter again (115); as of 15 November
    // a review on 1 July is 137 days old, one on 15 August 92.
    let org = format!("{ORG}[rhythm]\nportfolio_review = \"quarterly\"\n");
    let site = |date: &str, waive: bool| {
        let review = review_file(date, "portfolio", "", waive.then_some("review-overdue"));
        vec![("content/organisation.toml".to_string(), org.clone()), ("content/reviews/r.md".to_string(), review)]
    };
    let as_refs = |files: &[(String, String)]| findings_of_owned("review-overdue", files);
    assert_eq!(as_refs(&site("2026-07-01", false)), (1, 0), "older than the cadence allows");
    assert_eq!(as_refs(&site("2026-08-15", false)).0, 0, "within the cadence");
    assert_eq!(as_refs(&site("2026-07-01", true)), (0, 1), "waived on the last review, still listed");
    let board = review_file("2026-11-01", "board", "", None);
    let board_only =
        [("content/organisation.toml".to_string(), org.clone()), ("content/reviews/r.md".to_string(), board)];
    assert_eq!(as_refs(&board_only), (1, 0), "a board meeting is not a portfolio review");
    let no_rhythm = [("content/reviews/r.md".to_string(), review_file("2026-01-01", "portfolio", "", None))];
    assert_eq!(as_refs(&no_rhythm).0, 0, "no rhythm, nothing judged");

    // Never held: the finding points at the cadence that asks for it.
    let files: Vec<(&str, &str)> = board_only.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let a = analyse(&model(&files), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "review-overdue").unwrap();
    assert_eq!(f.subject, Subject::Organisation);
    assert_eq!(&org[f.location.span.clone()], "\"quarterly\"");
    assert!(f.message.contains("No portfolio review is on record"), "{}", f.message);
}

fn findings_of_owned(rule: &str, files: &[(String, String)]) -> (usize, usize) {
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    findings_of(rule, &files)
}

#[test]
fn rule_objective_not_closed() {
    // Q3 ended on 30 September, 46 days before 15 November.
    let q3 = "title = \"Old\"\npriority = \"grow\"\nperiod = \"2026-Q3\"\nowner = \"Ann\"\n";
    let open = md(q3);
    let closed = md(&format!("{q3}[close]\noutcome = \"partly\"\nscore = 0.6\n"));
    let waived = md(&format!("{q3}{}", waiver("objective-not-closed")));
    rule_case(
        "objective-not-closed",
        &[("content/objectives/old.md", &open)],
        &[("content/objectives/old.md", &closed)],
        &[("content/objectives/old.md", &waived)],
    );
    let patient = format!("{ORG}[limits]\nclose_within_days = 60\n");
    let within = findings_of(
        "objective-not-closed",
        &[("content/organisation.toml", &patient), ("content/objectives/old.md", &open)],
    );
    assert_eq!(within.0, 0, "still within the days allowed to close");
    let current = findings_of("objective-not-closed", &[("content/objectives/o.md", &md(Q4))]);
    assert_eq!(current.0, 0, "a current objective is not due to close");
    let a = analyse(&model(&[("content/objectives/old.md", &open)]), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "objective-not-closed").unwrap();
    assert!(f.message.contains("ended on 2026-09-30, 46 days ago"), "{}", f.message);
    assert_eq!(f.owner.name.as_deref(), Some("Ann"));
}

#[test]
fn a_close_records_outcome_score_and_where_the_work_carried_on() {
    let q3 = "title = \"Old\"\npriority = \"grow\"\nperiod = \"2026-Q3\"\n";
    let closed = md(&format!(
        "{q3}[close]\noutcome = \"missed\"\nscore = 0.3\nlearnings = \"Too late.\"\ncarried_to = \"more\"\ndate = 2026-10-10\n"
    ));
    let m = model(&[("content/objectives/old.md", &closed), ("content/objectives/more.md", Q4_OBJECTIVE)]);
    let old = m.objectives.iter().find(|o| o.id == "old").unwrap();
    let close = old.close.as_ref().unwrap();
    assert_eq!(close.outcome, crate::model::Outcome::Missed);
    assert_eq!(close.score, Some(0.3));
    assert_eq!(close.learnings.as_deref(), Some("Too late."));
    assert_eq!(close.carried_to.map(|c| m.objective(c).id.as_str()), Some("more"));
    // A pack cut off before the close does not know of it.
    let before = m.as_of(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(), 0);
    assert!(before.objectives.iter().all(|o| o.close.is_none()));
    assert_eq!(m.news_after(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(), 0).closes, 1);
}

#[test]
fn a_period_is_summed_up_from_its_closed_objectives() {
    let q3 = |title: &str, close: &str| {
        md(&format!("title = \"{title}\"\npriority = \"grow\"\nperiod = \"2026-Q3\"\n{close}"))
    };
    let a = q3("A", "[close]\noutcome = \"achieved\"\nscore = 0.9\n");
    let b = q3("B", "[close]\noutcome = \"partly\"\nscore = 0.5\ncarried_to = \"more\"\n");
    let c = q3("C", "[close]\noutcome = \"dropped\"\n");
    let d = q3("D", "");
    let m = model(&[
        ("content/objectives/a.md", &a),
        ("content/objectives/b.md", &b),
        ("content/objectives/c.md", &c),
        ("content/objectives/d.md", &d),
        ("content/objectives/more.md", Q4_OBJECTIVE),
    ]);
    let q3_ix = Ix::new(m.periods.iter().position(|p| p.id == "2026-Q3").unwrap());
    let s = close::period_close(&m, q3_ix);
    assert_eq!(s.objectives.len(), 4);
    assert_eq!(s.count(crate::model::Outcome::Achieved), 1);
    assert_eq!(s.count(crate::model::Outcome::Partly), 1);
    assert_eq!(s.count(crate::model::Outcome::Missed), 0);
    assert_eq!(s.count(crate::model::Outcome::Dropped), 1);
    assert_eq!((s.closed(), s.open), (3, 1));
    assert!((s.average_score.unwrap() - 0.7).abs() < 1e-9, "the mean of the scores given");
    let more = Ix::new(m.objectives.iter().position(|o| o.id == "more").unwrap());
    assert_eq!(s.carried, vec![(Ix::new(m.objectives.iter().position(|o| o.id == "b").unwrap()), more)]);
    let analysis = analyse(&m, as_of());
    assert_eq!(analysis.objective(more).carried_from.len(), 1, "the later objective knows where it came from");
}

/// A project that names no objectives serves its programme's, and counts
/// as aligned through them; one that names its own keeps them.
#[test]
fn a_project_without_objectives_serves_its_programmes() {
    let obj = md(&format!("{Q4}{KR}"));
    let programme = md("title = \"G\"\nowner = \"Sam\"\nobjectives = [\"o\"]\n");
    let bare = md("title = \"Bare\"\nprogramme = \"g\"\nbudget = 100\n");
    let own = md("title = \"Own\"\nprogramme = \"g\"\nobjectives = [\"o\"]\n");
    let m = model(&[
        ("content/objectives/o.md", &obj),
        ("content/programmes/g.md", &programme),
        ("content/projects/bare.md", &bare),
        ("content/projects/own.md", &own),
    ]);
    let g = &m.programmes[0];
    assert_eq!(g.projects.len(), 2, "the programme lists both projects");
    let bare = m.projects.iter().find(|p| p.title == "Bare").unwrap();
    assert!(bare.serves_programme && bare.contributions.len() == 1);
    assert!(!m.projects.iter().find(|p| p.title == "Own").unwrap().serves_programme);
    let a = analyse(&m, as_of());
    assert!(a.unaligned.is_empty(), "both are aligned: {:?}", a.unaligned);
}

#[test]
fn rules_programme_unaligned_and_off_programme() {
    let obj = md(&format!("{Q4}{KR}"));
    let other = md(&format!("{}{KR}", Q4.replace("\"O\"", "\"Other\"")));
    let files = |programme: &str, project: &str| {
        vec![
            ("content/objectives/o.md".to_string(), obj.clone()),
            ("content/objectives/other.md".to_string(), other.clone()),
            ("content/programmes/g.md".to_string(), md(&format!("title = \"G\"\n{programme}"))),
            ("content/projects/p.md".to_string(), md(&format!("title = \"P\"\nprogramme = \"g\"\n{project}"))),
        ]
    };
    let unaligned = files("", "");
    let aligned = files("objectives = [\"o\"]\n", "");
    let closed = files("status = \"done\"\n", "");
    let waived = files(&waiver("programme-unaligned"), "");
    assert_eq!(findings_of_owned("programme-unaligned", &unaligned), (1, 0), "its one project serves nothing");
    assert_eq!(findings_of_owned("programme-unaligned", &aligned), (0, 0), "the project serves the programme's");
    assert_eq!(findings_of_owned("programme-unaligned", &closed), (0, 0), "a closed programme is not judged");
    assert_eq!(findings_of_owned("programme-unaligned", &waived), (0, 1));

    let off = files("objectives = [\"o\"]\n", "objectives = [\"other\"]\n");
    let on = files("objectives = [\"o\"]\n", "objectives = [\"o\", \"other\"]\n");
    let inherits = files("objectives = [\"o\"]\n", "");
    assert_eq!(findings_of_owned("off-programme", &off), (1, 0), "serves only another objective");
    assert_eq!(findings_of_owned("off-programme", &on), (0, 0), "one objective in common is enough");
    assert_eq!(findings_of_owned("off-programme", &inherits), (0, 0));
    let a = analyse(&model(&off.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect::<Vec<_>>()), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "off-programme").unwrap();
    assert_eq!(f.severity, crate::diag::Severity::Info, "reported, not forbidden");
    assert!(f.message.contains("“P” is part of the programme “G” but serves “Other”"), "{}", f.message);
}

/// A programme's findings go to its senior responsible owner, and what is
/// at stake is what its open projects have left to spend.
#[test]
fn a_programme_finding_is_owned_by_its_sro_with_its_projects_at_stake() {
    let files = [
        ("content/programmes/g.md", md("title = \"G\"\nowner = \"Sam\"\n")),
        ("content/projects/a.md", md("title = \"A\"\nprogramme = \"g\"\nbudget = 100\nspent = 40\nfte = 1\n")),
        ("content/projects/b.md", md("title = \"B\"\nprogramme = \"g\"\nbudget = 50\nfte = 2\n")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let a = analyse(&model(&refs), as_of());
    let f = a.findings.iter().find(|f| f.rule.id == "programme-unaligned").unwrap();
    assert_eq!(f.owner.name.as_deref(), Some("Sam"));
    assert_eq!(f.owner.role, Role::ProgrammeOwner);
    assert_eq!(f.at_stake.money, Some(110.0));
    assert_eq!(f.at_stake.fte, Some(3.0));
}
