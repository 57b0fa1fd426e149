//! Browser glue for shared snippets (wasm): packing and unpacking with the browser's own
//! `CompressionStream` and `DecompressionStream` (raw deflate), so the page carries no
//! compression code, and opening a `#snippet=` link.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::snippet::Snippet;
use crate::state::{Action, State};

/// `bytes` through a new `CompressionStream` or `DecompressionStream` (named by `stream`) in
/// raw deflate. web-sys has these only behind its unstable-API flag, so they are found by name.
async fn through_deflate(stream: &str, bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let constructor: js_sys::Function = Reflect::get(&js_sys::global(), &stream.into())?.dyn_into()?;
    let transform = Reflect::construct(&constructor, &Array::of1(&"deflate-raw".into()))?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes)))?;
    let output = blob.stream().pipe_through(transform.unchecked_ref());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&output))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `bytes` in URL-safe base64 without padding, by the browser's `btoa` (of the bytes as a
/// "binary string": one UTF-16 unit per byte).
fn to_base64_url(bytes: &[u8]) -> Option<String> {
    let binary: String = bytes.iter().map(|&byte| char::from(byte)).collect();
    let base64 = gloo::utils::window().btoa(&binary).ok()?;
    Some(base64.trim_end_matches('=').replace('+', "-").replace('/', "_"))
}

/// The bytes of URL-safe base64 (padded or not), by the browser's `atob`; `None` if it is not.
fn from_base64_url(text: &str) -> Option<Vec<u8>> {
    let mut base64 = text.replace('-', "+").replace('_', "/");
    while !base64.len().is_multiple_of(4) {
        base64.push('=');
    }
    let binary = gloo::utils::window().atob(&base64).ok()?;
    binary.chars().map(|unit| u8::try_from(u32::from(unit)).ok()).collect()
}

/// The link to `snippet`, or why there is none, given to `done` once packed.
pub fn share_snippet(snippet: Snippet, done: Callback<Result<String, String>>) {
    let unpacked = match snippet.unpacked() {
        Ok(unpacked) => unpacked,
        Err(too_big) => return done.emit(Err(too_big.to_string())),
    };
    wasm_bindgen_futures::spawn_local(async move {
        let link = match through_deflate("CompressionStream", unpacked.as_bytes()).await {
            Ok(packed) => match to_base64_url(&packed) {
                Some(base64) => Snippet::fragment(&base64).map(|fragment| format!("{}{fragment}", super::page_address())).map_err(|too_big| too_big.to_string()),
                None => Err("This browser could not write the lines into a link.".to_owned()),
            },
            Err(_) => Err("This browser cannot compress the lines for a link (it has no CompressionStream).".to_owned()),
        };
        done.emit(link);
    });
}

/// A `#snippet=` link opens its lines once unpacked; a damaged one says so over the demo.
#[hook]
pub fn use_snippet_link(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let Some(fragment) = super::snippet_in_hash() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let unpacked = match Snippet::packed_base64(&fragment).and_then(from_base64_url) {
                Some(packed) => through_deflate("DecompressionStream", &packed).await.ok(),
                None => None,
            };
            match unpacked.as_deref().and_then(Snippet::from_unpacked) {
                Some(snippet) => dispatcher.dispatch(Action::OpenSnippet(snippet)),
                None => dispatcher.dispatch(Action::ShowDemoSaying("This snippet link is damaged or cut short: ask for the link again.".to_owned())),
            }
        });
    });
}
