//! One source line on the page: `id="L<n>"`, time, coloured nick and text; system lines muted.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};
use crate::format_codes;
use crate::model::{Line, LineKind};
use crate::search;
use crate::state::LONGEST_SHOWN_LINE;
use crate::text::{self, Piece};

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub open: Shared<OpenLog>,
    /// 0-based index into `log.lines`; the row's anchor is `L{index + 1}`.
    pub index: usize,
    /// The URL hash points at this line.
    #[prop_or_default]
    pub current: bool,
    /// Lowercase search text to mark in the line.
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
    /// The row belongs to the conversation that is lit up.
    #[prop_or_default]
    pub lit: bool,
    /// A page read without the app (`scrollback html`, a site's page): no control that needs
    /// the app (the copy-link button, the range selection), only the line's link.
    #[prop_or_default]
    pub standalone: bool,
}

#[component]
pub fn Row(props: &RowProps) -> Html {
    let open = &props.open;
    let line = &open.log.lines[props.index];
    let number = props.index + open.first_line_number;
    let thread = open.threads.thread_of(props.index);
    let anchor = format!("L{number}");
    let kind_class = match line.kind {
        LineKind::System(event) => format!("kind-system event-{}", event.name()),
        kind => format!("kind-{}", kind.name()),
    };
    html! {
        <div class={classes!("row", kind_class, props.current.then_some("current"), props.lit.then_some("in-thread"), thread.map(|thread| format!("thread-c{}", crate::colour::thread_colour(thread))))} id={anchor.clone()}
            aria-current={props.current.then_some("location")} data-thread={thread.map(|thread| thread.to_string())} data-index={thread.map(|_| props.index.to_string())}>
            if let Some(day) = open.day_starts.get(&props.index) {
                <div class="day-boundary" role="separator">{format!("{} {day}", chrono::Datelike::weekday(day))}</div>
            }
            if let Some(jump) = open.clock_jumps.get(&props.index) {
                <div class="clock-jump" role="note">{"⟲ "}{jump.clone()}</div>
            }
            if open.snippet {
                <span class="lineno">{number}</span>
            } else if props.standalone {
                <a class="lineno" href={format!("#{anchor}")}>{number}</a>
            } else {
                <a class="lineno" href={format!("#{anchor}")} data-line={number.to_string()} aria-label={format!("Line {number}; shift-click to select a range")}>{number}</a>
                <button type="button" class="copy-link" data-line={number.to_string()} aria-label={format!("Copy a link to line {number}")} title="Copy a link to this line">{"🔗"}</button>
            }
            { time(line) }
            { content(open, line, props.highlight.as_deref().unwrap_or_default()) }
            { replies(open, props.index) }
            if let Some(&item) = open.items_by_line.get(&props.index) {
                <a class={classes!("item-badge", format!("item-{}", open.agenda.items[item].kind.name()))} href={format!("#item-{}", item + 1)}
                    title="In the minutes">{ match open.agenda.items[item].kind.label() { "" => "INFO", label => label } }</a>
            }
        </div>
    }
}

/// Text with its mIRC formatting as styled spans, safe links and coloured mentions. Everything
/// from the log becomes text nodes; only `text::pieces`' vetted hrefs become attributes.
fn formatted(open: &OpenLog, text: &str, mentions: bool, highlight: &str) -> Html {
    if !format_codes::has_codes(text) {
        return linked(open, text, mentions, highlight);
    }
    format_codes::styled_runs(text)
        .into_iter()
        .map(|run| html! { <span class={classes!(run.style.classes())}>{linked(open, &text[run.range], mentions, highlight)}</span> })
        .collect()
}

fn linked(open: &OpenLog, text: &str, mentions: bool, highlight: &str) -> Html {
    let roster = &open.roster;
    let pieces = text::pieces(text, |word| mentions && roster.knows(word));
    if let [Piece::Text(_)] | [] = pieces.as_slice() {
        return marked(text, highlight);
    }
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(range) => marked(&text[range], highlight),
            Piece::Link { range, href } => html! {
                <a class="url" href={href} rel="noopener noreferrer nofollow" target="_blank">{text[range].to_owned()}</a>
            },
            Piece::Mention(range) => {
                let word = &text[range];
                html! { <span class={classes!("mention", format!("speaker-{}", roster.colour(word)))}>{word.to_owned()}</span> }
            }
        })
        .collect()
}

/// Which line this one answers (a link to it), and how many answer it.
fn replies(open: &OpenLog, index: usize) -> Html {
    let parent = open.threads.reply_to(index).next();
    let n_replies = open.threads.reply_count(index);
    if parent.is_none() && n_replies == 0 {
        return html! {};
    }
    let first_number = open.first_line_number;
    html! {
        <span class="thread-marks">
            if let Some(parent) = parent {
                <a class="reply-to" href={format!("#L{}", parent + first_number)} title={format!("Answers line {}", parent + first_number)}>
                    {format!("↩ L{}", parent + first_number)}
                </a>
            }
            if n_replies > 0 {
                <span class="reply-count" title="Messages that answer this one">{format!("{n_replies} {}", if n_replies == 1 { "reply" } else { "replies" })}</span>
            }
        </span>
    }
}

/// Text with each match of the search in a `<mark>`.
fn marked(text: &str, highlight: &str) -> Html {
    let matches = search::match_ranges(text, highlight);
    if matches.is_empty() {
        return Html::from(text.to_owned());
    }
    let mut pieces = Vec::with_capacity(2 * matches.len() + 1);
    let mut done = 0;
    for found in matches {
        pieces.push(Html::from(text[done..found.start].to_owned()));
        pieces.push(html! { <mark class="found">{text[found.clone()].to_owned()}</mark> });
        done = found.end;
    }
    pieces.push(Html::from(text[done..].to_owned()));
    pieces.into_iter().collect()
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

fn content(open: &OpenLog, line: &Line, highlight: &str) -> Html {
    let log = &open.log;
    let full_body = log.body(line);
    let mut shown_len = full_body.len().min(LONGEST_SHOWN_LINE);
    while !full_body.is_char_boundary(shown_len) {
        shown_len -= 1;
    }
    let mentions = matches!(line.kind, LineKind::Message | LineKind::Action | LineKind::Notice | LineKind::Continuation);
    let mut body = formatted(open, &full_body[..shown_len], mentions, highlight);
    if shown_len < full_body.len() {
        let note = format!(" … this line goes on for {} characters in all; the rest is not shown", full_body.chars().count());
        body = html! { <>{body}<span class="cut-note">{note}</span></> };
    }
    let speaker_class = |nick: &str| format!("speaker-{}", open.roster.colour(nick));
    match (line.kind, log.nick(line)) {
        (LineKind::Message, Some(nick)) => html! {
            <>
                <bdi class={classes!("nick", speaker_class(nick))}>{text::visible_nick(nick).into_owned()}</bdi>
                <bdi class="text">{body}</bdi>
            </>
        },
        (LineKind::Action, Some(nick)) => html! {
            <bdi class="text">
                {"* "}<bdi class={classes!("nick", speaker_class(nick))}>{text::visible_nick(nick).into_owned()}</bdi>{" "}{body}
            </bdi>
        },
        (LineKind::Notice, Some(nick)) => html! {
            <>
                <bdi class={classes!("nick", "notice-nick", speaker_class(nick))}>{format!("-{}-", text::visible_nick(nick))}</bdi>
                <bdi class="text">{body}</bdi>
            </>
        },
        (LineKind::Blank, _) => html! {},
        // System, header, continuation and raw lines show their text as it is.
        _ => html! { <bdi class="text">{body}</bdi> },
    }
}
