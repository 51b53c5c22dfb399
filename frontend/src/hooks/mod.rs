//! Custom hooks.

mod form;

pub use form::use_form;
