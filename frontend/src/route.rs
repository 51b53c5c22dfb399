//! Every page of the app, one variant each.

use yew_router::Routable;

/// The app's routes. The server answers any non-API path with `index.html`, so
/// each of these works as a deep link.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The role-aware home.
    #[at("/")]
    Home,
    /// Sign in.
    #[at("/sign-in")]
    SignIn,
    /// Register as an applicant.
    #[at("/sign-up")]
    SignUp,
    /// The applicant's portfolio and checklist.
    #[at("/portfolio")]
    Portfolio,
    /// Choose a new password.
    #[at("/account/password")]
    ChangePassword,
    /// Admins: accounts.
    #[at("/admin/users")]
    AdminUsers,
    /// Admins: applications.
    #[at("/admin/applications")]
    AdminApplications,
    /// Admins: one application.
    #[at("/admin/applications/:id")]
    AdminApplication {
        /// The application's id.
        id: String,
    },
    /// Admins: the rulebook.
    #[at("/admin/rulebook")]
    AdminRulebook,
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
