//! The components: thin views over the pure core, one per file.

mod agenda_panel;
mod archive_bar;
mod embed_bar;
mod joins_row;
mod legend;
mod log_header;
mod log_view;
mod overview;
mod page_header_row;
mod row;
mod search_bar;
mod section_header;
mod section_jump;
mod share_bar;
mod thread_bar;
mod toolbar;

pub use agenda_panel::{Contents, ContentsProps, Minutes, MinutesProps};
pub use archive_bar::{ArchiveBar, ArchiveBarProps};
pub use embed_bar::{EmbedBar, EmbedBarProps};
pub use joins_row::{JoinsRow, JoinsRowProps};
pub use legend::{Legend, LegendProps};
pub use log_header::{LogHeader, LogHeaderProps};
pub use log_view::{LogView, LogViewProps};
pub use overview::{Overview, OverviewProps};
pub use page_header_row::{PageHeaderRow, PageHeaderRowProps};
pub use row::{Row, RowProps};
pub use search_bar::{SearchBar, SearchBarProps};
pub use section_header::{SectionHeader, SectionHeaderProps};
pub use section_jump::{SectionJump, SectionJumpProps};
pub use share_bar::{ShareBar, ShareBarProps};
pub use thread_bar::{ThreadBar, ThreadBarProps};
pub use toolbar::{Toolbar, ToolbarProps};
