//! The current agenda section's title, kept in sight while reading, and a menu to jump to
//! another section: the agenda in one control, for the sticky bar, phones and the embed.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};
use crate::permalink::Anchor;

/// Sections offered in the menu at once, around the current one (a year of a channel has thousands).
const MENU_WINDOW: usize = 60;

#[derive(Properties, PartialEq)]
pub struct SectionJumpProps {
    pub open: Shared<OpenLog>,
    /// The section at the top of the screen.
    pub current: Option<usize>,
}

#[component]
pub fn SectionJump(props: &SectionJumpProps) -> Html {
    let sections = &props.open.agenda.sections;
    let menu = use_node_ref();
    // The shown choice follows the reading through the select's value: once a reader has picked
    // an option, the browser no longer moves the choice when `selected` attributes change.
    {
        let menu = menu.clone();
        let chosen = props.current.map_or_else(String::new, |index| index.to_string());
        use_effect(move || {
            if let Some(select) = menu.cast::<web_sys::HtmlSelectElement>() {
                if select.value() != chosen {
                    select.set_value(&chosen);
                }
            }
        });
    }
    if sections.is_empty() {
        return html! {};
    }
    let first_shown = super::agenda_panel::first_in_window(props.current, sections.len(), MENU_WINDOW);
    let onchange = {
        let open = props.open.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let chosen = select.value().parse::<usize>().ok().and_then(|index| open.agenda.sections.get(index));
            if let Some(section) = chosen {
                crate::browser::go_to_anchor(Anchor::Line(section.first + open.first_line_number));
            }
        })
    };
    html! {
        <label class="section-jump">
            <span class="visually-hidden">{"Agenda section"}</span>
            <select class="current-section" ref={menu} aria-label="The section you are reading; choose one to go there" {onchange}>
                if props.current.is_none() {
                    <option value="" selected=true>{format!("Agenda: {} sections", sections.len())}</option>
                }
                { for sections.iter().enumerate().skip(first_shown).take(MENU_WINDOW).map(|(index, section)| html! {
                    <option value={index.to_string()} selected={props.current == Some(index)}>
                        {format!("§{} {}{}", index + 1, section.title, section.start.map(|start| format!(" · {}", start.hours_minutes())).unwrap_or_default())}
                    </option>
                }) }
            </select>
        </label>
    }
}
