#[test]
fn dump() {
    let text = std::fs::read_to_string("examples/firearms-comments.md").unwrap();
    let doc = rapporteur::source::parse("firearms-comments.md", &text).unwrap();
    let l = rapporteur::pdf::layout(&doc, &Default::default()).unwrap();
    for p in &l.pages {
        let last = p.lines.iter().filter(|x| l.blocks[x.block].kind != rapporteur::layout::BlockKind::Footnote).map(|x| x.y).fold(0.0, f32::max);
        println!("page {} lines {} top {} last_y {} bottom {}", p.number, p.lines.len(), p.body_top, last, p.body_bottom);
        for x in p.lines.iter().rev().take(3) {
            let t: String = x.line.runs.iter().map(|r| r.text.as_str()).collect();
            println!("   {:?} {} {} {}", l.blocks[x.block].kind, x.index, x.y, &t[..t.len().min(50)]);
        }
    }
}
