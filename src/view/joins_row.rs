//! A run of joins, parts, quits and renames condensed into one muted row ("3 joined, 2 left");
//! a click opens it into its lines, which keep their own `#L` anchors.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};
use crate::model::{LineKind, SystemEvent};

#[derive(Properties, PartialEq)]
pub struct JoinsRowProps {
    pub open: Shared<OpenLog>,
    /// The run's first and last line indices (0-based, inclusive).
    pub first: usize,
    pub last: usize,
    pub onexpand: Callback<usize>,
}

#[component]
pub fn JoinsRow(props: &JoinsRowProps) -> Html {
    let lines = &props.open.log.lines[props.first..=props.last];
    let count = |wanted: &[SystemEvent]| lines.iter().filter(|line| matches!(line.kind, LineKind::System(event) if wanted.contains(&event))).count();
    let parts = [
        (count(&[SystemEvent::Join]), "joined"),
        (count(&[SystemEvent::Part, SystemEvent::Quit]), "left"),
        (count(&[SystemEvent::NickChange]), "renamed"),
    ];
    let summary = parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect::<Vec<_>>().join(", ");
    let (first, last) = (props.first + 1, props.last + 1);
    let onclick = props.onexpand.reform({
        let first = props.first;
        move |_: MouseEvent| first
    });
    html! {
        <div class="row joins" data-lines={format!("{first}-{last}")}>
            <span class="lineno">{format!("{first}–{last}")}</span>
            <button type="button" class="link-button joins-toggle" aria-expanded="false" {onclick}
                title={format!("Show lines {first} to {last}")}>{summary}</button>
        </div>
    }
}
