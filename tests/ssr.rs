//! Server-side renders of the components, natively: what a row, the legend and the app put in the page.
#![cfg(not(target_arch = "wasm32"))]

use scrollback::app::App;
use scrollback::state::{OpenLog, Shared};
use scrollback::colour::colour_index;
use scrollback::parse::parse;
use scrollback::view::{Legend, LegendProps, Row, RowProps};
use yew::Callback;

const LOG: &str = "29-06-2016 15:12 avsm Mirage 3! Over to yomimono <script>alert(1)</script>\n\
                   29-06-2016 15:13 yomimono /me bows\n\
                   \n\
                   something nobody wrote as a message\n\
                   29-06-2016 13:13 avsm the clock jumps back here\n";

fn open_log() -> Shared<OpenLog> {
    Shared::new(OpenLog::new(parse(LOG.as_bytes(), None), "test.log"))
}

async fn render_row(index: usize) -> String {
    yew::ServerRenderer::<Row>::with_props(move || RowProps { open: open_log(), index, current: index == 0, highlight: None, lit: false, standalone: false })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn a_row_of_a_page_read_without_the_app_keeps_its_link_and_drops_the_apps_controls() {
    let app = render_row(1).await;
    let page = yew::ServerRenderer::<Row>::with_props(|| RowProps { open: open_log(), index: 1, current: false, highlight: None, lit: false, standalone: true }).hydratable(false).render().await;
    assert!(app.contains("copy-link") && app.contains("shift-click"), "{app}");
    assert!(!page.contains("copy-link") && !page.contains("shift-click"), "a button no script answers: {page}");
    assert!(page.contains(r##"<a href="#L2" class="lineno">2</a>"##) && page.contains(r#"id="L2""#), "{page}");
}

#[tokio::test]
async fn a_message_row_has_its_anchor_time_coloured_nick_and_escaped_text() {
    let html = render_row(0).await;
    assert!(html.contains(r#"id="L1""#), "{html}");
    assert!(html.contains(r##"href="#L1""##), "{html}");
    assert!(html.contains(r#"class="row kind-message current thread-c0""#), "the row, its kind, current, its conversation: {html}");
    assert!(html.contains(r#"aria-current="location""#), "the permalinked row is marked: {html}");
    assert!(html.contains(r#"datetime="2016-06-29T15:12:00""#), "{html}");
    assert!(html.contains(">15:12</time>"), "{html}");
    let nick_class = format!(r#"class="nick speaker-{}""#, colour_index("avsm"));
    assert!(html.contains(&nick_class), "expected {nick_class} in {html}");
    let text = format!(
        r#"<bdi class="text">Mirage 3! Over to <span class="mention speaker-{}">yomimono</span> &lt;script&gt;alert(1)&lt;/script&gt;</bdi>"#,
        colour_index("yomimono")
    );
    assert!(html.contains(&text), "the mention of a speaker wears their colour, the markup stays text: {html}");
    assert!(!html.contains("<script>"), "log text must stay text: {html}");
}

#[tokio::test]
async fn an_action_row_reads_as_an_action() {
    let html = render_row(1).await;
    assert!(html.contains("kind-action"), "{html}");
    assert!(html.contains("* <bdi class=\"nick speaker-"), "{html}");
    assert!(html.contains("bows"), "{html}");
}

#[tokio::test]
async fn blank_and_raw_rows_keep_their_anchor() {
    let blank = render_row(2).await;
    assert!(blank.contains(r#"id="L3""#) && blank.contains("kind-blank"), "{blank}");
    let raw = render_row(3).await;
    assert!(raw.contains(r#"id="L4""#) && raw.contains("kind-raw"), "{raw}");
    assert!(raw.contains("something nobody wrote as a message"), "{raw}");
}

#[tokio::test]
async fn a_clock_jump_is_marked_on_its_row() {
    let html = render_row(4).await;
    assert!(html.contains(r#"role="note" class="clock-jump""#), "{html}");
    assert!(html.contains("clock jumps back 2 h here"), "{html}");
}

#[tokio::test]
async fn the_legend_counts_each_speaker() {
    let html = yew::ServerRenderer::<Legend>::with_props(|| LegendProps { open: open_log(), onpick: Callback::noop(), picked: None })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html.matches(r#"<li class="speaker""#).count(), 2, "{html}");
    assert!(html.contains(r#"<span class="count">2</span>"#) && html.contains(r#"<span class="count">1</span>"#), "{html}");
    assert!(html.contains(">avsm</bdi>") && html.contains(">yomimono</bdi>"), "{html}");
}

#[tokio::test]
async fn the_app_opens_on_the_demo_log() {
    let html = yew::ServerRenderer::<App>::new().hydratable(false).render().await;
    assert!(html.contains("Irc discussions from #mirage"), "the demo's title is shown");
    assert!(html.contains(r#"class="format-name""#) && html.contains("MirageOS meeting log"));
    assert!(html.contains(r#"id="file-input""#), "a file picker is offered");
    let n_rows = html.matches(r#"class="row kind-"#).count();
    let n_lines = scrollback::demo::DEMO_LOG.lines().count();
    assert_eq!(n_rows, n_lines, "one row per line of the demo");
    assert!(html.contains("clock jumps back 2 h here"), "the demo's clock jump is marked");
}

#[tokio::test]
async fn mirc_formatting_becomes_styled_spans() {
    let html = yew::ServerRenderer::<Row>::with_props(|| RowProps {
        open: Shared::new(OpenLog::new(parse(b"[10:00] <bot> \x02build\x02 \x0304,01failed\x0F ok\n", None), "ci.log")),
        index: 0,
        current: false,
        highlight: Some("fail".into()),
        lit: false,
        standalone: false,
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains(r#"<span class="b">build</span>"#), "{html}");
    assert!(html.contains(r#"<span class="fg-4 bg-1"><mark class="found">fail</mark>ed</span>"#), "the search is marked inside a styled run: {html}");
    assert!(!html.contains('\u{2}') && !html.contains('\u{3}'), "no control code reaches the page: {html:?}");
}

#[tokio::test]
async fn a_crowded_legend_shows_the_busiest_forty_first() {
    let log: String = (0..100).map(|speaker| format!("[10:00] <nick{speaker}x> hello\n")).collect();
    let html = yew::ServerRenderer::<Legend>::with_props(move || LegendProps {
        open: Shared::new(OpenLog::new(parse(log.as_bytes(), None), "crowd.log")),
        onpick: Callback::noop(),
        picked: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html.matches(r#"<li class="speaker""#).count(), 40, "{html}");
    assert!(html.contains("Show all 100"), "{html}");
}

#[test]
fn the_static_export_is_a_whole_page_with_every_anchor_and_no_script() {
    let demo = scrollback::demo::DEMO_LOG;
    let page = scrollback::export::standalone_page(demo.as_bytes().to_vec(), "demo.txt".to_owned());
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("<title>Irc discussions from #mirage on 13-07-2016</title>"), "the page is titled after the log");
    for line in 1..=demo.lines().count() {
        assert!(page.contains(&format!(r#"id="L{line}""#)), "line {line} has its anchor");
    }
    assert!(!page.contains("<script"), "readable with JavaScript off, and none is needed");
    assert!(page.contains("--speaker-0:") && page.contains(".row {"), "both stylesheets are inlined");
    assert!(!page.contains(r#"id="file-input""#), "no controls that need the app");
    // Each speaker wears the colour their log settled on, as in the page, with its marker shape.
    let roster = scrollback::speakers::Roster::new(&scrollback::parse::parse(demo.as_bytes(), None));
    for speaker in roster.ranked() {
        let nick = format!(r#"<bdi class="nick speaker-{}">{}</bdi>"#, speaker.colour, speaker.nick);
        assert!(page.matches(&nick).count() >= 2, "{} in the legend and the rows as {nick}", speaker.nick);
        assert!(page.contains(&format!(".swatch.speaker-{} {{ clip-path:", speaker.colour)), "the marker of {}", speaker.nick);
    }
    let (name, text) = scrollback::source::embedded_source(page.as_bytes()).expect("the page holds its log");
    assert_eq!((name.as_str(), text.as_str()), ("demo.txt", demo), "the viewer pointed at the page gets the log back");
}

#[test]
fn an_embedded_log_survives_markup_in_its_text() {
    let hostile = "[10:00] <a> </textarea><script>alert(1)</script> &amp; \"quoted\"\n";
    let page = scrollback::export::standalone_page(hostile.as_bytes().to_vec(), "a \"b\" <c>.log".to_owned());
    assert!(!page.contains("<script>"), "no markup from the log");
    assert_eq!(scrollback::source::embedded_source(page.as_bytes()), Some(("a \"b\" <c>.log".to_owned(), hostile.to_owned())));
}

#[tokio::test]
async fn a_first_screen_is_marked_as_one_for_the_page_to_show_its_rows_plain() {
    let first = || {
        let log = parse(LOG.as_bytes(), None);
        let roster = scrollback::speakers::Roster::new(&log);
        Shared::new(OpenLog { first_screen: true, ..OpenLog::from_parts(log, "big.log", roster, Default::default(), Default::default()) })
    };
    let html = yew::ServerRenderer::<App>::with_props(move || scrollback::app::AppProps { initial: Some(first()), standalone: false }).hydratable(false).render().await;
    // The page shows its speakers plain and says it is the first lines (app.css's `.first-screen`).
    assert!(html.contains(r#"class="app first-screen""#), "{html}");
    assert!(html.contains(r#"id="L5""#), "its rows: {html}");
    let whole = yew::ServerRenderer::<App>::with_props(|| scrollback::app::AppProps { initial: Some(open_log()), standalone: false }).hydratable(false).render().await;
    assert!(whole.contains("5 lines, 3 messages, 2 speakers") && !whole.contains("first-screen") && whole.contains("speaker-filter"), "{whole}");
}
