//! The logs IRC and chat clients write themselves (and bouncers on their behalf): irssi, WeeChat,
//! HexChat, mIRC, Pidgin, Adium, Madoka, dircproxy, ZNC, and the plain bracketed shapes they share.

pub mod adium;
pub mod bracket;
pub mod clock_irc;
pub mod dircproxy;
pub mod hexchat;
pub mod irssi;
pub mod madoka;
pub mod mirc;
pub mod pidgin_text;
pub mod pipe_aligned;
pub mod plain_nick;
pub mod weechat;
pub mod znc;
