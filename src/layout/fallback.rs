//! Faces for the characters a document's family cannot set (✓, an emoji,
//! an Arabic name in an English document): found among the installed
//! fonts with fontdb, as a browser or a word processor falls back to
//! another face for a character its font lacks, rather than failing the
//! render. Looked up only when a character needs one, once per process:
//! a document its own family covers never reads the system's fonts.
//!
//! Which face: for Arabic letters, a face made for them (Amiri, Noto
//! Naskh Arabic), for Chinese, Japanese and Korean ones a CJK face (Noto
//! Serif CJK), for anything else DejaVu Serif, DejaVu Sans, then Symbola
//! (Debian's `fonts-dejavu-core`, `fonts-symbola`); failing those, the
//! first installed face, in file name order, that has the character
//! (docs/decisions.md, "Fallback faces").
//!
//! A character no installed face has is set as the replacement character
//! (U+FFFD, `�`) of the face found for it, the text layer keeping the
//! character itself (`pdf::draw` writes it as the glyph's ActualText):
//! the PDF is still written, and `check` and `render` say where.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use unicode_script::{Script, UnicodeScript};

/// One fallback face, kept for the process.
pub struct FallbackFace {
    /// The face's bytes (a mapping of the installed file, never released).
    pub data: krilla::Data,
    pub bytes: &'static [u8],
    pub index: u32,
    /// Its family name, for messages.
    pub name: String,
    pub path: PathBuf,
    krilla: OnceLock<Option<krilla::text::Font>>,
    shaping: OnceLock<Option<rustybuzz::Face<'static>>>,
}

impl FallbackFace {
    /// The face for shaping, parsed once.
    pub fn shaping(&self) -> Option<rustybuzz::Face<'static>> {
        self.shaping
            .get_or_init(|| rustybuzz::Face::from_slice(self.bytes, self.index))
            .clone()
    }

    /// The face's glyph for [`REPLACEMENT`], if it has one: what the
    /// shaper sets for a character no face has.
    pub fn replacement_glyph(&self) -> Option<u16> {
        self.shaping()?.glyph_index(REPLACEMENT).map(|g| g.0)
    }

    /// The face for krilla, loaded once (so the PDF embeds it once).
    pub fn krilla(&self) -> Option<krilla::text::Font> {
        self.krilla
            .get_or_init(|| krilla::text::Font::new(self.data.clone(), self.index))
            .clone()
    }
}

struct Registry {
    db: fontdb::Database,
    /// Every installed face, in file name order (then index): the last
    /// resort's order, the same on every run.
    all: Vec<fontdb::ID>,
    faces: Vec<&'static FallbackFace>,
    /// The face chosen for each character asked about (`None`: no face has it).
    chosen: HashMap<char, Option<usize>>,
    /// Faces loaded, by fontdb id: an index into `faces`.
    loaded: HashMap<fontdb::ID, usize>,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut all: Vec<(PathBuf, u32, fontdb::ID)> = db
            .faces()
            .map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => PathBuf::new(),
                };
                (path, f.index, f.id)
            })
            .collect();
        all.sort();
        Mutex::new(Registry {
            db,
            all: all.into_iter().map(|(_, _, id)| id).collect(),
            faces: Vec::new(),
            chosen: HashMap::new(),
            loaded: HashMap::new(),
        })
    })
}

/// The families asked first for `c`, by its script.
fn preferred(c: char) -> &'static [&'static str] {
    match c.script() {
        Script::Arabic => &["Amiri", "Noto Naskh Arabic", "DejaVu Sans"],
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            &["Noto Serif CJK SC", "Noto Sans CJK SC"]
        }
        _ => &["DejaVu Serif", "DejaVu Sans", "Symbola"],
    }
}

impl Registry {
    fn has(&self, id: fontdb::ID, c: char) -> bool {
        self.db
            .with_face_data(id, |data, index| {
                rustybuzz::ttf_parser::Face::parse(data, index)
                    .is_ok_and(|f| f.glyph_index(c).is_some())
            })
            .unwrap_or(false)
    }

    fn upright(&self, family: &str) -> Option<fontdb::ID> {
        self.db.query(&fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: fontdb::Weight::NORMAL,
            stretch: fontdb::Stretch::Normal,
            style: fontdb::Style::Normal,
        })
    }

    fn load(&mut self, id: fontdb::ID) -> Option<usize> {
        if let Some(&i) = self.loaded.get(&id) {
            return Some(i);
        }
        let info = self.db.face(id)?;
        let name = info
            .families
            .first()
            .map_or_else(|| "a system font".to_string(), |(n, _)| n.clone());
        let path = match &info.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => PathBuf::new(),
        };
        // SAFETY: an installed system font, which nothing rewrites in place
        // while a render runs (a package upgrade writes a new file).
        let (bytes, index) = unsafe { self.db.make_shared_face_data(id) }?;
        let data = krilla::Data::from(bytes);
        let kept: &'static krilla::Data = Box::leak(Box::new(data.clone()));
        let face: &'static FallbackFace = Box::leak(Box::new(FallbackFace {
            data,
            bytes: kept.as_ref(),
            index,
            name,
            path,
            krilla: OnceLock::new(),
            shaping: OnceLock::new(),
        }));
        face.shaping()?;
        self.faces.push(face);
        self.loaded.insert(id, self.faces.len() - 1);
        Some(self.faces.len() - 1)
    }

    fn choose(&mut self, c: char) -> Option<usize> {
        if let Some(&chosen) = self.chosen.get(&c) {
            return chosen;
        }
        let named = preferred(c).iter().filter_map(|f| self.upright(f));
        let candidates: Vec<fontdb::ID> = named.chain(self.all.iter().copied()).collect();
        let found = candidates
            .into_iter()
            .find(|&id| self.has(id, c))
            .and_then(|id| self.load(id));
        self.chosen.insert(c, found);
        found
    }
}

/// The fallback face that sets `c` (its number, the same for the whole
/// process), if an installed face has it. `c` is asked of by the layout
/// only when the document's family lacks it.
pub fn face_for(c: char) -> Option<usize> {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .choose(c)
}

/// What stands in print for a character no face has.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The fallback face that sets `c`, or, when no installed face has it,
/// the one that sets [`REPLACEMENT`] in its place.
pub fn face_or_replacement(c: char) -> Option<usize> {
    face_for(c).or_else(|| face_for(REPLACEMENT))
}

/// Fallback face number `i` (one [`face_for`] gave).
pub fn face(i: usize) -> Option<&'static FallbackFace> {
    registry()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .faces
        .get(i)
        .copied()
}

/// Characters no face sets alone: a variation selector, a zero-width
/// joiner, an emoji's skin tone, a combining mark goes with the character
/// before it.
pub fn joins_previous(c: char) -> bool {
    matches!(c as u32,
        0xFE00..=0xFE0F | 0x200C | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0100..=0xE01EF
        | 0x0300..=0x036F | 0x20D0..=0x20FF)
}

/// Where `text` (a source) holds a character that no face can set in a
/// document in `language`: not the built-in family, not the family found
/// for the language's script, not any installed face. Byte offsets, for
/// `check` to report with line and column.
pub fn unsettable(language: crate::model::Language, text: &str) -> Vec<(usize, char)> {
    let own = super::fonts::Fonts::for_language(language)
        .ok()
        .and_then(|f| f.shaping_faces())
        .and_then(Result::ok);
    let mut out = Vec::new();
    let mut asked: HashMap<char, bool> = HashMap::new();
    for (at, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() || joins_previous(c) {
            continue;
        }
        if c.is_ascii() || crate::house::fonts::builtin_latin_has(c) {
            continue;
        }
        let settable = *asked.entry(c).or_insert_with(|| {
            own.as_ref()
                .is_some_and(|faces| faces[0].glyph_index(c).is_some())
                || face_for(c).is_some()
        });
        if !settable {
            out.push((at, c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_mark_and_an_arabic_letter_find_installed_faces() {
        // The test machine has DejaVu (fonts-dejavu-core) and Amiri
        // (fonts-hosny-amiri), as .ci/run installs them.
        let Some(check) = face_for('✓') else {
            panic!("no installed face has ✓: install fonts-dejavu-core");
        };
        assert!(face(check).unwrap().name.starts_with("DejaVu"));
        if let Some(arabic) = face_for('ب') {
            let name = &face(arabic).unwrap().name;
            assert!(
                name == "Amiri" || name.contains("Arabic") || name.starts_with("DejaVu"),
                "{name}"
            );
        }
        // Asked again: the same face, not a second copy.
        assert_eq!(face_for('✓'), Some(check));
        // A character no font has (a private-use code point).
        assert_eq!(face_for('\u{10FFFD}'), None);
    }
}
