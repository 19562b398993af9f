//! The review page in a real browser: headless Chromium, driven by
//! selenium (tests/support/html_browser.py), opens the pages of the
//! example, the French and Arabic sources and a `generate --scale 10`
//! document from file:// paths with the network off, and for every view
//! and each State, by the URL fragment, reads what the page shows:
//!
//! - its text has the words of `render --to md --view` in that view;
//! - the insertions and deletions it shows per State are `check --stats`'s
//!   (every change shown) or the view's (`view::stats`), and the legend
//!   says `check --stats`'s counts;
//! - axe-core finds no serious or critical violation; nothing is loaded
//!   or linked from outside; a 390-pixel-wide phone does not scroll
//!   sideways; the States' boxes work by keyboard;
//! - the time a filter takes on the scale-10 page is printed (not asserted).
//!
//! The Chinese, Spanish and Russian sources are opened too, so that every
//! view is checked in all six languages, and a source of co-proposals,
//! remarks and touching changes (tests/data/views/co-proposals.md).
//!
//! Screenshots go to target/docx-tests/html-browser/ (docs/ holds copies).
//! Needs chromium, chromium-driver, selenium (PyPI) and axe-core (npm).

use crate::support;

use rapporteur::model::stats::AuthorStats;
use rapporteur::model::view::{self, ViewSpec};
use rapporteur::model::Document;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::html_text::{first_difference, md_body, md_words};
use support::tools::{self, Tool};

fn rapporteur(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(support::root())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// As the page writes a State's code in the fragment: JavaScript's
/// `encodeURIComponent`.
fn encode(code: &str) -> String {
    let mut out = String::new();
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `check --stats`'s counts per State, in front-matter order.
fn check_stats(source: &Path) -> Vec<AuthorStats> {
    let out = rapporteur(&["check", "--stats", source.to_str().unwrap()]);
    out.lines()
        .skip_while(|l| !l.trim_start().starts_with("code"))
        .skip(1)
        .map(|l| {
            let n: Vec<usize> = l
                .split_whitespace()
                .rev()
                .take(4)
                .map(|f| f.parse().expect("a count"))
                .collect();
            AuthorStats {
                insertions: n[3],
                deletions: n[2],
                notes: n[0],
            }
        })
        .collect()
}

struct Case {
    name: &'static str,
    source: PathBuf,
    doc: Document,
}

impl Case {
    fn new(name: &'static str, source: PathBuf) -> Self {
        let doc = support::parse(&source);
        Case { name, source, doc }
    }

    fn page(&self, dir: &Path) -> PathBuf {
        dir.join(format!(
            "{}.html",
            self.source.file_stem().unwrap().to_str().unwrap()
        ))
    }

    /// Every view: none given (all), the three named, each State, and the
    /// first two States together.
    fn fragments(&self) -> Vec<String> {
        let mut out: Vec<String> = ["", "view=all", "view=accepted", "view=original"]
            .map(String::from)
            .to_vec();
        let codes: Vec<String> = self.doc.authors.iter().map(|a| encode(&a.code)).collect();
        out.extend(codes.iter().map(|c| format!("author={c}")));
        if codes.len() > 1 {
            out.push(format!("author={},{}", codes[0], codes[1]));
        }
        out
    }
}

fn run_driver(job: &Value, dir: &Path) -> Value {
    let job_path = dir.join("job.json");
    let result_path = dir.join("result.json");
    std::fs::write(&job_path, serde_json::to_vec_pretty(job).unwrap()).unwrap();
    let python = Tool::Selenium.path().expect("checked");
    let out = Command::new(python)
        .arg(support::root().join("tests/support/html_browser.py"))
        .arg(&job_path)
        .arg(&result_path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "the browser driver failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(&result_path).unwrap()).unwrap()
}

/// Insertions and deletions shown per State (by index) as the page
/// reports them.
fn shown(view: &Value) -> BTreeMap<usize, (usize, usize)> {
    view["counts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(a, c)| {
            let n = |i: usize| c[i].as_u64().unwrap() as usize;
            (a.parse().unwrap(), (n(0), n(1)))
        })
        .collect()
}

fn expected(
    stats: &[(rapporteur::model::AuthorId, AuthorStats)],
) -> BTreeMap<usize, (usize, usize)> {
    stats
        .iter()
        .filter(|(_, s)| s.changes() > 0)
        .map(|(a, s)| (a.0, (s.insertions, s.deletions)))
        .collect()
}

fn check_views(case: &Case, page: &Value) {
    let doc = &case.doc;
    let source = case.source.to_str().unwrap();
    let from_check = check_stats(&case.source);
    // Every view that reads otherwise than `render --to md --view`, all
    // told before the test fails.
    let mut differ: Vec<String> = Vec::new();
    for fragment in case.fragments() {
        let view = &page["views"][&fragment];
        let spec = match fragment.as_str() {
            "" => "view=all".to_string(),
            f => f.to_string(),
        };
        assert_eq!(view["view"], spec.as_str(), "{}: #{fragment}", case.name);
        if spec.contains(',') {
            // Several States: what each one proposes kept (its own changes
            // and those it co-proposes), no other's: a State's changes are
            // shown if either State's own view shows them, at least as
            // many as either shows, and no more than the document has.
            let singles: Vec<BTreeMap<usize, (usize, usize)>> = (0..2)
                .map(|i| shown(&page["views"][&format!("author={}", encode(&doc.authors[i].code))]))
                .collect();
            let both = shown(view);
            for (a, counts) in &both {
                assert!(
                    singles.iter().any(|s| s.contains_key(a)),
                    "{}: #{fragment} shows State {a}, which neither State's view shows",
                    case.name
                );
                for one in singles.iter().filter_map(|s| s.get(a)) {
                    assert!(
                        counts.0 >= one.0 && counts.1 >= one.1,
                        "{}: #{fragment}",
                        case.name
                    );
                }
                assert!(
                    counts.0 <= from_check[*a].insertions && counts.1 <= from_check[*a].deletions
                );
            }
            for a in singles.iter().flat_map(|s| s.keys()) {
                assert!(
                    both.contains_key(a),
                    "{}: #{fragment}: State {a}",
                    case.name
                );
            }
            continue;
        }
        let cli_view = spec.strip_prefix("view=").map_or_else(
            || {
                let code = &doc.authors[doc
                    .authors
                    .iter()
                    .position(|a| encode(&a.code) == spec["author=".len()..])
                    .unwrap()]
                .code;
                format!("author={code}")
            },
            str::to_string,
        );
        let md = rapporteur(&["render", source, "--to", "md", "--view", &cli_view]);
        let want = md_words(md_body(&md, doc));
        let got = support::words(view["text"].as_str().unwrap());
        if let Some(diff) = first_difference(&want, &got) {
            differ.push(format!(
                "{}: #{fragment} differs from --view {cli_view} {diff}",
                case.name
            ));
        }
        let v = cli_view.parse::<ViewSpec>().unwrap().resolve(doc).unwrap();
        let stats = if cli_view == "all" {
            from_check
                .iter()
                .enumerate()
                .map(|(i, s)| (rapporteur::model::AuthorId(i), s.clone()))
                .collect()
        } else {
            rapporteur::model::stats::stats(&view::apply(doc, v))
        };
        assert_eq!(
            shown(view),
            expected(&stats),
            "{}: #{fragment}: insertions and deletions shown per State",
            case.name
        );
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // The legend says each State's counts as `check --stats` has them.
    let legend: Vec<&str> = page["views"][""]["legend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let lines: Vec<String> = doc
        .authors
        .iter()
        .zip(&from_check)
        .map(|(a, s)| {
            rapporteur::present::legend_entry(doc.meta.language, &a.code, &a.name, s).text()
        })
        .collect();
    assert_eq!(legend, lines, "{}: the legend", case.name);
}

fn serious(violations: &Value) -> Vec<String> {
    violations
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
                .map(|v| v.to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn check_page(case: &Case, page: &Value) {
    let name = case.name;
    assert_eq!(
        page["errors"],
        serde_json::json!([]),
        "{name}: console errors"
    );
    assert_eq!(page["nojs_hidden"], true, "{name}: the script ran");
    assert_eq!(
        page["outside"]["found"],
        serde_json::json!([]),
        "{name}: links out"
    );
    assert_eq!(
        page["outside"]["resources"],
        serde_json::json!([]),
        "{name}: loads"
    );
    let phone = &page["phone"];
    assert!(
        phone[0].as_u64() <= phone[1].as_u64(),
        "{name}: the page is {} px wide on a {} px phone",
        phone[0],
        phone[1]
    );
    for key in ["axe", "axe_filtered"] {
        let bad = serious(&page[key]);
        assert!(
            bad.is_empty(),
            "{name}: axe-core ({key}):\n{}",
            bad.join("\n")
        );
        if let Some(all) = page[key].as_array() {
            for v in all {
                let _ = writeln!(
                    std::io::stderr(),
                    "note: {name}: axe {}: {}",
                    v["impact"],
                    v["id"]
                );
            }
        }
    }
    check_views(case, page);
}

/// The page printed from Chromium with Canada's view on screen reads as
/// `--view author=Canada`: the text's words in order, the line saying
/// the view, and not the controls (read with poppler's pdftotext, where
/// installed).
fn printed(case: &Case, pdf: &Path) {
    if tools::missing(&[Tool::Pdftotext]) {
        return;
    }
    let (ok, text, err) = tools::run(Tool::Pdftotext, &[pdf.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext: {err}");
    let source = case.source.to_str().unwrap();
    let md = rapporteur(&["render", source, "--to", "md", "--view", "author=Canada"]);
    // pdftotext takes a hyphen at a line's end for a break inside a word
    // (`3D-` / `printable` reads `3Dprintable`): hyphens are left out on
    // both sides.
    let unhyphen = |words: Vec<String>| -> Vec<String> {
        words
            .into_iter()
            .map(|w| w.replace('-', ""))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let want = unhyphen(md_words(md_body(&md, &case.doc)));
    let got = unhyphen(support::words(&text));
    let found = got.windows(want.len()).any(|w| w == want.as_slice());
    if !found {
        let start = got.iter().position(|w| *w == want[0]).unwrap_or(0);
        let diff = first_difference(&want, &got[start..]).unwrap_or_default();
        panic!("the printed page is not Canada's view {diff}");
    }
    assert!(
        text.contains("Shown: Canada"),
        "the printed page says which view it is:\n{text}"
    );
    for words in ["Only the changes of", "Text as accepted"] {
        assert!(!text.contains(words), "the controls are printed: {words}");
    }
}

#[test]
fn every_view_of_the_pages_in_chromium() {
    if tools::missing(&[
        Tool::Chromium,
        Tool::Chromedriver,
        Tool::Selenium,
        Tool::AxeCore,
    ]) {
        return;
    }
    let dir = support::scratch("html-browser");
    let generated = dir.join("generated-x10.md");
    // A rerun starts clean: generate replaces no existing file.
    let _ = std::fs::remove_file(&generated);
    rapporteur(&[
        "generate",
        "--scale",
        "10",
        "-o",
        generated.to_str().unwrap(),
    ]);
    let root = support::root();
    let cases = [
        Case::new("example", root.join("examples/firearms-comments.md")),
        Case::new("French", root.join("tests/data/languages/fr.md")),
        Case::new("Arabic", root.join("examples/discussion-ar.md")),
        Case::new("scale 10", generated.clone()),
        // The other three languages: every view of each, axe, the phone.
        Case::new("Chinese", root.join("examples/discussion-zh.md")),
        Case::new("Spanish", root.join("tests/data/languages/es.md")),
        Case::new("Russian", root.join("tests/data/languages/ru.md")),
        // Co-proposals, remarks, touching groups and punctuation after
        // attributions: every State's view as --view author=CODE.
        Case::new(
            "co-proposals",
            root.join("tests/data/views/co-proposals.md"),
        ),
    ];
    let out = format!("{}/", dir.display());
    let mut args = vec!["render", "--to", "html", "-o", &out];
    let sources: Vec<String> = cases
        .iter()
        .map(|c| c.source.display().to_string())
        .collect();
    args.extend(sources.iter().map(String::as_str));
    rapporteur(&args);
    let shot = |name: &str| dir.join(name).display().to_string();
    let first = |case: &Case| encode(&case.doc.authors[0].code);
    let big = &cases[3];
    let timing = vec![
        "view=accepted".to_string(),
        "view=original".to_string(),
        format!("author={}", first(big)),
        format!("author={},{}", first(big), encode(&big.doc.authors[1].code)),
        "view=all".to_string(),
    ];
    let pages: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let mut page = serde_json::json!({
                "name": case.name,
                "path": case.page(&dir),
                "fragments": case.fragments(),
                "axe": true,
                "axe_fragment": format!("author={}", first(case)),
                "phone_fragment": format!("author={}", first(case)),
            });
            match i {
                0 => {
                    page["keyboard"] = true.into();
                    page["print"] = serde_json::json!({
                        "fragment": "author=Canada", "file": shot("printed-canada.pdf"),
                    });
                    page["screenshots"] = serde_json::json!([
                        {
                            "width": 1280, "height": 1000, "file": shot("html-filtered.png"),
                            "fragment": "author=US", "scroll": "point-1",
                        },
                        {
                            "width": 1280, "height": 1000, "file": shot("html-controls.png"),
                            "fragment": "author=US", "scroll": "",
                        },
                    ]);
                }
                2 => {
                    page["screenshots"] = serde_json::json!([{
                        "width": 390, "height": 844, "file": shot("html-ar-phone.png"),
                        "fragment": "", "scroll": "chapter-II",
                    }]);
                }
                3 => page["timing"] = serde_json::json!(timing),
                _ => {}
            }
            page
        })
        .collect();
    let mut pages = pages;
    pages.push(serde_json::json!({
        "name": "index", "path": dir.join("index.html"), "axe": true, "relative_links": true,
    }));
    let job = serde_json::json!({
        "chromium": Tool::Chromium.path().unwrap(),
        "chromedriver": Tool::Chromedriver.path().unwrap(),
        "axe": Tool::AxeCore.path().unwrap(),
        "pages": pages,
    });
    let result = run_driver(&job, &dir);
    for (case, page) in cases.iter().zip(result["pages"].as_array().unwrap()) {
        check_page(case, page);
    }
    // The set's index: accessible, self-contained but for its links to
    // the files beside it, readable on a phone.
    let index = result["pages"].as_array().unwrap().last().unwrap();
    assert_eq!(
        index["errors"],
        serde_json::json!([]),
        "index: console errors"
    );
    assert_eq!(index["outside"]["found"], serde_json::json!([]), "index");
    assert_eq!(
        index["outside"]["resources"],
        serde_json::json!([]),
        "index"
    );
    assert!(
        index["phone"][0].as_u64() <= index["phone"][1].as_u64(),
        "index: {}",
        index["phone"]
    );
    let bad = serious(&index["axe"]);
    assert!(bad.is_empty(), "index: axe-core:\n{}", bad.join("\n"));
    printed(&cases[0], &dir.join("printed-canada.pdf"));
    let example = &result["pages"][0]["keyboard"];
    assert!(
        example["reached"].is_u64(),
        "a State's box by Tab: {example}"
    );
    assert_eq!(
        example["after"][0].as_str(),
        Some(format!("author={}", encode(example["code"].as_str().unwrap())).as_str()),
        "the space bar on a State's box shows its view: {example}"
    );
    assert_eq!(
        example["after"][1].as_str().map(|h| &h[1..]),
        example["after"][0].as_str()
    );
    assert_eq!(example["accepted"][0], "view=accepted", "{example}");
    for (fragment, ms) in result["pages"][3]["timing"].as_object().unwrap() {
        let _ = writeln!(
            std::io::stderr(),
            "filter time, scale 10 ({} changes): #{fragment}: script {:.1} ms, with layout {:.1} ms",
            big.doc.changes.len(),
            ms[0].as_f64().unwrap(),
            ms[1].as_f64().unwrap()
        );
    }
}
