//! End-to-end: structured exports opened in the page. A Matrix dump and a MeetBot `.log.html`
//! show their messages, speakers and times; markup in a body stays text; an old `#l-N` link
//! lands on its line; a newest-first export says it is shown oldest first; MeetBot minutes give
//! their log its agenda. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::browser::{dist_or_skip, Browser};

const MATRIX_DUMP: &str = concat!(
    r#"{"@dzaima:matrix.org":"dzaima","@ml:matrix.org":"Marshall"}"#,
    "\n",
    r#"{"state_key":"","origin_server_ts":1643377074452,"event_id":"$create","sender":"@dzaima:matrix.org","type":"m.room.create","content":{"room_version":"6"}}"#,
    "\n",
    r#"{"origin_server_ts":1643377279000,"event_id":"$first","sender":"@dzaima:matrix.org","type":"m.room.message","content":{"msgtype":"m.text","body":"caf\u00e9 <img src=x onerror=\"window.pwned=1\"> <script>window.pwned=1</script>"}}"#,
    "\n",
    r#"{"origin_server_ts":1643377300000,"event_id":"$reply","sender":"@ml:matrix.org","type":"m.room.message","content":{"msgtype":"m.text","body":"> <@dzaima:matrix.org> café\n\nagreed, see https://example.org/","m.relates_to":{"m.in_reply_to":{"event_id":"$first"}}}}"#,
    "\n",
);

const MEETBOT_LOG: &str = concat!(
    "<html><head><title>#fedora-meeting log</title></head>\n",
    "<body>\n",
    r#"<pre><a name="l-1"></a><span class="tm">13:32:00</span><span class="nk"> &lt;jmrodri&gt;</span> <span class="cmd">#startmeeting </span><span class="cmdline">community meeting</span>"#,
    "\n",
    r#"<a name="l-2"></a><span class="tm">13:32:05</span><span class="nk"> &lt;fabianvf&gt;</span> 2.4 &amp; later"#,
    "\n",
    r#"<a name="l-3"></a><span class="tm">13:50:42 </span><span class="nka">* jmrodri</span> <span class="ac">waves</span></pre>"#,
    "\n",
    "</body></html>\n",
);

const TOPANSWERS_EXPORT: &str = concat!(
    "[\n  {\n    \"id\": 2,\n    \"username\": \"dzaima\",\n    \"date\": \"2021-03-03T10:01:47Z\",\n",
    "    \"html\": \"<p>later</p>\",\n    \"replyID\": 1\n  },\n",
    "  {\n    \"id\": 1,\n    \"username\": \"Marshall\",\n    \"date\": \"2021-03-03T01:44:06Z\",\n",
    "    \"html\": \"<p>earlier</p>\"\n  }\n]\n",
);

#[tokio::test(flavor = "multi_thread")]
async fn a_matrix_dump_and_a_meetbot_page_open_with_messages_speakers_and_times() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;

    browser.drop_file("matrix_room", MATRIX_DUMP).await;
    browser.wait_for_text(".log-header .file-name", "matrix_room").await;
    browser.wait_for_text_containing(".log-header .format-name", "Matrix").await;
    assert_eq!(browser.count(".row").await, MATRIX_DUMP.lines().count(), "one row per source line");
    assert!(class_of(&browser, "#L1").await.contains("kind-markup"));
    assert_eq!(browser.text_of("#L3 .nick").await, "dzaima");
    let hostile = browser.text_of("#L3 .text").await;
    assert!(hostile.contains("<script>window.pwned=1</script>") && hostile.starts_with("café"), "{hostile:?}");
    assert_eq!(browser.count("#L3 .text img, #L3 .text script").await, 0, "markup stays text");
    assert_eq!(browser.eval("return window.pwned === undefined;", vec![]).await, Value::Bool(true));
    assert_eq!(browser.text_of("#L4 .nick").await, "Marshall");
    assert_eq!(browser.text_of("#L4 .text").await, "agreed, see https://example.org/");
    assert_eq!(browser.count("#L4 .text a[href='https://example.org/']").await, 1);
    assert!(!browser.text_of("#L4 .time").await.is_empty(), "the time is shown");

    browser.drop_file("asbroker.2018-05-01-13.32.log.html", MEETBOT_LOG).await;
    browser.wait_for_text(".log-header .file-name", "asbroker.2018-05-01-13.32.log.html").await;
    browser.wait_for_text_containing(".log-header .format-name", "MeetBot").await;
    assert_eq!(browser.count(".row").await, MEETBOT_LOG.lines().count());
    assert_eq!(browser.text_of("#L4 .nick").await, "fabianvf");
    assert_eq!(browser.text_of("#L4 .text").await, "2.4 & later");
    assert!(browser.text_of("#L4 .time").await.contains("13:32"));
    assert!(class_of(&browser, "#L5").await.contains("kind-action"));
    assert_eq!(browser.count("ul.legend li.speaker").await, 2, "jmrodri and fabianvf");
    // MeetBot's own anchor `l-2` is source line 4.
    browser.eval("location.hash = arguments[0];", vec![json!("#l-2")]).await;
    browser.wait_for("#L4.current").await;

    browser.drop_file("chat.json", TOPANSWERS_EXPORT).await;
    browser.wait_for_text_containing(".log-header .order-note", "shown oldest first (the file is newest first)").await;
    let order = browser.eval("return [...document.querySelectorAll('.row.kind-message .text')].map(e => e.textContent);", vec![]).await;
    assert_eq!(order, json!(["earlier", "later"]));

    browser.close().await;
}

async fn class_of(browser: &Browser, css: &str) -> String {
    browser
        .eval("return document.querySelector(arguments[0])?.className ?? '';", vec![json!(css)])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A meeting's log as MeetBot writes it (`.log.txt`), and its minutes (`.txt`), whose last
/// link the log does not have.
const MEETING_LOG: &str = "\
10:00:02 <ann> #startmeeting scrollback weekly
10:00:05 <bob> hi
10:00:10 <ann> #topic Release
10:00:40 <bob> Friday works for me
10:01:00 <ann> #agreed ship on Friday
10:03:00 <ann> #topic AOB
10:03:10 <bob> nothing from me
10:04:00 <ann> #endmeeting
";

const MEETING_MINUTES: &str = "\
==================================
#scrollback: scrollback weekly
==================================


Meeting started by ann at 10:00:02 UTC. The full logs are available at
weekly.log.html .



Meeting summary
---------------
* Release  (ann, 10:00:10)
  * AGREED: ship on Friday  (ann, 10:01:00)

* Open questions  (ann, 10:03:00)
  * LINK: https://example.org/elsewhere  (bob, 10:03:30)

Meeting ended at 10:04:00 UTC.
";

#[tokio::test(flavor = "multi_thread")]
async fn meetbot_minutes_opened_beside_their_log_give_it_their_agenda_either_way_round() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;

    // The log, then its minutes: the log stays, with the minutes' topics as its sections.
    browser.drop_file("weekly.log.txt", MEETING_LOG).await;
    browser.wait_for_text(".log-header .file-name", "weekly.log.txt").await;
    browser.wait_for_text(".section-header .section-title", "Release").await;
    browser.drop_file("weekly.txt", MEETING_MINUTES).await;
    let note = browser.wait_for_text_containing(".log-header .minutes-note", "Agenda from the minutes weekly.txt").await;
    assert!(note.contains("3 topics and items found here") && note.contains("1 not in this log: #link https://example.org/elsewhere (bob, 10:03:30)"), "{note}");
    assert_eq!(browser.text_of(".log-header .file-name").await, "weekly.log.txt", "the log stays open");
    let titles = json!(["Release", "Open questions"]);
    let seen = browser.eventually("return [...document.querySelectorAll('.section-header .section-title')].map(e => e.textContent);", vec![], &titles).await;
    assert_eq!(seen, titles, "the minutes name the second topic");
    assert_eq!(browser.count("#L5 .item-badge.item-agreed").await, 1, "the agreed item links to its line");
    browser.screenshot("minutes-over-log").await;

    // Minutes alone (over the demo, which they are not the minutes of): their own agenda. Then
    // the log: it opens with the minutes' agenda.
    browser.wait_for(".toolbar .forget").await.click().await.expect("forget the kept log");
    browser.wait_for_text(".log-header .file-name", scrollback::demo::DEMO_FILE_NAME).await;
    browser.drop_file("weekly.txt", MEETING_MINUTES).await;
    browser.wait_for_text_containing(".log-header .format-name", "MeetBot minutes").await;
    assert_eq!(browser.count(".row").await, MEETING_MINUTES.lines().count(), "one row per source line");
    assert_eq!(browser.count(".row.kind-raw").await, 0);
    let seen = browser.eventually("return [...document.querySelectorAll('.section-header .section-title')].map(e => e.textContent);", vec![], &titles).await;
    assert_eq!(seen, titles);
    browser.screenshot("minutes-alone").await;
    browser.drop_file("weekly.log.txt", MEETING_LOG).await;
    browser.wait_for_text(".log-header .file-name", "weekly.log.txt").await;
    browser.wait_for_text_containing(".log-header .minutes-note", "Agenda from the minutes weekly.txt").await;
    let seen = browser.eventually("return [...document.querySelectorAll('.section-header .section-title')].map(e => e.textContent);", vec![], &titles).await;
    assert_eq!(seen, titles);

    // Both dropped at once, the minutes first: the log opens, then takes the minutes' agenda.
    browser.goto("/index.html?together").await;
    // The kept log comes back first (it is the log, from above); the drop must follow it.
    browser.wait_for_text(".log-header .file-name", "weekly.log.txt").await;
    browser.wait_until_settled().await;
    browser
        .eval(
            "const transfer = new DataTransfer();
             transfer.items.add(new File([arguments[0]], 'weekly.txt', { type: 'text/plain' }));
             transfer.items.add(new File([arguments[1]], 'weekly.log.txt', { type: 'text/plain' }));
             document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));",
            vec![json!(MEETING_MINUTES), json!(MEETING_LOG)],
        )
        .await;
    browser.wait_for_text_containing(".log-header .minutes-note", "Agenda from the minutes weekly.txt").await;
    assert_eq!(browser.text_of(".log-header .file-name").await, "weekly.log.txt");
    let seen = browser.eventually("return [...document.querySelectorAll('.section-header .section-title')].map(e => e.textContent);", vec![], &titles).await;
    assert_eq!(seen, titles);
    browser.close().await;
}

/// A channel's log in a shape no reader knows, with a message wrapped over an untimed line.
const UNKNOWN_SHAPE: &str = "\
rust 2018-05-29 [21:20:37] <talchas> it scans /proc/
rust 2018-05-29 [21:20:41] <@bob> talchas: which part of it?
rust 2018-05-29 [21:20:50] <talchas> bob: the maps file, line by line, and
then it gives up when the file is gone
rust 2018-05-29 [21:21:02] * bob nods
rust 2018-05-29 [21:21:30] -!- carol has joined #rust
rust 2018-05-29 [21:22:00] <carol> hi all
";

#[tokio::test(flavor = "multi_thread")]
async fn a_log_in_an_unknown_shape_opens_with_its_inferred_shape_speakers_and_threads() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;

    browser.drop_file("rust.log", UNKNOWN_SHAPE).await;
    browser.wait_for_text(".log-header .file-name", "rust.log").await;
    let name = browser.wait_for_text_containing(".log-header .format-name", "inferred").await;
    assert_eq!(name, "inferred: channel · date · [time] · <nick>");
    browser.wait_until_settled().await;
    assert_eq!(browser.count(".row").await, UNKNOWN_SHAPE.lines().count(), "one row per source line");
    assert_eq!(browser.count(".warning.raw-lines").await, 0, "no line is raw");
    assert_eq!(browser.text_of("#L2 .nick").await, "bob");
    assert!(browser.text_of("#L2 .time").await.contains("21:20"));
    assert!(class_of(&browser, "#L4").await.contains("kind-continuation"), "the wrapped line goes with its message");
    let lefts = browser.eval("return ['#L3 .text', '#L4 .text'].map(css => Math.round(document.querySelector(css).getBoundingClientRect().left));", vec![]).await;
    assert_eq!(lefts[0], lefts[1], "the wrapped line goes on under its message's text: {lefts}");
    assert!(class_of(&browser, "#L5").await.contains("kind-action"));
    assert!(class_of(&browser, "#L6").await.contains("kind-system"));
    assert_eq!(browser.count("ul.legend li.speaker").await, 3, "talchas, bob and carol");
    assert_eq!(browser.count("#L2 .reply-to").await, 1, "bob's answer to talchas is linked to it");
    // The format menu offers inference for any file, and the detected format back.
    let offered = browser.eval("return [...document.querySelectorAll('.format-menu option')].map(o => o.value);", vec![]).await;
    assert!(offered.as_array().unwrap().contains(&json!("inferred")), "{offered}");
    browser.screenshot("inferred-shape").await;
    browser.close().await;
}
