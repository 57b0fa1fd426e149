//! The log formats scrollback reads: their ids (the CLI's and `?format=`), names for people,
//! and which are structured exports.

/// The log formats scrollback reads. Detection prefers the earlier of two equal scores, so the
/// specific formats come before the generic ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// The MirageOS meeting log, as published (`DD-MM-YYYY HH:MM nick text`) or as its Canopy source.
    MirageMeeting,
    /// irssi: `--- Log opened`, `HH:MM <@nick> text`, `-!-` events, custom timestamps.
    Irssi,
    /// WeeChat: `YYYY-MM-DD HH:MM:SS<TAB>nick<TAB>text`, `-->`/`<--`/`--` events; also 0.2's layout.
    Weechat,
    /// HexChat/XChat: `**** BEGIN LOGGING AT`, `Mon DD HH:MM:SS <nick><TAB>text`.
    Hexchat,
    /// ZNC/energymech: `[HH:MM:SS] <nick> text`, `*** Joins:`, `*** Quits:`.
    Znc,
    /// Eggdrop: `[HH:MM:SS] <nick> text`, `nick (user@host) joined #chan.`, `Action: nick text`.
    Eggdrop,
    /// Supybot/Limnoria ChannelLogger: `YYYY-MM-DDTHH:MM:SS  <nick> text`, `*** nick has joined`.
    Supybot,
    /// dircproxy: `@HH:MM <nick> text`-style proxy logs, as in irclog2html's tests.
    Dircproxy,
    /// mIRC: `Session Start:`, `[HH:MM] <nick> text`, CRLF, colour codes before the time.
    Mirc,
    /// Pidgin text: `(04:00:50 PM) nick: text`, a 12-hour clock.
    PidginText,
    /// Screen-style: `HH:MM  <right-aligned nick>| text`.
    PipeAligned,
    /// `[YYYY-MM-DD HH:MM:SS] <nick> text` bot loggers, events like `nick, joining.`, relays.
    BracketIso,
    /// W3C scribe logs: `[Tue 11:04:55] <nick><TAB>text` and ISO times with milliseconds.
    W3cScribe,
    /// Gitter copies: `YYYY-MM-DD HH:MM:SS < nick > text`.
    Gitter,
    /// The zig logger: epoch, nick, text and a blank line per message.
    ZigRecords,
    /// Madoka (a Japanese IRC proxy): `HH:MM <#chan:nick> text`, ISO-2022-JP.
    Madoka,
    /// `HH:MM:SS <nick> text` (one or two spaces), as MeetBot's `.log.txt` and many bots write.
    ClockIrc,
    /// `[HH:MM] <nick> text` with `=== ` system lines (Ubuntu irclogs, irc-disentanglement).
    BracketIrc,
    /// `<nick> text` with no time at all.
    PlainNick,
    /// MeetBot's `.log.html`: a `<pre>` with `<a name="l-N">` anchors and `tm`/`nk` spans.
    MeetbotHtml,
    /// PircBot LogBot fragments: `<span class="irc-date">[H:MM]</span> <span class="irc-black">…</span><br />`.
    LogbotHtml,
    /// HTML log pages with `<li id=l-N _a=nick _r=addressee>` items (krijnhoetmer.nl, WHATWG).
    IrcLogsHtml,
    /// Pidgin HTML: `<font size="2">(HH:MM:SS)</font> <b>nick:</b></font> text<br/>`.
    PidginHtml,
    /// Adium `.chatlog` XML: `<message sender alias time>` elements, one per line.
    AdiumXml,
    /// Matrix room dumps: a map of user ids to names, then one event as JSON per line.
    MatrixNdjson,
    /// TopAnswers chat JSON: an array of messages, newest first, with HTML bodies and `replyID`.
    TopanswersJson,
    /// BotBot dumps: a Python `b'…'` repr of ISO-timestamped lines, newest first.
    BotbotRepr,
    /// DiscordChatExporter's JSON: `{guild, channel, messages}`, replies by `reference`.
    DiscordJson,
    /// DiscordChatExporter's HTML page: message containers with `data-message-id`, grouped
    /// under their author, replies by `scrollToMessage`.
    DiscordHtml,
    /// Telegram Desktop's `result.json`: one chat or a whole account's chats.
    TelegramJson,
    /// Element's JSON export of a Matrix room: `{room_name, messages}` of Matrix events.
    ElementJson,
    /// Mattermost's bulk export: one JSON record per line, a post's replies inside it.
    MattermostJsonl,
    /// Slack's workspace export (`.zip` or folder): `users.json`, `channels.json` and a JSON
    /// file of messages per channel and day, laid out as one text (`input::archive`).
    SlackExport,
    /// WhatsApp's exported chat text, Android's and iOS's shapes in every locale.
    WhatsappText,
    /// MeetBot's minutes, as text or HTML: topics and items with `(nick, HH:MM:SS)`.
    MeetbotMinutes,
    /// A line shape no reader above knows, learned from the file: prefix columns, a clock, a
    /// speaker's shape (`Meta::line_shape` describes it).
    Inferred,
    /// Nothing matched: every non-blank line is raw.
    PlainText,
}

impl Format {
    pub const ALL: [Format; 37] = [
        Format::MirageMeeting,
        Format::Irssi,
        Format::Weechat,
        Format::Hexchat,
        Format::Znc,
        Format::Eggdrop,
        Format::Supybot,
        Format::Dircproxy,
        Format::Mirc,
        Format::PidginText,
        Format::PipeAligned,
        Format::BracketIso,
        Format::W3cScribe,
        Format::Gitter,
        Format::ZigRecords,
        Format::Madoka,
        Format::ClockIrc,
        Format::BracketIrc,
        Format::PlainNick,
        Format::MeetbotHtml,
        Format::LogbotHtml,
        Format::IrcLogsHtml,
        Format::PidginHtml,
        Format::AdiumXml,
        Format::MatrixNdjson,
        Format::TopanswersJson,
        Format::BotbotRepr,
        Format::DiscordJson,
        Format::DiscordHtml,
        Format::TelegramJson,
        Format::ElementJson,
        Format::MattermostJsonl,
        Format::SlackExport,
        Format::WhatsappText,
        Format::MeetbotMinutes,
        Format::Inferred,
        Format::PlainText,
    ];

    /// The stable identifier used by the CLI and `?format=`.
    pub fn id(self) -> &'static str {
        match self {
            Format::MirageMeeting => "mirage-meeting",
            Format::Irssi => "irssi",
            Format::Weechat => "weechat",
            Format::Hexchat => "hexchat",
            Format::Znc => "znc",
            Format::Eggdrop => "eggdrop",
            Format::Supybot => "supybot",
            Format::Dircproxy => "dircproxy",
            Format::Mirc => "mirc",
            Format::PidginText => "pidgin-text",
            Format::PipeAligned => "pipe-aligned",
            Format::BracketIso => "bracket-iso",
            Format::W3cScribe => "w3c-scribe",
            Format::Gitter => "gitter",
            Format::ZigRecords => "zig-records",
            Format::Madoka => "madoka",
            Format::ClockIrc => "clock-irc",
            Format::BracketIrc => "bracket-irc",
            Format::PlainNick => "plain-nick",
            Format::MeetbotHtml => "meetbot-html",
            Format::LogbotHtml => "logbot-html",
            Format::IrcLogsHtml => "irc-logs-html",
            Format::PidginHtml => "pidgin-html",
            Format::AdiumXml => "adium-xml",
            Format::MatrixNdjson => "matrix-ndjson",
            Format::TopanswersJson => "topanswers-json",
            Format::BotbotRepr => "botbot-repr",
            Format::DiscordJson => "discord-json",
            Format::DiscordHtml => "discord-html",
            Format::TelegramJson => "telegram-json",
            Format::ElementJson => "element-json",
            Format::MattermostJsonl => "mattermost-jsonl",
            Format::SlackExport => "slack-export",
            Format::WhatsappText => "whatsapp",
            Format::MeetbotMinutes => "meetbot-minutes",
            Format::Inferred => "inferred",
            Format::PlainText => "plain-text",
        }
    }

    /// What a person reads on the page.
    pub fn label(self) -> &'static str {
        match self {
            Format::MirageMeeting => "MirageOS meeting log",
            Format::Irssi => "irssi log",
            Format::Weechat => "WeeChat log",
            Format::Hexchat => "HexChat/XChat log",
            Format::Znc => "ZNC log",
            Format::Eggdrop => "Eggdrop log",
            Format::Supybot => "Supybot/Limnoria ChannelLogger log",
            Format::Dircproxy => "dircproxy log",
            Format::Mirc => "mIRC log",
            Format::PidginText => "Pidgin text log",
            Format::PipeAligned => "Pipe-aligned log",
            Format::BracketIso => "Bot log with ISO times",
            Format::W3cScribe => "W3C scribe log",
            Format::Gitter => "Gitter room copy",
            Format::ZigRecords => "One-field-per-line records",
            Format::Madoka => "Madoka log",
            Format::ClockIrc => "Timestamped IRC log",
            Format::BracketIrc => "Bracketed IRC log",
            Format::PlainNick => "IRC log without times",
            Format::MeetbotHtml => "MeetBot HTML log",
            Format::LogbotHtml => "PircBot LogBot HTML",
            Format::IrcLogsHtml => "IRC log page (HTML)",
            Format::PidginHtml => "Pidgin HTML log",
            Format::AdiumXml => "Adium XML log",
            Format::MatrixNdjson => "Matrix room dump",
            Format::TopanswersJson => "TopAnswers chat export",
            Format::BotbotRepr => "BotBot dump",
            Format::DiscordJson => "Discord export",
            Format::DiscordHtml => "Discord export (HTML)",
            Format::TelegramJson => "Telegram export",
            Format::ElementJson => "Element (Matrix) export",
            Format::MattermostJsonl => "Mattermost bulk export",
            Format::SlackExport => "Slack export",
            Format::WhatsappText => "WhatsApp chat",
            Format::MeetbotMinutes => "MeetBot minutes",
            Format::Inferred => "Inferred line shape",
            Format::PlainText => "Plain text",
        }
    }

    /// A summary of a meeting (MeetBot's minutes), not the conversation: no line answers another.
    pub fn is_summary(self) -> bool {
        self == Format::MeetbotMinutes
    }

    /// Formats read as documents (HTML, XML, JSON) and recognised by their first bytes, not by
    /// scoring lines.
    pub fn is_structured(self) -> bool {
        matches!(
            self,
            Format::MeetbotHtml
                | Format::LogbotHtml
                | Format::IrcLogsHtml
                | Format::PidginHtml
                | Format::AdiumXml
                | Format::MatrixNdjson
                | Format::TopanswersJson
                | Format::BotbotRepr
                | Format::DiscordJson
                | Format::DiscordHtml
                | Format::TelegramJson
                | Format::ElementJson
                | Format::MattermostJsonl
                | Format::SlackExport
                | Format::MeetbotMinutes
        )
    }

    /// Exports that write a thread's replies under its first post, not at their time: the
    /// clock going back after a thread is no jump.
    pub fn nests_replies(self) -> bool {
        self == Format::MattermostJsonl
    }

    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.id() == id)
    }
}
