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
    /// How many lines each name with a quote in it heads (before `: `): such a name said once is
    /// a system line's words (`Ann changed the subject to "a: b"`), not a speaker.
    speakers: HashMap<String, u32>,
    in_message: bool,
    /// Each line's stamp, read once by `prepare` for the whole file and again by `read`.
    stamps: Vec<Option<Stamp>>,
}

/// A line's stamp, read but not yet dated: the date's three numbers as written.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    numbers: [u16; 3],
    time: NaiveTime,
    twelve_hour: bool,
    /// Where what follows the stamp starts: `Name: text` or a system line's words.
    rest_start: u32,
}

/// The bidi marks WhatsApp puts before lines and inside them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{feff}')
}

/// The value of `digits` (ASCII digits, at most 4 of them here).
fn number_of(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
}

impl Reader for WhatsappReader {
    fn prepare(&mut self, text: &str, _context: &mut Context) {
        let (mut day_first_evidence, mut month_first_evidence, mut twelve_hour) = (0, 0, 0);
        for line in crate::parse::lines::line_ranges(text).map(|range| &text[range]) {
            let stamped = stamp(line);
            self.stamps.push(stamped);
            let Some(stamped) = stamped else { continue };
            let [first, second, _] = stamped.numbers;
            day_first_evidence += usize::from(first > 12 && second <= 12);
            month_first_evidence += usize::from(second > 12 && first <= 12);
            twelve_hour += usize::from(stamped.twelve_hour);
            // Only a name with a quote in it needs counting (see `speakers`).
            if let Some((name, _)) = name_and_said(&line[stamped.rest_start as usize..]).filter(|(name, _)| name.contains('"')) {
                let name = name.trim_matches(is_mark);
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
        // Detection reads lines without `prepare`.
        let stamped = self.stamps.get(context.line_index as usize).map_or_else(|| stamp(line), |stamped| *stamped);
        let Some(stamped) = stamped else {
            return if self.in_message { Reading::whole(LineKind::Continuation, line, 1) } else { Reading::raw(line) };
        };
        let [first, second, year] = stamped.numbers.map(u32::from);
        let (month, day) = if self.month_first { (first, second) } else { (second, first) };
        let year = if year < 100 { year + 2000 } else { year };
        let date = NaiveDate::from_ymd_opt(year as i32, month, day);
        let rest_start = stamped.rest_start as usize;
        let rest = &line[rest_start..];
        let speaker = name_and_said(rest).filter(|(name, _)| {
            let name = name.trim_matches(is_mark);
            !name.is_empty() && (!name.contains('"') || self.speakers.get(name).is_some_and(|count| *count >= 2))
        });
        let reading = match speaker {
            Some((name, said)) => {
                self.in_message = true;
                let nick_start = rest_start + (name.len() - name.trim_start_matches(is_mark).len());
                let nick = nick_start..rest_start + name.trim_end_matches(is_mark).len();
                let body_start = rest_start + name.len() + 2;
                match media(said) {
                    Some(file) => {
                        let shown = Extras { attachments: vec![file], ..Extras::default() }.after("");
                        let (_, body) = place(line, None, &shown, context);
                        Reading { kind: LineKind::Message, date, time: Some(stamped.time), nick: Some(nick), body, confidence: 2 }
                    }
                    None => {
                        let body = body_start + (said.len() - said.trim_start_matches(is_mark).len())..line.len();
                        let system = said.starts_with(is_mark) && said.split_whitespace().count() > 2;
                        let kind = if system { LineKind::System(SystemEvent::Other) } else { LineKind::Message };
                        Reading { kind, date, time: Some(stamped.time), nick: Some(nick), body, confidence: 2 }
                    }
                }
            }
            None => {
                self.in_message = false;
                let body = rest_start + (rest.len() - rest.trim_start_matches(is_mark).len())..line.len();
                Reading { kind: LineKind::System(SystemEvent::Other), date, time: Some(stamped.time), nick: None, body, confidence: 2 }
            }
        };
        reading
    }
}

/// `Name: text` split at its first `: ` (memchr: this runs on every line of the file).
fn name_and_said(rest: &str) -> Option<(&str, &str)> {
    let bytes = rest.as_bytes();
    let colon = memchr::memchr_iter(b':', bytes).find(|at| bytes.get(at + 1) == Some(&b' '))?;
    Some((&rest[..colon], &rest[colon + 2..]))
}

/// The stamp at the start of `line`: `[d/m/y, h:mm:ss]` then a space, or `d/m/y, h:mm - `.
fn stamp(line: &str) -> Option<Stamp> {
    let start = line.len() - line.trim_start_matches(is_mark).len();
    let bytes = line.as_bytes();
    let bracketed = bytes.get(start) == Some(&b'[');
    let mut at = start + usize::from(bracketed);
    let mut numbers = [0u16; 3];
    let mut separator = None;
    for (index, number) in numbers.iter_mut().enumerate() {
        let digits = bytes[at..].iter().take_while(|byte| byte.is_ascii_digit()).count();
        if !(1..=4).contains(&digits) || (index < 2 && digits > 2) {
            return None;
        }
        *number = number_of(&bytes[at..at + digits]) as u16;
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
    Some(Stamp { numbers, time, twelve_hour, rest_start: u32::try_from(rest_start).ok()? })
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
        parts[n_parts] = number_of(&bytes[at..at + digits]);
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
    let marked = |mark: &str| spaced.as_bytes().get(..mark.len()).is_some_and(|start| start.eq_ignore_ascii_case(mark.as_bytes()));
    let mark = [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)].into_iter().find(|(mark, _)| marked(mark));
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
    let marked = said.starts_with(is_mark);
    let said = said.trim_matches(is_mark).trim();
    if let Some(inside) = said.strip_prefix('<').and_then(|said| said.strip_suffix('>')) {
        return Some(match inside.split_once(": ") {
            Some((_, name)) => name.trim_matches(is_mark).to_owned(),
            None => inside.to_owned(),
        });
    }
    if marked && said.split_whitespace().count() <= 2 {
        return Some(said.to_owned());
    }
    if let Some((name, note)) = said.ends_with(')').then(|| said.split_once(" (")).flatten() {
        let is_file = !name.contains(' ') && name.rsplit_once('.').is_some_and(|(_, extension)| (1..=5).contains(&extension.len()));
        if is_file && note.ends_with(')') {
            return Some(name.to_owned());
        }
    }
    None
}
