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

static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf");

/// The font files of one family, in [`FaceKind`] order.
#[derive(Clone)]
pub struct Fonts {
    data: [krilla::Data; 4],
    /// The face's index in its file (a collection such as `.ttc` holds several).
    index: [u32; 4],
    /// Whether these are the compiled-in faces (whose krilla fonts, hashed
    /// once, are shared between renders).
    builtin: bool,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts { .. }")
    }
}

impl Fonts {
    /// Liberation Serif, compiled into the binary.
    pub fn builtin() -> Fonts {
        Fonts {
            data: [
                REGULAR.into(),
                BOLD.into(),
                ITALIC.into(),
                BOLD_ITALIC.into(),
            ],
            index: [0; 4],
            builtin: true,
        }
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
                    if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
                        return Err(format!(
                            "{} is not a usable TrueType/OpenType font",
                            f.display()
                        ));
                    }
                    data.push(krilla::Data::from(bytes));
                }
                let data: [krilla::Data; 4] =
                    data.try_into().map_err(|_| "four faces".to_string())?;
                return Ok(Fonts {
                    data,
                    index: [0; 4],
                    builtin: false,
                });
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

    /// The faces as krilla fonts. krilla hashes the whole font file when it
    /// loads one, so the built-in faces are loaded once per process.
    pub fn krilla(&self) -> Option<Vec<krilla::text::Font>> {
        static BUILTIN: std::sync::OnceLock<Option<Vec<krilla::text::Font>>> =
            std::sync::OnceLock::new();
        let load = |fonts: &Fonts| {
            // A face used for two styles (a family without italics) is
            // loaded, and hashed by krilla, once.
            let mut out: Vec<krilla::text::Font> = Vec::with_capacity(4);
            for k in FaceKind::ALL {
                let i = k.index();
                let same = (0..i).find(|&j| {
                    fonts.index[j] == fonts.index[i]
                        && fonts.data[j].as_ref().as_ptr() == fonts.data[i].as_ref().as_ptr()
                });
                out.push(match same {
                    Some(j) => out[j].clone(),
                    None => krilla::text::Font::new(fonts.data[i].clone(), fonts.index[i])?,
                });
            }
            Some(out)
        };
        if self.builtin {
            BUILTIN.get_or_init(|| load(self)).clone()
        } else {
            load(self)
        }
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
    pub fn for_language(language: Language) -> Result<Fonts, String> {
        match ScriptFamily::of(language) {
            None => Ok(Fonts::builtin()),
            Some(family) => family.find(),
        }
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
        if rustybuzz::Face::from_slice((*bytes).as_ref(), face).is_none() {
            return Err(format!(
                "{} is not a usable TrueType/OpenType font",
                path.display()
            ));
        }
        data.push(krilla::Data::from(bytes));
        index[i] = face;
    }
    let data: [krilla::Data; 4] = data.try_into().map_err(|_| "four faces".to_string())?;
    Ok(Fonts {
        data,
        index,
        builtin: false,
    })
}
