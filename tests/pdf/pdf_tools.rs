//! The rendered example checked with external tools (issue 4, point 1):
//! qpdf finds no errors; every font is embedded as a subset with a Unicode
//! map; pdfinfo sees A4, the title, the symbol and tagging; the XMP
//! metadata declares PDF/A (and PDF/UA) and the sRGB output intent is there.

use crate::support::pdf::*;

#[test]
fn qpdf_check_finds_no_errors() {
    if missing(&[Tool::Qpdf]) {
        return;
    }
    let pdf = example_pdf();
    let (ok, out, err) = run(Tool::Qpdf, &["--check", pdf.to_str().unwrap()]);
    assert!(ok, "qpdf --check failed:\n{out}\n{err}");
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check:\n{out}"
    );
    assert!(!out.to_lowercase().contains("error:"), "{out}");
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    if missing(&[Tool::Pdffonts]) {
        return;
    }
    let out = poppler(Tool::Pdffonts, &[example_pdf().to_str().unwrap()]);
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(rows.len() >= 3, "regular, bold and italic at least:\n{out}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        // A subset's name carries a six-letter tag: ABCDEF+Name.
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "font not subset-tagged: {row}"
        );
        assert!(name.contains("LiberationSerif"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // emb sub uni, then the object number and generation.
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
}

#[test]
fn pdfinfo_shows_a4_title_subject_and_tagging() {
    if missing(&[Tool::Pdfinfo]) {
        return;
    }
    let doc = example();
    let info = poppler(Tool::Pdfinfo, &[example_pdf().to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let title = doc.meta.title.as_deref().unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.contains(title)),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Subject:") && l.contains(&doc.meta.symbol)),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.contains("yes")),
        "{info}"
    );
    // The creation date is the document date, not the clock.
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains("Oct  9") && l.contains("2020")),
        "{info}"
    );
}

#[test]
fn xmp_declares_pdfa_and_the_output_intent_is_present() {
    if missing(&[Tool::Qpdf]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    // Uncompressed, without object streams, so the dictionaries can be read.
    let (ok, _, err) = run(
        Tool::Qpdf,
        &[
            "--qdf",
            "--object-streams=disable",
            example_pdf().to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    assert!(ok, "qpdf --qdf failed: {err}");
    let bytes = std::fs::read(&plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A part in XMP"
    );
    assert!(
        text.contains("<pdfaid:conformance>A</pdfaid:conformance>")
            || text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "no PDF/A conformance level in XMP"
    );
    assert!(text.contains("/OutputIntents"), "no output intent");
    assert!(
        text.contains("/GTS_PDFA1"),
        "the output intent is not a PDF/A one"
    );
    assert!(text.contains("sRGB"), "the output intent is not sRGB");
    assert!(text.contains("/MarkInfo"), "not marked as tagged");
    assert!(text.contains("/StructTreeRoot"), "no structure tree");
    assert!(text.contains("/Outlines"), "no outline");
}
