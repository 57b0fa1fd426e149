//! "Share these lines": for the linked line or range, a link that carries the lines themselves
//! in its fragment (no server keeps them), copied and shown; too big a range is told its limit.

use yew::prelude::*;

use crate::state::{OpenLog, Shared};
use crate::permalink::Anchor;
use crate::snippet::Snippet;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub open: Shared<OpenLog>,
    pub anchor: Option<Anchor>,
}

#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let shared = use_state(|| None::<Result<String, String>>);
    {
        let shared = shared.clone();
        use_effect_with((props.anchor, props.open.clone()), move |_| shared.set(None));
    }
    let Some(anchor) = props.anchor.filter(|_| !props.open.snippet) else { return html! {} };
    let onshare = {
        let open = props.open.clone();
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| {
            let snippet = Snippet::of(&open.log, &open.file_name, anchor.first(), anchor.last());
            let shared = shared.clone();
            crate::browser::share_snippet(snippet, Callback::from(move |link: Result<String, String>| {
                if let Ok(link) = &link {
                    crate::browser::copy_text(link);
                }
                shared.set(Some(link));
            }));
        })
    };
    let what = match anchor {
        Anchor::Line(line) => format!("Line {line}"),
        Anchor::Range { first, last } => format!("Lines {first}–{last}"),
    };
    html! {
        <div class="share-bar" role="region" aria-label="Share the linked lines">
            <span>{what}</span>
            <button type="button" class="button share" onclick={onshare}>{"Share these lines"}</button>
            { match &*shared {
                Some(Ok(link)) => html! {
                    <>
                        <input class="snippet-link" type="text" readonly=true value={link.clone()} aria-label="Link to these lines" />
                        <span class="muted">{"Copied. The link holds the lines themselves: no server keeps them."}</span>
                    </>
                },
                Some(Err(why)) => html! { <span class="snippet-too-big" role="alert">{why.clone()}</span> },
                None => html! {},
            } }
        </div>
    }
}
