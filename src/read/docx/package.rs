//! The zip package, opened as hostile: sizes are counted while inflating
//! (the sizes in the zip's headers are the sender's claim), every part and
//! the whole are bounded, and so is the ratio of inflated to stored bytes.

use super::report::Problem;
use crate::ooxml::{
    self,
    part::{UNREAD_DIRS, WORD_DIR},
    Part,
};
use std::collections::BTreeMap;
use std::io::Read;

/// A DOCX larger than this is refused unread.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// One part may inflate to at most this many bytes.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// All parts read together may inflate to at most this many bytes.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;
/// A part may inflate to at most this many times its stored size (plus a
/// small allowance: tiny parts compress well): XML compresses 5 to 20
/// times; zip bombs, thousands.
pub const MAX_RATIO: u64 = 200;
const RATIO_ALLOWANCE: u64 = 64 << 10;
/// More entries than this is no document.
pub const MAX_ENTRIES: usize = 10_000;

/// The parts of a package this reader reads, inflated.
pub struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

/// The package's relationships: they name the main document part.
const PACKAGE_RELS: &str = Part::PackageRels.path();
const MAIN: &str = Part::Document.path();
const MAIN_RELS: &str = Part::DocumentRels.path();

/// The parts the reader looks at; everything else stays packed.
fn wanted(name: &str) -> bool {
    name == Part::ContentTypes.path()
        || name == PACKAGE_RELS
        || name == Part::CoreProperties.path()
        || name == Part::Structure.path()
        || (name.starts_with(WORD_DIR)
            && (name.ends_with(".xml") || name.ends_with(".rels"))
            && !UNREAD_DIRS.iter().any(|dir| name.starts_with(dir)))
}

impl Package {
    pub fn open(bytes: &[u8]) -> Result<Package, Problem> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Problem::TooLarge(format!(
                "the file has {} bytes; at most {} MiB are read",
                bytes.len(),
                MAX_FILE_BYTES >> 20
            )));
        }
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Problem::NotZip(e.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(Problem::TooLarge(format!(
                "the package has {} entries",
                archive.len()
            )));
        }
        let mut parts = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| Problem::Broken(e.to_string()))?;
            let name = entry
                .name()
                .map_err(|e| Problem::Broken(e.to_string()))?
                .to_string();
            if entry.is_dir() || !wanted(&name) {
                continue;
            }
            let stored = entry.compressed_size();
            let limit = MAX_PART_BYTES
                .min(MAX_TOTAL_BYTES - total)
                .min(stored.saturating_mul(MAX_RATIO) + RATIO_ALLOWANCE);
            let mut data = Vec::new();
            (&mut entry)
                .take(limit + 1)
                .read_to_end(&mut data)
                .map_err(|e| Problem::Broken(format!("{name}: {e}")))?;
            if data.len() as u64 > limit {
                return Err(Problem::TooLarge(format!(
                    "{name} inflates past {} bytes from {stored} stored (a zip bomb?)",
                    limit
                )));
            }
            total += data.len() as u64;
            parts.insert(name, data);
        }
        if !parts.contains_key(MAIN) {
            main_part_elsewhere(&mut parts)?;
        }
        Ok(Package { parts })
    }

    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(Vec::as_slice)
    }
}

/// A package whose main part is not `word/document.xml` (Word opens any
/// part `_rels/.rels` names as the office document, `word/document2.xml`
/// say): that part, and its relationships, are read as the main part's.
fn main_part_elsewhere(parts: &mut BTreeMap<String, Vec<u8>>) -> Result<(), Problem> {
    let missing = || Problem::NotDocx(format!("the package has no {MAIN}"));
    let rels = parts.get(PACKAGE_RELS).ok_or_else(missing)?;
    let root = super::xml::parse(PACKAGE_RELS, rels)?;
    let target = root
        .elems()
        .find(|r| r.name == "Relationship" && r.attr("Type") == Some(ooxml::part::OFFICE_DOCUMENT))
        .and_then(|r| r.attr("Target"))
        .map(|t| t.trim_start_matches('/').to_string())
        .ok_or_else(missing)?;
    let (dir, _) = target.rsplit_once('/').ok_or_else(missing)?;
    if format!("{dir}/") != WORD_DIR {
        return Err(Problem::NotDocx(format!(
            "the package's main part {target} is outside {WORD_DIR}"
        )));
    }
    let main = parts
        .remove(&target)
        .ok_or_else(|| Problem::NotDocx(format!("the package has no {target}, its main part")))?;
    parts.insert(MAIN.to_string(), main);
    if let Some(r) = parts.remove(&ooxml::part::rels_of(&target)) {
        parts.insert(MAIN_RELS.to_string(), r);
    }
    Ok(())
}
