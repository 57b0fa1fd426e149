//! Speaker colours: a stable hash of the normalised nick picks one of sixteen colours that keep
//! WCAG AA contrast on the light and the dark theme alike.

/// (light theme, dark theme) colour of each palette entry. Each is ≥ 4.5:1 against every
/// background of its theme (see `THEME_BACKGROUNDS` in the tests).
pub const PALETTE: [(&str, &str); 16] = [
    ("#c4321c", "#e8715e"),
    ("#935d25", "#cd8337"),
    ("#746811", "#b3a119"),
    ("#596e1c", "#84a329"),
    ("#377811", "#52b319"),
    ("#1f7a1f", "#2bab2c"),
    ("#117839", "#19b354"),
    ("#1e7661", "#2aa789"),
    ("#127381", "#1aa2b7"),
    ("#2b6aab", "#5c98d6"),
    ("#4456e4", "#828fed"),
    ("#7250d3", "#a089e1"),
    ("#9d29e0", "#c075eb"),
    ("#af2cae", "#d968d8"),
    ("#c41c84", "#e963b5"),
    ("#c03053", "#dc748d"),
];

/// The palette index of a nick's colour. The same person under `mort`, `Mort___` or `mort|away`
/// gets the same colour, and it does not depend on who spoke first.
pub fn colour_index(nick: &str) -> usize {
    let palette_len = PALETTE.len() as u32;
    if nick.chars().any(crate::text::is_invisible) {
        // A nick with hidden characters imitates the visible one: never give it the same colour.
        let imitated: String = nick.chars().filter(|&c| !crate::text::is_invisible(c)).collect();
        let imitated_colour = fnv1a(normalise_nick(&imitated).as_bytes()) % palette_len;
        return ((imitated_colour + palette_len / 2) % palette_len) as usize;
    }
    (fnv1a(normalise_nick(nick).as_bytes()) % palette_len) as usize
}

/// The nick as a person, not a connection: case-folded, without a `|away`-style suffix and
/// without trailing `_`, `` ` `` and digits. A nick that is nothing but those keeps them.
pub fn normalise_nick(nick: &str) -> String {
    let without_status = nick.split_once('|').map_or(nick, |(head, _)| head);
    let without_status = if without_status.is_empty() { nick } else { without_status };
    let stem = without_status.trim_end_matches(|c: char| c == '_' || c == '`' || c.is_ascii_digit());
    let stem = if stem.is_empty() { without_status } else { stem };
    stem.to_lowercase()
}

/// FNV-1a, 32-bit: tiny, and stable across platforms, builds and Rust versions, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// The stylesheet of speaker colours: `--speaker-N` as `light-dark(light, dark)`, so the theme
/// (app.css sets `color-scheme`) picks, and a class `.speaker-N` per colour, so no inline style
/// is needed.
pub fn palette_css() -> String {
    let mut css = String::from("/* Generated from src/colour.rs by `scrollback palette-css`: do not edit. */\n:root {\n");
    for (index, (light, dark)) in PALETTE.iter().enumerate() {
        css += &format!("  --speaker-{index}: light-dark({light}, {dark});\n");
    }
    css += "}\n";
    for index in 0..PALETTE.len() {
        css += &format!(".speaker-{index} {{ color: var(--speaker-{index}); }}\n");
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Backgrounds a nick can sit on: page, row hover, highlighted row. Keep in step with style/app.css.
    const LIGHT_BACKGROUNDS: [&str; 3] = ["#ffffff", "#f6f7f9", "#eef1f6"];
    const DARK_BACKGROUNDS: [&str; 3] = ["#14161b", "#1c1f26", "#242833"];

    fn luminance(hex: &str) -> f64 {
        let channel = |at: usize| {
            let value = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
            if value <= 0.04045 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_colour_meets_aa_on_its_theme() {
        for (light, dark) in PALETTE {
            for background in LIGHT_BACKGROUNDS {
                assert!(contrast(light, background) >= 4.5, "{light} on {background}: {:.2}", contrast(light, background));
            }
            for background in DARK_BACKGROUNDS {
                assert!(contrast(dark, background) >= 4.5, "{dark} on {background}: {:.2}", contrast(dark, background));
            }
        }
    }

    #[test]
    fn normalises_nicks() {
        let cases = [
            ("mort___", "mort"),
            ("Mort", "mort"),
            ("thomasga1", "thomasga"),
            ("zed|away", "zed"),
            ("Algebr`", "algebr"),
            ("r0bert", "r0bert"),
            ("___", "___"),
            ("|trey|", "|trey|"),
            ("42", "42"),
        ];
        for (nick, normal) in cases {
            assert_eq!(normalise_nick(nick), normal, "{nick}");
        }
    }

    #[test]
    fn colours_are_stable_and_shared_by_variants() {
        assert_eq!(colour_index("mort___"), colour_index("mort"));
        assert_eq!(colour_index("AVSM"), colour_index("avsm"));
        // Published FNV-1a test vectors: a change of hash would recolour every log people have seen.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn the_stylesheet_holds_this_palette() {
        let stylesheet = include_str!("../style/palette.css");
        assert_eq!(stylesheet, palette_css(), "regenerate with: cargo run -- palette-css > style/palette.css");
    }
}
