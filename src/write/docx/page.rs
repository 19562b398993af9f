//! The UN first page and running heads (`shared/spec/un-layout.md`): the
//! masthead, the first-page header and footer, odd/even headers and
//! footers with the symbol and page number on the outer side, and the
//! section properties that name them; all written with [`wml`].

use super::body::BodyWriter;
use super::styles;
use super::units::twips;
use super::wml::{self, clean};
use crate::house::style::{job_line, masthead_right_column, HouseStyle, Labels};
use crate::model::Metadata;
use crate::ooxml::part::{Page, Part};
use crate::ooxml::style::{CharacterStyle, ParagraphStyle};

/// The short centred rule after the last paragraph, as the PDF draws it.
pub(crate) fn end_rule(out: &mut Vec<u8>) {
    paragraph(out, ParagraphStyle::EndRule, |_| {});
}

/// A paragraph of style `style` holding `runs`.
fn paragraph(out: &mut Vec<u8>, style: ParagraphStyle, runs: impl FnOnce(&mut Vec<u8>)) {
    wml::start_paragraph(
        out,
        &wml::ParagraphProps {
            style,
            indent: None,
            num: None,
            align: None,
            inserted: None,
            deleted: None,
        },
    );
    runs(out);
    wml::end_paragraph(out);
}

/// A paragraph of style `style` holding one run of `text`.
fn text_paragraph(out: &mut Vec<u8>, style: ParagraphStyle, text: &str) {
    paragraph(out, style, |out| wml::plain_run(out, text));
}

/// The masthead below the first-page header, written to the start of the
/// body: organ and the Distr./date/Original column side by side, then
/// session, venue, agenda item (with its `*` footnote) and agenda title,
/// then the document title and subtitle.
/// `emblem` is the run of the emblem's picture, if the document has one.
pub(crate) fn masthead(
    b: &mut BodyWriter,
    meta: &Metadata,
    style: &HouseStyle,
    (text_width, emblem): (f32, Option<&[u8]>),
) {
    let m = &style.masthead;
    let mut out = std::mem::take(&mut b.body_xml);
    let emblem_width = twips(m.emblem_column) as usize;
    let left_width = twips(m.right_column - m.emblem_column) as usize;
    let right_width = twips((text_width - m.right_column).max(36.0)) as usize;
    // The band below the top rule: the emblem's room (its picture, or empty), the
    // organ after it, the Distr. column; at least as deep as the PDF's,
    // the header's rule being above the body's top.
    let g = style.page(meta.paper);
    let top_rule = g.header_distance + m.symbol_first_size + m.top_rule_drop;
    let depth = m.band - (g.margin_top - top_rule) - styles::MASTHEAD_RULE_LINE;
    wml::start_layout_table(
        &mut out,
        &[emblem_width, left_width, right_width],
        twips(m.column_gap) as usize,
        Some(twips(depth) as usize),
    );
    wml::start_cell(&mut out, emblem_width, None, (1, None));
    match emblem {
        // Centred in the cell, as the PDF centres it in its room.
        Some(run) => {
            wml::start_paragraph(
                &mut out,
                &wml::ParagraphProps {
                    style: ParagraphStyle::MastheadEmblem,
                    indent: None,
                    num: None,
                    align: Some("center"),
                    inserted: None,
                    deleted: None,
                },
            );
            out.extend_from_slice(run);
            wml::end_paragraph(&mut out);
        }
        None => paragraph(&mut out, ParagraphStyle::MastheadEmblem, |_| {}),
    }
    wml::end_cell(&mut out);
    wml::start_cell(&mut out, left_width, None, (1, None));
    paragraph(&mut out, ParagraphStyle::MastheadOrgan, |out| {
        if let Some(organ) = &meta.organ {
            wml::plain_run(out, organ);
        }
    });
    wml::end_cell(&mut out);
    wml::start_cell(&mut out, right_width, None, (1, None));
    for line in masthead_right_column(meta) {
        paragraph(&mut out, ParagraphStyle::MastheadColumn, |out| {
            if !line.is_empty() {
                wml::plain_run(out, &line);
            }
        });
    }
    wml::end_cell(&mut out);
    wml::end_row(&mut out);
    wml::end_table(&mut out);

    // The heavy rule under the band, then the session lines.
    paragraph(&mut out, ParagraphStyle::MastheadRule, |_| {});
    for line in [&meta.session, &meta.venue].into_iter().flatten() {
        text_paragraph(&mut out, ParagraphStyle::MastheadSession, line);
    }
    agenda(b, &mut out, meta);
    if let Some(title) = &meta.title {
        text_paragraph(&mut out, ParagraphStyle::Title, title);
    }
    if let Some(subtitle) = &meta.subtitle {
        text_paragraph(&mut out, ParagraphStyle::Subtitle, subtitle);
    }
    b.body_xml = out;
}

/// The agenda item line, its `*` footnote, and the agenda title.
fn agenda(b: &mut BodyWriter, out: &mut Vec<u8>, meta: &Metadata) {
    let Some(agenda) = &meta.agenda else {
        return;
    };
    let line = Labels::get(meta.language).agenda_line(agenda);
    paragraph(out, ParagraphStyle::MastheadInfo, |out| {
        wml::plain_run(out, &line.before);
        if let Some(note) = &line.note {
            let mut content = Vec::new();
            wml::plain_run(&mut content, note);
            let id = b.push_footnote(Some("*"), &content);
            wml::start_run(
                out,
                wml::RunProps {
                    style: Some(CharacterStyle::FootnoteReference),
                    ..Default::default()
                },
            );
            wml::footnote_reference(out, id, Some("*"));
            wml::end_run(out);
        }
        if !line.after.is_empty() {
            wml::plain_run(out, &line.after);
        }
    });
    if let Some(title) = &agenda.title {
        text_paragraph(out, ParagraphStyle::MastheadAgendaTitle, title);
    }
}

/// Headers: first page (United Nations, the symbol, a rule), odd pages
/// (symbol right), even pages (symbol left).
pub(crate) fn headers(meta: &Metadata) -> [Vec<u8>; 3] {
    let labels = Labels::get(meta.language);
    // The symbol's first component is set large: "CTOC" of CTOC/COP/2020/CRP.4.
    let symbol = clean(&meta.symbol);
    let (first, rest) = match symbol.find('/') {
        Some(i) => symbol.split_at(i),
        None => (&*symbol, ""),
    };
    // Arabic (الأمم المتحدة) is marked right to left, as in the body.
    let styled = |out: &mut Vec<u8>, style: CharacterStyle, text: &str| {
        wml::start_run(
            out,
            wml::RunProps {
                style: Some(style),
                rtl: crate::present::script::has_rtl(text),
                ..Default::default()
            },
        );
        wml::text(out, &clean(text), false);
        wml::end_run(out);
    };
    let top = story("w:hdr", |out| {
        paragraph(out, ParagraphStyle::MastheadTopLine, |out| {
            wml::tab_run(out);
            styled(
                out,
                CharacterStyle::MastheadUnitedNations,
                &labels.united_nations,
            );
            wml::tab_run(out);
            styled(out, CharacterStyle::MastheadSymbol, first);
            if !rest.is_empty() {
                wml::plain_run(out, rest);
            }
        })
    });
    let running = |style: ParagraphStyle| story("w:hdr", |out| text_paragraph(out, style, &symbol));
    [
        top,
        running(ParagraphStyle::HeaderOdd),
        running(ParagraphStyle::HeaderEven),
    ]
}

/// A header or footer part: `root` (`w:hdr`, `w:ftr`) around `content`.
fn story(root: &str, content: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048);
    wml::story_start(&mut out, root);
    content(&mut out);
    wml::story_end(&mut out, root);
    out
}

/// Footers: first page (job number, the barcode under it if any), odd
/// pages (job number inside, page number outside, i.e. right), even pages
/// (page number left, job number right).
pub(crate) fn footers(meta: &Metadata, barcode_run: Option<&[u8]>) -> [Vec<u8>; 3] {
    let job = job_line(meta).unwrap_or_default();
    let footer = |runs: &dyn Fn(&mut Vec<u8>)| {
        story("w:ftr", |out| {
            paragraph(out, ParagraphStyle::Footer, |out| runs(out))
        })
    };
    // Page 1: the job number, and its barcode under it, at the left.
    let first = story("w:ftr", |out| {
        paragraph(out, ParagraphStyle::FooterFirst, |out| {
            wml::plain_run(out, &job)
        });
        if let Some(run) = barcode_run {
            paragraph(out, ParagraphStyle::FooterBarcode, |out| {
                out.extend_from_slice(run)
            });
        }
    });
    [
        first,
        footer(&|out| {
            wml::plain_run(out, &job);
            wml::tab_run(out);
            wml::page_field(out, CharacterStyle::PageNumber);
        }),
        footer(&|out| {
            wml::page_field(out, CharacterStyle::PageNumber);
            wml::tab_run(out);
            wml::plain_run(out, &job);
        }),
    ]
}

/// The section properties: the page of `style` for the document's paper,
/// the headers and footers, a different first page; an Arabic section is
/// right to left (its columns, page numbers and gutter as well as its
/// paragraphs).
pub(crate) fn section(out: &mut Vec<u8>, meta: &Metadata, style: &HouseStyle) {
    let geometry = style.page(meta.paper);
    // Each page's header and footer by the id the document relates it by.
    let references = |part: fn(Page) -> Part| -> Vec<(&str, &str)> {
        Page::ALL
            .iter()
            .map(|&page| (page.reference_type(), part(page).rel_id()))
            .collect()
    };
    let headers = references(Part::Header);
    let footers = references(Part::Footer);
    wml::section(
        out,
        &wml::Section {
            width: twips(geometry.width),
            height: twips(geometry.height),
            top: twips(geometry.margin_top),
            bottom: twips(geometry.margin_bottom),
            left: twips(geometry.margin_inner),
            right: twips(geometry.margin_outer),
            header: twips(geometry.header_distance),
            footer: twips(geometry.footer_distance),
            headers: &headers,
            footers: &footers,
            rtl: meta.language == crate::model::Language::Ar,
        },
    );
}
