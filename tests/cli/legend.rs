//! The legend a `--colour` PDF ends with, in each of the six languages:
//! its heading and its lines in the document's language, each count in
//! its plural form, and a colour swatch per State drawn as a shape (no
//! face need have a glyph for it: Amiri has no ■). Arabic and Chinese need
//! installed fonts (fonts-hosny-amiri, fonts-noto-cjk).

use crate::support;

use rapporteur::layout::compose::author_colour;
use rapporteur::layout::{BlockKind, Layout, PlacedLine};
use rapporteur::model::{Document, Language};
use rapporteur::write::pdf::Options;
use std::process::Command;
use support::root;
use support::tools::{self, Tool};

/// A source in each language with changes and notes by several States,
/// and the heading its legend must have.
const SOURCES: [(Language, &str, &str); 6] = [
    (Language::En, "examples/minimal.md", "Changes by author"),
    (
        Language::Fr,
        "tests/data/languages/fr.md",
        "Modifications par auteur",
    ),
    (
        Language::Es,
        "tests/data/languages/es.md",
        "Cambios por autor",
    ),
    (
        Language::Ru,
        "tests/data/languages/ru.md",
        "Изменения по авторам",
    ),
    (
        Language::Ar,
        "examples/discussion-ar.md",
        "التعديلات حسب مقدميها",
    ),
    (
        Language::Zh,
        "examples/discussion-zh.md",
        "按提出方分列的修改",
    ),
];

const COLOUR: Options = Options {
    colour: true,
    font_dir: None,
};

/// The lines of blocks of `kind` on the last page, in reading order.
fn lines_of(laid: &Layout, kind: BlockKind) -> Vec<&PlacedLine> {
    let last = laid.pages.last().expect("pages");
    last.lines
        .iter()
        .filter(|l| laid.blocks[l.block].kind == kind)
        .collect()
}

/// A line's text in logical order (runs are kept so, also right to left).
fn text(line: &PlacedLine) -> String {
    line.line.runs.iter().map(|r| r.text.as_str()).collect()
}

/// The first line of each legend entry, and each entry's words: an entry
/// longer than the text block's measure wraps, its lines read as one.
fn entries(laid: &Layout) -> Vec<(&PlacedLine, String)> {
    let all = lines_of(laid, BlockKind::Legend);
    all.iter()
        .filter(|l| l.index == 0)
        .map(|first| {
            let words: Vec<String> = all
                .iter()
                .filter(|l| l.block == first.block)
                .map(|l| text(l).trim_end().to_string())
                .collect();
            (*first, words.join(" "))
        })
        .collect()
}

fn parse(source: &str) -> Document {
    support::parse(&root().join(source))
}

/// The legend as the layout sets it: the heading and a line per State
/// with a change or a note, each line as `present::legend_entry` words it
/// from the template, keyed by a swatch in the State's colour that hangs
/// where a label does (on the right in Arabic).
#[test]
fn the_legend_reads_in_the_document_s_language_with_a_swatch_per_state() {
    for (language, source, heading) in SOURCES {
        if support::fonts_for(language).is_none() {
            continue;
        }
        let doc = parse(source);
        assert_eq!(doc.meta.language, language, "{source}");
        let laid = rapporteur::write::pdf::layout(&doc, &COLOUR).unwrap();
        let head = lines_of(&laid, BlockKind::LegendHeading);
        assert_eq!(head.len(), 1, "{source}: the heading on the last page");
        assert_eq!(text(head[0]), heading, "{source}");
        assert_eq!(laid.blocks[head[0].block].title, heading, "{source}");

        let entries = entries(&laid);
        let expected: Vec<_> = rapporteur::model::stats::stats(&doc)
            .into_iter()
            .filter(|(_, s)| s.changes() + s.notes > 0)
            .collect();
        assert!(expected.len() >= 2, "{source}: States in the legend");
        assert_eq!(entries.len(), expected.len(), "{source}: an entry each");
        for ((line, entry), (author, stats)) in entries.iter().zip(&expected) {
            let a = doc.author(*author);
            let words = rapporteur::present::legend_entry(language, &a.code, &a.name, stats);
            assert_eq!(entry, &words.text(), "{source}");
            // The code, and only the code, in the State's colour, underlined
            // as its insertions are (Chinese sets it a character a run).
            let coloured: Vec<_> = line
                .line
                .runs
                .iter()
                .filter(|r| r.colour.is_some())
                .collect();
            let code: String = coloured.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(code.trim_end(), a.code, "{source}");
            for run in &coloured {
                assert_eq!(run.colour, Some(author_colour(*author)), "{source}");
            }
            let size = coloured[0].size;
            assert!(line.line.decorations.iter().any(|d| !d.strike));
            // No glyph keys the colour: a filled square does, on the side
            // the line starts from.
            assert!(line.line.label.is_empty(), "{source}: no ■ glyph");
            let swatch = line.line.swatch.expect("a swatch");
            assert_eq!(swatch.colour, author_colour(*author), "{source}");
            assert!(
                swatch.side > 0.3 * size && swatch.side < 0.8 * size,
                "{source}: a {} pt square beside {size} pt text",
                swatch.side
            );
            let (left, right) = (line.x + swatch.x, line.x + swatch.x + swatch.side);
            if language == Language::Ar {
                assert!(
                    left > line.x + line.line.width,
                    "{source}: swatch at the right"
                );
            } else {
                assert!(right < line.x, "{source}: swatch at the left");
            }
        }
    }
}

/// Lines pinned word for word, the plural forms among them: Arabic's dual
/// (تعديلان) and "لا حذف" for none; Chinese full-width marks.
#[test]
fn legend_lines_read_as_pinned() {
    for (language, source, line) in [
        (
            Language::En,
            "examples/minimal.md",
            "US (United States): 5 changes (2 insertions, 3 deletions), 3 notes",
        ),
        (
            Language::Ru,
            "tests/data/languages/ru.md",
            "RU (Российская Федерация): 1 изменение (1 добавление, 0 исключений), 0 замечаний",
        ),
        (
            Language::Fr,
            "tests/data/languages/fr.md",
            "CA (Canada)\u{202F}: 1 modification (1 insertion, 0 suppression), 1 observation",
        ),
        (
            Language::Es,
            "tests/data/languages/es.md",
            "ES (España): 3 cambios (1 inserción, 2 supresiones), 1 observación",
        ),
        (
            Language::Ar,
            "examples/discussion-ar.md",
            "مصر: تعديلان (إضافة واحدة، حذف واحد)، تعليق واحد",
        ),
        (
            Language::Ar,
            "examples/discussion-ar.md",
            "Mexico: تعديل واحد (إضافة واحدة، لا حذف)، تعليق واحد",
        ),
        (
            Language::Zh,
            "examples/discussion-zh.md",
            "埃及：1处修改（1处插入、0处删除），1条评论",
        ),
    ] {
        if support::fonts_for(language).is_none() {
            continue;
        }
        let laid = rapporteur::write::pdf::layout(&parse(source), &COLOUR).unwrap();
        let lines: Vec<String> = entries(&laid).into_iter().map(|e| e.1).collect();
        assert!(lines.iter().any(|l| l == line), "{line:?} in {lines:#?}");
    }
}

/// Every language renders a `--colour` PDF (Arabic stopped on the ■ Amiri
/// lacks), whose text ends with the legend's heading in that language.
#[test]
fn a_colour_pdf_in_each_language_ends_with_its_legend() {
    if tools::missing(&[Tool::Pdftotext]) {
        return;
    }
    for (language, source, heading) in SOURCES {
        if support::fonts_for(language).is_none() {
            continue;
        }
        let bytes = rapporteur::write::pdf::write(&parse(source), &COLOUR)
            .unwrap_or_else(|e| panic!("{source} with --colour: {e}"));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.pdf");
        std::fs::write(&file, bytes).unwrap();
        let out = Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(heading), "{source}: {heading} in\n{text}");
        assert!(!text.contains('■'), "{source}: the swatch is not text");
        if language != Language::En {
            assert!(!text.contains("Changes by author"), "{source}");
            assert!(!text.contains(" changes ("), "{source}");
        }
    }
}
