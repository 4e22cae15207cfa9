//! Raw documents → the resolved [`Model`], reporting every problem found.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use toml::Spanned;

use super::checks::{At, Checker, Index};
use super::*;
use crate::diag::{Diagnostic, Diagnostics, Severity, suggestion_help};
use crate::load::raw::*;
use crate::load::{Doc, Kind, Loaded};

pub(crate) const PERSPECTIVES: &[(&str, Perspective)] = &[
    ("financial", Perspective::Financial),
    ("customer", Perspective::Customer),
    ("internal", Perspective::Internal),
    ("learning", Perspective::Learning),
];
pub(crate) const STATUSES: &[(&str, Status)] = &[
    ("proposed", Status::Proposed),
    ("active", Status::Active),
    ("paused", Status::Paused),
    ("done", Status::Done),
    ("cancelled", Status::Cancelled),
];
pub(crate) const CHANGE_STATUSES: &[(&str, ChangeStatus)] =
    &[("proposed", ChangeStatus::Proposed), ("approved", ChangeStatus::Approved), ("rejected", ChangeStatus::Rejected)];

pub(crate) const RAGS: &[(&str, Rag)] = &[
    ("green", Rag::Green),
    ("amber-green", Rag::AmberGreen),
    ("amber", Rag::Amber),
    ("amber-red", Rag::AmberRed),
    ("red", Rag::Red),
];
pub(crate) const DECISIONS: &[(&str, Decision)] =
    &[("continue", Decision::Continue), ("reshape", Decision::Reshape), ("stop", Decision::Stop)];
pub(crate) const REVIEW_DECISIONS: &[(&str, Decision)] = &[
    ("continue", Decision::Continue),
    ("reshape", Decision::Reshape),
    ("stop", Decision::Stop),
    ("start", Decision::Start),
    ("defer", Decision::Defer),
];
pub(crate) const FOLLOW_UPS: &[(&str, FollowUp)] =
    &[("open", FollowUp::Open), ("done", FollowUp::Done), ("dropped", FollowUp::Dropped)];
pub(crate) const OUTCOMES: &[(&str, Outcome)] = &[
    ("achieved", Outcome::Achieved),
    ("partly", Outcome::Partly),
    ("missed", Outcome::Missed),
    ("dropped", Outcome::Dropped),
];
pub(crate) const REVIEW_KINDS: &[(&str, ReviewKind)] =
    &[("board", ReviewKind::Board), ("portfolio", ReviewKind::Portfolio), ("strategy", ReviewKind::Strategy)];
pub(crate) const CADENCES: &[(&str, Cadence)] = &[
    ("weekly", Cadence::Weekly),
    ("fortnightly", Cadence::Fortnightly),
    ("monthly", Cadence::Monthly),
    ("quarterly", Cadence::Quarterly),
    ("half-yearly", Cadence::HalfYearly),
    ("yearly", Cadence::Yearly),
];
pub(crate) const PAPERS: &[(&str, Paper)] = &[("a4", Paper::A4), ("letter", Paper::Letter)];
pub(crate) const ORIENTATIONS: &[(&str, Orientation)] =
    &[("landscape", Orientation::Landscape), ("portrait", Orientation::Portrait)];
pub(crate) const DIRECTIONS: &[(&str, Direction)] =
    &[("increase", Direction::Increase), ("decrease", Direction::Decrease)];
pub(crate) const KR_KINDS: &[(&str, KeyResultKind)] =
    &[("outcome", KeyResultKind::Outcome), ("activity", KeyResultKind::Activity)];
pub(crate) const STRENGTHS: &[(&str, Strength)] =
    &[("strong", Strength::Strong), ("moderate", Strength::Moderate), ("weak", Strength::Weak)];

/// Builds the model from what was loaded. Problems go into `diags`; the
/// model is always returned (with bad values left out) so that checking can
/// go on and report everything in one run.
pub fn build(loaded: &Loaded, diags: &mut Diagnostics) -> Model {
    let mut b = Builder { loaded, c: Checker { diags }, periods: Vec::new(), period_ids: HashMap::new() };
    let mut organisation = b.organisation();
    let teams = b.teams();
    let team_index = teams.1;
    let teams = teams.0;
    let (priorities, priority_index) = b.priorities();
    let (mut objectives, objective_index) = b.objectives(&priority_index, &team_index);
    let (mut programmes, programme_index) = b.programmes(&objective_index, &team_index, &objectives);
    let (mut projects, project_bodies, project_index) =
        b.projects(&objective_index, &team_index, &objectives, &organisation.scoring, (&programmes, &programme_index));
    for (i, p) in projects.iter().enumerate() {
        if let Some(g) = p.programme {
            programmes[g.index()].projects.push(Ix::new(i));
        }
    }
    let checkins = b.checkins(&objective_index, &project_index, &mut objectives, &mut projects);
    let reviews = b.reviews(&project_index, &objective_index, organisation.packs);
    organisation.current_period = b.current_period();
    let Builder { periods, .. } = b;
    let file_order = loaded.sources.ranks();
    Model {
        organisation,
        periods,
        priorities,
        objectives,
        projects,
        project_bodies,
        teams,
        programmes,
        checkins,
        reviews,
        file_order,
    }
}

struct Builder<'a, 'd> {
    loaded: &'a Loaded,
    c: Checker<'d>,
    periods: Vec<Period>,
    period_ids: HashMap<String, Ix<Period>>,
}

impl<'a> Builder<'a, '_> {
    /// Indexes the documents of one kind by id, reporting duplicates; returns
    /// the index and the documents that made it in, in the same order.
    fn register<T, R>(
        &mut self,
        kind: Kind,
        docs: &'a [Arc<Doc<R>>],
        title: fn(&R) -> &Text,
    ) -> (Index<T>, Vec<&'a Doc<R>>) {
        let mut index = Index::new(kind).with_unparsed(&self.loaded.unparsed);
        let mut kept = Vec::new();
        for doc in docs {
            let at = self.at(doc);
            if index.insert(&mut self.c, &doc.id, title_location(at, title(&doc.raw))).is_some() {
                kept.push(&**doc);
            }
        }
        (index, kept)
    }

    /// Checks `[[waivers]]`: a known rule and a reason are required, so no
    /// finding disappears without an explanation.
    fn waivers(&mut self, at: At, raw: &Waivers) -> Vec<Waiver> {
        let mut out = Vec::new();
        for w in raw {
            let location = at.loc(w);
            let w = w.get_ref();
            let Some(rule_value) = &w.rule else {
                self.c.push(
                    Diagnostic::error("missing-field", "a waiver has no `rule`")
                        .at_location(location)
                        .with_help("name the rule it waives, e.g. `rule = \"unaligned-project\"`"),
                );
                continue;
            };
            let id = rule_value.get_ref().trim();
            let Some(rule) = crate::analyse::rules::rule(id) else {
                self.c.push(
                    Diagnostic::error("unknown-rule", format!("`{id}` is not an analysis rule"))
                        .at_location(at.loc(rule_value))
                        .with_label("unknown rule")
                        .with_help_opt(suggestion_help("a rule", id, crate::analyse::rules::ids()))
                        .with_note("the rules are listed in docs/rules.md and on the site's rules page"),
                );
                continue;
            };
            let Some(reason) = Checker::text(&w.reason) else {
                self.c.push(
                    Diagnostic::error("missing-field", "a waiver has no `reason`")
                        .at_location(location)
                        .with_help("say why the finding is accepted: `reason = \"…\"`; it is shown beside the finding"),
                );
                continue;
            };
            let until = self.c.date(at, &w.until, "until");
            out.push(Waiver { rule, reason, until, location });
        }
        out
    }

    fn at<T>(&self, doc: &Doc<T>) -> At {
        At::new(doc.file, &self.loaded.sources.get(doc.file).text, doc.front_matter.clone())
    }

    fn organisation(&mut self) -> Organisation {
        let Some(doc) = &self.loaded.organisation else {
            return Organisation {
                name: "Untitled".into(),
                vision: None,
                mission: None,
                currency: "GBP".into(),
                current_period: None,
                site: SiteSettings {
                    title: "Untitled".into(),
                    description: None,
                    base_url: None,
                    theme: "default".into(),
                    raw_html: RawHtml::default(),
                },
                scoring: Scoring::default(),
                limits: Limits::default(),
                rule_levels: Default::default(),
                packs: PageSetup::default(),
                rhythm: Rhythm::default(),
                location: Location::file_start(crate::diag::FileId::of_path(std::path::Path::new(
                    "content/organisation.toml",
                ))),
            };
        };
        let at = self.at(doc);
        let raw = &doc.raw;
        let name = self.c.required_text(at, &raw.name, "name", "organisation.toml", "Untitled");
        let vision = Checker::text(&raw.vision);
        if vision.is_none() {
            self.c.push(
                Diagnostic::warning("missing-vision", "organisation.toml has no `vision`")
                    .at_location(at.anchor())
                    .with_help("add `vision = \"…\"`: it heads every page and everything traces up to it"),
            );
        }
        // Listed periods first, so references to them resolve.
        for p in &raw.periods {
            self.listed_period(at, p);
        }
        let site = SiteSettings {
            title: Checker::text(&raw.site.title).unwrap_or_else(|| name.clone()),
            description: Checker::text(&raw.site.description),
            base_url: Checker::text(&raw.site.base_url),
            theme: Checker::text(&raw.site.theme).unwrap_or_else(|| "default".into()),
            raw_html: self.c.choice(at, &raw.site.raw_html, "raw_html", RawHtml::CHOICES).unwrap_or_default(),
        };
        let mut criteria: Vec<Criterion> = Vec::new();
        for c in &raw.scoring.criteria {
            let Some(id) = Checker::text(&c.id) else {
                self.c.push(
                    Diagnostic::error("missing-field", "a scoring criterion has no `id`")
                        .at_location(at.anchor())
                        .with_help("write criteria as `{ id = \"strategic-fit\", weight = 0.4 }`"),
                );
                continue;
            };
            let negative = c.weight.as_ref().is_some_and(|w| *w.get_ref() < 0.0);
            let weight = if negative {
                let w = c.weight.as_ref().expect("a negative weight is a weight");
                self.c.push(
                    Diagnostic::error("out-of-range", "a criterion's `weight` cannot be negative")
                        .at_location(at.loc(w))
                        .with_label("below zero")
                        .with_help(format!(
                            "for a criterion where a low score is good (risk, cost), give it a positive weight and `better = \"lower\"`: `{{ id = \"{id}\", weight = {}, better = \"lower\" }}`",
                            w.get_ref().abs()
                        )),
                );
                1.0
            } else {
                self.c.non_negative(at, &c.weight, "weight").unwrap_or(1.0)
            };
            let better = self.c.choice(at, &c.better, "better", Better::CHOICES).unwrap_or_default();
            let title = Checker::text(&c.title).unwrap_or_else(|| id.clone());
            criteria.push(Criterion { id, title, weight, better });
        }
        let d = Limits::default();
        let l = &raw.limits;
        let limits = Limits {
            max_priorities: self
                .c
                .count(at, &l.max_priorities, "max_priorities", 1)
                .map_or(d.max_priorities, |n| n as usize),
            max_objectives_per_team: self
                .c
                .count(at, &l.max_objectives_per_team, "max_objectives_per_team", 1)
                .map_or(d.max_objectives_per_team, |n| n as usize),
            max_key_results: self
                .c
                .count(at, &l.max_key_results, "max_key_results", 1)
                .map_or(d.max_key_results, |n| n as usize),
            stale_checkin_days: self
                .c
                .count(at, &l.stale_checkin_days, "stale_checkin_days", 1)
                .unwrap_or(d.stale_checkin_days),
            watermelon_tolerance: self
                .c
                .fraction(at, &l.watermelon_tolerance, "watermelon_tolerance")
                .unwrap_or(d.watermelon_tolerance),
            drift_tolerance: self
                .c
                .non_negative(at, &l.drift_tolerance, "drift_tolerance")
                .unwrap_or(d.drift_tolerance),
            confidence_tolerance: self
                .c
                .fraction(at, &l.confidence_tolerance, "confidence_tolerance")
                .unwrap_or(d.confidence_tolerance),
            rebaseline_tolerance: self
                .c
                .non_negative(at, &l.rebaseline_tolerance, "rebaseline_tolerance")
                .unwrap_or(d.rebaseline_tolerance),
            close_within_days: self
                .c
                .count(at, &l.close_within_days, "close_within_days", 1)
                .unwrap_or(d.close_within_days),
        };
        let rhythm = Rhythm {
            checkins: self.c.choice(at, &raw.rhythm.checkins, "checkins", CADENCES),
            portfolio_review: self.c.choice(at, &raw.rhythm.portfolio_review, "portfolio_review", CADENCES),
            strategy_review: self.c.choice(at, &raw.rhythm.strategy_review, "strategy_review", CADENCES),
            review_locations: [
                (ReviewKind::Portfolio, &raw.rhythm.portfolio_review),
                (ReviewKind::Strategy, &raw.rhythm.strategy_review),
            ]
            .into_iter()
            .filter_map(|(kind, value)| value.as_ref().map(|v| (kind, at.loc(v))))
            .collect(),
        };
        let mut rule_levels = std::collections::BTreeMap::new();
        for (id, level) in &raw.rules {
            let Some(rule) = crate::analyse::rules::rule(id) else {
                self.c.push(
                    Diagnostic::error("unknown-rule", format!("`[rules]` names a rule that does not exist: `{id}`"))
                        .at_location(at.loc(level))
                        .with_help_opt(suggestion_help("a rule", id, crate::analyse::rules::ids()))
                        .with_note("the rules are listed in docs/rules.md"),
                );
                continue;
            };
            let levels: &[(&str, Option<Severity>)] = &[
                ("off", None),
                ("info", Some(Severity::Info)),
                ("warning", Some(Severity::Warning)),
                ("error", Some(Severity::Error)),
            ];
            if let Some(level) = self.c.choice(at, &Some(level.clone()), rule.id, levels) {
                rule_levels.insert(rule.id, level);
            }
        }
        let packs = PageSetup {
            paper: self.c.choice(at, &raw.packs.paper, "paper", PAPERS).unwrap_or_default(),
            orientation: self.c.choice(at, &raw.packs.orientation, "orientation", ORIENTATIONS).unwrap_or_default(),
        };
        Organisation {
            packs,
            rhythm,
            rule_levels,
            name,
            vision,
            mission: Checker::text(&raw.mission),
            currency: Checker::text(&raw.currency).map_or_else(|| "GBP".into(), |c| c.to_uppercase()),
            current_period: None,
            site,
            scoring: Scoring { capacity: self.c.non_negative(at, &raw.scoring.capacity, "capacity"), criteria },
            limits,
            location: at.anchor(),
        }
    }

    fn listed_period(&mut self, at: At, p: &RawPeriod) {
        let Some(id_value) = &p.id else {
            self.c.push(
                Diagnostic::error("missing-field", "a `[[periods]]` entry has no `id`")
                    .at_location(at.anchor())
                    .with_help("give each period an id such as `id = \"FY2026\"`"),
            );
            return;
        };
        let id = id_value.get_ref().trim().to_string();
        let implied = parse_period_id(&id);
        let start = self.c.date(at, &p.start, "start").or(implied.as_ref().map(|p| p.start));
        let end = self.c.date(at, &p.end, "end").or(implied.as_ref().map(|p| p.end));
        let (Some(start), Some(end)) = (start, end) else {
            self.c.push(
                Diagnostic::error("missing-field", format!("period `{id}` needs a `start` and an `end`"))
                    .at_location(at.loc(id_value))
                    .with_help("add `start = 2026-04-01` and `end = 2027-03-31` (ids like `2026-Q3`, `2026-H1` and `2026` need neither)"),
            );
            return;
        };
        if end < start {
            self.c.push(
                Diagnostic::error("invalid-range", format!("period `{id}` ends before it starts"))
                    .at_location(at.loc(id_value))
                    .with_help("swap `start` and `end`"),
            );
            return;
        }
        if self.period_ids.contains_key(&id) {
            self.c.push(
                Diagnostic::error("duplicate-id", format!("two periods have the id `{id}`"))
                    .at_location(at.loc(id_value))
                    .with_help("remove one of them"),
            );
            return;
        }
        let title = Checker::text(&p.title).or(implied.map(|p| p.title)).unwrap_or_else(|| id.clone());
        let ix = Ix::new(self.periods.len());
        self.periods.push(Period { id: id.clone(), title, start, end });
        self.period_ids.insert(id, ix);
    }

    /// A period named in content: a listed one, or one understood by name.
    fn period(&mut self, at: At, value: &Text, key: &str) -> Option<Ix<Period>> {
        let value = value.as_ref()?;
        let id = value.get_ref().trim();
        if let Some(ix) = self.period_ids.get(id) {
            return Some(*ix);
        }
        if let Some(period) = parse_period_id(id) {
            let ix = Ix::new(self.periods.len());
            self.period_ids.insert(id.to_string(), ix);
            self.periods.push(period);
            return Some(ix);
        }
        let listed: Vec<&str> = self.period_ids.keys().map(String::as_str).collect();
        let d = Diagnostic::error("unknown-period", format!("`{key}` is not a period: `{id}`"))
            .at_location(at.loc(value))
            .with_label("unknown period")
            .with_help_opt(suggestion_help("a period", id, listed.iter().copied()))
            .with_note("periods are `YYYY-Qn` (2026-Q4), `YYYY-Hn` (2026-H1), `YYYY`, or an id listed under `[[periods]]` in organisation.toml");
        self.c.push(d);
        None
    }

    fn current_period(&mut self) -> Option<Ix<Period>> {
        let doc = self.loaded.organisation.as_ref()?;
        let at = self.at(doc);
        self.period(at, &doc.raw.current_period, "current_period")
    }

    fn teams(&mut self) -> (Vec<Team>, Index<Team>) {
        struct Pending<'r> {
            id: String,
            title: &'r Text,
            lead: &'r Text,
            capacity: &'r Number,
            parent: &'r Text,
            waivers: Option<&'r Waivers>,
            at: At,
            location: Location,
        }
        let mut pending: Vec<Pending<'_>> = Vec::new();
        if let Some(doc) = &self.loaded.organisation {
            let at = self.at(doc);
            for t in &doc.raw.teams {
                let Some(id) = &t.id else {
                    self.c.push(
                        Diagnostic::error("missing-field", "a `[[teams]]` entry has no `id`")
                            .at_location(at.anchor())
                            .with_help("give each team an id such as `id = \"digital\"`"),
                    );
                    continue;
                };
                pending.push(Pending {
                    id: id.get_ref().trim().to_string(),
                    title: &t.title,
                    lead: &t.lead,
                    capacity: &t.capacity_fte,
                    parent: &t.parent,
                    waivers: None,
                    at,
                    location: at.loc(id),
                });
            }
        }
        for doc in &self.loaded.teams {
            let at = self.at(doc);
            pending.push(Pending {
                id: doc.id.clone(),
                title: &doc.raw.title,
                lead: &doc.raw.lead,
                capacity: &doc.raw.capacity_fte,
                parent: &doc.raw.parent,
                waivers: Some(&doc.raw.waivers),
                at,
                location: title_location(at, &doc.raw.title),
            });
        }
        pending.sort_by(|a, b| a.id.cmp(&b.id));
        let mut index = Index::new(Kind::Team).with_unparsed(&self.loaded.unparsed);
        let mut kept = Vec::new();
        for p in pending {
            if index.insert(&mut self.c, &p.id, p.location.clone()).is_some() {
                kept.push(p);
            }
        }
        let mut teams: Vec<Team> = kept
            .iter()
            .map(|p| Team {
                id: p.id.clone(),
                title: self.c.required_text(p.at, p.title, "title", "a team", &p.id),
                lead: Checker::text(p.lead),
                capacity_fte: self.c.non_negative(p.at, p.capacity, "capacity_fte"),
                parent: None,
                waivers: p.waivers.map(|w| self.waivers(p.at, w)).unwrap_or_default(),
                location: p.location.clone(),
            })
            .collect();
        for (i, p) in kept.iter().enumerate() {
            if let Some(parent) = p.parent {
                teams[i].parent = index.resolve(&mut self.c, p.at, parent, "parent");
            }
        }
        // A team tree must be a tree.
        for i in 0..teams.len() {
            let mut seen = vec![i];
            let mut current = teams[i].parent;
            while let Some(parent) = current {
                if parent.index() == i {
                    let names: Vec<&str> = seen.iter().map(|s| teams[*s].id.as_str()).collect();
                    self.c.push(
                        Diagnostic::error("parent-loop", format!("team `{}` is its own ancestor", teams[i].id))
                            .at_location(teams[i].location.clone())
                            .with_note(format!("the loop: {} → {}", names.join(" → "), teams[i].id))
                            .with_help("remove `parent` from one of these teams"),
                    );
                    teams[i].parent = None;
                    break;
                }
                if seen.contains(&parent.index()) {
                    break;
                }
                seen.push(parent.index());
                current = teams[parent.index()].parent;
            }
        }
        (teams, index)
    }

    fn priorities(&mut self) -> (Vec<Priority>, Index<Priority>) {
        let mut docs: Vec<&Doc<RawPriority>> = self.loaded.priorities.iter().map(|d| &**d).collect();
        docs.sort_by(|a, b| {
            let order = |d: &Doc<RawPriority>| d.raw.order.as_ref().map_or(f64::MAX, |o| *o.get_ref());
            order(a).total_cmp(&order(b)).then_with(|| a.id.cmp(&b.id))
        });
        let mut index = Index::new(Kind::Priority).with_unparsed(&self.loaded.unparsed);
        let mut out = Vec::new();
        for doc in docs {
            let at = self.at(doc);
            let location = title_location(at, &doc.raw.title);
            if index.insert(&mut self.c, &doc.id, location.clone()).is_none() {
                continue;
            }
            let raw = &doc.raw;
            let weight = self.c.non_negative(at, &raw.weight, "weight");
            if let (Some(w), Some(value)) = (weight, &raw.weight)
                && w > 100.0
            {
                self.c.push(
                    Diagnostic::error("out-of-range", "`weight` is a percentage and cannot exceed 100")
                        .at_location(at.loc(value))
                        .with_help(
                            "give each priority its intended share of investment in percent; together they make 100",
                        ),
                );
            }
            out.push(Priority {
                id: doc.id.clone(),
                title: self.c.required_text(at, &raw.title, "title", "a priority", &doc.id),
                owner: Checker::text(&raw.owner),
                weight,
                perspective: self.c.choice(at, &raw.perspective, "perspective", PERSPECTIVES),
                horizon: Checker::text(&raw.horizon),
                order: raw.order.as_ref().map(|o| *o.get_ref() as i64),
                waivers: self.waivers(at, &raw.waivers),
                body: doc.body.clone(),
                location,
            });
        }
        (out, index)
    }

    fn objectives(&mut self, priorities: &Index<Priority>, teams: &Index<Team>) -> (Vec<Objective>, Index<Objective>) {
        let loaded = self.loaded;
        let (index, docs) = self.register(Kind::Objective, &loaded.objectives, |r| &r.title);
        let mut out = Vec::new();
        for doc in docs {
            let at = self.at(doc);
            let raw = &doc.raw;
            let link = match (&raw.priority, &raw.parent) {
                (Some(p), Some(parent)) => {
                    self.c.push(
                        Diagnostic::error("priority-and-parent", "an objective links to a priority or to a parent objective, not both")
                            .at_location(at.loc(parent))
                            .with_secondary(at.loc(p), "and a priority here")
                            .with_help("keep `parent` for a team objective (it inherits the parent's priority), or `priority` for a top-level one"),
                    );
                    None
                }
                (Some(p), None) => priorities.resolve(&mut self.c, at, p, "priority").map(ObjectiveLink::Priority),
                (None, Some(parent)) => {
                    let ix = index.resolve(&mut self.c, at, parent, "parent");
                    if ix.is_some() && ix == index.get(&doc.id) {
                        self.c.push(
                            Diagnostic::error("parent-loop", "an objective cannot be its own parent")
                                .at_location(at.loc(parent))
                                .with_help("point `parent` at the objective this one contributes to"),
                        );
                        None
                    } else {
                        ix.map(ObjectiveLink::Parent)
                    }
                }
                (None, None) => None,
            };
            let title = self.c.required_text(at, &raw.title, "title", "an objective", &doc.id);
            let mut key_results: Vec<KeyResult> = Vec::new();
            for kr in &raw.key_results {
                let kr_at = at;
                let location = kr_at.loc(kr);
                let kr = kr.get_ref();
                let Some(id) = Checker::text(&kr.id) else {
                    self.c.push(
                        Diagnostic::error("missing-field", "a key result has no `id`")
                            .at_location(location)
                            .with_help("add `id = \"…\"`, unique within the objective; check-ins refer to it"),
                    );
                    continue;
                };
                if let Some(first) = key_results.iter().find(|k| k.id == id) {
                    self.c.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("two key results of this objective have the id `{id}`"),
                        )
                        .at_location(location)
                        .with_secondary(first.location.clone(), "first defined here")
                        .with_help("give each key result of an objective its own id"),
                    );
                    continue;
                }
                let start = self.c.number(at, &kr.start, "start");
                let target = self.c.number(at, &kr.target, "target");
                let inferred = match (start, target) {
                    (Some(s), Some(t)) if t < s => Direction::Decrease,
                    _ => Direction::Increase,
                };
                let direction = match self.c.choice(at, &kr.direction, "direction", DIRECTIONS) {
                    Some(given) => {
                        if let (Some(s), Some(t)) = (start, target)
                            && s != t
                            && given != inferred
                        {
                            self.c.push(
                                Diagnostic::error(
                                    "direction-mismatch",
                                    format!(
                                        "`direction` says {} but the target ({t}) is {} the start ({s})",
                                        if given == Direction::Increase { "increase" } else { "decrease" },
                                        if t > s { "above" } else { "below" }
                                    ),
                                )
                                .at_location(at.loc(kr.direction.as_ref().expect("checked above")))
                                .with_help("fix `start` or `target`, or leave `direction` out: it is inferred from start → target"),
                            );
                        }
                        given
                    }
                    None => inferred,
                };
                let current = self.c.number(at, &kr.current, "current");
                let confidence = self.c.fraction(at, &kr.confidence, "confidence");
                key_results.push(KeyResult {
                    title: self.c.required_text(at, &kr.title, "title", "a key result", &id),
                    id,
                    start,
                    target,
                    current,
                    written: Written { value: current, confidence },
                    unit: Checker::text(&kr.unit),
                    direction,
                    kind: self.c.choice(at, &kr.kind, "kind", KR_KINDS).unwrap_or(KeyResultKind::Outcome),
                    owner: Checker::text(&kr.owner),
                    confidence,
                    metric: Checker::text(&kr.metric),
                    history: Vec::new(),
                    location,
                });
            }
            let close = raw.close.as_ref().and_then(|c| self.close(at, c, &index, &doc.id));
            out.push(Objective {
                id: doc.id.clone(),
                close,
                title,
                link,
                period: self.period(at, &raw.period, "period"),
                team: raw.team.as_ref().and_then(|t| teams.resolve(&mut self.c, at, t, "team")),
                owner: Checker::text(&raw.owner),
                perspective: self.c.choice(at, &raw.perspective, "perspective", PERSPECTIVES),
                key_results,
                waivers: self.waivers(at, &raw.waivers),
                body: doc.body.clone(),
                location: title_location(at, &raw.title),
            });
        }
        self.break_cascade_loops(&mut out);
        (out, index)
    }

    /// An objective's `[close]`: its outcome is required, the rest optional.
    fn close(&mut self, at: At, raw: &Spanned<RawClose>, index: &Index<Objective>, id: &str) -> Option<Close> {
        let location = at.loc(raw);
        let c = raw.get_ref();
        let outcome = self.c.choice(at, &c.outcome, "outcome", OUTCOMES);
        if c.outcome.is_none() {
            self.c.push(
                Diagnostic::error("missing-field", "`[close]` has no `outcome`")
                    .at_location(location.clone())
                    .with_help("say what became of the objective: `outcome = \"achieved\"`, `\"partly\"`, `\"missed\"` or `\"dropped\"`"),
            );
        }
        let score = self.c.fraction(at, &c.score, "score");
        let date = self.c.date(at, &c.date, "date");
        let carried_to = match &c.carried_to {
            Some(to) if to.get_ref().trim() == id => {
                self.c.push(
                    Diagnostic::error("invalid-value", "an objective cannot be carried on by itself")
                        .at_location(at.loc(to))
                        .with_help(
                            "name the objective of a later period that continues this one, or leave `carried_to` out",
                        ),
                );
                None
            }
            Some(to) => index.resolve(&mut self.c, at, to, "carried_to"),
            None => None,
        };
        Some(Close { outcome: outcome?, score, learnings: Checker::text(&c.learnings), carried_to, date, location })
    }

    /// Reports and cuts any loop in the `parent` links between objectives.
    fn break_cascade_loops(&mut self, objectives: &mut [Objective]) {
        for i in 0..objectives.len() {
            let mut chain = vec![i];
            let mut current = i;
            while let Some(ObjectiveLink::Parent(parent)) = objectives[current].link {
                let p = parent.index();
                if p == i {
                    let names: Vec<&str> = chain.iter().map(|c| objectives[*c].id.as_str()).collect();
                    self.c.push(
                        Diagnostic::error(
                            "parent-loop",
                            format!("objective `{}` is its own ancestor", objectives[i].id),
                        )
                        .at_location(objectives[i].location.clone())
                        .with_note(format!("the cascade loops: {} → {}", names.join(" → "), objectives[i].id))
                        .with_help("one objective in the loop should link to a `priority` instead of a `parent`"),
                    );
                    objectives[i].link = None;
                    break;
                }
                if chain.contains(&p) {
                    break;
                }
                chain.push(p);
                current = p;
            }
        }
    }

    /// Reads the `objectives` a project or programme serves: ids, or
    /// tables naming a key result, a strength and why.
    fn contributions(
        &mut self,
        at: At,
        links: &[Spanned<RawObjectiveLink>],
        objective_index: &Index<Objective>,
        objectives: &[Objective],
    ) -> Vec<Contribution> {
        let mut contributions = Vec::new();
        for link in links {
            let location = at.loc(link);
            let (id, key_result, strength, why): (Spanned<String>, &Text, &Text, &Text) = match link.get_ref() {
                RawObjectiveLink::Id(id) => (Spanned::new(link.span(), id.clone()), &None, &None, &None),
                RawObjectiveLink::Detailed(t) => match &t.id {
                    Some(id) => (id.clone(), &t.key_result, &t.strength, &t.why),
                    None => {
                        self.c.push(
                            Diagnostic::error("missing-field", "an `objectives` entry has no `id`")
                                .at_location(location)
                                .with_help("write `{ id = \"objective-id\", key_result = \"kr-id\" }`"),
                        );
                        continue;
                    }
                },
            };
            let Some(objective) = objective_index.resolve(&mut self.c, at, &id, "objectives") else {
                continue;
            };
            let krs = &objectives[objective.index()].key_results;
            let key_result = match key_result {
                Some(kr) => {
                    let wanted = kr.get_ref().trim();
                    let found = krs.iter().position(|k| k.id == wanted);
                    if found.is_none() {
                        let ids: Vec<&str> = krs.iter().map(|k| k.id.as_str()).collect();
                        self.c.push(
                            Diagnostic::error(
                                "unknown-reference",
                                format!("objective `{}` has no key result `{wanted}`", id.get_ref().trim()),
                            )
                            .at_location(at.loc(kr))
                            .with_label("no such key result")
                            .with_help_opt(suggestion_help("a key result", wanted, ids.iter().copied()))
                            .with_note(if ids.is_empty() {
                                "that objective has no key results".to_string()
                            } else {
                                format!("its key results: {}", ids.join(", "))
                            }),
                        );
                    }
                    found
                }
                None => None,
            };
            if contributions.iter().any(|c: &Contribution| c.objective == objective && c.key_result == key_result) {
                self.c.push(
                    Diagnostic::warning("duplicate-link", "this objective is listed twice")
                        .at_location(location)
                        .with_help("remove the repeated entry"),
                );
                continue;
            }
            contributions.push(Contribution {
                objective,
                key_result,
                strength: self.c.choice(at, strength, "strength", STRENGTHS).unwrap_or(Strength::Strong),
                why: Checker::text(why),
            });
        }
        contributions
    }

    /// Reads `[[benefits]]`.
    fn benefits(&mut self, at: At, raw: &[Spanned<RawBenefit>]) -> Vec<Benefit> {
        let mut benefits = Vec::new();
        for b in raw {
            let location = at.loc(b);
            let b = b.get_ref();
            benefits.push(Benefit {
                title: Checker::text(&b.title).unwrap_or_else(|| "Unnamed benefit".into()),
                metric: Checker::text(&b.metric),
                planned: self.c.number(at, &b.planned, "planned"),
                realised: self.c.number(at, &b.realised, "realised"),
                due: self.c.date(at, &b.due, "due"),
                reviewed: self.c.date(at, &b.reviewed, "reviewed"),
                location,
            });
        }
        benefits
    }

    /// Reads `start` and `end`; an end before the start is an error.
    fn dates(&mut self, at: At, start: &Date, end: &Date, what: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let (from, to) = (self.c.date(at, start, "start"), self.c.date(at, end, "end"));
        if let (Some(s), Some(e), Some(end_value)) = (from, to, end)
            && e < s
        {
            self.c.push(
                Diagnostic::error("invalid-range", format!("the {what} ends before it starts"))
                    .at_location(at.loc(end_value))
                    .with_label(format!("{e} is before the start, {s}"))
                    .with_help("check `start` and `end`"),
            );
        }
        (from, to)
    }

    fn programmes(
        &mut self,
        objective_index: &Index<Objective>,
        teams: &Index<Team>,
        objectives: &[Objective],
    ) -> (Vec<Programme>, Index<Programme>) {
        let loaded = self.loaded;
        let (index, docs) = self.register(Kind::Programme, &loaded.programmes, |r| &r.title);
        let mut out = Vec::new();
        for doc in docs {
            let at = self.at(doc);
            let raw = &doc.raw;
            let (start, end) = self.dates(at, &raw.start, &raw.end, "programme");
            out.push(Programme {
                id: doc.id.clone(),
                title: self.c.required_text(at, &raw.title, "title", "a programme", &doc.id),
                owner: Checker::text(&raw.owner),
                sponsor: Checker::text(&raw.sponsor),
                team: raw.team.as_ref().and_then(|t| teams.resolve(&mut self.c, at, t, "team")),
                status: self.c.choice(at, &raw.status, "status", STATUSES).unwrap_or(Status::Active),
                rag: self.c.choice(at, &raw.rag, "rag", RAGS),
                start,
                end,
                contributions: self.contributions(at, &raw.objectives, objective_index, objectives),
                benefits: self.benefits(at, &raw.benefits),
                projects: Vec::new(),
                body: doc.body.clone(),
                waivers: self.waivers(at, &raw.waivers),
                location: title_location(at, &raw.title),
            });
        }
        (out, index)
    }

    fn projects(
        &mut self,
        objective_index: &Index<Objective>,
        teams: &Index<Team>,
        objectives: &[Objective],
        scoring: &Scoring,
        (programmes, programme_index): (&[Programme], &Index<Programme>),
    ) -> (Vec<Project>, Vec<Arc<Body>>, Index<Project>) {
        let loaded = self.loaded;
        let (index, docs) = self.register(Kind::Project, &loaded.projects, |r| &r.title);
        let mut out = Vec::new();
        let mut bodies = Vec::new();
        for doc in docs {
            let at = self.at(doc);
            let raw = &doc.raw;
            let (start, end) = self.dates(at, &raw.start, &raw.end, "project");
            let mut contributions = self.contributions(at, &raw.objectives, objective_index, objectives);
            let programme =
                raw.programme.as_ref().and_then(|g| programme_index.resolve(&mut self.c, at, g, "programme"));
            let serves_programme =
                raw.objectives.is_empty() && programme.is_some_and(|g| !programmes[g.index()].contributions.is_empty());
            if serves_programme && let Some(g) = programme {
                contributions = programmes[g.index()].contributions.clone();
            }
            let mut scores = BTreeMap::new();
            for (criterion, value) in &raw.scores {
                if !scoring.criteria.iter().any(|c| &c.id == criterion) {
                    let known: Vec<&str> = scoring.criteria.iter().map(|c| c.id.as_str()).collect();
                    self.c.push(
                        Diagnostic::error(
                            "unknown-reference",
                            format!("`scores` names a criterion that does not exist: `{criterion}`"),
                        )
                        .at_location(at.loc(value))
                        .with_label("no such scoring criterion")
                        .with_help(
                            suggestion_help("a criterion", criterion, known.iter().copied())
                                .unwrap_or_else(|| "criteria are listed under `[scoring]` in organisation.toml".into()),
                        )
                        .with_note(if known.is_empty() {
                            "organisation.toml defines no scoring criteria".to_string()
                        } else {
                            format!("criteria: {}", known.join(", "))
                        }),
                    );
                    continue;
                }
                if let Some(n) = self.c.non_negative(at, &Some(value.clone()), "scores") {
                    scores.insert(criterion.clone(), n);
                }
            }
            let hypothesis = raw.hypothesis.as_ref().map_or_else(Hypothesis::default, |h| Hypothesis {
                purpose: Checker::text(&h.purpose),
                beneficiaries: Checker::text(&h.beneficiaries),
                outcomes: Checker::text(&h.outcomes),
                constraints: Checker::text(&h.constraints),
                risks: Checker::text(&h.risks),
                dependencies: Checker::text(&h.dependencies),
                definition_of_done: Checker::text(&h.definition_of_done),
            });
            let benefits = self.benefits(at, &raw.benefits);
            let mut milestones = Vec::new();
            for m in &raw.milestones {
                let location = at.loc(m);
                let m = m.get_ref();
                let date = self.c.date(at, &m.date, "date");
                let done = self.c.date(at, &m.done, "done");
                match Checker::text(&m.title) {
                    Some(title) => milestones.push(Milestone { title, date, done, location }),
                    None => self.c.push(
                        Diagnostic::error("missing-field", "a milestone has no `title`")
                            .at_location(location)
                            .with_help("name the step reached: `title = \"Pilot live\"`"),
                    ),
                }
            }
            let mut changes = Vec::new();
            for c in &raw.changes {
                let location = at.loc(c);
                let c = c.get_ref();
                let date = self.c.date(at, &c.date, "date");
                let title = Checker::text(&c.title);
                let (Some(date), Some(title)) = (date, title) else {
                    if c.date.is_none() || Checker::text(&c.title).is_none() {
                        let missing = if c.date.is_none() { "date" } else { "title" };
                        self.c.push(
                            Diagnostic::error("missing-field", format!("a change has no `{missing}`"))
                                .at_location(location)
                                .with_help("a change needs when it was decided and what changed: `date = 2026-06-01`, `title = \"Scope widened to two sites\"`"),
                        );
                    }
                    continue;
                };
                changes.push(Change {
                    date,
                    title,
                    status: self.c.choice(at, &c.status, "status", CHANGE_STATUSES).unwrap_or(ChangeStatus::Approved),
                    budget: self.c.number(at, &c.budget, "budget"),
                    end: self.c.date(at, &c.end, "end"),
                    previous_end: self.c.date(at, &c.previous_end, "previous_end"),
                    objective: c
                        .objective
                        .as_ref()
                        .and_then(|o| objective_index.resolve(&mut self.c, at, o, "objective")),
                    rationale: Checker::text(&c.rationale),
                    location,
                });
            }
            changes.sort_by_key(|c| c.date);
            let self_ix = index.get(&doc.id);
            let mut depends_on = Vec::new();
            for dep in &raw.depends_on {
                if let Some(ix) = index.resolve(&mut self.c, at, dep, "depends_on") {
                    if Some(ix) == self_ix {
                        self.c.push(
                            Diagnostic::error("self-dependency", "a project cannot depend on itself")
                                .at_location(at.loc(dep))
                                .with_help("remove it from `depends_on`"),
                        );
                    } else if !depends_on.contains(&ix) {
                        depends_on.push(ix);
                    }
                }
            }
            let rag = self.c.choice(at, &raw.rag, "rag", RAGS);
            out.push(Project {
                id: doc.id.clone(),
                title: self.c.required_text(at, &raw.title, "title", "a project", &doc.id),
                owner: Checker::text(&raw.owner),
                sponsor: Checker::text(&raw.sponsor),
                team: raw.team.as_ref().and_then(|t| teams.resolve(&mut self.c, at, t, "team")),
                status: self.c.choice(at, &raw.status, "status", STATUSES).unwrap_or(Status::Active),
                rag,
                start,
                end,
                budget: self.c.non_negative(at, &raw.budget, "budget"),
                spent: self.c.non_negative(at, &raw.spent, "spent"),
                fte: self.c.non_negative(at, &raw.fte, "fte"),
                contributions,
                serves_programme,
                programme,
                depends_on,
                decision: self.c.choice(at, &raw.decision, "decision", DECISIONS),
                scores,
                hypothesis,
                benefits,
                milestones,
                changes,
                rag_history: Vec::new(),
                written_rag: rag,
                waivers: self.waivers(at, &raw.waivers),
                location: title_location(at, &raw.title),
            });
            bodies.push(doc.body.clone());
        }
        (out, bodies, index)
    }

    fn checkins(
        &mut self,
        objective_index: &Index<Objective>,
        project_index: &Index<Project>,
        objectives: &mut [Objective],
        projects: &mut [Project],
    ) -> Vec<Checkin> {
        let mut dated: Vec<(NaiveDate, &Doc<RawCheckin>)> = Vec::new();
        // A check-in's id (its file name) names its page, so two files of
        // the same name in different folders would write the same page.
        let mut seen: HashMap<&str, Location> = HashMap::new();
        for doc in &self.loaded.checkins {
            let at = self.at(doc);
            if let Some(first) = seen.get(doc.id.as_str()) {
                self.c.push(
                    Diagnostic::error("duplicate-id", format!("two check-ins have the id `{}`", doc.id))
                        .at_location(at.anchor())
                        .with_secondary(first.clone(), "first defined here")
                        .with_help("rename one of the files: a check-in's file name is its id and names its page"),
                );
                continue;
            }
            seen.insert(&doc.id, at.anchor());
            match (&doc.raw.date, self.c.date(at, &doc.raw.date, "date")) {
                (_, Some(date)) => dated.push((date, doc)),
                (None, _) => self.c.push(
                    Diagnostic::error("missing-field", "a check-in has no `date`")
                        .at_location(at.anchor())
                        .with_help("add `date = 2026-10-02` as the first line"),
                ),
                (Some(_), None) => {}
            }
        }
        dated.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut checkins = Vec::new();
        for (i, (date, doc)) in dated.into_iter().enumerate() {
            let at = self.at(doc);
            let ix: Ix<Checkin> = Ix::new(i);
            for update in &doc.raw.key_results {
                let location = at.loc(update);
                let u = update.get_ref();
                let (Some(obj_id), Some(kr_id)) = (&u.objective, &u.id) else {
                    self.c.push(
                        Diagnostic::error("missing-field", "a key-result update needs `objective` and `id`")
                            .at_location(location)
                            .with_help("name the objective and the key result: `objective = \"…\"`, `id = \"…\"`"),
                    );
                    continue;
                };
                let value = self.c.number(at, &u.value, "value");
                let confidence = self.c.fraction(at, &u.confidence, "confidence");
                let Some(objective) = objective_index.resolve(&mut self.c, at, obj_id, "objective") else {
                    continue;
                };
                let krs = &mut objectives[objective.index()].key_results;
                let wanted = kr_id.get_ref().trim();
                let Some(kr) = krs.iter_mut().find(|k| k.id == wanted) else {
                    let ids: Vec<String> = krs.iter().map(|k| k.id.clone()).collect();
                    self.c.push(
                        Diagnostic::error(
                            "unknown-reference",
                            format!("objective `{}` has no key result `{wanted}`", obj_id.get_ref().trim()),
                        )
                        .at_location(at.loc(kr_id))
                        .with_label("no such key result")
                        .with_help_opt(suggestion_help("a key result", wanted, ids.iter().map(String::as_str)))
                        .with_note(format!("its key results: {}", ids.join(", "))),
                    );
                    continue;
                };
                let Some(value) = value else {
                    if u.value.is_none() {
                        self.c.push(
                            Diagnostic::error("missing-field", "a key-result update has no `value`")
                                .at_location(location)
                                .with_help("add the measured value, e.g. `value = 33`"),
                        );
                    }
                    continue;
                };
                kr.history.push(KeyResultPoint { checkin: ix, date, value, confidence, note: Checker::text(&u.note) });
            }
            for update in &doc.raw.projects {
                let location = at.loc(update);
                let u = update.get_ref();
                let Some(id) = &u.id else {
                    self.c.push(
                        Diagnostic::error("missing-field", "a project update has no `id`")
                            .at_location(location)
                            .with_help("add the project's id: `id = \"…\"`"),
                    );
                    continue;
                };
                let rag = self.c.choice(at, &u.rag, "rag", RAGS);
                let Some(project) = project_index.resolve(&mut self.c, at, id, "id") else {
                    continue;
                };
                if let Some(rag) = rag {
                    projects[project.index()].rag_history.push(RagPoint {
                        checkin: ix,
                        date,
                        rag,
                        note: Checker::text(&u.note),
                    });
                }
            }
            checkins.push(Checkin {
                id: doc.id.clone(),
                date,
                author: Checker::text(&doc.raw.author),
                location: at.anchor(),
            });
        }
        super::latest_wins(objectives, projects);
        checkins
    }

    fn reviews(
        &mut self,
        projects: &Index<Project>,
        objectives: &Index<Objective>,
        defaults: PageSetup,
    ) -> Vec<Review> {
        let mut index: Index<Review> = Index::new(Kind::Review).with_unparsed(&self.loaded.unparsed);
        let mut out = Vec::new();
        for doc in &self.loaded.reviews {
            let at = self.at(doc);
            let raw = &doc.raw;
            let location = title_location(at, &raw.title);
            if index.insert(&mut self.c, &doc.id, location.clone()).is_none() {
                continue;
            }
            let mut include = Vec::new();
            if let Some(list) = &raw.include {
                for section in list.get_ref() {
                    let name = section.get_ref().trim();
                    if PACK_SECTIONS.contains(&name) {
                        include.push(name.to_string());
                    } else {
                        self.c.push(
                            Diagnostic::error("invalid-value", format!("`{name}` is not a board-pack section"))
                                .at_location(at.loc(section))
                                .with_label("unknown section")
                                .with_help_opt(suggestion_help("a section", name, PACK_SECTIONS.iter().copied()))
                                .with_note(format!("sections: {}", PACK_SECTIONS.join(", "))),
                        );
                    }
                }
            }
            let mut decisions = Vec::new();
            for d in &raw.decisions {
                let location = at.loc(d);
                let d = d.get_ref();
                let decision = self.c.choice(at, &d.decision, "decision", REVIEW_DECISIONS);
                let project = d.project.as_ref().and_then(|p| projects.resolve(&mut self.c, at, p, "project"));
                let title = Checker::text(&d.title);
                if d.project.is_none() && title.is_none() {
                    self.c.push(
                        Diagnostic::error("missing-field", "a decision has neither `project` nor `title`")
                            .at_location(location.clone())
                            .with_help(
                                "name the project decided on, `project = \"…\"`, or say what was decided, `title = \"…\"`",
                            ),
                    );
                }
                if d.decision.is_none() {
                    self.c.push(
                        Diagnostic::error("missing-field", "a decision has no `decision`")
                            .at_location(location.clone())
                            .with_help(
                                "add `decision = \"continue\"`, `\"reshape\"`, `\"stop\"`, `\"start\"` or `\"defer\"`",
                            ),
                    );
                }
                let objective = d.objective.as_ref().and_then(|o| objectives.resolve(&mut self.c, at, o, "objective"));
                let owner = Checker::text(&d.owner);
                let due = self.c.date(at, &d.due, "due");
                let status = self.c.choice(at, &d.status, "status", FOLLOW_UPS);
                let resolved = d.project.is_none() || project.is_some();
                if let (true, Some(decision)) = (resolved && (project.is_some() || title.is_some()), decision) {
                    let status =
                        status.unwrap_or(if decision == Decision::Defer { FollowUp::Open } else { FollowUp::Done });
                    decisions.push(ReviewDecision {
                        project,
                        title,
                        decision,
                        rationale: Checker::text(&d.rationale),
                        objective,
                        owner,
                        due,
                        status,
                        location,
                    });
                }
            }
            let mut actions = Vec::new();
            for a in &raw.actions {
                let location = at.loc(a);
                let a = a.get_ref();
                let title = Checker::text(&a.title);
                if title.is_none() {
                    self.c.push(
                        Diagnostic::error("missing-field", "an action has no `title`")
                            .at_location(location.clone())
                            .with_help("say what is to be done: `title = \"…\"`"),
                    );
                }
                let project = a.project.as_ref().and_then(|p| projects.resolve(&mut self.c, at, p, "project"));
                let objective = a.objective.as_ref().and_then(|o| objectives.resolve(&mut self.c, at, o, "objective"));
                let due = self.c.date(at, &a.due, "due");
                let status = self.c.choice(at, &a.status, "status", FOLLOW_UPS).unwrap_or(FollowUp::Open);
                if let Some(title) = title {
                    actions.push(ReviewAction {
                        title,
                        owner: Checker::text(&a.owner),
                        due,
                        status,
                        project,
                        objective,
                        location,
                    });
                }
            }
            let page = PageSetup {
                paper: self.c.choice(at, &raw.paper, "paper", PAPERS).unwrap_or(defaults.paper),
                orientation: self
                    .c
                    .choice(at, &raw.orientation, "orientation", ORIENTATIONS)
                    .unwrap_or(defaults.orientation),
            };
            let date = self.c.date(at, &raw.date, "date");
            let as_of = self.c.date(at, &raw.as_of, "as_of");
            if let (Some(date), Some(cut_off), Some(value)) = (date, as_of, &raw.as_of)
                && cut_off > date
            {
                self.c.push(
                    Diagnostic::error("invalid-value", format!("`as_of` ({cut_off}) is after the meeting's `date` ({date})"))
                        .at_location(at.loc(value))
                        .with_label("after the meeting")
                        .with_help(format!(
                            "a pack's data cut-off is on or before the meeting: set `as_of` to {date} or earlier, or leave it out"
                        )),
                );
            }
            out.push(Review {
                page,
                id: doc.id.clone(),
                title: self.c.required_text(at, &raw.title, "title", "a review", &doc.id),
                date,
                kind: self.c.choice(at, &raw.kind, "kind", REVIEW_KINDS).unwrap_or(ReviewKind::Board),
                as_of,
                period: self.period(at, &raw.period, "period"),
                audience: Checker::text(&raw.audience),
                chair: Checker::text(&raw.chair),
                include,
                decisions,
                actions,
                waivers: self.waivers(at, &raw.waivers),
                body: doc.body.clone(),
                location,
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// Where a thing "is": its title line if it has one, else its first line.
fn title_location(at: At, title: &Text) -> Location {
    match title {
        Some(t) => at.loc(t),
        None => at.anchor(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_texts;

    const ORG: &str = "name = \"Acme\"\nvision = \"V\"\n";

    fn codes(files: &[(&str, &str)]) -> (Model, Vec<&'static str>) {
        let mut all = vec![("content/organisation.toml", ORG)];
        all.extend_from_slice(files);
        let loaded = load_texts(&all);
        let mut diags = loaded.diagnostics.clone();
        let model = build(&loaded, &mut diags);
        let codes = diags.iter().map(|d| d.code).collect();
        (model, codes)
    }

    #[test]
    fn a_status_runs_from_its_first_check_in_in_a_row_and_the_latest_note_is_kept() {
        let checkin = |date: &str, rag: &str, note: &str| {
            format!("date = {date}\n[[projects]]\nid = \"p\"\nrag = \"{rag}\"\n{note}")
        };
        let (c1, c2, c3, c4) = (
            checkin("2026-09-01", "red", "note = \"old\"\n"),
            checkin("2026-10-01", "amber", ""),
            checkin("2026-10-15", "red", "note = \"New supplier starts in January\"\n"),
            checkin("2026-11-01", "red", ""),
        );
        let (model, codes) = codes(&[
            ("content/projects/p.md", "+++\ntitle = \"P\"\nrag = \"green\"\n+++\n"),
            ("content/checkins/1.toml", &c1),
            ("content/checkins/2.toml", &c2),
            ("content/checkins/3.toml", &c3),
            ("content/checkins/4.toml", &c4),
        ]);
        assert!(codes.is_empty(), "{codes:?}");
        let p = &model.projects[0];
        let date = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Red since the run that began after the amber, not since September.
        assert_eq!(p.status_since(), Some(date("2026-10-15")));
        // The last check-in said nothing: the one before it did.
        assert_eq!(p.latest_note(), Some(("New supplier starts in January", date("2026-10-15"))));
        let (model, _) = self::codes(&[("content/projects/p.md", "+++\ntitle = \"P\"\nrag = \"red\"\n+++\n")]);
        assert_eq!((model.projects[0].status_since(), model.projects[0].latest_note()), (None, None));
    }

    #[test]
    fn a_cascade_loop_is_reported_and_cut() {
        let (model, codes) = codes(&[
            ("content/objectives/a.md", "+++\ntitle = \"A\"\nparent = \"b\"\n+++\n"),
            ("content/objectives/b.md", "+++\ntitle = \"B\"\nparent = \"a\"\n+++\n"),
        ]);
        assert!(codes.contains(&"parent-loop"), "{codes:?}");
        assert_eq!(model.root_priority(Ix::new(0)), None, "no endless walk up the cascade");
    }

    #[test]
    fn an_objective_with_both_priority_and_parent_is_an_error() {
        let (_, codes) = codes(&[
            ("content/priorities/p.md", "+++\ntitle = \"P\"\n+++\n"),
            ("content/objectives/a.md", "+++\ntitle = \"A\"\npriority = \"p\"\n+++\n"),
            ("content/objectives/b.md", "+++\ntitle = \"B\"\npriority = \"p\"\nparent = \"a\"\n+++\n"),
        ]);
        assert_eq!(codes, ["priority-and-parent"]);
    }

    #[test]
    fn direction_is_inferred_and_a_contradiction_reported() {
        let kr = |extra: &str| {
            format!(
                "+++\ntitle = \"A\"\n[[key_results]]\nid = \"k\"\ntitle = \"K\"\nstart = 40\ntarget = 20\n{extra}+++\n"
            )
        };
        let inferred = kr("");
        let (model, codes) = codes(&[("content/objectives/a.md", &inferred)]);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(model.objectives[0].key_results[0].direction, Direction::Decrease);
        let wrong = kr("direction = \"increase\"\n");
        assert_eq!(self::codes(&[("content/objectives/a.md", &wrong)]).1, ["direction-mismatch"]);
    }

    #[test]
    fn periods_are_understood_by_name_or_rejected_with_help() {
        let (model, codes) = codes(&[
            ("content/objectives/a.md", "+++\ntitle = \"A\"\nperiod = \"2026-Q3\"\n+++\n"),
            ("content/objectives/b.md", "+++\ntitle = \"B\"\nperiod = \"Q3\"\n+++\n"),
        ]);
        assert_eq!(codes, ["unknown-period"]);
        assert_eq!(model.periods.len(), 1);
        assert_eq!(model.periods[0].title, "Q3 2026");
    }

    #[test]
    fn a_dependency_on_itself_is_an_error() {
        let (_, codes) = codes(&[("content/projects/a.md", "+++\ntitle = \"A\"\ndepends_on = [\"a\"]\n+++\n")]);
        assert_eq!(codes, ["self-dependency"]);
    }

    #[test]
    fn a_missing_title_is_reported_and_the_id_stands_in() {
        let (model, codes) = codes(&[("content/projects/a.md", "+++\nowner = \"X\"\n+++\n")]);
        assert_eq!(codes, ["missing-field"]);
        assert_eq!(model.projects[0].title, "a");
    }

    #[test]
    fn teams_come_from_files_and_organisation_toml_and_must_be_unique() {
        let org = "name = \"Acme\"\nvision = \"V\"\n[[teams]]\nid = \"ops\"\ntitle = \"Ops\"\n";
        let loaded = load_texts(&[
            ("content/organisation.toml", org),
            ("content/teams/ops.toml", "title = \"Operations\"\n"),
            ("content/teams/web.toml", "title = \"Web\"\nparent = \"ops\"\n"),
        ]);
        let mut diags = loaded.diagnostics.clone();
        let model = build(&loaded, &mut diags);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["duplicate-id"]);
        assert_eq!(model.teams.len(), 2);
        assert_eq!(model.teams[1].parent, Some(Ix::new(0)));
    }

    #[test]
    fn two_check_ins_with_one_file_name_are_an_error() {
        let (model, codes) = codes(&[
            ("content/checkins/2025/q1.toml", "date = 2025-03-31\n"),
            ("content/checkins/2026/q1.toml", "date = 2026-03-31\n"),
        ]);
        assert_eq!(codes, ["duplicate-id"], "each would write checkins/q1.html");
        assert_eq!(model.checkins.len(), 1);
    }
}
