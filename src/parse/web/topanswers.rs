//! TopAnswers chat exports: a pretty-printed JSON array of `{id, username, userID, date, html,
//! replyID, replyName}`, newest first. Each field line is read by serde_json as a one-field
//! object. The `html` line is the record's `message` (its HTML reduced to text, speaker and time
//! from the fields before it); brackets and the other fields are `markup`. `replyID` is a reply.

use serde_json::{Map, Value};

use crate::model::LineKind;
use crate::parse::shapes::html::{html_text, iso_moment, place};
use crate::parse::{is_blank, Context, Reader, Reading};
use crate::parse::ids::MessageId;

#[derive(Debug, Default)]
pub struct TopanswersReader {
    record: Record,
}

/// What the fields of the record being read said so far.
#[derive(Debug, Default)]
struct Record {
    id: Option<String>,
    username: Option<String>,
    moment: Option<(chrono::NaiveDate, chrono::NaiveTime)>,
    reply_to: Option<String>,
    /// The line index of the record's `message` line, once read.
    message: Option<u32>,
}

impl Reader for TopanswersReader {
    fn lay_out(&mut self, text: &str) -> Option<String> {
        lay_out(text)
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let trimmed = line.trim();
        match trimmed {
            "[" | "]" | "[]" => {
                context.meta.newest_first = true;
                return Reading::whole(LineKind::Markup, line, 2);
            }
            "{" | "}" | "}," => {
                if trimmed == "{" {
                    self.record = Record::default();
                    context.block_starts.push(context.line_index);
                }
                return Reading::whole(LineKind::Markup, line, 1);
            }
            _ => {}
        }
        let Some((key, value)) = field(trimmed) else { return Reading::raw(line) };
        let as_text = || match &value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        };
        match key.as_str() {
            "id" => self.record.id = as_text(),
            "username" => self.record.username = as_text(),
            "date" => self.record.moment = as_text().and_then(|date| iso_moment(&date)),
            "replyID" => {
                self.record.reply_to = as_text();
                if let (Some(message), Some(parent)) = (self.record.message, &self.record.reply_to) {
                    context.ids.reply(message, MessageId::of(0, parent));
                }
            }
            "html" => {
                let index = context.line_index;
                self.record.message = Some(index);
                if let Some(id) = &self.record.id {
                    context.ids.name(MessageId::of(0, id), index);
                }
                if let Some(parent) = &self.record.reply_to {
                    context.ids.reply(index, MessageId::of(0, parent));
                }
                let said = html_text(value.as_str().unwrap_or_default());
                let (nick, body) = place(line, self.record.username.as_deref(), &said, context);
                let (date, time) = (self.record.moment.map(|(date, _)| date), self.record.moment.map(|(_, time)| time));
                return Reading { kind: LineKind::Message, date, time, nick, body, confidence: 2 };
            }
            _ => {}
        }
        Reading::whole(LineKind::Markup, line, 2)
    }
}

/// `"key": value,` read as the JSON object `{"key": value}`.
fn field(line: &str) -> Option<(String, Value)> {
    let line = line.strip_suffix(',').unwrap_or(line);
    let object: Map<String, Value> = serde_json::from_str(&format!("{{{line}}}")).ok()?;
    let mut fields = object.into_iter();
    let only = fields.next()?;
    fields.next().is_none().then_some(only)
}

/// A TopAnswers export saved as one line of JSON (minified), laid out as the pretty-printed
/// export is, so that each record and field gets a line of its own and the reader sees its
/// usual shape: `None` when `text` is not one line or no array of objects.
fn lay_out(text: &str) -> Option<String> {
    if crate::parse::lines::count_lines(text.as_bytes()) > 1 {
        return None;
    }
    let records: Vec<FieldsInOrder> = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let mut laid_out = String::with_capacity(text.len() + text.len() / 4);
    laid_out.push_str("[\n");
    for (index, FieldsInOrder(fields)) in records.iter().enumerate() {
        laid_out.push_str("  {\n");
        for (field, (key, value)) in fields.iter().enumerate() {
            let comma = if field + 1 < fields.len() { "," } else { "" };
            laid_out.push_str(&format!("    {}: {}{comma}\n", serde_json::to_string(key).ok()?, serde_json::to_string(value).ok()?));
        }
        laid_out.push_str(if index + 1 < records.len() { "  },\n" } else { "  }\n" });
    }
    laid_out.push_str("]\n");
    Some(laid_out)
}

/// A JSON object's fields in the order the file gives them (serde_json's `Map` sorts them, and
/// the reader needs `username` and `date` before `html`, as exports write them).
struct FieldsInOrder(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for FieldsInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FieldsInOrder, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = FieldsInOrder;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FieldsInOrder, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, Value>()? {
                    fields.push(field);
                }
                Ok(FieldsInOrder(fields))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}
