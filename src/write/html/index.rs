//! A conference's set: `index.html` beside the pages that `render` wrote
//! for several inputs into one directory, listing each document (symbol,
//! title, date, language) with links to its files.

use super::markup::{direction, esc};
use super::words::Words;
use crate::house::style::Labels;
use crate::model::{Document, Language};

/// One written file of a document: what to call the link (`HTML`,
/// `PDF`, `DOCX`) and its name in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub label: String,
    pub name: String,
}

/// One document of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub symbol: String,
    pub title: Option<String>,
    /// As the document prints it ("10 May 2021"), and ISO 8601 for `<time>`.
    pub date: String,
    pub iso_date: String,
    pub language: Language,
    pub files: Vec<IndexFile>,
}

impl IndexEntry {
    pub fn new(doc: &Document, files: Vec<IndexFile>) -> Self {
        let meta = &doc.meta;
        IndexEntry {
            symbol: meta.symbol.clone(),
            title: meta.title.clone(),
            date: Labels::get(meta.language).date(meta.date),
            iso_date: meta.date.to_string(),
            language: meta.language,
            files,
        }
    }
}

/// The index page of `entries`, in their order, in English (a set may
/// hold every language); each title and date carries its own language.
pub fn write_index(entries: &[IndexEntry]) -> String {
    let words = Words::get(Language::En);
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rapporteur\">\n",
    );
    out.push_str(&format!(
        "<title>{}</title>\n<style>\n",
        esc(&words.documents)
    ));
    out.push_str(INDEX_CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    out.push_str(&format!("<h1>{}</h1>\n", esc(&words.documents)));
    out.push_str(&format!(
        "<div class=\"tw\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table>\n<thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(&words.documents),
        esc(&words.symbol),
        esc(&words.title),
        esc(&words.date),
        esc(&words.language),
        esc(&words.formats),
    ));
    for e in entries {
        let lang = e.language.code();
        let dir = direction(e.language);
        let links: Vec<String> = e
            .files
            .iter()
            .map(|f| {
                format!(
                    "<a href=\"{}\">{} <span class=\"vh\">{}</span></a>",
                    esc(&href(&f.name)),
                    esc(&f.label),
                    esc(&e.symbol)
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><td class=\"sym\">{}</td><td lang=\"{lang}\" dir=\"{dir}\">{}</td>\
             <td lang=\"{lang}\" dir=\"{dir}\"><time datetime=\"{}\">{}</time></td>\
             <td lang=\"{lang}\">{}</td><td>{}</td></tr>\n",
            esc(&e.symbol),
            esc(e.title.as_deref().unwrap_or("")),
            esc(&e.iso_date),
            esc(&e.date),
            esc(&Words::get(e.language).endonym),
            links.join(" "),
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n");
    out
}

/// A file name as a relative link: each byte outside the unreserved
/// set percent-encoded, so that spaces, `#` or `?` in a name still link.
fn href(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const INDEX_CSS: &str = "\
body{margin:0;font:1rem/1.5 \"Times New Roman\",\"Liberation Serif\",serif;color:#111;background:#fff}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem}
.tw{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #999;padding:.4rem .5rem;text-align:start;vertical-align:top}
.sym{white-space:nowrap}
a{color:#1a4fb0;margin-inline-end:.5rem}
a:focus,.tw:focus{outline:3px solid #1a4fb0;outline-offset:2px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_encoded_and_rows_carry_their_language() {
        assert_eq!(href("a b#1.html"), "a%20b%231.html");
        let doc = crate::read::source::parse(
            "t.md",
            "+++\nsymbol = \"X/1\"\ndate = 2021-05-10\nlanguage = \"ar\"\ntitle = \"عنوان\"\n[authors]\nUS = \"United States\"\n+++\n\nText.\n",
        )
        .expect("parses");
        let entry = IndexEntry::new(
            &doc,
            vec![IndexFile {
                label: "HTML".into(),
                name: "t.html".into(),
            }],
        );
        let page = write_index(&[entry]);
        assert!(
            page.contains("<td lang=\"ar\" dir=\"rtl\">عنوان</td>"),
            "{page}"
        );
        assert!(page.contains("<a href=\"t.html\">HTML"), "{page}");
        assert!(page.contains("<time datetime=\"2021-05-10\">"), "{page}");
    }
}
