//! Reply detection and threads: small logs, which earlier lines each line answers; and the
//! irc-disentanglement dev set (when `../shared/threads/dev` exists) scored against the bar.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/shared.rs"]
#[allow(dead_code)]
mod shared;

use scrollback::parse::parse;
use scrollback::thread::analyse;
use scrollback::thread::benchmark::{evaluate, read_dir};

/// (what the case is about, log, 1-based line, the 1-based lines it answers in any order)
const REPLIES: &[(&str, &str, usize, &[usize])] = &[
    (
        "nick: text",
        "[10:00] <alice> anyone know how to mount an iso?\n[10:01] <bob> hi all\n[10:02] <carol> alice: mount -o loop file.iso /mnt\n",
        3,
        &[1],
    ),
    (
        "nick, text",
        "[10:00] <alice> anyone know how to mount an iso?\n[10:01] <bob> hi all\n[10:02] <carol> alice, mount -o loop file.iso /mnt\n",
        3,
        &[1],
    ),
    (
        "@nick",
        "[10:00] <alice> anyone know how to mount an iso?\n[10:01] <bob> hi all\n[10:02] <carol> @alice mount -o loop file.iso /mnt\n",
        3,
        &[1],
    ),
    (
        "two addressees",
        "29-06-2016 15:10 thomasga shall we release on friday?\n29-06-2016 15:11 yomimono the tests still fail on arm\n29-06-2016 15:11 hannes unrelated: the website is down\n29-06-2016 15:12 avsm thomasga: yomimono: I think we should wait a week\n",
        4,
        &[1, 2],
    ),
    (
        "an address in parentheses",
        "[10:00] <avsm> the arm tests fail on my board\n[10:01] <hannes> the website is down again\n[10:02] <mato> (avsm: fwiw they pass on mine)\n",
        3,
        &[1],
    ),
    (
        "a nick at the end",
        "[10:00] <hannes> let us drop support for 4.02\n[10:01] <avsm> the website is down again\n[10:01] <mato> I restarted it\n[10:02] <yomimono> +1 hannes\n",
        4,
        &[1],
    ),
    (
        "a nick at the end of a long line",
        "[10:00] <mato> I am porting solo5 to arm64 this week\n[10:01] <avsm> the website is down again\n[10:01] <hannes> I restarted it\n[10:02] <djs55> I have a board you can borrow, ping me if you get blocked mato\n",
        4,
        &[1],
    ),
    (
        "nicks match without case and trailing underscores",
        "[10:00] <mort___> the build fails on my laptop\n[10:01] <avsm> the website is down again\n[10:01] <hannes> I restarted it\n[10:02] <djs55> Mort: which compiler?\n",
        4,
        &[1],
    ),
    (
        "an unambiguous prefix",
        "[10:00] <yomimono> the release is tagged\n[10:01] <avsm> the website is down again\n[10:01] <hannes> I restarted it\n[10:02] <mato> yomi: thanks, building it now\n",
        4,
        &[1],
    ),
    (
        "a bare no after a question",
        "[10:00] <alice> is there a 64-bit build of firefox?\n[10:00] <bob> no\n",
        2,
        &[1],
    ),
    (
        "not really after a question",
        "[10:00] <alice> does the live cd have gparted?\n[10:01] <bob> not really\n",
        2,
        &[1],
    ),
    (
        "a speaker going on with their point",
        "[10:00] <puff> sound stopped working after the upgrade\n[10:00] <puff> it is a thinkpad t520\n[10:00] <puff> running xubuntu 11.10\n",
        3,
        &[2],
    ),
    ("the first line starts a conversation", "[10:00] <alice> hello, my wifi drops every hour\n", 1, &[]),
    (
        "a system line answers nothing",
        "[10:00] <alice> anyone know how to mount an iso?\n=== bob [~b@host] has joined #ubuntu\n",
        2,
        &[],
    ),
];

#[test]
fn each_line_answers_the_expected_lines() {
    let mut failures = Vec::new();
    for (about, input, line, expected) in REPLIES {
        let threads = analyse(&parse(input.as_bytes(), None));
        let mut got: Vec<usize> = threads.reply_to(line - 1).map(|parent| parent + 1).collect();
        got.sort_unstable();
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        if got != expected {
            failures.push(format!("{about}: line {line} answers {got:?}, expected {expected:?}\n{input}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), REPLIES.len(), failures.join("\n"));
}

/// (what the case is about, log, 1-based line, the 1-based line it most likely answers)
const FIRST_PARENTS: &[(&str, &str, usize, Option<usize>)] = &[
    (
        "the addressee's latest line",
        "[10:00] <alice> my wifi drops every hour\n[10:01] <bob> hi all\n[10:02] <alice> it is an intel card\n[10:03] <bob> what a day\n[10:04] <carol> alice: try disabling power saving\n",
        5,
        Some(3),
    ),
    (
        "the addressee's latest line, not the latest line",
        "[10:00] <alice> my wifi drops every hour\n[10:01] <bob> hi all\n[10:02] <dave> is kde 4 out yet?\n[10:03] <erin> the mirror is slow today\n[10:04] <carol> alice: try disabling power saving\n",
        5,
        Some(1),
    ),
    ("a greeting starts a conversation", "[10:00] <alice> my wifi drops every hour\n[10:30] <bob> hello everyone\n", 2, None),
];

#[test]
fn each_line_answers_the_expected_line_first() {
    let mut failures = Vec::new();
    for (about, input, line, expected) in FIRST_PARENTS {
        let threads = analyse(&parse(input.as_bytes(), None));
        let got = threads.reply_to(line - 1).next().map(|parent| parent + 1);
        if got != *expected {
            failures.push(format!("{about}: line {line} answers {got:?} first, expected {expected:?}\n{input}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), FIRST_PARENTS.len(), failures.join("\n"));
}

/// (log, the thread of each line as a letter in order of first appearance, `-` for none)
const THREADS: &[(&str, &str)] = &[
    (
        "[10:00] <alice> anyone know how to mount an iso?\n[10:01] <bob> is the nvidia driver in restricted?\n[10:02] <carol> alice: mount -o loop file.iso /mnt\n[10:02] <dave> bob: yes, enable restricted\n[10:03] <alice> carol: thanks, that worked\n",
        "ABABA",
    ),
    (
        "[10:00] <alice> anyone know how to mount an iso?\n=== bob [~b@host] has joined #ubuntu\n[10:02] <carol> alice: mount -o loop file.iso /mnt\n",
        "A-A",
    ),
];

#[test]
fn threads_group_the_conversations() {
    let mut failures = Vec::new();
    for (input, expected) in THREADS {
        let threads = analyse(&parse(input.as_bytes(), None));
        let got: String = (0..threads.len())
            .map(|line| threads.thread_of(line).map_or('-', |thread| char::from(b'A' + (thread % 26) as u8)))
            .collect();
        if got != *expected {
            failures.push(format!("threads {got}, expected {expected}\n{input}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reply_counts_and_lengths_follow_the_links() {
    let input = "[10:00] <alice> anyone know how to mount an iso?\n[10:01] <bob> alice: mount -o loop\n[10:02] <carol> alice: or use the archive manager\n";
    let threads = analyse(&parse(input.as_bytes(), None));
    assert_eq!(threads.len(), 3);
    assert_eq!((threads.reply_count(0), threads.reply_count(1), threads.reply_count(2)), (2, 0, 0));
    assert_eq!(threads.n_threads(), 1);
    // Out of range is empty, never a panic.
    assert_eq!(threads.reply_to(99).count(), 0);
    assert_eq!(threads.thread_of(99), None);
    assert_eq!(threads.reply_count(99), 0);
}

#[test]
fn the_json_report_carries_reply_links_and_threads() {
    let input = "[10:00] <alice> anyone know how to mount an iso?\n=== bob [~b@host] has joined #ubuntu\n[10:02] <carol> alice: mount -o loop file.iso /mnt\n";
    let log = parse(input.as_bytes(), None);
    let json = serde_json::to_value(scrollback::report::report(&log)).unwrap();
    let lines = json["lines"].as_array().unwrap();
    assert_eq!(lines[2]["reply_to"], serde_json::json!([1]));
    assert_eq!(lines[0]["thread"], lines[2]["thread"]);
    assert!(lines[0]["thread"].is_u64());
    assert!(lines[1]["thread"].is_null());
}

/// The published figures for the test set are 35.0 F (previous message), 63.5 (their linear
/// model), 72.3 (feed-forward). This model scores 72.4 on dev (never trained on) and must keep
/// 72: without its hidden layer it falls to 71.3–71.6.
#[test]
fn the_dev_set_scores_at_least_72_f() {
    let Some(dir) = shared::shared("threads/dev") else { return };
    let files = read_dir(&dir).expect("the dev set reads");
    let evaluation = evaluate(&files, None);
    let total = evaluation.total;
    eprintln!("irc-disentanglement dev p/r/f: {} ({} links, {} files)", total.summary(), total.gold, files.len());
    assert!(total.f() >= 72.0, "dev F fell to {:.1}", total.f());
}

/// The nick a message addresses at its start, as written: "nick: …", "nick, …", "@nick …",
/// "`nick`: …" (the Canopy pages' backticks).
fn addressed_at_start(body: &str) -> Option<&str> {
    let first = body.split_whitespace().next()?;
    let nick = match first.strip_prefix('@') {
        Some(rest) => rest.trim_end_matches([':', ',', ';']),
        None => first.strip_suffix(':').or_else(|| first.strip_suffix(','))?,
    };
    let nick = nick.trim_matches('`');
    (!nick.is_empty()).then_some(nick)
}

/// The person `written` names: their nick or an alias (trailing `_`, digits and case aside), or
/// the only person whose nick starts with it (three letters at least: `mort` for `mort___`).
fn person_addressed(roster: &scrollback::speakers::Roster, written: &str) -> Option<usize> {
    if let Some(person) = roster.index_of(written) {
        return Some(person);
    }
    let stem = scrollback::colour::normalise_nick(written);
    if stem.chars().count() < 3 {
        return None;
    }
    let mut starting: Vec<usize> = (0..roster.people().len()).filter(|&person| scrollback::colour::normalise_nick(&roster.people()[person].nick).starts_with(&stem)).collect();
    starting.dedup();
    (starting.len() == 1).then(|| starting[0])
}

/// In every MirageOS call (and the demo), a message that addresses someone by a prefix answers
/// that person's last turn: their last message, or one they said just before it with nobody else
/// speaking between ("@yomimono: vchan can point to mirage now", "(I'll make a PR)", then
/// "thomasga: yay!" answers the first). The model must link at least 90% of them so.
#[test]
fn prefix_addressed_replies_in_meetings_link_to_the_addressee() {
    let mut logs: Vec<(String, Vec<u8>)> = vec![("demo".to_owned(), scrollback::demo::DEMO_LOG.as_bytes().to_vec())];
    if let Some(dir) = shared::shared("corpus/mirage-canopy") {
        for path in shared::files_under(&dir) {
            // history/ holds earlier versions of two calls.
            if !path.to_string_lossy().contains("/history/") {
                logs.push((path.strip_prefix(&dir).unwrap().display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let (mut total, mut to_last_line, mut to_last_turn) = (0, 0, 0);
    for (name, bytes) in &logs {
        let log = parse(bytes, None);
        let roster = scrollback::speakers::Roster::new(&log);
        let threads = analyse(&log);
        let person_of = |line: usize| log.nick(&log.lines[line]).and_then(|nick| roster.index_of(nick));
        let (mut here, mut here_line, mut here_turn) = (0, 0, 0);
        let mut misses = Vec::new();
        for (index, line) in log.lines.iter().enumerate() {
            if !line.kind.is_spoken() {
                continue;
            }
            let Some(addressee) = addressed_at_start(log.body(line)).and_then(|written| person_addressed(&roster, written)) else { continue };
            if Some(addressee) == person_of(index) {
                continue;
            }
            let Some(last) = (0..index).rev().find(|&earlier| log.lines[earlier].kind.is_spoken() && person_of(earlier) == Some(addressee)) else { continue };
            // The turn: the addressee's messages back from `last` until someone else spoke.
            let turn: Vec<usize> = (0..=last).rev().filter(|&earlier| log.lines[earlier].kind.is_spoken()).take_while(|&earlier| person_of(earlier) == Some(addressee)).collect();
            here += 1;
            let parents: Vec<usize> = threads.reply_to(index).collect();
            here_line += usize::from(parents.contains(&last));
            if parents.iter().any(|parent| turn.contains(parent)) {
                here_turn += 1;
            } else if misses.len() < 3 {
                misses.push(format!("L{} → L{} (model: {:?})", index + 1, last + 1, parents.iter().map(|parent| parent + 1).collect::<Vec<_>>()));
            }
        }
        println!("{name}: {here_turn}/{here} to the addressee's last turn, {here_line} to their last line; missed {misses:?}");
        total += here;
        to_last_line += here_line;
        to_last_turn += here_turn;
    }
    let share = |part: usize| 100.0 * part as f64 / total.max(1) as f64;
    println!("all {total} prefix-addressed replies: {:.1}% to the addressee's last turn, {:.1}% to their last line", share(to_last_turn), share(to_last_line));
    assert!(total > 0);
    assert!(share(to_last_turn) >= 90.0, "{:.1}% of prefix-addressed replies linked to the addressee's last turn", share(to_last_turn));
}
