//! Worksheets: question sets (read and validated by [`insikt_content::questions`],
//! re-exported here) as worksheet pages and the overview by audience.

pub use insikt_content::questions::*;
pub use insikt_render::worksheets::{
    OverviewView, Worksheet, WorksheetView, Worksheets, OVERVIEW_TEMPLATE, WORKSHEET_TEMPLATE,
};
