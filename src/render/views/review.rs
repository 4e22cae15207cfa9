//! Reviews: the list, a page for each, and their decisions.

use super::*;

/// A review in a list or on its page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// Link to its page.
    pub link: Link,
    /// Meeting date.
    pub date: Option<String>,
    /// Period under review.
    pub period: Option<String>,
    /// Audience.
    pub audience: Option<String>,
    /// Chair.
    pub chair: Option<String>,
    /// Decisions.
    pub decisions: Vec<DecisionView>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Its HTML board pack, from the site root.
    pub pack: String,
    /// Its PDF board pack, from the site root, when PDFs are built.
    pub pdf: Option<String>,
    /// Narrative HTML.
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

/// A decision on a review page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The project.
    pub project: ProjectRow,
    /// continue, reshape or stop.
    pub decision: &'static str,
    /// Why.
    pub rationale: Option<String>,
    /// What the analysis proposes for it.
    pub proposal: Option<&'static str>,
}

impl ReviewView {
    pub(crate) fn new(cx: &Context<'_>, i: usize) -> ReviewView {
        let r = cx.model.review(i);
        ReviewView {
            link: Link { title: r.title.clone(), url: review_url(r) },
            date: r.date.map(|d| d.to_string()),
            period: r.period.map(|p| cx.model.period(p).title.clone()),
            audience: r.audience.clone(),
            chair: r.chair.clone(),
            decisions: r
                .decisions
                .iter()
                .map(|d| DecisionView {
                    project: ProjectRow::new(cx, d.project),
                    decision: d.decision.as_str(),
                    rationale: d.rationale.clone(),
                    proposal: cx.proposal(d.project),
                })
                .collect(),
            findings: FindingView::about(cx, Subject::Review(Ix::new(i))),
            pack: format!("{}index.html", crate::render::pack::folder(&r.id)),
            pdf: cx.pdf.then(|| format!("{}{}.pdf", crate::render::pack::folder(&r.id), r.id)),
            body: r.body.html.clone(),
            source: cx.source(&r.location),
        }
    }
}

pub(crate) fn reviews(cx: &Context<'_>) -> Vec<ReviewView> {
    let reviews: Vec<ReviewView> = (0..cx.model.review_count()).rev().map(|i| ReviewView::new(cx, i)).collect();
    reviews
}
