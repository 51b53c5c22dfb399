//! The exam: admins schedule it, record Part 1 and choose two scorers; the
//! applicant asks for accommodations and writes Part 2's answers in the app
//! during the window; scorers mark the answers without knowing whose they
//! are; the result follows from both parts. A failed exam may be retaken
//! after the rulebook's wait.

pub mod admin;
pub mod applicant;
pub mod scorer;
