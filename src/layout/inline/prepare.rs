//! A paragraph made ready to break: its fragments' text joined into one
//! string, with what every later stage asks of a position in it: its bidi
//! level, the font family that sets it, the fragment it belongs to, and
//! whether UAX #14 lets a line break there. Worked out once per paragraph,
//! since every breaking pass reads it again.

use super::frag::{Frag, SetOptions};
use crate::layout::bidi::Levels;
use crate::layout::fonts::Family;
use crate::layout::shape::Shaper;
use crate::present::script::Families;
use std::ops::Range;

/// A manual line break (`w:br`, a source line ending in `\\`): the
/// model holds it as this character in the text.
pub(super) const LINE_BREAK: char = crate::model::LINE_BREAK;

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}'
}

/// A paragraph ready to set: its fragments' text joined, with bidi levels
/// and the line-break opportunities of UAX #14.
pub(super) struct Paragraph<'a> {
    /// The fragments that hold text.
    pub(super) frags: Vec<&'a Frag>,
    pub(super) full: String,
    /// Where each fragment lies in `full`.
    pub(super) bounds: Vec<Range<usize>>,
    /// `full` without its leading and trailing spaces, which never print.
    pub(super) content: Range<usize>,
    /// Levels when the text holds right-to-left script: its words are
    /// shaped in their direction and each line is reordered for display.
    pub(super) levels: Option<Levels>,
    /// The family of each character, when Latin words have a family of
    /// their own and the text holds some: parts are shaped in theirs.
    pub(super) families: Option<Families>,
    /// Offsets inside `content` where UAX #14 allows a break.
    pub(super) opportunities: Vec<usize>,
    pub(super) opts: &'a SetOptions,
}

impl<'a> Paragraph<'a> {
    /// `None` when nothing but spaces would print.
    pub(super) fn new(frags: &'a [Frag], opts: &'a SetOptions, shaper: &Shaper) -> Option<Self> {
        let frags: Vec<&Frag> = frags.iter().filter(|f| !f.text.is_empty()).collect();
        if frags.is_empty() {
            return None;
        }
        let mut full = String::new();
        let mut bounds = Vec::with_capacity(frags.len());
        for f in &frags {
            let start = full.len();
            full.push_str(&f.text);
            bounds.push(start..full.len());
        }
        let content_start = full.find(|c| !is_space(c)).unwrap_or(full.len());
        let content_end = full
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_space(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if content_start >= content_end {
            return None;
        }
        let levels = Levels::in_document(&full, shaper.rtl_document());
        let families = families_of(&full, shaper);
        // A URL never breaks, not even at its own hyphens and slashes.
        let urls = crate::layout::hyphenate::url_spans(&full);
        let opportunities = unicode_linebreak::linebreaks(&full)
            .map(|(i, _)| i)
            .filter(|&i| i > content_start && i < content_end)
            .filter(|&i| !urls.iter().any(|u| u.start < i && i < u.end))
            .collect();
        Some(Paragraph {
            frags,
            full,
            bounds,
            content: content_start..content_end,
            levels,
            families,
            opportunities,
            opts,
        })
    }

    pub(super) fn level_at(&self, pos: usize) -> u8 {
        self.levels.as_ref().map_or(0, |l| l.at(pos))
    }

    pub(super) fn family_at(&self, pos: usize) -> Family {
        self.families
            .as_ref()
            .map_or(Family::Document, |f| f.at(pos))
    }

    /// The fragment that holds byte `pos` of the text.
    pub(super) fn frag_of(&self, pos: usize) -> usize {
        self.bounds
            .partition_point(|r| r.end <= pos)
            .min(self.bounds.len() - 1)
    }

    pub(super) fn measure(&self, line: usize) -> f32 {
        if line == 0 {
            self.opts.first_measure
        } else {
            self.opts.measure
        }
    }
}

/// The family of each character of `text`, when the shaper has a family
/// for Latin words (the built-in one, [`Fonts::latin_family`]) and `text`
/// holds some.
///
/// [`Fonts::latin_family`]: crate::layout::fonts::Fonts::latin_family
pub(super) fn families_of(text: &str, shaper: &Shaper) -> Option<Families> {
    let base = if shaper.has_latin_family() {
        Families::of(
            text,
            shaper.latin_neutrals(),
            crate::house::fonts::builtin_latin_has,
        )
    } else {
        None
    };
    // A character its family's face lacks goes to a face found on the
    // system that has it (`fallback`); one that no face has, to the face
    // that sets the replacement character in its place.
    Families::with_fallbacks(
        text,
        base,
        |family, c| {
            if shaper.family_has(family, c) || c.is_control() {
                return None;
            }
            let i = crate::layout::fallback::face_or_replacement(c)?;
            Some(Family::Fallback(u16::try_from(i).ok()?))
        },
        crate::layout::fallback::joins_previous,
    )
}
