//! Browser glue for sharing (wasm): loading a log from `?src=`, and the embed mode's frame.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::web::{mark, query_param};
use super::OnOpen;
use crate::state::{Action, State};

/// `?src=URL` fetches the log from there (same origin or CORS), without credentials, showing
/// progress; a refused address or a failed fetch is said on the page with its cause.
#[hook]
pub fn use_source_from_query(dispatcher: UseReducerDispatcher<State>, onopen: OnOpen) {
    use_effect_with((), move |_| {
        let Some(src) = query_param("src") else { return };
        match crate::source::check_source(&src) {
            Ok(()) => wasm_bindgen_futures::spawn_local(async move {
                let name = crate::source::file_name_of(&src);
                mark("scrollback:open-start");
                match fetch_log(&src, &name, &dispatcher).await {
                    // A page written by `scrollback html`: open the log it holds.
                    Ok(bytes) => match crate::source::embedded_source(&bytes) {
                        Some((file_name, text)) => onopen.emit((file_name, Rc::from(text.into_bytes()))),
                        None => onopen.emit((name, bytes)),
                    },
                    Err(problem) => dispatcher.dispatch(Action::Failed(format!("{name}: {problem}"))),
                }
            }),
            Err(problem) => dispatcher.dispatch(Action::Failed(problem)),
        }
    });
}

/// Fetches `src` chunk by chunk, reporting progress, refusing what is too big to open.
async fn fetch_log(src: &str, name: &str, dispatcher: &UseReducerDispatcher<State>) -> Result<Rc<[u8]>, String> {
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_mode(web_sys::RequestMode::Cors);
    let cannot_fetch = |_| format!("could not fetch {src}: the network failed, or the server does not let this page read it (CORS)");
    let response = JsFuture::from(gloo::utils::window().fetch_with_str_and_init(src, &init)).await.map_err(cannot_fetch)?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let limit = crate::input::MAX_FILE_BYTES as u64;
    let total = response.headers().get("content-length").ok().flatten().and_then(|length| length.parse::<u64>().ok());
    if total.is_some_and(|total| total > limit) {
        return Err(crate::input::InputProblem::TooBig { bytes: total.unwrap_or_default() as usize }.to_string());
    }
    let Some(body) = response.body() else { return Ok(Rc::from(Vec::new())) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(total.unwrap_or(0) as usize);
    let report = |received: usize| dispatcher.dispatch(Action::Loading(crate::state::Loading { name: name.to_owned().into(), received: received as u64, total, stage: crate::state::Stage::Fetching }));
    report(0);
    // A render per 64 KB chunk would be thousands: report every megabyte.
    let mut reported = 0;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| format!("the download of {src} broke off"))?;
        let chunk: web_sys::ReadableStreamReadResult = chunk.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let array = js_sys::Uint8Array::new(&chunk.get_value());
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        if bytes.len() as u64 > limit {
            return Err(crate::input::InputProblem::TooBig { bytes: bytes.len() }.to_string());
        }
        if bytes.len() - reported >= 1_000_000 {
            reported = bytes.len();
            report(reported);
        }
    }
    Ok(Rc::from(bytes))
}

/// `?embed=1`: the compact mode for an iframe on a project's own site.
#[hook]
pub fn use_embedded() -> bool {
    *use_memo((), |_| query_param("embed").is_some_and(|value| value == "1"))
}

/// In an iframe, tells the parent page how tall the viewer is after each render, so the
/// iframe can size itself: `{type: "scrollback:height", height}`.
#[hook]
pub fn use_post_height(embedded: bool) {
    let last_height = use_mut_ref(|| 0);
    use_effect(move || {
        let window = gloo::utils::window();
        let Ok(Some(parent)) = window.parent() else { return };
        if !embedded || parent == window {
            return;
        }
        // The body's own height: the document's scroll height never drops below the frame's,
        // so it could only ever grow.
        let height = gloo::utils::document().body().map_or(0, |body| body.get_bounding_client_rect().height().ceil() as i32);
        if height != *last_height.borrow() {
            *last_height.borrow_mut() = height;
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"scrollback:height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // Any origin may embed the viewer, and the height is no secret.
            let _ = parent.post_message(&message, "*");
        }
    });
}

/// This page's address without `embed=1`: the full viewer, for the embed's "open" link.
pub fn full_viewer_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match web_sys::Url::new(&href) {
        Ok(url) => {
            url.search_params().delete("embed");
            url.href()
        }
        Err(_) => href,
    }
}
