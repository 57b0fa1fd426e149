//! The boundary model's feature ids: what a message of a meeting may show (a chairing cue, a
//! pause, words that change, a greeting, …), each an id; a message by the chair also has each
//! id plus [`BY_CHAIR`], so the model weighs the chair's words apart.

/// Every message: with [`BY_CHAIR`] added, "the chair said it".
pub const ALWAYS: u8 = 0;
/// The message holds a chairing cue of this strength (see `cues.rs`).
pub const CUE_WEAK: u8 = 1;
pub const CUE_MOVE: u8 = 2;
pub const CUE_STRONG: u8 = 3;
pub const CUE_ANSWER: u8 = 4;
pub const CUE_TITLED: u8 = 5;
pub const CUE_WANTS_TITLE: u8 = 6;
pub const CUE_AOB: u8 = 7;
pub const CUE_NUMBERED: u8 = 8;
/// A closing question ("anything else for Solo5?") within six lines before.
pub const AFTER_CLOSING: u8 = 9;
pub const IS_CLOSING: u8 = 10;
/// The next message is by the same person.
pub const GOES_ON: u8 = 11;
/// Two and five minutes of quiet before the message.
pub const PAUSE: u8 = 12;
pub const LONG_PAUSE: u8 = 13;
/// The words of the next messages share little (or almost nothing) with the previous ones.
pub const WORDS_CHANGE: u8 = 14;
pub const WORDS_CHANGE_FULLY: u8 = 15;
/// At most five words ("Outreachy", "TOPKG!").
pub const SHORT: u8 = 16;
pub const EXCLAIMS: u8 = 17;
pub const HAS_LINK: u8 = 18;
/// "talex5: any news on capnp?": the floor handed to someone.
pub const ASKS_SOMEONE: u8 = 19;
pub const ADDRESSES_SOMEONE: u8 = 20;
/// Names the agenda, an item or a topic.
pub const NAMES_AGENDA: u8 = 21;
/// "let's start", "let's get started", "welcome".
pub const STARTS_MEETING: u8 = 22;
/// The log's first message naming the agenda or the meeting.
pub const FIRST_AGENDA_MENTION: u8 = 23;
/// The speaker had been quiet for four messages or more.
pub const RETURNS: u8 = 24;
/// Starts with "ok", "so", "alright", "right", "now", …
pub const FILLER_START: u8 = 25;
pub const QUOTES: u8 = 26;
pub const QUESTION: u8 = 27;
/// More than 25 words.
pub const LONG: u8 = 28;
/// A short line of the chair's that reads as a topic's name.
pub const NAMES_TOPIC: u8 = 29;
/// Starts with a greeting: "hi all", "greetings!", "o/".
pub const GREETS: u8 = 30;
/// Names the meeting itself: "meeting", "call", "catchup", "get started".
pub const MEETING_WORDS: u8 = 31;
/// One of the chair's first three messages.
pub const CHAIR_FIRST_LINES: u8 = 32;
/// Before the log's first strong chairing cue.
pub const BEFORE_FIRST_MOVE: u8 = 33;
/// An agenda's numbering anywhere in the line: "2) sdk", "(4) - Website", "6. Stickers".
pub const ITEM_NUMBER: u8 = 34;
/// One of several numbered lines said in a row: the agenda listed, not moved through.
pub const LISTED_ITEM: u8 = 35;
/// Asks for or gives news: "any news on …", "how's … going", "tell us about …", "an update on …".
pub const NEWS_WORDS: u8 = 36;
/// "first", "next", "last", "finally", "another", "one more".
pub const ORDINAL: u8 = 37;
/// An ordinal and the agenda together: "one more item on the agenda", "next agenda item".
pub const AGENDA_ORDINAL: u8 = 38;
/// At most six words, and a question: "OK then. topkg?".
pub const SHORT_QUESTION: u8 = 39;
/// A pull request or issue: a GitHub link, "#123", or a line that starts with a number like "230:".
pub const ITEM_REFERENCE: u8 = 40;
/// A link and at most three other words.
pub const LINK_ONLY: u8 = 41;
/// Words that move on wherever they sit: "move on", "continue", "pick up", "jump to", "switch".
pub const MOVE_WORDS: u8 = 42;
/// Wraps a topic up: "that's all", "that's it for", "done", "wrap up".
pub const WRAPS_UP: u8 = 43;
/// A wrap-up or closing question within the four messages before.
pub const AFTER_WRAP_UP: u8 = 44;
/// A chair's line of a shape the chair repeats through the meeting (four times or more): a
/// link to the next pull request, "3) …", a bare name. Chairs keep one way of moving on.
pub const SHAPE_RECURS: u8 = 45;
/// The item number that follows the last one moved to: "2) …" after "1) …".
pub const NEXT_IN_SEQUENCE: u8 = 46;
/// Someone brings an item in: "I put an agenda item up for …", "we have an item from …",
/// "I added a late agenda item about …".
pub const BRINGS_ITEM: u8 = 47;
/// Hands the floor to someone: names a person of the log and asks for news or a question
/// ("how's the Solo5 ELF review going `mato`?", "`avsm`, tell us about TWiOPAM").
pub const HANDS_FLOOR: u8 = 48;
/// The chair's first greeting or first words about the meeting: where the call opens.
pub const CHAIR_OPENS: u8 = 49;
pub const BASE: u8 = 50;

/// Added to a feature id when the chair says the message.
pub const BY_CHAIR: u8 = BASE;
pub const N_FEATURES: usize = 2 * BASE as usize;

/// The names of the base features, for reports and the weights file.
pub const FEATURE_NAMES: [&str; BASE as usize] = [
    "always", "cue-weak", "cue-move", "cue-strong", "cue-answer", "cue-titled", "cue-wants-title", "cue-aob", "cue-numbered", "after-closing", "is-closing", "goes-on", "pause", "long-pause",
    "words-change", "words-change-fully", "short", "exclaims", "has-link", "asks-someone", "addresses-someone", "names-agenda", "starts-meeting", "first-agenda-mention", "returns",
    "filler-start", "quotes", "question", "long", "names-topic", "greets", "meeting-words", "chair-first-lines", "before-first-move", "item-number", "listed-item", "news-words", "ordinal",
    "agenda-ordinal", "short-question", "item-reference", "link-only", "move-words", "wraps-up", "after-wrap-up", "shape-recurs", "next-in-sequence", "brings-item", "hands-floor", "chair-opens",
];
