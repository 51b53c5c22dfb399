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

/// How a fee is being settled.
pub struct Settle<'a> {
    /// How.
    pub method: PaymentMethod,
    /// What was received (nothing for a waiver).
    pub amount: endorse_shared::fees::Amount,
    /// In this currency.
    pub currency: &'a str,
    /// The check number, the transfer's reference, Stripe's payment id.
    pub reference: Option<&'a str>,
    /// Why it was waived.
    pub reason: Option<&'a str>,
    /// The day the money came in.
    pub paid_on: NaiveDate,
    /// The Checkout Session an online payment completes.
    pub checkout_session: Option<&'a str>,
}

/// The fee in the log's words: "the processing fee (IFS)", "the renewal
/// fee of AL-IFS-2026-0001".
fn logged(line: &FeeLine) -> String {
    let kind = line.kind.text().say(Lang::En).to_lowercase();
    match &line.number {
        Some(number) => format!("the {kind} of {number}"),
        None => format!("the {kind} ({})", line.category),
    }
}

/// Settles a fee the person owes, in the association's log (about the
/// person, kind `payment`): by `by` (an admin), or by the person paying
/// online. Refused (nothing written) when it is settled already, also when
/// another request settled it a moment ago.
pub fn settle(
    conn: &mut AnyConnection,
    person: &crate::db::users::User,
    line: &FeeLine,
    how: &Settle<'_>,
    by: Option<&crate::db::association_log::By>,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<Result<endorse_shared::ids::PaymentId, ApiError>> {
    use crate::db::association_log::{self, Actor, Subject};
    if line.status != FeeStatus::Due {
        return Ok(Err(already_settled(line)));
    }
    let inserted = payments::insert(
        conn,
        &payments::NewPayment {
            person: person.id,
            fee: &line.key,
            category: &line.category,
            method: how.method,
            amount: how.amount,
            currency: how.currency,
            reference: how.reference,
            reason: how.reason,
            paid_on: how.paid_on,
            recorded_by: by.and_then(|by| by.id.parse().ok()),
            checkout_session: how.checkout_session,
        },
        now,
    );
    let id = match inserted {
        Ok(id) => id,
        Err(DbError::UniqueViolation(_)) => return Ok(Err(already_settled(line))),
        Err(other) => return Err(other),
    };
    let amount = endorse_shared::fees::money(how.amount, how.currency, Lang::En);
    let fee = logged(line);
    let (action, details) = match (how.method, by) {
        (PaymentMethod::Waived, Some(by)) => (
            "fee_waived",
            format!(
                "{} waived {fee} of {}. Reason: {}",
                by.name,
                person.name,
                how.reason.unwrap_or_default()
            ),
        ),
        (PaymentMethod::Card, _) => (
            "payment_online",
            format!(
                "{} paid {fee} online: {amount} (Stripe {}).",
                person.name,
                how.reference.unwrap_or("payment")
            ),
        ),
        (method, by) => (
            "payment_recorded",
            format!(
                "{} recorded {amount} by {} ({}) received on {} for {fee} of {}.",
                by.map_or("An admin", |by| by.name.as_str()),
                method.text().say(Lang::En).to_lowercase(),
                how.reference.unwrap_or_default(),
                how.paid_on,
                person.name
            ),
        ),
    };
    let person_id = person.id.to_string();
    let actor = match by {
        Some(by) => by.actor(),
        None => Actor {
            id: Some(&person_id),
            name: &person.name,
            ip: None,
        },
    };
    association_log::record_about(
        conn,
        actor,
        Some(Subject::of(
            endorse_shared::trail::TrailKind::Payment,
            &person_id,
        )),
        (action, &details),
        now,
    )?;
    Ok(Ok(id))
}

fn already_settled(line: &FeeLine) -> ApiError {
    ApiError::Conflict(Text::new("err-fee-already-settled").with("fee", line.description.as_str()))
}

/// The first fee of `kinds` that holds a step up, as the refusal of that
/// step (409, naming the fee and its amount).
pub fn unpaid(lines: &[FeeLine], kinds: &[FeeKind], lang: Lang) -> Option<ApiError> {
    lines
        .iter()
        .find(|line| line.holds_up() && kinds.contains(&line.kind))
        .map(|line| {
            ApiError::Conflict(
                Text::new("err-fee-unpaid")
                    .with("fee", line.description.as_str())
                    .with(
                        "amount",
                        endorse_shared::fees::money(line.amount, &line.currency, lang),
                    ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use endorse_shared::fees::Amount;

    fn line(key: FeeKey, blocks: bool, status: FeeStatus) -> FeeLine {
        FeeLine {
            kind: key.kind(),
            key,
            category: "IFS".into(),
            application: None,
            number: None,
            description: "Exam fee, Infant Family Specialist".into(),
            amount: Amount::from_hundredths(7500),
            currency: "USD".into(),
            blocks,
            status,
            settlement: None,
        }
    }

    #[test]
    fn only_an_unpaid_blocking_fee_of_the_step_holds_it_up() {
        let application = ApplicationId::from_uuid(uuid::Uuid::nil());
        let exam = FeeKey::Exam(application, 1);
        let held = [line(exam.clone(), true, FeeStatus::Due)];
        let Some(ApiError::Conflict(text)) = unpaid(&held, &[FeeKind::Exam], Lang::En) else {
            panic!("an unpaid exam fee holds scheduling up");
        };
        assert!(
            text.say(Lang::En).contains("$75.00"),
            "{}",
            text.say(Lang::En)
        );
        assert!(unpaid(&held, &[FeeKind::Renewal], Lang::En).is_none());
        for settled in [FeeStatus::Paid, FeeStatus::Waived] {
            assert!(unpaid(
                &[line(exam.clone(), true, settled)],
                &[FeeKind::Exam],
                Lang::En
            )
            .is_none());
        }
        assert!(unpaid(
            &[line(exam, false, FeeStatus::Due)],
            &[FeeKind::Exam],
            Lang::En
        )
        .is_none());
    }
}
