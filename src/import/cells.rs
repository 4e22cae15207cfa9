//! Reading cells the way spreadsheets write them: money with symbols and
//! separators, UK and ISO dates, RAG variants, percentages, capitals.

use chrono::{Datelike, NaiveDate};

/// Text from a CSV file's bytes: UTF-8 (with or without a byte-order mark),
/// else Windows-1252 (what Excel writes on Windows), which covers Latin-1.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    // 0x80–0x9F differ from Latin-1; five of them are unassigned.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// A header as compared: lower case, words only, units in brackets cut.
pub(super) fn normalise(header: &str) -> String {
    let cut = header.split(['(', '[']).next().unwrap_or(header);
    cut.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The factor a unit in a header implies: `(£m)` is millions, `(£k)` thousands.
pub(super) fn unit_factor(header: &str) -> f64 {
    let lower = header.to_lowercase();
    let unit = lower.split(['(', '[']).nth(1).unwrap_or("");
    let unit = unit.trim_end_matches([')', ']']).trim();
    match unit.trim_start_matches(['£', '$', '€']) {
        "m" | "mn" | "million" | "millions" => 1e6,
        "bn" | "b" | "billion" => 1e9,
        "k" | "000" | "000s" | "thousands" => 1e3,
        _ => 1.0,
    }
}

/// An id from a title: lower-case ASCII words joined by hyphens.
pub fn id_of(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

pub(super) fn title_case(title: &str) -> String {
    let has_lower = title.chars().any(char::is_lowercase);
    if has_lower {
        return title.to_string();
    }
    title
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let mut chars = word.chars();
            let small = matches!(word, "OF" | "AND" | "THE" | "FOR" | "TO" | "IN");
            match chars.next() {
                // Small words stay small, except the first.
                Some(first) if i == 0 || !small => first.to_string() + &chars.as_str().to_lowercase(),
                Some(_) => word.to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number from a cell: currency symbols, thousands separators, `m`/`k`/`bn`
/// suffixes and accounting negatives are understood; a range gives its
/// midpoint. Also says whether the cell carried its own unit (`£2.5m`),
/// which then wins over the column's.
pub(super) fn number(cell: &str) -> Result<(f64, bool, Option<String>), String> {
    let text = cell.trim();
    if text.contains('%') {
        return Err(format!("`{text}` is a percentage, not an amount"));
    }
    let range = text.split_once(" - ").or_else(|| text.split_once(" to ")).or_else(|| {
        // `10-20`, but not a negative number.
        text.char_indices()
            .skip(1)
            .find(|(_, c)| *c == '-' || *c == '–')
            .map(|(i, c)| (&text[..i], &text[i + c.len_utf8()..]))
    });
    if let Some((low, high)) = range
        && let (Ok((low, low_unit)), Ok((high, high_unit))) = (single_number(low), single_number(high))
    {
        // `10-20k`: the high end's unit applies to both.
        let low = if high_unit != 1.0 && low_unit == 1.0 { low * high_unit } else { low };
        let note = format!("the range `{text}` was taken as its midpoint");
        return Ok((round((low + high) / 2.0), high_unit != 1.0, Some(note)));
    }
    single_number(text).map(|(n, unit)| (round(n), unit != 1.0, None))
}

/// To the cent, so `£2.01m` is 2010000, not 2009999.9999999998.
pub(super) fn round(n: f64) -> f64 {
    (n * 100.0).round() / 100.0
}

/// A number and the unit its suffix gave (1 without one).
fn single_number(cell: &str) -> Result<(f64, f64), String> {
    let mut text = cell.trim().to_lowercase();
    let negative = text.starts_with('(') && text.ends_with(')');
    text = text.trim_matches(['(', ')']).to_string();
    text.retain(|c| !matches!(c, '£' | '$' | '€' | ',' | ' ' | '\u{a0}'));
    let (digits, unit) = if let Some(d) = text.strip_suffix("bn") {
        (d, 1e9)
    } else if let Some(d) = text.strip_suffix('m') {
        (d, 1e6)
    } else if let Some(d) = text.strip_suffix('k') {
        (d, 1e3)
    } else {
        (text.as_str(), 1.0)
    };
    let value = digits.parse::<f64>().map_err(|_| format!("`{}` is not a number", cell.trim()))?;
    if !value.is_finite() {
        return Err(format!("`{}` is not a number", cell.trim()));
    }
    Ok((if negative { -value } else { value } * unit, unit))
}

/// A date from a cell: ISO (`2026-03-31`), UK (`31/03/2026`, `31.03.2026`),
/// or written out (`31 Mar 2026`, `March 2026`: the first of the month).
pub(super) fn date(cell: &str) -> Result<NaiveDate, String> {
    let text = cell.trim();
    let found = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .or_else(|| {
            ["%b %Y", "%B %Y", "%m/%Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&format!("1 {text}"), &format!("%d {format}")).ok())
        });
    match found {
        // `31/03/26` reads as the year 26: ask for four digits.
        Some(d) if (1900..=9999).contains(&chrono::Datelike::year(&d)) => Ok(d),
        Some(_) => Err(format!("`{text}` has no four-digit year; write 2026-03-31 or 31/03/2026")),
        None => Err(format!("`{text}` is not a date; write 2026-03-31 or 31/03/2026")),
    }
}

/// The last day of a reporting period: a year (`2024`), a financial year
/// running April to March (`2024-25`, `2024/25`, `FY2024-25`), a quarter
/// (`2024-Q3`, `Q3 2024`), a month (`Sep 2024`) or a date.
pub(super) fn period_end(cell: &str) -> Result<NaiveDate, String> {
    let end = period_end_any(cell)?;
    // A period is written with a four-digit year; `9999-00` would end in
    // the year 10000, which no date in a file can hold.
    match end.year() {
        1900..=9999 => Ok(end),
        _ => Err(format!("`{}` ends outside the years 1900 to 9999", cell.trim())),
    }
}

fn period_end_any(cell: &str) -> Result<NaiveDate, String> {
    let text = cell.trim();
    let upper = text.to_ascii_uppercase();
    let bare = upper.trim_start_matches("FY").trim();
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y));
    let last_day = |y: i32, m: u32| {
        let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
        next.and_then(|d| d.pred_opt())
    };
    if upper.starts_with("FY") && year(bare).is_some() {
        return Err(format!(
            "`{text}` does not say which financial year: write it as two years, such as {}-{:02}",
            bare.parse::<i32>().unwrap_or(2024) - 1,
            bare.parse::<i32>().unwrap_or(2024) % 100
        ));
    }
    if let Some(y) = year(bare) {
        return last_day(y, 12).ok_or_else(|| format!("`{text}` is not a period"));
    }
    if let Some((a, b)) = bare.split_once(['-', '/'])
        && let Some(first) = year(a.trim())
    {
        let b = b.trim();
        let second = match b.len() {
            // The year after whose last two digits these are: 1999-00 is 2000.
            2 => b.parse::<i32>().ok().map(|n| first - first % 100 + n).map(|y| if y <= first { y + 100 } else { y }),
            4 => year(b),
            _ => None,
        };
        if second == Some(first + 1) {
            return NaiveDate::from_ymd_opt(first + 1, 3, 31).ok_or_else(|| format!("`{text}` is not a period"));
        }
    }
    let quarter = |q: &str, y: &str| -> Option<NaiveDate> {
        let q = q.strip_prefix('Q')?.parse::<u32>().ok().filter(|q| (1..=4).contains(q))?;
        last_day(year(y)?, q * 3)
    };
    let parts: Vec<&str> = upper.split(['-', ' ', '/']).filter(|p| !p.is_empty()).collect();
    if let [a, b] = parts.as_slice()
        && let Some(end) = quarter(a, b).or_else(|| quarter(b, a))
    {
        return Ok(end);
    }
    let day = date(text).map_err(|_| {
        format!(
            "`{text}` is not a period; write a year (2024), a financial year (2024-25), a quarter (2024-Q3) or a date"
        )
    })?;
    // A month names its last day.
    let month_only =
        !text.chars().next().is_some_and(|c| c.is_ascii_digit()) || text.matches(['/', '-', ' ', '.']).count() == 1;
    Ok(if month_only { last_day(day.year(), day.month()).unwrap_or(day) } else { day })
}

/// A RAG from a cell, read to the five-point scale: any case, the two
/// colours of a step between written any common way (`Amber/Red`,
/// `Amber-Red`, `amber red`, `A/R`, `AR`, `Red/Amber`); ratings that are
/// not colours (exempt, reset, n/a) give none.
pub(super) fn rag(cell: &str) -> Result<Option<&'static str>, String> {
    let lower = cell.trim().to_lowercase();
    let words: Vec<&str> = lower.split(['/', '-', ' ', '_', '&', '+']).filter(|w| !w.is_empty()).collect();
    let colour = |w: &str| match w {
        "green" | "g" => Some('g'),
        "amber" | "a" | "yellow" | "y" => Some('a'),
        "red" | "r" => Some('r'),
        _ => None,
    };
    let mut colours: Vec<char> = match words.as_slice() {
        // `AR`, `AG`: two letters run together.
        [one] if one.len() == 2 && one.chars().all(|c| colour(&c.to_string()).is_some()) => {
            one.chars().filter_map(|c| colour(&c.to_string())).collect()
        }
        ["exempt" | "reset" | "n" | "na" | "tbc" | "none"] | [] => return Ok(None),
        ["n", "a"] => return Ok(None),
        words => words.iter().map(|w| colour(w)).collect::<Option<Vec<char>>>().unwrap_or_default(),
    };
    colours.sort_unstable();
    colours.dedup();
    match colours.as_slice() {
        ['g'] => Ok(Some("green")),
        ['a'] => Ok(Some("amber")),
        ['r'] => Ok(Some("red")),
        ['a', 'g'] => Ok(Some("amber-green")),
        ['a', 'r'] => Ok(Some("amber-red")),
        _ => Err(format!("`{}` is not a RAG rating (green, amber/green, amber, amber/red or red)", cell.trim())),
    }
}

pub(super) fn status(cell: &str) -> Result<&'static str, String> {
    let lower = normalise(cell);
    let status = match lower.as_str() {
        "active" | "in progress" | "live" | "delivery" | "in delivery" | "open" | "ongoing" | "running" => "active",
        "proposed" | "pipeline" | "planned" | "idea" | "draft" | "pre approval" | "not started" | "approved" => {
            "proposed"
        }
        "paused" | "on hold" | "hold" | "suspended" => "paused",
        "done" | "complete" | "completed" | "closed" | "delivered" | "finished" => "done",
        "cancelled" | "canceled" | "stopped" | "terminated" | "withdrawn" => "cancelled",
        _ => return Err(format!("`{}` is not a status; use proposed, active, paused, done or cancelled", cell.trim())),
    };
    Ok(status)
}

/// A TOML value for an amount: whole numbers stay integers.
pub(super) fn amount_value(n: f64) -> toml_edit::Value {
    if n.fract() == 0.0 && n.abs() < 9e15 { (n as i64).into() } else { n.into() }
}

/// A TOML date.
pub(super) fn date_value(d: NaiveDate) -> toml_edit::Value {
    d.to_string().parse::<toml_edit::Datetime>().expect("ISO dates parse").into()
}

/// A key result's number (baseline, target, value): separators, currency
/// symbols, `k`/`m`/`bn` suffixes and accounting negatives as for money, a
/// `%` after it, and a unit after a space (`1,200 patients`) passed over.
pub(super) fn plain_number(cell: &str) -> Result<f64, String> {
    let text = cell.trim();
    let bare = text.trim_end_matches('%').trim_end();
    if bare.contains(" to ") || bare.contains(" - ") || bare.contains('–') {
        return Err(format!("`{text}` is a range, not one value"));
    }
    let number = match bare.find(char::is_whitespace) {
        Some(at) if bare[at..].trim_start().starts_with(char::is_alphabetic) => &bare[..at],
        _ => bare,
    };
    single_number(number).map(|(n, _)| round(n)).map_err(|_| format!("`{text}` is not a number"))
}

/// A confidence, 0–1: `0.7`, `70%` and `70` (out of 100) are the same.
pub(super) fn confidence(cell: &str) -> Result<f64, String> {
    let text = cell.trim();
    let percent = text.ends_with('%');
    let n = plain_number(text).map_err(|_| format!("`{text}` is not a confidence; write 0.7 or 70%"))?;
    // `70` is 70%; `1.5` could be anything, and is asked about.
    let n = match (percent, n) {
        (true, n) => n / 100.0,
        (false, n) if n > 1.0 && n.fract() == 0.0 => n / 100.0,
        (false, n) if n > 1.0 => return Err(format!("`{text}` is not a confidence; write 0.7 or 70%")),
        (false, n) => n,
    };
    if (0.0..=1.0).contains(&n) {
        Ok((n * 1000.0).round() / 1000.0)
    } else {
        Err(format!("`{text}` is not a confidence between 0 and 1 (or 0% and 100%)"))
    }
}

/// One of a field's allowed values, from the words people write for it.
pub(super) fn choice(cell: &str, choices: &[(&'static str, &[&str])], what: &str) -> Result<&'static str, String> {
    let said = normalise(cell);
    choices
        .iter()
        .find(|(value, words)| *value == said || words.contains(&said.as_str()))
        .map(|(value, _)| *value)
        .ok_or_else(|| {
            let allowed: Vec<&str> = choices.iter().map(|(v, _)| *v).collect();
            format!("`{}` is not a {what}; use {}", cell.trim(), allowed.join(", "))
        })
}

/// A period id: `2026-Q4` as written, or `Q4 2026` / `2026 Q4` turned into
/// it; any other name must be one of the periods organisation.toml lists.
pub(super) fn period(cell: &str, listed: &[String]) -> Result<String, String> {
    let text = cell.trim();
    if let Some(id) = listed.iter().find(|p| p.eq_ignore_ascii_case(text)) {
        return Ok(id.clone());
    }
    let words: Vec<String> =
        text.to_uppercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect();
    // A quarter (`Q4`) or a half (`H1`) of a year, in either order, or a year.
    let part = |w: &str| {
        let quarter = w.strip_prefix('Q').filter(|n| matches!(*n, "1" | "2" | "3" | "4"));
        let half = w.strip_prefix('H').filter(|n| matches!(*n, "1" | "2"));
        quarter.map(|n| format!("Q{n}")).or_else(|| half.map(|n| format!("H{n}")))
    };
    let year = |w: &str| (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())).then(|| w.to_string());
    let found = match words.as_slice() {
        [a] => year(a),
        [a, b] => match (year(a), part(b), part(a), year(b)) {
            (Some(y), Some(p), _, _) | (_, _, Some(p), Some(y)) => Some(format!("{y}-{p}")),
            _ => None,
        },
        _ => None,
    };
    found.ok_or_else(|| {
        let hint = if listed.is_empty() { String::new() } else { format!(" or one of {}", listed.join(", ")) };
        format!("`{text}` is not a period; write 2026-Q4, 2026-H1 or 2026{hint}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_read_the_way_spreadsheets_write_them() {
        assert_eq!(number("£1,234.50").unwrap().0, 1234.5);
        assert_eq!(number("$2.5m").unwrap(), (2_500_000.0, true, None));
        assert_eq!(number("£2.01m").unwrap().0, 2_010_000.0);
        assert_eq!(number("(300)").unwrap().0, -300.0);
        assert_eq!(
            number("10 - 20").unwrap(),
            (15.0, false, Some("the range `10 - 20` was taken as its midpoint".into()))
        );
        assert_eq!(number("10-20k").unwrap().0, 15_000.0);
        assert!(number("tbc").is_err());
        assert!(number("50%").is_err());
        assert!(date("31/03/26").unwrap_err().contains("four-digit year"));
        assert_eq!(date("31/03/2026").unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(date("2026-03-31").unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(date("1 Apr 2027").unwrap(), NaiveDate::from_ymd_opt(2027, 4, 1).unwrap());
        assert_eq!(date("March 2028").unwrap(), NaiveDate::from_ymd_opt(2028, 3, 1).unwrap());
        assert!(date("soon").is_err());
        for (cell, five) in [
            ("GREEN", "green"),
            ("g", "green"),
            ("Amber/Green", "amber-green"),
            ("Amber-Green", "amber-green"),
            ("green/amber", "amber-green"),
            ("A/G", "amber-green"),
            ("AG", "amber-green"),
            ("Amber", "amber"),
            ("yellow", "amber"),
            ("Amber/Red", "amber-red"),
            ("Amber-Red", "amber-red"),
            ("amber red", "amber-red"),
            ("A/R", "amber-red"),
            ("AR", "amber-red"),
            ("Red/Amber", "amber-red"),
            ("RED", "red"),
        ] {
            assert_eq!(rag(cell).unwrap(), Some(five), "{cell}");
        }
        assert_eq!(rag("N/A").unwrap(), None);
        assert!(rag("Red/Green").is_err(), "no step lies between red and green");
        assert_eq!(rag("Exempt").unwrap(), None);
        assert!(rag("purple").is_err());
        assert_eq!(status("In Progress").unwrap(), "active");
        assert_eq!(status("On hold").unwrap(), "paused");
        assert_eq!(id_of("HS2 — Phase 2a (Fradley–Crewe)"), "hs2-phase-2a-fradley-crewe");
        assert_eq!(id_of("Café Réseau"), "cafe-reseau");
        assert_eq!(title_case("NEW HOSPITAL PROGRAMME FOR THE NORTH"), "New Hospital Programme for the North");
        assert_eq!(title_case("Keep Me"), "Keep Me");
        assert_eq!(title_case("THE NEW HOSPITAL"), "The New Hospital");
        assert_eq!(decode(b"\xEF\xBB\xBFa"), "a");
        assert_eq!(decode(b"caf\xe9 \x80"), "café €");
    }

    #[test]
    fn reporting_periods_end_where_their_names_say() {
        let end = |cell: &str| period_end(cell).map(|d| d.to_string());
        assert_eq!(end("2024").unwrap(), "2024-12-31");
        for fy in ["2024-25", "2024/25", "FY2024-25", "FY 2024/2025"] {
            assert_eq!(end(fy).unwrap(), "2025-03-31", "{fy}");
        }
        assert_eq!(end("1999-00").unwrap(), "2000-03-31", "across a century");
        for q in ["2024-Q3", "Q3 2024", "2024 q3"] {
            assert_eq!(end(q).unwrap(), "2024-09-30", "{q}");
        }
        assert_eq!(end("Q1 2025").unwrap(), "2025-03-31");
        assert_eq!(end("Feb 2024").unwrap(), "2024-02-29", "a month names its last day");
        assert_eq!(end("30/06/2024").unwrap(), "2024-06-30");
        assert_eq!(end("2024-06-15").unwrap(), "2024-06-15");
        assert!(end("2024-26").is_err(), "not one year after the other");
        assert!(end("9999-00").is_err(), "no year after 9999");
        assert!(end("FY2024").unwrap_err().contains("such as 2023-24"), "FY2024 could be either");
        assert!(end("Q5 2024").unwrap_err().contains("a financial year (2024-25)"));
    }

    #[test]
    fn key_result_cells_read_units_percentages_and_periods() {
        assert_eq!(plain_number("1,200 patients").unwrap(), 1200.0);
        assert_eq!(plain_number("85%").unwrap(), 85.0);
        assert_eq!(plain_number("-3.5").unwrap(), -3.5);
        assert_eq!(plain_number("12k").unwrap(), 12_000.0, "a suffix multiplies");
        assert_eq!(plain_number("£2.5m").unwrap(), 2_500_000.0);
        assert_eq!(plain_number("(300)").unwrap(), -300.0);
        assert!(plain_number("lots").is_err());
        assert!(plain_number("12 to 15").is_err(), "a range is not one value");
        assert!(plain_number("12x").is_err());
        assert_eq!(confidence("0.7").unwrap(), 0.7);
        assert_eq!(confidence("70%").unwrap(), 0.7);
        assert_eq!(confidence("70").unwrap(), 0.7);
        assert!(confidence("170%").is_err());
        assert!(confidence("1.5").is_err(), "neither a fraction nor a percentage");
        assert!(confidence("high").is_err());
        let directions: [(&str, &[&str]); 2] = [("increase", &["up", "higher is better"]), ("decrease", &["down"])];
        assert_eq!(choice("Higher is better", &directions, "direction").unwrap(), "increase");
        assert_eq!(choice("DECREASE", &directions, "direction").unwrap(), "decrease");
        assert_eq!(
            choice("sideways", &directions, "direction").unwrap_err(),
            "`sideways` is not a direction; use increase, decrease"
        );
        assert_eq!(period("Q4 2026", &[]).unwrap(), "2026-Q4");
        assert_eq!(period("2026 q1", &[]).unwrap(), "2026-Q1");
        assert_eq!(period("H2 2026", &[]).unwrap(), "2026-H2");
        assert_eq!(period("2027", &[]).unwrap(), "2027");
        assert_eq!(period("fy26-h1", &["FY26-H1".to_string()]).unwrap(), "FY26-H1");
        assert!(period("next year", &["FY26-H1".to_string()]).unwrap_err().contains("or one of FY26-H1"));
    }
}
