//! A synthetic portfolio of any size, for benchmarks and scale tests.
//!
//! Deterministic (the same size and seed give the same files), valid (it
//! checks without errors) and shaped like a real one: priorities, a team per
//! forty projects, an objective per four projects with three key results
//! each, projects with hypotheses, benefits, dependencies and ~1.5 KB
//! Markdown bodies (headings, lists, a table, links), weekly check-ins over
//! two years and a board review. Files come back as (path, text) pairs;
//! writing them is the caller's business.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

/// How big a portfolio to make.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of projects.
    pub projects: usize,
    /// Seed for the pseudo-random choices.
    pub seed: u64,
}

/// A small, fast, deterministic generator (xorshift64*): plenty for
/// spreading synthetic values, and no dependency for a few lines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &["Aisha", "Ben", "Chloe", "Daniel", "Esther", "Farid", "Grace", "Hannah", "Imran", "Joanne"];
const LAST: &[&str] = &["Rahman", "Carter", "Barnes", "Hughes", "Okafor", "Price", "Adeyemi", "Lee", "Shah", "Pike"];
const VERBS: &[&str] = &["Modernise", "Expand", "Replace", "Automate", "Pilot", "Consolidate", "Redesign", "Digitise"];
const THINGS: &[&str] = &[
    "patient booking",
    "referral triage",
    "clinic scheduling",
    "staff rostering",
    "records storage",
    "theatre utilisation",
    "discharge planning",
    "supplier invoicing",
    "community outreach",
    "data reporting",
];
const RAGS: &[&str] = &["green", "green", "green", "amber", "amber", "red"];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// Periods: eight quarters up to the end of 2026.
fn quarters() -> Vec<(String, NaiveDate, NaiveDate)> {
    (2025..=2026)
        .flat_map(|year| {
            (1..=4).map(move |q| {
                let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1).expect("a valid date");
                let end = if q == 4 {
                    NaiveDate::from_ymd_opt(year, 12, 31)
                } else {
                    NaiveDate::from_ymd_opt(year, q * 3 + 1, 1).and_then(|d| d.pred_opt())
                }
                .expect("a valid date");
                (format!("{year}-Q{q}"), start, end)
            })
        })
        .collect()
}

/// The site root's files for a portfolio of `spec.projects` projects.
pub fn generate(spec: Spec) -> Vec<(String, String)> {
    let mut rng = Rng(spec.seed.max(1));
    let n = spec.projects.max(1);
    let priorities = 5 + n / 5000;
    let teams = (n / 40).max(6);
    let objectives = (n / 4).max(10);
    let mut files = Vec::with_capacity(n + objectives + priorities + 120);

    // organisation.toml, with the teams inline.
    let mut org = format!(
        "name = \"Synthetic Health\"\nvision = \"Every patient seen within a week\"\nmission = \"A synthetic portfolio of {n} projects.\"\ncurrency = \"GBP\"\ncurrent_period = \"2026-Q4\"\n\n[site]\ntitle = \"Synthetic Health — Strategy & Portfolio\"\n\n"
    );
    for (id, start, end) in quarters() {
        let _ = write!(org, "[[periods]]\nid = \"{id}\"\ntitle = \"{id}\"\nstart = {start}\nend = {end}\n\n");
    }
    let _ = write!(
        org,
        "[scoring]\ncapacity = {}\ncriteria = [\n  {{ id = \"fit\", title = \"Strategic fit\", weight = 0.5 }},\n  {{ id = \"impact\", title = \"Impact\", weight = 0.3 }},\n  {{ id = \"deliverability\", title = \"Deliverability\", weight = 0.2 }},\n]\n\n",
        n * 180_000
    );
    for t in 0..teams {
        let parent = if t == 0 { String::new() } else { "parent = \"team-0000\"\n".into() };
        let _ = write!(
            org,
            "[[teams]]\nid = \"team-{t:04}\"\ntitle = \"Team {t}\"\nlead = \"{}\"\ncapacity_fte = {}\n{parent}\n",
            person(&mut rng),
            8 + rng.below(30)
        );
    }
    files.push(("content/organisation.toml".to_string(), org));

    // Priorities, weights adding up to 100.
    let base = 100 / priorities;
    for p in 0..priorities {
        let weight = if p == 0 { 100 - base * (priorities - 1) } else { base };
        files.push((
            format!("content/priorities/priority-{p:02}.md"),
            format!(
                "+++\ntitle = \"Priority {p}: {}\"\nowner = \"{}\"\nweight = {weight}\nperspective = \"customer\"\nhorizon = \"2026–2028\"\norder = {p}\n+++\n\n{}",
                rng.pick(THINGS),
                person(&mut rng),
                paragraph(&mut rng)
            ),
        ));
    }

    // Objectives of the current quarter, three key results each.
    for o in 0..objectives {
        let mut text = format!(
            "+++\ntitle = \"Improve {} ({o})\"\npriority = \"priority-{:02}\"\nperiod = \"2026-Q4\"\nteam = \"team-{:04}\"\nowner = \"{}\"\n",
            rng.pick(THINGS),
            o % priorities,
            o % teams,
            person(&mut rng)
        );
        for k in 0..3 {
            let start = 100 + rng.below(400);
            let target = start / 2;
            let current = start - rng.below(start - target + 1);
            let _ = write!(
                text,
                "\n[[key_results]]\nid = \"kr{k}\"\ntitle = \"Measure {k} of objective {o}\"\nstart = {start}\ntarget = {target}\ncurrent = {current}\nunit = \"cases\"\ndirection = \"decrease\"\nkind = \"outcome\"\nconfidence = 0.{}\n",
                3 + rng.below(6)
            );
        }
        text.push_str("+++\n\n");
        text.push_str(&paragraph(&mut rng));
        files.push((format!("content/objectives/o{o:05}.md"), text));
    }

    // Projects.
    for i in 0..n {
        files.push((
            format!("content/projects/team-{:04}/p{i:05}.md", i % teams),
            project(&mut rng, i, objectives, teams),
        ));
    }

    // Weekly check-ins over two years, each updating a slice of the work.
    let last = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date");
    let quarter_start = NaiveDate::from_ymd_opt(2026, 10, 1).expect("a valid date");
    let slice = (n / 20).max(1);
    for week in 0..104u64 {
        let date = last.checked_sub_days(Days::new(7 * (103 - week))).expect("a valid date");
        let mut text = format!("date = {date}\nauthor = \"PMO\"\n");
        if date >= quarter_start {
            for o in (0..objectives).skip((week as usize) % 3).step_by(3).take(objectives / 3 + 1) {
                let _ = write!(
                    text,
                    "\n[[key_results]]\nobjective = \"o{o:05}\"\nid = \"kr{}\"\nvalue = {}\nconfidence = 0.6\n",
                    rng.below(3),
                    100 + rng.below(300)
                );
            }
        }
        let first = (week as usize * slice) % n;
        for k in 0..slice.min(n) {
            let _ = write!(
                text,
                "\n[[projects]]\nid = \"p{:05}\"\nrag = \"{}\"\nnote = \"Weekly update\"\n",
                (first + k) % n,
                rng.pick(RAGS)
            );
        }
        files.push((format!("content/checkins/{date}.toml"), text));
    }

    files.push((
        "content/reviews/2026-11-board.md".to_string(),
        format!(
            "+++\ntitle = \"Board portfolio review — November 2026\"\ndate = 2026-11-25\nperiod = \"2026-Q4\"\naudience = \"Board\"\n\n[[decisions]]\nproject = \"p00000\"\ndecision = \"continue\"\nrationale = \"On track.\"\n+++\n\n## Chair's summary\n\n{}",
            paragraph(&mut rng)
        ),
    ));
    files
}

fn paragraph(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..4 {
        let _ = write!(
            text,
            "We will {} {} so that people wait less and staff spend more time on care. ",
            rng.pick(VERBS).to_lowercase(),
            rng.pick(THINGS)
        );
    }
    text.push('\n');
    text
}

fn project(rng: &mut Rng, i: usize, objectives: usize, teams: usize) -> String {
    let status = match rng.below(20) {
        0..=13 => "active",
        14..=15 => "proposed",
        16 => "paused",
        _ => "done",
    };
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("a valid date") + Days::new(rng.below(600) as u64);
    let end = start + Days::new(90 + rng.below(500) as u64);
    let budget = 20_000 + rng.below(80) * 10_000;
    let spent = budget * rng.below(110) / 100;
    let objective = i % objectives;
    let mut links = format!("\"o{objective:05}\"");
    if rng.below(4) == 0 {
        let _ = write!(
            links,
            ", {{ id = \"o{:05}\", key_result = \"kr1\", strength = \"weak\" }}",
            (objective + 1) % objectives
        );
    }
    let depends = if i > 5 && rng.below(6) == 0 {
        format!("depends_on = [\"p{:05}\"]\n", i - 1 - rng.below(5))
    } else {
        String::new()
    };
    let rag = if status == "proposed" { String::new() } else { format!("rag = \"{}\"\n", rng.pick(RAGS)) };
    let verb = rng.pick(VERBS);
    let thing = rng.pick(THINGS);
    let mut text = format!(
        "+++\ntitle = \"{verb} {thing} {i}\"\nowner = \"{}\"\nsponsor = \"{}\"\nteam = \"team-{:04}\"\nstatus = \"{status}\"\n{rag}start = {start}\nend = {end}\nbudget = {budget}\nspent = {spent}\nfte = {}.{}\nobjectives = [{links}]\n{depends}scores = {{ fit = {}, impact = {}, deliverability = {} }}\n",
        person(rng),
        person(rng),
        i % teams,
        rng.below(6),
        rng.below(10),
        1 + rng.below(5),
        1 + rng.below(5),
        1 + rng.below(5),
    );
    let _ = write!(
        text,
        "\n[hypothesis]\npurpose = \"{verb} {thing}.\"\nbeneficiaries = \"Patients and staff.\"\noutcomes = \"Shorter waits.\"\nconstraints = \"Within budget.\"\nrisks = \"Supplier delay.\"\ndependencies = \"None.\"\ndefinition_of_done = \"Live in every site.\"\n"
    );
    if status == "done" {
        let _ = write!(
            text,
            "\n[[benefits]]\ntitle = \"Time released\"\nmetric = \"Hours per week\"\nplanned = 100\nrealised = {}\ndue = {}\nreviewed = 2026-11-01\n",
            40 + rng.below(100),
            end + Days::new(60)
        );
    }
    text.push_str("+++\n\n");
    let _ = write!(
        text,
        "## Why\n\n{}\n## Plan\n\n- Discovery with the people who use {thing} today\n- Build and test with two pilot sites\n- Roll out everywhere, then measure\n\n| Milestone | Date | Owner |\n|---|---|---|\n| Pilot live | {start} | {} |\n| Roll-out | {end} | {} |\n\nSee the [programme plan](https://intranet.example/plans/p{i:05}) and the [risk log](https://intranet.example/risks/p{i:05}).\n\n## Risks\n\n{}",
        paragraph(rng),
        person(rng),
        person(rng),
        paragraph(rng)
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_spec_gives_the_same_files() {
        let spec = Spec { projects: 50, seed: 7 };
        assert_eq!(generate(spec), generate(spec));
        assert_ne!(generate(spec), generate(Spec { seed: 8, ..spec }));
    }

    #[test]
    fn a_generated_portfolio_checks_without_errors() {
        let files = generate(Spec { projects: 400, seed: 1 });
        let projects = files.iter().filter(|(p, _)| p.starts_with("content/projects/")).count();
        assert_eq!(projects, 400);
        let bodies: Vec<usize> = files
            .iter()
            .filter(|(p, _)| p.starts_with("content/projects/"))
            .map(|(_, t)| t.len() - t.rfind("+++\n").unwrap_or(0))
            .collect();
        let mean = bodies.iter().sum::<usize>() / bodies.len();
        assert!((1000..2500).contains(&mean), "bodies average {mean} bytes");
        let texts: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let loaded = crate::load::load_texts(&texts);
        let mut diagnostics = loaded.diagnostics.clone();
        let model = crate::model::build(&loaded, &mut diagnostics);
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.severity == crate::diag::Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(model.projects.len(), 400);
        assert_eq!(model.checkins.len(), 104);
    }
}
