//! The dependency graph between projects: what will not deliver, what
//! loops, what finishes late. Computed once here; the findings and the
//! dependency chart both read it.

use std::collections::BTreeSet;

use crate::model::{Decision, Ix, Model, Project, Status};

/// The state of one dependency (`dependent` depends on `dependency`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dependency {
    /// Part of a loop: each waits for the other.
    Loop,
    /// The dependency will not deliver (cancelled, paused or to be stopped).
    Blocked,
    /// The dependency finishes after the dependent is due.
    Late,
    /// Nothing wrong.
    Fine,
}

/// Projects that wait for each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop {
    /// Every project caught in it (a strongly connected component), sorted.
    pub members: Vec<Ix<Project>>,
    /// One way round it, starting at its first project.
    pub path: Vec<Ix<Project>>,
}

/// Per project: whether it will not deliver — cancelled, paused, or
/// proposed for stopping by the PMO or a review.
pub fn stopping(model: &Model) -> Vec<bool> {
    let mut out: Vec<bool> = model
        .projects
        .iter()
        .map(|p| matches!(p.status, Status::Cancelled | Status::Paused) || p.decision == Some(Decision::Stop))
        .collect();
    for review in &model.reviews {
        for p in review.decisions.iter().filter(|d| d.decision == Decision::Stop).filter_map(|d| d.project) {
            out[p.index()] = true;
        }
    }
    out
}

/// Whether an open dependency is planned to finish after the project that
/// needs it is due.
pub fn finishes_late(model: &Model, dependency: Ix<Project>, dependent: Ix<Project>) -> bool {
    let d = model.project(dependency);
    matches!((d.end, model.project(dependent).end), (Some(a), Some(b)) if a > b) && d.status.is_open()
}

/// The loops in the dependency graph: strongly connected components
/// (Tarjan, without recursion so deep chains cannot overflow the stack).
pub fn dependency_loops(model: &Model) -> Vec<Loop> {
    let n = model.projects.len();
    let edges = |v: usize| &model.projects[v].depends_on;
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut components = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(w) = edges(v).get(*i).map(|w| w.index()) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component.push(Ix::new(w));
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 {
                        components.push(component);
                    }
                }
            }
        }
    }
    // One actual loop through each component, starting at its first project.
    let mut loops: Vec<Loop> = components
        .into_iter()
        .map(|mut component| {
            component.sort();
            let start = component[0];
            let members: BTreeSet<Ix<Project>> = component.iter().copied().collect();
            let mut parent: std::collections::HashMap<Ix<Project>, Ix<Project>> = Default::default();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut end = start;
            'search: while let Some(v) = queue.pop_front() {
                for w in &model.project(v).depends_on {
                    if *w == start {
                        end = v;
                        break 'search;
                    }
                    if members.contains(w) && !parent.contains_key(w) && *w != start {
                        parent.insert(*w, v);
                        queue.push_back(*w);
                    }
                }
            }
            let mut path = vec![end];
            while let Some(p) = parent.get(path.last().expect("non-empty")) {
                path.push(*p);
            }
            path.reverse();
            Loop { members: component, path }
        })
        .collect();
    loops.sort_by(|a, b| a.path.cmp(&b.path));
    loops
}
