//! Reusable pieces: form fields with their errors, alerts, the page frame.

mod application_panel;
mod checklist;
mod field;
mod layout;
mod pager;

pub use application_panel::ApplicationPanel;
pub use checklist::Checklist;
pub use field::{Alert, CheckGroup, SelectField, TextField};
pub use layout::{Layout, PageTitle};
pub use pager::Pager;
