//! Any bytes as a DOCX: read them, and if they read, write every view of
//! the document as text and check its statistics. Nothing may panic; an
//! error names the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::model::view::{self, View};

fuzz_target!(|data: &[u8]| {
    match rapporteur::read::docx::read(data, "fuzz.docx") {
        Ok(imported) => {
            let doc = &imported.doc;
            for v in [View::All, View::Accepted, View::Original] {
                let _ = rapporteur::write::text::write(&view::apply(doc, v));
            }
            let _ = rapporteur::model::stats::stats(doc);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.docx ")),
    }
});
