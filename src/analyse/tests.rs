//! Analysis rules on small in-memory sites: each rule fires, and a near
//! miss does not.

use chrono::NaiveDate;

use super::*;
use crate::diag::Diagnostics;
use crate::load::load_texts;
use crate::model::{Model, build};

const ORG: &str = "name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n";
const PRIORITY: &str = "+++\ntitle = \"Grow\"\nweight = 60\n+++\n";

fn model(files: &[(&str, &str)]) -> Model {
    let mut all = vec![
        ("content/organisation.toml", ORG),
        ("content/priorities/grow.md", PRIORITY),
    ];
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
        (
            "content/projects/a.md",
            "+++\ntitle = \"A\"\nstatus = \"active\"\nbudget = 100\n+++\n",
        ),
        (
            "content/projects/b.md",
            "+++\ntitle = \"B\"\nstatus = \"active\"\nbudget = 300\nobjectives = [\"more\"]\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    assert_eq!(a.unaligned, vec![Ix::new(0)]);
    assert_eq!(
        a.project(Ix::new(0)).misalignment,
        Some(Misalignment::NoObjectives)
    );
    assert_eq!(a.coverage.budget_share(), Some(0.75));
    assert_eq!(rule_ids(&a), ["unaligned-project"]);
}

#[test]
fn a_project_serving_only_past_objectives_is_unaligned_but_a_finished_one_is_not() {
    let m = model(&[
        ("content/objectives/old.md", Q3_OBJECTIVE),
        ("content/objectives/more.md", Q4_OBJECTIVE),
        (
            "content/projects/a.md",
            "+++\ntitle = \"A\"\nobjectives = [\"old\"]\n+++\n",
        ),
        (
            "content/projects/b.md",
            "+++\ntitle = \"B\"\nstatus = \"done\"\n+++\n",
        ),
        (
            "content/projects/c.md",
            "+++\ntitle = \"C\"\nobjectives = [\"old\", \"more\"]\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    assert_eq!(a.unaligned, vec![Ix::new(0)]);
    assert_eq!(
        a.project(Ix::new(0)).misalignment,
        Some(Misalignment::OnlyPastObjectives)
    );
}

#[test]
fn an_objective_is_supported_through_its_cascade() {
    let child = "+++\ntitle = \"Team part\"\nparent = \"more\"\nperiod = \"2026-Q4\"\n+++\n";
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/objectives/team.md", child),
        (
            "content/projects/a.md",
            "+++\ntitle = \"A\"\nobjectives = [\"team\"]\n+++\n",
        ),
    ]);
    let a = analyse(&m, as_of());
    assert!(a.unsupported.is_empty(), "{:?}", a.unsupported);
    // The child inherits the parent's priority.
    assert_eq!(a.objective(Ix::new(1)).priority, Some(Ix::new(0)));
}

#[test]
fn a_current_objective_without_work_is_unsupported_but_a_past_one_is_not() {
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/objectives/old.md", Q3_OBJECTIVE),
    ]);
    let a = analyse(&m, as_of());
    let unsupported: Vec<&str> = a
        .unsupported
        .iter()
        .map(|o| m.objective(*o).id.as_str())
        .collect();
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
    let checkin_1 =
        "date = 2026-10-02\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = 10\n";
    let checkin_2 =
        "date = 2026-11-13\n[[key_results]]\nobjective = \"more\"\nid = \"n\"\nvalue = 80\n";
    // File names sort the other way round from dates: order must come from dates.
    let m = model(&[
        ("content/objectives/more.md", Q4_OBJECTIVE),
        ("content/checkins/a-late.toml", checkin_2),
        ("content/checkins/b-early.toml", checkin_1),
    ]);
    let kr = &m.objectives[0].key_results[0];
    assert_eq!(kr.current, Some(80.0));
    assert_eq!(kr.history.len(), 2);
    assert_eq!(
        analyse(&m, as_of()).objective(Ix::new(0)).progress,
        Some(0.8)
    );
}

#[test]
fn budget_is_shared_between_priorities_by_strength() {
    let other_priority = "+++\ntitle = \"Save\"\nweight = 40\n+++\n";
    let save = "+++\ntitle = \"Save money\"\npriority = \"save\"\nperiod = \"2026-Q4\"\n+++\n";
    let project = "+++\ntitle = \"A\"\nbudget = 400\nobjectives = [\"more\", { id = \"save\", strength = \"weak\" }]\n+++\n";
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
