//! An archive of many logs (a channel's days, a project's meetings): what each log gives it
//! (its line in the archive's list, its words for the search), the search index over all of
//! them, split into chunks so that a query fetches only what it needs (`index`), and the query
//! that reads it (`query`).

pub mod index;
pub mod query;
pub mod terms;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::{LineKind, Log};

/// One log of the archive, as its list and the search's hits name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedFile {
    /// The log's page, relative to the archive's root (`2016/06/29-06-2016.html`).
    pub page: String,
    /// The log as it was given, relative to the root, for the viewer's `?src=`.
    pub source: String,
    /// The log's own title (a page header's), or "".
    pub title: String,
    /// `YYYY-MM-DD`: the day the log is of, when it says or its name does.
    pub date: Option<String>,
    /// The folder it is in (a channel, a network), without the year and month folders under
    /// it; "" at the top.
    pub channel: String,
    pub messages: u32,
}

impl IndexedFile {
    /// `log`'s entry: `source` is its path in the archive, `page` the path of its page.
    pub fn of(log: &Log, source: &str, page: &str) -> IndexedFile {
        let file_name = source.rsplit('/').next().unwrap_or(source);
        let first_date = log.lines.iter().find_map(|line| line.time.and_then(|stamp| stamp.date));
        let date = log.meta.date.or(first_date).or_else(|| date_in_name(file_name));
        // `mirage/2016/06/x.txt` is of `mirage`: the year and month folders only file its days.
        let mut folders: Vec<&str> = source.split('/').collect();
        folders.pop();
        while folders.last().is_some_and(|folder| folder.bytes().all(|byte| byte.is_ascii_digit())) {
            folders.pop();
        }
        let channel = folders.join("/");
        IndexedFile {
            page: page.to_owned(),
            source: source.to_owned(),
            title: log.meta.title.clone().unwrap_or_default(),
            date: date.map(|date| date.to_string()),
            channel,
            messages: log.lines.iter().filter(|line| line.kind.is_spoken()).count() as u32,
        }
    }
}

/// A date written in a log's file name, as loggers name their days: `2016-06-29`,
/// `29-06-2016`, `20160629` (with `-`, `.` or `_` between, or none).
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let runs: Vec<&str> = name.split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()).collect();
    let number = |text: &str| text.parse::<u32>().ok();
    let date = |year: &str, month: &str, day: &str| NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?);
    runs.windows(3).find_map(|run| match (run[0].len(), run[1].len(), run[2].len()) {
        (4, 2, 2) => date(run[0], run[1], run[2]),
        (2, 2, 4) => date(run[2], run[1], run[0]),
        _ => None,
    })
    .or_else(|| runs.iter().find(|run| run.len() == 8).and_then(|run| date(&run[..4], &run[4..6], &run[6..])))
}

/// What one log gives the index: each term with the lines it is on (1-based, ascending), and
/// the lines as a hit shows them, in blocks of [`index::LINES_PER_BLOCK`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileWords {
    pub terms: Vec<(String, Vec<u32>)>,
    /// Block number and its lines, one row per source line from the block's first:
    /// `time⇥speaker⇥kind⇥text`, where the kind is `m`essage, `a`ction, `n`otice or `t`opic, or
    /// empty for a line no search finds.
    pub blocks: Vec<(u32, String)>,
}

/// The words of every line someone said in `log`, and of its topic changes; with `hit_lines`,
/// those lines as hits show them too.
pub fn words_of(log: &Log, hit_lines: bool) -> FileWords {
    let mut by_term: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut blocks: Vec<(u32, String)> = Vec::new();
    let mut word = String::new();
    let mut rows = 0;
    let mut add = |term: &str, line: u32| match by_term.get_mut(term) {
        Some(lines) => {
            if lines.last() != Some(&line) {
                lines.push(line);
            }
        }
        None => {
            by_term.insert(term.to_owned(), vec![line]);
        }
    };
    for (index, line) in log.lines.iter().enumerate() {
        let searchable = line.kind.is_spoken() || line.kind == LineKind::System(crate::model::SystemEvent::Topic);
        if !searchable {
            continue;
        }
        let number = index as u32 + 1;
        let text = log.body(line);
        terms::for_each_term(text, &mut word, |term| add(term, number));
        let nick = log.nick(line).unwrap_or_default();
        if !nick.is_empty() {
            add(&terms::from_term(nick), number);
        }
        if !hit_lines {
            continue;
        }
        let (block, row) = (number / index::LINES_PER_BLOCK, number % index::LINES_PER_BLOCK);
        if blocks.last().is_none_or(|(last, _)| *last != block) {
            blocks.push((block, String::new()));
            rows = 0;
        }
        if let Some((_, shown)) = blocks.last_mut() {
            // Row `n` of block `b` is line `b × LINES_PER_BLOCK + n`: lines no hit shows are empty rows.
            for _ in rows..row {
                shown.push('\n');
            }
            rows = row + 1;
            let time = line.time.map(|stamp| stamp.hours_minutes()).unwrap_or_default();
            let flat = |text: &str| text.replace(['\t', '\n', '\r'], " ");
            let kind = match line.kind {
                LineKind::Action => 'a',
                LineKind::Notice => 'n',
                LineKind::System(_) => 't',
                _ => 'm',
            };
            shown.push_str(&format!("{time}\t{}\t{kind}\t{}\n", flat(nick), flat(text)));
        }
    }
    let mut terms: Vec<(String, Vec<u32>)> = by_term.into_iter().collect();
    terms.sort_unstable();
    FileWords { terms, blocks }
}

#[cfg(test)]
mod tests {
    use super::date_in_name;

    #[test]
    fn a_day_is_read_from_the_names_loggers_give_their_files() {
        let cases = [
            ("29-06-2016.txt", Some("2016-06-29")),
            ("2016-06-29.log", Some("2016-06-29")),
            ("#mirage.20160629.log", Some("2016-06-29")),
            ("mirage_2016.06.29.txt", Some("2016-06-29")),
            ("meeting-3.txt", None),
            ("2016-13-29.log", None),
            ("notes.txt", None),
        ];
        for (name, expected) in cases {
            assert_eq!(date_in_name(name).map(|date| date.to_string()).as_deref(), expected, "{name}");
        }
    }
}
