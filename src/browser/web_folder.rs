//! A dropped folder (wasm): `folder.js` finds its files through the entries API and reads them
//! into one block, with each one's path and length, which the worker lays out as it would the
//! folder's `.zip` (`input::prepare_folder`).

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DataTransfer;

use crate::input::{InputProblem, MAX_FILE_BYTES};

#[wasm_bindgen(module = "/src/browser/folder.js")]
extern "C" {
    /// `None` unless one of the dropped items is a folder; else `[name, a promise of [paths,
    /// lengths, bytes]]`, the files' paths inside the folder (a single folder's own name is not
    /// part of them) and lengths, and their bytes one after another; or of `[total]` when that is
    /// over `max_bytes`. Called during the drop, whose items are gone after it.
    #[wasm_bindgen(js_name = droppedFolder)]
    fn dropped_folder(transfer: &DataTransfer, max_bytes: f64) -> Option<js_sys::Array>;
}

/// A folder dropped on the page, its files being read.
pub struct DroppedFolder {
    pub name: String,
    reading: js_sys::Promise,
}

/// The folder among the dropped items, if there is one (several items with a folder among
/// them are one folder too). Called during the drop, whose items are gone after it.
pub fn dropped_folder_in(transfer: &DataTransfer) -> Option<DroppedFolder> {
    let dropped = dropped_folder(transfer, MAX_FILE_BYTES as f64)?;
    Some(DroppedFolder { name: dropped.get(0).as_string().unwrap_or_default(), reading: dropped.get(1).unchecked_into() })
}

impl DroppedFolder {
    /// Each file's path and length, and their bytes one after another; or why not, in words.
    pub async fn read(self) -> Result<(Vec<(String, u32)>, js_sys::Uint8Array), String> {
        let name = self.name;
        let read: js_sys::Array = match wasm_bindgen_futures::JsFuture::from(self.reading).await {
            Ok(read) => read.unchecked_into(),
            Err(error) => {
                let reason = error.dyn_ref::<js_sys::Error>().map_or_else(|| "it could not be read".to_owned(), |error| String::from(error.message()));
                return Err(format!("{name}: {reason}"));
            }
        };
        if read.length() == 1 {
            let bytes = read.get(0).as_f64().unwrap_or_default() as usize;
            return Err(format!("{name}: {}", InputProblem::TooBig { bytes }));
        }
        let (paths, lengths) = (read.get(0).unchecked_into::<js_sys::Array>(), read.get(1).unchecked_into::<js_sys::Array>());
        let number = |value: JsValue| value.as_f64().unwrap_or_default() as u32;
        let files = paths.iter().zip(lengths.iter()).map(|(path, length)| (path.as_string().unwrap_or_default(), number(length))).collect();
        Ok((files, read.get(2).unchecked_into()))
    }
}
