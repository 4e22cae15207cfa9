//! A programme's page and the programmes list: the roll-up a board reads
//! first (money, people, delivery confidence, findings), then the projects.

use super::project::{BenefitView, trace};
use super::review::written_date;
use super::*;
use crate::model::{Programme, Rag};

/// A programme with its roll-up: what its projects add up to.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeRow {
    /// Link to its page.
    pub link: Link,
    /// Senior responsible owner.
    pub owner: Option<String>,
    /// Lifecycle status.
    pub status: &'static str,
    /// Reported delivery confidence.
    pub rag: Option<&'static str>,
    /// The team that runs it.
    pub team: Option<Link>,
    /// Its projects.
    pub projects: usize,
    /// Of which open.
    pub open: usize,
    /// The sum of its projects' budgets, formatted; none when no project
    /// gives one.
    pub budget: Option<String>,
    /// The sum of their spend, formatted.
    pub spent: Option<String>,
    /// Spend as a share of budget, whole percent.
    pub spent_share: Option<u32>,
    /// People on its open projects, FTE.
    pub fte: String,
    /// How its open projects report, best to worst, then not reported;
    /// only the ratings in use.
    pub status_mix: Vec<RagCount>,
    /// Open findings about it and its projects.
    pub findings: usize,
}

/// How many projects report one rating.
#[derive(Debug, Clone, Serialize)]
pub struct RagCount {
    /// The rating (`amber-green`), or none for projects not reported.
    pub rag: Option<&'static str>,
    /// The rating in words (`amber/green`, `not reported`).
    pub label: &'static str,
    /// How many.
    pub count: usize,
}

impl ProgrammeRow {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Programme>) -> Self {
        let g = cx.model.programme(ix);
        let projects: Vec<&Project> = g.projects.iter().map(|p| cx.model.project(*p)).collect();
        let sum = |f: fn(&Project) -> Option<f64>| -> Option<f64> {
            projects.iter().filter_map(|p| f(p)).fold(None, |s, x| Some(s.unwrap_or(0.0) + x))
        };
        let (budget, spent) = (sum(|p| p.budget), sum(|p| p.spent));
        let open: Vec<&&Project> = projects.iter().filter(|p| p.status.is_open()).collect();
        let fte: f64 = open.iter().filter_map(|p| p.fte).sum();
        let mut status_mix: Vec<RagCount> = Rag::ALL
            .iter()
            .map(|r| RagCount {
                rag: Some(r.as_str()),
                label: r.label(),
                count: open.iter().filter(|p| p.rag == Some(*r)).count(),
            })
            .collect();
        status_mix.push(RagCount {
            rag: None,
            label: "not reported",
            count: open.iter().filter(|p| p.rag.is_none()).count(),
        });
        status_mix.retain(|c| c.count > 0);
        let findings = cx.analysis.findings_for(Subject::Programme(ix)).filter(|f| f.waiver.is_none()).count()
            + g.projects
                .iter()
                .map(|p| cx.analysis.findings_for(Subject::Project(*p)).filter(|f| f.waiver.is_none()).count())
                .sum::<usize>();
        ProgrammeRow {
            link: cx.programme_link(ix),
            owner: g.owner.clone(),
            status: g.status.as_str(),
            rag: g.rag.map(|r| r.as_str()),
            team: g.team.map(|t| cx.team_link(t)),
            projects: projects.len(),
            open: open.len(),
            budget: budget.map(|b| money(b, cx.currency)),
            spent: spent.map(|s| money(s, cx.currency)),
            spent_share: budget.zip(spent).filter(|(b, _)| *b > 0.0).map(|(b, s)| pct(s / b)),
            fte: number(fte),
            status_mix,
            findings,
        }
    }
}

/// `programmes/<id>.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeView {
    /// The roll-up.
    pub programme: ProgrammeRow,
    /// Sponsor.
    pub sponsor: Option<String>,
    /// Start date, written out.
    pub start: Option<String>,
    /// Planned end, written out.
    pub end: Option<String>,
    /// Each way the programme traces up: [vision, priority, objective…].
    pub traces: Vec<Vec<Link>>,
    /// Beside each trace, how the programme says it moves that objective.
    pub reasons: Vec<Option<String>>,
    /// Its projects, open first.
    pub projects: Vec<ProjectRow>,
    /// Benefits.
    pub benefits: Vec<BenefitView>,
    /// Findings about it.
    pub findings: Vec<FindingView>,
    /// Body HTML (sanitised).
    pub body: String,
    /// Where it is defined.
    pub source: String,
}

impl ProgrammeView {
    pub(crate) fn new(cx: &Context<'_>, ix: Ix<Programme>) -> Self {
        let g = cx.model.programme(ix);
        let mut projects = g.projects.clone();
        projects.sort_by_key(|p| !cx.model.project(*p).status.is_open());
        ProgrammeView {
            programme: ProgrammeRow::new(cx, ix),
            sponsor: g.sponsor.clone(),
            start: g.start.map(written_date),
            end: g.end.map(written_date),
            traces: g.contributions.iter().map(|c| trace(cx, c.objective)).collect(),
            reasons: g.contributions.iter().map(|c| c.why.clone()).collect(),
            projects: projects.into_iter().map(|p| ProjectRow::new(cx, p)).collect(),
            benefits: g.benefits.iter().map(BenefitView::new).collect(),
            findings: FindingView::about(cx, Subject::Programme(ix)),
            body: g.body.html.clone(),
            source: cx.source(&g.location),
        }
    }
}

/// Where the programmes list is.
pub const PROGRAMMES_PAGE: &str = "programmes/index.html";

/// `programmes/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeList {
    /// Every programme.
    pub programmes: Vec<ProgrammeRow>,
    /// Open projects in no programme.
    pub outside: usize,
}

impl ProgrammeList {
    pub(crate) fn new(cx: &Context<'_>) -> Self {
        let m = cx.model;
        ProgrammeList {
            programmes: m.programme_ixs().map(|g| ProgrammeRow::new(cx, g)).collect(),
            outside: m
                .project_ixs()
                .filter(|p| {
                    let p = m.project(*p);
                    p.programme.is_none() && p.status.is_open()
                })
                .count(),
        }
    }
}
