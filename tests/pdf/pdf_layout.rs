//! The layout engine's own result for the example (issue 4, point 4), the
//! byte-identical renders (point 5), and renders of documents that stress
//! the engine: tables, long words, views, colours, other papers and
//! languages.

use crate::support::pdf::*;
use rapporteur::layout::{self, BlockKind, Layout};
use rapporteur::write::pdf::{self, Options};
use std::collections::BTreeMap;

fn house() -> &'static rapporteur::house::style::HouseStyle {
    rapporteur::house::style::HouseStyle::for_language(rapporteur::model::Language::En)
}

fn example_layout() -> Layout {
    pdf::layout(example(), &Options::default()).expect("example lays out")
}

fn body_lines(l: &Layout) -> impl Iterator<Item = (usize, &rapporteur::layout::PlacedLine)> {
    l.pages.iter().flat_map(move |p| {
        p.lines
            .iter()
            .filter(move |x| {
                !matches!(
                    l.blocks[x.block].kind,
                    BlockKind::Footnote | BlockKind::Masthead | BlockKind::Running
                )
            })
            .map(move |x| (p.number, x))
    })
}

#[test]
fn no_line_exceeds_its_measure() {
    let l = example_layout();
    let mut n = 0;
    for p in &l.pages {
        for x in &p.lines {
            n += 1;
            assert!(
                x.line.width <= x.line.measure + 0.01,
                "page {} block {:?} line {}: {} > {}",
                p.number,
                l.blocks[x.block].kind,
                x.index,
                x.line.width,
                x.line.measure
            );
            // Nothing crosses the right margin either.
            let margin = house().page(rapporteur::model::Paper::A4).margin_outer;
            assert!(
                x.x + x.line.width <= l.width - margin + 0.01,
                "line past the margin"
            );
        }
    }
    assert!(n > 400, "the example has hundreds of lines, got {n}");
    // Body paragraphs are set to the body measure.
    let body = body_lines(&l)
        .filter(|(_, x)| l.blocks[x.block].kind == BlockKind::Paragraph)
        .count();
    assert!(body > 300);
}

#[test]
fn justified_lines_fill_the_measure_with_even_spacing() {
    let l = example_layout();
    let shrink = house().pdf.space_shrink;
    let mut ratios = Vec::new();
    for (page, x) in body_lines(&l) {
        let line = &x.line;
        if !line.justified || line.spaces == 0 {
            continue;
        }
        assert!(
            (line.width - line.measure).abs() < 0.05,
            "page {page}: a justified line is {} wide on a {} measure",
            line.width,
            line.measure
        );
        // Never squeezed past the house style's shrink (issue 19: words
        // that nearly touched).
        let r = line.set_space / line.natural_space;
        assert!(
            r >= 1.0 - shrink - 0.01,
            "page {page} block {} line {}: spaces squeezed to {r:.2} of natural",
            x.block,
            x.index
        );
        ratios.push(r);
    }
    assert!(ratios.len() > 250);
    ratios.sort_by(f32::total_cmp);
    let mean: f32 = ratios.iter().sum::<f32>() / ratios.len() as f32;
    let loosest = ratios[ratios.len() - 1];
    let loose = ratios.iter().filter(|&&r| r > 2.0).count();
    eprintln!(
        "{} justified lines: mean spacing {mean:.2}, loosest {loosest:.2}, {loose} over 2× natural",
        ratios.len()
    );
    // Without hyphenation lines spread more than with it; the breaker
    // keeps them tighter than Word sets the real UN PDF (mean 1.60, one
    // line in five over twice natural, the loosest 3.15: docs/un-layout.md,
    // "Hyphenation and spacing").
    assert!((0.9..=1.45).contains(&mean), "mean spacing {mean:.3}");
    assert!(loosest <= 3.3, "the loosest line's spaces at {loosest:.2}");
    assert!(
        loose * 10 < ratios.len(),
        "{loose} lines over twice natural"
    );
}

#[test]
fn no_widow_or_orphan_lines() {
    // The example as it is (a Vienna document) and at Geneva's wider
    // measure: each page breaks paragraphs elsewhere.
    let mut geneva = example().clone();
    geneva.meta.job = Some("GE.20-05590".into());
    let geneva = pdf::layout(&geneva, &Options::default()).expect("Geneva lays out");
    for (name, l) in [("Vienna", &example_layout()), ("Geneva", &geneva)] {
        // Lines of each block per page.
        let mut parts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
        for (page, x) in body_lines(l) {
            *parts.entry(x.block).or_default().entry(page).or_default() += 1;
        }
        let mut split = 0;
        for (block, pages) in &parts {
            if pages.len() < 2 || l.blocks[*block].kind == BlockKind::TableRow {
                continue;
            }
            split += 1;
            for (page, count) in pages {
                assert!(
                    *count >= 2,
                    "{name}: block {block} ({:?}) leaves {count} line on page {page}",
                    l.blocks[*block].kind
                );
            }
        }
        assert!(
            split >= 2,
            "{name}: the example breaks paragraphs across pages ({split})"
        );
    }
}

#[test]
fn headings_are_never_last_and_points_keep_their_first_lines() {
    let l = example_layout();
    for p in &l.pages {
        let body: Vec<_> = p
            .lines
            .iter()
            .filter(|x| {
                !matches!(
                    l.blocks[x.block].kind,
                    BlockKind::Footnote | BlockKind::Masthead | BlockKind::Running
                )
            })
            .collect();
        let Some(last) = body.last() else { continue };
        assert!(
            !l.blocks[last.block].kind.is_heading(),
            "page {} ends with a heading: {}",
            p.number,
            l.blocks[last.block].title
        );
        // A point heading has at least two lines of its text after it on
        // its page (or all of them when the text is shorter).
        for (i, x) in body.iter().enumerate() {
            if l.blocks[x.block].kind != BlockKind::PointHeading {
                continue;
            }
            let next = body[i + 1..]
                .iter()
                .find(|y| !l.blocks[y.block].kind.is_heading())
                .expect("a point heading has text after it on its page");
            let on_page = body.iter().filter(|y| y.block == next.block).count();
            let total = l.blocks[next.block].lines;
            assert!(
                on_page >= 2.min(total),
                "page {}: {} keeps {on_page} of {total} lines",
                p.number,
                l.blocks[x.block].title
            );
        }
    }
}

#[test]
fn lines_do_not_overlap_and_stay_in_the_body_area() {
    let l = example_layout();
    for p in &l.pages {
        let mut ys: Vec<(f32, usize)> = p
            .lines
            .iter()
            .filter(|x| {
                !matches!(
                    l.blocks[x.block].kind,
                    BlockKind::Masthead | BlockKind::Title | BlockKind::Subtitle
                )
            })
            .map(|x| (x.y, x.block))
            .collect();
        ys.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        for w in ys.windows(2) {
            assert!(
                w[1].0 - w[0].0 >= 8.9,
                "page {}: lines {:?} overlap",
                p.number,
                w
            );
        }
        for (y, _) in ys {
            assert!(
                y > p.body_top - 1.0 && y <= p.body_bottom + 0.01,
                "page {} line at {y}",
                p.number
            );
        }
    }
}

#[test]
fn changes_print_struck_and_underlined_and_attributed() {
    let l = example_layout();
    let decorations: Vec<_> = body_lines(&l)
        .flat_map(|(_, x)| x.line.decorations.iter())
        .collect();
    assert!(decorations.iter().filter(|d| d.strike).count() > 50);
    assert!(decorations.iter().filter(|d| !d.strike).count() > 50);
    let text: String = body_lines(&l)
        .flat_map(|(_, x)| x.line.runs.iter().map(|r| r.text.as_str()))
        .collect();
    // A no-break space holds the code to the first word of the reason.
    assert!(text.contains("(US:\u{a0}delete, since it was not discussed during the WG)"));
    // The accepted view prints no changes at all.
    let accepted =
        rapporteur::model::view::apply(example(), rapporteur::model::view::View::Accepted);
    let la = pdf::layout(&accepted, &Options::default()).unwrap();
    assert!(body_lines(&la).all(|(_, x)| x.line.decorations.is_empty()));
    assert!(la.pages.len() < l.pages.len());
}

#[test]
fn two_renders_are_byte_identical() {
    let a = pdf::write(example(), &Options::default()).unwrap();
    let b = pdf::write(example(), &Options::default()).unwrap();
    assert!(a == b, "two renders differ");
    let c = pdf::write(
        example(),
        &Options {
            colour: true,
            font_dir: None,
        },
    )
    .unwrap();
    let d = pdf::write(
        example(),
        &Options {
            colour: true,
            font_dir: None,
        },
    )
    .unwrap();
    assert!(c == d, "two colour renders differ");
    assert!(a != c);
}

#[test]
fn colour_prints_a_legend_with_counts() {
    if missing(&[Tool::Pdftotext, Tool::Pdfinfo]) {
        return;
    }
    let doc = example();
    let bytes = pdf::write(
        doc,
        &Options {
            colour: true,
            font_dir: None,
        },
    )
    .unwrap();
    let (_dir, path) = temp_pdf(&bytes);
    let pages = page_count(&path);
    let last = pdftotext(&path, Some((pages, pages)));
    assert!(last.contains("Changes by author"), "{last}");
    for (author, s) in rapporteur::model::stats::stats(doc) {
        if s.changes() == 0 {
            continue;
        }
        let a = doc.author(author);
        let line = if a.name == a.code {
            format!("{}: {} change", a.code, s.changes())
        } else {
            format!("{} ({}): {} change", a.code, a.name, s.changes())
        };
        assert!(last.contains(&line), "legend lacks {line:?}:\n{last}");
    }
    // Changes are coloured by author, and each author keeps one colour.
    let l = pdf::layout(
        doc,
        &Options {
            colour: true,
            font_dir: None,
        },
    )
    .unwrap();
    let coloured = body_lines(&l)
        .flat_map(|(_, x)| x.line.decorations.iter())
        .filter(|d| d.colour.is_some())
        .count();
    assert!(coloured > 100);
}

fn stress(front: &str, body: &str) -> Vec<u8> {
    let src = format!("+++\n{front}\n+++\n\n{body}\n");
    let doc = rapporteur::read::source::parse("stress.md", &src)
        .unwrap_or_else(|e| panic!("stress source does not parse: {e:?}\n{src}"));
    let bytes = pdf::write(&doc, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

/// The words of a PDF's text layer, one space between them (pdftotext).
fn text_of(bytes: &[u8]) -> String {
    let (_d, path) = temp_pdf(bytes);
    let text = pdftotext(&path, None);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const FRONT: &str = "symbol = \"A/75/1\"\ndate = 2020-10-09\n[authors]\nUS = \"United States\"";

#[test]
fn odd_documents_render_without_panic() {
    // Rendered whatever is installed; their text checked where poppler is.
    let check_text = !missing(&[Tool::Pdftotext, Tool::Pdfinfo]);
    let has = |bytes: &[u8], words: &[&str]| {
        if check_text {
            let text = text_of(bytes);
            for w in words {
                assert!(text.contains(w), "{w:?} not in {text}");
            }
        }
    };
    // Nothing but front matter: the masthead alone.
    let empty = stress(FRONT, "");
    has(&empty, &["United Nations", "A/75/1", "9 October 2020"]);
    // An unbreakable word longer than the measure: set, not lost.
    let long = "x".repeat(400);
    let bytes = stress(FRONT, &format!("1. Before {long} after.\n"));
    if check_text {
        let text = text_of(&bytes);
        let xs: usize = text
            .split(' ')
            .filter(|w| w.chars().all(|c| c == 'x' || c == '-'))
            .map(|w| w.matches('x').count())
            .sum();
        assert_eq!(xs, 400, "the long word's letters: {text}");
        assert!(
            text.contains("1. Before") && text.contains("after."),
            "{text}"
        );
    }
    // A table, a quote, a statement with its own list, subparagraphs.
    let bytes = stress(
        FRONT,
        "| State | Comment |\n| --- | --- |\n| US | {--old--}{++new++}{>>US<<} words |\n| France | A longer comment that must wrap inside its narrow table cell, several times over, to test it. |\n\n> A quoted paragraph.\n\n::: statement\n1. The State's own list item.\n2. And another.\n:::\n\n(a) First;\n\n(b) Second:\n\n(i) Third level.\n",
    );
    has(
        &bytes,
        &[
            "State Comment",
            "old new (US) words",
            "to test it.",
            "A quoted paragraph.",
            "1. The State’s own list item.",
            "2. And another.",
            "(a) First;",
            "(b) Second:",
            "(i) Third level.",
        ],
    );
    // US letter.
    let letter = stress(
        &FRONT.replace("[authors]", "paper = \"letter\"\n[authors]"),
        "1. Text.\n",
    );
    if check_text {
        let (_d, p) = temp_pdf(&letter);
        let info = poppler(Tool::Pdfinfo, &[p.to_str().unwrap()]);
        assert!(info.contains("612 x 792"), "{info}");
    }
    // French, Spanish and Russian: their masthead, and the body's accents
    // and Cyrillic come through.
    for (lang, masthead, date) in [
        ("fr", "Nations Unies", "9 octobre 2020"),
        ("es", "Naciones Unidas", "9 de octubre de 2020"),
        // Russian documents print the Distr. column, date included, in
        // English (un-layout.md).
        ("ru", "Организация Объединенных Наций", "9 October 2020"),
    ] {
        let bytes = stress(
            &FRONT.replace("[authors]", &format!("language = \"{lang}\"\n[authors]")),
            "1. Les recommandations préliminaires ont été présentées au Groupe de travail pour observations initiales. Отдельные государства также испытывали трудности.\n",
        );
        has(
            &bytes,
            &[
                masthead,
                date,
                "préliminaires ont été présentées",
                "Отдельные государства также испытывали трудности.",
            ],
        );
    }
}

#[test]
fn text_no_face_can_show_is_printed_as_the_replacement_character() {
    // Arabic in an English document is set in a fallback face
    // (layout/fallback.rs); a private-use character no face has is
    // printed as U+FFFD, and the text layer keeps the character.
    let bytes = stress(FRONT, "1. Текст и \u{10FFFD}.");
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let text = text_of(&bytes);
    assert!(text.contains("Текст и \u{10FFFD}."), "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
}

#[test]
fn a_long_document_paginates_in_time() {
    // Twenty copies of the example's body.
    let doc = example();
    let mut big = doc.clone();
    for _ in 1..20 {
        big.blocks.extend(doc.blocks.iter().cloned());
    }
    let start = std::time::Instant::now();
    let l = pdf::layout(&big, &Options::default()).unwrap();
    assert!(l.pages.len() > 150);
    // Generous even for a debug build: pagination must stay linear.
    assert!(start.elapsed().as_secs() < 60);
}

#[test]
fn generated_documents_render_and_keep_the_rules() {
    for seed in 1..=4 {
        let src = rapporteur::generate::document(1, seed);
        let doc = rapporteur::read::source::parse("generated.md", &src).expect("generated parses");
        let l = pdf::layout(&doc, &Options::default()).unwrap();
        for p in &l.pages {
            for x in &p.lines {
                assert!(
                    x.line.width <= x.line.measure + 0.01,
                    "seed {seed}: overfull line"
                );
            }
            let last = p.lines.iter().rfind(|x| {
                !matches!(
                    l.blocks[x.block].kind,
                    BlockKind::Footnote | BlockKind::Masthead | BlockKind::Running
                )
            });
            if let Some(last) = last {
                assert!(
                    !l.blocks[last.block].kind.is_heading(),
                    "seed {seed}: page {} ends with a heading",
                    p.number
                );
            }
        }
        let bytes = pdf::write(&doc, &Options::default()).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}

/// DejaVu Serif (a free family, `fonts-dejavu-core`), whose four faces
/// `--font-dir` reads as `DejaVuSerif.ttf` beside `DejaVuSerif-Bold.ttf`.
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu";
const DEJAVU_FACES: [&str; 4] = [
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "DejaVuSerif-BoldItalic.ttf",
];

#[test]
fn a_font_directory_replaces_the_built_in_faces() {
    let faces = DEJAVU_FACES.map(|f| std::path::Path::new(DEJAVU).join(f));
    let refs: Vec<&std::path::Path> = faces.iter().map(|p| p.as_path()).collect();
    if tools::missing_files(&refs, "apt-get install fonts-dejavu-core") {
        return;
    }
    // A directory of its own, so that only this family can be picked.
    let dir = tempfile::tempdir().unwrap();
    for (face, name) in faces.iter().zip(DEJAVU_FACES) {
        std::fs::copy(face, dir.path().join(name)).unwrap();
    }
    let options = Options {
        colour: false,
        font_dir: Some(dir.path().to_path_buf()),
    };
    let dejavu = pdf::write(example(), &options).unwrap();
    let builtin = pdf::write(example(), &Options::default()).unwrap();
    assert!(dejavu != builtin, "--font-dir changed nothing");
    // DejaVu Serif is much wider than Liberation Serif (Times metrics): the
    // same text takes more pages.
    let wide = pdf::layout(example(), &options).unwrap().pages.len();
    let narrow = example_layout().pages.len();
    assert!(wide > narrow, "{wide} pages with DejaVu, {narrow} without");
    // pdffonts, where installed, names the embedded family.
    if !missing(&[Tool::Pdffonts]) {
        let (_d, path) = temp_pdf(&dejavu);
        let fonts = poppler(Tool::Pdffonts, &[path.to_str().unwrap()]);
        let names: Vec<&str> = fonts
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(names.len() >= 3, "{fonts}");
        for name in names {
            assert!(name.contains("+DejaVuSerif"), "{fonts}");
        }
    }
    let missing_dir = Options {
        colour: false,
        font_dir: Some(std::env::temp_dir().join("no-such-font-dir")),
    };
    let err = pdf::write(example(), &missing_dir).unwrap_err();
    assert!(
        matches!(err, pdf::Error::Layout(layout::Error::Font(_))),
        "{err:?}"
    );
    assert!(err.to_string().contains("font"), "{err}");
    assert!(err.to_string().contains("no-such-font-dir"), "{err}");
    // A directory without a whole family is an error, not the built-in
    // faces in disguise.
    let partial = tempfile::tempdir().unwrap();
    std::fs::copy(&faces[0], partial.path().join(DEJAVU_FACES[0])).unwrap();
    let half = Options {
        colour: false,
        font_dir: Some(partial.path().to_path_buf()),
    };
    let err = pdf::write(example(), &half).unwrap_err();
    assert!(
        matches!(err, pdf::Error::Layout(layout::Error::Font(_))),
        "{err:?}"
    );
}

#[test]
fn a_footnote_longer_than_a_page_continues_on_the_next() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let words = "a long footnote that goes on and on ".repeat(700);
    let body = format!("1. Text with a very long note.[^1] More text after it.\n\n2. Another paragraph.\n\n[^1]: Start-of-note {words} end-of-note.\n");
    let src = format!("+++\n{FRONT}\n+++\n\n{body}");
    let doc = rapporteur::read::source::parse("long.md", &src).unwrap();
    let l = pdf::layout(&doc, &Options::default()).unwrap();
    let with_note: Vec<usize> = l
        .pages
        .iter()
        .filter(|p| p.footnotes.contains(&0))
        .map(|p| p.number)
        .collect();
    assert!(with_note.len() >= 2, "the note spans pages: {with_note:?}");
    assert_eq!(with_note[0], 1, "it starts on the page of its reference");
    for p in &l.pages {
        for x in &p.lines {
            assert!(
                x.y <= p.body_bottom + 0.01,
                "page {}: line below the body",
                p.number
            );
        }
    }
    let bytes = pdf::write(&doc, &Options::default()).unwrap();
    let (_d, path) = temp_pdf(&bytes);
    let all = pdftotext(&path, None);
    assert!(all.contains("Start-of-note") && all.contains("end-of-note."));
}

#[test]
fn no_word_is_hyphenated_by_default() {
    // UN documents break words only at the hyphens they have (the house
    // style's `hyphenate = false`): no line ends in an added hyphen, and a
    // line that ends in a hyphen ends in one of the text's own.
    assert!(!house().pdf.hyphenate);
    let l = example_layout();
    let (mut total, mut at_hyphens) = (0, 0);
    for (page, x) in body_lines(&l) {
        total += 1;
        assert!(
            !x.line.hyphenated,
            "page {page}: block {} line {} ends with an added hyphen",
            x.block, x.index
        );
        let last = x
            .line
            .runs
            .iter()
            .rev()
            .find_map(|r| r.text.chars().next_back());
        if !x.line.last && last == Some('-') {
            at_hyphens += 1;
        }
    }
    assert!(total > 300);
    assert!(
        at_hyphens > 0,
        "lines still break at the text's own hyphens (firearms-related, line-by-line)"
    );
}

#[test]
fn a_url_never_breaks_and_a_compound_keeps_its_parts() {
    let link = "https://www.unodc.org/unodc/en/firearms-protocol/firearms-working-group.html";
    // Words before the URL shift it along the line: at some shift a line
    // ends inside it, where UAX #14 allows a break (after its hyphens
    // and slashes).
    for shift in 0..24 {
        let words = "word ".repeat(shift);
        let body = format!(
            "1. {words}The Working Group’s home- and community-based work is described on its page at {link}, which the secretariat keeps.\n"
        );
        let src = format!("+++\n{FRONT}\n+++\n\n{body}");
        let doc = rapporteur::read::source::parse("url.md", &src).unwrap();
        let l = pdf::layout(&doc, &Options::default()).unwrap();
        let text: String = l.pages[0]
            .lines
            .iter()
            .filter(|x| l.blocks[x.block].kind == BlockKind::Paragraph)
            .map(|x| {
                let t: String = x.line.runs.iter().map(|r| r.text.as_str()).collect();
                format!("{}\n", t.trim_end())
            })
            .collect();
        assert!(
            text.lines().any(|line| line.contains(link)),
            "the URL broken across lines ({shift} words before):\n{text}"
        );
        assert!(!text.contains("com-\nmunity"), "{text}");
    }
}

#[test]
fn streamed_pages_are_the_layouts_pages() {
    // The PDF writer draws pages as `layout::stream` hands them over; they
    // must be the pages `layout::layout` returns, lines and blocks alike
    // (the stream numbers the agenda note's block before the footnotes').
    let doc = parse("tests/data/footnotes.md");
    let fonts = rapporteur::layout::fonts::Fonts::builtin();
    let settings = rapporteur::layout::Settings {
        fonts: &fonts,
        colour: false,
    };
    let whole = rapporteur::layout::layout(&doc, &settings).unwrap();
    let mut pages = Vec::new();
    let streamed = rapporteur::layout::stream(
        &doc,
        &settings,
        &mut |page: rapporteur::layout::Page, blocks: &[rapporteur::layout::BlockInfo]| {
            for x in &page.lines {
                assert!(x.block < blocks.len(), "a page's blocks come with it");
            }
            pages.push(page);
            Ok(())
        },
    )
    .unwrap();
    assert!(streamed.pages.is_empty());
    assert_eq!(pages.len(), whole.pages.len());
    let mut blocks = streamed.blocks.clone();
    blocks.sort_by_key(|b| (b.kind == BlockKind::Footnote && b.footnote.is_none()) as u8);
    assert_eq!(
        blocks, whole.blocks,
        "the same blocks, the agenda note's last"
    );
    for (s, w) in pages.iter().zip(&whole.pages) {
        assert_eq!(s.lines.len(), w.lines.len(), "page {}", w.number);
        for (a, b) in s.lines.iter().zip(&w.lines) {
            assert_eq!((a.x, a.y, &a.line, a.index), (b.x, b.y, &b.line, b.index));
            assert_eq!(streamed.blocks[a.block], whole.blocks[b.block]);
        }
        assert_eq!(s.running, w.running);
        assert_eq!(s.rules, w.rules);
        assert_eq!(s.footnotes, w.footnotes);
        assert_eq!(s.references, w.references);
    }
}
