//! Browser-only glue: page-wide drag-and-drop and paste, reading files, and following `#L<n>`.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, File};
use yew::prelude::*;

use crate::app::{Action, OnOpen, OpenLog, Shared, State};

/// Reads a file's bytes off the main flow and hands them to `onopen` with the file's name.
pub fn read_file(file: File, onopen: OnOpen) {
    let file_name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match gloo::file::futures::read_as_bytes(&gloo::file::File::from(file)).await {
            Ok(bytes) => onopen.emit((file_name, bytes)),
            Err(error) => gloo::console::error!(format!("cannot read {file_name}: {error}")),
        }
    });
}

/// The whole page accepts a dropped file, and pasted text outside a text field opens as a log.
#[hook]
pub fn use_page_drop_and_paste(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen) {
    use_effect_with((), move |_| {
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
                dispatcher.dispatch(Action::Dragging(false));
                let file = event.unchecked_ref::<DragEvent>().data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0));
                if let Some(file) = file {
                    read_file(file, onopen.clone());
                }
            })
        };
        let paste = EventListener::new(&document, "paste", move |event| {
            let in_a_field = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if in_a_field {
                return;
            }
            let text = event.unchecked_ref::<ClipboardEvent>().clipboard_data().and_then(|data| data.get_data("text/plain").ok());
            if let Some(text) = text.filter(|text| !text.is_empty()) {
                onopen.emit(("pasted text".to_owned(), text.into_bytes()));
            }
        });
        move || drop_all((over, leave, drop, paste))
    });
}

fn drop_all<T>(_listeners: T) {}

/// After a log is shown, brings the line named by `#L<n>` into view.
#[hook]
pub fn use_scroll_to_hash(open: Shared<OpenLog>) {
    use_effect_with(open, |_| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        if let Some(element) = hash.strip_prefix('#').and_then(|id| gloo::utils::document().get_element_by_id(id)) {
            element.scroll_into_view();
        }
    });
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
