//! Markdown bodies to HTML, safe by default.
//!
//! Raw HTML in a body is shown as text rather than passed through, and
//! links with script-capable schemes are neutralised, because content is
//! written by many people and published on an intranet. Headings get stable
//! ids so sections can be linked to.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// A rendered body: HTML for pages, plain text for search and summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Safe HTML.
    pub html: String,
    /// The text without markup, whitespace collapsed.
    pub text: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders Markdown to safe HTML and plain text.
pub fn render(markdown: &str) -> Body {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let events = with_heading_ids(events);
    let mut text = String::new();
    let safe: Vec<Event<'_>> = events
        .into_iter()
        .map(|event| {
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
                _ => {}
            }
            make_safe(event)
        })
        .collect();
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe.into_iter());
    Body { html: out, text: text.split_whitespace().collect::<Vec<_>>().join(" ") }
}

fn make_safe(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    }
}

/// Whether a URL could run script when followed.
pub fn is_unsafe_url(url: &str) -> bool {
    let scheme: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_unsafe_url(&url) { CowStr::Borrowed("#") } else { url }
}

/// Gives every heading without an explicit `{#id}` a slug of its text,
/// unique within the body.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i] {
            if let Some(id) = id {
                used.insert(id.to_string());
            } else {
                let mut title = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        title.push_str(t);
                    }
                    j += 1;
                }
                let base = slug(&title);
                let base = if base.is_empty() { "section".to_string() } else { base };
                let mut candidate = base.clone();
                let mut n = 1;
                while used.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                used.insert(candidate.clone());
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                    *id = Some(CowStr::from(candidate));
                }
            }
        }
        i += 1;
    }
    events
}

/// A lowercase, hyphenated, ASCII-and-digits form of a title.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_strikethrough_and_task_lists() {
        let body = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n\n- [x] done\n");
        assert!(body.html.contains("<table>"));
        assert!(body.html.contains("<del>old</del>"));
        assert!(body.html.contains("footnote"));
        assert!(body.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn headings_get_unique_ids_and_explicit_ids_are_kept() {
        let body = render("# Why now\n\n## Why now\n\n## Risks {#the-risks}\n");
        assert!(body.html.contains("<h1 id=\"why-now\">"));
        assert!(body.html.contains("<h2 id=\"why-now-1\">"));
        assert!(body.html.contains("<h2 id=\"the-risks\">"));
    }

    #[test]
    fn raw_html_is_shown_as_text_not_executed() {
        let body = render("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n");
        assert!(!body.html.contains("<script>"));
        assert!(!body.html.contains("<div"));
        assert!(body.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn script_links_are_neutralised() {
        let body = render("[a](javascript:alert(1)) [b]( JavaScript:x) [c](data:text/html,x) [d](https://example.org)");
        assert!(!body.html.to_lowercase().contains("javascript:"));
        assert!(!body.html.contains("data:"));
        assert!(body.html.contains("https://example.org"));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(render("# Title\n\nSome *bold* `code`.").text, "Title Some bold code.");
    }

    #[test]
    fn slugs_are_url_friendly() {
        assert_eq!(slug("Cut the wait — by 50%!"), "cut-the-wait-by-50");
    }
}
