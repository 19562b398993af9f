//! Lengths on the page, in points, and how two of them compare.
//!
//! Positions are sums of many `f32` lengths (a page's baselines add up
//! some sixty leadings, a footnote's height its lines), so two sums that
//! are equal on paper can differ in their last bits. Every comparison that
//! decides where something goes allows for that by [`TOLERANCE`], here and
//! nowhere else.

/// How far two lengths may differ and still count as equal: 0.01 pt.
///
/// Far above the rounding of `f32` sums at page scale (an `f32` near
/// 842 pt, an A4 page's height, is exact to about 0.00006 pt, and a page
/// adds at most a few hundred lengths), and far below anything a reader
/// could see (a 600 dpi printer's dot is 0.12 pt). So a line that fits
/// to within rounding fits, and one that overflows by a visible amount
/// never does.
pub const TOLERANCE: f32 = 0.01;

/// Whether something reaching down (or across) to `extent` fits within
/// `limit`, allowing for rounding.
pub fn fits_within(extent: f32, limit: f32) -> bool {
    extent <= limit + TOLERANCE
}

/// Whether two positions are the same point on the page, allowing for
/// rounding (one stroke ending where the next begins).
pub fn same_position(a: f32, b: f32) -> bool {
    (a - b).abs() < TOLERANCE
}

/// The width and height of a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rounding is absorbed; a visible overflow is not.
    #[test]
    fn the_tolerance_absorbs_rounding_not_overflow() {
        // Sixty leadings of 12.1 pt summed one by one: not exactly 726.
        let sum: f32 = (0..60).map(|_| 12.1f32).sum();
        assert!(fits_within(sum, 60.0 * 12.1));
        assert!(fits_within(726.0 + TOLERANCE / 2.0, 726.0));
        assert!(!fits_within(726.1, 726.0), "a tenth of a point overflows");
        assert!(same_position(100.0, 100.0 + TOLERANCE / 2.0));
        assert!(!same_position(100.0, 100.1));
    }
}
