//! The Unicode bidirectional algorithm (UAX #9) for text that holds
//! right-to-left script: the levels come from unicode-bidi, and so does
//! the reordering of a line's pieces into visual order (rule L2).

use crate::present::script::has_rtl;
use unicode_bidi::{BidiInfo, Level};

/// The resolved embedding level of each byte of a paragraph's text.
#[derive(Debug, Clone)]
pub struct Levels {
    levels: Vec<u8>,
}

impl Levels {
    /// The levels of `text` as a right-to-left paragraph, or `None` when it
    /// holds no right-to-left character (then everything stays left to
    /// right, as before: no cost for the other languages).
    pub fn of(text: &str) -> Option<Levels> {
        Self::within(text, false)
    }

    /// The levels of a paragraph of a document that reads right to left
    /// (Arabic) or left to right (the others): an Arabic name in an
    /// English paragraph is a right-to-left run in a left-to-right line.
    pub fn in_document(text: &str, rtl_document: bool) -> Option<Levels> {
        if rtl_document {
            return Self::of(text);
        }
        if !has_rtl(text) {
            return None;
        }
        let info = BidiInfo::new(text, Some(Level::ltr()));
        Some(Levels {
            levels: info.levels.iter().map(|l| l.number()).collect(),
        })
    }

    /// As [`Levels::of`], but a right-to-left paragraph also when `rtl`
    /// (a label of an Arabic document, `1 -`: its number comes first, at
    /// the right, though it holds no Arabic letter).
    pub fn within(text: &str, rtl: bool) -> Option<Levels> {
        if !rtl && !has_rtl(text) {
            return None;
        }
        let info = BidiInfo::new(text, Some(Level::rtl()));
        Some(Levels {
            levels: info.levels.iter().map(|l| l.number()).collect(),
        })
    }

    /// The level at byte `pos`.
    pub fn at(&self, pos: usize) -> u8 {
        self.levels.get(pos).copied().unwrap_or(1)
    }

    /// Where the run of equal level that holds `start` ends, at most `end`.
    pub fn run_end(&self, start: usize, end: usize) -> usize {
        let level = self.at(start);
        (start + 1..end)
            .find(|&i| self.levels[i] != level)
            .unwrap_or(end)
    }
}

/// The visual order (left to right) of pieces at these levels, in logical
/// order (rule L2).
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_symbol_and_a_number_in_arabic_keep_their_order() {
        // "see document CTOC/COP/2020/1 of 2020."
        let text = "انظر الوثيقة CTOC/COP/2020/1 لعام 2020.";
        let levels = Levels::of(text).unwrap();
        let symbol = text.find("CTOC").unwrap();
        let year = text.rfind("2020").unwrap();
        assert_eq!(levels.at(0), 1, "Arabic is at the paragraph's level");
        assert_eq!(levels.at(symbol), 2, "the symbol is embedded left to right");
        assert_eq!(levels.at(year), 2, "so is the number");
        assert_eq!(
            levels.run_end(symbol, text.len()),
            symbol + "CTOC/COP/2020/1".len()
        );
        // Words at levels 1, 1, 2, 1, 2: the Latin ones keep their order
        // among themselves, the line reads from the right.
        assert_eq!(visual_order(&[1, 1, 2, 1, 2]), vec![4, 3, 2, 1, 0]);
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
        assert!(Levels::of("no right-to-left text").is_none());
    }
}
