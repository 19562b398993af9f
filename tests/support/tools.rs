//! The one gate for tests that need an external program (LibreOffice,
//! pandoc, poppler, qpdf, openxml-audit, ooxml-validate): on a machine without the program a
//! test is skipped with a line on standard error naming the test, the
//! program and the command that installs it; under `CI=true` (as `.ci/run`
//! runs) a missing program fails the test instead, so nothing is skipped
//! where it counts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// An external program some tests read our outputs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// LibreOffice, driven through its UNO bridge from Python.
    LibreOffice,
    Pandoc,
    Pdftotext,
    Pdffonts,
    Pdfinfo,
    Qpdf,
    OpenxmlAudit,
    OoxmlValidate,
    /// Debian's Chromium and its WebDriver, for the review page.
    Chromium,
    Chromedriver,
    /// The Python package that drives Chromium (PyPI `selenium`): the
    /// Python 3 that imports it.
    Selenium,
    /// axe-core's script (npm `axe-core`), run in the page.
    AxeCore,
    /// poppler's image lister and rasteriser.
    Pdfimages,
    Pdftoppm,
}

impl Tool {
    /// The program looked up on `PATH`.
    pub fn program(self) -> &'static str {
        match self {
            Tool::LibreOffice => "soffice",
            Tool::Pandoc => "pandoc",
            Tool::Pdftotext => "pdftotext",
            Tool::Pdffonts => "pdffonts",
            Tool::Pdfinfo => "pdfinfo",
            Tool::Qpdf => "qpdf",
            Tool::OpenxmlAudit => "openxml-audit",
            Tool::OoxmlValidate => "ooxml-validate",
            Tool::Chromium => "chromium",
            Tool::Chromedriver => "chromedriver",
            Tool::Selenium => "selenium (Python)",
            Tool::AxeCore => "axe-core (npm)",
            Tool::Pdfimages => "pdfimages",
            Tool::Pdftoppm => "pdftoppm",
        }
    }

    /// How to install it on Debian or Ubuntu.
    pub fn install(self) -> &'static str {
        match self {
            Tool::LibreOffice => "apt-get install libreoffice-writer python3-uno",
            Tool::Pandoc => "apt-get install pandoc",
            Tool::Pdftotext | Tool::Pdffonts | Tool::Pdfinfo | Tool::Pdfimages | Tool::Pdftoppm => {
                "apt-get install poppler-utils"
            }
            Tool::Qpdf => "apt-get install qpdf",
            Tool::OpenxmlAudit => "pip install openxml-audit",
            Tool::OoxmlValidate => "npm install -g @ooxml-tools/validate",
            Tool::Chromium => "apt-get install chromium",
            Tool::Chromedriver => "apt-get install chromium-driver",
            Tool::Selenium => "pip install selenium",
            Tool::AxeCore => "npm install -g axe-core",
        }
    }

    fn slot(self) -> &'static OnceLock<Option<PathBuf>> {
        static SLOTS: [OnceLock<Option<PathBuf>>; 14] = [const { OnceLock::new() }; 14];
        &SLOTS[self as usize]
    }

    /// Where the program is, when it is installed (and, for LibreOffice,
    /// when a Python with the UNO bridge is there too). Looked up once.
    pub fn path(self) -> Option<&'static Path> {
        self.slot()
            .get_or_init(|| {
                match self {
                    Tool::Selenium => return python_with("selenium"),
                    Tool::AxeCore => return npm_global_file("axe-core/axe.min.js"),
                    _ => {}
                }
                let found = on_path(self.program())?;
                if self == Tool::LibreOffice && uno_python().is_none() {
                    return None;
                }
                Some(found)
            })
            .as_deref()
    }
}

/// The first executable file named `program` in a directory of `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// A Python 3 that can import LibreOffice's UNO bridge: the one on `PATH`,
/// else Debian's own (a virtualenv's python3 may come first on `PATH` and
/// lack the system's `uno` module).
pub fn uno_python() -> Option<&'static Path> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let debian = PathBuf::from("/usr/bin/python3");
            let candidates = on_path("python3").into_iter().chain(Some(debian));
            candidates.into_iter().find(|python| {
                Command::new(python)
                    .args(["-c", "import uno"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
        })
        .as_deref()
}

/// The Python 3 on `PATH` (else Debian's) when it imports `module`.
fn python_with(module: &str) -> Option<PathBuf> {
    let candidates = on_path("python3")
        .into_iter()
        .chain(Some(PathBuf::from("/usr/bin/python3")));
    candidates.into_iter().find(|python| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A file of a package npm installed globally (`npm root -g`).
fn npm_global_file(path: &str) -> Option<PathBuf> {
    let out = Command::new(on_path("npm")?)
        .args(["root", "-g"])
        .output()
        .ok()?;
    let root = String::from_utf8(out.stdout).ok()?;
    let file = PathBuf::from(root.trim()).join(path);
    file.is_file().then_some(file)
}

/// Whether `CI` is `true`: missing tools are then failures.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The name of the running test (libtest names each test's thread).
pub fn test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => name.to_owned(),
        _ => "a test".to_owned(),
    }
}

/// True when one of `tools` is missing and the calling test should return
/// at once: it has printed `skipped: TEST — TOOL not installed (install:
/// …)` to standard error, past the test harness's capture so that `cargo
/// test` shows it. Under `CI=true` a missing tool panics instead, naming it.
pub fn missing(tools: &[Tool]) -> bool {
    let Some(tool) = tools.iter().copied().find(|t| t.path().is_none()) else {
        return false;
    };
    let program = tool.program();
    let install = tool.install();
    if in_ci() {
        panic!("`{program}` is not installed and CI=true: this test needs it (install: {install})");
    }
    // Straight to the file descriptor: `eprintln!` would be captured and
    // shown only for a failing test.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {} — {program} not installed (install: {install})",
        test_name()
    );
    true
}

/// Like `missing`, for files a test reads from the system (a font family):
/// true, with the skip line, when one of `files` is not there and CI is not
/// `true`; a panic under `CI=true`.
pub fn missing_files(files: &[&Path], install: &str) -> bool {
    let Some(absent) = files.iter().find(|f| !f.is_file()) else {
        return false;
    };
    let absent = absent.display();
    if in_ci() {
        panic!("{absent} is not installed and CI=true: this test needs it (install: {install})");
    }
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {} — {absent} not installed (install: {install})",
        test_name()
    );
    true
}

/// Runs an installed tool (the caller checked `missing` first); its exit
/// status, standard output and standard error.
pub fn run(tool: Tool, args: &[&str]) -> (bool, String, String) {
    let path = tool
        .path()
        .unwrap_or_else(|| panic!("`{}` is not installed", tool.program()));
    let out = Command::new(path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", tool.program()));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `base` edited in LibreOffice through UNO by `user`, as a delegate edits
/// a copy (`tests/support/lo_edit.py`): `edits` is the JSON list of edits,
/// `track` turns change tracking on; saved as `out`, the edits' spec
/// beside it (`out` with `.json`). The caller checked `Tool::LibreOffice`.
pub fn lo_edit(base: &Path, out: &Path, user: &str, track: bool, edits: &str) {
    let spec = out.with_extension("json");
    std::fs::write(&spec, format!("{{\"track\": {track}, \"edits\": {edits}}}")).unwrap();
    let python = uno_python().expect("the caller checked Tool::LibreOffice");
    let status = Command::new(python)
        .arg(super::root().join("tests/support/lo_edit.py"))
        .arg(base)
        .arg(out)
        .arg(user)
        .arg(&spec)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "{}: LibreOffice edit failed",
        out.display()
    );
}

/// `soffice --headless --convert-to pdf`: LibreOffice's print of a DOCX,
/// in a profile of its own.
pub fn libreoffice_print(docx: &Path, dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(docx.with_extension("pdf").file_name().unwrap())
}
