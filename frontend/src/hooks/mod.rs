//! Custom hooks.

pub mod form;

pub use form::{use_form, FieldErrors};
