//! Signing up, signing in and the tokens that come back.

use crate::users::UserResponse;
use crate::validation::{
    no_control_chars, normalize_email, not_blank, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// The name of the cookie that carries the refresh token.
pub const REFRESH_COOKIE: &str = "endorse_refresh";

/// Anyone registers an applicant account (`POST /api/v1/auth/register`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    /// The sign-in e-mail address; stored trimmed and lower case.
    #[validate(email)]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    /// The applicant's full name, as it should appear on a certificate.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// At least 12 characters; a passphrase is best.
    #[validate(length(min = "PASSWORD_MIN_CHARS", max = "PASSWORD_MAX_CHARS"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub password: String,
}

impl RegisterRequest {
    /// Trims the name and normalises the e-mail, as the API stores them.
    pub fn normalized(mut self) -> Self {
        self.email = normalize_email(&self.email);
        self.name = self.name.trim().to_string();
        self
    }
}

/// Sign in with e-mail and password (`POST /api/v1/auth/login`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The sign-in e-mail address (case does not matter).
    #[validate(length(min = 1, max = 254, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
    /// The password.
    #[validate(length(min = 1, max = 1024, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub password: String,
    /// For an account with a second factor: the six digits its app shows
    /// now, or one of its recovery codes. Asked for (a 401 naming `code`)
    /// once the password is right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: Option<String>,
}

/// Replace one's own password (`POST /api/v1/me/password`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    /// The password in use now.
    #[validate(length(min = 1, max = 1024, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub current_password: String,
    /// The new password, at least 12 characters.
    #[validate(length(min = "PASSWORD_MIN_CHARS", max = "PASSWORD_MAX_CHARS"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub new_password: String,
}

/// Ask for a link to choose a new password (`POST /api/v1/auth/password-reset`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The account's e-mail address (case does not matter).
    #[validate(email)]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
}

impl PasswordResetRequest {
    /// The e-mail trimmed and lower case, as accounts are stored.
    pub fn normalized(mut self) -> Self {
        self.email = normalize_email(&self.email);
        self
    }
}

/// The answer to [`PasswordResetRequest`]: the same whether or not the
/// address has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetAccepted {
    /// Minutes the link works for.
    pub valid_minutes: u32,
}

/// Choose a new password with the link's token
/// (`POST /api/v1/auth/password-reset/confirm`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    /// The token from the mailed link.
    #[validate(length(min = 1, max = 256, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub token: String,
    /// The new password, at least 12 characters.
    #[validate(length(min = "PASSWORD_MIN_CHARS", max = "PASSWORD_MAX_CHARS"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub new_password: String,
}

/// How long a new-password link works.
pub const PASSWORD_RESET_MINUTES: u32 = 60;

/// A signed-in session: a short-lived access token for the `Authorization: Bearer`
/// header. The refresh token travels only in an httpOnly cookie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    /// The access token (a JWT).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// The signed-in user.
    pub user: UserResponse,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::field_errors;

    #[test]
    fn registration_names_each_bad_field() {
        let request = RegisterRequest {
            email: "not-an-address".into(),
            name: " ".into(),
            password: "short".into(),
        };
        let errors = field_errors(&request.validate().unwrap_err());
        assert_eq!(errors["email"], vec!["must be a valid e-mail address"]);
        assert_eq!(errors["name"], vec!["must not be blank"]);
        assert_eq!(
            errors["password"],
            vec!["must be between 12 and 128 characters"]
        );
    }

    #[test]
    fn a_good_registration_passes_after_normalising() {
        let request = RegisterRequest {
            email: " Ada@Example.org ".into(),
            name: " Ada Lovelace ".into(),
            password: "correct horse battery".into(),
        }
        .normalized();
        assert!(request.validate().is_ok());
        assert_eq!(request.email, "ada@example.org");
        assert_eq!(request.name, "Ada Lovelace");
    }
}
