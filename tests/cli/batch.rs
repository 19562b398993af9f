//! Batch rendering: many files in one run, one broken file reported without
//! stopping the others.

use std::process::Command;

#[test]
fn a_broken_file_in_a_batch_is_reported_and_the_rest_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for seed in 1..=12u64 {
        let path = dir.path().join(format!("doc{seed:02}.md"));
        std::fs::write(&path, rapporteur::generate::document(1, seed)).unwrap();
        inputs.push(path);
    }
    let broken = dir.path().join("broken.md");
    let mut text = rapporteur::generate::document(1, 99);
    text.push_str("\nA last paragraph with {++an unattributed change++}.\n");
    std::fs::write(&broken, &text).unwrap();
    inputs.insert(5, broken.clone());
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", "--to", "md"])
        .arg("-o")
        .arg(&out)
        .args(&inputs)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.md:"), "{stderr}");
    assert!(
        stderr.contains("this change has no attribution"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rendered 12 of 13 files (12 outputs)"),
        "{stderr}"
    );
    for seed in 1..=12u64 {
        let written = out.join(format!("doc{seed:02}.txt"));
        let text = std::fs::read_to_string(&written).unwrap();
        assert!(
            text.contains("*Discussion point 44*"),
            "{}",
            written.display()
        );
    }
    assert!(!out.join("broken.txt").exists());
}

#[test]
fn generated_documents_are_the_same_bytes_for_the_same_seed() {
    let run = |seed: &str| {
        Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["generate", "--scale", "2", "--seed", seed])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("5"), run("5"));
    assert_ne!(run("5"), run("6"));
}

#[test]
fn the_readme_command_writes_the_docx_and_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/firearms-comments.md");
    let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render"])
        .arg(&example)
        .args(["--to", "docx,pdf", "-o"])
        .arg(format!("{}/", out.display()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docx = std::fs::read(out.join("firearms-comments.docx")).unwrap();
    let pdf = std::fs::read(out.join("firearms-comments.pdf")).unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"));
    assert!(pdf.starts_with(b"%PDF-"));
    // Outputs are ordinary files, readable by others, not the private
    // temporary file they were written through; no temporary file is left.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("firearms-comments.pdf"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_render_never_overwrites_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("notes.md");
    let text = rapporteur::generate::document(1, 3);
    std::fs::write(&source, &text).unwrap();
    // Text output next to the input is `.txt`, not the input's own name.
    let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", "--to", "md,pandoc"])
        .arg(&source)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("notes.txt").exists());
    assert!(dir.path().join("notes.pandoc.md").exists());
    assert_eq!(std::fs::read_to_string(&source).unwrap(), text);
    // Naming the source as the output is refused, and it stays as it was.
    let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", "--to", "md", "-o"])
        .arg(&source)
        .arg(&source)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("would overwrite the source"));
    assert_eq!(std::fs::read_to_string(&source).unwrap(), text);
}

/// Lists every file and directory under `dir`, relative to it.
fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        if path.is_dir() {
            out.extend(tree(&path).into_iter().map(|n| format!("{name}/{n}")));
        }
        out.push(name);
    }
    out.sort();
    out
}

/// `-o` naming a file (an extension, not an existing directory) while
/// several outputs are due is a usage error: exit 2, the reason on standard
/// error, and nothing written (before, `-o single.docx --to docx,pdf` made a
/// directory named `single.docx`).
#[test]
fn o_naming_a_file_with_several_outputs_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.md");
    let second = dir.path().join("second.md");
    std::fs::copy(&minimal, &second).unwrap();
    let before = tree(dir.path());
    let cases: [(&str, Vec<&std::path::Path>, &str); 4] = [
        ("single.docx", vec![&minimal], "docx,pdf"),
        ("single.pdf", vec![&minimal, &second], "pdf"),
        ("out.txt", vec![&minimal], "md,pandoc"),
        ("sub/single.docx", vec![&minimal], "docx,md"),
    ];
    for (name, inputs, formats) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["render", "--to", formats, "-o"])
            .arg(dir.path().join(name))
            .args(&inputs)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "-o {name}: {stderr}");
        assert!(
            stderr.contains("names a file") && stderr.contains("give a directory with -o"),
            "-o {name}: {stderr}"
        );
        assert_eq!(tree(dir.path()), before, "-o {name} wrote something");
    }
    // A name without an extension, or an existing directory whatever its
    // name, is a directory: both outputs go in it.
    let existing = dir.path().join("looks-like.docx");
    std::fs::create_dir(&existing).unwrap();
    for out in [dir.path().join("out"), existing] {
        let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["render", "--to", "md,pandoc", "-o"])
            .arg(&out)
            .arg(&minimal)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(tree(&out), ["minimal.pandoc.md", "minimal.txt"]);
    }
    // One input, one format: `-o` names the file itself.
    let file = dir.path().join("single.docx");
    let output = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", "--to", "docx", "-o"])
        .arg(&file)
        .arg(&minimal)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(file.is_file());
}
