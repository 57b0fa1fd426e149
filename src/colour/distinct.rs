//! Telling speaker colours apart: how far two palette colours look in each theme and under
//! colour-vision deficiencies, and the per-log choice that moves a less active speaker off a
//! colour a more active one has.

use std::sync::OnceLock;

use palette::{IntoColor, LinSrgb, Oklab};

use super::{PALETTE, PALETTE_LEN};

/// How many of a log's most active speakers are guaranteed pairwise distinct colours.
pub const DISTINCT_SPEAKERS: usize = 12;
const _: () = assert!(PALETTE_LEN >= DISTINCT_SPEAKERS, "every one of them needs a colour of their own");

/// Below these distances (OKLab × 100) two colours side by side stop reading as two people.
pub const MIN_DISTANCE: f32 = 10.0;
/// The same, between the colours as a reader with deuteranopia or protanopia sees them.
pub const MIN_DISTANCE_COLOUR_BLIND: f32 = 6.0;

/// Dichromacy simulation (Machado, Oliveira and Fernandes 2009, severity 1), on linear sRGB.
const DEUTERANOPIA: [[f32; 3]; 3] = [[0.367_322, 0.860_646, -0.227_968], [0.280_085, 0.672_501, 0.047_413], [-0.011_820, 0.042_940, 0.968_881]];
const PROTANOPIA: [[f32; 3]; 3] = [[0.152_286, 1.052_583, -0.204_868], [0.114_503, 0.786_281, 0.099_216], [-0.003_882, -0.048_116, 1.051_998]];

/// Which way a colour is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    Typical,
    Deuteranopia,
    Protanopia,
}

/// The theme a colour sits on: each palette entry has one colour per theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// `#rrggbb` as OKLab (× 100, so distances read like the figures people quote), as seen with `vision`.
pub fn oklab(hex: &str, vision: Vision) -> [f32; 3] {
    let linear: LinSrgb = super::srgb(hex).into_linear();
    let seen = match vision {
        Vision::Typical => linear,
        Vision::Deuteranopia => simulate(&DEUTERANOPIA, linear),
        Vision::Protanopia => simulate(&PROTANOPIA, linear),
    };
    let lab: Oklab = seen.into_color();
    [lab.l * 100.0, lab.a * 100.0, lab.b * 100.0]
}

fn simulate(matrix: &[[f32; 3]; 3], colour: LinSrgb) -> LinSrgb {
    let rgb = [colour.red, colour.green, colour.blue];
    let row = |at: usize| (matrix[at][0] * rgb[0] + matrix[at][1] * rgb[1] + matrix[at][2] * rgb[2]).clamp(0.0, 1.0);
    LinSrgb::new(row(0), row(1), row(2))
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// How far apart palette colours `a` and `b` look on `theme` with `vision` (OKLab × 100).
pub fn separation(a: usize, b: usize, theme: Theme, vision: Vision) -> f32 {
    let hex = |index: usize| match theme {
        Theme::Light => PALETTE[index].0,
        Theme::Dark => PALETTE[index].1,
    };
    distance(oklab(hex(a), vision), oklab(hex(b), vision))
}

/// For each palette colour, every colour from nearest to farthest (itself first), over both
/// themes: where a speaker whose own colour is taken goes. Worked out once.
fn nearest_first() -> &'static [Vec<usize>] {
    static NEAREST_FIRST: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    NEAREST_FIRST.get_or_init(|| {
        let both_themes = |a: usize, b: usize| separation(a, b, Theme::Light, Vision::Typical) + separation(a, b, Theme::Dark, Vision::Typical);
        (0..PALETTE_LEN)
            .map(|home| {
                let mut order: Vec<usize> = (0..PALETTE_LEN).collect();
                order.sort_by(|&a, &b| both_themes(home, a).total_cmp(&both_themes(home, b)).then(a.cmp(&b)));
                order
            })
            .collect()
    })
}

/// The colour each speaker gets, given their own (`homes`, most active speaker first).
///
/// A speaker keeps their own colour unless a more active speaker has it; then they take the
/// nearest colour nobody has, passing over those that a less active speaker of the log calls
/// their own while there are others, so one move does not push the next. No two palette
/// colours are hard to tell apart, so the first `PALETTE_LEN` speakers (at least
/// [`DISTINCT_SPEAKERS`]) are told apart; after that, colours repeat.
pub fn distinct_colours(homes: &[usize]) -> Vec<usize> {
    let nearest_first = nearest_first();
    let mut taken = [false; PALETTE_LEN];
    let mut wanted_later = [0_usize; PALETTE_LEN];
    for &home in homes {
        wanted_later[home % PALETTE_LEN] += 1;
    }
    homes
        .iter()
        .map(|&home| {
            let home = home % PALETTE_LEN;
            wanted_later[home] -= 1;
            let nearest = || nearest_first[home].iter().copied();
            let colour = nearest()
                .find(|&colour| !taken[colour] && (colour == home || wanted_later[colour] == 0))
                .or_else(|| nearest().find(|&colour| !taken[colour]))
                .unwrap_or(home);
            taken[colour] = true;
            colour
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::{Marker, TEXT};

    fn hex(index: usize, theme: Theme) -> &'static str {
        match theme {
            Theme::Light => PALETTE[index].0,
            Theme::Dark => PALETTE[index].1,
        }
    }

    fn floor(vision: Vision) -> f32 {
        if vision == Vision::Typical { MIN_DISTANCE } else { MIN_DISTANCE_COLOUR_BLIND }
    }

    #[test]
    fn every_two_palette_colours_are_told_apart_in_both_themes_and_by_colour_blind_readers() {
        for theme in [Theme::Light, Theme::Dark] {
            for vision in [Vision::Typical, Vision::Deuteranopia, Vision::Protanopia] {
                let (closest, a, b) = (0..PALETTE_LEN)
                    .flat_map(|a| (a + 1..PALETTE_LEN).map(move |b| (separation(a, b, theme, vision), a, b)))
                    .min_by(|x, y| x.0.total_cmp(&y.0))
                    .unwrap();
                println!("{theme:?}, {vision:?}: closest pair {} and {}, {closest:.1} apart", hex(a, theme), hex(b, theme));
                assert!(closest >= floor(vision), "{theme:?} {vision:?}: {} and {} are {closest:.1} apart", hex(a, theme), hex(b, theme));
            }
        }
    }

    #[test]
    fn colours_that_share_a_marker_are_far_apart() {
        // The shape is the cue where colour fails, so the closest colours must not share one.
        for a in 0..PALETTE_LEN {
            for b in (a + 1..PALETTE_LEN).filter(|&b| Marker::of(a) == Marker::of(b)) {
                for theme in [Theme::Light, Theme::Dark] {
                    for vision in [Vision::Typical, Vision::Deuteranopia, Vision::Protanopia] {
                        let apart = separation(a, b, theme, vision);
                        assert!(apart >= 1.4 * floor(vision), "{} and {} are both {:?} and only {apart:.1} apart ({theme:?}, {vision:?})", hex(a, theme), hex(b, theme), Marker::of(a));
                    }
                }
            }
        }
    }

    #[test]
    fn no_speaker_colour_reads_as_plain_text() {
        for colour in 0..PALETTE_LEN {
            for (theme, text) in [(Theme::Light, TEXT.0), (Theme::Dark, TEXT.1)] {
                for vision in [Vision::Typical, Vision::Deuteranopia, Vision::Protanopia] {
                    let apart = distance(oklab(hex(colour, theme), vision), oklab(text, vision));
                    assert!(apart >= floor(vision), "{} is {apart:.1} from the {theme:?} text colour ({vision:?})", hex(colour, theme));
                }
            }
        }
    }

    #[test]
    fn oklab_matches_published_values() {
        // Björn Ottosson's reference values for sRGB white, red and blue.
        let close = |got: [f32; 3], want: [f32; 3]| got.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.1);
        assert!(close(oklab("#ffffff", Vision::Typical), [100.0, 0.0, 0.0]));
        assert!(close(oklab("#ff0000", Vision::Typical), [62.8, 22.5, 12.6]));
        assert!(close(oklab("#0000ff", Vision::Typical), [45.2, -3.2, -31.2]));
        // A dichromat sees red and green nearly alike, and grey as grey.
        let red_green = |vision| distance(oklab("#cc3333", vision), oklab("#669933", vision));
        assert!(red_green(Vision::Typical) > 2.0 * red_green(Vision::Deuteranopia));
        assert!(close(oklab("#808080", Vision::Deuteranopia), oklab("#808080", Vision::Typical)));
    }

    #[test]
    fn a_speaker_keeps_their_colour_unless_a_more_active_one_has_it() {
        let next_to = |home: usize| nearest_first()[home][1];
        let cases: [(&[usize], Vec<usize>); 4] = [
            (&[3, 5], vec![3, 5]),
            (&[3, 3], vec![3, next_to(3)]),
            // The second 3 passes over the colour the third speaker calls their own.
            (&[3, 3, next_to(3)], vec![3, nearest_first()[3][2], next_to(3)]),
            (&[PALETTE_LEN + 2], vec![2]),
        ];
        for (homes, want) in cases {
            assert_eq!(distinct_colours(homes), want, "{homes:?}");
        }
        // Once every colour is taken, the rest keep their own.
        let crowd: Vec<usize> = (0..PALETTE_LEN + 3).map(|speaker| speaker % 4).collect();
        let colours = distinct_colours(&crowd);
        let mut first = colours[..PALETTE_LEN].to_vec();
        first.sort_unstable();
        assert_eq!(first, (0..PALETTE_LEN).collect::<Vec<_>>());
        assert_eq!(colours[PALETTE_LEN..], crowd[PALETTE_LEN..]);
    }
}
