//! Board packs: the PDF checked with poppler's tools (`pdfinfo`, `pdftotext`,
//! `pdffonts`), the HTML pack, `throughline pack`, and pack errors.

use std::path::Path;
use std::process::Command;

use super::harness::Site;
use super::text_size::{TYPST_EM, text_under};

/// Runs a poppler tool on a PDF and returns what it printed (poppler may
/// also grumble about tagged PDFs on stderr, which is harmless).
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool).args(args).arg(pdf).output().unwrap_or_else(|error| {
        panic!("cannot run `{tool}` ({error}): install poppler-utils (Debian: `apt-get install poppler-utils`)")
    });
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn info(pdf: &Path) -> String {
    poppler("pdfinfo", &[], pdf)
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim_start_matches(':').trim()).unwrap_or_default()
}

fn text(pdf: &Path) -> String {
    let output = Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of pages `first` to `last`.
fn pages_text(pdf: &Path, first: usize, last: usize) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", "-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const EXAMPLE_PDF: &str = "output/reviews/2026-11-board/2026-11-board.pdf";

#[test]
fn the_example_pack_is_a_complete_pdf_with_its_fonts_embedded() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "the packs typeset without warnings: {}", run.stderr);
    assert!(run.stdout.contains("(with 2 board packs, HTML and PDF)"), "{}", run.stdout);
    let pdf = site.path().join(EXAMPLE_PDF);
    let info = info(&pdf);
    let pages: usize = field(&info, "Pages").parse().unwrap();
    assert!((15..=45).contains(&pages), "{pages} pages");
    assert!(field(&info, "Page size").starts_with("841.89 x 595.276 pts (A4)"), "landscape A4: {info}");
    assert_eq!(field(&info, "Title"), "Board portfolio review — November 2026");
    assert_eq!(field(&info, "Author"), "Northwind Health");
    assert!(field(&info, "CreationDate").contains("Nov 20") && field(&info, "CreationDate").contains("2026"), "{info}");

    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(15).any(|w| w == b"/Outlines/First"), "the PDF has bookmarks for its sections");
    let text = text(&pdf);
    assert!(!text.contains('`'), "board text names no fields");
    for expected in [
        "Contents",
        "Narrative",
        "Executive summary",
        "Strategy on a page",
        "OKR scorecard",
        "Portfolio health",
        "Alignment",
        "The gaps",
        "Decisions required",
        "Appendix: key-result charts and priorities",
        "Chair’s summary",
        "95%",
        "7 of 11",
        "Workforce wellbeing and retention",
        "Proposed to stop or not start",
        "Page 2 of",
    ] {
        assert!(text.contains(expected), "the PDF should contain `{expected}`");
    }

    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let embedded = columns[columns.len() - 5];
        assert_eq!(embedded, "yes", "every font is embedded: {row}");
    }
}

/// Whether a section goes on or starts a new page is decided from where
/// the section before it ends. That decision must not move what it is
/// decided from, or the layout never settles: so the pack is typeset with
/// its gaps pages ending at a range of heights, a line apart, and none may
/// warn.
#[test]
fn a_pack_settles_wherever_its_sections_end() {
    let site = Site::example();
    let review = "content/reviews/2026-09-board.md";
    let original = std::fs::read_to_string(site.path().join(review)).unwrap();
    for lines in 0..14 {
        let body: String = (0..lines).map(|i| format!("\n\nThe board noted item {i}.")).collect();
        site.write(review, format!("{original}{body}"));
        let run = site.run(&["pack", "2026-09-board"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("warning"), "with {lines} more lines: {}", run.stderr);
    }
    let pack = std::fs::read_to_string(site.path().join("output/reviews/2026-09-board/index.html")).unwrap();
    assert!(pack.contains("The board noted item 12."), "the added lines are in the pack");
}

#[test]
fn the_same_content_gives_the_same_pdf_bytes() {
    let site = Site::example();
    assert_eq!(site.run(&["build"]).code, 0);
    let first = std::fs::read(site.path().join(EXAMPLE_PDF)).unwrap();
    std::fs::remove_dir_all(site.path().join("output")).unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    let second = std::fs::read(site.path().join(EXAMPLE_PDF)).unwrap();
    assert!(first == second, "two builds as of the same date differ");
}

#[test]
fn a_review_chooses_its_sections_paper_and_orientation() {
    let site = Site::fixture("minimal");
    let review = std::fs::read_to_string(site.path().join("content/reviews/2026-11-board.md")).unwrap().replace(
        "audience = \"Board\"\n",
        "audience = \"Board\"\ninclude = [\"cover\", \"decisions\"]\npaper = \"letter\"\norientation = \"portrait\"\n",
    );
    site.write("content/reviews/2026-11-board.md", review);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = site.path().join("output/reviews/2026-11-board/2026-11-board.pdf");
    assert!(field(&info(&pdf), "Page size").starts_with("612 x 792 pts (letter)"), "{}", info(&pdf));
    let text = text(&pdf);
    assert!(text.contains("Decisions required") && text.contains("Office plants"), "{text}");
    assert!(!text.contains("OKR scorecard"), "sections not included are left out");
    let html = std::fs::read_to_string(site.path().join("output/reviews/2026-11-board/index.html")).unwrap();
    assert!(html.contains("size: letter portrait;"), "the HTML pack prints on the same paper");
}

/// Strategy on a page carries the intent chart only when the pack has no
/// alignment section, which shows it larger: a pack never repeats a chart.
#[test]
fn the_intent_chart_is_shown_once_in_a_pack() {
    let site = Site::example();
    let pack = "output/reviews/2026-11-board/index.html";
    assert_eq!(site.run(&["build", "--no-pdf"]).code, 0);
    let html = std::fs::read_to_string(site.path().join(pack)).unwrap();
    assert!(html.contains("id=\"intent-vs-reality-title\"") && !html.contains("id=\"strategy-intent-title\""));
    let review = std::fs::read_to_string(site.path().join("content/reviews/2026-11-board.md")).unwrap();
    let without = review.replacen("\"strategy\", \"portfolio\", \"alignment\",", "\"strategy\", \"portfolio\",", 1);
    assert_ne!(without, review, "the example pack has an alignment section");
    site.write("content/reviews/2026-11-board.md", without);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(site.path().join(pack)).unwrap();
    assert!(html.contains("id=\"strategy-intent-title\"") && !html.contains("id=\"intent-vs-reality-title\""));
    let pdf = text(&site.path().join(EXAMPLE_PDF));
    assert!(pdf.contains("gets 3% of open spend against an intended 20%"), "{pdf}");
}

#[test]
fn text_from_content_cannot_inject_pack_markup() {
    let site = Site::fixture("minimal");
    let review = std::fs::read_to_string(site.path().join("content/reviews/2026-11-board.md"))
        .unwrap()
        .replace("title = \"November board\"", "title = \"Board #set page(width: 2cm) *x* $y$ \\\\ [z]\"")
        .replace(
            "The board is asked to stop one project.",
            "#set text(size: 40pt)\n\n= Not a heading\n\n1. a real list\n",
        );
    site.write("content/reviews/2026-11-board.md", review);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = site.path().join("output/reviews/2026-11-board/2026-11-board.pdf");
    assert!(field(&info(&pdf), "Page size").starts_with("841.89 x 595.276"), "the page size was not changed");
    let text = text(&pdf);
    assert!(text.contains("Board #set page(width: 2cm) *x* $y$ \\ [z]"), "the title is shown as written:\n{text}");
    assert!(text.contains("#set text(size: 40pt)"), "Markdown text is text:\n{text}");
}

#[test]
fn build_without_pdf_links_only_the_html_pack() {
    let site = Site::fixture("minimal");
    let run = site.run(&["build", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(with 1 board pack, HTML only)"), "{}", run.stdout);
    assert!(!site.path().join("output/reviews/2026-11-board/2026-11-board.pdf").exists());
    let review = std::fs::read_to_string(site.path().join("output/reviews/2026-11-board.html")).unwrap();
    assert!(review.contains("reviews/2026-11-board/index.html"), "the review links its HTML pack");
    assert!(!review.contains(".pdf"), "and no PDF");
}

#[test]
fn the_pack_command_builds_one_pack_and_prints_its_paths() {
    let site = Site::fixture("minimal");
    let run = site.run(&["pack", "2026-11-board"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "[ROOT]/output/reviews/2026-11-board/index.html\n[ROOT]/output/reviews/2026-11-board/2026-11-board.pdf\n"
    );
    assert!(site.path().join("output/pack.css").is_file(), "the HTML pack's stylesheet comes with it");
    for font in ["fonts.css", "fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf"] {
        assert!(site.path().join("output").join(font).is_file(), "and the charts' font: {font}");
    }
    assert!(!site.path().join("output/index.html").exists(), "the rest of the site is not built");

    let unknown = site.run(&["pack", "2026-11-bord"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no review has the id `2026-11-bord`; did you mean `2026-11-board`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_pack_layout_that_does_not_typeset_names_the_template_and_line() {
    let site = Site::fixture("minimal");
    site.write("themes/default/pack/pack.typ", "= {{ data.review.link.title }}\n\n#table(columns: oops)\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("the PDF pack of review `2026-11-board`"), "{}", run.stderr);
    assert!(run.stderr.contains("themes/default/pack/pack.typ"), "{}", run.stderr);
    assert!(run.stderr.contains("line 3, column"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.path().join("output").exists(), "nothing is written");
}

#[test]
fn a_theme_font_that_is_not_a_font_is_named() {
    let site = Site::fixture("minimal");
    site.write("themes/default/fonts/Corporate-Regular.ttf", "this is not a font");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`Corporate-Regular.ttf` is not a TrueType or OpenType font"), "{}", run.stderr);
    let html_only = site.run(&["build", "--no-pdf"]);
    assert_eq!(html_only.code, 0, "without the PDF the fonts are not needed: {}", html_only.stderr);
}

#[test]
fn a_large_portfolio_gives_a_pack_a_board_can_read() {
    let site = Site::empty();
    let root = site.path().to_str().unwrap().to_string();
    let generated = site.run(&["generate", "--projects", "2000", &format!("{root}/site")]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let run = super::harness::run_in(
        site.path(),
        &["build", "--root", &format!("{root}/site"), "--as-of", super::harness::AS_OF],
        Some(site.path()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = site.path().join("site/output/reviews/2026-11-board/2026-11-board.pdf");
    let pages: usize = field(&info(&pdf), "Pages").parse().unwrap();
    assert!(pages <= 70, "2,000 projects should not make a {pages}-page pack");
    let text = text(&pdf);
    assert!(text.contains("more projects: the site lists them all"), "cut lists say what they left out");
    assert!(text.contains("more status changes"), "and so do the front pages' short lists");
}

#[test]
fn a_wrong_paper_or_orientation_is_reported_where_it_is_written() {
    let site = Site::fixture("minimal");
    let review = std::fs::read_to_string(site.path().join("content/reviews/2026-11-board.md"))
        .unwrap()
        .replace("audience = \"Board\"\n", "audience = \"Board\"\npaper = \"a3\"\n");
    site.write("content/reviews/2026-11-board.md", review);
    let organisation = std::fs::read_to_string(site.path().join("content/organisation.toml")).unwrap();
    site.write("content/organisation.toml", format!("{organisation}\n[packs]\norientation = \"sideways\"\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`a3` is not a valid `paper`"), "{}", run.stderr);
    assert!(run.stderr.contains("content/reviews/2026-11-board.md:6:9"), "{}", run.stderr);
    assert!(run.stderr.contains("use one of: a4, letter"), "{}", run.stderr);
    assert!(run.stderr.contains("`sideways` is not a valid `orientation`"), "{}", run.stderr);
    assert!(run.stderr.contains("use one of: landscape, portrait"), "{}", run.stderr);
}

/// A past review's pack is made as of its cut-off: a check-in that arrives
/// after the meeting changes the site but leaves the pack, PDF and HTML,
/// byte for byte as it was; the review's page says a newer state exists.
#[test]
fn a_past_reviews_pack_stays_the_same_when_later_check_ins_arrive() {
    let site = Site::example();
    // A week after the meeting.
    let root = site.path().to_str().unwrap().to_string();
    let build = || super::harness::run_in(site.path(), &["build", "--root", &root, "--as-of", "2026-12-02"], None);
    assert_eq!(build().code, 0);
    let read = |path: &str| std::fs::read(site.path().join(path)).unwrap();
    let pdf = read(EXAMPLE_PDF);
    let html = read("output/reviews/2026-11-board/index.html");
    let page = String::from_utf8(read("output/reviews/2026-11-board.html")).unwrap();
    assert!(!page.contains("later check-in"), "nothing is newer than the pack yet");
    assert!(text(&site.path().join(EXAMPLE_PDF)).contains("Data as of 25 November 2026"));

    site.write(
        "content/checkins/2026-11-27.toml",
        "date = 2026-11-27\n\n[[key_results]]\nobjective = \"cut-outpatient-wait\"\nid = \"median-wait\"\nvalue = 25\nconfidence = 0.9\n\n[[projects]]\nid = \"identity-platform\"\nrag = \"green\"\nnote = \"Recovered\"\n",
    );
    let run = build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(EXAMPLE_PDF) == pdf, "the PDF pack is byte-identical");
    assert!(read("output/reviews/2026-11-board/index.html") == html, "the HTML pack is byte-identical");
    let page = String::from_utf8(read("output/reviews/2026-11-board.html")).unwrap();
    assert!(page.contains("25 November 2026") && page.contains("1 later check-in"), "the review page says so");
    let project = String::from_utf8(read("output/projects/identity-platform.html")).unwrap();
    assert!(project.contains("Recovered"), "while the site shows the new check-in");
}

/// Each review follows up the actions of the previous review of its kind:
/// on the site as they stand today, in the pack as they stood at its
/// cut-off.
#[test]
fn a_review_follows_up_the_actions_of_the_last_one() {
    let site = Site::example();
    let root = site.path().to_str().unwrap().to_string();
    let run = super::harness::run_in(site.path(), &["build", "--root", &root, "--as-of", "2026-12-02"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.path().join("output/reviews/2026-11-board.html")).unwrap();
    let followed =
        page.split("Actions from the last review").nth(1).expect("the November review follows up September's");
    let row = |title: &str| {
        followed.split(title).nth(1).and_then(|r| r.split("</tr>").next()).unwrap_or_default().to_string()
    };
    assert!(row("Bring a costed plan to fund workforce wellbeing").contains("overdue"), "late by 2 December");
    assert!(row("Compare the two patient feedback projects").contains("done"));
    let pdf = text(&site.path().join(EXAMPLE_PDF));
    let section = pdf.split("Actions from the last review").nth(1).expect("the pack follows them up too");
    let line = section.lines().find(|l| l.contains("Bring a costed plan to fund workforce wellbeing")).unwrap();
    assert!(line.contains("open") && !line.contains("overdue"), "on 25 November it was due that day: {line}");
    assert!(pdf.contains("Actions set at this review"), "and the actions the November board set");
}

/// A review is compared with the previous review of its kind, as of each
/// one's cut-off; the first of its kind with the start of its period.
#[test]
fn each_review_says_what_moved_since_the_last_of_its_kind() {
    let site = Site::example();
    let root = site.path().to_str().unwrap().to_string();
    let run = super::harness::run_in(site.path(), &["build", "--root", &root, "--as-of", "2026-12-02"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |id: &str| std::fs::read_to_string(site.path().join(format!("output/reviews/{id}.html"))).unwrap();
    let november = page("2026-11-board");
    let since = november.split("id=\"since-heading\"").nth(1).expect("the review page has the comparison");
    assert!(since.contains("25 November 2026 against"), "as of its cut-off");
    assert!(since.contains("Board portfolio review — September 2026</a> (30 September 2026)"), "the last board");
    let row = since.split("Median wait for a first appointment").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("41 days") && row.contains("33 days"), "from its baseline before Q4 to 25 November: {row}");
    assert!(row.contains("move--better") && row.contains("−8 days"), "down is better for a wait: {row}");
    let september = page("2026-09-board");
    assert!(september.contains("Since the start of the period"), "the first board compares with its period");
    assert!(september.contains("30 September 2026 against 1 July 2026"));
    let pdf = text(&site.path().join(EXAMPLE_PDF));
    let front = pdf.split("Since the last review").nth(1).expect("and the pack says the same");
    assert!(front.contains("against Board portfolio review — September 2026"), "{front}");
    // And so does the data: every move of every review, whole.
    let csv = std::fs::read_to_string(site.path().join("output/data/review-changes.csv")).unwrap();
    let wait = csv
        .lines()
        .find(|l| l.starts_with("2026-11-board,") && l.contains(",key-result,cut-outpatient-wait,median-wait,"))
        .expect("the November review's move of the median wait");
    assert!(wait.contains(",2026-09-board,2026-09-30,2026-11-25,"), "compared with September's cut-off: {wait}");
    assert!(wait.ends_with(",41,33,-8.0,true"), "{wait}");
    assert!(csv.lines().any(|l| l.starts_with("2026-09-board,portfolio,,2026-07-01,2026-09-30,")), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.path().join("output/data/analysis.json")).unwrap()).unwrap();
    let changes = json["changes"].as_array().expect("analysis.json holds the comparison");
    assert_eq!(changes.len(), csv.lines().count() - 1, "the same rows as the CSV");
}

#[test]
fn the_decision_log_and_the_data_files_hold_every_decision_and_action() {
    let site = Site::example();
    let root = site.path().to_str().unwrap().to_string();
    let run = super::harness::run_in(site.path(), &["build", "--root", &root, "--as-of", "2026-12-02"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |path: &str| std::fs::read_to_string(site.path().join("output").join(path)).unwrap();
    let log = read("reviews/log.html");
    // September deferred the HR upgrade; November took it: the log says so.
    let deferral = log.split("HR and payroll system upgrade").nth(2).expect("decided at both reviews");
    let deferral = deferral.split("</tr>").next().unwrap();
    assert!(deferral.contains("defer") && deferral.contains("taken"), "{deferral}");
    assert!(deferral.contains("reviews/2026-11-board.html"), "taken at the November review: {deferral}");
    assert!(log.contains("■ overdue"), "the workforce plan was due on 25 November");
    assert!(read("reviews/index.html").contains("href=\"../reviews/log.html\""), "the reviews list links the log");

    let actions = read("data/actions.csv");
    let workforce = actions.lines().find(|l| l.contains("workforce wellbeing")).unwrap();
    assert!(workforce.starts_with("2026-09-board,2026-09-30,portfolio,"), "{workforce}");
    assert!(workforce.contains(",open,true,"), "open and overdue: {workforce}");
    let decisions = read("data/decisions.csv");
    let count = |review: &str| decisions.lines().filter(|l| l.starts_with(review)).count();
    let json: serde_json::Value = serde_json::from_str(&read("data/analysis.json")).unwrap();
    assert_eq!(json["decisions"].as_array().unwrap().len(), count("2026-09-board") + count("2026-11-board"));
    assert_eq!(json["actions"].as_array().unwrap().len(), actions.lines().count() - 1);
}

#[test]
fn decisions_sought_at_a_meeting_are_kept_apart_from_those_recorded() {
    let site = Site::example();
    let root = site.path().to_str().unwrap().to_string();
    let run = super::harness::run_in(site.path(), &["build", "--root", &root, "--as-of", "2026-12-02"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |path: &str| std::fs::read_to_string(site.path().join("output").join(path)).unwrap();
    let pack = read("reviews/2026-11-board/index.html");
    let decisions = pack.split("Sought at this meeting").nth(1).expect("the pack asks for decisions");
    let (sought, recorded) = decisions.split_once("Recorded at this meeting").expect("and records them apart");
    // September deferred the HR upgrade to November, which continued it.
    let row = sought.split("HR and payroll system upgrade").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(
        row.contains("Board portfolio review — September 2026") && row.contains("<strong>continue</strong>"),
        "{row}"
    );
    assert!(recorded.contains("HR and payroll system upgrade"), "and November's decision is recorded");
    let september = read("reviews/2026-09-board/index.html");
    let sought =
        september.split("Sought at this meeting").nth(1).unwrap().split("And what the analysis").next().unwrap();
    assert!(!sought.contains("<table>"), "nothing was deferred to the first review: {sought}");
}

/// The pack opens with what a board needs first, in this order, in two
/// pages: what to decide, the money, what changed, red work with its path to
/// green and the top issues; the scorecard comes straight after.
#[test]
fn the_pack_opens_with_the_decisions_the_money_the_changes_and_the_red_work() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = site.path().join(EXAMPLE_PDF);
    let whole = text(&pdf);
    let page_of = |needle: &str| {
        let at = whole.find(needle).unwrap_or_else(|| panic!("the pack has {needle:?}"));
        whole[..at].matches('\u{c}').count() + 1
    };
    let summary = page_of("Executive summary\n");
    let scorecard = page_of("OKR scorecard\n");
    assert!(scorecard - summary <= 2, "the front takes at most two pages: {summary} to {scorecard}");
    let front = pages_text(&pdf, summary, scorecard - 1);
    let order = [
        "To decide today",
        "Financial position",
        "Since the last review",
        "Red work and the path to green",
        "Top issues",
    ];
    let positions: Vec<usize> = order.iter().map(|h| front.find(h).unwrap_or_else(|| panic!("{h}: {front}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "in the order a board reads them: {positions:?}");
    // What September deferred comes first, with what November decided.
    let asks = &front[positions[0]..positions[1]];
    let first = asks.lines().find(|l| l.contains("HR and payroll system upgrade")).expect("the deferred decision");
    assert!(first.contains("Deferred at") && first.contains("continue"), "{first}");
    assert!(asks.find("HR and payroll").unwrap() < asks.find("Outpatient SMS feedback survey").unwrap());
    // The money: what open work still needs against the capacity.
    let money = &front[positions[1]..];
    assert!(money.contains("Still to spend") && money.contains("Shortfall"), "{money}");
    // Red work carries the latest word on getting back to green.
    let red = &front[positions[3]..positions[4]];
    let riverside = red.lines().position(|l| l.contains("Riverside clinic room refurbishment")).expect("red work");
    let lines: Vec<&str> = red.lines().collect();
    assert!(lines[riverside].contains("First four rooms handed over mid-January"), "{red}");
    assert!(red.contains("no note: ask the owner"), "red work with no note says so: {red}");
    // The HTML pack has the same parts in the same order.
    let html = std::fs::read_to_string(site.path().join("output/reviews/2026-11-board/index.html")).unwrap();
    let summary = html.split("id=\"summary\"").nth(1).unwrap().split("</section>").next().unwrap();
    let positions: Vec<usize> = order.iter().map(|h| summary.find(h).unwrap_or_else(|| panic!("{h}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

/// Charts are drawn with 11 px text at least; the pack never sets one so
/// small that it prints under 7 pt, on a landscape page or a portrait one,
/// and no other text of the pack is smaller either; no chart label in it
/// is cut.
#[test]
fn no_text_in_the_pack_prints_under_seven_points() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = site.path().join(EXAMPLE_PDF);
    let small = text_under(&pdf, 6.95, TYPST_EM);
    assert!(small.is_empty(), "text under 7 pt (page, size, text): {small:?}");
    assert!(!text_under(&pdf, 9.5, TYPST_EM).is_empty(), "the measure finds the pack's smaller text at all");
    // A label cut to fit ends in "…"; the pack's prose only starts lines
    // with it ("…and 3 more").
    let cut: Vec<String> = text(&pdf).split_whitespace().filter(|w| w.ends_with('…')).map(str::to_string).collect();
    assert!(cut.is_empty(), "chart labels cut in the PDF: {cut:?}");

    let review = site.path().join("content/reviews/2026-11-board.md");
    let portrait = std::fs::read_to_string(&review)
        .unwrap()
        .replace("as_of = 2026-11-25\n", "as_of = 2026-11-25\norientation = \"portrait\"\n");
    assert!(portrait.contains("orientation = \"portrait\""), "the example review gives its data cut-off");
    site.write("content/reviews/2026-11-board.md", portrait);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(field(&info(&pdf), "Page size").starts_with("595.276 x 841.89 pts (A4)"), "{}", info(&pdf));
    let small = text_under(&pdf, 6.95, TYPST_EM);
    assert!(small.is_empty(), "text under 7 pt on portrait pages (page, size, text): {small:?}");
}

/// The pack's portfolio section sets re-baselined work against its first
/// baseline and reports each programme's roll-up; the site's portfolio
/// page has the same baseline table.
#[test]
fn the_pack_reports_original_baselines_and_programmes() {
    let site = Site::example();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = text(&site.path().join(EXAMPLE_PDF));
    let from = text.find("Against the original baseline").expect("the PDF sets work against its original baseline");
    let baseline = &text[from..];
    assert!(baseline.contains("Data warehouse modernisation") && baseline.contains("£350k"), "{baseline}");
    assert!(baseline.contains("+£250k, +71%") && baseline.contains("+90 days"), "{baseline}");
    let from = text.find("How its open projects report").expect("the PDF has the programmes table");
    let programmes = &text[from..];
    assert!(programmes.contains("Digital front door") && programmes.contains("Elective recovery"), "{programmes}");
    let html = std::fs::read_to_string(site.path().join("output/reviews/2026-11-board/index.html")).unwrap();
    assert!(html.contains("<h3>Programmes</h3>") && html.contains("<h3>Against the original baseline</h3>"));
    let portfolio = std::fs::read_to_string(site.path().join("output/portfolio.html")).unwrap();
    assert!(portfolio.contains("id=\"baseline-heading\"") && portfolio.contains("£350k"), "the portfolio page too");
}
