//! The search language and the list the view shows: filters, condensed joins and collapsed sections.

use scrollback::listing::{Entry, Listing, Rules};
use scrollback::parse::parse;
use scrollback::search::{match_ranges, Query};
use scrollback::speakers::Roster;

const LOG: &str = "\
[10:00] <avsm> morning all, opam 2.0 is out
[10:01] <mort___> avsm: nice
=== hannes [~h@host] has joined #mirage
=== yomimono [~y@host] has joined #mirage
=== gemma [~g@host] has quit [Ping timeout]
[10:02] <Hannes> OPAM is great
=== mort___ is now known as mort
[10:03] <mort> thanks all
=== talex5 [~t@host] has joined #mirage
";

fn describe(listing: &Listing) -> Vec<String> {
    listing
        .entries
        .iter()
        .map(|entry| match entry {
            Entry::Line(line) => format!("L{}", line + 1),
            Entry::Joins { first, last } => format!("J{}-{}", first + 1, last + 1),
            Entry::Section { index, first } => format!("S{index}@{}", first + 1),
            Entry::PageHeader { first, last } => format!("H{}-{}", first + 1, last + 1),
        })
        .collect()
}

#[test]
fn queries_split_into_text_and_filters() {
    let cases = [
        ("opam", "opam", vec![], vec![]),
        ("  OPAM   Release ", "opam release", vec![], vec![]),
        ("from:Mort___ opam", "opam", vec!["mort"], vec![]),
        ("kind:system from:avsm from:hannes", "", vec!["avsm", "hannes"], vec!["system"]),
        ("from: kind:", "from: kind:", vec![], vec![]),
    ];
    for (input, text, from, kinds) in cases {
        let query = Query::parse(input);
        assert_eq!(query.text, text, "text of {input:?}");
        assert_eq!(query.from, from, "from of {input:?}");
        assert_eq!(query.kinds, kinds, "kinds of {input:?}");
    }
}

#[test]
fn filters_and_text_pick_their_lines() {
    let log = parse(LOG.as_bytes(), None);
    let roster = Roster::new(&log);
    let cases: [(&str, &[usize], &[usize]); 6] = [
        ("opam", &[1, 2, 3, 4, 5, 6, 7, 8, 9], &[1, 6]),
        ("from:mort", &[2, 7, 8], &[]), // 7 is his rename
        ("from:MORT___ thanks", &[2, 7, 8], &[8]),
        ("kind:system", &[3, 4, 5, 7, 9], &[]),
        ("kind:quit", &[5], &[]),
        ("from:nobody", &[], &[]),
    ];
    for (input, kept, found) in cases {
        let query = Query::parse(input);
        let kept_lines: Vec<usize> = (0..log.lines.len()).filter(|&i| query.keeps(&log, &roster, i)).map(|i| i + 1).collect();
        let found_lines: Vec<usize> = (0..log.lines.len()).filter(|&i| query.finds(&log, i)).map(|i| i + 1).collect();
        assert_eq!(kept_lines, kept, "lines kept by {input:?}");
        assert_eq!(found_lines, found, "lines found by {input:?}");
    }
}

/// The lines the search box steps through are the lines found and kept, one by one, whatever
/// the letters: lines beyond ASCII are lower-cased in batches, which must split back exactly.
#[test]
fn the_lines_found_are_those_each_line_holds() {
    let mut text = String::from(LOG);
    for index in 0..2500 {
        let said = ["ÄRGER mit opam", "ΟΔΟΣ ΣΑΣ", "plain ascii", "İstanbul Ärger", "ärger", "ΣΑΣ.", "日本語 OPAM"][index % 7];
        text.push_str(&format!("[11:{:02}] <{}> {said} {index}\n", index % 60, ["avsm", "Hannes", "yomimono"][index % 3]));
    }
    let log = parse(text.as_bytes(), None);
    let roster = Roster::new(&log);
    for input in ["opam", "ärger", "ΣΑΣ", "σας", "\u{3c3}\u{3b1}\u{3c2}", "i\u{307}stanbul", "日本語 opam", "from:hannes ärger", "kind:system ärger", "ärger mit opam 249"] {
        let query = Query::parse(input);
        let one_by_one: Vec<u32> = (0..log.lines.len()).filter(|&line| query.finds(&log, line) && query.keeps(&log, &roster, line)).map(|line| line as u32).collect();
        assert_eq!(query.found_lines(&log, &roster), one_by_one, "lines found by {input:?}");
        if !input.starts_with("kind:") {
            assert!(!one_by_one.is_empty(), "{input:?} finds something");
        }
    }
}

#[test]
fn matches_are_found_for_highlighting_whatever_the_case() {
    type Case<'a> = (&'a str, &'a str, &'a [(usize, usize)]);
    let cases: [Case; 8] = [
        ("OPAM and opam", "opam", &[(0, 4), (9, 13)]),
        ("aaaa", "aa", &[(0, 2), (2, 4)]),
        ("Ärger ärger", "ärger", &[(0, 6), (7, 13)]),
        // Each character is lowered on its own: a final capital sigma is a plain sigma here, and
        // a dotted capital I, which lowers to two characters, is no `i`.
        ("ΟΔΟΣ σ", "σ", &[(6, 8), (9, 11)]),
        ("İi", "i\u{307}", &[]),
        // A row of an export may hold line breaks; they never stand for a lowered letter.
        ("Zoë\nZOË\n", "zoë", &[(0, 4), (5, 9)]),
        ("nothing", "opam", &[]),
        ("anything", "", &[]),
    ];
    for (text, needle, expected) in cases {
        let found: Vec<(usize, usize)> = match_ranges(text, needle).into_iter().map(|range| (range.start, range.end)).collect();
        assert_eq!(found, expected, "{needle:?} in {text:?}");
    }
}

#[test]
fn the_list_condenses_filters_and_collapses() {
    let log = parse(LOG.as_bytes(), None);
    let not_three = |line: usize| line != 2;
    let expanded_at_3 = |line: usize| line == 2;
    let first_collapsed = |section: usize| section == 0;
    let sections = [1..=4, 6..=8];
    let cases: [(&str, Rules, &[&str]); 7] = [
        ("everything", Rules::EVERYTHING, &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]),
        ("condensed", Rules { condense_joins: true, ..Rules::EVERYTHING }, &["L1", "L2", "J3-5", "L6", "L7", "L8", "L9"]),
        ("a run the reader opened", Rules { condense_joins: true, expanded: &expanded_at_3, ..Rules::EVERYTHING }, &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]),
        ("filtered", Rules { keep: &not_three, condense_joins: true, ..Rules::EVERYTHING }, &["L1", "L2", "J4-5", "L6", "L7", "L8", "L9"]),
        ("a pinned line shows through the filter", Rules { keep: &not_three, pinned: Some(2..=2), ..Rules::EVERYTHING }, &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]),
        ("sections", Rules { sections: &sections, ..Rules::EVERYTHING }, &["L1", "S0@2", "L2", "L3", "L4", "L5", "L6", "S1@7", "L7", "L8", "L9"]),
        ("a collapsed section", Rules { sections: &sections, collapsed: &first_collapsed, condense_joins: true, ..Rules::EVERYTHING }, &["L1", "S0@2", "L6", "S1@7", "L7", "L8", "L9"]),
    ];
    for (name, rules, expected) in cases {
        assert_eq!(describe(&Listing::build(&log, &rules)), expected, "{name}");
    }
}

#[test]
fn a_line_is_found_in_the_list_even_when_hidden() {
    let log = parse(LOG.as_bytes(), None);
    let sections = [1..=4];
    let collapsed = |_| true;
    let listing = Listing::build(&log, &Rules { sections: &sections, collapsed: &collapsed, condense_joins: true, ..Rules::EVERYTHING });
    // L1, S0@2, L6, L7, L8, L9
    let cases = [(0, Some(0)), (1, Some(1)), (3, Some(1)), (5, Some(2)), (8, Some(5))];
    for (line, position) in cases {
        assert_eq!(listing.position_of_line(line), position, "position of line index {line}");
    }
    assert!(listing.shows_line(5));
    assert!(!listing.shows_line(3), "a line in a collapsed section has no row");
}

/// A BotBot dump: two pages, the later one first, each page in order.
const NEWEST_FIRST: &str = "\
b'2016-06-17T22:41:17 <Bosmon> latest page
2016-06-17T22:42:00 * a joined the channel
2016-06-17T22:42:01 * b joined the channel
2016-06-17T22:43:00 <gloob> end of the latest page
'
b'2016-06-17T21:00:00 <gloob> earliest page
2016-06-17T21:01:00 <Bosmon> its second line
'
";

#[test]
fn a_newest_first_file_lists_its_blocks_last_to_first() {
    let log = parse(NEWEST_FIRST.as_bytes(), None);
    assert!(log.meta.newest_first);
    let everything = Listing::build(&log, &Rules::EVERYTHING);
    assert_eq!(describe(&everything), ["L6", "L7", "L8", "L1", "L2", "L3", "L4", "L5"]);
    // Condensed joins and hidden lines within the blocks.
    let only_gloob = |line: usize| line != 0;
    let rules = Rules { keep: &only_gloob, condense_joins: true, ..Rules::EVERYTHING };
    let listing = Listing::build(&log, &rules);
    assert_eq!(describe(&listing), ["L6", "L7", "L8", "J2-3", "L4", "L5"]);
    // Every line is found: its own row, its run, or (hidden) the row before it in the file.
    let positions: Vec<Option<usize>> = (0..log.lines.len()).map(|line| listing.position_of_line(line)).collect();
    assert_eq!(positions, [None, Some(3), Some(3), Some(4), Some(5), Some(0), Some(1), Some(2)]);
    assert!(listing.shows_line(5) && listing.shows_line(3) && !listing.shows_line(1) && !listing.shows_line(0));
}

#[test]
fn stepping_through_messages_follows_the_order_shown() {
    let in_order = parse(LOG.as_bytes(), None);
    // Lines 1, 2, 6 and 8 are spoken.
    let forward: Vec<Option<usize>> = (0..=9).map(|from| in_order.step_spoken(from, true)).collect();
    assert_eq!(forward, [Some(1), Some(2), Some(6), Some(6), Some(6), Some(6), Some(8), Some(8), None, None]);
    let back: Vec<Option<usize>> = (0..=9).map(|from| in_order.step_spoken(from, false)).collect();
    assert_eq!(back, [None, None, Some(1), Some(2), Some(2), Some(2), Some(2), Some(6), Some(6), Some(8)]);

    // Shown: lines 6, 7, (8), then 1, (2, 3), 4, (5).
    let newest_first = parse(NEWEST_FIRST.as_bytes(), None);
    assert_eq!(newest_first.step_spoken(0, true), Some(6));
    assert_eq!(newest_first.step_spoken(7, true), Some(1));
    assert_eq!(newest_first.step_spoken(1, true), Some(4));
    assert_eq!(newest_first.step_spoken(4, true), None);
    assert_eq!(newest_first.step_spoken(1, false), Some(7));
    assert_eq!(newest_first.step_spoken(6, false), None);
}

/// A link that cannot change the list is left out of it (so `j`/`k` on a million lines do not
/// build the list again): for every link and every rule, the list is the same without it.
#[test]
fn a_link_is_left_out_of_the_list_only_when_it_cannot_change_it() {
    let log = parse(LOG.as_bytes(), None);
    let roster = Roster::new(&log);
    let query = Query::parse("from:avsm");
    let n_lines = log.lines.len();
    let keep_avsm = |line: usize| query.keeps(&log, &roster, line);
    let keep_all = |_: usize| true;
    let mut mattered = Vec::new();
    for first in 0..n_lines {
        for last in first..n_lines.min(first + 3) {
            let lines = first..=last;
            for (filtering, condense) in [(false, false), (false, true), (true, false), (true, true)] {
                let rules = |pinned| Rules { keep: if filtering { &keep_avsm } else { &keep_all }, condense_joins: condense, pinned, ..Rules::EVERYTHING };
                let matters = scrollback::listing::pinning_matters(&log, &lines, filtering, condense);
                if !matters {
                    assert_eq!(describe(&Listing::build(&log, &rules(Some(lines.clone())))), describe(&Listing::build(&log, &rules(None))), "L{}-L{} {filtering} {condense}", first + 1, last + 1);
                }
                mattered.push(matters);
            }
        }
    }
    assert!(mattered.iter().any(|matters| !matters), "plain links are left out");
    assert!(!scrollback::listing::pinning_matters(&log, &(0..=0), false, true), "a message, joins condensed");
    assert!(scrollback::listing::pinning_matters(&log, &(2..=2), false, true), "a join, joins condensed");
    assert!(scrollback::listing::pinning_matters(&log, &(0..=0), true, false), "any line under a filter");
}

/// A MirageOS page: its header lines (shown by the title block) and the call below them.
const PAGE: &str = "\
Irc discussions from #mirage on 13-07-2016

Written by unpurecamelbot
Classified under: irclog
Published: 2016-07-13

13-07-2016 17:00 yomimono hi all!

13-07-2016 17:01 talex5 hi
";

#[test]
fn the_page_header_folds_into_one_row_unless_linked_or_filtered() {
    let log = parse(PAGE.as_bytes(), None);
    assert_eq!(scrollback::listing::page_header_end(&log), Some(4), "lines 1–5 are the page header");
    let only_messages = |line: usize| line >= 6;
    let folded = || Rules { fold_page_header: true, ..Rules::EVERYTHING };
    let cases: [(&str, Rules, &[&str]); 4] = [
        ("folded", folded(), &["H1-5", "L6", "L7", "L8", "L9"]),
        ("not asked to fold", Rules::EVERYTHING, &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]),
        ("a link into it", Rules { pinned: Some(2..=2), ..folded() }, &["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]),
        ("a filter that hides it", Rules { keep: &only_messages, ..folded() }, &["L7", "L8", "L9"]),
    ];
    for (name, rules, expected) in cases {
        assert_eq!(describe(&Listing::build(&log, &rules)), expected, "{name}");
    }
    // The fold stands for its lines: a link to one finds the fold's row.
    let listing = Listing::build(&log, &folded());
    assert_eq!(listing.position_of_line(3), Some(0));
    assert!(!listing.shows_line(3));

    // No page fields, no fold: an IRC client's session lines are log lines.
    let session = parse(b"--- Log opened Tue May 29 00:00:00 2018\n--- Day changed Wed May 30 2018\n00:01 <avsm> hi\n00:02 <talex5> hello\n", None);
    assert_eq!(scrollback::listing::page_header_end(&session), None);
    // One header line is not a page header worth a fold.
    let one = parse(b"Irc discussions from #mirage on 13-07-2016\n\n13-07-2016 17:00 yomimono hi all!\n13-07-2016 17:01 talex5 hi\n", None);
    assert_eq!(describe(&Listing::build(&one, &folded()))[0], "L1");
}
