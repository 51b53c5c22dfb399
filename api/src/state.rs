//! What the deployment shares across its associations: the token keys, the
//! settings, the rate limits (whose counts are in each association's
//! database), the document store and the clock. There is no database here:
//! a handler reaches its association's through [`crate::tenancy::Tenant`].
//! Built once by `Application::build`; never global.

use crate::auth::links::LinkKeys;
use crate::auth::rate_limit::RateLimiter;
use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::mail::Transport;
use object_store::ObjectStore;
use std::sync::Arc;

/// Shared application state.
pub struct AppState {
    /// The associations and their databases.
    pub associations: crate::tenancy::Associations,
    /// Signs and checks access tokens.
    pub tokens: TokenKeys,
    /// The settings the server started with.
    pub settings: Settings,
    /// Failed sign-ins per account.
    pub login_failures_by_account: RateLimiter,
    /// Failed sign-ins per IP address.
    pub login_failures_by_ip: RateLimiter,
    /// Registrations per IP address.
    pub registrations_by_ip: RateLimiter,
    /// Where uploaded documents' bytes live.
    pub documents: Arc<dyn ObjectStore>,
    /// Makes referees' secret links.
    pub links: LinkKeys,
    /// Makes the links mailed about a person's own account.
    pub account_links: LinkKeys,
    /// Unknown referee links tried per IP address (guessing).
    pub referee_misses_by_ip: RateLimiter,
    /// New-password links asked for per e-mail address.
    pub password_resets_by_email: RateLimiter,
    /// New-password links asked for per IP address.
    pub password_resets_by_ip: RateLimiter,
    /// Where e-mail goes (the deployment's server, or the log).
    pub transport: Arc<Transport>,
    /// The associations' own SMTP servers, by address, made on first use.
    pub transports: std::sync::Mutex<std::collections::HashMap<String, Arc<Transport>>>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// This server process among those sharing the database (it holds
    /// leases under this name).
    pub instance: String,
    /// Stripe, where online payment is configured.
    pub stripe: Option<crate::stripe::Stripe>,
}

impl AppState {
    /// State for these settings, these associations and this document store.
    pub fn new(
        settings: Settings,
        associations: crate::tenancy::Associations,
        documents: Arc<dyn ObjectStore>,
        transport: Transport,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let limits = &settings.rate_limits;
        let window = limits.window();
        Self {
            tokens: TokenKeys::new(&settings.jwt_secret, settings.access_token_seconds),
            login_failures_by_account: RateLimiter::new(
                "login-account",
                limits.login_failures_per_account,
                window,
            ),
            login_failures_by_ip: RateLimiter::new(
                "login-ip",
                limits.login_failures_per_ip,
                window,
            ),
            registrations_by_ip: RateLimiter::new(
                "register-ip",
                limits.registrations_per_ip,
                window,
            ),
            referee_misses_by_ip: RateLimiter::new(
                "referee-miss-ip",
                limits.referee_misses_per_ip,
                window,
            ),
            password_resets_by_email: RateLimiter::new(
                "reset-email",
                limits.password_resets_per_email,
                window,
            ),
            password_resets_by_ip: RateLimiter::new(
                "reset-ip",
                limits.password_resets_per_ip,
                window,
            ),
            links: LinkKeys::new(&settings.jwt_secret),
            account_links: LinkKeys::for_accounts(&settings.jwt_secret),
            instance: uuid::Uuid::new_v4().to_string(),
            stripe: settings.stripe.clone().and_then(|stripe| {
                crate::stripe::Stripe::new(stripe)
                    .map_err(|error| tracing::error!(%error, "Stripe's client could not be made; fees are paid offline only"))
                    .ok()
            }),
            documents,
            transport: Arc::new(transport),
            transports: std::sync::Mutex::new(std::collections::HashMap::new()),
            clock,
            associations,
            settings,
        }
    }
}
