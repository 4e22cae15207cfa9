//! Numbers, money and percentages as readers expect to see them, shared by
//! analysis messages and pages.

/// The symbol shown before amounts in a currency, or the code and a space.
pub fn currency_symbol(code: &str) -> String {
    match code {
        "GBP" => "£".into(),
        "USD" | "AUD" | "CAD" | "NZD" => "$".into(),
        "EUR" => "€".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        other => format!("{other} "),
    }
}

/// `text` with its first letter a capital: board text reads as sentences.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A short amount: `£1.2m`, `£640k`, `£900`.
pub fn money(amount: f64, currency: &str) -> String {
    let symbol = currency_symbol(currency);
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    let body = if a >= 1e9 {
        format!("{}bn", trim(a / 1e9, 1))
    } else if a >= 1e6 {
        format!("{}m", trim(a / 1e6, 1))
    } else if a >= 1e4 {
        format!("{}k", trim(a / 1e3, 0))
    } else if a >= 1e3 {
        format!("{}k", trim(a / 1e3, 1))
    } else {
        trim(a, 0)
    };
    format!("{sign}{symbol}{body}")
}

/// A share as a whole percentage: `42%`.
pub fn percent(share: f64) -> String {
    // A share of a budget or a capacity of almost nothing can be any size:
    // past a million per cent the figure says nothing more.
    if share.is_nan() {
        return "—".into();
    }
    if share.abs() >= 10_000.0 {
        return if share < 0.0 { "below −1,000,000%".into() } else { "over 1,000,000%".into() };
    }
    format!("{:.0}%", share * 100.0)
}

/// A measured value with up to `decimals` decimals and no trailing zeros,
/// thousands separated: `1,250`, `3.5`.
pub fn number(value: f64) -> String {
    let decimals = if value.abs() >= 100.0 { 0 } else { 2 };
    trim(value, decimals)
}

fn trim(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    let s = if s == "-0" { "0".to_string() } else { s };
    group_thousands(&s)
}

fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value with its unit: `33 days`, `72%`, `£1.2m`.
pub fn with_unit(value: f64, unit: Option<&str>, currency: &str) -> String {
    match unit {
        Some("%") => format!("{}%", number(value)),
        Some(u) if u.eq_ignore_ascii_case(currency) || u == currency_symbol(currency).trim() => money(value, currency),
        Some(u) => format!("{} {u}", number(value)),
        None => number(value),
    }
}

/// "a", "a and b", "a, b and c": a list as a sentence says it.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_short() {
        assert_eq!(money(1_234_567.0, "GBP"), "£1.2m");
        assert_eq!(money(640_000.0, "GBP"), "£640k");
        assert_eq!(money(2_500.0, "GBP"), "£2.5k");
        assert_eq!(money(900.0, "EUR"), "€900");
        assert_eq!(money(3_000_000.0, "CHF"), "CHF 3m");
    }

    #[test]
    fn numbers_drop_trailing_zeros_and_group_thousands() {
        assert_eq!(number(3.50), "3.5");
        assert_eq!(number(12_500.0), "12,500");
        assert_eq!(number(-0.0), "0");
        assert_eq!(with_unit(72.0, Some("%"), "GBP"), "72%");
        assert_eq!(with_unit(33.0, Some("days"), "GBP"), "33 days");
    }

    #[test]
    fn a_list_reads_as_a_sentence() {
        let list = |items: &[&str]| and_list(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
