//! Reads a log in a line shape no hand-written reader knows: the file's line template (prefix
//! columns such as a channel, a date and a clock, then the speaker's shape) is learned from
//! samples of the file, then every line is read with it.
//!
//! A template is a list of [`Column`]s (each a bare field or a bracketed group of fields, one of
//! which must tell the time) and a [`Speaker`] shape. Learning tries, on every sampled line, each
//! prefix of its columns followed by each speaker shape, and keeps the pairing that reads the
//! most lines (then the one whose speaker varies most); it must stamp half the sample, find
//! three messages and two speakers, so prose and code stay plain text. Lines the template does
//! not fit are read as events (`-!-`, `* nick`), session markers or raw lines, and the parse
//! loop makes a raw line after a message its continuation.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use super::irc::{self, after_spaces, skip_spaces, without_user_and_host, word_at};
use super::{is_blank, Context, Reader, Reading};
use crate::model::{LineKind, SystemEvent};

/// Columns tried before the speaker: enough for `Tue May 29 21:20:37 2018 #rust`.
const MAX_COLUMNS: usize = 6;

/// Distinct nicks counted per candidate template, to tell a speaker column from a constant one.
const MAX_NICKS_SEEN: usize = 16;

/// The longest nick a speaker shape accepts, in bytes.
const MAX_NICK: usize = 40;

/// What one field of the line's prefix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    /// `2018-05-29`, `2018/05/29`, `2018.05.29`.
    YearFirstDate,
    /// `29.05.2018`, `29-05-2018`, `5/29/2018`: day and month in the template's order.
    YearLastDate,
    /// `21:20`, `21:20:37`, `21:20:37.123`, `21:20:37+0200`, `09:20:37 PM`.
    Clock,
    /// `2018-05-29T21:20:37`, with an optional fraction and zone.
    DateTime,
    /// Seconds or milliseconds since 1970.
    Epoch,
    /// Anything else without spaces: a channel, a network, a weekday.
    Word,
}

impl Field {
    fn tells_time(self) -> bool {
        matches!(self, Field::Clock | Field::DateTime | Field::Epoch)
    }

    fn name(self) -> &'static str {
        match self {
            Field::YearFirstDate | Field::YearLastDate => "date",
            Field::Clock => "time",
            Field::DateTime => "date-time",
            Field::Epoch => "epoch",
            Field::Word => "word",
        }
    }
}

/// One column of the prefix: a bare field, or fields inside `[…]`, `(…)` or `<…>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Column {
    brackets: Option<(u8, u8)>,
    fields: Vec<Field>,
}

/// A field as read from one line.
#[derive(Debug, Clone, Copy)]
struct FieldValue {
    field: Field,
    /// A date whose day and month order is not known yet: `(first, second, year)`.
    numbers: Option<(u32, u32, i32)>,
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    span: (usize, usize),
}

/// How the speaker is written after the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Speaker {
    /// `<nick> text`, `<@nick> text`, `< nick> text`.
    Angle,
    /// `nick: text`.
    Colon,
    /// `[nick] text`.
    Square,
    /// `(nick) text`.
    Paren,
    /// `nick<TAB>text`.
    Tab,
    /// `nick | text`, `nick - text`, `nick > text`: a word, then a separator on its own.
    Separated(u8),
}

impl Speaker {
    const ALL: [Speaker; 8] = [
        Speaker::Angle,
        Speaker::Colon,
        Speaker::Square,
        Speaker::Paren,
        Speaker::Tab,
        Speaker::Separated(b'|'),
        Speaker::Separated(b'-'),
        Speaker::Separated(b'>'),
    ];

    fn name(self) -> &'static str {
        match self {
            Speaker::Angle => "<nick>",
            Speaker::Colon => "nick:",
            Speaker::Square => "[nick]",
            Speaker::Paren => "(nick)",
            Speaker::Tab => "nick⇥",
            Speaker::Separated(b'|') => "nick |",
            Speaker::Separated(b'-') => "nick -",
            Speaker::Separated(_) => "nick >",
        }
    }

    /// The nick and the text of a message in this shape; ranges are relative to `rest`.
    fn read(self, rest: &str) -> Option<(Range<usize>, Range<usize>)> {
        let bytes = rest.as_bytes();
        let (nick, after) = match self {
            Speaker::Angle => {
                let utterance = irc::utterance(rest).filter(|utterance| utterance.kind == LineKind::Message)?;
                return Some((without_user_and_host(rest, utterance.nick?), utterance.body));
            }
            Speaker::Colon => {
                let word = word_at(rest, 0)?;
                if !rest[word.clone()].ends_with(':') {
                    return None;
                }
                (word.start..word.end - 1, word.end)
            }
            Speaker::Square | Speaker::Paren => {
                let (open, close) = if self == Speaker::Square { (b'[', b']') } else { (b'(', b')') };
                if bytes.first() != Some(&open) {
                    return None;
                }
                let end = memchr::memchr(close, &bytes[..bytes.len().min(MAX_NICK + 2)])?;
                // The text starts after a space, or the line ends.
                if bytes.get(end + 1).is_some_and(|byte| *byte != b' ' && *byte != b'\t') {
                    return None;
                }
                (1..end, end + 1)
            }
            Speaker::Tab => {
                let tab = memchr::memchr(b'\t', bytes)?;
                (0..tab, tab + 1)
            }
            Speaker::Separated(separator) => {
                let word = word_at(rest, 0)?;
                let after = skip_spaces(rest, word.end);
                let is_alone = bytes.get(after) == Some(&separator) && bytes.get(after + 1).is_none_or(|byte| *byte == b' ');
                if after == word.end || !is_alone {
                    return None;
                }
                (word, after + 1)
            }
        };
        let nick = without_user_and_host(rest, strip_mode(rest, nick));
        is_nick(&rest[nick.clone()]).then(|| (nick, after_spaces(rest, after)))
    }
}

/// How much of the sample a pairing of columns and speaker shape reads.
#[derive(Default)]
struct Support<'a> {
    n_lines: usize,
    /// The first few nicks it finds.
    nicks: Vec<&'a str>,
}

/// A learned line template: the prefix columns and the speaker's shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Template {
    columns: Vec<Column>,
    speaker: Speaker,
    /// A year-last date (`05/06/2018`) is day first.
    day_first: bool,
    /// What a person reads: `channel · date · [time] · <nick>`.
    description: String,
}

impl Template {
    /// Learns the template that reads the most of `sample` (lines of `text`), if it reads
    /// enough of it to be a chat log.
    pub fn learn(sample: &[&str], text: &str) -> Option<Template> {
        let lines: Vec<&str> = sample.iter().copied().filter(|line| !is_blank(line)).collect();
        let mut candidates: HashMap<(Vec<Column>, Speaker), Support> = HashMap::new();
        for line in &lines {
            let mut columns: Vec<Column> = Vec::new();
            let mut values: Vec<FieldValue> = Vec::new();
            let mut position = 0;
            loop {
                if columns.iter().any(|column| column.fields.iter().any(|field| field.tells_time())) {
                    let rest = &line[skip_spaces(line, position)..];
                    for speaker in Speaker::ALL {
                        if let Some((nick, _)) = speaker.read(rest) {
                            let support = candidates.entry((columns.clone(), speaker)).or_default();
                            support.n_lines += 1;
                            if support.nicks.len() < MAX_NICKS_SEEN && !support.nicks.contains(&&rest[nick.clone()]) {
                                support.nicks.push(&rest[nick]);
                            }
                        }
                    }
                }
                if columns.len() == MAX_COLUMNS {
                    break;
                }
                values.clear();
                let Some((brackets, end)) = scan_column(line, skip_spaces(line, position), &mut values) else { break };
                columns.push(Column { brackets, fields: values.iter().map(|value| value.field).collect() });
                position = end;
            }
        }
        // Most lines read; then the speaker column that varies most (`[#rust] <bob>`: the
        // channel is the same on every line, the speaker is not); then fewer columns; then the
        // speaker shapes in their listed order.
        let ((columns, speaker), _) = candidates.into_iter().max_by(|(left, left_support), (right, right_support)| {
            left_support
                .n_lines
                .cmp(&right_support.n_lines)
                .then(left_support.nicks.len().cmp(&right_support.nicks.len()))
                .then(right.0.len().cmp(&left.0.len()))
                .then(right.1.cmp(&left.1))
        })?;
        let mut template = Template { columns, speaker, day_first: true, description: String::new() };
        template.check(&lines, text).then_some(template)
    }

    /// Reads the sample again with the chosen template: true if it is a chat log's template
    /// (half the lines stamped; a fifth messages or events, which a channel's log may be mostly;
    /// three messages, and two speakers, looked for in the first lines of `text` if the sample
    /// has one). Settles the order of day and month and writes the description.
    fn check(&mut self, lines: &[&str], text: &str) -> bool {
        let (mut n_stamped, mut n_messages, mut n_events) = (0, 0, 0);
        let mut speakers: Vec<&str> = Vec::new();
        let n_fields = self.columns.iter().map(|column| column.fields.len()).sum();
        let mut words: Vec<Vec<&str>> = vec![Vec::new(); n_fields];
        let (mut day_first_votes, mut month_first_votes) = (0, 0);
        let mut values = Vec::new();
        for line in lines {
            let Ok(rest_start) = self.match_columns(line, &mut values) else { continue };
            n_stamped += 1;
            for (index, value) in values.iter().enumerate() {
                if let Some((first, second, _)) = value.numbers {
                    day_first_votes += usize::from(first > 12);
                    month_first_votes += usize::from(second > 12);
                }
                let word = &line[value.span.0..value.span.1];
                if value.field == Field::Word && words[index].len() < 64 && !words[index].contains(&word) {
                    words[index].push(word);
                }
            }
            let rest = &line[rest_start..];
            if let Some((nick, _)) = self.speaker.read(rest) {
                n_messages += 1;
                if speakers.len() < 2 && !speakers.contains(&&rest[nick.clone()]) {
                    speakers.push(&rest[nick]);
                }
            } else if let Some((kind, nick, _)) = event(rest) {
                n_events += 1;
                // A notice's sender or an action's actor speaks too.
                if let Some(nick) = nick.filter(|_| matches!(kind, LineKind::Action | LineKind::Notice)) {
                    if speakers.len() < 2 && !speakers.contains(&&rest[nick.clone()]) {
                        speakers.push(&rest[nick]);
                    }
                }
            }
        }
        let slash_dates = self.columns.iter().flat_map(|column| &column.fields).any(|field| *field == Field::YearLastDate);
        self.day_first = day_first_votes > month_first_votes || (day_first_votes == month_first_votes && !(slash_dates && self.slash_separated(lines)));
        self.description = self.describe(&words);
        let reads_a_log = n_messages >= 3 && n_stamped * 2 >= lines.len() && (n_messages + n_events) * 5 >= lines.len();
        reads_a_log && (speakers.len() >= 2 || speakers.first().is_some_and(|first| self.finds_another_speaker(text, first)))
    }

    /// Whether someone other than `speaker` has a message in the first lines of `text`: a channel
    /// where one bot speaks for pages is still a channel.
    fn finds_another_speaker(&self, text: &str, speaker: &str) -> bool {
        const LINES_LOOKED_AT: usize = 20_000;
        let mut values = Vec::new();
        super::lines::line_ranges(text).take(LINES_LOOKED_AT).any(|range| {
            let line = &text[range];
            let Ok(rest_start) = self.match_columns(line, &mut values) else { return false };
            let rest = &line[rest_start..];
            self.speaker.read(rest).is_some_and(|(nick, _)| &rest[nick] != speaker)
        })
    }

    /// Whether the template's year-last dates are written with slashes (`05/29/2018`, the US order).
    fn slash_separated(&self, lines: &[&str]) -> bool {
        let mut values = Vec::new();
        lines.iter().find_map(|line| {
            self.match_columns(line, &mut values).ok()?;
            let value = values.iter().find(|value| value.field == Field::YearLastDate)?;
            Some(line[value.span.0..value.span.1].contains('/'))
        }) == Some(true)
    }

    fn describe(&self, words: &[Vec<&str>]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut field_index = 0;
        for column in &self.columns {
            let mut names: Vec<&str> = Vec::new();
            for field in &column.fields {
                names.push(match field {
                    Field::Word => word_column_name(&words[field_index], field_index),
                    field => field.name(),
                });
                field_index += 1;
            }
            let inner = names.join(" ");
            parts.push(match column.brackets {
                Some((open, close)) => format!("{}{inner}{}", open as char, close as char),
                None => inner,
            });
        }
        parts.push(self.speaker.name().to_owned());
        parts.join(" · ")
    }

    /// Reads every column into `values` (cleared first): where the rest of the line starts, or,
    /// when a column does not match, where the line stops matching (`values` then holds the
    /// columns before it).
    fn match_columns(&self, line: &str, values: &mut Vec<FieldValue>) -> Result<usize, usize> {
        values.clear();
        let mut position = 0;
        for column in &self.columns {
            let start = skip_spaces(line, position);
            let first = values.len();
            match scan_column(line, start, values) {
                Some((brackets, end))
                    if brackets == column.brackets
                        && values.len() - first == column.fields.len()
                        && values[first..].iter().zip(&column.fields).all(|(value, field)| value.field == *field) =>
                {
                    position = end;
                }
                _ => {
                    values.truncate(first);
                    return Err(start);
                }
            }
        }
        Ok(skip_spaces(line, position))
    }

    /// The date and time the values tell.
    fn stamp(&self, line: &str, values: &[FieldValue]) -> (Option<NaiveDate>, Option<NaiveTime>) {
        let mut date = None;
        let mut time = None;
        for value in values {
            if let Some((first, second, year)) = value.numbers {
                let (day, month) = if self.day_first { (first, second) } else { (second, first) };
                date = NaiveDate::from_ymd_opt(year, month, day).or(date);
            }
            date = value.date.or(date);
            time = value.time.or(time);
        }
        (date.or_else(|| written_out_date(line, values)), time)
    }

    /// The description a person reads: `channel · date · [time] · <nick>`.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// How many of the non-blank `lines` the template reads (as a message, an event or a
    /// stamped line), and how many of them are someone's messages.
    pub fn count_read(&self, lines: &[&str]) -> (usize, usize) {
        let mut reader = InferredReader { template: Some(self.clone()), values: Vec::new() };
        let mut context = Context::default();
        let (mut n_read, mut n_spoken) = (0, 0);
        for line in lines.iter().filter(|line| !is_blank(line)) {
            let reading = reader.read(line, &mut context);
            n_read += usize::from(reading.confidence > 0);
            n_spoken += usize::from(reading.kind == LineKind::Message && reading.nick.is_some());
        }
        (n_read, n_spoken)
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The index in `names` of a word that is one of them, or starts like one (`May`, `June`, `Tue,`).
fn named_in(names: &[&str], word: &str) -> Option<usize> {
    let word = word.trim_end_matches([',', '.']);
    if !(3..=9).contains(&word.len()) || !word.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return None;
    }
    names.iter().position(|name| word[..3].eq_ignore_ascii_case(name))
}

/// `Tue 29 May 2018`, `May 29, 2018`, `Tue May 29 21:20:37 2018`: a month's name, a day and a
/// year among the word fields.
fn written_out_date(line: &str, values: &[FieldValue]) -> Option<NaiveDate> {
    let (mut year, mut month, mut day) = (None, None, None);
    for value in values.iter().filter(|value| value.field == Field::Word) {
        let word = line[value.span.0..value.span.1].trim_end_matches(',');
        if let Some(index) = named_in(&MONTHS, word) {
            month = Some(index as u32 + 1);
        } else if let Ok(number) = word.parse::<u32>() {
            match word.len() {
                4 => year = Some(number as i32),
                1 | 2 => day = Some(number),
                _ => {}
            }
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// What a column of words holds, from its values: a separator (`|`), a weekday, a month, a day or a year of a
/// written-out date, a zone, or a channel (channel names, or a handful of values leading the
/// line: a logger's channel or network column).
fn word_column_name(words: &[&str], index: usize) -> &'static str {
    let all = |test: &dyn Fn(&str) -> bool| !words.is_empty() && words.iter().all(|word| test(word));
    let number = |word: &str| word.parse::<u32>().ok();
    // A separator between columns is shown as it is written.
    if let [separator] = words {
        match *separator {
            "|" => return "|",
            "-" => return "-",
            ">" => return ">",
            _ => {}
        }
    }
    if all(&|word| named_in(&WEEKDAYS, word).is_some()) {
        "weekday"
    } else if all(&|word| named_in(&MONTHS, word).is_some()) {
        "month"
    } else if all(&|word| number(word.trim_end_matches(',')).is_some_and(|day| (1..=31).contains(&day))) {
        "day"
    } else if all(&|word| word.len() == 4 && number(word).is_some_and(|year| (1970..=2100).contains(&year))) {
        "year"
    } else if all(&|word| (word.starts_with('+') || word.starts_with('-')) && word.len() >= 3 && word[1..].bytes().all(|byte| byte.is_ascii_digit() || byte == b':')) {
        "zone"
    } else if all(&|word| word.starts_with('#') || word.starts_with('&')) || (index == 0 && !words.is_empty() && words.len() <= 5) {
        "channel"
    } else {
        "word"
    }
}

/// One column at `start`, a group of fields in brackets (`[…]`, `(…)`, `<…>`) or one bare field: its values are pushed
/// onto `values`, and its brackets and where it ends are returned. On no column, `values` is
/// left as it was.
fn scan_column(line: &str, start: usize, values: &mut Vec<FieldValue>) -> Option<(Option<(u8, u8)>, usize)> {
    let bytes = line.as_bytes();
    let open = *bytes.get(start)?;
    let close = match open {
        b'[' => b']',
        b'(' => b')',
        b'<' => b'>',
        _ => {
            let (value, end) = scan_field(line, start, line.len())?;
            values.push(value);
            return Some((None, end));
        }
    };
    let end = start + 1 + memchr::memchr(close, &bytes[start + 1..])?;
    let first = values.len();
    let mut position = start + 1;
    while position < end {
        let Some((value, field_end)) = scan_field(line, position, end) else {
            values.truncate(first);
            return None;
        };
        values.push(value);
        position = field_end;
        while position < end && bytes[position] == b' ' {
            position += 1;
        }
    }
    // A bracketed column tells a time or a date, or holds one word (`[#rust]`); a bracketed
    // phrase is text. `<…>` holds a stamp and nothing else (`<2018-05-29 21:20:37>`): `<nick>`
    // is a speaker.
    let n_words = values[first..].iter().filter(|value| value.field == Field::Word).count();
    let n_fields = values.len() - first;
    if (n_words == n_fields && n_fields > 1) || (open == b'<' && n_words > 0) {
        values.truncate(first);
        return None;
    }
    Some((Some((open, close)), end + 1))
}

/// One field from `start` to the next space or TAB (or `limit`, a bracket's end), with a
/// clock's `AM`/`PM` after it.
fn scan_field(line: &str, start: usize, limit: usize) -> Option<(FieldValue, usize)> {
    let bytes = line.as_bytes();
    let token_end = start + bytes[start..limit].iter().position(|byte| *byte == b' ' || *byte == b'\t').unwrap_or(limit - start);
    if token_end == start {
        return None;
    }
    let token = &line[start..token_end];
    // An event's marker (`***`, `-->`) starts what the line says; it is no prefix column.
    if is_event_marker(token) {
        return None;
    }
    let mut value = FieldValue { field: Field::Word, numbers: None, date: None, time: None, span: (start, token_end) };
    let mut end = token_end;
    if let Some((date, time)) = date_time(token) {
        value = FieldValue { field: Field::DateTime, date: Some(date), time: Some(time), ..value };
    } else if let Some(date) = year_first_date(token) {
        value = FieldValue { field: Field::YearFirstDate, date: Some(date), ..value };
    } else if let Some(numbers) = year_last_date(token) {
        value = FieldValue { field: Field::YearLastDate, numbers: Some(numbers), ..value };
    } else if let Some((time, meridiem_in_token)) = clock_token(token) {
        value = FieldValue { field: Field::Clock, time: Some(time), ..value };
        // `09:20:37 PM`: the meridiem is the next token.
        if !meridiem_in_token {
            let next = &line[token_end..limit];
            if let Some(after) = next.strip_prefix(' ') {
                if let Some(pm) = meridiem(after.split([' ', '\t']).next().unwrap_or("")) {
                    value.time = Some(twelve_hour(time, pm));
                    end = token_end + 3;
                    value.span.1 = end;
                }
            }
        }
    } else if let Some((date, time)) = epoch(token) {
        value = FieldValue { field: Field::Epoch, date: Some(date), time: Some(time), ..value };
    } else if let Some((time, length)) = glued_clock(token) {
        // `11:34< nick>`, `11:33::: nick has joined`: the speaker follows the clock with no space.
        end = start + length;
        value = FieldValue { field: Field::Clock, time: Some(time), span: (start, end), ..value };
    }
    Some((value, end))
}

/// `2018-05-29T21:20:37`, `2018-05-29T21:20:37.555Z`, `2018-05-29T21:20+02:00`, and the
/// basic form `20180529T212037+0200`.
fn date_time(token: &str) -> Option<(NaiveDate, NaiveTime)> {
    if let Some(basic) = basic_date_time(token) {
        return Some(basic);
    }
    let date = super::time::year_month_day(token.as_bytes())?;
    let rest = token.get(10..)?.strip_prefix(['T', 't'])?;
    let (time, length) = super::time::clock(rest.as_bytes())?;
    is_fraction_and_zone(&rest[length..]).then_some((date, time))
}

/// `20180529T212037`, `20180529T2120`, with an optional fraction and zone.
fn basic_date_time(token: &str) -> Option<(NaiveDate, NaiveTime)> {
    let bytes = token.as_bytes();
    let number = |range: Range<usize>| -> Option<u32> { token.get(range)?.parse().ok() };
    if bytes.get(8) != Some(&b'T') || !bytes[..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?)?;
    let n_digits = bytes[9..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    let second = match n_digits {
        6 => number(13..15)?,
        4 => 0,
        _ => return None,
    };
    let time = NaiveTime::from_hms_opt(number(9..11)?, number(11..13)?, second)?;
    is_fraction_and_zone(&token[9 + n_digits..]).then_some((date, time))
}

/// A clock at the start of a token that goes on with punctuation: the time and its length.
fn glued_clock(token: &str) -> Option<(NaiveTime, usize)> {
    let (time, length) = super::time::clock(token.as_bytes())?;
    token.as_bytes().get(length).is_some_and(u8::is_ascii_punctuation).then_some((time, length))
}

/// `2018-05-29`, `2018/05/29`, `2018.05.29`.
fn year_first_date(token: &str) -> Option<NaiveDate> {
    let (year, month, day) = three_numbers(token)?;
    (year.len() == 4 && month.len() <= 2 && day.len() <= 2).then_some(())?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// `29.05.2018`, `29-05-2018`, `5/29/2018`: `(first, second, year)`, the order settled later.
fn year_last_date(token: &str) -> Option<(u32, u32, i32)> {
    let (first, second, year) = three_numbers(token)?;
    (year.len() == 4 && first.len() <= 2 && second.len() <= 2).then_some(())?;
    let numbers = (first.parse().ok()?, second.parse().ok()?, year.parse().ok()?);
    // Either order must make a date.
    let valid = |day: u32, month: u32| NaiveDate::from_ymd_opt(numbers.2, month, day).is_some();
    (valid(numbers.0, numbers.1) || valid(numbers.1, numbers.0)).then_some(numbers)
}

/// Three runs of digits joined by one of `-`, `/`, `.`, the same twice.
fn three_numbers(token: &str) -> Option<(&str, &str, &str)> {
    let separator = token.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let mut parts = token.split(separator);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    (parts.next().is_none() && all_digits(first) && all_digits(second) && all_digits(third)).then_some((first, second, third))
}

/// `21:20`, `21:20:37`, `21:20:37.123`, `21:20:37Z`, `21:20:37+0200`, `9:20PM`: the time, and
/// whether the token held its meridiem.
fn clock_token(token: &str) -> Option<(NaiveTime, bool)> {
    if let Some(time) = dotted_clock(token) {
        return Some((time, false));
    }
    let (time, length) = super::time::clock(token.as_bytes())?;
    let rest = &token[length..];
    if let Some(pm) = meridiem(rest) {
        return Some((twelve_hour(time, pm), true));
    }
    is_fraction_and_zone(rest).then_some((time, false))
}

/// `21.20` or `21.20.37`, as Finnish and Danish write a time: two digits in each part.
fn dotted_clock(token: &str) -> Option<NaiveTime> {
    let mut parts = token.split('.');
    let mut number = || -> Option<u32> { parts.next().filter(|part| part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit()))?.parse().ok() };
    let (hour, minute) = (number()?, number()?);
    let second = if token.len() == 8 { number()? } else { 0 };
    (token.len() == 5 || token.len() == 8).then_some(())?;
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// What may follow a clock in one token: `.123`, `,123`, then `Z`, `+02:00` or `-0500`.
fn is_fraction_and_zone(rest: &str) -> bool {
    let rest = match rest.strip_prefix(['.', ',']) {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    match rest.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', digits @ ..] => {
            let digits: Vec<u8> = digits.iter().copied().filter(|byte| *byte != b':').collect();
            (digits.len() == 4 || digits.len() == 2) && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `AM`/`PM` in either case: true for PM.
fn meridiem(token: &str) -> Option<bool> {
    match token.to_ascii_uppercase().as_str() {
        "AM" => Some(false),
        "PM" => Some(true),
        _ => None,
    }
}

fn twelve_hour(time: NaiveTime, pm: bool) -> NaiveTime {
    use chrono::Timelike;
    let hour = time.hour() % 12 + if pm { 12 } else { 0 };
    time.with_hour(hour).unwrap_or(time)
}

/// Ten digits of seconds (`1527628837`, `1527628837.123`) or thirteen of milliseconds since
/// 1970, between 2000 and 2100.
fn epoch(token: &str) -> Option<(NaiveDate, NaiveTime)> {
    let token = match token.split_once('.') {
        Some((seconds, fraction)) if seconds.len() == 10 && !fraction.is_empty() && fraction.bytes().all(|byte| byte.is_ascii_digit()) => seconds,
        _ => token,
    };
    if !token.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = match token.len() {
        10 => token.parse().ok()?,
        13 => token.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    if !(946_684_800..4_102_444_800).contains(&seconds) {
        return None;
    }
    let moment = chrono::DateTime::from_timestamp(seconds, 0)?.naive_utc();
    Some((moment.date(), moment.time()))
}

/// `@nick`, `+nick`: the mode prefix is not part of the nick.
fn strip_mode(rest: &str, nick: Range<usize>) -> Range<usize> {
    let n_mode = rest[nick.clone()].bytes().take_while(|byte| matches!(byte, b'@' | b'+' | b'%' | b'~' | b'&')).count();
    if n_mode == nick.len() { nick } else { nick.start + n_mode..nick.end }
}

/// A plausible nick: short, no spaces, not a number, not a link or an event marker, and not
/// starting with `-` (IRC nicks never do: `-NickServ-` is a notice's sender).
fn is_nick(nick: &str) -> bool {
    !nick.is_empty()
        && !nick.starts_with('-')
        && nick.len() <= MAX_NICK
        && !nick.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        && !nick.bytes().all(|byte| byte.is_ascii_digit())
        && !nick.bytes().all(|byte| byte.is_ascii_punctuation())
        && !nick.contains("://")
}

/// The markers loggers put where the speaker goes on an event (`-->`, `<--`, `-!-`, `***`,
/// `:::`, `=!=`, `*`): a short run of punctuation, or a lone `*` or `!`. A lone `-`, `|` or `>`
/// separates columns.
fn is_event_marker(token: &str) -> bool {
    let is_run = (2..=4).contains(&token.len()) && token.bytes().all(|byte| byte.is_ascii_punctuation());
    is_run || token == "*" || token == "!"
}

/// What an event marker before `text` makes of the line: a lone `*` is an action unless its
/// words are an event's (`* bob has joined`).
fn event_marker(marker: &str, text: &str) -> Option<LineKind> {
    if !is_event_marker(marker) {
        return None;
    }
    let event = irc::system_event(text);
    Some(if marker == "*" && event == SystemEvent::Other { LineKind::Action } else { LineKind::System(event) })
}

/// An event or utterance that is not in the template's speaker shape: `* nick waves`, `-!- nick
/// has quit`, `--> nick joined`, `-nick- notice`, `<nick> text`. Ranges are relative to `rest`.
fn event(rest: &str) -> Option<(LineKind, Option<Range<usize>>, Range<usize>)> {
    if let Some(utterance) = irc::utterance(rest) {
        return Some((utterance.kind, utterance.nick, utterance.body));
    }
    // A marker column, then the event: `-->⇥nick has joined`, `<-- nick has quit`.
    let marker = rest.split([' ', '\t']).next().unwrap_or("");
    let body = after_spaces(rest, marker.len());
    if body.is_empty() {
        return None;
    }
    let kind = event_marker(marker, &rest[body.clone()])?;
    let nick = word_at(rest, body.start).filter(|nick| is_nick(&rest[nick.clone()]));
    Some((kind, nick, body))
}

/// Reads every line with the template learned from the file's samples.
#[derive(Default)]
pub(crate) struct InferredReader {
    template: Option<Template>,
    /// The line's field values, kept between lines so that reading one allocates nothing.
    values: Vec<FieldValue>,
}

impl Reader for InferredReader {
    fn prepare(&mut self, text: &str, context: &mut Context) {
        let samples = super::detect::samples(text);
        let lines: Vec<&str> = samples.into_iter().flatten().collect();
        self.template = Template::learn(&lines, text);
        context.meta.line_shape = self.template.as_ref().map(|template| template.description().to_owned());
    }

    fn read(&mut self, line: &str, context: &mut Context) -> Reading {
        if is_blank(line) {
            return Reading::blank(line);
        }
        let Some(template) = &self.template else { return Reading::raw(line) };
        let (rest_start, whole_prefix) = match template.match_columns(line, &mut self.values) {
            Ok(rest_start) => (rest_start, true),
            Err(stop) => (stop, false),
        };
        let (date, time) = template.stamp(line, &self.values);
        if date.is_some() {
            context.date = date;
        }
        let rest = &line[rest_start..];
        let shift = |range: Range<usize>| rest_start + range.start..rest_start + range.end;
        let reading = |kind, nick: Option<Range<usize>>, body: Range<usize>, confidence| Reading {
            kind,
            date,
            time,
            nick: nick.map(shift),
            body: shift(body),
            confidence,
        };
        if whole_prefix {
            if let Some((nick, body)) = template.speaker.read(rest) {
                return reading(LineKind::Message, Some(nick), body, 2);
            }
        } else if is_session_marker(line) {
            // `--- Day changed Tue May 29 2018`: the date of the lines after it.
            if let Some(date) = date_in_words(line) {
                context.date = Some(date);
            }
            return Reading::whole(LineKind::Header, line, 0);
        }
        // With neither date nor time, `* item`, `- item` and `$ make` are as often a wrapped
        // message's lists and commands as actions: only `<nick> text`, `-nick- text` and system
        // lines with a long marker (`===`, `-->`) are sure to be lines of their own.
        let unstamped = date.is_none() && time.is_none();
        let event = event(rest).filter(|(kind, _, body)| match kind {
            _ if !unstamped => true,
            LineKind::Message | LineKind::Notice => true,
            LineKind::System(_) => body.start >= 3,
            _ => false,
        });
        if let Some((kind, nick, body)) = event {
            return reading(kind, nick, body, 1);
        }
        if whole_prefix {
            let nick = word_at(rest, 0).filter(|_| irc::system_event(rest) != SystemEvent::Other);
            return reading(LineKind::System(irc::system_event(rest)), nick, 0..rest.len(), 1);
        }
        Reading::raw(line)
    }
}

/// A date anywhere among a line's words: `2018-05-29`, or a month's name with a day and a year
/// (`Tue May 29 2018`, `29 May 2018 21:20:37`).
fn date_in_words(line: &str) -> Option<NaiveDate> {
    let mut values = Vec::new();
    let mut position = skip_spaces(line, 0);
    while position < line.len() {
        let token_end = word_at(line, position).map_or(line.len(), |word| word.end);
        if let Some((value, _)) = scan_field(line, position, token_end) {
            if value.field == Field::YearFirstDate {
                return value.date;
            }
            values.push(value);
        }
        position = skip_spaces(line, token_end);
    }
    written_out_date(line, &values)
}

/// `--- Log opened …`, `**** BEGIN LOGGING AT …`, `Session Start: …`: a logger's own lines.
fn is_session_marker(line: &str) -> bool {
    line.starts_with("--- ") || line.starts_with("**** ") || line.starts_with("Session ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prefix_fields() {
        let cases: &[(&str, Field)] = &[
            ("2018-05-29", Field::YearFirstDate),
            ("2018/05/29", Field::YearFirstDate),
            ("29.05.2018", Field::YearLastDate),
            ("5/29/2018", Field::YearLastDate),
            ("21:20", Field::Clock),
            ("21.20.37", Field::Clock),
            ("29.05", Field::Word),
            ("1527628837.123", Field::Epoch),
            ("21:20:37.123", Field::Clock),
            ("21:20:37+0200", Field::Clock),
            ("9:20PM", Field::Clock),
            ("2018-05-29T21:20:37.555Z", Field::DateTime),
            ("1527628837", Field::Epoch),
            ("1527628837123", Field::Epoch),
            ("rust", Field::Word),
            ("12345", Field::Word),
            ("2018-13-45", Field::Word),
        ];
        for (token, field) in cases {
            let (value, _) = scan_field(token, 0, token.len()).unwrap();
            assert_eq!(value.field, *field, "{token}");
        }
    }

    #[test]
    fn a_meridiem_after_a_space_belongs_to_the_clock() {
        let line = "09:20:37 PM bob: hi";
        let mut values = Vec::new();
        let (_, end) = scan_column(line, 0, &mut values).unwrap();
        assert_eq!(values[0].time, NaiveTime::from_hms_opt(21, 20, 37));
        assert_eq!(&line[end..], " bob: hi");
    }

    #[test]
    fn speaker_shapes() {
        type Case<'a> = (Speaker, &'a str, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (Speaker::Angle, "<@bob> hi there", Some(("bob", "hi there"))),
            (Speaker::Colon, "bob: hi there", Some(("bob", "hi there"))),
            (Speaker::Colon, "http://x.org is down", None),
            (Speaker::Square, "[bob] hi", Some(("bob", "hi"))),
            (Speaker::Square, "[bob]hi", None),
            (Speaker::Paren, "(+bob) hi", Some(("bob", "hi"))),
            (Speaker::Tab, "bob\thi", Some(("bob", "hi"))),
            (Speaker::Tab, "bob and\thi", None),
        ];
        for (speaker, rest, expected) in cases {
            let got = speaker.read(rest).map(|(nick, body)| (&rest[nick], &rest[body]));
            assert_eq!(got, *expected, "{speaker:?} {rest:?}");
        }
    }
}
