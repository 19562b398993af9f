//! The example's figures per State, pinned from a reading of the reference
//! document (`tests/fixtures/reference.txt`, the text of CTOC/COP/2020/CRP.4),
//! not from the project's parser: every output is compared with this table.
//!
//! How they were counted, reading the reference point by point (points 1 to
//! 44, the chapter headings, the States' general comments):
//!
//! - A **deletion** is a struck span (`~~…~~`) closed by a State's
//!   parenthesis, one per span; a span struck across a paragraph break with
//!   one parenthesis (point 7) is one deletion. A reason saying "delete"
//!   that directly follows unstruck text (point 8 twice, point 28
//!   "comprehensive") closes a deletion whose strike the text lost; a note
//!   that names what to delete in words ("delete entire discussion point
//!   11", "delete discussion point 29 entirely", "delete last sentence
//!   entirely", Saudi Arabia on point 28) is a comment only.
//! - An **insertion** is unstruck text closed by a State's parenthesis. Where
//!   the reference prints old and new words side by side or glued without a
//!   strike ("are encouraged to should (US)" in point 2, "shouldare
//!   encouraged to (US)" in point 9, "ensure that enable (Canada)" in
//!   point 41, "establishingAs regards (Canada)" in point 31) the old words
//!   are a deletion and the new ones an insertion; where it strikes both
//!   ("~~shouldare encouraged to (US)~~", "~~tofor (US)~~", "~~registries
//!   record-keeping (US: …)~~", "~~illicit enrichment proceeds of crime
//!   (Canada: …)~~") the words the sentence needs are the insertion. Canada's
//!   "firearms (Canada)" (point 4 twice, the last chapter heading) replaces
//!   "arms", as its own comment in point 4 says: a deletion and an insertion
//!   each time. "it was discussed that (US) States could should (US)"
//!   (point 17) is two insertions and one deletion: struck whole, the
//!   sentence would lose its subject. The struck "should are encouraged to"
//!   of point 13, the one change the reference leaves without a State, is
//!   counted as the United States': its words are the US's in 18 other
//!   points. France's "~~terms relevant terms … relating to (France) for the
//!   discussion of~~" (point 5) is one insertion between two deletions.
//! - A **comment** is a parenthesis in which a State says something besides
//!   its name: a reason closing a change, a remark on unchanged words
//!   ("integrated (US: …)"), a note in a paragraph of its own (struck or
//!   not: Morocco's on point 14), "(US proposal)" (point 20), "(delete
//!   discussion point 36, France)", Canada's alternative "are urged
//!   to/should consider (Canada)" (point 39). A change group naming two
//!   States belongs to the first (point 5: US; point 11: France; point 41:
//!   US); the second's words there are its comment.
//! - Of those comments, some are a State's **reasons on a change another
//!   State leads** (named second in the change's parenthesis): Canada's on
//!   points 5 (after the US), 11 (after France) and 39 (after the US). A
//!   State's own view (`author=CODE`) leaves others' changes out, and these
//!   comments with them (docs/source-format.md, "Views").
//! - A **co-proposal** is a second State named in a change's parenthesis
//!   without words of its own: "(US: Canada)" in point 41 (read as "US;
//!   Canada"). The DOCX gives it a comment of its own ("Also proposed
//!   by …").
//!
//! Peru, Tunisia and Ukraine speak only in the general comments (statements,
//! not changes). Totals: 57 insertions, 62 deletions (119 changes), 43
//! comments, 1 co-proposal.

/// One State's figures.
#[derive(Debug, Clone, Copy)]
pub struct StateFigures {
    /// The code in the source (`{>>CODE<<}`) and the PDF's attributions.
    pub code: &'static str,
    /// The name the DOCX writes as `w:author`.
    pub name: &'static str,
    pub insertions: usize,
    pub deletions: usize,
    pub comments: usize,
    /// Of `comments`, those on a change another State leads.
    pub on_others_changes: usize,
    pub co_proposals: usize,
}

const fn state(
    code: &'static str,
    name: &'static str,
    insertions: usize,
    deletions: usize,
    comments: usize,
    on_others_changes: usize,
    co_proposals: usize,
) -> StateFigures {
    StateFigures {
        code,
        name,
        insertions,
        deletions,
        comments,
        on_others_changes,
        co_proposals,
    }
}

/// The reference's figures, State by State (see the module comment).
pub const PINNED: [StateFigures; 8] = [
    // code, name, insertions, deletions, comments (of which on others'
    // changes), co-proposals
    state("Canada", "Canada", 12, 11, 10, 3, 1),
    state("France", "France", 5, 5, 3, 0, 0),
    state("Morocco", "Morocco", 0, 0, 1, 0, 0),
    state("Peru", "Peru", 0, 0, 0, 0, 0),
    state("Saudi Arabia", "Saudi Arabia", 0, 0, 1, 0, 0),
    state("Tunisia", "Tunisia", 0, 0, 0, 0, 0),
    state("Ukraine", "Ukraine", 0, 0, 0, 0, 0),
    state("US", "United States", 40, 46, 28, 0, 0),
];
