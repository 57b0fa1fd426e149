//! The log as a virtual list over the [`Listing`]: its rows are grouped in blocks of 32, only the
//! blocks near the viewport are in the DOM, and two spacers stand in for the rest, so a
//! million-line log costs as many DOM nodes as a short one. Rows may wrap to any height:
//! rendered blocks are measured.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::{JoinsRow, PageHeaderRow, Row, SectionHeader};
use crate::state::{BlockHeights, OpenLog, Shared, BLOCK_LINES};
use crate::browser::BlockLayout;
use crate::listing::{Entry, Listing};
use crate::permalink::Anchor;

/// Rendered beyond the viewport on each side, so a fast scroll does not show blank space.
const OVERSCAN_PX: f64 = 700.0;

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    pub open: Shared<OpenLog>,
    /// The rows to show: lines, condensed runs, section headers.
    pub listing: Shared<Listing>,
    /// Lowercase text to highlight (the search).
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
    /// Opens the condensed run that starts at this line index.
    #[prop_or_default]
    pub onexpand: Callback<usize>,
    /// Folded agenda sections, and the switch for one.
    #[prop_or_default]
    pub collapsed: Rc<std::collections::HashSet<usize>>,
    #[prop_or_default]
    pub ontoggle: Callback<usize>,
    /// Hears the first line at the top of the screen when it changes.
    #[prop_or_default]
    pub onvisible: Callback<usize>,
    /// The conversation lit up (hovered, or chosen by a click): its rows get its colour, the
    /// others are dimmed.
    #[prop_or_default]
    pub lit_thread: Option<u32>,
    /// A click on a message's row (not on a link) chooses its conversation; `None` clears.
    #[prop_or_default]
    pub onchoose: Callback<Option<usize>>,
    #[prop_or_default]
    pub onhover: Callback<Option<u32>>,
    /// The lines the URL hash points at.
    #[prop_or_default]
    pub anchor: Option<Anchor>,
    /// Rendered for a page read without the app: rows without the app's controls.
    #[prop_or_default]
    pub standalone: bool,
}

#[component]
pub fn LogView(props: &LogViewProps) -> Html {
    let open = &props.open;
    let list_ref = use_node_ref();
    let listing = &props.listing;
    let heights = use_memo((open.clone(), listing.clone()), |(open, listing)| RefCell::new(BlockHeights::estimate(open, listing)));
    // Bumped when a measurement changes the layout, to render again with the real heights.
    let layout_version = use_state(|| 0u32);
    let viewport = crate::browser::use_viewport(list_ref.clone());

    let n_blocks = heights.borrow().len();
    let (first_block, last_block) = heights.borrow().blocks_in(viewport.top - OVERSCAN_PX, viewport.top + viewport.height + OVERSCAN_PX);
    let spacer_heights = {
        let heights = heights.borrow();
        (heights.offset_of(first_block), heights.total() - heights.offset_of(last_block + 1))
    };

    crate::browser::use_block_layout(BlockLayout {
        list: list_ref.clone(),
        spacer_heights,
        heights: Rc::clone(&heights),
        layout_version: layout_version.clone(),
        anchor: props.anchor,
        open: open.clone(),
        listing: listing.clone(),
    });

    // The line at the top of the screen, for the table of contents and the sticky section title:
    // the row under the sticky bars, or the first of the top block before rows are on screen.
    let top_line = match viewport.first_line {
        Some(number) => number.saturating_sub(open.first_line_number),
        None => {
            let (top_block, _) = heights.borrow().blocks_in(viewport.top.max(0.0), viewport.top.max(0.0) + 1.0);
            listing.entries.get(top_block * BLOCK_LINES).map_or(0, |entry| entry.first_line())
        }
    };
    {
        let onvisible = props.onvisible.clone();
        use_effect_with(top_line, move |line| onvisible.emit(*line));
    }
    let anchor = props.anchor;
    let n_entries = listing.len();
    let onclick = use_callback((anchor, props.onchoose.clone()), |event: MouseEvent, (anchor, onchoose)| {
        if !link_click(&event, *anchor) {
            choose_thread(&event, onchoose);
        }
    });
    let onmouseover = use_callback(props.onhover.clone(), |event: MouseEvent, onhover| {
        let thread = event
            .target_dyn_into::<web_sys::Element>()
            .and_then(|target| target.closest(".row[data-thread]").ok().flatten())
            .and_then(|row| row.get_attribute("data-thread"))
            .and_then(|thread| thread.parse::<u32>().ok());
        onhover.emit(thread);
    });
    let onmouseleave = use_callback(props.onhover.clone(), |_: MouseEvent, onhover| onhover.emit(None));
    let lit_thread = props.lit_thread;
    html! {
        <section class={classes!("log", lit_thread.map(|_| "thread-lit"))} aria-label="Log" ref={list_ref} {onclick} {onmouseover} {onmouseleave}>
            <div class="spacer above" aria-hidden="true" />
            { for (first_block..=last_block.min(n_blocks.saturating_sub(1))).filter(|_| n_blocks > 0).map(|block| {
                let entries = &listing.entries[block * BLOCK_LINES..((block + 1) * BLOCK_LINES).min(n_entries)];
                html! {
                    <div class="block" key={block} data-block={block.to_string()}>
                        { for entries.iter().map(|&entry| match entry {
                            Entry::Line(index) => {
                                let index = index as usize;
                                let current = anchor.is_some_and(|anchor| anchor.contains(index + 1));
                                let lit = lit_thread.is_some() && open.threads.thread_of(index) == lit_thread;
                                html! { <Row key={format!("l{index}")} open={open.clone()} index={index} current={current} highlight={props.highlight.clone()} lit={lit} standalone={props.standalone} /> }
                            }
                            Entry::Joins { first, last } => html! {
                                <JoinsRow key={format!("j{first}")} open={open.clone()} first={first as usize} last={last as usize} onexpand={props.onexpand.clone()} />
                            },
                            Entry::PageHeader { first, last } => html! {
                                <PageHeaderRow key={format!("h{first}")} open={open.clone()} first={first as usize} last={last as usize} highlight={props.highlight.clone()} />
                            },
                            Entry::Section { index, .. } => {
                                let index = index as usize;
                                html! { <SectionHeader key={format!("s{index}")} open={open.clone()} index={index} collapsed={props.collapsed.contains(&index)} ontoggle={props.ontoggle.clone()} /> }
                            }
                        }) }
                    </div>
                }
            }) }
            <div class="spacer below" aria-hidden="true" />
        </section>
    }
}

/// One listener for every row's line number and copy-link button. A click on a line number
/// links that line (the browser follows its `href`); a shift-click extends the linked line to a
/// range; the copy button links the line (or the range holding it) and copies the URL.
/// Handles a click on a line number or copy button; says whether it was one.
fn link_click(event: &MouseEvent, anchor: Option<Anchor>) -> bool {
    let Some(target) = event.target_dyn_into::<web_sys::Element>() else { return false };
    let Ok(Some(control)) = target.closest(".lineno, .copy-link") else { return false };
    let Some(line) = control.get_attribute("data-line").and_then(|value| value.parse::<usize>().ok()) else { return true };
    let is_copy = control.class_list().contains("copy-link");
    let chosen = match (anchor, event.shift_key(), is_copy) {
        (Some(anchor), true, _) => extend(anchor, line),
        (Some(anchor), false, true) if anchor.contains(line) => anchor,
        (_, shift, true) if !shift => Anchor::Line(line),
        (None, true, _) => Anchor::Line(line),
        // A plain click on a line number: its own `href` does it.
        _ => return true,
    };
    event.prevent_default();
    let Some(window) = web_sys::window() else { return true };
    let _ = window.location().set_hash(&chosen.to_string());
    if is_copy {
        if let Ok(href) = window.location().href() {
            // The promise is left to run: a refused clipboard leaves the link in the address bar.
            let _ = window.navigator().clipboard().write_text(&href);
        }
    }
    true
}

/// A click on a message row, away from its links and buttons, chooses its conversation.
fn choose_thread(event: &MouseEvent, onchoose: &Callback<Option<usize>>) {
    let Some(target) = event.target_dyn_into::<web_sys::Element>() else { return };
    if target.closest("a, button").ok().flatten().is_some() {
        return;
    }
    let line = target.closest(".row[data-thread]").ok().flatten().and_then(|row| row.get_attribute("data-index")).and_then(|index| index.parse::<usize>().ok());
    if let Some(line) = line {
        onchoose.emit(Some(line));
    }
}

/// The range from `anchor` to `line`, whichever way the reader went.
fn extend(anchor: Anchor, line: usize) -> Anchor {
    let (first, last) = (anchor.first().min(line), anchor.last().max(line));
    if first == last {
        Anchor::Line(first)
    } else {
        Anchor::Range { first, last }
    }
}
