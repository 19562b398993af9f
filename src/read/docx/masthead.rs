//! The masthead rapporteur writes (`docx::page::masthead`), read back
//! from the Word markup alone: the Distr./date/Original column, session
//! and venue, the agenda item with its `*` footnote and title, the job
//! number of the first-page footer and the paper size.
//!
//! Every line is read with the words of `templates/labels.toml`, through
//! the same [`Labels`] the writers print with, and kept only when printing
//! what was read gives the line back exactly: a line a delegate changed
//! into something the template cannot print is not guessed at.

use crate::house::style::{HouseStyle, Labels, Piece, Template};
use crate::model::{Agenda, Date, Distribution, Language, Metadata, Paper};
use crate::ooxml::style::ParagraphStyle;

/// One paragraph of the masthead: its style, its text (deleted text left
/// out) and the footnotes it refers to (their ids).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub style: String,
    pub text: String,
    pub footnotes: Vec<String>,
}

impl Line {
    /// Is this line in the style (`MastheadSession`, `Masthead Session`)?
    pub fn is(&self, style: ParagraphStyle) -> bool {
        style.is(&self.style)
    }
}

/// The longest line a masthead template is matched against: masthead
/// lines are short, and trying every filling of two holes, each checked
/// by printing it again, is cubic in the length.
const MAX_LINE: usize = 400;

/// What the masthead, the first-page footer and the page hold, besides
/// title, subtitle and organ: written into `meta`, whose language is known.
pub struct Found<'a> {
    pub lines: &'a [Line],
    /// The text of footnote `id`, without its mark.
    pub footnote_text: &'a dyn Fn(&str) -> Option<String>,
    /// The first-page footer's first line, up to its first tab.
    pub footer: Option<&'a str>,
    /// The page width in points.
    pub page_width: Option<f32>,
}

/// Reads the column, session, venue, agenda, job and paper into `meta`.
/// Only rapporteur's masthead (its column or organ style) has them.
pub fn read(found: &Found, meta: &mut Metadata) {
    if let Some(paper) = found.page_width.and_then(paper) {
        meta.paper = paper;
    }
    let ours = found
        .lines
        .iter()
        .any(|l| l.is(ParagraphStyle::MastheadColumn) || l.is(ParagraphStyle::MastheadOrgan));
    if !ours {
        return;
    }
    column(found.lines, meta);
    let mut session = found
        .lines
        .iter()
        .filter(|l| l.is(ParagraphStyle::MastheadSession));
    meta.session = session
        .next()
        .map(|l| l.text.clone())
        .filter(|t| !t.is_empty());
    meta.venue = session
        .next()
        .map(|l| l.text.clone())
        .filter(|t| !t.is_empty());
    meta.agenda = agenda(found, meta.language);
    meta.job = found.footer.and_then(|f| job(f, meta.language));
}

/// The paper whose width this is (to the nearest point).
fn paper(width: f32) -> Option<Paper> {
    let style = HouseStyle::un();
    [Paper::A4, Paper::Letter]
        .into_iter()
        .find(|&p| (style.page(p).width - width).abs() < 1.5)
}

/// "V.20-05590 (E)": the job number, with the language's letter.
fn job(footer: &str, language: Language) -> Option<String> {
    let job = footer
        .trim()
        .strip_suffix(&format!("({})", language.job_letter()))?
        .trim_end();
    (!job.is_empty() && !job.contains(char::is_whitespace)).then(|| job.to_string())
}

/// The Distr./date/Original column (`style::masthead_right_column`): a
/// distribution line, the date, then a blank line or the language's
/// name, then "Original: …" or the languages note.
fn column(lines: &[Line], meta: &mut Metadata) {
    let own = Labels::get(meta.language);
    let labels = Language::from_code(&own.column_language).map_or(own, Labels::get);
    let column: Vec<&str> = lines
        .iter()
        .filter(|l| l.is(ParagraphStyle::MastheadColumn))
        .map(|l| l.text.trim())
        .collect();
    let Some(at) = column.iter().position(|l| date(labels, l).is_some()) else {
        return;
    };
    if let Some(d) = date(labels, column[at]) {
        meta.date = d;
    }
    meta.distribution = column[..at].iter().find_map(|l| distribution(labels, l));
    let Some(last) = column[at + 1..].iter().rev().find(|l| !l.is_empty()) else {
        return;
    };
    match original(labels, last) {
        Some(language) => meta.original = Some(language),
        None => meta.languages_note = Some(last.to_string()),
    }
}

fn distribution(labels: &Labels, line: &str) -> Option<Distribution> {
    [
        Distribution::General,
        Distribution::Limited,
        Distribution::Restricted,
    ]
    .into_iter()
    .find(|&d| labels.distribution(d) == line)
}

/// "Original: English" → "English".
fn original(labels: &Labels, line: &str) -> Option<String> {
    let found = first_filling(&labels.original, line, &mut |f| {
        labels.original(f[0].1) == line
    })?;
    Some(found[0].1.clone())
}

/// "9 October 2020", as `labels` print a date.
fn date(labels: &Labels, line: &str) -> Option<Date> {
    let as_date = |f: &Filling| {
        let value = |name: &str| f.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let day = value("day")?;
        let day = if day == labels.first_day {
            1
        } else {
            day.parse().ok()?
        };
        let month = labels
            .months
            .iter()
            .position(|m| Some(m.as_str()) == value("month"))?;
        Some(Date {
            year: value("year")?.parse().ok()?,
            month: month as u8 + 1,
            day,
        })
    };
    let found = first_filling(&labels.date, line, &mut |f| {
        as_date(f).is_some_and(|d| labels.date(d) == line)
    })?;
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    as_date(&pairs)
}

/// The agenda item line (its `*` footnote's text is the agenda's symbol)
/// and the agenda title after it.
fn agenda(found: &Found, language: Language) -> Option<Agenda> {
    let labels = Labels::get(language);
    let template = labels.agenda_item.without("mark");
    let (line, item, of) = found
        .lines
        .iter()
        .filter(|l| l.is(ParagraphStyle::MastheadInfo) && !l.text.is_empty())
        .find_map(|l| agenda_item(labels, &template, l.text.trim()).map(|(i, o)| (l, i, o)))?;
    let symbol = line
        .footnotes
        .iter()
        .find_map(|id| (found.footnote_text)(id))
        .map(|t| t.trim().strip_suffix('.').unwrap_or(t.trim()).to_string())
        .filter(|s| !s.is_empty());
    let title = found
        .lines
        .iter()
        .find(|l| l.is(ParagraphStyle::MastheadAgendaTitle) && !l.text.is_empty())
        .map(|l| l.text.clone());
    Some(Agenda {
        item,
        of,
        symbol,
        title,
    })
}

/// "Item 2 (d) of the provisional agenda" → ("2 (d)", "provisional
/// agenda"). Where the words between item and `of` could fall in more
/// than one place (Russian "Пункт 2 (d) предварительной…"), the
/// language's own words for the agenda decide, then an `of` that does
/// not start like an item's letter or number.
fn agenda_item(labels: &Labels, template: &Template, line: &str) -> Option<(String, String)> {
    let known = |of: &str| of == labels.provisional_agenda || of == labels.agenda;
    let plausible = |of: &str| !of.starts_with(|c: char| c == '(' || c.is_ascii_digit());
    let prefer: [&dyn Fn(&str) -> bool; 2] = [&known, &plausible];
    // Bound before it is returned: it borrows `known` and `plausible`.
    let read = prefer.into_iter().find_map(|prefer| {
        let found = first_filling(template, line, &mut |f| {
            let value = |name: &str| f.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
            match (value("item"), value("of")) {
                (Some(item), Some(of)) => prefer(of) && labels.agenda_item(item, of) == line,
                _ => false,
            }
        })?;
        let value = |name: &str| {
            found
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        Some((value("item")?, value("of")?))
    });
    read
}

/// One way a text fills a template's holes: (name, value), in order.
type Filling<'a> = [(&'a str, &'a str)];

/// The first way, in order (shorter first holes first), that `text`
/// fills the holes of `template` (`{}`, `{name}`), each hole with at
/// least one character, that `accept` takes. None for a text longer
/// than [`MAX_LINE`].
fn first_filling(
    template: &Template,
    text: &str,
    accept: &mut dyn FnMut(&Filling) -> bool,
) -> Option<Vec<(String, String)>> {
    if text.len() > MAX_LINE {
        return None;
    }
    let mut filled = Vec::new();
    fill(&template.pieces(), text, &mut filled, accept).then(|| {
        filled
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    })
}

/// Fills the holes of `pieces` from `text`, depth first, after `filled`:
/// true (with `filled` complete) once `accept` takes a filling.
fn fill<'a>(
    pieces: &[Piece<'a>],
    text: &'a str,
    filled: &mut Vec<(&'a str, &'a str)>,
    accept: &mut dyn FnMut(&Filling) -> bool,
) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return text.is_empty() && accept(filled);
    };
    match first {
        Piece::Words(words) => text
            .strip_prefix(words)
            .is_some_and(|after| fill(rest, after, filled, accept)),
        Piece::Hole(name) => {
            let ends: Vec<usize> = match rest.first() {
                None => vec![text.len()],
                Some(Piece::Words(words)) => text.match_indices(words).map(|(i, _)| i).collect(),
                Some(Piece::Hole(_)) => text.char_indices().map(|(i, _)| i).skip(1).collect(),
            };
            for end in ends.into_iter().filter(|&e| e > 0) {
                filled.push((name, &text[..end]));
                if fill(rest, &text[end..], filled, accept) {
                    return true;
                }
                filled.pop();
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_every_way_they_can_be() {
        let mut items = Vec::new();
        let none = first_filling(
            &Template::parse("Пункт {item} {of}").unwrap(),
            "Пункт 2 (d) повестки дня",
            &mut |f| {
                items.push(f[0].1.to_string());
                false
            },
        );
        assert_eq!(none, None);
        assert_eq!(items, ["2", "2 (d)", "2 (d) повестки"]);
        let any = &mut |_: &Filling| true;
        assert_eq!(
            first_filling(&Template::parse("Original: {}").unwrap(), "Original: ", any),
            None
        );
        let long = format!("Original: {}", "x".repeat(MAX_LINE));
        assert_eq!(
            first_filling(&Template::parse("Original: {}").unwrap(), &long, any),
            None
        );
        // Lines of spaces, the worst case for two holes, end quickly.
        let spaces = " ".repeat(MAX_LINE);
        let en = Labels::get(Language::En);
        assert_eq!(date(en, &spaces), None);
    }

    #[test]
    fn lines_are_read_in_each_language_and_checked_by_printing_them_again() {
        let en = Labels::get(Language::En);
        let d = Date {
            year: 2020,
            month: 10,
            day: 9,
        };
        assert_eq!(date(en, "9 October 2020"), Some(d));
        assert_eq!(date(en, "09 October 2020"), None);
        let fr = Labels::get(Language::Fr);
        let first = Date { day: 1, ..d };
        assert_eq!(date(fr, "1er octobre 2020"), Some(first));
        assert_eq!(
            distribution(fr, "Distr. générale"),
            Some(Distribution::General)
        );
        assert_eq!(
            original(fr, "Original : anglais").as_deref(),
            Some("anglais")
        );
        let ru = Labels::get(Language::Ru);
        let template = ru.agenda_item.without("mark");
        assert_eq!(
            agenda_item(ru, &template, "Пункт 2 (d) предварительной повестки дня"),
            Some(("2 (d)".into(), "предварительной повестки дня".into()))
        );
        let zh = Labels::get(Language::Zh);
        let template = zh.agenda_item.without("mark");
        assert_eq!(
            agenda_item(zh, &template, "临时议程项目2(d)"),
            Some(("2(d)".into(), "临时议程".into()))
        );
        assert_eq!(
            job("V.20-05590 (E)", Language::En).as_deref(),
            Some("V.20-05590")
        );
        assert_eq!(job("V.20-05590 (F)", Language::En), None);
        assert_eq!(job("Page 2 (E)", Language::En), None);
    }
}
