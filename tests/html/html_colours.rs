//! Every State its own colour, however many States a document has: a
//! document with fourteen States (more than the palette's ten) rendered by
//! the binary with `--colour` to PDF and to the review page. Each State's
//! changes are printed in a colour no other State has, readable on white
//! (WCAG 2.1 AA, 4.5:1), and the legend keys each State to its colour.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use support::tools::{self, Tool};

const CODES: [&str; 14] = [
    "AR", "BR", "CA", "DZ", "EG", "FR", "GH", "IN", "JP", "KE", "MX", "NO", "PE", "US",
];

fn source() -> String {
    let mut s = CODES
        .iter()
        .fold(
            support::front().symbol("X/14").date("2024-03-01"),
            |f, code| f.author(code, &format!("State {code}")),
        )
        .source("");
    for (i, code) in CODES.iter().enumerate() {
        s.push_str(&format!(
            "{}. Paragraph {} with {{++words{}++}}{{>>{code}<<}} added.\n\n",
            i + 1,
            i + 1,
            i + 1
        ));
    }
    s
}

fn rapporteur(args: &[&str], dir: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "rapporteur {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// WCAG 2.1's contrast ratio against white.
fn contrast(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let s = f64::from(c) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
    1.05 / (y + 0.05)
}

fn scratch() -> std::path::PathBuf {
    let dir = support::scratch("html-colours");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let _ = std::fs::remove_file(entry.unwrap().path());
    }
    std::fs::write(dir.join("many.md"), source()).unwrap();
    dir
}

#[test]
fn the_page_gives_each_of_fourteen_states_a_colour_of_its_own() {
    let dir = scratch();
    rapporteur(&["render", "many.md", "--to", "html"], &dir);
    let html = std::fs::read_to_string(dir.join("many.html")).unwrap();
    let mut colours: BTreeMap<usize, [u8; 3]> = BTreeMap::new();
    for (i, _) in CODES.iter().enumerate() {
        let rule = format!(".s{i}{{--c:#");
        let at = html
            .find(&rule)
            .unwrap_or_else(|| panic!("no colour for State {i}"));
        let hex = &html[at + rule.len()..at + rule.len() + 6];
        let byte = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap();
        colours.insert(i, [byte(0), byte(2), byte(4)]);
        // Its insertion and its legend swatch carry its class.
        assert!(html.contains(&format!("<ins class=\"s{i}\"")), "State {i}");
        assert!(
            html.contains(&format!("<span class=\"sw s{i}\"")),
            "State {i}"
        );
    }
    let distinct: BTreeSet<[u8; 3]> = colours.values().copied().collect();
    assert_eq!(distinct.len(), CODES.len(), "{colours:?}");
    for (i, c) in &colours {
        assert!(
            contrast(*c) >= 4.5,
            "State {i}: {c:?} has {:.2}:1",
            contrast(*c)
        );
    }
}

/// The fill colours (`r g b rg`, `r g b scn` in its RGB space) a PDF sets, as bytes.
fn fills(pdf: &std::path::Path, dir: &std::path::Path) -> BTreeSet<[u8; 3]> {
    let plain = dir.join("plain.pdf");
    let (ok, _, err) = tools::run(
        Tool::Qpdf,
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    assert!(ok, "qpdf: {err}");
    let bytes = std::fs::read(&plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for w in words.windows(4) {
            if w[3] == "rg" || w[3] == "scn" {
                let v: Vec<f64> = w[..3].iter().filter_map(|x| x.parse().ok()).collect();
                if v.len() == 3 {
                    out.insert([0, 1, 2].map(|k| (v[k] * 255.0).round() as u8));
                }
            }
        }
    }
    out
}

#[test]
fn the_pdf_prints_each_of_fourteen_states_in_a_colour_of_its_own() {
    if tools::missing(&[Tool::Qpdf, Tool::Pdftotext]) {
        return;
    }
    let dir = scratch();
    rapporteur(&["render", "many.md", "--to", "pdf", "--colour"], &dir);
    let pdf = dir.join("many.pdf");
    let found = fills(&pdf, &dir);
    // Black text, and one colour per State besides.
    let coloured: Vec<[u8; 3]> = found.into_iter().filter(|c| *c != [0, 0, 0]).collect();
    assert_eq!(coloured.len(), CODES.len(), "{coloured:?}");
    for c in &coloured {
        assert!(contrast(*c) >= 4.5, "{c:?} has {:.2}:1", contrast(*c));
    }
    // The legend names every State.
    let (ok, text, err) = tools::run(Tool::Pdftotext, &[pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{err}");
    for code in CODES {
        assert!(
            text.contains(&format!("State {code}")),
            "{code} in the legend:\n{text}"
        );
    }
}
