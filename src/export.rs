//! The static export: the same components rendered server-side into one standalone HTML page,
//! readable with JavaScript off, with every line's `L<n>` anchor and the stylesheets inlined.

use crate::app::{App, AppProps};
use crate::state::{OpenLog, Shared};
use crate::model::Log;
use crate::parse::parse_file;

const STYLESHEETS: [&str; 2] = [include_str!("../style/palette.css"), include_str!("../style/app.css")];

/// Renders `bytes` (a log file named `file_name`) as a standalone page.
pub fn standalone_page(bytes: Vec<u8>, file_name: String) -> String {
    // Props hold `Rc`s, which cannot cross into the renderer's thread: parse inside it.
    let embedded = {
        let log = parse_file(&bytes, Some(&file_name), None);
        crate::source::embed_source(&file_name, &log.text)
    };
    let renderer = yew::ServerRenderer::<App>::with_props(move || {
        let log = parse_file(&bytes, Some(&file_name), None);
        AppProps { initial: Some(Shared::new(OpenLog::new(log, file_name))), standalone: true }
    })
    .hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    let title = title_of(&body);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"scrollback\">\n<title>{title}</title>\n<style>\n{}\n</style>\n</head>\n\
         <body>\n{body}\n{embedded}\n</body>\n</html>\n",
        STYLESHEETS.join("\n")
    )
}

/// The screen height the viewer's home page is prerendered for. The list renders 700 px of
/// overscan below the screen too, so this is 1,000 px of rows: two blocks of the demo, which
/// fill a 1080p desktop's first screen (`tests/e2e_layout.rs` counts them). Each row more is
/// parse and layout before the first paint.
const FIRST_SCREEN_PX: f64 = 300.0;

/// The viewer's first screen with the demo open, rendered at build time into `index.html`
/// (`scrollback prerender`), so a first visit paints the demo's rows from the HTML alone. The
/// app covers it with its own rows once they are on the page (`#prerendered`, see `style/app.css`).
pub fn prerendered_demo() -> String {
    let renderer = yew::LocalServerRenderer::<App>::with_props(AppProps { initial: Some(Shared::new(OpenLog::demo())), standalone: false }).hydratable(false);
    let body = crate::browser::on_first_screen(FIRST_SCREEN_PX, || futures::executor::block_on(renderer.render()));
    format!("<div id=\"prerendered\" inert>{}</div>", without_ids(&body))
}

/// `html` (a server render: attribute values double-quoted, text escaped) without its elements'
/// `id`s: the app renders the same elements beneath, and an id must name one element.
fn without_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        // A tag's end is the first `>` outside a quoted value.
        let mut quoted = false;
        let end = rest.char_indices().find(|&(_, c)| {
            quoted ^= c == '"';
            c == '>' && !quoted
        });
        let end = end.map_or(rest.len(), |(at, _)| at + 1);
        let mut tag = &rest[..end];
        while let Some(at) = tag.find(" id=\"") {
            let value_end = tag[at + 5..].find('"').map_or(tag.len(), |close| at + 5 + close + 1);
            out.push_str(&tag[..at]);
            tag = &tag[value_end..];
        }
        out.push_str(tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where `index.html` takes the prerendered demo.
pub const PRERENDER_PLACEHOLDER: &str = "<!-- scrollback:prerendered-demo -->";

/// `index_html` with the prerendered demo and the script that keeps or drops it in place of the
/// placeholder; an error when the page has none (or was already prerendered).
pub fn with_prerendered_demo(index_html: &str) -> Result<String, String> {
    if !index_html.contains(PRERENDER_PLACEHOLDER) {
        return Err(format!("the page has no {PRERENDER_PLACEHOLDER} to put the prerendered demo in"));
    }
    let handoff = include_str!("prerender_handoff.js");
    Ok(index_html.replacen(PRERENDER_PLACEHOLDER, &format!("{}\n<script>\n{handoff}</script>", prerendered_demo()), 1))
}

/// How a page of a static site (`scrollback site`) differs from a standalone one: it links the
/// site's stylesheets rather than holding them, opens with the site's links (`nav`, HTML the
/// caller escaped), and leaves the log's text to the copy beside it that the viewer opens.
pub struct SitePage<'a> {
    pub stylesheet_hrefs: &'a [String],
    pub nav: &'a str,
}

/// Renders `log` (read from `file_name`) as a page of a static site.
pub fn site_page(log: Log, file_name: String, site: &SitePage) -> String {
    let renderer = yew::LocalServerRenderer::<App>::with_props(AppProps { initial: Some(Shared::new(OpenLog::new(log, file_name))), standalone: true }).hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    let title = title_of(&body);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"scrollback\">\n<title>{title}</title>\n{}</head>\n\
         <body>\n{}\n{body}\n</body>\n</html>\n",
        site.stylesheet_hrefs.iter().map(|href| format!("<link rel=\"stylesheet\" href=\"{href}\">\n")).collect::<String>(),
        site.nav
    )
}

/// The stylesheets a standalone page holds, as one file for a site's pages to link.
pub fn stylesheet() -> String {
    STYLESHEETS.join("\n")
}

/// The rendered `<h1>`'s text, already escaped by the renderer, for the page's `<title>`.
fn title_of(body: &str) -> &str {
    let start = body.find("<h1").and_then(|at| body[at..].find("<bdi>").map(|offset| at + offset + "<bdi>".len()));
    start.and_then(|start| body[start..].find("</bdi>").map(|end| &body[start..start + end])).unwrap_or("scrollback")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_from_tags_and_nothing_else_changes() {
        for (html, want) in [
            (r##"<div id="L1" class="row">x</div>"##, r##"<div class="row">x</div>"##),
            (r##"<a class="a" id="x" href="#L1" id="y">t</a>"##, r##"<a class="a" href="#L1">t</a>"##),
            // A `>` inside a value does not end the tag; text that reads like an id is text.
            (r##"<p title="a > b" id="p">said id="x" here</p>"##, r##"<p title="a > b">said id="x" here</p>"##),
            (r##"<input data-id="k" hidden>"##, r##"<input data-id="k" hidden>"##),
            ("no tags at all", "no tags at all"),
        ] {
            assert_eq!(without_ids(html), want, "{html}");
        }
    }

    #[test]
    fn the_prerendered_demo_is_its_first_screen_without_ids() {
        let prerendered = prerendered_demo();
        let rows = prerendered.matches("class=\"row kind-message").count();
        let demo_messages = crate::state::OpenLog::demo().log.lines.iter().filter(|line| line.kind == crate::model::LineKind::Message).count();
        assert!((20..demo_messages).contains(&rows), "{rows} message rows of the demo's {demo_messages}: its first screen, not all of it");
        assert!(prerendered.contains("yomimono") && prerendered.contains("fortnightly mirage call"), "the demo's first lines are there");
        assert_eq!(prerendered.matches(" id=\"").count(), 1, "only the wrapper has an id");
        assert!(prerendered.starts_with("<div id=\"prerendered\" inert>"));
    }

    #[test]
    fn the_page_takes_the_demo_where_it_asks_once() {
        let page = format!("<body>\n{PRERENDER_PLACEHOLDER}\n</body>");
        let prerendered = with_prerendered_demo(&page).expect("a placeholder");
        assert!(!prerendered.contains(PRERENDER_PLACEHOLDER));
        assert_eq!(prerendered.matches("id=\"prerendered\"").count(), 1);
        assert!(prerendered.contains("<script>") && prerendered.contains("getElementById('prerendered')?.remove()"));
        assert!(with_prerendered_demo(&prerendered).is_err(), "a page prerendered already has no placeholder");
    }
}
