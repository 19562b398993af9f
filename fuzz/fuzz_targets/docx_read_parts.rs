//! The DOCX reader past the zip layer: the input is the package's parts
//! (document.xml, comments.xml, commentsExtended.xml, footnotes.xml and the
//! stored structure) separated by `\n--PART--\n`, zipped here uncompressed,
//! so that mutations reach the XML, WordprocessingML and structure readers
//! instead of breaking the deflate stream. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::model::view::{self, View};
use std::io::Write;

const PARTS: [&str; 5] = [
    "word/document.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "customXml/item1.xml",
];

fuzz_target!(|data: &[u8]| {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let text = String::from_utf8_lossy(data);
    for (name, part) in PARTS.iter().zip(text.split("\n--PART--\n")) {
        if zip.start_file(*name, options).is_err() || zip.write_all(part.as_bytes()).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    if let Ok(imported) = rapporteur::read::docx::read(&cursor.into_inner(), "fuzz.docx") {
        let doc = &imported.doc;
        for v in [View::All, View::Accepted, View::Original] {
            let _ = rapporteur::write::text::write(&view::apply(doc, v));
        }
        let _ = rapporteur::model::stats::stats(doc);
    }
});
