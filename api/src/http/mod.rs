//! HTTP plumbing every route shares, and nothing a route decides: who sent
//! the request, its request id, the versions on the wire (`If-Match`,
//! `ETag`), and the policy every response is held to.

pub mod client;
pub mod csv;
pub mod language;
pub mod policy;
pub mod request_id;
pub mod versioning;
