//! The app's state in plain Rust, below every view and effect: the open log and what is derived
//! from it, the reducer that each action (a file opened, a reply from the worker) runs through,
//! and the virtual list's geometry. Nothing here knows yew or the DOM.

mod archive;
mod blocks;
mod open_log;
mod reducer;

pub use archive::{ArchiveState, ARCHIVE_HITS};
pub use blocks::{BlockHeights, Viewport, BLOCK_LINES, LONGEST_SHOWN_LINE};
pub use open_log::{OpenLog, Shared};
pub use reducer::{Action, FirstScreen, Loading, ParseJob, Stage, State};
