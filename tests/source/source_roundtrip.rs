//! The source writer: parse → write → parse gives the same document in
//! every view (as `--to md` prints it) and the same changes and notes per
//! author, for the bundled examples and generated sources.

use rapporteur::model::view::{self, View};
use rapporteur::model::{AuthorId, Block, Document, ParagraphKind};
use rapporteur::read::source;
use rapporteur::write::source as source_write;
use rapporteur::write::text;

fn views(doc: &Document) -> Vec<View> {
    let mut v = vec![View::All, View::Accepted, View::Original];
    v.extend((0..doc.authors.len()).map(|i| View::Author(AuthorId(i))));
    v
}

/// Everything the round trip must keep, as text: each view and the stats.
fn fingerprint(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = views(doc)
        .into_iter()
        .map(|v| text::write(&view::apply(doc, v)))
        .collect();
    for (id, s) in rapporteur::model::stats::stats(doc) {
        let a = doc.author(id);
        out.push(format!(
            "{} {} {:?} {} {} {}",
            a.code, a.name, a.aliases, s.insertions, s.deletions, s.notes
        ));
    }
    out
}

/// Every paragraph's kind, in order.
fn kinds(doc: &Document) -> Vec<ParagraphKind> {
    fn walk(blocks: &[Block], out: &mut Vec<ParagraphKind>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(p.kind.clone()),
                Block::Point(p) => walk(&p.blocks, out),
                Block::Statement(b) | Block::Quote(b) => walk(b, out),
                Block::Heading(_) | Block::Table(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, &mut out);
    out
}

fn round_trip(name: &str, src: &str) {
    let doc = source::parse(name, src).unwrap_or_else(|e| panic!("{e}"));
    let written = source_write::write(&doc);
    let again = source::parse("written.md", &written).unwrap_or_else(|e| {
        panic!("{name}: the written source does not read back:\n{e}\n{written}")
    });
    let (a, b) = (fingerprint(&doc), fingerprint(&again));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            let diff = similar::TextDiff::from_lines(x, y);
            panic!(
                "{name}: round trip differs:\n{}",
                diff.unified_diff().context_radius(2)
            );
        }
    }
    // Writing is stable: the written source writes itself again.
    assert_eq!(
        source_write::write(&again),
        written,
        "{name}: not a fixed point"
    );
}

#[test]
fn bundled_examples_round_trip() {
    round_trip(
        "firearms-comments.md",
        include_str!("../../examples/firearms-comments.md"),
    );
    round_trip("minimal.md", include_str!("../../examples/minimal.md"));
    round_trip("footnotes.md", include_str!("../data/footnotes.md"));
}

#[test]
fn generated_sources_round_trip() {
    for seed in 1..=6 {
        let src = rapporteur::generate::document(1, seed);
        round_trip(&format!("generated seed {seed}"), &src);
    }
}

#[test]
fn syntax_in_text_is_escaped() {
    let src = "+++\nsymbol = \"X\"\ndate = 2020-01-01\nlanguage = \"fr\"\n[authors]\n\"Saudi Arabia\" = { name = \"Saudi Arabia\", aliases = [\"KSA Mission\"] }\nUS = { name = \"United States\", date = 2020-09-16T00:00:00Z }\n+++\n\n\\# not a heading \\* star \\{++ not a change \\[^x] \\\"straight\\\" 1\\--2 a\\+\\+} b\\~> c\\=\\=}.\n\n\\12. not numbered, \\(a) not lettered: \\\\ backslash.\n\n{++*new* **bold** text++}{>>US: why \\\"so\\\" <\\<} here<<} {--gone {++in++}{>>Saudi Arabia<<} it--}{>>US<<}.\n\n| a \\| b | c |\n| --- | ---: |\n| {++x++}{>>US<<} | y |\n";
    round_trip("escapes.md", src);
    let doc = source::parse("escapes.md", src).unwrap();
    let written = source_write::write(&doc);
    assert!(written.contains("aliases = [\"KSA Mission\"]"), "{written}");
}

#[test]
fn aliases_must_be_a_list_of_names() {
    let head = "+++\nsymbol = \"X\"\ndate = 2020-01-01\n[authors]\n";
    let ok = format!("{head}US = {{ name = \"United States\", aliases = [\"Jane Doe\", \"USUN Vienna\"] }}\n+++\nText.\n");
    let doc = source::parse("ok.md", &ok).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.authors[0].aliases, ["Jane Doe", "USUN Vienna"]);
    assert!(doc.authors[0].answers_to("usun vienna"));
    assert!(!doc.authors[0].answers_to("Canada"));
    for bad in [
        "aliases = \"Jane Doe\"",
        "aliases = [\"\"]",
        "aliases = [1]",
    ] {
        let text = format!("{head}US = {{ name = \"United States\", {bad} }}\n+++\nText.\n");
        let err = source::parse("bad.md", &text).unwrap_err().short();
        assert!(
            err.contains("bad.md:5:") && err.contains("aliases"),
            "{bad}: {err}"
        );
    }
}

/// Documents made in the model (through [`model::Builder`]) with every
/// construct the source writer must be able to write: emphasis changing
/// inside words, control characters, changes nested in changes by the
/// same author or another, changes of white space alone, changes of
/// paragraph marks (alone, in a row, continuing a change of the text
/// before them, at the end of the document), reasons and co-proposers,
/// list items of every format and form at three levels, restarting and
/// (decimal) starting anywhere.
mod generated {
    use proptest::prelude::*;
    use rapporteur::model::*;

    pub const AUTHORS: [&str; 3] = ["US", "FR", "Canada"];

    /// A word as runs of (text, italic, bold): emphasis on part of it.
    type Word = Vec<(String, bool, bool)>;

    #[derive(Debug, Clone)]
    pub enum Seg {
        Words(Vec<Word>),
        Change {
            insertion: bool,
            by: usize,
            before: Vec<Word>,
            /// A change nested in it: kind, author (maybe the same), words.
            nested: Option<(bool, usize, Vec<Word>)>,
            after: Vec<Word>,
            reason: bool,
            co_proposer: Option<usize>,
        },
        /// `{++ ++}`: after a space (folded with it) or between two words.
        Space {
            insertion: bool,
            by: usize,
            after_space: bool,
        },
    }

    #[derive(Debug, Clone)]
    pub enum MarkSpec {
        Unchanged,
        /// A change of the mark alone.
        Own {
            insertion: bool,
            by: usize,
        },
        /// The paragraph's last change goes on over its mark.
        Continue,
    }

    #[derive(Debug, Clone)]
    pub struct ParaSpec {
        pub heading: bool,
        pub segs: Vec<Seg>,
        pub mark: MarkSpec,
        /// A list item: its level, its format (an index into
        /// [`FORMATS`]), whether it restarts its list and where a
        /// decimal list starts.
        pub list: Option<(u8, usize, bool, u32)>,
    }

    /// The formats a generated list item has: bullets, and every number
    /// style in every form (`(a)` and `(i)` are made subparagraphs by
    /// [`ListItem::kind`]).
    pub const FORMATS: [Option<(NumberStyle, LabelForm)>; 16] = {
        use LabelForm::*;
        use NumberStyle::*;
        [
            None,
            None,
            Some((Decimal, Period)),
            Some((Decimal, Paren)),
            Some((Decimal, Parens)),
            Some((LowerLetter, Period)),
            Some((LowerLetter, Paren)),
            Some((LowerLetter, Parens)),
            Some((UpperLetter, Period)),
            Some((UpperLetter, Paren)),
            Some((UpperLetter, Parens)),
            Some((LowerRoman, Period)),
            Some((LowerRoman, Paren)),
            Some((LowerRoman, Parens)),
            Some((UpperRoman, Period)),
            Some((UpperRoman, Paren)),
        ]
    };

    fn word() -> impl Strategy<Value = Word> {
        let piece = (
            prop::sample::select(vec![
                "j",
                "um",
                "ped",
                "word",
                "x.",
                "é",
                "do\u{85}g",
                "a-",
                "-b",
                "3",
            ]),
            any::<bool>(),
            any::<bool>(),
        );
        prop::collection::vec(piece, 1..4).prop_map(|pieces| {
            pieces
                .into_iter()
                .map(|(t, i, b)| (t.to_string(), i, b))
                .collect()
        })
    }

    fn words() -> impl Strategy<Value = Vec<Word>> {
        prop::collection::vec(word(), 1..3)
    }

    fn seg() -> impl Strategy<Value = Seg> {
        let change = (
            any::<bool>(),
            0..AUTHORS.len(),
            words(),
            prop::option::of((any::<bool>(), 0..AUTHORS.len(), words())),
            prop::collection::vec(word(), 0..2),
            any::<bool>(),
            prop::option::of(0..AUTHORS.len()),
        )
            .prop_map(
                |(insertion, by, before, nested, after, reason, co)| Seg::Change {
                    insertion,
                    by,
                    before,
                    nested,
                    after,
                    reason,
                    co_proposer: co.filter(|&c| c != by),
                },
            );
        prop_oneof![
            words().prop_map(Seg::Words),
            change,
            (any::<bool>(), 0..AUTHORS.len(), any::<bool>()).prop_map(
                |(insertion, by, after_space)| Seg::Space {
                    insertion,
                    by,
                    after_space
                }
            ),
        ]
    }

    fn para() -> impl Strategy<Value = ParaSpec> {
        let mark = prop_oneof![
            2 => Just(MarkSpec::Unchanged),
            1 => (any::<bool>(), 0..AUTHORS.len())
                .prop_map(|(insertion, by)| MarkSpec::Own { insertion, by }),
            1 => Just(MarkSpec::Continue),
        ];
        let list = prop::option::weighted(
            0.5,
            (
                1..4u8,
                0..FORMATS.len(),
                prop::bool::weighted(0.2),
                1..40u32,
            ),
        );
        (
            prop::bool::weighted(0.15),
            prop::collection::vec(seg(), 1..5),
            mark,
            list,
        )
            .prop_map(|(heading, mut segs, mark, list)| {
                // A paragraph starts and ends with words or a change (a
                // space change is between them), and a change goes on over
                // the mark only from the end of its text.
                if matches!(segs.first(), Some(Seg::Space { .. })) {
                    segs.insert(0, Seg::Words(vec![vec![("w".into(), false, false)]]));
                }
                if matches!(segs.last(), Some(Seg::Space { .. })) {
                    segs.push(Seg::Words(vec![vec![("z".into(), false, false)]]));
                }
                let mark = match (&mark, segs.last()) {
                    (MarkSpec::Continue, Some(Seg::Change { .. })) => mark,
                    (MarkSpec::Continue, _) => MarkSpec::Unchanged,
                    _ => mark,
                };
                ParaSpec {
                    heading,
                    segs,
                    mark,
                    list,
                }
            })
    }

    pub fn document() -> impl Strategy<Value = Vec<ParaSpec>> {
        prop::collection::vec(para(), 1..6)
    }

    /// A table: its number of columns, and per cell in reading order the
    /// spans it would like (cut to the room left) and its paragraphs.
    #[derive(Debug, Clone)]
    pub struct TableSpec {
        pub columns: usize,
        pub rows: usize,
        pub cells: Vec<(usize, usize, Vec<ParaSpec>)>,
    }

    pub fn table() -> impl Strategy<Value = TableSpec> {
        (
            1..4usize,
            1..4usize,
            prop::collection::vec(
                (1..3usize, 1..3usize, prop::collection::vec(para(), 1..3)),
                12,
            ),
        )
            .prop_map(|(columns, rows, cells)| TableSpec {
                columns,
                rows,
                cells,
            })
    }

    /// The document the specs describe, with a table after its text; with
    /// `controls` false, as a source can hold it (control characters left
    /// out).
    pub fn build_with_table(specs: &[ParaSpec], t: &TableSpec, controls: bool) -> Document {
        // A change of the break before a table is not the table's (a
        // change stays inside a cell): the text before ends unchanged.
        let mut specs = specs.to_vec();
        if let Some(last) = specs.last_mut() {
            last.mark = MarkSpec::Unchanged;
        }
        let mut doc = build(&specs, controls);
        let mut b = Builder::resume(&mut doc);
        // The grid filled row by row: each cell at the first free place,
        // its spans cut to the room there.
        let mut taken = vec![vec![false; t.columns]; t.rows];
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); t.rows];
        let mut specs = t.cells.iter().cycle();
        for r in 0..t.rows {
            for c in 0..t.columns {
                if taken[r][c] {
                    continue;
                }
                let (cs, rs, paras) = specs.next().expect("cycled");
                // The header spans no columns, so that each column has
                // a border of its own (a grid table has no other way to
                // say a column is there).
                // Likewise the first column spans no rows.
                let cs = if r == 0 { &1 } else { cs };
                let rs = if c == 0 { &1 } else { rs };
                let colspan = (1..=*cs)
                    .take_while(|k| c + k <= t.columns && !taken[r][c + k - 1])
                    .last()
                    .unwrap_or(1);
                let rowspan = (1..=*rs)
                    .take_while(|k| {
                        r + k <= t.rows && (c..c + colspan).all(|x| !taken[r + k - 1][x])
                    })
                    .last()
                    .unwrap_or(1);
                for row in taken.iter_mut().skip(r).take(rowspan) {
                    for slot in row.iter_mut().skip(c).take(colspan) {
                        *slot = true;
                    }
                }
                let mut paras = paras.clone();
                if let Some(last) = paras.last_mut() {
                    last.mark = MarkSpec::Unchanged;
                }
                let paragraphs = paragraphs(&mut b, &paras, controls)
                    .into_iter()
                    .map(|(content, mark, _)| CellParagraph { content, mark })
                    .collect();
                rows[r].push(Cell {
                    paragraphs,
                    colspan,
                    rowspan,
                });
            }
        }
        b.put_into(&mut doc);
        let mut rows = rows.into_iter();
        doc.blocks.push(Block::Table(Table {
            align: vec![Align::Default; t.columns],
            header: rows.next().unwrap_or_default(),
            rows: rows.collect(),
        }));
        doc
    }

    /// Paragraphs as the specs describe them: content, mark, whether a heading.
    fn paragraphs(
        b: &mut Builder,
        specs: &[ParaSpec],
        controls: bool,
    ) -> Vec<(Vec<Inline>, Rev, bool)> {
        let mut blocks = Vec::new();
        // The group whose end goes to the next paragraph's start.
        let mut carried: Option<GroupId> = None;
        for spec in specs {
            let mut out: Vec<Inline> = Vec::new();
            if let Some(g) = carried.take() {
                out.push(Inline::GroupEnd(g));
            }
            let mut last_change: Option<(GroupId, Rev)> = None;
            for (k, seg) in spec.segs.iter().enumerate() {
                if k > 0
                    && !matches!(
                        seg,
                        Seg::Space {
                            after_space: false,
                            ..
                        }
                    )
                {
                    text(&mut out, " ", (false, false), Rev::NONE);
                }
                last_change = segment(b, &mut out, seg, controls);
            }
            let mark = match (&spec.mark, last_change) {
                (MarkSpec::Continue, Some((g, rev))) => {
                    let end = out.iter().rposition(|i| *i == Inline::GroupEnd(g));
                    out.remove(end.expect("the change's end"));
                    carried = Some(g);
                    rev
                }
                (MarkSpec::Own { insertion, by }, _) => {
                    let g = b.open_group();
                    out.push(Inline::GroupStart(g));
                    let c = b.change_in(kind(*insertion), g, None);
                    b.attribute(g, AuthorId(*by), None);
                    carried = Some(g);
                    rev_of(*insertion, c)
                }
                _ => Rev::NONE,
            };
            blocks.push((out, mark, spec.heading));
        }
        if let (Some(g), Some((content, _, _))) = (carried, blocks.last_mut()) {
            content.push(Inline::GroupEnd(g));
        }
        blocks
    }

    /// The document the specs describe; with `controls` false, as a
    /// source can hold it (control characters left out).
    pub fn build(specs: &[ParaSpec], controls: bool) -> Document {
        let front = AUTHORS
            .iter()
            .fold(crate::support::front(), |f, a| f.author(a, a))
            .to_string();
        let mut doc = rapporteur::read::source::parse("front", &front).expect("front matter");
        let mut b = Builder::resume(&mut doc);
        let mut blocks = Vec::new();
        // The group whose end goes to the next paragraph's start.
        let mut carried: Option<GroupId> = None;
        // The last list item's format and number at each level.
        let mut numbers: Vec<Option<(usize, u32)>> = Vec::new();
        for spec in specs {
            let mut out: Vec<Inline> = Vec::new();
            if let Some(g) = carried.take() {
                out.push(Inline::GroupEnd(g));
            }
            let mut last_change: Option<(GroupId, Rev)> = None;
            for (k, seg) in spec.segs.iter().enumerate() {
                if k > 0
                    && !matches!(
                        seg,
                        Seg::Space {
                            after_space: false,
                            ..
                        }
                    )
                {
                    text(&mut out, " ", (false, false), Rev::NONE);
                }
                last_change = segment(&mut b, &mut out, seg, controls);
            }
            let mark = match (&spec.mark, last_change) {
                (MarkSpec::Continue, Some((g, rev))) => {
                    // The group's end moves past the mark.
                    let end = out.iter().rposition(|i| *i == Inline::GroupEnd(g));
                    out.remove(end.expect("the change's end"));
                    carried = Some(g);
                    rev
                }
                (MarkSpec::Own { insertion, by }, _) => {
                    let g = b.open_group();
                    out.push(Inline::GroupStart(g));
                    let c = b.change_in(kind(*insertion), g, None);
                    b.attribute(g, AuthorId(*by), None);
                    carried = Some(g);
                    rev_of(*insertion, c)
                }
                _ => Rev::NONE,
            };
            let kind = match spec.list {
                Some(item) if !spec.heading => list_kind(&mut b, &mut numbers, item),
                _ => {
                    numbers.clear();
                    ParagraphKind::Plain
                }
            };
            blocks.push(if spec.heading {
                Block::Heading(Heading {
                    level: 1,
                    number: None,
                    content: out,
                    mark,
                })
            } else {
                Block::Paragraph(Paragraph {
                    kind,
                    content: out,
                    mark,
                })
            });
        }
        // A change over the last mark ends with the last paragraph.
        if let (Some(g), Some(Block::Paragraph(Paragraph { content, .. })))
        | (Some(g), Some(Block::Heading(Heading { content, .. }))) = (carried, blocks.last_mut())
        {
            content.push(Inline::GroupEnd(g));
        }
        b.put_into(&mut doc);
        doc.blocks = blocks;
        doc
    }

    fn kind(insertion: bool) -> ChangeKind {
        if insertion {
            ChangeKind::Insertion
        } else {
            ChangeKind::Deletion
        }
    }

    fn rev_of(insertion: bool, c: ChangeId) -> Rev {
        if insertion {
            Rev {
                ins: Some(c),
                del: None,
            }
        } else {
            Rev {
                ins: None,
                del: Some(c),
            }
        }
    }

    /// Writes a segment; a change's group and the revision of its text.
    fn segment(
        b: &mut Builder,
        out: &mut Vec<Inline>,
        seg: &Seg,
        controls: bool,
    ) -> Option<(GroupId, Rev)> {
        match seg {
            Seg::Words(w) => {
                words_into(out, w, Rev::NONE, controls);
                None
            }
            Seg::Space { insertion, by, .. } => {
                let g = b.open_group();
                out.push(Inline::GroupStart(g));
                let c = b.change_in(kind(*insertion), g, None);
                b.attribute(g, AuthorId(*by), None);
                text(out, " ", (false, false), rev_of(*insertion, c));
                out.push(Inline::GroupEnd(g));
                None
            }
            Seg::Change {
                insertion,
                by,
                before,
                nested,
                after,
                reason,
                co_proposer,
            } => {
                let g = b.open_group();
                out.push(Inline::GroupStart(g));
                let c = b.change_in(kind(*insertion), g, None);
                let rev = rev_of(*insertion, c);
                words_into(out, before, rev, controls);
                if let Some((inner_insertion, inner_by, inner_words)) = nested {
                    text(out, " ", (false, false), rev);
                    let inner = b.open_group();
                    out.push(Inline::GroupStart(inner));
                    let d = b.change_in(kind(*inner_insertion), inner, Some(c));
                    let mut inner_rev = rev;
                    if *inner_insertion {
                        inner_rev.ins = Some(d);
                    } else {
                        inner_rev.del = Some(d);
                    }
                    words_into(out, inner_words, inner_rev, controls);
                    b.attribute(inner, AuthorId(*inner_by), None);
                    out.push(Inline::GroupEnd(inner));
                }
                if !after.is_empty() {
                    text(out, " ", (false, false), rev);
                    words_into(out, after, rev, controls);
                }
                let why = reason.then(|| "a reason".to_string());
                b.attribute(g, AuthorId(*by), why);
                if let Some(co) = co_proposer {
                    b.co_propose(g, AuthorId(*co));
                }
                out.push(Inline::GroupEnd(g));
                Some((g, rev))
            }
        }
    }

    fn words_into(out: &mut Vec<Inline>, words: &[Word], rev: Rev, controls: bool) {
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                text(out, " ", (false, false), rev);
            }
            for (t, italic, bold) in w {
                let t: String = if controls {
                    t.clone()
                } else {
                    t.chars().filter(|c| !c.is_control()).collect()
                };
                text(out, &t, (*italic, *bold), rev);
            }
        }
    }

    /// A list item's kind, numbered as Word counts a list: the next
    /// number of its level's list, or (restarting, or after an item of
    /// another format or a level above) 1, a decimal list any number. A
    /// level-1 decimal with a full stop is the document's numbering: such
    /// an item goes a level down.
    fn list_kind(
        b: &mut Builder,
        numbers: &mut Vec<Option<(usize, u32)>>,
        (level, format, restart, start): (u8, usize, bool, u32),
    ) -> ParagraphKind {
        let level = match FORMATS[format] {
            Some((NumberStyle::Decimal, LabelForm::Period)) if level == 1 => 2,
            _ => level,
        };
        let at = usize::from(level) - 1;
        numbers.resize(at + 1, None);
        numbers.truncate(at + 1);
        let label = match FORMATS[format] {
            None => ListLabel::Bullet(BULLETS[start as usize % BULLETS.len()]),
            Some((style, form)) => {
                let number = match numbers[at] {
                    Some((f, n)) if f == format && !restart => n + 1,
                    _ if style == NumberStyle::Decimal => start,
                    _ => 1,
                };
                numbers[at] = Some((format, number));
                ListLabel::Number {
                    style,
                    form,
                    number,
                }
            }
        };
        b.list_item(ListItem { level, label })
    }

    /// A run, joined to the one before when nothing tells them apart.
    fn text(out: &mut Vec<Inline>, t: &str, (italic, bold): (bool, bool), rev: Rev) {
        let style = Style { italic, bold };
        if let Some(Inline::Text(run)) = out.last_mut() {
            if run.style == style && run.rev == rev {
                run.text.push_str(t);
                return;
            }
        }
        out.push(Inline::Text(Run {
            text: t.to_string(),
            style,
            rev,
        }));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// Totality: every generated document is written as a source that
    /// reads back to the same document in every view, with the same
    /// changes and notes per author, and writes itself again.
    /// Tables too: cells of several paragraphs (with changes over the
    /// breaks between them), spanning columns and rows, in a grid table.
    #[test]
    fn every_generated_table_is_written_as_a_source_that_reads_back(
        specs in generated::document(),
        table in generated::table(),
    ) {
        let doc = generated::build_with_table(&specs, &table, true);
        let expected = generated::build_with_table(&specs, &table, false);
        let written = source_write::write(&doc);
        let again = match source::parse("written.md", &written) {
            Ok(again) => again,
            Err(e) => return Err(proptest::test_runner::TestCaseError::fail(format!("{}\n{written}", e.short()))),
        };
        // The same cells: spans and paragraphs (their text, through the
        // views below).
        let shape = |d: &Document| -> Vec<(usize, usize, usize)> {
            match d.blocks.last() {
                Some(rapporteur::model::Block::Table(t)) => std::iter::once(&t.header)
                    .chain(&t.rows)
                    .flatten()
                    .map(|c| (c.colspan, c.rowspan, c.paragraphs.len()))
                    .collect(),
                _ => Vec::new(),
            }
        };
        proptest::prop_assert_eq!(shape(&expected), shape(&again), "{}", written);
        let (a, b) = (fingerprint(&expected), fingerprint(&again));
        for (x, y) in a.iter().zip(&b) {
            proptest::prop_assert_eq!(x, y, "{}", written);
        }
        proptest::prop_assert_eq!(source_write::write(&again), written);
    }

    #[test]
    fn every_generated_document_is_written_as_a_source_that_reads_back(
        specs in generated::document()
    ) {
        let doc = generated::build(&specs, true);
        let expected = generated::build(&specs, false);
        let written = source_write::write(&doc);
        let again = match source::parse("written.md", &written) {
            Ok(again) => again,
            Err(e) => return Err(proptest::test_runner::TestCaseError::fail(format!("{}\n{written}", e.short()))),
        };
        let (a, b) = (fingerprint(&expected), fingerprint(&again));
        for (x, y) in a.iter().zip(&b) {
            proptest::prop_assert_eq!(x, y, "{}", written);
        }
        // The list items themselves: level, format, form, number.
        proptest::prop_assert_eq!(kinds(&expected), kinds(&again), "{}", written);
        proptest::prop_assert_eq!(source_write::write(&again), written);
    }
}
