//! The agenda beside the log: a table of contents that follows the scroll and folds or opens
//! every section, and the minutes (MeetBot's layout), linked both ways and exportable as Markdown.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::agenda::ItemKind;
use crate::state::{OpenLog, Shared};

/// Sections listed in the contents at once, around the current one: a year of a channel can
/// have thousands, and the page keeps to a small DOM.
const CONTENTS_WINDOW: usize = 40;

/// Topics the minutes panel lists; the Markdown export has them all.
const MINUTES_TOPICS: usize = 150;

#[derive(Properties, PartialEq)]
pub struct ContentsProps {
    pub open: Shared<OpenLog>,
    /// The section at the top of the screen.
    pub current: Option<usize>,
    pub collapsed: Rc<HashSet<usize>>,
    /// `true` folds every section, `false` opens every one.
    pub onall: Callback<bool>,
}

#[component]
pub fn Contents(props: &ContentsProps) -> Html {
    let sections = &props.open.agenda.sections;
    if sections.is_empty() {
        return html! {};
    }
    let first_shown = first_in_window(props.current, sections.len(), CONTENTS_WINDOW);
    let n_later = sections.len().saturating_sub(first_shown + CONTENTS_WINDOW);
    html! {
        <nav class="contents" aria-label="Agenda">
            <h2>{"Agenda"}<span class="muted">{format!(" {}", sections.len())}</span></h2>
            if first_shown > 0 { <p class="muted more-sections">{format!("{first_shown} earlier sections")}</p> }
            <ol start={(first_shown + 1).to_string()}>
                { for sections.iter().enumerate().skip(first_shown).take(CONTENTS_WINDOW).map(|(index, section)| {
                    let current = props.current == Some(index);
                    html! {
                        <li class={classes!(current.then_some("current"), props.collapsed.contains(&index).then_some("folded"))}>
                            <a href={format!("#L{}", section.first + 1)} aria-current={current.then_some("true")}>
                                <bdi>{section.title.clone()}</bdi>
                            </a>
                            if let Some(start) = section.start { <span class="muted">{format!(" {}", start.hours_minutes())}</span> }
                        </li>
                    }
                }) }
            </ol>
            if n_later > 0 { <p class="muted more-sections">{format!("{n_later} later sections")}</p> }
            <div class="contents-actions">
                <button type="button" class="link-button expand-all" onclick={props.onall.reform(|_: MouseEvent| false)}>{"Open all"}</button>
                <button type="button" class="link-button collapse-all" onclick={props.onall.reform(|_: MouseEvent| true)}>{"Fold all"}</button>
            </div>
        </nav>
    }
}

/// The first of `window` sections listed around the `current` one, out of `n_sections`: a long
/// log's agenda is shown a window at a time.
pub(super) fn first_in_window(current: Option<usize>, n_sections: usize, window: usize) -> usize {
    current.unwrap_or(0).saturating_sub(window / 2).min(n_sections.saturating_sub(window))
}

#[derive(Properties, PartialEq)]
pub struct MinutesProps {
    pub open: Shared<OpenLog>,
}

/// The minutes: topics with their items, actions by person, people present. Every item links
/// to its line; the line's badge links back here (`#item-<n>`).
#[component]
pub fn Minutes(props: &MinutesProps) -> Html {
    let open = &props.open;
    let agenda = &open.agenda;
    let copied = use_state(|| false);
    let showing = use_state(|| false);
    if agenda.sections.is_empty() && agenda.items.is_empty() {
        return html! {};
    }
    let ontoggle = {
        let showing = showing.clone();
        Callback::from(move |event: Event| showing.set(event.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };
    if !*showing {
        // Closed, the panel costs one element: its contents are built when it opens.
        return html! { <details class="minutes" id="minutes" {ontoggle}><summary>{"Minutes"}</summary></details> };
    }
    let title = crate::agenda::minutes_title(agenda, open.log.meta.title.as_deref(), &open.file_name);
    let markdown = {
        let open = open.clone();
        move || open.minutes_markdown.to_string()
    };
    let ondownload = {
        let markdown = markdown.clone();
        let name = format!("{}-minutes.md", open.file_name.trim_end_matches(".txt").trim_end_matches(".log"));
        Callback::from(move |_: MouseEvent| crate::browser::download_text(&name, "text/markdown", &markdown()))
    };
    let oncopy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            crate::browser::copy_text(&markdown());
            copied.set(true);
        })
    };
    // Items are listed under their topic (with the id the line's badge links to) and again by person.
    let item = |index: usize, with_id: bool| {
        let item = &agenda.items[index];
        let label = item.kind.label();
        html! {
            <li id={with_id.then(|| format!("item-{}", index + 1))} class={classes!("item", format!("item-{}", item.kind.name()))}>
                if !label.is_empty() { <strong>{format!("{label}: ")}</strong> }
                <bdi>{item.text.clone()}</bdi>{" "}
                <a class="item-line" href={format!("#L{}", item.line + 1)}>{format!("L{}", item.line + 1)}</a>
            </li>
        }
    };
    let mut actions_by_person: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, found) in agenda.items.iter().enumerate().filter(|(_, found)| found.kind == ItemKind::Action) {
        let owners = if found.owners.is_empty() { vec!["unassigned".to_owned()] } else { found.owners.clone() };
        for owner in owners {
            match actions_by_person.iter_mut().find(|(person, _)| *person == owner) {
                Some((_, items)) => items.push(index),
                None => actions_by_person.push((owner, vec![index])),
            }
        }
    }
    html! {
        <details class="minutes" id="minutes" open=true {ontoggle}>
            <summary>{"Minutes"}</summary>
            <div class="minutes-actions">
                <button type="button" class="button download-minutes" onclick={ondownload}>{"Download Markdown"}</button>
                <button type="button" class="button copy-minutes" onclick={oncopy}>{ if *copied { "Copied" } else { "Copy Markdown" } }</button>
            </div>
            <h3><bdi>{title}</bdi></h3>
            <ol class="minutes-topics">
                { for agenda.sections.iter().take(MINUTES_TOPICS).map(|section| {
                    let (first, last) = section.line_numbers();
                    html! {
                        <li>
                            <a href={format!("#L{first}-L{last}")}><bdi>{section.title.clone()}</bdi></a>
                            <span class="muted">{format!(" · {} messages{}", section.n_messages, section.duration_minutes().map(|minutes| format!(" · {minutes} min")).unwrap_or_default())}</span>
                            if !section.items.is_empty() {
                                <ul>{ for section.items.clone().map(|index| item(index, true)) }</ul>
                            }
                        </li>
                    }
                }) }
            </ol>
            if agenda.sections.len() > MINUTES_TOPICS {
                <p class="muted">{format!("… and {} more topics: the Markdown has them all.", agenda.sections.len() - MINUTES_TOPICS)}</p>
            }
            if !actions_by_person.is_empty() {
                <h4>{"Action items, by person"}</h4>
                <ul class="minutes-actions-by-person">
                    { for actions_by_person.iter().map(|(person, items)| html! {
                        <li><bdi>{person.clone()}</bdi><ul>{ for items.iter().map(|&index| item(index, false)) }</ul></li>
                    }) }
                </ul>
            }
            <h4>{"People present (lines said)"}</h4>
            <ul class="minutes-people">
                { for open.speakers.iter().map(|speaker| html! {
                    <li class={format!("speaker-{}", speaker.colour)}><span class={classes!("swatch", format!("speaker-{}", speaker.colour))} aria-hidden="true" /><bdi>{crate::text::visible_nick(&speaker.nick).into_owned()}</bdi>{format!(" ({})", speaker.n_lines)}</li>
                }) }
            </ul>
        </details>
    }
}
