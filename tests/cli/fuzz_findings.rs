//! Inputs the fuzz targets once broke the reader with (`scripts/fuzz-docx-read.sh`),
//! replayed as the targets build them: each must read or be refused,
//! never panic.

use crate::support;

use rapporteur::model::view::{self, View};
use std::io::Write;
use support::root;

/// The parts a `docx_read_parts` input holds, in its order.
const PARTS: [&str; 5] = [
    "word/document.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "customXml/item1.xml",
];

/// The package `fuzz_targets/docx_read_parts.rs` makes of an input.
fn package(data: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let text = String::from_utf8_lossy(data);
    for (name, part) in PARTS.iter().zip(text.split("\n--PART--\n")) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(part.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn every_recorded_finding_reads_or_is_refused_without_a_panic() {
    let dir = root().join("tests/data/fuzz/docx_read_parts");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no findings in {}", dir.display());
    for path in names {
        let bytes = package(&std::fs::read(&path).unwrap());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // What the target does with a document it reads: every view as text.
        let read = std::panic::catch_unwind(|| {
            if let Ok(imported) = rapporteur::read::docx::read(&bytes, &name) {
                let doc = &imported.doc;
                for v in [View::All, View::Accepted, View::Original] {
                    rapporteur::write::text::write(&view::apply(doc, v));
                }
                rapporteur::model::stats::stats(doc);
            }
        });
        assert!(read.is_ok(), "{name}: the reader panicked");
    }
}

/// The first finding: a stored-structure token that starts with a
/// character of more than one byte was split inside it.
#[test]
fn a_structure_token_that_does_not_start_with_ascii_is_an_error() {
    let path = root().join("tests/data/fuzz/docx_read_parts/structure-token-not-ascii.parts");
    let bytes = package(&std::fs::read(path).unwrap());
    // The damaged structure is not used: the file reads from its markup.
    let imported = rapporteur::read::docx::read(&bytes, "fuzzed.docx").expect("reads");
    assert!(
        matches!(
            imported.origin,
            rapporteur::read::docx::Origin::EditedSinceRendered { .. }
        ),
        "{:?}",
        imported.origin
    );
}
