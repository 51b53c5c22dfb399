//! Applications: an applicant starts one per category, submits it when the
//! report is all met (freezing a snapshot), and may withdraw until review
//! starts. Admins list, read and re-pin them to a newer rulebook version.

pub mod admin;
pub mod applicant;
