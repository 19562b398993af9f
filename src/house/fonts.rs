//! The faces rapporteur ships (`fonts/`, Liberation Serif under the SIL
//! Open Font License): the PDF's Latin family, and the repertoire the
//! DOCX writer asks when it chooses a run's fonts. Both writers need it,
//! so it lives outside either.

use std::sync::OnceLock;

pub static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/LiberationSerif-Regular.ttf"
));
pub static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/LiberationSerif-Bold.ttf"
));
pub static ITALIC: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/LiberationSerif-Italic.ttf"
));
pub static BOLD_ITALIC: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/LiberationSerif-BoldItalic.ttf"
));

/// Whether the built-in Liberation Serif (its regular face) has a glyph
/// for `c`: what the Latin family can set, for the layout and for the
/// DOCX, which splits text by [`crate::present::script`] without shaping it (its
/// Times New Roman has Liberation Serif's repertoire for Latin text).
pub fn builtin_latin_has(c: char) -> bool {
    struct Repertoire {
        face: Option<rustybuzz::ttf_parser::Face<'static>>,
        /// Each ASCII character, asked of most characters of a Latin word.
        ascii: [bool; 128],
    }
    static LATIN: OnceLock<Repertoire> = OnceLock::new();
    let latin = LATIN.get_or_init(|| {
        let face = rustybuzz::ttf_parser::Face::parse(REGULAR, 0).ok();
        let ascii = std::array::from_fn(|i| {
            face.as_ref()
                .is_some_and(|f| f.glyph_index(i as u8 as char).is_some())
        });
        Repertoire { face, ascii }
    });
    if c.is_ascii() {
        return latin.ascii[c as usize];
    }
    latin
        .face
        .as_ref()
        .is_some_and(|face| face.glyph_index(c).is_some())
}
