//! Reference requests, from both sides.
//!
//! The applicant asks, re-sends (to a corrected address), cancels and
//! replaces (`/references`); the referee answers through the secret link,
//! without an account (`/referee/{token}`); admins read everything, with the
//! reviewers' signals (`/users/{id}/references`), and may copy a live link for
//! a referee who contacts them (logged). Where the applicant waived access, no
//! response to the applicant ever holds the answers or comments, and no
//! response to the applicant ever holds a referee's link: with it they could
//! read the referee's draft or answer in the referee's name.

pub mod admin;
pub mod applicant;
pub mod referee;
