//! The fields of a line's prefix, read from one token each: dates in their common orders and
//! written out, clocks, ISO date-times, epochs, and words (a channel, a weekday, a separator).

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use super::super::shapes::irc::{skip_spaces, word_at};
use super::super::shapes::time;
use super::speaker::is_event_marker;

/// What one field of the line's prefix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
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
    pub(super) fn tells_time(self) -> bool {
        matches!(self, Field::Clock | Field::DateTime | Field::Epoch)
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Field::YearFirstDate | Field::YearLastDate => "date",
            Field::Clock => "time",
            Field::DateTime => "date-time",
            Field::Epoch => "epoch",
            Field::Word => "word",
        }
    }
}

/// A field as read from one line.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldValue {
    pub field: Field,
    /// A date whose day and month order is not known yet: `(first, second, year)`.
    pub numbers: Option<(u32, u32, i32)>,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub span: (usize, usize),
}


/// A word that names a weekday or a month, or starts like one (`Tue,`, `June`): alone, three to
/// nine letters, so `Marching` or `Sunshine` is no date.
fn as_name(word: &str) -> Option<&str> {
    let word = word.trim_end_matches([',', '.']);
    ((3..=9).contains(&word.len()) && word.bytes().all(|byte| byte.is_ascii_alphabetic())).then_some(word)
}

/// The month a word names: `May`, `June`, `dec`.
pub(super) fn month_in(word: &str) -> Option<u32> {
    time::month_number(as_name(word)?.as_bytes())
}

/// Whether a word names a weekday: `Tue`, `Tuesday,`.
pub(super) fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&[u8; 3]; 7] = [b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun"];
    as_name(word).is_some_and(|word| WEEKDAYS.iter().any(|day| day.eq_ignore_ascii_case(&word.as_bytes()[..3])))
}

/// `Tue 29 May 2018`, `May 29, 2018`, `Tue May 29 21:20:37 2018`: a month's name, a day and a
/// year among the word fields.
pub(super) fn written_out_date(line: &str, values: &[FieldValue]) -> Option<NaiveDate> {
    let (mut year, mut month, mut day) = (None, None, None);
    for value in values.iter().filter(|value| value.field == Field::Word) {
        let word = line[value.span.0..value.span.1].trim_end_matches(',');
        if let Some(number) = month_in(word) {
            month = Some(number);
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

/// One column at `start`, a group of fields in brackets (`[…]`, `(…)`, `<…>`) or one bare field: its values are pushed
/// onto `values`, and its brackets and where it ends are returned. On no column, `values` is
/// left as it was.
pub(super) fn scan_column(line: &str, start: usize, values: &mut Vec<FieldValue>) -> Option<(Option<(u8, u8)>, usize)> {
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
pub(super) fn scan_field(line: &str, start: usize, limit: usize) -> Option<(FieldValue, usize)> {
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
    let date = time::year_month_day(token.as_bytes())?;
    let rest = token.get(10..)?.strip_prefix(['T', 't'])?;
    let (time, length) = time::clock(rest.as_bytes())?;
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
    let (time, length) = time::clock(token.as_bytes())?;
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
    let (time, length) = time::clock(token.as_bytes())?;
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

/// Whether a line starts with a date or a time, bare or after `[`, `(` or `<`: a log line's
/// stamp, which no wrapped message's text starts with.
pub(crate) fn starts_with_stamp(line: &str) -> bool {
    let start = line.len() - line.trim_start_matches([' ', '\t', '[', '(', '<']).len();
    let token_end = line[start..].find([' ', '\t', ']', ')', '>']).map_or(line.len(), |end| start + end);
    scan_field(line, start, token_end).is_some_and(|(value, _)| value.field != Field::Word)
}

/// A date anywhere among a line's words: `2018-05-29`, or a month's name with a day and a year
/// (`Tue May 29 2018`, `29 May 2018 21:20:37`).
pub(super) fn date_in_words(line: &str) -> Option<NaiveDate> {
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
}
