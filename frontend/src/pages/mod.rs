//! One module per page.

mod admin_users;
mod change_password;
mod home;
mod not_found;
mod sign_in;
mod sign_up;

pub use admin_users::AdminUsers;
pub use change_password::ChangePassword;
pub use home::Home;
pub use not_found::NotFound;
pub use sign_in::SignIn;
pub use sign_up::SignUp;

use std::collections::BTreeMap;
use validator::Validate;

/// Field errors as shown beside fields.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Runs the shared validation rules on a request: the same ones the API runs.
pub fn check(request: &impl Validate) -> FieldErrors {
    match request.validate() {
        Ok(()) => FieldErrors::new(),
        Err(errors) => endorse_shared::validation::field_errors(&errors),
    }
}

/// The messages for one field.
pub fn errors_for(errors: &FieldErrors, field: &str) -> Vec<String> {
    errors.get(field).cloned().unwrap_or_default()
}
