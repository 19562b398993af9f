//! The UN first page and running heads (`shared/spec/un-layout.md`): the
//! masthead, the first-page header and footer, and odd/even headers and
//! footers with the symbol and page number on the outer side.

use super::body::{clean_text, reference_run, Builder, Child};
use super::styles;
use super::units::twips;
use super::xml::{Elem, Node};
use super::Error;
use crate::model::Metadata;
use crate::style::{job_line, masthead_right_column, HouseStyle, Labels};
use docx_rs::{
    FieldCharType, Footer, Header, InstrPAGE, InstrText, Paragraph, Run, Table, TableCell,
    TableCellMargins, TableRow, WidthType,
};

/// Header parts and their relationship ids: first page, odd, even.
pub(crate) const HEADERS: [(&str, &str); 3] = [
    ("word/header1.xml", "rIdHeaderFirst"),
    ("word/header2.xml", "rIdHeaderOdd"),
    ("word/header3.xml", "rIdHeaderEven"),
];
/// Footer parts and their relationship ids: first page, odd, even.
pub(crate) const FOOTERS: [(&str, &str); 3] = [
    ("word/footer1.xml", "rIdFooterFirst"),
    ("word/footer2.xml", "rIdFooterOdd"),
    ("word/footer3.xml", "rIdFooterEven"),
];
const KINDS: [&str; 3] = ["first", "default", "even"];

fn text(s: &str) -> Run {
    Run::new().add_text(clean_text(s))
}

/// The masthead below the first-page header: organ and the Distr./date/
/// Original column side by side, then session, venue, agenda item (with
/// its `*` footnote) and agenda title, then the document title and
/// subtitle.
pub(crate) fn masthead(
    b: &mut Builder,
    meta: &Metadata,
    style: &HouseStyle,
    text_width: f32,
) -> Result<Vec<Child>, Error> {
    let labels = Labels::get(meta.language);
    let m = &style.masthead;
    let mut out = Vec::new();

    let left_width = twips(m.right_column) as usize;
    let right_width = twips((text_width - m.right_column).max(36.0)) as usize;
    let mut left = TableCell::new().width(left_width, WidthType::Dxa);
    left = left.add_paragraph(match &meta.organ {
        Some(organ) => Paragraph::new()
            .style(styles::MASTHEAD_ORGAN)
            .add_run(text(organ)),
        None => Paragraph::new().style(styles::MASTHEAD_ORGAN),
    });
    let mut right = TableCell::new().width(right_width, WidthType::Dxa);
    for line in masthead_right_column(meta) {
        let mut p = Paragraph::new().style(styles::MASTHEAD_COLUMN);
        if !line.is_empty() {
            p = p.add_run(text(&line));
        }
        right = right.add_paragraph(p);
    }
    out.push(Child::Table(Box::new(
        // No cell margin on the outer sides, so the organ starts at the
        // page margin like the lines below it.
        Table::without_borders(vec![TableRow::new(vec![left, right])])
            .margins(TableCellMargins::new().margin(0, twips(m.column_gap) as usize, 0, 0))
            .indent(0)
            .set_grid(vec![left_width, right_width])
            .width(left_width + right_width, WidthType::Dxa),
    )));

    // A spacer line between the organ block and the session lines.
    out.push(Child::Paragraph(Box::new(
        Paragraph::new().style(styles::MASTHEAD_INFO),
    )));
    for line in [&meta.session, &meta.venue].into_iter().flatten() {
        out.push(Child::Paragraph(Box::new(
            Paragraph::new()
                .style(styles::MASTHEAD_SESSION)
                .add_run(text(line)),
        )));
    }
    if let Some(agenda) = &meta.agenda {
        let line = labels.agenda_line(agenda);
        let mut p = Paragraph::new()
            .style(styles::MASTHEAD_INFO)
            .add_run(text(&line.before));
        if let Some(note) = &line.note {
            let content = Paragraph::new()
                .style(styles::FOOTNOTE_TEXT)
                .add_run(text(note));
            let id = b.add_footnote(Some("*".into()), content)?;
            p = p.add_run(reference_run(id, Some("*".into())));
        }
        if !line.after.is_empty() {
            p = p.add_run(text(&line.after));
        }
        out.push(Child::Paragraph(Box::new(p)));
        if let Some(title) = &agenda.title {
            out.push(Child::Paragraph(Box::new(
                Paragraph::new()
                    .style(styles::MASTHEAD_AGENDA_TITLE)
                    .add_run(text(title)),
            )));
        }
    }
    if let Some(title) = &meta.title {
        out.push(Child::Paragraph(Box::new(
            Paragraph::new().style(styles::TITLE).add_run(text(title)),
        )));
    }
    if let Some(subtitle) = &meta.subtitle {
        out.push(Child::Paragraph(Box::new(
            Paragraph::new()
                .style(styles::SUBTITLE)
                .add_run(text(subtitle)),
        )));
    }
    Ok(out)
}

/// The PAGE field, in the page number style.
fn page_number() -> Vec<Run> {
    let r = || Run::new().style(styles::PAGE_NUMBER);
    vec![
        r().add_field_char(FieldCharType::Begin, false),
        r().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        r().add_field_char(FieldCharType::Separate, false),
        r().add_text("2"),
        r().add_field_char(FieldCharType::End, false),
    ]
}

/// Headers: first page (United Nations, the symbol, a rule), odd pages
/// (symbol right), even pages (symbol left). Built by docx-rs.
pub(crate) fn headers(meta: &Metadata) -> [Vec<u8>; 3] {
    let labels = Labels::get(meta.language);
    // The symbol's first component is set large: "CTOC" of CTOC/COP/2020/CRP.4.
    let symbol = clean_text(&meta.symbol);
    let (first, rest) = match symbol.find('/') {
        Some(i) => symbol.split_at(i),
        None => (symbol.as_str(), ""),
    };
    let mut top = Paragraph::new()
        .style(styles::MASTHEAD_TOP_LINE)
        .add_run(
            Run::new()
                .style(styles::MASTHEAD_UNITED_NATIONS)
                .add_text(clean_text(&labels.united_nations)),
        )
        .add_run(Run::new().add_tab())
        .add_run(Run::new().style(styles::MASTHEAD_SYMBOL).add_text(first));
    if !rest.is_empty() {
        top = top.add_run(Run::new().add_text(rest));
    }
    let running = |style: &str| {
        Header::new()
            .add_paragraph(Paragraph::new().style(style).add_run(text(&symbol)))
            .build()
    };
    use docx_rs::BuildXML;
    [
        Header::new().add_paragraph(top).build(),
        running(styles::HEADER_ODD),
        running(styles::HEADER_EVEN),
    ]
}

/// Footers: first page (job number), odd pages (job number inside, page
/// number outside, i.e. right), even pages (page number left, job number
/// right).
pub(crate) fn footers(meta: &Metadata) -> [Vec<u8>; 3] {
    use docx_rs::BuildXML;
    let job = job_line(meta).unwrap_or_default();
    let p = || Paragraph::new().style(styles::FOOTER);
    let first = p().add_run(text(&job));
    let mut odd = p().add_run(text(&job)).add_run(Run::new().add_tab());
    for r in page_number() {
        odd = odd.add_run(r);
    }
    let mut even = p();
    for r in page_number() {
        even = even.add_run(r);
    }
    even = even.add_run(Run::new().add_tab()).add_run(text(&job));
    [first, odd, even].map(|p| Footer::new().add_paragraph(p).build())
}

/// Points the section at the headers and footers, and marks it as having a
/// different first page; an Arabic section is right to left (its columns,
/// page numbers and gutter as well as its paragraphs).
pub(crate) fn section_references(sect_pr: &mut Elem, language: crate::model::Language) {
    if language == crate::model::Language::Ar {
        sect_pr.children.push(Node::Elem(Elem::new("w:bidi")));
    }
    sect_pr.children.retain(|n| {
        !matches!(n, Node::Elem(e) if e.is("w:headerReference") || e.is("w:footerReference") || e.is("w:titlePg"))
    });
    let mut refs = Vec::new();
    for (name, parts) in [
        ("w:headerReference", HEADERS),
        ("w:footerReference", FOOTERS),
    ] {
        for (kind, (_, id)) in KINDS.iter().zip(parts) {
            refs.push(Node::Elem(
                Elem::new(name)
                    .with_attr("w:type", kind)
                    .with_attr("r:id", id),
            ));
        }
    }
    refs.push(Node::Elem(Elem::new("w:titlePg")));
    sect_pr.children.extend(refs);
}
