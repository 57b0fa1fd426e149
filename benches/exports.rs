//! Chat exports at size, natively: for 100,000 generated messages in each export's shape, the
//! same conversation as an IRC log (Mirage's format), and IRC logs as big as the exports bigger
//! than it (all but WhatsApp's; Slack's unpacked): the parse (detection included) in MB/s and
//! messages/s, and the threads and agenda analyses, as `name value unit` lines. Writes the
//! files to `target/bench/exports/` for the browser benchmark to drop.

#[path = "../tests/support/exports.rs"]
#[allow(dead_code)]
mod exports;

use std::hint::black_box;
use std::time::{Duration, Instant};

use scrollback::parse::parse;

const N_MESSAGES: usize = 100_000;
const N_WARM_MESSAGES: usize = 3_000;
const RUNS: usize = 3;

fn best_time(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// The generated conversation as a Mirage meeting log: one line per message, as the IRC log of
/// the same talk would be.
fn as_irc_log(n: usize) -> String {
    (0..n)
        .map(|index| {
            let message = exports::message(index);
            // From 1 June 2023, 08:00, over as many days (and months) as the talk takes.
            let start = chrono::NaiveDate::from_ymd_opt(2023, 6, 1).and_then(|day| day.and_hms_opt(8, 0, 0)).expect("a valid start");
            let moment = start + chrono::Duration::seconds(message.at as i64);
            format!("{} {} {}\n", moment.format("%d-%m-%Y %H:%M"), message.speaker, message.text)
        })
        .collect()
}

fn main() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/exports");
    std::fs::create_dir_all(&directory).expect("target/bench/exports is writable");
    let mut cases: Vec<(String, Vec<u8>)> = exports::Export::ALL
        .iter()
        .map(|export| (format!("{export:?}").to_lowercase(), exports::generated_bytes(*export, N_MESSAGES)))
        .collect();
    let same_talk = as_irc_log(N_MESSAGES).into_bytes();
    // "As fast as an IRC log of the same size": of the same messages, and of the same bytes
    // (of text: a zip's unpacked) as each export bigger than that talk.
    let same_bytes: Vec<(String, Vec<u8>)> = cases
        .iter()
        .filter(|(label, _)| !label.starts_with("whatsapp"))
        .map(|(label, file)| {
            let text_bytes = scrollback::input::prepare(file).expect("a generated export opens").len();
            (format!("irc_as_big_as_{label}"), as_irc_log(N_MESSAGES * text_bytes / same_talk.len()).into_bytes())
        })
        .collect();
    cases.push(("irc_same_talk".to_owned(), same_talk));
    cases.extend(same_bytes);
    // Slack's export only comes zipped: the IRC log as big, zipped too, opens through the same
    // unpacking.
    if let Some((_, log)) = cases.iter().find(|(label, _)| label == "irc_as_big_as_slack") {
        let zipped = exports::zipped(&[("irc_as_big_as_slack.txt", log.as_slice())]);
        std::fs::write(directory.join(format!("irc_as_big_as_slack_zipped-{N_MESSAGES}.zip")), zipped).expect("the zipped log is written");
    }
    // Small files of each format, for the browser benchmark to warm its reader with first
    // (`SCROLLBACK_BENCH_WARM`), as the demo warms the IRC logs' Mirage reader.
    let irc_warm = as_irc_log(N_WARM_MESSAGES);
    std::fs::write(directory.join("irc-warm.txt"), &irc_warm).expect("the warm-up log is written");
    std::fs::write(directory.join("irc-warm.zip"), exports::zipped(&[("irc-warm.txt", irc_warm.as_bytes())])).expect("the zipped warm-up log is written");
    for (label, file) in &cases {
        let extension = match label.as_str() {
            "slack" => "zip",
            "discordhtml" => "html",
            label if label.starts_with("whatsapp") || label.starts_with("irc") => "txt",
            _ => "json",
        };
        std::fs::write(directory.join(format!("{label}-{N_MESSAGES}.{extension}")), file).expect("the export is written");
        if let Some(export) = exports::Export::ALL.iter().find(|export| format!("{export:?}").to_lowercase() == *label) {
            std::fs::write(directory.join(format!("{label}-warm.{extension}")), exports::generated_bytes(*export, N_WARM_MESSAGES)).expect("the warm-up file is written");
        }
        // What a drop does natively: unpack (a zip) and check, detect, parse.
        let parse_time = best_time(|| {
            let text = scrollback::input::prepare(black_box(file)).expect("a generated export opens");
            black_box(parse(&text, None));
        });
        let text = scrollback::input::prepare(file).expect("a generated export opens").into_owned();
        let log = parse(&text, None);
        let n_said = log.lines.iter().filter(|line| line.kind.is_spoken()).count();
        let threads_time = best_time(|| {
            black_box(scrollback::thread::analyse(black_box(&log)));
        });
        let agenda_time = best_time(|| {
            black_box(scrollback::agenda::analyse(black_box(&log)));
        });
        let seconds = parse_time.as_secs_f64();
        println!("export_{label}_100k_file {:.1} MB ({:.1} MB as text, {} lines, {n_said} said, read as {})", file.len() as f64 / 1e6, text.len() as f64 / 1e6, log.lines.len(), log.format.id());
        println!("export_{label}_100k_parse {:.0} ms ({:.0} MB/s of text, {:.0}k messages/s)", seconds * 1e3, text.len() as f64 / 1e6 / seconds, n_said as f64 / 1e3 / seconds);
        println!("export_{label}_100k_threads {:.0} ms", threads_time.as_secs_f64() * 1e3);
        println!("export_{label}_100k_agenda {:.0} ms", agenda_time.as_secs_f64() * 1e3);
    }
}
