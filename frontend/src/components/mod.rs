//! Reusable pieces: form fields with their errors, alerts, the page frame.

pub(crate) mod applicant_review;
mod application_panel;
mod checklist;
pub(crate) mod endorsements;
pub(crate) mod fees;
mod field;
mod layout;
mod pager;
pub(crate) mod renewal;

pub use application_panel::ApplicationPanel;
pub use checklist::Checklist;
pub use field::{Alert, CheckGroup, SelectField, TextField};
pub use layout::{Layout, PageTitle};
pub use pager::Pager;
