//! What a paragraph is set from: styled text fragments, and how to set
//! them. The input of every stage, apart so that no stage depends on
//! another for it.

use crate::layout::fonts::FaceKind;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// How a piece of text is marked as a proposed change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Deco {
    pub underline: bool,
    pub strike: bool,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    pub text: String,
    pub face: FaceKind,
    pub size: f32,
    /// Raise above the baseline (superscript footnote marks).
    pub rise: f32,
    /// The size underlines and strike-throughs are drawn for: the text's
    /// size even under a smaller superscript mark.
    pub deco_size: f32,
    pub deco: Deco,
    pub colour: Option<Rgb>,
    /// The footnote this fragment references (its mark).
    pub footnote: Option<usize>,
}

impl Frag {
    pub fn plain(text: impl Into<String>, face: FaceKind, size: f32) -> Frag {
        Frag {
            text: text.into(),
            face,
            size,
            rise: 0.0,
            deco_size: size,
            deco: Deco::default(),
            colour: None,
            footnote: None,
        }
    }
}

/// How to set one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct SetOptions {
    pub first_measure: f32,
    pub measure: f32,
    pub justify: bool,
    pub hyphenate: Option<hypher::Lang>,
    /// How far interword space may stretch and shrink, as shares of its width.
    pub stretch: f32,
    pub shrink: f32,
    /// The cost of a break at a hyphenation point.
    pub hyphen_penalty: f32,
}
