//! The speakers legend: each person in their colour, with how many lines they said.

use yew::prelude::*;

use crate::app::{OpenLog, Shared};

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub open: Shared<OpenLog>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <aside class="sidebar" aria-label="Speakers">
            <h2>{"Speakers"}<span class="muted">{format!(" {}", props.open.speakers.len())}</span></h2>
            <ul class="legend">
                { for props.open.speakers.iter().map(|speaker| {
                    let title = (!speaker.aliases.is_empty()).then(|| format!("also as {}", speaker.aliases.join(", ")));
                    html! {
                        <li class="speaker" key={speaker.nick.clone()} title={title}>
                            <span class={classes!("swatch", format!("speaker-{}", speaker.colour))} aria-hidden="true" />
                            <bdi class={classes!("nick", format!("speaker-{}", speaker.colour))}>{speaker.nick.clone()}</bdi>
                            <span class="count">{speaker.n_lines}</span>
                        </li>
                    }
                }) }
            </ul>
        </aside>
    }
}
