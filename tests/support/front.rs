//! The front matter a test's source starts with, written once: `symbol`
//! and `date` (every source needs them), the keys the test is about, and
//! the authors. A test about the front matter itself writes it inline.
//!
//! ```text
//! front().author("US", "United States").source("Text {++new++}{>>US<<}.\n")
//! ```
//! is
//! ```text
//! +++
//! symbol = "X/1"
//! date = 2020-10-09
//! [authors]
//! US = "United States"
//! +++
//!
//! Text {++new++}{>>US<<}.
//! ```

use std::fmt;

/// Front matter being written; see [`front`].
#[derive(Debug, Clone)]
pub struct Front {
    symbol: String,
    date: String,
    /// Further keys, each with its TOML value as written.
    keys: Vec<(String, String)>,
    authors: Vec<(String, String)>,
}

/// `symbol = "X/1"`, `date = 2020-10-09`, no author.
pub fn front() -> Front {
    Front {
        symbol: "X/1".into(),
        date: "2020-10-09".into(),
        keys: Vec::new(),
        authors: Vec::new(),
    }
}

/// A TOML basic string: `"…"`, with its quotes and backslashes escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.into()).to_string()
}

/// A TOML key: bare where it can be, quoted otherwise (`"Côte d'Ivoire"`).
fn key(code: &str) -> String {
    let bare = !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        code.to_string()
    } else {
        quoted(code)
    }
}

impl Front {
    pub fn symbol(mut self, symbol: &str) -> Front {
        self.symbol = symbol.into();
        self
    }

    /// A TOML date, as `2020-01-01`.
    pub fn date(mut self, date: &str) -> Front {
        self.date = date.into();
        self
    }

    /// `language = "fr"`.
    pub fn language(self, code: &str) -> Front {
        self.key("language", &quoted(code))
    }

    /// `name = value`, the value as TOML writes it (`"\"A title\""`,
    /// `"2020-01-01"`, `"{ … }"`).
    pub fn key(mut self, name: &str, value: &str) -> Front {
        self.keys.push((name.into(), value.into()));
        self
    }

    /// `code = "name"` under `[authors]`.
    pub fn author(mut self, code: &str, name: &str) -> Front {
        self.authors.push((key(code), quoted(name)));
        self
    }

    /// Authors given as (code, name), in order.
    pub fn authors(self, authors: &[(&str, &str)]) -> Front {
        authors
            .iter()
            .fold(self, |front, (code, name)| front.author(code, name))
    }

    /// The whole source: this front matter, a blank line, then `body`.
    pub fn source(&self, body: &str) -> String {
        format!("{self}\n{body}")
    }
}

impl fmt::Display for Front {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(f, "+++")?;
        writeln!(f, "symbol = {}", quoted(&self.symbol))?;
        writeln!(f, "date = {}", self.date)?;
        for (name, value) in &self.keys {
            writeln!(f, "{name} = {value}")?;
        }
        if !self.authors.is_empty() {
            writeln!(f, "[authors]")?;
            for (code, value) in &self.authors {
                writeln!(f, "{code} = {value}")?;
            }
        }
        writeln!(f, "+++")
    }
}

#[test]
fn front_matter_is_written_as_a_user_writes_it() {
    let written = front()
        .language("fr")
        .authors(&[("US", "United States"), ("Côte d'Ivoire", "Côte d'Ivoire")])
        .source("Text.\n");
    assert_eq!(
        written,
        "+++\nsymbol = \"X/1\"\ndate = 2020-10-09\nlanguage = \"fr\"\n[authors]\n\
         US = \"United States\"\n\"Côte d'Ivoire\" = \"Côte d'Ivoire\"\n+++\n\nText.\n"
    );
    let doc = rapporteur::read::source::parse("front.md", &written).expect("it parses");
    let codes: Vec<&str> = doc.authors.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["US", "Côte d'Ivoire"]);
}
