//! The log's header, compact: its title and the file, format and size chips on one line, with
//! the page's fields (channel, date, author, tags, published) one click away under "About".

use yew::prelude::*;

use crate::state::{OpenLog, Shared};
use crate::model::{DiagnosticKind, Format};

#[derive(Properties, PartialEq)]
pub struct LogHeaderProps {
    pub open: Shared<OpenLog>,
    /// The reader picked a format (`None`: the detected one).
    pub onformat: Callback<Option<Format>>,
}

#[component]
pub fn LogHeader(props: &LogHeaderProps) -> Html {
    let open = &props.open;
    let log = &open.log;
    let meta = &log.meta;
    let title = meta.title.clone().unwrap_or_else(|| open.file_name.to_string());
    let n_messages = log.lines.iter().filter(|line| line.kind.is_spoken()).count();
    let n_raw = log.lines.iter().filter(|line| line.kind == crate::model::LineKind::Raw).count();
    let encoding_problems: Vec<_> = log.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Encoding).collect();
    let date = |date: Option<chrono::NaiveDate>| date.map(|date| date.to_string());
    let fields = [
        meta.channel.as_ref().map(|channel| ("Channel", channel.clone())),
        date(meta.date).map(|day| ("Date", day)),
        meta.author.as_ref().map(|author| ("Written by", author.clone())),
        (!meta.tags.is_empty()).then(|| ("Classified under", meta.tags.join(", "))),
        date(meta.published).map(|published| ("Published", published + &date(meta.updated).map(|updated| format!(" (last updated {updated})")).unwrap_or_default())),
    ];
    let fields: Vec<(&str, String)> = fields.into_iter().flatten().collect();
    html! {
        <header class="log-header">
            <h1 class="title" title={title.clone()}><bdi>{title}</bdi></h1>
            <div class="facts">
                if !fields.is_empty() {
                    <details class="about">
                        <summary>{"About"}</summary>
                        <dl class="meta">
                            { for fields.into_iter().map(|(name, value)| html! { <div><dt>{name}</dt><dd><bdi>{value}</bdi></dd></div> }) }
                        </dl>
                    </details>
                }
                <span class="file-name" title="File">{open.file_name.clone()}</span>
                <span class="format-name" title="Format">{format_name(log)}</span>
                { format_menu(open, &props.onformat) }
                <span class="size">{format!("{} lines, {} messages, {} speakers", log.lines.len(), n_messages, open.speakers.len())}</span>
                if let Some(laid_out) = log.diagnostics.iter().find(|diagnostic| diagnostic.kind == DiagnosticKind::LaidOut) {
                    <span class="order-note laid-out">{laid_out.message.clone()}</span>
                }
                if meta.newest_first {
                    <span class="order-note">{"shown oldest first (the file is newest first)"}</span>
                }
                if let [only] = encoding_problems.as_slice() {
                    <span class="warning encoding">{format!("Line {}: {}", only.line, only.message)}</span>
                } else if !encoding_problems.is_empty() {
                    <span class="warning encoding">{format!("{} lines were not UTF-8 and were read as windows-1252", encoding_problems.len())}</span>
                }
                if let Some(minutes) = &open.minutes {
                    <span class="minutes-note" title={minutes.unplaced.join("\n")}>
                        {format!("Agenda from the minutes {}: {} topics and items found here", minutes.file_name, minutes.placed)}
                        if !minutes.unplaced.is_empty() {
                            {format!("; {} not in this log: {}", minutes.unplaced.len(), minutes.unplaced.join("; "))}
                        }
                    </span>
                }
                if n_raw > 0 {
                    <span class="warning raw-lines" title="Shown exactly as written; choose another format if this one is wrong">
                        {format!("{n_raw} of {} lines are not {} lines and are shown as written", log.lines.len(), log.format.label())}
                    </span>
                }
            </div>
        </header>
    }
}

/// Lets the reader override detection when it guessed wrong.
/// The format's name; an inferred one says the shape it learned (`inferred: date · time · nick:`).
fn format_name(log: &crate::model::Log) -> String {
    match &log.meta.line_shape {
        Some(shape) => format!("inferred: {shape}"),
        None => log.format.label().to_owned(),
    }
}

fn format_menu(open: &OpenLog, onformat: &Callback<Option<Format>>) -> Html {
    let onchange = {
        let onformat = onformat.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            onformat.emit(Format::from_id(&select.value()));
        })
    };
    let detected = open.detected_format;
    let chosen = (open.log.format != detected).then_some(open.log.format);
    html! {
        <label class="format-choice">
            <span class="visually-hidden">{"Read as"}</span>
            <select class="format-menu" aria-label="Read the log as" {onchange}>
                <option value="" selected={chosen.is_none()}>{match chosen { Some(_) => format!("Back to the detected format ({})", detected.label()), None => "Change format…".to_owned() }}</option>
                { for Format::ALL.iter().map(|format| html! {
                    <option value={format.id()} selected={chosen == Some(*format)}>{format!("Read as {}", format.label())}</option>
                }) }
            </select>
        </label>
    }
}
