//! The log as a virtual list over the [`Listing`]: its rows are grouped in blocks of 32, only the
//! blocks near the viewport are in the DOM, and two spacers stand in for the rest, so a
//! million-line log costs as many DOM nodes as a short one. Rows may wrap to any height:
//! rendered blocks are measured.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::{JoinsRow, PageHeaderRow, Row, SectionHeader};
use crate::app::{OpenLog, Shared};
use crate::listing::{Entry, Listing};
use crate::model::LineKind;
use crate::permalink::Anchor;

/// Rows per block: small enough that few rows are off screen, large enough that a scroll
/// frame scans few blocks.
pub const BLOCK_LINES: usize = 32;

/// Rendered beyond the viewport on each side, so a fast scroll does not show blank space.
const OVERSCAN_PX: f64 = 700.0;

/// What part of the list is on screen: pixels from the list's top, the window's height, and
/// the line number of the row at the top of the log (under the sticky bars), when one is there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub top: f64,
    pub height: f64,
    pub first_line: Option<usize>,
}

impl Viewport {
    /// Server-side there is no screen: everything is "visible", so every row is rendered.
    pub const EVERYTHING: Viewport = Viewport { top: 0.0, height: f64::INFINITY, first_line: None };
}

/// What `browser::use_block_layout` needs from the virtual list.
pub struct BlockLayout {
    pub list: NodeRef,
    pub spacer_heights: (f64, f64),
    pub heights: Rc<RefCell<BlockHeights>>,
    pub layout_version: UseStateHandle<u32>,
    pub anchor: Option<Anchor>,
    pub open: Shared<OpenLog>,
    pub listing: Shared<Listing>,
}

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
                                html! { <Row key={format!("l{index}")} open={open.clone()} index={index} current={current} highlight={props.highlight.clone()} lit={lit} /> }
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

/// The height of each block: estimated from its lines until it is rendered and measured.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockHeights {
    heights: Vec<f64>,
}

impl BlockHeights {
    /// Rows of about 22 px, blank rows of 5 px, long lines wrapping every ~110 characters,
    /// section headers of 40 px.
    pub fn estimate(open: &OpenLog, listing: &Listing) -> BlockHeights {
        let lines = &open.log.lines;
        let height = |entry: &Entry| match *entry {
            // Reply marks sit at the end of their row's first line: they add no height.
            Entry::Line(index) => match lines[index as usize].kind {
                LineKind::Blank => 5.0,
                _ => 22.0 * (1 + lines[index as usize].body.range().len().min(super::row::LONGEST_SHOWN_LINE) / 110) as f64,
            },
            Entry::Joins { .. } | Entry::PageHeader { .. } => 22.0,
            Entry::Section { .. } => 40.0,
        };
        BlockHeights { heights: listing.entries.chunks(BLOCK_LINES).map(|block| block.iter().map(height).sum()).collect() }
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    pub fn total(&self) -> f64 {
        self.heights.iter().sum()
    }

    /// Pixels from the list's top to the top of `block`.
    pub fn offset_of(&self, block: usize) -> f64 {
        self.heights[..block.min(self.heights.len())].iter().sum()
    }

    /// Records a measured height; gives how much taller the block turned out (0 for no change
    /// that matters, under half a pixel).
    pub fn measure_change(&mut self, block: usize, height: f64) -> f64 {
        match self.heights.get_mut(block) {
            Some(known) if (*known - height).abs() > 0.5 => {
                let grown = height - *known;
                *known = height;
                grown
            }
            _ => 0.0,
        }
    }

    /// The first and last block that overlap `[from, to)` pixels (the last block past the end).
    pub fn blocks_in(&self, from: f64, to: f64) -> (usize, usize) {
        let mut offset = 0.0;
        let mut first = None;
        for (block, height) in self.heights.iter().enumerate() {
            let end = offset + height;
            if first.is_none() && end > from {
                first = Some(block);
            }
            if offset >= to {
                return (first.unwrap_or(block), block.saturating_sub(1).max(first.unwrap_or(0)));
            }
            offset = end;
        }
        let last = self.heights.len().saturating_sub(1);
        (first.unwrap_or(last), last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heights(values: &[f64]) -> BlockHeights {
        BlockHeights { heights: values.to_vec() }
    }

    #[test]
    fn finds_the_blocks_in_view() {
        let blocks = heights(&[100.0, 100.0, 100.0, 100.0, 100.0]);
        assert_eq!(blocks.blocks_in(0.0, 50.0), (0, 0));
        assert_eq!(blocks.blocks_in(150.0, 250.0), (1, 2));
        assert_eq!(blocks.blocks_in(-700.0, 100.0), (0, 0));
        assert_eq!(blocks.blocks_in(420.0, 2000.0), (4, 4));
        assert_eq!(blocks.blocks_in(0.0, f64::INFINITY), (0, 4));
        assert_eq!(blocks.blocks_in(5000.0, 6000.0), (4, 4));
        assert_eq!(heights(&[]).blocks_in(0.0, 100.0), (0, 0));
    }

    #[test]
    fn measuring_moves_the_offsets() {
        let mut blocks = heights(&[100.0, 100.0, 100.0]);
        assert_eq!(blocks.offset_of(2), 200.0);
        assert_eq!(blocks.measure_change(0, 150.0), 50.0);
        assert_eq!(blocks.measure_change(0, 150.2), 0.0, "sub-pixel changes do not re-render");
        assert_eq!(blocks.measure_change(1, 80.0), -20.0, "a block shorter than its estimate");
        assert_eq!(blocks.offset_of(2), 230.0);
        assert_eq!(blocks.total(), 330.0);
    }
}
