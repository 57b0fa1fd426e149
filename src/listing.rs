//! What the log view lists, in order: the lines that pass the filters, a header per agenda
//! section (a collapsed one hides its lines), runs of joins, parts and quits condensed into one row,
//! and the page header (the lines the title block already shows) folded into one row.

use std::ops::RangeInclusive;

use crate::model::{LineKind, Log, SystemEvent};

/// One row of the list. Line numbers are 0-based indices into `Log::lines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Line(u32),
    /// Consecutive joins, parts, quits and renames shown as one muted row.
    Joins { first: u32, last: u32 },
    /// The header of agenda section `index`, whose first line is `first`.
    Section { index: u32, first: u32 },
    /// The page header's lines at the top of the log (title, author, tags), folded into one row
    /// that holds them.
    PageHeader { first: u32, last: u32 },
}

impl Entry {
    /// The first source line the entry stands for.
    pub fn first_line(self) -> usize {
        match self {
            Entry::Line(line) | Entry::Joins { first: line, .. } | Entry::Section { first: line, .. } | Entry::PageHeader { first: line, .. } => {
                line as usize
            }
        }
    }
}

/// How to build the list.
pub struct Rules<'a> {
    /// Whether a line passes the filters (search, thread).
    pub keep: &'a dyn Fn(usize) -> bool,
    /// Condense runs of two or more system lines about people coming and going.
    pub condense_joins: bool,
    /// Whether the run starting at this line was expanded by the reader.
    pub expanded: &'a dyn Fn(usize) -> bool,
    /// The agenda sections, in order, as inclusive line ranges.
    pub sections: &'a [RangeInclusive<usize>],
    pub collapsed: &'a dyn Fn(usize) -> bool,
    /// Lines shown whatever the filters say: those the URL hash points at.
    pub pinned: Option<RangeInclusive<usize>>,
    /// Fold the page header's lines into one row (the view opens it in place).
    pub fold_page_header: bool,
}

impl Rules<'_> {
    /// Every line, nothing condensed or collapsed.
    pub const EVERYTHING: Rules<'static> =
        Rules { keep: &|_| true, condense_joins: false, expanded: &|_| false, sections: &[], collapsed: &|_| false, pinned: None, fold_page_header: false };
}

/// The list's rows, in the order shown: source order, or a newest-first file's blocks from the
/// last to the first (each block in source order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// For a listing not in source order: each entry's first line and position, by line.
    by_line: Vec<(u32, u32)>,
}

/// The last line of the page header at the top of the log: the run of header and blank lines
/// that the title block shows (a log with a title, author, tags or date from its page), when it
/// holds two header lines or more.
pub fn page_header_end(log: &Log) -> Option<usize> {
    let meta = &log.meta;
    if meta.title.is_none() && meta.author.is_none() && meta.tags.is_empty() && meta.published.is_none() {
        return None;
    }
    let run = log.lines.iter().take_while(|line| matches!(line.kind, LineKind::Header | LineKind::Blank));
    let headers: Vec<usize> = run.enumerate().filter(|(_, line)| line.kind == LineKind::Header).map(|(index, _)| index).collect();
    (headers.len() >= 2).then(|| headers[headers.len() - 1])
}

/// Joins, parts, quits and nick changes: the lines a reader skims past.
pub fn is_coming_or_going(kind: LineKind) -> bool {
    matches!(kind, LineKind::System(SystemEvent::Join | SystemEvent::Part | SystemEvent::Quit | SystemEvent::NickChange))
}

/// Whether pinning `lines` (a link) can change the listing: only when a filter would hide a
/// line, condensing would fold a join or part into a run, or the page header's fold holds it. Otherwise the listing stays the
/// same as a link moves (`j`/`k`), and need not be built again over every line.
pub fn pinning_matters(log: &Log, lines: &RangeInclusive<usize>, filtering: bool, condense_joins: bool) -> bool {
    filtering
        || condense_joins && lines.clone().filter_map(|line| log.lines.get(line)).any(|line| is_coming_or_going(line.kind))
        || page_header_end(log).is_some_and(|last| *lines.start() <= last)
}

impl Listing {
    pub fn build(log: &Log, rules: &Rules) -> Listing {
        let ranges = log.display_ranges();
        let mut entries = Vec::with_capacity(log.lines.len());
        for range in &ranges {
            collect(log, rules, range.clone(), &mut entries);
        }
        let mut by_line = Vec::new();
        if ranges.len() > 1 {
            by_line = entries.iter().enumerate().map(|(position, entry)| (entry.first_line() as u32, position as u32)).collect();
            by_line.sort_unstable();
        }
        Listing { entries, by_line }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of the entry that shows `line`: its row, the run holding it, the header of
    /// the collapsed section holding it, or, for a line the filters hide, the row before it in
    /// the file.
    pub fn position_of_line(&self, line: usize) -> Option<usize> {
        if self.by_line.is_empty() {
            return self.entries.partition_point(|entry| entry.first_line() <= line).checked_sub(1);
        }
        let at = self.by_line.partition_point(|(first, _)| *first as usize <= line).checked_sub(1)?;
        Some(self.by_line[at].1 as usize)
    }

    /// Whether `line` has a row of its own in the list.
    pub fn shows_line(&self, line: usize) -> bool {
        self.position_of_line(line).is_some_and(|position| self.entries[position] == Entry::Line(line as u32))
    }
}

/// The entries for `lines` (a range of 0-based indices), appended to `entries`.
fn collect(log: &Log, rules: &Rules, lines: std::ops::Range<usize>, entries: &mut Vec<Entry>) {
    let n_lines = lines.end;
    let pinned = |line: usize| rules.pinned.as_ref().is_some_and(|range| range.contains(&line));
    let shown = |line: usize| (rules.keep)(line) || pinned(line);
    let condensable = |line: usize| rules.condense_joins && is_coming_or_going(log.lines[line].kind) && !pinned(line);
    let mut sections = rules.sections.iter().enumerate().peekable();
    let mut line = lines.start;
    if rules.fold_page_header && line == 0 {
        let before_sections = rules.sections.first().map_or(usize::MAX, |section| *section.start());
        let last = page_header_end(log).filter(|&last| last < n_lines && last < before_sections);
        if let Some(last) = last.filter(|&last| (0..=last).all(|line| (rules.keep)(line) && !pinned(line))) {
            entries.push(Entry::PageHeader { first: 0, last: last as u32 });
            line = last + 1;
        }
    }
    while line < n_lines {
        // Sections that start here (an empty or malformed one is skipped).
        while let Some((index, section)) = sections.peek() {
            if *section.start() > line {
                break;
            }
            let (index, section) = (*index, (*section).clone());
            sections.next();
            if *section.start() < line || section.end() < section.start() {
                continue;
            }
            entries.push(Entry::Section { index: index as u32, first: line as u32 });
            if (rules.collapsed)(index) {
                line = section.end() + 1;
            }
        }
        if line >= n_lines {
            break;
        }
        if !shown(line) {
            line += 1;
            continue;
        }
        if condensable(line) {
            let next_section = sections.peek().map_or(n_lines, |(_, section)| *section.start());
            let mut last = line;
            while last + 1 < n_lines.min(next_section) && condensable(last + 1) && shown(last + 1) {
                last += 1;
            }
            if last > line {
                if (rules.expanded)(line) {
                    entries.extend((line..=last).map(|line| Entry::Line(line as u32)));
                } else {
                    entries.push(Entry::Joins { first: line as u32, last: last as u32 });
                }
                line = last + 1;
                continue;
            }
        }
        entries.push(Entry::Line(line as u32));
        line += 1;
    }
}
