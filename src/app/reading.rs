//! The reader's view of the open log: search and filters, condensed joins, folded sections, the
//! chosen conversation, and the list of rows that follows from all of them.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::listing::{Listing, Rules};
use crate::permalink::Anchor;
use crate::search::Query;
use crate::state::{OpenLog, Shared};

/// What the reader has asked to see: the search and filters, condensed joins, and the list of
/// rows that follows from them.
pub(super) struct Reading {
    pub(super) query_text: AttrValue,
    pub(super) query: Rc<Query>,
    pub(super) onquery: Callback<String>,
    /// Lines (0-based) whose text matches the search and that pass the filters.
    pub(super) found: Rc<Vec<u32>>,
    /// Which match the URL hash is on (1-based).
    pub(super) current_match: Option<usize>,
    pub(super) onstep: Callback<bool>,
    pub(super) highlight: Option<AttrValue>,
    pub(super) picked: Option<AttrValue>,
    pub(super) onpick: Callback<String>,
    pub(super) condense: bool,
    pub(super) oncondense: Callback<bool>,
    pub(super) onexpand: Callback<usize>,
    /// Folded agenda sections, by index.
    pub(super) collapsed: Rc<HashSet<usize>>,
    pub(super) ontoggle: Callback<usize>,
    /// `true` folds every section, `false` opens them all.
    pub(super) onall: Callback<bool>,
    /// `true` links the next section, `false` the previous one.
    pub(super) onsection: Callback<bool>,
    /// The section at the top of the screen, for the table of contents.
    pub(super) current_section: Option<usize>,
    /// The conversation chosen by a click (and a line of it), the one under the pointer, and
    /// whether only the chosen one is shown.
    pub(super) chosen_thread: Option<(u32, usize)>,
    pub(super) hovered_thread: Option<u32>,
    pub(super) thread_only: bool,
    pub(super) onchoose: Callback<Option<usize>>,
    pub(super) onhover: Callback<Option<u32>>,
    pub(super) onthreadonly: Callback<bool>,
    pub(super) onvisible: Callback<usize>,
    pub(super) listing: Shared<Listing>,
}

#[hook]
pub(super) fn use_reading(open: &Shared<OpenLog>, anchor: Option<Anchor>) -> Reading {
    let query_text = use_state(String::new);
    let condense = use_state(|| true);
    let expanded = use_state(|| Rc::new(HashSet::<usize>::new()));
    let collapsed = use_state(|| Rc::new(HashSet::<usize>::new()));
    let visible_line = use_state(|| 0usize);
    let chosen_thread = use_state(|| None::<(u32, usize)>);
    let hovered_thread = use_state(|| None::<u32>);
    let thread_only = use_state(|| false);
    {
        let (expanded, collapsed) = (expanded.clone(), collapsed.clone());
        let (chosen_thread, thread_only) = (chosen_thread.clone(), thread_only.clone());
        use_effect_with(open.clone(), move |_| {
            expanded.set(Rc::default());
            collapsed.set(Rc::default());
            chosen_thread.set(None);
            thread_only.set(false);
        });
    }
    // A link into a folded section opens it.
    {
        let collapsed = collapsed.clone();
        use_effect_with((anchor, open.clone()), move |(anchor, open)| {
            let Some(anchor) = anchor else { return };
            let sections = (anchor.first() - 1..anchor.last()).filter_map(|line| crate::agenda::section_of(&open.agenda, line));
            let folded: Vec<usize> = sections.filter(|section| collapsed.contains(section)).collect();
            if !folded.is_empty() {
                let mut opened = (**collapsed).clone();
                for section in folded {
                    opened.remove(&section);
                }
                collapsed.set(Rc::new(opened));
            }
        });
    }
    let query = use_memo((*query_text).clone(), |text| Query::parse(text));
    let pinned = anchor.map(|anchor| anchor.first().saturating_sub(1)..=anchor.last().saturating_sub(1));
    let only_thread = (*thread_only).then_some(*chosen_thread).flatten().map(|(thread, _)| thread);
    // Kept out of the listing's key unless it changes the listing: stepping a link through a
    // million lines must not build the listing again at each step.
    let pinned = pinned.filter(|lines| crate::listing::pinning_matters(&open.log, lines, query.filters() || only_thread.is_some(), *condense));
    // A linked line's section is open from the first render that shows the link (the effect
    // above then makes it so for good): the list never passes through a state without the line.
    let shown_collapsed: Rc<HashSet<usize>> = match anchor {
        Some(anchor) => {
            let linked: Vec<usize> = [anchor.first(), anchor.last()].iter().filter_map(|&line| crate::agenda::section_of(&open.agenda, line.saturating_sub(1))).collect();
            if linked.iter().any(|section| collapsed.contains(section)) {
                Rc::new(collapsed.iter().copied().filter(|section| !linked.contains(section)).collect())
            } else {
                (*collapsed).clone()
            }
        }
        None => (*collapsed).clone(),
    };
    let listing = (*use_memo((open.clone(), query.clone(), *condense, (*expanded).clone(), shown_collapsed.clone(), pinned, only_thread), |(open, query, condense, expanded, collapsed, pinned, only_thread)| {
        let in_thread = |line: usize| only_thread.is_none_or(|thread| open.threads.thread_of(line) == Some(thread));
        let keep = |line: usize| in_thread(line) && query.keeps(&open.log, &open.roster, line);
        let keep_all = |_: usize| true;
        let expanded_here = |line: usize| expanded.contains(&line);
        let folded = |section: usize| collapsed.contains(&section);
        let rules = Rules {
            keep: if query.filters() || only_thread.is_some() { &keep } else { &keep_all },
            condense_joins: *condense,
            expanded: &expanded_here,
            sections: &open.section_lines,
            collapsed: &folded,
            pinned: pinned.clone(),
            fold_page_header: true,
        };
        Shared::new(Listing::build(&open.log, &rules))
    }))
    .clone();
    let found = use_memo((open.clone(), query.clone()), |(open, query)| {
        Rc::new(query.found_lines(&open.log, &open.roster))
    });
    let found = (*found).clone();
    let current_match = anchor.and_then(|anchor| found.binary_search(&(anchor.first().saturating_sub(1) as u32)).ok()).map(|index| index + 1);
    let onstep = {
        let found = found.clone();
        let open = open.clone();
        Callback::from(move |forward: bool| {
            let from = crate::browser::current_anchor(&open.log).map(|anchor| anchor.first() - 1);
            let next = match (forward, from) {
                (true, Some(from)) => found.iter().find(|&&line| line as usize > from).or(found.first()),
                (true, None) => found.first(),
                (false, Some(from)) => found.iter().rev().find(|&&line| (line as usize) < from).or(found.last()),
                (false, None) => found.last(),
            };
            if let Some(&line) = next {
                crate::browser::go_to_anchor(Anchor::Line(line as usize + 1));
            }
        })
    };
    let onquery = {
        let query_text = query_text.clone();
        Callback::from(move |text: String| query_text.set(text))
    };
    let picked = match query.from.as_slice() {
        [only] => open.speakers.iter().find(|speaker| crate::colour::normalise_nick(&speaker.nick) == *only).map(|speaker| AttrValue::from(speaker.nick.clone())),
        _ => None,
    };
    let onpick = {
        let query_text = query_text.clone();
        let picked = picked.clone();
        Callback::from(move |nick: String| {
            let again = picked.as_deref() == Some(nick.as_str());
            query_text.set(if again { String::new() } else { format!("from:{nick}") });
        })
    };
    let oncondense = {
        let condense = condense.clone();
        Callback::from(move |on: bool| condense.set(on))
    };
    let onexpand = {
        let expanded = expanded.clone();
        Callback::from(move |first: usize| {
            let mut more = (**expanded).clone();
            more.insert(first);
            expanded.set(Rc::new(more));
        })
    };
    let ontoggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |section: usize| {
            let mut changed = (**collapsed).clone();
            if !changed.remove(&section) {
                changed.insert(section);
            }
            collapsed.set(Rc::new(changed));
        })
    };
    let onall = {
        let collapsed = collapsed.clone();
        let n_sections = open.agenda.sections.len();
        Callback::from(move |fold: bool| collapsed.set(Rc::new(if fold { (0..n_sections).collect() } else { HashSet::new() })))
    };
    let onsection = {
        let open = open.clone();
        let visible_line = visible_line.clone();
        Callback::from(move |forward: bool| {
            let from = crate::browser::current_anchor(&open.log).map_or(*visible_line, |anchor| anchor.first() - 1);
            let starts = open.agenda.sections.iter().map(|section| section.first);
            let target = if forward { starts.clone().find(|&first| first > from) } else { starts.rev().find(|&first| first < from) };
            if let Some(first) = target {
                crate::browser::go_to_anchor(Anchor::Line(first + 1));
            }
        })
    };
    let onvisible = {
        let visible_line = visible_line.clone();
        Callback::from(move |line: usize| visible_line.set(line))
    };
    let current_section = crate::agenda::section_of(&open.agenda, *visible_line);
    let onchoose = {
        let (open, chosen_thread, thread_only) = (open.clone(), chosen_thread.clone(), thread_only.clone());
        Callback::from(move |line: Option<usize>| {
            let thread = line.and_then(|line| open.threads.thread_of(line).map(|thread| (thread, line)));
            let again = thread.map(|(thread, _)| thread) == chosen_thread.map(|(thread, _)| thread);
            chosen_thread.set(if again && line.is_some() { None } else { thread });
            if thread.is_none() || again {
                thread_only.set(false);
            }
        })
    };
    let onhover = {
        let hovered_thread = hovered_thread.clone();
        Callback::from(move |thread: Option<u32>| {
            if *hovered_thread != thread {
                hovered_thread.set(thread);
            }
        })
    };
    let onthreadonly = {
        let thread_only = thread_only.clone();
        Callback::from(move |only: bool| thread_only.set(only))
    };
    Reading {
        chosen_thread: *chosen_thread,
        hovered_thread: *hovered_thread,
        thread_only: *thread_only,
        onchoose,
        onhover,
        onthreadonly,
        collapsed: shown_collapsed,
        ontoggle,
        onall,
        onsection,
        current_section,
        onvisible,
        highlight: (!query.text.is_empty()).then(|| AttrValue::from(query.text.clone())),
        query_text: AttrValue::from((*query_text).clone()),
        query: query.clone(),
        onquery,
        found,
        current_match,
        onstep,
        picked,
        onpick,
        condense: *condense,
        oncondense,
        onexpand,
        listing,
    }
}
