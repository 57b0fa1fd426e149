//! Lower case for searching and for telling nicks apart, the same in every build of the viewer.
//!
//! Natively this is Rust's Unicode case mapping. A wasm build installs one with [`set_lowercase`]:
//! the parse worker Rust's own (its wasm has the tables anyway, for the analyses), the page the
//! browser's `toLowerCase`, so that the page's wasm carries no case tables (8.2 KB of its
//! gzipped size). `tests/wasm.rs` holds the browser's mapping to Rust's on every code point.

/// Lower-cases text that is not all ASCII.
pub type Lowercase = fn(&str) -> String;

#[cfg(target_arch = "wasm32")]
static LOWERCASE: std::sync::OnceLock<Lowercase> = std::sync::OnceLock::new();

/// Installs the mapping a wasm build uses; the first one installed stays.
#[cfg(target_arch = "wasm32")]
pub fn set_lowercase(lowercase: Lowercase) {
    let _ = LOWERCASE.set(lowercase);
}

/// `text` in lower case: by bytes when it is ASCII (nearly every nick and query), otherwise by
/// the Unicode mapping.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    unicode_lowercase(text)
}

/// Rust's own mapping: natively, and what the parse worker installs.
pub fn rust_lowercase(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(not(target_arch = "wasm32"))]
fn unicode_lowercase(text: &str) -> String {
    rust_lowercase(text)
}

/// Without a mapping installed (a wasm build that never installed one) only ASCII letters are
/// folded: other letters then match only as written, and nothing is lost.
#[cfg(target_arch = "wasm32")]
fn unicode_lowercase(text: &str) -> String {
    match LOWERCASE.get() {
        Some(lowercase) => lowercase(text),
        None => text.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lowers_ascii_and_every_other_letter() {
        let cases = [
            ("Mort___", "mort___"),
            ("", ""),
            ("ÉLODIE", "élodie"),
            // A final sigma is told from one inside a word, as Rust and the browser both do.
            ("ΟΔΟΣ ΣΑΣ", "\u{3bf}\u{3b4}\u{3bf}\u{3c2} \u{3c3}\u{3b1}\u{3c2}"),
            ("İstanbul", "i\u{307}stanbul"),
            ("KELVIN \u{212a}", "kelvin k"),
            ("日本語", "日本語"),
        ];
        for (text, lower) in cases {
            assert_eq!(lowercase(text), lower, "{text:?}");
        }
    }
}
