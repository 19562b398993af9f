//! Any document the parser accepts renders to a PDF, or to a `pdf::Error`:
//! never a panic. Sources are assembled from pieces that stress the
//! engine: changes across paragraphs, footnotes, tables, long words,
//! unusual spaces and scripts.

use proptest::prelude::*;

const FRONT: &str = "+++\nsymbol = \"A/75/1\"\ndate = 2020-10-09\njob = \"V.20-00001\"\n[agenda]\nitem = \"1\"\nof = \"provisional agenda\"\nsymbol = \"A/75/100\"\n[authors]\nUS = \"United States\"\nFR = { name = \"France\" }\n+++\n\n";

const PIECES: &[&str] = &[
    "# Heading\n\n",
    "## Section {-}\n\n",
    "#. Numbered paragraph with some words to fill a line or two of text in the body.\n\n",
    "Plain text {++inserted++}{>>US<<} and {--deleted--}{>>FR: a reason<<} words.\n\n",
    "{--A deletion that spans\n\nparagraph breaks--}{>>US<<}\n\n",
    "{~~old~>new~~}{>>FR<<}{>>US: comment<<}\n\n",
    "A footnote reference.[^n]\n\n[^n]: The footnote text, long enough to wrap onto a second line at nine points in the footer area of the page.\n\n",
    "(a) Sub one;\n\n(b) Sub two:\n\n(i) Deeper.\n\n",
    "> Quoted text.\n\n",
    "| A | B | C |\n| --- | :-: | --: |\n| 1 | two words | {++three++}{>>US<<} |\n\n",
    "::: statement\n1. Own list.\n2. Second.\n:::\n\n",
    "Supercalifragilisticexpialidociousandevenlongerwithoutanybreakopportunityatallxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.\n\n",
    "Spaces\u{a0}that\u{a0}do\u{a0}not\u{a0}break and a thin\u{202f}space; tabs\tand  doubles.\n\n",
    "Кириллица и français, «guillemets» — dashes – and “quotes”.\n\n",
    "{==a noted span==}{>>US: why?<<} then {>>FR: a standing note<<} here.\n\n",
    "*italic* **bold** ***both*** text.\n\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn accepted_sources_render_without_panic(picks in proptest::collection::vec(0..PIECES.len(), 0..24)) {
        let mut src = FRONT.to_string();
        let mut n = 0;
        for i in picks {
            n += 1;
            src.push_str(&PIECES[i].replace("[^n]", &format!("[^{n}]")));
        }
        if let Ok(doc) = rapporteur::read::source::parse("prop.md", &src) {
            for colour in [false, true] {
                let options = rapporteur::write::pdf::Options { colour, font_dir: None };
                match rapporteur::write::pdf::write(&doc, &options) {
                    Ok(bytes) => prop_assert!(bytes.starts_with(b"%PDF-")),
                    Err(e) => prop_assert!(false, "render failed: {e}\n{src}"),
                }
                let l = rapporteur::write::pdf::layout(&doc, &options).unwrap();
                for p in &l.pages {
                    for x in &p.lines {
                        // Only an unbreakable glyph wider than the measure may overflow.
                        prop_assert!(x.line.width <= x.line.measure + 0.01, "overfull line\n{src}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_piece_parses_so_the_property_is_not_vacuous() {
    let mut src = FRONT.to_string();
    for (n, piece) in PIECES.iter().enumerate() {
        src.push_str(&piece.replace("[^n]", &format!("[^{n}]")));
    }
    let doc = match rapporteur::read::source::parse("all.md", &src) {
        Ok(doc) => doc,
        Err(e) => panic!("{e:?}"),
    };
    let bytes = rapporteur::write::pdf::write(&doc, &Default::default()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}
