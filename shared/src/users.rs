//! Accounts and roles: who a user is and what the API says about them.

use crate::validation::{
    no_control_chars, normalize_email, not_blank, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use crate::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use validator::Validate;

/// What a user may do. Every account has exactly one role.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Builds a portfolio and applies for an endorsement. Anyone may register as one.
    #[default]
    Applicant,
    /// A peer reviewer who scores the portfolios and exams assigned to them.
    Reviewer,
    /// An association admin who runs the process.
    Admin,
}

impl Role {
    /// Every role, in the order they are shown.
    pub const ALL: [Role; 3] = [Role::Applicant, Role::Reviewer, Role::Admin];

    /// The stored and wire name of the role.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    /// The name shown to people.
    pub const fn label(self) -> &'static str {
        match self {
            Role::Applicant => "Applicant",
            Role::Reviewer => "Reviewer",
            Role::Admin => "Admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is not one of `applicant`, `reviewer`, `admin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown role '{}' (expected applicant, reviewer or admin)",
            self.0
        )
    }
}

impl std::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// A user account as the API shows it. Never carries the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserResponse {
    /// The account's id.
    pub id: UserId,
    /// The sign-in e-mail address, lower case.
    pub email: String,
    /// The person's full name.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// True until the user replaces a password someone else chose for them.
    pub must_change_password: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// The language the person chose for the app and their mail; none until
    /// they choose (their browser's, else the association's, is used).
    #[serde(default)]
    pub language: Option<crate::i18n::Lang>,
    /// Whether the person confirmed the address from a mailed link.
    #[serde(default)]
    pub email_verified: bool,
    /// An address the person asked to use instead, waiting for them to
    /// confirm it (the account keeps `email` until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_email: Option<String>,
    /// When an admin disabled the account; it cannot sign in meanwhile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_at: Option<DateTime<Utc>>,
    /// Why, as the admin said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_reason: Option<String>,
    /// Whether signing in asks for a second factor.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// When the person was erased on request (the account keeps only its id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<DateTime<Utc>>,
}

/// The language one chooses for oneself (`PUT /api/v1/me/language`); none
/// forgets the choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageChoice {
    /// `en` or `es`; null to follow the browser again.
    pub language: Option<crate::i18n::Lang>,
}

/// An admin creates an account of any role (`POST /api/v1/users`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUserRequest {
    /// The sign-in e-mail address; stored trimmed and lower case.
    #[validate(email)]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    /// The person's full name.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// The role of the new account.
    pub role: Role,
    /// An initial password; the user must replace it at first sign-in.
    #[validate(length(min = "PASSWORD_MIN_CHARS", max = "PASSWORD_MAX_CHARS"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 128))]
    pub password: String,
}

impl CreateUserRequest {
    /// Trims the name and normalises the e-mail, as the API stores them.
    pub fn normalized(mut self) -> Self {
        self.email = normalize_email(&self.email);
        self.name = self.name.trim().to_string();
        self
    }
}

/// An admin changes a user's name, e-mail or role (`PATCH /api/v1/users/{id}`).
///
/// A new address takes effect at once, unconfirmed: a link to confirm it
/// goes to the new address, and the old one is told.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUserRequest {
    /// A new full name, if it changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: Option<String>,
    /// A new sign-in address, if it changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(email)]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: Option<String>,
    /// A new role, if it changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Why, for the audit trail (the app asks for it whenever a name or an
    /// address changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "no_control_chars"))]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

impl UpdateUserRequest {
    /// Trims the name and the reason and normalises the e-mail, as the API
    /// stores them; an empty reason is none.
    pub fn normalized(mut self) -> Self {
        self.name = self.name.map(|name| name.trim().to_string());
        self.email = self.email.map(|email| normalize_email(&email));
        self.reason = self
            .reason
            .map(|reason| reason.trim().to_string())
            .filter(|reason| !reason.is_empty());
        self
    }
}

/// An admin disables an account (`POST /api/v1/users/{id}/disable`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisableUserRequest {
    /// Why: kept with the account and in the audit trail.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// An admin erases a person on request (`POST /api/v1/users/{id}/erasure`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EraseUserRequest {
    /// The account's address as it is now, typed again to confirm.
    #[validate(length(min = 1, max = 254, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
    /// Why (the request, its date): in the audit trail. Name no personal
    /// data here: the trail keeps it.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// How much of each kind of record an erasure removes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureCounts {
    /// Portfolio entries.
    pub portfolio_entries: u64,
    /// Uploaded documents (their bytes too).
    pub documents: u64,
    /// Reference requests, with their answers.
    pub references: u64,
    /// Snapshots frozen at submission.
    pub snapshots: u64,
    /// E-mails to the person.
    pub mails: u64,
}

/// What erasing a person keeps and removes (`GET /api/v1/users/{id}/erasure`),
/// and what stands in its way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasurePreview {
    /// Issued endorsements, kept (with their credentials), by number; taken
    /// off the public registry.
    pub endorsements_kept: Vec<String>,
    /// Applications whose record (category, status, dates, reviews and
    /// results as decided) is kept, without their content.
    pub applications_kept: u64,
    /// Events of the audit trail about them, kept.
    pub audit_events_kept: u64,
    /// What goes (besides their name, address, sessions, links, second
    /// factor, answers to reviewers and exam answers).
    pub erased: ErasureCounts,
    /// Open applications past their draft: each must be withdrawn or
    /// decided first (drafts are withdrawn by the erasure).
    pub blocking: Vec<crate::ApplicationId>,
}

/// The person changes their own name (`PATCH /api/v1/me`): the name their
/// certificate and credential carry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProfileRequest {
    /// The full name as it should appear on a certificate.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
}

/// The person asks to sign in with another address (`POST /api/v1/me/email`).
/// Nothing changes until they open the link mailed to the new address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEmailRequest {
    /// The new address.
    #[validate(email)]
    #[validate(length(max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub email: String,
    /// The current password, so a session left open cannot take the account.
    #[validate(length(min = 1, max = "PASSWORD_MAX_CHARS"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub password: String,
}

impl ChangeEmailRequest {
    /// Normalises the e-mail, as the API stores it.
    pub fn normalized(mut self) -> Self {
        self.email = normalize_email(&self.email);
        self
    }
}

/// A link to confirm an address is on its way (202).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationSent {
    /// Where it was sent.
    pub email: String,
    /// How many days the link works.
    pub valid_days: u32,
}

/// Confirms an address with the token from a mailed link
/// (`POST /api/v1/auth/email/confirm`). Needs no session: the link may be
/// opened on another device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmEmailRequest {
    /// The token from the link.
    #[validate(length(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub token: String,
}

/// What a confirmation did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailConfirmed {
    /// The address the account signs in with now, confirmed.
    pub email: String,
}

/// How many days a link to confirm an address works.
pub const EMAIL_CONFIRM_DAYS: u32 = 7;

/// Query of the admins' user list (`GET /api/v1/users`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListUsersQuery {
    /// Part of a name or e-mail address, matched without regard to case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// Only users with this role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The page to return, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 1000000))]
    pub page: Option<u32>,
    /// Users per page, 1 to 100 (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

impl ListUsersQuery {
    /// The default page size.
    pub const DEFAULT_PER_PAGE: u32 = 25;

    /// The page asked for, 1 when none was.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1)
    }

    /// The page size asked for, the default when none was.
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(Self::DEFAULT_PER_PAGE)
    }
}

/// One page of users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserListResponse {
    /// The users on this page, ordered by name.
    pub items: Vec<UserResponse>,
    /// How many users match, over all pages.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size.
    pub per_page: u32,
}

impl UserListResponse {
    /// How many pages the matching users fill (at least 1).
    pub fn page_count(&self) -> u64 {
        let per_page = u64::from(self.per_page.max(1));
        self.total.div_ceil(per_page).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let page = |total| UserListResponse {
            items: vec![],
            total,
            page: 1,
            per_page: 25,
        };
        assert_eq!(page(0).page_count(), 1);
        assert_eq!(page(25).page_count(), 1);
        assert_eq!(page(26).page_count(), 2);
    }
}

crate::texts!(Role {
    Applicant => "role-applicant",
    Reviewer => "role-reviewer",
    Admin => "role-admin",
});
