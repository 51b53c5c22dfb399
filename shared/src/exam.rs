//! The exam, for categories whose rulebook entry requires one: scheduling,
//! Part 1 (a multiple-choice score), Part 2 (vignette answers written in the
//! app during the exam window and scored blind by two reviewers), the result
//! that follows from both, and the wait before a retake.

use crate::entries::{Checker, FieldErrors};
use crate::i18n::Text;
use crate::ids::{AssignmentId, UserId};
use crate::rulebook::{ExamRule, RubricLevel};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest vignette answer.
pub const MAX_ANSWER: usize = 20_000;

/// How the exam is sat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExamMode {
    /// At a proctored site.
    InPerson,
    /// Online, with a remote proctor.
    Online,
}

impl ExamMode {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            ExamMode::InPerson => "In person",
            ExamMode::Online => "Online, proctored",
        }
    }

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ExamMode::InPerson => "in_person",
            ExamMode::Online => "online",
        }
    }

    /// The mode stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        [ExamMode::InPerson, ExamMode::Online]
            .into_iter()
            .find(|m| m.as_str() == raw)
    }
}

crate::texts!(ExamMode {
    InPerson => "exam-mode-in-person",
    Online => "exam-mode-online",
});

/// Book the exam (`POST /api/v1/applications/{id}/exam`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleExamRequest {
    /// When Part 1 starts; the window for Part 2's answers opens then.
    pub starts_at: DateTime<Utc>,
    /// When the window for Part 2's answers closes.
    pub ends_at: DateTime<Utc>,
    /// In person or online.
    pub mode: ExamMode,
    /// Where, or how to join.
    #[serde(default)]
    pub location: String,
    /// Accommodations granted (the applicant's request is shown beside).
    #[serde(default)]
    pub accommodations: String,
}

impl ScheduleExamRequest {
    /// What is wrong, by field.
    pub fn problems(&self, now: DateTime<Utc>) -> FieldErrors {
        let mut errors = Checker::default();
        // A sitting that has just begun may still be booked (walk-ins).
        if self.starts_at < now - Duration::minutes(15) {
            errors.add("starts_at", Text::new("exam-start-past"));
        }
        if self.ends_at <= self.starts_at {
            errors.add("ends_at", Text::new("exam-end-before-start"));
        } else if self.ends_at - self.starts_at > Duration::hours(24) {
            errors.add("ends_at", Text::new("exam-too-long"));
        }
        text(&mut errors, "location", &self.location, 500);
        text(&mut errors, "accommodations", &self.accommodations, 2000);
        errors.0
    }
}

fn text(errors: &mut Checker, field: &str, value: &str, max: usize) {
    if value.chars().count() > max {
        errors.add(field, Text::new("field-too-long").with("max", max));
    } else if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.add(field, Text::new("field-control-chars"));
    }
}

/// The applicant asks for accommodations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccommodationsRequest {
    /// What is needed, e.g. "extra time (50%)"; empty withdraws the request.
    pub accommodations: String,
}

impl AccommodationsRequest {
    /// What is wrong, by field.
    pub fn problems(&self) -> FieldErrors {
        let mut errors = Checker::default();
        text(&mut errors, "accommodations", &self.accommodations, 2000);
        errors.0
    }
}

/// Record Part 1 (`POST /api/v1/applications/{id}/exam/part1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Part1Request {
    /// Correct answers.
    pub score: u32,
}

/// The vignette answers, by vignette number (from 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VignetteAnswers {
    /// Answer per vignette chosen.
    #[serde(default)]
    pub answers: BTreeMap<u32, String>,
}

impl VignetteAnswers {
    /// What is wrong, by field; `complete` also asks for exactly the number
    /// of vignettes the rule wants answered.
    pub fn problems(&self, rule: &ExamRule, complete: bool) -> FieldErrors {
        let mut errors = Checker::default();
        for (number, answer) in &self.answers {
            let field = format!("answers.{number}");
            if *number == 0 || *number > rule.part2_vignettes_offered {
                errors.add(
                    &field,
                    Text::new("exam-not-a-vignette").with("offered", rule.part2_vignettes_offered),
                );
            }
            text(&mut errors, &field, answer, MAX_ANSWER);
            if complete && answer.trim().is_empty() {
                errors.add(&field, Text::new("field-blank"));
            }
        }
        let chosen = u32::try_from(self.answers.len()).unwrap_or(u32::MAX);
        if chosen > rule.part2_vignettes_answered
            || (complete && chosen != rule.part2_vignettes_answered)
        {
            errors.add(
                "answers",
                Text::new("exam-answer-count")
                    .with("answered", rule.part2_vignettes_answered)
                    .with("offered", rule.part2_vignettes_offered),
            );
        }
        errors.0
    }
}

/// One scorer's marks: a rubric score per vignette answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VignetteScores {
    /// Score per vignette number.
    #[serde(default)]
    pub scores: BTreeMap<u32, u32>,
    /// A comment for the admin.
    #[serde(default)]
    pub comment: String,
}

impl VignetteScores {
    /// What is wrong, by field; `answered` are the vignettes the examinee
    /// chose; `complete` asks for a score on each.
    pub fn problems(
        &self,
        rubric: &[RubricLevel],
        answered: &[u32],
        complete: bool,
    ) -> FieldErrors {
        let mut errors = Checker::default();
        let (low, high) = match (rubric.first(), rubric.last()) {
            (Some(l), Some(h)) => (l.score, h.score),
            _ => (0, 0),
        };
        for (number, score) in &self.scores {
            let field = format!("scores.{number}");
            if !answered.contains(number) {
                errors.add(&field, Text::new("exam-not-answered"));
            } else if !rubric.iter().any(|level| level.score == *score) {
                errors.add(
                    &field,
                    Text::new("exam-score-range")
                        .with("low", low)
                        .with("high", high),
                );
            }
        }
        if complete {
            for number in answered {
                if !self.scores.contains_key(number) {
                    errors.add(&format!("scores.{number}"), Text::new("exam-choose-score"));
                }
            }
        }
        text(&mut errors, "comment", &self.comment, 4000);
        errors.0
    }
}

/// How a part, or the exam, came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Passed.
    Passed,
    /// Failed.
    Failed,
}

crate::texts!(Outcome {
    Passed => "exam-part-passed",
    Failed => "exam-part-not-passed",
});

impl Outcome {
    /// The outcome of a part or the whole, in words: "not yet known" until
    /// there is one.
    pub fn text_of(outcome: Option<Outcome>) -> crate::i18n::Text {
        outcome.map_or_else(
            || crate::i18n::Text::new("exam-not-yet-known"),
            Outcome::text,
        )
    }
}

/// The least Part 1 score that passes: the pass percent of the questions,
/// rounded up (80% of 60 is 48).
pub fn part1_pass_mark(rule: &ExamRule) -> u32 {
    (rule.part1_questions * rule.part1_pass_percent).div_ceil(100)
}

/// Part 1's outcome.
pub fn part1_outcome(rule: &ExamRule, score: u32) -> Outcome {
    if score >= part1_pass_mark(rule) {
        Outcome::Passed
    } else {
        Outcome::Failed
    }
}

/// Part 2's outcome from every scorer's marks: the mean of all scores must
/// reach `pass_score` (the rule's, on the rubric). None until there are
/// marks.
pub fn part2_outcome(rule: &ExamRule, marks: &[&VignetteScores]) -> Option<(Outcome, f64)> {
    let all: Vec<u32> = marks
        .iter()
        .flat_map(|m| m.scores.values().copied())
        .collect();
    if all.is_empty() {
        return None;
    }
    let total: u32 = all.iter().sum();
    let mean = f64::from(total) / all.len() as f64;
    // Compare in integers: total / n >= pass ⇔ total >= pass · n.
    let passes = u64::from(total) >= u64::from(rule.part2_pass_score) * all.len() as u64;
    Some((
        if passes {
            Outcome::Passed
        } else {
            Outcome::Failed
        },
        mean,
    ))
}

/// The exam's outcome: passed only when both parts are.
pub fn result(part1: Outcome, part2: Outcome) -> Outcome {
    if part1 == Outcome::Passed && part2 == Outcome::Passed {
        Outcome::Passed
    } else {
        Outcome::Failed
    }
}

/// When a failed exam may be sat again.
pub fn retake_from(rule: &ExamRule, failed_at: DateTime<Utc>) -> DateTime<Utc> {
    failed_at + Duration::days(i64::from(rule.retake_after_days))
}

/// An exam scorer's assignment, as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScorerView {
    /// The scoring assignment.
    pub id: AssignmentId,
    /// The scorer.
    pub reviewer: UserId,
    /// Their name.
    pub reviewer_name: String,
    /// Their marks, once submitted.
    pub marks: Option<VignetteScores>,
    /// When submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// One sitting of the exam.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExamView {
    /// The attempt, from 1.
    pub attempt: i64,
    /// What the applicant asked for.
    pub accommodations_requested: String,
    /// When it starts, once scheduled.
    pub starts_at: Option<DateTime<Utc>>,
    /// When the answer window closes.
    pub ends_at: Option<DateTime<Utc>>,
    /// How it is sat.
    pub mode: Option<ExamMode>,
    /// Where, or how to join.
    pub location: String,
    /// Accommodations granted.
    pub accommodations: String,
    /// Part 1's score, once recorded.
    pub part1_score: Option<u32>,
    /// The least passing Part 1 score.
    pub part1_pass_mark: u32,
    /// Part 1's questions.
    pub part1_questions: u32,
    /// Vignettes offered and to answer.
    pub vignettes_offered: u32,
    /// How many to answer.
    pub vignettes_answered: u32,
    /// The answers (to the applicant; and to scorers, without who wrote them).
    pub answers: VignetteAnswers,
    /// When the answers were handed in.
    pub answers_submitted_at: Option<DateTime<Utc>>,
    /// Send it back in `If-Match` to save answers.
    pub version: i64,
    /// Part 1's outcome, once recorded.
    pub part1: Option<Outcome>,
    /// Part 2's outcome and mean score, once both scorers submitted (admins only).
    pub part2: Option<Outcome>,
    /// The mean Part 2 score (admins only).
    pub part2_mean: Option<f64>,
    /// The exam's result, once both parts are in.
    pub result: Option<Outcome>,
    /// The scorers (admins only).
    pub scorers: Vec<ScorerView>,
    /// When a failed exam may be retaken.
    pub retake_from: Option<DateTime<Utc>>,
}

/// What a scorer sees (`GET /api/v1/exam-scoring/{id}`): the answers, never
/// who wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoringPacket {
    /// The scoring assignment.
    pub id: AssignmentId,
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// A reference that names no one.
    pub reference: String,
    /// The answers.
    pub answers: VignetteAnswers,
    /// The rubric.
    pub rubric: Vec<RubricLevel>,
    /// The marks so far.
    pub marks: VignetteScores,
    /// Send it back in `If-Match`.
    pub version: i64,
    /// When submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// One exam to score, in a reviewer's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoringSummary {
    /// The scoring assignment.
    pub id: AssignmentId,
    /// The category's code.
    pub category: String,
    /// A reference that names no one.
    pub reference: String,
    /// Whether the answers are in (scoring opens then).
    pub ready: bool,
    /// When submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::Rulebook;

    fn rule() -> ExamRule {
        Rulebook::default_rulebook()
            .unwrap()
            .category("IMHM-C")
            .unwrap()
            .exam
            .clone()
            .unwrap()
    }

    #[test]
    fn part_1_passes_at_80_percent_of_60() {
        let rule = rule();
        assert_eq!(part1_pass_mark(&rule), 48);
        assert_eq!(part1_outcome(&rule, 48), Outcome::Passed);
        assert_eq!(part1_outcome(&rule, 47), Outcome::Failed);
        let odd = ExamRule {
            part1_questions: 7,
            ..rule
        };
        // 80% of 7 is 5.6: 6 are needed.
        assert_eq!(part1_pass_mark(&odd), 6);
    }

    fn marks(scores: &[(u32, u32)]) -> VignetteScores {
        VignetteScores {
            scores: scores.iter().copied().collect(),
            comment: String::new(),
        }
    }

    #[test]
    fn part_2_passes_on_the_mean_of_both_scorers() {
        let rule = rule();
        assert_eq!(rule.part2_pass_score, 3);
        assert_eq!(part2_outcome(&rule, &[]), None);
        let a = marks(&[(1, 3), (3, 4)]);
        let b = marks(&[(1, 2), (3, 3)]);
        assert_eq!(
            part2_outcome(&rule, &[&a, &b]),
            Some((Outcome::Passed, 3.0))
        );
        let c = marks(&[(1, 2), (3, 2)]);
        assert_eq!(
            part2_outcome(&rule, &[&a, &c]),
            Some((Outcome::Failed, 2.75))
        );
        assert_eq!(result(Outcome::Passed, Outcome::Failed), Outcome::Failed);
        assert_eq!(result(Outcome::Passed, Outcome::Passed), Outcome::Passed);
    }

    #[test]
    fn answers_and_marks_are_checked() {
        let rule = rule();
        let answers = VignetteAnswers {
            answers: [
                (1, "A".to_string()),
                (4, "B".to_string()),
                (2, " ".to_string()),
            ]
            .into(),
        };
        let problems = answers.problems(&rule, true);
        assert_eq!(
            problems.keys().map(String::as_str).collect::<Vec<_>>(),
            ["answers", "answers.2", "answers.4"]
        );
        let draft = VignetteAnswers {
            answers: [(1, String::new())].into(),
        };
        assert!(draft.problems(&rule, false).is_empty());
        assert!(draft.problems(&rule, true).contains_key("answers"));

        let rubric = Rulebook::default_rulebook().unwrap().review.rubric;
        let scores = marks(&[(1, 5), (2, 3)]);
        let problems = scores.problems(&rubric, &[1, 3], true);
        assert_eq!(
            problems.keys().map(String::as_str).collect::<Vec<_>>(),
            ["scores.1", "scores.2", "scores.3"]
        );
    }

    #[test]
    fn a_schedule_is_checked() {
        let now = chrono::Utc::now();
        let good = ScheduleExamRequest {
            starts_at: now + Duration::days(10),
            ends_at: now + Duration::days(10) + Duration::hours(3),
            mode: ExamMode::Online,
            location: "Link by mail".into(),
            accommodations: String::new(),
        };
        assert!(good.problems(now).is_empty());
        let bad = ScheduleExamRequest {
            starts_at: now - Duration::days(1),
            ends_at: now - Duration::days(2),
            ..good
        };
        assert_eq!(
            bad.problems(now)
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["ends_at", "starts_at"]
        );
        assert_eq!(retake_from(&rule(), now) - now, Duration::days(365));
    }
}
