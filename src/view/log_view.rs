//! The log's rows, keyed by line so that a new log or a change of one row re-renders only what changed.

use yew::prelude::*;

use super::Row;
use crate::app::{OpenLog, Shared};

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    pub open: Shared<OpenLog>,
}

#[component]
pub fn LogView(props: &LogViewProps) -> Html {
    let open = &props.open;
    html! {
        <section class="log" aria-label="Log">
            { for (0..open.log.lines.len()).map(|index| html! { <Row key={index} open={open.clone()} index={index} /> }) }
        </section>
    }
}
