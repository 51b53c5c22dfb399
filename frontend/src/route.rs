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
    /// The applicant's reference requests.
    #[at("/references")]
    References,
    /// A referee's page, opened from the e-mailed link (no account).
    #[at("/referee/:token")]
    Referee {
        /// The secret of the link.
        token: String,
    },
    /// Reviewers: their assignments and exams to score.
    #[at("/reviews")]
    Reviews,
    /// Reviewers: one review.
    #[at("/reviews/:id")]
    Review {
        /// The assignment's id.
        id: String,
    },
    /// Reviewers: scoring one exam.
    #[at("/exam-scoring/:id")]
    Scoring {
        /// The scoring assignment's id.
        id: String,
    },
    /// The public Endorsement Registry.
    #[at("/registry")]
    Registry,
    /// The search across every association's registry that takes part.
    #[at("/registry/everywhere")]
    RegistryEverywhere,
    /// Verify a credential (anyone).
    #[at("/verify")]
    Verify,
    /// Verify an endorsement by number, as the certificate's QR code links.
    #[at("/verify/:number")]
    VerifyNumber {
        /// The endorsement's number.
        number: String,
    },
    /// One's own account: name, address, password.
    #[at("/account")]
    Account,
    /// Choose a new password.
    #[at("/account/password")]
    ChangePassword,
    /// Confirm an address from the mailed link.
    #[at("/confirm-email/:token")]
    ConfirmEmail {
        /// The secret of the link.
        token: String,
    },
    /// "Forgot your password?": ask for a mailed link.
    #[at("/forgot-password")]
    ForgotPassword,
    /// Claiming an account an import made, from its invitation.
    #[at("/claim-account/:token")]
    ClaimAccount {
        /// The secret of the mailed link.
        token: String,
    },
    /// Choose a new password from the mailed link.
    #[at("/reset-password/:token")]
    ResetPassword {
        /// The secret of the link.
        token: String,
    },
    /// Admins: accounts.
    #[at("/admin/users")]
    AdminUsers,
    /// Admins: one account.
    #[at("/admin/users/:id")]
    AdminUser {
        /// The account's id.
        id: String,
    },
    /// Admins: one reviewer's profile.
    #[at("/admin/users/:id/reviewer")]
    AdminReviewer {
        /// The reviewer's id.
        id: String,
    },
    /// Admins: applications.
    #[at("/admin/applications")]
    AdminApplications,
    /// Admins: one application.
    #[at("/admin/applications/:id")]
    AdminApplication {
        /// The application's id.
        id: String,
    },
    /// Admins: the audit trail.
    #[at("/admin/audit")]
    AdminAudit,
    /// Admins: the e-mail outbox.
    #[at("/admin/outbox")]
    AdminOutbox,
    /// Admins: renewals waiting for a decision.
    #[at("/admin/renewals")]
    AdminRenewals,
    /// Admins: the rulebook.
    #[at("/admin/rulebook")]
    AdminRulebook,
    /// Admins: requests to recognise another association's endorsement.
    #[at("/admin/recognitions")]
    AdminRecognitions,
    /// Admins: the association's settings.
    #[at("/admin/association")]
    AdminAssociation,
    /// Holders: ask for recognition of another association's endorsement.
    #[at("/recognition")]
    Recognition,
    /// One's fees: what is due, paying online, receipts (Stripe sends the
    /// payer back here).
    #[at("/fees")]
    Fees,
    /// Admins: payments, their totals and the CSV.
    #[at("/admin/payments")]
    AdminPayments,
    /// Admins: importing the association's earlier records.
    #[at("/admin/imports")]
    AdminImports,
    /// Admins: one import.
    #[at("/admin/imports/:id")]
    AdminImport {
        /// The import.
        id: String,
    },
    /// The deployment's operators (at the bare address only).
    #[at("/platform")]
    Platform,
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
