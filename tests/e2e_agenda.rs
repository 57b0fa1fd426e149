//! End-to-end agenda: the demo's sections fold and open, a link into a folded section opens it,
//! `]` moves between sections, and the minutes download as Markdown. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;
use support::browser::{dist_or_skip, Browser};

#[tokio::test(flavor = "multi_thread")]
async fn sections_fold_open_on_a_link_and_the_minutes_download() {
    let Some(dist) = dist_or_skip() else { return };
    let demo = scrollback::state::OpenLog::demo();
    let sections = &demo.agenda.sections;
    assert!(sections.len() >= 4, "the demo's agenda is found");
    let solo5 = sections.iter().position(|section| section.title == "Solo5").expect("a Solo5 section");
    let (first, last) = sections[solo5].line_numbers();
    let inside = (first + 4..=last).find(|&line| demo.log.lines[line - 1].kind.is_spoken()).expect("a message inside");

    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".row").await;
    assert_eq!(browser.count(".contents li").await, sections.len(), "the contents list every section");
    let header = format!("#section-{}", solo5 + 1);
    let title = browser.text_of(&format!("{header} .section-title")).await;
    assert_eq!(title, "Solo5");
    let facts = browser.text_of(&header).await;
    assert!(facts.contains("messages") && facts.contains(&format!("L{first}–L{last}")), "{facts}");
    assert!(browser.count(&format!("{header} .chip")).await >= 2, "the people, in their colours");

    // Fold it: none of its rows stay.
    browser.eval("document.querySelector(arguments[0] + ' .section-toggle').click();", vec![json!(header)]).await;
    browser.wait_for(&format!("{header}.collapsed")).await;
    assert_eq!(browser.count(&format!("#L{inside}")).await, 0, "a folded section renders none of its rows");
    assert_eq!(browser.count(&format!("#L{first}")).await, 0);

    // A link inside it opens it and lands on the line.
    browser.eval("location.hash = arguments[0];", vec![json!(format!("#L{inside}"))]).await;
    browser.wait_for(&format!("#L{inside}[aria-current=location]")).await;
    assert_eq!(browser.count(&format!("{header}.collapsed")).await, 0, "the section opened for the link");

    // `]` goes to the next section's first line.
    browser.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ']', bubbles: true }));", vec![]).await;
    let next = format!("#L{}", sections[solo5 + 1].first + 1);
    assert_eq!(browser.eventually("return location.hash;", vec![], &json!(next)).await, json!(next));

    // Fold all, open all.
    browser.eval("document.querySelector('.collapse-all').click();", vec![]).await;
    browser.wait_for(".section-header.collapsed").await;
    // The linked line's section stays open; every other one folds.
    let folded = browser.eventually("return document.querySelectorAll('.section-header.collapsed').length;", vec![], &json!(sections.len() - 1)).await;
    assert_eq!(folded, json!(sections.len() - 1), "every section but the linked line's is folded");
    browser.eval("document.querySelector('.expand-all').click();", vec![]).await;
    assert_eq!(browser.eventually("return document.querySelectorAll('.section-header.collapsed').length;", vec![], &json!(0)).await, json!(0), "every section is open");

    // The minutes: download the Markdown (caught as the link is clicked; the blob is read back,
    // as the CSP rightly forbids fetching it).
    browser
        .eval(
            "window.__downloads = [];
             window.__blobs = {};
             const createObjectURL = URL.createObjectURL;
             URL.createObjectURL = (blob) => { const url = createObjectURL(blob); window.__blobs[url] = blob; return url; };
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () {
                 if (this.download) { window.__downloads.push({ name: this.download, href: this.href }); return; }
                 return click.call(this);
             };
             document.querySelector('#minutes').open = true;",
            vec![],
        )
        .await;
    browser.wait_for(".download-minutes").await;
    assert_eq!(browser.count("#minutes .minutes-topics > li").await, sections.len(), "the minutes list every topic");
    let first_item_link = browser.count("#minutes .minutes-topics a[href^='#L']").await;
    assert!(first_item_link >= sections.len(), "each topic links to its lines");
    browser.eval("document.querySelector('.download-minutes').click();", vec![]).await;
    let download = browser.eval("return window.__downloads[0];", vec![]).await;
    assert!(download["name"].as_str().is_some_and(|name| name.ends_with("-minutes.md")), "{download}");
    let markdown = browser
        .eval("return await window.__blobs[arguments[0]].text();", vec![download["href"].clone()])
        .await;
    let markdown = markdown.as_str().expect("the Markdown");
    let expected = scrollback::agenda::minutes_markdown(&demo.log, &demo.agenda, "Irc discussions from #mirage on 13-07-2016");
    assert_eq!(markdown, expected, "the download is the minutes");
    assert!(markdown.contains("Solo5") && markdown.contains(&format!("#L{first}-L{last}")), "topics link to their lines");
    browser.screenshot("agenda").await;
    browser.close().await;
}
