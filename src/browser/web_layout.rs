//! Browser glue (wasm) for the virtual list: where it is on screen, the line being read, the
//! blocks' measured heights, and bringing a linked line into view.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::web::mark_first_rows;
use crate::permalink::Anchor;
use super::BlockLayout;
use crate::state::{Viewport, BLOCK_LINES};

/// Where the list is on screen, updated at most once a frame as the page scrolls or resizes.
#[hook]
pub fn use_viewport(list: NodeRef) -> Viewport {
    let viewport = use_state(|| Viewport { top: 0.0, height: gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(900.0), first_line: None });
    {
        let viewport = viewport.clone();
        use_effect_with((), move |_| {
            let frame: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
            let measure = {
                let frame = Rc::clone(&frame);
                move || {
                    if frame.borrow().is_some() {
                        return;
                    }
                    let (list, viewport, pending) = (list.clone(), viewport.clone(), Rc::clone(&frame));
                    *frame.borrow_mut() = Some(request_animation_frame(move |_| {
                        pending.borrow_mut().take();
                        if let Some(element) = list.cast::<Element>() {
                            let window = gloo::utils::window();
                            let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(900.0);
                            viewport.set(Viewport { top: -element.get_bounding_client_rect().top(), height, first_line: line_at_top(&element) });
                        }
                    }));
                }
            };
            measure();
            let window = gloo::utils::window();
            let on_scroll = {
                let measure = measure.clone();
                EventListener::new_with_options(&window, "scroll", EventListenerOptions::default(), move |_| measure())
            };
            let on_resize = EventListener::new(&window, "resize", move |_| measure());
            move || drop((on_scroll, on_resize, frame))
        });
    }
    *viewport
}

/// The line the reader is at: the linked row while it is on screen (near the end of a log a
/// link cannot bring its row to the top), else the row at the top of the log, just under the
/// sticky bars (the controls, the embed's bar), found with one hit test, not a walk over the rows.
fn line_at_top(list: &Element) -> Option<usize> {
    let document = gloo::utils::document();
    let list_box = list.get_bounding_client_rect();
    let below_bars = sticky_bars_bottom();
    let window_height = gloo::utils::window().inner_height().ok().and_then(|height| height.as_f64()).unwrap_or(0.0);
    let linked = list.query_selector(".row[aria-current=location]").ok().flatten().filter(|row| {
        let row_box = row.get_bounding_client_rect();
        row_box.top() >= below_bars && row_box.bottom() <= window_height
    });
    if let Some(number) = linked.and_then(|row| row.id().strip_prefix('L')?.parse().ok()) {
        return Some(number);
    }
    let y = below_bars.max(list_box.top()) + 4.0;
    let x = list_box.left() + (list_box.width() / 4.0).min(40.0);
    let hit = document.element_from_point(x as f32, y as f32)?;
    let row = hit.closest(".row, .section-header, .page-header-fold").ok()??;
    let number = match row.id().strip_prefix('L') {
        Some(number) => number.to_owned(),
        None => row.get_attribute("data-lines")?.split('-').next()?.to_owned(),
    };
    number.parse().ok()
}

/// Where the bars that stay over the log (the controls, the embed's bar) end on screen.
fn sticky_bars_bottom() -> f64 {
    let Ok(bars) = gloo::utils::document().query_selector_all(".controls, .embed-bar") else { return 0.0 };
    (0..bars.length())
        .filter_map(|index| bars.item(index)?.dyn_into::<Element>().ok())
        .map(|bar| bar.get_bounding_client_rect().bottom())
        .fold(0.0_f64, f64::max)
}

/// After each render: sizes the spacers (through the CSSOM, which a strict CSP allows), measures
/// the rendered blocks, and brings the permalinked line into view, even one not yet rendered.
#[hook]
pub fn use_block_layout(layout: BlockLayout) {
    // The line still to scroll to: set when the anchor or the log changes, cleared once shown.
    let pending_scroll = use_mut_ref(|| None::<usize>);
    {
        let pending_scroll = Rc::clone(&pending_scroll);
        use_effect_with((layout.anchor, layout.open.clone(), layout.listing.clone()), move |(anchor, _, _)| {
            *pending_scroll.borrow_mut() = anchor.map(Anchor::first);
        });
    }
    {
        use_effect_with(layout.open.clone(), |open| mark_first_rows(!open.log.lines.is_empty()));
    }
    use_effect(move || {
        set_spacer_heights(&layout.list, layout.spacer_heights);
        let changed = measure_blocks(&layout);
        let target = *pending_scroll.borrow();
        if let Some(line) = target {
            if bring_into_view(&layout, line, changed) {
                pending_scroll.borrow_mut().take();
            }
        }
        if changed {
            layout.layout_version.set(layout.layout_version.wrapping_add(1));
        }
    });
}

/// Records the rendered blocks' real heights; says whether any changed. A block above what the
/// reader sees that turns out taller or shorter than its estimate pushes what they see down or
/// up: the page scrolls by as much, so the rows on screen stay put (what the browser's scroll
/// anchoring does, which the spacers would confuse).
fn measure_blocks(layout: &BlockLayout) -> bool {
    let Some(list) = layout.list.cast::<Element>() else { return false };
    let blocks = list.query_selector_all(".block").expect("a valid selector");
    let mut heights = layout.heights.borrow_mut();
    let visible_from = sticky_bars_bottom();
    let (mut changed, mut shift) = (false, 0.0);
    for index in 0..blocks.length() {
        let Some(block) = blocks.item(index).and_then(|node| node.dyn_into::<Element>().ok()) else { continue };
        let Some(number) = block.get_attribute("data-block").and_then(|value| value.parse::<usize>().ok()) else { continue };
        let rect = block.get_bounding_client_rect();
        let grown = heights.measure_change(number, rect.height());
        changed |= grown != 0.0;
        if rect.bottom() <= visible_from {
            shift += grown;
        }
    }
    if shift.abs() >= 1.0 {
        scroll_instantly(shift, false);
    }
    changed
}

/// Scrolls towards 1-based line `line`; says whether it is done. A section's first line brings
/// its header to the top, under the sticky bar, as a reader going to a topic expects; any other
/// line comes to the middle. A line not rendered yet is scrolled to where its block will be,
/// and the scroll renders it.
fn bring_into_view(layout: &BlockLayout, line: usize, changed: bool) -> bool {
    let document = gloo::utils::document();
    let Some(row) = document.get_element_by_id(&format!("L{line}")) else {
        if line > layout.open.log.lines.len() {
            return true;
        }
        let position = layout.listing.position_of_line(line - 1).unwrap_or(0);
        if let Some(list) = layout.list.cast::<Element>() {
            let window = gloo::utils::window();
            let list_top = list.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
            let block_top = layout.heights.borrow().offset_of(position / BLOCK_LINES);
            let before = window.scroll_y().unwrap_or(0.0);
            scroll_instantly(list_top + block_top, true);
            // Already there, the browser sends no scroll event, and the list would keep its old
            // idea of what is on screen: ask it to look again.
            if (window.scroll_y().unwrap_or(0.0) - before).abs() < 1.0 {
                ask_for_viewport();
            }
        }
        // A line with no row of its own (in a condensed run) is as close as it gets.
        return !layout.listing.shows_line(line - 1);
    };
    let number = layout.open.first_line_number;
    let section = layout.open.agenda.sections.iter().position(|section| section.first + number == line);
    let header = section.and_then(|index| document.get_element_by_id(&format!("section-{}", index + 1)));
    let target = header.unwrap_or(row);
    let before = target.get_bounding_client_rect().top();
    if target.class_list().contains("section-header") {
        scroll_instantly(before - sticky_bars_bottom() - 4.0, false);
    } else {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    }
    // The scroll renders blocks above the row that were never measured, and their real heights
    // move it again; at the end of the log the page cannot scroll as far as asked: done once a
    // render finds it where it was.
    let moved = (target.get_bounding_client_rect().top() - before).abs() >= 1.0;
    let landed = !changed && !moved;
    if landed {
        // The list looks again at what is on screen, now with the linked row marked, so the
        // section being read is the link's.
        ask_for_viewport();
    }
    landed
}

/// Scrolls the page to `top` (`absolute`) or by `top` pixels, at once: a smooth scroll would be
/// restarted by every render on the way.
fn scroll_instantly(top: f64, absolute: bool) {
    let options = web_sys::ScrollToOptions::new();
    options.set_top(top);
    options.set_behavior(web_sys::ScrollBehavior::Instant);
    let window = gloo::utils::window();
    if absolute {
        window.scroll_to_with_scroll_to_options(&options);
    } else {
        window.scroll_by_with_scroll_to_options(&options);
    }
}

/// Has `use_viewport` measure the screen again, as a scroll would.
fn ask_for_viewport() {
    if let Ok(event) = web_sys::Event::new("scroll") {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Sizes the spacers through custom properties on the list (the CSSOM, which a strict CSP
/// allows): the list outlives its children, so a spacer the render makes afresh has its height
/// at once, and the page never shrinks under the reader for a frame (which would clamp the
/// scroll and lose their place).
fn set_spacer_heights(list: &NodeRef, (above, below): (f64, f64)) {
    if let Some(list) = list.cast::<web_sys::HtmlElement>() {
        let style = list.style();
        let _ = style.set_property("--above", &format!("{}px", above.round() as i64));
        let _ = style.set_property("--below", &format!("{}px", below.round() as i64));
    }
}
