//! `rapporteur render --to pdf` end to end, with views and `--colour`.

use crate::support::pdf::*;
use std::process::Command;

fn render(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    let status = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", "--to", "pdf", "-o"])
        .arg(&out)
        .args(args)
        .arg(&example)
        .output()
        .expect("run rapporteur");
    assert!(
        status.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    (dir, out)
}

#[test]
fn views_and_colour_render_valid_pdfs() {
    if missing(&[Tool::Qpdf, Tool::Pdftotext]) {
        return;
    }
    let (_a, all) = render(&[]);
    let (_b, accepted) = render(&["--view", "accepted"]);
    let (_c, us) = render(&["--view", "author=US"]);
    let (_d, colour) = render(&["--colour"]);
    for pdf in [&all, &accepted, &us, &colour] {
        let (ok, out, err) = run(Tool::Qpdf, &["--check", pdf.to_str().unwrap()]);
        assert!(ok, "{out}{err}");
    }
    // The accepted view drops deletions and attributions.
    // (Words, not lines: a phrase may wrap.)
    let words = |pdf| {
        pdftotext(pdf, None)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = words(&accepted);
    assert!(!text.contains("(US"), "attributions in the accepted view");
    assert!(!text.contains("that have not yet done so should"));
    assert!(text.contains("in a position to do so are encouraged to"));
    // The author view keeps the United States' changes, not Canada's.
    let text = words(&us);
    assert!(text.contains("(US: delete, since it was not discussed during the WG)"));
    assert!(!text.contains("(Canada"));
    // The file given by the CLI is byte-identical to the library's.
    let lib = rapporteur::write::pdf::write(example(), &Default::default()).unwrap();
    assert!(std::fs::read(&all).unwrap() == lib);
}

#[test]
fn separate_processes_write_the_same_bytes() {
    let (_a, first) = render(&["--colour"]);
    let (_b, second) = render(&["--colour"]);
    assert!(std::fs::read(first).unwrap() == std::fs::read(second).unwrap());
}

/// `--font-dir` reaches the PDF writer: the CLI's file is the library's
/// render with that family, not the built-in one.
#[test]
fn the_font_dir_option_reaches_the_writer() {
    let dejavu = std::path::Path::new("/usr/share/fonts/truetype/dejavu");
    let names = [
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
    ];
    let faces = names.map(|n| dejavu.join(n));
    let refs: Vec<&std::path::Path> = faces.iter().map(|p| p.as_path()).collect();
    if tools::missing_files(&refs, "apt-get install fonts-dejavu-core") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (face, name) in faces.iter().zip(names) {
        std::fs::copy(face, dir.path().join(name)).unwrap();
    }
    let (_a, out) = render(&["--font-dir", dir.path().to_str().unwrap()]);
    let options = rapporteur::write::pdf::Options {
        colour: false,
        font_dir: Some(dir.path().to_path_buf()),
    };
    let lib = rapporteur::write::pdf::write(example(), &options).unwrap();
    let builtin = rapporteur::write::pdf::write(example(), &Default::default()).unwrap();
    let cli = std::fs::read(out).unwrap();
    assert!(cli == lib, "the CLI's PDF is not the library's with DejaVu");
    assert!(cli != builtin, "--font-dir was ignored");
}
