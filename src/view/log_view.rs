//! The log's rows, keyed by line so that a new log or a change of one row re-renders only what changed.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Row;
use crate::app::SharedLog;

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    pub log: SharedLog,
    pub clock_jumps: Rc<HashMap<usize, AttrValue>>,
}

#[component]
pub fn LogView(props: &LogViewProps) -> Html {
    let log = &props.log;
    html! {
        <section class="log" aria-label="Log">
            { for (0..log.lines.len()).map(|index| html! {
                <Row key={index} log={log.clone()} index={index} clock_jump={props.clock_jumps.get(&index).cloned()} />
            }) }
        </section>
    }
}
