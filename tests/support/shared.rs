//! The real logs beside the repository (`../shared`), for the corpus tests: present in CI,
//! absent in a fresh clone, where the tests say they skip.

use std::path::{Path, PathBuf};

/// `../shared/<sub>` if it is there; otherwise says the test skips, and gives `None`.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(sub);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

/// Every file below `dir`, sorted, so reports come out in the same order each run.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}
