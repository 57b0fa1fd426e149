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
