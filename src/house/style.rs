//! House style as data: page geometry, type sizes and per-language labels,
//! read from `templates/` at build time (`include_str!`), so the binary is
//! self-contained and the numbers live in one place that both writers share.

use crate::model::{Agenda, Date, Distribution, Language, Metadata, Paper};
use icu_plurals::PluralCategory;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const UN_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/un.toml"));
const LABELS_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/templates/labels.toml"
));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseStyle {
    pub page: Pages,
    pub body: Body,
    pub heading: Headings,
    pub footnote: Footnotes,
    pub masthead: Masthead,
    pub running: Running,
    pub pdf: PdfSetting,
}

/// The page geometry of each paper size.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    #[serde(rename = "A4")]
    pub a4: PageGeometry,
    pub letter: PageGeometry,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    /// Page 1's bottom margin: its foot (job number over the barcode) is
    /// taller than a later page's.
    pub first_margin_bottom: f32,
    pub margin_inner: f32,
    pub margin_outer: f32,
    pub header_distance: f32,
    pub footer_distance: f32,
    /// Page 1's job number: its baseline this far above the page's foot.
    pub first_footer_distance: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub font: String,
    /// The complex-script font DOCX names for Arabic text.
    pub complex_font: String,
    /// The East Asian font DOCX names for Chinese text.
    pub east_asian_font: String,
    pub font_size: f32,
    pub leading: f32,
    pub space_after: f32,
    pub indent: f32,
    pub number_indent: f32,
    pub hanging: f32,
    pub right_indent: f32,
    pub sub_indent: f32,
    pub sub_hanging: f32,
    pub subsub_indent: f32,
    pub quote_indent: f32,
    /// Table text: its size and leading.
    pub table_size: f32,
    pub table_leading: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub chapter_size: f32,
    pub chapter_space_before: f32,
    pub chapter_space_after: f32,
    pub section_size: f32,
    pub section_space_before: f32,
    pub section_space_after: f32,
    pub sub_size: f32,
    pub sub_space_before: f32,
    pub sub_space_after: f32,
    pub point_space_before: f32,
    pub point_space_after: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footnotes {
    pub font_size: f32,
    pub leading: f32,
    pub separator_width: f32,
    pub space_above: f32,
    pub indent: f32,
    pub hanging: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    pub united_nations_size: f32,
    /// "United Nations" sits this far above the symbol's baseline.
    pub united_nations_raise: f32,
    pub symbol_first_size: f32,
    pub symbol_rest_size: f32,
    /// A principal organ's name ("General Assembly").
    pub organ_size: f32,
    /// An organ's name that would take more than `organ_lines` lines at
    /// `organ_size` is set at this size.
    pub organ_long_size: f32,
    pub organ_lines: usize,
    pub info_size: f32,
    pub title_size: f32,
    pub subtitle_size: f32,
    pub rule_width: f32,
    /// The rule under the organ and the Distr. column.
    pub heavy_rule_width: f32,
    /// From the top rule to the heavy rule (centres): the band that holds
    /// the emblem, the organ and the Distr. column.
    pub band: f32,
    /// The emblem's room at the left of the band: "United Nations" and
    /// the organ start this far right of the margin.
    pub emblem_column: f32,
    /// The emblem's frame: from the margin, below the top rule, its size.
    pub emblem_x: f32,
    pub emblem_drop: f32,
    pub emblem_width: f32,
    pub emblem_height: f32,
    pub right_column: f32,
    /// Least space between the organ and the right column (DOCX: the
    /// masthead table's cell margin).
    pub column_gap: f32,
    pub title_space_before: f32,
    pub top_rule_drop: f32,
    pub column_drop: f32,
    pub right_column_drop: f32,
    pub organ_gap: f32,
    pub line_spacing: f32,
    pub rule_drop: f32,
    pub info_drop: f32,
    pub info_width: f32,
    pub subtitle_space_before: f32,
    pub space_after: f32,
    /// The short centred rule after the last paragraph: its width and its
    /// centre's distance below the last baseline.
    pub end_rule_width: f32,
    pub end_rule_drop: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Running {
    pub size: f32,
    pub rule_width: f32,
    pub head_drop: f32,
    pub rule_gap: f32,
    /// Page 1's job number.
    pub job_size: f32,
    pub barcode_module: f32,
    pub barcode_height: f32,
    /// The bars' top below the job number's baseline.
    pub barcode_drop: f32,
}

/// Typesetting choices of the PDF writer (Word makes its own in DOCX).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfSetting {
    /// Whether words break at hyphenation points; without, lines break
    /// only at spaces and at the hyphens the text has.
    pub hyphenate: bool,
    pub space_stretch: f32,
    pub space_shrink: f32,
    pub hyphen_penalty: f32,
    pub orphans: usize,
    pub widows: usize,
    pub superscript_scale: f32,
    pub superscript_rise: f32,
    pub footnote_gap: f32,
    pub footnote_rule_width: f32,
    pub footnote_rule_gap: f32,
    pub table_cell_padding: f32,
    pub table_rule_width: f32,
}

/// Words printed in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The language (code) whose words the Distr./date/Original column
    /// prints: English in Arabic, Chinese and Russian documents.
    pub column_language: String,
    /// The line a translation prints above "Original:": "Russian", "Français".
    pub language_name: String,
    pub united_nations: String,
    pub distribution: Template,
    pub distributions: BTreeMap<String, String>,
    pub original: Template,
    /// `{item}`, `{of}` and `{mark}` (where the agenda footnote's `*` goes).
    pub agenda_item: Template,
    /// The `of` a source without `agenda.of` gets: "provisional agenda".
    pub provisional_agenda: String,
    /// The `of` of an adopted agenda, which has no footnote: "agenda".
    pub agenda: String,
    pub months: Vec<String>,
    pub date: Template,
    pub first_day: String,
    pub point_label: String,
    pub quotes: Quotes,
    pub also_proposed: Template,
    /// The note a merge records for a State whose copy accepted or
    /// rejected another's change.
    pub verdict: Verdicts,
    /// How the attribution after a change prints: `(US: reason; CA)`,
    /// Chinese `（美国：理由；加拿大）`.
    pub attribution: AttributionMarks,
    /// The heading of a `--colour` PDF's legend: "Changes by author".
    pub legend: String,
    /// The words of each line of that legend (present.rs formats them).
    pub legend_entry: LegendEntry,
    /// How a chapter or section number prints: "{}." ("I.", "A."), "{} -".
    pub heading_number: Template,
    /// How a subparagraph label prints: "({})", "{})".
    pub sub_label: Template,
    /// How a numbered paragraph's number prints: "{}." ("12."); Arabic
    /// "{} -" ("12 -"). Absent: "{}.".
    #[serde(default = "default_paragraph_number")]
    pub paragraph_number: Template,
    /// Chapter numbers by position, for I, II, …; empty: as the source has them.
    #[serde(default)]
    pub chapter_numbers: Vec<String>,
    /// Section numbers by position, for A, B, …
    #[serde(default)]
    pub section_numbers: Vec<String>,
    /// Subparagraph letters by position, for a, b, … (not for i, ii, …).
    #[serde(default)]
    pub sub_letters: Vec<String>,
}

fn default_paragraph_number() -> Template {
    Template("{}.".into())
}

/// What a State's returned copy said of a change it did not make, as the
/// merge writes it into the source: "accepts this change".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdicts {
    pub accepts: String,
    pub rejects: String,
}

/// The punctuation of a printed attribution, as `templates/labels.toml`
/// gives it for a language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionMarks {
    /// Before and after the attributions: "(" and ")", Chinese "（" and "）".
    pub open: String,
    pub close: String,
    /// Between a State and its reason: ": ", Chinese "：".
    pub reason: String,
    /// Between two attributions: "; ", Chinese "；".
    pub between: String,
    /// Whether a space parts the attribution from the text before it
    /// (none before a full-width bracket).
    pub spaced: bool,
}

/// A phrase with holes, as `templates/labels.toml` and `templates/html.toml`
/// give it: `{}` for the one value, `{name}` for named ones. Every phrase
/// rapporteur prints with something put into it is one of these, filled
/// here in one pass (a value holding `{notes}` stays as written); the DOCX
/// reader takes the same pieces to find what filled them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Template(String);

impl TryFrom<String> for Template {
    type Error = String;

    /// A `{` must close before the next `{`, and a `}` must have opened.
    fn try_from(text: String) -> Result<Self, String> {
        let mut open = false;
        for c in text.chars() {
            match (c, open) {
                ('{', true) => return Err(format!("`{text}`: a `{{` inside a hole")),
                ('}', false) => return Err(format!("`{text}`: a `}}` that opens no hole")),
                ('{', false) | ('}', true) => open = !open,
                _ => {}
            }
        }
        if open {
            return Err(format!("`{text}`: a hole that is never closed"));
        }
        Ok(Template(text))
    }
}

impl Template {
    /// `text` as a template, if its braces pair up.
    pub fn parse(text: &str) -> Result<Template, String> {
        Template::try_from(text.to_string())
    }

    /// The same phrase with the hole `name` left out (the agenda line as
    /// a reader sees it, without the footnote mark).
    pub fn without(&self, name: &str) -> Template {
        Template(self.0.replace(&format!("{{{name}}}"), ""))
    }

    /// The phrase as written, holes included.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its words and holes, in order.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        Piece::all(&self.0)
    }

    /// The names of its holes, in order (`""` for `{}`).
    pub fn holes(&self) -> impl Iterator<Item = &str> {
        self.pieces().into_iter().filter_map(|p| match p {
            Piece::Hole(name) => Some(name),
            Piece::Words(_) => None,
        })
    }

    /// The phrase with its `{}` filled: "Also proposed by Canada.".
    pub fn with(&self, value: &str) -> String {
        self.fill(&[("", value)])
    }

    /// The phrase with each `{key}` of `values` filled; a hole with no
    /// value stays as written.
    pub fn fill(&self, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(self.0.len());
        for piece in self.pieces() {
            match piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Hole(key) => match values.iter().find(|(k, _)| *k == key) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                },
            }
        }
        out
    }

    /// The phrase split at the hole `name` (where the agenda's footnote
    /// mark goes, where the legend's coloured code stands): the part
    /// before it and the part after, if it has that hole.
    pub fn split_at(&self, name: &str) -> Option<(Template, Template)> {
        let hole = format!("{{{name}}}");
        let (before, after) = self.0.split_once(&hole)?;
        Some((Template(before.into()), Template(after.into())))
    }
}

/// One piece of a label template (`templates/labels.toml`): words as
/// they are, or a `{name}` (`{}`) to fill. Writers fill the holes; the
/// DOCX reader finds what filled them.
pub enum Piece<'t> {
    Words(&'t str),
    Hole(&'t str),
}

impl<'t> Piece<'t> {
    /// The pieces of `template`, in order (a `{` never closed is words).
    pub fn all(template: &'t str) -> Vec<Piece<'t>> {
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if open > 0 {
                out.push(Piece::Words(&rest[..open]));
            }
            out.push(Piece::Hole(&rest[open + 1..open + close]));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            out.push(Piece::Words(rest));
        }
        out
    }
}

/// The position (from 1) of a roman numeral ("IV" → 4), or of a letter
/// numbering ("C" → 3, "aa" → 27) when `roman_numeral` is false.
fn ordinal(number: &str, roman_numeral: bool) -> Option<usize> {
    if roman_numeral {
        let lower = number.to_lowercase();
        return (1..400)
            .find(|&n| crate::model::roman(n, false) == lower)
            .map(|n| n as usize);
    }
    let lower = number.to_lowercase();
    let first = lower.chars().next()?;
    if !first.is_ascii_lowercase() || !lower.chars().all(|c| c == first) {
        return None;
    }
    Some((lower.len() - 1) * 26 + (first as u8 - b'a') as usize + 1)
}

/// A language's quotation marks, as `templates/labels.toml` lists them:
/// open and close double, open and close single.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(from = "[String; 4]")]
pub struct Quotes {
    pub open_double: String,
    pub close_double: String,
    pub open_single: String,
    pub close_single: String,
}

impl From<[String; 4]> for Quotes {
    fn from([open_double, close_double, open_single, close_single]: [String; 4]) -> Self {
        Quotes {
            open_double,
            close_double,
            open_single,
            close_single,
        }
    }
}

impl Quotes {
    /// The double mark that opens (`true`) or closes a quotation.
    pub fn double(&self, opens: bool) -> &str {
        if opens {
            &self.open_double
        } else {
            &self.close_double
        }
    }

    /// The single mark that opens (`true`) or closes a quotation.
    pub fn single(&self, opens: bool) -> &str {
        if opens {
            &self.open_single
        } else {
            &self.close_single
        }
    }
}

/// The house style, and its variants by language and office
/// (`[languages.CODE]` and `[offices.KEY]` of `templates/un.toml` over the
/// rest).
struct Styles {
    house: HouseStyle,
    /// The house style with a language's figures (`[languages.ar]`), an
    /// office's (`[offices.vienna]`) or both over it, by (language code,
    /// office key), "" for neither.
    variants: BTreeMap<(String, String), HouseStyle>,
}

impl Styles {
    fn parse(text: &str) -> Result<Styles, toml::de::Error> {
        let mut table: toml::Table = toml::from_str(text)?;
        let mut overrides = |name: &str| -> Vec<(String, Option<toml::Table>)> {
            let own = match table.remove(name) {
                Some(toml::Value::Table(t)) => t,
                _ => toml::Table::new(),
            };
            let named = own.into_iter().map(|(key, value)| match value {
                toml::Value::Table(t) => (key, Some(t)),
                _ => (key, None),
            });
            std::iter::once((String::new(), None))
                .chain(named)
                .collect()
        };
        let languages = overrides("languages");
        let offices = overrides("offices");
        let house = toml::Value::Table(table.clone()).try_into()?;
        let mut variants = BTreeMap::new();
        for (office, office_own) in &offices {
            for (language, language_own) in &languages {
                if office.is_empty() && language.is_empty() {
                    continue;
                }
                // The office's page first, the language's type sizes over it.
                let mut merged = table.clone();
                for own in [office_own, language_own].into_iter().flatten() {
                    overlay(&mut merged, own.clone());
                }
                let style = toml::Value::Table(merged).try_into()?;
                variants.insert((language.clone(), office.clone()), style);
            }
        }
        Ok(Styles { house, variants })
    }

    fn get(&self, language: &str, office: &str) -> &HouseStyle {
        let key = |l: &str, o: &str| (l.to_string(), o.to_string());
        // An office without figures of its own (Geneva's are the house's)
        // leaves the language's.
        self.variants
            .get(&key(language, office))
            .or_else(|| self.variants.get(&key(language, "")))
            .or_else(|| self.variants.get(&key("", office)))
            .unwrap_or(&self.house)
    }
}

/// `own`'s values over `base`'s, table by table (a key `base` lacks stays
/// and is refused by `deny_unknown_fields`).
fn overlay(base: &mut toml::Table, own: toml::Table) {
    for (key, value) in own {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => overlay(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Masthead {
    /// The organ's size, the same in every writer: `organ_size` when its
    /// name would take at most `organ_lines` lines of its column there
    /// (reckoned at half an em a character, a full em for a full-width
    /// one: bold Times averages about that), else `organ_long_size`.
    pub fn organ_size_for(&self, organ: &str) -> f32 {
        let column = self.right_column - self.organ_gap - self.emblem_column;
        let ems: f32 = organ
            .chars()
            .map(|c| {
                if crate::present::script::is_full_width(c) {
                    1.0
                } else {
                    0.5
                }
            })
            .sum();
        let lines = (ems * self.organ_size / column.max(1.0)).ceil() as usize;
        if lines <= self.organ_lines {
            self.organ_size
        } else {
            self.organ_long_size
        }
    }
}

impl HouseStyle {
    fn styles() -> &'static Styles {
        static STYLES: OnceLock<Styles> = OnceLock::new();
        STYLES.get_or_init(|| {
            Styles::parse(UN_TOML).expect("templates/un.toml is checked by a unit test")
        })
    }

    /// The UN house style compiled into the binary (English, French,
    /// Spanish, Russian and Chinese documents).
    pub fn un() -> &'static HouseStyle {
        &Self::styles().house
    }

    /// The house style of documents in `language`: Arabic sets its text
    /// larger (`[languages.ar]` of `templates/un.toml`); the others are
    /// [`HouseStyle::un`].
    pub fn for_language(language: Language) -> &'static HouseStyle {
        Self::styles().get(language.code(), "")
    }

    /// The house style of this document: its language's figures, over
    /// those of the office its job number names (`[offices.vienna]`).
    pub fn of(meta: &Metadata) -> &'static HouseStyle {
        let office = meta.duty_station().map_or("", |s| s.key());
        Self::styles().get(meta.language.code(), office)
    }

    pub fn page(&self, paper: Paper) -> &PageGeometry {
        match paper {
            Paper::A4 => &self.page.a4,
            Paper::Letter => &self.page.letter,
        }
    }
}

impl Labels {
    fn table() -> &'static BTreeMap<String, Labels> {
        static LABELS: OnceLock<BTreeMap<String, Labels>> = OnceLock::new();
        LABELS.get_or_init(|| {
            toml::from_str(LABELS_TOML).expect("templates/labels.toml is checked by a unit test")
        })
    }

    pub fn get(language: Language) -> &'static Labels {
        &Self::table()[language.code()]
    }

    /// What any language puts between a State and its reason (": ", "："):
    /// a reader that does not know the language yet recognises them all.
    pub fn reason_separators() -> impl Iterator<Item = &'static str> {
        Self::table()
            .values()
            .map(|l| l.attribution.reason.as_str())
    }

    /// "9 October 2020", "1er novembre 2018", "9 de octubre de 2020".
    pub fn date(&self, date: Date) -> String {
        let day = if date.day == 1 {
            self.first_day.clone()
        } else {
            date.day.to_string()
        };
        let month = &self.months[(date.month.clamp(1, 12) - 1) as usize];
        self.date.fill(&[
            ("day", &day),
            ("month", month),
            ("year", &date.year.to_string()),
        ])
    }

    /// "Distr.: General"
    pub fn distribution(&self, d: Distribution) -> String {
        let key = match d {
            Distribution::General => "General",
            Distribution::Limited => "Limited",
            Distribution::Restricted => "Restricted",
        };
        self.distribution.with(&self.distributions[key])
    }

    /// "Original: English"
    pub fn original(&self, language: &str) -> String {
        self.original.with(language)
    }

    /// "Item 2 (d) of the provisional agenda" (without the footnote mark).
    pub fn agenda_item(&self, item: &str, of: &str) -> String {
        let (before, after) = self.agenda_parts(item, of);
        before + &after
    }

    /// The agenda line split where the footnote mark goes: ("Item 2 (d) of
    /// the provisional agenda", ""); ("临时议程", "项目2(d)").
    fn agenda_parts(&self, item: &str, of: &str) -> (String, String) {
        let values = [("item", item), ("of", of)];
        match self.agenda_item.split_at("mark") {
            Some((before, after)) => (before.fill(&values), after.fill(&values)),
            None => (self.agenda_item.fill(&values), String::new()),
        }
    }

    /// A numbered heading's label: "I.", "A."; Arabic "أولا -", "ألف -";
    /// Chinese "一.". `level` 1 is a chapter, 2 a section.
    pub fn heading_label(&self, level: u8, number: &str) -> String {
        let (table, roman_numeral) = if level <= 1 {
            (&self.chapter_numbers, true)
        } else {
            (&self.section_numbers, false)
        };
        let shown = ordinal(number, roman_numeral)
            .and_then(|n| table.get(n - 1))
            .map_or(number, String::as_str);
        self.heading_number.with(shown)
    }

    /// A numbered paragraph's label: "12."; Arabic "12 -" (Western digits,
    /// as UN Arabic documents print them).
    pub fn paragraph_label(&self, number: u32) -> String {
        self.paragraph_number.with(&number.to_string())
    }

    /// The same as Word's numbering level text (`w:lvlText`): "%1.", "%1 -".
    pub fn paragraph_level_text(&self) -> String {
        self.paragraph_number.with("%1")
    }

    /// A subparagraph's label: "(a)", "a)" (French, Spanish), "(أ)"
    /// (Arabic letters for the letters of level 1; numerals of level 2 stay).
    pub fn subparagraph_label(&self, level: u8, label: &str) -> String {
        let shown = if level <= 1 {
            ordinal(label, false).and_then(|n| self.sub_letters.get(n - 1))
        } else {
            None
        };
        self.sub_label.with(shown.map_or(label, String::as_str))
    }

    /// The agenda line of the masthead, and its footnote.
    pub fn agenda_line(&self, agenda: &Agenda) -> AgendaLine {
        let (before, after) = self.agenda_parts(&agenda.item, &agenda.of);
        AgendaLine {
            before,
            after,
            note: self.agenda_note(agenda),
        }
    }

    /// The text of the agenda's `*` footnote: its symbol and a full stop,
    /// for a provisional agenda only (`of` is not this language's word
    /// for the adopted agenda).
    pub fn agenda_note(&self, agenda: &Agenda) -> Option<String> {
        let symbol = agenda.symbol.as_ref()?;
        if agenda.of.trim() == self.agenda {
            return None;
        }
        Some(format!("{symbol}."))
    }
}

/// The agenda line as printed: `before`, the `*` mark when there is a
/// `note`, then `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    pub before: String,
    pub after: String,
    pub note: Option<String>,
}

impl AgendaLine {
    /// The line as plain text, with `mark` for the footnote mark.
    pub fn with_mark(&self, mark: &str) -> String {
        let mark = if self.note.is_some() { mark } else { "" };
        format!("{}{mark}{}", self.before, self.after)
    }
}

/// The words of a legend line, as `templates/labels.toml` gives them for
/// a language: `line` with `{code}`, `{name}` (`name` around the State's
/// name, or nothing when the name is the code), `{changes}`,
/// `{insertions}`, `{deletions}` and `{notes}`, each count in its plural form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    /// "{code}{name}: {changes} ({insertions}, {deletions}), {notes}".
    pub line: Template,
    /// " ({})": the State's name after its code.
    pub name: Template,
    pub changes: PluralForms,
    pub insertions: PluralForms,
    pub deletions: PluralForms,
    pub notes: PluralForms,
}

/// A counted word in each CLDR plural category the language has, `{}`
/// standing for the number: English "{} change" (one) and "{} changes"
/// (other); Arabic has all six, and may leave the number out ("تعديلان",
/// the dual). `other` is every language's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluralForms {
    pub zero: Option<Template>,
    pub one: Option<Template>,
    pub two: Option<Template>,
    pub few: Option<Template>,
    pub many: Option<Template>,
    pub other: Template,
}

impl PluralForms {
    /// The form of `category`, if the language gives one.
    pub fn form(&self, category: PluralCategory) -> Option<&Template> {
        match category {
            PluralCategory::Zero => self.zero.as_ref(),
            PluralCategory::One => self.one.as_ref(),
            PluralCategory::Two => self.two.as_ref(),
            PluralCategory::Few => self.few.as_ref(),
            PluralCategory::Many => self.many.as_ref(),
            PluralCategory::Other => Some(&self.other),
        }
    }

    /// `n` in the form of `category` (`other` when the language gives
    /// none for it: a unit test checks each language has every category
    /// its plural rules choose).
    pub fn count(&self, category: PluralCategory, n: usize) -> String {
        self.form(category)
            .unwrap_or(&self.other)
            .with(&n.to_string())
    }
}

/// The lines of the masthead's right column, in order: `Distr.: General`,
/// the date, a blank line (or, in a translation, the language's name),
/// `Original: English` (or the languages note). An empty string stands for
/// the blank line. Arabic, Chinese and Russian documents print the column
/// in English (`column_language`).
pub fn masthead_right_column(meta: &Metadata) -> Vec<String> {
    let own = Labels::get(meta.language);
    let labels = Language::from_code(&own.column_language).map_or(own, Labels::get);
    let mut lines = Vec::new();
    if let Some(d) = meta.distribution {
        lines.push(labels.distribution(d));
    }
    lines.push(labels.date(meta.date));
    if let Some(original) = &meta.original {
        let translated = original.trim().to_lowercase() != own.language_name.to_lowercase();
        lines.push(if translated {
            own.language_name.clone()
        } else {
            String::new()
        });
        lines.push(labels.original(original));
    } else if let Some(note) = &meta.languages_note {
        lines.push(String::new());
        lines.push(note.clone());
    }
    lines
}

/// "V.20-05590 (E)"
pub fn job_line(meta: &Metadata) -> Option<String> {
    meta.job
        .as_ref()
        .map(|job| format!("{job} ({})", meta.language.job_letter()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_load_for_every_language() {
        let style = HouseStyle::un();
        assert!(style.page(Paper::A4).width > 595.0);
        assert_eq!(style.body.font_size, 10.0);
        // Every language's own table names a language and loads.
        let styles = Styles::parse(UN_TOML).unwrap();
        use crate::model::DutyStation;
        let offices = [DutyStation::Geneva, DutyStation::Vienna].map(DutyStation::key);
        for (code, office) in styles.variants.keys() {
            assert!(
                code.is_empty() || Language::from_code(code).is_some(),
                "{code}"
            );
            assert!(
                office.is_empty() || offices.contains(&office.as_str()),
                "{office}"
            );
        }
        for lang in Language::ALL {
            let labels = Labels::get(lang);
            assert_eq!(labels.months.len(), 12, "{lang:?}");
            assert_eq!(labels.distributions.len(), 3, "{lang:?}");
        }
    }

    /// Each phrase has exactly the holes its writer fills, so that no
    /// `{item}` prints as written in any language.
    #[test]
    fn every_template_has_the_holes_its_writer_fills() {
        fn holes(t: &Template) -> Vec<&str> {
            let mut h: Vec<&str> = t.holes().collect();
            h.sort_unstable();
            h
        }
        for lang in Language::ALL {
            let l = Labels::get(lang);
            let one = [
                ("distribution", &l.distribution),
                ("original", &l.original),
                ("also_proposed", &l.also_proposed),
                ("heading_number", &l.heading_number),
                ("sub_label", &l.sub_label),
                ("paragraph_number", &l.paragraph_number),
                ("legend_entry.name", &l.legend_entry.name),
            ];
            for (field, t) in one {
                assert_eq!(holes(t), [""], "{lang:?} {field}: {}", t.as_str());
            }
            assert_eq!(holes(&l.date), ["day", "month", "year"], "{lang:?} date");
            assert_eq!(holes(&l.agenda_item), ["item", "mark", "of"], "{lang:?}");
            let line = [
                "changes",
                "code",
                "deletions",
                "insertions",
                "name",
                "notes",
            ];
            assert_eq!(holes(&l.legend_entry.line), line, "{lang:?} legend line");
            let e = &l.legend_entry;
            for forms in [&e.changes, &e.insertions, &e.deletions, &e.notes] {
                let all = [&forms.zero, &forms.one, &forms.two, &forms.few, &forms.many];
                for t in all.into_iter().flatten().chain([&forms.other]) {
                    // Arabic's dual may leave the number out (تعديلان).
                    assert!(holes(t).len() <= 1, "{lang:?}: {}", t.as_str());
                    assert!(t.holes().all(str::is_empty), "{lang:?}: {}", t.as_str());
                }
            }
            assert!(!l.verdict.accepts.is_empty() && !l.verdict.rejects.is_empty());
        }
    }

    #[test]
    fn a_template_fills_in_one_pass_and_refuses_unpaired_braces() {
        let t = Template::parse("{code}{name}: {notes}").unwrap();
        let filled = t.fill(&[("code", "X"), ("name", " ({notes})"), ("notes", "1 note")]);
        assert_eq!(filled, "X ({notes}): 1 note");
        assert_eq!(
            Template::parse("by {}").unwrap().with("Canada"),
            "by Canada"
        );
        assert!(Template::parse("Item {item").is_err());
        assert!(Template::parse("Item }").is_err());
        assert!(Template::parse("{a{b}}").is_err());
    }

    #[test]
    fn arabic_sets_its_text_larger_and_the_others_keep_the_house_sizes() {
        let house = HouseStyle::un();
        let ar = HouseStyle::for_language(Language::Ar);
        assert!(ar.body.font_size > house.body.font_size);
        assert!(ar.body.leading > house.body.leading);
        assert!(ar.footnote.font_size > house.footnote.font_size);
        assert!(ar.footnote.font_size < ar.body.font_size);
        assert!(ar.heading.chapter_size > ar.body.font_size);
        // What Arabic does not set stays the house's.
        assert_eq!(
            ar.page(Paper::A4).margin_top,
            house.page(Paper::A4).margin_top
        );
        assert_eq!(ar.body.indent, house.body.indent);
        for lang in [
            Language::En,
            Language::Fr,
            Language::Es,
            Language::Ru,
            Language::Zh,
        ] {
            assert!(
                std::ptr::eq(HouseStyle::for_language(lang), house),
                "{lang:?}"
            );
        }
    }

    /// Vienna's documents are set to a narrower measure than Geneva's
    /// (docs/un-layout.md, "Vienna's measure"; measured on English
    /// documents, taken by every language); the
    /// office's figures and the language's combine.
    #[test]
    fn the_job_numbers_office_chooses_its_measure() {
        use crate::model::DutyStation;
        let measure = |s: &HouseStyle| {
            let p = s.page(Paper::A4);
            p.width - p.margin_inner - p.margin_outer - s.body.indent - s.body.right_indent
        };
        let meta = |job: Option<&str>, language| Metadata {
            symbol: "CTOC/COP/2020/CRP.4".into(),
            date: Date {
                year: 2020,
                month: 10,
                day: 9,
            },
            language,
            distribution: None,
            original: None,
            languages_note: None,
            organ: None,
            session: None,
            venue: None,
            job: job.map(str::to_string),
            title: None,
            subtitle: None,
            paper: Paper::A4,
            point_label: String::new(),
            agenda: None,
            default_author: None,
            attributions: Default::default(),
            merged: Vec::new(),
            emblem: None,
        };
        let geneva = HouseStyle::of(&meta(Some("GE.19-13879"), Language::En));
        let vienna = HouseStyle::of(&meta(Some("V.20-05590"), Language::En));
        let bare = HouseStyle::of(&meta(None, Language::En));
        assert!((measure(geneva) - 368.6).abs() < 0.2, "{}", measure(geneva));
        assert!((measure(vienna) - 347.2).abs() < 0.2, "{}", measure(vienna));
        assert!(std::ptr::eq(bare, HouseStyle::un()));
        assert!(std::ptr::eq(geneva, HouseStyle::un()));
        let ar_vienna = HouseStyle::of(&meta(Some(" V.21-01235"), Language::Ar));
        assert_eq!(measure(ar_vienna), measure(vienna));
        assert_eq!(
            ar_vienna.body.font_size,
            HouseStyle::for_language(Language::Ar).body.font_size
        );
        assert_eq!(DutyStation::of_job("20-12345"), None);
        // Geneva's figures are the house's: an Arabic Geneva document keeps
        // its language's sizes.
        let ar = HouseStyle::for_language(Language::Ar);
        let ar_geneva = HouseStyle::of(&meta(Some("GE.21-01235"), Language::Ar));
        assert!(std::ptr::eq(ar_geneva, ar));
        assert!(ar.body.font_size > geneva.body.font_size);
    }

    /// A misspelt key in a language's or an office's table is an error,
    /// not a figure silently left at the house's (tables the template
    /// does not have yet, so that only the key can be refused).
    #[test]
    fn a_language_or_office_table_with_an_unknown_key_is_refused() {
        for table in ["languages.fr.body", "offices.geneva.body"] {
            let good = format!("{UN_TOML}\n[{table}]\nfont_size = 11.0\n");
            assert!(Styles::parse(&good).is_ok(), "{table}");
            let bad = format!("{UN_TOML}\n[{table}]\nfont_sise = 11.0\n");
            assert!(Styles::parse(&bad).is_err(), "{table}");
        }
    }

    #[test]
    fn numbers_by_language() {
        let en = Labels::get(Language::En);
        assert_eq!(en.heading_label(1, "IV"), "IV.");
        assert_eq!(en.heading_label(2, "C"), "C.");
        assert_eq!(en.subparagraph_label(1, "b"), "(b)");
        assert_eq!(Labels::get(Language::Fr).subparagraph_label(2, "ii"), "ii)");
        let ar = Labels::get(Language::Ar);
        assert_eq!(ar.heading_label(1, "II"), "ثانيا -");
        assert_eq!(ar.heading_label(2, "C"), "جيم -");
        assert_eq!(ar.subparagraph_label(1, "d"), "(د)");
        assert_eq!(ar.subparagraph_label(2, "iv"), "(iv)");
        assert_eq!(Labels::get(Language::Zh).heading_label(1, "III"), "三.");
        // Beyond the table, the source's number stays.
        assert_eq!(ar.heading_label(1, "XXX"), "XXX -");
        // Paragraph numbers: `12.`, Arabic `12 -`, and Word's level text.
        assert_eq!(en.paragraph_label(12), "12.");
        assert_eq!(en.paragraph_level_text(), "%1.");
        assert_eq!(ar.paragraph_label(12), "12 -");
        assert_eq!(ar.paragraph_level_text(), "%1 -");
        for lang in [Language::Fr, Language::Es, Language::Ru, Language::Zh] {
            assert_eq!(Labels::get(lang).paragraph_label(3), "3.", "{lang:?}");
        }
    }

    #[test]
    fn dates_by_language() {
        let d = Date {
            year: 2020,
            month: 10,
            day: 9,
        };
        assert_eq!(Labels::get(Language::En).date(d), "9 October 2020");
        assert_eq!(Labels::get(Language::Es).date(d), "9 de octubre de 2020");
        let first = Date {
            year: 2018,
            month: 11,
            day: 1,
        };
        assert_eq!(Labels::get(Language::Fr).date(first), "1er novembre 2018");
    }
}
