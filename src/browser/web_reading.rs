//! Browser glue for reading (wasm): the reading keys and the light or dark theme.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::web::query_param;
use crate::state::{OpenLog, Shared};
use crate::permalink::Anchor;

/// Keys for reading: `j`/`k` link the next or previous message, `n`/`N` the next or previous
/// search match, `[`/`]` the previous or next section, `/` goes to the search box, `t`
/// switches the theme, `?` shows the help and `Escape` closes it. Keys typed into a field are
/// left alone.
#[hook]
pub fn use_reading_keys(open: Shared<OpenLog>, onhelp: Callback<bool>, onstep: Callback<bool>, onsection: Callback<bool>) {
    use_effect_with((open, onstep, onsection), move |(open, onstep, onsection)| {
        let (onstep, onsection) = (onstep.clone(), onsection.clone());
        let open = open.clone();
        let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
            let event = event.unchecked_ref::<web_sys::KeyboardEvent>();
            let in_a_field = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if in_a_field || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            match event.key().as_str() {
                "j" | "k" => {
                    // The hash as it is now: a key pressed right after another must see its move.
                    let from = super::web::current_anchor(&open.log).map_or(0, Anchor::first);
                    let next = if event.key() == "j" { next_message(&open, from) } else { previous_message(&open, from) };
                    if let Some(line) = next {
                        super::web::go_to_anchor(Anchor::Line(line));
                    }
                }
                "n" => onstep.emit(true),
                "N" => onstep.emit(false),
                "]" => onsection.emit(true),
                "[" => onsection.emit(false),
                "/" => focus_search(),
                "t" => toggle_theme(),
                "?" => onhelp.emit(true),
                "Escape" => onhelp.emit(false),
                _ => return,
            }
            event.prevent_default();
        });
        move || std::mem::drop(listener)
    });
}

/// Moves the focus into the drawer (its close button) when it opens, and back to the button
/// that opened it when it closes, so a keyboard reader is never left behind the backdrop.
#[hook]
pub fn use_drawer_focus(open: bool) {
    let was_open = use_mut_ref(|| false);
    use_effect_with(open, move |&open| {
        if open {
            focus(".close-panel");
        } else if *was_open.borrow() {
            focus(".toolbar .panel-toggle");
        }
        *was_open.borrow_mut() = open;
    });
}

/// Puts the cursor in the search box, opening it first where it hides behind its icon (the
/// embed, phones): the box is there once the app has rendered the click.
fn focus_search() {
    let document = gloo::utils::document();
    let closed_toggle = document
        .query_selector_all(".search-toggle[aria-expanded=false]")
        .ok()
        .and_then(|toggles| (0..toggles.length()).filter_map(|index| toggles.item(index)?.dyn_into::<web_sys::HtmlElement>().ok()).find(|toggle| toggle.offset_parent().is_some()));
    match closed_toggle {
        Some(toggle) => {
            toggle.click();
            gloo::timers::callback::Timeout::new(0, || focus("#search-input")).forget();
        }
        None => focus("#search-input"),
    }
}

/// Puts the focus on the first element matching `css`, if there is one.
fn focus(css: &str) {
    if let Some(element) = gloo::utils::document().query_selector(css).ok().flatten() {
        // Without scrolling: the drawer closes as the page goes to the chosen section, and a
        // focus that scrolled to the top bar would undo that wherever the two race.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus_with_options(&options);
    }
}

/// The first spoken line after 1-based line `from`, as shown.
fn next_message(open: &OpenLog, from: usize) -> Option<usize> {
    open.log.step_spoken(from, true)
}

/// The last spoken line before 1-based line `from`, as shown.
fn previous_message(open: &OpenLog, from: usize) -> Option<usize> {
    open.log.step_spoken(from, false)
}

/// Where the reader's theme choice is remembered.
const THEME_KEY: &str = "scrollback:theme";

/// Applies the theme asked for by `?theme=light|dark`, else the one the reader chose before;
/// with neither, the page follows the system's `prefers-color-scheme`.
#[hook]
pub fn use_theme() {
    use_effect_with((), |_| {
        let asked = query_param("theme").filter(|theme| theme == "light" || theme == "dark");
        let remembered = || local_storage().and_then(|storage| storage.get_item(THEME_KEY).ok().flatten());
        if let Some(theme) = asked.or_else(remembered) {
            set_theme(&theme);
        }
    });
}

/// Switches to the other theme than the one showing, and remembers the choice.
pub fn toggle_theme() {
    let root = gloo::utils::document().document_element().expect("a document element");
    let showing_dark = match root.get_attribute("data-theme") {
        Some(theme) => theme == "dark",
        None => gloo::utils::window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|query| query.matches()),
    };
    let theme = if showing_dark { "light" } else { "dark" };
    set_theme(theme);
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(THEME_KEY, theme);
    }
}

fn set_theme(theme: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}
