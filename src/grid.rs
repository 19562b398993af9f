//! Grid tables, pandoc's form for tables whose cells hold several
//! paragraphs or span columns and rows (docs/source-format.md §6,
//! "Tables"): the geometry only, shared by the source reader and the
//! writers of Markdown. A cell's text is the lines inside its borders;
//! what the lines mean is the caller's.
//!
//! ```text
//! +------+------------+
//! | Item | Note       |
//! +======+============+
//! | 1    | First.     |
//! |      |            |
//! |      | Second.    |
//! +------+-----+------+
//! | spans two columns |
//! +-------------------+
//! ```
//!
//! Columns are counted in display columns (a CJK character is two), as
//! pandoc and an editor's monospace view count them. Cells are found as
//! docutils and pandoc find them: from a corner `+`, right along the top
//! border to a `+` from which a border runs down, left and up again.

use crate::model::{Align, Cell, Inline, Table};
use unicode_width::UnicodeWidthChar;

/// One cell to lay out: where it starts in the grid, what it spans and
/// its lines of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub lines: Vec<String>,
}

/// `table` as a grid table whose cells' paragraphs are written by
/// `paragraph`, a blank line between them (the text and pandoc writers).
pub fn write_table_by_paragraph(
    table: &Table,
    prefix: &str,
    paragraph: &mut dyn FnMut(&[Inline]) -> String,
) -> String {
    write_table(table, prefix, &mut |cell| {
        let paragraphs: Vec<String> = cell
            .paragraphs
            .iter()
            .map(|p| paragraph(&p.content))
            .collect();
        paragraphs.join("\n\n")
    })
}

/// `table` as a grid table, each line after `prefix`: the cells where
/// [`Table::placed`] puts them, each cell's text as `cell_text` writes it
/// (its paragraphs, a blank line between them). The source, text and
/// pandoc writers share it; each sets a cell's words its own way.
pub fn write_table(
    table: &Table,
    prefix: &str,
    cell_text: &mut dyn FnMut(&Cell) -> String,
) -> String {
    let placed = table.placed();
    let rows = placed.len();
    let mut cells = Vec::new();
    for (row, line) in placed.iter().enumerate() {
        for &(col, cell) in line {
            cells.push(Layout {
                row,
                col,
                rowspan: cell.rowspan.clamp(1, rows - row),
                colspan: cell.colspan.max(1),
                lines: cell_text(cell).split('\n').map(str::to_string).collect(),
            });
        }
    }
    // pandoc's header rule, unless a header cell spans into the body.
    let rule = rows > 1 && table.header.iter().all(|c| c.rowspan <= 1);
    write(&cells, rows, table.columns(), &table.align, rule, prefix)
}

fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Lays out `cells` (covering a grid of `rows` × `columns`) as a grid
/// table, each line after `prefix`. `header_rule`: the border under the
/// first row is `=` (pandoc's header). The alignments stand as `:` on
/// that border, or on the top one without it.
pub fn write(
    cells: &[Layout],
    rows: usize,
    columns: usize,
    align: &[Align],
    header_rule: bool,
    prefix: &str,
) -> String {
    let rows = rows.max(1);
    let columns = columns.max(1);
    // Inner widths of the columns: each cell's widest line and a space
    // either side; a spanning cell widens its last column.
    let mut w = vec![3usize; columns];
    let mut by_span: Vec<&Layout> = cells.iter().collect();
    by_span.sort_by_key(|c| c.colspan);
    for c in &by_span {
        let need = c.lines.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
        let (from, to) = (c.col.min(columns - 1), (c.col + c.colspan).min(columns));
        let have: usize = w[from..to].iter().sum::<usize>() + (to - from - 1);
        if need > have {
            w[to - 1] += need - have;
        }
    }
    let mut x = vec![0usize; columns + 1];
    for j in 0..columns {
        x[j + 1] = x[j] + w[j] + 1;
    }
    // Heights: a cell's lines, and a blank line more for a cell spanning
    // columns with a `|` or `+` on a column border inside it (a reader
    // would take it for a border running down).
    let mut h = vec![1usize; rows];
    let mut by_rows: Vec<&Layout> = cells.iter().collect();
    by_rows.sort_by_key(|c| c.rowspan);
    for c in &by_rows {
        let (from, to) = (c.row.min(rows - 1), (c.row + c.rowspan).min(rows));
        let inner: Vec<usize> = x[c.col + 1..c.col + c.colspan].to_vec();
        let on_border = c.lines.iter().any(|l| {
            let mut col = x[c.col] + 2;
            l.chars().any(|ch| {
                let hit = matches!(ch, '|' | '+') && inner.contains(&col);
                col += ch.width().unwrap_or(0);
                hit
            })
        });
        let need = c.lines.len().max(1) + usize::from(on_border);
        let have: usize = h[from..to].iter().sum::<usize>() + (to - from - 1);
        if need > have {
            h[to - 1] += need - have;
        }
    }
    let mut y = vec![0usize; rows + 1];
    for r in 0..rows {
        y[r + 1] = y[r] + h[r] + 1;
    }
    let mut canvas: Vec<Vec<char>> = vec![vec![' '; x[columns] + 1]; y[rows] + 1];
    let rule_line = if header_rule { Some(y[1]) } else { None };
    for c in cells {
        let (top, bottom) = (y[c.row], y[(c.row + c.rowspan).min(rows)]);
        let (left, right) = (x[c.col], x[(c.col + c.colspan).min(columns)]);
        for line in [top, bottom] {
            let dash = if Some(line) == rule_line { '=' } else { '-' };
            for ch in &mut canvas[line][left + 1..right] {
                if *ch != '+' {
                    *ch = dash;
                }
            }
        }
        for row in &mut canvas[top + 1..bottom] {
            row[left] = '|';
            row[right] = '|';
        }
        for (line, col) in [(top, left), (top, right), (bottom, left), (bottom, right)] {
            canvas[line][col] = '+';
        }
        for (i, text) in c.lines.iter().enumerate() {
            let mut col = left + 2;
            for ch in text.chars() {
                let cw = ch.width().unwrap_or(0);
                canvas[top + 1 + i][col] = ch;
                // A wide character takes the next column too.
                for k in 1..cw {
                    canvas[top + 1 + i][col + k] = '\0';
                }
                col += cw;
            }
        }
    }
    let align_line = rule_line.unwrap_or(0);
    for (j, a) in align.iter().enumerate().take(columns) {
        let (l, r) = match a {
            Align::Default => (false, false),
            Align::Left => (true, false),
            Align::Center => (true, true),
            Align::Right => (false, true),
        };
        if l {
            canvas[align_line][x[j] + 1] = ':';
        }
        if r {
            canvas[align_line][x[j + 1] - 1] = ':';
        }
    }
    let mut out = String::new();
    for line in canvas {
        out.push_str(prefix);
        let text: String = line.into_iter().filter(|&c| c != '\0').collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// A grid table read: its cells in reading order (by top, then left),
/// the alignments and whether a `=` border closes a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub cells: Vec<ReadCell>,
    pub rows: usize,
    pub columns: usize,
    pub align: Vec<Align>,
    pub header_rule: bool,
}

/// A cell read: its place, spans and its lines of text, each with its
/// byte offset in the file (the text between the borders, untrimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub lines: Vec<(usize, String)>,
}

/// What is wrong with a grid table: the line (index into the lines
/// given) and the byte offset in it, and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub line: usize,
    pub byte: usize,
    pub message: String,
}

/// A line as display columns: each column's character and byte offset
/// (a wide character's second column holds `'\0'`).
struct Line {
    cols: Vec<(char, usize)>,
    len: usize,
}

impl Line {
    fn new(text: &str) -> Line {
        let mut cols = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            cols.push((c, i));
            for _ in 1..c.width().unwrap_or(0) {
                cols.push(('\0', i));
            }
        }
        Line {
            cols,
            len: text.len(),
        }
    }

    fn at(&self, x: usize) -> char {
        self.cols.get(x).map_or(' ', |c| c.0)
    }

    /// The byte offset of display column `x` (the line's end past it).
    fn byte(&self, x: usize) -> usize {
        self.cols.get(x).map_or(self.len, |c| c.1)
    }
}

fn horizontal(c: char) -> bool {
    matches!(c, '-' | '=' | ':' | '+')
}

/// The lines of a grid table, read as display columns.
struct Grid(Vec<Line>);

impl Grid {
    fn at(&self, y: usize, x: usize) -> char {
        self.0.get(y).map_or(' ', |l| l.at(x))
    }

    fn scan_up(&self, top: usize, left: usize, bottom: usize) -> bool {
        (top + 1..bottom).all(|y| matches!(self.at(y, left), '|' | '+'))
    }

    fn scan_left(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        self.at(bottom, left) == '+'
            && (left + 1..right).all(|x| horizontal(self.at(bottom, x)))
            && self.scan_up(top, left, bottom)
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for y in top + 1..self.0.len() {
            match self.at(y, right) {
                '+' if self.scan_left(top, left, y, right) => return Some(y),
                '+' | '|' => {}
                _ => return None,
            }
        }
        None
    }

    /// The bottom and right of the cell whose top left corner is here.
    fn scan_cell(&self, top: usize, left: usize) -> Option<(usize, usize)> {
        for x in left + 1..self.0[top].cols.len() {
            match self.at(top, x) {
                '+' => {
                    if let Some(bottom) = self.scan_down(top, left, x) {
                        return Some((bottom, x));
                    }
                }
                c if horizontal(c) => {}
                _ => return None,
            }
        }
        None
    }

    /// Every cell as (top, left, bottom, right), from the first corner on.
    fn rectangles(&self) -> Vec<(usize, usize, usize, usize)> {
        let right_end = self.0[0].cols.len().saturating_sub(1);
        let bottom_end = self.0.len() - 1;
        let mut corners = std::collections::BTreeSet::from([(0usize, 0usize)]);
        let mut done = std::collections::BTreeSet::new();
        let mut rects = Vec::new();
        while let Some((top, left)) = corners.pop_first() {
            if !done.insert((top, left)) {
                continue;
            }
            // A corner on the inner border of a cell spanning columns
            // starts no cell: the places left uncovered are reported.
            let Some((bottom, right)) = self.scan_cell(top, left) else {
                continue;
            };
            rects.push((top, left, bottom, right));
            if right < right_end {
                corners.insert((top, right));
            }
            if bottom < bottom_end {
                corners.insert((bottom, left));
            }
        }
        rects.sort_unstable();
        rects
    }

    /// The alignments: `:` at the ends of each column on the `=` border,
    /// or on the top one.
    fn alignments(&self, line: usize, xs: &[usize]) -> Vec<Align> {
        xs.windows(2)
            .map(|w| {
                let l = self.at(line, w[0] + 1) == ':';
                let r = self.at(line, w[1] - 1) == ':';
                match (l, r) {
                    (true, true) => Align::Center,
                    (true, false) => Align::Left,
                    (false, true) => Align::Right,
                    (false, false) => Align::Default,
                }
            })
            .collect()
    }
}

/// Reads the geometry of a grid table from its lines (each without its
/// indentation, given with its byte offset in the file).
pub fn read(lines: &[(usize, &str)]) -> Result<Read, Malformed> {
    let grid = Grid(lines.iter().map(|(_, l)| Line::new(l)).collect());
    let at = |y: usize, x: usize| grid.at(y, x);
    let malformed = |y: usize, x: usize, message: &str| Malformed {
        line: y,
        byte: grid.0.get(y).map_or(0, |l| l.byte(x)),
        message: message.to_string(),
    };
    if at(0, 0) != '+' {
        return Err(malformed(0, 0, "a grid table starts with a border `+---+`"));
    }
    let bottom_end = grid.0.len() - 1;
    let rects = grid.rectangles();
    if rects.is_empty() {
        return Err(malformed(
            0,
            0,
            "the first cell's borders do not close (`+` at the corners, `-` across, `|` down)",
        ));
    }
    // Every line is inside the cells found: nothing below or to the right.
    let (low, wide) = rects
        .iter()
        .fold((0, 0), |(b, r), c| (b.max(c.2), r.max(c.3)));
    if low < bottom_end {
        return Err(malformed(
            low + 1,
            0,
            "this line is in no cell: a cell's bottom border (`+---+`) is missing",
        ));
    }
    if let Some(y) =
        (0..grid.0.len()).find(|&y| (wide + 1..grid.0[y].cols.len()).any(|x| at(y, x) != ' '))
    {
        return Err(malformed(
            y,
            wide + 1,
            "text to the right of the table's last border",
        ));
    }
    let mut ys: Vec<usize> = rects.iter().flat_map(|r| [r.0, r.2]).collect();
    let mut xs: Vec<usize> = rects.iter().flat_map(|r| [r.1, r.3]).collect();
    ys.sort_unstable();
    ys.dedup();
    xs.sort_unstable();
    xs.dedup();
    let (rows, columns) = (ys.len() - 1, xs.len() - 1);
    let index = |v: &[usize], k: usize| v.binary_search(&k).expect("a border of a cell");
    let mut covered = vec![false; rows * columns];
    let mut cells = Vec::with_capacity(rects.len());
    for &(top, left, bottom, right) in &rects {
        let (row, col) = (index(&ys, top), index(&xs, left));
        let (rowspan, colspan) = (index(&ys, bottom) - row, index(&xs, right) - col);
        for r in row..row + rowspan {
            for c in col..col + colspan {
                if std::mem::replace(&mut covered[r * columns + c], true) {
                    return Err(malformed(top, left, "two cells of this grid table overlap"));
                }
            }
        }
        let text = (top + 1..bottom)
            .map(|y| {
                let (from, to) = (grid.0[y].byte(left + 1), grid.0[y].byte(right));
                let line = lines[y].1;
                (lines[y].0 + from, line[from..to.max(from)].to_string())
            })
            .collect();
        cells.push(ReadCell {
            row,
            col,
            rowspan,
            colspan,
            lines: text,
        });
    }
    if let Some(hole) = covered.iter().position(|c| !c) {
        let (r, c) = (hole / columns, hole % columns);
        return Err(malformed(
            ys[r],
            xs[c],
            "a cell's borders do not close around this place (`+` at the corners, `-` across, `|` down)",
        ));
    }
    // The header's border: a line of `=` (at its column borders, `+`).
    let header_line =
        (1..grid.0.len()).find(|&y| (0..grid.0[y].cols.len()).any(|x| at(y, x) == '='));
    let align = grid.alignments(header_line.unwrap_or(0), &xs);
    if let Some(line) = header_line {
        if ys.get(1) != Some(&line) {
            return Err(malformed(
                line,
                0,
                "the `=` border must close the table's first row (a table's header is one row)",
            ));
        }
    }
    Ok(Read {
        cells,
        rows,
        columns,
        align,
        header_rule: header_line.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, col: usize, rowspan: usize, colspan: usize, lines: &[&str]) -> Layout {
        Layout {
            row,
            col,
            rowspan,
            colspan,
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    fn read_back(text: &str) -> Read {
        let mut offset = 0;
        let lines: Vec<(usize, &str)> = text
            .lines()
            .map(|l| {
                let at = offset;
                offset += l.len() + 1;
                (at, l)
            })
            .collect();
        read(&lines).expect("reads")
    }

    #[test]
    fn spans_and_paragraphs_are_laid_out_and_read_back() {
        let cells = vec![
            cell(0, 0, 1, 1, &["Item"]),
            cell(0, 1, 1, 1, &["Note"]),
            cell(1, 0, 2, 1, &["1"]),
            cell(1, 1, 1, 1, &["First.", "", "Second."]),
            cell(2, 1, 1, 1, &["a | b + c"]),
            cell(3, 0, 1, 2, &["abcde|f", "|+|"]),
        ];
        let text = write(&cells, 4, 2, &[Align::Left, Align::Right], true, "");
        // The `|` on the inner column border of the last cell takes a
        // blank line under it, so that no border seems to run down.
        assert_eq!(
            text,
            "+------+-----------+\n\
             | Item | Note      |\n\
             +:=====+==========:+\n\
             | 1    | First.    |\n\
             |      |           |\n\
             |      | Second.   |\n\
             |      +-----------+\n\
             |      | a | b + c |\n\
             +------+-----------+\n\
             | abcde|f          |\n\
             | |+|              |\n\
             |                  |\n\
             +------------------+\n"
        );
        let read = read_back(&text);
        assert_eq!((read.rows, read.columns), (4, 2));
        assert!(read.header_rule);
        assert_eq!(read.align, vec![Align::Left, Align::Right]);
        let shapes: Vec<_> = read
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (0, 0, 1, 1),
                (0, 1, 1, 1),
                (1, 0, 2, 1),
                (1, 1, 1, 1),
                (2, 1, 1, 1),
                (3, 0, 1, 2)
            ]
        );
        let texts: Vec<Vec<&str>> = read
            .cells
            .iter()
            .map(|c| c.lines.iter().map(|(_, l)| l.trim()).collect())
            .collect();
        assert_eq!(texts[3], vec!["First.", "", "Second."]);
        assert_eq!(texts[5], vec!["abcde|f", "|+|", ""]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let cells = vec![cell(0, 0, 1, 1, &["法国"]), cell(0, 1, 1, 1, &["b"])];
        let text = write(&cells, 1, 2, &[], false, "");
        assert_eq!(text, "+------+---+\n| 法国 | b |\n+------+---+\n");
        let read = read_back(&text);
        assert_eq!(read.cells[0].lines[0].1.trim(), "法国");
        assert!(!read.header_rule);
    }

    #[test]
    fn broken_borders_are_reported_where_they_break() {
        let lines = [(0, "+---+---+"), (10, "| a   b |"), (20, "+---+-- +")];
        let err = read(&lines).expect_err("no closing border");
        assert_eq!(err.line, 0);
        let holes = [
            (0, "+---+"),
            (6, "| a |"),
            (12, "+---+---+"),
            (22, "| b | c |"),
        ];
        assert!(read(&holes).is_err());
    }
}
