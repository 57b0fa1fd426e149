//! Speaker colours: a stable hash of the normalised nick picks a speaker's own colour from a
//! palette whose colours are all told apart, with WCAG AA contrast on the light and the dark
//! theme; [`distinct`] moves a less active speaker whose colour is taken.

pub mod distinct;

use palette::color_difference::Wcag21RelativeContrast;
use palette::Srgb;

/// (light theme, dark theme) colour of each palette entry: on each theme ≥ 4.5:1 against every
/// background, and every two entries ≥ 10 apart (OKLab × 100) and ≥ 6 apart as a reader with
/// deuteranopia or protanopia sees them, and as far from the theme's text colour (tests below
/// and in `distinct`). Chosen in OKLCH by annealing over 1.8M in-gamut (lightness, chroma, hue)
/// pairs, which found no sixteen that keep all those distances inside the contrast bands, and
/// ordered so that colours sharing a [`Marker`] are far apart: `scripts/palette-design`
/// prints this table (`cargo run --release -- 15 3` there).
pub const PALETTE: [(&str, &str); PALETTE_LEN] = [
    ("#1d6d56", "#00f196"),
    ("#970000", "#cd7769"),
    ("#634ed0", "#8b88d3"),
    ("#751446", "#ee5b9e"),
    ("#127a00", "#39a900"),
    ("#8d008a", "#d291cc"),
    ("#706184", "#e358ff"),
    ("#005100", "#98c77f"),
    ("#0057fe", "#0095ff"),
    ("#004067", "#439ca0"),
    ("#5f0200", "#faa800"),
    ("#004cac", "#46dbff"),
    ("#cb005d", "#ffb0cb"),
    ("#cc3709", "#ff6900"),
    ("#2e00f3", "#89b7ff"),
];
/// At least [`distinct::DISTINCT_SPEAKERS`]: that many speakers always get different colours.
pub const PALETTE_LEN: usize = 15;

/// The backgrounds a nick sits on in each theme (page, hovered row, highlighted row) and the
/// plain text colour it stands beside: what the palette is designed against. Keep in step with
/// style/app.css.
pub const LIGHT_BACKGROUNDS: [&str; 3] = ["#ffffff", "#f6f7f9", "#eef1f6"];
pub const DARK_BACKGROUNDS: [&str; 3] = ["#14161b", "#1c1f26", "#242833"];
pub const TEXT: (&str, &str) = ("#1d2026", "#e6e8ee");

/// The WCAG 2.1 contrast ratio of two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f32 {
    srgb(a).relative_contrast(srgb(b))
}

/// `#rrggbb` as an sRGB colour (black if it is not one).
fn srgb(hex: &str) -> Srgb<f32> {
    hex.parse::<Srgb<u8>>().unwrap_or_default().into_format()
}

/// The palette index of a nick's own colour, the one it has in every log where no more active
/// speaker has it. The same person under `mort`, `Mort___` or `mort|away` gets the same colour,
/// and it does not depend on who spoke first.
pub fn colour_index(nick: &str) -> usize {
    let palette_len = PALETTE_LEN as u32;
    if nick.chars().any(crate::text::is_invisible) {
        // A nick with hidden characters imitates the visible one: never give it the same colour.
        let imitated: String = nick.chars().filter(|&c| !crate::text::is_invisible(c)).collect();
        let imitated_colour = fnv1a(normalise_nick(&imitated).as_bytes()) % palette_len;
        return ((imitated_colour + palette_len / 2) % palette_len) as usize;
    }
    (fnv1a(normalise_nick(nick).as_bytes()) % palette_len) as usize
}

/// The shape drawn with each colour (the legend's swatch, the charts' marks): a second cue for
/// a reader who cannot rely on colour. Palette colours that share a shape are ordered to be far
/// apart for colour-blind readers (`distinct`'s tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

impl Marker {
    pub const ALL: [Marker; 5] = [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond, Marker::Cross];

    /// The marker of palette colour `colour`.
    pub fn of(colour: usize) -> Marker {
        Marker::ALL[colour % Marker::ALL.len()]
    }

    /// The outline as points in a 100 × 100 square, clockwise from the top; the circle has none.
    /// Whole numbers, so drawing it formats no floats (that code would weigh on the page).
    fn outline(self) -> &'static [(u8, u8)] {
        match self {
            Marker::Circle => &[],
            Marker::Square => &[(8, 8), (92, 8), (92, 92), (8, 92)],
            Marker::Triangle => &[(50, 0), (100, 92), (0, 92)],
            Marker::Diamond => &[(50, 0), (100, 50), (50, 100), (0, 50)],
            Marker::Cross => &[(32, 0), (68, 0), (68, 32), (100, 32), (100, 68), (68, 68), (68, 100), (32, 100), (32, 68), (0, 68), (0, 32), (32, 32)],
        }
    }

    /// An SVG path of the marker in a 100 × 100 square (scale it to place it).
    pub fn svg_path(self) -> String {
        if self == Marker::Circle {
            return "M0,50A50,50 0 1 0 100,50A50,50 0 1 0 0,50Z".to_owned();
        }
        let points: Vec<String> = self.outline().iter().map(|(x, y)| format!("{x},{y}")).collect();
        format!("M{}Z", points.join("L"))
    }

    /// The marker as a CSS `clip-path`, for an element coloured with its background.
    fn clip_path(self) -> String {
        if self == Marker::Circle {
            return "circle(50%)".to_owned();
        }
        let points: Vec<String> = self.outline().iter().map(|(x, y)| format!("{x}% {y}%")).collect();
        format!("polygon({})", points.join(", "))
    }
}

/// The palette colour of conversation `thread`: threads take the speakers' colours in turn.
pub fn thread_colour(thread: u32) -> usize {
    thread as usize % PALETTE_LEN
}

/// The nick as a person, not a connection: case-folded, without a `|away`-style suffix and
/// without trailing `_`, `` ` `` and digits. A nick that is nothing but those keeps them.
pub fn normalise_nick(nick: &str) -> String {
    let without_status = nick.split_once('|').map_or(nick, |(head, _)| head);
    let without_status = if without_status.is_empty() { nick } else { without_status };
    let stem = without_status.trim_end_matches(|c: char| c == '_' || c == '`' || c.is_ascii_digit());
    let stem = if stem.is_empty() { without_status } else { stem };
    crate::casefold::lowercase(stem)
}

/// FNV-1a, 32-bit: tiny, and stable across platforms, builds and Rust versions, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// The stylesheet of speaker colours: `--speaker-N` as `light-dark(light, dark)`, so the theme
/// (app.css sets `color-scheme`) picks, a class `.speaker-N` per colour, so no inline style is
/// needed, and `.thread-cN` giving a thread the same colours.
pub fn palette_css() -> String {
    let mut css = String::from("/* Generated from src/colour/mod.rs by `scrollback palette-css`: do not edit. */\n:root {\n");
    for (index, (light, dark)) in PALETTE.iter().enumerate() {
        css += &format!("  --speaker-{index}: light-dark({light}, {dark});\n");
    }
    css += "}\n";
    for index in 0..PALETTE.len() {
        css += &format!(".speaker-{index} {{ color: var(--speaker-{index}); }}\n");
    }
    for index in 0..PALETTE.len() {
        css += &format!(".swatch.speaker-{index} {{ clip-path: {}; }}\n", Marker::of(index).clip_path());
    }
    for index in 0..PALETTE.len() {
        css += &format!(".thread-c{index} {{ --thread-colour: var(--speaker-{index}); }}\n");
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let stylesheet = include_str!("../../style/palette.css");
        assert_eq!(stylesheet, palette_css(), "regenerate with: cargo run --bin scrollback -- palette-css > style/palette.css");
    }
}
