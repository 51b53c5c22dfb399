use super::*;
use crate::references::RefereeEndorsement;
use crate::rulebook::Rulebook;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rulebook() -> Rulebook {
    Rulebook::default_rulebook().unwrap()
}

fn profile(categories: &[&str], held: &[&str]) -> ReviewerProfile {
    ReviewerProfile {
        endorsements: held
            .iter()
            .map(|c| RefereeEndorsement {
                category: (*c).into(),
                number: format!("{c}-1"),
            })
            .collect(),
        categories: categories.iter().map(|c| (*c).to_string()).collect(),
        max_load: 3,
    }
}

#[test]
fn a_reviewer_is_eligible_with_the_same_category_or_a_higher_one() {
    let rulebook = rulebook();
    let ifs = rulebook.category("IFS").unwrap();
    assert_eq!(eligibility(ifs, &profile(&["IFS"], &["IFS"])), Ok(()));
    assert_eq!(eligibility(ifs, &profile(&["IFS"], &["IMHM-C"])), Ok(()));
    let lower = eligibility(ifs, &profile(&["IFS"], &["IFA"]))
        .unwrap_err()
        .say(crate::i18n::Lang::En);
    assert!(lower.contains("holds no endorsement in IFS"), "{lower}");
    let not_listed = eligibility(ifs, &profile(&["IMHS"], &["IMHM-C"]))
        .unwrap_err()
        .say(crate::i18n::Lang::En);
    assert!(
        not_listed.contains("not among the categories"),
        "{not_listed}"
    );
    // The other family is not "higher".
    assert!(eligibility(ifs, &profile(&["IFS"], &["ECMHM-C"])).is_err());
}

fn reviewer() -> ReviewerFacts {
    ReviewerFacts {
        email: "Rev@Example.org".into(),
        name: "Ruth  O'Neil".into(),
        numbers: vec!["MI-IMHM-C-0042".into()],
        work: vec![Period {
            employer: "St. Mary's Clinic".into(),
            start: date(2018, 1, 1),
            end: Some(date(2020, 12, 31)),
        }],
    }
}

#[test]
fn conflicts_are_found_from_the_portfolio() {
    let today = date(2026, 11, 22);
    let none = ApplicantFacts {
        referees: vec![Referee {
            email: "other@example.org".into(),
            relationship: Relationship::Colleague,
        }],
        providers: vec![Provider {
            name: "Someone Else".into(),
            number: Some("MI-IMHS-0001".into()),
        }],
        work: vec![Period {
            employer: "St Marys Clinic".into(),
            start: date(2021, 1, 1),
            end: None,
        }],
        declared: vec![],
    };
    assert_eq!(conflicts(&reviewer(), &none, today), vec![]);

    let all = ApplicantFacts {
        referees: vec![Referee {
            email: " rev@example.ORG".into(),
            relationship: Relationship::CurrentSupervisor,
        }],
        providers: vec![Provider {
            name: "ruth o neil".into(),
            number: None,
        }],
        work: vec![
            Period {
                employer: "st marys clinic".into(),
                start: date(2020, 6, 1),
                end: None,
            },
            Period {
                employer: "St. Mary's Clinic".into(),
                start: date(2019, 6, 1),
                end: Some(date(2019, 9, 1)),
            },
        ],
        declared: vec!["We co-authored a paper".into()],
    };
    let found = conflicts(&reviewer(), &all, today);
    assert_eq!(
        found,
        vec![
            Conflict::Declared {
                reason: "We co-authored a paper".into()
            },
            Conflict::Referee {
                relationship: Relationship::CurrentSupervisor
            },
            Conflict::RscProvider,
            Conflict::SameEmployer {
                employer: "st marys clinic".into()
            },
        ]
    );
    assert!(found[1]
        .describe()
        .say(crate::i18n::Lang::En)
        .contains("current supervisor"));

    // The provider's endorsement number alone is enough.
    let by_number = ApplicantFacts {
        providers: vec![Provider {
            name: "R. O.".into(),
            number: Some(" mi-imhm-c-0042".into()),
        }],
        ..ApplicantFacts::default()
    };
    assert_eq!(
        conflicts(&reviewer(), &by_number, today),
        vec![Conflict::RscProvider]
    );
}

fn candidate(n: u128, load: u32, max_load: u32) -> Candidate {
    Candidate {
        reviewer: UserId::from_uuid(uuid::Uuid::from_u128(n)),
        name: format!("Reviewer {n}"),
        eligible: true,
        conflicted: false,
        assigned: false,
        load,
        max_load,
    }
}

#[test]
fn the_proposal_skips_whoever_cannot_and_prefers_the_least_loaded() {
    let mut conflicted = candidate(1, 0, 3);
    conflicted.conflicted = true;
    let mut ineligible = candidate(2, 0, 3);
    ineligible.eligible = false;
    let mut assigned = candidate(3, 0, 3);
    assigned.assigned = true;
    let full = candidate(4, 3, 3);
    let busy = candidate(5, 2, 3); // 2/3
    let light = candidate(6, 2, 10); // 1/5
    let idle = candidate(7, 0, 1);
    let all = [conflicted, ineligible, assigned, full, busy, light, idle];
    let ids = |ns: &[u128]| -> Vec<UserId> {
        ns.iter()
            .map(|n| UserId::from_uuid(uuid::Uuid::from_u128(*n)))
            .collect()
    };
    assert_eq!(propose(2, &all), ids(&[7, 6]));
    assert_eq!(propose(5, &all), ids(&[7, 6, 5]));
    assert_eq!(propose(0, &all), ids(&[]));
}

proptest! {
    #[test]
    fn a_proposal_never_overloads_or_picks_the_unavailable(
        people in prop::collection::vec((0u32..6, 1u32..6, any::<bool>(), any::<bool>()), 0..12),
        needed in 0usize..4,
    ) {
        let candidates: Vec<Candidate> = people
            .iter()
            .enumerate()
            .map(|(i, (load, max, eligible, conflicted))| Candidate {
                eligible: *eligible,
                conflicted: *conflicted,
                ..candidate(i as u128, *load, *max)
            })
            .collect();
        let picked = propose(needed, &candidates);
        let available = candidates.iter().filter(|c| c.available()).count();
        prop_assert_eq!(picked.len(), needed.min(available));
        for id in &picked {
            let c = candidates.iter().find(|c| c.reviewer == *id).unwrap();
            prop_assert!(c.available());
            // Nobody left out is strictly less loaded than someone picked.
            for other in candidates.iter().filter(|o| o.available() && !picked.contains(&o.reviewer)) {
                prop_assert!(
                    u64::from(other.load) * u64::from(c.max_load)
                        >= u64::from(c.load) * u64::from(other.max_load)
                );
            }
        }
    }
}

fn rules(code: &str) -> ReviewRules {
    let rulebook = rulebook();
    ReviewRules::of(&rulebook, rulebook.category(code).unwrap())
}

fn complete(rules: &ReviewRules) -> ReviewForm {
    ReviewForm {
        scores: rules.domains.iter().map(|d| (d.code.clone(), 3)).collect(),
        sections: rules
            .sections
            .iter()
            .map(|s| {
                (
                    *s,
                    SectionVerdict {
                        verdict: Some(Verdict::Sufficient),
                        comment: String::new(),
                    },
                )
            })
            .collect(),
        recommendation: rules.recommendations.first().copied(),
        rationale: "Consistent evidence.\nWell documented.".into(),
    }
}

#[test]
fn the_recommendations_follow_the_track() {
    assert!(!rules("IFS")
        .recommendations
        .contains(&Recommendation::ApproveForExam));
    assert!(rules("IFS")
        .recommendations
        .contains(&Recommendation::Endorse));
    assert!(!rules("IFS")
        .recommendations
        .contains(&Recommendation::Emerging));
    assert!(rules("IFRS")
        .recommendations
        .contains(&Recommendation::Emerging));
    let mentor = rules("IMHM-C").recommendations;
    assert!(mentor.contains(&Recommendation::ApproveForExam));
    assert!(!mentor.contains(&Recommendation::Endorse));
    assert!(!rules("IFA").sections.contains(&ReviewSection::Rsc));
    assert!(rules("IFS").sections.contains(&ReviewSection::Rsc));
}

#[test]
fn a_review_names_every_bad_field() {
    let rules = rules("IFS");
    let good = complete(&rules);
    assert!(good.problems(&rules, true).is_empty());
    assert!(ReviewForm::default().problems(&rules, false).is_empty());

    let mut bad = good.clone();
    bad.scores.insert("reflection".into(), 5);
    bad.scores.insert("astrology".into(), 3);
    bad.scores.remove("thinking");
    bad.sections.insert(
        ReviewSection::Work,
        SectionVerdict {
            verdict: Some(Verdict::Insufficient),
            comment: " ".into(),
        },
    );
    bad.sections.remove(&ReviewSection::Training);
    bad.recommendation = Some(Recommendation::ApproveForExam);
    bad.rationale = "x\u{7}".into();
    let problems = bad.problems(&rules, true);
    assert_eq!(
        problems.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "rationale",
            "recommendation",
            "scores.astrology",
            "scores.reflection",
            "scores.thinking",
            "sections.training.verdict",
            "sections.work.comment",
        ]
    );
    assert_eq!(
        problems["scores.reflection"],
        ["must be a score of the rubric, from 1 to 4"]
    );
    // A draft is checked for what is wrong, not for what is missing.
    let draft = bad.problems(&rules, false);
    assert!(draft.contains_key("scores.reflection"));
    assert!(!draft.contains_key("scores.thinking"));
    assert!(!draft.contains_key("sections.work.comment"));
}

#[test]
fn disagreement_is_a_different_recommendation_or_two_points_apart() {
    let rules = rules("IFS");
    let a = complete(&rules);
    let mut b = a.clone();
    assert!(disagreement(&a, &b, &rules.domains).is_empty());
    b.scores.insert("reflection".into(), 2);
    assert!(disagreement(&a, &b, &rules.domains).is_empty());
    b.scores.insert("reflection".into(), 1);
    b.recommendation = Some(Recommendation::Defer);
    assert_eq!(
        disagreement(&a, &b, &rules.domains),
        [
            "The recommendations differ: \"Endorse\" and \"Defer with feedback\".",
            "Reflection is scored 3 and 1."
        ]
    );
}

#[test]
fn requests_and_answers_are_checked() {
    let known = EntryId::from_uuid(uuid::Uuid::from_u128(1));
    let unknown = EntryId::from_uuid(uuid::Uuid::from_u128(2));
    let request = InformationRequest {
        flags: vec![
            Flag {
                entry: known,
                message: "The hours are not documented.".into(),
            },
            Flag {
                entry: known,
                message: " ".into(),
            },
            Flag {
                entry: unknown,
                message: "?".into(),
            },
        ],
    };
    let problems = request.problems(|id| id == known);
    assert_eq!(
        problems.keys().map(String::as_str).collect::<Vec<_>>(),
        ["flags[1].entry", "flags[1].message", "flags[2].entry"]
    );
    assert!(InformationRequest::default()
        .problems(|_| true)
        .contains_key("flags"));

    let open = InformationItemId::from_uuid(uuid::Uuid::from_u128(3));
    let stray = InformationItemId::from_uuid(uuid::Uuid::from_u128(4));
    let answer = AnswerRequest {
        answers: [(stray, "x".to_string())].into(),
    };
    let problems = answer.problems(&[open]);
    assert_eq!(
        problems[&format!("answers.{open}")],
        ["answer this request"]
    );
    assert_eq!(
        problems[&format!("answers.{stray}")],
        ["is not an open request"]
    );
    let fine = AnswerRequest {
        answers: [(open, "Uploaded the certificate.".to_string())].into(),
    };
    assert!(fine.problems(&[open]).is_empty());
}

#[test]
fn a_reason_is_needed() {
    assert!(ReasonRequest {
        reason: "  ".into()
    }
    .checked()
    .is_err());
    assert_eq!(
        ReasonRequest {
            reason: " Former colleague ".into()
        }
        .checked()
        .unwrap(),
        "Former colleague"
    );
}
