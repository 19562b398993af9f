//! The words a reader gets from the review page and from the plain text,
//! to compare a view of the page with `render --to md --view` word for
//! word: the text's markup (`~~`, emphasis, escapes, `[^1]`, heading
//! hashes, quote marks, table pipes) is read for what it shows, and the
//! page's tags for the text they hold.

use rapporteur::model::Document;

/// The plain text of a view without its masthead: what follows the
/// masthead the text writer prints for `doc` (the same in every view).
pub fn md_body<'t>(md: &'t str, doc: &Document) -> &'t str {
    let mut bare = doc.clone();
    bare.blocks.clear();
    bare.footnotes.clear();
    let head = rapporteur::write::text::write(&bare);
    let head = head.split("\n---\n").next().unwrap_or(&head);
    md.strip_prefix(head)
        .unwrap_or_else(|| panic!("the text does not start with its masthead:\n{head}\n---\n{md}"))
}

/// The words the plain text shows.
pub fn md_words(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in body.lines() {
        let mut l = line.trim_start();
        while let Some(rest) = l.strip_prefix('>') {
            l = rest.trim_start();
        }
        if l.trim() == "---" {
            continue;
        }
        if l.starts_with('|') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        let l = l.trim_start_matches('#');
        out.extend(unmark(l).split_whitespace().map(str::to_owned));
    }
    out
}

fn unmark(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '~' if chars.get(i + 1) == Some(&'~') => {
                i += 2;
                continue;
            }
            '*' => {}
            '|' => out.push(' '),
            '[' if chars.get(i + 1) == Some(&'^') => {
                let end = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                if let Some(end) = end {
                    out.extend(&chars[i + 2..end]);
                    i = end + 1;
                    if chars.get(i) == Some(&':') {
                        i += 1;
                    }
                    continue;
                }
                out.push('[');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// The page's text between `<div id="body">` and `</main>` as a browser
/// without JavaScript shows it: tags dropped (a table cell ends with a
/// space, as the browser's tab), entities read.
pub fn page_body_words(html: &str) -> Vec<String> {
    let start = html.find("<div id=\"body\">").expect("the page has a body");
    let end = html.find("</main>").expect("the page has a main");
    let body = html[start..end]
        .replace("</td>", " </td>")
        .replace("</th>", " </th>");
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split_whitespace().map(str::to_owned).collect()
}

/// Where two word lists part, with some words of each around it.
pub fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let from = at.saturating_sub(8);
    let show = |w: &[String]| w[from.min(w.len())..(at + 8).min(w.len())].join(" ");
    Some(format!(
        "at word {at} of {} / {}:\n  md:   {}\n  page: {}",
        a.len(),
        b.len(),
        show(a),
        show(b)
    ))
}
