//! What every writer prints the same way: labels, headings, attribution
//! texts, the comments a change group carries and the space a deletion
//! keeps from its neighbours.
//!
//! Pandoc keeps what its writers share in `Writers/Shared.hs`; this module
//! is that place here. Each writer (text, pandoc, DOCX, PDF) asks it for
//! the words and decides only how to mark them up, so a rule changed here
//! changes in every output at once and the outputs cannot disagree.

pub mod comment;
pub mod script;
pub mod spacing;

use crate::house::style::{AgendaLine, AttributionMarks, Labels, PluralForms};
use crate::model::stats::AuthorStats;
use crate::model::{
    AttributionForm, AuthorId, Document, GroupId, Heading, Language, Metadata, NoteId,
    ParagraphKind,
};
use crate::present::comment::opens_with_name;
pub use crate::present::comment::{co_proposal, named_comment};
pub use crate::present::spacing::{separates, word_spaces, written, Edges, SpaceOrigin};
use icu_locale_core::LanguageIdentifier;
use icu_plurals::{PluralCategory, PluralRules};

/// A subparagraph's label as the document's language prints it: `(a)` in
/// English and Russian, `a)` in French and Spanish (UN editorial manuals),
/// `(أ)` in Arabic (its letters for a, b, … of level 1; `templates/labels.toml`).
pub fn sub_label(language: Language, level: u8, label: &str) -> String {
    Labels::get(language).subparagraph_label(level, label)
}

/// The label printed before a paragraph: `12.` (Arabic `12 -`), `(a)`,
/// or none. A statement's list items keep `1.`.
pub fn paragraph_label(language: Language, kind: &ParagraphKind) -> Option<String> {
    match kind {
        ParagraphKind::Plain => None,
        ParagraphKind::Numbered(n) => Some(Labels::get(language).paragraph_label(*n)),
        ParagraphKind::ListItem(n) => Some(format!("{n}.")),
        ParagraphKind::Sub { level, label } => Some(sub_label(language, *level, label)),
        ParagraphKind::List(item) => Some(item.label_text()),
    }
}

/// A chapter's or section's number as printed: `I.`, `A.`; Arabic
/// `أولا -`, `ألف -`; Chinese `一.`.
pub fn heading_number(language: Language, heading: &Heading) -> Option<String> {
    let labels = Labels::get(language);
    heading
        .number
        .as_ref()
        .map(|n| labels.heading_label(heading.level, n))
}

/// The heading of a discussion point: `Discussion point 12`.
pub fn point_heading(meta: &Metadata, number: u32) -> String {
    format!("{} {number}", meta.point_label)
}

/// The agenda line of the masthead: `Item 2 (d) of the provisional
/// agenda`, split where its footnote mark goes, with the footnote's text.
pub fn agenda_line(meta: &Metadata) -> Option<AgendaLine> {
    let agenda = meta.agenda.as_ref()?;
    Some(Labels::get(meta.language).agenda_line(agenda))
}

/// What joins a State's code to its reason. Print uses a no-break space
/// so that `(US:` never ends a line; plain text has no lines to break.
/// Chinese `（美国：` has no space to protect: there UAX #14 keeps `：` and
/// `）` from starting a line and `（` from ending one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glue {
    Space,
    NoBreak,
}

impl Glue {
    fn join(self, separator: &str) -> String {
        match self {
            Glue::Space => separator.to_string(),
            Glue::NoBreak => separator.replace(' ', "\u{a0}"),
        }
    }
}

/// The words of one attribution, without brackets: `US`, or `US: reason`
/// when a reason with text was given.
fn attribution_words(
    doc: &Document,
    marks: &AttributionMarks,
    (author, note): (AuthorId, Option<NoteId>),
    glue: Glue,
) -> String {
    let code = state(doc, author);
    match note.map(|n| doc.note(n).text.as_str()) {
        // `(Argentina opposes this deletion)`, not `(Argentina: Argentina …)`.
        Some(text) if opens_with_name(text, code) => text.to_string(),
        Some(text) if !text.is_empty() => format!("{code}{}{text}", glue.join(&marks.reason)),
        _ => code.to_string(),
    }
}

/// How a printed attribution names its State: the code (`US`), or the
/// name (`United States`) when the front matter asks for names.
pub fn state(doc: &Document, author: AuthorId) -> &str {
    let a = doc.author(author);
    match doc.meta.attributions {
        AttributionForm::Codes => &a.code,
        AttributionForm::Names => &a.name,
    }
}

/// One attribution or note as printed after its text, brackets included:
/// `(US)`, `(US: reason)`; Chinese `（美国：理由）` (`templates/labels.toml`).
pub fn attribution(doc: &Document, author: AuthorId, note: Option<NoteId>, glue: Glue) -> String {
    let marks = &Labels::get(doc.meta.language).attribution;
    let words = attribution_words(doc, marks, (author, note), glue);
    format!("{}{words}{}", marks.open, marks.close)
}

/// The attributions printed after a change group: `(US: reason; CA)`;
/// Chinese `（美国：理由；加拿大）`.
pub fn group_attribution(doc: &Document, group: GroupId, glue: Glue) -> String {
    group_attribution_pieces(doc, group, glue)
        .into_iter()
        .map(|(_, words)| words)
        .collect()
}

/// [`group_attribution`] in pieces, each with the State whose words it
/// holds: the brackets and the first attribution are the proposer's, each
/// later attribution (and the `; ` before it) its own State's, so that
/// `--colour` prints Côte d'Ivoire's remark on Argentina's proposal in
/// Côte d'Ivoire's colour.
pub fn group_attribution_pieces(
    doc: &Document,
    group: GroupId,
    glue: Glue,
) -> Vec<(AuthorId, String)> {
    let marks = &Labels::get(doc.meta.language).attribution;
    let g = doc.group(group);
    let proposer = g.proposer();
    let mut out = vec![(proposer, marks.open.clone())];
    for (i, a) in g.attributions.iter().enumerate() {
        let words = attribution_words(doc, marks, (a.author, a.note), glue);
        let between = if i > 0 { marks.between.as_str() } else { "" };
        match out.last_mut() {
            Some((author, text)) if *author == a.author => {
                text.push_str(between);
                text.push_str(&words);
            }
            _ => out.push((a.author, format!("{between}{words}"))),
        }
    }
    match out.last_mut() {
        Some((author, text)) if *author == proposer => text.push_str(&marks.close),
        _ => out.push((proposer, marks.close.clone())),
    }
    out
}

/// The words of each attribution of a change group, by its author and
/// without brackets or separators (`US: reason`, `CA`): for a writer that
/// marks each up on its own (the review page filters them by State) and
/// joins them with the language's `attribution.between` inside its
/// `open` and `close`, as [`group_attribution`] does.
pub fn group_attribution_words(
    doc: &Document,
    group: GroupId,
    glue: Glue,
) -> Vec<(AuthorId, String)> {
    let marks = &Labels::get(doc.meta.language).attribution;
    doc.group(group)
        .attributions
        .iter()
        .map(|a| {
            (
                a.author,
                attribution_words(doc, marks, (a.author, a.note), glue),
            )
        })
        .collect()
}

/// Whether a space parts a printed attribution from the text before it:
/// `words (US)`, but `文字（美国）` (no space before a full-width bracket).
pub fn attribution_spaced(language: Language) -> bool {
    Labels::get(language).attribution.spaced
}

/// Whether a space goes between the text set so far, ending in `before`,
/// and the attribution printed next: `words (US)`, but none after a space
/// the change itself ended with (`and insurance (KE) services`), at the
/// start of a paragraph, or before a full-width bracket (`文字（美国）`).
pub fn space_before_attribution(language: Language, before: Option<char>) -> bool {
    attribution_spaced(language) && before.is_some_and(|b| !b.is_whitespace())
}

/// Whether a space goes between a printed attribution and the text that
/// follows it, starting with `after`: `(KE) services`, `(NO) b (KE)`, but
/// `(US).` and `(US),`; none after a full-width bracket (`（美国）文字`).
/// The space a change ended with stands before the attribution instead
/// ([`space_before_attribution`]), so the words keep one space between
/// them in every writer.
pub fn space_after_attribution(language: Language, after: Option<char>) -> bool {
    let close = Labels::get(language).attribution.close.chars().next_back();
    attribution_spaced(language) && separates(close, after)
}

/// A comment a change group carries, by its author.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupComment {
    pub author: AuthorId,
    pub text: String,
    /// The first attribution's comment opens the group's thread; later
    /// ones (co-proposals, objections, remarks) answer it.
    pub reply: bool,
}

/// The comments of a change group, in order: the reason of each
/// attribution that gives one, and for a later attribution without one (a
/// co-proposal) a comment saying so, by that author. The proposer's
/// attribution without a reason needs no comment: the change itself is
/// attributed.
pub fn group_comments(doc: &Document, group: GroupId) -> Vec<GroupComment> {
    let Some(g) = doc.groups.get(group.0) else {
        return Vec::new();
    };
    let labels = Labels::get(doc.meta.language);
    let mut out = Vec::new();
    for (i, at) in g.attributions.iter().enumerate() {
        let text = match at.note {
            Some(n) => named_comment(doc, at.author, &doc.note(n).text),
            None if i > 0 => co_proposal(labels, &doc.author(at.author).name),
            None => continue,
        };
        out.push(GroupComment {
            author: at.author,
            text,
            reply: !out.is_empty(),
        });
    }
    out
}

/// Each State's colour (the PDF's `--colour`, the review page): its
/// home is [`crate::house::palette`], every writer asks it here.
pub use crate::house::palette::author_colour;

/// The CLDR plural category of the count `n` in `language` ("one" for 1
/// in English, "few" for 3 in Russian, "two" for 2 in Arabic), by the
/// Unicode's own plural rules and data (ICU4X `icu_plurals`).
pub fn plural_category(language: Language, n: usize) -> PluralCategory {
    let Ok(id) = LanguageIdentifier::try_from_str(language.code()) else {
        return PluralCategory::Other;
    };
    PluralRules::try_new_cardinal((&id).into())
        .map_or(PluralCategory::Other, |rules| rules.category_for(n))
}

/// `n` things in the form `forms` give for its plural category.
pub fn counted(language: Language, forms: &PluralForms, n: usize) -> String {
    forms.count(plural_category(language, n), n)
}

/// A line of the `--colour` legend, split around the State's code, which
/// print sets in the State's colour: `US` then ` (United States): 5
/// changes (2 insertions, 3 deletions), 3 notes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendLine {
    pub before: String,
    pub code: String,
    pub after: String,
}

impl LegendLine {
    /// The whole line as plain text.
    pub fn text(&self) -> String {
        format!("{}{}{}", self.before, self.code, self.after)
    }
}

/// The heading of the `--colour` legend: "Changes by author".
pub fn legend_heading(language: Language) -> &'static str {
    &Labels::get(language).legend
}

/// The legend's line for a State with `code` and `name` and its counts,
/// in the words and plural forms `templates/labels.toml` gives for
/// `language`.
pub fn legend_entry(language: Language, code: &str, name: &str, stats: &AuthorStats) -> LegendLine {
    let words = &Labels::get(language).legend_entry;
    let name = if name == code {
        String::new()
    } else {
        words.name.with(name)
    };
    let counts = [
        ("changes", &words.changes, stats.changes()),
        ("insertions", &words.insertions, stats.insertions),
        ("deletions", &words.deletions, stats.deletions),
        ("notes", &words.notes, stats.notes),
    ]
    .map(|(key, forms, n)| (key, counted(language, forms, n)));
    let mut values = vec![("name", name.as_str())];
    values.extend(counts.iter().map(|(k, v)| (*k, v.as_str())));
    let (before, after) = match words.line.split_at("code") {
        Some((before, after)) => (before.fill(&values), after.fill(&values)),
        None => (String::new(), words.line.fill(&values)),
    };
    LegendLine {
        before,
        code: code.to_string(),
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subparagraph_labels_follow_the_language() {
        assert_eq!(sub_label(Language::En, 1, "a"), "(a)");
        assert_eq!(sub_label(Language::Ru, 2, "ii"), "(ii)");
        assert_eq!(sub_label(Language::Fr, 1, "a"), "a)");
        assert_eq!(sub_label(Language::Es, 1, "b"), "b)");
        assert_eq!(sub_label(Language::Ar, 1, "b"), "(ب)");
    }

    #[test]
    fn a_deletion_keeps_a_space_from_words_not_from_punctuation() {
        assert!(separates(Some('d'), Some('n')));
        assert!(!separates(Some('d'), Some(',')));
        assert!(!separates(Some('('), Some('n')));
        assert!(!separates(Some(' '), Some('n')));
        assert!(!separates(None, Some('n')));
        // Chinese has no spaces between words, nor beside full-width marks.
        assert!(!separates(Some('国'), Some('不')));
        assert!(!separates(Some('d'), Some('（')));
        assert!(!separates(Some('。'), Some('n')));
    }

    #[test]
    fn attributions_drop_an_empty_reason_and_join_with_semicolons() {
        let doc = crate::read::source::parse(
            "t.md",
            "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\n[authors]\nUS = \"United States\"\nCA = \"Canada\"\n+++\n\nA {++b++}{>>US: why<<}{>>CA<<} c {++d++}{>>US<<}.\n",
        )
        .expect("parses");
        let g = GroupId(0);
        assert_eq!(group_attribution(&doc, g, Glue::Space), "(US: why; CA)");
        assert_eq!(
            group_attribution(&doc, g, Glue::NoBreak),
            "(US:\u{a0}why; CA)"
        );
        let comments = group_comments(&doc, g);
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].text, "United States: why");
        assert!(!comments[0].reply);
        assert_eq!(comments[1].text, "Also proposed by Canada.");
        assert!(comments[1].reply);
        assert!(group_comments(&doc, GroupId(1)).is_empty());
    }

    /// The counts of the legend in each language's plural forms, for the
    /// counts where the forms differ: Russian 1, 21 / 2, 3 / 0, 5, 11,
    /// 100; Arabic 0, 1, 2 (the dual), 3–10, 11–99, 100.
    #[test]
    fn legend_counts_take_each_language_s_plural_forms() {
        const COUNTS: [usize; 8] = [0, 1, 2, 3, 5, 11, 21, 100];
        let expected: [(Language, [&str; 8]); 6] = [
            (
                Language::En,
                [
                    "0 changes",
                    "1 change",
                    "2 changes",
                    "3 changes",
                    "5 changes",
                    "11 changes",
                    "21 changes",
                    "100 changes",
                ],
            ),
            (
                Language::Fr,
                [
                    "0 modification",
                    "1 modification",
                    "2 modifications",
                    "3 modifications",
                    "5 modifications",
                    "11 modifications",
                    "21 modifications",
                    "100 modifications",
                ],
            ),
            (
                Language::Es,
                [
                    "0 cambios",
                    "1 cambio",
                    "2 cambios",
                    "3 cambios",
                    "5 cambios",
                    "11 cambios",
                    "21 cambios",
                    "100 cambios",
                ],
            ),
            (
                Language::Ru,
                [
                    "0 изменений",
                    "1 изменение",
                    "2 изменения",
                    "3 изменения",
                    "5 изменений",
                    "11 изменений",
                    "21 изменение",
                    "100 изменений",
                ],
            ),
            (
                Language::Ar,
                [
                    "لا تعديلات",
                    "تعديل واحد",
                    "تعديلان",
                    "3 تعديلات",
                    "5 تعديلات",
                    "11 تعديلا",
                    "21 تعديلا",
                    "100 تعديل",
                ],
            ),
            (
                Language::Zh,
                [
                    "0处修改",
                    "1处修改",
                    "2处修改",
                    "3处修改",
                    "5处修改",
                    "11处修改",
                    "21处修改",
                    "100处修改",
                ],
            ),
        ];
        for (language, forms) in expected {
            let words = &Labels::get(language).legend_entry;
            for (n, want) in COUNTS.iter().zip(forms) {
                assert_eq!(
                    counted(language, &words.changes, *n),
                    want,
                    "{language:?} {n}"
                );
            }
        }
        let ru = &Labels::get(Language::Ru).legend_entry;
        let ar = &Labels::get(Language::Ar).legend_entry;
        let fr = &Labels::get(Language::Fr).legend_entry;
        let say = |language, forms: &PluralForms| -> Vec<String> {
            COUNTS
                .iter()
                .map(|&n| counted(language, forms, n))
                .collect()
        };
        assert_eq!(
            say(Language::Ru, &ru.insertions),
            [
                "0 добавлений",
                "1 добавление",
                "2 добавления",
                "3 добавления",
                "5 добавлений",
                "11 добавлений",
                "21 добавление",
                "100 добавлений"
            ]
        );
        assert_eq!(
            say(Language::Ru, &ru.notes),
            [
                "0 замечаний",
                "1 замечание",
                "2 замечания",
                "3 замечания",
                "5 замечаний",
                "11 замечаний",
                "21 замечание",
                "100 замечаний"
            ]
        );
        assert_eq!(
            say(Language::Ar, &ar.insertions),
            [
                "لا إضافات",
                "إضافة واحدة",
                "إضافتان",
                "3 إضافات",
                "5 إضافات",
                "11 إضافة",
                "21 إضافة",
                "100 إضافة"
            ]
        );
        assert_eq!(
            say(Language::Ar, &ar.deletions),
            [
                "لا حذف",
                "حذف واحد",
                "حذفان",
                "3 حالات حذف",
                "5 حالات حذف",
                "11 حالة حذف",
                "21 حالة حذف",
                "100 حالة حذف"
            ]
        );
        assert_eq!(
            say(Language::Ar, &ar.notes),
            [
                "لا تعليقات",
                "تعليق واحد",
                "تعليقان",
                "3 تعليقات",
                "5 تعليقات",
                "11 تعليقا",
                "21 تعليقا",
                "100 تعليق"
            ]
        );
        assert_eq!(
            say(Language::Fr, &fr.deletions),
            [
                "0 suppression",
                "1 suppression",
                "2 suppressions",
                "3 suppressions",
                "5 suppressions",
                "11 suppressions",
                "21 suppressions",
                "100 suppressions"
            ]
        );
        // Arabic's 101 and 102 take the form of 100, its 111 that of 11.
        assert_eq!(counted(Language::Ar, &ar.changes, 102), "102 تعديل");
        assert_eq!(counted(Language::Ar, &ar.changes, 111), "111 تعديلا");
    }

    /// Every category the plural rules choose for a count has its own
    /// form in `templates/labels.toml`: none falls back to `other` unseen.
    #[test]
    fn every_plural_category_a_count_takes_has_its_form() {
        for language in Language::ALL {
            let id = LanguageIdentifier::try_from_str(language.code()).unwrap();
            assert!(PluralRules::try_new_cardinal((&id).into()).is_ok());
            let words = &Labels::get(language).legend_entry;
            let all = [
                &words.changes,
                &words.insertions,
                &words.deletions,
                &words.notes,
            ];
            for n in (0..=1000).chain([1_000_000, 2_000_000]) {
                let category = plural_category(language, n);
                for forms in all {
                    assert!(
                        forms.form(category).is_some(),
                        "{language:?} {n} {category:?}"
                    );
                }
            }
        }
        let categories = |language| {
            let mut seen: Vec<PluralCategory> = Vec::new();
            for n in 0..=200 {
                let c = plural_category(language, n);
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            seen.len()
        };
        assert_eq!(categories(Language::Ru), 3, "one, few, many");
        assert_eq!(categories(Language::Ar), 6);
        assert_eq!(categories(Language::Zh), 1);
        assert_eq!(categories(Language::En), 2);
    }

    #[test]
    fn legend_lines_read_as_each_language_s_template_says() {
        let stats = AuthorStats {
            insertions: 2,
            deletions: 1,
            notes: 1,
        };
        let line = |language, code, name| legend_entry(language, code, name, &stats);
        let en = line(Language::En, "US", "United States");
        assert_eq!(en.before, "");
        assert_eq!(en.code, "US");
        assert_eq!(
            en.after,
            " (United States): 3 changes (2 insertions, 1 deletion), 1 note"
        );
        assert_eq!(
            line(Language::En, "Canada", "Canada").text(),
            "Canada: 3 changes (2 insertions, 1 deletion), 1 note"
        );
        assert_eq!(
            line(Language::Fr, "FR", "France").text(),
            "FR (France)\u{202F}: 3 modifications (2 insertions, 1 suppression), 1 observation"
        );
        assert_eq!(
            line(Language::Es, "MX", "México").text(),
            "MX (México): 3 cambios (2 inserciones, 1 supresión), 1 observación"
        );
        assert_eq!(
            line(Language::Ru, "RU", "Российская Федерация").text(),
            "RU (Российская Федерация): 3 изменения (2 добавления, 1 исключение), 1 замечание"
        );
        assert_eq!(
            line(Language::Ar, "مصر", "مصر").text(),
            "مصر: 3 تعديلات (إضافتان، حذف واحد)، تعليق واحد"
        );
        assert_eq!(
            line(Language::Zh, "中国", "中国").text(),
            "中国：3处修改（2处插入、1处删除），1条评论"
        );
        assert_eq!(
            line(Language::Zh, "CN", "中国").text(),
            "CN（中国）：3处修改（2处插入、1处删除），1条评论"
        );
        // A name holding a placeholder is printed as written.
        assert_eq!(
            line(Language::En, "X", "{notes} {code}").after,
            " ({notes} {code}): 3 changes (2 insertions, 1 deletion), 1 note"
        );
        assert_eq!(legend_heading(Language::Ar), "التعديلات حسب مقدميها");
        assert_eq!(legend_heading(Language::Zh), "按提出方分列的修改");
        assert_eq!(legend_heading(Language::En), "Changes by author");
    }
}
