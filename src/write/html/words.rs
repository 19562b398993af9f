//! The review page's own words (`templates/html.toml`), per language.

use crate::house::style::Template;
use crate::model::Language;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const HTML_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/html.toml"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub shown: Template,
    pub endonym: String,
    pub insertion: Template,
    pub deletion: Template,
    pub end_insertion: String,
    pub end_deletion: String,
    pub view: String,
    pub all: String,
    pub accepted: String,
    pub original: String,
    pub filter: String,
    pub states: String,
    pub footnotes: String,
    pub back: String,
    pub table: String,
    pub documents: String,
    pub symbol: String,
    pub title: String,
    pub date: String,
    pub language: String,
    pub formats: String,
}

impl Words {
    pub fn get(language: Language) -> &'static Words {
        static TABLE: OnceLock<BTreeMap<String, Words>> = OnceLock::new();
        let table = TABLE.get_or_init(|| {
            toml::from_str(HTML_TOML).expect("templates/html.toml is checked by a unit test")
        });
        &table[language.code()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_page_s_words() {
        for language in Language::ALL {
            let w = Words::get(language);
            assert!(w.insertion.holes().eq([""]), "{language:?}");
            assert!(w.deletion.holes().eq([""]), "{language:?}");
            assert!(!w.accepted.is_empty() && !w.original.is_empty());
        }
    }
}
