//! Line breaking over boxes, glue and penalties: optimal fit (Knuth and
//! Plass, "Breaking paragraphs into lines", 1981) in [`break_lines`], and
//! first fit in [`first_fit`] for the text no optimal set of breaks exists
//! for.
//!
//! Hand-written because no Rust crate does it the way a typeset document
//! needs: the crates on crates.io either break greedily (textwrap's
//! first-fit, unicode-linebreak only lists opportunities) or optimise
//! monospace widths without glue stretch/shrink, hyphen penalties and
//! per-line measures. This one sees only widths, so it serves body text,
//! footnotes, headings and masthead columns alike.

/// A penalty at least this large forbids a break; at most its negation forces one.
pub const INFINITE_PENALTY: f32 = 10_000.0;
/// The stretch of the glue that fills a paragraph's last line.
pub const FIL: f32 = 100_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty {
        width: f32,
        cost: f32,
        /// A hyphen: two flagged breaks in a row cost extra.
        flagged: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// The largest adjustment ratio a line may have (TeX's tolerance as a ratio).
    pub tolerance: f32,
    pub line_penalty: f32,
    pub flagged_demerits: f32,
    pub fitness_demerits: f32,
    /// Extra demerits when the next-to-last line ends with a hyphen.
    pub final_hyphen_demerits: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 1.0,
            line_penalty: 10.0,
            flagged_demerits: 3000.0,
            fitness_demerits: 3000.0,
            final_hyphen_demerits: 5000.0,
        }
    }
}

/// A chosen break: the item index it is at, and the adjustment ratio of the
/// line that ends there (negative: glue shrunk, positive: stretched).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub at: usize,
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    at: usize,
    line: usize,
    fitness: u8,
    demerits: f64,
    prev: Option<usize>,
    /// Totals after the break, discardable items skipped.
    width: f32,
    stretch: f32,
    shrink: f32,
    flagged: bool,
}

/// Running sums of width, stretch and shrink before each item, so that a
/// line's totals are two subtractions.
struct Sums {
    width: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
}

impl Sums {
    fn new(items: &[Item]) -> Sums {
        let n = items.len();
        let mut sums = Sums {
            width: vec![0.0; n + 1],
            stretch: vec![0.0; n + 1],
            shrink: vec![0.0; n + 1],
        };
        for (i, item) in items.iter().enumerate() {
            let (w, y, z) = match *item {
                Item::Box { width } => (width, 0.0, 0.0),
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => (width, stretch, shrink),
                Item::Penalty { .. } => (0.0, 0.0, 0.0),
            };
            sums.width[i + 1] = sums.width[i] + w;
            sums.stretch[i + 1] = sums.stretch[i] + y;
            sums.shrink[i + 1] = sums.shrink[i] + z;
        }
        sums
    }

    fn at(&self, i: usize) -> (f32, f32, f32) {
        (self.width[i], self.stretch[i], self.shrink[i])
    }
}

/// Totals just after a break at `b`: the glue and penalties that vanish at
/// the start of the next line are skipped.
fn totals_after(items: &[Item], sums: &Sums, b: usize) -> (f32, f32, f32) {
    let n = items.len();
    let mut i = (b + 1).min(n);
    while i < n {
        match items[i] {
            Item::Box { .. } => break,
            Item::Penalty { cost, .. } if cost <= -INFINITE_PENALTY => break,
            _ => i += 1,
        }
    }
    sums.at(i)
}

/// Totals at the paragraph's start: nothing to skip unless it starts with
/// glue.
fn totals_at_start(items: &[Item], sums: &Sums) -> (f32, f32, f32) {
    let i = items
        .iter()
        .position(|item| match item {
            Item::Box { .. } => true,
            Item::Penalty { cost, .. } => *cost <= -INFINITE_PENALTY,
            Item::Glue { .. } => false,
        })
        .unwrap_or(items.len());
    sums.at(i)
}

/// The fitness class of a line by its adjustment ratio: tight, decent,
/// loose, very loose.
fn fitness(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// The penalty at a legal break `b`: (width, cost, flagged); `None` where
/// no line may end.
fn break_at(items: &[Item], b: usize) -> Option<(f32, f32, bool)> {
    match items[b] {
        Item::Penalty {
            width,
            cost,
            flagged,
        } if cost < INFINITE_PENALTY => Some((width, cost, flagged)),
        Item::Glue { .. } if b > 0 && matches!(items[b - 1], Item::Box { .. }) => {
            Some((0.0, 0.0, false))
        }
        _ => None,
    }
}

/// The search: every feasible break found so far, and those still active.
struct Breaker<'a> {
    items: &'a [Item],
    measure: &'a dyn Fn(usize) -> f32,
    params: &'a Params,
    sums: Sums,
    nodes: Vec<Node>,
    active: Vec<usize>,
}

impl Breaker<'_> {
    /// The adjustment ratio of a line from node `from` to break `b`;
    /// `rigid` is what a line with nothing to stretch or shrink gets.
    fn ratio(&self, from: &Node, b: usize, penalty_width: f32, rigid: f32) -> f32 {
        let width = self.sums.width[b] - from.width + penalty_width;
        let avail = (self.measure)(from.line);
        let give = if width < avail {
            self.sums.stretch[b] - from.stretch
        } else if width > avail {
            self.sums.shrink[b] - from.shrink
        } else {
            return 0.0;
        };
        if give > 0.0 {
            (avail - width) / give
        } else if width < avail || rigid == 0.0 {
            rigid
        } else {
            -rigid
        }
    }

    /// The demerits of a line ending at a break of `cost`, after `from`.
    fn demerits(&self, from: &Node, ratio: f32, cost: f32, flagged: bool, forced: bool) -> f64 {
        let params = self.params;
        let badness = 100.0 * (ratio.abs() as f64).powi(3);
        let base = params.line_penalty as f64 + badness;
        let mut d = base * base;
        if cost >= 0.0 {
            d += (cost as f64) * (cost as f64);
        } else if !forced {
            d -= (cost as f64) * (cost as f64);
        }
        if flagged && from.flagged {
            d += params.flagged_demerits as f64;
        }
        if forced && from.flagged {
            d += params.final_hyphen_demerits as f64;
        }
        if (fitness(ratio) as i8 - from.fitness as i8).abs() > 1 {
            d += params.fitness_demerits as f64;
        }
        d
    }

    /// Tries every active node against break `b`: drops the nodes no later
    /// line can start from, and adds the best new node per fitness class.
    /// False when no node is left active.
    fn consider(&mut self, b: usize, (penalty_width, cost, flagged): (f32, f32, bool)) -> bool {
        let forced = cost <= -INFINITE_PENALTY;
        // Best candidate per fitness class: (demerits, node).
        let mut best: [Option<(f64, usize)>; 4] = [None; 4];
        let mut keep = Vec::with_capacity(self.active.len());
        for &a in &self.active {
            let node = self.nodes[a];
            let ratio = self.ratio(&node, b, penalty_width, f32::INFINITY);
            // An overfull line stays overfull for every later break.
            if !(ratio < -1.0 || forced) {
                keep.push(a);
            }
            if ratio >= -1.0 && ratio <= self.params.tolerance {
                let total = node.demerits + self.demerits(&node, ratio, cost, flagged, forced);
                let slot = &mut best[fitness(ratio) as usize];
                if slot.is_none_or(|(t, _)| total < t) {
                    *slot = Some((total, a));
                }
            }
        }
        self.active = keep;
        let (width, stretch, shrink) = totals_after(self.items, &self.sums, b);
        for (class, cand) in best.iter().enumerate() {
            if let Some((demerits, prev)) = *cand {
                self.nodes.push(Node {
                    at: b,
                    line: self.nodes[prev].line + 1,
                    fitness: class as u8,
                    demerits,
                    prev: Some(prev),
                    width,
                    stretch,
                    shrink,
                    flagged,
                });
                self.active.push(self.nodes.len() - 1);
            }
        }
        !self.active.is_empty()
    }

    /// The breaks from the paragraph's start to node `end`, in order.
    fn trace_back(&self, end: usize) -> Vec<Break> {
        let mut breaks = Vec::new();
        let mut cur = end;
        while let Some(prev) = self.nodes[cur].prev {
            let node = self.nodes[cur];
            let penalty_width = match self.items[node.at] {
                Item::Penalty { width, .. } => width,
                _ => 0.0,
            };
            let ratio = self.ratio(&self.nodes[prev], node.at, penalty_width, 0.0);
            breaks.push(Break { at: node.at, ratio });
            cur = prev;
        }
        breaks.reverse();
        breaks
    }
}

/// Breaks `items` into lines of width `measure(line_index)`. The items must
/// end with a forced break. Returns `None` when no set of breaks keeps every
/// line's ratio in `-1..=tolerance` (so no line is ever wider than its measure).
pub fn break_lines(
    items: &[Item],
    measure: &dyn Fn(usize) -> f32,
    params: &Params,
) -> Option<Vec<Break>> {
    let n = items.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let sums = Sums::new(items);
    let (width, stretch, shrink) = totals_at_start(items, &sums);
    let start = Node {
        at: 0,
        line: 0,
        fitness: 1,
        demerits: 0.0,
        prev: None,
        width,
        stretch,
        shrink,
        flagged: false,
    };
    let mut breaker = Breaker {
        items,
        measure,
        params,
        sums,
        nodes: vec![start],
        active: vec![0],
    };
    for b in 0..n {
        if let Some(penalty) = break_at(items, b) {
            if !breaker.consider(b, penalty) {
                return None;
            }
        }
    }
    // The best node that ends at the last forced break.
    let nodes = &breaker.nodes;
    let end = breaker
        .active
        .iter()
        .copied()
        .filter(|&a| nodes[a].at == n - 1 && nodes[a].prev.is_some())
        .min_by(|&a, &b| {
            nodes[a]
                .demerits
                .partial_cmp(&nodes[b].demerits)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        })?;
    Some(breaker.trace_back(end))
}

/// Breaks `items` first-fit: each line takes all it can, at the last legal
/// break before it would overflow. For text no optimal set of breaks
/// exists for (a glyph wider than the measure): a line may then be wider
/// than its measure, but every item is set.
pub fn first_fit(items: &[Item], measure: &dyn Fn(usize) -> f32) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut width = 0.0;
    let mut last_legal: Option<usize> = None;
    let mut line = 0;
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::Box { width: w } => {
                if width + w > measure(line) && width > 0.0 {
                    if let Some(b) = last_legal.take() {
                        breaks.push(Break { at: b, ratio: 0.0 });
                        line += 1;
                        width = 0.0;
                        i = b + 1;
                        while i < items.len() && !matches!(items[i], Item::Box { .. }) {
                            if let Item::Penalty { cost, .. } = items[i] {
                                if cost <= -INFINITE_PENALTY {
                                    break;
                                }
                            }
                            i += 1;
                        }
                        continue;
                    }
                }
                width += w;
            }
            Item::Glue { width: w, .. } => {
                if i > 0 && matches!(items[i - 1], Item::Box { .. }) {
                    last_legal = Some(i);
                }
                width += w;
            }
            Item::Penalty { cost, .. } => {
                if cost <= -INFINITE_PENALTY {
                    // A manual line break, or the paragraph's end.
                    breaks.push(Break { at: i, ratio: 0.0 });
                    line += 1;
                    width = 0.0;
                    last_legal = None;
                }
                if cost < INFINITE_PENALTY {
                    last_legal = Some(i);
                }
            }
        }
        i += 1;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[f32]) -> Vec<Item> {
        let glue = Item::Glue {
            width: 3.0,
            stretch: 1.5,
            shrink: 1.0,
        };
        words_with(ws, glue)
    }

    /// Boxes of widths `ws` with `glue` between them, then the
    /// paragraph's end: the fill and a forced break.
    fn words_with(ws: &[f32], glue: Item) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in ws.iter().enumerate() {
            if i > 0 {
                items.push(glue);
            }
            items.push(Item::Box { width: w });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: FIL,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: -INFINITE_PENALTY,
            flagged: false,
        });
        items
    }

    #[test]
    fn no_line_is_overfull_and_last_is_forced() {
        let items = words(&[20.0; 30]);
        let breaks = break_lines(&items, &|_| 90.0, &Params::default()).unwrap();
        assert_eq!(breaks.last().unwrap().at, items.len() - 1);
        for b in &breaks {
            assert!(b.ratio >= -1.0 && b.ratio <= 1.0, "{b:?}");
        }
    }

    #[test]
    fn impossible_measure_fails_instead_of_overflowing() {
        let items = words(&[50.0, 50.0]);
        assert!(break_lines(&items, &|_| 40.0, &Params::default()).is_none());
    }

    #[test]
    fn optimal_fit_avoids_a_very_loose_line() {
        // Words 40 35 15 | 30 40 | 45 45, glue 5 (stretch 10, shrink 2),
        // measure 100. First fit fills line 1 exactly (40+5+35+5+15 = 100,
        // ratio 0) and leaves line 2 very loose (30+5+40 = 75: ratio 2.5,
        // badness 1562). Optimal fit moves the 15 down: line 1 is 80
        // (ratio 2.0, badness 800), line 2 is 95 (ratio 0.25): fewer
        // demerits in all. Both sets are within the tolerance, so only the
        // choice between them is tested.
        let glue = Item::Glue {
            width: 5.0,
            stretch: 10.0,
            shrink: 2.0,
        };
        let items = words_with(&[40.0, 35.0, 15.0, 30.0, 40.0, 45.0, 45.0], glue);
        let breaks = break_lines(
            &items,
            &|_| 100.0,
            &Params {
                tolerance: 10.0,
                ..Params::default()
            },
        )
        .unwrap();
        // Items: 40 g 35 g 15 g 30 g 40 g 45 g 45 fil end.
        let at: Vec<usize> = breaks.iter().map(|b| b.at).collect();
        let greedy: Vec<usize> = first_fit(&items, &|_| 100.0).iter().map(|b| b.at).collect();
        assert_eq!(greedy, [5, 9, 14]);
        assert_eq!(at, [3, 9, 14]);
        assert!((breaks[0].ratio - 2.0).abs() < 1e-4, "{breaks:?}");
        assert!((breaks[1].ratio - 0.25).abs() < 1e-4, "{breaks:?}");
    }

    /// What no optimal set of breaks exists for is still set: a word wider
    /// than the measure gets a line of its own, the words around it theirs.
    #[test]
    fn first_fit_gives_a_word_wider_than_the_measure_its_own_line() {
        let items = words(&[20.0, 150.0, 20.0]);
        assert!(break_lines(&items, &|_| 100.0, &Params::default()).is_none());
        let at: Vec<usize> = first_fit(&items, &|_| 100.0).iter().map(|b| b.at).collect();
        // Items: 20 g 150 g 20 fil end.
        assert_eq!(at, [1, 3, 6]);
    }
}
