//! End-to-end: chat exports of 10,000 generated messages dropped on the page (Discord, Telegram,
//! Element, Mattermost, WhatsApp from Android and iOS, Slack's zip and its folder). Each opens as its format with every
//! message counted, under the DOM budget (1,500 elements) and 64 MB of page memory, and a reply
//! the export states links to the message it answers. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "support/exports.rs"]
#[allow(dead_code)]
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
        let bytes = exports::generated_bytes(export, N_MESSAGES);
        match export {
            exports::Export::Slack => browser.drop_bytes(export.file_name(), &bytes).await,
            _ => browser.drop_file(export.file_name(), std::str::from_utf8(&bytes).unwrap()).await,
        }
        browser.wait_for_text(".log-header .file-name", export.file_name()).await;
        browser.wait_for_text_containing(".log-header .format-name", export.format_name()).await;
        let counted = format!("{} messages", exports::n_spoken(N_MESSAGES));
        browser.wait_for_text_containing(".log-header .size", &counted).await;
        browser.wait_until_settled().await;
        let elements = browser.eval("return document.getElementsByTagName('*').length;", vec![]).await.as_u64().unwrap();
        assert!(elements <= 1500, "{export:?}: {elements} DOM elements for {N_MESSAGES} messages");

        // A reply the export states is linked to the message it answers (WhatsApp's text export
        // states none; its threads are found as an IRC log's are).
        let log = scrollback::parse::parse(&scrollback::input::prepare(&bytes).unwrap(), None);
        if let Some((reply, parent)) = log.explicit_replies.get(10).map(|(reply, parent)| (*reply as usize + 1, *parent as usize + 1)) {
            browser.eval("location.hash = arguments[0];", vec![json!(format!("#L{reply}"))]).await;
            browser.wait_for(&format!("#L{reply}.current")).await;
            let marker = browser.text_of(&format!("#L{reply} .reply-to")).await;
            assert_eq!(marker, format!("↩ L{parent}"), "{export:?}: line {reply} answers line {parent}");
            let nick = browser.text_of(&format!("#L{reply} .nick")).await;
            assert_eq!(Some(nick.as_str()), log.nick(&log.lines[reply - 1]), "{export:?}");
        }
        // The page's memory stays small beside the file: 10k messages are not a big log.
        let memory = browser.eval("return Number(document.documentElement.dataset.scrollbackWasmBytes || 0);", vec![]).await.as_f64().unwrap();
        assert!(memory > 0.0 && memory <= 64e6, "{export:?}: the page's wasm holds {memory} bytes after {N_MESSAGES} messages");
        figures.push(format!("{export:?}: {} KB file, {elements} elements, page wasm {:.0} MB", bytes.len() / 1024, memory / 1e6));
        let screenshot = match export {
            exports::Export::Discord => Some("e2e-discord-export"),
            exports::Export::DiscordHtml => Some("e2e-discord-html-export"),
            _ => None,
        };
        if let Some(name) = screenshot {
            browser.screenshot(name).await;
        }
    }
    println!("{}", figures.join("\n"));
    browser.close().await;
}

/// A Slack export's zip, and then the same export unpacked as a folder, open with its
/// conversations as the agenda's list, people's names from `users.json`, and a thread's reply
/// linked to its first message.
#[tokio::test(flavor = "multi_thread")]
async fn a_slack_export_zip_or_folder_opens_with_its_channel_list_and_threads() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    // The demo's marks go: what follows is the zip's.
    browser.eval("performance.clearMarks(); return null;", vec![]).await;
    browser.drop_bytes("slack-export.zip", &exports::slack_zip()).await;
    browser.wait_for_text(".log-header .file-name", "slack-export.zip").await;
    slack_export_is_shown(&browser).await;
    // The page has only the zip: the worker sends the text it unpacked ahead of the lines, so
    // it crosses while they are read, not after the parse.
    let order = browser.eval("const at = name => performance.getEntriesByName(name).map(mark => mark.startTime); return [at('scrollback:text-ahead'), at('scrollback:worker-parsed')];", vec![]).await;
    let (ahead, parsed) = (order[0].as_array().expect("marks"), order[1].as_array().expect("marks"));
    assert!(ahead.len() == 1 && parsed.len() == 1 && ahead[0].as_f64() <= parsed[0].as_f64(), "the zip's text came once, ahead of the parsed log: {order}");
    browser.screenshot("e2e-slack-export").await;

    // Its folder: the files' paths inside it are what the zip holds, so it reads the same.
    browser.drop_folder("slack-export", exports::SLACK_FILES).await;
    browser.wait_for_text(".log-header .file-name", "slack-export").await;
    slack_export_is_shown(&browser).await;
    browser.close().await;
}

async fn slack_export_is_shown(browser: &Browser) {
    browser.wait_for_text_containing(".log-header .format-name", "Slack").await;
    browser.wait_for_text(".log-header .title", "Slack export: 3 conversations").await;
    browser.wait_until_settled().await;
    // The list once its last conversation is in it (the agenda comes from the worker after the rows).
    let channels = browser.wait_for_text_containing(".contents", "#random").await;
    for name in ["direct messages: avsm, Mindy Preston", "#general", "#random"] {
        assert!(channels.contains(name), "the channel list names {name}: {channels}");
    }
    assert_eq!(browser.count(".contents li").await, 3, "{channels}");
    // users.json and channels.json are the export's header, folded under its title.
    assert_eq!(browser.eval("return document.querySelector('.page-header-fold').dataset.lines;", vec![]).await, json!("1-9"));
    assert_eq!(browser.text_of("#L15 .nick").await, "Mindy Preston");
    assert_eq!(browser.text_of("#L15 .text").await, "Friday & @avsm agrees (edited)");
    assert_eq!(browser.text_of("#L15 .reply-to").await, "↩ L14");
    assert_eq!(browser.text_of("#L18 .reply-to").await, "↩ L14", "a reply a day later is in the thread too");
}
