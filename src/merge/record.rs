//! The record of what was merged (`[[merged]]` in the front matter), and
//! the secretariat's mistakes it and the `[authors]` table stop before
//! anything is merged: a copy merged twice, one file under two codes, a
//! code that names no author.

use super::copy::{Copy, Options};
use crate::model::*;
use std::collections::BTreeMap;

/// The copies to merge (their indices), or what is wrong, as the message
/// to print. A copy the record already holds under the same State is left
/// out: merging it again changes nothing.
pub(crate) fn check(
    base: &Document,
    copies: &[Copy],
    options: &Options,
) -> Result<Vec<usize>, String> {
    for copy in copies {
        known(
            base,
            options,
            &copy.code,
            &format!("{}=", copy.code),
            &copy.label,
        )?;
    }
    for (name, code) in &options.reviewers {
        known(
            base,
            options,
            code,
            &format!("--author \"{name}={code}\""),
            name,
        )?;
    }
    let mut seen: BTreeMap<&str, (String, &str)> = BTreeMap::new();
    let mut fresh = Vec::new();
    for (i, copy) in copies.iter().enumerate() {
        let code = code_of(base, &copy.code);
        if let Some(r) = base.meta.merged.iter().find(|r| r.hash == copy.hash) {
            if r.state != code {
                return Err(format!(
                    "{} was merged before as the copy of {} (as {}); it cannot also be {}'s\nhelp: give each State's copy under its own code; the record is the front matter's [[merged]] tables",
                    copy.label, r.state, r.file, code
                ));
            }
            continue;
        }
        match seen.get(copy.hash.as_str()) {
            Some((other, label)) if *other != code => {
                return Err(format!(
                    "{} and {label} are the same file, given as {other}= and {code}=\nhelp: give each State's copy once, under its own code",
                    copy.label
                ));
            }
            Some(_) => continue,
            None => {
                seen.insert(&copy.hash, (code, &copy.label));
                fresh.push(i);
            }
        }
    }
    // A copy made from a version that holds copies this source does not:
    // what it says of their changes would find nothing to say it of.
    for &i in &fresh {
        let Some(anc) = &copies[i].ancestor else {
            continue;
        };
        let missing: Vec<String> = anc
            .meta
            .merged
            .iter()
            .filter(|r| {
                !base.meta.merged.iter().any(|b| b.hash == r.hash)
                    && !copies.iter().any(|c| c.hash == r.hash)
            })
            .map(|r| format!("{} ({})", r.file, r.state))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "{} was made from a version that holds copies this source does not: {}\nhelp: merge those first (or with it), then this one",
                copies[i].label,
                missing.join(", ")
            ));
        }
    }
    Ok(fresh)
}

/// The code an author given as `code` (a code, name or alias) has.
fn code_of(base: &Document, code: &str) -> String {
    base.authors
        .iter()
        .find(|a| a.code == code)
        .or_else(|| base.authors.iter().find(|a| a.answers_to(code)))
        .map_or_else(|| code.to_string(), |a| a.code.clone())
}

/// `code` is an author of the base, or one asked for as new.
fn known(
    base: &Document,
    options: &Options,
    code: &str,
    given_as: &str,
    what: &str,
) -> Result<(), String> {
    let new = options
        .new_authors
        .iter()
        .any(|n| n.trim().eq_ignore_ascii_case(code.trim()));
    if new || base.authors.iter().any(|a| a.answers_to(code)) {
        return Ok(());
    }
    let nearest = nearest(&base.authors, code);
    let suggestion = if nearest.is_empty() {
        "no author comes close".to_string()
    } else {
        format!("did you mean {}?", nearest.join(" or "))
    };
    Err(format!(
        "{what}: `{code}` (given as {given_as}) is neither a code, a name nor an alias in [authors]: {suggestion}\nhelp: correct the code, or add the State with --new-author {code}"
    ))
}

/// The authors whose code or name is nearest `code`: `GH (Ghana)`.
fn nearest(authors: &[Author], code: &str) -> Vec<String> {
    let want = code.trim().to_lowercase();
    let mut scored: Vec<(f64, String)> = authors
        .iter()
        .map(|a| {
            let score = std::iter::once(&a.code)
                .chain(std::iter::once(&a.name))
                .chain(a.aliases.iter())
                .map(|n| {
                    let n = n.to_lowercase();
                    let prefix = n.starts_with(&want) || want.starts_with(&n);
                    strsim::jaro_winkler(&n, &want).max(if prefix { 0.9 } else { 0.0 })
                })
                .fold(0.0, f64::max);
            (score, format!("{} ({})", a.code, a.name))
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}

/// The record of one merged copy.
pub(crate) fn of(copy: &Copy, code: &str, ancestor: &str) -> MergeRecord {
    MergeRecord {
        state: code.to_string(),
        file: copy.label.clone(),
        hash: copy.hash.clone(),
        ancestor: ancestor.to_string(),
        date: copy.doc.authors.iter().map(|a| a.date).max(),
    }
}

/// `text` (a source) with the `[[merged]]` tables `old` and `new` written
/// at the end of its front matter, in one order whatever the order of the
/// merges: each merge of the same copies gives the same bytes.
pub(crate) fn write(text: &str, old: &[MergeRecord], new: &[MergeRecord]) -> String {
    if new.is_empty() {
        return text.to_string();
    }
    let Some((first, close)) = region(text) else {
        return text.to_string();
    };
    // The old tables are rewritten with the new where they end the front
    // matter; elsewhere they stay as they are.
    let old = if first.is_some() { old } else { &[] };
    let mut all: Vec<MergeRecord> = old.iter().chain(new).cloned().collect();
    all.sort();
    all.dedup();
    let tables: Vec<String> = all.iter().map(crate::write::source::merge_record).collect();
    let tables = tables.join("\n");
    match first {
        Some(start) => format!("{}{tables}{}", &text[..start], &text[close..]),
        None => format!("{}\n{tables}{}", &text[..close], &text[close..]),
    }
}

/// Where the front matter's `[[merged]]` tables start (when they are its
/// last tables), and where its closing `+++` line starts.
fn region(text: &str) -> Option<(Option<usize>, usize)> {
    let mut offset = 0;
    let mut first = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if n == 0 {
            continue;
        }
        if t == "+++" {
            return Some((first, start));
        }
        if t == "[[merged]]" {
            first.get_or_insert(start);
        } else if t.starts_with('[') {
            first = None;
        }
    }
    None
}
