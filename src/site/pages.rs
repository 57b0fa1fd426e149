//! The static site's own pages and links: where a log's page goes, the links at the top of each
//! log's page, and the archive's `index.html` (the logs by folder and month, and the search
//! form that `search.js` answers, held in the page itself).

use std::collections::BTreeSet;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::archive::IndexedFile;
use crate::source::escape_html;

/// What a path segment cannot hold as it is in an `href`.
const SEGMENT: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}').add(b'\\').add(b'^').add(b'|').add(b'[').add(b']').add(b'\'').add(b'&').add(b'+');

/// The viewer's copy, under the site's root.
pub const VIEWER_DIR: &str = "viewer";
/// The site's own rules (the index, its hits, the links on top of a log's page), a file for the
/// log pages and written into the index page.
pub const STYLESHEET: &str = "site.css";
pub const SITE_CSS: &str = include_str!("../../style/site.css");
/// The viewer's stylesheet, for the log pages rendered as the viewer renders them.
pub const LOG_STYLESHEET: &str = "log.css";
/// The search, written into the index page: a query's first fetch then waits for no other
/// file (a script and a stylesheet of their own cost a round trip each before it).
pub const SEARCH_JS: &str = include_str!("search.js");

/// `path` (relative, `/`-separated) as an `href`, each segment percent-encoded.
pub fn href(path: &str) -> String {
    path.split('/').map(|segment| utf8_percent_encode(segment, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The way back to the site's root from the page at `path`: `../../` for `2016/06/x.html`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Where the page of each source goes: beside it, `.txt` and `.log` replaced by `.html`
/// (`2016/06/29-06-2016.html`), or `.html` added when that would be another file's name.
pub fn page_paths(sources: &[String]) -> Vec<String> {
    let taken: BTreeSet<&str> = sources.iter().map(String::as_str).collect();
    let mut pages: BTreeSet<String> = BTreeSet::new();
    sources
        .iter()
        .map(|source| {
            let stem = [".txt", ".log"].iter().find_map(|extension| source.strip_suffix(extension)).filter(|stem| !stem.ends_with('/') && !stem.is_empty());
            let page = stem.map(|stem| format!("{stem}.html")).filter(|page| !taken.contains(page.as_str()) && !pages.contains(page)).unwrap_or_else(|| format!("{source}.html"));
            pages.insert(page.clone());
            page
        })
        .collect()
}

/// A log's name in lists and links: its day, else its file name.
fn label(file: &IndexedFile) -> String {
    file.date.clone().unwrap_or_else(|| file.source.rsplit('/').next().unwrap_or(&file.source).to_owned())
}

/// The links at the top of a log's page: the archive, the day before and after in its folder,
/// and the log in the viewer (its copy, by `?src=`).
pub fn nav(file: &IndexedFile, previous: Option<&IndexedFile>, next: Option<&IndexedFile>) -> String {
    let root = root_of(&file.page);
    let link = |other: &IndexedFile, rel: &str, text: String| format!("<a rel=\"{rel}\" href=\"{root}{}\">{}</a>", href(&other.page), escape_html(&text, false));
    let mut parts = vec![format!("<a href=\"{root}index.html\">Archive</a>")];
    parts.extend(previous.map(|previous| link(previous, "prev", format!("← {}", label(previous)))));
    parts.extend(next.map(|next| link(next, "next", format!("{} →", label(next)))));
    parts.push(format!("<a href=\"{root}{VIEWER_DIR}/?src=../{}\">Open in the viewer</a>", href(&file.source)));
    format!("<nav class=\"site-nav\" aria-label=\"Archive\">{}</nav>", parts.join(" "))
}

/// The archive's `index.html`: a search form, then every log by folder and month, newest last.
/// It holds the search index's `meta` (JSON) for `search.js`, which then starts with the
/// chunks of the query's terms.
pub fn index_page(title: &str, files: &[IndexedFile], search_meta: &str) -> String {
    // JSON's `<` only ever stands in a string, where `\u003c` is the same: no `</script>`.
    let search_meta = search_meta.replace('<', "\\u003c");
    let messages: u64 = files.iter().map(|file| u64::from(file.messages)).sum();
    let mut days: Vec<&str> = files.iter().filter_map(|file| file.date.as_deref()).collect();
    days.sort_unstable();
    let span = match (days.first(), days.last()) {
        (Some(first), Some(last)) if first != last => format!(", {first} to {last}"),
        (Some(day), _) => format!(", {day}"),
        _ => String::new(),
    };
    let mut body = String::new();
    let mut channels: Vec<&str> = files.iter().map(|file| file.channel.as_str()).collect();
    channels.dedup();
    let channels: BTreeSet<&str> = channels.into_iter().collect();
    for channel in channels {
        let in_channel: Vec<&IndexedFile> = files.iter().filter(|file| file.channel == channel).collect();
        let heading = if channel.is_empty() { "Logs".to_owned() } else { channel.to_owned() };
        body.push_str(&format!("<section class=\"channel\">\n<h2>{}</h2>\n", escape_html(&heading, false)));
        let mut month = None;
        for file in in_channel {
            let this_month = file.date.as_deref().map(|date| &date[..7]);
            if month != Some(this_month) {
                if month.is_some() {
                    body.push_str("</ul>\n");
                }
                body.push_str(&format!("<h3>{}</h3>\n<ul class=\"days\">\n", this_month.unwrap_or("Undated")));
                month = Some(this_month);
            }
            let title = if file.title.is_empty() { String::new() } else { format!(" <span class=\"title\">{}</span>", escape_html(&file.title, false)) };
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a>{title} <span class=\"count\">{} messages</span></li>\n",
                href(&file.page),
                escape_html(&label(file), false),
                file.messages
            ));
        }
        if month.is_some() {
            body.push_str("</ul>\n");
        }
        body.push_str("</section>\n");
    }
    let title = escape_html(title, false);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"scrollback\">\n<title>{title}</title>\n<style>\n{SITE_CSS}</style>\n\
         </head>\n<body class=\"site-index\">\n<header>\n<h1>{title}</h1>\n\
         <p class=\"summary\">{} logs, {messages} messages{span}</p>\n\
         <form role=\"search\" method=\"get\" action=\"\"><label for=\"q\">Search every log</label> \
         <input id=\"q\" name=\"q\" type=\"search\" placeholder=\"words, from:nick\"> <button type=\"submit\">Search</button></form>\n\
         </header>\n<section id=\"hits\" aria-live=\"polite\" hidden></section>\n\
         <script type=\"application/json\" id=\"search-meta\">{search_meta}</script>\n<script>\n{SEARCH_JS}</script>\n<main id=\"logs\">\n{body}</main>\n</body>\n</html>\n",
        files.len()
    )
}

#[cfg(test)]
mod tests {
    use super::{href, page_paths, root_of, SEARCH_JS, SITE_CSS};

    #[test]
    fn the_inlined_script_and_rules_cannot_close_their_element() {
        assert!(!SEARCH_JS.to_ascii_lowercase().contains("</script") && !SEARCH_JS.contains("<!--"));
        assert!(!SITE_CSS.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn a_page_goes_beside_its_log_under_a_name_no_other_file_has() {
        let sources: Vec<String> = ["2016/06/29-06-2016.txt", "a.log", "a.txt", "meeting.log.html", "notes", "b.html", "b.txt"].map(String::from).to_vec();
        assert_eq!(page_paths(&sources), ["2016/06/29-06-2016.html", "a.html", "a.txt.html", "meeting.log.html.html", "notes.html", "b.html.html", "b.txt.html"]);
    }

    #[test]
    fn links_are_relative_and_encoded() {
        assert_eq!(root_of("2016/06/x.html"), "../../");
        assert_eq!(root_of("x.html"), "");
        assert_eq!(href("#mirage/2016 06?.html"), "%23mirage/2016%2006%3F.html");
    }
}
