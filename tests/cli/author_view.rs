//! `--view author=CODE` through the binary: what that State said, where it
//! proposed nothing of its own. A co-proposal without words
//! (`{>>NO<<}{>>CI<<}`) is a proposal of the co-proposer's too; a remark
//! (`{>>CA<<}{>>CI: we support it<<}`) is its note where the change stood.

use std::process::Command;

const SOURCE: &str = "tests/data/views/co-proposals.md";

fn view(code: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["render", SOURCE, "--to", "md", "--view", code])
        .current_dir(root)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Côte d'Ivoire proposed nothing first: its view shows the changes it
/// co-proposes, attributed to it alone, and its words on Canada's.
#[test]
fn a_state_that_only_co_proposes_sees_its_proposals() {
    let ci = view("author=CI");
    assert!(
        ci.contains("2. The text stays, and more (CI) there."),
        "{ci}"
    );
    assert!(
        ci.contains("7. Only ~~old words~~ (CI) co-proposed, (CI: we support it) supported."),
        "{ci}"
    );
    // Kenya's changes it did not co-propose are left out.
    assert!(ci.contains("1. Financial services and a here."), "{ci}");
}

/// A State's remarks on a change its view leaves out stand as its notes,
/// one each; a remark inside text the view removes goes with that text.
#[test]
fn remarks_stand_where_the_change_stood() {
    let ca = view("author=CA");
    assert!(ca.contains("2. The text (CA: we disagree) stays"), "{ca}");
    assert!(
        ca.contains("3. Two (CA: first) (CA: second) remarks."),
        "{ca}"
    );
    assert!(ca.contains("6. A d and."), "{ca}");
    let no = view("author=NO");
    assert!(no.contains("6. A d and (NO: ok)."), "{no}");
}

/// A State's view keeps the space between words where a neighbouring
/// State's change goes: not `Meetin person`.
#[test]
fn a_state_s_view_keeps_the_words_apart() {
    let no = view("author=NO");
    assert!(no.contains("4. Meet in person (NO) today."), "{no}");
    assert!(no.contains("5. End ~~a~~ (NO). And, then."), "{no}");
    let ke = view("author=KE");
    assert!(
        ke.contains("1. Financial and insurance (KE) services and a b (KE) here."),
        "{ke}"
    );
}
