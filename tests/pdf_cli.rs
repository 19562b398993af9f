//! `rapporteur render --to pdf` end to end, with views and `--colour`.

mod pdf_support;
use pdf_support::*;
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
    let text = pdftotext(&accepted, None);
    assert!(!text.contains("(US"), "attributions in the accepted view");
    assert!(!text.contains("that have not yet done so should"));
    assert!(text.contains("in a position to do so are encouraged to"));
    // The author view keeps the United States' changes, not Canada's.
    let text = pdftotext(&us, None);
    assert!(text.contains("(US: delete, since it was not discussed during the WG)"));
    assert!(!text.contains("(Canada"));
    // The file given by the CLI is byte-identical to the library's.
    let lib = rapporteur::pdf::write(example(), &Default::default()).unwrap();
    assert!(std::fs::read(&all).unwrap() == lib);
}

#[test]
fn separate_processes_write_the_same_bytes() {
    let (_a, first) = render(&["--colour"]);
    let (_b, second) = render(&["--colour"]);
    assert!(std::fs::read(first).unwrap() == std::fs::read(second).unwrap());
}
