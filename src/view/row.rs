//! One source line on the page: `id="L<n>"`, time, coloured nick and text; system lines muted.

use yew::prelude::*;

use crate::app::{OpenLog, Shared};
use crate::mirc;
use crate::model::{Line, LineKind};

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub open: Shared<OpenLog>,
    /// 0-based index into `log.lines`; the row's anchor is `L{index + 1}`.
    pub index: usize,
    /// The URL hash points at this line.
    #[prop_or_default]
    pub current: bool,
}

#[component]
pub fn Row(props: &RowProps) -> Html {
    let open = &props.open;
    let line = &open.log.lines[props.index];
    let number = props.index + 1;
    let anchor = format!("L{number}");
    let kind_class = match line.kind {
        LineKind::System(event) => format!("kind-system event-{}", event.name()),
        kind => format!("kind-{}", kind.name()),
    };
    html! {
        <div class={classes!("row", kind_class, props.current.then_some("current"))} id={anchor.clone()}
            aria-current={props.current.then_some("location")}>
            if let Some(jump) = open.clock_jumps.get(&props.index) {
                <div class="clock-jump" role="note">{"⟲ "}{jump.clone()}</div>
            }
            <a class="lineno" href={format!("#{anchor}")} data-line={number.to_string()} aria-label={format!("Line {number}; shift-click to select a range")}>{number}</a>
            <button type="button" class="copy-link" data-line={number.to_string()} aria-label={format!("Copy a link to line {number}")} title="Copy a link to this line">{"🔗"}</button>
            { time(line) }
            { content(open, line) }
        </div>
    }
}

/// Text with its mIRC formatting as styled spans; most lines have none and stay one text node.
fn formatted(text: &str) -> Html {
    if !mirc::has_codes(text) {
        return Html::from(text.to_owned());
    }
    mirc::styled_runs(text)
        .into_iter()
        .map(|run| html! { <span class={classes!(run.style.classes())}>{text[run.range].to_owned()}</span> })
        .collect()
}

fn time(line: &Line) -> Html {
    match line.time {
        Some(stamp) => {
            let shown = stamp.hours_minutes();
            html! { <time class="time" datetime={stamp.iso()} title={stamp.iso().replace('T', " ")}>{shown}</time> }
        }
        None => html! { <span class="time" /> },
    }
}

fn content(open: &OpenLog, line: &Line) -> Html {
    let log = &open.log;
    let body = formatted(log.body(line));
    let speaker_class = |nick: &str| format!("speaker-{}", open.roster.colour(nick));
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
