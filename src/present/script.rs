//! Which family sets each character of a paragraph in a document whose
//! own family is made for Arabic or Chinese: Latin letters in the Latin
//! family (Liberation Serif in the PDF, Times New Roman in the DOCX), as
//! UN documents set them; Arabic, Chinese and full-width characters in the
//! document's family. The PDF's layout and the DOCX writer both split text
//! by this rule, so that a word is set in one family in both. Digits, punctuation and spaces
//! have no script of their own: in Arabic text they go with the letters of
//! their word (`CTOC/COP/2021/1` whole in Latin), and a word with no
//! letters (`2021`, `–`) with the letters before it in the paragraph, as
//! LibreOffice assigns such weak characters and as Word sets an Arabic
//! (`w:rtl`) run, digits included, in its complex-script font; in Chinese
//! text the Basic Latin ones (digits, ASCII punctuation, the space) are
//! Latin wherever they stand, as Word sets them in its `w:ascii` font
//! (docs/decisions.md, "Latin text in Arabic and Chinese documents").

use unicode_bidi::{bidi_class, BidiClass};
use unicode_script::{Script, UnicodeScript};

/// Below Hebrew's block no character is right to left: a text in a Latin
/// or Cyrillic script is checked without a table look-up per character
/// (the look-up was a fifth of the DOCX writer's time on the example).
const FIRST_RTL: char = '\u{0590}';

/// Whether `text` holds a right-to-left character (Arabic, Hebrew, …).
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| c >= FIRST_RTL && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// Whether `c` is set as a full-width character (CJK ideographs, kana,
/// hangul, CJK punctuation and full-width forms): such text has no spaces
/// between words, and print breaks and justifies it between characters.
pub fn is_full_width(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF)
}

/// Which family sets a piece of text: the document's, or (in an Arabic or
/// Chinese document) the Latin family that sets its Latin words, as Times
/// New Roman sets them in UN documents and in the DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Family {
    #[default]
    Document,
    Latin,
    /// A face found on the system for characters the others lack (a
    /// check mark, an emoji): its number among the process's fallback
    /// faces (`layout::fallback`). The PDF's alone; the DOCX leaves such
    /// characters to Word's own font fallback.
    Fallback(u16),
}

/// Which characters without a script of their own the Latin family sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neutrals {
    /// Those of a word with Latin letters, or after Latin letters (Arabic).
    FollowLetters,
    /// Also every Basic Latin one: digits, ASCII punctuation, the space
    /// (Chinese, as Word's `w:ascii` slot).
    AsciiLatin,
}

impl Neutrals {
    /// The rule of a document in `language` (a language code).
    pub fn of(language: &str) -> Neutrals {
        if language == "zh" {
            Neutrals::AsciiLatin
        } else {
            Neutrals::FollowLetters
        }
    }
}

/// The family of each stretch of a text: where each starts (byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct Families {
    changes: Vec<(usize, Family)>,
}

/// The family a character calls for by itself; `None` for a neutral
/// (digits, punctuation, spaces, symbols: Unicode scripts Common and
/// Inherited), which takes its neighbours'.
fn own_family(c: char, latin_has: &impl Fn(char) -> bool) -> Option<Family> {
    // The commonest characters without a look-up in the script tables
    // (a binary search, the cost of this step otherwise).
    match c as u32 {
        0..=0x7F if !c.is_ascii_alphabetic() => return None,
        // Arabic letters (hamza to ghain, feh to yeh).
        0x0621..=0x063A | 0x0641..=0x064A => return Some(Family::Document),
        _ => {}
    }
    if is_full_width(c) {
        // Full-width forms of Latin letters and digits too.
        return Some(Family::Document);
    }
    match c.script() {
        Script::Latin if latin_has(c) => Some(Family::Latin),
        Script::Common | Script::Inherited => None,
        _ => Some(Family::Document),
    }
}

/// For each character, visited in `order`, the family of the nearest
/// character with one of its own already visited: in the whole text, and
/// within the character's word (a space ends a word).
fn nearest(
    chars: &[(usize, char)],
    own: &[Option<Family>],
    order: impl Iterator<Item = usize>,
) -> (Vec<Option<Family>>, Vec<Option<Family>>) {
    let n = chars.len();
    let (mut anywhere, mut in_word) = (vec![None; n], vec![None; n]);
    let (mut last, mut last_in_word) = (None, None);
    for i in order {
        if chars[i].1.is_whitespace() {
            last_in_word = None;
        }
        anywhere[i] = last;
        in_word[i] = last_in_word;
        if own[i].is_some() {
            last = own[i];
            last_in_word = own[i];
        }
    }
    (anywhere, in_word)
}

/// Whether `c` opens what follows it (a bracket, a quotation mark).
fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '¿' | '¡')
}

impl Families {
    /// The families of `text`'s characters; `None` when it holds no Latin
    /// letter (all of it is set in the document's family). `latin_has`:
    /// whether the Latin family has a glyph for a character; one it lacks
    /// (the Arabic comma after a symbol) stays in the document's family.
    pub fn of(
        text: &str,
        neutrals: Neutrals,
        latin_has: impl Fn(char) -> bool,
    ) -> Option<Families> {
        let ascii_latin = neutrals == Neutrals::AsciiLatin;
        let ascii = ascii_latin && text.bytes().any(|b| b.is_ascii());
        // Most paragraphs of such a document have no Latin at all.
        if !ascii
            && !text
                .chars()
                .any(|c| own_family(c, &latin_has) == Some(Family::Latin))
        {
            return None;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let own: Vec<Option<Family>> = chars
            .iter()
            .map(|&(_, c)| own_family(c, &latin_has))
            .collect();
        // The nearest letter's family before and after each character, in
        // the whole text and in its word.
        let (before, before_in_word) = nearest(&chars, &own, 0..chars.len());
        let (after, after_in_word) = nearest(&chars, &own, (0..chars.len()).rev());
        let mut changes: Vec<(usize, Family)> = Vec::new();
        for (i, &(at, c)) in chars.iter().enumerate() {
            // An opening bracket or quotation mark goes with what it opens.
            let (near, far) = if opens(c) {
                (after_in_word[i], before_in_word[i])
            } else {
                (before_in_word[i], after_in_word[i])
            };
            let mut family = own[i]
                .or(near)
                .or(far)
                .or(before[i])
                .or(after[i])
                .unwrap_or(Family::Document);
            if ascii_latin && c.is_ascii() && own[i].is_none() {
                family = Family::Latin;
            } else if c.is_whitespace() {
                // A space goes with the character before it.
                family = changes.last().map_or(family, |&(_, f)| f);
            }
            if family == Family::Latin && !c.is_whitespace() && !latin_has(c) {
                family = Family::Document;
            }
            if changes.last().is_none_or(|&(_, f)| f != family) {
                changes.push((at, family));
            }
        }
        Some(Families { changes })
    }

    /// `base` (or the document's family throughout) with each character
    /// `fallback` gives another family (the family it has, the character)
    /// moved to it; a character that `joins` its predecessor (a variation
    /// selector, a joiner) keeps that one's family. `None` when nothing
    /// moves and there was no `base`.
    pub fn with_fallbacks(
        text: &str,
        base: Option<Families>,
        mut fallback: impl FnMut(Family, char) -> Option<Family>,
        joins: impl Fn(char) -> bool,
    ) -> Option<Families> {
        let mut changes: Vec<(usize, Family)> = Vec::new();
        let mut moved = false;
        let mut last = Family::Document;
        for (at, c) in text.char_indices() {
            let own = base.as_ref().map_or(Family::Document, |b| b.at(at));
            let family = if joins(c) && at > 0 {
                last
            } else if c.is_whitespace() {
                own
            } else {
                match fallback(own, c) {
                    Some(f) => {
                        moved = true;
                        f
                    }
                    None => own,
                }
            };
            if changes.last().is_none_or(|&(_, f)| f != family) {
                changes.push((at, family));
            }
            last = family;
        }
        if !moved {
            return base;
        }
        Some(Families { changes })
    }

    /// The family of the character at byte `pos`.
    pub fn at(&self, pos: usize) -> Family {
        let i = self.changes.partition_point(|&(s, _)| s <= pos);
        self.changes[i.saturating_sub(1)].1
    }

    /// Where the stretch of one family holding `pos` ends, `limit` at most.
    pub fn run_end(&self, pos: usize, limit: usize) -> usize {
        let i = self.changes.partition_point(|&(s, _)| s <= pos);
        self.changes.get(i).map_or(limit, |&(s, _)| s.min(limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_character_below_hebrew_is_right_to_left() {
        for c in '\0'..FIRST_RTL {
            assert!(
                !matches!(bidi_class(c), BidiClass::R | BidiClass::AL),
                "{c:?} is right to left"
            );
        }
        assert!(has_rtl("Item 2 \u{05d0}"));
        assert!(has_rtl("البند"));
        assert!(!has_rtl("Пункт для обсуждения, Ελλάδα"));
    }

    /// The text's stretches of Latin.
    fn latin(text: &str, neutrals: Neutrals) -> Vec<&str> {
        let Some(families) = Families::of(text, neutrals, |c| c.is_ascii() || c == 'é') else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut p = 0;
        while p < text.len() {
            let end = families.run_end(p, text.len());
            if families.at(p) == Family::Latin {
                out.push(&text[p..end]);
            }
            p = end;
        }
        out
    }

    #[test]
    fn a_symbol_is_latin_whole_and_digits_go_with_their_words_letters() {
        assert_eq!(
            latin(
                "第CTOC/COP/2021/1号决定于2021年通过。",
                Neutrals::FollowLetters
            ),
            ["CTOC/COP/2021/1"]
        );
        // ASCII brackets around a symbol go with it; full-width ones and
        // the full stop stay Chinese.
        assert_eq!(
            latin("见（CTOC/COP/2021/1）。", Neutrals::FollowLetters),
            ["CTOC/COP/2021/1"]
        );
        assert_eq!(
            latin("见(A/75/123)", Neutrals::FollowLetters),
            ["(A/75/123)"]
        );
        // A number standing alone goes with the letters before it.
        assert_eq!(
            latin("2021 年 United States 2021 和 3", Neutrals::FollowLetters),
            ["United States 2021 "]
        );
    }

    #[test]
    fn arabic_marks_and_a_comma_the_latin_face_lacks_stay_arabic() {
        let text = "انظر CTOC/COP/2020/1، في عام 2020.";
        assert_eq!(latin(text, Neutrals::FollowLetters), ["CTOC/COP/2020/1"]);
        // No Latin letter: nothing to split.
        assert!(Families::of("في عام 2020.", Neutrals::FollowLetters, |c| c
            .is_ascii())
        .is_none());
        assert!(Families::of("项目（丁）", Neutrals::AsciiLatin, |_| true).is_none());
    }

    #[test]
    fn the_fast_paths_agree_with_the_script_tables() {
        let all = |_: char| true;
        for c in (0u32..0x80)
            .chain(0x0600..0x0700)
            .filter_map(char::from_u32)
        {
            let slow = match c.script() {
                Script::Latin => Some(Family::Latin),
                Script::Common | Script::Inherited => None,
                _ => Some(Family::Document),
            };
            assert_eq!(own_family(c, &all), slow, "{c:?}");
        }
    }

    #[test]
    fn in_chinese_text_basic_latin_digits_and_punctuation_are_latin() {
        let chinese = Neutrals::of("zh");
        assert_eq!(
            latin("于2021年5月通过（CTOC/COP/2021/1）。", chinese),
            ["2021", "5", "CTOC/COP/2021/1"]
        );
        assert_eq!(latin("1.", chinese), ["1."]);
        // Full-width digits and the ideographic space stay Chinese.
        assert!(latin("第２条　一", chinese).is_empty());
        assert_eq!(Neutrals::of("ar"), Neutrals::FollowLetters);
    }
}
