//! OOXML units from the points of `templates/un.toml`.

/// Twentieths of a point (dxa): indents, spacing, page geometry.
pub(crate) fn twips(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// Half-points: font sizes (`w:sz`).
pub(crate) fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}

/// Eighths of a point: border widths (`w:pBdr/w:bottom/@w:sz`).
pub(crate) fn eighths(pt: f32) -> i64 {
    (pt * 8.0).round() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn units() {
        assert_eq!(super::twips(56.7), 1134);
        assert_eq!(super::half_points(10.0), 20);
        assert_eq!(super::eighths(0.5), 4);
    }
}
