//! One source line on the page: `id="L<n>"`, time, coloured nick and text; system lines muted.

use yew::prelude::*;

use crate::app::SharedLog;
use crate::colour::colour_index;
use crate::model::{Line, LineKind};

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub log: SharedLog,
    /// 0-based index into `log.lines`; the row's anchor is `L{index + 1}`.
    pub index: usize,
    /// "clock jumps back 2 h here", when the clock jumps at this line.
    #[prop_or_default]
    pub clock_jump: Option<AttrValue>,
}

#[component]
pub fn Row(props: &RowProps) -> Html {
    let log = &props.log;
    let line = &log.lines[props.index];
    let number = props.index + 1;
    let anchor = format!("L{number}");
    let kind_class = match line.kind {
        LineKind::System(event) => format!("kind-system event-{}", event.name()),
        kind => format!("kind-{}", kind.name()),
    };
    html! {
        <div class={classes!("row", kind_class)} id={anchor.clone()}>
            if let Some(jump) = &props.clock_jump {
                <div class="clock-jump" role="note">{"⟲ "}{jump.clone()}</div>
            }
            <a class="lineno" href={format!("#{anchor}")} aria-label={format!("Line {number}")}>{number}</a>
            { time(line) }
            { content(log, line) }
        </div>
    }
}

fn time(line: &Line) -> Html {
    match line.time {
        Some(stamp) => {
            let shown = stamp.time.format("%H:%M").to_string();
            html! { <time class="time" datetime={stamp.iso()} title={stamp.iso().replace('T', " ")}>{shown}</time> }
        }
        None => html! { <span class="time" /> },
    }
}

fn content(log: &SharedLog, line: &Line) -> Html {
    let body = log.body(line).to_owned();
    match (line.kind, log.nick(line)) {
        (LineKind::Message, Some(nick)) => html! {
            <>
                <bdi class={classes!("nick", speaker_class(nick))}>{nick.to_owned()}</bdi>
                <bdi class="text">{body}</bdi>
            </>
        },
        (LineKind::Action, Some(nick)) => html! {
            <bdi class="text">
                {"* "}<bdi class={classes!("nick", speaker_class(nick))}>{nick.to_owned()}</bdi>{" "}{body}
            </bdi>
        },
        (LineKind::Notice, Some(nick)) => html! {
            <>
                <bdi class={classes!("nick", "notice-nick", speaker_class(nick))}>{format!("-{nick}-")}</bdi>
                <bdi class="text">{body}</bdi>
            </>
        },
        (LineKind::Blank, _) => html! {},
        // System, header, continuation and raw lines show their text as it is.
        _ => html! { <bdi class="text">{body}</bdi> },
    }
}

fn speaker_class(nick: &str) -> String {
    format!("speaker-{}", colour_index(nick))
}
