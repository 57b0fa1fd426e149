//! Activity over time: a clock that only runs forward, bucket sizes, and where each bucket jumps to.

use scrollback::activity::{activity, elapsed_minutes, MAX_BUCKETS};
use scrollback::parse::parse;
use scrollback::speakers::Roster;

#[test]
fn the_clock_runs_forward_through_midnight_and_jumps() {
    let cases: [(&str, &str, &[Option<u32>]); 4] = [
        ("steady", "[10:00] <a> x\n[10:05] <b> y\n[11:00] <a> z\n", &[Some(0), Some(5), Some(60)]),
        ("past midnight", "[23:50] <a> x\n[00:10] <b> y\n", &[Some(0), Some(20)]),
        ("a clock jump back stands still", "[15:00] <a> x\n[13:00] <b> y\n[13:10] <a> z\n", &[Some(0), Some(0), Some(10)]),
        ("untimed lines have none", "[10:00] <a> x\nplain words\n[10:02] <a> y\n", &[Some(0), None, Some(2)]),
    ];
    for (name, text, expected) in cases {
        assert_eq!(elapsed_minutes(&parse(text.as_bytes(), None).lines), expected, "{name}");
    }
}

#[test]
fn buckets_fit_the_span_and_jump_to_their_first_line() {
    let mut text = String::new();
    for minute in 0..30 {
        text.push_str(&format!("[10:{minute:02}] <alice> one\n[10:{minute:02}] <bob> two\n"));
    }
    text.push_str("[12:00] <carol> much later\n");
    let log = parse(text.as_bytes(), None);
    let found = activity(&log, &Roster::new(&log)).expect("timed messages");
    assert_eq!(found.bucket_minutes, 1, "two hours fit in minutes");
    assert_eq!(found.buckets.len(), 121);
    assert_eq!(found.buckets[0].total(), 2);
    assert_eq!(found.buckets[0].first_line, 0);
    assert_eq!(found.buckets[29].first_line, 58);
    assert_eq!(found.buckets[50].total(), 0);
    assert_eq!(found.buckets[50].first_line, 60, "an empty bucket jumps to the next line");
    assert_eq!(found.speakers.iter().map(|(nick, _)| nick.as_str()).collect::<Vec<_>>(), ["alice", "bob", "carol"]);

    let mut day = String::new();
    for hour in 0..24 {
        day.push_str(&format!("[{hour:02}:00] <alice> hourly\n"));
    }
    let log = parse(day.as_bytes(), None);
    let found = activity(&log, &Roster::new(&log)).expect("timed messages");
    assert!(found.buckets.len() <= MAX_BUCKETS && found.bucket_minutes == 10, "a day in 10-minute buckets: {}", found.bucket_minutes);
    assert!(activity(&parse(b"no times here\n", None), &Roster::default()).is_none());
}

#[test]
fn a_newest_first_file_runs_forward_in_the_order_shown() {
    let dump = "b'2016-06-17T22:00:00 <a> late\n2016-06-17T22:30:00 <b> later\n'\nb'2016-06-17T20:00:00 <a> early\n'\n";
    let log = parse(dump.as_bytes(), None);
    assert!(log.meta.newest_first);
    let roster = Roster::new(&log);
    let timeline = activity(&log, &roster).unwrap();
    // 150 minutes from the earliest line, which comes first.
    assert_eq!(timeline.buckets.first().map(|bucket| bucket.first_line), Some(3));
    assert_eq!(timeline.buckets.iter().map(|bucket| bucket.total()).sum::<u32>(), 3);
    assert!(timeline.bucket_minutes * timeline.buckets.len() as u32 >= 150);
}

#[test]
fn the_agenda_is_placed_on_the_time_axis() {
    let demo = scrollback::state::OpenLog::demo();
    let activity = demo.activity.as_ref().expect("the demo has times");
    let bands = &activity.section_buckets;
    assert_eq!(bands.len(), demo.agenda.sections.len(), "one band per section");
    assert!(bands.iter().all(|(first, last)| first <= last && (*last as usize) < activity.buckets.len()));
    assert!(bands.windows(2).all(|pair| pair[0].1 <= pair[1].0), "bands follow each other");
    // The first section starts at 15:06, after the clock jumped back: the clock stood still there.
    let first_line = demo.agenda.sections[0].first;
    assert!(activity.buckets[bands[0].0 as usize].first_line <= first_line);
}
