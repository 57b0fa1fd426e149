//! The chosen conversation: how long it is and who started it, "show only this thread", and a
//! way out. A thread is chosen by clicking a message (hovering one only lights it up).

use yew::prelude::*;

use crate::state::{OpenLog, Shared};

#[derive(Properties, PartialEq)]
pub struct ThreadBarProps {
    pub open: Shared<OpenLog>,
    /// The chosen thread and a line of it.
    pub thread: Option<(u32, usize)>,
    pub only: bool,
    pub ononly: Callback<bool>,
    pub onclear: Callback<()>,
}

#[component]
pub fn ThreadBar(props: &ThreadBarProps) -> Html {
    let members = use_memo((props.open.clone(), props.thread.map(|(thread, _)| thread)), |(open, thread)| match thread {
        Some(thread) => (0..open.log.lines.len()).filter(|&line| open.threads.thread_of(line) == Some(*thread)).collect::<Vec<usize>>(),
        None => Vec::new(),
    });
    let Some((thread, _)) = props.thread else { return html! {} };
    let open = &props.open;
    let first = members.first().copied();
    let starter = first.and_then(|line| open.log.nick(&open.log.lines[line])).map(|nick| crate::text::visible_nick(nick).into_owned());
    let only = props.only;
    html! {
        <div class="thread-bar" role="region" aria-label="The chosen conversation">
            <span class={classes!("thread-swatch", format!("thread-c{}", crate::colour::thread_colour(thread)))} aria-hidden="true" />
            <span>
                {format!("Conversation of {} messages", members.len())}
                if let (Some(line), Some(starter)) = (first, starter) {
                    {" started by "}<bdi>{starter}</bdi>{" at "}<a href={format!("#L{}", line + 1)}>{format!("L{}", line + 1)}</a>
                }
            </span>
            <button type="button" class="button thread-only" aria-pressed={only.to_string()} onclick={props.ononly.reform(move |_: MouseEvent| !only)}>
                { if only { "Show every line" } else { "Show only this thread" } }
            </button>
            <button type="button" class="link-button thread-clear" onclick={props.onclear.reform(|_: MouseEvent| ())}>{"Clear"}</button>
        </div>
    }
}
