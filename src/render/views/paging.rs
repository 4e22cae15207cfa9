//! Long lists split into pages, so that no page of the site grows with
//! the portfolio: a list of ten thousand projects is a hundred pages of a
//! hundred, each linked to the next, and every item is reachable by links
//! alone.

use super::*;

/// How many items a page of a long list holds.
pub const PER_PAGE: usize = 100;

/// Where the pages of one list go: the first at `first`, the others at
/// `<rest><n>.html` (`projects/list/2.html`).
#[derive(Debug, Clone, Copy)]
pub struct Paging<'a> {
    /// The first page's path from the site root.
    pub first: &'a str,
    /// The folder and prefix of the other pages.
    pub rest: &'a str,
}

/// The projects list.
pub const PROJECT_PAGES: Paging<'static> = Paging { first: "projects/index.html", rest: "projects/list/" };

/// The ranked portfolio.
pub const PORTFOLIO_PAGES: Paging<'static> = Paging { first: "portfolio.html", rest: "portfolio/" };

/// Unaligned work.
pub const UNALIGNED_PAGES: Paging<'static> = Paging { first: "unaligned.html", rest: "unaligned/" };

impl Paging<'_> {
    /// How many pages a list of `items` takes (one, if it is empty).
    pub fn count(items: usize) -> usize {
        items.div_ceil(PER_PAGE).max(1)
    }

    /// The path of page `i` (from 0).
    pub fn path(&self, i: usize) -> String {
        match i {
            0 => self.first.to_string(),
            _ => format!("{}{}.html", self.rest, i + 1),
        }
    }

    /// The items on page `i` of a list of `items`.
    pub fn range(i: usize, items: usize) -> std::ops::Range<usize> {
        (i * PER_PAGE).min(items)..((i + 1) * PER_PAGE).min(items)
    }

    /// Page `i` among the pages of a list of `items`.
    pub fn pager(&self, i: usize, items: usize) -> Pager {
        let pages = Self::count(items);
        let range = Self::range(i, items);
        // The first and last page, and a few either side of this one.
        let near = |n: usize| n == 0 || n + 1 == pages || n.abs_diff(i) <= 3;
        let mut links: Vec<PageLink> = Vec::new();
        for n in (0..pages).filter(|n| near(*n)) {
            if links.last().is_some_and(|last| last.number < n) {
                links.push(PageLink { number: 0, url: String::new(), current: false });
            }
            links.push(PageLink { number: n + 1, url: self.path(n), current: n == i });
        }
        Pager {
            page: i + 1,
            pages,
            total: items,
            first: range.start + 1,
            last: range.end,
            previous: i.checked_sub(1).map(|p| self.path(p)),
            next: (i + 1 < pages).then(|| self.path(i + 1)),
            links,
        }
    }
}

/// Where a page of a long list is among its pages (`data.pager` in the
/// templates that show one, laid out by `partials/pager.html`).
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page, from 1.
    pub page: usize,
    /// How many pages the list has.
    pub pages: usize,
    /// How many items the whole list has.
    pub total: usize,
    /// The first item on this page, from 1.
    pub first: usize,
    /// The last item on this page.
    pub last: usize,
    /// The previous page's path from the site root, if there is one.
    pub previous: Option<String>,
    /// The next page's path, if there is one.
    pub next: Option<String>,
    /// The first and last page and those near this one, in order; `number`
    /// 0 stands for pages left out between two links.
    pub links: Vec<PageLink>,
}

/// A link to one page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Its number, from 1 (0 for "pages left out here").
    pub number: usize,
    /// Its path from the site root.
    pub url: String,
    /// Whether it is the page showing.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_every_item_once_and_link_in_order() {
        let paging = PROJECT_PAGES;
        for items in [0, 1, PER_PAGE - 1, PER_PAGE, PER_PAGE + 1, 25 * PER_PAGE + 7] {
            let pages = Paging::count(items);
            let mut seen = 0;
            for i in 0..pages {
                let range = Paging::range(i, items);
                assert_eq!(range.start, seen, "{items} items, page {i}");
                seen = range.end;
                let pager = paging.pager(i, items);
                assert_eq!(pager.next.is_some(), i + 1 < pages);
                assert!(pager.links.iter().any(|l| l.current && l.number == i + 1));
                assert!(pager.links.iter().any(|l| l.number == pages), "the last page is always linked");
            }
            assert_eq!(seen, items);
        }
        assert_eq!(paging.path(0), "projects/index.html");
        assert_eq!(paging.path(2), "projects/list/3.html");
        let middle = paging.pager(12, 26 * PER_PAGE);
        let numbers: Vec<usize> = middle.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 0, 10, 11, 12, 13, 14, 15, 16, 0, 26]);
    }
}
