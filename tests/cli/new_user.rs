//! A new user's first week (issue 19), through the command a user runs:
//! attributions that read right in every writer, the clean texts and
//! Word's Accept All / Reject All that agree with nothing folded, and
//! mistakes `check` reports instead of printing.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::tools::{self, Tool};

fn rapporteur(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run rapporteur")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A scratch directory of its own, emptied: what an earlier run left
/// there must not count.
fn fresh(name: &str) -> PathBuf {
    let dir = support::scratch(name);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The PDF's text layer, as poppler's pdftotext reads it.
fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FRONT: &str = "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\ntitle = \"Report of l'Organisation\"\n\n[authors]\nKE = \"Kenya\"\nNO = \"Norway\"\nPH = \"Philippines\"\nCI = \"Côte d'Ivoire\"\nAR = \"Argentina\"\nCA = \"Canada\"\nFR = \"France\"\n+++\n\n";

const BODY: &str = "::: point 1\n\
1. Financial {++and insurance ++}{>>KE<<}services and {--a--}{>>NO<<}{++b++}{>>KE<<} here.\n\n\
2. Age, sex {++and disability++}{>>PH<<}, in the Firearms Protocol {--and its annex--}{>>CA<<}.\n\n\
3. Done {--{--by hand--}{>>CA<<}--}{++manually++}{>>FR<<}{++in person++}{>>CA<<}.\n\n\
4. Held {--in Vienna--}{>>AR: Argentina opposes this deletion<<}{>>CI: we support it<<} today.\n\
:::\n\n\
::: point 2\n\
{--Every word of this point goes.--}{>>CA<<}\n\
:::\n\n\
::: point 3\n\
5. Last.\n\
:::\n";

/// The attribution stands between words with one space on each side, in
/// the text and in the PDF: not `and insurance (KE)services`, not
/// `(NO)b (KE)`; and the clean texts part the words of two touching
/// changes (`manually in person`) and keep no space before punctuation.
#[test]
fn attributions_stand_between_words_with_one_space_on_each_side() {
    let dir = fresh("new-user-spacing");
    write(&dir, "a.md", &format!("{FRONT}{BODY}"));
    let text = ok(&rapporteur(&["render", "a.md", "--to", "md"], &dir));
    for want in [
        "1. Financial and insurance (KE) services and ~~a~~ (NO) b (KE) here.",
        "2. Age, sex and disability (PH), in the Firearms Protocol ~~and its annex~~ (CA).",
        "3. Done ~~by hand~~ (CA) manually (FR) in person (CA).",
    ] {
        assert!(text.contains(want), "`{want}` in\n{text}");
    }
    let accepted = ok(&rapporteur(
        &["render", "a.md", "--to", "md", "--view", "accepted"],
        &dir,
    ));
    for want in [
        "1. Financial and insurance services and b here.",
        "2. Age, sex and disability, in the Firearms Protocol.",
        "3. Done manually in person.",
    ] {
        assert!(accepted.contains(want), "`{want}` in\n{accepted}");
    }
    let original = ok(&rapporteur(
        &["render", "a.md", "--to", "md", "--view", "original"],
        &dir,
    ));
    assert!(original.contains("2. Age, sex, in the Firearms Protocol and its annex."));
    // Every word of point 2 deleted: the clean accepted text has no
    // "Discussion point 2" heading left over; the original keeps it.
    assert!(!accepted.contains("Discussion point 2"), "{accepted}");
    assert!(accepted.contains("Discussion point 3"));
    assert!(original.contains("Discussion point 2"));

    if tools::missing(&[Tool::Pdftotext]) {
        return;
    }
    ok(&rapporteur(&["render", "a.md", "--to", "pdf"], &dir));
    let pdf = pdftotext(&dir.join("a.pdf"));
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "and insurance (KE) services and a (NO) b (KE) here.",
        "sex and disability (PH), in",
        "by hand (CA) manually (FR) in person (CA).",
    ] {
        assert!(flat.contains(want), "`{want}` in the PDF\n{pdf}");
    }
}

/// Front-matter words take typographic apostrophes as the body's do; a
/// comment's initials are the State's code; a reason that names its
/// State first is not led by the name again.
#[test]
fn names_read_the_same_in_masthead_comments_and_text() {
    let dir = fresh("new-user-names");
    write(&dir, "a.md", &format!("{FRONT}{BODY}"));
    let text = ok(&rapporteur(&["render", "a.md", "--to", "md"], &dir));
    assert!(text.contains("**Report of l’Organisation**"), "{text}");
    assert!(
        text.contains("(AR: Argentina opposes this deletion; CI: we support it)"),
        "{text}"
    );
    // By name, the State is not named twice in print either.
    let named = format!("{FRONT}{BODY}").replacen(
        "date = 2020-10-09\n",
        "date = 2020-10-09\nattributions = \"names\"\n",
        1,
    );
    write(&dir, "n.md", &named);
    let text = ok(&rapporteur(&["render", "n.md", "--to", "md"], &dir));
    assert!(
        text.contains("(Argentina opposes this deletion; Côte d’Ivoire: we support it)"),
        "{text}"
    );
    ok(&rapporteur(&["render", "a.md", "--to", "docx"], &dir));
    let parts = support::unzip(&std::fs::read(dir.join("a.docx")).unwrap());
    let comments = support::xml("comments", &parts["word/comments.xml"]);
    let by: Vec<(String, String, String)> = comments
        .find_all("w:comment")
        .into_iter()
        .map(|c| {
            (
                c.attr("w:author").unwrap_or("").to_string(),
                c.attr("w:initials").unwrap_or("").to_string(),
                c.text(),
            )
        })
        .collect();
    assert!(
        by.contains(&(
            "Argentina".into(),
            "AR".into(),
            "Argentina opposes this deletion".into()
        )),
        "{by:?}"
    );
    assert!(
        by.contains(&(
            "Côte d’Ivoire".into(),
            "CI".into(),
            "Côte d’Ivoire: we support it".into()
        )),
        "{by:?}"
    );
}

/// `{++++}` is an empty change and `{++## heading++}` no heading: both
/// are errors where they stand, and nothing is written.
#[test]
fn an_empty_change_and_a_heading_inside_a_change_are_errors() {
    let dir = fresh("new-user-errors");
    write(
        &dir,
        "e.md",
        &format!("{FRONT}1. Text {{++++}}{{>>KE<<}} here.\n\n{{++## New heading++}}{{>>KE<<}}\n"),
    );
    let out = rapporteur(&["check", "e.md"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("e.md:16:9: an empty insertion: it changes nothing"),
        "{err}"
    );
    assert!(
        err.contains("e.md:18:1: `##` inside a change is not a heading"),
        "{err}"
    );
    let out = rapporteur(&["render", "e.md", "--to", "md,docx", "-o", "out/"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("out").exists());
}

/// Codes are matched without regard to case where that is unambiguous,
/// and a curly apostrophe matches a straight one.
#[test]
fn codes_match_in_any_case_and_with_either_apostrophe() {
    let dir = fresh("new-user-codes");
    let front = "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n\n[authors]\nAR = \"Argentina\"\n\"Côte d'Ivoire\" = \"Côte d'Ivoire\"\n+++\n\n";
    write(
        &dir,
        "c.md",
        &format!("{front}1. Text {{++new++}}{{>> ar <<}} and {{--old--}}{{>>Côte d’Ivoire<<}}.\n"),
    );
    let text = ok(&rapporteur(&["render", "c.md", "--to", "md"], &dir));
    assert!(
        text.contains("new (AR) and ~~old~~ (Côte d'Ivoire)."),
        "{text}"
    );
    let text = ok(&rapporteur(
        &["render", "c.md", "--to", "md", "--view", "author=ar"],
        &dir,
    ));
    assert!(text.contains("Text new (AR) and old."), "{text}");
}

/// Two paragraphs numbered as Word copies them, with two States' changes.
fn short() -> String {
    support::front()
        .authors(&[("CI", "Côte d'Ivoire"), ("AR", "Argentina")])
        .source(SHORT_BODY)
}

const SHORT_BODY: &str = "1.\tFirst {++new++}{>>AR<<}{>>CI<<} text.\n\n2.\u{a0}Second {--old--}{>>AR<<}{>>CI: we object<<} text.\n";

/// `1.` then a tab or a no-break space, as Word copies a numbered
/// paragraph, is a paragraph number.
#[test]
fn a_tab_or_no_break_space_after_a_number_makes_a_numbered_paragraph() {
    let dir = fresh("new-user-numbers");
    write(&dir, "n.md", &short());
    let text = ok(&rapporteur(&["render", "n.md", "--to", "md"], &dir));
    assert!(text.contains("\n1. First new (AR; CI) text."), "{text}");
    assert!(
        text.contains("\n2. Second ~~old~~ (AR; CI: we object) text."),
        "{text}"
    );
}

/// A view goes into the file's name; `-o` whose extension is another
/// format's is a usage error; an existing file rapporteur did not write
/// is left alone without `--force`; every output is announced.
#[test]
fn outputs_are_named_by_view_and_never_replace_what_the_user_wrote() {
    let dir = fresh("new-user-outputs");
    write(&dir, "n.md", &short());
    for view in ["accepted", "original"] {
        let out = rapporteur(
            &[
                "render", "n.md", "--to", "md,docx", "--view", view, "-o", "views/",
            ],
            &dir,
        );
        ok(&out);
        let said = String::from_utf8_lossy(&out.stderr);
        for ext in ["txt", "docx"] {
            let name = format!("views/n.{view}.{ext}");
            assert!(dir.join(&name).is_file(), "{name}");
            assert!(said.contains(&format!("wrote {name}")), "{said}");
        }
    }
    assert!(!dir.join("views/n.docx").exists());
    let out = rapporteur(&["render", "n.md", "--to", "pdf", "-o", "out.docx"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("-o out.docx names a docx file, but --to pdf"),
        "{said}"
    );
    assert!(!dir.join("out.docx").exists());

    // A hand-written .txt is not replaced; rapporteur's own output is.
    write(&dir, "n.txt", "my own notes\n");
    let out = rapporteur(&["render", "n.md", "--to", "md,docx"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("n.txt exists and was not written by rapporteur"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("n.txt")).unwrap(),
        "my own notes\n"
    );
    assert!(!dir.join("n.docx").exists(), "nothing is written");
    let out = rapporteur(&["render", "n.md", "--to", "md,docx", "--force"], &dir);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote n.txt"));
    // Written by rapporteur: replaced again without --force.
    ok(&rapporteur(&["render", "n.md", "--to", "md,docx"], &dir));

    // A batch says what it wrote too.
    write(&dir, "m.md", &short());
    let out = rapporteur(
        &["render", "n.md", "m.md", "--to", "md", "-o", "batch/"],
        &dir,
    );
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("wrote batch/n.txt") && said.contains("wrote batch/m.txt"),
        "{said}"
    );

    // import -o over an existing source: refused without --force.
    let docx = dir.join("n.docx");
    let out = rapporteur(&["import", docx.to_str().unwrap(), "-o", "n.md"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.join("n.md")).unwrap(), short());
    let out = rapporteur(&["import", docx.to_str().unwrap(), "-o", "back.md"], &dir);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote back.md"));
}

/// `author=CI` shows what Côte d'Ivoire said of Argentina's changes (what
/// it co-proposes, its objection), though it proposed none first; an unknown author is said once.
#[test]
fn an_author_view_shows_what_a_supporting_state_said() {
    let dir = fresh("new-user-author");
    write(&dir, "n.md", &short());
    let text = ok(&rapporteur(
        &["render", "n.md", "--to", "md", "--view", "author=CI"],
        &dir,
    ));
    // Its bare co-proposal of Argentina's insertion is its proposal too.
    assert!(text.contains("1. First new (CI) text."), "{text}");
    assert!(
        text.contains("2. Second old (CI: we object) text."),
        "{text}"
    );
    let out = rapporteur(
        &[
            "render",
            "n.md",
            "--to",
            "docx,pdf",
            "--view",
            "author=XX",
            "-o",
            "x/",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("no author `XX`").count(), 1, "{said}");
}

/// A Word file or a PDF where a source is expected points at `import`.
#[test]
fn a_word_file_given_as_a_source_points_at_import() {
    let dir = fresh("new-user-binary");
    write(&dir, "n.md", &short());
    ok(&rapporteur(&["render", "n.md", "--to", "docx"], &dir));
    for args in [
        vec!["check", "n.docx"],
        vec!["render", "n.docx", "--to", "pdf"],
        vec!["merge", "n.docx", "CI=n.docx"],
    ] {
        let out = rapporteur(&args, &dir);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("this is a Word file (DOCX)"),
            "{args:?}: {said}"
        );
        assert!(said.contains("rapporteur import"), "{args:?}: {said}");
        assert!(!said.contains("UTF-8"), "{args:?}: {said}");
    }
}

/// One round of errors: a front matter TOML cannot read hides none of
/// the body's errors, and one wrong number is one error, not two.
#[test]
fn every_error_in_one_round_and_one_mistake_one_error() {
    let dir = fresh("new-user-rounds");
    write(
        &dir,
        "r.md",
        "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\ntitle = Report\n[authors]\nUS = \"United States\"\n+++\n\n\
         1. Text {++x++}{>>UK<<}.\n\n2. Two.\n\n2. Three.\n\n4. Four.\n\n::: point 1\nA.\n:::\n\n::: point 3\nB.\n:::\n\n::: point 3\nC.\n:::\n",
    );
    let out = rapporteur(&["check", "r.md"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: r.md:4:9: front matter: string values must be quoted, expected literal string",
            "error: r.md:9:19: unknown author `UK`",
            "error: r.md:13:1: paragraph 2 follows paragraph 2",
            "error: r.md:21:1: point 3 follows point 1",
        ],
        "{said}"
    );
}

/// A table whose delimiter row has too few cells is blamed there, in
/// words that count right.
#[test]
fn a_bad_table_delimiter_row_is_the_row_blamed() {
    let dir = fresh("new-user-table");
    write(
        &dir,
        "t.md",
        "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\n+++\n\n| a | b |\n|---|\n| c | d |\n",
    );
    let out = rapporteur(&["check", "t.md"], &dir);
    let said = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        ["error: t.md:7:1: the delimiter row has 1 cell, the header has 2 cells"],
        "{said}"
    );
}

/// A Word file with no symbol and no date: import says what it put in
/// their place instead of writing them silently.
#[test]
fn import_warns_of_a_symbol_and_date_it_had_to_make_up() {
    let dir = fresh("new-user-import");
    // A Word file with a body and nothing else: no core properties.
    let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Some text.</w:t></w:r></w:p></w:body></w:document>";
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, document.as_bytes()).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let file = write_bytes(&dir, "track_changes_insertion.docx", &bytes);
    let out = rapporteur(&["import", file.to_str().unwrap(), "-o", "t.md"], &dir);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "the file has no document symbol; the source says symbol = \"track_changes_insertion\""
        ),
        "{said}"
    );
    assert!(
        said.contains("the file has no date; the source says date = 2000-01-01"),
        "{said}"
    );
    assert!(said.contains("wrote t.md"), "{said}");
}

/// Characters the built-in face lacks (✓, an emoji, an Arabic word in an
/// English document) are set in a face found on the system: each is in
/// the PDF's text layer, the faces that set them are embedded, and
/// `check` warns only of a character no installed face has, where it
/// stands; `render` then still writes the DOCX.
#[test]
fn characters_the_fonts_lack_are_set_in_a_fallback_face() {
    if tools::missing(&[Tool::Pdftotext, Tool::Pdffonts]) {
        return;
    }
    let dir = fresh("new-user-fallback");
    let text = support::front()
        .author("US", "United States")
        .source("1. Done ✓ and happy 😀 with مرحبا here {++also ✓++}{>>US<<}.\n");
    write(&dir, "f.md", &text);
    let out = rapporteur(&["check", "f.md"], &dir);
    ok(&out);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(&rapporteur(&["render", "f.md", "--to", "pdf"], &dir));
    let pdf = pdftotext(&dir.join("f.pdf"));
    for c in ["✓", "😀", "مرحبا", "Done", "happy"] {
        assert!(pdf.contains(c), "`{c}` in the text layer:\n{pdf}");
    }
    // Left to right, the Arabic word a run inside it.
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Done ✓ and happy 😀 with"), "{flat}");
    let fonts = Command::new("pdffonts")
        .arg(dir.join("f.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let embedded: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().rev().nth(4) == Some("yes"))
        .collect();
    assert_eq!(
        embedded.len(),
        fonts.lines().skip(2).count(),
        "every face embedded:\n{fonts}"
    );
    assert!(
        embedded.len() >= 2,
        "a face beside Liberation Serif:\n{fonts}"
    );

    // A character no face has: a warning at its place; the PDF is still
    // written (as valid PDF/A-2a and PDF/UA-1 as ever: krilla refuses
    // to write one that is not), with the replacement character in
    // print and the character itself in the text layer; the DOCX too.
    write(
        &dir,
        "g.md",
        &format!("{text}\n2. Private \u{10FFFD} use.\n"),
    );
    let out = rapporteur(&["check", "g.md"], &dir);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("warning: g.md:10:12: no installed font has"),
        "{said}"
    );
    assert_eq!(
        said.matches("warning: ").count(),
        1,
        "only what no face has: {said}"
    );
    let out = rapporteur(&["render", "g.md", "--to", "pdf,docx"], &dir);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("warning: g.md:10:12: no installed font has `\u{10FFFD}` (U+10FFFD): the PDF prints `\u{FFFD}` in its place"),
        "{said}"
    );
    assert!(said.contains("wrote g.docx"), "{said}");
    assert!(said.contains("wrote g.pdf"), "{said}");
    let pdf = pdftotext(&dir.join("g.pdf"));
    assert!(pdf.contains("Private \u{10FFFD} use."), "{pdf}");
    assert!(!pdf.contains('\u{FFFD}'), "{pdf}");
    for c in ["✓", "😀", "مرحبا"] {
        assert!(pdf.contains(c), "`{c}` in the text layer:\n{pdf}");
    }
    // In print, the replacement character's glyph, from a face that has
    // it: a face whose ToUnicode map gives U+FFFD for one of its glyphs,
    // which the text layer shows as the character it stands for.
    let fonts = Command::new("pdffonts")
        .arg(dir.join("g.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
        "every face embedded:\n{fonts}"
    );
    assert!(
        tounicode_maps_fffd(&dir.join("g.pdf")),
        "a glyph mapped to U+FFFD in the PDF"
    );
}

/// Whether a ToUnicode map in the PDF maps a glyph to U+FFFD (the glyph
/// the PDF prints for a character no face has), as qpdf uncompresses it.
fn tounicode_maps_fffd(pdf: &Path) -> bool {
    if tools::missing(&[Tool::Qpdf]) {
        return true;
    }
    let out = pdf.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("run qpdf");
    assert!(status.success());
    let bytes = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.contains("<FFFD>") || text.contains("<fffd>")
}

/// `--colour`: Côte d'Ivoire's remark on Argentina's proposal is printed
/// in Côte d'Ivoire's colour (the one its legend line shows), the
/// proposal's brackets and code in Argentina's.
#[test]
fn each_state_s_words_of_an_attribution_take_its_colour() {
    use rapporteur::layout::compose::author_colour;
    use rapporteur::model::AuthorId;
    let doc = support::parse_str(&short());
    let fonts = rapporteur::layout::fonts::Fonts::builtin();
    let laid = rapporteur::layout::layout(
        &doc,
        &rapporteur::layout::Settings {
            fonts: &fonts,
            colour: true,
        },
    )
    .expect("lays out");
    let runs: Vec<_> = laid
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.line.runs)
        .collect();
    let colour_of = |needle: &str| {
        runs.iter()
            .find(|r| r.text.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` is set"))
            .colour
    };
    let (ci, ar) = (AuthorId(0), AuthorId(1));
    assert_eq!(colour_of("we object"), Some(author_colour(ci)));
    assert_eq!(colour_of("(AR"), Some(author_colour(ar)));
    assert_ne!(author_colour(ci), author_colour(ar));
}

/// The spaces beside changes, through the binary (`tests/data/marks.md`):
/// a deletion that ends a paragraph whose mark goes keeps the space
/// before it when the next paragraph opens with a word ("Three Four.",
/// as LibreOffice's Accept All of a Word file gives it) and takes it when
/// the next opens with a space (no double space); two of one State's
/// proposals a space apart stay two revisions in the DOCX, the second
/// taking the space after it. (tests/docx/docx_word.rs settles the same file
/// in LibreOffice.)
#[test]
fn spaces_at_removed_marks_and_between_one_states_proposals() {
    let dir = fresh("new-user-marks");
    let source = support::root().join("tests/data/marks.md");
    std::fs::copy(&source, dir.join("m.md")).unwrap();
    let view = |v: &str| {
        ok(&rapporteur(
            &["render", "m.md", "--to", "md", "--view", v],
            &dir,
        ))
    };
    let accepted = view("accepted");
    for want in [
        "1. Three Four.\n",
        "2. States should cooperate more.\n",
        "4. Track firearms involved in crime from maker to buyer here, and there.\n",
    ] {
        assert!(accepted.contains(want), "`{want}` in\n{accepted}");
    }
    let original = view("original");
    for want in [
        "1. Three old\n\nFour.\n",
        "3. Kept words.\n",
        "4. Track firearms here, and old words there.\n",
    ] {
        assert!(original.contains(want), "`{want}` in\n{original}");
    }
    ok(&rapporteur(&["render", "m.md", "--to", "docx"], &dir));
    let parts = support::unzip(&std::fs::read(dir.join("m.docx")).unwrap());
    let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    // The US insertions of point 4 with an unchanged space between them,
    // the second holding the space after it.
    assert!(
        document.contains(
            "involved in crime</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:ins "
        ),
        "{document}"
    );
    assert!(
        document.contains(
            "from maker to buyer</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:ins>"
        ),
        "{document}"
    );
    let changes = support::docx_changes(&parts);
    assert_eq!(
        changes[&(support::Kind::Insertion, "United States".to_string())],
        2,
        "{changes:?}"
    );
}

/// `-o -` is standard output, as most tools take it: the bytes a pipe
/// gets, and no file named `-`; with several outputs it is refused.
#[test]
fn dash_as_the_output_is_standard_output() {
    let dir = fresh("dash-output");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.md"),
        dir.join("minimal.md"),
    )
    .unwrap();
    let out = rapporteur(&["render", "minimal.md", "--to", "pdf", "-o", "-"], &dir);
    ok(&out);
    assert!(out.stdout.starts_with(b"%PDF-"), "a PDF on standard output");
    assert!(!dir.join("-").exists(), "no file named -");
    let md = ok(&rapporteur(
        &[
            "render",
            "minimal.md",
            "--to",
            "md",
            "--view",
            "accepted",
            "-o",
            "-",
        ],
        &dir,
    ));
    assert!(md.contains("This paragraph is numbered by hand."), "{md}");
    let both = rapporteur(&["render", "minimal.md", "--to", "md,pdf", "-o", "-"], &dir);
    assert_eq!(both.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&both.stderr).contains("-o - writes one output"),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
    assert!(!dir.join("-").exists());
}
