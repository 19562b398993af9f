//! Each State's colour, for every writer that colours (the PDF's
//! `--colour`, the review page): the palette of `templates/colours.toml`
//! in front-matter order, then as many more as a document has States,
//! generated so that no two States share a colour and each stays readable
//! on white.
//!
//! The generated colours walk the hue circle by the golden angle in
//! OKLCH (perceptually even hues), at one of three lightnesses in turn,
//! each darkened until its contrast against white is at least 4.5:1
//! (WCAG 2.1 AA for text). A colour too close to one already given is
//! stepped on to the next hue, so every colour is distinct. Deterministic:
//! the same document has the same colours.

use crate::model::AuthorId;
use serde::Deserialize;
use std::sync::{Mutex, OnceLock};

const COLOURS_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/templates/colours.toml"
));

/// The least contrast against white of every colour (WCAG 2.1 AA, text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The least distance in OKLab between two generated colours and any
/// colour before them (about what tells two inks apart at a glance).
const MIN_DISTANCE: f64 = 0.06;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Colours {
    palette: Vec<String>,
}

fn hex(s: &str) -> [u8; 3] {
    let s = s.trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).expect("a hex colour");
    assert_eq!(s.len(), 6, "templates/colours.toml: #RRGGBB");
    [byte(0), byte(2), byte(4)]
}

/// The colours given so far, the palette's first.
fn given() -> &'static Mutex<Vec<[u8; 3]>> {
    static GIVEN: OnceLock<Mutex<Vec<[u8; 3]>>> = OnceLock::new();
    GIVEN.get_or_init(|| {
        let colours: Colours =
            toml::from_str(COLOURS_TOML).expect("templates/colours.toml is checked by a unit test");
        Mutex::new(colours.palette.iter().map(|c| hex(c)).collect())
    })
}

/// An author's colour: the palette's, in front-matter order, and past its
/// end a generated one, distinct from every other.
pub fn author_colour(author: AuthorId) -> [u8; 3] {
    let mut given = given().lock().unwrap_or_else(|e| e.into_inner());
    while given.len() <= author.0 {
        let next = generate(&given);
        given.push(next);
    }
    given[author.0]
}

/// The next colour after `given`: the first step of the golden-angle walk
/// (from the number of colours given) far enough from all of them; when
/// sixty-four steps find none (a document with a hundred States), the
/// distance asked is halved, and so on, never down to a colour given.
fn generate(given: &[[u8; 3]]) -> [u8; 3] {
    const GOLDEN: f64 = 137.507_764_050_037_85;
    const LIGHTNESS: [f64; 3] = [0.52, 0.42, 0.60];
    let mut step = given.len();
    let mut wanted = MIN_DISTANCE;
    loop {
        for _ in 0..64 {
            let hue = (step as f64 * GOLDEN).rem_euclid(360.0);
            let lightness = LIGHTNESS[(step / 3) % LIGHTNESS.len()];
            let colour = readable(lightness, 0.13, hue);
            let nearest = given
                .iter()
                .map(|g| distance(*g, colour))
                .fold(f64::INFINITY, f64::min);
            if nearest >= wanted && nearest > 0.0 {
                return colour;
            }
            step += 1;
        }
        wanted /= 2.0;
    }
}

/// The OKLCH colour, in sRGB (its chroma lowered until it fits), darkened
/// until it has [`MIN_CONTRAST`] against white.
fn readable(mut l: f64, c: f64, hue: f64) -> [u8; 3] {
    loop {
        let mut chroma = c;
        let rgb = loop {
            let (a, b) = (
                chroma * hue.to_radians().cos(),
                chroma * hue.to_radians().sin(),
            );
            let lin = oklab_to_linear(l, a, b);
            if lin.iter().all(|v| (0.0..=1.0).contains(v)) || chroma <= 0.0 {
                break lin.map(|v| v.clamp(0.0, 1.0));
            }
            chroma -= 0.005;
        };
        let srgb = rgb.map(encode);
        if contrast_with_white(srgb) >= MIN_CONTRAST || l <= 0.05 {
            return srgb;
        }
        l -= 0.01;
    }
}

fn oklab_to_linear(l: f64, a: f64, b: f64) -> [f64; 3] {
    let l_ = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b;
    let m_ = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b;
    let s_ = l - 0.089_484_177_5 * a - 1.291_485_548 * b;
    let (l3, m3, s3) = (l_ * l_ * l_, m_ * m_ * m_, s_ * s_ * s_);
    [
        4.076_741_662_1 * l3 - 3.307_711_591_3 * m3 + 0.230_969_929_2 * s3,
        -1.268_438_004_6 * l3 + 2.609_757_401_1 * m3 - 0.341_319_396_5 * s3,
        -0.004_196_086_3 * l3 - 0.703_418_614_7 * m3 + 1.707_614_701 * s3,
    ]
}

fn linear_to_oklab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    [
        0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
    ]
}

fn encode(v: f64) -> u8 {
    let s = if v <= 0.003_130_8 {
        12.92 * v
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (s * 255.0).round().clamp(0.0, 255.0) as u8
}

fn decode(c: u8) -> f64 {
    let s = f64::from(c) / 255.0;
    if s <= 0.040_45 {
        s / 12.92
    } else {
        ((s + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG 2.1's contrast ratio of a colour against white.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let [r, g, b] = rgb.map(decode);
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    1.05 / (y + 0.05)
}

/// The distance of two colours in OKLab (0 the same, about 0.02 barely
/// told apart).
pub fn distance(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (p, q) = (
        linear_to_oklab(a.map(decode)),
        linear_to_oklab(b.map(decode)),
    );
    p.iter()
        .zip(&q)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_is_readable_on_white_and_distinct() {
        let colours: Colours = toml::from_str(COLOURS_TOML).unwrap();
        let palette: Vec<[u8; 3]> = colours.palette.iter().map(|c| hex(c)).collect();
        assert!(palette.len() >= 2);
        for (i, c) in palette.iter().enumerate() {
            assert!(contrast_with_white(*c) >= MIN_CONTRAST, "{c:?}");
            assert_eq!(author_colour(AuthorId(i)), *c);
            for d in &palette[..i] {
                assert!(distance(*c, *d) > 0.05, "{c:?} {d:?}");
            }
        }
    }

    /// Every State of the 193 Member States and more a colour of its own,
    /// readable on white; the first twenty far apart.
    #[test]
    fn every_state_has_a_colour_of_its_own() {
        let colours: Vec<[u8; 3]> = (0..200).map(|i| author_colour(AuthorId(i))).collect();
        for (i, c) in colours.iter().enumerate() {
            assert!(
                contrast_with_white(*c) >= MIN_CONTRAST,
                "{i}: {c:?} {}",
                contrast_with_white(*c)
            );
            for (j, d) in colours[..i].iter().enumerate() {
                assert_ne!(c, d, "{i} and {j}");
                if i < 20 {
                    assert!(distance(*c, *d) >= 0.05, "{i} {c:?} and {j} {d:?}");
                }
            }
        }
    }

    #[test]
    fn contrast_is_wcag_s() {
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white.
        assert!(contrast_with_white([0x76, 0x76, 0x76]) >= 4.5);
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < 4.5);
    }
}
