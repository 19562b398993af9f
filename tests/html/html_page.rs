//! The review page (`render --to html`) as the command writes it, without
//! a browser: the page without JavaScript reads as `--to md` (every change
//! shown), nothing in it points outside it, its ids and links hold, the
//! same input gives the same bytes, and a set of inputs gets its index.
//! tests/html/html_browser.rs opens the pages in Chromium for the views.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::html_text::{first_difference, md_body, md_words, page_body_words};

const SOURCES: [&str; 10] = [
    "examples/firearms-comments.md",
    "examples/minimal.md",
    "examples/discussion-ar.md",
    "examples/discussion-zh.md",
    "tests/data/languages/fr.md",
    "tests/data/languages/es.md",
    "tests/data/languages/ru.md",
    "tests/data/french.md",
    "tests/data/footnotes.md",
    "tests/data/hard-cases.md",
];

fn rapporteur(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(support::root())
        .output()
        .expect("runs")
}

fn ok(args: &[&str]) -> String {
    let out = rapporteur(args);
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fresh(name: &str) -> PathBuf {
    let dir = support::scratch(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn page_of(dir: &Path, source: &str) -> String {
    let stem = Path::new(source).file_stem().unwrap().to_str().unwrap();
    std::fs::read_to_string(dir.join(format!("{stem}.html"))).expect("page written")
}

/// Without JavaScript the page is the whole text with every change shown:
/// the words of `--to md`, in order, for every source.
#[test]
fn without_script_the_page_reads_as_the_text_with_every_change() {
    let dir = fresh("html-nojs");
    let mut args = vec!["render", "--to", "html", "-o"];
    let out = format!("{}/", dir.display());
    args.push(&out);
    args.extend(SOURCES);
    ok(&args);
    for source in SOURCES {
        let doc = support::parse(&support::root().join(source));
        let md = ok(&["render", source, "--to", "md"]);
        let expected = md_words(md_body(&md, &doc));
        let page = page_body_words(&page_of(&dir, source));
        if let Some(diff) = first_difference(&expected, &page) {
            panic!("{source}: the page without script differs from --to md {diff}");
        }
    }
}

/// Nothing outside the page: no `src`, no link but to the page's own ids,
/// no `url(` or `@import` in its style; every internal link has its
/// target; the document's language and direction; the stable ids.
#[test]
fn the_page_is_self_contained_and_its_links_hold() {
    let dir = fresh("html-links");
    let out = format!("{}/", dir.display());
    ok(&[
        "render", "--to", "html", "-o", &out, SOURCES[0], SOURCES[2], SOURCES[4],
    ]);
    for (source, lang, dir_attr) in [
        (SOURCES[0], "en", "ltr"),
        (SOURCES[2], "ar", "rtl"),
        (SOURCES[4], "fr", "ltr"),
    ] {
        let page = page_of(&dir, source);
        assert!(
            page.contains(&format!("<html lang=\"{lang}\" dir=\"{dir_attr}\"")),
            "{source}"
        );
        for needle in [" src=", "url(", "@import", "http://", "https://", "//cdn"] {
            assert!(!page.contains(needle), "{source}: `{needle}` in the page");
        }
        let ids: Vec<&str> = page
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{source}: ids are unique");
        for href in page.split(" href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            let target = href
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{source}: a link out of the page: {href}"));
            assert!(ids.contains(&target), "{source}: no element #{target}");
        }
        let doc = support::parse(&support::root().join(source));
        for point in doc.points() {
            assert!(
                ids.contains(&format!("point-{}", point.number).as_str()),
                "{source}: #point-{}",
                point.number
            );
        }
        // Each footnote and its first reference link to each other.
        for n in 1..=doc.footnotes.len() {
            assert!(page.contains(&format!("id=\"fnref-{n}\" href=\"#fn-{n}\"")));
            assert!(page.contains(&format!("<li id=\"fn-{n}\"")));
            assert!(page.contains(&format!("href=\"#fnref-{n}\"")));
        }
    }
    let example = page_of(&dir, SOURCES[0]);
    for id in ["point-7", "point-44", "para-6", "chapter-I"] {
        assert!(example.contains(&format!("id=\"{id}\"")), "#{id}");
    }
    // Every proposal names its State's change and is described by its
    // attribution; the reasons are in the attribution, in print's words.
    assert!(example.contains("<del class=\"s"));
    assert!(example.contains("aria-describedby=\"g-"));
}

#[test]
fn the_same_input_gives_the_same_page() {
    let dir = fresh("html-twice");
    for name in ["a.html", "b.html"] {
        let path = dir.join(name);
        ok(&[
            "render",
            SOURCES[0],
            "--to",
            "html",
            "-o",
            path.to_str().unwrap(),
        ]);
    }
    let a = std::fs::read(dir.join("a.html")).unwrap();
    let b = std::fs::read(dir.join("b.html")).unwrap();
    assert_eq!(a, b);
}

/// Several inputs with `-o DIR/`: `DIR/index.html` lists each document
/// (symbol, title, date, language) with links to the files written for it.
#[test]
fn a_set_of_documents_gets_an_index() {
    let dir = fresh("html-index");
    let out = format!("{}/", dir.display());
    ok(&[
        "render", "--to", "html,md", "-o", &out, SOURCES[0], SOURCES[2], SOURCES[3],
    ]);
    let index = std::fs::read_to_string(dir.join("index.html")).expect("index written");
    for (source, symbol, title, date, language) in [
        (
            SOURCES[0],
            "CTOC/COP/2020/CRP.4",
            "Comments",
            "2020-10-09",
            "English",
        ),
        (
            SOURCES[2],
            "CTOC/COP/WG.6/2021/CRP.2",
            "تعليقات الدول على نقاط المناقشة",
            "2021-05-10",
            "العربية",
        ),
        (
            SOURCES[3],
            "CTOC/COP/WG.6/2021/CRP.1",
            "各国对讨论要点的评论",
            "2021-05-10",
            "中文",
        ),
    ] {
        let stem = Path::new(source).file_stem().unwrap().to_str().unwrap();
        let row = index
            .lines()
            .find(|l| l.contains(&format!("href=\"{stem}.html\"")))
            .unwrap_or_else(|| panic!("{source}: no row\n{index}"));
        for needle in [symbol, title, date, language] {
            assert!(row.contains(needle), "{source}: `{needle}` in {row}");
        }
        // The text output is not one of the formats the index links.
        assert!(row.contains(&format!("href=\"{stem}.html\"")));
        assert!(!row.contains(".txt"), "{row}");
    }
    assert!(!index.contains(" src="));
    // One input: no index.
    let single = fresh("html-index-one");
    let out = format!("{}/", single.display());
    ok(&["render", "--to", "html", "-o", &out, SOURCES[0]]);
    assert!(!single.join("index.html").exists());
}

#[test]
fn an_unknown_state_in_the_view_writes_no_page() {
    let dir = fresh("html-bad-view");
    let path = dir.join("x.html");
    let out = rapporteur(&[
        "render",
        SOURCES[0],
        "--to",
        "html",
        "--view",
        "author=XX",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no author `XX`"));
    assert!(!path.exists());
}

/// A State's code or name holding markup stays text: in the page, in its
/// style sheet (the screen reader's words) and in its data table.
#[test]
fn markup_in_a_state_s_name_stays_text() {
    let dir = fresh("html-hostile");
    let source = dir.join("hostile.md");
    std::fs::write(
        &source,
        "+++\nsymbol = \"X/1\"\ndate = 2020-01-01\ntitle = \"<b>Title</b>\"\n[authors]\n\
         \"A<b>,\" = \"</style><script>alert(1)</script>\\\"\\\\\"\n+++\n\n\
         1. Text {++new & <i>++}{>>A<b>,: why </script><<} here.\n",
    )
    .unwrap();
    let page_path = dir.join("hostile.html");
    ok(&[
        "render",
        source.to_str().unwrap(),
        "--to",
        "html",
        "-o",
        page_path.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert_eq!(page.matches("<script").count(), 2, "the page's own two");
    assert_eq!(page.matches("</script>").count(), 2);
    assert_eq!(page.matches("</style>").count(), 1);
    assert!(!page.contains("<b>") && !page.contains("<i>"));
    assert!(page.contains("&lt;b&gt;Title&lt;/b&gt;"));
    assert!(page.contains("new &amp; &lt;i&gt;"));
    let md = ok(&["render", source.to_str().unwrap(), "--to", "md"]);
    let doc = support::parse(&source);
    assert_eq!(
        md_words(md_body(&md, &doc)),
        page_body_words(&page),
        "the words read as the text's"
    );
}
