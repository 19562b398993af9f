//! The review page (`--to html`): one self-contained HTML file per
//! document, its style sheet and script inside it, nothing fetched.
//!
//! The page is the whole text with every change shown (what it is without
//! JavaScript), marked up so that its script can show any view without a
//! server: each `<ins>`/`<del>` names its change (`data-c`), whose kind,
//! State, enclosing change and group the page's data table gives; each
//! attribution names its group, each note its State, each paragraph the
//! change its break belongs to. Which States' views show a group's
//! changes (`view::proposes`) and which attributions are remarks that a
//! State's view shows as its notes (`view::is_remark`, `data-r`) are
//! written by Rust from the view's own functions; the script applies the
//! rest of the rule of [`crate::model::view`] (nesting, spaces, paragraphs, see
//! `page.js`), and the browser test checks that every view reads word for
//! word as `render --to md --view`.
//!
//! Words come from [`crate::present`] (labels, attributions, the legend)
//! and `templates/html.toml` (the page's own controls).

mod body;
mod index;
mod markup;
mod words;

pub use index::{write_index, IndexEntry, IndexFile};

use crate::house::style::{masthead_right_column, Labels};
use crate::model::{AuthorId, ChangeKind, Document, GroupId};
use crate::present;
use body::Body;
use markup::{css_string, direction, esc};
use words::Words;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Render a document (any view) as the review page.
pub fn write(doc: &Document) -> String {
    let language = doc.meta.language;
    let words = Words::get(language);
    let mut out = String::with_capacity(4096 + doc.changes.len() * 160);
    let title = doc.meta.title.as_deref().unwrap_or(&doc.meta.symbol);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html lang=\"{}\" dir=\"{}\" class=\"nojs\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rapporteur\">\n<title>{} — {}</title>\n",
        language.code(),
        direction(language),
        esc(&doc.meta.symbol),
        esc(title),
    ));
    out.push_str("<style>\n");
    out.push_str(CSS);
    out.push_str(&author_css(doc, words));
    out.push_str("</style>\n</head>\n<body>\n");
    masthead(doc, &mut out);
    out.push_str("<main id=\"main\">\n");
    if let Some(t) = &doc.meta.title {
        out.push_str(&format!("<h1>{}</h1>\n", esc(t)));
    }
    if let Some(s) = &doc.meta.subtitle {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", esc(s)));
    }
    controls(doc, words, &mut out);
    out.push_str("<div id=\"body\">\n<div class=\"bl\" id=\"text\">\n");
    let mut body = Body::new(doc);
    body.blocks(&doc.blocks);
    out.push_str(&body.out);
    out.push_str("</div>\n");
    out.push_str(&body.footnotes(words));
    out.push_str("</div>\n</main>\n");
    data(doc, words, &mut out);
    out.push_str("<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// Each State's colour (`--c`) and what a screen reader says before and
/// after its insertions and deletions, while they are shown as changes
/// (the class `x` marks a change the view shows as plain text).
fn author_css(doc: &Document, words: &Words) -> String {
    let mut css = String::new();
    for (i, author) in doc.authors.iter().enumerate() {
        let [r, g, b] = present::author_colour(crate::model::AuthorId(i));
        css.push_str(&format!(
            ".s{i}{{--c:#{r:02x}{g:02x}{b:02x}}}\n\
             ins.s{i}:not(.x)::before{{content:{}}}\n\
             del.s{i}:not(.x)::before{{content:{}}}\n",
            css_string(&format!(" [{}] ", words.insertion.with(&author.name))),
            css_string(&format!(" [{}] ", words.deletion.with(&author.name))),
        ));
    }
    css.push_str(&format!(
        "ins:not(.x)::after{{content:{}}}\ndel:not(.x)::after{{content:{}}}\n",
        css_string(&format!(" [{}] ", words.end_insertion)),
        css_string(&format!(" [{}] ", words.end_deletion)),
    ));
    css
}

/// The masthead as the page's header: the United Nations and the symbol,
/// the organ, the Distr./date/Original column, session, venue and agenda.
fn masthead(doc: &Document, out: &mut String) {
    let meta = &doc.meta;
    let labels = Labels::get(meta.language);
    out.push_str("<header class=\"masthead\">\n<div class=\"mh-top\">");
    out.push_str(&format!(
        "<span class=\"un\">{}</span> <span class=\"symbol\">{}</span></div>\n",
        esc(&labels.united_nations),
        esc(&meta.symbol)
    ));
    if let Some(organ) = &meta.organ {
        out.push_str(&format!("<p class=\"organ\">{}</p>\n", esc(organ)));
    }
    let column: Vec<String> = masthead_right_column(meta)
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| esc(l))
        .collect();
    let column_language = &labels.column_language;
    let lang = if column_language != meta.language.code() {
        format!(" lang=\"{column_language}\" dir=\"ltr\"")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "<p class=\"column\"{lang}>{}</p>\n",
        column.join("<br>")
    ));
    let mut info = Vec::new();
    if let Some(s) = &meta.session {
        info.push(format!("<strong>{}</strong>", esc(s)));
    }
    if let Some(v) = &meta.venue {
        info.push(format!("<strong>{}</strong>", esc(v)));
    }
    if let Some(agenda) = &meta.agenda {
        if let Some(line) = present::agenda_line(meta) {
            let mark = if line.note.is_some() {
                "<a class=\"fr\" id=\"fnref-agenda\" href=\"#fn-agenda\"><sup>*</sup></a>"
            } else {
                ""
            };
            info.push(format!("{}{mark}{}", esc(&line.before), esc(&line.after)));
        }
        if let Some(t) = &agenda.title {
            info.push(format!("<strong>{}</strong>", esc(t)));
        }
    }
    if !info.is_empty() {
        out.push_str(&format!("<p class=\"info\">{}</p>\n", info.join("<br>")));
    }
    out.push_str("</header>\n");
}

/// The view controls and the legend: three views, and a box per State
/// with its colour and its counts (the legend's line). Without
/// JavaScript the boxes and buttons are hidden and the legend stays.
fn controls(doc: &Document, words: &Words, out: &mut String) {
    let language = doc.meta.language;
    out.push_str(&format!(
        "<nav class=\"controls\" aria-label=\"{}\">\n<form id=\"views\">\n\
         <fieldset class=\"viewset\"><legend>{}</legend>\n",
        esc(&words.filter),
        esc(&words.view)
    ));
    for (value, label) in [
        ("all", &words.all),
        ("accepted", &words.accepted),
        ("original", &words.original),
    ] {
        let checked = if value == "all" { " checked" } else { "" };
        out.push_str(&format!(
            "<label><input type=\"radio\" name=\"view\" value=\"{value}\"{checked}> {}</label>\n",
            esc(label)
        ));
    }
    out.push_str("</fieldset>\n");
    let stats = crate::model::stats::stats(doc);
    out.push_str(&format!(
        "<fieldset class=\"legend\"><legend>{}</legend>\n<p class=\"hint\">{}</p>\n<ul>\n",
        esc(present::legend_heading(language)),
        esc(&words.states)
    ));
    for (id, s) in &stats {
        let a = doc.author(*id);
        let line = present::legend_entry(language, &a.code, &a.name, s);
        out.push_str(&format!(
            "<li><label><input type=\"checkbox\" name=\"author\" value=\"{}\" data-a=\"{}\"> \
             <span class=\"sw s{}\" aria-hidden=\"true\"></span>{}<bdi class=\"code s{}\">{}</bdi>{}</label></li>\n",
            esc(&a.code),
            id.0,
            id.0,
            esc(&line.before),
            id.0,
            esc(&line.code),
            esc(&line.after),
        ));
    }
    out.push_str("</ul>\n</fieldset>\n</form>\n</nav>\n");
    // Which view is shown: read out when it changes, printed above the text.
    out.push_str(&format!(
        "<p class=\"shown\" id=\"shown\" role=\"status\">{}</p>\n",
        esc(&words.shown.with(&words.all))
    ));
}

/// The table the script reads: each State's code, each change's kind,
/// State, enclosing change and group, each group's changes, each note's
/// State, and the paragraph number's pattern.
fn data(doc: &Document, words: &Words, out: &mut String) {
    #[derive(serde::Serialize)]
    struct Data<'a> {
        authors: Vec<&'a str>,
        /// `[kind (0 insertion, 1 deletion), author, parent or -1, group]`.
        changes: Vec<[i64; 4]>,
        groups: Vec<Vec<usize>>,
        /// Each group's States whose view shows its changes
        /// (`view::proposes`: its proposer and its co-proposers).
        keep: Vec<Vec<usize>>,
        notes: Vec<usize>,
        /// Each footnote's mark: null when numbered, else its symbol.
        footnotes: Vec<Option<String>>,
        number: &'a str,
        /// `spacing::separates` as character classes: what takes no space
        /// before it (`. , ; : ) ! ?`, full-width characters, spaces) and
        /// after what no space comes (`(`, full-width characters, spaces).
        attach: &'static str,
        opens: &'static str,
        /// The States' names and the words of the line saying the view.
        names: Vec<&'a str>,
        shown: [&'a str; 4],
    }
    let data = Data {
        authors: doc.authors.iter().map(|a| a.code.as_str()).collect(),
        changes: doc
            .changes
            .iter()
            .map(|c| {
                [
                    i64::from(c.kind == ChangeKind::Deletion),
                    c.author.0 as i64,
                    c.parent.map_or(-1, |p| p.0 as i64),
                    c.group.0 as i64,
                ]
            })
            .collect(),
        groups: doc
            .groups
            .iter()
            .map(|g| g.changes.iter().map(|c| c.0).collect())
            .collect(),
        keep: (0..doc.groups.len())
            .map(|g| {
                (0..doc.authors.len())
                    .filter(|&a| crate::model::view::proposes(doc, GroupId(g), AuthorId(a)))
                    .collect()
            })
            .collect(),
        notes: doc.notes.iter().map(|n| n.author.0).collect(),
        footnotes: doc
            .footnotes
            .iter()
            .map(|f| match &f.mark {
                crate::model::FootnoteMark::Number(_) => None,
                crate::model::FootnoteMark::Symbol(s) => Some(s.clone()),
            })
            .collect(),
        number: Labels::get(doc.meta.language).paragraph_number.as_str(),
        attach: &markup::separating_classes().0,
        opens: &markup::separating_classes().1,
        names: doc.authors.iter().map(|a| a.name.as_str()).collect(),
        shown: [
            words.shown.as_str(),
            &words.all,
            &words.accepted,
            &words.original,
        ],
    };
    let json = serde_json::to_string(&data).expect("plain data serialises");
    out.push_str("<script type=\"application/json\" id=\"rp-data\">");
    // No `<` in a script element's text: a name with `</script>` or
    // `<!--` cannot end or bend it.
    out.push_str(&json.replace('<', "\\u003c"));
    out.push_str("</script>\n");
}
