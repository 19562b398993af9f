//! The front matter of an imported file: the one rapporteur stored, or
//! what a Word file holds (core properties, title paragraphs), and the
//! authors of its revisions and comments.

use super::stories::Raw;
use crate::model::*;

/// Metadata and the authors known before the body is read.
pub fn front(raw: &Raw, file_name: &str) -> (Metadata, Vec<Author>) {
    if let Some(overlay) = &raw.overlay {
        let text = format!("+++\n{}+++\n", overlay.front);
        if let Ok(doc) = crate::read::source::parse("structure", &text) {
            return (doc.meta, doc.authors);
        }
    }
    let core = &raw.core;
    let masthead = |style: &str| {
        raw.masthead
            .iter()
            .find(|l| l.is(style) && !l.text.is_empty())
            .map(|l| l.text.clone())
    };
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "imported".into());
    let symbol = core
        .get("subject")
        .cloned()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(stem);
    let date = ["created", "modified"]
        .iter()
        .find_map(|k| core.get(*k).and_then(|d| parse_datetime(d)))
        .map(|d| d.date)
        .unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        });
    let language = core
        .get("language")
        .and_then(|l| Language::from_code(&l.to_ascii_lowercase()[..l.len().min(2)]))
        .unwrap_or(Language::En);
    let labels = crate::house::style::Labels::get(language);
    let mut meta = Metadata {
        symbol,
        date,
        language,
        distribution: None,
        original: None,
        languages_note: None,
        organ: masthead("MastheadOrgan"),
        session: None,
        venue: None,
        job: None,
        // A title of punctuation alone is a placeholder.
        title: masthead("Title")
            .or_else(|| core.get("title").cloned())
            .filter(|t| t.chars().any(char::is_alphanumeric)),
        subtitle: masthead("Subtitle"),
        paper: Paper::A4,
        point_label: labels.point_label.to_string(),
        agenda: None,
        default_author: None,
        attributions: AttributionForm::Codes,
        merged: Vec::new(),
        emblem: None,
    };
    let footnote_text = |id: &str| raw.footnote_text(id);
    super::masthead::read(
        &super::masthead::Found {
            lines: &raw.masthead,
            footnote_text: &footnote_text,
            footer: raw.first_footer.as_deref(),
            page_width: raw.page_width,
        },
        &mut meta,
    );
    (meta, Vec::new())
}

/// `2014-06-25T10:42:00Z` (seconds and zone optional).
pub fn parse_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let num = |a: usize, b: usize| s.get(a..b).and_then(|x| x.parse::<u16>().ok());
    let date = Date {
        year: num(0, 4)?,
        month: num(5, 7)? as u8,
        day: num(8, 10)? as u8,
    };
    if !(1..=12).contains(&date.month) || !(1..=31).contains(&date.day) {
        return None;
    }
    let hour = num(11, 13).unwrap_or(0) as u8;
    let minute = num(14, 16).unwrap_or(0) as u8;
    let second = num(17, 19).unwrap_or(0) as u8;
    Some(DateTime {
        date,
        hour: hour.min(23),
        minute: minute.min(59),
        second: second.min(59),
    })
}

/// The author named `name` (by name, as Word writes `w:author`), added
/// with a code made from the name when new.
pub fn author_id(
    authors: &mut Vec<Author>,
    name: &str,
    date: Option<&str>,
    default: DateTime,
) -> AuthorId {
    let name = name.trim();
    let name = if name.is_empty() { "Unknown" } else { name };
    // By name, or by one of the names the front matter lists for it.
    let folded = fold_name(name);
    let known = |a: &Author| {
        fold_name(&a.name) == folded || a.aliases.iter().any(|x| fold_name(x) == folded)
    };
    if let Some(i) = authors.iter().position(known) {
        return AuthorId(i);
    }
    let code = code_for(name, authors);
    let name = crate::read::source::name_typography(name);
    let author = Author {
        initials: crate::read::source::initials_of(&code, &name),
        code,
        name,
        aliases: Vec::new(),
        date: date.and_then(parse_datetime).unwrap_or(default),
    };
    crate::model::Builder::enlist(authors, author)
}

/// A code for a new author: the name without the characters a code cannot
/// hold (`:`, `<`, `>`, quotes), unique among the codes there are.
fn code_for(name: &str, authors: &[Author]) -> String {
    let base: String = name
        .chars()
        .filter(|c| !matches!(c, ':' | '<' | '>' | '"' | '{' | '}' | '\\') && !c.is_control())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let base = if base.is_empty() {
        "Author".to_string()
    } else {
        base
    };
    let mut code = base.clone();
    let mut n = 2;
    while authors.iter().any(|a| a.code == code) {
        code = format!("{base} {n}");
        n += 1;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_codes() {
        let d = parse_datetime("2014-06-25T10:42:00Z").unwrap();
        assert_eq!(d.to_string(), "2014-06-25T10:42:00Z");
        let mut authors = Vec::new();
        let default = DateTime::from(d.date);
        let a = author_id(&mut authors, "USUN: Vienna", None, default);
        assert_eq!(authors[a.0].code, "USUN Vienna");
        let b = author_id(&mut authors, "USUN: Vienna", None, default);
        assert_eq!(a, b);
    }
}
