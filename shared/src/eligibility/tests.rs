//! The engine against DOMAIN.md: for every category, a portfolio that just meets
//! each requirement, and for each requirement one that just misses it, with the
//! exact lines expected. The figures here are typed from the domain brief, not
//! read from the rulebook file, so a wrong rulebook fails these tests.

use crate::i18n::Lang;

use super::*;
use crate::portfolio::{
    AgreementData, EducationData, Entry, MembershipData, RatingSummary, ReferenceData, RscData,
    RscFormat, Training, TrainingData, WorkData,
};
use crate::rulebook::{AgeRange, Relationship, WorkKind};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const AS_OF: (i32, u32, u32) = (2026, 6, 30);

fn as_of() -> NaiveDate {
    day(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn id(n: u128) -> EntryId {
    EntryId::from_uuid(uuid::Uuid::from_u128(n))
}

fn hours(h: f64) -> Hours {
    Hours::from_f64(h).unwrap()
}

/// One work requirement as the brief states it.
struct WorkRow {
    months: u32,
    kind: WorkKind,
    families: Option<u32>,
    post_graduate: bool,
}

/// A category's requirements, typed from DOMAIN.md.
struct Row {
    code: &'static str,
    family: AgeRange,
    degree: DegreeLevel,
    work: &'static [WorkRow],
    training: f64,
    dei: f64,
    rsc_topic: f64,
    /// (hours, qualifying provider category, hours about providing)
    rsc: Option<(f64, &'static str, f64)>,
    /// Relationships of three references; the first is endorsed.
    references: [Relationship; 3],
    /// Required-relationship lines filled by the third reference.
    third_fills: &'static [usize],
    endorsed_line: bool,
    exam: bool,
}

use Relationship::*;

const DIRECT: &[WorkRow] = &[WorkRow {
    months: 24,
    kind: WorkKind::DirectService,
    families: None,
    post_graduate: false,
}];
const SPECIALIST: &[WorkRow] = &[WorkRow {
    months: 24,
    kind: WorkKind::DirectService,
    families: Some(10),
    post_graduate: false,
}];
const REFLECTIVE: &[WorkRow] = &[
    WorkRow {
        months: 24,
        kind: WorkKind::DirectService,
        families: Some(10),
        post_graduate: false,
    },
    WorkRow {
        months: 12,
        kind: WorkKind::ProvidingRsc,
        families: None,
        post_graduate: false,
    },
];
const CLINICAL: &[WorkRow] = &[WorkRow {
    months: 24,
    kind: WorkKind::DyadicTreatment,
    families: None,
    post_graduate: true,
}];
const MENTOR_CLINICAL: &[WorkRow] = &[
    WorkRow {
        months: 24,
        kind: WorkKind::DyadicTreatment,
        families: None,
        post_graduate: true,
    },
    WorkRow {
        months: 36,
        kind: WorkKind::ProvidingRsc,
        families: None,
        post_graduate: true,
    },
];
const POLICY: &[WorkRow] = &[WorkRow {
    months: 36,
    kind: WorkKind::PolicyLeadership,
    families: None,
    post_graduate: true,
}];
const FACULTY: &[WorkRow] = &[WorkRow {
    months: 36,
    kind: WorkKind::TeachingResearch,
    families: None,
    post_graduate: true,
}];

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (family, p, mhs, mhmc, frs) in [
        (AgeRange::PrenatalToThree, "I", "IMHS", "IMHM-C", "IFRS"),
        (AgeRange::ThreeToSix, "EC", "ECMHS", "ECMHM-C", "ECFRS"),
    ] {
        let code =
            |suffix: &str| -> &'static str { Box::leak(format!("{p}{suffix}").into_boxed_str()) };
        let mh = |suffix: &str| -> &'static str {
            Box::leak(
                if p == "I" {
                    format!("IMH{suffix}")
                } else {
                    format!("ECMH{suffix}")
                }
                .into_boxed_str(),
            )
        };
        let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        rows.push(Row {
            code: code("FA"),
            family,
            degree: DegreeLevel::Cda,
            work: DIRECT,
            training: 30.0,
            dei: 0.0,
            rsc_topic: 0.0,
            rsc: None,
            references: [CurrentSupervisor, Colleague, OtherSupervisor],
            third_fills: &[],
            endorsed_line: true,
            exam: false,
        });
        rows.push(Row {
            code: code("FS"),
            family,
            degree: DegreeLevel::Bachelor,
            work: SPECIALIST,
            training: 30.0,
            dei: 0.0,
            rsc_topic: 0.0,
            rsc: Some((24.0, leak(frs), 0.0)),
            references: [CurrentSupervisor, RscProvider, Colleague],
            third_fills: &[2],
            endorsed_line: true,
            exam: false,
        });
        rows.push(Row {
            code: code("FRS"),
            family,
            degree: DegreeLevel::Bachelor,
            work: REFLECTIVE,
            training: 30.0,
            dei: 0.0,
            rsc_topic: 15.0,
            rsc: Some((24.0, leak(mhs), 0.0)),
            references: [Colleague, RscProvider, Supervisee],
            third_fills: &[0],
            endorsed_line: false,
            exam: false,
        });
        rows.push(Row {
            code: mh("S"),
            family,
            degree: DegreeLevel::Master,
            work: CLINICAL,
            training: 33.0,
            dei: 0.0,
            rsc_topic: 0.0,
            rsc: Some((50.0, leak(mhmc), 0.0)),
            references: [CurrentSupervisor, RscProvider, Supervisee],
            third_fills: &[2],
            endorsed_line: false,
            exam: false,
        });
        rows.push(Row {
            code: mh("M-C"),
            family,
            degree: DegreeLevel::Master,
            work: MENTOR_CLINICAL,
            training: 48.0,
            dei: 3.0,
            rsc_topic: 15.0,
            rsc: Some((50.0, leak(mhs), 25.0)),
            references: [CurrentSupervisor, RscProvider, Supervisee],
            third_fills: &[2],
            endorsed_line: false,
            exam: true,
        });
        rows.push(Row {
            code: mh("M-P"),
            family,
            degree: DegreeLevel::Master,
            work: POLICY,
            training: 33.0,
            dei: 3.0,
            rsc_topic: 0.0,
            rsc: None,
            references: [CurrentSupervisor, Colleague, Colleague],
            third_fills: &[],
            endorsed_line: false,
            exam: true,
        });
        rows.push(Row {
            code: mh("M-RF"),
            family,
            degree: DegreeLevel::Master,
            work: FACULTY,
            training: 33.0,
            dei: 3.0,
            rsc_topic: 0.0,
            rsc: None,
            references: [CurrentSupervisor, Colleague, Colleague],
            third_fills: &[],
            endorsed_line: false,
            exam: true,
        });
        let _ = (mhs, mhmc);
    }
    rows
}

/// A portfolio that meets the row's every requirement with nothing to spare.
fn just_meeting(row: &Row) -> Portfolio {
    let mut next = 0u128;
    let mut new_id = || {
        next += 1;
        id(next)
    };
    let mut portfolio = Portfolio::default();
    portfolio.education.push(Entry {
        id: new_id(),
        data: EducationData {
            credential: Credential::Degree(row.degree),
            field: "Child development".into(),
            institution: "State University".into(),
            year: 2015,
            transcript: None,
        },
    });
    for (index, work) in row.work.iter().enumerate() {
        let start = day(2016 + index as i32 * 4, 3, 1);
        let end = start
            .checked_add_months(Months::new(work.months))
            .unwrap()
            .pred_opt()
            .unwrap();
        portfolio.work.push(Entry {
            id: new_id(),
            data: WorkData {
                verification: None,
                employer: format!("Agency {index}"),
                position: "Staff".into(),
                start,
                end: Some(end),
                hours_per_week: 40,
                employment: Employment::Paid,
                age_ranges: vec![row.family],
                families_served: work.families.unwrap_or(0),
                kinds: vec![work.kind],
            },
        });
    }
    let mut general = row.training - row.dei - row.rsc_topic;
    for (topic, h) in [
        (TrainingTopic::Dei, row.dei),
        (TrainingTopic::Rsc, row.rsc_topic),
    ] {
        if h > 0.0 {
            portfolio.training.push(training(
                new_id(),
                &format!("{topic:?} training"),
                h,
                vec![topic],
            ));
        }
    }
    if general > 0.0 {
        portfolio
            .training
            .push(training(new_id(), "Foundations", general, vec![]));
        general = 0.0;
    }
    let _ = general;
    if let Some((total, provider, about)) = row.rsc {
        let first = if about > 0.0 { about } else { total / 2.0 };
        portfolio.rsc.push(session(
            new_id(),
            day(2025, 1, 1),
            first,
            provider,
            about > 0.0,
        ));
        portfolio.rsc.push(session(
            new_id(),
            day(2025, 12, 31),
            total - first,
            provider,
            false,
        ));
    }
    for (index, relationship) in row.references.iter().enumerate() {
        portfolio.references.push(Entry {
            id: new_id(),
            data: ReferenceData {
                referee_email: format!("referee{index}@example.org"),
                relationship: *relationship,
                endorsed: index == 0,
                known_since: Some(day(2020, 1, 1)),
                rating: Some(RatingSummary {
                    given_on: day(2026, 1, 15),
                    not_enough_information: 5,
                    withheld: false,
                    imported: false,
                }),
            },
        });
    }
    for kind in AgreementKind::ALL {
        portfolio.agreements.push(Entry {
            id: new_id(),
            data: AgreementData {
                signed_copy: None,
                kind,
                signed_name: "Ada Lovelace".into(),
                signed_at: Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap(),
            },
        });
    }
    portfolio.memberships.push(Entry {
        id: new_id(),
        data: MembershipData {
            card: None,
            association: "State AIMH".into(),
            number: "M-1".into(),
            expires_on: as_of(),
            verified: true,
        },
    });
    portfolio
}

fn training(id: EntryId, title: &str, h: f64, topics: Vec<TrainingTopic>) -> Training {
    Entry {
        id,
        data: TrainingData {
            title: title.into(),
            provider: "Institute".into(),
            date: day(2024, 5, 1),
            hours: hours(h),
            domains: vec!["reflection".into()],
            topics,
            certificate: None,
        },
    }
}

fn session(id: EntryId, date: NaiveDate, h: f64, provider: &str, about: bool) -> RscSession {
    Entry {
        id,
        data: RscData {
            evidence: None,
            date,
            hours: hours(h),
            format: RscFormat::Individual,
            provider_name: "Dr. Provider".into(),
            provider_category: Some(provider.into()),
            provider_number: None,
            provider_vetted: false,
            about_providing: about,
        },
    }
}

fn rulebook() -> Rulebook {
    Rulebook::default_rulebook().unwrap()
}

fn report(row: &Row, portfolio: &Portfolio) -> EligibilityReport {
    let rulebook = rulebook();
    let category = rulebook
        .category(row.code)
        .unwrap_or_else(|| panic!("{} is in the rulebook", row.code));
    evaluate(category, portfolio, as_of(), Lang::En)
}

/// The keys and summaries of the lines that are short.
fn short(report: &EligibilityReport) -> Vec<(String, String)> {
    report
        .short_lines()
        .map(|l| (l.key.clone(), l.summary.clone()))
        .collect()
}

fn assert_short(row: &Row, portfolio: &Portfolio, expected: &[(&str, String)], what: &str) {
    let report = report(row, portfolio);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, s)| (k.to_string(), s.clone()))
        .collect();
    assert_eq!(short(&report), expected, "{} {what}", row.code);
    assert!(!report.eligible, "{} {what}: not eligible", row.code);
    for (key, _) in &expected {
        let line = report.line(key).unwrap();
        assert!(
            line.shortfall.as_deref().is_some_and(|s| !s.is_empty()),
            "{} {key} explains itself",
            row.code
        );
    }
}

#[test]
fn the_rulebook_has_a_row_here_for_every_category() {
    let codes: Vec<String> = rulebook()
        .categories
        .iter()
        .map(|c| c.code.clone())
        .collect();
    let mut rows: Vec<String> = rows().iter().map(|r| r.code.to_string()).collect();
    let mut sorted_codes = codes.clone();
    sorted_codes.sort();
    rows.sort();
    assert_eq!(rows, sorted_codes);
}

#[test]
fn a_portfolio_that_just_meets_every_requirement_is_eligible_in_every_category() {
    for row in rows() {
        let portfolio = just_meeting(&row);
        let report = report(&row, &portfolio);
        assert_eq!(
            short(&report),
            Vec::<(String, String)>::new(),
            "{}",
            row.code
        );
        assert!(report.eligible, "{}", row.code);
        assert_eq!(report.exam_required, row.exam, "{} exam", row.code);
        assert!(
            report.entries.iter().all(|v| v.counts),
            "{}: {:?}",
            row.code,
            report.entries
        );
        let training = report.line("training.hours").unwrap();
        assert_eq!(
            training.summary,
            format!("Training: {} of {} hours", row.training, row.training)
        );
        if let Some((total, _, _)) = row.rsc {
            assert_eq!(
                report.line("rsc.hours").unwrap().summary,
                format!("RSC: {total} of {total} hours, over 12 months")
            );
        } else {
            assert!(
                report.line("rsc.hours").is_none(),
                "{} needs no RSC",
                row.code
            );
        }
    }
}

#[test]
fn education_one_level_short_is_refused() {
    for row in rows()
        .iter()
        .filter(|r| r.code != "IFA" && r.code != "ECFA")
    {
        let mut portfolio = just_meeting(row);
        let below = match row.degree {
            DegreeLevel::Master => DegreeLevel::Bachelor,
            DegreeLevel::Bachelor => DegreeLevel::Associate,
            other => panic!("unexpected {other:?}"),
        };
        portfolio.education[0].credential = Credential::Degree(below);
        // Post-graduate work then has nothing to count from.
        let mut expected = vec![(
            "education",
            if row.code.contains("MHS") {
                format!(
                    "Education: {} or higher, or a state mental-health license",
                    crate::text::with_article(row.degree.label())
                )
            } else {
                format!(
                    "Education: {} or higher",
                    crate::text::with_article(row.degree.label())
                )
            },
        )];
        for (index, work) in row.work.iter().enumerate() {
            if work.post_graduate {
                expected.push((
                    leak(format!("work.{index}.months")),
                    work_summary(row, index, 0),
                ));
            }
        }
        assert_short(row, &portfolio, &expected, "one degree level short");
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn work_summary(row: &Row, index: usize, months: u32) -> String {
    let rulebook = rulebook();
    let label = rulebook.category(row.code).unwrap().work[index]
        .label
        .clone();
    format!("{label}: {months} of {} months", row.work[index].months)
}

#[test]
fn a_license_replaces_the_masters_degree_only_for_the_mental_health_specialist() {
    for row in rows().iter().filter(|r| r.degree == DegreeLevel::Master) {
        let mut portfolio = just_meeting(row);
        portfolio.education[0].credential = Credential::License;
        let report = report(row, &portfolio);
        assert_eq!(
            report.line("education").unwrap().met,
            row.code.ends_with("MHS"),
            "{}",
            row.code
        );
    }
}

#[test]
fn family_associates_may_show_two_years_of_work_instead_of_a_degree() {
    for row in rows().iter().filter(|r| r.code.ends_with("FA")) {
        let mut portfolio = just_meeting(row);
        portfolio.education.clear();
        let report = report(row, &portfolio);
        assert!(report.eligible, "{}: {:?}", row.code, short(&report));
        assert_eq!(
            report.line("education").unwrap().summary,
            "Education: 24 months of relevant work in place of a degree"
        );

        portfolio.work[0].end = portfolio.work[0].end.and_then(|d| d.pred_opt());
        assert_short(
            row,
            &portfolio,
            &[
                (
                    "education",
                    "Education: a CDA credential or higher, or 24 months of relevant work instead"
                        .to_string(),
                ),
                ("work.0.months", work_summary(row, 0, 23)),
            ],
            "one day short of two years without a degree",
        );
    }
}

#[test]
fn work_one_day_short_of_the_months_is_short() {
    for row in rows() {
        for index in 0..row.work.len() {
            let mut portfolio = just_meeting(&row);
            portfolio.work[index].end = portfolio.work[index].end.and_then(|d| d.pred_opt());
            let months = row.work[index].months - 1;
            assert_short(
                &row,
                &portfolio,
                &[(
                    leak(format!("work.{index}.months")),
                    work_summary(&row, index, months),
                )],
                "work one day short",
            );
        }
    }
}

#[test]
fn overlapping_work_counts_once() {
    let row = rows().into_iter().find(|r| r.code == "IFS").unwrap();
    let mut portfolio = just_meeting(&row);
    let mut copy = portfolio.work[0].clone();
    copy.id = id(999);
    copy.end = copy.end.and_then(|d| d.pred_opt());
    portfolio.work[0].end = copy.end;
    portfolio.work.push(copy);
    portfolio.work[0].families_served = 5;
    portfolio.work[1].families_served = 5;
    assert_short(
        &row,
        &portfolio,
        &[("work.0.months", work_summary(&row, 0, 23))],
        "two overlapping jobs",
    );
}

#[test]
fn one_family_short_is_short() {
    for row in rows()
        .iter()
        .filter(|r| r.work.iter().any(|w| w.families.is_some()))
    {
        let mut portfolio = just_meeting(row);
        portfolio.work[0].families_served = 9;
        assert_short(
            row,
            &portfolio,
            &[("work.0.families", "Families served: 9 of 10".to_string())],
            "nine families",
        );
    }
}

#[test]
fn unsupervised_volunteering_and_the_wrong_age_range_do_not_count() {
    let row = rows().into_iter().find(|r| r.code == "IFA").unwrap();
    let mut portfolio = just_meeting(&row);
    portfolio.education.clear();
    portfolio.education.push(Entry {
        id: id(500),
        data: EducationData {
            credential: Credential::Degree(DegreeLevel::Cda),
            field: "CDA".into(),
            institution: "Council".into(),
            year: 2010,
            transcript: None,
        },
    });
    portfolio.work[0].employment = Employment::VolunteerUnsupervised;
    let r = report(&row, &portfolio);
    assert_eq!(
        r.verdict(portfolio.work[0].id).unwrap().reasons,
        ["unsupervised volunteer work does not count for work with infants and their families"]
    );
    portfolio.work[0].employment = Employment::VolunteerSupervised;
    portfolio.work[0].age_ranges = vec![AgeRange::ThreeToSix];
    let r = report(&row, &portfolio);
    assert_eq!(
        r.verdict(portfolio.work[0].id).unwrap().reasons,
        ["it did not serve children 0–36 months"]
    );
}

#[test]
fn training_a_quarter_hour_short_is_short() {
    for row in rows() {
        let mut portfolio = just_meeting(&row);
        let last = portfolio.training.len() - 1;
        portfolio.training[last].hours = portfolio.training[last]
            .hours
            .saturating_sub(Hours::from_quarters(1));
        let reached = Hours::whole(row.training as u32).saturating_sub(Hours::from_quarters(1));
        let mut expected = vec![(
            "training.hours",
            format!("Training: {reached} of {} hours", row.training),
        )];
        if row.dei + row.rsc_topic == row.training {
            panic!("the general entry carries the rest");
        }
        expected.sort();
        assert_short(&row, &portfolio, &expected, "training a quarter hour short");
    }
}

#[test]
fn topic_training_a_quarter_hour_short_is_short_even_when_the_total_is_met() {
    for row in rows() {
        for (topic, minimum, key, label) in [
            (
                TrainingTopic::Dei,
                row.dei,
                "training.topic.dei",
                "Training on diversity, equity and inclusion",
            ),
            (
                TrainingTopic::Rsc,
                row.rsc_topic,
                "training.topic.rsc",
                "Training on providing RSC",
            ),
        ] {
            if minimum == 0.0 {
                continue;
            }
            let mut portfolio = just_meeting(&row);
            let quarter = Hours::from_quarters(1);
            let topic_entry = portfolio
                .training
                .iter_mut()
                .find(|t| t.topics == vec![topic])
                .unwrap();
            topic_entry.hours = topic_entry.hours.saturating_sub(quarter);
            let general = portfolio
                .training
                .iter_mut()
                .find(|t| t.topics.is_empty())
                .unwrap();
            general.hours += quarter;
            let reached = hours(minimum).saturating_sub(quarter);
            assert_short(
                &row,
                &portfolio,
                &[(key, format!("{label}: {reached} of {minimum} hours"))],
                "topic training short",
            );
        }
    }
}

#[test]
fn rsc_a_quarter_hour_short_or_a_day_short_of_the_span_is_short() {
    for row in rows() {
        let Some((total, _, about)) = row.rsc else {
            continue;
        };
        let mut portfolio = just_meeting(&row);
        portfolio.rsc[1].hours = portfolio.rsc[1]
            .hours
            .saturating_sub(Hours::from_quarters(1));
        let reached = hours(total).saturating_sub(Hours::from_quarters(1));
        assert_short(
            &row,
            &portfolio,
            &[(
                "rsc.hours",
                format!("RSC: {reached} of {total} hours, over 12 months"),
            )],
            "RSC hours short",
        );

        let mut portfolio = just_meeting(&row);
        portfolio.rsc[1].date = day(2025, 12, 30);
        assert_short(
            &row,
            &portfolio,
            &[(
                "rsc.hours",
                format!("RSC: {total} of {total} hours, over 11 months"),
            )],
            "RSC span short",
        );

        if about > 0.0 {
            let mut portfolio = just_meeting(&row);
            let quarter = Hours::from_quarters(1);
            portfolio.rsc[0].hours = portfolio.rsc[0].hours.saturating_sub(quarter);
            portfolio.rsc[1].hours += quarter;
            let reached = hours(about).saturating_sub(quarter);
            assert_short(
                &row,
                &portfolio,
                &[(
                    "rsc.about_providing",
                    format!("RSC about the RSC you provide: {reached} of {about} hours"),
                )],
                "about-providing short",
            );
        }
    }
}

#[test]
fn rsc_from_a_provider_of_another_category_or_outside_the_window_does_not_count() {
    let row = rows().into_iter().find(|r| r.code == "IFS").unwrap();
    let mut portfolio = just_meeting(&row);
    portfolio.rsc[1].provider_category = Some("IFS".into());
    let r = report(&row, &portfolio);
    assert_eq!(
        r.line("rsc.hours").unwrap().summary,
        "RSC: 12 of 24 hours, over 0 months"
    );
    assert_eq!(
        r.verdict(portfolio.rsc[1].id).unwrap().reasons,
        ["a provider endorsed as IFS does not qualify (endorsed as IFRS, IMHS, IMHM-C does)"]
    );

    let mut portfolio = just_meeting(&row);
    portfolio.rsc[1].provider_category = None;
    portfolio.rsc[1].provider_vetted = true;
    assert!(
        report(&row, &portfolio).eligible,
        "a vetted provider qualifies"
    );

    let mut portfolio = just_meeting(&row);
    portfolio
        .rsc
        .push(session(id(900), day(2022, 6, 1), 10.0, "IFRS", false));
    let r = report(&row, &portfolio);
    assert!(r.eligible);
    assert_eq!(
        r.verdict(id(900)).unwrap().reasons,
        ["it falls outside the 24-month window counted (January 1, 2025 to December 31, 2025)"]
    );
}

#[test]
fn a_duplicate_or_future_entry_does_not_count() {
    let row = rows().into_iter().find(|r| r.code == "IFS").unwrap();
    let mut portfolio = just_meeting(&row);
    let mut copy = portfolio.training[0].clone();
    copy.id = id(800);
    portfolio.training.push(copy);
    let mut future = portfolio.training[0].clone();
    future.id = id(801);
    future.title = "Next year".into();
    future.date = day(2027, 1, 1);
    portfolio.training.push(future);
    let r = report(&row, &portfolio);
    assert_eq!(
        r.line("training.hours").unwrap().summary,
        "Training: 30 of 30 hours"
    );
    assert_eq!(
        r.verdict(id(800)).unwrap().reasons,
        ["it repeats an earlier entry (same title, date and hours)"]
    );
    assert_eq!(
        r.verdict(id(801)).unwrap().reasons,
        ["it is dated in the future"]
    );
}

#[test]
fn references_with_six_unknown_answers_or_older_than_a_year_do_not_count() {
    for row in rows() {
        for (what, change) in [
            (
                "six not-enough-information answers",
                RatingSummary {
                    given_on: day(2026, 1, 15),
                    not_enough_information: 6,
                    withheld: false,
                    imported: false,
                },
            ),
            (
                "a rating 366 days old",
                RatingSummary {
                    given_on: as_of() - chrono::Duration::days(366),
                    not_enough_information: 0,
                    withheld: false,
                    imported: false,
                },
            ),
        ] {
            let mut portfolio = just_meeting(&row);
            portfolio.references[2].rating = Some(change);
            let mut expected = vec![("references.count", "References: 2 of 3 counted".to_string())];
            let rulebook = rulebook();
            let rules = &rulebook.category(row.code).unwrap().references;
            for slot in row.third_fills {
                expected.push((
                    leak(format!("references.slot.{slot}")),
                    format!("{}: missing", rules.required[*slot].label),
                ));
            }
            assert_short(&row, &portfolio, &expected, what);
        }
        // 365 days old still counts.
        let mut portfolio = just_meeting(&row);
        portfolio.references[2].rating = Some(RatingSummary {
            given_on: as_of() - chrono::Duration::days(365),
            not_enough_information: 0,
            withheld: false,
            imported: false,
        });
        assert!(
            report(&row, &portfolio).eligible,
            "{}: a rating exactly a year old counts",
            row.code
        );
    }
}

#[test]
fn without_an_endorsed_rater_the_categories_that_need_one_are_short() {
    for row in rows() {
        let mut portfolio = just_meeting(&row);
        portfolio.references[0].endorsed = false;
        let report = report(&row, &portfolio);
        if row.endorsed_line {
            assert_eq!(
                short(&report),
                vec![(
                    "references.endorsed".to_string(),
                    "Endorsed raters: 0 of 1".to_string()
                )],
                "{}",
                row.code
            );
        } else {
            assert!(report.eligible, "{}", row.code);
        }
    }
}

#[test]
fn only_one_colleague_or_parent_adds_to_a_family_associates_total() {
    let row = rows().into_iter().find(|r| r.code == "IFA").unwrap();
    let mut portfolio = just_meeting(&row);
    portfolio.references[2].relationship = ServiceRecipient;
    let r = report(&row, &portfolio);
    assert_eq!(
        short(&r),
        vec![(
            "references.count".to_string(),
            "References: 2 of 3 counted".to_string()
        )]
    );
    let verdict = r.verdict(portfolio.references[2].id).unwrap();
    assert!(verdict.counts);
    assert_eq!(
        verdict.notes,
        ["only 1 rating from a colleague or a parent or service recipient adds to the total"]
    );
}

#[test]
fn missing_agreements_and_an_unverified_or_expired_membership_are_short() {
    let row = rows().into_iter().find(|r| r.code == "IMHS").unwrap();
    let mut portfolio = just_meeting(&row);
    portfolio
        .agreements
        .retain(|a| a.kind != AgreementKind::NoSanctionAttestation);
    portfolio.memberships[0].verified = false;
    assert_short(
        &row,
        &portfolio,
        &[
            (
                "agreements.no_sanction_attestation",
                "No-sanction attestation: not signed".to_string(),
            ),
            ("membership", "Membership: not current".to_string()),
        ],
        "unsigned and unverified",
    );
    let r = report(&row, &portfolio);
    assert_eq!(
        r.line("membership").unwrap().shortfall.as_deref(),
        Some("Your membership is waiting for the association to verify it; they have been told.")
    );

    let mut portfolio = just_meeting(&row);
    portfolio.memberships[0].expires_on = as_of().pred_opt().unwrap();
    let r = report(&row, &portfolio);
    assert_eq!(
        r.verdict(portfolio.memberships[0].id).unwrap().reasons,
        ["it expired on June 29, 2026"]
    );
    assert!(!r.eligible);
}

#[test]
fn an_empty_portfolio_explains_every_shortfall() {
    for category in &rulebook().categories {
        let report = evaluate(category, &Portfolio::default(), as_of(), Lang::En);
        assert!(!report.eligible);
        assert!(report
            .lines
            .iter()
            .all(|l| !l.met
                || l.key == "education" && category.education.min_level == DegreeLevel::None));
        assert!(report
            .short_lines()
            .all(|l| l.shortfall.as_deref().is_some_and(|s| s.ends_with('.'))));
    }
}

#[test]
fn the_self_check_covers_every_category() {
    let row = rows().into_iter().find(|r| r.code == "IFS").unwrap();
    let reports = self_check(&rulebook(), &just_meeting(&row), as_of(), Lang::En);
    assert_eq!(reports.len(), 14);
    let eligible: Vec<&str> = reports
        .iter()
        .filter(|r| r.eligible)
        .map(|r| r.category.as_str())
        .collect();
    assert_eq!(eligible, ["IFA", "IFS"], "an IFS portfolio also meets IFA");
}

// Property tests: random portfolios over a small world of values.

fn arb_training() -> impl Strategy<Value = Training> {
    (
        0u128..1000,
        0usize..3,
        0u32..40,
        1u32..60,
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(n, title, day_offset, quarters, dei, rsc)| {
            let mut topics = vec![];
            if dei {
                topics.push(TrainingTopic::Dei);
            }
            if rsc {
                topics.push(TrainingTopic::Rsc);
            }
            Entry {
                id: id(n),
                data: TrainingData {
                    title: ["A", "B", "C"][title].into(),
                    provider: "P".into(),
                    date: day(2024, 1, 1) + chrono::Duration::days(i64::from(day_offset) * 20),
                    hours: Hours::from_quarters(quarters),
                    domains: vec![],
                    topics,
                    certificate: None,
                },
            }
        })
}

fn arb_session() -> impl Strategy<Value = RscSession> {
    (
        1000u128..2000,
        0i64..1200,
        1u32..40,
        0usize..3,
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(n, offset, quarters, provider, about, vetted)| Entry {
            id: id(n),
            data: RscData {
                evidence: None,
                date: day(2023, 1, 1) + chrono::Duration::days(offset),
                hours: Hours::from_quarters(quarters),
                format: RscFormat::Individual,
                provider_name: "Dr P".into(),
                provider_category: Some(["IFRS", "IMHS", "IFS"][provider].into()),
                provider_number: None,
                provider_vetted: vetted,
                about_providing: about,
            },
        })
}

fn arb_work() -> impl Strategy<Value = Work> {
    (
        2000u128..3000,
        0i64..3000,
        1i64..1500,
        0usize..5,
        0u32..8,
        prop::bool::ANY,
    )
        .prop_map(|(n, start, length, kind, families, paid)| {
            let start = day(2016, 1, 1) + chrono::Duration::days(start);
            Entry {
                id: id(n),
                data: WorkData {
                    verification: None,
                    employer: "E".into(),
                    position: "P".into(),
                    start,
                    end: Some(start + chrono::Duration::days(length)),
                    hours_per_week: 40,
                    employment: if paid {
                        Employment::Paid
                    } else {
                        Employment::VolunteerSupervised
                    },
                    age_ranges: vec![AgeRange::PrenatalToThree],
                    families_served: families,
                    kinds: vec![
                        [
                            WorkKind::DirectService,
                            WorkKind::DyadicTreatment,
                            WorkKind::ProvidingRsc,
                            WorkKind::PolicyLeadership,
                            WorkKind::TeachingResearch,
                        ][kind],
                    ],
                },
            }
        })
}

fn arb_reference() -> impl Strategy<Value = Reference> {
    (
        3000u128..4000,
        0usize..6,
        prop::bool::ANY,
        0i64..500,
        0u32..9,
        prop::bool::ANY,
    )
        .prop_map(|(n, relationship, endorsed, age, unknown, rated)| Entry {
            id: id(n),
            data: ReferenceData {
                referee_email: format!("r{}@example.org", n % 4),
                relationship: [
                    CurrentSupervisor,
                    RscProvider,
                    OtherSupervisor,
                    Colleague,
                    Supervisee,
                    ServiceRecipient,
                ][relationship],
                endorsed,
                known_since: None,
                rating: rated.then(|| RatingSummary {
                    given_on: as_of() - chrono::Duration::days(age),
                    not_enough_information: unknown,
                    withheld: false,
                    imported: false,
                }),
            },
        })
}

fn arb_portfolio() -> impl Strategy<Value = Portfolio> {
    (
        prop::collection::vec(arb_training(), 0..8),
        prop::collection::vec(arb_session(), 0..12),
        prop::collection::vec(arb_work(), 0..4),
        prop::collection::vec(arb_reference(), 0..5),
        0usize..4,
    )
        .prop_map(
            |(mut training, mut rsc, mut work, mut references, degree)| {
                // Every entry its own id, as the database gives them: two entries
                // drawn with one id would share one verdict.
                let mut next = 10_000u128;
                let mut renumber = |entry_id: &mut EntryId| {
                    next += 1;
                    *entry_id = id(next);
                };
                training.iter_mut().for_each(|e| renumber(&mut e.id));
                rsc.iter_mut().for_each(|e| renumber(&mut e.id));
                work.iter_mut().for_each(|e| renumber(&mut e.id));
                references.iter_mut().for_each(|e| renumber(&mut e.id));
                (training, rsc, work, references, degree)
            },
        )
        .prop_map(|(training, rsc, work, references, degree)| Portfolio {
            education: vec![Entry {
                id: id(5000),
                data: EducationData {
                    credential: Credential::Degree(
                        [
                            DegreeLevel::Cda,
                            DegreeLevel::Bachelor,
                            DegreeLevel::Master,
                            DegreeLevel::None,
                        ][degree],
                    ),
                    field: "F".into(),
                    institution: "I".into(),
                    year: 2015,
                    transcript: None,
                },
            }],
            training,
            rsc,
            work,
            references,
            ..Portfolio::default()
        })
}

#[derive(Debug, Clone)]
enum Extra {
    Training(Training),
    Session(RscSession),
    Work(Work),
    Reference(Reference),
}

fn arb_extra() -> impl Strategy<Value = Extra> {
    prop_oneof![
        arb_training().prop_map(|t| Extra::Training(Entry { id: id(9001), ..t })),
        arb_session().prop_map(|s| Extra::Session(Entry { id: id(9002), ..s })),
        arb_work().prop_map(|w| Extra::Work(Entry { id: id(9003), ..w })),
        arb_reference().prop_map(|r| Extra::Reference(Entry { id: id(9004), ..r })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn adding_a_counted_entry_never_turns_a_met_requirement_short(portfolio in arb_portfolio(), extra in arb_extra(), category in 0usize..14) {
        let rulebook = rulebook();
        let rules = &rulebook.categories[category];
        let before = evaluate(rules, &portfolio, as_of(), Lang::En);
        let mut grown = portfolio.clone();
        let extra_id = match extra {
            Extra::Training(t) => { let id = t.id; grown.training.push(t); id }
            Extra::Session(s) => { let id = s.id; grown.rsc.push(s); id }
            Extra::Work(w) => { let id = w.id; grown.work.push(w); id }
            Extra::Reference(r) => { let id = r.id; grown.references.push(r); id }
        };
        let after = evaluate(rules, &grown, as_of(), Lang::En);
        if after.verdict(extra_id).is_some_and(|v| v.counts) {
            for line in before.lines.iter().filter(|l| l.met) {
                let now = after.line(&line.key).unwrap();
                prop_assert!(now.met, "{} went from met to short: {} -> {}", line.key, line.summary, now.summary);
                prop_assert!(now.reached >= line.reached.min(now.required), "{} fell", line.key);
            }
        }
    }

    #[test]
    fn the_report_does_not_depend_on_entry_order(portfolio in arb_portfolio(), category in 0usize..14, seed in any::<u64>()) {
        let rulebook = rulebook();
        let rules = &rulebook.categories[category];
        let mut shuffled = portfolio.clone();
        let rotate = |n: usize| if n == 0 { 0 } else { (seed as usize) % n };
        let k = rotate(shuffled.training.len()); shuffled.training.rotate_left(k);
        shuffled.training.reverse();
        let k = rotate(shuffled.rsc.len()); shuffled.rsc.rotate_left(k);
        let k = rotate(shuffled.work.len()); shuffled.work.rotate_left(k);
        shuffled.references.reverse();
        prop_assert_eq!(evaluate(rules, &portfolio, as_of(), Lang::En), evaluate(rules, &shuffled, as_of(), Lang::En));
    }
}

// ---------------------------------------------------------------------------
// Renewal and reinstatement, at their boundaries. The figures come from the
// brief: 15 h of training with 1 h DEI (3 h on providing RSC for providers),
// 12 h of RSC for IFS, IFRS, IMHS and IMHM-C, membership, the Code of Ethics
// re-signed; none of the training hours in the first year.

/// A holder's portfolio for a renewal period that began on 31 December 2025:
/// training of `training` hours (of which `dei` on DEI and `rsc_topic` on
/// providing RSC), `rsc` hours of RSC, all dated within it, a current
/// membership and the Code of Ethics signed again.
fn renewing(training_h: f64, dei: f64, rsc_topic: f64, rsc: f64) -> Portfolio {
    let mut portfolio = Portfolio::default();
    let mut n = 1;
    let mut add = |h: f64, topics: Vec<TrainingTopic>, p: &mut Portfolio| {
        if h > 0.0 {
            let mut t = training(id(n), &format!("Course {n}"), h, topics);
            t.data.date = day(2026, 3, 1);
            p.training.push(t);
            n += 1;
        }
    };
    add(training_h - dei - rsc_topic, vec![], &mut portfolio);
    add(dei, vec![TrainingTopic::Dei], &mut portfolio);
    add(rsc_topic, vec![TrainingTopic::Rsc], &mut portfolio);
    if rsc > 0.0 {
        portfolio
            .rsc
            .push(session(id(100), day(2026, 4, 1), rsc, "IMHM-C", false));
    }
    portfolio.memberships.push(Entry {
        id: id(200),
        data: MembershipData {
            card: None,
            association: "State AIMH".into(),
            number: "M-1".into(),
            expires_on: as_of(),
            verified: true,
        },
    });
    portfolio.agreements.push(Entry {
        id: id(300),
        data: AgreementData {
            signed_copy: None,
            kind: AgreementKind::CodeOfEthics,
            signed_name: "Ada Lovelace".into(),
            signed_at: Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap(),
        },
    });
    portfolio
}

fn renewal(
    categories: &[&str],
    first_year: bool,
    provides_rsc: bool,
    portfolio: &Portfolio,
) -> EligibilityReport {
    let categories: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
    let book = rulebook();
    let rules: Vec<&CategoryRules> = categories.iter().filter_map(|c| book.category(c)).collect();
    evaluate_renewal(
        &book.renewal,
        &RenewalInput {
            case: RenewalCase::Renewal { first_year },
            since: day(2025, 12, 31),
            categories: &categories,
            rules: &rules,
            provides_rsc,
        },
        portfolio,
        as_of(),
        Lang::En,
    )
}

#[test]
fn a_renewal_with_every_hour_is_met_and_a_quarter_hour_short_is_not() {
    let full = renewing(15.0, 1.0, 0.0, 12.0);
    let report = renewal(&["IFS"], false, false, &full);
    assert!(report.eligible, "{:?}", short(&report));
    assert_eq!(report.category_name, "Renewal of IFS");

    let report = renewal(&["IFS"], false, false, &renewing(14.75, 1.0, 0.0, 12.0));
    assert_eq!(
        short(&report),
        vec![(
            "training.hours".to_string(),
            "Training: 14.75 of 15 hours".to_string()
        )]
    );
    assert_eq!(
        report.line("training.hours").unwrap().shortfall.as_deref(),
        Some("Record 0.25 more hours of training since your last renewal.")
    );
    let report = renewal(&["IFS"], false, false, &renewing(15.0, 0.75, 0.0, 12.0));
    assert_eq!(short(&report)[0].0, "training.topic.dei");
    let report = renewal(&["IFS"], false, false, &renewing(15.0, 1.0, 0.0, 11.75));
    assert_eq!(short(&report)[0].0, "rsc.hours");
}

#[test]
fn the_first_year_needs_no_training_hours_but_the_rest_still_counts() {
    let report = renewal(&["IFS"], true, true, &renewing(0.0, 0.0, 0.0, 12.0));
    assert!(report.eligible, "{:?}", short(&report));
    assert_eq!(
        report.line("training.hours").unwrap().summary,
        "Training: none due in the first year after the award"
    );
    assert!(report.line("training.topic.dei").is_none());
    // RSC, membership and the Code of Ethics are not waived.
    let report = renewal(&["IFS"], true, false, &renewing(0.0, 0.0, 0.0, 0.0));
    assert_eq!(short(&report)[0].0, "rsc.hours");
}

#[test]
fn rsc_is_asked_only_of_the_categories_that_need_it_and_topic_hours_only_of_providers() {
    let without_rsc = renewing(15.0, 1.0, 0.0, 0.0);
    for code in ["IFA", "IMHM-R", "IMHM-P", "ECFA"] {
        let report = renewal(&[code], false, false, &without_rsc);
        assert!(report.eligible, "{code}: {:?}", short(&report));
        assert!(report.line("rsc.hours").is_none(), "{code}");
    }
    for code in ["IFS", "IFRS", "IMHS", "IMHM-C"] {
        let report = renewal(&[code], false, false, &without_rsc);
        assert_eq!(short(&report)[0].0, "rsc.hours", "{code}");
    }
    // Providers of RSC need 3 h on providing it, within the 15.
    let report = renewal(&["IFA"], false, true, &without_rsc);
    assert_eq!(short(&report)[0].0, "training.topic.rsc");
    let report = renewal(&["IFA"], false, true, &renewing(15.0, 1.0, 3.0, 0.0));
    assert!(report.eligible, "{:?}", short(&report));
}

#[test]
fn several_categories_count_the_hours_once() {
    // 15 hours renew IFA and IMHS together (not 30); RSC is asked once.
    let report = renewal(
        &["IFA", "IMHS"],
        false,
        false,
        &renewing(15.0, 1.0, 0.0, 12.0),
    );
    assert!(report.eligible, "{:?}", short(&report));
    assert_eq!(report.category_name, "Renewal of IFA, IMHS");
    assert_eq!(
        report.lines.iter().filter(|l| l.key == "rsc.hours").count(),
        1
    );
}

#[test]
fn entries_before_the_period_or_an_old_signature_do_not_count() {
    let mut portfolio = renewing(15.0, 1.0, 0.0, 12.0);
    portfolio.training[0].data.date = day(2025, 12, 31);
    portfolio.agreements[0].data.signed_at = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    let report = renewal(&["IFA"], false, false, &portfolio);
    let keys: Vec<String> = short(&report).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["training.hours", "agreements.code_of_ethics"]);
    let verdict = report.verdict(portfolio.training[0].id).unwrap();
    assert!(verdict.reasons[0].contains("before this period"));
    // An expired membership is short too.
    portfolio.memberships[0].data.expires_on = day(2026, 6, 29);
    let report = renewal(&["IFA"], false, false, &portfolio);
    assert!(report.line("membership").is_some_and(|l| !l.met));
}

#[test]
fn renewal_counts_rsc_only_from_a_provider_that_qualifies_as_for_an_application() {
    // 12 hours from an IFRS provider renew an IFS endorsement, not an IMHS
    // one (IMHS asks for an IMHS or IMHM-C provider, as its application did).
    let mut from_ifrs = renewing(15.0, 1.0, 0.0, 0.0);
    from_ifrs
        .rsc
        .push(session(id(100), day(2026, 4, 1), 12.0, "IFRS", false));
    assert!(renewal(&["IFS"], false, false, &from_ifrs).eligible);
    let report = renewal(&["IMHS"], false, false, &from_ifrs);
    assert_eq!(short(&report)[0].0, "rsc.hours");
    let verdict = report.entries.iter().find(|v| v.entry == id(100)).unwrap();
    assert!(!verdict.counts && verdict.reasons[0].contains("does not qualify"));
    // Peer supervision (a provider endorsed in nothing, not vetted) never counts.
    let mut peer = renewing(15.0, 1.0, 0.0, 0.0);
    let mut session = session(id(101), day(2026, 4, 1), 12.0, "IFRS", false);
    session.data.provider_category = None;
    peer.rsc.push(session);
    let report = renewal(&["IFS"], false, false, &peer);
    assert_eq!(short(&report)[0].0, "rsc.hours");
}

#[test]
fn reinstatement_asks_for_membership_work_since_the_lapse_and_three_new_ratings() {
    let lapsed_on = day(2026, 1, 30);
    let rating = |n: u128, given: NaiveDate| crate::portfolio::Reference {
        id: id(n),
        data: ReferenceData {
            referee_email: format!("r{n}@example.org"),
            relationship: Relationship::Colleague,
            endorsed: false,
            known_since: None,
            rating: Some(RatingSummary {
                given_on: given,
                not_enough_information: 0,
                withheld: false,
                imported: false,
            }),
        },
    };
    let mut portfolio = renewing(0.0, 0.0, 0.0, 0.0);
    portfolio.work.push(Entry {
        id: id(400),
        data: WorkData {
            verification: None,
            employer: "Family Center".into(),
            position: "Home visitor".into(),
            start: day(2020, 1, 1),
            end: None,
            hours_per_week: 40,
            employment: Employment::Paid,
            age_ranges: vec![AgeRange::PrenatalToThree],
            families_served: 10,
            kinds: vec![WorkKind::DirectService],
        },
    });
    portfolio.references = vec![
        rating(500, day(2026, 2, 1)),
        rating(501, day(2026, 3, 1)),
        rating(502, lapsed_on),
    ];
    let categories = vec!["IFS".to_string()];
    let book = rulebook();
    let rules: Vec<&CategoryRules> = book.category("IFS").into_iter().collect();
    let check = |portfolio: &Portfolio| {
        evaluate_renewal(
            &book.renewal,
            &RenewalInput {
                case: RenewalCase::Reinstatement { lapsed_on },
                since: lapsed_on,
                categories: &categories,
                rules: &rules,
                provides_rsc: false,
            },
            portfolio,
            as_of(),
            Lang::En,
        )
    };
    let report = check(&portfolio);
    assert_eq!(
        short(&report),
        vec![(
            "references.since_lapse".to_string(),
            "New reference ratings: 2 of 3".to_string()
        )]
    );
    assert_eq!(
        report
            .line("references.since_lapse")
            .unwrap()
            .shortfall
            .as_deref(),
        Some("Ask for 1 more reference rating since the lapse.")
    );
    assert!(
        report.line("training.hours").is_none(),
        "no training, no exam"
    );
    portfolio.references[2]
        .data
        .rating
        .as_mut()
        .unwrap()
        .given_on = day(2026, 1, 31);
    assert!(check(&portfolio).eligible);
    // A rating with 6 "not enough information" answers does not count, as
    // on the references page and for an application.
    portfolio.references[2]
        .data
        .rating
        .as_mut()
        .unwrap()
        .not_enough_information = 6;
    let report = check(&portfolio);
    assert_eq!(short(&report)[0].0, "references.since_lapse");
    let verdict = report.entries.iter().find(|v| v.entry == id(502)).unwrap();
    assert!(!verdict.counts && verdict.reasons[0].contains("not enough information"));
    portfolio.references[2]
        .data
        .rating
        .as_mut()
        .unwrap()
        .not_enough_information = 0;
    // Work that ended before the lapse does not count.
    portfolio.work[0].data.end = Some(day(2026, 1, 30));
    assert_eq!(short(&check(&portfolio))[0].0, "work.since_lapse");
}

#[test]
fn the_checklist_reads_in_spanish_with_the_rulebooks_own_words() {
    let rulebook = rulebook();
    let ifs = rulebook.category("IFS").unwrap();
    let report = evaluate(ifs, &Portfolio::default(), as_of(), Lang::Es);
    let line = |key: &str| report.line(key).unwrap().clone();
    assert_eq!(line("training.hours").label, "Capacitación especializada");
    assert_eq!(
        line("training.hours").shortfall.as_deref(),
        Some("Registre 30 horas más de capacitación especializada.")
    );
    assert_eq!(
        line("work.0.months").label,
        "Trabajo remunerado en prevención o intervención temprana"
    );
    assert!(line("work.0.months")
        .shortfall
        .unwrap()
        .starts_with("Registre 24 meses más de trabajo remunerado"));
    assert_eq!(
        line("rsc.hours").summary,
        "RSC: 0 de 24 horas, a lo largo de 0 meses"
    );
    assert_eq!(
        line("references.count").shortfall.as_deref(),
        Some("Faltan 3 evaluaciones de referencia que cuenten.")
    );
    assert!(line("education")
        .shortfall
        .unwrap()
        .starts_with("Agregue una licenciatura (bachelor’s degree)"));
    // Every line and shortfall of every category is said, none left as a key.
    for category in &rulebook.categories {
        let report = evaluate(category, &Portfolio::default(), as_of(), Lang::Es);
        for l in &report.lines {
            for text in [Some(&l.label), Some(&l.summary), l.shortfall.as_ref()]
                .into_iter()
                .flatten()
            {
                assert!(!text.contains("engine-") && !text.is_empty(), "{text}");
            }
        }
    }
}
