//! Code 39, the barcode under a UN document's job number on its first
//! page: the bars of the number's digits, drawn by the PDF's pager as
//! vector bars and by the DOCX writer as a picture. Shared by both
//! writers, so it lives outside either.

/// The Code 39 bars of a job number's digits between asterisks
/// (`V.20-05590` → `*2005590*`), as (x offset, width) pairs for a narrow
/// bar of `narrow` points; wide elements are 2.5 times as wide. Returns the
/// bars and the total width, or nothing when the job has no digits.
pub fn code39(job: &str, narrow: f32) -> Option<(Vec<(f32, f32)>, f32)> {
    // Bar, space, bar, … for each character: 1 marks a wide element.
    fn pattern(c: char) -> Option<[u8; 9]> {
        Some(match c {
            '0' => [0, 0, 0, 1, 1, 0, 1, 0, 0],
            '1' => [1, 0, 0, 1, 0, 0, 0, 0, 1],
            '2' => [0, 0, 1, 1, 0, 0, 0, 0, 1],
            '3' => [1, 0, 1, 1, 0, 0, 0, 0, 0],
            '4' => [0, 0, 0, 1, 1, 0, 0, 0, 1],
            '5' => [1, 0, 0, 1, 1, 0, 0, 0, 0],
            '6' => [0, 0, 1, 1, 1, 0, 0, 0, 0],
            '7' => [0, 0, 0, 1, 0, 0, 1, 0, 1],
            '8' => [1, 0, 0, 1, 0, 0, 1, 0, 0],
            '9' => [0, 0, 1, 1, 0, 0, 1, 0, 0],
            '*' => [0, 1, 0, 0, 1, 0, 1, 0, 0],
            _ => return None,
        })
    }
    let digits: String = job.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let wide = narrow * 2.5;
    let mut bars = Vec::new();
    let mut x = 0.0;
    for c in std::iter::once('*')
        .chain(digits.chars())
        .chain(std::iter::once('*'))
    {
        let p = pattern(c)?;
        for (i, w) in p.iter().enumerate() {
            let width = if *w == 1 { wide } else { narrow };
            if i % 2 == 0 {
                bars.push((x, width));
            }
            x += width;
        }
        x += narrow; // the gap between characters
    }
    Some((bars, x - narrow))
}

#[cfg(test)]
mod tests {
    use super::code39;

    #[test]
    fn code39_of_a_job_number() {
        let (bars, width) = code39("V.20-05590", 1.0).unwrap();
        // *2005590*: nine characters of five bars each.
        assert_eq!(bars.len(), 45);
        // Each character is 6 narrow and 3 wide elements; one narrow gap between.
        assert!((width - (9.0 * 13.5 + 8.0)).abs() < 1e-3, "{width}");
        // The start character: narrow bar, wide space, narrow bar, narrow
        // space, wide bar, narrow space, wide bar, narrow space, narrow bar.
        let start: Vec<f32> = bars[..5].iter().map(|b| b.1).collect();
        assert_eq!(start, vec![1.0, 1.0, 2.5, 2.5, 1.0]);
        assert!((bars[1].0 - 3.5).abs() < 1e-3);
        assert!(code39("no digits", 1.0).is_none());
    }
}
