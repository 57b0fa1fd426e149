//! The speakers legend: each person in their colour, with how many lines they said.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};

/// Shown before "show all": a busy channel has hundreds of speakers, and the DOM budget is small.
const SHOWN_AT_FIRST: usize = 40;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub open: Shared<OpenLog>,
    /// Filters the log by this speaker (or stops, if they are the filter already).
    #[prop_or_default]
    pub onpick: Callback<String>,
    /// The speaker the log is filtered by.
    #[prop_or_default]
    pub picked: Option<AttrValue>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let show_all = use_state(|| false);
    let speakers = &props.open.speakers;
    let n_shown = if *show_all { speakers.len() } else { speakers.len().min(SHOWN_AT_FIRST) };
    let ontoggle = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    html! {
        <aside class="sidebar" aria-label="Speakers">
            <h2>{"Speakers"}<span class="muted">{format!(" {}", speakers.len())}</span></h2>
            <ul class="legend">
                { for speakers[..n_shown].iter().map(|speaker| {
                    let title = (!speaker.aliases.is_empty()).then(|| format!("also as {}", speaker.aliases.join(", ")));
                    html! {
                        <li class="speaker" key={speaker.nick.clone()} title={title}>
                            <button type="button" class="speaker-filter" aria-pressed={(props.picked.as_deref() == Some(speaker.nick.as_str())).to_string()}
                                onclick={props.onpick.reform({ let nick = speaker.nick.clone(); move |_: MouseEvent| nick.clone() })}
                                aria-label={format!("Show only {}'s lines", speaker.nick)}>
                                <span class={classes!("swatch", format!("speaker-{}", speaker.colour))} aria-hidden="true" />
                                <bdi class={classes!("nick", format!("speaker-{}", speaker.colour))}>{crate::text::visible_nick(&speaker.nick).into_owned()}</bdi>
                                <span class="count">{speaker.n_lines}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if speakers.len() > SHOWN_AT_FIRST {
                <button type="button" class="button link" onclick={ontoggle} aria-expanded={show_all.to_string()}>
                    { if *show_all { "Show fewer".to_owned() } else { format!("Show all {}", speakers.len()) } }
                </button>
            }
        </aside>
    }
}
