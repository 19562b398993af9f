//! The bundled example against the reference document it transcribes:
//! the words, the counts, and the text each view gives.

use rapporteur::model::view::{self, View, ViewSpec};
use rapporteur::model::Document;
use rapporteur::read::source;

const EXAMPLE: &str = include_str!("../../examples/firearms-comments.md");
const REFERENCE: &str = include_str!("../fixtures/reference.txt");

fn example() -> Document {
    source::parse("examples/firearms-comments.md", EXAMPLE).unwrap_or_else(|e| panic!("{e}"))
}

/// Words: runs of letters and digits, case-folded.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// difflib's ratio: 2·matches / (len a + len b).
fn ratio(a: &[String], b: &[String]) -> f64 {
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, a, b);
    let matched: usize = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    2.0 * matched as f64 / (a.len() + b.len()) as f64
}

fn render(doc: &Document, spec: &str) -> String {
    let view = spec.parse::<ViewSpec>().unwrap().resolve(doc).unwrap();
    rapporteur::write::text::write(&view::apply(doc, view))
}

/// The text of one discussion point's paragraphs in the plain-text output.
fn point(text: &str, n: u32) -> String {
    let heading = format!("*Discussion point {n}*");
    let mut lines = text.lines().skip_while(|l| *l != heading).skip(1);
    let mut out = Vec::new();
    for line in lines.by_ref() {
        if line.starts_with("*Discussion point") || line.starts_with('#') || line == "---" {
            break;
        }
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join("\n")
}

#[test]
fn plain_text_matches_the_reference_words() {
    let text = render(&example(), "all");
    let r = ratio(&words(&text), &words(REFERENCE));
    assert!(r >= 0.95, "word-sequence ratio {r:.4} < 0.95");
}

#[test]
fn example_has_44_points_8_authors_and_over_100_changes() {
    let doc = example();
    let numbers: Vec<u32> = doc.points().iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=44).collect::<Vec<_>>());
    let names: Vec<&str> = doc.authors.iter().map(|a| a.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "Canada",
            "France",
            "Morocco",
            "Peru",
            "Saudi Arabia",
            "Tunisia",
            "Ukraine",
            "United States"
        ]
    );
    let stats = rapporteur::model::stats::stats(&doc);
    let total: usize = stats.iter().map(|(_, s)| s.changes()).sum();
    assert!(total >= 100, "only {total} changes");
    // Every change is attributed to a declared author, and the three
    // proposing States each have changes.
    for code in ["US", "Canada", "France"] {
        let id = doc.author_by_code(code).unwrap();
        let s = &stats.iter().find(|(a, _)| *a == id).unwrap().1;
        assert!(s.changes() > 0, "{code} has no changes");
    }
    // Morocco and Saudi Arabia speak through notes.
    for code in ["Morocco", "Saudi Arabia"] {
        let id = doc.author_by_code(code).unwrap();
        assert!(stats.iter().any(|(a, s)| *a == id && s.notes > 0), "{code}");
    }
}

#[test]
fn stats_count_each_change_once() {
    let doc = example();
    let stats = rapporteur::model::stats::stats(&doc);
    let total: usize = stats.iter().map(|(_, s)| s.changes()).sum();
    assert_eq!(total, doc.changes.len());
    // Accepting everything leaves no change to count.
    let accepted = view::apply(&doc, View::Accepted);
    assert!(rapporteur::model::stats::stats(&accepted)
        .iter()
        .all(|(_, s)| s.changes() == 0 && s.notes == 0));
}

const POINT_1_HEAD: &str = "Recognizing that the full and effective implementation of the United Nations Convention against Transnational Organized Crime and its supplementary Firearms Protocol provide a meaningful basis to set in place a regulatory regime that helps States address threats related to technological developments and changing modus operandi with regard to the illicit manufacturing of and trafficking in firearms, their parts and components and ammunition and to investigate and prosecute these crimes, States ";
const POINT_1_TAIL: &str = " consider becoming party to the Firearms Protocol, with the aim of achieving the universalization and full implementation of these two instruments.";
const POINT_12_HEAD: &str = "To improve transfer controls over firearms, their parts and components and ammunition, States parties are encouraged to establish appropriate export, import and transit control systems as ";
const POINT_12_ATT: &str = "and to implement into their national legislation the measures encompassed in other relevant international and regional instruments, such as the Arms Trade Treaty, including human rights criteria and mandatory end user certificates for firearm transfers";
const POINT_41_HEAD: &str = "Acknowledging the importance of the spontaneous transmission";
const POINT_41_MID: &str = " of information to initiate and foster investigations of illicit firearms trafficking cases, States ";

#[test]
fn accepted_view_pins_points() {
    let text = render(&example(), "accepted");
    assert_eq!(
        point(&text, 1),
        format!("{POINT_1_HEAD}in a position to do so are encouraged to{POINT_1_TAIL}")
    );
    assert_eq!(
        point(&text, 12),
        format!("{POINT_12_HEAD}provided by the Firearms Protocol.")
    );
    assert_eq!(
        point(&text, 41),
        format!("{POINT_41_HEAD}{POINT_41_MID}are encouraged to enable their national legal framework to allow the admittance of such information as evidence in court, in line with domestic legislation; where substantive and procedural requirements are met.")
    );
    // A point one State struck whole keeps its heading, and no text.
    assert_eq!(point(&text, 3), "");
}

#[test]
fn original_view_pins_points() {
    let text = render(&example(), "original");
    assert_eq!(
        point(&text, 1),
        format!("{POINT_1_HEAD}that have not yet done so should{POINT_1_TAIL}")
    );
    assert_eq!(
        point(&text, 12),
        format!("{POINT_12_HEAD}required by the Firearms Protocol {POINT_12_ATT}.")
    );
    assert_eq!(
        point(&text, 41),
        format!("{POINT_41_HEAD}{POINT_41_MID}should ensure that their national legal framework allow the admittance of such information as evidence in court.")
    );
    assert_eq!(
        point(&text, 3),
        "The United Nations Office on Drugs and Crime (UNODC) is requested to assist States in identifying technical assistance needs and supporting implementation of the measures described below."
    );
}

#[test]
fn author_view_pins_points() {
    let doc = example();
    let us = render(&doc, "author=US");
    assert_eq!(
        point(&us, 1),
        format!("{POINT_1_HEAD}~~that have not yet done so should~~ in a position to do so are encouraged to (US){POINT_1_TAIL}")
    );
    assert_eq!(
        point(&us, 12),
        format!("{POINT_12_HEAD}~~required~~ provided (US) by the Firearms Protocol ~~{POINT_12_ATT}~~ (US: delete, one instrument should not be used for backdoor adherence by States to other instruments, so the ATT reference is not appropriate).")
    );
    // Canada's changes are left out (rejected); the US's co-proposal note stays the US's alone.
    assert_eq!(
        point(&us, 41),
        format!("{POINT_41_HEAD} (US: What does spontaneous transmission of information mean?){POINT_41_MID}~~should~~ are encouraged to (US) ensure that their national legal framework allow the admittance of such information as evidence in court, in line with domestic legislation (US).")
    );
    // Canada co-proposes the US's "are encouraged to" (`(US; Canada)`):
    // its view shows it as Canada's proposal too.
    let canada = render(&doc, "author=Canada");
    assert_eq!(
        point(&canada, 41),
        format!("{POINT_41_HEAD}{POINT_41_MID}~~should~~ are encouraged to (Canada) ~~ensure that~~ enable (Canada) their national legal framework to (Canada) allow the admittance of such information as evidence in court; where substantive and procedural requirements are met (Canada: Such information could infringe upon the rights of the accused and may need safeguards).")
    );
    // Point 4: Canada's change inside the text the US deletes. In Canada's
    // view the US deletion is rejected, so Canada's change shows as its own.
    assert!(point(&canada, 4).contains("the links between ~~arms~~ firearms (Canada: recommends use of the term “firearms” instead of “arms”) trafficking and violence"));
}

#[test]
fn all_view_shows_every_change_with_its_state() {
    let text = render(&example(), "all");
    assert_eq!(
        point(&text, 41),
        format!("{POINT_41_HEAD} (US: What does spontaneous transmission of information mean?){POINT_41_MID}~~should~~ are encouraged to (US; Canada) ~~ensure that~~ enable (Canada) their national legal framework to (Canada) allow the admittance of such information as evidence in court, in line with domestic legislation (US); where substantive and procedural requirements are met (Canada: Such information could infringe upon the rights of the accused and may need safeguards).")
    );
    // A deletion that spans a paragraph break strikes both parts.
    let p7 = point(&text, 7);
    assert!(
        p7.contains("~~In this context, the Conference requests UNODC to conduct such~~"),
        "{p7}"
    );
    assert!(p7.contains("\n~~comparative analysis"), "{p7}");
}

#[test]
fn views_join_a_paragraph_whose_break_was_deleted() {
    // Point 7: the US deletion spans a paragraph break. Accepting it removes
    // the break with the text; rejecting it keeps two paragraphs.
    let doc = example();
    let accepted = render(&doc, "accepted");
    assert_eq!(point(&accepted, 7).lines().count(), 1);
    let original = render(&doc, "original");
    assert_eq!(point(&original, 7).lines().count(), 2);
}
