//! Reusable pieces: form fields with their errors, alerts, the page frame.

mod field;
mod layout;

pub use field::{Alert, SelectField, TextField};
pub use layout::{Layout, PageTitle};
