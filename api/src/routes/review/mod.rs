//! Peer review: admins assign reviewers (by hand or from Endorse's proposal,
//! with eligibility, conflicts and load checked), reviewers write and submit
//! their review and ask the applicant about single entries, and the applicant
//! answers.
//!
//! A reviewer reaches an application only through their own live assignment;
//! anything else is a 404. With blind review, nothing a reviewer receives
//! names the applicant.

pub mod admin;
pub mod applicant;
pub mod reviewer;
