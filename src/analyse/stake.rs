//! What a finding puts at risk, and who should act on it.
//!
//! A board reads a few findings, not forty: they are ranked by severity and
//! then by the money and people involved, and each names the person who
//! can fix it. Both come from the finding's subject, the same way for every
//! rule, so a new rule is ranked and owned without extra work.

use serde::Serialize;

use super::{Analysis, Finding, Subject};
use crate::model::{Ix, Model, Project, Status};

/// The money still to spend and the people on the work a finding is about.
/// `None` where nothing is known (no budget given, or a finding about the
/// organisation's practice as a whole).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Stake {
    /// Budget not yet spent, in the organisation's currency.
    pub money: Option<f64>,
    /// Full-time equivalents.
    pub fte: Option<f64>,
    /// `fte` is what a team needs beyond its capacity, not all its people.
    #[serde(skip)]
    pub fte_over_capacity: bool,
}

impl Stake {
    /// Neither money nor people are known.
    pub fn is_unknown(&self) -> bool {
        self.money.is_none() && self.fte.is_none()
    }

    /// "£1.2m of open spend and 3.5 FTE", or `None` when nothing is known.
    pub fn describe(&self, currency: &str) -> Option<String> {
        let money = self.money_words(currency).map(|m| format!("{m} of open spend"));
        match (money, self.people()) {
            (Some(m), Some(f)) => Some(format!("{m} and {f}")),
            (m, f) => m.or(f),
        }
    }

    /// The money alone, short ("£1.2m"); `None` when nothing is left to
    /// spend, which says nothing at stake.
    pub fn money_words(&self, currency: &str) -> Option<String> {
        self.money.filter(|m| *m > 0.0).map(|m| crate::format::money(m, currency))
    }

    /// The people alone ("3.5 FTE", "9.5 FTE over capacity"); `None` when
    /// nobody is on the work.
    pub fn people(&self) -> Option<String> {
        let over = if self.fte_over_capacity { " over capacity" } else { "" };
        self.fte.filter(|f| *f > 0.0).map(|f| format!("{} FTE{over}", crate::format::number(f)))
    }
}

/// The part someone plays in the organisation, as the reader knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The person who runs a project.
    ProjectOwner,
    /// The senior person who answers for a project.
    Sponsor,
    /// The person accountable for an objective.
    ObjectiveOwner,
    /// The person accountable for a strategic priority.
    PriorityOwner,
    /// The senior responsible owner of a programme.
    ProgrammeOwner,
    /// The head of a team.
    TeamLead,
    /// The person who chairs a review.
    Chair,
    /// The person a review gave an action or decision to.
    ActionOwner,
    /// The portfolio office, for the organisation's own practice.
    Pmo,
}

impl Role {
    /// The role's id in the JSON report.
    pub fn id(self) -> &'static str {
        match self {
            Role::ProjectOwner => "project-owner",
            Role::Sponsor => "sponsor",
            Role::ObjectiveOwner => "objective-owner",
            Role::PriorityOwner => "priority-owner",
            Role::ProgrammeOwner => "programme-owner",
            Role::TeamLead => "team-lead",
            Role::Chair => "chair",
            Role::ActionOwner => "action-owner",
            Role::Pmo => "pmo",
        }
    }

    /// The role in words, for the reader.
    pub fn label(self) -> &'static str {
        match self {
            Role::ProjectOwner => "project owner",
            Role::Sponsor => "sponsor",
            Role::ObjectiveOwner => "objective owner",
            Role::PriorityOwner => "priority owner",
            Role::ProgrammeOwner => "programme owner",
            Role::TeamLead => "team lead",
            Role::Chair => "chair",
            Role::ActionOwner => "action owner",
            Role::Pmo => "PMO",
        }
    }
}

/// Who should act on a finding: a named person in a role, or the PMO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// Their name, as the content gives it; `None` for the PMO.
    pub name: Option<String>,
    /// The part they play.
    pub role: Role,
}

impl Owner {
    fn pmo() -> Owner {
        Owner { name: None, role: Role::Pmo }
    }

    /// "Dana Cole (project owner)", or "the PMO".
    pub fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.role.label()),
            None => format!("the {}", self.role.label()),
        }
    }
}

/// What is at stake in findings about `subject`.
pub fn stake_of(model: &Model, analysis: &Analysis, subject: Subject) -> Stake {
    match subject {
        Subject::Project(p) => {
            // Finished or cancelled work has nothing left at stake.
            let project = model.project(p);
            let open = project.status.is_open();
            Stake { money: remaining(project).filter(|_| open), fte: project.fte.filter(|_| open), ..Stake::default() }
        }
        Subject::Objective(o) => {
            // The part of each open project that serves this objective.
            let (mut money, mut fte, mut known) = (0.0, 0.0, false);
            for &p in &analysis.objective(o).projects {
                let project = model.project(p);
                let Some(share) = share_of(project, o) else { continue };
                if let Some(left) = remaining(project) {
                    money += left * share;
                    known = true;
                }
                fte += project.fte.unwrap_or(0.0) * share;
            }
            Stake { money: known.then_some(money), fte: (fte > 0.0).then_some(fte), ..Stake::default() }
        }
        Subject::Priority(p) => {
            let a = &analysis.priorities[p.index()];
            let drift = model.priority(p).weight.zip(a.budget_share).map(|(w, s)| (w / 100.0 - s).abs());
            let money = match drift {
                // The money between the intended and the actual share.
                Some(drift) => Some(drift * analysis.coverage.budget),
                None => (a.budget > 0.0).then_some(a.budget),
            };
            Stake { money, fte: (a.fte > 0.0).then_some(a.fte), ..Stake::default() }
        }
        Subject::Team(t) => {
            let a = &analysis.teams[t.index()];
            let active = a.projects.iter().map(|p| model.project(*p)).filter(|p| p.status == Status::Active);
            let money: Option<f64> = active.filter_map(remaining).fold(None, |sum, m| Some(sum.unwrap_or(0.0) + m));
            let over = model.team(t).capacity_fte.map(|c| a.load_fte - c).filter(|over| *over > 0.0);
            Stake { money, fte: over.or((a.load_fte > 0.0).then_some(a.load_fte)), fte_over_capacity: over.is_some() }
        }
        Subject::Programme(g) => {
            let open = model.programme(g).projects.iter().map(|p| model.project(*p)).filter(|p| p.status.is_open());
            let (money, fte) = open.fold((None, 0.0), |(m, f), p| {
                (remaining(p).map_or(m, |r| Some(m.unwrap_or(0.0) + r)), f + p.fte.unwrap_or(0.0))
            });
            Stake { money, fte: (fte > 0.0).then_some(fte), ..Stake::default() }
        }
        Subject::Organisation | Subject::Review(_) => Stake::default(),
    }
}

/// What is at stake in many findings together: the sums of what is known.
pub fn total(stakes: impl Iterator<Item = Stake>) -> Stake {
    let add = |sum: Option<f64>, x: Option<f64>| match (sum, x) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    stakes.fold(Stake::default(), |sum, s| Stake {
        money: add(sum.money, s.money),
        fte: add(sum.fte, s.fte),
        ..Stake::default()
    })
}

/// The budget a project has left; never below nothing.
fn remaining(project: &Project) -> Option<f64> {
    project.budget.map(|b| (b - project.spent.unwrap_or(0.0)).max(0.0))
}

/// The fraction of `project` that serves `objective`, by link strength.
fn share_of(project: &Project, objective: Ix<crate::model::Objective>) -> Option<f64> {
    let total: f64 = project.contributions.iter().map(|c| c.strength.weight()).sum();
    let mine: f64 =
        project.contributions.iter().filter(|c| c.objective == objective).map(|c| c.strength.weight()).sum();
    (total > 0.0).then(|| mine / total)
}

/// Who should act on findings about `subject`: the accountable person the
/// content names, else the next one up, else the PMO.
pub fn owner_of(model: &Model, subject: Subject) -> Owner {
    let named = |name: &Option<String>, role: Role| name.clone().map(|name| Owner { name: Some(name), role });
    let lead = |team: Option<Ix<crate::model::Team>>| team.and_then(|t| named(&model.team(t).lead, Role::TeamLead));
    let owner = match subject {
        Subject::Project(p) => {
            let project = model.project(p);
            named(&project.owner, Role::ProjectOwner)
                .or_else(|| named(&project.sponsor, Role::Sponsor))
                .or_else(|| lead(project.team))
        }
        Subject::Objective(o) => {
            let objective = model.objective(o);
            named(&objective.owner, Role::ObjectiveOwner).or_else(|| lead(objective.team))
        }
        Subject::Priority(p) => named(&model.priority(p).owner, Role::PriorityOwner),
        Subject::Team(t) => lead(Some(t)),
        Subject::Programme(g) => {
            let programme = model.programme(g);
            named(&programme.owner, Role::ProgrammeOwner)
                .or_else(|| named(&programme.sponsor, Role::Sponsor))
                .or_else(|| lead(programme.team))
        }
        Subject::Review(r) => named(&model.reviews[r.index()].chair, Role::Chair),
        Subject::Organisation => None,
    };
    owner.unwrap_or_else(Owner::pmo)
}

/// The reading order of findings: open ones before those waived with a
/// reason, the most severe first, then the most money, then the most
/// people; ties keep the order of the content.
pub(super) fn rank(findings: &mut [Finding], model: &Model) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.waiver.is_some(),
                std::cmp::Reverse(f.effective_severity()),
                std::cmp::Reverse(Amount(f.at_stake.money)),
                std::cmp::Reverse(Amount(f.at_stake.fte)),
                f.rule.gap,
                model.file_rank(f.location.file),
                f.location.span.start,
                f.rule.id,
            )
        };
        key(a).cmp(&key(b))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.rank = i + 1;
    }
}

/// An amount that may be unknown, ordered with unknown below any number.
#[derive(PartialEq)]
struct Amount(Option<f64>);

impl Eq for Amount {}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.0, other.0) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Greater,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (None, None) => std::cmp::Ordering::Equal,
        }
    }
}
