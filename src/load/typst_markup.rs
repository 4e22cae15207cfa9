//! Markdown bodies to Typst markup, for the PDF board pack.
//!
//! No crate turns Markdown into Typst that compiles, so this walks
//! pulldown-cmark's events and writes Typst function calls (`#strong[..];`,
//! `#list(..)`, `#table(..)`) rather than Typst's own markup shorthands,
//! whose word-boundary rules would mangle ordinary text. Every piece of text
//! is escaped, so no content can inject pack markup. What the PDF cannot
//! show (raw HTML, images) is reported as a warning at its place in the
//! file, never dropped silently.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, FileId};

/// Escapes text for Typst markup: every character with a meaning in markup
/// gets a backslash, and so does a `.` that would make a line a numbered
/// list item.
pub fn escape(text: &str, out: &mut String) {
    // Where the current line (or content block) began decides whether a
    // `.` after digits would start a numbered list.
    let tail = &out[out.rfind(['\n', '[']).map_or(0, |i| i + 1)..];
    let mut digits_only = tail.chars().all(|c| c.is_ascii_digit() || c == ' ');
    let mut line_start = digits_only;
    for c in text.chars() {
        match c {
            '\\' | '/' | '[' | ']' | '{' | '}' | '#' | '*' | '_' | '+' | '=' | '-' | '`' | '$' | '<' | '>' | '@'
            | '~' => {
                out.push('\\');
                out.push(c);
            }
            '.' if line_start && digits_only => out.push_str("\\."),
            _ => out.push(c),
        }
        if c == '\n' {
            line_start = true;
            digits_only = true;
        } else if !(c.is_ascii_digit() || (c == ' ' && digits_only)) {
            line_start = false;
            digits_only = false;
        }
    }
}

/// Escaped markup for `text`.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape(text, &mut out);
    out
}

/// A Typst string literal holding `text`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Typst markup of a body and what it could not render.
#[derive(Debug, Default)]
pub struct Converted {
    /// Typst markup.
    pub markup: String,
    /// Warnings, placed in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a body sits, so warnings point into its file.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The file.
    pub file: FileId,
    /// Byte offset of the body in the file.
    pub offset: usize,
}

/// Converts a Markdown body; its headings become Typst headings
/// `heading_offset` levels deeper (a body's `#` is a sub-heading in a pack).
pub fn convert(markdown: &str, place: Place, heading_offset: u8) -> Converted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(markdown, options).into_offset_iter().collect();
    let mut writer = Writer { place, heading_offset, footnotes: HashMap::new(), diagnostics: Vec::new() };
    // Footnote definitions first: Typst sets a footnote's text where it is
    // referenced.
    let mut i = 0;
    let mut main = Vec::with_capacity(events.len());
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i].0 {
            let end = matching_end(&events, i);
            let text = writer.run(&events[i + 1..end]);
            writer.footnotes.insert(label.to_string(), text.trim().to_string());
            i = end + 1;
        } else {
            main.push(events[i].clone());
            i += 1;
        }
    }
    let markup = writer.run(&main);
    Converted { markup, diagnostics: writer.diagnostics }
}

fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

struct Writer {
    place: Place,
    heading_offset: u8,
    footnotes: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

/// An open element and the markup written inside it so far.
struct Frame {
    tag: Open,
    buf: String,
}

enum Open {
    Root,
    Paragraph,
    Heading(u8),
    Emphasis,
    Strong,
    Strikethrough,
    Link(Option<String>),
    Quote,
    List(Option<u64>),
    Item,
    Table(Vec<Alignment>),
    Head,
    Row,
    Cell,
    Code { lang: Option<String> },
    Image,
    Other,
}

impl Writer {
    fn warn(&mut self, code: &'static str, message: String, range: &Range<usize>, help: &str) {
        let span = self.place.offset + range.start..self.place.offset + range.end;
        self.diagnostics.push(
            Diagnostic::warning(code, message).at(self.place.file, span).with_label("not in the PDF").with_help(help),
        );
    }

    fn run(&mut self, events: &[(Event<'_>, Range<usize>)]) -> String {
        let mut stack = vec![Frame { tag: Open::Root, buf: String::new() }];
        let mut loose_lists: Vec<bool> = Vec::new();
        for (event, range) in events {
            match event {
                Event::Start(tag) => {
                    let open = match tag {
                        Tag::Paragraph => Open::Paragraph,
                        Tag::Heading { level, .. } => Open::Heading(heading_level(*level) + self.heading_offset),
                        Tag::Emphasis => Open::Emphasis,
                        Tag::Strong => Open::Strong,
                        Tag::Strikethrough => Open::Strikethrough,
                        Tag::Link { dest_url, .. } => {
                            let url = (!super::markdown::is_unsafe_url(dest_url)
                                && !super::markdown::leaves_site(dest_url))
                            .then(|| dest_url.to_string());
                            Open::Link(url)
                        }
                        Tag::BlockQuote(_) => Open::Quote,
                        Tag::List(start) => {
                            loose_lists.push(false);
                            Open::List(*start)
                        }
                        Tag::Item => Open::Item,
                        Tag::Table(aligns) => Open::Table(aligns.clone()),
                        Tag::TableHead => Open::Head,
                        Tag::TableRow => Open::Row,
                        Tag::TableCell => Open::Cell,
                        Tag::CodeBlock(kind) => Open::Code {
                            lang: match kind {
                                CodeBlockKind::Fenced(lang) if !lang.trim().is_empty() => {
                                    Some(lang.split_whitespace().next().unwrap_or_default().to_string())
                                }
                                _ => None,
                            },
                        },
                        Tag::Image { .. } => {
                            self.warn(
                                "pdf-image",
                                "images are not included in the PDF pack; its description is shown instead".into(),
                                range,
                                "describe what the image shows in the text, or link to it",
                            );
                            Open::Image
                        }
                        _ => Open::Other,
                    };
                    if matches!(open, Open::Paragraph)
                        && let Some(Frame { tag: Open::Item, .. }) = stack.last()
                        && let Some(loose) = loose_lists.last_mut()
                    {
                        *loose = true;
                    }
                    stack.push(Frame { tag: open, buf: String::new() });
                }
                Event::End(end) => {
                    let Some(frame) = stack.pop() else { continue };
                    let tight = matches!(end, TagEnd::List(_)) && !loose_lists.pop().unwrap_or(false);
                    let parent = &mut stack.last_mut().expect("the root frame is never closed").buf;
                    close(frame, parent, tight);
                }
                Event::Text(text) => {
                    let frame = stack.last_mut().expect("root");
                    if matches!(frame.tag, Open::Code { .. }) {
                        frame.buf.push_str(text);
                    } else {
                        escape(text, &mut frame.buf);
                    }
                }
                Event::Code(code) => {
                    let buf = &mut stack.last_mut().expect("root").buf;
                    let _ = write!(buf, "#raw({});", string_literal(code));
                }
                Event::SoftBreak => stack.last_mut().expect("root").buf.push(' '),
                Event::HardBreak => stack.last_mut().expect("root").buf.push_str("#linebreak();"),
                Event::Rule => stack.last_mut().expect("root").buf.push_str("\n#line(length: 100%, stroke: 0.5pt)\n\n"),
                Event::TaskListMarker(done) => stack.last_mut().expect("root").buf.push_str(if *done {
                    "#box(stroke: 0.6pt, inset: 0.1em, baseline: 0.1em, text(size: 0.8em)[x]) "
                } else {
                    "#box(stroke: 0.6pt, width: 0.8em, height: 0.8em, baseline: 0.1em) "
                }),
                Event::FootnoteReference(label) => {
                    let note = self.footnotes.get(label.as_ref()).cloned();
                    let buf = &mut stack.last_mut().expect("root").buf;
                    match note {
                        Some(note) => {
                            let _ = write!(buf, "#footnote[{note}];");
                        }
                        None => {
                            escape(&format!("[^{label}]"), buf);
                            self.warn(
                                "pdf-footnote",
                                format!("footnote `{label}` is referenced but never defined"),
                                range,
                                "add a line `[^label]: the note` below the paragraph",
                            );
                        }
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    let tag = html.trim();
                    if !tag.is_empty() && !tag.starts_with("<!--") {
                        self.warn(
                            "pdf-raw-html",
                            format!("raw HTML `{}` is left out of the PDF pack (text around it is kept)", shorten(tag)),
                            range,
                            "write it in Markdown (emphasis, lists, tables) so that both the site and the PDF show it",
                        );
                    }
                }
                Event::InlineMath(text) | Event::DisplayMath(text) => {
                    escape(text, &mut stack.last_mut().expect("root").buf)
                }
            }
        }
        while stack.len() > 1 {
            let frame = stack.pop().expect("checked");
            close(frame, &mut stack.last_mut().expect("root").buf, true);
        }
        stack.pop().map(|f| f.buf).unwrap_or_default()
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn shorten(tag: &str) -> String {
    let first: String = tag.chars().take(40).collect();
    if first.len() < tag.len() { format!("{first}…") } else { first }
}

/// Wraps a finished element and appends it to its parent.
fn close(frame: Frame, parent: &mut String, tight: bool) {
    let inner = frame.buf;
    match frame.tag {
        Open::Root | Open::Other | Open::Image => parent.push_str(&inner),
        Open::Paragraph => {
            parent.push_str(inner.trim_end());
            parent.push_str("\n\n");
        }
        Open::Heading(level) => {
            let _ = write!(parent, "\n#heading(level: {}, outlined: false)[{}]\n\n", level.min(6), inner.trim());
        }
        Open::Emphasis => {
            let _ = write!(parent, "#emph[{inner}];");
        }
        Open::Strong => {
            let _ = write!(parent, "#strong[{inner}];");
        }
        Open::Strikethrough => {
            let _ = write!(parent, "#strike[{inner}];");
        }
        Open::Link(Some(url)) => {
            let _ = write!(parent, "#link({})[{inner}];", string_literal(&url));
        }
        Open::Link(None) => parent.push_str(&inner),
        Open::Quote => {
            let _ = write!(parent, "#quote(block: true)[{}]\n\n", inner.trim());
        }
        Open::List(start) => {
            if !parent.is_empty() && !parent.ends_with(char::is_whitespace) {
                parent.push('\n');
            }
            match start {
                Some(n) => {
                    let _ = write!(parent, "#enum(tight: {tight}, start: {n}, {inner})\n\n");
                }
                None => {
                    let _ = write!(parent, "#list(tight: {tight}, {inner})\n\n");
                }
            };
        }
        Open::Item => {
            let _ = write!(parent, "[{}], ", inner.trim());
        }
        Open::Table(aligns) => {
            let align: Vec<&str> = aligns
                .iter()
                .map(|a| match a {
                    Alignment::Center => "center",
                    Alignment::Right => "right",
                    Alignment::Left | Alignment::None => "left",
                })
                .collect();
            let _ = write!(
                parent,
                "#table(columns: {}, align: ({},), stroke: 0.5pt + luma(180), {inner})\n\n",
                aligns.len().max(1),
                align.join(", ")
            );
        }
        Open::Head => {
            let _ = write!(parent, "table.header({inner}), ");
        }
        Open::Row => parent.push_str(&inner),
        Open::Cell => {
            let _ = write!(parent, "[{}], ", inner.trim());
        }
        Open::Code { lang } => {
            let lang = lang.map(|l| format!("lang: {}, ", string_literal(&l))).unwrap_or_default();
            let _ = write!(parent, "#raw(block: true, {lang}{})\n\n", string_literal(inner.trim_end_matches('\n')));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(markdown: &str) -> String {
        convert(markdown, Place { file: FileId::of_path(std::path::Path::new("a.md")), offset: 0 }, 1).markup
    }

    #[test]
    fn text_is_escaped_so_it_cannot_become_markup() {
        assert_eq!(
            escaped("#set page(width: 1cm) *x* _y_ $z$ <l> @r // c"),
            "\\#set page(width: 1cm) \\*x\\* \\_y\\_ \\$z\\$ \\<l\\> \\@r \\/\\/ c"
        );
        assert_eq!(
            escaped("2. not a list\n10. nor this, but 3.5 stays"),
            "2\\. not a list\n10\\. nor this, but 3.5 stays"
        );
        assert_eq!(escaped("= not a heading\n- nor a list"), "\\= not a heading\n\\- nor a list");
        assert_eq!(string_literal("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
    }

    #[test]
    fn inline_formatting_uses_function_calls() {
        assert_eq!(
            typst("Some *em*, **strong**, ~~gone~~ and `code` [link](https://example.org)(x)."),
            "Some #emph[em];, #strong[strong];, #strike[gone]; and #raw(\"code\"); #link(\"https://example.org\")[link];(x).\n\n"
        );
    }

    #[test]
    fn headings_are_offset_and_kept_out_of_the_contents() {
        assert_eq!(typst("# Summary\n\nText"), "\n#heading(level: 2, outlined: false)[Summary]\n\nText\n\n");
    }

    #[test]
    fn lists_nest_and_keep_their_numbering() {
        let out = typst("- one\n- two\n  1. inner\n  2. more\n");
        assert_eq!(out, "#list(tight: true, [one], [two\n#enum(tight: true, start: 1, [inner], [more], )], )\n\n");
        let loose = typst("3. a\n\n4. b\n");
        assert!(loose.starts_with("#enum(tight: false, start: 3, "), "{loose}");
    }

    #[test]
    fn tables_keep_their_header_and_alignment() {
        let out = typst("| Item | Cost |\n|:--|--:|\n| A | £1 |\n");
        assert_eq!(
            out,
            "#table(columns: 2, align: (left, right,), stroke: 0.5pt + luma(180), table.header([Item], [Cost], ), [A], [£1], )\n\n"
        );
    }

    #[test]
    fn footnotes_are_set_where_they_are_referenced() {
        let out = typst("Claim.[^1]\n\n[^1]: The *source*.\n");
        assert_eq!(out, "Claim.#footnote[The #emph[source];.];\n\n");
    }

    #[test]
    fn code_blocks_keep_their_text_verbatim() {
        let out = typst("```toml\nx = \"#y\"\n```\n");
        assert_eq!(out, "#raw(block: true, lang: \"toml\", \"x = \\\"#y\\\"\")\n\n");
    }

    #[test]
    fn what_the_pdf_cannot_show_is_reported_where_it_is() {
        let markdown = "Intro.\n\nE = mc<sup>2</sup>\n\n![chart](chart.png)\n\nSee[^missing].\n";
        let converted =
            convert(markdown, Place { file: FileId::of_path(std::path::Path::new("b.md")), offset: 100 }, 1);
        let codes: Vec<&str> = converted.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["pdf-raw-html", "pdf-raw-html", "pdf-image"]);
        let first = &converted.diagnostics[0];
        assert_eq!(first.location.as_ref().map(|l| l.span.clone()), Some(114..119), "placed at `<sup>` in the file");
        assert!(converted.markup.contains("See\\[^missing\\]."), "an undefined footnote stays as text");
        assert!(converted.markup.contains("E \\= mc2"), "the text inside raw HTML is kept: {}", converted.markup);
        assert!(converted.markup.contains("chart"), "an image's description is kept");
    }

    #[test]
    fn script_links_lose_their_target() {
        assert_eq!(typst("[x](javascript:alert(1))"), "x\n\n");
    }
}
