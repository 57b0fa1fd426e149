//! The archive's bar, above the log when a folder, zip or several files of logs were dropped:
//! every log by folder with its day and message count, the day before and after, and a search
//! across every log whose hits open their log at their line.

use std::rc::Rc;

use yew::prelude::*;

use crate::archive::IndexedFile;
use crate::state::ArchiveState;

#[derive(Properties, PartialEq)]
pub struct ArchiveBarProps {
    pub archive: ArchiveState,
    /// Open this log; with a line, land on it.
    pub onopen: Callback<(u32, Option<u32>)>,
    pub onsearch: Callback<String>,
}

/// A log's name in the list: its day, else its path.
fn label(file: &IndexedFile) -> &str {
    file.date.as_deref().unwrap_or(&file.source)
}

#[component]
pub fn ArchiveBar(props: &ArchiveBarProps) -> Html {
    let archive = &props.archive;
    let files = &archive.listing.files;
    let step = |forward: bool| {
        let target = archive.neighbour(forward);
        let onclick = props.onopen.reform(move |_: MouseEvent| (target.unwrap_or_default(), None));
        let text = match (target.and_then(|at| files.get(at as usize)), forward) {
            (Some(file), true) => format!("{} →", label(file)),
            (Some(file), false) => format!("← {}", label(file)),
            (None, true) => "→".to_owned(),
            (None, false) => "←".to_owned(),
        };
        let name = if forward { "The next log in this folder" } else { "The log before in this folder" };
        html! { <button type="button" class="button archive-step" aria-label={name} title={name} disabled={target.is_none()} {onclick}>{text}</button> }
    };
    let onchange = props.onopen.reform(|event: Event| (event.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().unwrap_or_default(), None));
    let mut channels: Vec<&str> = files.iter().map(|file| file.channel.as_str()).collect();
    channels.dedup();
    let options = channels.iter().map(|channel| {
        let in_channel = files.iter().enumerate().filter(|(_, file)| file.channel == *channel);
        let options = in_channel.map(|(at, file)| html! { <option value={at.to_string()} selected={archive.current == Some(at as u32)}>{format!("{} · {} messages", label(file), file.messages)}</option> });
        html! { <optgroup label={if channel.is_empty() { "Logs".to_owned() } else { (*channel).to_owned() }}>{ for options }</optgroup> }
    });
    let query = archive.search.as_ref().map(|(_, query)| Rc::clone(query));
    // What is typed, searched for when the form is sent.
    let draft = use_state(|| query.as_deref().unwrap_or_default().to_owned());
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| draft.set(event.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (onsearch, draft) = (props.onsearch.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onsearch.emit((*draft).clone());
        })
    };
    html! {
        <section class="archive-bar" aria-label="Archive">
            <div class="archive-nav">
                <span class="archive-name">{format!("{}: {} logs", archive.listing.name, files.len())}</span>
                {step(false)}
                <select class="archive-logs" aria-label="The archive's logs" {onchange}>{ for options }</select>
                {step(true)}
                <form class="archive-search" role="search" aria-label="Search every log" {onsubmit}>
                    <input type="search" name="archive-query" value={(*draft).clone()} {oninput} placeholder="Search every log   from:nick   kind:action" autocomplete="off" spellcheck="false" />
                    <button type="submit" class="button">{"Search all"}</button>
                </form>
            </div>
            if let Some(query) = &query {
                {hits(archive, query, &props.onopen, props.onsearch.reform(|_: MouseEvent| String::new()))}
            }
        </section>
    }
}

/// The lines that hold the words, newest log first, each a link to its log's line.
fn hits(archive: &ArchiveState, query: &str, onopen: &Callback<(u32, Option<u32>)>, onclose: Callback<MouseEvent>) -> Html {
    let files = &archive.listing.files;
    let Some(hits) = &archive.hits else {
        return html! { <div class="archive-hits" role="status"><p class="status">{format!("Searching every log for “{query}”…")}</p></div> };
    };
    let status = match (hits.hits.len(), hits.more) {
        (0, _) => format!("No line holds every word of “{query}”."),
        (1, false) => format!("1 line holds “{query}”."),
        (count, more) => format!("{count}{} lines hold “{query}”, newest first.", if more { "+" } else { "" }),
    };
    let items = hits.hits.iter().filter_map(|hit| {
        let file = files.get(hit.file as usize)?;
        let (at, line) = (hit.file, hit.line);
        let onclick = onopen.reform(move |event: MouseEvent| {
            event.prevent_default();
            (at, Some(line))
        });
        Some(html! {
            <li class={classes!("hit", format!("kind-{}", hit.kind))}>
                <a href={format!("{}#L{line}", file.source)} {onclick}>
                    <span class="hit-log">{label(file)}</span>{" "}
                    <span class="lineno">{line}</span>{" "}
                    <time class="time">{hit.time.clone()}</time>{" "}
                    <bdi class="nick">{hit.nick.clone()}</bdi>{" "}
                    <bdi class="text">{hit.text.clone()}</bdi>
                </a>
            </li>
        })
    });
    html! {
        <div class="archive-hits" role="status">
            <p class="status">{status}<button type="button" class="link-button" onclick={onclose}>{"Close"}</button></p>
            <ol class="hit-lines">{ for items }</ol>
        </div>
    }
}
