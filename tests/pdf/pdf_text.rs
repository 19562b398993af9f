//! What a reader extracts from the PDF (issue 4, points 2 and 3): the words
//! of the plain-text rendering in the same order, and each page holding
//! what belongs on it.

use crate::support::pdf::*;
use rapporteur::model::FootnoteMark;

/// Words of the plain-text writer's output, its Markdown marks removed.
fn text_words(md: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in md.lines() {
        let line = line.trim_start_matches('#').trim();
        if line == "---" {
            continue;
        }
        let line = line
            .replace("\\*", "\u{0}")
            .replace("~~", "")
            .replace('*', "")
            .replace('\u{0}', "*");
        // `[^3]` in the text and `[^3]:` before a note's text print as `3`.
        let mut s = String::new();
        let mut rest = line.as_str();
        while let Some(i) = rest.find("[^") {
            s.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            match after.find(']') {
                Some(j) => {
                    s.push_str(&after[..j]);
                    rest = after[j + 1..].strip_prefix(':').unwrap_or(&after[j + 1..]);
                    if rest.starts_with(' ') || rest.is_empty() {
                        s.push(' ');
                    }
                }
                None => {
                    s.push_str(&rest[i..]);
                    rest = "";
                }
            }
        }
        s.push_str(rest);
        words.extend(s.split_whitespace().map(str::to_string));
    }
    words
}

/// Words of pdftotext's output: running heads and page numbers left out,
/// words hyphenated at line ends (soft hyphen U+00AD) rejoined.
fn pdf_words(pdf: &std::path::Path, symbol: &str, job: &str) -> Vec<String> {
    let pages = page_count(pdf);
    let mut text = String::new();
    for n in 1..=pages {
        let page = pdftotext(pdf, Some((n, n)));
        for line in page.lines() {
            let t = line.trim();
            if t == symbol || t == job || t == n.to_string() || t == "\u{c}" {
                continue;
            }
            match t.strip_suffix('\u{ad}') {
                Some(stem) => text.push_str(stem),
                None => {
                    text.push_str(t);
                    text.push(' ');
                }
            }
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn extracted_words_match_the_text_writer() {
    if missing(&[Tool::Pdftotext, Tool::Pdfinfo]) {
        return;
    }
    let doc = example();
    let md = rapporteur::write::text::write(doc);
    let expected = text_words(&md);
    let job = rapporteur::house::style::job_line(&doc.meta).unwrap_or_default();
    let got = pdf_words(example_pdf(), &doc.meta.symbol, &job);
    let a: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
    let b: Vec<&str> = got.iter().map(|s| s.as_str()).collect();
    let diff = similar::TextDiff::from_slices(&a, &b);
    let ratio = diff.ratio();
    eprintln!("word ratio {ratio:.4} over {} words", a.len());
    if ratio < 0.99 {
        let changes: Vec<String> = diff
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .take(60)
            .map(|c| format!("{}{}", c.tag(), c.value()))
            .collect();
        panic!("word ratio {ratio:.4} < 0.99; first differences: {changes:?}");
    }
    assert!(a.len() > 3000, "the example has thousands of words");
    // No hyphen is left glued inside a word that the text has whole.
    assert!(!got.iter().any(|w| w.contains('\u{ad}')));
}

#[test]
fn page_one_holds_the_masthead_and_the_agenda_footnote() {
    if missing(&[Tool::Pdftotext, Tool::Pdfinfo]) {
        return;
    }
    let doc = example();
    let page = pdftotext(example_pdf(), Some((1, 1)));
    for needle in [
        "United Nations",
        "CTOC",
        "Conference of the Parties",
        "9 October 2020",
        "English only",
        "Tenth session",
        "Vienna, 12–16 October 2020",
        "Item 2 (d) of the provisional agenda",
        "Note by the Secretariat",
        "CTOC/COP/2020/1.",
        "V.20-05590 (E)",
    ] {
        assert!(page.contains(needle), "page 1 lacks {needle:?}:\n{page}");
    }
    assert!(page.contains(
        doc.meta
            .title
            .as_deref()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
    ));
    // The agenda note is page 1's only: no later page repeats it.
    let rest = pdftotext(example_pdf(), Some((2, page_count(example_pdf()))));
    assert!(!rest.contains("CTOC/COP/2020/1."));
}

#[test]
fn every_later_page_holds_the_symbol_and_its_number() {
    if missing(&[Tool::Pdftotext, Tool::Pdfinfo]) {
        return;
    }
    let doc = example();
    let pdf = example_pdf();
    let pages = page_count(pdf);
    assert!(
        pages >= 8,
        "the example runs to about 12 pages, got {pages}"
    );
    for n in 2..=pages {
        let page = pdftotext(pdf, Some((n, n)));
        let lines: Vec<&str> = page.lines().map(str::trim).collect();
        assert!(
            lines.contains(&doc.meta.symbol.as_str()),
            "page {n} lacks the symbol"
        );
        assert!(
            lines.contains(&n.to_string().as_str()),
            "page {n} lacks its number"
        );
        assert!(
            lines.contains(&"V.20-05590 (E)"),
            "page {n} lacks the job number"
        );
    }
}

#[test]
fn numbered_footnotes_sit_on_the_page_of_their_reference() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    // The example has none besides the agenda note, so render a document
    // whose footnotes fall throughout.
    let doc = parse("tests/data/footnotes.md");
    assert!(doc.footnotes.len() >= 5);
    let bytes = rapporteur::write::pdf::write(&doc, &Default::default()).unwrap();
    let (_dir, pdf) = temp_pdf(&bytes);
    let laid = rapporteur::write::pdf::layout(&doc, &Default::default()).unwrap();
    for (i, f) in doc.footnotes.iter().enumerate() {
        let FootnoteMark::Number(_) = f.mark else {
            continue;
        };
        let page = laid
            .pages
            .iter()
            .find(|p| p.references.contains(&i))
            .unwrap_or_else(|| panic!("footnote {i} never referenced"));
        assert!(
            page.footnotes.contains(&i),
            "footnote {i} not on page {}",
            page.number
        );
        // And in the PDF: the note's distinctive text is on that page.
        let text = pdftotext(&pdf, Some((page.number, page.number)));
        let key = format!("Note-{}-text", i + 1);
        assert!(
            text.contains(&key),
            "page {} lacks {key}:\n{text}",
            page.number
        );
    }
}

/// A source in `language`, dated the first of the month, with a chapter,
/// a section, a numbered paragraph with quotes and lettered subparagraphs,
/// and a discussion point.
fn source_in(language: &str, of: &str, original: &str) -> String {
    format!(
        "+++\nsymbol = \"A/75/1\"\ndate = 2020-10-01\nlanguage = \"{language}\"\n\
         distribution = \"General\"\noriginal = \"{original}\"\njob = \"V.20-00001\"\n\
         title = \"Title\"\n[agenda]\nitem = \"2\"\nof = \"{of}\"\nsymbol = \"A/75/100\"\n\
         [authors]\nUS = \"United States\"\n+++\n\n# Introduction\n\n\
         #. Words in \"quotes\" {{--old--}}{{++new++}}{{>>US: why<<}} text:\n\n\
         (a) First subparagraph;\n\n(b) Second subparagraph.\n\n## Section\n\n\
         ::: point 1\nPoint text {{++added++}}{{>>US<<}}.\n:::\n"
    )
}

/// The French, Spanish and Russian PDFs read (pdftotext) with their own
/// masthead, distribution, date (the first of the month as each language
/// writes it), original-language line, agenda line, discussion-point
/// heading, subparagraph labels, quotation marks and job-number letter,
/// and none of the English ones. The expected strings are written out here,
/// not taken from `templates/labels.toml`, so a wrong label there fails.
#[test]
fn french_spanish_and_russian_pdfs_carry_their_mastheads_dates_and_labels() {
    if missing(&[Tool::Pdftotext]) {
        return;
    }
    let cases: [(&str, &str, &str, &[&str]); 3] = [
        (
            "fr",
            "ordre du jour provisoire",
            "anglais",
            &[
                "Nations Unies",
                "Distr. générale",
                "1er octobre 2020",
                "Original : anglais",
                "Point 2 de l’ordre du jour provisoire*",
                "I. Introduction",
                // French: a narrow no-break space before `:` (pdftotext reads a space).
                "Words in « quotes » old new (US : why) text:",
                "a) First subparagraph;",
                "b) Second subparagraph.",
                "Point de discussion 1",
                "Point text added (US).",
                "V.20-00001 (F)",
            ],
        ),
        (
            "es",
            "programa provisional",
            "inglés",
            &[
                "Naciones Unidas",
                "Distr. general",
                "1 de octubre de 2020",
                "Original: inglés",
                "Tema 2 del programa provisional*",
                "I. Introduction",
                "Words in “quotes” old new (US: why) text:",
                "a) First subparagraph;",
                "b) Second subparagraph.",
                "Punto de debate 1",
                "V.20-00001 (S)",
            ],
        ),
        (
            "ru",
            "предварительной повестки дня",
            "английский",
            &[
                "Организация Объединенных Наций",
                // The Distr. column of Russian documents is printed in
                // English, with the version's language (un-layout.md).
                "Distr.: General",
                "1 October 2020",
                "Russian",
                "Original: английский",
                "Пункт 2 предварительной повестки дня*",
                "I. Introduction",
                "Words in «quotes» old new (US: why) text:",
                "(a) First subparagraph;",
                "(b) Second subparagraph.",
                "Пункт для обсуждения 1",
                "V.20-00001 (R)",
            ],
        ),
    ];
    for (language, of, original, expected) in cases {
        let src = source_in(language, of, original);
        let doc = rapporteur::read::source::parse("lang.md", &src).unwrap();
        let bytes = rapporteur::write::pdf::write(&doc, &Default::default()).unwrap();
        let (_dir, pdf) = temp_pdf(&bytes);
        let page = pdftotext(&pdf, Some((1, 1)));
        let text = page.split_whitespace().collect::<Vec<_>>().join(" ");
        for e in expected {
            assert!(text.contains(e), "{language}: {e:?} not in {text}");
        }
        // The paragraph's number stands on a line of its own before its
        // text (a tab between them, as a real UN PDF reads).
        let number = page.lines().position(|l| l.trim() == "1.");
        let words = page.lines().position(|l| l.contains("Words in"));
        assert!(
            number.is_some() && number < words,
            "{language}: the number 1. before its text in {page}"
        );
        for english in [
            "United Nations",
            "October",
            "Discussion point",
            "Item 2",
            "(E)",
        ] {
            if language == "ru" && english == "October" {
                continue;
            }
            assert!(!text.contains(english), "{language}: {english:?} in {text}");
        }
    }
}
