//! Reads the dates and times that logs write, byte by byte and without allocating.

use chrono::{NaiveDate, NaiveTime, Timelike};

use super::irc::skip_spaces;

/// `DD-MM-YYYY` at the start of `s`.
pub fn day_month_year(s: &[u8]) -> Option<NaiveDate> {
    if s.len() < 10 || s[2] != b'-' || s[5] != b'-' {
        return None;
    }
    let day = two_digits(&s[0..2])?;
    let month = two_digits(&s[3..5])?;
    let year = two_digits(&s[6..8])? * 100 + two_digits(&s[8..10])?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `YYYY-MM-DD` at the start of `s`.
pub fn year_month_day(s: &[u8]) -> Option<NaiveDate> {
    if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = two_digits(&s[0..2])? * 100 + two_digits(&s[2..4])?;
    let month = two_digits(&s[5..7])?;
    let day = two_digits(&s[8..10])?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `H:MM`, `HH:MM` or `HH:MM:SS` at the start of `s`, and how many bytes it took.
pub fn clock(s: &[u8]) -> Option<(NaiveTime, usize)> {
    let hour_digits = match s {
        [a, b, b':', ..] if a.is_ascii_digit() && b.is_ascii_digit() => 2,
        [a, b':', ..] if a.is_ascii_digit() => 1,
        _ => return None,
    };
    let hour = digits(&s[..hour_digits])?;
    let minute = two_digits(s.get(hour_digits + 1..hour_digits + 3)?)?;
    let mut length = hour_digits + 3;
    let mut second = 0;
    if s.get(length) == Some(&b':') {
        if let Some(parsed) = s.get(length + 1..length + 3).and_then(two_digits) {
            second = parsed;
            length += 3;
        }
    }
    // A fourth digit would make this something else (a year, a phone number).
    if s.get(length).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((NaiveTime::from_hms_opt(hour, minute, second)?, length))
}

/// `Jan` … `Dec` (or a longer word starting like one: `June`), in any case: the month's number.
pub fn month_number(word: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] = [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    let abbreviation = word.get(..3)?;
    MONTHS.iter().position(|month| month.eq_ignore_ascii_case(abbreviation)).map(|index| index as u32 + 1)
}

/// A date in a file name: `2016-06-29`, `20160629`, `29-06-2016` or `2016.06.29`, as loggers
/// name their daily files (`#ubuntu.2004-11-15.log`, `slackware.20130101.log`).
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let rest = &bytes[start..];
        // Not in the middle of a longer number.
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            return None;
        }
        let dotted_or_dashed = |separator: u8| -> Option<NaiveDate> {
            if rest.len() >= 10 && rest[4] == separator && rest[7] == separator {
                let year = digits(&rest[0..4])?;
                NaiveDate::from_ymd_opt(year as i32, two_digits(&rest[5..7])?, two_digits(&rest[8..10])?)
            } else {
                None
            }
        };
        let compact = || -> Option<NaiveDate> {
            let candidate = rest.get(..8)?;
            if rest.get(8).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            let year = digits(&candidate[0..4])?;
            NaiveDate::from_ymd_opt(year as i32, two_digits(&candidate[4..6])?, two_digits(&candidate[6..8])?)
        };
        let plausible = |date: NaiveDate| (1990..=2100).contains(&chrono::Datelike::year(&date));
        dotted_or_dashed(b'-')
            .or_else(|| dotted_or_dashed(b'.'))
            .or_else(|| day_month_year(rest))
            .or_else(compact)
            .filter(|date| plausible(*date))
    })
}

fn two_digits(s: &[u8]) -> Option<u32> {
    match s {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |value, &byte| byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0')))
}

/// A ctime-like date: `Mon Dec 29 19:37:51 2014`, or eggdrop's `Wed Jan  2 2013` with no time.
pub(crate) fn weekday_month_day_year(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_ascii_whitespace();
    let _weekday = words.next()?;
    let month = month_number(words.next()?.as_bytes())?;
    let day = words.next()?.parse().ok()?;
    let year = words.find(|word| !word.contains(':'))?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The date in a header, in the logger's locale: `Tue Jun 11 22:52:16 2002`, `Wed Jun 12 2002`,
/// zh_TW's `六  8月 14 11:33:31 2010` or `六  8 05 00:01:17 2017` (weekday, month, day, year).
pub(crate) fn header_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text.split_whitespace().filter(|word| !word.contains(':')).collect();
    let year: i32 = words.iter().rev().find(|word| word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let month_at = words.iter().position(|word| month_in_locale(word).is_some())?;
    let month = month_in_locale(words[month_at])?;
    let day: u32 = words.get(month_at + 1)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `05  8 2017`: day, month, year.
pub(crate) fn day_month_year_words(text: &str) -> Option<NaiveDate> {
    let mut numbers = text.split_whitespace().map(|word| word.parse::<u32>().ok());
    let (day, month, year) = (numbers.next()??, numbers.next()??, numbers.next()??);
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `Jun`, `8月`, or a bare month number of one or two digits.
pub(crate) fn month_in_locale(word: &str) -> Option<u32> {
    if word.len() == 3 {
        if let Some(month) = month_number(word.as_bytes()) {
            return Some(month);
        }
    }
    let digits = word.strip_suffix('月').unwrap_or(word);
    let is_number = (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    is_number.then(|| digits.parse().ok()).flatten().filter(|month| (1..=12).contains(month))
}

/// Pidgin's stamp, in its text and HTML logs: `(04:00:50 PM) `, `(16:00:50) ` or
/// `(02/05/2020 12:00:01 AM) `: the date, the time, and where the text after it starts.
pub(crate) fn parenthesised_stamp(line: &str) -> Option<(Option<NaiveDate>, NaiveTime, usize)> {
    let bytes = line.as_bytes();
    if bytes.first() != Some(&b'(') {
        return None;
    }
    let close = memchr::memchr(b')', bytes)?;
    let inside = &line[1..close];
    let (date, clock_text) = match inside.split_once(' ') {
        Some((date_text, rest)) if date_text.len() >= 8 && !date_text.contains(':') => (Some(slash_or_iso_date(date_text)?), rest),
        _ => (None, inside),
    };
    let (time, length) = clock(clock_text.as_bytes())?;
    let time = match clock_text[length..].trim() {
        "" => time,
        "AM" | "am" if (1..=12).contains(&time.hour()) => time.with_hour(time.hour() % 12)?,
        "PM" | "pm" if (1..=12).contains(&time.hour()) => time.with_hour(time.hour() % 12 + 12)?,
        _ => return None,
    };
    Some((date, time, skip_spaces(line, close + 1)))
}

/// `2020-02-05`, or the US `02/05/2020` (read day-first when the first number cannot be a month).
pub(crate) fn slash_or_iso_date(text: &str) -> Option<NaiveDate> {
    if let Some(date) = year_month_day(text.as_bytes()) {
        return Some(date);
    }
    let mut numbers = text.split('/').map(|number| number.parse::<u32>().ok());
    let (first, second, year) = (numbers.next()??, numbers.next()??, numbers.next()??);
    let year = if year < 100 { 2000 + year } else { year } as i32;
    NaiveDate::from_ymd_opt(year, first, second).or_else(|| NaiveDate::from_ymd_opt(year, second, first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_clocks() {
        type Case<'a> = (&'a str, Option<(u32, u32, u32, usize)>);
        let cases: &[Case] = &[
            ("15:12 avsm", Some((15, 12, 0, 5))),
            ("15:12:09 x", Some((15, 12, 9, 8))),
            ("9:05]", Some((9, 5, 0, 4))),
            ("23:59", Some((23, 59, 0, 5))),
            ("24:00", None),
            ("15:1", None),
            ("15:123", None),
            ("1512", None),
            ("ab:cd", None),
            ("", None),
        ];
        for (input, expected) in cases {
            let got = clock(input.as_bytes()).map(|(time, length)| {
                use chrono::Timelike;
                (time.hour(), time.minute(), time.second(), length)
            });
            assert_eq!(got, *expected, "clock({input:?})");
        }
    }

    #[test]
    fn finds_dates_in_file_names() {
        let date = NaiveDate::from_ymd_opt;
        let cases = [
            ("#ubuntu.2004-11-15.log", date(2004, 11, 15)),
            ("slackware.20130101.log", date(2013, 1, 1)),
            ("29-06-2016", date(2016, 6, 29)),
            ("asbroker.2018.05.01.log", date(2018, 5, 1)),
            ("i2p-242.log", None),
            ("irc-coscup-2012.log", None),
            ("#qtox_20160601.log.txt", date(2016, 6, 1)),
            ("123456789.log", None),
        ];
        for (name, expected) in cases {
            assert_eq!(date_in_file_name(name), expected, "{name}");
        }
    }

    #[test]
    fn reads_dates() {
        let date = NaiveDate::from_ymd_opt;
        assert_eq!(day_month_year(b"29-06-2016 15:12"), date(2016, 6, 29));
        assert_eq!(day_month_year(b"31-02-2016"), None);
        assert_eq!(day_month_year(b"2016-06-29"), None);
        assert_eq!(year_month_day(b"2016-06-29 (last"), date(2016, 6, 29));
        assert_eq!(year_month_day(b"29-06-2016"), None);
    }

    #[test]
    fn reads_ctime_dates() {
        let date = NaiveDate::from_ymd_opt;
        assert_eq!(weekday_month_day_year("Mon Dec 29 19:37:51 2014"), date(2014, 12, 29));
        assert_eq!(weekday_month_day_year("Wed Jan  2 2013"), date(2013, 1, 2));
        assert_eq!(weekday_month_day_year("Wed Foo  2 2013"), None);
        assert_eq!(weekday_month_day_year(""), None);
    }

    #[test]
    fn reads_header_dates_in_each_locale() {
        let date = NaiveDate::from_ymd_opt;
        let cases = [
            ("Tue Jun 11 22:52:16 2002", date(2002, 6, 11)),
            ("Wed Jun 12 2002", date(2002, 6, 12)),
            ("六  8月 14 11:33:31 2010", date(2010, 8, 14)),
            ("六  8 05 00:01:17 2017", date(2017, 8, 5)),
            ("sometime", None),
        ];
        for (text, expected) in cases {
            assert_eq!(header_date(text), expected, "{text}");
        }
        assert_eq!(day_month_year_words("05  8 2017"), date(2017, 8, 5));
    }
}
