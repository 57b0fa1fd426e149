//! The hooks that touch the browser, with the same names on both targets: the real ones in the
//! browser, inert ones server-side (SSR renders, static export), so components call them plainly.

#[cfg(not(target_arch = "wasm32"))]
mod server;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod web_guard;
#[cfg(target_arch = "wasm32")]
mod web_layout;
#[cfg(target_arch = "wasm32")]
mod web_parse_client;
#[cfg(target_arch = "wasm32")]
mod web_reading;
#[cfg(target_arch = "wasm32")]
mod web_share;
#[cfg(target_arch = "wasm32")]
mod web_store;
#[cfg(target_arch = "wasm32")]
mod web_worker;

#[cfg(not(target_arch = "wasm32"))]
pub use server::*;
#[cfg(target_arch = "wasm32")]
pub use web::*;
#[cfg(target_arch = "wasm32")]
pub use web_guard::*;
#[cfg(target_arch = "wasm32")]
pub use web_layout::*;
#[cfg(target_arch = "wasm32")]
pub use web_parse_client::*;
#[cfg(target_arch = "wasm32")]
pub use web_reading::*;
#[cfg(target_arch = "wasm32")]
pub use web_share::*;
#[cfg(target_arch = "wasm32")]
pub use web_store::*;
#[cfg(target_arch = "wasm32")]
pub use web_worker::*;
