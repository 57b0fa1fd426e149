//! The start of a big input read alone, for its first screen: a zip's or a folder's first files
//! (in the order they are laid out) laid out, a text's first lines. The rest stays packed, and
//! the whole is read after it as [`super::prepare`] reads it.

use std::borrow::Cow;

use super::archive::{in_lay_out_order, is_office_document, lay_out_file, open_zip, unpack};
use super::{check_input, MAX_FILE_BYTES, GZIP_MAGIC, ZIP_MAGIC};

/// The start of what [`super::prepare`] gives for an input, read without the rest.
#[derive(Debug)]
pub struct Head<'a> {
    /// At least the bytes wanted, ending where a line (or a file of an archive) ends, or in a
    /// line twice as long as that, where a character ends.
    pub bytes: Cow<'a, [u8]>,
    /// The whole input's size as far as it is known unread: a text's length, the sizes a zip's
    /// directory gives its files.
    pub total: usize,
}

/// The start of what `prepare(bytes)` gives for an input of over `over` bytes in all, `want`
/// bytes or more of it, read alone: a zip's first files unpacked and laid out, a text's first
/// lines. `None` where the start cannot be had so, or is all there is: a gzip (one stream), an
/// archive whose head holds one text file (that may be the only one, which is laid out as
/// itself), what `prepare` refuses, or an input of no more than `over` or `want` bytes.
pub fn prepare_head(bytes: &[u8], want: usize, over: usize) -> Option<Head<'_>> {
    if bytes.starts_with(ZIP_MAGIC) {
        return unzip_head(bytes, want, over);
    }
    if bytes.len() <= over || bytes.starts_with(GZIP_MAGIC) || check_input(bytes).is_err() {
        return None;
    }
    // Where a line ends after what is wanted; in a long line (a minified file), where a
    // character ends, for the reader to cut where a record of it starts.
    let soon = bytes.len().min(want.saturating_mul(2));
    let end = match memchr::memchr(b'\n', bytes.get(want..soon)?) {
        Some(at) => want + at + 1,
        None => want + bytes[want..].iter().position(|byte| byte & 0xC0 != 0x80)?,
    };
    (end < bytes.len()).then(|| Head { bytes: Cow::Borrowed(&bytes[..end]), total: bytes.len() })
}

/// Like [`prepare_head`], for a folder's files (as [`super::prepare_folder`] takes them).
pub fn prepare_folder_head<B: AsRef<[u8]>>(mut files: Vec<(String, B)>, want: usize, over: usize) -> Option<Head<'static>> {
    let total = files.iter().map(|(_, bytes)| bytes.as_ref().len()).sum();
    if total <= over || total > MAX_FILE_BYTES {
        return None;
    }
    in_lay_out_order(&mut files, |(path, _)| path);
    laid_out_head(files.into_iter().map(Some), want, total)
}

/// The head of a zip: its directory read, and only the first files unpacked.
fn unzip_head(bytes: &[u8], want: usize, over: usize) -> Option<Head<'static>> {
    let mut archive = open_zip(bytes).ok()?;
    let mut paths: Vec<(usize, String)> = (0..archive.len()).filter_map(|index| Some((index, archive.name_for_index(index)?.ok()?.into_owned()))).collect();
    if is_office_document(paths.iter().map(|(_, path)| path.as_str())) {
        return None;
    }
    // A zip written as a stream (Java's, for one) puts each file's sizes after its data, which
    // the directory holds too: read from there, file by file.
    let claimed = match archive.decompressed_size() {
        Some(claimed) => claimed,
        None => (0..archive.len()).map(|index| archive.by_index_raw(index).map(|file| u128::from(file.size()))).sum::<Result<u128, _>>().ok()?,
    };
    // What the whole would be refused for is left for it to say.
    let total = usize::try_from(claimed).ok().filter(|total| *total > over && *total <= MAX_FILE_BYTES)?;
    paths.retain(|(_, path)| !path.ends_with('/'));
    in_lay_out_order(&mut paths, |(_, path)| path);
    let files = paths.into_iter().map(|(index, _)| unpack(&mut archive, index, MAX_FILE_BYTES).ok().flatten());
    laid_out_head(files, want, total)
}

/// The first of `files` (in lay-out order, each read as it is reached) laid out, until `want`
/// bytes and two texts are: with two, the whole is laid out file by file as they are (not as
/// its one text), so this is its start. `None` when that takes every file, or one does not read.
fn laid_out_head<B: AsRef<[u8]>>(mut files: impl ExactSizeIterator<Item = Option<(String, B)>>, want: usize, total: usize) -> Option<Head<'static>> {
    let mut laid_out = Vec::with_capacity(want + want / 2);
    let mut n_texts = 0;
    while let Some(file) = files.next() {
        let (path, bytes) = file?;
        n_texts += usize::from(check_input(bytes.as_ref()).is_ok());
        lay_out_file(&mut laid_out, &path, bytes.as_ref());
        if laid_out.len() >= want && n_texts >= 2 {
            return (files.len() > 0).then(|| Head { bytes: Cow::Owned(laid_out), total });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::{prepare_folder_head, prepare_head};
    use crate::input::{prepare, prepare_folder};

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut zipped = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (path, contents) in files {
            zipped.start_file(*path, zip::write::SimpleFileOptions::default()).unwrap();
            zipped.write_all(contents.as_bytes()).unwrap();
        }
        zipped.finish().unwrap().into_inner()
    }

    /// A Slack-like export: two top-level files, then days of two channels, a resource fork
    /// and a picture among them, zipped out of order.
    fn export_files() -> Vec<(String, String)> {
        let day = |channel: &str, day: usize| {
            let messages: Vec<String> = (0..40).map(|n| format!("  {{\n    \"ts\": \"{day}{n:04}.000100\",\n    \"text\": \"{channel} day {day} message {n}\"\n  }}")).collect();
            (format!("{channel}/2023-06-{day:02}.json"), format!("[\n{}\n]\n", messages.join(",\n")))
        };
        let mut files: Vec<(String, String)> = (1..=6).rev().flat_map(|n| [day("random", n), day("general", n)]).collect();
        files.push(("__MACOSX/general/._2023-06-01.json".to_owned(), "fork".to_owned()));
        files.push(("users.json".to_owned(), "[\n  {\"id\": \"U1\", \"name\": \"ann\"}\n]\n".to_owned()));
        files.push(("channels.json".to_owned(), "[{\"id\": \"C1\", \"name\": \"general\"}]".to_owned()));
        files
    }

    #[test]
    fn a_head_is_the_start_of_the_whole_and_no_more_is_unpacked_for_it() {
        let files = export_files();
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(path, contents)| (path.as_str(), contents.as_str())).collect();
        let zipped = zip_of(&borrowed);
        let whole = prepare(&zipped).unwrap().into_owned();
        let raw_total: usize = files.iter().map(|(_, contents)| contents.len()).sum();
        for want in [1, 500, 3000, whole.len() / 2] {
            let head = prepare_head(&zipped, want, 0).unwrap_or_else(|| panic!("a head of {want} bytes"));
            assert!(whole.starts_with(&head.bytes), "{want}: the head starts the whole");
            assert!(head.bytes.len() >= want && head.bytes.len() < whole.len(), "{want}: {} of {}", head.bytes.len(), whole.len());
            assert_eq!(head.total, raw_total, "the sizes the directory gives");
            assert!(head.bytes.ends_with(b"\n"), "{want}: it ends where a file ends");
            // Files are unpacked only until the head holds what was wanted, and two texts.
            let headings: Vec<usize> = (0..head.bytes.len()).filter(|at| head.bytes[*at..].starts_with(b"==> ")).collect();
            assert!(headings.len() == 2 || headings[headings.len() - 1] < want, "{want}: {} files", headings.len());
        }
        assert!(prepare_head(&zipped, whole.len(), 0).is_none(), "a head that would be all of it");
        // Written as a stream, each file's sizes after its data: the same head.
        let mut streamed = zip::ZipWriter::new_stream(Vec::new());
        for (path, contents) in &borrowed {
            streamed.start_file(*path, zip::write::SimpleFileOptions::default()).unwrap();
            streamed.write_all(contents.as_bytes()).unwrap();
        }
        let streamed = streamed.finish().unwrap().into_inner();
        assert_eq!(crate::input::archive::open_zip(&streamed).unwrap().decompressed_size(), None, "its directory's total is not taken");
        assert_eq!(prepare(&streamed).unwrap().as_ref(), &whole[..]);
        let head = prepare_head(&zipped, 3000, 0).unwrap();
        let streamed_head = prepare_head(&streamed, 3000, 0).expect("a streamed zip's head");
        assert_eq!((&streamed_head.bytes, streamed_head.total), (&head.bytes, head.total));
        let in_folder: Vec<(String, &[u8])> = files.iter().map(|(path, contents)| (path.clone(), contents.as_bytes())).collect();
        let folder_whole = prepare_folder(in_folder.clone()).unwrap();
        let folder_head = prepare_folder_head(in_folder, 3000, 0).unwrap();
        assert_eq!(folder_whole, whole);
        assert!(folder_whole.starts_with(&folder_head.bytes));
    }

    #[test]
    fn what_cannot_be_had_alone_has_no_head() {
        let log: String = (0..200).map(|n| format!("[10:{:02}] <ann> line {n}\n", n % 60)).collect();
        let head = prepare_head(log.as_bytes(), 100, 0).unwrap();
        assert!(prepare_head(log.as_bytes(), 100, log.len()).is_none(), "an input no bigger than the threshold");
        let three_logs = zip_of(&[("a.txt", &log), ("b.txt", &log), ("c.txt", &log)]);
        assert!(prepare_head(&three_logs, 100, log.len() * 3).is_none(), "an archive no bigger than the threshold");
        assert!(prepare_head(&three_logs, 100, log.len() * 3 - 1).is_some_and(|head| head.total == log.len() * 3), "one a byte bigger");
        assert_eq!(head.bytes.len(), log.find("[10:05]").unwrap(), "a text's head ends where the line past what was wanted ends");
        assert_eq!(head.total, log.len());
        let minified = format!("{}\n", "é".repeat(100));
        let head = prepare_head(minified.as_bytes(), 51, 0).unwrap();
        assert_eq!(head.bytes.len(), 52, "a long line is cut where a character ends");
        let cases: [(&str, Vec<u8>); 5] = [
            ("one text file beside a picture", zip_of(&[("chat.txt", &log), ("IMG-1.jpg", "\u{0}\u{0}\u{0}\u{0}")])),
            ("an office document", zip_of(&[("[Content_Types].xml", &log), ("word/document.xml", &log)])),
            ("a gzip", vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0]),
            ("a picture", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".iter().chain(log.as_bytes()).copied().collect()),
            ("a text no longer than wanted", log.as_bytes().to_vec()),
        ];
        for (what, bytes) in cases {
            let want = if what.starts_with("a text") { log.len() - 10 } else { 100 };
            assert!(prepare_head(&bytes, want, 0).is_none(), "{what}");
        }
    }
}
