//! Key-result and objective progress, against the time-based expectation.

use serde::Serialize;

use chrono::NaiveDate;

use crate::model::{Direction, KeyResult, Period};

/// How an objective or key result stands against what the calendar expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// Progress keeps up with elapsed time (or the target is met).
    OnTrack,
    /// Behind, but recoverable.
    AtRisk,
    /// Far behind.
    OffTrack,
    /// Cannot be measured: no baseline, target or value yet.
    NotMeasured,
}

impl Health {
    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Health::OnTrack => "on track",
            Health::AtRisk => "at risk",
            Health::OffTrack => "off track",
            Health::NotMeasured => "not measured",
        }
    }

    /// The CSS-friendly name.
    pub fn slug(self) -> &'static str {
        match self {
            Health::OnTrack => "on-track",
            Health::AtRisk => "at-risk",
            Health::OffTrack => "off-track",
            Health::NotMeasured => "not-measured",
        }
    }
}

/// Behind the expectation by at most this much still counts as on track.
pub const ON_TRACK_SLACK: f64 = 0.10;
/// Behind by more than this is off track.
pub const OFF_TRACK_GAP: f64 = 0.25;

/// Progress of a key result from its baseline towards its target, 0–1.
///
/// Works in either direction (the sign of target − start decides). Values
/// beyond the target count as 1 and values behind the baseline as 0. When
/// the target equals the baseline there is no distance to cover: the key
/// result is done (1) if the current value meets the target in its
/// direction, else not started (0). `None` when a number is missing.
pub fn key_result_progress(kr: &KeyResult) -> Option<f64> {
    progress(kr.start?, kr.target?, kr.current?, kr.direction)
}

/// [`key_result_progress`] on plain numbers.
pub fn progress(start: f64, target: f64, current: f64, direction: Direction) -> Option<f64> {
    if !(start.is_finite() && target.is_finite() && current.is_finite()) {
        return None;
    }
    // Halved, so the differences of the largest finite numbers stay finite.
    let distance = target / 2.0 - start / 2.0;
    if distance == 0.0 {
        let met = match direction {
            Direction::Increase => current >= target,
            Direction::Decrease => current <= target,
        };
        return Some(if met { 1.0 } else { 0.0 });
    }
    Some(((current / 2.0 - start / 2.0) / distance).clamp(0.0, 1.0))
}

/// Health from progress and the expectation (share of the period elapsed).
pub fn health(progress: Option<f64>, expected: Option<f64>) -> Health {
    let Some(progress) = progress else {
        return Health::NotMeasured;
    };
    let Some(expected) = expected else {
        return Health::NotMeasured;
    };
    if progress >= 1.0 {
        return Health::OnTrack;
    }
    let gap = expected - progress;
    if gap <= ON_TRACK_SLACK {
        Health::OnTrack
    } else if gap <= OFF_TRACK_GAP {
        Health::AtRisk
    } else {
        Health::OffTrack
    }
}

/// The mean of the measurable values; `None` if there are none.
pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values.into_iter().flatten().fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Where a key result is heading by the end of its period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    /// The value expected on the period's last day.
    pub value: f64,
    /// That value's progress from baseline to target, 0–1.
    pub progress: Option<f64>,
    /// The day the forecast is for.
    pub by: NaiveDate,
}

impl Forecast {
    /// Whether the forecast meets the target.
    pub fn reaches(&self) -> bool {
        self.progress.is_some_and(|p| p >= 1.0)
    }
}

/// How the forecast is made, in words for readers.
pub const FORECAST_METHOD: &str = "A straight line fitted by least squares through the baseline (on the period's first day) and every check-in value so far, extended to the period's last day.";

/// A key result's forecast to the end of `period` from its check-ins:
/// a least-squares line through the baseline on the period's first day
/// and every check-in value dated in the period, read at its last day.
///
/// `None` without a check-in in the period (nothing to go on), when the
/// points do not span two days, or once the period has ended (the last
/// value is then the result, not a forecast).
pub fn forecast(kr: &KeyResult, period: &Period, as_of: NaiveDate) -> Option<Forecast> {
    if as_of > period.end {
        return None;
    }
    let day = |d: NaiveDate| (d - period.start).num_days() as f64;
    let checkins: Vec<(f64, f64)> = kr
        .history
        .iter()
        .filter(|h| period.contains(h.date) && h.value.is_finite())
        .map(|h| (day(h.date), h.value))
        .collect();
    if checkins.is_empty() {
        return None;
    }
    let points: Vec<(f64, f64)> =
        kr.start.filter(|s| s.is_finite()).map(|s| (0.0, s)).into_iter().chain(checkins).collect();
    let mut value = fitted_at(&points, day(period.end))?;
    // A measure that has never been negative (a count, a share) is not
    // forecast below zero: the line stops where the measure must.
    if kr.target.is_none_or(|t| t >= 0.0) && points.iter().all(|p| p.1 >= 0.0) {
        value = value.max(0.0);
    }
    let progress = match (kr.start, kr.target) {
        (Some(start), Some(target)) => progress(start, target, value, kr.direction),
        _ => None,
    };
    Some(Forecast { value, progress, by: period.end })
}

/// The least-squares line through `points` (x, y), read at `x`; `None`
/// when every point has the same x or the result is not finite.
fn fitted_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let value = mean_y + sxy / sxx * (x - mean_x);
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Location};
    use crate::model::{Ix, KeyResultKind, KeyResultPoint, Written};

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn q4() -> Period {
        Period { id: "2026-Q4".into(), title: "Q4 2026".into(), start: date(10, 1), end: date(12, 31) }
    }

    fn kr(start: f64, target: f64, history: &[(NaiveDate, f64)]) -> KeyResult {
        KeyResult {
            id: "k".into(),
            title: "K".into(),
            start: Some(start),
            target: Some(target),
            current: history.last().map(|h| h.1),
            unit: None,
            direction: if target < start { Direction::Decrease } else { Direction::Increase },
            kind: KeyResultKind::Outcome,
            owner: None,
            confidence: None,
            metric: None,
            written: Written::default(),
            history: history
                .iter()
                .map(|&(date, value)| KeyResultPoint { checkin: Ix::new(0), date, value, confidence: None, note: None })
                .collect(),
            location: Location::file_start(FileId::of_path(std::path::Path::new("o.md"))),
        }
    }

    #[test]
    fn a_steady_trend_is_extended_to_the_period_end() {
        // One a day from 0 on 1 October: 91 on 31 December.
        let k = kr(0.0, 100.0, &[(date(10, 11), 10.0), (date(10, 21), 20.0)]);
        let f = forecast(&k, &q4(), date(10, 21)).unwrap();
        assert!((f.value - 91.0).abs() < 1e-9, "{}", f.value);
        assert!((f.progress.unwrap() - 0.91).abs() < 1e-9);
        assert!(!f.reaches());
        assert_eq!(f.by, date(12, 31));
    }

    #[test]
    fn the_fit_evens_out_a_noisy_history_and_reads_either_direction() {
        // Falling from 400 by about two a day, with noise either side.
        let k = kr(400.0, 250.0, &[(date(10, 11), 382.0), (date(10, 21), 358.0), (date(10, 31), 342.0)]);
        let f = forecast(&k, &q4(), date(11, 1)).unwrap();
        // Least squares through (0,400) (10,382) (20,358) (30,342):
        // slope −1.98, intercept 400.2; at day 91, 220.02.
        assert!((f.value - 220.02).abs() < 1e-6, "{}", f.value);
        assert!(f.reaches(), "below the target of 250 on a falling measure");
    }

    #[test]
    fn a_count_is_not_forecast_below_zero() {
        let k = kr(57.0, 0.0, &[(date(10, 31), 19.0)]);
        assert_eq!(forecast(&k, &q4(), date(11, 1)).unwrap().value, 0.0);
    }

    #[test]
    fn no_forecast_without_a_check_in_or_after_the_period() {
        assert_eq!(forecast(&kr(0.0, 100.0, &[]), &q4(), date(11, 1)), None);
        let k = kr(0.0, 100.0, &[(date(10, 11), 10.0)]);
        assert!(forecast(&k, &q4(), date(11, 1)).is_some(), "the baseline and one check-in make a line");
        assert_eq!(forecast(&k, &q4(), NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()), None);
        let before = kr(0.0, 100.0, &[(date(9, 20), 10.0)]);
        assert_eq!(forecast(&before, &q4(), date(11, 1)), None, "a check-in before the period says nothing of it");
    }

    #[test]
    fn progress_runs_from_baseline_to_target_in_either_direction() {
        assert_eq!(progress(0.0, 100.0, 25.0, Direction::Increase), Some(0.25));
        assert_eq!(progress(41.0, 21.0, 31.0, Direction::Decrease), Some(0.5));
    }

    #[test]
    fn progress_is_clamped() {
        assert_eq!(progress(0.0, 10.0, 15.0, Direction::Increase), Some(1.0));
        assert_eq!(progress(0.0, 10.0, -5.0, Direction::Increase), Some(0.0));
    }

    #[test]
    fn a_target_equal_to_the_baseline_is_met_or_not() {
        assert_eq!(progress(5.0, 5.0, 5.0, Direction::Increase), Some(1.0));
        assert_eq!(progress(5.0, 5.0, 4.0, Direction::Increase), Some(0.0));
        assert_eq!(progress(5.0, 5.0, 4.0, Direction::Decrease), Some(1.0));
    }

    #[test]
    fn non_finite_numbers_give_no_progress() {
        assert_eq!(progress(0.0, f64::NAN, 1.0, Direction::Increase), None);
    }

    #[test]
    fn health_compares_progress_with_elapsed_time() {
        assert_eq!(health(Some(0.45), Some(0.5)), Health::OnTrack);
        assert_eq!(health(Some(0.30), Some(0.5)), Health::AtRisk);
        assert_eq!(health(Some(0.10), Some(0.5)), Health::OffTrack);
        assert_eq!(health(Some(1.0), Some(1.0)), Health::OnTrack);
        assert_eq!(health(None, Some(0.5)), Health::NotMeasured);
    }

    #[test]
    fn mean_skips_what_cannot_be_measured() {
        assert_eq!(mean([Some(0.5), None, Some(1.0)]), Some(0.75));
        assert_eq!(mean([None]), None);
    }
}
