//! Synthetic sources for benchmarks and stress tests: valid documents of any
//! size with many authors, nested changes, footnotes, notes and long points,
//! the same bytes for the same scale and seed.
//!
//! Scale 1 is about the size of the bundled example (44 points, some 6,000
//! words); scale 100 is a hundred times that.

use std::fmt::Write;

/// A small deterministic generator (SplitMix64): benchmarks need the same
/// document every run, and nothing here needs statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "States",
    "parties",
    "are",
    "encouraged",
    "to",
    "consider",
    "the",
    "illicit",
    "manufacturing",
    "of",
    "and",
    "trafficking",
    "in",
    "firearms",
    "their",
    "parts",
    "components",
    "ammunition",
    "with",
    "a",
    "view",
    "strengthening",
    "international",
    "cooperation",
    "national",
    "legislation",
    "Protocol",
    "Convention",
    "against",
    "Transnational",
    "Organized",
    "Crime",
    "marking",
    "record-keeping",
    "tracing",
    "law",
    "enforcement",
    "authorities",
    "judicial",
    "information",
    "exchange",
    "regional",
    "subregional",
    "mechanisms",
    "technical",
    "assistance",
    "including",
    "through",
    "relevant",
    "instruments",
    "data",
    "collection",
    "analysis",
    "consistent",
    "domestic",
    "criminal",
    "justice",
    "investigations",
    "prosecution",
    "effective",
    "implementation",
    "Working",
    "Group",
    "Conference",
    "Secretariat",
    "requested",
    "support",
    "capacity",
    "border",
    "control",
    "export",
    "import",
    "transit",
    "licensing",
    "deactivation",
    "destruction",
    "seized",
    "recovered",
    "weapons",
    "frame",
    "receiver",
    "emerging",
    "threats",
    "technologies",
    "postal",
    "services",
    "online",
    "platforms",
];

const REASONS: &[&str] = &[
    "delete, since it was not discussed during the Working Group",
    "this exceeds the scope of the Firearms Protocol",
    "clarification of the meaning and scope is required",
    "more flexible wording is preferred, as in paragraph 12",
    "consistent with domestic legislation",
    "the \"comprehensive\" registries are outside the Protocol",
];

/// Author codes and names: more than the example has, so views and
/// per-author counts are exercised.
const AUTHORS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("Canada", "Canada"),
    ("France", "France"),
    ("Morocco", "Morocco"),
    ("Peru", "Peru"),
    ("Saudi Arabia", "Saudi Arabia"),
    ("Tunisia", "Tunisia"),
    ("Ukraine", "Ukraine"),
    ("Mexico", "Mexico"),
    ("Japan", "Japan"),
    ("Nigeria", "Nigeria"),
    ("Norway", "Norway"),
];

/// A valid source `scale` times the size of the example.
pub fn document(scale: u32, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x5EED);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "+++\nsymbol = \"CTOC/COP/2020/CRP.{scale}\"\ndate = 2020-10-09\nlanguage = \"en\"\n\
         distribution = \"General\"\noriginal = \"English\"\n\
         organ = \"Conference of the Parties to the United Nations Convention against Transnational Organized Crime\"\n\
         session = \"Tenth session\"\nvenue = \"Vienna, 12–16 October 2020\"\njob = \"V.20-0{:04}\"\n\
         title = \"Synthetic compilation of comments, scale {scale}\"\nsubtitle = \"Note by the Secretariat\"\n\n\
         [agenda]\nitem = \"2 (d)\"\nsymbol = \"CTOC/COP/2020/1\"\ntitle = \"Review of the implementation of the Convention\"\n\n[authors]",
        (seed % 10_000)
    );
    for (code, name) in AUTHORS {
        let key = if code.contains(' ') {
            format!("\"{code}\"")
        } else {
            code.to_string()
        };
        let _ = writeln!(
            out,
            "{key} = {{ name = \"{name}\", date = 2020-09-16T00:00:00Z }}"
        );
    }
    out.push_str("+++\n\n# Introduction\n\n");
    let mut g = Gen {
        rng: &mut rng,
        out: &mut out,
        footnote: 0,
    };
    for n in 1..=5 {
        let text = g.sentence(40, 80, true);
        let _ = writeln!(g.out, "{n}. {text}\n");
    }
    g.out
        .push_str("# Comments of States on the discussion points\n\n");
    let points = 44 * scale;
    for point in 1..=points {
        if point % 11 == 1 {
            let title = g.words(4, 9);
            let _ = writeln!(g.out, "## Discussion points on {title}\n");
        }
        let _ = writeln!(g.out, "::: point {point}");
        let paragraphs = 1 + g.rng.below(2);
        for p in 0..paragraphs {
            if p > 0 {
                g.out.push('\n');
            }
            let text = g.paragraph();
            g.out.push_str(&text);
            g.out.push('\n');
        }
        if g.rng.chance(15) {
            let (code, _) = AUTHORS[g.rng.below(AUTHORS.len())];
            let reason = g.rng.pick(REASONS);
            let _ = writeln!(g.out, "\n{{>>{code}: {reason}<<}}");
        }
        g.out.push_str(":::\n\n");
    }
    g.out.push_str("# General comments\n\n");
    for (code, name) in AUTHORS.iter().take(3) {
        let _ = writeln!(g.out, "### {name}\n\n::: statement");
        let text = g.sentence(60, 120, false);
        let _ = writeln!(g.out, "{text}\n");
        for item in 1..=3 {
            let text = g.sentence(10, 25, false);
            let _ = writeln!(g.out, "{item}. {text}");
        }
        let _ = writeln!(g.out, ":::\n");
        let _ = code;
    }
    // Footnote definitions, in any order: the reader numbers them by first reference.
    for n in 1..=g.footnote {
        let text = g.sentence(8, 30, false);
        let _ = writeln!(g.out, "[^f{n}]: {text}\n");
    }
    out
}

struct Gen<'a> {
    rng: &'a mut Rng,
    out: &'a mut String,
    footnote: u32,
}

impl Gen<'_> {
    fn words(&mut self, min: usize, max: usize) -> String {
        let n = min + self.rng.below(max - min + 1);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.rng.pick(WORDS));
        }
        s
    }

    /// Plain words ending in a full stop, with an occasional footnote.
    fn sentence(&mut self, min: usize, max: usize, footnotes: bool) -> String {
        let mut s = self.words(min, max);
        s.push('.');
        if footnotes && self.rng.chance(20) {
            self.footnote += 1;
            s.push_str(&format!("[^f{}]", self.footnote));
        }
        s
    }

    fn author(&mut self) -> &'static str {
        AUTHORS[self.rng.below(AUTHORS.len())].0
    }

    /// One attributed change group, sometimes with a nested change by
    /// another author, a reason, or a second author's comment.
    fn change(&mut self) -> String {
        let author = self.author();
        let body = match self.rng.below(5) {
            0 => format!("{{++{}++}}", self.words(1, 8)),
            1 => format!("{{--{}--}}", self.words(1, 12)),
            2 => format!("{{~~{}~>{}~~}}", self.words(1, 3), self.words(1, 4)),
            3 => format!("{{--{}--}}{{++{}++}}", self.words(1, 2), self.words(2, 4)),
            _ => {
                // A deletion holding another author's change.
                let mut inner = self.author();
                if inner == author {
                    inner = if author == "US" { "France" } else { "US" };
                }
                format!(
                    "{{--{} {{++{}++}}{{>>{inner}<<}} {}--}}",
                    self.words(2, 5),
                    self.words(1, 3),
                    self.words(1, 5)
                )
            }
        };
        let mut s = body;
        if self.rng.chance(35) {
            let reason = self.rng.pick(REASONS);
            s.push_str(&format!("{{>>{author}: {reason}<<}}"));
        } else {
            s.push_str(&format!("{{>>{author}<<}}"));
        }
        if self.rng.chance(10) {
            let other = self.author();
            if other != author {
                s.push_str(&format!("{{>>{other}: {}<<}}", self.rng.pick(REASONS)));
            }
        }
        s
    }

    fn paragraph(&mut self) -> String {
        let mut s = String::new();
        let pieces = 2 + self.rng.below(3);
        for i in 0..pieces {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&self.words(5, 20));
            s.push(' ');
            match self.rng.below(10) {
                0 => {
                    let (code, _) = AUTHORS[self.rng.below(AUTHORS.len())];
                    s.push_str(&format!(
                        "{{=={}==}}{{>>{code}: what does this mean?<<}}",
                        self.words(1, 3)
                    ));
                }
                1 if self.rng.chance(50) => {
                    self.footnote += 1;
                    s.push_str(&format!("*{}*[^f{}]", self.words(1, 2), self.footnote));
                }
                _ => s.push_str(&self.change()),
            }
        }
        s.push('.');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_documents_read_and_grow_with_scale() {
        let one = document(1, 7);
        let doc = crate::read::source::parse("gen.md", &one).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.points().len(), 44);
        assert!(doc.changes.len() > 100);
        assert!(!doc.footnotes.is_empty());
        let ten = document(10, 7);
        let doc10 = crate::read::source::parse("gen.md", &ten).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc10.points().len(), 440);
        assert!(ten.len() > 8 * one.len());
        // Same scale and seed, same bytes.
        assert_eq!(document(1, 7), one);
        assert_ne!(document(1, 8), one);
    }
}
