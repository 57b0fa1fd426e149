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

mod fields;
mod speaker;

use std::collections::HashMap;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use super::shapes::irc::{self, skip_spaces, word_at};
use super::{is_blank, Context, Reader, Reading};
use crate::model::{LineKind, SystemEvent};
use fields::{date_in_words, is_weekday, month_in, scan_column, written_out_date, Field, FieldValue};
use speaker::{event, Speaker};

pub(crate) use fields::starts_with_stamp;

/// Columns tried before the speaker: enough for `Tue May 29 21:20:37 2018 #rust`.
const MAX_COLUMNS: usize = 6;

/// Distinct nicks counted per candidate template, to tell a speaker column from a constant one.
const MAX_NICKS_SEEN: usize = 16;


/// One column of the prefix: a bare field, or fields inside `[…]`, `(…)` or `<…>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Column {
    brackets: Option<(u8, u8)>,
    fields: Vec<Field>,
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

    /// How many of the samples' non-blank lines the template reads (as a message, an event or a
    /// stamped line), and how many lines of the first sample are someone's messages: the
    /// figures detection compares with the best reader's.
    pub fn count_read(&self, samples: &[Vec<&str>]) -> (usize, usize) {
        let mut reader = InferredReader { template: Some(self.clone()), values: Vec::new() };
        let mut context = Context::default();
        let (mut n_read, mut n_head_spoken) = (0, 0);
        for (index, sample) in samples.iter().enumerate() {
            for line in sample.iter().filter(|line| !is_blank(line)) {
                let reading = reader.read(line, &mut context);
                n_read += usize::from(reading.confidence > 0);
                n_head_spoken += usize::from(index == 0 && reading.kind == LineKind::Message && reading.nick.is_some());
            }
        }
        (n_read, n_head_spoken)
    }
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
        let samples = super::lines::samples(text);
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
        } else if irc::is_session_line(line) {
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
    if all(&|word| is_weekday(word)) {
        "weekday"
    } else if all(&|word| month_in(word).is_some()) {
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
