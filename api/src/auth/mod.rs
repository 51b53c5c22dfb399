//! Who is calling: password hashing, access and refresh tokens, brute-force
//! limits, and the extractors that put authorization into handler signatures.

pub mod device;
pub mod extractors;
pub mod links;
pub mod mfa;
pub mod passwords;
pub mod rate_limit;
pub mod seal;
pub mod session;
pub mod tokens;

pub use extractors::{AuthUser, RequireAdmin, RequireOperator, RequireReviewer, SessionUser};
