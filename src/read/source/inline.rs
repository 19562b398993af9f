//! Inline text: emphasis, footnote references, escapes, typographic quotes,
//! and CriticMarkup changes with their attributions.
//!
//! One [`Inlines`] reader lives for the whole body, because a change may
//! span paragraph breaks: the stack of open changes carries from one
//! paragraph to the next, and each paragraph's mark takes the revision state
//! of the changes still open at its end.
//!
//! Groups: a change opened at nesting depth `d` joins the group open at that
//! depth if only spaces came since that group's last change; an attribution
//! `{>>CODE…<<}` at depth `d` closes the group (later attributions in a row
//! add comments). Any other text ends an unattributed group: an error, or the
//! `default_author`'s group if the front matter names one.

use super::diagnostics::Sink;
use super::front::{known_codes_help, opens_quote};
use super::limits::{MAX_FOOTNOTES, MAX_NESTING};
use crate::house::style::Quotes;
use crate::model::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// A paragraph's source as one string, its lines joined by single spaces,
/// with a map back to file offsets.
pub(crate) struct JoinedLines {
    pub text: String,
    /// (offset in `text`, offset in the file) where each source piece starts.
    pub map: Vec<(usize, usize)>,
}

impl JoinedLines {
    pub fn new() -> JoinedLines {
        JoinedLines {
            text: String::new(),
            map: Vec::new(),
        }
    }

    /// Add a piece of a line (already stripped of block markup).
    pub fn push(&mut self, piece: &str, file_offset: usize) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.map.push((self.text.len(), file_offset));
        self.text.push_str(piece);
    }

    /// Add a piece right after the last one, with no space between.
    pub fn append(&mut self, piece: &str, file_offset: usize) {
        self.map.push((self.text.len(), file_offset));
        self.text.push_str(piece);
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The file offset of a position in `text`.
    pub fn file(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(flat, _)| flat <= at);
        match i {
            0 => self.map.first().map_or(0, |&(_, f)| f),
            _ => {
                let (flat, file) = self.map[i - 1];
                file + (at - flat)
            }
        }
    }

    pub fn file_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.file(r.start);
        let end = self.file(r.end.max(r.start)).max(start);
        start..end
    }
}

#[derive(Debug, Clone)]
enum FrameKind {
    Ins(ChangeId),
    Del(ChangeId),
    /// `{~~old~>new~~}` before `~>`: deleting `old`; `new` is inserted next.
    SubOld(ChangeId, ChangeId),
    SubNew(ChangeId),
    Highlight(NoteId),
}

#[derive(Debug, Clone)]
struct Frame {
    kind: FrameKind,
    /// File range of the opening marker.
    open: Range<usize>,
    /// Where its text begins in the paragraph being read (`None` once
    /// the paragraph ended inside it).
    text_at: Option<usize>,
}

#[derive(Debug, Clone)]
struct OpenGroup {
    id: GroupId,
    /// File range of the first change's opening marker.
    first: Range<usize>,
    /// An attribution has been given: later ones are comments.
    attributed: bool,
}

/// A highlighted span waiting for its note.
#[derive(Debug, Clone)]
struct WaitingSpan {
    note: NoteId,
    open: Range<usize>,
}

pub(crate) struct Inlines<'a> {
    pub authors: Option<&'a [Author]>,
    pub default_author: Option<AuthorId>,
    pub quotes: Quotes,
    /// The document's changes, groups, notes and footnote ids (by label),
    /// made as they are read.
    pub model: Builder,
    /// Footnote label → file range of its first reference.
    pub footnote_first: BTreeMap<String, Range<usize>>,
    /// The paragraph being read is a footnote's text: it may not refer to
    /// a footnote (Word cannot hold one there, and no view numbers it).
    pub in_footnote: bool,
    stack: Vec<Frame>,
    /// The group open at each depth (index = stack depth when it opened).
    groups_open: Vec<Option<OpenGroup>>,
    waiting_span: Option<WaitingSpan>,
}

/// One paragraph's inline output.
struct Out {
    inlines: Vec<Inline>,
    buf: String,
    style: Style,
    rev: Rev,
    /// The last character written (for quotes and space folding).
    last: Option<char>,
}

impl Out {
    fn new() -> Out {
        Out {
            inlines: Vec::new(),
            buf: String::new(),
            style: Style::default(),
            rev: Rev::NONE,
            last: None,
        }
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.inlines.push(Inline::Text(Run {
                text: std::mem::take(&mut self.buf),
                style: self.style,
                rev: self.rev,
            }));
        }
    }

    fn push(&mut self, c: char, style: Style, rev: Rev) {
        let c = if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            // Runs of white space fold into one space, as in Markdown.
            if self.last.is_none_or(|l| l == ' ') {
                return;
            }
            ' '
        } else {
            c
        };
        self.push_kept(c, style, rev);
    }

    /// Pushes `c` even where white space would fold.
    fn push_kept(&mut self, c: char, style: Style, rev: Rev) {
        if style != self.style || rev != self.rev {
            self.flush();
            self.style = style;
            self.rev = rev;
        }
        self.buf.push(c);
        self.last = Some(c);
    }

    /// Pushes characters that [`is_plain`] accepts: what [`Out::push`]
    /// does for each of them, at once (none is white space).
    fn push_plain(&mut self, s: &str, style: Style, rev: Rev) {
        if style != self.style || rev != self.rev {
            self.flush();
            self.style = style;
            self.rev = rev;
        }
        self.buf.push_str(s);
        self.last = s.chars().next_back().or(self.last);
    }

    /// Whether nothing has been written in this paragraph yet.
    fn at_start(&self) -> bool {
        self.buf.is_empty()
            && !self
                .inlines
                .iter()
                .any(|i| matches!(i, Inline::Text(_) | Inline::FootnoteRef { .. }))
    }

    fn push_str(&mut self, s: &str, style: Style, rev: Rev) {
        for c in s.chars() {
            self.push(c, style, rev);
        }
    }

    fn marker(&mut self, inline: Inline) {
        self.flush();
        // Markers that print as `(US: …)` stand between words: the space
        // after one is a space of its own, not a repeat of the one before.
        if matches!(
            inline,
            Inline::GroupEnd(_) | Inline::StandingNote(_) | Inline::SpanEnd(_)
        ) {
            self.last = Some(')');
        }
        self.inlines.push(inline);
    }

    fn finish(mut self) -> Vec<Inline> {
        self.flush();
        // Drop trailing space of the last text run.
        if let Some(Inline::Text(run)) = self.inlines.last_mut() {
            let trimmed = run.text.trim_end_matches(' ').len();
            run.text.truncate(trimmed);
            if run.text.is_empty() {
                self.inlines.pop();
            }
        }
        self.inlines
    }
}

/// The bracketed CriticMarkup forms that open and close around text.
/// (`{>>…<<}`, an attribution or note, is read whole and is not one.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Insertion,
    Deletion,
    Substitution,
    Highlight,
}

impl Mark {
    const ALL: [Mark; 4] = [
        Mark::Insertion,
        Mark::Deletion,
        Mark::Substitution,
        Mark::Highlight,
    ];

    fn opener(self) -> &'static str {
        match self {
            Mark::Insertion => "{++",
            Mark::Deletion => "{--",
            Mark::Substitution => "{~~",
            Mark::Highlight => "{==",
        }
    }

    fn closer(self) -> &'static str {
        match self {
            Mark::Insertion => "++}",
            Mark::Deletion => "--}",
            Mark::Substitution => "~~}",
            Mark::Highlight => "==}",
        }
    }

    /// The mark whose opener `text` starts with.
    fn opening(text: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| text.starts_with(m.opener()))
    }

    /// The mark whose closer `text` starts with.
    fn closing(text: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| text.starts_with(m.closer()))
    }
}

impl FrameKind {
    /// The mark that opened this frame and must close it.
    fn mark(&self) -> Mark {
        match self {
            FrameKind::Ins(_) => Mark::Insertion,
            FrameKind::Del(_) => Mark::Deletion,
            FrameKind::SubOld(..) | FrameKind::SubNew(_) => Mark::Substitution,
            FrameKind::Highlight(_) => Mark::Highlight,
        }
    }
}

/// The state of one paragraph being read.
struct Para {
    out: Out,
    style: Style,
    /// Where the open emphasis began, to report it if never closed.
    italic_at: Option<usize>,
    bold_at: Option<usize>,
}

/// An ASCII character that begins no markup (change marks, footnote
/// references, escapes, emphasis) and gets no typography (quotes, dashes),
/// and is not white space: it stands for itself.
fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b',' | b';' | b':' | b'(' | b')' | b'/' | b'!' | b'?' | b'%'
        )
}

impl<'a> Inlines<'a> {
    pub fn new(
        authors: Option<&'a [Author]>,
        default_author: Option<AuthorId>,
        quotes: Quotes,
    ) -> Self {
        Inlines {
            authors,
            default_author,
            quotes,
            model: Builder::new(),
            footnote_first: BTreeMap::new(),
            in_footnote: false,
            stack: Vec::new(),
            groups_open: vec![None],
            waiting_span: None,
        }
    }

    /// The revision state of text written now.
    fn rev(&self) -> Rev {
        let mut rev = Rev::NONE;
        for frame in &self.stack {
            match frame.kind {
                FrameKind::Ins(c) | FrameKind::SubNew(c) => rev.ins = Some(c),
                FrameKind::Del(c) | FrameKind::SubOld(c, _) => rev.del = Some(c),
                FrameKind::Highlight(_) => {}
            }
        }
        rev
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    /// Read one paragraph (or heading, or table cell). Returns its inlines
    /// and the revision state of its mark (the changes still open after it).
    ///
    /// The loop hands each position to [`Inlines::step`], which reads one
    /// piece (a run of plain text, a change mark, a note, a footnote
    /// reference, an escape, an emphasis mark or one character) and says
    /// how far it read.
    pub fn paragraph(&mut self, flat: &JoinedLines, sink: &mut Sink) -> (Vec<Inline>, Rev) {
        let mut p = Para {
            out: Out::new(),
            style: Style::default(),
            italic_at: None,
            bold_at: None,
        };
        let mut i = 0;
        while i < flat.text.len() {
            i = self.step(&mut p, flat, i, sink);
        }
        self.finish_paragraph(p, flat, sink)
    }

    /// Reads the piece at byte `i` of the paragraph; returns where the next
    /// one starts.
    fn step(&mut self, p: &mut Para, flat: &JoinedLines, i: usize, sink: &mut Sink) -> usize {
        let text = flat.text.as_str();
        // A run of characters that start no syntax and need no typography
        // goes in at once (most of any document).
        if is_plain(text.as_bytes()[i]) {
            let end = text.as_bytes()[i..]
                .iter()
                .position(|&b| !is_plain(b))
                .map_or(text.len(), |n| i + n);
            self.end_group_if_text(&mut p.out, false, sink);
            p.out.push_plain(&text[i..end], p.style, self.rev());
            return end;
        }
        let rest = &text[i..];
        if rest.starts_with("{>>") {
            return self.note(p, flat, i, sink);
        }
        if let Some(mark) = Mark::opening(rest) {
            return self.open(p, flat, i, mark, sink);
        }
        if let Some(mark) = Mark::closing(rest) {
            self.keep_lone_space(p, flat, i, mark);
            self.empty_change(flat, i, mark, sink);
            self.close(mark, flat.file_range(i..i + 3), &mut p.out, sink);
            return i + 3;
        }
        if rest.starts_with("~>") && self.substitution_turns(&mut p.out, sink) {
            return i + 2;
        }
        if let Some(next) = self.footnote_reference(p, flat, i, sink) {
            return next;
        }
        let c = rest.chars().next().expect("non-empty");
        // A backslash ending a source line is a manual line break (the
        // lines of a paragraph are joined by one space).
        if c == '\\' && rest[1..].starts_with(' ') && flat.map.iter().any(|&(o, _)| o == i + 2) {
            self.end_group_if_text(&mut p.out, true, sink);
            p.out
                .push_kept(crate::model::LINE_BREAK, p.style, self.rev());
            return i + 2;
        }
        if c == '\\' {
            return self.escape(p, rest, i, sink);
        }
        if c == '*' {
            if let Some(next) = emphasis(p, rest, i) {
                return next;
            }
        }
        self.typography(p, rest, i, sink)
    }

    /// `{>>CODE: text<<}`: an attribution, a comment or a standing note.
    fn note(&mut self, p: &mut Para, flat: &JoinedLines, i: usize, sink: &mut Sink) -> usize {
        let rest = &flat.text[i..];
        let range = flat.file_range(i..i + 3);
        let Some(end) = rest.find("<<}") else {
            sink.error(
                range,
                "`{>>` is never closed",
                "this note has no `<<}`",
                "close the note with `<<}` in the same paragraph: {>>US: reason<<}",
            );
            return flat.text.len();
        };
        let content = &rest[3..end];
        let content_at = flat.file(i + 3);
        self.attribution(
            content,
            range.start..flat.file(i + end + 3),
            content_at,
            &mut p.out,
            sink,
        );
        i + end + 3
    }

    /// An opening mark: a new change (in its group) or a highlighted span.
    fn open(
        &mut self,
        p: &mut Para,
        flat: &JoinedLines,
        i: usize,
        mark: Mark,
        sink: &mut Sink,
    ) -> usize {
        self.heading_inside_change(p, flat, i, mark, sink);
        let range = flat.file_range(i..i + 3);
        if let Some(w) = self.waiting_span.take() {
            self.span_without_note(w, sink);
        }
        if self.depth() >= MAX_NESTING {
            sink.error(
                range,
                format!("changes are nested more than {MAX_NESTING} deep"),
                "too deep",
                "close some changes before opening new ones",
            );
            // Read on as text so the rest of the file is still checked.
            p.out.push_str(mark.opener(), p.style, self.rev());
            return i + 3;
        }
        let kind = if mark == Mark::Highlight {
            let note = self.model.open_span();
            p.out.marker(Inline::SpanStart(note));
            FrameKind::Highlight(note)
        } else {
            let group = self.group_for_new_change(range.clone(), &mut p.out);
            match mark {
                Mark::Insertion => FrameKind::Ins(self.new_change(ChangeKind::Insertion, group)),
                Mark::Deletion => FrameKind::Del(self.new_change(ChangeKind::Deletion, group)),
                _ => {
                    let del = self.new_change(ChangeKind::Deletion, group);
                    let ins = self.new_change(ChangeKind::Insertion, group);
                    FrameKind::SubOld(del, ins)
                }
            }
        };
        self.stack.push(Frame {
            kind,
            open: range,
            text_at: Some(i + 3),
        });
        self.groups_open.push(None);
        i + 3
    }

    /// `{++## Heading++}` at the start of a paragraph: the `#` marks of a
    /// heading count only at the start of a line, so this would print a
    /// paragraph that reads "## Heading". An error saying how to propose
    /// a heading instead.
    fn heading_inside_change(
        &mut self,
        p: &Para,
        flat: &JoinedLines,
        i: usize,
        mark: Mark,
        sink: &mut Sink,
    ) {
        let after = &flat.text[i + 3..];
        let hashes = after.len() - after.trim_start_matches('#').len();
        let heading_like = (1..=6).contains(&hashes) && after[hashes..].starts_with(' ');
        if !heading_like || mark == Mark::Highlight || !p.out.at_start() {
            return;
        }
        sink.error(
            flat.file_range(i..i + 3 + hashes),
            format!("`{}` inside a change is not a heading", &after[..hashes]),
            "a heading's `#` must start its line",
            format!(
                "to propose a new heading, open the change at the end of the paragraph before it and put the heading on a line of its own: `Text.{}` blank line `{} Heading` blank line … `{}{{>>CODE<<}}`; for the characters themselves write `\\#`",
                mark.opener(),
                &after[..hashes],
                mark.closer()
            ),
        );
    }

    /// `{++++}`, `{----}`: an insertion or deletion with nothing between its
    /// marks changes nothing, and is an error.
    fn empty_change(&self, flat: &JoinedLines, i: usize, mark: Mark, sink: &mut Sink) {
        let Some(top) = self.stack.last() else {
            return;
        };
        let change = matches!(top.kind, FrameKind::Ins(_) | FrameKind::Del(_));
        if !change || top.kind.mark() != mark || top.text_at != Some(i) {
            return;
        }
        let what = if mark == Mark::Insertion {
            "insertion"
        } else {
            "deletion"
        };
        sink.error(
            top.open.start..flat.file(i + 3),
            format!("an empty {what}: it changes nothing"),
            "nothing between the marks",
            format!(
                "write the text between `{}` and `{}`, or remove the marks and their attribution",
                mark.opener(),
                mark.closer()
            ),
        );
    }

    /// An insertion or deletion of white space alone (`{++ ++}`) keeps one
    /// space, which folding it into the space before would lose: Word
    /// files hold such changes, and the DOCX writes them.
    fn keep_lone_space(&mut self, p: &mut Para, flat: &JoinedLines, i: usize, mark: Mark) {
        let Some(top) = self.stack.last() else {
            return;
        };
        let lone_space = matches!(top.kind, FrameKind::Ins(_) | FrameKind::Del(_))
            && top.kind.mark() == mark
            && top
                .text_at
                .and_then(|at| flat.text.get(at..i))
                .is_some_and(|t| !t.is_empty() && t.chars().all(char::is_whitespace));
        // Folded: nothing of it was written.
        let rev = self.rev();
        let written = p.out.rev == rev && !p.out.buf.is_empty();
        if lone_space && !written {
            p.out.push_kept(' ', p.style, rev);
        }
    }

    /// `~>` in a substitution: its old text ends and its new text begins.
    /// Elsewhere it is text (returns false).
    fn substitution_turns(&mut self, out: &mut Out, sink: &mut Sink) -> bool {
        let Some(Frame {
            kind: FrameKind::SubOld(_, ins),
            ..
        }) = self.stack.last().cloned()
        else {
            return false;
        };
        // The old text's inner groups must be attributed first.
        self.end_inner_level(out, sink);
        let Frame { open, .. } = self.stack.pop().expect("checked above");
        self.groups_open.pop();
        self.stack.push(Frame {
            kind: FrameKind::SubNew(ins),
            open,
            text_at: None,
        });
        self.groups_open.push(None);
        true
    }

    /// `[^label]`, if one stands at `i`.
    fn footnote_reference(
        &mut self,
        p: &mut Para,
        flat: &JoinedLines,
        i: usize,
        sink: &mut Sink,
    ) -> Option<usize> {
        let rest = flat.text[i..].strip_prefix("[^")?;
        let end = rest.find(']')?;
        let label = &rest[..end];
        if label.is_empty() || label.contains(char::is_whitespace) || label.contains('[') {
            return None;
        }
        let range = flat.file_range(i..i + end + 3);
        if self.in_footnote {
            sink.error(
                range,
                "a footnote cannot refer to another footnote",
                "a footnote reference inside a footnote",
                "move the reference into the text the notes are on, or write the mark as text: \\[^2]",
            );
            return Some(i + end + 3);
        }
        self.end_group_if_text(&mut p.out, true, sink);
        let id = self.footnote_ref(label, range, sink);
        p.out.marker(Inline::FootnoteRef {
            note: id,
            rev: self.rev(),
        });
        Some(i + end + 3)
    }

    /// `\\x`: the next character as itself.
    fn escape(&mut self, p: &mut Para, rest: &str, i: usize, sink: &mut Sink) -> usize {
        let Some(next) = rest[1..].chars().next() else {
            // A backslash that ends the paragraph's last line is a line
            // break, as on any other line (Word's `w:br` before the mark).
            self.end_group_if_text(&mut p.out, true, sink);
            p.out
                .push_kept(crate::model::LINE_BREAK, p.style, self.rev());
            return i + 1;
        };
        self.end_group_if_text(&mut p.out, next.is_whitespace(), sink);
        if next == ' ' {
            // `\ ` is a space that does not fold into the one before.
            p.out.push_kept(' ', p.style, self.rev());
        } else {
            p.out.push(next, p.style, self.rev());
        }
        i + 1 + next.len_utf8()
    }

    /// One character of text, with typographic quotes and en dashes.
    fn typography(&mut self, p: &mut Para, rest: &str, i: usize, sink: &mut Sink) -> usize {
        let c = rest.chars().next().expect("non-empty");
        self.end_group_if_text(&mut p.out, c.is_whitespace(), sink);
        let (style, rev) = (p.style, self.rev());
        let out = &mut p.out;
        match c {
            '"' => out.push_str(self.quotes.double(opens_quote(out.last)), style, rev),
            '\'' => {
                // An apostrophe inside a word, or eliding digits ('90s),
                // is always ’.
                let elides = rest[1..].starts_with(|n: char| n.is_ascii_digit());
                let q = if elides || out.last.is_some_and(|l| l.is_alphanumeric()) {
                    "’"
                } else {
                    self.quotes.single(opens_quote(out.last))
                };
                out.push_str(q, style, rev);
            }
            '-' if rest.starts_with("--")
                && out.last.is_some_and(|l| l.is_ascii_digit())
                && rest[2..].starts_with(|n: char| n.is_ascii_digit()) =>
            {
                out.push('–', style, rev);
                return i + 2;
            }
            _ => out.push(c, style, rev),
        }
        i + c.len_utf8()
    }

    /// Reports emphasis left open, ends the groups of the paragraph and
    /// gives its inlines and the revision state of its mark.
    fn finish_paragraph(
        &mut self,
        p: Para,
        flat: &JoinedLines,
        sink: &mut Sink,
    ) -> (Vec<Inline>, Rev) {
        if let Some(at) = p.italic_at {
            sink.error(
                flat.file_range(at..at + 1),
                "`*` opens italics that are never closed",
                "opened here",
                "close the italics with `*` in the same paragraph, or write `\\*` for a literal asterisk",
            );
        }
        if let Some(at) = p.bold_at {
            sink.error(
                flat.file_range(at..at + 2),
                "`**` opens bold that is never closed",
                "opened here",
                "close the bold with `**` in the same paragraph, or write `\\*\\*` for literal asterisks",
            );
        }
        let mut out = p.out;
        for frame in &mut self.stack {
            frame.text_at = None;
        }
        // A paragraph ends the groups at the current depth: an unattributed
        // one is an error here, since an attribution must follow its group.
        self.end_group_at_break(&mut out, sink);
        if let Some(w) = self.waiting_span.take() {
            self.span_without_note(w, sink);
        }
        let mark = self.rev();
        (out.finish(), mark)
    }

    fn new_change(&mut self, kind: ChangeKind, group: GroupId) -> ChangeId {
        let parent = self.stack.iter().rev().find_map(|f| match f.kind {
            FrameKind::Ins(c) | FrameKind::Del(c) | FrameKind::SubNew(c) => Some(c),
            FrameKind::SubOld(del, _) => Some(del),
            FrameKind::Highlight(_) => None,
        });
        self.model.change_in(kind, group, parent)
    }

    /// The group a change opened now belongs to: the one open at this depth
    /// if only spaces came since its last change, else a new one.
    fn group_for_new_change(&mut self, range: Range<usize>, out: &mut Out) -> GroupId {
        let depth = self.depth();
        if let Some(g) = &self.groups_open[depth] {
            if !g.attributed {
                return g.id;
            }
        }
        let id = self.model.open_group();
        self.groups_open[depth] = Some(OpenGroup {
            id,
            first: range,
            attributed: false,
        });
        out.marker(Inline::GroupStart(id));
        id
    }

    /// Text (not space) at this depth ends the open group there.
    fn end_group_if_text(&mut self, out: &mut Out, is_space: bool, sink: &mut Sink) {
        if is_space {
            return;
        }
        if let Some(w) = self.waiting_span.take() {
            self.span_without_note(w, sink);
        }
        self.end_group(out, sink);
    }

    /// Close the group open at the current depth; an unattributed one takes
    /// the default author, or is an error.
    fn end_group(&mut self, out: &mut Out, sink: &mut Sink) {
        let depth = self.depth();
        if let Some(g) = self.groups_open[depth].take() {
            if !g.attributed {
                match self.default_author {
                    Some(author) => {
                        self.model.attribute(g.id, author, None);
                        out.marker(Inline::GroupEnd(g.id));
                    }
                    None => sink.error(
                        g.first,
                        "this change has no attribution",
                        "no `{>>CODE<<}` follows the change that starts here",
                        "add the proposer's code right after the change, e.g. {++new text++}{>>US<<}, or set default_author in the front matter",
                    ),
                }
            }
        }
    }

    fn end_group_at_break(&mut self, out: &mut Out, sink: &mut Sink) {
        self.end_group(out, sink);
    }

    /// Before a change closes, the groups inside it must be complete.
    fn end_inner_level(&mut self, out: &mut Out, sink: &mut Sink) {
        if let Some(w) = self.waiting_span.take() {
            self.span_without_note(w, sink);
        }
        self.end_group(out, sink);
    }

    fn span_without_note(&mut self, w: WaitingSpan, sink: &mut Sink) {
        sink.error(
            w.open,
            "a highlighted span has no note",
            "`{==` here is not followed by `{>>…<<}`",
            "write the note right after the span: {==text==}{>>US: question<<}",
        );
    }

    fn close(&mut self, mark: Mark, range: Range<usize>, out: &mut Out, sink: &mut Sink) {
        let Some(top) = self.stack.last().cloned() else {
            sink.error(
                range,
                format!("`{}` closes nothing", mark.closer()),
                "no change is open here",
                format!(
                    "remove it, or add the opening `{}` where the change begins",
                    mark.opener()
                ),
            );
            return;
        };
        if let FrameKind::SubOld(..) = top.kind {
            if mark == Mark::Substitution {
                sink.error(
                    range,
                    "a substitution has no `~>`",
                    "closed here before any `~>`",
                    "write a substitution as {~~old text~>new text~~}",
                );
                self.end_inner_level(out, sink);
                self.stack.pop();
                self.groups_open.pop();
                return;
            }
        }
        let expected = top.kind.mark();
        if expected != mark {
            sink.error(
                range,
                format!(
                    "`{}` does not match the open `{}`",
                    mark.closer(),
                    expected.opener()
                ),
                format!("expected `{}` here", expected.closer()),
                "close changes in the reverse order of opening them",
            );
            return;
        }
        self.end_inner_level(out, sink);
        self.stack.pop();
        self.groups_open.pop();
        if let FrameKind::Highlight(note) = top.kind {
            out.marker(Inline::SpanEnd(note));
            self.waiting_span = Some(WaitingSpan {
                note,
                open: top.open,
            });
        }
    }

    /// `{>>CODE<<}` or `{>>CODE: text<<}`: attributes the open group, gives
    /// a highlighted span its note, or stands alone as a note.
    fn attribution(
        &mut self,
        content: &str,
        range: Range<usize>,
        content_at: usize,
        out: &mut Out,
        sink: &mut Sink,
    ) {
        let (code, text) = match content.split_once(':') {
            Some((code, text)) => (code.trim(), Some(text.trim())),
            None => (content.trim(), None),
        };
        // After reporting a bad code, read on as if the attribution were
        // good, so that it is not reported a second time as missing.
        let mut known = true;
        if code.is_empty() {
            sink.error(
                range.clone(),
                "an attribution with no author code",
                "empty",
                "write the author's code: {>>US<<} or {>>US: reason<<}",
            );
            known = false;
        }
        let author = match self.authors {
            _ if !known => AuthorId(0),
            Some(authors) => match find_author(authors, code) {
                Some(i) => AuthorId(i),
                None => {
                    let lead = content.len() - content.trim_start().len();
                    let at = content_at + lead;
                    let hint = if code.contains(' ') && text.is_none() {
                        format!(
                            "{}; a reason follows the code after a colon: {{>>US: reason<<}}",
                            known_codes_help(authors)
                        )
                    } else if code.contains('：') && text.is_none() {
                        // Chinese prints `（美国：理由）`, but the source parts
                        // code and reason with the ASCII colon in every language.
                        format!(
                            "{}; the code and the reason are parted by an ASCII colon: {{>>美国: 理由<<}}",
                            known_codes_help(authors)
                        )
                    } else {
                        known_codes_help(authors)
                    };
                    sink.error(
                        at..at + code.len(),
                        format!("unknown author `{code}`"),
                        "not in [authors]",
                        hint,
                    );
                    AuthorId(0)
                }
            },
            // The front matter is broken: codes cannot be checked.
            None => AuthorId(0),
        };
        let text = text.filter(|t| !t.is_empty()).map(|t| self.smarten(t));
        let depth = self.depth();
        // A highlighted span just closed: this is its note.
        if let Some(w) = self.waiting_span.take() {
            self.model
                .span_note(w.note, author, text.unwrap_or_default());
            return;
        }
        if let Some(g) = self.groups_open[depth].clone() {
            if !g.attributed {
                out.marker(Inline::GroupEnd(g.id));
                if let Some(open) = self.groups_open[depth].as_mut() {
                    open.attributed = true;
                }
            }
            self.model.attribute(g.id, author, text);
            return;
        }
        // Standing alone: a note by that author at this place.
        let Some(text) = text else {
            sink.error(
                range,
                format!("`{{>>{code}<<}}` attributes nothing"),
                "no change right before it",
                "put an attribution right after the change it attributes; a note standing alone needs text: {>>Canada: comment<<}",
            );
            return;
        };
        let id = self.model.note_by(author, text, NoteKind::Standing);
        out.marker(Inline::StandingNote(id));
    }

    fn footnote_ref(&mut self, label: &str, range: Range<usize>, sink: &mut Sink) -> FootnoteId {
        if let Some(id) = self.model.footnote_by_key(label) {
            return id;
        }
        if self.footnote_first.len() >= MAX_FOOTNOTES {
            sink.error(
                range.clone(),
                format!("more than {MAX_FOOTNOTES} footnotes"),
                "one too many",
                "split the document",
            );
        }
        self.footnote_first.insert(label.to_string(), range);
        self.model.footnote(label)
    }

    /// At the end of a point, statement or the body: every change must be
    /// closed by now.
    pub fn end_container(&mut self, what: &str, sink: &mut Sink) {
        if let Some(w) = self.waiting_span.take() {
            self.span_without_note(w, sink);
        }
        for frame in self.stack.drain(..) {
            let mark = frame.kind.mark();
            let (open, close) = (mark.opener(), mark.closer());
            sink.error(
                frame.open,
                format!("`{open}` is never closed"),
                format!("opened here, still open at the end of {what}"),
                format!("close it with `{close}` before the end of {what}"),
            );
        }
        self.groups_open = vec![None];
    }

    /// Typographic quotes and en dashes in note text.
    fn smarten(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last: Option<char> = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => out.push_str(self.quotes.double(opens_quote(last))),
                '\'' => {
                    if last.is_some_and(|l| l.is_alphanumeric()) {
                        out.push('’');
                    } else {
                        out.push_str(self.quotes.single(opens_quote(last)));
                    }
                }
                c if c.is_whitespace() => {
                    if last != Some(' ') {
                        out.push(' ');
                    }
                    last = Some(' ');
                    continue;
                }
                '-' if chars.peek() == Some(&'-') && last.is_some_and(|l| l.is_ascii_digit()) => {
                    chars.next();
                    out.push('–');
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                        last = Some(n);
                        continue;
                    }
                }
                c => out.push(c),
            }
            last = Some(c);
        }
        out
    }
}

/// `*` or `**` at byte `i`: opens or closes italics or bold where it can;
/// `None` when it is a literal asterisk.
fn emphasis(p: &mut Para, rest: &str, i: usize) -> Option<usize> {
    let double = rest.starts_with("**");
    let width = if double { 2 } else { 1 };
    let can_open = rest[width..]
        .chars()
        .next()
        .is_some_and(|a| !a.is_whitespace());
    let can_close = p.out.last.is_some_and(|b| b != ' ');
    let (on, at) = if double {
        (&mut p.style.bold, &mut p.bold_at)
    } else {
        (&mut p.style.italic, &mut p.italic_at)
    };
    if *on && can_close {
        *on = false;
        *at = None;
        return Some(i + width);
    }
    if !*on && can_open {
        *on = true;
        *at = Some(i);
        return Some(i + width);
    }
    None
}
