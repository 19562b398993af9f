//! Paragraph styles into blocks: headings, numbered paragraphs,
//! subparagraphs, lists, quotes, discussion points and tables, for
//! rapporteur's own style ids and Word's built-in ones.

use super::wml::{Item, Para, RawBlock, RawCell, VMerge};
use crate::model::*;
use crate::ooxml::style::ParagraphStyle;

/// A story's paragraphs in reading order, table cells included.
pub fn flat_paras(blocks: &[RawBlock]) -> Vec<&Para> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            RawBlock::Para(p) => out.push(p),
            RawBlock::Table(rows) => out.extend(super::wml::table_paras(rows)),
        }
    }
    out
}

/// Calls `f` with every item of every paragraph.
pub fn each_item(blocks: &[RawBlock], f: &mut dyn FnMut(&Item)) {
    for p in flat_paras(blocks) {
        for item in &p.items {
            f(item);
        }
    }
}

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Heading(u8),
    Numbered,
    Sub(u8),
    ListItem,
    /// An item of a Word list other than a level-1 `1.`: a subparagraph
    /// (`(a)`, `(i)`) or a list item ([`ParagraphKind::List`]).
    Kind(ParagraphKind),
    /// A statement's own paragraph (`StatementText`).
    Statement,
    Quote,
    Point,
    Plain,
}

fn role(p: &Para, point_label: &str) -> Role {
    use ParagraphStyle as S;
    let style = p.style.as_deref().and_then(S::recognise);
    if let Some(S::Heading(level)) = style {
        return Role::Heading(level);
    }
    let by_the_model = style.is_some_and(super::numbering::by_the_model);
    if let Some(item) = p.list.filter(|_| !by_the_model) {
        match item.kind() {
            ParagraphKind::ListItem(_) => return Role::ListItem,
            kind => return Role::Kind(kind),
        }
    }
    match style {
        Some(S::Heading(level)) => Role::Heading(level),
        Some(S::NumberedParagraph) => Role::Numbered,
        Some(S::Subparagraph) => Role::Sub(1),
        Some(S::Subparagraph2) => Role::Sub(2),
        // Word's list styles (List Paragraph, List Number, List Bullet)
        // number nothing by their name: their numbering, if any, is read.
        Some(S::StatementListItem) => Role::ListItem,
        Some(S::StatementText) => Role::Statement,
        Some(S::Quote) => Role::Quote,
        Some(S::PointHeading) => Role::Point,
        // The body's text, and styles the body does not use: read by
        // what the paragraph holds.
        Some(
            S::Normal
            | S::BodyText
            | S::Title
            | S::Subtitle
            | S::TableText
            | S::TableHeader
            | S::FootnoteText
            | S::CommentText
            | S::HeaderOdd
            | S::HeaderEven
            | S::Footer
            | S::FooterFirst
            | S::FooterBarcode
            | S::MastheadTopLine
            | S::MastheadOrgan
            | S::MastheadInfo
            | S::MastheadColumn
            | S::MastheadSession
            | S::MastheadAgendaTitle
            | S::MastheadRule
            | S::MastheadEmblem
            | S::EndRule,
        )
        | None => {
            if p.numbered {
                Role::ListItem
            } else if is_point_heading(p, point_label) {
                Role::Point
            } else {
                Role::Plain
            }
        }
    }
}

/// Whether an unstyled paragraph reads `Discussion point 4` and nothing
/// else, unchanged: a point heading that lost its style. LibreOffice
/// gives a paragraph whose previous mark is deleted (a wholly deleted
/// point's last paragraph, `docx::marks`) that paragraph's style when it
/// saves the file.
fn is_point_heading(p: &Para, point_label: &str) -> bool {
    let mut text = String::new();
    for item in &p.items {
        match item {
            Item::Text { text: t, revs, .. } if revs.ins.is_none() && revs.del.is_none() => {
                text.push_str(t)
            }
            Item::CommentStart(_) | Item::CommentEnd(_) | Item::CommentRef(_) => {}
            _ => return false,
        }
    }
    text.trim()
        .strip_prefix(point_label)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A label rapporteur (or a typist) put before the text: `I.`, `(a)`,
/// `a)`, `1.` and a tab, in one run or split over several (LibreOffice
/// saves an Arabic `(أ)` as three runs). Removed from the inlines and
/// returned.
fn take_label(content: &mut Vec<Inline>) -> Option<String> {
    let mut text = String::new();
    let mut runs = 0;
    for inline in content.iter() {
        let Inline::Text(run) = inline else {
            return None;
        };
        if !run.rev.is_none() {
            return None;
        }
        text.push_str(&run.text);
        runs += 1;
        if run.text.contains('\t') {
            break;
        }
    }
    let (label, rest) = text.split_once('\t')?;
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 8 || label.contains(' ') {
        return None;
    }
    let label = label.to_string();
    let rest = rest.trim_start().to_string();
    let Some(Inline::Text(last)) = content.get(runs - 1) else {
        return None;
    };
    let style = last.style;
    content.drain(..runs);
    if !rest.is_empty() {
        content.insert(
            0,
            Inline::Text(Run {
                text: rest,
                style,
                rev: Rev::NONE,
            }),
        );
    }
    Some(label)
}

/// Builds the blocks from the raw blocks and each paragraph's inlines
/// (in [`flat_paras`] order).
pub fn assemble(raw: &[RawBlock], paras: Vec<(Vec<Inline>, Rev)>, point_label: &str) -> Vec<Block> {
    let mut paras = paras.into_iter();
    let mut out: Vec<Block> = Vec::new();
    let mut number = 0u32;
    let mut list = 0u32;
    for b in raw {
        match b {
            RawBlock::Table(rows) => {
                let mut cells_rows = table_cells(rows, &mut paras);
                let header = if cells_rows.is_empty() {
                    Vec::new()
                } else {
                    cells_rows.remove(0)
                };
                let align = alignments(rows);
                place(
                    &mut out,
                    Block::Table(Table {
                        align,
                        header,
                        rows: cells_rows,
                    }),
                    None,
                );
                list = 0;
            }
            RawBlock::Para(p) => {
                let (content, mark) = paras.next().unwrap_or_default();
                let mut role = role(p, point_label);
                // A paragraph in the point heading's style without a
                // point's number is not a point: LibreOffice gives a
                // paragraph after a deleted heading's mark the heading's
                // style when it saves.
                let numbered = Inline::text_of(&content)
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.parse::<u32>().is_ok());
                if role == Role::Point && !numbered {
                    role = Role::Plain;
                }
                // Empty paragraphs make space in Word; a source has none.
                if content.is_empty() && mark.is_none() && role != Role::Point {
                    continue;
                }
                if !matches!(role, Role::ListItem | Role::Kind(_)) {
                    list = 0;
                }
                let mut content = content;
                let notes = (mark.is_none() && role != Role::Point)
                    .then(|| trailing_notes(&mut content))
                    .flatten();
                // Word's own number for a `1.` item, where it has one.
                if let (Role::ListItem, Some(n)) = (&role, word_number(p)) {
                    list = n - 1;
                }
                let block = paragraph(role.clone(), content, mark, &mut number, &mut list);
                let container = match role {
                    Role::Quote => Some(false),
                    Role::ListItem | Role::Statement => Some(true),
                    // A list's deeper items stay in the statement its
                    // first level's `1.` items opened.
                    Role::Kind(_) => ends_in_statement(&out).then_some(true),
                    _ => None,
                };
                place(&mut out, block, container);
                if let Some(notes) = notes {
                    let notes = paragraph(Role::Plain, notes, Rev::NONE, &mut number, &mut list);
                    place(&mut out, notes, None);
                }
            }
        }
    }
    out
}

/// The standing notes that end a paragraph with words, taken out to make
/// a paragraph of their own. A note on a whole paragraph stands in the
/// source as a paragraph after it, and the DOCX writer puts such a note
/// right after the last word of the paragraph before (`docx::body`):
/// read back, it is a paragraph again, so the source's layout survives
/// the trip. A note written at the end of a paragraph after a space
/// (`resources). {>>US: …<<}`) keeps that space after it once read
/// (`plain::push_marker`), and stays where it is.
fn trailing_notes(content: &mut Vec<Inline>) -> Option<Vec<Inline>> {
    let start = content
        .iter()
        .rposition(|i| !matches!(i, Inline::StandingNote(_)))
        .map_or(0, |i| i + 1);
    let words_before = content[..start]
        .iter()
        .any(|i| matches!(i, Inline::Text(r) if !r.text.trim().is_empty()));
    (start < content.len() && words_before).then(|| content.drain(start..).collect())
}

/// The cells of a table as the model holds them: each `w:tc` a cell of
/// its paragraphs, `w:gridSpan` its column span, a vertical merge one
/// cell spanning the rows it goes on over (what the cells it goes on over
/// hold is added to it). Empty paragraphs make space in Word, and a
/// source has none: they go, their mark's change to the paragraph before.
/// A row shorter than the grid is made up with empty cells.
fn table_cells(
    rows: &[Vec<RawCell>],
    paras: &mut impl Iterator<Item = (Vec<Inline>, Rev)>,
) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    // Per grid column: the (row, index) of the cell a vertical merge
    // started in, while it goes on.
    let mut merging: Vec<Option<(usize, usize)>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::with_capacity(row.len());
        let mut col = 0;
        for raw in row {
            let paragraphs =
                cell_paragraphs(raw.paras.iter().map(|_| paras.next().unwrap_or_default()));
            let span = raw.span.max(1);
            if merging.len() < col + span {
                merging.resize(col + span, None);
            }
            let origin = merging[col];
            match (raw.merge, origin) {
                (VMerge::Continue, Some((or, oi))) => {
                    let cell = &mut out[or][oi];
                    cell.rowspan = r + 1 - or;
                    if paragraphs.iter().any(|p| !p.content.is_empty()) {
                        if cell.paragraphs.iter().all(|p| p.content.is_empty()) {
                            cell.paragraphs.clear();
                        }
                        cell.paragraphs.extend(paragraphs);
                        if let Some(last) = cell.paragraphs.last_mut() {
                            last.mark = Rev::NONE;
                        }
                    }
                }
                _ => {
                    let start = (raw.merge == VMerge::Restart).then_some((r, cells.len()));
                    for m in &mut merging[col..col + span] {
                        *m = start;
                    }
                    cells.push(Cell {
                        paragraphs,
                        colspan: span,
                        rowspan: 1,
                    });
                }
            }
            col += span;
        }
        // A merge not gone on with in this row ends above it.
        for m in merging.iter_mut().skip(col) {
            *m = None;
        }
        out.push(cells);
    }
    let mut out = fill_rows(out);
    without_empty_groups(&mut out);
    out
}

/// A cell's paragraphs: empty ones dropped (their mark's change taken by
/// the paragraph before), at least one, the last one's mark unchanged (a
/// cell's end cannot be inserted or deleted).
fn cell_paragraphs(paras: impl Iterator<Item = (Vec<Inline>, Rev)>) -> Vec<CellParagraph> {
    let mut out: Vec<CellParagraph> = Vec::new();
    for (content, mark) in paras {
        if content.is_empty() {
            if let Some(prev) = out.last_mut() {
                prev.mark = mark;
            }
            continue;
        }
        out.push(CellParagraph { content, mark });
    }
    match out.last_mut() {
        Some(last) => last.mark = Rev::NONE,
        None => out.push(CellParagraph {
            content: Vec::new(),
            mark: Rev::NONE,
        }),
    }
    out
}

/// Rows made up to the grid's width with empty cells, and spans down
/// kept inside the table.
fn fill_rows(rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let mut rows = rows;
    let n = rows.len();
    for (r, row) in rows.iter_mut().enumerate() {
        for cell in row {
            cell.rowspan = cell.rowspan.clamp(1, n - r);
        }
    }
    let columns = Table {
        align: Vec::new(),
        header: Vec::new(),
        rows: rows.clone(),
    }
    .columns();
    // Per grid column: how many more rows a cell from above covers.
    let mut covered = vec![0usize; columns];
    for row in &mut rows {
        let mut free = covered.iter().filter(|&&c| c == 0).count();
        let mut col = 0;
        for cell in row.iter_mut() {
            while covered.get(col).is_some_and(|&c| c > 0) {
                col += 1;
            }
            // A span cut where a merged cell from above stands (a file
            // whose merges do not line up): cells never overlap.
            let room = covered[col.min(columns)..]
                .iter()
                .take_while(|&&c| c == 0)
                .count()
                .max(1);
            cell.colspan = cell.colspan.min(room);
            for c in covered.iter_mut().skip(col).take(cell.colspan) {
                *c = cell.rowspan;
            }
            free = free.saturating_sub(cell.colspan);
            col += cell.colspan;
        }
        row.extend((0..free).map(|_| Cell::of(Vec::new())));
        for slot in &mut covered {
            *slot = slot.saturating_sub(1);
        }
    }
    rows
}

/// A break inserted or deleted inside a cell that is gone (the cell's
/// last, or an empty paragraph's): a change group that held nothing else
/// (an empty inserted table, say) would attribute nothing, so its start
/// and end go too, and so do the spaces that stood for the breaks at a
/// cell's end.
fn without_empty_groups(rows: &mut [Vec<Cell>]) {
    let changed = |i: &Inline| match i {
        Inline::Text(r) => !r.rev.is_none(),
        Inline::FootnoteRef { rev, .. } => !rev.is_none(),
        _ => false,
    };
    let mut paras: Vec<&mut CellParagraph> = rows
        .iter_mut()
        .flatten()
        .flat_map(|c| c.paragraphs.iter_mut())
        .collect();
    let lens: Vec<usize> = paras.iter().map(|p| p.content.len()).collect();
    let marks: Vec<bool> = paras.iter().map(|p| !p.mark.is_none()).collect();
    let mut all = Vec::new();
    // A kept changed mark counts as a change of its paragraph's end.
    let mut ends = Vec::new();
    for p in &paras {
        all.extend(p.content.iter().cloned());
        ends.push(all.len());
    }
    let mut drop = vec![false; all.len()];
    for (end, inline) in all.iter().enumerate() {
        let Inline::GroupEnd(g) = inline else {
            continue;
        };
        let start = all[..end]
            .iter()
            .rposition(|i| matches!(i, Inline::GroupStart(s) if s == g));
        let Some(start) = start else { continue };
        let mark_between = ends
            .iter()
            .zip(&marks)
            .any(|(&e, &m)| m && e > start && e <= end);
        if !mark_between && !all[start..end].iter().any(changed) {
            drop[start] = true;
            drop[end] = true;
        }
    }
    let mut kept = all.into_iter().zip(drop);
    for (p, len) in paras.iter_mut().zip(lens) {
        p.content.clear();
        p.content
            .extend(kept.by_ref().take(len).filter(|(_, d)| !d).map(|(i, _)| i));
        while let Some(Inline::Text(r)) = p.content.last_mut() {
            if !r.rev.is_none() || !r.text.ends_with(' ') {
                break;
            }
            r.text.truncate(r.text.trim_end_matches(' ').len());
            if !r.text.is_empty() {
                break;
            }
            p.content.pop();
        }
    }
}

fn alignments(rows: &[Vec<RawCell>]) -> Vec<Align> {
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    first
        .iter()
        .flat_map(|cell| {
            let align = match cell.paras.first().and_then(|p| p.align.as_deref()) {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                _ => Align::Default,
            };
            std::iter::repeat_n(align, cell.span.max(1))
        })
        .collect()
}

fn paragraph(
    role: Role,
    mut content: Vec<Inline>,
    mark: Rev,
    number: &mut u32,
    list: &mut u32,
) -> Block {
    let kind = match role {
        Role::Heading(level) => {
            let label = take_label(&mut content);
            return Block::Heading(Heading {
                level,
                number: label.map(|l| l.trim_end_matches('.').to_string()),
                content,
                mark,
            });
        }
        Role::Point => {
            let text = Inline::text_of(&content);
            let n = text
                .split_whitespace()
                .last()
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            return Block::Point(Point {
                number: n,
                blocks: Vec::new(),
            });
        }
        Role::Numbered => {
            *number += 1;
            ParagraphKind::Numbered(*number)
        }
        Role::Sub(level) => {
            let label = take_label(&mut content).unwrap_or_else(|| "a".into());
            let label = label
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_string();
            ParagraphKind::Sub { level, label }
        }
        Role::ListItem => {
            *list += 1;
            let label = take_label(&mut content);
            let n = label
                .and_then(|l| l.trim_end_matches(['.', ')']).parse().ok())
                .unwrap_or(*list);
            ParagraphKind::ListItem(n)
        }
        Role::Kind(kind) => kind,
        Role::Quote | Role::Plain | Role::Statement => ParagraphKind::Plain,
    };
    Block::Paragraph(Paragraph {
        kind,
        content,
        mark,
    })
}

/// The number Word's numbering gives a list item.
fn word_number(p: &Para) -> Option<u32> {
    match p.list?.label {
        ListLabel::Number { number, .. } => Some(number),
        ListLabel::Bullet(_) => None,
    }
}

/// Whether the blocks end in a statement (inside the open point, if one is).
fn ends_in_statement(out: &[Block]) -> bool {
    let blocks = match out.last() {
        Some(Block::Point(p)) => &p.blocks,
        _ => out,
    };
    matches!(blocks.last(), Some(Block::Statement(_)))
}

/// Adds a block where it belongs: into the open discussion point, into a
/// quote or statement with the blocks of its kind before it (`container`:
/// `Some(true)` a statement's, `Some(false)` a quote's).
fn place(out: &mut Vec<Block>, block: Block, container: Option<bool>) {
    let target = match out.last_mut() {
        Some(Block::Point(p)) if !matches!(block, Block::Point(_) | Block::Heading(_)) => {
            &mut p.blocks
        }
        _ => out,
    };
    let Some(statement) = container else {
        target.push(block);
        return;
    };
    match (target.last_mut(), statement) {
        (Some(Block::Statement(inner)), true) | (Some(Block::Quote(inner)), false) => {
            inner.push(block)
        }
        (_, true) => target.push(Block::Statement(vec![block])),
        (_, false) => target.push(Block::Quote(vec![block])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::wml::RevisionRefs;

    fn text(t: &str) -> Inline {
        Inline::Text(Run {
            text: t.into(),
            style: Style::default(),
            rev: Rev::NONE,
        })
    }

    #[test]
    fn a_label_split_over_runs_is_taken_whole() {
        let mut content = vec![text("("), text("أ"), text(")\tيُبيَّن النص")];
        assert_eq!(take_label(&mut content).as_deref(), Some("(أ)"));
        assert_eq!(content, vec![text("يُبيَّن النص")]);
        let mut no_tab = vec![text("(a) words")];
        assert_eq!(take_label(&mut no_tab), None);
        assert_eq!(no_tab, vec![text("(a) words")]);
    }

    #[test]
    fn a_note_right_after_the_last_word_is_a_paragraph_of_its_own() {
        let mut folded = vec![text("Words."), Inline::StandingNote(NoteId(0))];
        assert_eq!(
            trailing_notes(&mut folded),
            Some(vec![Inline::StandingNote(NoteId(0))])
        );
        assert_eq!(folded, vec![text("Words.")]);
        // Written after a space, it stays in its paragraph.
        let mut inline = vec![text("Words."), Inline::StandingNote(NoteId(0)), text(" ")];
        assert_eq!(trailing_notes(&mut inline), None);
        // A paragraph of notes alone is one already.
        let mut alone = vec![Inline::StandingNote(NoteId(0))];
        assert_eq!(trailing_notes(&mut alone), None);
    }

    #[test]
    fn an_unstyled_point_heading_is_recognised_by_its_words() {
        let para = |t: &str, revs: RevisionRefs| Para {
            items: vec![Item::Text {
                text: t.into(),
                bold: false,
                italic: false,
                revs,
            }],
            ..Para::default()
        };
        let label = "Discussion point";
        assert_eq!(
            role(&para("Discussion point 4", RevisionRefs::default()), label),
            Role::Point
        );
        assert_eq!(
            role(
                &para("Discussion point four", RevisionRefs::default()),
                label
            ),
            Role::Plain
        );
        assert_eq!(
            role(
                &para("Discussion point 4 is", RevisionRefs::default()),
                label
            ),
            Role::Plain
        );
        let inserted = RevisionRefs {
            ins: Some(0),
            del: None,
        };
        assert_eq!(
            role(&para("Discussion point 4", inserted), label),
            Role::Plain
        );
    }
}
