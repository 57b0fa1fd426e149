//! The app's state and root component: which log is open, and opening another one.

use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::demo::{DEMO_FILE_NAME, DEMO_LOG};
use crate::input::prepare;
use crate::model::{DiagnosticKind, Log};
use crate::parse::{parse, parse_file};
use crate::speakers::{Roster, Speaker};
use crate::view::{Legend, LogHeader, LogView, Toolbar};

/// Big data shared by reference. Equal only when it is the same allocation, so a prop
/// comparison is O(1) and never walks a log.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// An open log and what the views derive from it, computed once when it is opened.
#[derive(Debug)]
pub struct OpenLog {
    pub log: Log,
    pub file_name: AttrValue,
    pub roster: Roster,
    /// The legend: speakers, most lines first.
    pub speakers: Vec<Speaker>,
    /// Line index → "clock jumps back 2 h here".
    pub clock_jumps: HashMap<usize, AttrValue>,
}

impl OpenLog {
    pub fn new(log: Log, file_name: impl Into<AttrValue>) -> OpenLog {
        let clock_jumps = log
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.kind == DiagnosticKind::ClockJump)
            .map(|diagnostic| (diagnostic.line - 1, AttrValue::from(diagnostic.message.clone())))
            .collect();
        let roster = Roster::new(&log);
        OpenLog { speakers: roster.ranked(), roster, log, file_name: file_name.into(), clock_jumps }
    }

    pub fn demo() -> OpenLog {
        OpenLog::new(parse(DEMO_LOG.as_bytes(), None), DEMO_FILE_NAME)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub open: Shared<OpenLog>,
    /// Why the last file could not be opened; the previous log stays open beneath it.
    pub problem: Option<AttrValue>,
    /// A file is being dragged over the page.
    pub dragging: bool,
}

impl Default for State {
    fn default() -> State {
        State { open: Shared::new(OpenLog::demo()), problem: None, dragging: false }
    }
}

pub enum Action {
    /// Parse and show these bytes, or say why not.
    Open { file_name: String, bytes: Vec<u8> },
    Dragging(bool),
    DismissProblem,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = match action {
            Action::Open { file_name, bytes } => match prepare(&bytes) {
                Ok(bytes) => {
                    let log = parse_file(&bytes, Some(&file_name), None);
                    State { open: Shared::new(OpenLog::new(log, file_name)), problem: None, dragging: false }
                }
                Err(problem) => State {
                    problem: Some(format!("{file_name}: {problem}").into()),
                    dragging: false,
                    open: self.open.clone(),
                },
            },
            Action::Dragging(dragging) if dragging == self.dragging => return self,
            Action::Dragging(dragging) => State { dragging, ..(*self).clone() },
            Action::DismissProblem => State { problem: None, ..(*self).clone() },
        };
        Rc::new(state)
    }
}

/// The callback every way of opening a log ends in: drop, picker and paste.
pub type OnOpen = Callback<(String, Vec<u8>)>;

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let onopen: OnOpen = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(file_name, bytes): (String, Vec<u8>), _| dispatcher.dispatch(Action::Open { file_name, bytes }))
    };
    #[cfg(target_arch = "wasm32")]
    {
        crate::browser::use_page_drop_and_paste(state.dispatcher(), onopen.clone());
        crate::browser::use_scroll_to_hash(state.open.clone());
    }
    let ondismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::DismissProblem))
    };
    let open = &state.open;
    html! {
        <main class="app" aria-label="scrollback log viewer">
            <Toolbar onopen={onopen} />
            if let Some(problem) = &state.problem {
                <div class="problem" role="alert">
                    <span>{problem.clone()}</span>
                    <button type="button" class="dismiss" onclick={ondismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            <LogHeader open={open.clone()} />
            <div class="layout">
                <Legend open={open.clone()} />
                <LogView open={open.clone()} />
            </div>
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{"Drop the log to open it"}</p></div>
            }
        </main>
    }
}

/// Mounts the app on the page (browser only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}
