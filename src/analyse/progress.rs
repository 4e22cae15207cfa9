//! Key-result and objective progress, against the time-based expectation.

use serde::Serialize;

use crate::model::{Direction, KeyResult};

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

#[cfg(test)]
mod tests {
    use super::*;

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
