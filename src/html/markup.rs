//! Escaping and direction: what every part of the page writes alike.

use crate::model::Language;

/// `rtl` for Arabic, `ltr` for the others.
pub fn direction(language: Language) -> &'static str {
    if language == Language::Ar {
        "rtl"
    } else {
        "ltr"
    }
}

/// Text escaped for an HTML element or a quoted attribute.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A CSS string literal: `"…"` with quotes, backslashes and line breaks
/// escaped, and `<` too so that the text cannot close the style element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '\n' | '\r' => out.push_str(&format!("\\{:x} ", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
