//! What a person owes, worked out from what they have begun: the
//! registration fee once they open an application, its processing fee, a fee
//! for each sitting of its exam, and the renewal or reinstatement fee of each
//! endorsement whose window is open. Each amount comes from the rulebook
//! version the application was started under (renewals: the current one).
//! Settlements (payments and waivers) are the only thing stored; a fee with
//! one is paid or waived, and a settled fee no longer owed (a withdrawn
//! application's) still shows, as history.

use super::renewal::plan;
use crate::calendar::Calendar;
use crate::db::applications::{self, Application};
use crate::db::payments::{self, Payment};
use crate::db::{endorsements, exams, rulebooks, AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use chrono::NaiveDate;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::fees::{Fee, FeeKey, FeeKind, FeeLine, FeeStatus, PaymentMethod};
use endorse_shared::i18n::{Lang, Text};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{ApplicationId, UserId};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// A fee someone owes, before its settlement is looked up.
struct Owed {
    key: FeeKey,
    category: String,
    category_name: String,
    application: Option<ApplicationId>,
    fee: Fee,
}

/// Reads rulebook versions once each.
#[derive(Default)]
pub struct Rulebooks {
    versions: HashMap<i64, Rulebook>,
    current: Option<Rulebook>,
}

impl Rulebooks {
    fn version(&mut self, conn: &mut AnyConnection, number: i64) -> DbResult<&Rulebook> {
        Ok(match self.versions.entry(number) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                rulebooks::get(conn, number)?
                    .ok_or(DbError::NotFound)?
                    .rulebook,
            ),
        })
    }

    fn current(&mut self, conn: &mut AnyConnection) -> DbResult<&Rulebook> {
        Ok(match &mut self.current {
            Some(current) => current,
            empty => empty.insert(rulebooks::current(conn)?.rulebook),
        })
    }
}

/// The sitting of the exam an application's fee is for now, if one is due:
/// the open attempt's, else the one after the last decided.
fn sitting(conn: &mut AnyConnection, application: &Application) -> DbResult<Option<u32>> {
    if !matches!(
        application.status,
        ApplicationStatus::ApprovedForExam
            | ApplicationStatus::ExamScheduled
            | ApplicationStatus::ExamFailed
    ) {
        return Ok(None);
    }
    let attempt = match exams::latest(conn, application.id)? {
        None => 1,
        Some(exam) if exam.result.is_none() => exam.attempt,
        Some(exam) => exam.attempt + 1,
    };
    Ok(u32::try_from(attempt).ok())
}

/// What an application makes owed (nothing once withdrawn).
fn owed_for(
    conn: &mut AnyConnection,
    application: &Application,
    rulebooks: &mut Rulebooks,
    lang: Lang,
) -> DbResult<Vec<Owed>> {
    if application.status == ApplicationStatus::Withdrawn {
        return Ok(Vec::new());
    }
    let sitting = sitting(conn, application)?;
    let rulebook = rulebooks.version(conn, application.rulebook_version)?;
    let Some(rules) = rulebook.category(&application.category) else {
        return Ok(Vec::new());
    };
    let mut owed = Vec::new();
    let mut add = |key: FeeKey, fee: Option<&Fee>| {
        if let Some(fee) = fee {
            owed.push(Owed {
                key,
                category: rules.code.clone(),
                category_name: rules.name.get(lang).to_string(),
                application: Some(application.id),
                fee: fee.clone(),
            });
        }
    };
    add(FeeKey::Registration, rules.fees.registration.as_ref());
    add(
        FeeKey::Processing(application.id),
        rules.fees.processing.as_ref(),
    );
    if let (Some(sitting), Some(_)) = (sitting, &rules.exam) {
        add(
            FeeKey::Exam(application.id, sitting),
            rules.fees.exam.as_ref(),
        );
    }
    Ok(owed)
}

/// The line of one fee, settled or not.
fn line(owed: Owed, settled: Option<&Payment>, currency: &str, lang: Lang) -> FeeLine {
    let kind = owed.key.kind();
    let description = describe(&owed.key, &owed.category_name, lang);
    let status = match settled.map(|p| p.settlement.method) {
        None => FeeStatus::Due,
        Some(PaymentMethod::Waived) => FeeStatus::Waived,
        Some(_) => FeeStatus::Paid,
    };
    FeeLine {
        number: match &owed.key {
            FeeKey::Renewal(number, _) | FeeKey::Reinstatement(number, _) => Some(number.clone()),
            _ => None,
        },
        key: owed.key,
        kind,
        category: owed.category,
        application: owed.application,
        description,
        amount: owed.fee.amount,
        currency: currency.to_string(),
        blocks: owed.fee.blocks,
        status,
        settlement: settled.map(|p| p.settlement.clone()),
    }
}

/// "Processing fee, Infant Family Specialist"; "Exam fee, … (sitting 2)";
/// "Renewal fee, AL-IFS-2026-0001".
pub fn describe(key: &FeeKey, category_name: &str, lang: Lang) -> String {
    let fee = key.kind().text();
    match key {
        FeeKey::Exam(_, sitting) if *sitting > 1 => Text::new("fee-description-sitting")
            .with("fee", fee)
            .with("category", category_name)
            .with("sitting", *sitting),
        FeeKey::Renewal(number, _) | FeeKey::Reinstatement(number, _) => {
            Text::new("fee-description-number")
                .with("fee", fee)
                .with("number", number.as_str())
        }
        _ => Text::new("fee-description")
            .with("fee", fee)
            .with("category", category_name),
    }
    .say(lang)
}

/// Turns what is owed and what was settled into lines: owed ones first (the
/// oldest first), then the settled history no longer owed.
fn lines(
    owed: Vec<Owed>,
    settled: &[Payment],
    rulebook: &Rulebook,
    currency: &str,
    lang: Lang,
) -> Vec<FeeLine> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<FeeLine> = owed
        .into_iter()
        .filter(|owed| seen.insert(owed.key.clone()))
        .map(|owed| {
            let payment = settled.iter().find(|p| p.fee == owed.key);
            line(owed, payment, currency, lang)
        })
        .collect();
    for payment in settled.iter().filter(|p| !seen.contains(&p.fee)) {
        let category_name = rulebook.category(&payment.category).map_or_else(
            || payment.category.clone(),
            |c| c.name.get(lang).to_string(),
        );
        let application = match &payment.fee {
            FeeKey::Processing(id) | FeeKey::Exam(id, _) => Some(*id),
            _ => None,
        };
        let owed = Owed {
            key: payment.fee.clone(),
            category: payment.category.clone(),
            category_name,
            application,
            fee: Fee {
                amount: payment.settlement.amount,
                blocks: false,
            },
        };
        let mut settled_line = line(owed, Some(payment), &payment.settlement.currency, lang);
        if payment.settlement.method == PaymentMethod::Waived {
            settled_line.amount = endorse_shared::fees::Amount::default();
        }
        out.push(settled_line);
    }
    out.sort_by_key(|l| l.status != FeeStatus::Due);
    out
}

/// Everything the person owes and settled.
pub fn of_person(
    conn: &mut AnyConnection,
    person: UserId,
    currency: &str,
    today: NaiveDate,
    calendar: Calendar,
) -> DbResult<Vec<FeeLine>> {
    let lang = crate::locale::current();
    let mut rulebooks = Rulebooks::default();
    let mut owed = Vec::new();
    let mut mine = applications::list_for(conn, person)?;
    // Oldest first: the registration fee is the first application's.
    mine.reverse();
    for application in &mine {
        owed.extend(owed_for(conn, application, &mut rulebooks, lang)?);
    }
    let current = rulebooks.current(conn)?.clone();
    let renewal = plan(
        endorsements::for_holder(conn, person)?,
        &current,
        today,
        calendar,
    );
    for endorsement in &renewal.covers {
        let Some(rules) = current.category(&endorsement.category) else {
            continue;
        };
        let (key, fee) =
            if endorsement.status == endorse_shared::endorsements::EndorsementStatus::Lapsed {
                let lapsed = endorsement
                    .lapsed_at
                    .map_or(endorsement.renewal_due, |at| calendar.day_of(at));
                (
                    FeeKey::Reinstatement(endorsement.number.clone(), lapsed),
                    rules.fees.reinstatement.as_ref(),
                )
            } else {
                (
                    FeeKey::Renewal(endorsement.number.clone(), endorsement.renewal_due),
                    rules.fees.renewal.as_ref(),
                )
            };
        if let Some(fee) = fee {
            owed.push(Owed {
                key,
                category: rules.code.clone(),
                category_name: rules.name.get(lang).to_string(),
                application: None,
                fee: fee.clone(),
            });
        }
    }
    let settled = payments::for_person(conn, person)?;
    Ok(lines(owed, &settled, &current, currency, lang))
}

/// The fees of one application: the person's registration (where its
/// category charges one), its processing, its exam's sittings.
pub fn of_application(
    conn: &mut AnyConnection,
    application: &Application,
    currency: &str,
    rulebooks: &mut Rulebooks,
    settled: &[Payment],
) -> DbResult<Vec<FeeLine>> {
    let lang = crate::locale::current();
    let owed = owed_for(conn, application, rulebooks, lang)?;
    let rulebook = rulebooks.version(conn, application.rulebook_version)?;
    let own: Vec<Payment> = settled
        .iter()
        .filter(|p| match &p.fee {
            FeeKey::Processing(id) | FeeKey::Exam(id, _) => *id == application.id,
            FeeKey::Registration => owed.iter().any(|o| o.key == FeeKey::Registration),
            _ => false,
        })
        .cloned()
        .collect();
    Ok(lines(owed, &own, rulebook, currency, lang))
}

/// The fee `key` of `person` as it stands, if they owe or owed it.
pub fn find(
    conn: &mut AnyConnection,
    person: UserId,
    key: &FeeKey,
    currency: &str,
    today: NaiveDate,
    calendar: Calendar,
) -> DbResult<Option<FeeLine>> {
    Ok(of_person(conn, person, currency, today, calendar)?
        .into_iter()
        .find(|line| &line.key == key))
}

/// The fees of `kinds` that hold a step up, as a refusal naming each
/// (`fees.processing`: "Processing fee, …: $150.00 to pay …").
pub fn refuse_while_unpaid(lines: &[FeeLine], kinds: &[FeeKind], lang: Lang) -> Option<ApiError> {
    let errors: std::collections::BTreeMap<String, Vec<Text>> = lines
        .iter()
        .filter(|line| line.holds_up() && kinds.contains(&line.kind))
        .map(|line| {
            (
                format!("fees.{}", line.kind.as_str()),
                vec![Text::plain(line.checklist_text(lang))],
            )
        })
        .collect();
    (!errors.is_empty()).then_some(ApiError::Validation(errors))
}
