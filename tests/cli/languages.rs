//! All six official languages: the agenda line as each language's UN
//! documents print it, in every writer; Arabic set right to left on
//! mirrored pages; Chinese broken and justified between characters.
//! Arabic and Chinese need installed fonts (fonts-hosny-amiri,
//! fonts-noto-cjk); the DOCX check needs LibreOffice.

use crate::support;

use rapporteur::layout::fonts::{FaceKind, Fonts};
use rapporteur::layout::inline::{self, Frag, SetOptions};
use rapporteur::layout::shape::Shaper;
use rapporteur::layout::{BlockKind, Layout};
use rapporteur::model::{Document, Language};
use std::process::Command;
use support::tools::{self, Tool};
use support::{root, unzip};

/// Skip (with a message) when a tool is missing, unless CI=true: then
/// fail (the shared tools gate).
fn require_tool(tool: Tool) -> bool {
    !tools::missing(&[tool])
}

/// How each language's UN documents print agenda item "2 (d)": the words
/// before the `*` mark and after it, for the provisional agenda; then the
/// adopted agenda's line, and the `of` a source in that language gives.
fn expected(
    language: Language,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match language {
        Language::En => (
            "2 (d)",
            "Item 2 (d) of the provisional agenda",
            "",
            "Item 2 (d) of the agenda",
            "provisional agenda",
        ),
        Language::Fr => (
            "2 d)",
            "Point 2 d) de l’ordre du jour provisoire",
            "",
            "Point 2 d) de l’ordre du jour",
            "ordre du jour provisoire",
        ),
        Language::Es => (
            "2 d)",
            "Tema 2 d) del programa provisional",
            "",
            "Tema 2 d) del programa",
            "programa provisional",
        ),
        Language::Ru => (
            "2 (d)",
            "Пункт 2 (d) предварительной повестки дня",
            "",
            "Пункт 2 (d) повестки дня",
            "предварительной повестки дня",
        ),
        Language::Ar => (
            "2 (د)",
            "البند 2 (د) من جدول الأعمال المؤقت",
            "",
            "البند 2 (د) من جدول الأعمال",
            "جدول الأعمال المؤقت",
        ),
        Language::Zh => ("2(d)", "临时议程", "项目2(d)", "议程项目2(d)", "临时议程"),
    }
}

fn adopted_of(language: Language) -> &'static str {
    match language {
        Language::En => "agenda",
        Language::Fr => "ordre du jour",
        Language::Es => "programa",
        Language::Ru => "повестки дня",
        Language::Ar => "جدول الأعمال",
        Language::Zh => "议程",
    }
}

fn source(language: Language, of: Option<&str>) -> String {
    let (item, ..) = expected(language);
    let of = of.map(|o| format!("of = \"{o}\"\n")).unwrap_or_default();
    format!(
        "+++\nsymbol = \"CTOC/COP/2020/5\"\ndate = 2020-10-09\nlanguage = \"{}\"\noriginal = \"English\"\n\n[agenda]\nitem = \"{item}\"\n{of}symbol = \"CTOC/COP/2020/1\"\n\n[authors]\nUS = \"United States\"\n+++\n\n# Introduction\n\n1. Text {{++new++}}{{>>US<<}}.\n",
        language.code()
    )
}

/// The text of the agenda line in the PDF layout, the `*` mark included
/// (runs are kept in logical order, also in a right-to-left line).
fn pdf_agenda_line(laid: &Layout) -> String {
    let block = laid.agenda_block.expect("an agenda line");
    laid.pages[0]
        .lines
        .iter()
        .filter(|l| l.block == block)
        .flat_map(|l| l.line.runs.iter().map(|r| r.text.clone()))
        .collect()
}

/// The agenda paragraph of document.xml as text (`*` for its footnote
/// reference), and the text of the footnotes part.
fn docx_agenda_line(doc: &Document, needle: &str) -> (String, String) {
    let parts = unzip(&support::render(doc));
    let body = support::xml("word/document.xml", &parts["word/document.xml"]);
    let para = body
        .find_all("w:p")
        .into_iter()
        .find(|p| p.text().contains(needle))
        .unwrap_or_else(|| panic!("no DOCX paragraph holds {needle:?}"));
    // The reference's run shows its custom mark `*` as text.
    let mut line = String::new();
    let mut references = 0;
    for e in para.descendants() {
        match e.name.as_str() {
            "w:t" => line.push_str(&e.text()),
            "w:footnoteReference" => references += 1,
            _ => {}
        }
    }
    assert_eq!(
        references,
        line.matches('*').count(),
        "{line}: the mark is a reference"
    );
    let notes = parts
        .get("word/footnotes.xml")
        .map(|f| support::xml("word/footnotes.xml", f).text())
        .unwrap_or_default();
    (line, notes)
}

#[test]
fn the_agenda_line_is_printed_as_each_language_prints_it_in_every_writer() {
    for language in Language::ALL {
        let (_, before, after, adopted, provisional_of) = expected(language);
        let provisional = format!("{before}*{after}");
        let cases = [
            (None, provisional.clone(), true),
            (Some(provisional_of), provisional.clone(), true),
            (Some(adopted_of(language)), adopted.to_string(), false),
        ];
        for (of, line, note) in cases {
            let what = format!("{language:?} with of = {of:?}");
            let doc = support::parse_str(&source(language, of));
            // Text and pandoc Markdown write the mark as `\*`.
            let escaped = line.replace('*', "\\*");
            let text = rapporteur::write::text::write(&doc);
            assert!(text.contains(&escaped), "{what}: text writer:\n{text}");
            let pandoc = rapporteur::write::pandoc::write(&doc);
            assert!(
                pandoc.contains(&escaped),
                "{what}: pandoc writer:\n{pandoc}"
            );
            for out in [&text, &pandoc] {
                assert_eq!(
                    out.contains("CTOC/COP/2020/1."),
                    note,
                    "{what}: the agenda note"
                );
            }
            let start: String = line.chars().take(2).collect();
            let (docx, notes) = docx_agenda_line(&doc, &start);
            assert_eq!(docx, line, "{what}: DOCX");
            assert_eq!(
                notes.contains("CTOC/COP/2020/1."),
                note,
                "{what}: DOCX footnote"
            );
            if support::fonts_for(language).is_some() {
                let laid = rapporteur::write::pdf::layout(&doc, &Default::default()).unwrap();
                assert_eq!(pdf_agenda_line(&laid), line, "{what}: PDF");
                if of.is_none() {
                    rapporteur::write::pdf::write(&doc, &Default::default())
                        .unwrap_or_else(|e| panic!("{what}: PDF: {e}"));
                }
            }
            // The French bug: the words of the agenda never come twice,
            // and no English default leaks into another language.
            if language != Language::En {
                assert!(!text.contains("provisional agenda"), "{what}:\n{text}");
            }
            assert!(!text.contains("ordre du jour ordre du jour"), "{what}");
        }
    }
}

#[test]
fn the_distr_column_of_arabic_chinese_and_russian_documents_is_in_english() {
    for (language, name) in [
        (Language::Ar, "Arabic"),
        (Language::Zh, "Chinese"),
        (Language::Ru, "Russian"),
    ] {
        let doc = support::parse_str(&source(language, None));
        let column = rapporteur::house::style::masthead_right_column(&doc.meta);
        assert_eq!(
            column,
            vec!["9 October 2020", name, "Original: English"],
            "{language:?}"
        );
    }
    // An original has a blank line where a translation names its language.
    let doc = support::parse_str(&source(Language::En, None));
    let column = rapporteur::house::style::masthead_right_column(&doc.meta);
    assert_eq!(column, vec!["9 October 2020", "", "Original: English"]);
}

const ARABIC_LINE: &str = "انظر الوثيقة CTOC/COP/2020/1 الصادرة في عام 2020 بشأن 3 بنود.";

fn arabic_source(paragraphs: usize) -> String {
    let mut s = String::from(
        "+++\nsymbol = \"CTOC/COP/2020/7\"\ndate = 2020-10-09\nlanguage = \"ar\"\noriginal = \"English\"\njob = \"V.20-00001\"\n\n[authors]\n\"مصر\" = \"مصر\"\n+++\n\n# مقدمة\n\n",
    );
    for i in 0..paragraphs {
        s.push_str(&format!(
            "#. تنظر الدول الأطراف في {{++تعزيز++}}{{>>مصر<<}} التعاون الدولي وتبادل المعلومات بشأن الأسلحة النارية وفقا للوثيقة CTOC/COP/2020/1 والمادة {i} من البروتوكول.[^n{i}]\n\n[^n{i}]: الحاشية {i}.\n\n"
        ));
    }
    s
}

#[test]
fn a_mixed_arabic_line_is_drawn_in_the_order_the_bidi_algorithm_gives() {
    if support::fonts_for(Language::Ar).is_none() {
        return;
    }
    let src = support::front()
        .symbol("CTOC/COP/2020/7")
        .language("ar")
        .source(&format!("{ARABIC_LINE}\n"));
    let doc = support::parse_str(&src);
    let laid = rapporteur::write::pdf::layout(&doc, &Default::default()).unwrap();
    let line = laid.pages[0]
        .lines
        .iter()
        .find(|l| laid.blocks[l.block].kind == BlockKind::Paragraph)
        .expect("the paragraph");
    assert!(line.line.last, "the test sentence fits one line");
    // What the eye reads left to right: runs by x, right-to-left ones
    // with their characters reversed.
    let mut runs: Vec<_> = line.line.runs.iter().collect();
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let drawn: String = runs
        .iter()
        .map(|r| {
            if rapporteur::present::script::has_rtl(&r.text) {
                r.text.chars().rev().collect()
            } else {
                r.text.clone()
            }
        })
        .collect();
    let info = unicode_bidi::BidiInfo::new(ARABIC_LINE, Some(unicode_bidi::Level::rtl()));
    let para = &info.paragraphs[0];
    let expected = info.reorder_line(para, para.range.clone());
    assert_eq!(drawn, expected.as_ref());
    // The symbol and the numbers read left to right, the sentence from the
    // right: its first word is the rightmost run.
    let first = runs.last().unwrap();
    assert_eq!(first.text, "انظر");
    // The text layer keeps logical order: the runs in drawing order are
    // the sentence as written.
    let logical: String = line.line.runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(logical, ARABIC_LINE);
}

#[test]
fn arabic_pages_are_mirrored() {
    if support::fonts_for(Language::Ar).is_none() {
        return;
    }
    let doc = support::parse_str(&arabic_source(40));
    let laid = rapporteur::write::pdf::layout(&doc, &Default::default()).unwrap();
    assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
    let half = laid.width / 2.0;
    for page in &laid.pages {
        // Paragraph numbers hang to the right of their text.
        for l in page.lines.iter().filter(|l| !l.line.label.is_empty()) {
            let label_x = l.x + l.line.label[0].x;
            let text_right = l.x + l.line.width;
            if laid.blocks[l.block].kind == BlockKind::Paragraph {
                assert!(
                    label_x > text_right,
                    "page {}: number at {label_x}, text to {text_right}",
                    page.number
                );
            }
        }
        // Body lines end at the right margin (justified) and start after the left.
        for l in page
            .lines
            .iter()
            .filter(|l| laid.blocks[l.block].kind == BlockKind::Paragraph)
        {
            assert!(l.line.rtl);
            let right = l.x + l.line.width;
            let house = rapporteur::house::style::HouseStyle::for_language(Language::Ar);
            let edge = laid.width
                - house.page(rapporteur::model::Paper::A4).margin_inner
                - house.body.indent;
            assert!(
                right <= edge + 0.5,
                "text ends at {right}, past {edge}: its indent is on the right"
            );
        }
        // The footnote rule starts at the right.
        if !page.footnotes.is_empty() {
            let rule = page.rules.last().unwrap();
            assert!(rule.x0 > half, "footnote rule at {}..{}", rule.x0, rule.x1);
        }
        // The running head's symbol: on the outer side of the mirrored
        // spread, left on odd pages, right on even ones.
        if page.number > 1 {
            let head = page
                .running
                .iter()
                .find(|l| {
                    l.line.runs.iter().any(|r| r.text.contains("CTOC")) && l.y < page.body_top
                })
                .expect("a running head");
            let centre = head.x + head.line.width / 2.0;
            if page.number % 2 == 1 {
                assert!(centre < half, "page {}: head at {}", page.number, head.x);
            } else {
                assert!(centre > half, "page {}: head at {}", page.number, head.x);
            }
        }
    }
}

#[test]
fn chinese_lines_keep_punctuation_rules_and_fill_the_measure() {
    if support::fonts_for(Language::Zh).is_none() {
        return;
    }
    let fonts = Fonts::for_language(Language::Zh).unwrap();
    let mut shaper = Shaper::new(&fonts, "zh").unwrap();
    // A long generated text: clauses of varying length with commas, full
    // stops, enumeration commas, brackets and quotation marks.
    let words = [
        "各国",
        "应当",
        "加强",
        "国家主管机关",
        "之间的",
        "信息交流",
        "枪支",
        "弹药",
        "零部件",
        "追查",
        "数据",
        "区域机制",
        "国际合作",
        "立法措施",
    ];
    let mut text = String::new();
    let mut seed = 7u32;
    for i in 0..400 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let w = words[(seed >> 16) as usize % words.len()];
        match i % 11 {
            3 => text.push_str(&format!("（{w}）")),
            5 => text.push_str(&format!("“{w}”")),
            7 => text.push_str(&format!("《{w}》")),
            _ => text.push_str(w),
        }
        text.push(match (seed >> 8) % 6 {
            0 => '，',
            1 => '。',
            2 => '、',
            3 => '；',
            _ => '的',
        });
    }
    let frags = vec![Frag::plain(text.clone(), FaceKind::Regular, 10.0)];
    let opts = SetOptions {
        first_measure: 300.0,
        measure: 300.0,
        justify: true,
        hyphenate: None,
        stretch: 0.5,
        shrink: 0.4,
        hyphen_penalty: 100.0,
    };
    let lines = inline::set(&mut shaper, &frags, &opts);
    assert!(lines.len() > 30, "{} lines", lines.len());
    let closing = "，。、；：？！）》」』】〉”’";
    let opening = "（《「『【〈“‘";
    let mut joined = String::new();
    for (i, l) in lines.iter().enumerate() {
        let t: String = l.runs.iter().map(|r| r.text.as_str()).collect();
        let first = t.chars().next().unwrap();
        let last = t.chars().next_back().unwrap();
        assert!(
            !closing.contains(first),
            "line {i} starts with {first}: {t}"
        );
        assert!(!opening.contains(last), "line {i} ends with {last}: {t}");
        assert!(l.width <= l.measure + 0.01, "line {i} is {} wide", l.width);
        if !l.last {
            assert!(
                (l.width - l.measure).abs() < 0.05,
                "line {i} is {} wide: not justified",
                l.width
            );
        }
        joined.push_str(&t);
    }
    assert_eq!(joined, text, "nothing lost, no hyphen added");
}

#[test]
fn the_arabic_docx_is_right_to_left_in_libreoffice() {
    if !require_tool(Tool::LibreOffice) {
        return;
    }
    let path = root().join("examples/discussion-ar.md");
    let doc = support::parse(&path);
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ar.docx");
    std::fs::write(&docx, support::render(&doc)).unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(root().join("tests/support/lo_direction.py"))
        .arg(&docx)
        .output()
        .expect("run the UNO script");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let paras: Vec<(&str, &str)> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("paragraph\t"))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, text)| rapporteur::present::script::has_rtl(text))
        .collect();
    assert!(paras.len() > 10, "{stdout}");
    for (dir, text) in &paras {
        assert_eq!(*dir, "rtl", "{text}");
    }
    // The English Distr. column stays left to right.
    assert!(
        stdout.contains("paragraph\tltr\tOriginal: English"),
        "{stdout}"
    );
    // Word's numbering labels the numbered paragraphs `1 -`, `2 -`.
    let labels: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("label\t"))
        .filter_map(|l| l.split_once('\t').map(|(label, _)| label))
        .collect();
    assert_eq!(labels, ["1 -", "2 -"], "{stdout}");
    // The XML says so too.
    let parts = unzip(&support::render(&doc));
    let styles = String::from_utf8_lossy(&parts["word/styles.xml"]).to_string();
    assert!(
        styles.contains("<w:bidi/>"),
        "paragraphs right to left by default"
    );
    assert!(
        !styles.contains("w:rtl"),
        "w:rtl belongs on runs, not in styles"
    );
    let document = String::from_utf8_lossy(&parts["word/document.xml"]).to_string();
    let runs = document.split("<w:r>").skip(1);
    let rtl: Vec<&str> = runs.filter(|r| r.contains("<w:rtl />")).collect();
    assert!(rtl.len() > 10, "runs of Arabic text carry w:rtl");
    assert!(rtl.iter().all(|r| rapporteur::present::script::has_rtl(r)));
    // And every run of Arabic letters, the masthead's included, carries
    // it; a run of Latin words (a symbol) does not, or Word would set it
    // in Amiri.
    let footnotes = String::from_utf8_lossy(&parts["word/footnotes.xml"]).to_string();
    let mut latin_runs = 0;
    for run in document
        .split("<w:r>")
        .chain(footnotes.split("<w:r>").skip(1))
        .skip(1)
    {
        let run = &run[..run.find("</w:r>").unwrap_or(run.len())];
        // The run's text: what lies outside its tags.
        let text: String = run
            .split('<')
            .filter_map(|piece| piece.split_once('>').map(|(_, text)| text))
            .collect();
        if rapporteur::present::script::has_rtl(&text) {
            assert!(
                run.contains("<w:rtl />"),
                "a run of Arabic without w:rtl: {run}"
            );
        } else if text.chars().any(|c| c.is_ascii_alphabetic()) {
            latin_runs += text.contains("CTOC/") as usize;
            assert!(!run.contains("<w:rtl />"), "a Latin run with w:rtl: {run}");
        }
    }
    assert!(latin_runs >= 2, "the symbols are runs of their own");
    assert!(styles.contains("w:bidi=\"ar-SA\"") && styles.contains("w:cs=\"Amiri\""));
    let body = String::from_utf8_lossy(&parts["word/document.xml"]).to_string();
    let sect = &body[body.rfind("<w:sectPr").unwrap()..];
    assert!(sect.contains("<w:bidi/>"), "the section is right to left");
}

#[test]
fn arabic_and_chinese_number_chapters_sections_and_subparagraphs_their_way() {
    let ar = support::parse(&root().join("examples/discussion-ar.md"));
    let text = rapporteur::write::text::write(&ar);
    for expected in ["# أولا - مقدمة", "# ثانيا - نقاط المناقشة", "(أ) ", "(ب) "]
    {
        assert!(text.contains(expected), "text lacks {expected}:\n{text}");
    }
    let pandoc = rapporteur::write::pandoc::write(&ar);
    assert!(pandoc.contains("\\(أ\\) "), "{pandoc}");
    let parts = unzip(&support::render(&ar));
    let body = support::xml("word/document.xml", &parts["word/document.xml"]).text();
    for expected in ["أولا -", "ثانيا -", "(أ)", "(ب)"] {
        assert!(body.contains(expected), "DOCX lacks {expected}");
    }
    if support::fonts_for(Language::Ar).is_some() {
        let laid = rapporteur::write::pdf::layout(&ar, &Default::default()).unwrap();
        let lines = || laid.pages.iter().flat_map(|p| &p.lines);
        // Subparagraph letters hang; chapter numbers (words) start the
        // heading's line, as Arabic documents set them.
        let labels: Vec<String> = lines()
            .filter(|l| laid.blocks[l.block].kind == BlockKind::SubParagraph)
            .filter_map(|l| l.line.label.first().map(|r| r.text.clone()))
            .collect();
        assert_eq!(labels, ["(أ)", "(ب)"]);
        let chapters: Vec<String> = lines()
            .filter(|l| laid.blocks[l.block].kind == BlockKind::Chapter)
            .map(|l| l.line.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(chapters, ["أولا - مقدمة", "ثانيا - نقاط المناقشة"]);
    }
    let zh = support::parse(&root().join("examples/discussion-zh.md"));
    let text = rapporteur::write::text::write(&zh);
    assert!(
        text.contains("# 一. 导言") && text.contains("# 二. 讨论要点"),
        "{text}"
    );
}

/// UN Arabic documents number paragraphs `1 -` (number, space,
/// hyphen-minus, Western digits; docs/un-layout.md): the text and pandoc
/// writers print it, Word's numbering writes it (`w:lvlText`), and the PDF
/// sets it right to left, the number at the right, where reading starts.
/// Other languages keep `1.`.
#[test]
fn arabic_paragraphs_are_numbered_number_space_hyphen_in_every_writer() {
    let ar = support::parse(&root().join("examples/discussion-ar.md"));
    let text = rapporteur::write::text::write(&ar);
    let pandoc = rapporteur::write::pandoc::write(&ar);
    for (writer, out) in [("text", &text), ("pandoc", &pandoc)] {
        for expected in ["\n1 - عقد الفريق", "\n2 - وتُبيَّن"] {
            assert!(
                out.contains(expected),
                "{writer} lacks {expected:?}:\n{out}"
            );
        }
    }
    let level_text = |doc: &Document| {
        let parts = unzip(&support::render(doc));
        let numbering = String::from_utf8_lossy(&parts["word/numbering.xml"]).to_string();
        let at = numbering.find("<w:lvlText w:val=\"").expect("a level text") + 18;
        numbering[at..at + numbering[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(level_text(&ar), "%1 -");
    let en = support::parse(&root().join("examples/minimal.md"));
    assert_eq!(level_text(&en), "%1.");
    assert!(rapporteur::write::text::write(&en).contains("\n1. "));
    if support::fonts_for(Language::Ar).is_some() {
        let laid = rapporteur::write::pdf::layout(&ar, &Default::default()).unwrap();
        let numbers: Vec<_> = laid
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| laid.blocks[l.block].kind == BlockKind::Paragraph)
            .filter(|l| !l.line.label.is_empty())
            .collect();
        assert_eq!(numbers.len(), 2);
        for (n, line) in numbers.iter().enumerate() {
            let label = &line.line.label;
            // Logical order in the text layer: the number, then the hyphen.
            let logical: String = label.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(logical, format!("{} -", n + 1));
            // Drawn from the right: the number right of the hyphen.
            let x_of = |what: char| {
                label
                    .iter()
                    .find(|r| r.text.contains(what))
                    .map(|r| r.x)
                    .unwrap()
            };
            let digit = char::from_digit(n as u32 + 1, 10).unwrap();
            assert!(x_of(digit) > x_of('-'), "{label:?}");
            // And the whole label right of the text.
            let left = label.iter().map(|r| r.x).fold(f32::INFINITY, f32::min);
            assert!(left > line.line.width, "{label:?}");
        }
    }
}

/// UN Arabic documents set their text larger than English ones set Latin
/// text (`[languages.ar]` of templates/un.toml): 14 pt body, 12 pt
/// footnotes, in the PDF's runs and the DOCX's styles (`w:sz`, `w:szCs`);
/// English stays at 10 and 9.
#[test]
fn arabic_text_is_set_at_14_pt_and_its_footnotes_at_12_in_the_pdf_and_the_docx() {
    let ar = support::parse(&root().join("examples/discussion-ar.md"));
    let en = support::parse(&root().join("examples/minimal.md"));
    for (doc, body, note) in [(&ar, "28", "24"), (&en, "20", "18")] {
        let parts = unzip(&support::render(doc));
        let styles = String::from_utf8_lossy(&parts["word/styles.xml"]).to_string();
        let defaults = &styles[..styles.find("</w:docDefaults>").unwrap()];
        assert!(
            defaults.contains(&format!(
                "<w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/>"
            )),
            "{defaults}"
        );
        let footnote = &styles[styles.find("w:styleId=\"FootnoteText\"").unwrap()..];
        let footnote = &footnote[..footnote.find("</w:style>").unwrap()];
        assert!(
            footnote.contains(&format!("<w:szCs w:val=\"{note}\"/>")),
            "{footnote}"
        );
    }
    if support::fonts_for(Language::Ar).is_none() {
        return;
    }
    let laid = rapporteur::write::pdf::layout(&ar, &Default::default()).unwrap();
    let sizes = |kind: BlockKind| {
        let mut s: Vec<f32> = laid
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| laid.blocks[l.block].kind == kind)
            .flat_map(|l| &l.line.runs)
            .filter(|r| r.rise == 0.0)
            .map(|r| r.size)
            .collect();
        s.dedup();
        s
    };
    assert_eq!(sizes(BlockKind::Paragraph), [14.0]);
    assert_eq!(sizes(BlockKind::Footnote), [12.0]);
}

/// A source in `language` whose paragraph holds the symbol and a State's
/// note written in Latin.
fn latin_words_source(language: Language, paragraph: &str) -> String {
    support::front()
        .symbol("CTOC/COP/2020/7")
        .language(language.code())
        .author("Mexico", "Mexico")
        .source(&format!("{paragraph}\n"))
}

/// In Arabic and Chinese PDFs the Latin words (the symbol, a State's note
/// written in English) are set in the built-in Liberation Serif, the
/// Arabic and Chinese words in Amiri or Noto, on one baseline at one size.
#[test]
fn latin_words_of_arabic_and_chinese_documents_are_set_in_liberation_serif() {
    use rapporteur::layout::fonts::Family;
    let cases = [
        (
            Language::Ar,
            "انظر الوثيقة CTOC/COP/2020/1 بشأن {==الوسم==}{>>Mexico: please clarify the standard<<} عند الصنع في عام 2020.",
        ),
        (
            Language::Zh,
            "见文件CTOC/COP/2020/1关于{==标识==}{>>Mexico: please clarify the standard<<}的规定，于2020年通过。",
        ),
    ];
    let liberation = Fonts::builtin();
    let mut latin_shaper = Shaper::new(&liberation, "en").unwrap();
    for (language, paragraph) in cases {
        let Some(fonts) = support::fonts_for(language) else {
            continue;
        };
        let doc = support::parse_str(&latin_words_source(language, paragraph));
        let laid = rapporteur::write::pdf::layout(&doc, &Default::default()).unwrap();
        let lines: Vec<_> = laid.pages[0]
            .lines
            .iter()
            .filter(|l| laid.blocks[l.block].kind == BlockKind::Paragraph)
            .collect();
        assert!(!lines.is_empty(), "{language:?}: the paragraph");
        let runs: Vec<_> = lines.iter().flat_map(|l| &l.line.runs).collect();
        // Every Latin letter in a Liberation run, every Arabic or Chinese
        // character in a run of the document's family.
        for run in &runs {
            for c in run.text.chars() {
                if c.is_ascii_alphabetic() {
                    assert_eq!(run.family, Family::Latin, "{language:?}: {:?}", run.text);
                } else if rapporteur::present::script::has_rtl(&c.to_string())
                    || rapporteur::present::script::is_full_width(c)
                {
                    assert_eq!(run.family, Family::Document, "{language:?}: {:?}", run.text);
                }
            }
        }
        let latin: String = runs
            .iter()
            .filter(|r| r.family == Family::Latin)
            .map(|r| r.text.as_str())
            .collect();
        assert!(latin.contains("CTOC/COP/2020/1"), "{language:?}: {latin:?}");
        // A number among Arabic words stays in their face; among Chinese
        // ones it is Latin, as Word sets Basic Latin in Chinese text.
        let number = runs
            .iter()
            .find(|r| !r.text.contains("COP") && r.text.contains("2020"))
            .expect("the year");
        let expected = match language {
            Language::Zh => Family::Latin,
            _ => Family::Document,
        };
        assert_eq!(number.family, expected, "{language:?}: {:?}", number.text);
        for word in ["Mexico", "please", "clarify", "standard"] {
            assert!(latin.contains(word), "{language:?}: {word} in {latin:?}");
        }
        // The symbol's glyphs are Liberation Serif's own (its advances),
        // not the document family's Latin.
        let symbol = runs
            .iter()
            .find(|r| r.text.starts_with("CTOC"))
            .unwrap_or_else(|| panic!("{language:?}: no run starts with the symbol"));
        let advances = |shaper: &mut Shaper| -> Vec<f32> {
            let shaped = shaper.shape(FaceKind::Regular, "CTOC");
            shaped
                .glyphs
                .iter()
                .map(|g| g.advance * symbol.size)
                .collect()
        };
        let drawn: Vec<f32> = symbol.glyphs.iter().take(4).map(|g| g.advance).collect();
        let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.001);
        assert!(
            close(&drawn, &advances(&mut latin_shaper)),
            "{language:?}: {drawn:?}"
        );
        let mut own = Shaper::new(&fonts, language.code()).unwrap();
        assert!(
            !close(&advances(&mut own), &advances(&mut latin_shaper)),
            "{language:?}: the test tells the faces apart"
        );
        // One size and one baseline (no rise) for both families.
        let body: Vec<_> = runs.iter().filter(|r| r.rise == 0.0).collect();
        assert!(body.iter().any(|r| r.family == Family::Latin));
        assert!(body.iter().any(|r| r.family == Family::Document));
        assert!(body.iter().all(|r| r.size == body[0].size), "{language:?}");
    }
}

#[test]
fn the_chinese_docx_names_east_asian_fonts_and_language() {
    let path = root().join("examples/discussion-zh.md");
    let doc = support::parse(&path);
    let parts = unzip(&support::render(&doc));
    let styles = String::from_utf8_lossy(&parts["word/styles.xml"]).to_string();
    assert!(
        styles.contains("w:eastAsia=\"Noto Serif CJK SC\""),
        "{styles}"
    );
    assert!(styles.contains("w:eastAsia=\"zh-CN\""));
}

#[test]
fn the_arabic_and_chinese_examples_render_in_every_writer_with_embedded_subset_fonts() {
    for (name, language) in [
        ("discussion-ar.md", Language::Ar),
        ("discussion-zh.md", Language::Zh),
    ] {
        let doc = support::parse(&root().join("examples").join(name));
        assert_eq!(doc.meta.language, language);
        assert_eq!(doc.authors.len(), 3, "{name}: three States");
        assert!(!rapporteur::write::text::write(&doc).is_empty());
        assert!(!rapporteur::write::pandoc::write(&doc).is_empty());
        support::render(&doc);
        if support::fonts_for(language).is_none() {
            continue;
        }
        let pdf = rapporteur::write::pdf::write(&doc, &Default::default()).unwrap();
        if !require_tool(Tool::Pdffonts) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.pdf");
        std::fs::write(&file, pdf).unwrap();
        let out = Command::new("pdffonts").arg(&file).output().unwrap();
        let table = String::from_utf8_lossy(&out.stdout).to_string();
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{table}");
        for row in &rows {
            // name type encoding emb sub uni: every font embedded and subset.
            assert!(row.contains(" yes yes "), "{name}: {row}");
        }
        // The Latin words' face beside the script's own.
        assert!(
            rows.iter().any(|r| r.contains("+LiberationSerif")),
            "{name}: {table}"
        );
        // The document's language, and Latin spans marked as English.
        if require_tool(Tool::Qpdf) {
            let plain = dir.path().join("plain.pdf");
            Command::new("qpdf")
                .args(["--qdf", "--object-streams=disable"])
                .arg(&file)
                .arg(&plain)
                .status()
                .unwrap();
            let raw = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).to_string();
            assert!(
                raw.contains(&format!("/Lang ({})", language.code())),
                "{name}: document /Lang"
            );
            assert!(raw.contains("/Lang(en)"), "{name}: no English span");
        }
    }
}

/// Words to compare, each CJK character a word of its own (Chinese has no
/// spaces, and lines break between characters).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.chars().any(rapporteur::present::script::is_full_width) {
            out.extend(word.chars().map(String::from));
        } else {
            out.push(word.to_string());
        }
    }
    out
}

/// The directional marks and embeddings pdftotext puts around Arabic and
/// Latin runs (U+200E, U+200F, U+202A–U+202E).
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
}

#[test]
fn pdftotext_reads_the_arabic_and_chinese_pdfs_as_the_text_writer_writes_them() {
    if !require_tool(Tool::Pdftotext) {
        return;
    }
    for (name, language, job) in [
        ("discussion-ar.md", Language::Ar, "V.21-01235"),
        ("discussion-zh.md", Language::Zh, "V.21-01234"),
    ] {
        if support::fonts_for(language).is_none() {
            continue;
        }
        let doc = support::parse(&root().join("examples").join(name));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.pdf");
        std::fs::write(
            &file,
            rapporteur::write::pdf::write(&doc, &Default::default()).unwrap(),
        )
        .unwrap();
        let out = Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        let extracted = String::from_utf8_lossy(&out.stdout);
        // Page furniture aside: the job number and its language letter,
        // and from page 2 on the running head's symbol and the page number
        // (the Arabic example, set at 14 pt, runs to a second page).
        let symbol = doc.meta.symbol.as_str();
        let body: String = extracted
            .split('\u{c}')
            .enumerate()
            .flat_map(|(page, text)| {
                text.lines()
                    .filter(move |l| {
                        let bare = l.trim_matches(|c: char| c.is_whitespace() || is_bidi_mark(c));
                        !l.contains(job)
                            && (page == 0
                                || (bare != symbol && !bare.chars().all(|c| c.is_ascii_digit())))
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut ours = tokens(&rapporteur::write::text::write(&doc));
        let mut theirs = tokens(&body);
        ours.sort();
        theirs.sort();
        let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ours, &theirs);
        let same: usize = ops
            .iter()
            .filter_map(|op| match op {
                similar::DiffOp::Equal { len, .. } => Some(*len),
                _ => None,
            })
            .sum();
        let ratio = 2.0 * same as f64 / (ours.len() + theirs.len()) as f64;
        assert!(ratio >= 0.98, "{name}: {ratio:.4}");
    }
}

#[test]
fn openxml_audit_finds_no_violation_in_the_docx_of_any_language() {
    if !require_tool(Tool::OpenxmlAudit) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(root().join("examples/minimal.md")).unwrap();
    for language in Language::ALL {
        // The example that shows every feature, in each language (its
        // words stay English: the labels, styles and fonts change).
        let source = minimal.replace(
            "language     = \"en\"",
            &format!("language = \"{}\"", language.code()),
        );
        let doc = support::parse_str(&source);
        assert_eq!(doc.meta.language, language);
        let file = dir.path().join(format!("{}.docx", language.code()));
        std::fs::write(&file, support::render(&doc)).unwrap();
        let out = Command::new("openxml-audit")
            .args(["--max-errors", "0"])
            .arg(&file)
            .output()
            .expect("run openxml-audit");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Errors: 0"),
            "{language:?}: {report}"
        );
        // The other validator too (it rejects a w:rtl outside runs).
        if require_tool(Tool::OoxmlValidate) {
            let (ok, out, err) = tools::run(Tool::OoxmlValidate, &[file.to_str().unwrap()]);
            assert!(
                ok && out.contains("Found 0 errors"),
                "{language:?}: {out}{err}"
            );
        }
    }
}
