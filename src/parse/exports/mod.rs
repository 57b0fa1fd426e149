//! Chat services' exports: Discord (DiscordChatExporter's JSON and HTML), Telegram Desktop,
//! Slack, Mattermost and WhatsApp (Element's, a Matrix room, is read beside the Matrix dumps in
//! `web`). Each message is one line, with the replies, edits, reactions and attachments the
//! export states; the export's own structure is muted and its header folded.

pub mod discord;
pub mod discord_html;
pub mod mattermost;
pub mod slack;
pub mod telegram;
pub mod whatsapp;
