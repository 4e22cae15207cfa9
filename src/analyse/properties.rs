//! Properties of the arithmetic that meets user data: whatever numbers a
//! file holds, progress is a share or nothing, health follows progress,
//! and the analysis of a whole site never holds NaN or infinity and does
//! not depend on the order the files come in.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::progress::{Health, health, mean, progress};
use super::*;
use crate::diag::Diagnostics;
use crate::load::load_texts;
use crate::model::{Direction, build};

/// Numbers as people (and mistakes) write them in TOML: small and large,
/// negative, fractional, the extremes of a double.
fn toml_number() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => (0u32..1_000_000).prop_map(|n| n.to_string()),
        2 => (-1000.0f64..1000.0).prop_map(|x| format!("{x:?}")),
        1 => (0.0f64..1.0).prop_map(|x| format!("{x:?}")),
        1 => prop::sample::select(vec!["1e18", "999999999999999999", "1e-300", "5e-324", "0", "-0.0"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec!["1e308", "-1e19", "1.7976931348623157e308"]).prop_map(str::to_string),
    ]
}

/// The same, and now and then one of the literals TOML allows for
/// infinity and NaN.
fn toml_number_or_literal() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        12 => toml_number(),
        1 => prop::sample::select(vec!["inf", "-inf", "nan", "+inf"]).prop_map(str::to_string),
    ]
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -1e6f64..1e6,
        1 => prop::sample::select(vec![f64::MAX, f64::MIN, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 0.0, -0.0, 1e308, -1e308]),
    ]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Increase), Just(Direction::Decrease)]
}

/// Tokens of a Debug dump that are a non-finite float.
fn non_finite(debug: &str) -> Vec<&str> {
    debug.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| *t == "NaN" || *t == "inf").collect()
}

/// One project: (budget, spent, fte, score, objective link, status).
type ProjectSpec = (String, String, String, String, bool, usize);

fn project_spec(number: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = ProjectSpec> {
    (number.clone(), number.clone(), number.clone(), number, any::<bool>(), 0usize..3)
}

/// A site with one objective (its key result from `kr`) and these projects,
/// each written to the file named by `names[i]`.
fn site(kr: &(String, String, String), projects: &[ProjectSpec], names: &[usize]) -> Vec<(String, String)> {
    let mut files = vec![
        (
            "content/organisation.toml".to_string(),
            "name = \"Acme\"\nvision = \"V\"\ncurrent_period = \"2026-Q4\"\n[scoring]\ncapacity = 500000\ncriteria = [{ id = \"fit\", title = \"Fit\", weight = 1 }]\n".to_string(),
        ),
        ("content/priorities/grow.md".to_string(), "+++\ntitle = \"Grow\"\nweight = 60\n+++\n".to_string()),
        ("content/teams/crew.toml".to_string(), "title = \"Crew\"\ncapacity_fte = 10\n".to_string()),
        (
            "content/objectives/more.md".to_string(),
            format!(
                "+++\ntitle = \"More\"\npriority = \"grow\"\nperiod = \"2026-Q4\"\nteam = \"crew\"\n[[key_results]]\nid = \"n\"\ntitle = \"N\"\nstart = {}\ntarget = {}\ncurrent = {}\n+++\n",
                kr.0, kr.1, kr.2
            ),
        ),
    ];
    for ((budget, spent, fte, score, linked, status), name) in projects.iter().zip(names) {
        let status = ["active", "proposed", "paused"][*status];
        let objectives = if *linked { "objectives = [\"more\"]\n" } else { "" };
        files.push((
            format!("content/projects/p{name}.md"),
            format!(
                "+++\ntitle = \"P{name}\"\nstatus = \"{status}\"\nteam = \"crew\"\nbudget = {budget}\nspent = {spent}\nfte = {fte}\nscores = {{ fit = {score} }}\n{objectives}+++\n"
            ),
        ));
    }
    files
}

/// The model and analysis of a site, or `None` when the files have errors
/// (reported as diagnostics, which is also an answer).
fn analysed(files: &[(String, String)]) -> Option<(crate::model::Model, Analysis)> {
    let texts: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let loaded = load_texts(&texts);
    let mut diags = Diagnostics::new();
    diags.extend(loaded.diagnostics.clone());
    let model = build(&loaded, &mut diags);
    if diags.has_errors() {
        return None;
    }
    let analysis = analyse(&model, NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
    Some((model, analysis))
}

proptest! {
    #[test]
    fn progress_is_a_share_or_nothing(start in any_f64(), target in any_f64(), current in any_f64(), d in direction()) {
        if let Some(p) = progress(start, target, current, d) {
            prop_assert!(p.is_finite() && (0.0..=1.0).contains(&p), "progress({start}, {target}, {current}) = {p}");
        }
    }

    #[test]
    fn progress_never_falls_as_the_value_moves_towards_the_target(
        start in -1e6f64..1e6, target in -1e6f64..1e6, a in -2e6f64..2e6, b in -2e6f64..2e6, d in direction()
    ) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let (p_low, p_high) = (progress(start, target, low, d).unwrap(), progress(start, target, high, d).unwrap());
        if target > start || (target == start && d == Direction::Increase) {
            prop_assert!(p_low <= p_high, "more is better: {p_low} > {p_high}");
        } else {
            prop_assert!(p_low >= p_high, "less is better: {p_low} < {p_high}");
        }
    }

    #[test]
    fn health_never_improves_as_progress_falls(expected in 0.0f64..=1.0, a in 0.0f64..=1.0, b in 0.0f64..=1.0) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let rank = |h: Health| match h {
            Health::OnTrack => 0,
            Health::AtRisk => 1,
            Health::OffTrack => 2,
            Health::NotMeasured => 3,
        };
        prop_assert!(rank(health(Some(high), Some(expected))) <= rank(health(Some(low), Some(expected))));
        prop_assert_eq!(health(None, Some(expected)), Health::NotMeasured);
    }

    #[test]
    fn a_mean_lies_between_the_values(values in prop::collection::vec(prop::option::of(0.0f64..=1.0), 0..20)) {
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        match mean(values.iter().copied()) {
            None => prop_assert!(known.is_empty()),
            Some(m) => {
                let (min, max) = known.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
                prop_assert!(min - 1e-12 <= m && m <= max + 1e-12, "{m} outside {min}..{max}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any finite numbers in the files, however large or small: the
    /// analysis holds no NaN or infinity anywhere, and shares are shares.
    #[test]
    fn no_numbers_in_the_files_make_the_analysis_non_finite(
        kr in (toml_number(), toml_number(), toml_number()),
        projects in prop::collection::vec(project_spec(toml_number()), 1..7),
    ) {
        let names: Vec<usize> = (0..projects.len()).collect();
        let analysed = analysed(&site(&kr, &projects, &names));
        // Negative amounts and numbers beyond 1e18 are errors; everything
        // else is analysed.
        let wrong = |n: &String| {
            let x: f64 = n.parse().unwrap();
            x < 0.0 || x.abs() > 1e18
        };
        let rejected = projects.iter().any(|p| [&p.0, &p.1, &p.2, &p.3].into_iter().any(wrong))
            || [&kr.0, &kr.1, &kr.2].into_iter().any(|n| n.parse::<f64>().unwrap().abs() > 1e18);
        prop_assert_eq!(analysed.is_none(), rejected, "{:?} {:?}", kr, projects);
        if let Some((model, analysis)) = analysed {
            let dump = format!("{analysis:?}");
            let at = dump.find("NaN").or_else(|| dump.find(": inf")).or_else(|| dump.find("(inf")).unwrap_or(0);
            let around = &dump[at.saturating_sub(300)..(at + 40).min(dump.len())];
            prop_assert!(non_finite(&dump).is_empty(), "non-finite numbers in the analysis of {projects:?}: …{around}");
            let shares = analysis.priorities.iter().flat_map(|p| [p.budget_share, p.fte_share]).flatten();
            for share in shares.chain(analysis.coverage.budget_share()) {
                prop_assert!((0.0..=1.0).contains(&share), "a share of {share}");
            }
            prop_assert!(non_finite(&format!("{:?}", model.projects)).is_empty(), "the model keeps a non-finite number");
        }
    }

    /// `inf` and `nan` are numbers to TOML but not amounts: a site that
    /// has them is rejected with diagnostics, never analysed, never a panic.
    #[test]
    fn infinity_and_nan_in_the_files_are_rejected_or_harmless(
        kr in (toml_number_or_literal(), toml_number_or_literal(), toml_number_or_literal()),
        projects in prop::collection::vec(project_spec(toml_number_or_literal()), 1..4),
    ) {
        let names: Vec<usize> = (0..projects.len()).collect();
        let analysed = analysed(&site(&kr, &projects, &names));
        let literal = |n: &String| n.parse::<f64>().is_ok_and(|x| !x.is_finite());
        let numbers = projects.iter().flat_map(|p| [&p.0, &p.1, &p.2, &p.3]).chain([&kr.0, &kr.1, &kr.2]);
        if numbers.into_iter().any(literal) {
            prop_assert!(analysed.is_none(), "a site with inf or nan in it is rejected");
        }
        if let Some((_, analysis)) = analysed {
            let dump = format!("{analysis:?}");
            prop_assert!(non_finite(&dump).is_empty());
        }
    }

    /// The same projects in other files (so in another order): the same
    /// findings and totals.
    #[test]
    fn the_analysis_does_not_depend_on_the_order_of_the_files(
        projects in prop::collection::vec(project_spec(toml_number()), 2..7),
        seed in any::<u64>(),
    ) {
        let kr = ("0".to_string(), "100".to_string(), "40".to_string());
        let names: Vec<usize> = (0..projects.len()).collect();
        let mut shuffled = names.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let one = analysed(&site(&kr, &projects, &names));
        let other = analysed(&site(&kr, &projects, &shuffled));
        prop_assert_eq!(one.is_some(), other.is_some());
        if let (Some((_, a)), Some((_, b))) = (one, other) {
            let rules = |x: &Analysis| {
                let mut count: BTreeMap<&str, usize> = BTreeMap::new();
                for f in &x.findings {
                    *count.entry(f.rule.id).or_default() += 1;
                }
                count
            };
            prop_assert_eq!(rules(&a), rules(&b));
            // The ranking reads what is at stake, not where the file is:
            // the same severities and amounts in the same order.
            let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
            let same = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => close(x, y),
                (x, y) => x.is_none() && y.is_none(),
            };
            prop_assert_eq!(a.findings.len(), b.findings.len());
            for (x, y) in a.findings.iter().zip(&b.findings) {
                prop_assert_eq!(x.rank, y.rank);
                prop_assert_eq!(x.effective_severity(), y.effective_severity());
                prop_assert!(same(x.at_stake.money, y.at_stake.money) && same(x.at_stake.fte, y.at_stake.fte),
                    "rank {}: {:?} against {:?}", x.rank, x.at_stake, y.at_stake);
            }
            prop_assert!(close(a.coverage.budget, b.coverage.budget) && close(a.coverage.aligned_budget, b.coverage.aligned_budget));
            prop_assert!(close(a.priorities[0].budget, b.priorities[0].budget));
            prop_assert!(close(a.teams[0].load_fte, b.teams[0].load_fte));
            prop_assert_eq!(a.objectives[0].progress, b.objectives[0].progress);
        }
    }
}

#[test]
fn progress_between_the_largest_numbers_is_still_a_share() {
    assert_eq!(progress(-1e308, 1e308, 1e308, Direction::Increase), Some(1.0));
    assert_eq!(progress(f64::MIN, f64::MAX, 0.0, Direction::Increase), Some(0.5));
    assert_eq!(progress(f64::MAX, f64::MIN, f64::MIN, Direction::Decrease), Some(1.0));
}

#[test]
fn the_generated_sites_are_analysed_not_all_rejected() {
    let plain = (String::from("100"), String::from("5"), String::from("2"), String::from("3"), true, 0);
    let kr = ("0".to_string(), "100".to_string(), "40".to_string());
    assert!(analysed(&site(&kr, &[plain.clone(), plain], &[0, 1])).is_some());
}
