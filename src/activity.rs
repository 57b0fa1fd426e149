//! Activity over time, for the timeline picture: messages per time bucket, split by speaker,
//! on a clock that only runs forward (midnight and clock jumps do not fold it back).

use chrono::Timelike;

use crate::model::{Line, Log, Stamp};
use crate::speakers::Roster;

/// Bucket sizes tried, in minutes, smallest first: the first that gives at most `MAX_BUCKETS`.
const BUCKET_MINUTES: [u32; 14] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 10080, 43200];

/// Enough to see a meeting's shape, few enough for an SVG of a handful of paths.
pub const MAX_BUCKETS: usize = 240;

/// The speakers drawn in their own colour; the rest share one.
pub const TOP_SPEAKERS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub bucket_minutes: u32,
    /// Per bucket: the first line in it (for jumping), and messages by each top speaker, then others.
    pub buckets: Vec<Bucket>,
    /// The nick and colour of each top speaker, busiest first.
    pub speakers: Vec<(String, usize)>,
    /// Each agenda section's first and last bucket, for the bands behind the bars.
    pub section_buckets: Vec<(u32, u32)>,
}

impl Activity {
    /// Places the agenda's sections (inclusive line ranges, in order) on the time axis.
    pub fn with_sections(mut self, log: &Log, sections: &[std::ops::RangeInclusive<usize>]) -> Activity {
        let elapsed = elapsed_minutes(&log.lines);
        let bucket = |minutes: u32| minutes / self.bucket_minutes;
        self.section_buckets = sections
            .iter()
            .filter_map(|lines| {
                let timed = || elapsed.get(lines.clone()).into_iter().flatten().flatten();
                let first = timed().next()?;
                let last = timed().last()?;
                Some((bucket(*first), bucket(*last)))
            })
            .collect();
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub first_line: usize,
    /// `TOP_SPEAKERS + 1` counts: each top speaker, then everyone else.
    pub counts: Vec<u32>,
}

impl Bucket {
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// Minutes since the log's first timed line, for each line with a time; never decreasing.
pub fn elapsed_minutes(lines: &[Line]) -> Vec<Option<u32>> {
    let mut elapsed = 0i64;
    let mut previous: Option<Stamp> = None;
    lines
        .iter()
        .map(|line| {
            let stamp = line.time?;
            if let Some(before) = previous {
                let step = match (before.date, stamp.date) {
                    (Some(date_before), Some(date)) => (date.and_time(stamp.time) - date_before.and_time(before.time)).num_minutes(),
                    _ => {
                        let minutes = |stamp: Stamp| i64::from(stamp.time.hour() * 60 + stamp.time.minute());
                        let step = minutes(stamp) - minutes(before);
                        // Far back is past midnight; a little back is a clock jump, which stands still.
                        if step < -12 * 60 { step + 24 * 60 } else { step }
                    }
                };
                elapsed += step.max(0);
            }
            previous = Some(stamp);
            Some(u32::try_from(elapsed).unwrap_or(u32::MAX))
        })
        .collect()
}

/// Messages over time, or `None` when the log has no times (or no messages).
pub fn activity(log: &Log, roster: &Roster) -> Option<Activity> {
    // In the order shown: a newest-first file's blocks last to first.
    let elapsed = if log.newest_first_blocks.is_empty() {
        elapsed_minutes(&log.lines)
    } else {
        let shown: Vec<Line> = log.display_ranges().into_iter().flatten().map(|index| log.lines[index].clone()).collect();
        elapsed_minutes(&shown)
    };
    let span = elapsed.iter().flatten().max().copied()?;
    let bucket_minutes = BUCKET_MINUTES.iter().copied().find(|&size| ((span / size) as usize) < MAX_BUCKETS).unwrap_or(43200);
    let n_buckets = (span / bucket_minutes) as usize + 1;
    let top: Vec<_> = roster.ranked().into_iter().take(TOP_SPEAKERS).collect();
    let top_people: Vec<Option<usize>> = top.iter().map(|speaker| roster.index_of(&speaker.nick)).collect();
    let mut buckets: Vec<Bucket> = (0..n_buckets).map(|_| Bucket { first_line: usize::MAX, counts: vec![0; TOP_SPEAKERS + 1] }).collect();
    let mut any_message = false;
    for (index, minutes) in log.display_ranges().into_iter().flatten().zip(&elapsed) {
        let line = &log.lines[index];
        let Some(minutes) = minutes else { continue };
        let bucket = &mut buckets[(*minutes / bucket_minutes) as usize];
        // The bucket's first line as shown.
        if bucket.first_line == usize::MAX {
            bucket.first_line = index;
        }
        if !line.kind.is_spoken() {
            continue;
        }
        any_message = true;
        let person = log.nick(line).and_then(|nick| roster.index_of(nick));
        let slot = top_people.iter().position(|top| top.is_some() && *top == person).unwrap_or(TOP_SPEAKERS);
        bucket.counts[slot] += 1;
    }
    if !any_message {
        return None;
    }
    // An empty bucket jumps to the next line after it.
    let mut next_line = log.lines.len().saturating_sub(1);
    for bucket in buckets.iter_mut().rev() {
        if bucket.first_line == usize::MAX {
            bucket.first_line = next_line;
        }
        next_line = bucket.first_line;
    }
    Some(Activity { bucket_minutes, buckets, speakers: top.into_iter().map(|speaker| (speaker.nick, speaker.colour)).collect(), section_buckets: Vec::new() })
}
