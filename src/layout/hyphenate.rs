//! Where words may break with a hyphen. Shaping caches these per word
//! ([`super::shape`]), line setting uses them ([`super::inline`]); a file of
//! their own keeps both depending on it rather than on each other.

/// Byte offsets in `text` where a hyphen may go, by the language's patterns.
/// Words with capitals after the first letter (acronyms, names like
/// "COVID") or digits are left whole, as an editor would.
pub fn hyphenation_points(text: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut out = Vec::new();
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
        let digit_next = text[start + len..]
            .chars()
            .next()
            .is_some_and(|c| c.is_numeric());
        if chars >= 5 && !caps_inside && !digit_next {
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
