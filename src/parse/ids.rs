//! The ids an export gives its messages, by which its replies name what they answer.

/// A message's id within its scope (a chat of an account's export, a Slack conversation; 0 where
/// ids are unique in the file). Most services number their messages (Slack by its `ts` in
/// microseconds): a decimal id is kept as its number, so the tens of thousands of a big export
/// cost no allocation; any other id is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MessageId {
    Number(u32, u64),
    Text(u32, Box<str>),
}

impl MessageId {
    /// `id` in `scope`. Only a canonical decimal (no sign, no leading zero) is a number, so that
    /// `"7"` and `"07"`, which a file may use for different messages, stay apart.
    pub fn of(scope: u32, id: &str) -> MessageId {
        let canonical = !id.is_empty() && (id == "0" || !id.starts_with('0'));
        let number = id.bytes().try_fold(0u64, |value, byte| byte.is_ascii_digit().then(|| value.checked_mul(10)?.checked_add(u64::from(byte - b'0'))).flatten());
        match number.filter(|_| canonical) {
            Some(number) => MessageId::Number(scope, number),
            None => MessageId::Text(scope, id.into()),
        }
    }
}

/// The messages an export names by id, and the replies that name them; the replies are linked
/// once the whole file is read, since a newest-first export names messages that come later.
#[derive(Debug, Clone, Default)]
pub(crate) struct MessageIds {
    /// Each named message and its line, in the order they are read. Exports number their
    /// messages in the order they write them, so this is in order of id already (or in reverse),
    /// and a push is all a message costs: a hash map's insert is most of a big export's reading.
    lines: Vec<(MessageId, u32)>,
    replies: Vec<(u32, MessageId)>,
}

impl MessageIds {
    /// Message `id` is on line `line`; if an earlier line had the id too, this one has it now.
    pub fn name(&mut self, id: MessageId, line: u32) {
        self.lines.push((id, line));
    }

    /// Line `line` answers message `id`.
    pub fn reply(&mut self, line: u32, id: MessageId) {
        self.replies.push((line, id));
    }

    /// `(reply, replied-to)` line pairs, for the replies whose message is in the file.
    pub fn linked(&mut self) -> impl Iterator<Item = (u32, u32)> + '_ {
        if !self.replies.is_empty() && !self.lines.is_sorted_by(|(a, _), (b, _)| a <= b) {
            // Stable, so that of the lines naming one id the last read stays last. A sorted run
            // (a newest-first export's, reversed) costs a merge sort one pass.
            self.lines.sort_by(|(a, _), (b, _)| a.cmp(b));
        }
        let lines = &self.lines;
        self.replies.iter().filter_map(move |(reply, id)| {
            let last = lines.partition_point(|(named, _)| named <= id).checked_sub(1)?;
            (lines[last].0 == *id).then_some((*reply, lines[last].1))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_ids_are_numbers_and_others_text() {
        let cases = [
            (0, "1234567890123456789", MessageId::Number(0, 1_234_567_890_123_456_789)),
            (2, "0", MessageId::Number(2, 0)),
            (0, "07", MessageId::Text(0, "07".into())),
            (0, "-7", MessageId::Text(0, "-7".into())),
            (0, "$ev:matrix.org", MessageId::Text(0, "$ev:matrix.org".into())),
            (0, "99999999999999999999", MessageId::Text(0, "99999999999999999999".into())),
            (0, "", MessageId::Text(0, "".into())),
        ];
        for (scope, id, expected) in cases {
            assert_eq!(MessageId::of(scope, id), expected, "{id}");
        }
    }

    #[test]
    fn a_reply_links_to_its_message_in_its_own_scope_only() {
        let mut ids = MessageIds::default();
        ids.name(MessageId::of(0, "10"), 1);
        ids.name(MessageId::of(1, "10"), 5);
        ids.name(MessageId::of(1, "$a"), 6);
        ids.reply(7, MessageId::of(1, "10"));
        ids.reply(8, MessageId::of(1, "$a"));
        ids.reply(9, MessageId::of(2, "10"));
        ids.reply(3, MessageId::of(0, "10"));
        assert_eq!(ids.linked().collect::<Vec<_>>(), [(7, 5), (8, 6), (3, 1)]);
    }

    #[test]
    fn ids_named_in_any_order_link_and_the_last_line_naming_one_wins() {
        /// Ids named in this order on lines 0, 1, 2…; replies as (line, id); the links expected.
        type Case<'a> = (&'a [&'a str], &'a [(u32, &'a str)], &'a [(u32, u32)]);
        let cases: [Case; 5] = [
            (&["1", "2", "3"], &[(9, "2"), (8, "4")], &[(9, 1)]),
            // Newest first: the ids run down.
            (&["30", "20", "10"], &[(9, "10"), (8, "30")], &[(9, 2), (8, 0)]),
            (&["5", "1", "$b", "3", "$a"], &[(9, "3"), (8, "$a"), (7, "$b"), (6, "5")], &[(9, 3), (8, 4), (7, 2), (6, 0)]),
            // A reused id names its last line, in order or not.
            (&["1", "2", "2", "3"], &[(9, "2")], &[(9, 2)]),
            (&["2", "9", "1", "2", "7", "2"], &[(8, "2")], &[(8, 5)]),
        ];
        for (named, replies, expected) in cases {
            let mut ids = MessageIds::default();
            for (line, id) in named.iter().enumerate() {
                ids.name(MessageId::of(0, id), line as u32);
            }
            for (line, id) in replies {
                ids.reply(*line, MessageId::of(0, id));
            }
            assert_eq!(ids.linked().collect::<Vec<_>>(), expected, "{named:?}");
        }
    }
}
