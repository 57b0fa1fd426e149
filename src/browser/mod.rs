//! The effects: hooks that touch the browser, with the same names on both targets (the real ones
//! in the browser, inert ones server-side for SSR renders and the static export), so components
//! call them plainly. Here too is what the hooks and components share: `OnOpen`, the virtual
//! list's `BlockLayout`, and the state's reducer bound to yew.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::listing::Listing;
use crate::permalink::Anchor;
use crate::state::{Action, BlockHeights, OpenLog, Shared, State};

/// The callback every way of opening a log ends in: drop, picker and paste.
pub type OnOpen = Callback<(String, Rc<[u8]>)>;

/// The state's reducer, run by yew's `use_reducer`.
impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.apply(action)
    }
}

/// What `browser::use_block_layout` needs from the virtual list.
pub struct BlockLayout {
    pub list: NodeRef,
    pub spacer_heights: (f64, f64),
    pub heights: Rc<RefCell<BlockHeights>>,
    pub layout_version: UseStateHandle<u32>,
    pub anchor: Option<Anchor>,
    pub open: Shared<OpenLog>,
    pub listing: Shared<Listing>,
}

#[cfg(not(target_arch = "wasm32"))]
mod server;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod web_folder;
#[cfg(target_arch = "wasm32")]
mod web_guard;
#[cfg(target_arch = "wasm32")]
mod web_layout;
#[cfg(target_arch = "wasm32")]
mod web_offline;
#[cfg(target_arch = "wasm32")]
mod web_parse_client;
#[cfg(target_arch = "wasm32")]
mod web_reading;
#[cfg(target_arch = "wasm32")]
mod web_share;
#[cfg(target_arch = "wasm32")]
mod web_snippet;
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
pub use web_offline::*;
#[cfg(target_arch = "wasm32")]
pub use web_parse_client::*;
#[cfg(target_arch = "wasm32")]
pub use web_reading::*;
#[cfg(target_arch = "wasm32")]
pub use web_share::*;
#[cfg(target_arch = "wasm32")]
pub use web_snippet::*;
#[cfg(target_arch = "wasm32")]
pub use web_store::*;
#[cfg(target_arch = "wasm32")]
pub use web_worker::*;
