//! Browser glue (wasm): page-wide drop and paste, reading files, the viewport and the block layout, following `#L<n>`, performance marks.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, File};
use yew::prelude::*;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};

use crate::app::{Action, OnOpen, State};
use crate::permalink::{Anchor, Link};
use crate::view::{BlockLayout, Viewport, BLOCK_LINES};

/// Marks a moment on the page's performance timeline (`scrollback:*`), for the benchmark.
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Measures between two marks; a missing start mark (the demo was never dropped) is no error.
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

/// After the next frame is painted: the time from opening a file to seeing its rows, and the
/// wasm memory then, for the benchmark to read.
pub fn mark_first_rows() {
    let frame = request_animation_frame(|_| {
        mark("scrollback:first-rows");
        measure("scrollback:open-to-first-rows", "scrollback:open-start", "scrollback:first-rows");
        let memory_bytes = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length();
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-scrollback-wasm-bytes", &memory_bytes.to_string());
        }
    });
    // Once the frame has run the handle is spent; dropping it would cancel it.
    std::mem::forget(frame);
}

/// Reads a file's bytes off the main flow and hands them to `onopen` with the file's name.
pub fn read_file(file: File, onopen: OnOpen) {
    mark("scrollback:open-start");
    let file_name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match gloo::file::futures::read_as_array_buffer(&gloo::file::File::from(file)).await {
            Ok(buffer) => onopen.emit((file_name, copy_into_wasm(&js_sys::Uint8Array::new(&buffer)))),
            Err(error) => gloo::console::error!(format!("cannot read {file_name}: {error}")),
        }
    });
}

/// Reads several files dropped together, then opens them in turn (a log and its minutes).
fn read_files(files: Vec<File>, dispatcher: UseReducerDispatcher<State>) {
    mark("scrollback:open-start");
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let file_name = file.name();
            match gloo::file::futures::read_as_array_buffer(&gloo::file::File::from(file)).await {
                Ok(buffer) => read.push((file_name, copy_into_wasm(&js_sys::Uint8Array::new(&buffer)))),
                Err(error) => gloo::console::error!(format!("cannot read {file_name}: {error}")),
            }
        }
        dispatcher.dispatch(Action::OpenInTurn(read));
    });
}

/// Copies a file's bytes into wasm memory once, into the allocation that becomes the log's text.
fn copy_into_wasm(array: &js_sys::Uint8Array) -> Rc<[u8]> {
    let mut bytes = Rc::<[u8]>::new_uninit_slice(array.length() as usize);
    array.copy_to_uninit(Rc::get_mut(&mut bytes).expect("a new Rc has no other owner"));
    // SAFETY: `copy_to_uninit` wrote every byte of the slice.
    unsafe { bytes.assume_init() }
}

/// The whole page accepts a dropped file, and pasted text outside a text field opens as a log.
#[hook]
pub fn use_page_drop_and_paste(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let listeners = enabled.then(|| page_drop_and_paste_listeners(dispatcher, onopen));
        move || std::mem::drop(listeners)
    });
}

fn page_drop_and_paste_listeners(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen) -> [EventListener; 4] {
    {
        let window = gloo::utils::window();
        let document = gloo::utils::document();
        // Not passive: the default for a drop is to navigate away to the file.
        let active = EventListenerOptions::enable_prevent_default();
        let over = {
            let dispatcher = dispatcher.clone();
            EventListener::new_with_options(&window, "dragover", active, move |event| {
                event.prevent_default();
                dispatcher.dispatch(Action::Dragging(true));
            })
        };
        let leave = {
            let dispatcher = dispatcher.clone();
            EventListener::new(&window, "dragleave", move |event| {
                // Leaving the window, not moving between elements within it.
                let event = event.unchecked_ref::<DragEvent>();
                if event.related_target().is_none() {
                    dispatcher.dispatch(Action::Dragging(false));
                }
            })
        };
        let drop = {
            let dispatcher = dispatcher.clone();
            let onopen = onopen.clone();
            EventListener::new_with_options(&window, "drop", active, move |event| {
                event.prevent_default();
                if crate::browser::crashed() {
                    return; // The crash banner's own handler takes the file.
                }
                dispatcher.dispatch(Action::Dragging(false));
                let files = event.unchecked_ref::<DragEvent>().data_transfer().and_then(|transfer| transfer.files());
                let files: Vec<File> = files.map(|files| (0..files.length()).filter_map(|index| files.get(index)).collect()).unwrap_or_default();
                match files.as_slice() {
                    [] => {}
                    [file] => read_file(file.clone(), onopen.clone()),
                    _ => read_files(files, dispatcher.clone()),
                }
            })
        };
        let paste = EventListener::new(&document, "paste", move |event| {
            let in_a_field = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if in_a_field || crate::browser::crashed() {
                return;
            }
            let text = event.unchecked_ref::<ClipboardEvent>().clipboard_data().and_then(|data| data.get_data("text/plain").ok());
            if let Some(text) = text.filter(|text| !text.is_empty()) {
                mark("scrollback:open-start");
                onopen.emit(("pasted text".to_owned(), Rc::from(text.into_bytes())));
            }
        });
        [over, leave, drop, paste]
    }
}

/// The URL hash when it holds a shared snippet (`#snippet=…`).
pub fn snippet_in_hash() -> Option<String> {
    gloo::utils::window().location().hash().ok().filter(|hash| hash.starts_with(crate::snippet::PREFIX))
}

/// This page's address without query or hash, to put a snippet's fragment on.
pub fn page_address() -> String {
    let location = gloo::utils::window().location();
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// Offers `text` as a file download named `name`, through a short-lived blob address.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(address) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = gloo::utils::document();
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlElement = link.unchecked_into();
        let _ = link.set_attribute("href", &address);
        let _ = link.set_attribute("download", name);
        link.click();
    }
    // Long enough for the download (and a test) to read it; then the memory goes.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&address);
    })
    .forget();
}

/// Copies `text`; a refused clipboard is no error (the link is also shown).
pub fn copy_text(text: &str) {
    let _ = gloo::utils::window().navigator().clipboard().write_text(text);
}

/// The lines the URL hash points at now (read at the moment, not at the last render).
pub fn current_anchor(log: &crate::model::Log) -> Option<Anchor> {
    let hash = gloo::utils::window().location().hash().ok()?;
    Link::parse(&hash)?.resolve(log)
}

/// Points the URL hash at `anchor`; the `hashchange` that follows scrolls there.
pub fn go_to_anchor(anchor: Anchor) {
    let _ = gloo::utils::window().location().set_hash(&anchor.to_string());
}

/// The permalink in the URL hash, followed on every `hashchange`.
#[hook]
pub fn use_hash_link() -> Option<Link> {
    let read = || gloo::utils::window().location().hash().ok().and_then(|hash| Link::parse(&hash));
    let anchor = use_state(read);
    {
        let anchor = anchor.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| anchor.set(read()));
            move || drop(listener)
        });
    }
    *anchor
}

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
        use_effect_with(layout.open.clone(), |_| mark_first_rows());
    }
    use_effect(move || {
        set_height(&layout.top_spacer, layout.spacer_heights.0);
        set_height(&layout.bottom_spacer, layout.spacer_heights.1);
        let mut changed = false;
        if let Some(list) = layout.list.cast::<Element>() {
            let blocks = list.query_selector_all(".block").expect("a valid selector");
            let mut heights = layout.heights.borrow_mut();
            // A block above what the reader sees that turns out taller or shorter than its
            // estimate pushes what they see down or up: the page scrolls by as much, so the rows
            // on screen stay put (what the browser's scroll anchoring does, which the spacers
            // would confuse).
            let visible_from = sticky_bars_bottom();
            let mut shift = 0.0;
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
                let options = web_sys::ScrollToOptions::new();
                options.set_top(shift);
                options.set_behavior(web_sys::ScrollBehavior::Instant);
                gloo::utils::window().scroll_by_with_scroll_to_options(&options);
            }
        }
        let target = *pending_scroll.borrow();
        if let Some(line) = target {
            match gloo::utils::document().get_element_by_id(&format!("L{line}")) {
                Some(row) => {
                    // A section's first line brings its header to the top, under the sticky bar,
                    // as a reader going to a topic expects; any other line comes to the middle.
                    let number = layout.open.first_line_number;
                    let section = layout.open.agenda.sections.iter().position(|section| section.first + number == line);
                    let header = section.and_then(|index| gloo::utils::document().get_element_by_id(&format!("section-{}", index + 1)));
                    let moved = match header {
                        Some(header) => {
                            let by = header.get_bounding_client_rect().top() - sticky_bars_bottom() - 4.0;
                            // Instant: a smooth scroll would be restarted by every render on the way.
                            let options = web_sys::ScrollToOptions::new();
                            options.set_top(by);
                            options.set_behavior(web_sys::ScrollBehavior::Instant);
                            let before = header.get_bounding_client_rect().top();
                            gloo::utils::window().scroll_by_with_scroll_to_options(&options);
                            // At the end of the log the page cannot scroll that far: what counts is whether it moved.
                            (header.get_bounding_client_rect().top() - before).abs() >= 1.0
                        }
                        None => {
                            let options = web_sys::ScrollIntoViewOptions::new();
                            options.set_block(web_sys::ScrollLogicalPosition::Center);
                            options.set_behavior(web_sys::ScrollBehavior::Instant);
                            let before = row.get_bounding_client_rect().top();
                            row.scroll_into_view_with_scroll_into_view_options(&options);
                            (row.get_bounding_client_rect().top() - before).abs() >= 1.0
                        }
                    };
                    // The scroll renders blocks above the row that were never measured, and their
                    // real heights move it again: done only once a render finds it where it was.
                    if !changed && !moved {
                        pending_scroll.borrow_mut().take();
                        // Landed: the list looks again at what is on screen, now with the linked
                        // row marked, so the section being read is the link's.
                        ask_for_viewport();
                    }
                }
                None if line <= layout.open.log.lines.len() => {
                    // Not rendered yet: scroll to where its block will be; the scroll renders it.
                    let position = layout.listing.position_of_line(line - 1).unwrap_or(0);
                    if let Some(list) = layout.list.cast::<Element>() {
                        let window = gloo::utils::window();
                        let list_top = list.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
                        let block_top = layout.heights.borrow().offset_of(position / BLOCK_LINES);
                        let options = web_sys::ScrollToOptions::new();
                        options.set_top(list_top + block_top);
                        options.set_behavior(web_sys::ScrollBehavior::Instant);
                        let before = window.scroll_y().unwrap_or(0.0);
                        window.scroll_to_with_scroll_to_options(&options);
                        // Already there, the browser sends no scroll event, and the list would
                        // keep its old idea of what is on screen: ask it to look again.
                        if (window.scroll_y().unwrap_or(0.0) - before).abs() < 1.0 {
                            ask_for_viewport();
                        }
                    }
                    // A line with no row of its own (in a condensed run) is as close as it gets.
                    if !layout.listing.shows_line(line - 1) {
                        pending_scroll.borrow_mut().take();
                    }
                }
                None => {
                    pending_scroll.borrow_mut().take();
                }
            }
        }
        if changed {
            layout.layout_version.set(layout.layout_version.wrapping_add(1));
        }
    });
}

/// Has `use_viewport` measure the screen again, as a scroll would.
fn ask_for_viewport() {
    if let Ok(event) = web_sys::Event::new("scroll") {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

fn set_height(spacer: &NodeRef, height: f64) {
    if let Some(element) = spacer.cast::<web_sys::HtmlElement>() {
        let _ = element.style().set_property("height", &format!("{}px", height.round() as i64));
    }
}

/// `?format=ID` reads every log in that format instead of detecting one.
#[hook]
pub fn use_format_from_query(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let format = query_param("format").and_then(|id| crate::model::Format::from_id(&id));
        if let Some(format) = format {
            dispatcher.dispatch(Action::ForceFormat(format));
        }
    });
}

/// A parameter of the page's query string, decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}
