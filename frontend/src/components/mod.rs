//! Reusable pieces: form fields with their errors, alerts, the page frame.

mod checklist;
mod field;
mod layout;

pub use checklist::Checklist;
pub use field::{Alert, CheckGroup, SelectField, TextField};
pub use layout::{Layout, PageTitle};
