//! The top bar: the product name, the ways to open a log (file picker, paste; drop works
//! anywhere), the agenda-and-speakers drawer on small screens, the theme and the keys.

use yew::prelude::*;

use crate::browser::OnOpen;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub onopen: OnOpen,
    /// The open log is kept in this browser under this name, for a reload.
    #[prop_or_default]
    pub kept: Option<AttrValue>,
    #[prop_or_default]
    pub onforget: Callback<()>,
    /// What the side panel holds ("Agenda", or "Speakers" for a log without one), when it
    /// holds anything; on small screens it is a drawer this bar opens.
    #[prop_or_default]
    pub panel: Option<AttrValue>,
    #[prop_or_default]
    pub panel_open: bool,
    #[prop_or_default]
    pub onpanel: Callback<bool>,
    /// Shows the keyboard help.
    #[prop_or_default]
    pub onhelp: Callback<()>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let pasting = use_state(|| false);
    let paste_area = use_node_ref();

    let onpick = {
        let onopen = props.onopen.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                crate::browser::read_file(file, onopen.clone());
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let ontogglepaste = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(!*pasting))
    };
    let onopenpasted = {
        let onopen = props.onopen.clone();
        let pasting = pasting.clone();
        let paste_area = paste_area.clone();
        Callback::from(move |_| {
            if let Some(area) = paste_area.cast::<web_sys::HtmlTextAreaElement>() {
                let text = area.value();
                if !text.is_empty() {
                    onopen.emit(("pasted text".to_owned(), std::rc::Rc::from(text.into_bytes())));
                    pasting.set(false);
                }
            }
        })
    };
    html! {
        <>
            <nav class="toolbar" aria-label="Open a log">
                if let Some(panel) = &props.panel {
                    <button type="button" class="button panel-toggle" aria-controls="side-panel" aria-expanded={props.panel_open.to_string()}
                        onclick={props.onpanel.reform({ let open = props.panel_open; move |_: MouseEvent| !open })}>{format!("☰ {panel}")}</button>
                }
                <span class="brand">{"scrollback"}</span>
                <span class="hint">{"Drop a log file anywhere on the page, or"}</span>
                <label class="button primary">
                    <input type="file" id="file-input" class="visually-hidden" accept=".txt,.log,text/plain" onchange={onpick} />
                    {"Open"}<span class="wide-only">{" a file"}</span>{"…"}
                </label>
                <button type="button" class="button paste" aria-expanded={pasting.to_string()} onclick={ontogglepaste}>{"Paste"}</button>
                if let Some(name) = &props.kept {
                    <span class="kept" title={format!("{name} stays in this browser, so a reload or a #L link reopens it")}>
                        <span class="kept-label">{"Kept for reload · "}</span>
                        <button type="button" class="link-button forget" onclick={props.onforget.reform(|_| ())}>{"Forget it"}</button>
                    </span>
                }
                <button type="button" class="button theme-toggle" onclick={Callback::from(|_| crate::browser::toggle_theme())}
                    aria-label="Switch between light and dark" title="Light or dark (t)">{"◐"}</button>
                <button type="button" class="button help-button" onclick={props.onhelp.reform(|_: MouseEvent| ())}
                    aria-label="Keyboard keys" title="Keyboard keys (?)">{"?"}</button>
            </nav>
            if *pasting {
                <div class="paste-panel">
                    <label for="paste-area">{"Paste the text of a log:"}</label>
                    <textarea id="paste-area" ref={paste_area} rows="8" spellcheck="false" />
                    <button type="button" class="button primary" onclick={onopenpasted}>{"Open pasted text"}</button>
                </div>
            }
        </>
    }
}
