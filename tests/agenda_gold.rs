//! The agenda finder against the hand-annotated gold set (`tests/agenda-gold/`, every meeting in
//! `../shared/corpus` without MeetBot): boundary recall, false boundaries and titles per log, with
//! the shipped model and with models trained leave-one-out (on every other meeting only, so each
//! figure is for a meeting the training never saw). Run with `--nocapture` to read the table.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
#[allow(dead_code)]
mod shared;

use std::path::Path;

use scrollback::agenda::gold::{load, read_gold, score, train, weights_source, GoldBoundary, GoldMeeting, Score};
use scrollback::agenda::BoundaryModel;
use shared::shared;

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn meetings() -> Option<Vec<GoldMeeting>> {
    let corpus = shared("corpus")?;
    Some(load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/agenda-gold"), &corpus).expect("the gold set reads"))
}

#[test]
fn the_scorer_matches_within_one_message() {
    // Lines 0..8; line 3 is a join (not spoken).
    let spoken = [true, true, true, false, true, true, true, true];
    let gold = read_gold("# a call\n2 Opening\n5-6 Solo5 | ukvm\n? 8 Aside\n").unwrap();
    assert_eq!(gold[1], GoldBoundary { first: 4, last: 5, optional: false, names: vec!["Solo5".into(), "ukvm".into()] });
    assert!(read_gold("0 Zero is not a line").is_err());
    // One message early (line 2 for 4-5, across the join) and one late both count; a start on an
    // optional boundary is neither found nor false.
    let got = score(&spoken, &gold, &[(0, Some("Hello")), (2, Some("Ukvm news")), (7, Some("Aside"))]);
    assert_eq!(got, Score { required: 2, found: 2, false_boundaries: 0, titled: 3, titles_right: 2 });
    // A generic title names nothing.
    let got = score(&spoken, &gold, &[(1, Some("Next topic")), (7, Some("Solo5"))]);
    assert_eq!(got, Score { required: 2, found: 1, false_boundaries: 0, titled: 2, titles_right: 0 });
    // Two starts in one boundary's reach: the second is false.
    let got = score(&spoken, &gold, &[(1, None), (6, None), (2, None)]);
    assert_eq!((got.found, got.false_boundaries, got.titled), (2, 1, 0));
}

/// The committed weights are what training on the whole gold set gives.
#[test]
fn the_shipped_model_is_the_trained_one() {
    let Some(meetings) = meetings() else { return };
    let trained = train(&meetings.iter().collect::<Vec<_>>());
    let source = weights_source(&trained, "");
    let committed = include_str!("../src/agenda/weights.rs");
    let numbers = |text: &str| text.lines().filter(|line| !line.starts_with("//!")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(numbers(&source), numbers(committed), "run `cargo run --release --bin scrollback -- train-agenda tests/agenda-gold ../shared/corpus > src/agenda/weights.rs`");
    assert_eq!(BoundaryModel::shipped().threshold, trained.threshold);
}

/// The figures the issue asks for: per log and in total, shipped and leave-one-out.
#[test]
fn agenda_holds_on_meetings_it_was_not_tuned_on() {
    let Some(meetings) = meetings() else { return };
    assert!(meetings.len() >= 30, "the gold set covers {} meetings", meetings.len());
    let shipped_model = BoundaryModel::shipped();
    let (mut shipped_total, mut held_out_total) = (Score::default(), Score::default());
    println!("{:<46} {:>4} | {:>7} {:>5} {:>7} | {:>8} {:>5} {:>7}", "meeting", "gold", "shipped", "false", "titles", "held-out", "false", "titles");
    for (index, meeting) in meetings.iter().enumerate() {
        let others: Vec<&GoldMeeting> = meetings.iter().enumerate().filter(|(other, _)| *other != index).map(|(_, meeting)| meeting).collect();
        let held_out = meeting.score(&train(&others));
        let shipped = meeting.score(&shipped_model);
        shipped_total += shipped;
        held_out_total += held_out;
        println!(
            "{:<46} {:>4} | {:>7} {:>5} {:>3}/{:<3} | {:>8} {:>5} {:>3}/{:<3}",
            meeting.name, shipped.required, shipped.found, shipped.false_boundaries, shipped.titles_right, shipped.titled, held_out.found, held_out.false_boundaries, held_out.titles_right, held_out.titled
        );
    }
    let n_logs = meetings.len() as f64;
    for (label, total) in [("shipped model (trained on all)", shipped_total), ("leave-one-out", held_out_total)] {
        println!(
            "{label}: recall {:.1}% ({}/{}), {:.2} false boundaries per log ({} in {} logs), titles naming the topic {:.1}% ({}/{})",
            percent(total.found, total.required),
            total.found,
            total.required,
            total.false_boundaries as f64 / n_logs,
            total.false_boundaries,
            meetings.len(),
            percent(total.titles_right, total.titled),
            total.titles_right,
            total.titled
        );
    }
    let recall = percent(held_out_total.found, held_out_total.required);
    let false_per_log = held_out_total.false_boundaries as f64 / n_logs;
    // Floors just under what this model measures (64.0%, 1.42); the chairing phrases alone, before
    // the learned model, found 38.9% of these boundaries.
    assert!(recall >= 58.0 && false_per_log <= 1.6, "leave-one-out recall {recall:.1}%, {false_per_log:.2} false boundaries per log");
}
