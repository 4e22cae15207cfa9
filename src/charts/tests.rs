//! Chart snapshots on small fixtures, plus the empty and the huge case.

use chrono::NaiveDate;

use super::*;
use crate::model::{MilestoneState, Rag};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn intent_rows() -> Vec<IntentRow> {
    vec![
        IntentRow { name: "Faster access to care".into(), intended: Some(40.0), budget: 47.0, fte: 44.0 },
        IntentRow { name: "Workforce wellbeing and retention".into(), intended: Some(20.0), budget: 3.0, fte: 6.0 },
        IntentRow { name: "A digital front door".into(), intended: Some(15.0), budget: 20.0, fte: 30.0 },
    ]
}

#[test]
fn intent_vs_reality_states_the_largest_shortfall() {
    let chart = intent_vs_reality(&intent_rows(), Some(5.0), &ChartStyle::default());
    assert_eq!(chart.title, "Workforce wellbeing and retention gets 3% of open spend against an intended 20%");
    assert!(
        chart.svg.starts_with("<svg role=\"img\" aria-labelledby=\"intent-vs-reality-title intent-vs-reality-desc\"")
    );
    assert!(chart.svg.contains("<title id=\"intent-vs-reality-title\">"));
    assert_eq!(chart.table.rows[0][0], "Workforce wellbeing and retention", "sorted by the size of the drift");
    assert_eq!(chart.table.rows.last().unwrap()[0], "Unaligned work", "unaligned spend is its own row");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn charts_are_deterministic() {
    let style = ChartStyle::default();
    assert_eq!(intent_vs_reality(&intent_rows(), None, &style), intent_vs_reality(&intent_rows(), None, &style));
}

#[test]
fn long_labels_wrap_and_are_cut_only_past_two_lines_with_the_full_name_as_a_tooltip() {
    let row = |name: &str| IntentRow { name: name.into(), intended: Some(50.0), budget: 50.0, fte: 50.0 };
    let wraps = "A priority with a long name that needs two lines";
    let chart = intent_vs_reality(&[row(wraps)], None, &ChartStyle::default());
    let texts: Vec<&str> = chart.svg.split("<text").filter_map(|t| t.split('>').nth(1)).collect();
    let lines: Vec<&&str> = texts.iter().filter(|t| wraps.contains(t.trim_end_matches("</text"))).collect();
    assert_eq!(lines.len(), 2, "two lines, nothing cut: {texts:?}");
    assert!(!chart.svg.contains('…'), "{}", chart.svg);
    let long = "A priority with a name so very long that not even two whole lines of the label area can hold all of it";
    let chart = intent_vs_reality(&[row(long)], None, &ChartStyle::default());
    assert!(chart.svg.contains('…'), "{}", chart.svg);
    assert!(chart.svg.contains(&format!("<title>{long}</title>")), "{}", chart.svg);
}

#[test]
fn non_latin_labels_are_measured_and_wrapped() {
    let row = |name: &str| BulletRow {
        name: name.into(),
        progress: Some(0.5),
        expected: Some(0.5),
        health: "on-track",
        label: "on track",
    };
    let names = [
        "Сократить время ожидания первичного приёма",
        "東京と大阪の外来待ち時間を半分にする取り組み",
        "Réduire l’attente en consultation externe",
    ];
    let rows: Vec<BulletRow> = names.iter().map(|n| row(n)).collect();
    let chart = okr_bullets("b", &rows, &ChartStyle::default());
    for name in names {
        let words: String = name.split_whitespace().collect();
        let shown: String = chart
            .svg
            .split("<text")
            .filter_map(|t| t.split('>').nth(1).map(|s| s.trim_end_matches("</text").to_string()))
            .filter(|t| !t.is_empty() && words.contains(&t.split_whitespace().collect::<String>()))
            .collect::<Vec<_>>()
            .concat();
        assert_eq!(shown.split_whitespace().collect::<String>(), words, "{name} is whole, over its lines");
    }
}

#[test]
fn a_huge_set_of_priorities_is_cut_to_the_top_and_other() {
    let rows: Vec<IntentRow> = (0..5000)
        .map(|i| IntentRow { name: format!("P{i}"), intended: Some(0.02), budget: (i % 7) as f64 * 0.01, fte: 0.0 })
        .collect();
    let chart = intent_vs_reality(&rows, None, &ChartStyle::default());
    assert_eq!(chart.table.rows.len(), intent::MAX_ROWS);
    assert!(chart.table.rows.last().unwrap()[0].starts_with("Other ("));
}

#[test]
fn empty_data_gives_a_reason_not_a_blank_box() {
    let style = ChartStyle::default();
    for chart in [
        intent_vs_reality(&[], None, &style),
        okr_bullets("b", &[], &style),
        status_over_time(&[], &style),
        portfolio_map(&[], "GBP", &style),
        key_result_trend(
            "t",
            &TrendData {
                name: "K".into(),
                unit: None,
                start: None,
                target: None,
                period: None,
                points: vec![],
                forecast: None,
            },
            &style,
        ),
    ] {
        assert!(chart.svg.is_empty());
        assert!(chart.empty.as_deref().is_some_and(|r| r.len() > 10), "{chart:?}");
    }
}

#[test]
fn bullets_show_progress_expectation_and_status_in_words() {
    let rows = vec![
        BulletRow {
            name: "Median wait".into(),
            progress: Some(0.4),
            expected: Some(0.55),
            health: "at-risk",
            label: "at risk",
        },
        BulletRow {
            name: "Did-not-attend rate".into(),
            progress: Some(0.7),
            expected: Some(0.55),
            health: "on-track",
            label: "on track",
        },
        BulletRow {
            name: "Satisfaction".into(),
            progress: None,
            expected: Some(0.55),
            health: "not-measured",
            label: "not measured",
        },
    ];
    let chart = okr_bullets("kr-bullets", &rows, &ChartStyle::default());
    assert_eq!(chart.title, "1 of 3 key results are behind the calendar");
    assert!(chart.svg.contains("▲ 40% at risk"), "status is shown by shape and words, not colour alone");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn bullets_of_an_ended_period_say_what_fell_short() {
    let row = |progress: f64, health: &'static str| BulletRow {
        name: "K".into(),
        progress: Some(progress),
        expected: Some(1.0),
        health,
        label: health,
    };
    let short = okr_bullets("b", &[row(1.0, "on-track"), row(0.77, "at-risk")], &ChartStyle::default());
    assert_eq!(short.title, "1 of 2 key results ended short of their target");
    let met = okr_bullets("b", &[row(1.0, "on-track")], &ChartStyle::default());
    assert_eq!(met.title, "Every measured key result reached its target");
}

/// A waiting-time key result over the fourth quarter, falling from 41 to a
/// target of 21 days, with no check-ins yet.
fn median_wait() -> TrendData {
    TrendData {
        name: "Median wait".into(),
        unit: Some("days".into()),
        start: Some(41.0),
        target: Some(21.0),
        period: Some((d(10, 1), d(12, 31))),
        points: Vec::new(),
        forecast: None,
    }
}

#[test]
fn trend_shows_values_against_the_planned_path() {
    let data = TrendData {
        points: vec![
            TrendPoint { date: d(10, 2), value: 39.0, confidence: Some(0.7) },
            TrendPoint { date: d(10, 30), value: 36.0, confidence: Some(0.6) },
            TrendPoint { date: d(11, 20), value: 33.0, confidence: Some(0.5) },
        ],
        forecast: Some((d(12, 31), 27.3)),
        ..median_wait()
    };
    let chart = key_result_trend("trend-median-wait", &data, &ChartStyle::default());
    assert_eq!(chart.title, "Median wait: 33 days on 20 Nov 2026, target 21 days");
    assert!(chart.svg.contains("planned path"));
    assert!(chart.svg.contains("forecast: 27.3 days by 31 Dec"), "the key names the forecast");
    assert!(chart.description.contains("heads for 27.3 days by 31 December 2026"), "{}", chart.description);
    insta::assert_snapshot!(chart.svg);
}

/// A label is never drawn across a line: where the forecast runs past the
/// target at the right-hand end, the target's value moves to the left.
#[test]
fn the_target_label_moves_off_a_line_that_crosses_it() {
    let x_of = |svg: &str, label: &str| -> i32 {
        let text = svg.split("<text").find(|t| t.contains(&format!(">{label}</text>"))).expect(label);
        text.split(" x=\"").nth(1).and_then(|v| v.split('"').next()?.parse().ok()).expect("an x")
    };
    let points = vec![
        TrendPoint { date: d(10, 2), value: 39.0, confidence: None },
        TrendPoint { date: d(11, 20), value: 30.0, confidence: None },
    ];
    let on_course = TrendData { points: points.clone(), forecast: Some((d(12, 31), 24.0)), ..median_wait() };
    let overshooting = TrendData { points, forecast: Some((d(12, 31), 20.0)), ..median_wait() };
    let style = ChartStyle::default();
    let half = style.width as i32 / 2;
    let clear = key_result_trend("t", &on_course, &style).svg;
    assert!(x_of(&clear, "target 21 days") > half, "at the right-hand end when nothing crosses it: {clear}");
    let crossed = key_result_trend("t", &overshooting, &style).svg;
    assert!(x_of(&crossed, "target 21 days") < half, "on the left when the forecast crosses the right: {crossed}");
}

/// Weekly check-ins repeat their confidence; the chart writes it where it
/// changes and at the latest point, and its key says what the numbers are.
#[test]
fn a_trend_writes_confidence_where_it_changes() {
    let point = |day: u32, confidence: f64| TrendPoint {
        date: d(10, day),
        value: 30.0 + f64::from(day),
        confidence: Some(confidence),
    };
    let data = TrendData {
        points: vec![point(2, 0.7), point(9, 0.7), point(16, 0.6), point(23, 0.6), point(30, 0.6)],
        ..median_wait()
    };
    let chart = key_result_trend("t", &data, &ChartStyle::default());
    assert_eq!(chart.svg.matches(">70%</text>").count(), 1, "{}", chart.svg);
    assert_eq!(chart.svg.matches(">60%</text>").count(), 2, "where it changed, and the latest");
    assert!(chart.svg.contains("the confidence reported"), "the key explains the numbers");
}

#[test]
fn status_over_time_reports_the_drift_in_red() {
    let counts = vec![
        StatusCount { date: d(10, 2), counts: [12, 0, 4, 0, 1] },
        StatusCount { date: d(10, 30), counts: [10, 0, 5, 0, 2] },
        StatusCount { date: d(11, 20), counts: [9, 0, 4, 0, 4] },
    ];
    let chart = status_over_time(&counts, &ChartStyle::default());
    assert_eq!(chart.title, "Red projects rose from 1 to 4 between 2 Oct 2026 and 20 Nov 2026");
    insta::assert_snapshot!(chart.svg);
}

/// The five-point scale is stacked in its order, best at the bottom, each
/// step keyed by shape as well as colour; three-colour data keys three.
#[test]
fn status_over_time_stacks_the_five_point_scale_in_order() {
    let counts = vec![
        StatusCount { date: d(10, 2), counts: [5, 2, 3, 1, 0] },
        StatusCount { date: d(11, 20), counts: [4, 1, 3, 2, 1] },
    ];
    let chart = status_over_time(&counts, &ChartStyle::default());
    assert_eq!(chart.table.headers, ["Date", "Green", "Amber/green", "Amber", "Amber/red", "Red"]);
    assert_eq!(chart.table.rows[1], ["20 Nov 2026", "4", "1", "3", "2", "1"]);
    let at = |word: &str| chart.svg.find(&format!(">{word}</text>")).unwrap_or_else(|| panic!("{word} keyed"));
    assert!(at("green") < at("amber/green") && at("amber/green") < at("amber") && at("amber") < at("amber/red"));
    assert!(chart.description.contains("20 Nov 2026: 4 green, 1 amber/green, 3 amber, 2 amber/red, 1 red"));
    let three = status_over_time(&[StatusCount { date: d(10, 2), counts: [5, 0, 3, 0, 1] }], &ChartStyle::default());
    assert!(!three.svg.contains("amber/"), "three-colour users see three");
    assert_eq!(three.table.headers.len(), 4);
}

#[test]
fn status_over_time_keeps_the_latest_dates_of_a_long_history() {
    let counts: Vec<StatusCount> = (0..104)
        .map(|i| StatusCount {
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(7 * i),
            counts: [1, 0, 1, 0, 1],
        })
        .collect();
    let chart = status_over_time(&counts, &ChartStyle::default());
    assert_eq!(chart.table.rows.len(), status::MAX_DATES);
    assert_eq!(chart.table.rows.last().unwrap()[0], counts.last().unwrap().date.format("%-d %b %Y").to_string());
}

#[test]
fn portfolio_map_marks_status_by_shape_and_draws_the_capacity_line() {
    let p = |name: &str, score: f64, cost: f64, rag: Option<Rag>, above_line: bool| MapPoint {
        name: name.into(),
        score,
        cost,
        budget: cost * 1.5,
        rag,
        above_line,
        rank: (score * 10.0) as usize,
    };
    let points = vec![
        p("Saturday clinics", 4.8, 300_000.0, Some(Rag::Green), true),
        p("Booking replatform", 4.1, 560_000.0, Some(Rag::Amber), true),
        p("Identity platform", 3.2, 400_000.0, Some(Rag::Red), false),
        p("Theatre upgrade", 2.6, 80_000.0, Some(Rag::AmberRed), true),
        p("Car park", 1.5, 150_000.0, None, false),
    ];
    let chart = portfolio_map(&points, "GBP", &ChartStyle::default());
    assert_eq!(chart.title, "2 projects below the capacity line have £550k still to spend");
    assert!(chart.svg.contains("<polygon"), "amber is a triangle");
    assert!(chart.svg.contains("capacity line"));
    for word in ["green", "amber", "amber/red", "red", "not reported", "size: budget"] {
        assert!(chart.svg.contains(&format!(">{word}</text>")), "the key names {word}");
    }
    assert!(!chart.svg.contains("amber/green"), "the key names only the ratings drawn");
    for p in &points {
        assert!(chart.svg.contains(&format!(">{}</text>", p.rank)), "{} is numbered by its rank", p.name);
    }
    assert_eq!(chart.table.headers[0], "No.", "the numbers are keyed in the table");
    assert!(!chart.table.headers.iter().any(|h| h == "On the map"), "nothing is too crowded to number");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn a_crowded_portfolio_map_names_the_marks_it_could_not_number() {
    let points: Vec<MapPoint> = (0..40)
        .map(|i| MapPoint {
            name: format!("P{i}"),
            score: 3.0,
            cost: 100_000.0,
            budget: 100_000.0,
            rag: Some(Rag::Green),
            above_line: true,
            rank: 101 + i,
        })
        .collect();
    let chart = portfolio_map(&points, "GBP", &ChartStyle::default());
    assert_eq!(chart.table.headers.last().unwrap(), "On the map");
    let unnumbered: Vec<&Vec<String>> =
        chart.table.rows.iter().filter(|r| r.last().unwrap() == "unnumbered: crowded").collect();
    assert!(!unnumbered.is_empty() && unnumbered.len() < 40, "some are numbered, the rest say why not");
    for row in &unnumbered {
        assert!(!chart.svg.contains(&format!(">{}</text>", row[0])), "rank {} is not drawn", row[0]);
    }
    assert!(chart.description.contains(&format!("{} marks are too crowded to number", unnumbered.len())));
}

#[test]
fn a_huge_portfolio_map_draws_at_most_the_largest_projects() {
    let points: Vec<MapPoint> = (0..5000)
        .map(|i| MapPoint {
            name: format!("P{i}"),
            score: (i % 5) as f64,
            cost: i as f64,
            budget: i as f64,
            rag: None,
            above_line: true,
            rank: i + 1,
        })
        .collect();
    let chart = portfolio_map(&points, "GBP", &ChartStyle::default());
    // One circle more: the key's, for "not reported".
    assert_eq!(chart.svg.matches("<circle").count(), portfolio_map::MAX_POINTS + 1);
    assert_eq!(chart.table.rows.len(), 5000, "the table keeps every project");
}

fn gbp(v: f64) -> String {
    crate::format::money(v, "GBP")
}

#[test]
fn where_the_money_goes_shows_unaligned_spend_as_its_own_band() {
    let leaf = |p: Option<&str>, o: Option<&str>, amount: f64| MoneyLeaf {
        priority: p.map(Into::into),
        objective: o.map(Into::into),
        amount,
    };
    let leaves = vec![
        leaf(Some("Faster access"), Some("Cut waits"), 600_000.0),
        leaf(Some("Faster access"), Some("More clinics"), 200_000.0),
        leaf(Some("Digital front door"), Some("Online booking"), 300_000.0),
        leaf(None, None, 150_000.0),
    ];
    let chart = where_the_money_goes("money-budget", &leaves, "open budget", &gbp, &ChartStyle::default());
    assert_eq!(chart.title, "12% of open budget (£150k) serves no current objective");
    assert_eq!(chart.table.rows.last().unwrap()[0], "Unaligned work");
    insta::assert_snapshot!(chart.svg);
}

/// The blocks a board most needs named are the small ones: a starved
/// priority and a sliver of unaligned work are numbered and keyed below.
#[test]
fn a_block_too_narrow_for_its_name_is_numbered_and_named_in_a_key() {
    let leaf = |p: Option<&str>, o: Option<&str>, amount: f64| MoneyLeaf {
        priority: p.map(Into::into),
        objective: o.map(Into::into),
        amount,
    };
    let leaves = vec![
        leaf(Some("Faster access to care"), Some("Cut waits"), 9_000_000.0),
        leaf(Some("Workforce wellbeing and retention"), Some("Keep the people we have"), 300_000.0),
        leaf(None, None, 200_000.0),
    ];
    let chart = where_the_money_goes("money-budget", &leaves, "open budget", &gbp, &ChartStyle::default());
    let text = |t: &str| chart.svg.contains(&format!(">{t}</text>"));
    assert!(text("Faster access to care"), "a wide block names itself");
    assert!(text("Workforce wellbeing and retention: £300k · 3%"), "{}", chart.svg);
    assert!(
        text("Keep the people we have (Workforce wellbeing and retention): £300k · 3%"),
        "an objective under a narrow priority is keyed with its priority: {}",
        chart.svg
    );
    assert!(text("Unaligned work: £200k · 2%"), "{}", chart.svg);
    assert!(text("1") && text("2") && text("3"), "the blocks carry their numbers");
    assert!(!chart.svg.contains('…'), "no block's name is cut: {}", chart.svg);
    assert!(!chart.svg.contains("serves no current objective"), "unaligned work has no objective block");
    assert!(!text("Faster access to care: £9m · 95%"), "a block that names itself is not keyed");
}

#[test]
fn the_matrix_calls_out_empty_rows_and_columns() {
    let data = MatrixData {
        rows: vec!["Faster access".into(), "Workforce".into()],
        columns: vec!["Digital".into(), "Outpatients".into(), "Estates".into()],
        cells: vec![vec![500_000.0, 200_000.0, 0.0], vec![0.0, 0.0, 0.0]],
    };
    let chart = alignment_matrix(&data, &gbp, &ChartStyle::default());
    assert_eq!(chart.title, "No team works on Workforce");
    assert!(chart.description.contains("Teams serving no priority: Estates"));
    assert!(chart.svg.contains("Workforce ▲"), "the empty row is marked in words, not only colour");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn a_huge_matrix_keeps_the_biggest_teams() {
    let columns: Vec<String> = (0..300).map(|i| format!("Team {i}")).collect();
    let data = MatrixData { rows: vec!["P".into()], cells: vec![(0..300).map(|i| i as f64).collect()], columns };
    let chart = alignment_matrix(&data, &gbp, &ChartStyle::default());
    assert_eq!(chart.table.headers.len(), 1 + matrix::MAX_COLUMNS + 1);
    assert_eq!(chart.table.headers.last().unwrap(), "290 other teams");
}

#[test]
fn the_roadmap_marks_today_and_overdue_work() {
    let row = |group: &str, name: &str, start: NaiveDate, end: NaiveDate, overdue: bool| RoadmapRow {
        group: group.into(),
        name: name.into(),
        start,
        end,
        overdue,
        status: "active",
        rag: Some(Rag::Green),
        milestones: Vec::new(),
    };
    let rows = vec![
        row("Unaligned work", "Car park", d(6, 1), d(12, 1), false),
        row("Faster access", "Saturday clinics", d(9, 1), d(12, 31), false),
        row("Faster access", "Insourcing", d(7, 1), d(10, 31), true),
    ];
    let chart = roadmap(&rows, d(11, 20), &ChartStyle::default());
    assert_eq!(chart.title, "1 of 3 projects on the roadmap are past their end date");
    assert!(chart.svg.contains("today 20 Nov"));
    assert!(chart.svg.contains(">overdue</text>"), "overdue work is marked in words");
    assert_eq!(chart.table.rows.last().unwrap()[0], "Unaligned work", "unaligned work comes last");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn the_roadmap_shows_status_by_shape_milestones_by_state_and_labelled_months() {
    let milestone =
        |title: &str, date: NaiveDate, state: MilestoneState| RoadmapMilestone { title: title.into(), date, state };
    let row = |name: &str, rag: Option<Rag>, status: &'static str, milestones: Vec<RoadmapMilestone>| RoadmapRow {
        group: "Faster access".into(),
        name: name.into(),
        start: d(2, 1),
        end: d(12, 31),
        overdue: false,
        status,
        rag,
        milestones,
    };
    let rows = vec![
        row(
            "Rostering",
            Some(Rag::Amber),
            "active",
            vec![
                milestone("Wave 1", d(4, 30), MilestoneState::Done),
                milestone("Interface", d(10, 31), MilestoneState::Missed),
            ],
        ),
        row("Hub", Some(Rag::Red), "paused", vec![milestone("Keys handed over", d(12, 1), MilestoneState::Open)]),
        row("Idea", None, "proposed", Vec::new()),
    ];
    let chart = roadmap(&rows, d(11, 20), &ChartStyle::default());
    assert!(chart.title.ends_with("; 1 has missed a milestone"), "{}", chart.title);
    for words in ["amber", "red", "no status reported", "outline: paused", "milestone reached", "milestone missed"] {
        assert!(chart.svg.contains(&format!(">{words}</text>")), "the key explains {words}");
    }
    assert!(!chart.svg.contains(">green</text>"), "the key holds only what is drawn");
    for month in ["Feb", "Mar", "Jun", "Dec"] {
        assert!(chart.svg.contains(&format!(">{month}</text>")), "a year fits every month's name: {month}");
    }
    assert!(chart.svg.contains(">2026</text>"), "the first tick names its year");
    assert_eq!(chart.table.headers.last().unwrap(), "Milestones");
    let table_row = |name: &str| chart.table.rows.iter().find(|r| r[1] == name).expect("every project is listed");
    assert_eq!(table_row("Rostering")[5], "amber");
    assert_eq!(table_row("Rostering")[6], "Wave 1 30 Apr 2026 (reached); Interface 31 Oct 2026 (missed)");
    assert_eq!(table_row("Idea")[5], "not reported");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn a_long_roadmap_thins_its_month_ticks_and_wraps_long_names() {
    let long = "Community pharmacy minor illness partnership with the integrated care board";
    let row = |name: &str, start: NaiveDate, end: NaiveDate| RoadmapRow {
        group: "G".into(),
        name: name.into(),
        start,
        end,
        overdue: false,
        status: "active",
        rag: Some(Rag::Green),
        milestones: Vec::new(),
    };
    let far = NaiveDate::from_ymd_opt(2029, 6, 30).unwrap();
    let chart = roadmap(&[row(long, d(1, 1), far), row("Short", d(3, 1), d(9, 1))], d(11, 20), &ChartStyle::default());
    assert!(!chart.svg.contains(">Feb</text>"), "three and a half years do not name every month");
    assert!(chart.svg.contains(">Jan</text>"));
    assert!(chart.svg.contains(">2028</text>"), "every January names its year");
    assert!(
        chart.svg.contains(">Community pharmacy minor illness partnership with</text>"),
        "a long name takes two lines"
    );
    assert!(chart.svg.contains(">the integrated care board</text>"), "and is not cut while two lines hold it");
}

#[test]
fn a_huge_roadmap_draws_the_first_rows_and_lists_all() {
    let rows: Vec<RoadmapRow> = (0..5000)
        .map(|i| RoadmapRow {
            group: format!("G{}", i % 10),
            name: format!("P{i}"),
            start: d(1, 1),
            end: d(12, 1),
            overdue: false,
            status: "active",
            rag: None,
            milestones: Vec::new(),
        })
        .collect();
    let chart = roadmap(&rows, d(11, 20), &ChartStyle::default());
    assert_eq!(chart.table.rows.len(), 5000);
    assert!(chart.svg.matches("<rect").count() < 200, "only the first rows are drawn");
}

#[test]
fn the_dependency_graph_highlights_loops_blocked_and_late_links() {
    let node = |name: &str, stopped: bool| DepNode {
        name: name.into(),
        status: if stopped { "paused" } else { "active" },
        stopped,
    };
    let nodes = vec![
        node("Cloud", false),
        node("Identity", false),
        node("Booking", false),
        node("HR system", true),
        node("Rostering", false),
    ];
    let links = vec![
        DepLink { dependency: 0, dependent: 1, kind: LinkKind::Late },
        DepLink { dependency: 1, dependent: 2, kind: LinkKind::Normal },
        DepLink { dependency: 3, dependent: 4, kind: LinkKind::Blocked },
    ];
    let chart = dependency_graph(&nodes, &links, &ChartStyle::default());
    assert_eq!(chart.title, "2 of 3 dependencies are blocked or finish too late");
    assert!(
        chart.svg.contains("stroke=\"#D55E00\"") && chart.svg.contains("stroke=\"#E69F00\""),
        "blocked and late links stand out"
    );
    assert!(chart.svg.contains("■ paused"), "stopped work is marked by shape and word");
    insta::assert_snapshot!(chart.svg);
}

#[test]
fn a_dependency_loop_still_lays_out() {
    let nodes: Vec<DepNode> =
        (0..3).map(|i| DepNode { name: format!("P{i}"), status: "active", stopped: false }).collect();
    let links: Vec<DepLink> =
        (0..3).map(|i| DepLink { dependency: i, dependent: (i + 1) % 3, kind: LinkKind::Cycle }).collect();
    let chart = dependency_graph(&nodes, &links, &ChartStyle::default());
    assert_eq!(chart.title, "Some projects wait for each other in a loop");
    assert!(chart.empty.is_none());
}

#[test]
fn the_new_charts_give_reasons_when_empty() {
    let style = ChartStyle::default();
    assert!(where_the_money_goes("m", &[], "open budget", &gbp, &style).empty.is_some());
    assert!(
        alignment_matrix(&MatrixData { rows: vec![], columns: vec![], cells: vec![] }, &gbp, &style).empty.is_some()
    );
    assert!(roadmap(&[], d(11, 20), &style).empty.is_some());
    assert!(dependency_graph(&[], &[], &style).empty.is_some());
}

#[test]
fn the_default_theme_file_matches_the_built_in_style() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/charts.toml")).unwrap();
    let from_file = ChartStyle::from_toml(&text, &|_| None).unwrap();
    let default = ChartStyle::default();
    assert_eq!(
        (from_file.font, from_file.font_size, from_file.width, from_file.primary, from_file.bad),
        (default.font, default.font_size, default.width, default.primary, default.bad)
    );
}

#[test]
fn a_huge_dependency_graph_is_capped_and_a_huge_money_flow_merges_small_objectives() {
    let nodes: Vec<DepNode> =
        (0..5000).map(|i| DepNode { name: format!("P{i}"), status: "active", stopped: false }).collect();
    let links: Vec<DepLink> =
        (1..5000).map(|i| DepLink { dependency: i - 1, dependent: i, kind: LinkKind::Normal }).collect();
    let chart = dependency_graph(&nodes, &links, &ChartStyle::default());
    assert!(
        chart.svg.matches("■").count() == 0 && chart.svg.len() < 400_000,
        "at most {} boxes are drawn",
        dependencies::MAX_NODES
    );
    assert_eq!(chart.table.rows.len(), 4999, "the table lists every link");
    let leaves: Vec<MoneyLeaf> = (0..5000)
        .map(|i| MoneyLeaf { priority: Some("P".into()), objective: Some(format!("O{i}")), amount: 1.0 })
        .collect();
    let chart = where_the_money_goes("m", &leaves, "open budget", &gbp, &ChartStyle::default());
    assert_eq!(chart.table.rows.len(), 1, "objectives too small to see are merged");
    assert_eq!(chart.table.rows[0][1], "5000 other objectives");
}

#[test]
fn a_renamed_chart_labels_itself_with_its_new_id() {
    let rows = [BulletRow {
        name: "A".into(),
        progress: Some(0.5),
        expected: Some(0.5),
        health: "on-track",
        label: "on track",
    }];
    let chart = okr_bullets("kr-bullets", &rows, &ChartStyle::default()).renamed("strategy-bullets");
    assert_eq!(chart.id, "strategy-bullets");
    assert!(chart.svg.contains("aria-labelledby=\"strategy-bullets-title strategy-bullets-desc\""));
    assert!(chart.svg.contains("id=\"strategy-bullets-title\""));
    assert!(!chart.svg.contains("kr-bullets"), "no trace of the old id");
}

/// A trend drawn narrow (the pack sets two to a row) wraps its key onto
/// more lines instead of running it off the edge.
#[test]
fn a_narrow_trend_wraps_its_key() {
    let data = TrendData {
        points: vec![TrendPoint { date: d(10, 2), value: 39.0, confidence: Some(0.7) }],
        forecast: Some((d(12, 31), 30.0)),
        ..median_wait()
    };
    let height = |width: u32| {
        let style = ChartStyle { width, ..ChartStyle::default() };
        let svg = key_result_trend("t", &data, &style).svg;
        assert!(svg.contains("the confidence reported, where it changed"), "the whole key is drawn");
        let at = svg.find("height=\"").expect("a height") + 8;
        svg[at..].split('"').next().unwrap().parse::<u32>().unwrap()
    };
    assert!(height(400) > height(1000), "a narrow chart is taller by its extra key lines");
}
