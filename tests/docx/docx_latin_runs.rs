//! Latin words in the DOCX of an Arabic document: Word sets every
//! character of a `w:rtl` run in its complex-script font (Amiri), so a
//! symbol such as `CTOC/COP/2020/1` or a State's note in English is a run
//! of its own without `w:rtl`, split by the rule the PDF sets families by
//! (`rapporteur::present::script`), and keeps its revision, its author and its
//! formatting.

use crate::support;

use rapporteur::model::{Document, Inline};
use support::{parse, parse_str, render, root, unzip, xml, El};

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

fn has_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
}

/// A run's text, inserted or deleted.
fn run_text(run: &El) -> String {
    run.elems()
        .filter(|e| e.name == "w:t" || e.name == "w:delText")
        .map(El::text)
        .collect()
}

fn is_rtl(run: &El) -> bool {
    run.find_all("w:rPr")
        .iter()
        .any(|props| props.elems().any(|e| e.name == "w:rtl"))
}

/// Every run with text in `story`: one holding Arabic letters carries
/// `w:rtl`, one holding Latin letters does not, and none holds both.
fn assert_runs_split_by_script(name: &str, story: &El) {
    for run in story.find_all("w:r") {
        let text = run_text(run);
        assert!(
            !(has_arabic(&text) && has_latin(&text)),
            "{name}: a run of Arabic and Latin: {text}"
        );
        if has_arabic(&text) {
            assert!(is_rtl(run), "{name}: Arabic without w:rtl: {text}");
        }
        if has_latin(&text) {
            assert!(!is_rtl(run), "{name}: Latin with w:rtl: {text}");
        }
    }
}

/// The run whose text holds `words`.
fn run_with<'a>(story: &'a El, words: &str) -> &'a El {
    story
        .find_all("w:r")
        .into_iter()
        .find(|r| run_text(r).contains(words))
        .unwrap_or_else(|| panic!("no run holds {words}"))
}

/// The text of the paragraph that holds `words`, in the DOCX and in the
/// model (its text runs joined, deleted and inserted alike).
fn paragraph_texts(story: &El, doc: &Document, words: &str) -> (String, String) {
    let p = story
        .find_all("w:p")
        .into_iter()
        .find(|p| {
            let text: String = p.find_all("w:r").into_iter().map(run_text).collect();
            text.contains(words)
        })
        .unwrap_or_else(|| panic!("no paragraph holds {words}"));
    let in_docx = p.find_all("w:r").into_iter().map(run_text).collect();
    let mut in_model = None;
    rapporteur::model::walk::walk_inlines(
        &doc.blocks,
        &mut |inlines| {
            let text: String = inlines
                .iter()
                .filter_map(|i| match i {
                    Inline::Text(run) => Some(run.text.as_str()),
                    _ => None,
                })
                .collect();
            if text.contains(words) {
                in_model.get_or_insert(text);
            }
        },
        &mut |_| {},
    );
    (in_docx, in_model.expect("the model holds the paragraph"))
}

#[test]
fn latin_symbols_of_the_arabic_example_are_runs_without_rtl() {
    let doc = parse(&root().join("examples/discussion-ar.md"));
    let parts = unzip(&render(&doc));
    let body = xml("document.xml", &parts["word/document.xml"]);
    let notes = xml("footnotes.xml", &parts["word/footnotes.xml"]);
    assert_runs_split_by_script("document.xml", &body);
    assert_runs_split_by_script("footnotes.xml", &notes);
    let mut headers = 0;
    for (name, bytes) in parts.iter().filter(|(n, _)| n.starts_with("word/header")) {
        let header = xml(name, bytes);
        assert_runs_split_by_script(name, &header);
        headers += header
            .find_all("w:r")
            .into_iter()
            .filter(|r| has_arabic(&run_text(r)))
            .count();
    }
    assert!(headers >= 1, "the first page's الأمم المتحدة");
    for (story, symbol) in [
        (&body, "CTOC/COP/WG.6/2020/3"),
        (&notes, "CTOC/COP/WG.6/2021/INF.1"),
    ] {
        assert!(!is_rtl(run_with(story, symbol)), "{symbol}");
        let arabic = run_with(story, "في الوثيقة");
        assert!(is_rtl(arabic), "the Arabic before {symbol}");
    }
    let (in_docx, in_model) = paragraph_texts(&body, &doc, "CTOC/COP/WG.6/2020/3");
    assert_eq!(in_docx, in_model, "the paragraph's text is unchanged");
}

const SOURCE: &str = r#"+++
symbol   = "CTOC/COP/2021/5"
date     = 2021-05-10
language = "ar"
title    = "تعليقات الدول"

[authors]
"Mexico" = { name = "Mexico", date = 2021-04-23T00:00:00Z }
"مصر"    = { name = "مصر", date = 2021-04-20T00:00:00Z }
+++

1. تنظر الدول {++في الوثيقة CTOC/COP/2020/1 (Mexico: please clarify the scope) قبل الدورة **المقبلة**++}{>>Mexico<<} {--وفق CTOC/COP/2019/2--}{>>مصر<<} في فيينا.
"#;

/// The runs inside each `w:ins` or `w:del` (`kind`) of `story`, by author.
fn revisions<'a>(story: &'a El, kind: &str) -> Vec<(String, Vec<&'a El>)> {
    story
        .find_all(kind)
        .into_iter()
        .filter(|r| !r.find_all("w:r").is_empty())
        .map(|r| {
            (
                r.attr("w:author").unwrap_or("").to_string(),
                r.find_all("w:r"),
            )
        })
        .collect()
}

#[test]
fn a_states_insertion_keeps_its_latin_words_left_to_right_and_its_author() {
    let doc = parse_str(SOURCE);
    let parts = unzip(&render(&doc));
    let body = xml("document.xml", &parts["word/document.xml"]);
    assert_runs_split_by_script("document.xml", &body);

    // One insertion by Mexico wraps the Arabic and the Latin runs alike.
    let insertions = revisions(&body, "w:ins");
    assert_eq!(insertions.len(), 1, "{insertions:?}");
    let (author, runs) = &insertions[0];
    assert_eq!(author, "Mexico");
    let texts: Vec<String> = runs.iter().map(|r| run_text(r)).collect();
    // With the space before it, which Reject All removes with it.
    assert_eq!(
        texts.concat(),
        " في الوثيقة CTOC/COP/2020/1 (Mexico: please clarify the scope) قبل الدورة المقبلة"
    );
    assert!(texts.len() >= 3, "{texts:?}");
    let latin = runs
        .iter()
        .find(|r| run_text(r).contains("CTOC/COP/2020/1"))
        .expect("the symbol's run is in the insertion");
    assert!(!is_rtl(latin));
    assert!(run_text(latin).contains("(Mexico: please clarify the scope)"));
    for arabic in ["في الوثيقة", "قبل الدورة"] {
        let run = runs.iter().find(|r| run_text(r).contains(arabic)).unwrap();
        assert!(is_rtl(run), "{arabic}");
    }
    // The bold word stays bold, and right to left.
    let bold = runs.iter().find(|r| run_text(r) == "المقبلة").unwrap();
    assert!(is_rtl(bold) && !bold.find_all("w:b").is_empty());

    // Egypt's deletion: deleted text in both runs, one author.
    let deletions = revisions(&body, "w:del");
    assert_eq!(deletions.len(), 1, "{deletions:?}");
    let (author, runs) = &deletions[0];
    assert_eq!(author, "مصر");
    assert!(runs.iter().all(|r| r.find_all("w:t").is_empty()));
    let symbol = runs
        .iter()
        .find(|r| run_text(r).contains("CTOC/COP/2019/2"))
        .expect("the deleted symbol's run");
    assert!(!is_rtl(symbol));
    assert!(runs
        .iter()
        .any(|r| is_rtl(r) && run_text(r).contains("وفق")));

    let (in_docx, in_model) = paragraph_texts(&body, &doc, "CTOC/COP/2020/1");
    assert_eq!(in_docx, in_model, "the paragraph's text is unchanged");
}

#[test]
fn split_runs_import_back_to_the_same_document() {
    let doc = parse_str(SOURCE);
    let imported =
        rapporteur::read::docx::read(&render(&doc), "latin.docx").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        imported.unrepresented.is_empty(),
        "{:?}",
        imported.unrepresented
    );
    assert_eq!(imported.doc, doc);
}

/// The line of `doc`'s `--to md` text in view `v` that holds `words`.
fn line_with(doc: &Document, v: rapporteur::model::view::View, words: &str) -> String {
    let text = rapporteur::write::text::write(&rapporteur::model::view::apply(doc, v));
    text.lines()
        .find(|l| l.contains(words))
        .unwrap_or_else(|| panic!("no line holds {words}:\n{text}"))
        .to_string()
}

#[test]
fn split_runs_read_from_the_word_markup_alone_give_the_same_texts() {
    use rapporteur::model::view::View;
    let doc = parse_str(SOURCE);
    // The stored structure removed: what Word's markup alone says.
    let parts: std::collections::BTreeMap<String, Vec<u8>> = unzip(&render(&doc))
        .into_iter()
        .filter(|(name, _)| !name.starts_with("customXml/"))
        .collect();
    let imported = rapporteur::read::docx::read(&support::zip_parts(&parts), "plain.docx")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.origin, rapporteur::read::docx::Origin::Word);
    for (v, words) in [
        (View::Accepted, "CTOC/COP/2020/1"),
        (View::Original, "CTOC/COP/2019/2"),
    ] {
        assert_eq!(
            line_with(&imported.doc, v, words),
            line_with(&doc, v, words),
            "{v:?}"
        );
    }
}

/// The comments of an Arabic document read right to left as the body
/// does: a comment in Arabic is a `w:bidi` paragraph whose Arabic runs
/// carry `w:rtl`; a State's note in English stays a left-to-right one.
#[test]
fn arabic_comments_are_right_to_left_and_english_ones_not() {
    let doc = parse(&root().join("examples/discussion-ar.md"));
    let parts = unzip(&render(&doc));
    let comments = xml("comments.xml", &parts["word/comments.xml"]);
    assert_runs_split_by_script("comments.xml", &comments);
    let mut arabic = 0;
    for comment in comments.find_all("w:comment") {
        let text: String = comment.find_all("w:r").into_iter().map(run_text).collect();
        let bidi = comment.find_all("w:bidi").len() == 1;
        assert_eq!(bidi, has_arabic(&text), "w:bidi on {text}");
        arabic += usize::from(has_arabic(&text));
    }
    assert!(arabic >= 2, "the example's Arabic comments: {arabic}");
    let english = run_with(&comments, "please clarify which marking standard");
    assert!(!is_rtl(english));
}
