mod merge_cli;
mod merge_delegates;
mod merge_line_breaks;
mod merge_orders;
mod merge_properties;
mod merge_rounds;
mod merge_sources;
mod merge_threads;
mod merge_word;

/// What the merge tests of sources share: a copy's text edited, a source
/// parsed, copies merged at once or one at a time, every order of a list.
mod orders_support {
    use rapporteur::merge::{self, Copy, Merged, Options};
    use rapporteur::model::Document;
    use rapporteur::read::source;

    pub fn edit(text: &str, find: &str, with: &str) -> String {
        assert!(text.contains(find), "{find}");
        text.replacen(find, with, 1)
    }

    pub fn parse(name: &str, text: &str) -> Document {
        source::parse(name, text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    pub fn merge_all(base: &str, copies: &[Copy]) -> Merged {
        merge::merge(base, &parse("base", base), copies, &Options::default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn one_at_a_time(base: &str, copies: &[&Copy]) -> String {
        copies.iter().fold(base.to_string(), |text, c| {
            merge_all(&text, std::slice::from_ref(*c)).source
        })
    }

    /// Every order of `items`.
    pub fn orders<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut out = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut o in orders(&rest) {
                o.insert(0, first.clone());
                out.push(o);
            }
        }
        out
    }
}
