//! The page header's lines (title, author, tags: what the title block shows) folded at the top
//! of the log: a native `<details>` that holds their rows, so every `#L<n>` is still in the
//! page, the fold opens without JavaScript (the static export) and the browser's find opens it.

use yew::prelude::*;

use super::Row;
use crate::state::{OpenLog, Shared};

#[derive(Properties, PartialEq)]
pub struct PageHeaderRowProps {
    pub open: Shared<OpenLog>,
    /// The folded lines' first and last indices (0-based, inclusive).
    pub first: usize,
    pub last: usize,
    /// Lowercase search text to mark in the lines.
    #[prop_or_default]
    pub highlight: Option<AttrValue>,
}

#[component]
pub fn PageHeaderRow(props: &PageHeaderRowProps) -> Html {
    let open = &props.open;
    let meta = &open.log.meta;
    let fields: Vec<&str> = [("title", meta.title.is_some()), ("author", meta.author.is_some()), ("tags", !meta.tags.is_empty()), ("date", meta.published.is_some())]
        .iter()
        .filter(|(_, present)| *present)
        .map(|(name, _)| *name)
        .collect();
    let number = open.first_line_number;
    let (first, last) = (props.first + number, props.last + number);
    html! {
        <details class="page-header-fold" data-lines={format!("{first}-{last}")}>
            <summary class="page-header-summary" title={format!("Lines {first} to {last}: the page header, shown above the log")}>
                <span class="lineno">{format!("{first}–{last}")}</span>
                <span class="page-header-label">{format!("Page header: {}", fields.join(", "))}</span>
            </summary>
            { for (props.first..=props.last).map(|index| html! {
                <Row key={format!("l{index}")} open={open.clone()} index={index} highlight={props.highlight.clone()} />
            }) }
        </details>
    }
}
