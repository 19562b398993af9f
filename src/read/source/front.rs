//! Front matter: TOML between two `+++` lines, checked key by key.

use super::diagnostics::Sink;
use crate::house::style::Labels;
use crate::model::*;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// What the front matter yields. `meta` and `authors` are `None` when the
/// front matter is too broken to use; the body is still read so that its
/// own problems are reported in the same run.
pub(crate) struct Front {
    pub meta: Option<Metadata>,
    pub authors: Option<Vec<Author>>,
    /// Byte offset where the body starts; `None` when there is no body to
    /// read (front matter never closed).
    pub body_start: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    symbol: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    language: Option<Spanned<String>>,
    distribution: Option<Spanned<String>>,
    original: Option<String>,
    languages_note: Option<String>,
    organ: Option<String>,
    session: Option<String>,
    venue: Option<String>,
    job: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    paper: Option<Spanned<String>>,
    point_label: Option<String>,
    default_author: Option<Spanned<String>>,
    attributions: Option<Spanned<String>>,
    emblem: Option<Spanned<String>>,
    agenda: Option<RawAgenda>,
    authors: Option<indexmap::IndexMap<String, Spanned<toml::Value>>>,
    merged: Option<Vec<Spanned<RawMerged>>>,
}

/// One `[[merged]]` table: a returned copy merged into this source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerged {
    state: String,
    file: String,
    hash: String,
    ancestor: String,
    date: Option<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgenda {
    item: String,
    of: Option<String>,
    symbol: Option<String>,
    title: Option<String>,
}

const KNOWN_KEYS: &str = "symbol, date, language, distribution, original, languages_note, organ, session, venue, job, title, subtitle, paper, point_label, default_author, attributions, emblem, [agenda], [authors], [[merged]]";

/// `base` is the source's directory, which the emblem's file is read
/// from; without it (text given alone) the emblem is named but not read.
pub(crate) fn parse(text: &str, sink: &mut Sink, base: Option<&Path>) -> Front {
    let (toml_range, body_start) = match delimit(text, sink) {
        Ok(found) => found,
        Err(body_start) => {
            return Front {
                meta: None,
                authors: None,
                body_start,
            }
        }
    };
    let first_line_end = toml_range.start.saturating_sub(1);
    let before = sink.problems.len();
    let raw = read_toml(text, toml_range.clone(), first_line_end, sink);
    let toml_failed = sink.problems.len() > before;
    let checked_from = sink.problems.len();
    let raw = match raw {
        Some(raw) => raw,
        None => {
            return Front {
                meta: None,
                authors: None,
                body_start: Some(body_start),
            }
        }
    };
    let mut keys = Keys {
        sink,
        offset: toml_range.start,
        opening: 0..first_line_end,
        ok: true,
    };
    let symbol = keys.symbol(raw.symbol);
    let date = keys.date(raw.date);
    let language = keys.language(raw.language);
    let distribution = keys.distribution(raw.distribution);
    let paper = keys.paper(raw.paper);
    let attributions = keys.attributions(raw.attributions);
    let emblem = keys.emblem(raw.emblem, base);
    let authors = match raw.authors {
        None => Vec::new(),
        Some(table) => {
            let offset = keys.offset;
            let at = move |r: Range<usize>| (r.start + offset)..(r.end + offset);
            let (authors, authors_ok) = parse_authors(table, &at, date, keys.sink);
            keys.ok &= authors_ok;
            authors
        }
    };
    let quotes = &Labels::get(language).quotes;
    let default_author = keys.default_author(raw.default_author, &authors);
    let agenda = raw.agenda.map(|a| Agenda {
        item: a.item,
        of: a
            .of
            .unwrap_or_else(|| Labels::get(language).provisional_agenda.clone()),
        symbol: a.symbol,
        title: a.title.map(|t| typographic(&t, quotes)),
    });
    let merged = keys.merged(raw.merged.unwrap_or_default());
    let point_label = raw
        .point_label
        .unwrap_or_else(|| Labels::get(language).point_label.clone());
    // After a line the TOML reader could not read: the keys it held are
    // missing only because of it, which is said already.
    if toml_failed {
        let opening = keys.opening.clone();
        let mut later = keys.sink.problems.split_off(checked_from);
        later.retain(|p| p.range != opening);
        keys.sink.problems.append(&mut later);
        keys.ok = false;
    }
    let meta = match (keys.ok, date) {
        (true, Some(date)) => Some(Metadata {
            symbol,
            date,
            language,
            distribution,
            original: raw.original,
            languages_note: raw.languages_note,
            organ: raw.organ.map(|t| typographic(&t, quotes)),
            session: raw.session.map(|t| typographic(&t, quotes)),
            venue: raw.venue.map(|t| typographic(&t, quotes)),
            job: raw.job,
            title: raw.title.map(|t| typographic(&t, quotes)),
            subtitle: raw.subtitle.map(|t| typographic(&t, quotes)),
            paper,
            point_label,
            agenda,
            default_author,
            attributions,
            merged,
            emblem,
        }),
        _ => None,
    };
    Front {
        meta,
        authors: Some(authors),
        body_start: Some(body_start),
    }
}

/// Finds the front matter between the opening and closing `+++` lines:
/// the TOML's byte range and where the body starts. Without them (reported),
/// where the body starts if there is one to read.
fn delimit(text: &str, sink: &mut Sink) -> Result<(Range<usize>, usize), Option<usize>> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim_end_matches('\r');
    // A UTF-8 byte-order mark is harmless: skip it.
    let first = first.strip_prefix('\u{feff}').unwrap_or(first);
    if first.trim_end() != "+++" {
        sink.error(
            0..first_line_end,
            "the file does not start with front matter",
            "expected a line `+++` here",
            "start the file with `+++`, then TOML keys (symbol = \"…\", date = 2020-10-09, …), then a closing `+++` line",
        );
        return Err(Some(0));
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((toml_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    sink.error(
        0..first_line_end,
        "the front matter is never closed",
        "this `+++` opens it",
        "add a line `+++` after the last front-matter key, before the body",
    );
    Err(None)
}

/// The front matter's TOML, or `None` (reported) when it does not read.
fn read_toml(
    text: &str,
    range: Range<usize>,
    first_line_end: usize,
    sink: &mut Sink,
) -> Option<RawFront> {
    let start = range.start;
    let mut toml_text = text[range].to_string();
    // Each error is reported, its lines blanked and the rest read again,
    // so that every error of the front matter is said in one run and the
    // authors are still known to check the body's attributions with.
    for _ in 0..32 {
        let e = match toml::from_str::<RawFront>(&toml_text) {
            Ok(raw) => return Some(raw),
            Err(e) => e,
        };
        let at = e
            .span()
            .map(|r| (r.start + start)..(r.end + start))
            .unwrap_or(0..first_line_end);
        let message = e.message().trim().to_string();
        let help = if message.contains("unknown field") {
            format!("the front matter knows these keys: {KNOWN_KEYS}; check the spelling or remove the key")
        } else {
            "fix the TOML: strings in double quotes, dates as 2020-10-09, one key per line"
                .to_string()
        };
        sink.error(at, format!("front matter: {message}"), "here", help);
        let span = e.span()?;
        let from = toml_text[..span.start.min(toml_text.len())]
            .rfind('\n')
            .map_or(0, |n| n + 1);
        let to = toml_text[span.end.min(toml_text.len())..]
            .find('\n')
            .map_or(toml_text.len(), |n| span.end + n);
        if from >= to {
            return None;
        }
        let blank: String = toml_text[from..to]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        toml_text.replace_range(from..to, &blank);
    }
    None
}

/// Checks the front matter's keys one by one, reporting each problem
/// where it is; `ok` turns false on any problem that leaves no usable value.
struct Keys<'s> {
    sink: &'s mut Sink,
    /// Where the TOML starts in the file: spans are relative to it.
    offset: usize,
    /// The opening `+++` line, for keys that are missing.
    opening: Range<usize>,
    ok: bool,
}

impl Keys<'_> {
    /// The emblem's file: read and checked when the source's directory is
    /// known, the error at the key.
    fn emblem(&mut self, raw: Option<Spanned<String>>, base: Option<&Path>) -> Option<Emblem> {
        let raw = raw?;
        let at = (raw.span().start + self.offset)..(raw.span().end + self.offset);
        let file = raw.into_inner();
        if file.trim().is_empty() {
            self.sink.error(
                at,
                "the emblem names no file",
                "empty",
                "name a PNG or SVG file, relative to the source's folder (emblem = \"emblem.png\"), or remove the key",
            );
            self.ok = false;
            return None;
        }
        let image = match base {
            None => None,
            Some(base) => match crate::house::emblem::read(&base.join(&file)) {
                Ok(image) => Some(image),
                Err(why) => {
                    self.sink.error(
                        at,
                        format!("the emblem `{file}` cannot be used: {why}"),
                        "this file",
                        "name a PNG or SVG file you have the right to use, relative to the source's folder, or remove the key",
                    );
                    self.ok = false;
                    return None;
                }
            },
        };
        Some(Emblem { file, image })
    }

    fn at(&self, r: Range<usize>) -> Range<usize> {
        (r.start + self.offset)..(r.end + self.offset)
    }

    /// The `[[merged]]` records: a date must be a revision date.
    fn merged(&mut self, list: Vec<Spanned<RawMerged>>) -> Vec<MergeRecord> {
        let mut out = Vec::with_capacity(list.len());
        for entry in list {
            let span = self.at(entry.span());
            let m = entry.into_inner();
            let date = match &m.date {
                None => None,
                Some(d) => match revision_date(d) {
                    Some(d) => Some(d),
                    None => {
                        self.sink.error(
                            span,
                            "`[[merged]]`: the date is not a date or a UTC time",
                            "in this record",
                            "write date = 2020-10-12T09:30:00Z or date = 2020-10-12",
                        );
                        self.ok = false;
                        continue;
                    }
                },
            };
            out.push(MergeRecord {
                state: m.state,
                file: m.file,
                hash: m.hash,
                ancestor: m.ancestor,
                date,
            });
        }
        out
    }

    fn symbol(&mut self, symbol: Option<Spanned<String>>) -> String {
        match symbol {
            Some(s) if !s.get_ref().trim().is_empty() => s.into_inner(),
            Some(s) => {
                self.sink.error(
                    self.at(s.span()),
                    "`symbol` is empty",
                    "empty",
                    "give the document symbol, e.g. symbol = \"CTOC/COP/2020/CRP.4\"",
                );
                self.ok = false;
                String::new()
            }
            None => {
                self.sink.error(
                    self.opening.clone(),
                    "the front matter has no `symbol`",
                    "front matter starts here",
                    "add the document symbol, e.g. symbol = \"CTOC/COP/2020/CRP.4\"",
                );
                self.ok = false;
                String::new()
            }
        }
    }

    fn date(&mut self, date: Option<Spanned<toml::Value>>) -> Option<Date> {
        let Some(d) = date else {
            self.sink.error(
                self.opening.clone(),
                "the front matter has no `date`",
                "front matter starts here",
                "add the issue date as a TOML date: date = 2020-10-09",
            );
            return None;
        };
        let date = d.get_ref().as_datetime().and_then(plain_date);
        if date.is_none() {
            self.sink.error(
                self.at(d.span()),
                "`date` must be a calendar date",
                "not a plain date",
                "write the issue date as a TOML date without quotes: date = 2020-10-09",
            );
        }
        date
    }

    fn language(&mut self, language: Option<Spanned<String>>) -> Language {
        let Some(l) = language else {
            return Language::En;
        };
        Language::from_code(l.get_ref()).unwrap_or_else(|| {
            self.sink.error(
                self.at(l.span()),
                format!("unknown language `{}`", l.get_ref()),
                "not a language this tool knows",
                "use one of en, fr, es, ru, ar, zh",
            );
            self.ok = false;
            Language::En
        })
    }

    fn distribution(&mut self, distribution: Option<Spanned<String>>) -> Option<Distribution> {
        let d = distribution?;
        match d.get_ref().as_str() {
            "General" => Some(Distribution::General),
            "Limited" => Some(Distribution::Limited),
            "Restricted" => Some(Distribution::Restricted),
            other => {
                self.sink.error(
                    self.at(d.span()),
                    format!("unknown distribution `{other}`"),
                    "not a distribution",
                    "use \"General\", \"Limited\" or \"Restricted\" (omit it for a conference room paper)",
                );
                self.ok = false;
                None
            }
        }
    }

    fn paper(&mut self, paper: Option<Spanned<String>>) -> Paper {
        let Some(p) = paper else {
            return Paper::A4;
        };
        match p.get_ref().as_str() {
            "A4" | "a4" => Paper::A4,
            "letter" | "Letter" => Paper::Letter,
            other => {
                self.sink.error(
                    self.at(p.span()),
                    format!("unknown paper size `{other}`"),
                    "not a paper size",
                    "use \"A4\" (Vienna, Geneva) or \"letter\" (New York)",
                );
                self.ok = false;
                Paper::A4
            }
        }
    }

    fn attributions(&mut self, form: Option<Spanned<String>>) -> AttributionForm {
        let Some(form) = form else {
            return AttributionForm::Codes;
        };
        match form.get_ref().as_str() {
            "codes" | "code" => AttributionForm::Codes,
            "names" | "name" => AttributionForm::Names,
            other => {
                self.sink.error(
                    self.at(form.span()),
                    format!("unknown `attributions` value `{other}`"),
                    "not codes or names",
                    "write attributions = \"codes\" to print (US), or attributions = \"names\" to print (United States)",
                );
                self.ok = false;
                AttributionForm::Codes
            }
        }
    }

    fn default_author(
        &mut self,
        code: Option<Spanned<String>>,
        authors: &[Author],
    ) -> Option<AuthorId> {
        let code = code?;
        let found = find_author(authors, code.get_ref());
        if found.is_none() {
            self.sink.error(
                self.at(code.span()),
                format!(
                    "`default_author` names `{}`, who is not in [authors]",
                    code.get_ref()
                ),
                "unknown author code",
                known_codes_help(authors),
            );
            self.ok = false;
        }
        found.map(AuthorId)
    }
}

pub(crate) fn known_codes_help(authors: &[Author]) -> String {
    if authors.is_empty() {
        "declare it in the front matter: [authors] then e.g. US = { name = \"United States\" }"
            .into()
    } else {
        let codes: Vec<&str> = authors.iter().map(|a| a.code.as_str()).collect();
        format!(
            "the authors are {}; use one of these codes or add the author to [authors]",
            codes.join(", ")
        )
    }
}

fn plain_date(d: &toml::value::Datetime) -> Option<Date> {
    if d.time.is_some() || d.offset.is_some() {
        return None;
    }
    let date = d.date?;
    Some(Date {
        year: date.year,
        month: date.month,
        day: date.day,
    })
}

fn parse_authors(
    table: indexmap::IndexMap<String, Spanned<toml::Value>>,
    at: &dyn Fn(Range<usize>) -> Range<usize>,
    doc_date: Option<Date>,
    sink: &mut Sink,
) -> (Vec<Author>, bool) {
    // Problems point at the author's entry (its value's span).
    let mut ok = true;
    let mut authors = Vec::new();
    let default_date = doc_date.map(DateTime::from).unwrap_or(DateTime {
        date: Date {
            year: 1970,
            month: 1,
            day: 1,
        },
        hour: 0,
        minute: 0,
        second: 0,
    });
    for (code, value) in table {
        let span = at(value.span());
        let value = value.into_inner();
        let bad = |what: String, sink: &mut Sink| {
            sink.error(
                span.clone(),
                format!("author `{code}`: {what}"),
                "in this table",
                format!("write {code} = \"Full name\" or {code} = {{ name = \"Full name\", date = 2020-09-16T00:00:00Z }}"),
            );
        };
        if code.trim().is_empty() || code.contains(':') || code.contains("<<") {
            bad(
                "a code must be non-empty and hold no `:` or `<<`".into(),
                sink,
            );
            ok = false;
            continue;
        }
        let mut aliases = Vec::new();
        let (name, date) = match value {
            toml::Value::String(name) => (name, default_date),
            toml::Value::Table(t) => {
                let entry = author_table(t, default_date, &bad, sink);
                ok &= entry.ok;
                aliases = entry.aliases;
                match entry.name {
                    Some(n) => (n, entry.date),
                    None => {
                        bad("no `name`".into(), sink);
                        ok = false;
                        continue;
                    }
                }
            }
            other => {
                bad(
                    format!("expected a name or a table, found {}", other.type_str()),
                    sink,
                );
                ok = false;
                continue;
            }
        };
        if name.trim().is_empty() {
            bad("the name is empty".into(), sink);
            ok = false;
            continue;
        }
        let name = name_typography(&name);
        let initials = initials_of(&code, &name);
        crate::model::Builder::enlist(
            &mut authors,
            Author {
                code,
                name,
                initials,
                date,
                aliases,
            },
        );
    }
    (authors, ok)
}

/// What an `[authors]` entry written as a table holds.
struct AuthorTable {
    name: Option<String>,
    date: DateTime,
    aliases: Vec<String>,
    ok: bool,
}

fn author_table(
    t: toml::Table,
    default_date: DateTime,
    bad: &dyn Fn(String, &mut Sink),
    sink: &mut Sink,
) -> AuthorTable {
    let mut entry = AuthorTable {
        name: None,
        date: default_date,
        aliases: Vec::new(),
        ok: true,
    };
    for (k, v) in t {
        let problem = match (k.as_str(), v) {
            ("name", toml::Value::String(s)) => {
                entry.name = Some(s);
                None
            }
            ("aliases", toml::Value::Array(list)) => match string_list(list) {
                Some(list) => {
                    entry.aliases = list;
                    None
                }
                None => Some("`aliases` must be a list of non-empty names: aliases = [\"Jane Doe\", \"USUN Vienna\"]".to_string()),
            },
            ("date", toml::Value::Datetime(d)) => match revision_date(&d) {
                Some(dt) => {
                    entry.date = dt;
                    None
                }
                None => Some(format!(
                    "`date = {d}` must be a date or a UTC date-time (ending in Z)"
                )),
            },
            ("aliases", v) => Some(format!(
                "`aliases` must be a list of names in brackets, not {}",
                v.type_str()
            )),
            ("name", v) => Some(format!("`name` must be a string, not {}", v.type_str())),
            ("date", v) => Some(format!(
                "`date` must be a TOML date or date-time without quotes, not {}",
                v.type_str()
            )),
            (other, _) => Some(format!(
                "`{other}` is not an author key (only name, date and aliases are)"
            )),
        };
        if let Some(what) = problem {
            bad(what, sink);
            entry.ok = false;
        }
    }
    entry
}

/// A TOML array of non-empty strings, trimmed.
fn string_list(list: Vec<toml::Value>) -> Option<Vec<String>> {
    list.into_iter()
        .map(|v| match v {
            toml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
        .collect()
}

fn revision_date(d: &toml::value::Datetime) -> Option<DateTime> {
    let date = d.date?;
    let date = Date {
        year: date.year,
        month: date.month,
        day: date.day,
    };
    match (d.time, d.offset) {
        (None, None) => Some(DateTime::from(date)),
        (Some(t), Some(toml::value::Offset::Z)) => Some(DateTime {
            date,
            hour: t.hour,
            minute: t.minute,
            second: t.second.unwrap_or(0),
        }),
        (Some(t), Some(toml::value::Offset::Custom { minutes: 0 })) => Some(DateTime {
            date,
            hour: t.hour,
            minute: t.minute,
            second: t.second.unwrap_or(0),
        }),
        _ => None,
    }
}

/// The words of the front matter (title, organ, session, venue, agenda
/// title, authors' names) with the typographic quotes and apostrophes the
/// body's text gets: `l’Organisation`, `Côte d’Ivoire`, so that a name
/// reads the same in the masthead, the comments and the text.
fn typographic(text: &str, quotes: &crate::house::style::Quotes) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    for c in text.chars() {
        match c {
            '"' => out.push_str(quotes.double(opens_quote(last))),
            '\'' if last.is_some_and(char::is_alphanumeric) => out.push('’'),
            '\'' => out.push_str(quotes.single(opens_quote(last))),
            c => out.push(c),
        }
        last = out.chars().next_back();
    }
    out
}

/// An author's name with an apostrophe inside a word typographic
/// (`Côte d’Ivoire`), as the body prints it; import reads Word's names
/// the same way.
pub(crate) fn name_typography(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '\'' && out.chars().next_back().is_some_and(char::is_alphanumeric) {
            out.push('’');
        } else {
            out.push(c);
        }
    }
    out
}

/// Initials for Word's comment balloons: the author's code when it is
/// short (`CI` for Côte d'Ivoire, `US`), else taken from the name:
/// "United States" → "US", "Saudi Arabia" → "SA", "Canada" → "CA".
pub(crate) fn initials_of(code: &str, name: &str) -> String {
    if (1..=4).contains(&code.chars().count()) {
        code.to_string()
    } else {
        initials(name)
    }
}

fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .collect();
    if words.len() >= 2 {
        words.iter().filter_map(|w| w.chars().next()).collect()
    } else {
        name.chars().take(2).collect::<String>().to_uppercase()
    }
}

/// A straight quote opens after nothing, a space or an opening bracket or dash.
pub(crate) fn opens_quote(last: Option<char>) -> bool {
    match last {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '/' | '“' | '‘' | '«')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("United States"), "US");
        assert_eq!(initials("Saudi Arabia"), "SA");
        assert_eq!(initials("Canada"), "CA");
        assert_eq!(initials("Republic of Korea"), "RK");
        assert_eq!(super::initials_of("CI", "Côte d’Ivoire"), "CI");
        assert_eq!(super::initials_of("Canada", "Canada"), "CA");
    }
}
