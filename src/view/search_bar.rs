//! The search box: text to find (every match marked, stepped through with Enter, Shift+Enter,
//! `n` and `N`), `from:` and `kind:` filters, and the switch for condensing joins.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    pub query: AttrValue,
    pub onquery: Callback<String>,
    /// Lines whose text matches, and which of them is linked now (1-based), if any.
    pub n_found: usize,
    pub current: Option<usize>,
    /// Whether filters hide lines, and how many lines pass them.
    pub filtering: bool,
    pub n_kept: usize,
    /// `true` for the next match, `false` for the previous one.
    pub onstep: Callback<bool>,
    pub condense: bool,
    pub oncondense: Callback<bool>,
}

#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let oninput = props.onquery.reform(|event: InputEvent| event.target_unchecked_into::<web_sys::HtmlInputElement>().value());
    let onkeydown = {
        let onstep = props.onstep.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                onstep.emit(!event.shift_key());
            }
            "Escape" => {
                let _ = event.target_unchecked_into::<web_sys::HtmlElement>().blur();
            }
            _ => {}
        })
    };
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let oncondense = props.oncondense.reform(|event: Event| event.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    let searching = props.query.split_whitespace().any(|word| !word.contains(':'));
    let count = match (searching, props.current) {
        (false, _) => String::new(),
        (true, _) if props.n_found == 0 => "no match".to_owned(),
        (true, Some(current)) => format!("{current} of {} lines", props.n_found),
        (true, None) => format!("{} lines", props.n_found),
    };
    html! {
        <form class="search-bar" role="search" aria-label="Search the log" {onsubmit}>
            <label for="search-input" class="visually-hidden">{"Search the log"}</label>
            <input id="search-input" type="search" value={props.query.clone()} {oninput} {onkeydown}
                placeholder="Search (/)   from:nick   kind:system" autocomplete="off" spellcheck="false" />
            <span class="search-count" aria-live="polite">{count}</span>
            <button type="button" class="button step" aria-label="Previous match (Shift+Enter, N)" title="Previous match" disabled={props.n_found == 0}
                onclick={props.onstep.reform(|_: MouseEvent| false)}>{"↑"}</button>
            <button type="button" class="button step" aria-label="Next match (Enter, n)" title="Next match" disabled={props.n_found == 0}
                onclick={props.onstep.reform(|_: MouseEvent| true)}>{"↓"}</button>
            if props.filtering {
                <span class="filter-count">{format!("showing {} lines", props.n_kept)}</span>
                <button type="button" class="link-button clear-filter" onclick={props.onquery.reform(|_: MouseEvent| String::new())}>{"Clear"}</button>
            }
            <label class="condense">
                <input type="checkbox" checked={props.condense} onchange={oncondense} />
                {" Condense joins and quits"}
            </label>
        </form>
    }
}
