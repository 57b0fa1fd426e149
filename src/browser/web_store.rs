//! The last dropped or pasted log, kept in IndexedDB so a reload (with its `#L…` link) reopens it.
//!
//! Plain callbacks, no futures: the crash banner uses this after a panic, when an async executor
//! may be stuck mid-poll.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "scrollback";
const STORE: &str = "kept-log";
const KEY: &str = "last";
/// Set in localStorage while a log is kept: the page's first script reads it synchronously, to
/// take away the prerendered demo before it is painted when a kept log will open instead.
const KEPT_FLAG: &str = "scrollback:kept-log";

fn flag_kept(kept: bool) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = if kept { storage.set_item(KEPT_FLAG, "1") } else { storage.remove_item(KEPT_FLAG) };
    }
}

/// Saves `bytes` as the kept log; `done` hears whether it worked (a full disk, private mode).
/// They are stored as a `Blob`: one copy out of wasm memory, and IndexedDB then writes it in
/// the background, where storing a `Uint8Array` would clone it on the page's thread too
/// (a 220 ms task for a 96 MB log).
pub fn keep_log(file_name: &str, bytes: &[u8], done: impl FnOnce(Result<(), String>) + 'static) {
    // SAFETY: the Blob constructor copies the view at once, before anything could allocate in
    // (and so move) wasm memory.
    let view = unsafe { js_sys::Uint8Array::view(bytes) };
    let blob = match web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&view)) {
        Ok(blob) => blob,
        Err(error) => return done(Err(describe(&error))),
    };
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&record, &"name".into(), &file_name.into());
    let _ = js_sys::Reflect::set(&record, &"bytes".into(), &blob);
    let done = move |result: Result<(), String>| {
        if result.is_ok() {
            flag_kept(true);
        }
        done(result)
    };
    with_store(IdbTransactionMode::Readwrite, done, move |store| store.put_with_key(&record, &KEY.into()).map(|_| ()));
}

/// The kept log's name and bytes, or `None` when nothing is kept or IndexedDB is unavailable.
pub fn kept_log(done: impl FnOnce(Option<(String, Vec<u8>)>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    // The transaction may complete before a Blob is read: only a failure answers here.
    let on_failure = {
        let done = done.clone();
        move |result: Result<(), String>| {
            if result.is_err() {
                if let Some(done) = done.borrow_mut().take() {
                    done(None)
                }
            }
        }
    };
    with_store(IdbTransactionMode::Readonly, on_failure, move |store| {
        let request = store.get(&KEY.into())?;
        let reader = request.clone();
        on_success(&request, move || {
            let finish = move |read: Option<(String, Vec<u8>)>| {
                if let Some(done) = done.borrow_mut().take() {
                    done(read)
                }
            };
            let record = reader.result().ok().filter(|value| value.is_object());
            let Some((name, stored)) = record.and_then(|record| {
                let name = js_sys::Reflect::get(&record, &"name".into()).ok()?.as_string()?;
                Some((name, js_sys::Reflect::get(&record, &"bytes".into()).ok()?))
            }) else {
                return finish(None);
            };
            // A Blob since the page stopped cloning big logs on its thread; earlier, a Uint8Array.
            match stored.dyn_into::<web_sys::Blob>() {
                Ok(blob) => {
                    let read = Closure::once(move |buffer: JsValue| finish(Some((name, js_sys::Uint8Array::new(&buffer).to_vec()))));
                    let _ = blob.array_buffer().then(&read);
                    read.forget();
                }
                Err(stored) => finish(stored.dyn_into::<js_sys::Uint8Array>().ok().map(|bytes| (name, bytes.to_vec()))),
            }
        });
        Ok(())
    });
}

/// Forgets the kept log.
pub fn forget_log(done: impl FnOnce(Result<(), String>) + 'static) {
    flag_kept(false);
    with_store(IdbTransactionMode::Readwrite, done, |store| store.delete(&KEY.into()).map(|_| ()));
}

/// Opens the database (creating the store on first use) and runs `work` in one transaction;
/// `done` hears when the transaction completes, or why it failed.
fn with_store(
    mode: IdbTransactionMode,
    done: impl FnOnce(Result<(), String>) + 'static,
    work: impl FnOnce(&web_sys::IdbObjectStore) -> Result<(), JsValue> + 'static,
) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let fail = {
        let done = done.clone();
        move |why: String| {
            if let Some(done) = done.borrow_mut().take() {
                done(Err(why))
            }
        }
    };
    let factory = match gloo::utils::window().indexed_db() {
        Ok(Some(factory)) => factory,
        _ => return fail("this browser keeps no IndexedDB here".into()),
    };
    let opening: IdbOpenDbRequest = match factory.open_with_u32(DATABASE, 1) {
        Ok(request) => request,
        Err(error) => return fail(describe(&error)),
    };
    let upgrading = opening.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(database) = upgrading.result().and_then(|value| value.dyn_into::<IdbDatabase>()) {
            let _ = database.create_object_store(STORE);
        }
    });
    opening.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    {
        let fail = fail.clone();
        on_error(&opening, move || fail("IndexedDB would not open".into()));
    }
    let reader = opening.clone();
    on_success(&opening, move || {
        let run = || -> Result<(), JsValue> {
            let database: IdbDatabase = reader.result()?.dyn_into()?;
            let transaction = database.transaction_with_str_and_mode(STORE, mode)?;
            work(&transaction.object_store(STORE)?)?;
            let finished = Closure::once_into_js(move || {
                if let Some(done) = done.borrow_mut().take() {
                    done(Ok(()))
                }
            });
            transaction.set_oncomplete(Some(finished.unchecked_ref()));
            let fail = fail.clone();
            let failed = Closure::once_into_js(move || fail("IndexedDB refused the change".into()));
            transaction.set_onerror(Some(failed.unchecked_ref()));
            Ok(())
        };
        if let Err(error) = run() {
            fail(describe(&error));
        }
    });
}

fn on_success(request: &IdbRequest, then: impl FnOnce() + 'static) {
    request.set_onsuccess(Some(Closure::once_into_js(then).unchecked_ref()));
}

fn on_error(request: &IdbRequest, then: impl FnOnce() + 'static) {
    request.set_onerror(Some(Closure::once_into_js(then).unchecked_ref()));
}

fn describe(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{error:?}"), |error| String::from(error.message()))
}

/// What the page knows about the kept log.
#[derive(Clone, PartialEq)]
pub struct KeptLog {
    /// The name of the kept file, when there is one.
    pub name: Option<yew::AttrValue>,
    /// Wraps the opener of drops, picks and pastes so that what they open is kept once it opened.
    pub keeping: super::OnOpen,
    /// Forgets the kept log.
    pub forget: yew::Callback<()>,
}

/// Keeps what the person opens and, when `restore` (no `?src=`, not embedded), reopens the kept
/// log at start-up. `onforgotten` runs after a forget, to show something else.
#[yew::hook]
pub fn use_kept_log(open: crate::state::Shared<crate::state::OpenLog>, onopen: super::OnOpen, restore: bool, onforgotten: yew::Callback<()>) -> KeptLog {
    use std::rc::Rc;
    use yew::prelude::*;

    let name = use_state(|| None::<AttrValue>);
    // Opened but not yet shown: kept only once it opens without a problem.
    let pending = use_mut_ref(|| None::<(String, Rc<[u8]>)>);
    {
        let name = name.clone();
        let onopen = onopen.clone();
        use_effect_with((), move |_| {
            if restore {
                kept_log(move |found| {
                    if let Some((file_name, bytes)) = found {
                        name.set(Some(file_name.clone().into()));
                        onopen.emit((file_name, Rc::from(bytes)));
                    }
                });
            }
        });
    }
    {
        let name = name.clone();
        let pending = pending.clone();
        use_effect_with(open, move |open| {
            let opened = pending.borrow().as_ref().is_some_and(|(file_name, _)| *file_name == *open.file_name);
            if opened {
                if let Some((file_name, bytes)) = pending.borrow_mut().take() {
                    let kept_name = AttrValue::from(file_name.clone());
                    keep_log(&file_name, &bytes, move |kept| match kept {
                        Ok(()) => name.set(Some(kept_name)),
                        Err(why) => gloo::console::warn!(format!("the log is not kept for a reload: {why}")),
                    });
                }
            }
        });
    }
    let keeping = {
        let pending = pending.clone();
        use_callback(onopen, move |(file_name, bytes): (String, Rc<[u8]>), onopen| {
            *pending.borrow_mut() = Some((file_name.clone(), bytes.clone()));
            onopen.emit((file_name, bytes));
        })
    };
    let forget = {
        let name = name.clone();
        use_callback(onforgotten, move |_: (), onforgotten| {
            let name = name.clone();
            let onforgotten = onforgotten.clone();
            forget_log(move |_| {
                name.set(None);
                onforgotten.emit(());
            });
        })
    };
    KeptLog { name: (*name).clone(), keeping, forget }
}
