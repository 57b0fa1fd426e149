//! Text shown in place of the source's (decoded entities and JSON escapes, markup reduced to
//! text, names looked up elsewhere), kept in one string with each entry's spans into it: a big
//! export's table is a few allocations, and it crosses from the worker as blocks.

use rustc_hash::FxHashMap;

use super::Span;

/// What a line shows where it cannot be a span of the source. `None` keeps the source's span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub nick: Option<Box<str>>,
    pub body: Option<Box<str>>,
}

/// Every line's [`Shown`] text, one after another in `text`; `Line::shown` indexes `entries`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownTable {
    text: String,
    entries: Vec<ShownSpans>,
}

/// Where one entry's speaker and words are in [`ShownTable`]'s text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShownSpans {
    pub nick: Option<Span>,
    pub body: Option<Span>,
}

impl ShownTable {
    /// The table over `text`, or `None` when a span is not a whole part of it (a broken table
    /// from elsewhere: slicing it would panic).
    pub fn new(text: String, entries: Vec<ShownSpans>) -> Option<ShownTable> {
        // `get` is `None` for a range out of the text, backwards, or off a char boundary.
        let fits = |span: Option<Span>| span.is_none_or(|span| text.get(span.range()).is_some());
        entries.iter().all(|entry| fits(entry.nick) && fits(entry.body)).then_some(ShownTable { text, entries })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn entries(&self) -> &[ShownSpans] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry `index`'s speaker, if it has one of its own.
    pub fn nick(&self, index: usize) -> Option<&str> {
        self.entries.get(index)?.nick.map(|span| &self.text[span.range()])
    }

    /// Entry `index`'s words, if it has its own.
    pub fn body(&self, index: usize) -> Option<&str> {
        self.entries.get(index)?.body.map(|span| &self.text[span.range()])
    }
}

/// Builds a [`ShownTable`] a line at a time, keeping each speaker's name once: an export names
/// a few people on every line.
#[derive(Debug, Default)]
pub struct ShownTableBuilder {
    table: ShownTable,
    names: FxHashMap<Box<str>, Span>,
}

impl ShownTableBuilder {
    /// Adds `shown` as the next entry and returns its index.
    pub fn push(&mut self, shown: Shown) -> usize {
        let spans = self.spans(shown.nick.as_deref(), shown.body.as_deref());
        self.push_spans(spans)
    }

    /// Writes an entry's text into the table, a name only the first time it is seen (looked up
    /// by `&str`: an export's line names someone the table has, and copies nothing), for
    /// [`ShownTableBuilder::push_spans`].
    pub fn spans(&mut self, nick: Option<&str>, body: Option<&str>) -> ShownSpans {
        let ShownTableBuilder { table, names } = self;
        let nick = nick.map(|nick| match names.get(nick) {
            Some(span) => *span,
            None => {
                let span = append(&mut table.text, nick);
                names.insert(nick.into(), span);
                span
            }
        });
        let body = body.map(|body| append(&mut table.text, body));
        ShownSpans { nick, body }
    }

    /// Adds an entry written by [`ShownTableBuilder::spans`] and returns its index.
    pub fn push_spans(&mut self, spans: ShownSpans) -> usize {
        self.table.entries.push(spans);
        self.table.entries.len() - 1
    }

    pub fn finish(self) -> ShownTable {
        self.table
    }

    /// The table as written so far, for the lines read so far (a first screen).
    pub fn so_far(&self) -> ShownTable {
        self.table.clone()
    }
}

fn append(text: &mut String, piece: &str) -> Span {
    let start = text.len();
    text.push_str(piece);
    Span::new(start..text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_once_and_spans_must_fit() {
        let mut builder = ShownTableBuilder::default();
        let shown = |nick: Option<&str>, body: Option<&str>| Shown { nick: nick.map(Into::into), body: body.map(Into::into) };
        assert_eq!(builder.push(shown(Some("Mindy Preston"), Some("hi"))), 0);
        assert_eq!(builder.push(shown(None, Some("a < b"))), 1);
        assert_eq!(builder.push(shown(Some("Mindy Preston"), None)), 2);
        let table = builder.finish();
        assert_eq!((table.nick(0), table.body(0), table.nick(1), table.body(1), table.nick(2), table.body(2)), (Some("Mindy Preston"), Some("hi"), None, Some("a < b"), Some("Mindy Preston"), None));
        assert_eq!(table.text(), "Mindy Prestonhia < b", "the name is written once");
        assert_eq!(table.nick(3), None);

        let text = "né".to_owned();
        let at = |start, end| Some(ShownSpans { nick: Some(Span { start, end }), body: None });
        assert!(ShownTable::new(text.clone(), vec![at(0, 3).unwrap()]).is_some());
        for broken in [at(0, 2), at(0, 4), at(2, 1)] {
            assert_eq!(ShownTable::new(text.clone(), vec![broken.unwrap()]), None, "{broken:?}");
        }
    }
}
