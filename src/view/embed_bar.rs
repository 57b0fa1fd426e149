//! The embed's one-line bar: the log's title, the section menu, the search switch and the way
//! out to the full viewer. It stays at the top of the frame while the log scrolls under it.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub open: Shared<OpenLog>,
    /// Whether the search box is open under the bar.
    pub searching: bool,
    pub onsearch: Callback<()>,
    /// The section menu.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn EmbedBar(props: &EmbedBarProps) -> Html {
    let open = &props.open;
    let title = open.log.meta.title.clone().unwrap_or_else(|| open.file_name.to_string());
    html! {
        <nav class="embed-bar" aria-label="scrollback">
            <span class="embed-title" title={open.file_name.to_string()}><bdi>{title}</bdi></span>
            {props.children.clone()}
            <button type="button" class="button search-toggle" aria-expanded={props.searching.to_string()} aria-controls="search-input"
                aria-label="Search the log" title="Search (/)" onclick={props.onsearch.reform(|_: MouseEvent| ())}>{"⌕"}</button>
            <a class="open-full" href={crate::browser::full_viewer_url()} target="_blank" rel="noopener noreferrer" title="Open in the full viewer">{"Open ↗"}</a>
        </nav>
    }
}
