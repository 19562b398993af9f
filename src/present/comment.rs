//! The words rapporteur adds to a comment, and how a reader takes them
//! off again: every writer that carries comments (DOCX, pandoc) leads a
//! reason with its State's name and says "Also proposed by" for a
//! co-proposal; the DOCX reader ([`crate::read::docx`]) takes the lead off
//! and knows the co-proposal for what it is. Each phrase and its inverse
//! sit side by side, so that a phrase changed in `templates/labels.toml`
//! or here is read back as it is written.

use crate::house::style::Labels;
use crate::model::{AuthorId, Document};

/// A reason or note as a comment says it: led by its author's name
/// (`United States: delete, since …`; Chinese `美国：理由`), so that the attribution survives
/// Word's "remove personal information", which renames every comment's
/// author "Author", and every output that carries comments reads alike.
///
/// A reason that already opens with its State's name or code
/// (`Argentina opposes this deletion`) is not led by it a second time.
pub fn named_comment(doc: &Document, author: AuthorId, text: &str) -> String {
    let reason = &Labels::get(doc.meta.language).attribution.reason;
    let a = doc.author(author);
    let code_first = text
        .strip_prefix(a.code.as_str())
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    if opens_with_name(text, &a.name) || code_first {
        return text.to_string();
    }
    format!("{}{reason}{text}", a.name)
}

/// Whether `text` starts with `name` as a whole word (case and the
/// apostrophe's form aside).
pub(crate) fn opens_with_name(text: &str, name: &str) -> bool {
    let (text, name) = (crate::model::fold_name(text), crate::model::fold_name(name));
    !name.is_empty()
        && text
            .strip_prefix(&name)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// `Also proposed by Canada.`
pub fn co_proposal(labels: &Labels, name: &str) -> String {
    labels.also_proposed.with(name)
}

/// The inverse of [`named_comment`]: a comment's own words, without the
/// `United States: ` (Chinese `美国：`, any language's separator of
/// `templates/labels.toml`: the reader does not know the language yet)
/// that leads it, when the lead names the comment's author. Under any
/// other author (Word's "Author" after "remove personal information") the
/// lead stays: it is then the only place the State is named.
pub fn without_lead<'t>(text: &'t str, author: &str) -> &'t str {
    let lead = text
        .strip_prefix(author)
        .and_then(|rest| Labels::reason_separators().find_map(|sep| rest.strip_prefix(sep)));
    match lead {
        Some(own) if !author.is_empty() && !own.trim().is_empty() => own,
        _ => text,
    }
}

/// The inverse of [`co_proposal`]: whether a comment by `name` says
/// nothing but that `name` also proposes the change.
pub fn is_co_proposal(labels: &Labels, text: &str, name: &str) -> bool {
    text == co_proposal(labels, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    /// A State and a co-proposer by their names in each language.
    const STATES: [(Language, &str, &str); 6] = [
        (Language::En, "United States", "Canada"),
        (Language::Fr, "États-Unis", "Canada"),
        (Language::Es, "Estados Unidos", "Canadá"),
        (Language::Ru, "Соединенные Штаты", "Канада"),
        (Language::Ar, "الولايات المتحدة", "كندا"),
        (Language::Zh, "美国", "加拿大"),
    ];

    fn document(language: Language, us: &str, ca: &str) -> Document {
        let source = format!(
            "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\nlanguage = \"{}\"\n[authors]\nUS = \"{us}\"\nCA = \"{ca}\"\n+++\n\nA {{++b++}}{{>>US: why<<}}{{>>CA<<}} c.\n",
            language.code()
        );
        crate::read::source::parse("t.md", &source).expect("parses")
    }

    #[test]
    fn the_lead_a_comment_is_written_with_is_taken_off_in_every_language() {
        for (language, us, ca) in STATES {
            let doc = document(language, us, ca);
            for reason in ["delete, since it repeats", "accord", "2020"] {
                let written = named_comment(&doc, AuthorId(0), reason);
                assert_ne!(written, reason, "{language:?}: led by the name");
                assert_eq!(without_lead(&written, us), reason, "{language:?}");
                // Anonymised by Word: the lead is all that names the State.
                assert_eq!(without_lead(&written, "Author"), written);
            }
            // A reason that names its State first is written and read as is.
            let own = format!("{us} opposes this");
            assert_eq!(named_comment(&doc, AuthorId(0), &own), own);
            assert_eq!(without_lead(&own, us), own);
        }
    }

    #[test]
    fn a_co_proposal_is_known_for_one_in_every_language() {
        for (language, us, ca) in STATES {
            let doc = document(language, us, ca);
            let labels = Labels::get(language);
            let written = co_proposal(labels, ca);
            assert!(is_co_proposal(labels, &written, ca), "{written}");
            assert!(!is_co_proposal(labels, &written, us), "{written}");
            let reason = named_comment(&doc, AuthorId(1), &written);
            assert!(!is_co_proposal(labels, &reason, ca), "{reason}");
            // What the group's comments say, read back: the reason and the
            // co-proposal.
            let comments = crate::present::group_comments(&doc, crate::model::GroupId(0));
            let read: Vec<(&str, bool)> = comments
                .iter()
                .map(|c| {
                    let name = &doc.author(c.author).name;
                    (
                        without_lead(&c.text, name),
                        is_co_proposal(labels, &c.text, name),
                    )
                })
                .collect();
            assert_eq!(read, [("why", false), (written.as_str(), true)]);
        }
    }

    #[test]
    fn only_the_authors_own_name_and_a_separator_are_a_lead() {
        assert_eq!(
            without_lead("United States: delete", "United States"),
            "delete"
        );
        assert_eq!(without_lead("Canada: ", "Canada"), "Canada: ");
        assert_eq!(without_lead("美国：删除", "美国"), "删除");
        assert_eq!(without_lead("美国删除", "美国"), "美国删除");
        assert_eq!(without_lead("Canadian view", "Canada"), "Canadian view");
        assert_eq!(
            without_lead("United States: delete", ""),
            "United States: delete"
        );
    }
}
