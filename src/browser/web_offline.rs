//! Browser glue for working offline (wasm): `offline.js` registers the service worker (`sw.js`)
//! and says when a newer build waits; here the page hears it, and answers when the reader
//! takes it. (Registration is a few lines of JS there, not web-sys bindings here: it keeps
//! ~4 KB out of the gzipped app.)

use gloo::events::EventListener;
use yew::prelude::*;

/// While a newer build waits, a callback that switches to it (the page then reloads).
#[hook]
pub fn use_new_build() -> Option<Callback<MouseEvent>> {
    let waiting = use_state(|| false);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "scrollback:new-build", move |_| waiting.set(true));
            move || drop(listener)
        });
    }
    waiting.then(|| {
        Callback::from(|_: MouseEvent| {
            if let Ok(event) = web_sys::Event::new("scrollback:take-new-build") {
                let _ = gloo::utils::window().dispatch_event(&event);
            }
        })
    })
}
