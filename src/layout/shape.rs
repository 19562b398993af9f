//! Shaping with rustybuzz: kerning and standard ligatures applied once, and
//! the glyphs kept, so the PDF draws exactly the advances the line breaker
//! measured.

use super::error::Error;
use super::fonts::{FaceKind, Family, Fonts};
use crate::present::script::Neutrals;
use std::collections::HashMap;
use std::rc::Rc;

/// One shaped glyph; lengths in em (multiply by the font size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// A shaped piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    /// Sum of the advances, in em.
    pub width: f32,
}

impl Shaped {
    /// Whether a byte offset falls between two clusters (not inside a
    /// ligature), so the run may be split there.
    pub fn is_boundary(&self, offset: usize) -> bool {
        self.glyphs.iter().any(|g| g.cluster == offset)
    }

    /// The width in em of the glyphs whose clusters lie in `start..end`.
    pub fn width_of(&self, start: usize, end: usize) -> f32 {
        self.glyphs
            .iter()
            .filter(|g| g.cluster >= start && g.cluster < end)
            .map(|g| g.advance)
            .sum()
    }
}

/// Vertical metrics and decoration positions of a face, in em; y up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMetrics {
    pub ascender: f32,
    pub descender: f32,
    pub underline_position: f32,
    pub underline_thickness: f32,
    pub strikeout_position: f32,
    pub strikeout_thickness: f32,
}

/// A shape plan, and the face slot, script and direction it is for.
struct Plan {
    slot: usize,
    script: rustybuzz::Script,
    rtl: bool,
    plan: rustybuzz::ShapePlan,
}

/// Shapes text in the four faces of the document's family and, in an
/// Arabic or Chinese document, of the family that sets its Latin words;
/// caching by face and text: a document repeats its words, and shaping is
/// the costliest step of layout.
pub struct Shaper<'a> {
    /// The document's four faces, then the Latin family's if it has one:
    /// a face's slot is [`slot`].
    faces: Vec<rustybuzz::Face<'a>>,
    /// Per slot, the slot whose face, shapes and plans it shares (itself,
    /// or an earlier style set in the same face of the same file).
    same: Vec<usize>,
    metrics: Vec<FaceMetrics>,
    language: rustybuzz::Language,
    /// Per slot and direction (left to right first), keyed by text
    /// (looked up as `&str`, no allocation).
    cache: Vec<HashMap<String, Rc<Shaped>>>,
    /// Shape plans per slot, script and direction: building a plan costs
    /// more than shaping a word, so it is done once.
    plans: Vec<Plan>,
    buffer: Option<rustybuzz::UnicodeBuffer>,
    /// Hyphenation points per word: documents repeat their words.
    hyphens: HashMap<String, Rc<[usize]>>,
    /// Which characters without a script the Latin family sets.
    neutrals: Neutrals,
    /// Whether slots 4 to 7 hold a Latin family of its own.
    latin: bool,
    /// Per fallback face used (`Family::Fallback`), its slot.
    fallback_slots: HashMap<u16, usize>,
    /// Per fallback slot, its face's glyph for the replacement character,
    /// set for a character the face lacks (one no face has).
    replacements: HashMap<usize, (u16, f32)>,
    /// Whether the document reads right to left (Arabic).
    rtl: bool,
    /// Which ASCII characters the document's and the Latin family's
    /// regular faces have, asked of nearly every character.
    ascii: [[bool; 128]; 2],
}

/// Where a face of the document's or the Latin family is among a
/// shaper's faces (fallback faces follow, one slot each).
fn slot(family: Family, kind: FaceKind) -> usize {
    match family {
        Family::Latin => 4 + kind.index(),
        _ => kind.index(),
    }
}

/// A family's faces for shaping: parsed once per process for a kept
/// family, else here.
fn faces_of(fonts: &Fonts) -> Result<Vec<rustybuzz::Face<'_>>, Error> {
    match fonts.shaping_faces() {
        Some(faces) => faces.map_err(Error::UnreadableFace),
        None => fonts
            .parse_faces(|kind| fonts.bytes(kind))
            .map_err(Error::UnreadableFace),
    }
}

fn face_metrics(face: &rustybuzz::Face) -> FaceMetrics {
    let upem = face.units_per_em() as f32;
    let underline = face.underline_metrics();
    let strike = face.strikeout_metrics();
    FaceMetrics {
        ascender: face.ascender() as f32 / upem,
        descender: face.descender() as f32 / upem,
        underline_position: underline.map_or(-0.1, |m| m.position as f32 / upem),
        underline_thickness: underline.map_or(0.05, |m| m.thickness as f32 / upem),
        strikeout_position: strike.map_or(0.26, |m| m.position as f32 / upem),
        strikeout_thickness: strike.map_or(0.05, |m| m.thickness as f32 / upem),
    }
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a Fonts, language: &str) -> Result<Shaper<'a>, Error> {
        let mut faces = faces_of(fonts)?;
        let mut same: Vec<usize> = FaceKind::ALL
            .iter()
            .map(|&kind| fonts.same_face_before(kind).unwrap_or(kind).index())
            .collect();
        if let Some(latin) = fonts.latin_family() {
            // The built-in family, kept for the process: its faces are
            // parsed once and borrow nothing of this call.
            let latin_faces = latin
                .shaping_faces()
                .expect("the built-in family is kept for the process")
                .map_err(Error::UnreadableFace)?;
            faces.extend(latin_faces);
            same.extend(
                FaceKind::ALL
                    .iter()
                    .map(|&kind| fonts.latin_kind(kind))
                    .map(|kind| slot(Family::Latin, latin.same_face_before(kind).unwrap_or(kind))),
            );
        }
        let latin = faces.len() > 4;
        if !latin {
            // Slots 4 to 7 stand for the document's own faces.
            let own: Vec<rustybuzz::Face<'a>> = faces[..4].to_vec();
            faces.extend(own);
            same.extend(same[..4].to_vec());
        }
        let ascii = [0, 4].map(|base: usize| {
            let face = &faces[base];
            std::array::from_fn(|i| face.glyph_index(i as u8 as char).is_some())
        });
        let metrics = faces.iter().map(face_metrics).collect();
        let code = language;
        let language = code
            .parse()
            .unwrap_or_else(|_| "en".parse().expect("en is a language tag"));
        Ok(Shaper {
            cache: vec![HashMap::new(); 2 * faces.len()],
            faces,
            same,
            metrics,
            language,
            plans: Vec::new(),
            buffer: Some(rustybuzz::UnicodeBuffer::new()),
            hyphens: HashMap::new(),
            neutrals: Neutrals::of(code),
            latin,
            fallback_slots: HashMap::new(),
            replacements: HashMap::new(),
            ascii,
            rtl: code == "ar",
        })
    }

    /// Whether the face `family` sets `kind` text in has a glyph for `c`
    /// (a fallback face has every character it was chosen for).
    pub fn family_has(&self, family: Family, c: char) -> bool {
        let base = match family {
            Family::Document => 0,
            Family::Latin => 4,
            Family::Fallback(_) => return true,
        };
        if c.is_ascii() {
            return self.ascii[base / 4][c as usize];
        }
        self.faces[self.same[base]].glyph_index(c).is_some()
    }

    /// The slot of fallback face `i`, its face added on first use.
    fn fallback_slot(&mut self, i: u16) -> Option<usize> {
        if let Some(&s) = self.fallback_slots.get(&i) {
            return Some(s);
        }
        let fallback = super::fallback::face(i as usize)?;
        let face = fallback.shaping()?;
        self.metrics.push(face_metrics(&face));
        let replacement = fallback.replacement_glyph().map(|g| {
            let advance = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g));
            (g, advance.unwrap_or(0) as f32 / face.units_per_em() as f32)
        });
        self.faces.push(face);
        let s = self.faces.len() - 1;
        if let Some(r) = replacement {
            self.replacements.insert(s, r);
        }
        self.same.push(s);
        self.cache.push(HashMap::new());
        self.cache.push(HashMap::new());
        self.fallback_slots.insert(i, s);
        Some(s)
    }

    /// Vertical metrics of a face of the document's family.
    pub fn metrics(&self, kind: FaceKind) -> FaceMetrics {
        self.metrics[kind.index()]
    }

    /// Whether the document reads right to left (Arabic).
    pub fn rtl_document(&self) -> bool {
        self.rtl
    }

    /// Whether Latin text has a family of its own (an Arabic or Chinese
    /// document set in a family found for its script).
    pub fn has_latin_family(&self) -> bool {
        self.latin
    }

    /// Which characters without a script of their own the Latin family
    /// sets in this document's language.
    pub fn latin_neutrals(&self) -> Neutrals {
        self.neutrals
    }

    /// Shape `text` in one face, left to right. Lengths in em.
    pub fn shape(&mut self, kind: FaceKind, text: &str) -> Rc<Shaped> {
        self.shape_dir(kind, text, false)
    }

    /// Shape `text` in one face, right to left when `rtl` (a run at an odd
    /// bidi level: its glyphs come in visual order, the text's last cluster
    /// first). Lengths in em.
    pub fn shape_dir(&mut self, kind: FaceKind, text: &str, rtl: bool) -> Rc<Shaped> {
        self.shape_in(Family::Document, kind, text, rtl)
    }

    /// Shape `text` in one face of `family` (the document's when there is
    /// no Latin family), right to left when `rtl`. Lengths in em.
    pub fn shape_in(
        &mut self,
        family: Family,
        kind: FaceKind,
        text: &str,
        rtl: bool,
    ) -> Rc<Shaped> {
        let face_slot = match family {
            Family::Fallback(i) => self.fallback_slot(i).unwrap_or(self.same[kind.index()]),
            _ => self.same[slot(family, kind)],
        };
        let cache_slot = 2 * face_slot + usize::from(rtl);
        if let Some(s) = self.cache[cache_slot].get(text) {
            return s.clone();
        }
        let face = &self.faces[face_slot];
        let upem = face.units_per_em() as f32;
        let direction = if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        };
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.push_str(text);
        buffer.set_direction(direction);
        buffer.set_language(self.language.clone());
        buffer.guess_segment_properties();
        let script = buffer.script();
        let plan = match self
            .plans
            .iter()
            .position(|p| p.slot == face_slot && p.script == script && p.rtl == rtl)
        {
            Some(i) => i,
            None => {
                let known = (script != rustybuzz::script::UNKNOWN).then_some(script);
                let no_kern = [rustybuzz::Feature::new(
                    rustybuzz::ttf_parser::Tag::from_bytes(b"kern"),
                    0,
                    ..,
                )];
                let features: &[rustybuzz::Feature] = if rtl { &no_kern } else { &[] };
                let plan = rustybuzz::ShapePlan::new(
                    face,
                    direction,
                    known,
                    Some(&self.language),
                    features,
                );
                self.plans.push(Plan {
                    slot: face_slot,
                    script,
                    rtl,
                    plan,
                });
                self.plans.len() - 1
            }
        };
        let out = rustybuzz::shape_with_plan(face, &self.plans[plan].plan, buffer);
        let mut glyphs = Vec::with_capacity(out.len());
        let mut width = 0.0;
        let replacement = self.replacements.get(&face_slot).copied();
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            let mut id = info.glyph_id as u16;
            let mut advance = pos.x_advance as f32 / upem;
            // A character the fallback face lacks is one no face has: its
            // replacement character stands in print (`fallback`).
            if let (0, Some((glyph, em))) = (id, replacement) {
                (id, advance) = (glyph, em);
            }
            width += advance;
            glyphs.push(Glyph {
                id,
                advance,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster as usize,
            });
        }
        self.buffer = Some(out.clear());
        let shaped = Rc::new(Shaped { glyphs, width });
        self.cache[cache_slot].insert(text.to_string(), shaped.clone());
        shaped
    }

    /// Where `text` may be hyphenated (byte offsets), cached per text.
    pub fn hyphenation(&mut self, text: &str, lang: hypher::Lang) -> Rc<[usize]> {
        if let Some(h) = self.hyphens.get(text) {
            return h.clone();
        }
        let h: Rc<[usize]> = super::hyphenate::hyphenation_points(text, lang).into();
        self.hyphens.insert(text.to_string(), h.clone());
        h
    }

    /// Width in em of `text` in one face.
    pub fn width(&mut self, kind: FaceKind, text: &str) -> f32 {
        self.shape(kind, text).width
    }

    /// Whether every character of `text` has a glyph in the face.
    pub fn covers(&self, kind: FaceKind, text: &str) -> bool {
        let face = &self.faces[kind.index()];
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .all(|c| face.glyph_index(c).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_and_ligatures_are_applied() {
        let fonts = Fonts::builtin();
        let mut s = Shaper::new(&fonts, "en").unwrap();
        let pair = s.width(FaceKind::Regular, "AV");
        let apart = s.width(FaceKind::Regular, "A") + s.width(FaceKind::Regular, "V");
        assert!(pair < apart - 0.01, "AV is kerned: {pair} vs {apart}");
        // Liberation Serif 2 keeps its fi/fl under `dlig`, not `liga`, so
        // the default features leave them apart (as Word does with Times);
        // a `--font-dir` family with `liga` gets them, one cluster each.
        let fi = s.shape(FaceKind::Regular, "fi");
        assert_eq!(fi.glyphs.len(), 2);
        assert!(fi.is_boundary(1));
        // Cached: the same Rc comes back.
        assert!(Rc::ptr_eq(&fi, &s.shape(FaceKind::Regular, "fi")));
    }

    #[test]
    fn a_style_set_in_another_styles_face_shapes_as_that_style() {
        let builtin = Fonts::builtin();
        let upright = builtin.data(FaceKind::Regular).clone();
        let bold = builtin.data(FaceKind::Bold).clone();
        // A family without italics, as the Chinese ones are.
        let fonts = Fonts::new([upright.clone(), bold.clone(), upright, bold], [0; 4]);
        let mut s = Shaper::new(&fonts, "en").unwrap();
        let italic = s.shape(FaceKind::Italic, "Wave");
        assert_eq!(italic, s.shape(FaceKind::Regular, "Wave"));
        assert_eq!(s.metrics(FaceKind::Italic), s.metrics(FaceKind::Regular));
        assert_ne!(
            s.shape(FaceKind::BoldItalic, "Wave"),
            s.shape(FaceKind::Italic, "Wave")
        );
        // The styles keep their own faces in the built-in family.
        let mut own = Shaper::new(&builtin, "en").unwrap();
        assert_ne!(
            own.shape(FaceKind::Italic, "Wave"),
            own.shape(FaceKind::Regular, "Wave")
        );
    }
}
