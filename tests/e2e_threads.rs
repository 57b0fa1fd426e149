//! End-to-end threads: choosing a message lights its conversation and dims the rest, "only this
//! thread" hides the others (a linked line still shows), and a reply links to what it answers.
//! Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;
use support::browser::{dist_or_skip, Browser};

/// Two conversations woven together: alice and carol on Xen, bob and dave on opam.
const WOVEN: &str = "\
[10:00] <alice> anyone know how to build mirage for xen?
[10:00] <bob> has anyone seen the new opam release?
[10:01] <carol> alice: use mirage configure -t xen
[10:01] <dave> bob: yes, 2.0 is out
[10:02] <alice> carol: thanks, that worked
[10:02] <bob> dave: great, upgrading now
";

async fn rows_with(browser: &Browser, css: &str) -> serde_json::Value {
    browser.eval("return [...document.querySelectorAll(arguments[0])].map(row => row.id);", vec![json!(css)]).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chosen_message_lights_its_thread_and_only_this_thread_hides_the_rest() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    browser.drop_file("woven.log", WOVEN).await;
    browser.wait_for_text(".log-header .file-name", "woven.log").await;

    // The model sees the two conversations.
    let log = scrollback::parse::parse(WOVEN.as_bytes(), None);
    let threads = scrollback::thread::analyse(&log);
    let xen: Vec<String> = (0..6).filter(|&line| threads.thread_of(line) == threads.thread_of(0)).map(|line| format!("L{}", line + 1)).collect();
    assert_eq!(xen, ["L1", "L3", "L5"], "alice's question, carol's answer, alice's thanks");

    assert_eq!(browser.text_of("#L3 .reply-to").await, "↩ L1", "a reply says what it answers");
    browser.eval("document.querySelector('#L1 .text').click();", vec![]).await;
    browser.wait_for("section.log.thread-lit").await;
    assert_eq!(rows_with(&browser, "section.log .row.in-thread").await, json!(xen), "the thread is lit");
    let rail = browser.eval("return getComputedStyle(document.getElementById('L3')).boxShadow;", vec![]).await;
    assert!(rail.as_str().is_some_and(|shadow| shadow.contains("inset")), "drawn as a rail: {rail}");
    // The dimming fades in (unless the reader prefers reduced motion): wait for it to settle.
    let dimmed = browser.eventually("return getComputedStyle(document.getElementById('L2')).opacity;", vec![], &json!("0.45")).await;
    assert_eq!(dimmed, json!("0.45"), "the rest is dimmed");
    browser.wait_for_text_containing(".thread-bar", "Conversation of 3 messages").await;

    browser.wait_for(".thread-bar .thread-only").await.click().await.expect("only this thread");
    browser.eventually("return document.querySelectorAll('#L2').length;", vec![], &json!(0)).await;
    assert_eq!(rows_with(&browser, "section.log .row").await, json!(xen), "only this thread's lines are listed");

    // A link to a line of another thread still lands, filter or not.
    browser.eval("location.hash = '#L4';", vec![]).await;
    browser.wait_for("#L4[aria-current=location]").await;
    browser.wait_for(".thread-bar .thread-only").await.click().await.expect("every line again");
    browser.wait_for("#L6").await;

    // A reply's marker goes to the line it answers.
    browser.eval("document.querySelector('#L5 .reply-to').click();", vec![]).await;
    assert_eq!(browser.eventually("return location.hash;", vec![], &json!("#L3")).await, json!("#L3"), "the marker went to the parent");
    browser.screenshot("threads").await;
    browser.close().await;
}
