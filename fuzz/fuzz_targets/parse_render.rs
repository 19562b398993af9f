//! Any bytes: read them, and if they read, render every format and view.
//! Nothing may panic; errors must point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::render::{self, Format, Options};
use rapporteur::read::source;
use rapporteur::model::view::ViewSpec;

fuzz_target!(|data: &[u8]| {
    match source::parse_bytes("fuzz.md", data) {
        Ok(doc) => {
            for view in [ViewSpec::All, ViewSpec::Accepted, ViewSpec::Original] {
                let options = Options {
                    view,
                    ..Options::default()
                };
                for format in [Format::Md, Format::Docx, Format::Pdf, Format::Html] {
                    // A writer may refuse a document with an error; it may not panic.
                    let _ = render::render(&doc, format, &options);
                }
            }
        }
        Err(errors) => {
            for p in errors.problems() {
                assert!(p.range.start <= data.len().max(1) + 200, "{:?}", p.range);
                assert!(!p.help.is_empty());
            }
            let _ = errors.to_string();
        }
    }
});
