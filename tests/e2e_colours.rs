//! End-to-end speaker colours: in the page, on the light and the dark theme, the demo's speakers
//! are told apart, and a speaker has one colour in the legend, the rows, mentions, section
//! chips and the speaker chart, with a marker shape beside it. Skipped unless `dist/` is built.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use scrollback::colour::distinct::{oklab, Vision, MIN_DISTANCE};
use support::browser::{dist_or_skip, Browser};

/// For every element matching `css`, its nick (the text of its `bdi` or itself) and computed colour.
const COLOURS_OF: &str = "return [...document.querySelectorAll(arguments[0])].map(element => {
    const nick = (element.querySelector('bdi') || element).textContent.trim();
    return [nick, getComputedStyle(element).color];
});";

/// `rgb(r, g, b)` as `#rrggbb`.
fn hex(computed: &str) -> String {
    let channels: Vec<u8> = computed.trim_start_matches("rgb(").trim_end_matches(')').split(',').map(|part| part.trim().parse().expect("an rgb() colour")).collect();
    format!("#{:02x}{:02x}{:02x}", channels[0], channels[1], channels[2])
}

async fn colours_of(browser: &Browser, css: &str) -> Vec<(String, String)> {
    let found = browser.eval(COLOURS_OF, vec![json!(css)]).await;
    found.as_array().unwrap().iter().map(|pair| (pair[0].as_str().unwrap().to_owned(), hex(pair[1].as_str().unwrap()))).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demos_speakers_are_told_apart_and_keep_one_colour_everywhere() {
    let Some(dist) = dist_or_skip() else { return };
    let browser = Browser::start(&dist).await;
    browser.goto("/index.html").await;
    browser.wait_for(".legend .speaker").await;
    browser.wait_for(".section-header .chip").await;
    browser.eval("document.querySelector('.overview-toggle').click();", vec![]).await;
    browser.wait_for(".speakers-chart g text").await;
    for theme in ["light", "dark"] {
        browser.eval("document.documentElement.setAttribute('data-theme', arguments[0]);", vec![json!(theme)]).await;
        let legend = colours_of(&browser, ".legend .nick").await;
        assert!(legend.len() >= 10, "the demo's legend: {legend:?}");
        let mut closest = (f32::INFINITY, String::new());
        for (at, (a, colour_a)) in legend.iter().take(12).enumerate() {
            for (b, colour_b) in legend.iter().take(12).skip(at + 1) {
                let [la, lb] = [colour_a, colour_b].map(|colour| oklab(colour, Vision::Typical));
                let apart = la.iter().zip(lb).map(|(x, y)| (x - y).powi(2)).sum::<f32>().sqrt();
                if apart < closest.0 {
                    closest = (apart, format!("{a} {colour_a} / {b} {colour_b}"));
                }
            }
        }
        println!("{theme}: closest pair in the legend {} ({:.1} apart)", closest.1, closest.0);
        assert!(closest.0 >= MIN_DISTANCE, "{theme}: {} are only {:.1} apart", closest.1, closest.0);
        // The same person is the same colour in the rows, mentions, section chips and the chart.
        let legend_colour = |nick: &str| legend.iter().find(|(known, _)| known == nick).map(|(_, colour)| colour.clone());
        let places = [
            ("row", "section.log .row .nick"),
            ("chip", ".section-header .chip:not(.more)"),
            ("chart", ".speakers-chart g text:first-of-type"),
            ("mention", "section.log .mention"),
        ];
        for (place, css) in places {
            let found = colours_of(&browser, css).await;
            let spelt_as_in_legend: Vec<_> = found.into_iter().filter(|(nick, _)| place != "mention" || legend_colour(nick).is_some()).collect();
            assert!(!spelt_as_in_legend.is_empty(), "no {place} nicks");
            for (nick, colour) in spelt_as_in_legend {
                assert_eq!(legend_colour(&nick).as_deref(), Some(colour.as_str()), "{theme}: {nick}'s {place} colour");
            }
        }
    }
    // The second cue: the legend's markers take more than one shape, and a chip wears its speaker's.
    let shapes: Value = browser.eval("return [...document.querySelectorAll('.legend .swatch')].map(swatch => getComputedStyle(swatch).clipPath);", vec![]).await;
    let shapes: std::collections::BTreeSet<&str> = shapes.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(shapes.len() >= 4 && !shapes.contains("none"), "legend markers: {shapes:?}");
    browser.screenshot("colours-demo-dark").await;
    browser.close().await;
}
