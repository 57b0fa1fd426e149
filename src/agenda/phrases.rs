//! One pass over a log for its chairing cues: the moves ("onto Solo5", "Next topic"), the closing
//! questions before them, topic changes, whether the log names an agenda, and who chairs.

use super::cues::{answered_topic, asks_next_topic, asks_to_move_on, find_word, is_closing_question, read_cue, Cue};
use super::hints::hints;
use super::titles::{changed_topic, title_in_line};
use super::*;

/// The chairing cues of one log and what lies around them: one pass over its lines.
#[derive(Debug, Clone, Default)]
pub(super) struct CuePass {
    /// In line order; an agenda listed line by line is left out.
    pub(super) cues: Vec<Cue>,
    /// The lines of an agenda listed line by line ("1) CI", "2) Releases", said one after another).
    pub(super) listed: Vec<usize>,
    /// Lines (0-based) of closing questions: "anything else for Solo5?", "objections to moving on?".
    pub(super) closings: Vec<usize>,
    pub(super) topic_changes: Vec<Start>,
    /// The first line that names the agenda or the meeting.
    pub(super) first_agenda_mention: Option<usize>,
    /// Who moves the meeting on most (the `#startmeeting` nick when there is one), else who speaks most.
    pub(super) chair: Option<usize>,
}

/// Reads every cue of `log`, the chair, and the topic changes. `chair`: the `#startmeeting` nick.
pub(super) fn read_cues(log: &Log, people: &PersonLookup, chair: Option<&str>) -> CuePass {
    let mut cues: Vec<Cue> = Vec::new();
    // Lines (0-based) of closing questions: "anything else for Solo5?".
    let mut closings: Vec<usize> = Vec::new();
    let mut topic_changes: Vec<Start> = Vec::new();
    let mut lower = String::new();
    // The last spoken lines (index, person) for answers to "what's the next topic?".
    let mut asked_next: Option<usize> = None;
    // Someone names the agenda, the meeting or AOB: without that, a log is not a meeting.
    let mut mentions_agenda = false;
    let mut first_agenda_mention = None;
    for (index, line) in log.lines.iter().enumerate() {
        match line.kind {
            LineKind::System(SystemEvent::Topic) => {
                if let Some(title) = changed_topic(log.body(line)) {
                    topic_changes.push(Start { line: index, title, how: Boundary::TopicChange });
                }
                continue;
            }
            LineKind::Message | LineKind::Action => {}
            _ => continue,
        }
        let body = log.body(line);
        if body.len() > 600 {
            continue;
        }
        let line_hints = hints(body, !mentions_agenda);
        if asked_next.is_none() && !line_hints.any {
            continue;
        }
        lower.clear();
        lower.push_str(body);
        lower.make_ascii_lowercase();
        let person = people.of_line(index);
        if let Some(asked) = asked_next {
            if index > asked + 4 {
                asked_next = None;
            } else if let Some(title) = answered_topic(body) {
                cues.push(Cue { line: index, person, strength: 4, title: Some(title), wants_title: false, is_aob: false, numbered: false });
                asked_next = None;
                continue;
            }
        }
        if !mentions_agenda && ["agenda", "meeting", "aob", "any other business"].iter().any(|word| find_word(&lower, word).is_some()) {
            mentions_agenda = true;
            first_agenda_mention = Some(index);
        }
        if is_closing_question(&lower) {
            closings.push(index);
        }
        if asks_next_topic(&lower) {
            asked_next = Some(index);
            continue;
        }
        if asks_to_move_on(&lower) {
            closings.push(index);
            continue;
        }
        if let Some(mut cue) = read_cue(body, &lower, people, line_hints.anywhere) {
            cue.line = index;
            cue.person = person;
            cues.push(cue);
        }
    }
    let (cues, listed) = without_listed_agenda(cues, people);
    // The chair: whoever moves the meeting on most; a strong move counts twice a weak one or AOB.
    let mut moves: HashMap<usize, usize> = HashMap::new();
    for cue in &cues {
        let weight = match cue {
            Cue { is_aob: true, .. } => 1,
            Cue { strength: 3.., title: Some(_), .. } | Cue { strength: 3.., wants_title: true, .. } => 2,
            Cue { strength: 2.., title: Some(_), .. } => 1,
            _ => 0,
        };
        if let (Some(person), true) = (cue.person, weight > 0) {
            *moves.entry(person).or_default() += weight;
        }
    }
    let most_active = || people.roster.people().iter().enumerate().max_by_key(|(person, speaker)| (speaker.n_lines, std::cmp::Reverse(*person))).map(|(person, _)| person);
    let chair = match chair {
        Some(chair) => people.roster.index_of(chair),
        None if !mentions_agenda => None,
        None => moves.iter().max_by_key(|(&person, &count)| (count, std::cmp::Reverse(person))).map(|(&person, _)| person).or_else(most_active),
    };
    CuePass { cues, listed, closings, topic_changes, first_agenda_mention, chair }
}

/// Numbered lines said one after another list the agenda; they do not move through it.
fn without_listed_agenda(cues: Vec<Cue>, people: &PersonLookup) -> (Vec<Cue>, Vec<usize>) {
    let listed: Vec<bool> = (0..cues.len())
        .map(|index| {
            let cue = &cues[index];
            // The same person, with no message between: a chair who says "1) hi", "hello", "2) sdk"
            // moves through the items.
            let near = |other: Option<&Cue>| {
                other.is_some_and(|other| {
                    let between = other.line.min(cue.line) + 1..other.line.max(cue.line);
                    other.numbered && other.person == cue.person && between.clone().count() <= 4 && between.into_iter().all(|index| people.of_line(index).is_none())
                })
            };
            cue.numbered && (near(index.checked_sub(1).and_then(|before| cues.get(before))) || near(cues.get(index + 1)))
        })
        .collect();
    let listed_lines = cues.iter().zip(&listed).filter(|(_, listed)| **listed).map(|(cue, _)| cue.line).collect();
    (cues.into_iter().zip(listed).filter(|(_, listed)| !listed).map(|(cue, _)| cue).collect(), listed_lines)
}

/// "Next topic" followed by "Outreachy": a short line by the same person names the topic.
pub(super) fn title_from_next_line(log: &Log, people: &PersonLookup, cues: &[Cue], cue_index: usize, line: usize) -> Option<String> {
    let person = people.of_line(line);
    let next_cue_line = cues.get(cue_index + 1).map_or(usize::MAX, |cue| cue.line);
    let mut n_spoken = 0;
    for index in line + 1..log.lines.len() {
        if !log.lines[index].kind.is_spoken() {
            continue;
        }
        n_spoken += 1;
        if n_spoken > 5 || index >= next_cue_line {
            return None;
        }
        if people.of_line(index) == person {
            if let Some(title) = title_in_line(log.body(&log.lines[index]), people) {
                return Some(title);
            }
        }
    }
    None
}
