//! End-to-end: chat exports of 10,000 generated messages dropped on the page (Discord, Telegram,
//! Element, Mattermost, WhatsApp from Android and iOS). Each opens as its format with every
//! message counted, under the DOM budget, and a reply the export states links to the message it
//! answers. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/exports.rs"]
mod exports;

use serde_json::json;
use support::browser::{dist_or_skip, Browser};

const N_MESSAGES: usize = 10_000;

#[tokio::test(flavor = "multi_thread")]
async fn ten_thousand_message_exports_open_with_their_messages_and_replies() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    let mut figures = Vec::new();
    for export in exports::Export::ALL {
        let text = exports::generated(export, N_MESSAGES);
        browser.drop_file(export.file_name(), &text).await;
        browser.wait_for_text(".log-header .file-name", export.file_name()).await;
        browser.wait_for_text_containing(".log-header .format-name", export.format_name()).await;
        let counted = format!("{} messages", exports::n_spoken(N_MESSAGES));
        browser.wait_for_text_containing(".log-header .size", &counted).await;
        browser.wait_until_settled().await;
        let elements = browser.eval("return document.getElementsByTagName('*').length;", vec![]).await.as_u64().unwrap();
        assert!(elements <= 1500, "{export:?}: {elements} DOM elements for {N_MESSAGES} messages");

        // A reply the export states is linked to the message it answers (WhatsApp's text export
        // states none; its threads are found as an IRC log's are).
        let log = scrollback::parse::parse(text.as_bytes(), None);
        if let Some((reply, parent)) = log.explicit_replies.get(10).map(|(reply, parent)| (*reply as usize + 1, *parent as usize + 1)) {
            browser.eval("location.hash = arguments[0];", vec![json!(format!("#L{reply}"))]).await;
            browser.wait_for(&format!("#L{reply}.current")).await;
            let marker = browser.text_of(&format!("#L{reply} .reply-to")).await;
            assert_eq!(marker, format!("↩ L{parent}"), "{export:?}: line {reply} answers line {parent}");
            let nick = browser.text_of(&format!("#L{reply} .nick")).await;
            assert_eq!(Some(nick.as_str()), log.nick(&log.lines[reply - 1]), "{export:?}");
        }
        let memory = browser.eval("return Number(document.documentElement.dataset.scrollbackWasmBytes || 0);", vec![]).await.as_f64().unwrap();
        figures.push(format!("{export:?}: {} KB of text, {elements} elements, page wasm {:.0} MB", text.len() / 1024, memory / 1e6));
        if export == exports::Export::Discord {
            browser.screenshot("e2e-discord-export").await;
        }
    }
    println!("{}", figures.join("\n"));
    browser.close().await;
}
