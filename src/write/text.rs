//! The plain-text writer (`--to md`): the document in the convention of
//! compiled comments documents: deletions `~~struck~~`, insertions as plain
//! text, the proposing State in parentheses right after its change group,
//! `(US: reason)` where it gave one, several attributions joined by `; `.

use crate::house::style::{masthead_right_column, Labels};
use crate::model::*;
use crate::present::{self, Glue};

/// Render a document (any view) as text.
pub fn write(doc: &Document) -> String {
    let mut w = Writer {
        doc,
        out: String::new(),
    };
    w.masthead();
    w.blocks(&doc.blocks, "");
    w.footnotes();
    w.out
}

struct Writer<'a> {
    doc: &'a Document,
    out: String,
}

impl Writer<'_> {
    fn para(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn masthead(&mut self) {
        let meta = &self.doc.meta;
        let labels = Labels::get(meta.language);
        self.para(&format!("{} — {}", labels.united_nations, meta.symbol));
        if let Some(organ) = &meta.organ {
            self.para(&format!("**{organ}**"));
        }
        let right = masthead_right_column(meta);
        for chunk in right.split(|l| l.is_empty()) {
            self.para(&chunk.join("  \n"));
        }
        let mut info = Vec::new();
        if let Some(s) = &meta.session {
            info.push(format!("**{s}**"));
        }
        if let Some(v) = &meta.venue {
            info.push(format!("**{v}**"));
        }
        if let Some(a) = &meta.agenda {
            if let Some(line) = present::agenda_line(meta) {
                info.push(line.with_mark("\\*"));
            }
            if let Some(t) = &a.title {
                info.push(format!("**{t}**"));
            }
        }
        if !info.is_empty() {
            self.para(&info.join("  \n"));
        }
        if let Some(t) = &meta.title {
            self.para(&format!("**{t}**"));
        }
        if let Some(s) = &meta.subtitle {
            self.para(&format!("**{s}**"));
        }
    }

    fn blocks(&mut self, blocks: &[Block], prefix: &str) {
        for block in blocks {
            match block {
                Block::Heading(h) => {
                    let hashes = "#".repeat(h.level as usize);
                    let number = present::heading_number(self.doc.meta.language, h)
                        .map(|n| format!("{n} "))
                        .unwrap_or_default();
                    let text = self.inlines(&h.content);
                    self.para(&format!("{prefix}{hashes} {number}{text}"));
                }
                Block::Paragraph(p) => {
                    let label = present::paragraph_label(self.doc.meta.language, &p.kind)
                        .map(|l| format!("{l} "))
                        .unwrap_or_default();
                    // A list's deeper levels four spaces further in each.
                    let indent = match &p.kind {
                        ParagraphKind::List(item) => {
                            "    ".repeat(usize::from(item.level.saturating_sub(1)))
                        }
                        _ => String::new(),
                    };
                    let text = self.inlines(&p.content);
                    self.para(&format!("{prefix}{indent}{label}{text}"));
                }
                Block::Point(p) => {
                    let heading = present::point_heading(&self.doc.meta, p.number);
                    self.para(&format!("{prefix}*{heading}*"));
                    self.blocks(&p.blocks, prefix);
                }
                Block::Statement(b) => self.blocks(b, prefix),
                Block::Quote(b) => {
                    let inner = format!("{prefix}> ");
                    self.blocks(b, &inner);
                }
                Block::Table(t) if !t.is_pipe() => {
                    let text = self.grid_table(t, prefix);
                    self.para(text.trim_end_matches('\n'));
                }
                Block::Table(t) => {
                    let mut lines = Vec::new();
                    let row = |w: &Self, cells: &[Cell]| {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|c| w.inlines(&c.paragraphs[0].content).replace('|', "\\|"))
                            .collect();
                        format!("{prefix}| {} |", cells.join(" | "))
                    };
                    lines.push(row(self, &t.header));
                    let delims: Vec<&str> = t
                        .align
                        .iter()
                        .map(|a| match a {
                            Align::Default => "---",
                            Align::Left => ":---",
                            Align::Center => ":---:",
                            Align::Right => "---:",
                        })
                        .collect();
                    lines.push(format!("{prefix}| {} |", delims.join(" | ")));
                    for r in &t.rows {
                        lines.push(row(self, r));
                    }
                    self.para(&lines.join("\n"));
                }
            }
        }
    }

    /// A table with cells of several paragraphs or spans, as the source
    /// writes it: a grid table.
    fn grid_table(&self, t: &Table, prefix: &str) -> String {
        crate::grid::write_table_by_paragraph(t, prefix, &mut |p| self.inlines(p))
    }

    fn footnotes(&mut self) {
        let agenda = self
            .doc
            .meta
            .agenda
            .as_ref()
            .and_then(|a| Labels::get(self.doc.meta.language).agenda_note(a));
        if agenda.is_none() && self.doc.footnotes.is_empty() {
            return;
        }
        self.para("---");
        if let Some(text) = agenda {
            self.para(&format!("\\* {text}"));
        }
        for f in &self.doc.footnotes {
            let text = self.inlines(&f.content);
            let mark = match &f.mark {
                FootnoteMark::Number(n) => format!("[^{n}]:"),
                FootnoteMark::Symbol(s) => s.replace('*', "\\*"),
            };
            self.para(&format!("{mark} {text}"));
        }
    }

    /// One paragraph's inlines as a line of text.
    fn inlines(&self, inlines: &[Inline]) -> String {
        let mut line = Line::new(self.doc.meta.language);
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    let text = emphasis(&escape(&run.text), run.style);
                    line.text(&text, run.rev);
                }
                Inline::FootnoteRef { note, rev } => {
                    let mark = match &self.doc.footnote(*note).mark {
                        FootnoteMark::Number(n) => format!("[^{n}]"),
                        FootnoteMark::Symbol(s) => s.replace('*', "\\*"),
                    };
                    line.text(&mark, *rev);
                }
                Inline::GroupEnd(g) => {
                    line.aside(&present::group_attribution(self.doc, *g, Glue::Space));
                }
                Inline::StandingNote(n) | Inline::SpanEnd(n) => {
                    let note = self.doc.note(*n);
                    line.aside(&present::attribution(
                        self.doc,
                        note.author,
                        Some(*n),
                        Glue::Space,
                    ));
                }
                Inline::GroupStart(_) | Inline::SpanStart(_) => {}
            }
        }
        line.finish()
    }
}

/// Builds one line, opening and closing `~~` around deleted stretches with
/// the spaces at their edges kept outside the markers. Each change's
/// deleted text is struck on its own, so nested changes stay apart.
struct Line {
    language: Language,
    out: String,
    /// The deleted stretch being collected, and the revision it has.
    struck: Option<(String, Rev)>,
    /// A deletion just closed: text right after it gets a separating space.
    after_struck: bool,
    /// An attribution was just printed: a word right after it gets a space.
    after_aside: bool,
}

impl Line {
    fn new(language: Language) -> Line {
        Line {
            language,
            out: String::new(),
            struck: None,
            after_struck: false,
            after_aside: false,
        }
    }

    fn text(&mut self, text: &str, rev: Rev) {
        if std::mem::take(&mut self.after_aside)
            && present::space_after_attribution(self.language, text.chars().next())
        {
            self.out.push(' ');
        }
        if rev.del.is_some() {
            if let Some((s, r)) = &mut self.struck {
                if *r == rev {
                    s.push_str(text);
                    return;
                }
                self.close();
            }
            if needs_space(&self.out, text) {
                self.out.push(' ');
            }
            self.struck = Some((text.to_string(), rev));
        } else {
            self.close();
            if self.after_struck && needs_space(&self.out, text) {
                self.out.push(' ');
            }
            self.after_struck = false;
            self.out.push_str(text);
        }
    }

    /// ` (US: reason)` after a group or for a note (`present` brackets
    /// it and says where spaces go around it).
    fn aside(&mut self, text: &str) {
        self.close();
        self.after_struck = false;
        if present::space_before_attribution(self.language, self.out.chars().next_back()) {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.after_aside = true;
    }

    fn close(&mut self) {
        if let Some((s, _)) = self.struck.take() {
            let trimmed = s.trim();
            let lead = &s[..s.len() - s.trim_start().len()];
            let trail = &s[s.trim_end().len()..];
            self.out.push_str(lead);
            if !trimmed.is_empty() {
                self.out.push_str("~~");
                self.out.push_str(trimmed);
                self.out.push_str("~~");
            }
            self.out.push_str(trail);
            self.after_struck = trail.is_empty();
        }
    }

    fn finish(mut self) -> String {
        self.close();
        self.out.trim_end().to_string()
    }
}

fn needs_space(before: &str, next: &str) -> bool {
    present::separates(before.chars().next_back(), next.chars().next())
}

fn escape(text: &str) -> String {
    text.replace('*', "\\*").replace(LINE_BREAK, "\n")
}

/// `*italic*`, `**bold**`, with spaces at the edges kept outside the markers.
fn emphasis(text: &str, style: Style) -> String {
    if !style.italic && !style.bold {
        return text.to_string();
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return text.to_string();
    }
    let mark = match (style.bold, style.italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{mark}{trimmed}{mark}{trail}")
}
