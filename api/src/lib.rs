//! The Endorse server as a library: the `endorse` binary and the integration
//! tests both start it through [`startup::Application`].

pub mod auth;
pub mod backup;
pub mod bootstrap;
pub mod calendar;
pub mod certificate;
pub mod check;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod http;
pub mod importer;
pub mod issuer;
pub mod locale;
pub mod mail;
pub mod openapi;
pub mod pdf;
pub mod receipt;
pub mod routes;
pub mod schema;
pub mod spa;
pub mod startup;
pub mod state;
pub mod stripe;
pub mod tenancy;
pub mod workflow;

pub use config::Settings;
pub use startup::Application;
