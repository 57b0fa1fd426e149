//! Element's JSON export: `{room_name, room_creator, topic, export_date, exported_by, messages}`,
//! the messages Matrix events, read as a Matrix room dump reads its lines.

use serde::Deserialize;

use super::matrix::{Event, MatrixReader};
use crate::parse::shapes::export::{lay_out_messages, lay_out_messages_head, message_of, structure, ONE_MESSAGE_PER_LINE};
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct ElementReader {
    events: MatrixReader,
    seen_message: bool,
    /// The room's name and who exported it, read with the messages when laying the file out.
    header: Option<Header>,
}

#[derive(Debug, Deserialize)]
struct Header {
    room_name: Option<String>,
    exported_by: Option<String>,
}

impl Reader for ElementReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        lay_out_messages(text, &mut self.header)
    }

    /// The header comes before the messages, and each message is read on its own line.
    fn lay_out_head(&mut self, head: &str) -> Option<(usize, Option<String>)> {
        lay_out_messages_head(head, &mut self.header)
    }

    fn laid_out_note(&self) -> &'static str {
        ONE_MESSAGE_PER_LINE
    }

    fn prepare(&mut self, _text: &str, context: &mut Context) {
        let Some(header) = self.header.take() else { return };
        context.meta.title = header.room_name.filter(|name| !name.is_empty());
        context.meta.author = header.exported_by.filter(|name| !name.is_empty());
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(event @ Event { kind: Some(_), .. }) = message_of::<Event>(line) else { return structure(line, !self.seen_message) };
        self.seen_message = true;
        self.events.read_event(&event, line, context)
    }
}
