//! Designs the speaker palette of `src/colour/mod.rs`: (light, dark) colour pairs that keep
//! every distance the tests ask for, then ordered so that colours sharing a marker are far apart.
//!
//! `cargo run --release -- [COLOURS] [SEED] > palette.txt` (from this folder) prints the rows of
//! `PALETTE`; the tests in `src/colour` check whatever it prints. With 15 colours and seed 6 it
//! takes a few minutes on two cores. The steps:
//! 1. candidates: for each hue (5° steps), every in-gamut OKLCH colour on a lightness × chroma
//!    grid with ≥ 4.5:1 contrast on every background of its theme; a pair is a light-theme and a
//!    dark-theme colour of the same hue;
//! 2. simulated annealing over sets of pairs: a heavy penalty for every two colours (or a colour
//!    and the text colour) closer than the floors in any view (each theme, typical vision,
//!    deuteranopia, protanopia), and a light one for murky or glaring colours;
//! 3. markers: the colours split into as many groups as there are marker shapes, keeping the
//!    closest colours in different groups; colour `i` gets marker `i % shapes`.

use palette::{IntoColor, LinSrgb, Oklch, Srgb};
use rand::{rngs::StdRng, Rng, SeedableRng};
use scrollback::colour::distinct::{oklab, Vision, MIN_DISTANCE, MIN_DISTANCE_COLOUR_BLIND};
use scrollback::colour::{contrast, Marker, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, TEXT};

const VISIONS: [Vision; 3] = [Vision::Typical, Vision::Deuteranopia, Vision::Protanopia];
/// Kept above the floors, so rounding to `#rrggbb` never takes a pair below them.
const MARGIN: f32 = 0.1;

/// One colour as each vision sees it, in OKLab × 100.
#[derive(Clone, Copy)]
struct Seen {
    hex: [u8; 3],
    views: [[f32; 3]; 3],
}

impl Seen {
    fn new(hex: [u8; 3]) -> Seen {
        let text = hex_string(hex);
        Seen { hex, views: VISIONS.map(|vision| oklab(&text, vision)) }
    }

    fn lightness(&self) -> f32 {
        self.views[0][0] / 100.0
    }

    fn chroma(&self) -> f32 {
        self.views[0][1].hypot(self.views[0][2]) / 100.0
    }
}

fn hex_string(hex: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", hex[0], hex[1], hex[2])
}

/// `#rrggbb` of an OKLCH colour, if sRGB can show it.
fn in_gamut(lightness: f32, chroma: f32, hue: f32) -> Option<[u8; 3]> {
    let linear: LinSrgb = Oklch::new(lightness, chroma, hue).into_color();
    let channels = [linear.red, linear.green, linear.blue];
    if channels.iter().any(|&channel| !(-0.0005..=1.0005).contains(&channel)) {
        return None;
    }
    let srgb: Srgb<u8> = Srgb::from_linear(LinSrgb::new(channels[0].clamp(0.0, 1.0), channels[1].clamp(0.0, 1.0), channels[2].clamp(0.0, 1.0)));
    Some([srgb.red, srgb.green, srgb.blue])
}

/// (light theme, dark theme).
type Pair = (Seen, Seen);

fn candidates() -> Vec<Pair> {
    let mut pairs = Vec::new();
    for hue_step in 0..72 {
        let hue = hue_step as f32 * 5.0;
        let grid = |lightness_from: f32, steps: usize, backgrounds: &[&str]| -> Vec<Seen> {
            let mut found = Vec::new();
            for lightness_step in 0..steps {
                for chroma_step in 0..11 {
                    let lightness = lightness_from + lightness_step as f32 * 0.02;
                    let chroma = 0.057 + chroma_step as f32 * 0.027;
                    if let Some(hex) = in_gamut(lightness, chroma, hue) {
                        if backgrounds.iter().all(|background| contrast(&hex_string(hex), background) >= 4.5) {
                            found.push(Seen::new(hex));
                        }
                    }
                }
            }
            found
        };
        let (lights, darks) = (grid(0.26, 18, &LIGHT_BACKGROUNDS), grid(0.64, 16, &DARK_BACKGROUNDS));
        for light in &lights {
            for dark in &darks {
                pairs.push((*light, *dark));
            }
        }
    }
    pairs
}

/// How far below the floors `a` and `b` are, summed over the views (0 when they are far enough).
fn shortfall(a: &Seen, b: &Seen) -> f32 {
    let mut total = 0.0;
    for (at, floor) in [MIN_DISTANCE, MIN_DISTANCE_COLOUR_BLIND, MIN_DISTANCE_COLOUR_BLIND].into_iter().enumerate() {
        let apart = (0..3).map(|axis| (a.views[at][axis] - b.views[at][axis]).powi(2)).sum::<f32>().sqrt();
        let short = 1.0 - apart / (floor + MARGIN);
        if short > 0.0 {
            total += short * short;
        }
    }
    total
}

fn pair_shortfall(a: &Pair, b: &Pair) -> f32 {
    shortfall(&a.0, &b.0) + shortfall(&a.1, &b.1)
}

/// Murky (too dark on light, too grey) or glaring (too light or vivid on dark) colours.
fn unease(pair: &Pair) -> f32 {
    let over = |x: f32| if x > 0.0 { x * x } else { 0.0 };
    over(0.40 - pair.0.lightness()) + over(pair.1.lightness() - 0.86) + over(pair.1.chroma() - 0.19) + over(0.07 - pair.0.chroma()) + over(0.07 - pair.1.chroma())
}

fn anneal(pairs: &[Pair], n_colours: usize, rng: &mut StdRng) -> Vec<usize> {
    let text = (Seen::new(parse_hex(TEXT.0)), Seen::new(parse_hex(TEXT.1)));
    let alone = |index: usize| 1000.0 * pair_shortfall(&pairs[index], &text) + unease(&pairs[index]);
    let between = |a: usize, b: usize| 1000.0 * pair_shortfall(&pairs[a], &pairs[b]);
    let mut chosen: Vec<usize> = (0..n_colours).map(|_| rng.gen_range(0..pairs.len())).collect();
    let cost_of = |chosen: &[usize], at: usize, index: usize| -> f32 {
        alone(index) + chosen.iter().enumerate().filter(|&(other, _)| other != at).map(|(_, &other)| between(index, other)).sum::<f32>()
    };
    let mut temperature = 5.0_f32;
    for _ in 0..12_000_000 {
        let at = rng.gen_range(0..n_colours);
        let candidate = rng.gen_range(0..pairs.len());
        let change = cost_of(&chosen, at, candidate) - cost_of(&chosen, at, chosen[at]);
        if change <= 0.0 || rng.gen::<f32>() < (-change / temperature).exp() {
            chosen[at] = candidate;
        }
        temperature *= 0.999_999;
    }
    let violations: f32 = (0..n_colours).map(|at| pair_shortfall(&pairs[chosen[at]], &text) + (at + 1..n_colours).map(|other| pair_shortfall(&pairs[chosen[at]], &pairs[chosen[other]])).sum::<f32>()).sum();
    eprintln!("left below the floors: {violations:.6} (0 is what the tests need)");
    chosen
}

/// The colours in an order where `i % shapes` groups them with the closest pair in a group as far apart as can be.
fn order_for_markers(pairs: &[Pair], chosen: &[usize], rng: &mut StdRng) -> Vec<usize> {
    let shapes = Marker::ALL.len();
    let n = chosen.len();
    // The closest the two look in any view, relative to that view's floor.
    let likeness = |a: usize, b: usize| -> f32 {
        let (pa, pb) = (&pairs[chosen[a]], &pairs[chosen[b]]);
        let mut closest = f32::INFINITY;
        for (sa, sb) in [(&pa.0, &pb.0), (&pa.1, &pb.1)] {
            for (at, floor) in [MIN_DISTANCE, MIN_DISTANCE_COLOUR_BLIND, MIN_DISTANCE_COLOUR_BLIND].into_iter().enumerate() {
                let apart = (0..3).map(|axis| (sa.views[at][axis] - sb.views[at][axis]).powi(2)).sum::<f32>().sqrt();
                closest = closest.min(apart / floor);
            }
        }
        closest
    };
    let score = |group: &[usize]| (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).filter(|&(a, b)| group[a] == group[b]).map(|(a, b)| likeness(a, b)).fold(f32::INFINITY, f32::min);
    let mut best: (f32, Vec<usize>) = (0.0, Vec::new());
    for _ in 0..200 {
        let mut group: Vec<usize> = (0..n).map(|colour| colour % shapes).collect();
        for at in (1..n).rev() {
            group.swap(at, rng.gen_range(0..=at));
        }
        let mut current = score(&group);
        for _ in 0..5000 {
            let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
            group.swap(a, b);
            let tried = score(&group);
            if tried >= current { current = tried } else { group.swap(a, b) }
        }
        if current > best.0 {
            best = (current, group);
        }
    }
    eprintln!("closest colours sharing a marker: {:.2} × the floor", best.0);
    let mut order = vec![usize::MAX; n];
    let mut filled = vec![0; shapes];
    for (colour, &shape) in best.1.iter().enumerate() {
        order[filled[shape] * shapes + shape] = colour;
        filled[shape] += 1;
    }
    order.into_iter().filter(|&colour| colour != usize::MAX).map(|colour| chosen[colour]).collect()
}

fn parse_hex(hex: &str) -> [u8; 3] {
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).expect("#rrggbb");
    [channel(1), channel(3), channel(5)]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n_colours: usize = args.next().map_or(15, |arg| arg.parse().expect("COLOURS is a number"));
    let seed: u64 = args.next().map_or(6, |arg| arg.parse().expect("SEED is a number"));
    let pairs = candidates();
    eprintln!("{} candidate pairs", pairs.len());
    let mut rng = StdRng::seed_from_u64(seed);
    let chosen = anneal(&pairs, n_colours, &mut rng);
    for index in order_for_markers(&pairs, &chosen, &mut rng) {
        let (light, dark) = &pairs[index];
        println!("    (\"{}\", \"{}\"),", hex_string(light.hex), hex_string(dark.hex));
    }
}
