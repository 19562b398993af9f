//! The four faces of the body type: compiled in, read from a directory, or
//! (Arabic and Chinese) found among the system's fonts.
//!
//! Liberation Serif 2 (SIL OFL 1.1, `fonts/LICENSE-LiberationSerif.txt`) is
//! metric-compatible with Times New Roman, the face UN documents are set in,
//! so a line breaks at the same word here as in the DOCX opened in Word.
//! It has no Arabic or Chinese glyphs, and faces that have them weigh 1 to
//! 20 MB each: they are looked up with fontdb among the installed fonts
//! (Debian packages `fonts-hosny-amiri`, `fonts-noto-cjk`) only for a
//! document in those languages (docs/decisions.md, "Fonts for Arabic and
//! Chinese").

use crate::model::Language;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// One of the four styles of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceKind {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FaceKind {
    pub const ALL: [FaceKind; 4] = [
        FaceKind::Regular,
        FaceKind::Bold,
        FaceKind::Italic,
        FaceKind::BoldItalic,
    ];

    pub fn new(bold: bool, italic: bool) -> FaceKind {
        match (bold, italic) {
            (false, false) => FaceKind::Regular,
            (true, false) => FaceKind::Bold,
            (false, true) => FaceKind::Italic,
            (true, true) => FaceKind::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn bold(self) -> bool {
        matches!(self, FaceKind::Bold | FaceKind::BoldItalic)
    }

    pub fn italic(self) -> bool {
        matches!(self, FaceKind::Italic | FaceKind::BoldItalic)
    }

    /// The file name suffix of this style: `LiberationSerif-BoldItalic.ttf`.
    fn suffix(self) -> &'static str {
        match self {
            FaceKind::Regular => "Regular",
            FaceKind::Bold => "Bold",
            FaceKind::Italic => "Italic",
            FaceKind::BoldItalic => "BoldItalic",
        }
    }
}

use crate::house::fonts::{BOLD, BOLD_ITALIC, ITALIC, REGULAR};

/// Which family sets a piece of text ([`crate::present::script`]'s rule); the
/// Latin one is the built-in Liberation Serif.
pub use crate::present::script::Family;

/// The font files of one family, in [`FaceKind`] order.
#[derive(Clone)]
pub struct Fonts {
    data: [krilla::Data; 4],
    /// The face's index in its file (a collection such as `.ttc` holds several).
    index: [u32; 4],
    /// The faces as krilla fonts, made on first use and shared by every
    /// clone of this family: the built-in family and a family found on the
    /// system are each read once per process, however many documents it
    /// renders.
    krilla: Arc<OnceLock<Option<Vec<krilla::text::Font>>>>,
    /// The bytes of a family kept for the whole process (the built-in one,
    /// one found on the system), whose faces are parsed for shaping once.
    kept: Option<[&'static [u8]; 4]>,
    /// Those faces, parsed on first use (an error said once, as well).
    shaping: Arc<OnceLock<Result<Vec<rustybuzz::Face<'static>>, FaceKind>>>,
    /// Latin text is set in the built-in family: this family was found on
    /// the system for Arabic or Chinese script.
    latin: bool,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts { .. }")
    }
}

impl Fonts {
    pub(crate) fn new(data: [krilla::Data; 4], index: [u32; 4]) -> Fonts {
        Fonts {
            data,
            index,
            krilla: Arc::new(OnceLock::new()),
            kept: None,
            shaping: Arc::new(OnceLock::new()),
            latin: false,
        }
    }

    /// The family that sets this family's Latin text, when it is not this
    /// one: the built-in Liberation Serif beside a family found for Arabic
    /// or Chinese. A `--font-dir` family sets everything, as chosen.
    pub fn latin_family(&self) -> Option<Fonts> {
        self.latin.then(Fonts::builtin)
    }

    /// The style Latin words of a `kind` text take in the Latin family:
    /// the style this family sets `kind` in, so that a Chinese family
    /// without italics, whose italic is its upright, keeps a heading's
    /// Latin and digits upright with it.
    pub fn latin_kind(&self, kind: FaceKind) -> FaceKind {
        self.same_face_before(kind).unwrap_or(kind)
    }

    /// This family, kept until the process ends: its bytes (a mapping of
    /// an installed file) are never released, so the faces parsed from them
    /// serve every later render.
    fn kept_for_the_process(mut self) -> Fonts {
        self.kept = Some(self.data.each_ref().map(|d| {
            let kept: &'static krilla::Data = Box::leak(Box::new(d.clone()));
            kept.as_ref()
        }));
        self
    }

    /// The faces for shaping, in [`FaceKind`] order, each parsed from
    /// `bytes` once (a style set in an earlier style's face gets a copy).
    pub fn parse_faces<'a>(
        &self,
        bytes: impl Fn(FaceKind) -> &'a [u8],
    ) -> Result<Vec<rustybuzz::Face<'a>>, FaceKind> {
        let mut faces: Vec<rustybuzz::Face<'a>> = Vec::with_capacity(4);
        for kind in FaceKind::ALL {
            faces.push(match self.same_face_before(kind) {
                Some(earlier) => faces[earlier.index()].clone(),
                None => {
                    rustybuzz::Face::from_slice(bytes(kind), self.face_index(kind)).ok_or(kind)?
                }
            });
        }
        Ok(faces)
    }

    /// The faces for shaping of a family kept for the process, parsed once
    /// per process: building a face's substitution and positioning tables
    /// costs more than setting a page (about 1 ms for Amiri's four styles).
    /// `None` for a family from `--font-dir`, parsed by each render.
    pub fn shaping_faces(&self) -> Option<Result<Vec<rustybuzz::Face<'static>>, FaceKind>> {
        let kept = self.kept?;
        Some(
            self.shaping
                .get_or_init(|| self.parse_faces(|kind| kept[kind.index()]))
                .clone(),
        )
    }

    /// Liberation Serif, compiled into the binary.
    pub fn builtin() -> Fonts {
        static BUILTIN: OnceLock<Fonts> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut fonts = Fonts::new(
                    [
                        REGULAR.into(),
                        BOLD.into(),
                        ITALIC.into(),
                        BOLD_ITALIC.into(),
                    ],
                    [0; 4],
                );
                fonts.kept = Some([REGULAR, BOLD, ITALIC, BOLD_ITALIC]);
                fonts
            })
            .clone()
    }

    /// A family from a directory that holds `*-Regular.ttf`, `*-Bold.ttf`,
    /// `*-Italic.ttf` and `*-BoldItalic.ttf` of one family (the first such
    /// family in name order, so the choice does not depend on the file system).
    pub fn from_dir(dir: &Path) -> Result<Fonts, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read font directory {}: {e}", dir.display()))?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        for name in &names {
            // `Name-Regular.ttf`, or `Name.ttf` beside `Name-Bold.ttf` (DejaVu).
            let ext = if name.ends_with(".otf") { "otf" } else { "ttf" };
            let (stem, regular) = match name.strip_suffix(&format!("-Regular.{ext}")) {
                Some(stem) => (stem, name.clone()),
                None => match name.strip_suffix(&format!(".{ext}")) {
                    Some(stem) if !stem.contains('-') => (stem, name.clone()),
                    _ => continue,
                },
            };
            let files: Vec<_> = FaceKind::ALL
                .iter()
                .map(|k| match k {
                    FaceKind::Regular => dir.join(&regular),
                    _ => dir.join(format!("{stem}-{}.{ext}", k.suffix())),
                })
                .collect();
            if files.iter().all(|f| f.is_file()) {
                let mut data = Vec::with_capacity(4);
                for f in &files {
                    let bytes = std::fs::read(f)
                        .map_err(|e| format!("cannot read font {}: {e}", f.display()))?;
                    check_face(&bytes, 0, f)?;
                    data.push(krilla::Data::from(bytes));
                }
                let data: [krilla::Data; 4] =
                    data.try_into().map_err(|_| "four faces".to_string())?;
                return Ok(Fonts::new(data, [0; 4]));
            }
        }
        Err(format!(
            "no font family in {}: it needs NAME-Regular.ttf, NAME-Bold.ttf, NAME-Italic.ttf and NAME-BoldItalic.ttf",
            dir.display()
        ))
    }

    pub fn data(&self, kind: FaceKind) -> &krilla::Data {
        &self.data[kind.index()]
    }

    /// The faces as krilla fonts, loaded once per family (a face used for
    /// two styles, as in a family without italics, once).
    pub fn krilla(&self) -> Option<Vec<krilla::text::Font>> {
        self.krilla
            .get_or_init(|| {
                let mut out: Vec<krilla::text::Font> = Vec::with_capacity(4);
                for k in FaceKind::ALL {
                    out.push(match self.same_face_before(k) {
                        Some(j) => out[j.index()].clone(),
                        None => krilla::text::Font::new(
                            self.data[k.index()].clone(),
                            self.index[k.index()],
                        )?,
                    });
                }
                Some(out)
            })
            .clone()
    }

    /// The first style before `kind` that is the same face of the same
    /// file (Chinese families have no italics: their italic is the upright).
    pub fn same_face_before(&self, kind: FaceKind) -> Option<FaceKind> {
        let i = kind.index();
        FaceKind::ALL[..i].iter().copied().find(|k| {
            let j = k.index();
            self.index[j] == self.index[i]
                && self.data[j].as_ref().as_ptr() == self.data[i].as_ref().as_ptr()
        })
    }

    pub fn bytes(&self, kind: FaceKind) -> &[u8] {
        self.data[kind.index()].as_ref()
    }

    /// The index of the face in its file.
    pub fn face_index(&self, kind: FaceKind) -> u32 {
        self.index[kind.index()]
    }

    /// The family a document in `language` is set in: the built-in one, or
    /// for Arabic and Chinese an installed family made for the script.
    /// A family found on the system is looked up once per process: a batch
    /// of documents, or a program rendering many, pays for it once.
    pub fn for_language(language: Language) -> Result<Fonts, String> {
        static FOUND: Mutex<Vec<(Language, Fonts)>> = Mutex::new(Vec::new());
        let Some(family) = ScriptFamily::of(language) else {
            return Ok(Fonts::builtin());
        };
        // The lock is held while looking: two threads wanting the same
        // family find it once. A poisoned lock only means a panic elsewhere
        // while the list stood whole.
        let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, fonts)) = found.iter().find(|(l, _)| *l == language) {
            return Ok(fonts.clone());
        }
        let mut fonts = family.find()?.kept_for_the_process();
        fonts.latin = true;
        found.push((language, fonts.clone()));
        Ok(fonts)
    }
}

/// Families made for a script, in order of preference, and the Debian
/// packages that install them.
pub struct ScriptFamily {
    pub script: &'static str,
    pub families: &'static [&'static str],
    pub packages: &'static str,
    /// Where those packages put the files on Debian: looked in first, so
    /// that a short document does not wait for every installed font to be
    /// read (about 50 ms here).
    pub package_dirs: &'static [&'static str],
}

impl ScriptFamily {
    pub fn of(language: Language) -> Option<ScriptFamily> {
        match language {
            // Amiri: a Naskh face after the Bulaq press type, with Latin
            // and a slanted style; Noto Naskh Arabic as a second choice.
            Language::Ar => Some(ScriptFamily {
                script: "Arabic",
                families: &["Amiri", "Noto Naskh Arabic"],
                packages: "fonts-hosny-amiri (or fonts-noto-core)",
                package_dirs: &[
                    "/usr/share/fonts/opentype/fonts-hosny-amiri",
                    "/usr/share/fonts/truetype/noto",
                ],
            }),
            // A Song (Ming) face, as Chinese UN documents use (SimSun).
            Language::Zh => Some(ScriptFamily {
                script: "Chinese",
                families: &[
                    "Noto Serif CJK SC",
                    "Source Han Serif SC",
                    "Noto Sans CJK SC",
                ],
                packages: "fonts-noto-cjk",
                package_dirs: &["/usr/share/fonts/opentype/noto"],
            }),
            _ => None,
        }
    }

    /// The first of the families that is installed, its four styles (a
    /// missing style takes the nearest one the family has).
    pub fn find(&self) -> Result<Fonts, String> {
        let mut db = fontdb::Database::new();
        for dir in self.package_dirs {
            db.load_fonts_dir(dir);
        }
        if let Some(found) = self.first_installed(&mut db) {
            return found;
        }
        db.load_system_fonts();
        self.first_installed(&mut db).unwrap_or_else(|| {
            Err(format!(
                "{} text needs a font made for it, and none of {} is installed: install the Debian package {}, or pass --font-dir with a family that covers it",
                self.script,
                self.families.join(", "),
                self.packages
            ))
        })
    }

    /// The faces of the first family `db` holds, if it holds one.
    fn first_installed(&self, db: &mut fontdb::Database) -> Option<Result<Fonts, String>> {
        for name in self.families {
            let families = [fontdb::Family::Name(name)];
            let face = |kind: FaceKind| {
                let query = fontdb::Query {
                    families: &families,
                    weight: if kind.bold() {
                        fontdb::Weight::BOLD
                    } else {
                        fontdb::Weight::NORMAL
                    },
                    stretch: fontdb::Stretch::Normal,
                    style: if kind.italic() {
                        fontdb::Style::Italic
                    } else {
                        fontdb::Style::Normal
                    },
                };
                db.query(&query)
            };
            let Some(ids) = FaceKind::ALL
                .iter()
                .map(|&k| face(k))
                .collect::<Option<Vec<fontdb::ID>>>()
            else {
                continue;
            };
            return Some(shared_faces(db, &ids));
        }
        None
    }
}

/// The four faces' data, mapped from their files (each file once): a
/// Chinese face's file is 20 MB or more, of which a document touches a
/// small part; reading it whole took most of a short document's time.
fn shared_faces(db: &mut fontdb::Database, ids: &[fontdb::ID]) -> Result<Fonts, String> {
    let mut data = Vec::with_capacity(4);
    let mut index = [0u32; 4];
    for (i, &id) in ids.iter().enumerate() {
        let path = match db.face_source(id) {
            Some((fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _), _)) => p,
            _ => PathBuf::from("a system font"),
        };
        // SAFETY: the file is an installed system font, which nothing
        // rewrites in place while a render runs (a package upgrade
        // replaces it by a new file, leaving this mapping intact).
        let (bytes, face) = unsafe { db.make_shared_face_data(id) }
            .ok_or_else(|| format!("cannot read font {}", path.display()))?;
        check_face((*bytes).as_ref(), face, &path)?;
        data.push(krilla::Data::from(bytes));
        index[i] = face;
    }
    let data: [krilla::Data; 4] = data.try_into().map_err(|_| "four faces".to_string())?;
    Ok(Fonts::new(data, index))
}

/// Whether face `index` of `bytes` is a font the shaper can read: the same
/// parse rustybuzz starts from, without building its substitution and
/// positioning tables (for a Chinese face, most of the cost), which the
/// shaper builds when it needs them.
fn check_face(bytes: &[u8], index: u32, path: &Path) -> Result<(), String> {
    match rustybuzz::ttf_parser::Face::parse(bytes, index) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!(
            "{} is not a usable TrueType/OpenType font ({e})",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_font_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Fake-Regular.ttf"), b"not a font").unwrap();
        for style in ["Bold", "Italic", "BoldItalic"] {
            std::fs::copy(
                dir.path().join("Fake-Regular.ttf"),
                dir.path().join(format!("Fake-{style}.ttf")),
            )
            .unwrap();
        }
        let err = Fonts::from_dir(dir.path()).unwrap_err();
        assert!(
            err.contains("Fake-Regular.ttf is not a usable TrueType/OpenType font"),
            "{err}"
        );
    }

    #[test]
    fn styles_set_in_one_face_are_loaded_once() {
        let upright: krilla::Data = REGULAR.into();
        let bold: krilla::Data = BOLD.into();
        // A family without italics: its italics are its upright faces.
        let fonts = Fonts::new([upright.clone(), bold.clone(), upright, bold], [0; 4]);
        assert_eq!(fonts.same_face_before(FaceKind::Regular), None);
        assert_eq!(fonts.same_face_before(FaceKind::Bold), None);
        assert_eq!(
            fonts.same_face_before(FaceKind::Italic),
            Some(FaceKind::Regular)
        );
        assert_eq!(
            fonts.same_face_before(FaceKind::BoldItalic),
            Some(FaceKind::Bold)
        );
        let krilla = fonts.krilla().unwrap();
        assert!(krilla[0] == krilla[2] && krilla[1] == krilla[3]);
        assert!(krilla[0] != krilla[1]);
        // The built-in family has four faces of its own.
        let builtin = Fonts::builtin();
        assert!(FaceKind::ALL
            .iter()
            .all(|&k| builtin.same_face_before(k).is_none()));
    }

    #[test]
    fn a_family_is_loaded_into_krilla_once_per_process() {
        let a = Fonts::builtin().krilla().unwrap();
        let b = Fonts::builtin().krilla().unwrap();
        assert!(a.iter().zip(&b).all(|(x, y)| x == y));
    }

    #[test]
    fn only_a_family_kept_for_the_process_has_its_faces_parsed_once() {
        let builtin = Fonts::builtin();
        let faces = builtin.shaping_faces().unwrap().unwrap();
        assert_eq!(faces.len(), 4);
        // Each face parsed from its own style's file.
        assert!(FaceKind::ALL.iter().all(|&k| {
            faces[k.index()].as_ref().raw_face().data.as_ptr() == builtin.bytes(k).as_ptr()
        }));
        // A family from a directory is read again by each render.
        let other = Fonts::new(builtin.data.clone(), [0; 4]);
        assert!(other.shaping_faces().is_none());
    }
}
