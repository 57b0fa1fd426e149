//! Logs as web archives and services publish or export them: the MirageOS pages, HTML logs
//! (MeetBot, LogBot, irclog2html, Pidgin), Gitter, Matrix (its room dumps and Element's exports) and TopAnswers.

pub mod element;
pub mod gitter;
pub mod html_logs;
pub mod matrix;
pub mod mirage;
pub mod topanswers;
