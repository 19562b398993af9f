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

/// [`crate::present::spacing::separates`] as two regular-expression character
/// classes (JavaScript, `u` flag) for the page's script: the characters
/// that take no space before them after a word, and those after which a
/// word takes none. Read off the rule itself, character by character, so
/// that the script's spaces cannot drift from the other writers'.
pub fn separating_classes() -> &'static (String, String) {
    static CLASSES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        let separates = crate::present::spacing::separates;
        let attach = class(|c| !separates(Some('a'), Some(c)));
        let opens = class(|c| !separates(Some(c), Some('a')));
        (attach, opens)
    })
}

/// The characters (up to U+3FFFF) for which `f` holds, as `[…]` of ranges.
fn class(f: impl Fn(char) -> bool) -> String {
    let mut out = String::from("[");
    let mut start: Option<u32> = None;
    let push = |out: &mut String, from: u32, to: u32| {
        out.push_str(&format!("\\u{{{from:x}}}"));
        if to > from {
            out.push_str(&format!("-\\u{{{to:x}}}"));
        }
    };
    for cp in 0..=0x4_0000u32 {
        let holds = cp < 0x4_0000 && char::from_u32(cp).is_some_and(&f);
        match (holds, start) {
            (true, None) => start = Some(cp),
            (false, Some(from)) => {
                push(&mut out, from, cp - 1);
                start = None;
            }
            _ => {}
        }
    }
    out.push(']');
    out
}
