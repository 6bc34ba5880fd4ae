//! Worksheets: question sets (read and validated by [`insikt_content::questions`],
//! re-exported here) as worksheet pages and the overview by audience.

mod view;

pub use insikt_content::questions::*;
pub use view::{
    OverviewView, Worksheet, WorksheetView, Worksheets, OVERVIEW_TEMPLATE, WORKSHEET_TEMPLATE,
};
