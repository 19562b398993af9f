//! The house style as data: templates and labels (`templates/`), the
//! palette of States' colours, the fonts rapporteur ships, the job number's
//! barcode and the emblem a secretariat supplies.

pub mod barcode;
pub mod emblem;
pub mod fonts;
pub mod palette;
pub mod style;
