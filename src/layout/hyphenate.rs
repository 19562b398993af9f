//! Where words may break with a hyphen. Shaping caches these per word
//! ([`super::shape`]), line setting uses them ([`super::inline`]); a file of
//! their own keeps both depending on it rather than on each other.
//!
//! UN documents break words only at the hyphens they have (the house
//! style's `hyphenate = false`); with hyphenation on, a part of a word
//! that already has a hyphen ("community" in "community-based") and a
//! URL are left whole, and a URL never breaks, not even at its own
//! hyphens or slashes.

use std::ops::Range;

/// The hyphens a compound is written with: a break may follow one.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The byte ranges of `text` that are URLs: a run without spaces that
/// holds `://` or starts with `www.`, less the punctuation that closes
/// the sentence or bracket around it.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                start = None;
                let token = &text[s..i];
                let lead = token.len() - token.trim_start_matches(['(', '[', '“', '"', '‘']).len();
                let body = &token[lead..];
                let lower = body.get(..4).map(str::to_ascii_lowercase);
                if body.contains("://") || lower.as_deref() == Some("www.") {
                    let kept = body
                        .trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '’', '!', '?']);
                    out.push(s + lead..s + lead + kept.len());
                }
            }
            _ => {}
        }
    }
    out
}

/// Byte offsets in `text` where a hyphen may go, by the language's patterns.
/// Words with capitals after the first letter (acronyms, names like
/// "COVID") or digits are left whole, as an editor would, and so are the
/// parts of a hyphenated compound and URLs.
pub fn hyphenation_points(text: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let urls = url_spans(text);
    let mut i = 0;
    let bytes_len = text.len();
    while i < bytes_len {
        let rest = &text[i..];
        let Some(start_rel) = rest.find(|c: char| c.is_alphabetic()) else {
            break;
        };
        let start = i + start_rel;
        let len = text[start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(bytes_len - start);
        let word = &text[start..start + len];
        let chars = word.chars().count();
        let caps_inside = word.chars().skip(1).any(|c| c.is_uppercase());
        let next = text[start + len..].chars().next();
        let digit_next = next.is_some_and(|c| c.is_numeric());
        let compound =
            next.is_some_and(is_hyphen) || text[..start].chars().next_back().is_some_and(is_hyphen);
        let in_url = urls.iter().any(|u| u.start <= start && start < u.end);
        if chars >= 5 && !caps_inside && !digit_next && !compound && !in_url {
            let mut off = start;
            let syllables: Vec<&str> = hypher::hyphenate_bounded(word, lang, 2, 3).collect();
            for s in &syllables[..syllables.len().saturating_sub(1)] {
                off += s.len();
                out.push(off);
            }
        }
        i = start + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_keeps_its_parts_whole() {
        let text = "home- and community-based services";
        let points = hyphenation_points(text, hypher::Lang::English);
        let community = text.find("community").unwrap()..text.find("-based").unwrap();
        assert!(
            points.iter().all(|p| !community.contains(p)),
            "{points:?} breaks inside “community”"
        );
        // "services" stands alone and may still break.
        assert!(points.iter().any(|&p| p > text.find("services").unwrap()));
    }

    #[test]
    fn urls_are_found_and_never_hyphenated() {
        let text =
            "see (https://www.un-ilibrary.org/content/books-series). Then www.unodc.org, done";
        let spans = url_spans(text);
        let found: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            found,
            [
                "https://www.un-ilibrary.org/content/books-series",
                "www.unodc.org"
            ]
        );
        let points = hyphenation_points(text, hypher::Lang::English);
        for p in points {
            assert!(
                spans.iter().all(|s| !s.contains(&p)),
                "a break at {p} inside a URL"
            );
        }
        assert!(url_spans("no links here, a/b and x-y").is_empty());
    }
}
