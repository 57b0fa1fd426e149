//! What the agenda gives people to read: the sections report (`scrollback sections`) and the
//! minutes as Markdown, laid out like MeetBot's, with `#L` links.

use super::*;

/// One line per section, for a person to read or paste into a note:
/// `L33-L55  15:06–15:14  8 min  Mirage 3  (hannes 12, mato 5, …)`.
pub fn sections_report(agenda: &Agenda) -> String {
    let mut out = String::new();
    if let Some(chair) = &agenda.chair {
        let _ = writeln!(out, "chair {chair}");
    }
    for section in &agenda.sections {
        let (start, end) = section.line_numbers();
        let span = match (section.start, section.end) {
            (Some(from), Some(to)) => format!("{}–{}", from.hours_minutes(), to.hours_minutes()),
            _ => "-".to_owned(),
        };
        let duration = section.duration_minutes().map_or_else(|| "-".to_owned(), |minutes| format!("{minutes} min"));
        let people: Vec<String> = section.participants.iter().take(6).map(|(nick, count)| format!("{nick} {count}")).collect();
        let more = section.participants.len().saturating_sub(6);
        let more = if more > 0 { format!(", +{more}") } else { String::new() };
        let _ = writeln!(out, "{:<12} {span:<11} {duration:>7}  {}  ({}{more})", format!("L{start}-L{end}"), section.title, people.join(", "));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Minutes

/// The minutes' title: the meeting's name, else the log's title, else its file's name.
pub fn minutes_title(agenda: &Agenda, log_title: Option<&str>, file_name: &str) -> String {
    agenda.meeting_name.as_deref().or(log_title).unwrap_or(file_name).to_owned()
}

/// The meeting's minutes as Markdown, laid out like MeetBot's: topics with their items, action
/// items, action items by person, people present. Every item links to its line (`#L<n>`) and
/// every topic to its lines (`#L<start>-L<end>`). Log text is escaped.
pub fn minutes_markdown(log: &Log, agenda: &Agenda, title: &str) -> String {
    minutes_markdown_for(log, agenda, title, &Roster::new(log).ranked())
}

/// [`minutes_markdown`] with the people present already counted (most lines first), as the
/// page has them: it need not scan the log again, nor link the colour choice.
pub fn minutes_markdown_for(log: &Log, agenda: &Agenda, title: &str, present: &[crate::speakers::Speaker]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(title));
    if let Some(name) = agenda.meeting_name.as_ref().filter(|name| name.as_str() != title) {
        let _ = writeln!(out, "Meeting: {}\n", escape_markdown(name));
    }
    if let Some(chair) = &agenda.chair {
        let _ = write!(out, "Chaired by {}", escape_markdown(chair));
        if let Some(started) = agenda.started {
            let _ = write!(out, ", started at {}", line_link(log, started));
        }
        if let Some(ended) = agenda.ended {
            let _ = write!(out, ", ended at {}", line_link(log, ended));
        }
        out.push_str(".\n\n");
    }
    out.push_str("## Meeting summary\n\n");
    if agenda.sections.is_empty() {
        out.push_str("No agenda was found in this log.\n\n");
    }
    let first_section_line = agenda.sections.first().map_or(usize::MAX, |section| section.first);
    let loose_items: Vec<&Item> = agenda.items.iter().filter(|item| item.line < first_section_line).collect();
    for item in &loose_items {
        write_item(&mut out, log, item, "");
    }
    if !loose_items.is_empty() {
        out.push('\n');
    }
    for (number, section) in agenda.sections.iter().enumerate() {
        let (start, end) = section.line_numbers();
        let _ = write!(out, "{}. [{}](#L{start}-L{end})", number + 1, escape_markdown(&section.title));
        let when = match (section.start, section.end) {
            (Some(from), Some(to)) => format!("{}–{}", from.hours_minutes(), to.hours_minutes()),
            _ => String::new(),
        };
        let mut facts: Vec<String> = Vec::new();
        if !when.is_empty() {
            facts.push(when);
        }
        if let Some(minutes) = section.duration_minutes() {
            facts.push(format!("{minutes} min"));
        }
        facts.push(format!("{} messages", section.n_messages));
        let _ = writeln!(out, " ({})", facts.join(", "));
        if !section.participants.is_empty() {
            let people: Vec<String> = section.participants.iter().map(|(nick, count)| format!("{} ({count})", escape_markdown(nick))).collect();
            let _ = writeln!(out, "   - People: {}", people.join(", "));
        }
        for item in agenda.items.get(section.items.clone()).unwrap_or(&[]) {
            write_item(&mut out, log, item, "   ");
        }
    }
    out.push('\n');
    let actions: Vec<&Item> = agenda.items.iter().filter(|item| item.kind == ItemKind::Action).collect();
    if !actions.is_empty() {
        out.push_str("## Action items\n\n");
        for action in &actions {
            let _ = writeln!(out, "- {} ({})", escape_markdown(&action.text), line_link(log, action.line));
        }
        out.push_str("\n## Action items, by person\n\n");
        let mut owners: Vec<&str> = actions.iter().flat_map(|action| action.owners.iter().map(String::as_str)).collect();
        owners.sort_by_key(|owner| owner.to_lowercase());
        owners.dedup();
        for owner in owners {
            let _ = writeln!(out, "- {}", escape_markdown(owner));
            for action in actions.iter().filter(|action| action.owners.iter().any(|name| name == owner)) {
                let _ = writeln!(out, "  - {} ({})", escape_markdown(&action.text), line_link(log, action.line));
            }
        }
        let unassigned: Vec<&&Item> = actions.iter().filter(|action| action.owners.is_empty()).collect();
        if !unassigned.is_empty() {
            out.push_str("- **UNASSIGNED**\n");
            for action in unassigned {
                let _ = writeln!(out, "  - {} ({})", escape_markdown(&action.text), line_link(log, action.line));
            }
        }
        out.push('\n');
    }
    out.push_str("## People present (lines said)\n\n");
    for speaker in present {
        let _ = writeln!(out, "- {} ({})", escape_markdown(&speaker.nick), speaker.n_lines);
    }
    out
}

fn write_item(out: &mut String, log: &Log, item: &Item, indent: &str) {
    let label = item.kind.label();
    let label = if label.is_empty() { String::new() } else { format!("**{label}:** ") };
    let nick = log.lines.get(item.line).and_then(|line| log.nick(line)).map(|nick| format!("{}, ", escape_markdown(nick))).unwrap_or_default();
    let _ = writeln!(out, "{indent}- {label}{} ({nick}{})", escape_markdown(&item.text), line_link(log, item.line));
}

/// `[15:06](#L33)`, or `[L33](#L33)` for a line without a time.
fn line_link(log: &Log, line: usize) -> String {
    let number = line + 1;
    match log.lines.get(line).and_then(|line| line.time) {
        Some(stamp) => format!("[{}](#L{number})", stamp.hours_minutes()),
        None => format!("[L{number}](#L{number})"),
    }
}

/// Log text made inert in Markdown: markup characters escaped, control characters dropped,
/// bare URLs written as `<…>` autolinks so escapes do not break them.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let is_url = (word.starts_with("http://") || word.starts_with("https://")) && word.len() > 8;
        if is_url && !word.contains(['<', '>', '`', '\\']) && !word.chars().any(char::is_control) {
            let _ = write!(out, "<{word}>");
            continue;
        }
        for c in word.chars() {
            if c.is_control() {
                continue;
            }
            // `(`, `!`, `.` and `-` are inert here: `[` is escaped and no text starts a line.
            if "\\`*_[]<>#|~&".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_keeps_urls() {
        assert_eq!(escape_markdown("*bold* [x](y) <b> see https://a.b/c_d"), "\\*bold\\* \\[x\\](y) \\<b\\> see <https://a.b/c_d>");
        assert_eq!(escape_markdown("a\u{1}b"), "ab");
    }
}
