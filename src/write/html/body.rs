//! The document's blocks and footnotes as the page's markup.
//!
//! Every change is an `<ins>` or `<del>` of its own, nested as the
//! changes are (`data-c` names it); the attribution after a group is a
//! span per State (`data-a`), and the spaces the text writer puts between
//! struck text and its neighbours (`present::separates`) are spans
//! (`gap`) that the script hides when the deletion is not shown struck. A
//! space that ends a run before a change (`sp`) is a span too: a view that
//! removes what follows it and leaves punctuation drops it, as
//! `view::apply` does.

use super::markup::esc;
use super::words::Words;
use crate::house::style::Labels;
use crate::model::*;
use crate::present::{self, Glue};
use std::collections::BTreeSet;

pub struct Body<'a> {
    doc: &'a Document,
    pub out: String,
    /// The change elements open, outermost first.
    stack: Vec<ChangeId>,
    /// Groups whose attribution the page prints (what a change's
    /// `aria-describedby` may name).
    printed: Vec<bool>,
    /// The last character written (every change shown), as the text
    /// writer's line has it.
    last: Option<char>,
    /// The deleted stretch being written, by its revision.
    struck: Option<Rev>,
    /// The revision of the block's last text run.
    prev_rev: Option<Rev>,
    /// How many times each footnote has been referred to.
    refs: Vec<u32>,
    /// The level of the last heading's element (`h2` for a chapter).
    heading: u8,
    /// Inside a statement or a quote: paragraphs there are not renumbered.
    depth: usize,
    /// The open lists' opening tags, one per level ([`list_tag`]).
    lists: Vec<String>,
    ids: BTreeSet<String>,
    chapter: String,
}

impl<'a> Body<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut printed = vec![false; doc.groups.len()];
        let mut mark = |inlines: &[Inline]| {
            for inline in inlines {
                if let Inline::GroupEnd(g) = inline {
                    printed[g.0] = true;
                }
            }
        };
        crate::model::walk::walk_inlines(&doc.blocks, &mut mark, &mut |_| {});
        for f in &doc.footnotes {
            mark(&f.content);
        }
        Body {
            doc,
            out: String::new(),
            stack: Vec::new(),
            printed,
            last: None,
            struck: None,
            prev_rev: None,
            refs: vec![0; doc.footnotes.len()],
            heading: 1,
            depth: 0,
            lists: Vec::new(),
            ids: BTreeSet::new(),
            chapter: String::new(),
        }
    }

    fn language(&self) -> Language {
        self.doc.meta.language
    }

    /// `id`, or `id-2`, `id-3`… if taken: ids stay unique whatever the
    /// source numbers.
    fn id(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 1;
        while self.ids.contains(&candidate) {
            n += 1;
            candidate = format!("{id}-{n}");
        }
        self.ids.insert(candidate.clone());
        candidate
    }

    /// ` data-m="C"`: the change a block's break belongs to.
    fn mark_attr(&self, mark: Rev) -> String {
        self.doc
            .innermost(mark)
            .map(|c| format!(" data-m=\"{}\"", c.0))
            .unwrap_or_default()
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    match &p.kind {
                        ParagraphKind::List(item) => self.open_item(item),
                        _ => self.close_lists(0),
                    }
                    self.paragraph(p);
                    continue;
                }
                _ => self.close_lists(0),
            }
            match block {
                Block::Heading(h) => self.heading(h),
                Block::Paragraph(p) => self.paragraph(p),
                Block::Point(p) => {
                    let level = (self.heading + 1).min(6);
                    let id = self.id(format!("point-{}", p.number));
                    self.out.push_str(&format!(
                        "<section class=\"point bl\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n\
                         <h{level} class=\"ph\" id=\"{id}-h\">{}</h{level}>\n",
                        esc(&present::point_heading(&self.doc.meta, p.number))
                    ));
                    self.blocks(&p.blocks);
                    self.out.push_str("</section>\n");
                }
                Block::Statement(b) => {
                    self.depth += 1;
                    self.out.push_str("<div class=\"statement bl\">\n");
                    self.blocks(b);
                    self.out.push_str("</div>\n");
                    self.depth -= 1;
                }
                Block::Quote(b) => {
                    self.depth += 1;
                    self.out.push_str("<blockquote class=\"bl\">\n");
                    self.blocks(b);
                    self.out.push_str("</blockquote>\n");
                    self.depth -= 1;
                }
                Block::Table(t) => self.table(t),
            }
        }
        self.close_lists(0);
    }

    /// Opens the `<li>` of a list item, in an `<ol type>` or `<ul>` of
    /// its level: the lists of deeper levels close, a list of another
    /// kind at this level closes, an item of this level closes.
    fn open_item(&mut self, item: &ListItem) {
        let level = usize::from(item.level);
        self.close_lists(level);
        let tag = list_tag(item);
        if self.lists.len() == level && self.lists[level - 1] != tag {
            self.close_lists(level - 1);
        }
        if self.lists.len() == level {
            self.out.push_str("</li>\n");
        }
        while self.lists.len() < level {
            let deeper = self.lists.len() + 1 < level;
            let open = if deeper {
                "<ul class=\"lst\">".to_string()
            } else {
                tag.clone()
            };
            self.out.push_str(&open);
            self.out.push('\n');
            self.lists.push(if deeper {
                "<ul class=\"lst\">".into()
            } else {
                tag.clone()
            });
            if deeper {
                self.out.push_str("<li class=\"lsk\">\n");
            }
        }
        match item.label {
            ListLabel::Number { number, .. } => {
                self.out.push_str(&format!("<li value=\"{number}\">\n"))
            }
            ListLabel::Bullet(_) => self.out.push_str("<li>\n"),
        }
    }

    /// Closes the open lists deeper than `level` (0: all).
    fn close_lists(&mut self, level: usize) {
        while self.lists.len() > level {
            let tag = self.lists.pop().expect("checked");
            let end = if tag.starts_with("<ul") {
                "</ul>"
            } else {
                "</ol>"
            };
            self.out.push_str("</li>\n");
            self.out.push_str(end);
            self.out.push('\n');
        }
    }

    fn heading(&mut self, h: &Heading) {
        // One level deeper than the heading before at most: a source that
        // goes from `#` to `###` (the example's States) gets `h2`, `h3`.
        let level = (h.level + 1).min(self.heading + 1).min(6);
        self.heading = level;
        let id = match (&h.number, h.level) {
            (Some(n), 1) => {
                self.chapter = n.clone();
                format!("chapter-{n}")
            }
            (Some(n), _) if self.chapter.is_empty() => format!("section-{n}"),
            (Some(n), _) => format!("section-{}-{n}", self.chapter),
            (None, _) => "heading".to_string(),
        };
        let id = self.id(id);
        let number = present::heading_number(self.language(), h)
            .map(|n| format!("<span class=\"n\">{}</span> ", esc(&n)))
            .unwrap_or_default();
        let mark = self.mark_attr(h.mark);
        let content = self.inlines(&h.content);
        self.out.push_str(&format!(
            "<h{level} class=\"h\" id=\"{id}\"{mark}>{number}{content}</h{level}>\n"
        ));
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let language = self.language();
        let (class, id) = match &p.kind {
            ParagraphKind::Plain => ("p".to_string(), None),
            ParagraphKind::Numbered(n) => ("p num".to_string(), Some(format!("para-{n}"))),
            ParagraphKind::Sub { level, .. } => (format!("p sub sub{level}"), None),
            ParagraphKind::ListItem(_) => ("p item".to_string(), None),
            ParagraphKind::List(_) => ("p li".to_string(), None),
        };
        let mut attrs = String::new();
        if let Some(id) = id {
            let id = self.id(id);
            attrs.push_str(&format!(" id=\"{id}\""));
        }
        if let (ParagraphKind::Numbered(n), 0) = (&p.kind, self.depth) {
            attrs.push_str(&format!(" data-k=\"{n}\""));
        }
        attrs.push_str(&self.mark_attr(p.mark));
        if may_empty(&p.content) {
            attrs.push_str(" data-e=\"\"");
        }
        // The space after a hanging label is there for the text's words
        // (`1. The`), not for the eye: the label's box makes the gap.
        let label = present::paragraph_label(language, &p.kind)
            .map(|l| {
                format!(
                    "<span class=\"n\">{}</span><span class=\"ls\"> </span>",
                    esc(&l)
                )
            })
            .unwrap_or_default();
        let content = self.inlines(&p.content);
        self.out.push_str(&format!(
            "<p class=\"{class}\"{attrs}>{label}{content}</p>\n"
        ));
    }

    fn table(&mut self, t: &Table) {
        self.close_lists(0);
        let words = Words::get(self.language());
        self.out.push_str(&format!(
            "<div class=\"tw\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table>\n",
            esc(&words.table)
        ));
        let align = |i: usize| match t.align.get(i) {
            Some(Align::Left) => " class=\"al\"",
            Some(Align::Center) => " class=\"ac\"",
            Some(Align::Right) => " class=\"ar\"",
            _ => "",
        };
        let placed = t.placed();
        // A header cell spanning into the body rows cannot stand in a
        // `thead`: the header row then opens the body.
        let head_apart = t.header.iter().all(|c| c.rowspan <= 1);
        self.out.push_str(if head_apart {
            "<thead><tr>"
        } else {
            "<tbody>\n<tr>"
        });
        for (i, cell) in placed.first().into_iter().flatten() {
            let content = self.cell(cell);
            let spans = spans(cell);
            self.out.push_str(&format!(
                "<th scope=\"col\"{spans}{}>{content}</th>",
                align(*i)
            ));
        }
        self.out.push_str(if head_apart {
            "</tr></thead>\n<tbody>\n"
        } else {
            "</tr>\n"
        });
        for row in placed.iter().skip(1) {
            self.out.push_str("<tr>");
            for (i, cell) in row {
                let content = self.cell(cell);
                let spans = spans(cell);
                self.out
                    .push_str(&format!("<td{spans}{}>{content}</td>", align(*i)));
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n");
    }

    /// A cell's text: one paragraph as it is, several each in a `<p>`.
    fn cell(&mut self, cell: &Cell) -> String {
        if let [only] = cell.paragraphs.as_slice() {
            return self.inlines(&only.content);
        }
        let mut out = String::new();
        for p in &cell.paragraphs {
            out.push_str("<p>");
            out.push_str(&self.inlines(&p.content));
            out.push_str("</p>");
        }
        out
    }

    /// The footnotes section: the agenda's `*` note, then each footnote
    /// with its mark linking back to its first reference.
    pub fn footnotes(&mut self, words: &Words) -> String {
        let meta = &self.doc.meta;
        let agenda = meta
            .agenda
            .as_ref()
            .and_then(|a| Labels::get(meta.language).agenda_note(a));
        if agenda.is_none() && self.doc.footnotes.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "<section class=\"footnotes\" aria-label=\"{}\">\n<hr>\n<ul>\n",
            esc(&words.footnotes)
        );
        let back = esc(&words.back);
        if let Some(text) = agenda {
            out.push_str(&format!(
                "<li id=\"fn-agenda\"><a class=\"fm\" href=\"#fnref-agenda\" title=\"{back}\">*</a><span class=\"ls\"> </span>{}</li>\n",
                esc(&text)
            ));
        }
        for (i, f) in self.doc.footnotes.iter().enumerate() {
            let content = self.inlines(&f.content);
            out.push_str(&format!(
                "<li id=\"fn-{n}\" data-f=\"{i}\"><a class=\"fm\" href=\"#fnref-{n}\" title=\"{back}\">{}</a><span class=\"ls\"> </span>{content}</li>\n",
                esc(&f.mark.to_string()),
                n = i + 1,
            ));
        }
        out.push_str("</ul>\n</section>\n");
        out
    }

    /// One block's inlines; the change elements are all closed at its end.
    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let before = std::mem::take(&mut self.out);
        self.last = None;
        self.struck = None;
        self.prev_rev = None;
        let spaced = present::attribution_spaced(self.language());
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text(run) => {
                    let plain_next =
                        matches!(inlines.get(i + 1), Some(Inline::Text(r)) if r.rev.is_none());
                    self.text(run, !plain_next);
                }
                Inline::FootnoteRef { note, rev } => self.footnote_ref(*note, *rev),
                Inline::GroupEnd(g) => {
                    self.attribution(*g, spaced);
                    self.space_after_aside(next_char(&inlines[i + 1..]));
                }
                Inline::StandingNote(n) | Inline::SpanEnd(n) => {
                    let standing = matches!(inline, Inline::StandingNote(_));
                    self.note(*n, standing, spaced);
                    self.space_after_aside(next_char(&inlines[i + 1..]));
                }
                Inline::GroupStart(_) | Inline::SpanStart(_) => {}
            }
        }
        self.close_to(0);
        std::mem::replace(&mut self.out, before)
    }

    /// The space after an attribution or a note (`as`), inside it so that
    /// it goes with it: as `present::space_after_attribution` has it for
    /// the text that follows with every change shown (empty where that
    /// text starts with punctuation); the script sets it again for the
    /// text that follows in each view, by the same rule (`data.attach`).
    fn space_after_aside(&mut self, next: Option<char>) {
        if !present::attribution_spaced(self.language()) {
            return;
        }
        // Back inside the attribution's (or the note's) element.
        let closed = self.out.len() - "</span>".len();
        debug_assert!(self.out.ends_with("</span>"));
        let space = if present::space_after_attribution(self.language(), next) {
            " "
        } else {
            ""
        };
        self.out
            .insert_str(closed, &format!("<span class=\"as\">{space}</span>"));
    }

    /// Close the change elements open beyond the first `keep`.
    fn close_to(&mut self, keep: usize) {
        while self.stack.len() > keep {
            let c = self.stack.pop().expect("longer than keep");
            self.out.push_str(match self.doc.change(c).kind {
                ChangeKind::Insertion => "</ins>",
                ChangeKind::Deletion => "</del>",
            });
        }
    }

    /// Open and close change elements so that `chain` (outermost first)
    /// is open, writing `gap` between the closing and the opening.
    fn sync(&mut self, chain: &[ChangeId], gap: Option<Vec<ChangeId>>) {
        let common = self
            .stack
            .iter()
            .zip(chain)
            .take_while(|(a, b)| a == b)
            .count();
        self.close_to(common);
        if let Some(dels) = gap {
            let ids: Vec<String> = dels.iter().map(|c| c.0.to_string()).collect();
            self.out.push_str(&format!(
                "<span class=\"gap\" data-d=\"{}\"> </span>",
                ids.join(" ")
            ));
        }
        for &c in &chain[common..] {
            let change = self.doc.change(c);
            let tag = match change.kind {
                ChangeKind::Insertion => "ins",
                ChangeKind::Deletion => "del",
            };
            let described = if self.printed[change.group.0] {
                format!(" aria-describedby=\"g-{}\"", change.group.0)
            } else {
                String::new()
            };
            self.out.push_str(&format!(
                "<{tag} class=\"s{}\" data-c=\"{}\"{described}>",
                change.author.0, c.0
            ));
            self.stack.push(c);
        }
    }

    /// The space the text writer puts before text with revision `rev`
    /// starting with `first`, if any: between struck text and what
    /// follows or precedes it (`present::separates`), keyed by the
    /// deletions on either side.
    fn gap_before(&mut self, rev: Rev, first: Option<char>) -> Option<Vec<ChangeId>> {
        let closed = match self.struck {
            Some(r) if rev.del.is_some() && r == rev => return None,
            Some(r) => {
                self.struck = None;
                // A stretch that ended with a space needs none.
                r.del
                    .filter(|_| self.last.is_some_and(|c| !c.is_whitespace()))
            }
            None => None,
        };
        let mut dels: Vec<ChangeId> = Vec::new();
        if let Some(d) = rev.del {
            self.struck = Some(rev);
            dels.extend(closed);
            dels.push(d);
        } else {
            dels.extend(closed);
        }
        if dels.is_empty() || !present::separates(self.last, first) {
            return None;
        }
        Some(dels)
    }

    fn text(&mut self, run: &Run, split_space: bool) {
        let chain = self.doc.change_chain(run.rev);
        let gap = self.gap_before(run.rev, run.text.chars().next());
        self.sync(&chain, gap);
        // Where two change groups' words may touch once a view removes
        // what stands between them (`manually` `in person` accepted), a
        // space the script fills when the text before is another group's
        // (`pg`, view.rs's parting of groups).
        let parts = self
            .prev_rev
            .is_some_and(|p| p != run.rev && self.doc.innermost(p).is_some())
            && self.doc.innermost(run.rev).is_some()
            && present::separates(Some('a'), run.text.chars().next());
        if let Some(c) = self.doc.innermost(run.rev).filter(|_| parts) {
            self.out.push_str(&format!(
                "<span class=\"pg\" data-g=\"{}\"></span>",
                self.doc.change(c).group.0
            ));
        }
        self.prev_rev = Some(run.rev);
        let (body, trail) = if split_space && run.text.ends_with(' ') {
            (run.text.trim_end_matches(' '), true)
        } else {
            (run.text.as_str(), false)
        };
        let (open, close) = match (run.style.bold, run.style.italic) {
            (true, true) => ("<strong><em>", "</em></strong>"),
            (true, false) => ("<strong>", "</strong>"),
            (false, true) => ("<em>", "</em>"),
            (false, false) => ("", ""),
        };
        if !body.is_empty() {
            self.out.push_str(open);
            self.out
                .push_str(&esc(body).replace(crate::model::LINE_BREAK, "<br>"));
            self.out.push_str(close);
        }
        if trail {
            self.out.push_str("<span class=\"sp\"> </span>");
        }
        if let Some(c) = run.text.chars().next_back() {
            self.last = Some(c);
        }
    }

    fn footnote_ref(&mut self, note: FootnoteId, rev: Rev) {
        let chain = self.doc.change_chain(rev);
        // The text writer's `[^1]`: a bracket for the spacing rule.
        let gap = self.gap_before(rev, Some('['));
        self.sync(&chain, gap);
        self.refs[note.0] += 1;
        let n = note.0 + 1;
        let id = match self.refs[note.0] {
            1 => format!("fnref-{n}"),
            k => format!("fnref-{n}-{k}"),
        };
        self.out.push_str(&format!(
            "<a class=\"fr\" id=\"{id}\" href=\"#fn-{n}\" data-f=\"{}\"><sup>{}</sup></a>",
            note.0,
            esc(&self.doc.footnote(note).mark.to_string())
        ));
        self.last = Some(']');
    }

    /// An attribution or a note ends a struck stretch, as the text
    /// writer's `aside` does.
    fn aside(&mut self, text: &str) {
        self.struck = None;
        if let Some(c) = text.chars().next_back() {
            self.last = Some(c);
        }
    }

    /// The attribution after a change group: a span per State, so that a
    /// view of some States shows theirs only. It stands inside the
    /// changes that enclose the group, not inside the group's own.
    fn attribution(&mut self, g: GroupId, spaced: bool) {
        let group = self.doc.group(g);
        if let Some(&last) = group.changes.last() {
            let mut outer: Vec<ChangeId> = self.doc.enclosing(last).skip(1).collect();
            outer.reverse();
            let common = self
                .stack
                .iter()
                .zip(&outer)
                .take_while(|(a, b)| a == b)
                .count();
            self.close_to(common);
        }
        let marks = &Labels::get(self.language()).attribution;
        let mut html = format!("<span class=\"at\" id=\"g-{}\" data-g=\"{}\">", g.0, g.0);
        let mut plain = String::new();
        // The space before (`present::space_before_attribution`): one
        // wherever the language spaces attributions; where the text before
        // ends with a space (`and insurance (KE)`), or nothing precedes it
        // in a view, the browser folds it away, so that every view has the
        // rule's space without the script weighing it.
        if spaced {
            html.push(' ');
        }
        html.push_str(&esc(&marks.open));
        // Between two remarks shown as notes (a State's view of a change
        // it only remarked on): one note closes and the next opens, as
        // the other writers print two notes.
        let notes_between = format!(
            "{}{}{}",
            marks.close,
            if present::space_before_attribution(self.language(), marks.close.chars().next_back()) {
                " "
            } else {
                ""
            },
            marks.open
        );
        let words = present::group_attribution_words(self.doc, g, Glue::NoBreak);
        for (i, ((author, words), at)) in words.into_iter().zip(&group.attributions).enumerate() {
            let sep = if i > 0 {
                format!(
                    "<span class=\"sep\" data-r=\"{}\">{}</span>",
                    esc(&notes_between),
                    esc(&marks.between)
                )
            } else {
                String::new()
            };
            // A remark (`view::is_remark`) stands as its State's note
            // where the State's view leaves the change out.
            let remark = if crate::model::view::is_remark(self.doc, g, at) {
                " data-r=\"\""
            } else {
                ""
            };
            html.push_str(&format!(
                "<span class=\"ap s{}\" data-a=\"{}\"{remark}>{sep}<bdi>{}</bdi></span>",
                author.0,
                author.0,
                esc(&words)
            ));
            plain = words;
        }
        html.push_str(&esc(&marks.close));
        html.push_str("</span>");
        self.out.push_str(&html);
        self.aside(&format!("{plain}{}", marks.close));
    }

    fn note(&mut self, n: NoteId, standing: bool, spaced: bool) {
        let note = self.doc.note(n);
        let text = present::attribution(self.doc, note.author, Some(n), Glue::NoBreak);
        self.out.push_str(&format!(
            "<span class=\"nt{} s{}\" id=\"n-{}\" data-n=\"{}\">{}<bdi>{}</bdi></span>",
            if standing { " st" } else { "" },
            note.author.0,
            n.0,
            note.author.0,
            if spaced { " " } else { "" },
            esc(&text)
        ));
        self.aside(&text);
    }
}

/// Whether a view may leave a paragraph with no words: it has some, and
/// every one is inside a change (or is a note a view may hide), as
/// `view::apply` drops such a paragraph.
fn may_empty(inlines: &[Inline]) -> bool {
    let has_text = inlines.iter().any(|i| match i {
        Inline::Text(r) => !r.text.trim().is_empty(),
        Inline::FootnoteRef { .. } | Inline::StandingNote(_) => true,
        _ => false,
    });
    let fixed = inlines.iter().any(|i| match i {
        Inline::Text(r) => r.rev.is_none() && !r.text.trim().is_empty(),
        Inline::FootnoteRef { rev, .. } => rev.is_none(),
        _ => false,
    });
    has_text && !fixed
}

/// The opening tag of the list an item belongs to: `<ul>` for bullets,
/// `<ol type>` for numbers (the label is printed as written, the type
/// says what the numbers are to a reader of the markup).
fn list_tag(item: &ListItem) -> String {
    let ListLabel::Number { style, form, .. } = item.label else {
        return "<ul class=\"lst\">".into();
    };
    // `<ol type>` names a style by its first number: 1, a, A, i, I.
    let kind = style.format(1);
    // The punctuation is part of the list's kind: `a)` after `a.` is
    // another list.
    let form = match form {
        LabelForm::Parens => "parens",
        LabelForm::Paren => "paren",
        LabelForm::Period => "period",
    };
    format!("<ol class=\"lst {form}\" type=\"{kind}\">")
}

/// A cell's `colspan` and `rowspan` attributes, where it spans.
fn spans(cell: &Cell) -> String {
    let mut out = String::new();
    if cell.colspan > 1 {
        out.push_str(&format!(" colspan=\"{}\"", cell.colspan));
    }
    if cell.rowspan > 1 {
        out.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
    }
    out
}

/// The first character the text writer sets after an attribution at the
/// start of `rest` with every change shown: a text's, `[` for a footnote
/// mark, none where another attribution or note or the end comes first.
fn next_char(rest: &[Inline]) -> Option<char> {
    for inline in rest {
        match inline {
            Inline::Text(run) => {
                if let Some(c) = run.text.chars().next() {
                    return Some(c);
                }
            }
            Inline::FootnoteRef { .. } => return Some('['),
            Inline::GroupStart(_) | Inline::SpanStart(_) => {}
            Inline::GroupEnd(_) | Inline::StandingNote(_) | Inline::SpanEnd(_) => return None,
        }
    }
    None
}
