//! Pandoc's Markdown (`--to pandoc`): the document with each change as a
//! pandoc `.insertion`/`.deletion` span carrying its author and date, and
//! each reason or note as a pandoc comment, so that pandoc can carry the
//! revisions on to its own formats (pandoc writes such spans to DOCX as
//! tracked changes). Also the input of the side-by-side benchmark against
//! pandoc (`scripts/bench-peers.sh`).

use crate::house::style::{masthead_right_column, Labels};
use crate::model::*;
use crate::present;
use std::fmt::Write;

/// Render a document (any view) as pandoc Markdown.
pub fn write(doc: &Document) -> String {
    let mut w = Writer {
        doc,
        out: String::new(),
        comment: 0,
        list_columns: Vec::new(),
    };
    let meta = &doc.meta;
    w.out.push_str("---\n");
    if let Some(title) = &meta.title {
        let _ = writeln!(w.out, "title: {}", yaml(title));
    }
    if let Some(subtitle) = &meta.subtitle {
        let _ = writeln!(w.out, "subtitle: {}", yaml(subtitle));
    }
    let _ = writeln!(w.out, "subject: {}", yaml(&meta.symbol));
    let _ = writeln!(
        w.out,
        "date: {}",
        yaml(&Labels::get(meta.language).date(meta.date))
    );
    let _ = writeln!(w.out, "lang: {}", meta.language.code());
    w.out.push_str("---\n\n");
    let right = masthead_right_column(meta);
    let _ = writeln!(
        w.out,
        "{}\\\n{}\n",
        escape(&meta.symbol),
        escape(&right.join(" "))
    );
    if let Some(agenda) = &meta.agenda {
        // The `*` mark; its note (the agenda's symbol) ends the document,
        // as in the plain-text writer.
        let line = Labels::get(meta.language).agenda_line(agenda);
        let _ = writeln!(
            w.out,
            "{}{}{}\n",
            escape(&line.before),
            if line.note.is_some() { "\\*" } else { "" },
            escape(&line.after)
        );
    }
    w.blocks(&doc.blocks);
    for (i, f) in doc.footnotes.iter().enumerate() {
        let text = w.inlines(&f.content);
        let _ = writeln!(w.out, "[^n{}]: {text}\n", i + 1);
    }
    if let Some(note) = meta
        .agenda
        .as_ref()
        .and_then(|a| Labels::get(meta.language).agenda_note(a))
    {
        let _ = writeln!(w.out, "\\* {}\n", escape(&note));
    }
    w.out
}

struct Writer<'a> {
    doc: &'a Document,
    out: String,
    comment: usize,
    /// The column each open list level's text starts at: a deeper item
    /// is indented to its parent's text, as pandoc nests lists.
    list_columns: Vec<usize>,
}

impl Writer<'_> {
    /// A list item as pandoc's Markdown reads one (`fancy_lists`,
    /// `startnum`): `-`, `a)`, `(A)`, `iv.`, an upper-case letter with a
    /// full stop followed by two spaces.
    fn list_item(&mut self, item: &ListItem, text: &str) {
        let level = usize::from(item.level);
        self.list_columns.truncate(level - 1);
        let indent = self.list_columns.last().copied().unwrap_or(0);
        self.list_columns.resize(level - 1, indent);
        let (marker, gap) = match item.label {
            ListLabel::Bullet(_) => ("-".to_string(), " "),
            ListLabel::Number {
                style: NumberStyle::UpperLetter | NumberStyle::UpperRoman,
                form: LabelForm::Period,
                ..
            } => (item.label_text(), "  "),
            ListLabel::Number { .. } => (item.label_text(), " "),
        };
        let column = indent + marker.chars().count() + gap.len();
        self.list_columns.push(column);
        let pad = " ".repeat(indent);
        let body = text.replace('\n', &format!("\n{}", " ".repeat(column)));
        let _ = writeln!(self.out, "{pad}{marker}{gap}{body}\n");
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            if !matches!(block, Block::Paragraph(_)) {
                self.list_columns.clear();
            }
            match block {
                Block::Heading(h) => {
                    let number = present::heading_number(self.doc.meta.language, h)
                        .map(|n| format!("{} ", escape(&n)))
                        .unwrap_or_default();
                    let text = self.inlines(&h.content);
                    let hashes = "#".repeat(h.level as usize);
                    let _ = writeln!(self.out, "{hashes} {number}{text} {{-}}\n");
                }
                Block::Paragraph(p) => {
                    let text = self.inlines(&p.content);
                    if let ParagraphKind::List(item) = &p.kind {
                        self.list_item(item, &text);
                        continue;
                    }
                    self.list_columns.clear();
                    let label = present::paragraph_label(self.doc.meta.language, &p.kind)
                        .map(|l| format!("{} ", escape_label(&l)))
                        .unwrap_or_default();
                    let _ = writeln!(self.out, "{label}{text}\n");
                }
                Block::Point(p) => {
                    let _ = writeln!(
                        self.out,
                        "::: {{.point}}\n*{}*\n",
                        escape(&present::point_heading(&self.doc.meta, p.number))
                    );
                    self.blocks(&p.blocks);
                    self.out.push_str(":::\n\n");
                }
                Block::Statement(b) => {
                    self.out.push_str("::: {.statement}\n");
                    self.blocks(b);
                    self.out.push_str(":::\n\n");
                }
                Block::Quote(b) => {
                    let mut inner = Writer {
                        doc: self.doc,
                        out: String::new(),
                        comment: self.comment,
                        list_columns: Vec::new(),
                    };
                    inner.blocks(b);
                    self.comment = inner.comment;
                    for line in inner.out.lines() {
                        let _ = writeln!(self.out, "> {line}");
                    }
                    self.out.push('\n');
                }
                Block::Table(t) if !t.is_pipe() => self.grid_table(t),
                Block::Table(t) => {
                    let row = |w: &mut Self, cells: &[Cell]| {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|c| w.inlines(&c.paragraphs[0].content).replace('|', "\\|"))
                            .collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    let head = row(self, &t.header);
                    self.out.push_str(&head);
                    let _ = writeln!(self.out, "|{}", " --- |".repeat(t.align.len()));
                    for r in &t.rows {
                        let line = row(self, r);
                        self.out.push_str(&line);
                    }
                    self.out.push('\n');
                }
            }
        }
    }

    /// A table with cells of several paragraphs or spans: pandoc's grid
    /// table (pandoc reads a cell's paragraphs from 2.x, its spans from
    /// 3.0).
    fn grid_table(&mut self, t: &Table) {
        let text = crate::grid::write_table_by_paragraph(t, "", &mut |p| self.inlines(p));
        self.out.push_str(&text);
        self.out.push('\n');
    }

    fn span(&self, class: &str, change: ChangeId, text: String) -> String {
        let author = self.doc.author(self.doc.change(change).author);
        format!(
            "[{text}]{{.{class} author=\"{}\" date=\"{}\"}}",
            attr(&author.name),
            author.date
        )
    }

    fn comment(&mut self, author: AuthorId, text: &str) -> String {
        self.comment += 1;
        let a = self.doc.author(author);
        let id = self.comment;
        format!(
            "[{}]{{.comment-start id=\"{id}\" author=\"{}\" date=\"{}\"}}[]{{.comment-end id=\"{id}\"}}",
            escape(text),
            attr(&a.name),
            a.date
        )
    }

    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(run) => {
                    let mut text = escape(&run.text);
                    if run.style.bold && !text.trim().is_empty() {
                        text = format!("**{text}**");
                    }
                    if run.style.italic && !text.trim().is_empty() {
                        text = format!("*{text}*");
                    }
                    if let Some(c) = run.rev.ins {
                        text = self.span("insertion", c, text);
                    }
                    if let Some(c) = run.rev.del {
                        text = self.span("deletion", c, text);
                    }
                    out.push_str(&text);
                }
                Inline::FootnoteRef { note, .. } => {
                    let _ = write!(out, "[^n{}]", note.0 + 1);
                }
                Inline::GroupEnd(g) => {
                    for c in present::group_comments(self.doc, *g) {
                        let c = self.comment(c.author, &c.text);
                        out.push_str(&c);
                    }
                }
                Inline::StandingNote(n) | Inline::SpanEnd(n) => {
                    let note = self.doc.note(*n);
                    let text = present::named_comment(self.doc, note.author, &note.text);
                    let c = self.comment(note.author, &text);
                    out.push_str(&c);
                }
                Inline::GroupStart(_) | Inline::SpanStart(_) => {}
            }
        }
        out
    }
}

/// Escape what pandoc's Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == crate::model::LINE_BREAK {
            // pandoc's hard line break.
            out.push_str("\\\n");
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '~' | '^' | '$' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph label that pandoc must not read as a list marker:
/// `12\.`, `\(a\)`, `a\)`.
fn escape_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len() + 4);
    for c in label.chars() {
        if matches!(c, '.' | '(' | ')') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn attr(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn yaml(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
