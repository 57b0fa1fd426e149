//! The ids an export gives its messages, by which its replies name what they answer.

use rustc_hash::FxHashMap;

/// A message's id within its scope (a chat of an account's export, a Slack conversation; 0 where
/// ids are unique in the file). Most services number their messages (Slack by its `ts` in
/// microseconds): a decimal id is kept as its number, so the tens of thousands of a big export
/// cost no allocation; any other id is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Default)]
pub(crate) struct MessageIds {
    lines: FxHashMap<MessageId, u32>,
    replies: Vec<(u32, MessageId)>,
}

impl MessageIds {
    /// Room for `n` more named messages: a big export names one per line.
    pub fn reserve(&mut self, n: usize) {
        self.lines.reserve(n);
    }

    /// Message `id` is on line `line`.
    pub fn name(&mut self, id: MessageId, line: u32) {
        self.lines.insert(id, line);
    }

    /// Line `line` answers message `id`.
    pub fn reply(&mut self, line: u32, id: MessageId) {
        self.replies.push((line, id));
    }

    /// `(reply, replied-to)` line pairs, for the replies whose message is in the file.
    pub fn linked(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.replies.iter().filter_map(|(reply, id)| Some((*reply, *self.lines.get(id)?)))
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
}
