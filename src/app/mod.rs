//! The app's root component: the page around the open log, and opening another one.

mod reading;

use reading::use_reading;

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::OnOpen;
use crate::model::Format;
use crate::state::{Action, Loading, OpenLog, Shared, Stage, State};
use crate::view::{ArchiveBar, Contents, EmbedBar, Legend, LogHeader, LogView, Minutes, Overview, SearchBar, SectionJump, ShareBar, ThreadBar, Toolbar};

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The log to open with; the demo when absent. The static export passes its file here.
    #[prop_or_default]
    pub initial: Option<Shared<OpenLog>>,
    /// A static page (the export): no controls that need the app running.
    #[prop_or_default]
    pub standalone: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || match initial {
        Some(open) => State::opened(open),
        // A log is coming from `?src=` or a snippet link: show nothing rather than the demo meanwhile.
        None if crate::browser::query_param("src").is_some() || crate::browser::snippet_in_hash().is_some() => State::opened(Shared::new(OpenLog::empty(""))),
        None => State::demo(),
    });
    crate::browser::use_snippet_link(state.dispatcher());
    let onopen: OnOpen = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(file_name, bytes): (String, Rc<[u8]>), _| dispatcher.dispatch(Action::Open { file_name, bytes }))
    };
    // Every job goes to the page's one parse worker; a cancel or a new job stops the last.
    crate::browser::use_parse_worker(state.parsing.clone(), state.archive.as_ref().and_then(|archive| archive.search.clone()), state.dispatcher());
    // An archive's log opens in the worker; a hit lands on its line once it is open.
    let onarchived = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(file, line): (u32, Option<u32>), _| {
            if let Some(line) = line {
                crate::browser::go_to_anchor(crate::permalink::Anchor::Line(line as usize));
            }
            dispatcher.dispatch(Action::OpenArchived(file));
        })
    };
    let onarchivesearch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |query: String, _| dispatcher.dispatch(Action::SearchArchive(query)))
    };
    let oncancel = {
        let dispatcher = state.dispatcher();
        use_callback((), move |_: MouseEvent, _| dispatcher.dispatch(Action::Cancel))
    };
    let embedded = crate::browser::use_embedded();
    let new_build = crate::browser::use_new_build();
    let interactive = !embedded && !props.standalone;
    let kept = {
        let dispatcher = state.dispatcher();
        let restore = interactive && props.initial.is_none() && crate::browser::query_param("src").is_none() && crate::browser::snippet_in_hash().is_none();
        crate::browser::use_kept_log(state.open.clone(), onopen, restore, Callback::from(move |_| dispatcher.dispatch(Action::ShowDemo)))
    };
    let onopen = kept.keeping.clone();
    crate::browser::use_page_drop_and_paste(state.dispatcher(), onopen.clone(), interactive);
    crate::browser::use_post_height(embedded);
    crate::browser::use_format_from_query(state.dispatcher());
    crate::browser::use_theme();
    crate::browser::use_source_from_query(state.dispatcher(), onopen.clone());
    let onformat = {
        let dispatcher = state.dispatcher();
        use_callback((), move |format: Option<Format>, _| dispatcher.dispatch(Action::ReadAs(format)))
    };
    let ondismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::DismissProblem))
    };
    // The demo's prerendered first screen (index.html) gives way once the app shows a log as
    // whole as it (rows, sections, threads), or has a problem to say. An effect runs before the
    // next paint, so no frame shows neither.
    let shows_a_log = !state.open.log.lines.is_empty() && state.loading.is_none();
    use_effect_with(shows_a_log || state.problem.is_some(), |ready| {
        if *ready {
            crate::browser::end_prerender();
        }
    });
    let link = crate::browser::use_hash_link();
    // A big log's first lines stand in for the open log while the worker reads the rest.
    let first_screen = crate::browser::first_screen();
    let open = state.shown(&first_screen);
    // A time link is looked up in the log once per log and link, not on every render.
    let anchor = *use_memo((link, open.clone()), |(link, open)| link.and_then(|link| link.resolve(&open.log)));
    let showing_help = use_state(|| false);
    let onhelp = {
        let showing_help = showing_help.clone();
        use_callback((), move |show: bool, _| showing_help.set(show))
    };
    let reading = use_reading(open, anchor);
    // The side panel (agenda and speakers): beside the log on wide screens, a drawer on phones.
    let panel_open = use_state(|| false);
    let onpanel = {
        let panel_open = panel_open.clone();
        use_callback((), move |open: bool, _| panel_open.set(open))
    };
    crate::browser::use_drawer_focus(*panel_open);
    // Escape closes the drawer as well as the help.
    let onoverlay = {
        let (onhelp, onpanel) = (onhelp.clone(), onpanel.clone());
        use_callback((), move |show: bool, _| {
            onhelp.emit(show);
            if !show {
                onpanel.emit(false);
            }
        })
    };
    crate::browser::use_reading_keys(open.clone(), onoverlay, reading.onstep.clone(), reading.onsection.clone());
    // A link chosen in the drawer closes it, so the reader sees where it went.
    let onpanelclick = {
        let onpanel = onpanel.clone();
        Callback::from(move |event: MouseEvent| {
            let link = event.target_dyn_into::<web_sys::Element>().and_then(|target| target.closest("a[href^='#'], .speaker-filter").ok().flatten());
            if link.is_some() {
                onpanel.emit(false);
            }
        })
    };
    // The embed and phones keep the search behind an icon (open while it holds a query); wider
    // screens show it always.
    let searching = use_state(|| false);
    let search_open = *searching || !reading.query_text.is_empty();
    let onsearch = {
        let searching = searching.clone();
        // Keyed on the state, so a second click closes what the first opened.
        use_callback(*searching, move |_: (), _| searching.set(!*searching))
    };
    let panel = match (open.agenda.sections.is_empty(), open.speakers.is_empty()) {
        (false, _) => Some(AttrValue::from("Agenda")),
        (true, false) => Some(AttrValue::from("Speakers")),
        (true, true) => None,
    };
    let section_jump = html! { <SectionJump open={open.clone()} current={reading.current_section} /> };
    html! {
        <main class={classes!("app", props.standalone.then_some("standalone"), embedded.then_some("embedded"), open.first_screen.then_some("first-screen"))} aria-label="scrollback log viewer">
            if embedded {
                <EmbedBar open={open.clone()} searching={search_open} onsearch={onsearch.clone()}>{section_jump.clone()}</EmbedBar>
            } else if !props.standalone {
                <Toolbar onopen={onopen} kept={kept.name.clone().filter(|name| **name == *state.open.file_name)} onforget={kept.forget.clone()}
                    panel={panel} panel_open={*panel_open} onpanel={onpanel.clone()} onhelp={onhelp.reform(|_: ()| true)} />
            }
            if let Some(loading) = &state.loading {
                <div class="loading" role="status" data-stage={match loading.stage { Stage::Parsing => "parsing", Stage::Analysing => "analysing", Stage::Fetching => "fetching" }}>
                    if loading.stage == Stage::Analysing {
                        <span>{format!("Finding the conversations and the agenda of {}…", loading.name)}</span>
                        // No value: the bar shows work under way without a measure.
                        <progress />
                    } else {
                        <span>{format!("{} {}: {}", if loading.stage == Stage::Parsing { "Reading" } else { "Loading" }, loading.name, progress_text(loading))}</span>
                        <progress max={loading.total.unwrap_or(0).to_string()} value={loading.received.to_string()} />
                    }
                    if loading.stage != Stage::Fetching {
                        <button type="button" class="button cancel" onclick={oncancel}>{"Cancel"}</button>
                    }
                </div>
            }
            if let Some(take_over) = new_build {
                <div class="new-build" role="status">
                    <span>{"A new version of scrollback is ready."}</span>
                    <button type="button" class="button" onclick={take_over}>{"Reload to use it"}</button>
                </div>
            }
            if let Some(problem) = &state.problem {
                <div class="problem" role="alert">
                    <span>{problem.clone()}</span>
                    <button type="button" class="dismiss" onclick={ondismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            if let Some(archive) = &state.archive {
                <ArchiveBar archive={archive.clone()} onopen={onarchived} onsearch={onarchivesearch} />
            }
            if !embedded {
                <LogHeader open={open.clone()} onformat={onformat} />
            }
            <div class={classes!("layout", panel_open.then_some("panel-open"))}>
                <div class="sidebar-column" id="side-panel" onclick={onpanelclick}>
                    <button type="button" class="button close-panel" aria-label="Close the agenda and speakers" onclick={onpanel.reform(|_: MouseEvent| false)}>{"×"}</button>
                    <Contents open={open.clone()} current={reading.current_section} collapsed={reading.collapsed.clone()} onall={reading.onall.clone()} />
                    <Legend open={open.clone()} onpick={reading.onpick.clone()} picked={reading.picked.clone()} />
                </div>
                if *panel_open {
                    <div class="panel-backdrop" aria-hidden="true" onclick={onpanel.reform(|_: MouseEvent| false)} />
                }
                <div class="reading">
                    <div class="overview-line">
                        <Overview open={open.clone()} />
                        <Minutes open={open.clone()} />
                    </div>
                    <div class={classes!("controls", (!search_open).then_some("search-closed"))}>
                        if !embedded {
                            {section_jump}
                            <button type="button" class="button search-toggle" aria-expanded={search_open.to_string()} aria-controls="search-input"
                                aria-label="Search the log" title="Search (/)" onclick={onsearch.reform(|_: MouseEvent| ())}>{"⌕ Search"}</button>
                        }
                        <SearchBar query={reading.query_text.clone()} onquery={reading.onquery.clone()} n_found={reading.found.len()} current={reading.current_match}
                            filtering={reading.query.filters()} n_kept={reading.listing.len()} onstep={reading.onstep.clone()}
                            condense={reading.condense} oncondense={reading.oncondense.clone()} />
                        <ShareBar open={open.clone()} anchor={anchor} />
                        <ThreadBar open={open.clone()} thread={reading.chosen_thread} only={reading.thread_only} ononly={reading.onthreadonly.clone()}
                            onclear={reading.onchoose.reform(|_| None)} />
                    </div>
                    <LogView open={open.clone()} listing={reading.listing.clone()} anchor={anchor} highlight={reading.highlight.clone()} onexpand={reading.onexpand.clone()}
                        collapsed={reading.collapsed.clone()} ontoggle={reading.ontoggle.clone()} onvisible={reading.onvisible.clone()}
                        lit_thread={reading.hovered_thread.or(reading.chosen_thread.map(|(thread, _)| thread))} onchoose={reading.onchoose.clone()} onhover={reading.onhover.clone()} standalone={props.standalone} />
                </div>
            </div>
            if *showing_help {
                <KeyboardHelp onclose={onhelp.reform(|_| false)} />
            }
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{"Drop the log to open it"}</p></div>
            }
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct KeyboardHelpProps {
    onclose: Callback<()>,
}

/// The `?` overlay: the keys, and a way out by mouse or touch too.
#[component]
fn KeyboardHelp(props: &KeyboardHelpProps) -> Html {
    const KEYS: [(&str, &str); 11] = [
        ("j", "next message"),
        ("k", "previous message"),
        ("/", "search"),
        ("n", "next match (Enter in the box)"),
        ("N", "previous match (Shift+Enter)"),
        ("]", "next agenda section"),
        ("[", "previous agenda section"),
        ("t", "light or dark"),
        ("?", "this help"),
        ("Esc", "close this help or the drawer"),
        ("Shift-click a line number", "link a range"),
    ];
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <div class="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="help">
                <h2 id="help-title">{"Keyboard"}</h2>
                <dl>
                    { for KEYS.iter().map(|(key, what)| html! { <><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></> }) }
                </dl>
                <button type="button" class="button" onclick={onclose}>{"Close"}</button>
            </div>
        </div>
    }
}

/// `1.2 of 9.6 MB`, or `1.2 MB` when the server gave no length.
fn progress_text(loading: &Loading) -> String {
    // Tenths in integers: float formatting would cost the bundle a few KB.
    let megabytes = |bytes: u64| format!("{}.{}", bytes / 1_000_000, bytes / 100_000 % 10);
    match loading.total {
        Some(total) => format!("{} of {} MB", megabytes(loading.received), megabytes(total)),
        None => format!("{} MB", megabytes(loading.received)),
    }
}

/// Mounts the app on the page (browser only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // A release build's panic aborts before any hook (`scripts/build.sh`): only the trap is seen.
    if cfg!(debug_assertions) {
        crate::browser::install_panic_banner();
    }
    crate::browser::watch_for_traps();
    crate::browser::watch_csp_violations();
    crate::browser::install_browser_lowercase();
    crate::browser::install_browser_alphanumeric();
    // Its own element, not the body: Yew empties the element it mounts in, and the body holds
    // the demo's prerendered first screen until the app's rows take its place.
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("the app's root in the body");
    yew::Renderer::<App>::with_root(root).render();
}
