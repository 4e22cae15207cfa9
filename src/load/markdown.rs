//! Markdown bodies to HTML, safe by default.
//!
//! Content is written by many people and published on an intranet, so raw
//! HTML in a body is sanitised by default: formatting a Markdown author might
//! reach for (`<sup>`, `<br>`, `<details>`, `<kbd>`, tables) stays, anything
//! that could run script or restyle the page (`<script>`, `<style>`, event
//! handlers, frames, forms) goes. `[site] raw_html` chooses otherwise.
//! Links with script-capable schemes are neutralised in every mode. Headings
//! get stable ids so sections can be linked to.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

/// What to do with raw HTML in Markdown bodies (`[site] raw_html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe formatting, remove script, styles, frames and forms.
    #[default]
    Sanitise,
    /// Show raw HTML as text.
    Escape,
    /// Pass raw HTML through untouched: for sites whose every author is trusted.
    Trust,
}

impl RawHtml {
    /// The words users write, with what they mean.
    pub const CHOICES: &[(&'static str, RawHtml)] = &[
        ("sanitise", RawHtml::Sanitise),
        ("sanitize", RawHtml::Sanitise),
        ("escape", RawHtml::Escape),
        ("trust", RawHtml::Trust),
    ];

    /// The policy a setting names; unknown words fall back to the default
    /// (the model stage reports them).
    pub fn from_setting(word: &str) -> RawHtml {
        Self::CHOICES.iter().find(|(w, _)| w.eq_ignore_ascii_case(word.trim())).map(|(_, p)| *p).unwrap_or_default()
    }
}

/// A rendered body: HTML for pages, plain text for search and summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Safe HTML.
    pub html: String,
    /// The text without markup, whitespace collapsed.
    pub text: String,
    /// Typst markup, for bodies that appear in the PDF board pack (reviews
    /// and priorities).
    pub typst: Option<String>,
    /// Addresses of Markdown links and images that were taken out (they
    /// would run script, or lead out of the site), for warnings.
    pub removed: Vec<String>,
    /// For a project's description: its words as sorted digests, made once
    /// when the file is read, for finding likely duplicates (see
    /// [`crate::analyse::similarity`]).
    pub words: Vec<u64>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders Markdown to HTML, treating raw HTML as `policy` says, and to
/// plain text.
pub fn render(markdown: &str, policy: RawHtml) -> Body {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let events = with_heading_ids(events);
    let mut text = String::new();
    let mut has_raw_html = false;
    let mut removed = Vec::new();
    let safe: Vec<Event<'_>> = events
        .into_iter()
        .map(|event| {
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
                Event::Html(_) | Event::InlineHtml(_) => has_raw_html = true,
                _ => {}
            }
            make_safe(event, policy, &mut removed)
        })
        .collect();
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe.into_iter());
    // Bodies without raw HTML are safe as rendered: only the few with some
    // pay for sanitising.
    if has_raw_html && policy == RawHtml::Sanitise {
        out = SANITISER.clean(&out).to_string();
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Body { html: out, text, typst: None, removed, words: Vec::new() }
}

/// ammonia's allow-list, widened to what pulldown-cmark itself writes
/// (heading ids, footnote classes, task-list checkboxes, column alignment).
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(&["details", "summary", "input", "figure", "figcaption", "mark", "ins"])
        .add_generic_attributes(&["id"])
        .add_tag_attributes("input", &["type", "checked"])
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("th", &["style"])
        .add_tag_attributes("details", &["open"])
        .add_allowed_classes("div", &["footnote-definition"])
        .add_allowed_classes("sup", &["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("code", &LANGUAGE_CLASSES)
        .filter_style_properties(HashSet::from(["text-align"]))
        // Raw HTML keeps relative addresses, but not those that climb out.
        .url_relative(ammonia::UrlRelative::Custom(Box::new(inside_the_site)));
    builder
});

/// Code block languages whose `language-*` class survives sanitising.
const LANGUAGE_CLASSES: [&str; 12] = [
    "language-text",
    "language-toml",
    "language-json",
    "language-yaml",
    "language-sql",
    "language-python",
    "language-rust",
    "language-javascript",
    "language-html",
    "language-css",
    "language-sh",
    "language-bash",
];

fn make_safe<'a>(event: Event<'a>, policy: RawHtml, removed: &mut Vec<String>) -> Event<'a> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) if policy == RawHtml::Escape => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url, removed), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url, removed), title, id })
        }
        other => other,
    }
}

/// How far above its page a body's relative link may climb: pages that
/// show bodies sit one folder deep (`projects/x.html`), so `../objectives/
/// y.html` reaches a page of the site and `../../etc/passwd` leaves it.
const DEEPEST_BODY_PAGE: i32 = 1;

/// Whether a relative address climbs out of the site (`../../etc/passwd`),
/// read as a browser reads it: tabs and line breaks anywhere dropped,
/// leading spaces and control characters ignored, `%2e%2e` and backslashes
/// understood.
pub fn leaves_site(url: &str) -> bool {
    let url: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = url.trim_start_matches(|c: char| c <= ' ').trim_end();
    let scheme = url.split(['/', '\\', '?', '#']).next().is_some_and(|first| first.contains(':'));
    if url.starts_with(['/', '\\', '#', '?']) || scheme {
        return false;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut depth = 0;
    for segment in percent_encoding::percent_decode_str(path).decode_utf8_lossy().split(['/', '\\']) {
        match segment.trim() {
            ".." => depth -= 1,
            "" | "." => {}
            _ => depth += 1,
        }
        if depth < -DEEPEST_BODY_PAGE {
            return true;
        }
    }
    false
}

/// A relative address in raw HTML, kept unless it climbs out of the site.
fn inside_the_site(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    (!leaves_site(url)).then_some(std::borrow::Cow::Borrowed(url))
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

fn safe_url<'a>(url: CowStr<'a>, removed: &mut Vec<String>) -> CowStr<'a> {
    if is_unsafe_url(&url) || leaves_site(&url) {
        removed.push(url.to_string());
        CowStr::Borrowed("#")
    } else {
        url
    }
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
        let body = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n\n- [x] done\n",
            RawHtml::Sanitise,
        );
        assert!(body.html.contains("<table>"));
        assert!(body.html.contains("<del>old</del>"));
        assert!(body.html.contains("footnote"));
        assert!(body.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn headings_get_unique_ids_and_explicit_ids_are_kept() {
        let body = render("# Why now\n\n## Why now\n\n## Risks {#the-risks}\n", RawHtml::Sanitise);
        assert!(body.html.contains("<h1 id=\"why-now\">"));
        assert!(body.html.contains("<h2 id=\"why-now-1\">"));
        assert!(body.html.contains("<h2 id=\"the-risks\">"));
    }

    #[test]
    fn raw_html_is_shown_as_text_when_escaped() {
        let body = render("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n", RawHtml::Escape);
        assert!(!body.html.contains("<script>"));
        assert!(!body.html.contains("<div"));
        assert!(body.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn sanitising_keeps_formatting_and_removes_script() {
        let markdown = "E = mc<sup>2</sup><br>and <kbd>Ctrl</kbd>\n\n\
            <details open><summary>More</summary>\n\nHidden *detail*\n\n</details>\n\n\
            <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n\
            <a href=\"javascript:alert(3)\">x</a> <iframe src=\"https://example.org\"></iframe>\n\n\
            <style>body{display:none}</style><p style=\"position:fixed\" onclick=\"y()\">styled</p>\n";
        let html = render(markdown, RawHtml::Sanitise).html;
        for kept in
            ["<sup>2</sup>", "<br>", "<kbd>Ctrl</kbd>", "<details open=\"\"><summary>More</summary>", "<em>detail</em>"]
        {
            assert!(html.contains(kept), "{kept} should survive in:\n{html}");
        }
        for removed in
            ["<script", "alert(", "onerror", "javascript:", "<iframe", "<style", "display:none", "position", "onclick"]
        {
            assert!(!html.contains(removed), "{removed} should be removed from:\n{html}");
        }
    }

    #[test]
    fn sanitising_keeps_what_markdown_itself_writes() {
        let markdown = "## Plan\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nnote[^n] <br>\n\n[^n]: the note\n\n- [x] done\n\n```toml\nx = 1\n```\n";
        let sanitised = render(markdown, RawHtml::Sanitise).html;
        for kept in [
            "<h2 id=\"plan\">",
            "style=\"text-align:center\"",
            "class=\"footnote-reference\"",
            "class=\"footnote-definition\"",
            "type=\"checkbox\"",
            "checked",
            "class=\"language-toml\"",
        ] {
            assert!(sanitised.contains(kept), "{kept} should survive in:\n{sanitised}");
        }
    }

    #[test]
    fn bodies_without_raw_html_are_not_rewritten() {
        let markdown = "# Title\n\nSome *text* with [a link](https://example.org).\n";
        assert_eq!(render(markdown, RawHtml::Sanitise), render(markdown, RawHtml::Escape));
    }

    #[test]
    fn trusted_html_passes_through_but_script_links_do_not() {
        let html = render("<div class=\"banner\">Hi</div>\n\n[x](javascript:alert(1))\n", RawHtml::Trust).html;
        assert!(html.contains("<div class=\"banner\">Hi</div>"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn settings_name_policies_in_either_spelling() {
        assert_eq!(RawHtml::from_setting("sanitize"), RawHtml::Sanitise);
        assert_eq!(RawHtml::from_setting("Trust"), RawHtml::Trust);
        assert_eq!(RawHtml::from_setting("nonsense"), RawHtml::Sanitise);
    }

    #[test]
    fn script_links_are_neutralised() {
        let body = render(
            "[a](javascript:alert(1)) [b]( JavaScript:x) [c](data:text/html,x) [d](https://example.org)",
            RawHtml::Sanitise,
        );
        assert!(!body.html.to_lowercase().contains("javascript:"));
        assert!(!body.html.contains("data:"));
        assert!(body.html.contains("https://example.org"));
    }

    #[test]
    fn addresses_that_climb_out_of_the_site_are_taken_out() {
        for url in [
            "../../etc/passwd",
            "a/../../../b",
            "%2e%2e/%2E%2E/secret",
            "..\\..\\windows",
            "./../../x.png?v=1",
            ".\n./.\t./etc/passwd",
            " \u{1}../../x",
        ] {
            assert!(leaves_site(url), "{url:?}");
        }
        for url in [
            "../objectives/cut-leakage.html",
            "docs/plan.pdf",
            "a/../../b",
            "https://example.org/../../x",
            "/intranet/x.pdf",
            "#top",
            "mailto:pmo@example.org",
            "..file",
        ] {
            assert!(!leaves_site(url), "{url}");
        }
        let body =
            render("![p](../../etc/passwd) [ok](docs/plan.pdf) <img src=\"../../etc/shadow\">", RawHtml::Sanitise);
        assert!(!body.html.contains("etc/"), "{}", body.html);
        assert!(body.html.contains("href=\"docs/plan.pdf\""));
        assert_eq!(body.removed, ["../../etc/passwd"]);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(render("# Title\n\nSome *bold* `code`.", RawHtml::Sanitise).text, "Title Some bold code.");
    }

    #[test]
    fn slugs_are_url_friendly() {
        assert_eq!(slug("Cut the wait — by 50%!"), "cut-the-wait-by-50");
    }
}
