//! Chinese attributions as Chinese typesetting prints them: full-width
//! brackets, colon and semicolon with no spaces, `（美国：理由；加拿大）`, in
//! every output a user reads (the PDF's text layer, plain text, pandoc's
//! comments, the DOCX comments); in print no line starts with `）`, `：` or
//! `；` nor ends with `（`; and the DOCX still reads back to the source.
//! The PDF checks need the Chinese fonts (fonts-noto-cjk) and pdftotext.

use crate::support;

use rapporteur::layout::{self, Settings};
use rapporteur::model::{Document, Language};
use rapporteur::read::docx::{self as docx_read, Origin};
use std::process::Command;
use support::tools::{self, Tool};
use support::{example, parse, parse_str, render, unzip, xml};

/// The attributions of `examples/discussion-zh.md` as they must print.
const PRINTED: [&str; 4] = [
    "不妨（中国：措辞应与《枪支议定书》第5条一致）考虑",
    "国际刑警组织（埃及）（墨西哥）共享",
    "标识（埃及：请秘书处说明本段所指的标识标准。）应当",
    "（墨西哥：报告义务已由其他机制涵盖）各国",
];

/// ASCII punctuation an attribution must not have in Chinese.
fn ascii_attribution(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for state in ["中国", "埃及", "墨西哥"] {
        for bad in [
            format!("({state}"),
            format!("{state}:"),
            format!("{state})"),
        ] {
            if text.contains(&bad) {
                found.push(bad);
            }
        }
    }
    found
}

/// Text with every space and line end removed: Chinese has none between
/// words, and pdftotext puts line ends where the print broke lines.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn plain_text_and_pandoc_print_full_width_attributions_and_comment_leads() {
    let doc = parse(&example("discussion-zh.md"));
    let text = rapporteur::write::text::write(&doc);
    for want in PRINTED {
        assert!(text.contains(want), "text: `{want}`\n{text}");
    }
    // A deletion touches the Chinese text beside it: no space is added.
    assert!(text.contains("各缔约国~~应当~~不妨（"), "{text}");
    assert_eq!(ascii_attribution(&text), Vec::<String>::new(), "text");

    let pandoc = rapporteur::write::pandoc::write(&doc);
    for comment in [
        "[中国：措辞应与《枪支议定书》第5条一致]",
        "[埃及：请秘书处说明本段所指的标识标准。]",
        "[墨西哥：报告义务已由其他机制涵盖]",
    ] {
        assert!(pandoc.contains(comment), "pandoc: `{comment}`\n{pandoc}");
    }
    assert_eq!(ascii_attribution(&pandoc), Vec::<String>::new(), "pandoc");
}

#[test]
fn the_pdf_text_layer_reads_full_width_attributions() {
    if support::fonts_for(Language::Zh).is_none() || tools::missing(&[Tool::Pdftotext]) {
        return;
    }
    let doc = parse(&example("discussion-zh.md"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zh.pdf");
    let pdf = rapporteur::write::pdf::write(&doc, &Default::default()).expect("PDF renders");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    let layer = String::from_utf8_lossy(&out.stdout);
    let flat = squeezed(&layer);
    for want in PRINTED {
        assert!(flat.contains(want), "PDF text layer: `{want}`\n{layer}");
    }
    assert_eq!(ascii_attribution(&flat), Vec::<String>::new(), "PDF");
}

#[test]
fn docx_comments_lead_with_a_full_width_colon_and_read_back_without_it() {
    let doc = parse(&example("discussion-zh.md"));
    let docx = render(&doc);
    let parts = unzip(&docx);
    let comments: Vec<(String, String)> = xml("comments", &parts["word/comments.xml"])
        .find_all("w:comment")
        .into_iter()
        .map(|c| (c.attr("w:author").unwrap_or("").to_string(), c.text()))
        .collect();
    assert!(
        comments.contains(&(
            "中国".to_string(),
            "中国：措辞应与《枪支议定书》第5条一致".to_string()
        )),
        "{comments:?}"
    );
    for (_, text) in &comments {
        assert_eq!(ascii_attribution(text), Vec::<String>::new(), "{text}");
    }

    // With the stored structure: the very document.
    let back = docx_read::read(&docx, "zh.docx").expect("reads");
    assert!(
        matches!(back.origin, Origin::Rendered { .. }),
        "{:?}",
        back.origin
    );
    assert_eq!(back.doc, doc);

    // Without it, from the comments alone: each reason by its State, the
    // lead `中国：` gone.
    let mut plain = parts.clone();
    plain.retain(|name, _| !name.starts_with("customXml/"));
    let back = docx_read::read(&support::zip_parts(&plain), "zh.docx").expect("reads");
    assert_eq!(back.origin, Origin::Word);
    assert_eq!(reasons(&back.doc), reasons(&doc));
}

/// Each note's author code and text, sorted.
fn reasons(doc: &Document) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = doc
        .notes
        .iter()
        .map(|n| (doc.author(n.author).code.clone(), n.text.clone()))
        .collect();
    out.sort();
    out
}

/// A long Chinese source: paragraphs of growing length, each with a change
/// and attributions (a reason and a co-proposer), so that attributions
/// fall at every place of a line.
fn long_source() -> String {
    let mut s = support::front()
        .date("2021-05-10")
        .language("zh")
        .authors(&[("美国", "美国"), ("加拿大", "加拿大"), ("中国", "中国")])
        .source("");
    let filler = "各国应加强国家主管机关之间的信息交流包括共享关于被扣押枪支的追查数据";
    let chars: Vec<char> = filler.chars().collect();
    for i in 0..60 {
        let lead: String = chars.iter().cycle().skip(i).take(i % 37 + 1).collect();
        let reason: String = chars.iter().cycle().skip(i * 3).take(i % 11 + 1).collect();
        s.push_str(&format!(
            "#. {lead}{{--应当--}}{{++不妨++}}{{>>美国: {reason}<<}}{{>>加拿大<<}}，\
             {lead}{{++和国际刑警组织++}}{{>>中国<<}}。\n\n"
        ));
    }
    s
}

#[test]
fn no_printed_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    let Some(fonts) = support::fonts_for(Language::Zh) else {
        return;
    };
    let doc = parse_str(&long_source());
    let laid = layout::layout(
        &doc,
        &Settings {
            fonts: &fonts,
            colour: false,
        },
    )
    .expect("lays out");
    let closing = "）：；，。、";
    let mut lines = 0;
    let mut broken_inside = 0;
    let mut body = String::new();
    for page in &laid.pages {
        for placed in &page.lines {
            let line = &placed.line;
            let text: String = line.runs.iter().map(|r| r.text.as_str()).collect();
            let text = text.trim();
            let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
                continue;
            };
            lines += 1;
            assert!(
                !closing.contains(first),
                "a line starts with {first}: {text}"
            );
            assert!(last != '（', "a line ends with （: {text}");
            assert!(
                line.width <= line.measure + 0.01,
                "{} wide on {}: {text}",
                line.width,
                line.measure
            );
            if text.matches('（').count() > text.matches('）').count() {
                broken_inside += 1;
            }
            body.push_str(text);
        }
    }
    assert!(lines > 60, "{lines} lines");
    // The rule is put to the test: lines do break inside attributions.
    assert!(
        broken_inside > 5,
        "{broken_inside} lines break in an attribution"
    );
    let flat = squeezed(&body);
    assert!(flat.contains("不妨（美国：各；加拿大），"), "{flat}");
    for bad in ["(美国", "美国:", "(中国", "加拿大)", "中国)"] {
        assert!(!flat.contains(bad), "`{bad}` in print");
    }
}

#[test]
fn a_full_width_colon_in_the_source_is_an_error_that_names_the_ascii_one() {
    let source = "+++\nsymbol = \"X/1\"\ndate = 2021-05-10\nlanguage = \"zh\"\n\n[authors]\n\
                  \"美国\" = \"美国\"\n+++\n\n文字{++新++}{>>美国：理由<<}。\n";
    let err = rapporteur::read::source::parse("zh.md", source)
        .expect_err("the code is `美国：理由`, not an author")
        .to_string();
    assert!(err.contains("zh.md:10:13"), "{err}");
    assert!(err.contains("unknown author `美国：理由`"), "{err}");
    assert!(err.contains("ASCII colon: {>>美国: 理由<<}"), "{err}");
}
