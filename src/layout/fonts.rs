//! The four faces of the body type, compiled in or read from a directory.
//!
//! Liberation Serif 2 (SIL OFL 1.1, `fonts/LICENSE-LiberationSerif.txt`) is
//! metric-compatible with Times New Roman, the face UN documents are set in,
//! so a line breaks at the same word here as in the DOCX opened in Word.

use std::path::Path;

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
        let load = |data: &[krilla::Data; 4]| {
            data.iter()
                .map(|d| krilla::text::Font::new(d.clone(), 0))
                .collect::<Option<Vec<_>>>()
        };
        if self.builtin {
            BUILTIN.get_or_init(|| load(&self.data)).clone()
        } else {
            load(&self.data)
        }
    }

    pub fn bytes(&self, kind: FaceKind) -> &[u8] {
        self.data[kind.index()].as_ref()
    }
}
