//! The package itself: well-formed parts, every part declared and related,
//! the same bytes for the same input, and one test for each thing Word
//! needs that a general DOCX library was found to get wrong (docx-rs
//! 0.4.22, which the writer used until it wrote every part itself).

use crate::support;

use rapporteur::write::docx::{write, Options};
use std::collections::{BTreeMap, BTreeSet};
use support::*;

fn parts_of(name: &str) -> BTreeMap<String, Vec<u8>> {
    unzip(&render(&parse(&example(name))))
}

#[test]
fn every_part_is_well_formed_xml() {
    for name in ["firearms-comments.md", "minimal.md"] {
        for (path, bytes) in parts_of(name) {
            // The only part that is not XML: page 1's barcode.
            if path.starts_with("word/media/") && path.ends_with(".png") {
                assert!(bytes.starts_with(b"\x89PNG"), "{name}: {path} is no PNG");
                continue;
            }
            assert!(
                path.ends_with(".xml") || path.ends_with(".rels"),
                "{name}: unexpected part {path}"
            );
            let root = xml(&path, &bytes);
            assert!(!root.name.is_empty());
            assert!(
                bytes.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\""),
                "{path}: no XML declaration"
            );
        }
    }
}

#[test]
fn every_part_is_declared_and_related() {
    for name in ["firearms-comments.md", "minimal.md"] {
        let parts = parts_of(name);
        let types = xml("[Content_Types].xml", &parts["[Content_Types].xml"]);
        let defaults: BTreeSet<&str> = types
            .find_all("Default")
            .iter()
            .map(|d| d.attr("Extension").unwrap())
            .collect();
        let overrides: BTreeSet<String> = types
            .find_all("Override")
            .iter()
            .map(|o| {
                o.attr("PartName")
                    .unwrap()
                    .trim_start_matches('/')
                    .to_owned()
            })
            .collect();
        // Every override names a part that exists.
        for o in &overrides {
            assert!(
                parts.contains_key(o),
                "{name}: override for missing part {o}"
            );
        }
        // Every part but .rels has its own content type.
        for path in parts.keys() {
            if path == "[Content_Types].xml" {
                continue;
            }
            let declared =
                overrides.contains(path) || (path.ends_with(".rels") && defaults.contains("rels"));
            assert!(declared, "{name}: {path} has no content type");
        }

        // Relationships: every target exists, every part but the package's
        // own is the target of one relationship.
        let mut targets = BTreeSet::new();
        // The package's, the document's and the first-page footer's
        // (its barcode image).
        let rels_parts: Vec<(&str, String)> = parts
            .keys()
            .filter(|p| p.ends_with(".rels"))
            .map(|p| (p.as_str(), p.split("_rels/").next().unwrap().to_owned()))
            .collect();
        for (rels_path, base) in rels_parts {
            let rels = xml(rels_path, &parts[rels_path]);
            let mut ids = BTreeSet::new();
            for r in rels.find_all("Relationship") {
                // `../` climbs out of the part's folder (the custom XML part).
                let target = r.attr("Target").unwrap();
                let target = match target.strip_prefix("../") {
                    Some(up) => up.to_string(),
                    None => format!("{base}{target}"),
                };
                assert!(
                    parts.contains_key(&target),
                    "{name}: {rels_path} → missing {target}"
                );
                assert!(ids.insert(r.attr("Id").unwrap().to_owned()), "duplicate Id");
                targets.insert(target);
            }
        }
        for path in parts.keys() {
            if path.ends_with(".rels") || path == "[Content_Types].xml" {
                continue;
            }
            assert!(
                targets.contains(path),
                "{name}: no relationship targets {path}"
            );
        }
        // Every r:id the document uses is a relationship of the document.
        let doc_rels = xml("rels", &parts["word/_rels/document.xml.rels"]);
        let ids: BTreeSet<&str> = doc_rels
            .find_all("Relationship")
            .iter()
            .map(|r| r.attr("Id").unwrap())
            .collect();
        let document = xml("document", &parts["word/document.xml"]);
        for e in document.descendants() {
            if let Some(id) = e.attr("r:id") {
                assert!(ids.contains(id), "{name}: r:id {id} not related");
            }
        }
    }
}

#[test]
fn two_renders_are_byte_identical_also_in_one_process() {
    let minimal = parse(&example("minimal.md"));
    let example_doc = parse(&example("firearms-comments.md"));
    let first = render(&minimal);
    // Nothing carries over from one document to the next.
    let other = render(&example_doc);
    let second = render(&minimal);
    assert!(first == second, "minimal.md: second render differs");
    assert!(
        other == render(&example_doc),
        "example: second render differs"
    );
    // Also from other threads at the same time.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let d = minimal.clone();
            std::thread::spawn(move || render(&d))
        })
        .collect();
    for h in handles {
        assert!(
            h.join().unwrap() == first,
            "a render in another thread differs"
        );
    }
}

#[test]
fn two_processes_write_the_same_bytes() {
    let exe = env!("CARGO_BIN_EXE_rapporteur");
    let dir = scratch("processes");
    let mut outputs = Vec::new();
    for i in 0..2 {
        let out = dir.join(format!("run{i}.docx"));
        let status = std::process::Command::new(exe)
            .args(["render", "--to", "docx", "-o"])
            .arg(&out)
            .arg(example("firearms-comments.md"))
            .status()
            .unwrap();
        assert!(status.success());
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert!(outputs[0] == outputs[1]);
}

// --- What Word needs, one test each ----------------------------------

/// Revision ids are not taken from a process-wide counter: they are
/// numbered per document, after the comment ids, from the same start in
/// every render.
#[test]
fn revision_ids_do_not_depend_on_earlier_documents() {
    let doc = parse(&example("minimal.md"));
    let ids = |bytes: &[u8]| {
        let parts = unzip(bytes);
        let document = xml("document", &parts["word/document.xml"]);
        let comments = xml("comments", &parts["word/comments.xml"])
            .find_all("w:comment")
            .len();
        let ids: Vec<u32> = document
            .descendants()
            .iter()
            .filter(|e| e.name == "w:ins" || e.name == "w:del")
            .map(|e| e.attr("w:id").unwrap().parse().unwrap())
            .collect();
        (comments, ids)
    };
    let (comments, first) = ids(&render(&doc));
    let (_, second) = ids(&render(&doc));
    assert_eq!(first, second);
    assert_eq!(
        first[0] as usize, comments,
        "revision ids follow the comment ids"
    );
    assert!(
        first.windows(2).all(|w| w[1] == w[0] + 1),
        "numbered in document order"
    );
    // No paragraph ids in the body (optional, and only Word 2010+ reads them).
    let parts = unzip(&render(&doc));
    let text = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(!text.contains("w14:paraId"));
}

/// A change inside a footnote: its revision ids continue after the
/// body's, so that no revision id of the package repeats, and none is a
/// comment's id (Word reads both from one space of ids).
#[test]
fn footnote_revision_ids_follow_the_bodys_and_no_id_repeats() {
    let doc = parse(&root().join("tests/data/languages/fr.md"));
    let parts = unzip(&render(&doc));
    let revision_ids = |path: &str| -> Vec<u32> {
        xml(path, &parts[path])
            .descendants()
            .iter()
            .filter(|e| e.name == "w:ins" || e.name == "w:del")
            .map(|e| e.attr("w:id").unwrap().parse().unwrap())
            .collect()
    };
    let body = revision_ids("word/document.xml");
    let notes = revision_ids("word/footnotes.xml");
    assert!(!notes.is_empty(), "fr.md has a change in a footnote");
    let comments: Vec<u32> = xml("comments", &parts["word/comments.xml"])
        .find_all("w:comment")
        .iter()
        .map(|c| c.attr("w:id").unwrap().parse().unwrap())
        .collect();
    assert_eq!(notes[0], body.last().unwrap() + 1, "notes after the body");
    let all: Vec<u32> = comments
        .iter()
        .chain(&body)
        .chain(&notes)
        .copied()
        .collect();
    let distinct: BTreeSet<u32> = all.iter().copied().collect();
    assert_eq!(distinct.len(), all.len(), "an id repeats: {all:?}");
}

/// A title and an author's name holding characters XML 1.0 cannot carry
/// (a control character) or carries only escaped (markup, a line break):
/// every part stays well-formed, and the author's name reads the same in
/// the revisions, the comments and the people part.
#[test]
fn control_characters_and_line_breaks_in_names_leave_every_part_readable() {
    let doc = parse_str(
        "+++\nsymbol = \"A/1\"\ndate = 2020-10-09\nlanguage = \"en\"\n\
         title = \"One\\u0001 & <two>\\r\\nthree\"\n\
         [authors]\nFR = { name = \"Fr\\u0001ance\\nof \\\"us\\\"\" }\n+++\n\n\
         1. States {++should++}{>>FR: why<<} act.\n",
    );
    let parts = unzip(&render(&doc));
    for (path, bytes) in &parts {
        if path.ends_with(".xml") {
            xml(path, bytes);
            assert!(!bytes.contains(&1), "{path}: a control character");
        }
    }
    let core = xml("core", &parts["docProps/core.xml"]);
    assert_eq!(core.find_all("dc:title")[0].text(), "One & <two>\r\nthree");
    let document = xml("document", &parts["word/document.xml"]);
    let comments = xml("comments", &parts["word/comments.xml"]);
    let people = xml("people", &parts["word/people.xml"]);
    let name = "France\nof \"us\"";
    assert_eq!(document.find_all("w:ins")[0].attr("w:author"), Some(name));
    assert_eq!(
        comments.find_all("w:comment")[0].attr("w:author"),
        Some(name)
    );
    assert_eq!(
        people.find_all("w15:person")[0].attr("w15:author"),
        Some(name)
    );
}

/// Separator notes: Word needs ids -1 and 0 as separator
/// and continuation separator, named in the settings.
#[test]
fn footnotes_have_separators() {
    let parts = parts_of("minimal.md");
    let notes = xml("footnotes", &parts["word/footnotes.xml"]);
    let kinds: Vec<(Option<&str>, &str)> = notes
        .find_all("w:footnote")
        .iter()
        .map(|f| (f.attr("w:type"), f.attr("w:id").unwrap()))
        .collect();
    assert_eq!(kinds[0], (Some("separator"), "-1"));
    assert_eq!(kinds[1], (Some("continuationSeparator"), "0"));
    assert_eq!(notes.find_all("w:separator").len(), 1);
    assert_eq!(notes.find_all("w:continuationSeparator").len(), 1);
    let settings = xml("settings", &parts["word/settings.xml"]);
    let refs: Vec<&str> = settings.find_all("w:footnotePr")[0]
        .find_all("w:footnote")
        .iter()
        .map(|f| f.attr("w:id").unwrap())
        .collect();
    assert_eq!(refs, ["-1", "0"]);
}

/// The mark in the note: numbered notes get Word's
/// automatic mark; the agenda note (and `[^**]`) its custom mark, also at
/// the reference (w:customMarkFollows).
#[test]
fn footnote_marks_numbered_and_custom() {
    let parts = parts_of("minimal.md");
    let notes = xml("footnotes", &parts["word/footnotes.xml"]);
    let bodies: Vec<&El> = notes
        .find_all("w:footnote")
        .into_iter()
        .filter(|f| f.attr("w:type").is_none())
        .collect();
    // The agenda note `*`, the numbered note, the `**` note, in order.
    assert_eq!(bodies.len(), 3);
    let starts: Vec<String> = bodies.iter().map(|f| f.text()).collect();
    assert!(starts[0].starts_with('*') && starts[0].contains("CTOC/COP/WG.6/2020/1."));
    assert_eq!(bodies[0].find_all("w:footnoteRef").len(), 0);
    assert_eq!(
        bodies[1].find_all("w:footnoteRef").len(),
        1,
        "numbered: Word's mark"
    );
    assert!(starts[2].starts_with("**"));
    let document = xml("document", &parts["word/document.xml"]);
    let refs: Vec<(Option<&str>, &str)> = document
        .find_all("w:footnoteReference")
        .iter()
        .map(|r| (r.attr("w:customMarkFollows"), r.attr("w:id").unwrap()))
        .collect();
    assert_eq!(refs, [(Some("1"), "1"), (None, "2"), (Some("1"), "3")]);
    for f in &bodies {
        assert_eq!(
            f.find_all("w:pStyle")[0].attr("w:val"),
            Some("FootnoteText")
        );
    }
}

/// Core title and subject: the title
/// and the symbol, dated with the document date.
#[test]
fn core_properties_title_subject_language_and_dates() {
    let doc = parse(&example("firearms-comments.md"));
    let parts = unzip(&render(&doc));
    let core = xml("core", &parts["docProps/core.xml"]);
    let get = |n: &str| core.find_all(n)[0].text();
    assert_eq!(get("dc:title"), doc.meta.title.clone().unwrap());
    assert_eq!(get("dc:subject"), "CTOC/COP/2020/CRP.4");
    assert_eq!(get("dc:language"), "en-GB");
    assert_eq!(get("dcterms:created"), "2020-10-09T00:00:00Z");
    assert_eq!(get("dcterms:modified"), "2020-10-09T00:00:00Z");
}

/// The numbering part holds
/// exactly the one definition the numbered paragraphs use.
#[test]
fn numbering_is_ours_alone_and_every_reference_resolves() {
    let parts = parts_of("minimal.md");
    let numbering = xml("numbering", &parts["word/numbering.xml"]);
    assert_eq!(numbering.find_all("w:abstractNum").len(), 1);
    let nums: BTreeSet<&str> = numbering
        .find_all("w:num")
        .iter()
        .map(|n| n.attr("w:numId").unwrap())
        .collect();
    let lvl = numbering.find_all("w:lvl")[0];
    let ind = lvl.find_all("w:ind")[0];
    assert!(
        ind.attr("w:hanging").is_some(),
        "numbers hang in the indent"
    );
    assert_eq!(lvl.find_all("w:lvlText")[0].attr("w:val"), Some("%1."));
    let styles = xml("styles", &parts["word/styles.xml"]);
    let document = xml("document", &parts["word/document.xml"]);
    for e in styles
        .find_all("w:numId")
        .into_iter()
        .chain(document.find_all("w:numId"))
    {
        assert!(nums.contains(e.attr("w:val").unwrap()));
    }
    // Numbered paragraphs get their number from the style, not from text.
    let numbered: Vec<&El> = document
        .find_all("w:p")
        .into_iter()
        .filter(|p| {
            p.find_all("w:pStyle")
                .first()
                .is_some_and(|s| s.attr("w:val") == Some("NumberedParagraph"))
        })
        .collect();
    assert_eq!(numbered.len(), 7);
    assert!(numbered[0]
        .text()
        .starts_with("This paragraph is numbered by hand"));
}

/// Settings: track changes on unless turned off, odd and even headers, and
/// a section with a title page and six header/footer references.
#[test]
fn settings_and_running_heads() {
    let doc = parse(&example("firearms-comments.md"));
    for track in [true, false] {
        let bytes = write(
            &doc,
            &Options {
                track_revisions: track,
            },
        )
        .unwrap();
        let parts = unzip(&bytes);
        let settings = xml("settings", &parts["word/settings.xml"]);
        assert_eq!(settings.find_all("w:trackRevisions").len(), track as usize);
        assert_eq!(settings.find_all("w:evenAndOddHeaders").len(), 1);
    }
    let parts = unzip(&render(&doc));
    let document = xml("document", &parts["word/document.xml"]);
    let sect = document.find_all("w:sectPr")[0];
    assert_eq!(sect.find_all("w:titlePg").len(), 1);
    let refs: Vec<(&str, &str)> = sect
        .elems()
        .filter(|e| e.name.ends_with("Reference"))
        .map(|e| (e.name.as_str(), e.attr("w:type").unwrap()))
        .collect();
    assert_eq!(refs.len(), 6);
    // A4 from the front matter.
    let pg = sect.find_all("w:pgSz")[0];
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    // Odd header: the symbol, right; even: left. First footer: job number.
    let text = |p: &str| xml(p, &parts[p]).text();
    assert_eq!(text("word/header2.xml"), "CTOC/COP/2020/CRP.4");
    assert_eq!(text("word/header3.xml"), "CTOC/COP/2020/CRP.4");
    assert!(text("word/header1.xml").starts_with("United Nations"));
    assert_eq!(text("word/footer1.xml"), "V.20-05590 (E)");
    let footer_odd = xml("f", &parts["word/footer2.xml"]);
    assert_eq!(footer_odd.find_all("w:instrText")[0].text().trim(), "PAGE");
}

/// Letter paper when the front matter asks for it.
#[test]
fn letter_paper() {
    let mut doc = parse(&example("minimal.md"));
    doc.meta.paper = rapporteur::model::Paper::Letter;
    let parts = unzip(&render(&doc));
    let document = xml("document", &parts["word/document.xml"]);
    let pg = document.find_all("w:pgSz")[0];
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h")),
        (Some("12240"), Some("15840"))
    );
}

/// Styles are named for what they are, and the body uses them rather than
/// direct formatting.
#[test]
fn styles_named_for_what_they_are() {
    let parts = parts_of("firearms-comments.md");
    let styles = xml("styles", &parts["word/styles.xml"]);
    let names: BTreeSet<&str> = styles
        .find_all("w:name")
        .iter()
        .map(|n| n.attr("w:val").unwrap())
        .collect();
    for name in [
        "Title",
        "heading 1",
        "heading 2",
        "Numbered Paragraph",
        "Point Heading",
        "Subparagraph",
        "footnote text",
        "footnote reference",
    ] {
        assert!(names.contains(name), "no style {name}");
    }
    let point = styles
        .find_all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some("PointHeading"))
        .unwrap();
    assert_eq!(point.find_all("w:i").len(), 1, "point headings are italic");
    let document = xml("document", &parts["word/document.xml"]);
    let body = document.find_all("w:body")[0];
    // No direct size or font on any run of the body.
    assert!(body.find_all("w:sz").is_empty());
    assert!(body.find_all("w:rFonts").is_empty());
    let headings: Vec<String> = body
        .find_all("w:p")
        .into_iter()
        .filter(|p| {
            p.find_all("w:pStyle")
                .first()
                .is_some_and(|s| s.attr("w:val") == Some("PointHeading"))
        })
        .map(|p| p.text())
        .collect();
    assert_eq!(headings.len(), 44);
    assert_eq!(headings[0], "Discussion point 1");
}
