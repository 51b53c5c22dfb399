//! The API's integration tests: one binary, each test starting the real server on
//! port 0 against a fresh database and speaking HTTP typed with `endorse-shared`.
//!
//! The backend is SQLite unless `ENDORSE_TEST_POSTGRES_URL` names a PostgreSQL
//! server (any database on it, e.g. `postgres://root@/postgres?host=/var/run/postgresql`);
//! then each test gets a database of its own there. `cargo xtask test` runs this
//! binary once per backend.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic loudly

mod accounts;
mod addresses;
mod applications;
mod associations;
mod auth;
mod backup;
mod compression;
mod concurrency;
mod contract;
mod credentials;
mod documents;
mod endorsements;
mod erasure;
mod exam;
mod export;
mod fees;
mod hardening;
mod helpers;
mod imports;
mod isolation;
mod languages;
mod layers;
mod mfa;
mod migrations;
mod platform;
mod portfolio;
mod processes;
mod recognitions;
mod recovery;
mod references;
mod renewals;
mod review;
mod reviewers;
mod rulebooks;
mod scale;
#[path = "../../../tests/src/smtp.rs"]
mod smtp;
#[path = "../../../tests/src/stripe.rs"]
mod stripe_stand_in;
mod tokens;
mod trail;
mod transactions;
mod worklist;
