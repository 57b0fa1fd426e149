//! WhatsApp's "Export chat" text: Android's `31/12/2020, 23:59 - Name: text` and iOS's
//! `[31/12/20, 23:59:59] Name: text`, in each locale's date order, separators and clock
//! (`12/31/20, 11:59 PM`, `[27.10.23, 22:42:29]`, `[27.10.2023 klo 14.08.18]`). Lines without a
//! stamp continue the message above. Whether the date is day or month first is decided once,
//! from the whole file. Media lines (`<Media omitted>`, `<attached: x.jpg>`, `x.jpg (file
//! attached)`, `‎image omitted`) become named placeholders, whatever the export's language.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use crate::parse::shapes::export::Extras;
use crate::model::{LineKind, SystemEvent};
use crate::parse::shapes::html::place;
use crate::parse::{is_blank, Context, Reader, Reading};

#[derive(Debug, Default)]
pub struct WhatsappReader {
    /// Day before month (`31/12`), decided from the whole file; day first until then.
    month_first: bool,
    /// How many lines each name before `: ` heads: a name said once with a quote in it is a
    /// system line's words (`Ann changed the subject to "a: b"`), not a speaker.
    speakers: HashMap<String, u32>,
    in_message: bool,
}

/// A line's stamp, read but not yet dated: the date's three numbers as written.
struct Stamped<'a> {
    numbers: [u32; 3],
    time: NaiveTime,
    twelve_hour: bool,
    /// What follows the stamp: `Name: text` or a system line's words.
    rest: &'a str,
    rest_start: usize,
}

/// Bidi marks WhatsApp puts before lines and inside them.
const MARKS: [char; 3] = ['\u{200e}', '\u{200f}', '\u{feff}'];

impl Reader for WhatsappReader {
    fn prepare(&mut self, text: &str, _context: &mut Context) {
        let (mut day_first_evidence, mut month_first_evidence, mut twelve_hour) = (0, 0, 0);
        for line in text.lines() {
            let Some(stamped) = stamp(line) else { continue };
            let [first, second, _] = stamped.numbers;
            day_first_evidence += usize::from(first > 12 && second <= 12);
            month_first_evidence += usize::from(second > 12 && first <= 12);
            twelve_hour += usize::from(stamped.twelve_hour);
            if let Some((name, _)) = stamped.rest.split_once(": ") {
                let name = name.trim_matches(MARKS);
                match self.speakers.get_mut(name) {
                    Some(count) => *count += 1,
                    None => _ = self.speakers.insert(name.to_owned(), 1),
                }
            }
        }
        // Evidence from a day past 12 decides; without it, a 12-hour clock is the US order.
        self.month_first = month_first_evidence > day_first_evidence || (month_first_evidence == day_first_evidence && twelve_hour > 0);
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(stamped) = stamp(line) else {
            return if self.in_message { Reading::whole(LineKind::Continuation, line, 1) } else { Reading::raw(line) };
        };
        let [first, second, year] = stamped.numbers;
        let (month, day) = if self.month_first { (first, second) } else { (second, first) };
        let year = if year < 100 { year + 2000 } else { year };
        let date = NaiveDate::from_ymd_opt(year as i32, month, day);
        let rest = stamped.rest;
        let speaker = rest.split_once(": ").filter(|(name, _)| {
            let name = name.trim_matches(MARKS);
            let count = self.speakers.get(name).copied().unwrap_or(0);
            !name.is_empty() && (count >= 2 || !name.contains('"'))
        });
        let reading = match speaker {
            Some((name, said)) => {
                self.in_message = true;
                let nick_start = stamped.rest_start + (name.len() - name.trim_start_matches(MARKS).len());
                let nick = nick_start..stamped.rest_start + name.trim_end_matches(MARKS).len();
                let body_start = stamped.rest_start + name.len() + 2;
                match media(said) {
                    Some(file) => {
                        let shown = Extras { attachments: vec![file], ..Extras::default() }.after("");
                        let (_, body) = place(line, None, &shown, context);
                        Reading { kind: LineKind::Message, date, time: Some(stamped.time), nick: Some(nick), body, confidence: 2 }
                    }
                    None => {
                        let body = body_start + (said.len() - said.trim_start_matches(MARKS).len())..line.len();
                        let system = said.starts_with(MARKS) && said.split_whitespace().count() > 2;
                        let kind = if system { LineKind::System(SystemEvent::Other) } else { LineKind::Message };
                        Reading { kind, date, time: Some(stamped.time), nick: Some(nick), body, confidence: 2 }
                    }
                }
            }
            None => {
                self.in_message = false;
                let body = stamped.rest_start + (rest.len() - rest.trim_start_matches(MARKS).len())..line.len();
                Reading { kind: LineKind::System(SystemEvent::Other), date, time: Some(stamped.time), nick: None, body, confidence: 2 }
            }
        };
        reading
    }
}

/// The stamp at the start of `line`: `[d/m/y, h:mm:ss]` then a space, or `d/m/y, h:mm - `.
fn stamp(line: &str) -> Option<Stamped<'_>> {
    let start = line.len() - line.trim_start_matches(MARKS).len();
    let bytes = line.as_bytes();
    let bracketed = bytes.get(start) == Some(&b'[');
    let mut at = start + usize::from(bracketed);
    let mut numbers = [0u32; 3];
    let mut separator = None;
    for (index, number) in numbers.iter_mut().enumerate() {
        let digits = bytes[at..].iter().take_while(|byte| byte.is_ascii_digit()).count();
        if !(1..=4).contains(&digits) || (index < 2 && digits > 2) {
            return None;
        }
        *number = line[at..at + digits].parse().ok()?;
        at += digits;
        if index < 2 {
            let this = *bytes.get(at).filter(|byte| matches!(byte, b'/' | b'.' | b'-'))?;
            if separator.is_some_and(|separator| separator != this) {
                return None;
            }
            separator = Some(this);
            at += 1;
        }
    }
    // `, ` or ` ` (and Finnish `klo`) between the date and the time.
    at += usize::from(bytes.get(at) == Some(&b','));
    let after_date = line[at..].trim_start();
    let after_date = after_date.strip_prefix("klo ").unwrap_or(after_date);
    at = line.len() - after_date.len();
    let (time, twelve_hour, length) = clock(after_date)?;
    at += length;
    let rest_start = if bracketed {
        let closed = line[at..].strip_prefix(']')?;
        line.len() - closed.strip_prefix(' ').unwrap_or(closed).len()
    } else {
        let rest = line[at..].strip_prefix(" - ")?;
        line.len() - rest.len()
    };
    Some(Stamped { numbers, time, twelve_hour, rest: &line[rest_start..], rest_start })
}

/// `23:59`, `23:59:59`, `14.08.18` or `11:59 PM` (any space before it, `a.m.` too): the time,
/// whether the clock is 12-hour, and the bytes read.
fn clock(text: &str) -> Option<(NaiveTime, bool, usize)> {
    let bytes = text.as_bytes();
    let mut parts = [0u32; 3];
    let mut at = 0;
    let mut n_parts = 0;
    while n_parts < 3 {
        let digits = bytes[at..].iter().take_while(|byte| byte.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) {
            break;
        }
        parts[n_parts] = text[at..at + digits].parse().ok()?;
        at += digits;
        n_parts += 1;
        if n_parts < 3 && matches!(bytes.get(at), Some(b':' | b'.')) && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            at += 1;
        } else {
            break;
        }
    }
    if n_parts < 2 {
        return None;
    }
    let [mut hour, minute, second] = parts;
    // A 12-hour clock's mark: after a space, a no-break or narrow no-break space.
    let after = &text[at..];
    let spaced = after.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let lower: String = spaced.chars().take(4).collect::<String>().to_ascii_lowercase();
    let mark = [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)].into_iter().find(|(mark, _)| lower.starts_with(mark));
    let mut twelve_hour = false;
    if let Some((mark, afternoon)) = mark.filter(|_| spaced.len() < after.len()) {
        twelve_hour = true;
        hour = hour % 12 + if afternoon { 12 } else { 0 };
        at = text.len() - spaced.len() + mark.len();
    }
    Some((NaiveTime::from_hms_opt(hour, minute, second)?, twelve_hour, at))
}

/// The attachment a media line names: `<attached: x.jpg>` (and its translations), `<Media
/// omitted>`, `x.jpg (file attached)`, or iOS's `‎image omitted` (a bidi mark, then two words).
fn media(said: &str) -> Option<String> {
    let marked = said.starts_with(MARKS);
    let said = said.trim_matches(MARKS).trim();
    if let Some(inside) = said.strip_prefix('<').and_then(|said| said.strip_suffix('>')) {
        return Some(match inside.split_once(": ") {
            Some((_, name)) => name.trim_matches(MARKS).to_owned(),
            None => inside.to_owned(),
        });
    }
    if marked && said.split_whitespace().count() <= 2 {
        return Some(said.to_owned());
    }
    if let Some((name, note)) = said.split_once(" (") {
        let is_file = !name.contains(' ') && name.rsplit_once('.').is_some_and(|(_, extension)| (1..=5).contains(&extension.len()));
        if is_file && note.ends_with(')') {
            return Some(name.to_owned());
        }
    }
    None
}
