//! Reporting periods: quarters, halves and years by name, or listed
//! explicitly in organisation.toml for anything else (a financial year
//! starting in April, a sprint, a tertial).

use chrono::{Datelike, NaiveDate};

/// A named span of time that objectives and reviews belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The id used in content (`2026-Q4`).
    pub id: String,
    /// How it is shown (`Q4 2026`).
    pub title: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl Period {
    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Share of the period elapsed at `date`, 0 before it starts, 1 after
    /// it ends. The expectation line for key-result progress.
    pub fn elapsed(&self, date: NaiveDate) -> f64 {
        let total = (self.end - self.start).num_days() + 1;
        let done = (date - self.start).num_days() + 1;
        (done as f64 / total as f64).clamp(0.0, 1.0)
    }

    /// The calendar quarter holding `date`, as a period.
    pub fn quarter_of(date: NaiveDate) -> Period {
        let q = (date.month0() / 3) + 1;
        parse_period_id(&format!("{}-Q{q}", date.year())).expect("a well-formed quarter")
    }
}

/// Understands `YYYY-Qn`, `YYYY-Hn` and `YYYY` without being told.
pub fn parse_period_id(id: &str) -> Option<Period> {
    let (year, rest) = match id.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (id, None),
    };
    if year.len() != 4 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let (start_month, months, title) = match rest.map(|r| r.to_ascii_uppercase()) {
        None => (1, 12, format!("{year}")),
        Some(r) if r.len() == 2 && r.starts_with('Q') => {
            let q: u32 = r[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
            ((q - 1) * 3 + 1, 3, format!("Q{q} {year}"))
        }
        Some(r) if r.len() == 2 && r.starts_with('H') => {
            let h: u32 = r[1..].parse().ok().filter(|h| (1..=2).contains(h))?;
            ((h - 1) * 6 + 1, 6, format!("H{h} {year}"))
        }
        Some(_) => return None,
    };
    let start = NaiveDate::from_ymd_opt(year, start_month, 1)?;
    let end_month = start_month + months;
    let end = if end_month > 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, end_month, 1)?
    }
    .pred_opt()?;
    Some(Period { id: id.to_string(), title, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn understands_quarters_halves_and_years() {
        let q4 = parse_period_id("2026-Q4").unwrap();
        assert_eq!((q4.start, q4.end, q4.title.as_str()), (d(2026, 10, 1), d(2026, 12, 31), "Q4 2026"));
        let h1 = parse_period_id("2026-h1").unwrap();
        assert_eq!((h1.start, h1.end), (d(2026, 1, 1), d(2026, 6, 30)));
        let y = parse_period_id("2027").unwrap();
        assert_eq!((y.start, y.end), (d(2027, 1, 1), d(2027, 12, 31)));
    }

    #[test]
    fn rejects_what_it_does_not_understand() {
        for id in ["2026-Q5", "Q4", "26-Q1", "2026-W12", "FY26"] {
            assert!(parse_period_id(id).is_none(), "{id}");
        }
    }

    #[test]
    fn elapsed_is_clamped_and_counts_both_ends() {
        let q = parse_period_id("2026-Q4").unwrap();
        assert_eq!(q.elapsed(d(2026, 9, 1)), 0.0);
        assert_eq!(q.elapsed(d(2026, 12, 31)), 1.0);
        assert_eq!(q.elapsed(d(2027, 2, 1)), 1.0);
        let mid = q.elapsed(d(2026, 11, 15));
        assert!(mid > 0.49 && mid < 0.51, "{mid}");
    }

    #[test]
    fn quarter_of_a_date() {
        assert_eq!(Period::quarter_of(d(2026, 11, 22)).id, "2026-Q4");
    }
}
