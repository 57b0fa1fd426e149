//! An agenda section's header in the list: title, time span and duration, the people in their
//! colours, the message count, a link to the whole section, and the switch that folds it.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};

/// People shown as chips; the rest are counted.
const CHIPS: usize = 6;

#[derive(Properties, PartialEq)]
pub struct SectionHeaderProps {
    pub open: Shared<OpenLog>,
    /// Index into the agenda's sections.
    pub index: usize,
    pub collapsed: bool,
    pub ontoggle: Callback<usize>,
}

#[component]
pub fn SectionHeader(props: &SectionHeaderProps) -> Html {
    let open = &props.open;
    let Some(section) = open.agenda.sections.get(props.index) else { return html! {} };
    let (first, last) = section.line_numbers();
    let span = match (section.start, section.end) {
        (Some(start), Some(end)) => format!("{}–{}", start.hours_minutes(), end.hours_minutes()),
        (Some(start), None) => start.hours_minutes(),
        _ => String::new(),
    };
    let duration = section.duration_minutes().map(|minutes| crate::parse::describe_minutes(minutes.max(0)));
    let index = props.index;
    let ontoggle = props.ontoggle.reform(move |_: MouseEvent| index);
    let more = section.participants.len().saturating_sub(CHIPS);
    html! {
        <div class={classes!("section-header", props.collapsed.then_some("collapsed"))} id={format!("section-{}", index + 1)} role="heading" aria-level="2"
            data-lines={format!("{first}-{last}")}>
            <button type="button" class="section-toggle" aria-expanded={(!props.collapsed).to_string()} onclick={ontoggle}
                aria-label={format!("{} section {}: {}", if props.collapsed { "Open" } else { "Fold" }, index + 1, section.title)}>
                { if props.collapsed { "▸" } else { "▾" } }
            </button>
            <span class="section-title"><bdi>{section.title.clone()}</bdi></span>
            if !span.is_empty() { <span class="section-span">{span}</span> }
            if let Some(duration) = duration { <span class="section-duration">{duration}</span> }
            <span class="section-count">{format!("{} messages", section.n_messages)}</span>
            <span class="chips">
                { for section.participants.iter().take(CHIPS).map(|(nick, count)| {
                    let colour = format!("speaker-{}", open.roster.colour(nick));
                    html! {
                        <span class={classes!("chip", colour.clone())} title={format!("{nick}: {count} messages")}>
                            <span class={classes!("swatch", colour)} aria-hidden="true" /><bdi>{crate::text::visible_nick(nick).into_owned()}</bdi>{format!(" {count}")}
                        </span>
                    }
                }) }
                if more > 0 { <span class="chip more">{format!("+{more}")}</span> }
            </span>
            <a class="section-link" href={format!("#L{first}-L{last}")} title="Link to this section">{format!("L{first}–L{last}")}</a>
        </div>
    }
}
