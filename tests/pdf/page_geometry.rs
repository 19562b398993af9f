//! The page measured against a real UN document (issue 22): the example
//! rendered by the binary a user runs, read back with poppler's word
//! boxes (`pdftotext -bbox-layout`), and the rules the layout draws, each
//! within 1 pt of the figure measured on A/HRC/WG.6/34/ITA/3 (UN Office at
//! Geneva, A4, 2019; docs/un-layout.md, "Measured page", gives every
//! figure and the few that differ on purpose).

use crate::support::pdf::*;
use rapporteur::layout::{Layout, Rule};
use rapporteur::write::pdf::{self, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One word as poppler boxes it: page, left, top, right, bottom, text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

impl Word {
    /// The type size: Liberation Serif's box is 0.909 em tall.
    fn size(&self) -> f32 {
        (self.y1 - self.y0) / 0.909
    }

    /// The baseline: the box reaches 0.216 em below it.
    fn baseline(&self) -> f32 {
        self.y1 - 0.216 * self.size()
    }
}

/// Every word of `pdf`, in rows: the words of a page whose boxes end at
/// the same depth, left to right (poppler's own lines part a paragraph
/// number from its text).
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let html = poppler(
        Tool::Pdftotext,
        &["-bbox-layout", pdf.to_str().unwrap(), "-"],
    );
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).expect("attribute") + key.len();
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut all = Vec::new();
    for (p, page) in html.split("<page ").skip(1).enumerate() {
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split('<').next().unwrap();
            all.push(Word {
                page: p + 1,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text: text.replace("&amp;", "&"),
            });
        }
    }
    let mut rows: Vec<Vec<Word>> = Vec::new();
    for w in all {
        match rows
            .iter_mut()
            .find(|r| r[0].page == w.page && (r[0].y1 - w.y1).abs() < 0.5)
        {
            Some(row) => row.push(w),
            None => rows.push(vec![w]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    rows
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `rapporteur render SOURCE --to FORMATS -o DIR`, as a user runs it.
fn render(source: &Path, formats: &str, dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", source.to_str().unwrap(), "--to", formats, "-o"])
        .arg(dir)
        .output()
        .expect("run rapporteur");
    assert!(
        out.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Within `tolerance` of `target`, with what was measured in the message.
#[track_caller]
fn near(what: &str, got: f32, target: f32, tolerance: f32) {
    assert!(
        (got - target).abs() <= tolerance,
        "{what}: {got:.2}, the real UN page {target:.2} (±{tolerance})"
    );
}

fn line_text(line: &[Word]) -> String {
    line.iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn find<'a>(lines: &'a [Vec<Word>], page: usize, starts: &str) -> &'a [Word] {
    lines
        .iter()
        .find(|l| l[0].page == page && line_text(l).starts_with(starts))
        .unwrap_or_else(|| panic!("no line starting {starts:?} on page {page}"))
}

/// The rules of page `n` of the layout, content and running ones.
fn rules(l: &Layout, n: usize) -> Vec<Rule> {
    let p = &l.pages[n - 1];
    p.rules.iter().chain(&p.running_rules).copied().collect()
}

const TOP_RULE: f32 = 57.36;

#[test]
fn the_masthead_is_the_real_ones() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    render(&root().join(EXAMPLE), "pdf", dir.path());
    let lines = words(&dir.path().join("firearms-comments.pdf"));

    // "United Nations": 14 pt, after the emblem's room (UN: x 119.66,
    // baseline 49.68).
    let un = &find(&lines, 1, "United Nations")[0];
    near("United Nations, size", un.size(), 14.0, 0.5);
    near("United Nations, x", un.x0, 119.66, 1.0);
    near("United Nations, baseline", un.baseline(), 49.68, 1.0);
    // The symbol: 20 + 10 pt, ending at the right margin, baseline 52.08.
    let symbol = lines
        .iter()
        .flatten()
        .find(|w| w.page == 1 && w.text.starts_with("CTOC"))
        .expect("the symbol");
    near("symbol, size", symbol.size(), 20.0, 0.5);
    near("symbol, baseline", symbol.baseline(), 52.08, 1.0);

    // The organ after the emblem too; this long name at 14 pt (a
    // principal organ's short name is 20 pt: the next test).
    let organ = &find(&lines, 1, "Conference of the Parties")[0];
    near("organ, x", organ.x0, 119.66, 1.0);
    near("organ (long name), size", organ.size(), 14.0, 0.5);
    // The Distr. column: 10 pt at x 392.11, first baseline 78.86.
    let date = &find(&lines, 1, "9 October 2020")[0];
    near("date column, x", date.x0, 392.11, 1.0);
    near("date column, size", date.size(), 10.0, 0.5);
    near("date column, first baseline", date.baseline(), 78.86, 1.0);

    // Rules: 0.5 pt under the top line, 1.5 pt closing the band 142.4
    // below it (UN: 0.48 at 57.36, 1.44 at 199.7).
    let l = pdf::layout(example(), &Options::default()).unwrap();
    let page1 = rules(&l, 1);
    let top = page1
        .iter()
        .find(|r| (r.y - TOP_RULE).abs() < 3.0)
        .expect("a rule under the top line");
    near("top rule, thickness", top.thickness, 0.48, 0.1);
    near("top rule, y", top.y, TOP_RULE, 1.0);
    near("top rule, from", top.x0, 56.64, 1.0);
    let heavy = page1
        .iter()
        .find(|r| r.thickness > 1.0)
        .expect("the heavy rule");
    near("heavy rule, thickness", heavy.thickness, 1.44, 0.1);
    near("heavy rule below the top rule", heavy.y - top.y, 142.4, 1.0);

    // The emblem's room, 56.3 × 46.5 at the band's top left, holds no
    // word and no rule (none is shipped: it stays empty).
    let (ex, ey) = (56.7 + 3.0, top.y + 5.9);
    let inside = |x: f32, y: f32| (ex..ex + 56.3).contains(&x) && (ey..ey + 46.5).contains(&y);
    for w in lines.iter().flatten().filter(|w| w.page == 1) {
        assert!(
            !inside(w.x0, w.y0) && !inside(w.x1, w.y1),
            "{:?} in the emblem's room",
            w.text
        );
    }
    assert!(page1.iter().all(|r| !inside(r.x0, r.y)));

    // Below the band: the session's first baseline 17.9 below the heavy
    // rule (UN: 217.58 for 199.7).
    let session = &find(&lines, 1, "Tenth session")[0];
    near(
        "session below the heavy rule",
        session.baseline() - heavy.y,
        17.88,
        1.0,
    );
    near("session, x", session.x0, 56.64, 1.0);

    // Title 17 pt and subtitle 12 pt bold, in the text block.
    let title = &find(&lines, 1, "Comments of States")[0];
    near("title, size", title.size(), 17.0, 0.5);
    near("title, x", title.x0, 113.3, 1.0);
    let subtitle = &find(&lines, 1, "Note by the Secretariat")[0];
    near("subtitle, size", subtitle.size(), 12.0, 0.5);
    near("subtitle, x", subtitle.x0, 113.3, 1.0);
    let bold = l.pages[0]
        .lines
        .iter()
        .flat_map(|x| &x.line.runs)
        .find(|r| r.text.contains("Note by the Secretariat"))
        .expect("the subtitle's run");
    assert_eq!(bold.face, rapporteur::layout::fonts::FaceKind::Bold);
}

#[test]
fn a_principal_organ_is_set_at_20_points() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let text = text.replace(
        "organ    = \"Conference of the Parties to the United Nations Convention against Transnational Organized Crime\"",
        "organ    = \"General Assembly\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ga.md");
    std::fs::write(&source, text).unwrap();
    render(&source, "pdf", dir.path());
    let lines = words(&dir.path().join("ga.pdf"));
    let organ = find(&lines, 1, "General Assembly");
    // UN: 20 pt bold at x 119.66, baseline 80.06.
    near("organ, size", organ[0].size(), 20.0, 0.5);
    near("organ, x", organ[0].x0, 119.66, 1.0);
    near("organ, baseline", organ[0].baseline(), 80.06, 1.0);
}

/// The example's source as a Geneva document: its job number only
/// changed ("GE." names the office whose page the house style measures).
fn geneva_example(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let text = text.replace("job      = \"V.20-05590\"", "job      = \"GE.20-05590\"");
    assert!(text.contains("GE.20-05590"));
    let source = dir.join("geneva.md");
    std::fs::write(&source, text).unwrap();
    source
}

/// Every body line of 10 pt after page 1 starts in the text block and
/// ends by its right edge `right`, and most end there (justified).
fn body_lines_fill(lines: &[Vec<Word>], right: f32) {
    let body: Vec<&Vec<Word>> = lines
        .iter()
        .filter(|l| l[0].page > 1 && (l[0].size() - 10.0).abs() < 0.3)
        .filter(|l| l[0].y0 > 70.0 && l[0].y1 < 790.0)
        .collect();
    assert!(body.len() > 300, "{} body lines", body.len());
    for l in &body {
        assert!(
            l[0].x0 >= 113.3 - 1.0,
            "{:?} starts left of the text block",
            line_text(l)
        );
        assert!(
            l.last().unwrap().x1 <= right + 1.0,
            "{:?} ends past the text block's {right}",
            line_text(l)
        );
    }
    let full = body
        .iter()
        .filter(|l| (l.last().unwrap().x1 - right).abs() < 1.0)
        .count();
    assert!(full * 2 > body.len(), "justified lines end at {right}");
}

#[test]
fn the_text_block_and_paragraph_numbers_are_the_real_ones() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    render(&root().join(EXAMPLE), "pdf", dir.path());
    let lines = words(&dir.path().join("firearms-comments.pdf"));

    // "1." at the text's left edge, a tab to 141.74, the turnovers under
    // the number. The example is a Vienna document (V.20-05590): its
    // measure is 12.25 cm, 113.4 to 460.6 (docs/un-layout.md, "Vienna's
    // measure").
    let first = find(&lines, 1, "1. The seventh meeting");
    near("paragraph number, x", first[0].x0, 113.3, 1.0);
    near("first line's text, x", first[1].x0, 141.74, 1.0);
    near(
        "first line's right edge (Vienna)",
        first.last().unwrap().x1,
        460.58,
        1.0,
    );
    let turnover = find(&lines, 1, "July 2020. At this meeting");
    near("turnover, x", turnover[0].x0, 113.3, 1.0);
    // A statement's list item: one degree in, its label at the first
    // line's tab stop, its text a tab further (docs/un-layout.md,
    // "Paragraph numbers and subparagraphs").
    let item = find(&lines, 11, "1. Advocating");
    near("a first-degree label, x", item[0].x0, 141.74, 1.0);
    near("its text, x", item[1].x0, 170.09, 1.0);
    body_lines_fill(&lines, 460.58);

    // The same source as a Geneva document: the measured page's text
    // block, 113.3 to 481.9 (368.6 wide).
    let geneva = geneva_example(dir.path());
    render(&geneva, "pdf", dir.path());
    let lines = words(&dir.path().join("geneva.pdf"));
    let first = find(&lines, 1, "1. The seventh meeting");
    near(
        "first line's right edge (Geneva)",
        first.last().unwrap().x1,
        481.88,
        1.0,
    );
    body_lines_fill(&lines, 481.88);

    // Later pages: the first baseline 80.4, the running head 9 pt bold
    // at baseline 51.0 over its rule at 57.6, the page number's baseline
    // 811.8 (UN page 8 and 3).
    let top = lines
        .iter()
        .filter(|l| l[0].page == 2 && l[0].size() > 9.5 && l[0].size() < 10.5)
        .map(|l| l[0].baseline())
        .fold(f32::MAX, f32::min);
    near("page 2, first baseline", top, 80.42, 1.0);
    let head = find(&lines, 2, "CTOC/COP/2020/CRP.4");
    near("running head, baseline", head[0].baseline(), 51.0, 1.0);
    near("running head, x (even page)", head[0].x0, 56.64, 1.0);
    let number = lines
        .iter()
        .flatten()
        .find(|w| w.page == 3 && w.text == "3" && w.y0 > 790.0)
        .expect("page 3's number");
    near("page number, baseline", number.baseline(), 811.8, 1.0);
    near("page number, right edge (odd page)", number.x1, 538.6, 1.0);
    let l = pdf::layout(example(), &Options::default()).unwrap();
    let rule = l.pages[1].running_rules[0];
    near("running head's rule, y", rule.y, 57.6, 1.0);
}

#[test]
fn the_first_pages_foot_the_footnote_rule_and_the_end_rule() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    render(&root().join(EXAMPLE), "pdf", dir.path());
    let lines = words(&dir.path().join("firearms-comments.pdf"));

    // The job number 10 pt at the left margin, baseline 783.36; the bars
    // under it, 790.0 to 806.9, from the margin, 84 pt long.
    let job = &find(&lines, 1, "V.20-05590")[0];
    near("job number, size", job.size(), 10.0, 0.5);
    near("job number, x", job.x0, 56.64, 1.0);
    near("job number, baseline", job.baseline(), 783.36, 1.0);
    let l = pdf::layout(example(), &Options::default()).unwrap();
    let bars = &l.pages[0].barcode;
    let left = bars.iter().map(|b| b.x0).fold(f32::MAX, f32::min);
    let right = bars.iter().map(|b| b.x1).fold(0.0, f32::max);
    near("barcode, from", left, 56.64, 1.0);
    near("barcode, length", right - left, 84.0, 1.0);
    near(
        "barcode, top",
        bars[0].y - bars[0].thickness / 2.0,
        790.0,
        1.0,
    );
    near(
        "barcode, bottom",
        bars[0].y + bars[0].thickness / 2.0,
        806.9,
        1.0,
    );

    // The footnote on page 1: 9 pt at baseline 750.96, its rule 73.8
    // long at the text's edge (Metanorma's place: the real page starts it
    // 22.7 pt further left, under the hanging marks; docs/un-layout.md).
    let note = find(&lines, 1, "* CTOC/COP/2020/1.");
    near("footnote, baseline", note[0].baseline(), 750.96, 1.0);
    near("footnote, size", note[0].size(), 9.0, 0.5);
    let separator = l.pages[0]
        .rules
        .iter()
        .find(|r| r.y > 700.0)
        .expect("the footnote rule");
    near("footnote rule, from", separator.x0, 113.3, 1.0);
    near(
        "footnote rule, length",
        separator.x1 - separator.x0,
        73.8,
        1.0,
    );
    near("footnote rule, y", separator.y, 737.04, 1.0);

    // After the last paragraph, a short rule centred on the text block
    // (on the Geneva page, whose block is centred, on the page), 25.7
    // below the last baseline (UN page 16: 85.1 × 0.48).
    let last = l.pages.last().unwrap();
    let end = last
        .rules
        .iter()
        .find(|r| (r.x1 - r.x0 - 85.1).abs() < 1.0)
        .expect("the end rule on the last page");
    near(
        "end rule, centre (Vienna)",
        (end.x0 + end.x1) / 2.0,
        113.4 + 347.2 / 2.0,
        1.0,
    );
    let mut geneva = example().clone();
    geneva.meta.job = Some("GE.20-05590".into());
    let g = pdf::layout(&geneva, &Options::default()).unwrap();
    let geneva_end = g
        .pages
        .last()
        .unwrap()
        .rules
        .iter()
        .find(|r| (r.x1 - r.x0 - 85.1).abs() < 1.0)
        .expect("the end rule on the Geneva copy's last page");
    near(
        "end rule, centre (Geneva: the page's)",
        (geneva_end.x0 + geneva_end.x1) / 2.0,
        g.width / 2.0,
        1.0,
    );
    near("end rule, thickness", end.thickness, 0.48, 0.1);
    let last_baseline = last
        .lines
        .iter()
        .filter(|x| l.blocks[x.block].kind != rapporteur::layout::BlockKind::Footnote)
        .map(|x| x.y)
        .fold(0.0, f32::max);
    near(
        "end rule below the last baseline",
        end.y - last_baseline,
        25.7,
        1.0,
    );
}

/// The numbered paragraphs that begin on page 1 of `pdf` (poppler puts
/// a number, with its tab after it, on a line of its own), and whether
/// page 2's body begins with the next one: page 1 ends after a whole
/// paragraph.
fn page_one_end(pdf: &Path) -> (Vec<u32>, bool) {
    let number = |l: &str| l.strip_suffix('.').and_then(|n| n.parse::<u32>().ok());
    let lines = |page| -> Vec<String> {
        pdftotext(pdf, Some((page, page)))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let numbers: Vec<u32> = lines(1).iter().filter_map(|l| number(l)).collect();
    // Page 2: its running head (the symbol), then the body.
    let two = lines(2);
    let body = two.iter().find(|l| !l.contains("CTOC/COP/2020/CRP.4"));
    let next = numbers.last().map(|n| n + 1);
    let first = body.and_then(|l| number(l));
    let whole = first.is_some() && first == next;
    (numbers, whole)
}

#[test]
fn word_and_the_pdf_end_page_one_after_paragraph_three() {
    if missing(&[Tool::Pdftotext, Tool::LibreOffice]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    render(&root().join(EXAMPLE), "pdf,docx", dir.path());
    let ours = page_one_end(&dir.path().join("firearms-comments.pdf"));
    let print = libreoffice_print(
        &dir.path().join("firearms-comments.docx"),
        &dir.path().join("lo"),
    );
    let word = page_one_end(&print);
    eprintln!("page 1 (paragraphs, page 2 begins with the next): PDF {ours:?}, LibreOffice's print of the DOCX {word:?}");
    // The real CTOC/COP/2020/CRP.4's page 1 ended after paragraph 3, and
    // page 2 began with paragraph 4 (shared/reference/): so do the PDF
    // and LibreOffice's print of the DOCX, at Vienna's measure
    // (docs/un-layout.md, "Page 1 of the example").
    assert_eq!(ours, (vec![1, 2, 3], true), "page 1 of the PDF");
    assert_eq!(word, (vec![1, 2, 3], true), "page 1 of the DOCX's print");
}

/// An Arabic Vienna document's table stands in the text block as the
/// page mirrors it, in the PDF and the DOCX alike: on a Vienna page the
/// block's two sides differ (113.4 from the left, 78.0 from the right on a
/// left-to-right page), and an Arabic page puts the wider one on the right.
#[test]
fn an_arabic_vienna_table_stands_in_the_mirrored_block_in_both_writers() {
    let text = std::fs::read_to_string(root().join("examples/discussion-ar.md")).unwrap();
    assert!(
        text.contains("job          = \"V."),
        "the Arabic example is a Vienna document"
    );
    let text = format!("{text}\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n");
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ar-table.md");
    std::fs::write(&source, &text).unwrap();
    render(&source, "pdf,docx", dir.path());
    let doc = crate::support::parse(&source);
    // The rules above and below the table and under its header, mirrored:
    // from the block's start edge on the right (481.9) leftwards, never past
    // its end edge at 56.7 + 78.0 (the table is a few points short of the
    // block).
    let l = pdf::layout(&doc, &Options::default()).unwrap();
    let table_rules: Vec<Rule> = l
        .pages
        .iter()
        .flat_map(|p| p.rules.iter().copied())
        .filter(|r| r.y > 210.0 && r.x1 - r.x0 > 300.0)
        .collect();
    assert_eq!(
        table_rules.len(),
        3,
        "above, under the header, below: {table_rules:?}"
    );
    for r in &table_rules {
        near(
            "table rule, right (Arabic: the start edge)",
            r.x1,
            481.9,
            1.0,
        );
        assert!(
            (134.7 - 1.0..134.7 + 8.0).contains(&r.x0),
            "table rule, left: {} (the end edge 134.7)",
            r.x0
        );
    }

    // The DOCX: the table indented from the left, as LibreOffice counts
    // `w:tblInd` in an Arabic document too (tried: the table moves right as
    // it grows, with or without `w:bidiVisual`; Word not seen), by the
    // block's end-side indent (78.0 pt = 1560 twips), not its start side's.
    let bytes = std::fs::read(dir.path().join("ar-table.docx")).unwrap();
    let parts = crate::support::unzip(&bytes);
    let body = crate::support::xml("word/document.xml", &parts["word/document.xml"]);
    let indents: Vec<String> = body
        .find_all("w:tblInd")
        .iter()
        .filter_map(|i| i.attr("w:w").map(str::to_string))
        .collect();
    // The masthead's table first (at the margin), then the body's table.
    assert_eq!(indents, ["0", "1560"]);
}
