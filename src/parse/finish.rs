//! What a parser gives: the whole log once its text is read, or the lines read so far, which
//! the page shows as a big file's first screen while the worker reads the rest.

use std::rc::Rc;

use super::clock_jumps::clock_jumps;
use super::Parser;
use crate::model::{Diagnostic, Line, Log, Stamp};

impl Parser {
    /// The log, with `decoding`'s diagnostics (from decoding the file) among the parser's own.
    pub fn finish(self, decoding: Vec<Diagnostic>) -> Log {
        let Parser { text, format, mut context, lines, .. } = self;
        let mut diagnostics = decoding;
        diagnostics.append(&mut context.diagnostics);
        // Readers of exports that are often newest first say so and mark their blocks; the clock decides.
        let newest_first_blocks = if context.meta.newest_first { newest_first_blocks(&lines, std::mem::take(&mut context.block_starts)) } else { Vec::new() };
        context.meta.newest_first = !newest_first_blocks.is_empty();
        let known = std::mem::take(&mut context.replies);
        let explicit_replies = stated_replies(known, context.ids.linked(), lines.len() as u32, context.meta.newest_first);
        let mut log = Log {
            text,
            format,
            meta: context.meta,
            lines,
            diagnostics: Vec::new(),
            shown: std::mem::take(&mut context.shown_table).finish(),
            explicit_replies,
            aliases: context.aliases,
            newest_first_blocks,
            parts: context.parts,
        };
        let nested_reply = |index: &usize| format.nests_replies() && log.explicit_replies.binary_search_by_key(&(*index as u32), |(reply, _)| *reply).is_ok();
        if log.parts.is_empty() {
            diagnostics.extend(clock_jumps(log.display_ranges().into_iter().flatten().filter(|index| !nested_reply(index)).map(|index| (index, &log.lines[index]))));
        } else {
            // Each of a file's parts (a channel, a chat) has its own clock: the next one
            // starting earlier is no jump.
            let part_starts = log.parts.iter().map(|(_, start)| (*start as usize).min(log.lines.len()));
            let mut bounds: Vec<usize> = std::iter::once(0).chain(part_starts).chain([log.lines.len()]).collect();
            bounds.dedup();
            for part in bounds.windows(2).map(|bound| bound[0]..bound[1]) {
                diagnostics.extend(clock_jumps(part.filter(|index| !nested_reply(index)).map(|index| (index, &log.lines[index]))));
            }
        }
        diagnostics.sort_by_key(|diagnostic| diagnostic.line);
        log.diagnostics = diagnostics;
        log
    }

    /// The log of the lines read so far, holding only the text they span. Each line is read
    /// once and never revisited, so these lines are the whole log's first lines as they will
    /// be; what needs the whole file is left out: replies to messages not read yet, and the
    /// clock jumps (found once the file is read). `None` before the first line, and for a
    /// file that may run newest first, whose first lines are not its first rows.
    pub fn read_so_far(&self) -> Option<Log> {
        let Parser { text, format, context, lines, position, .. } = self;
        if lines.is_empty() || context.meta.newest_first {
            return None;
        }
        let read = lines.len() as u32;
        let explicit_replies = stated_replies(context.replies.clone(), context.ids.clone().linked(), read, false);
        Some(Log {
            text: Rc::from(&text[..*position]),
            format: *format,
            meta: context.meta.clone(),
            lines: lines.clone(),
            diagnostics: context.diagnostics.iter().filter(|diagnostic| diagnostic.line <= lines.len()).cloned().collect(),
            shown: context.shown_table.so_far(),
            explicit_replies,
            aliases: context.aliases.iter().filter(|(_, line)| *line < read).cloned().collect(),
            newest_first_blocks: Vec::new(),
            parts: context.parts.iter().filter(|(_, start)| *start < read).cloned().collect(),
        })
    }
}

/// The replies stated among the first `read` lines, one per reply: those known as they were
/// read and those named by id. A reply answers an earlier message: one that points ahead (a
/// reused event id) is no reply, unless the file runs newest first.
fn stated_replies(mut replies: Vec<(u32, u32)>, by_id: impl Iterator<Item = (u32, u32)>, read: u32, newest_first: bool) -> Vec<(u32, u32)> {
    replies.extend(by_id);
    replies.retain(|(reply, parent)| *reply < read && (parent < reply || (newest_first && parent != reply)));
    replies.sort_unstable();
    replies.dedup_by_key(|(reply, _)| *reply);
    replies
}

/// The starts of `block_starts`' blocks if the blocks run newest first (the first block that
/// has a time is later than the last one that has), else nothing.
fn newest_first_blocks(lines: &[Line], mut block_starts: Vec<u32>) -> Vec<u32> {
    block_starts.push(0);
    block_starts.sort_unstable();
    block_starts.dedup();
    block_starts.retain(|start| (*start as usize) < lines.len());
    let ends = block_starts.iter().skip(1).map(|end| *end as usize).chain([lines.len()]);
    let first_times: Vec<Stamp> =
        block_starts.iter().zip(ends).filter_map(|(start, end)| lines[*start as usize..end].iter().find_map(|line| line.time)).collect();
    match (first_times.first(), first_times.last()) {
        (Some(first), Some(last)) if first > last => block_starts,
        _ => Vec::new(),
    }
}

