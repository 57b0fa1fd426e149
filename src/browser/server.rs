//! Server-side stand-ins for the browser hooks: no events, no hash, and a viewport that shows everything.

use yew::prelude::*;

use super::{BlockLayout, OnOpen};
use crate::state::{OpenLog, ParseJob, Shared, State, Viewport};
use crate::permalink::{Anchor, Link};

/// Server-side there is no page to uncover.
pub fn end_prerender() {}

/// The performance timeline is the browser's.
pub fn mark(_name: &str) {}

pub fn measure(_name: &str, _start: &str, _end: &str) {}

/// Reading files needs a browser; server-side nothing is ever picked.
pub fn read_file(_file: web_sys::File, _onopen: OnOpen) {}

/// Workers are the browser's: server-side a job never ends, and the page shows what it had.
#[hook]
pub fn use_parse_worker(_job: Option<ParseJob>, _search: Option<(u32, std::rc::Rc<str>)>, _dispatcher: UseReducerDispatcher<State>) {}

/// Server-side there is no worker, so no first screen of a log it reads.
pub fn first_screen() -> crate::state::FirstScreen {
    None
}

#[hook]
pub fn use_page_drop_and_paste(_dispatcher: UseReducerDispatcher<State>, _onopen: OnOpen, _enabled: bool) {}

#[hook]
pub fn use_embedded() -> bool {
    false
}

#[hook]
pub fn use_post_height(_embedded: bool) {}

pub fn full_viewer_url() -> String {
    String::new()
}

/// Server-side there is no query string.
pub fn query_param(_name: &str) -> Option<String> {
    None
}

#[hook]
pub fn use_format_from_query(_dispatcher: UseReducerDispatcher<State>) {}

#[hook]
pub fn use_source_from_query(_dispatcher: UseReducerDispatcher<State>, _onopen: OnOpen) {}

#[hook]
pub fn use_theme() {}

/// Server-side there is no service worker, so never a newer build.
#[hook]
pub fn use_new_build() -> Option<Callback<MouseEvent>> {
    None
}

/// Server-side there is no link to open and nothing packs a snippet.
#[hook]
pub fn use_snippet_link(_dispatcher: UseReducerDispatcher<State>) {}

pub fn share_snippet(_snippet: crate::snippet::Snippet, _done: Callback<Result<String, String>>) {}

#[hook]
pub fn use_drawer_focus(_open: bool) {}

#[hook]
pub fn use_reading_keys(_open: Shared<OpenLog>, _onhelp: Callback<bool>, _onstep: Callback<bool>, _onsection: Callback<bool>) {}

/// Server-side there is no page to switch.
pub fn toggle_theme() {}

#[hook]
pub fn use_hash_link() -> Option<Link> {
    None
}

thread_local! {
    /// The screen height a server render lays out for; `None` renders every row.
    static SCREEN_HEIGHT: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// Runs `render` as if on a screen `height` pixels tall at the top of the log: the rows of the
/// first screen (and the list's overscan) are rendered, the rest stand as the spacer's height.
pub fn on_first_screen<T>(height: f64, render: impl FnOnce() -> T) -> T {
    let before = SCREEN_HEIGHT.replace(Some(height));
    let rendered = render();
    SCREEN_HEIGHT.set(before);
    rendered
}

/// Everything is in view, so a server render holds every row, unless it renders a first screen.
#[hook]
pub fn use_viewport(_list: NodeRef) -> Viewport {
    SCREEN_HEIGHT.get().map_or(Viewport::EVERYTHING, |height| Viewport { top: 0.0, height, first_line: None })
}

#[hook]
pub fn use_block_layout(_layout: BlockLayout) {}

/// Server-side nothing is kept.
#[derive(Clone, PartialEq)]
pub struct KeptLog {
    pub name: Option<AttrValue>,
    pub keeping: OnOpen,
    pub forget: Callback<()>,
}

#[hook]
pub fn use_kept_log(_open: Shared<OpenLog>, onopen: OnOpen, _restore: bool, _onforgotten: Callback<()>) -> KeptLog {
    KeptLog { name: None, keeping: onopen, forget: Callback::noop() }
}

/// Server-side there is no URL to change.
pub fn go_to_anchor(_anchor: Anchor) {}

/// Server-side there is no hash.
pub fn snippet_in_hash() -> Option<String> {
    None
}

pub fn page_address() -> String {
    String::new()
}

pub fn copy_text(_text: &str) {}

pub fn current_anchor(_log: &crate::model::Log) -> Option<Anchor> {
    None
}

pub fn download_text(_name: &str, _mime: &str, _text: &str) {}
