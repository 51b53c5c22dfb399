//! One module per page.

mod admin_applications;
mod admin_outbox;
mod admin_reviewer;
mod admin_users;
mod change_password;
mod home;
mod not_found;
pub(crate) mod portfolio;
mod referee;
pub(crate) mod references;
mod registry;
pub(crate) mod review;
mod review_admin;
mod rulebook;
mod sign_in;
mod sign_up;
mod verify;

pub use admin_applications::{AdminApplication, AdminApplications};
pub use admin_outbox::AdminOutbox;
pub use admin_reviewer::AdminReviewer;
pub use admin_users::AdminUsers;
pub use change_password::ChangePassword;
pub use home::Home;
pub use not_found::NotFound;
pub use portfolio::PortfolioPage;
pub use referee::RefereePage;
pub use references::ReferencesPage;
pub use registry::Registry;
pub use review::{ReviewPage, ReviewsPage, ScoringPage};
pub use rulebook::RulebookPage;
pub use sign_in::SignIn;
pub use sign_up::SignUp;
pub use verify::VerifyPage;
