//! The shape of the code, checked like behaviour: files in `src/` depend
//! one way (no file imports, directly or through others, a file that
//! imports it back), and no function is longer than a reader can hold.
//!
//! The reading is lexical, as a reviewer reads: `use` items and paths that
//! start with `crate::`, `super::`, `self::` or a child module's name, in
//! code outside `#[cfg(test)]` modules and comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Cycles not yet taken apart, each as the sorted list of its modules.
/// A cycle not listed here fails the test, and so does one listed that is
/// gone. None is left.
const KNOWN_CYCLES: &[&[&str]] = &[];

/// Functions over this many lines must be split.
const MAX_FUNCTION_LINES: usize = 120;

/// Functions still longer, with the length they may not exceed. Shrinking
/// one is welcome (lower its figure); a new one or a longer one fails.
/// None is left.
const LONG_FUNCTIONS: &[(&str, usize)] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/write/docx/body.rs` → `docx::body`; `src/write/docx/mod.rs` → `docx`;
/// `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

/// The code a reviewer reads for dependencies: no test module, no comments,
/// no string contents.
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_string && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' {
                in_string = !in_string;
            }
            if !in_string || c == '"' {
                kept.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// Every path `a::b::c` in the code, with `use x::{a, b::c}` groups
/// expanded one level.
fn paths(code: &str) -> Vec<Vec<String>> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts =
            is_ident(chars[i]) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':'));
        if !starts {
            i += 1;
            continue;
        }
        let mut segs = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            segs.push(chars[start..j].iter().collect::<String>());
            if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                j += 2;
                if chars.get(j) == Some(&'{') {
                    let end = chars[j..]
                        .iter()
                        .position(|&c| c == '}')
                        .map_or(chars.len(), |e| j + e);
                    let inner: String = chars[j + 1..end].iter().collect();
                    for item in inner.split(',') {
                        let item = item.split_whitespace().next().unwrap_or("");
                        if item.is_empty() || item == "self" {
                            continue;
                        }
                        let mut p = segs.clone();
                        p.extend(item.split("::").map(str::to_string));
                        out.push(p);
                    }
                    j = end;
                    break;
                }
                if j < chars.len() && is_ident(chars[j]) {
                    continue;
                }
            }
            break;
        }
        if segs.len() > 1 {
            out.push(segs);
        }
        i = j.max(i + 1);
    }
    out
}

/// The file a path leads to from `module`, if it names one of ours.
fn resolve(modules: &BTreeSet<String>, module: &str, path: &[String]) -> Option<String> {
    let here: Vec<&str> = if module.is_empty() {
        vec![]
    } else {
        module.split("::").collect()
    };
    let mut base: Vec<String> = here.iter().map(|s| s.to_string()).collect();
    let mut rest = path;
    match path[0].as_str() {
        "crate" => {
            base.clear();
            rest = &path[1..];
        }
        "self" => rest = &path[1..],
        "super" => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        first => {
            // A child module named without `self::` (edition 2018 paths).
            let child = if module.is_empty() {
                first.to_string()
            } else {
                format!("{module}::{first}")
            };
            if !modules.contains(&child) {
                return None;
            }
        }
    }
    let mut best = None;
    for n in 0..=rest.len() {
        let mut candidate = base.clone();
        candidate.extend(rest[..n].iter().cloned());
        let name = candidate.join("::");
        if modules.contains(&name) {
            best = Some(name);
        }
    }
    best.filter(|b| b != module && !b.is_empty())
}

fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "main" || module.is_empty() {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(file).expect("readable"));
        let deps: BTreeSet<String> = paths(&code)
            .iter()
            .filter_map(|p| resolve(&modules, &module, p))
            .collect();
        graph.insert(module, deps);
    }
    graph
}

/// Strongly connected components of more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}

#[test]
fn files_in_src_depend_one_way() {
    let graph = dependency_graph();
    // The reading must see real edges, or the check proves nothing.
    assert!(
        graph["write::docx::body"].contains("write::docx::wml"),
        "{:?}",
        graph["write::docx::body"]
    );
    assert!(graph["layout::paginate"].contains("layout::compose"));
    let found = cycles(&graph);
    let known: Vec<Vec<String>> = KNOWN_CYCLES
        .iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect();
    for cycle in &found {
        let edges: Vec<String> = cycle
            .iter()
            .map(|m| {
                let inside: Vec<&str> = graph[m]
                    .iter()
                    .filter(|d| cycle.contains(d))
                    .map(String::as_str)
                    .collect();
                format!("{m} → {}", inside.join(", "))
            })
            .collect();
        assert!(
            known.contains(cycle),
            "these files import each other in a circle:\n  {}",
            edges.join("\n  ")
        );
    }
    for cycle in &known {
        assert!(
            found.contains(cycle),
            "the cycle {cycle:?} is gone: take it off KNOWN_CYCLES"
        );
    }
}

#[test]
fn the_checker_finds_a_cycle_it_is_shown() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    graph.insert("d".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        cycles(&graph),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
    let modules: BTreeSet<String> = ["docx", "docx::body", "docx::wml"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code =
        code_only("use super::wml::{self, Elem};\n// use super::body;\nlet s = \"super::body\";\n");
    let deps: Vec<String> = paths(&code)
        .iter()
        .filter_map(|p| resolve(&modules, "docx::body", p))
        .collect();
    assert_eq!(deps, vec!["docx::wml".to_string(), "docx::wml".into()]);
}

/// Every function's length in lines, by `file::name`.
fn function_lengths() -> Vec<(String, usize)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let code = code_only(&std::fs::read_to_string(&file).unwrap());
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(at) = line.find("fn ") else { continue };
            let before = line[..at].trim();
            let header = before.is_empty()
                || before.split_whitespace().all(|w| {
                    matches!(w, "pub" | "const" | "unsafe" | "async" | "extern")
                        || w.starts_with("pub(")
                });
            if !header {
                continue;
            }
            let name: String = line[at + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                continue;
            }
            let mut depth = 0i32;
            let mut opened = false;
            let mut end = None;
            'scan: for (j, l) in lines.iter().enumerate().skip(i) {
                for c in l.chars() {
                    match c {
                        ';' if !opened && depth == 0 => break 'scan,
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if opened && depth == 0 {
                        end = Some(j);
                        break 'scan;
                    }
                }
            }
            if let Some(end) = end {
                out.push((format!("{rel}::{name}"), end - i + 1));
            }
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_a_reader_can_hold() {
    let lengths = function_lengths();
    assert!(
        lengths.len() > 300,
        "the reading found only {} functions",
        lengths.len()
    );
    let mut too_long = Vec::new();
    for (name, len) in &lengths {
        if *len <= MAX_FUNCTION_LINES {
            continue;
        }
        match LONG_FUNCTIONS.iter().find(|(n, _)| n == name) {
            Some((_, allowed)) if len <= allowed => {}
            _ => too_long.push(format!("{name}: {len} lines")),
        }
    }
    assert!(
        too_long.is_empty(),
        "split these functions (at most {MAX_FUNCTION_LINES} lines):\n  {}",
        too_long.join("\n  ")
    );
    let mut longest: Vec<&(String, usize)> = lengths.iter().collect();
    longest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    eprintln!("longest functions:");
    for (name, len) in longest.iter().take(5) {
        eprintln!("  {len:4} {name}");
    }
}

/// The writers: each reads the model (through `present`) and nothing of
/// another writer; what two of them need moves down, never sideways.
const WRITERS: &[&str] = &[
    "write::docx",
    "write::pdf",
    "write::html",
    "write::text",
    "write::pandoc",
    "write::source",
];

/// The readers: each builds the model and imports no writer (what the DOCX
/// reader and writer share belongs in a module below both).
const READERS: &[&str] = &["read::source", "read::docx"];

/// Edges that break the layering still, as (from, to) top-level modules.
/// A listed edge that is gone fails the test, as does a new one.
const KNOWN_LAYER_BREACHES: &[(&str, &str)] = &[
    // The reader recognises the writer's end rule by its style id; both
    // should take it from one OOXML vocabulary (issue 20, point 2).
    ("read::docx", "write::docx"),
];

/// The unit the layer rule speaks of: a reader or a writer (`read::docx`,
/// `write::pdf`), or any other top-level module (`layout`, `model`).
fn layer_of(module: &str) -> String {
    let mut parts = module.split("::");
    match (parts.next(), parts.next()) {
        (Some(top @ ("read" | "write")), Some(unit)) => format!("{top}::{unit}"),
        (Some(top), _) => top.to_string(),
        (None, _) => String::new(),
    }
}

/// Which layer rule an edge between two top-level modules breaks, if any.
fn breach(from: &str, to: &str) -> Option<&'static str> {
    if from == to {
        return None;
    }
    if WRITERS.contains(&from) && WRITERS.contains(&to) {
        return Some("a writer imports another writer");
    }
    if from == "write::docx" && to == "layout" {
        return Some("the DOCX writer imports the PDF's layout engine");
    }
    if READERS.contains(&from) && WRITERS.contains(&to) {
        return Some("a reader imports a writer");
    }
    None
}

#[test]
fn writers_and_readers_keep_to_their_layers() {
    let mut found: BTreeMap<(String, String), (String, String, &str)> = BTreeMap::new();
    for (module, deps) in dependency_graph() {
        for dep in deps {
            let (from, to) = (layer_of(&module), layer_of(&dep));
            if let Some(rule) = breach(&from, &to) {
                found
                    .entry((from, to))
                    .or_insert((module.clone(), dep.clone(), rule));
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN_LAYER_BREACHES
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(edge, _)| !known.contains(*edge))
        .map(|(_, (m, d, rule))| format!("{m} → {d}: {rule}"))
        .collect();
    assert!(new.is_empty(), "layer breaches:\n{}", new.join("\n"));
    let gone: Vec<_> = known.iter().filter(|e| !found.contains_key(*e)).collect();
    assert!(
        gone.is_empty(),
        "take these off KNOWN_LAYER_BREACHES, they are gone: {gone:?}"
    );
}

#[test]
fn the_layer_rule_sees_a_writer_reaching_sideways() {
    assert!(breach("write::docx", "write::pdf").is_some());
    assert!(breach("write::docx", "layout").is_some());
    assert!(breach("read::docx", "write::html").is_some());
    assert!(breach("write::pdf", "layout").is_none());
    assert!(breach("write::docx", "present").is_none());
    assert_eq!(layer_of("write::docx::body"), "write::docx");
    assert_eq!(layer_of("read::source::inline"), "read::source");
    assert_eq!(layer_of("model::view"), "model");
}

/// The model's id tables: an id is a place in one of them.
const MODEL_TABLES: &[&str] = &["authors", "changes", "groups", "notes", "footnotes"];
const MODEL_IDS: &[&str] = &["AuthorId", "ChangeId", "GroupId", "NoteId", "FootnoteId"];

/// Files that push onto a list named like a model table that is not one,
/// with what the list is. A file not listed that pushes fails the test, and
/// so does a listed file that no longer does.
const PUSHES_ONTO_OTHER_LISTS: &[(&str, &str)] = &[
    ("layout/inline.rs", "a line's footnote references"),
    ("layout/paginate.rs", "a page's footnotes and their parts"),
    (
        "merge/edits.rs",
        "a copy's new notes, before they are laid on the base",
    ),
    ("merge/rebase.rs", "a late copy's notes, rebased"),
    ("merge/reopen.rs", "notes of the groups a late copy reopens"),
    (
        "present/script.rs",
        "where the font family changes in a text",
    ),
    (
        "read/docx/structured.rs",
        "the stored groups handed to Builder::restore",
    ),
];

/// Must-show 2 of issue 20: outside `src/model/builder.rs`, nothing pushes
/// onto the model's id tables or makes an id from a table's length.
#[test]
fn only_the_builder_fills_the_model_s_tables() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut pushing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == "model/builder.rs" {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(file).expect("readable"));
        for (n, line) in code.lines().enumerate() {
            let push = MODEL_TABLES.iter().any(|t| {
                line.match_indices(&format!("{t}.push(")).any(|(i, _)| {
                    !line[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            });
            // `NoteId(x.notes.len())`, `AuthorId(authors.len() - 1)`.
            let id_from_len = MODEL_IDS.iter().any(|id| {
                line.match_indices(&format!("{id}(")).any(|(i, m)| {
                    let rest = &line[i + m.len()..];
                    let expr: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                        .collect();
                    expr.ends_with(".len") && rest[expr.len()..].starts_with("()")
                })
            });
            if id_from_len {
                panic!("{rel}:{}: an id made from a table's length: {line}", n + 1);
            }
            if push {
                pushing
                    .entry(rel.clone())
                    .or_default()
                    .push(format!("{}: {}", n + 1, line.trim()));
            }
        }
    }
    let known: BTreeSet<&str> = PUSHES_ONTO_OTHER_LISTS.iter().map(|(f, _)| *f).collect();
    let new: Vec<String> = pushing
        .iter()
        .filter(|(f, _)| !known.contains(f.as_str()))
        .map(|(f, lines)| format!("{f}: {}", lines.join("; ")))
        .collect();
    assert!(
        new.is_empty(),
        "pushes onto the model's tables outside model/builder.rs (add a Builder method, \
         or list the file in PUSHES_ONTO_OTHER_LISTS if the list is not the model's):\n{}",
        new.join("\n")
    );
    let gone: Vec<&&str> = known
        .iter()
        .filter(|f| !pushing.contains_key(**f))
        .collect();
    assert!(
        gone.is_empty(),
        "take these off PUSHES_ONTO_OTHER_LISTS: {gone:?}"
    );
}

/// Must-show 2 of issue 20: the DOCX reader and the merge say what a place
/// or a key is with types, not with `usize::MAX` or control characters.
#[test]
fn the_docx_reader_and_the_merge_use_no_sentinels() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("read/docx"), &mut files);
    rust_files(&src.join("merge"), &mut files);
    assert!(files.len() > 10, "the reader and the merge are found");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let text = match text.find("#[cfg(test)]\nmod tests") {
            Some(i) => &text[..i],
            None => &text,
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let control = line.match_indices("\\u{").any(|(i, _)| {
                let hex: String = line[i + 3..].chars().take_while(|c| *c != '}').collect();
                u32::from_str_radix(&hex, 16).is_ok_and(|v| v < 0x20)
            });
            if line.contains("usize::MAX") || control {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "sentinels:\n{}", found.join("\n"));
}
