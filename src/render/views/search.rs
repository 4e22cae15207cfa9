//! The search index: a few words on everything, for the offline search page.

use super::*;

/// What the search index lists: a few words on every priority,
/// objective, project, team and review.
pub fn search_entries<'a>(cx: &Context<'a>) -> Vec<SearchEntry<'a>> {
    let m = cx.model.whole();
    let team = |t: Option<Ix<Team>>| t.map_or("", |t| m.team(t).title.as_str());
    let entry = |t: &'a str, k, u, owner: Option<&'a str>, team: &'a str, text: &'a str| SearchEntry {
        t,
        k,
        u,
        o: owner.unwrap_or(""),
        m: team,
        x: text.char_indices().nth(SEARCH_TEXT).map_or(text, |(end, _)| &text[..end]),
    };
    let mut entries = Vec::new();
    entries.extend(
        m.priorities.iter().map(|p| entry(&p.title, "priority", priority_url(p), p.owner.as_deref(), "", &p.body.text)),
    );
    entries.extend(
        m.objectives
            .iter()
            .map(|o| entry(&o.title, "objective", objective_url(o), o.owner.as_deref(), team(o.team), &o.body.text)),
    );
    entries.extend(
        m.projects
            .iter()
            .zip(&m.project_bodies)
            .map(|(p, body)| entry(&p.title, "project", project_url(p), p.owner.as_deref(), team(p.team), &body.text)),
    );
    entries.extend(m.teams.iter().map(|t| entry(&t.title, "team", team_url(t), t.lead.as_deref(), "", "")));
    entries.extend(
        m.reviews.iter().map(|r| entry(&r.title, "review", review_url(r), r.chair.as_deref(), "", &r.body.text)),
    );
    entries
}
