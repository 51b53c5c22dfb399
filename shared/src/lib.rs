//! Endorse's shared vocabulary: the types that cross the wire between the API and
//! the single-page app, their validation rules, and the pure domain rules both sides
//! apply.
//!
//! This crate must never depend on actix, diesel or yew, and must always build for
//! `wasm32-unknown-unknown`. The OpenAPI derives sit behind the `openapi` feature.

pub mod applications;
pub mod associations;
pub mod auth;
pub mod credential;
pub mod documents;
pub mod eligibility;
pub mod endorsements;
pub mod entries;
pub mod exam;
pub mod export;
pub mod fees;
pub mod hours;
pub mod i18n;
pub mod ids;
pub mod imports;
pub mod mail;
pub mod mfa;
pub mod portfolio;
pub mod problem;
pub mod process;
pub mod recognitions;
pub mod references;
pub mod renewal;
pub mod review;
pub mod reviewers;
pub mod rulebook;
pub mod text;
pub mod trail;
pub mod users;
pub mod validation;
pub mod worklist;

pub use ids::{ApplicationId, AssignmentId, DocumentId, EntryId, InformationItemId, UserId};
pub use problem::Problem;
pub use users::Role;
