//! Peer reviewers' profiles: the endorsements they hold, the categories they
//! may review, and how many applications they take at once. Assignment (which
//! reads these) comes with the rest of the review process.

use crate::entries::{Checker, FieldErrors};
use crate::i18n::Text;
use crate::ids::UserId;
use crate::references::RefereeEndorsement;
use serde::{Deserialize, Serialize};

/// The most applications one reviewer may be given at once.
pub const MAX_LOAD: u32 = 50;

/// What the association knows of a reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewerProfile {
    /// Endorsements the reviewer holds (category and number).
    pub endorsements: Vec<RefereeEndorsement>,
    /// Category codes the reviewer may review.
    pub categories: Vec<String>,
    /// How many applications the reviewer takes at once.
    pub max_load: u32,
}

impl Default for ReviewerProfile {
    fn default() -> Self {
        Self {
            endorsements: Vec::new(),
            categories: Vec::new(),
            max_load: 3,
        }
    }
}

impl ReviewerProfile {
    /// Trims every code and number; category codes in capitals.
    pub fn normalized(mut self) -> Self {
        for endorsement in &mut self.endorsements {
            endorsement.category = endorsement.category.trim().to_uppercase();
            endorsement.number = endorsement.number.trim().to_string();
        }
        for category in &mut self.categories {
            *category = category.trim().to_uppercase();
        }
        self
    }

    /// What is wrong, by field. `codes` are the categories of the rulebook in force.
    pub fn problems(&self, codes: &[&str]) -> FieldErrors {
        let mut errors = Checker::default();
        if self.endorsements.len() > 20 {
            errors.add("endorsements", Text::new("reviewer-endorsements-max"));
        }
        for (i, endorsement) in self.endorsements.iter().enumerate() {
            errors.text(
                &format!("endorsements[{i}].category"),
                &endorsement.category,
                20,
            );
            errors.text(
                &format!("endorsements[{i}].number"),
                &endorsement.number,
                60,
            );
        }
        for (i, category) in self.categories.iter().enumerate() {
            if !codes.contains(&category.as_str()) {
                errors.add(
                    &format!("categories[{i}]"),
                    Text::new("reviewer-unknown-category"),
                );
            } else if self.categories[..i].contains(category) {
                errors.add(
                    &format!("categories[{i}]"),
                    Text::new("reviewer-listed-twice"),
                );
            }
        }
        if self.max_load == 0 || self.max_load > MAX_LOAD {
            errors.add(
                "max_load",
                Text::new("field-range-between")
                    .with("min", 1)
                    .with("max", MAX_LOAD),
            );
        }
        errors.0
    }
}

/// A reviewer's profile as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewerProfileResponse {
    /// The reviewer.
    pub user: UserId,
    /// The profile (the defaults until one is saved).
    pub profile: ReviewerProfile,
    /// Send it back in `If-Match`; 0 until a profile is saved.
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_names_each_bad_field() {
        let profile = ReviewerProfile {
            endorsements: vec![RefereeEndorsement {
                category: " imhs ".into(),
                number: " ".into(),
            }],
            categories: vec!["ifs".into(), "IFS".into(), "NOPE".into()],
            max_load: 0,
        }
        .normalized();
        assert_eq!(profile.endorsements[0].category, "IMHS");
        let problems = profile.problems(&["IFS", "IMHS"]);
        assert_eq!(
            problems.keys().collect::<Vec<_>>(),
            [
                "categories[1]",
                "categories[2]",
                "endorsements[0].number",
                "max_load"
            ]
        );
        assert!(ReviewerProfile::default().problems(&[]).is_empty());
    }
}
