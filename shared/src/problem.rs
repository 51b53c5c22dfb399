//! The one error body of the API: RFC 9457 `application/problem+json`.
//!
//! The single-page app decodes the same type, so field errors can be shown beside
//! their fields. This module describes errors; it never decides status codes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The media type of every error response.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An error response (RFC 9457).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI reference naming the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in words meant for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The id of the request; the server log carries the same id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// For validation failures (422): field name to the messages for that field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
}

impl Problem {
    /// The messages for one field, empty when the field has none.
    pub fn field_errors(&self, field: &str) -> &[String] {
        self.errors
            .get(field)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The best one-line description: the detail if there is one, else the title.
    pub fn message(&self) -> &str {
        self.detail.as_deref().unwrap_or(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serializes_type_and_omits_empty_parts() {
        let problem = Problem {
            kind: "/problems/not-found".into(),
            title: "Not found".into(),
            status: 404,
            detail: None,
            request_id: Some("abc".into()),
            errors: BTreeMap::new(),
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "/problems/not-found");
        assert!(json.get("detail").is_none());
        assert!(json.get("errors").is_none());
        assert_eq!(problem.message(), "Not found");
    }
}
