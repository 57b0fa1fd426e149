//! Speaker colours told apart: the most active speakers of every shared log and of the demo,
//! any roster of up to twelve, and a nick that keeps its colour from log to log.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
mod shared;

use proptest::prelude::*;
use scrollback::colour::distinct::{distinct_colours, separation, Theme, Vision, DISTINCT_SPEAKERS, MIN_DISTANCE, MIN_DISTANCE_COLOUR_BLIND};
use scrollback::colour::{colour_index, PALETTE_LEN};
use scrollback::parse::parse;
use scrollback::speakers::Roster;

const VIEWS: [(Theme, Vision, &str); 6] = [
    (Theme::Light, Vision::Typical, "light"),
    (Theme::Dark, Vision::Typical, "dark"),
    (Theme::Light, Vision::Deuteranopia, "deutan light"),
    (Theme::Dark, Vision::Deuteranopia, "deutan dark"),
    (Theme::Light, Vision::Protanopia, "protan light"),
    (Theme::Dark, Vision::Protanopia, "protan dark"),
];

fn floor(vision: Vision) -> f32 {
    if vision == Vision::Typical { MIN_DISTANCE } else { MIN_DISTANCE_COLOUR_BLIND }
}

/// For each view, the closest pair among `speakers` (nick, colour): (distance, nick, nick).
fn closest_pairs(speakers: &[(String, usize)]) -> Vec<(f32, String, String)> {
    VIEWS
        .iter()
        .map(|&(theme, vision, _)| {
            let mut closest = (f32::INFINITY, String::new(), String::new());
            for (at, (a, colour_a)) in speakers.iter().enumerate() {
                for (b, colour_b) in &speakers[at + 1..] {
                    let apart = separation(*colour_a, *colour_b, theme, vision);
                    if apart < closest.0 {
                        closest = (apart, a.clone(), b.clone());
                    }
                }
            }
            closest
        })
        .collect()
}

#[test]
fn the_most_active_speakers_of_every_shared_log_and_the_demo_are_told_apart() {
    let mut logs = vec![("demo".to_owned(), scrollback::demo::DEMO_LOG.as_bytes().to_vec())];
    if let Some(corpus) = shared::shared("corpus") {
        for path in shared::files_under(&corpus).into_iter().filter(|path| !path.ends_with("SOURCES.md")) {
            let name = path.strip_prefix(&corpus).unwrap().display().to_string();
            logs.push((name, std::fs::read(&path).unwrap()));
        }
    }
    let mut failures = Vec::new();
    let (mut n_logs, mut n_moved, mut n_forced, mut n_speakers) = (0, 0, 0, 0);
    println!("closest pair among the {DISTINCT_SPEAKERS} most active speakers (OKLab × 100):");
    for (name, bytes) in &logs {
        let roster = Roster::new(&parse(bytes, None));
        let top: Vec<(String, usize)> = roster.ranked().into_iter().take(DISTINCT_SPEAKERS).map(|speaker| (speaker.nick, speaker.colour)).collect();
        if top.len() < 2 {
            continue;
        }
        n_logs += 1;
        n_speakers += top.len();
        n_moved += top.iter().filter(|(nick, colour)| colour_index(nick) != *colour).count();
        let homes: Vec<usize> = roster.ranked().iter().map(|speaker| colour_index(&speaker.nick)).collect();
        n_forced += (0..top.len()).filter(|&rank| homes[..rank].contains(&homes[rank])).count();
        let closest = closest_pairs(&top);
        let figures: Vec<String> = VIEWS.iter().zip(&closest).map(|((_, _, view), (apart, a, b))| format!("{view} {apart:.1} ({a}/{b})")).collect();
        println!("  {name} ({} speakers): {}", top.len(), figures.join(", "));
        for ((_, vision, view), (apart, a, b)) in VIEWS.iter().zip(&closest) {
            if *apart < floor(*vision) {
                failures.push(format!("{name}: {a} and {b} are {apart:.1} apart ({view})"));
            }
        }
    }
    println!("{n_logs} logs, {n_speakers} speakers among their most active; {n_moved} moved off their own colour, {n_forced} of them because a more active speaker has it");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A three-person meeting as a bracketed IRC log: each nick speaks `lines` times.
fn meeting(speakers: &[(&str, usize)]) -> Roster {
    let mut text = String::new();
    for (nick, lines) in speakers {
        for line in 0..*lines {
            text += &format!("[10:{line:02}] <{nick}> point {line}\n");
        }
    }
    Roster::new(&parse(text.as_bytes(), None))
}

/// The first made-up nick (`ab`, `ac`, …) whose own colour passes `wanted`, other than `besides`.
fn nick_with(wanted: impl Fn(usize) -> bool, besides: &[&str]) -> String {
    let letters = || b'a'..=b'z';
    letters()
        .flat_map(|first| letters().map(move |second| String::from_utf8(vec![first, second]).unwrap()))
        .find(|nick| wanted(colour_index(nick)) && !besides.contains(&nick.as_str()))
        .expect("a nick with that colour")
}

#[test]
fn a_nick_keeps_its_colour_across_logs_where_it_does_not_collide_and_moves_where_it_does() {
    let reader = "avsm";
    let own = colour_index(reader);
    let other = nick_with(|colour| colour != own, &[reader]);
    let third = nick_with(|colour| colour != own && colour != colour_index(&other), &[reader, &other]);
    let clash = nick_with(|colour| colour == own, &[reader]);
    let (other, third, clash) = (other.as_str(), third.as_str(), clash.as_str());
    // Two meetings with different people, where nobody else has avsm's colour.
    let first = meeting(&[(other, 5), (reader, 3)]);
    let second = meeting(&[(third, 2), (reader, 7)]);
    assert_eq!(first.colour(reader), own);
    assert_eq!(second.colour(reader), own);
    // A more active speaker with the same colour keeps it; avsm moves, in this log only.
    let clashing = meeting(&[(clash, 6), (reader, 2)]);
    assert_eq!(clashing.colour(clash), own);
    assert_ne!(clashing.colour(reader), own);
    // Variants of a nick are one person with one colour.
    let variants = meeting(&[(clash, 6), (reader, 2), ("avsm___", 2)]);
    assert_eq!(variants.colour("avsm___"), variants.colour(reader));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_roster_of_up_to_twelve_is_told_apart(nicks in proptest::collection::vec("[A-Za-z][A-Za-z0-9_`|-]{0,11}", 1..=DISTINCT_SPEAKERS)) {
        let homes: Vec<usize> = nicks.iter().map(|nick| colour_index(nick)).collect();
        let colours = distinct_colours(&homes);
        prop_assert_eq!(colours[0], homes[0], "the most active speaker keeps their colour");
        for (rank, (&home, &colour)) in homes.iter().zip(&colours).enumerate() {
            prop_assert!(colour < PALETTE_LEN);
            // Kept unless someone more active has it.
            prop_assert_eq!(colour == home, !colours[..rank].contains(&home), "{:?} → {:?}", homes, colours);
            for &before in &colours[..rank] {
                for (theme, vision, view) in VIEWS {
                    let apart = separation(before, colour, theme, vision);
                    prop_assert!(apart >= floor(vision), "{} and {} are {:.1} apart ({})", before, colour, apart, view);
                }
            }
        }
    }
}
