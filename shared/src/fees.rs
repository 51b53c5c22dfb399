//! Fees: what a category's rulebook charges, what a person owes and paid, and
//! how a payment is recorded.
//!
//! A fee is never stored as "owed": what is owed follows from the person's
//! applications and endorsements and the rulebook version each was started
//! under. What is stored is how a fee was settled (a payment, online or
//! offline, or a waiver), one settlement per fee, named by its [`FeeKey`].

use crate::eligibility::{EligibilityReport, RequirementLine, Section, Unit};
use crate::i18n::{Lang, Text};
use crate::ids::ApplicationId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount of money in hundredths of the association's currency
/// (`150.00` is 15000). Written and read as a decimal string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "150.00", pattern = r"^[0-9]{1,7}(\.[0-9]{1,2})?$"))]
pub struct Amount(i64);

/// The largest fee a rulebook may name (one million, less a cent).
pub const MAX_AMOUNT: Amount = Amount(99_999_999);

impl Amount {
    /// The amount of so many hundredths.
    pub const fn from_hundredths(hundredths: i64) -> Self {
        Self(hundredths)
    }

    /// Its hundredths (cents for the dollar and the euro).
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Whether it is nothing.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The sum of two amounts.
    pub const fn plus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl FromStr for Amount {
    type Err = &'static str;

    /// `150`, `150.5` and `150.50` are the same amount; no sign, no more than
    /// two decimals, no more than [`MAX_AMOUNT`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const RULE: &str = "an amount is written like 150 or 150.00";
        let (whole, fraction) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 7 || !digits(whole) || fraction.len() > 2 {
            return Err(RULE);
        }
        if !digits(fraction) || (s.contains('.') && fraction.is_empty()) {
            return Err(RULE);
        }
        let whole: i64 = whole.parse().map_err(|_| RULE)?;
        let fraction: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| RULE)? * 10,
            _ => fraction.parse().map_err(|_| RULE)?,
        };
        let amount = Amount(whole * 100 + fraction);
        if amount > MAX_AMOUNT {
            return Err(RULE);
        }
        Ok(amount)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// From a string (`"150.00"`) or, as a rulebook author may write it, a
    /// whole number (`150`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Whole(u32),
        }
        match Written::deserialize(deserializer)? {
            Written::Text(text) => text.parse().map_err(serde::de::Error::custom),
            Written::Whole(whole) => whole.to_string().parse().map_err(serde::de::Error::custom),
        }
    }
}

/// An amount in a currency, as people read it: `$150.00`, `€75.00`,
/// `CHF 20.00`.
pub fn money(amount: Amount, currency: &str, _lang: Lang) -> String {
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        _ => "",
    };
    let text = amount.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, whole) = whole
        .strip_prefix('-')
        .map_or(("", whole), |rest| ("-", rest));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if symbol.is_empty() {
        format!("{sign}{currency} {grouped}.{fraction}")
    } else {
        format!("{sign}{symbol}{grouped}.{fraction}")
    }
}

/// One fee of a category's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The amount, in the association's currency.
    pub amount: Amount,
    /// Whether the step waits until the fee is paid or waived (submission
    /// for the registration and processing fees, scheduling for the exam's,
    /// the submission of a renewal or reinstatement for theirs).
    #[serde(default)]
    pub blocks: bool,
}

/// What a category charges, fee by fee (none where a fee is not named).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeeSchedule {
    /// Due once a person opens their first application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Fee>,
    /// Due at submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<Fee>,
    /// Due for each sitting of the exam.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam: Option<Fee>,
    /// Due with each renewal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Fee>,
    /// Due to reinstate a lapsed endorsement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reinstatement: Option<Fee>,
}

impl FeeSchedule {
    /// Whether it charges nothing.
    pub fn is_empty(&self) -> bool {
        FeeKind::ALL.iter().all(|kind| self.get(*kind).is_none())
    }

    /// The fee of one kind, if the schedule names it.
    pub fn get(&self, kind: FeeKind) -> Option<&Fee> {
        match kind {
            FeeKind::Registration => self.registration.as_ref(),
            FeeKind::Processing => self.processing.as_ref(),
            FeeKind::Exam => self.exam.as_ref(),
            FeeKind::Renewal => self.renewal.as_ref(),
            FeeKind::Reinstatement => self.reinstatement.as_ref(),
        }
    }
}

/// The kinds of fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Once, when a person opens their first application.
    Registration,
    /// At submission.
    Processing,
    /// For each sitting of the exam.
    Exam,
    /// With each renewal.
    Renewal,
    /// To reinstate a lapsed endorsement.
    Reinstatement,
}

impl FeeKind {
    /// Every kind, in the order of the process.
    pub const ALL: [FeeKind; 5] = [
        FeeKind::Registration,
        FeeKind::Processing,
        FeeKind::Exam,
        FeeKind::Renewal,
        FeeKind::Reinstatement,
    ];

    /// The name in storage and in keys.
    pub const fn as_str(self) -> &'static str {
        match self {
            FeeKind::Registration => "registration",
            FeeKind::Processing => "processing",
            FeeKind::Exam => "exam",
            FeeKind::Renewal => "renewal",
            FeeKind::Reinstatement => "reinstatement",
        }
    }

    /// The kind a stored name names.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

crate::texts!(FeeKind {
    Registration => "fee-registration",
    Processing => "fee-processing",
    Exam => "fee-exam",
    Renewal => "fee-renewal",
    Reinstatement => "fee-reinstatement",
});

/// Which fee, exactly: each is owed once.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeeKey {
    /// The person's registration.
    Registration,
    /// The processing of one application.
    Processing(ApplicationId),
    /// One sitting (1, 2, …) of an application's exam.
    Exam(ApplicationId, u32),
    /// The renewal of one endorsement for the due date it renews.
    Renewal(String, NaiveDate),
    /// The reinstatement of one endorsement after the day it lapsed.
    Reinstatement(String, NaiveDate),
}

impl FeeKey {
    /// Its kind.
    pub const fn kind(&self) -> FeeKind {
        match self {
            FeeKey::Registration => FeeKind::Registration,
            FeeKey::Processing(_) => FeeKind::Processing,
            FeeKey::Exam(..) => FeeKind::Exam,
            FeeKey::Renewal(..) => FeeKind::Renewal,
            FeeKey::Reinstatement(..) => FeeKind::Reinstatement,
        }
    }
}

impl fmt::Display for FeeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeeKey::Registration => f.write_str("registration"),
            FeeKey::Processing(application) => write!(f, "processing:{application}"),
            FeeKey::Exam(application, sitting) => write!(f, "exam:{application}:{sitting}"),
            FeeKey::Renewal(number, due) => write!(f, "renewal:{number}:{due}"),
            FeeKey::Reinstatement(number, lapsed) => write!(f, "reinstatement:{number}:{lapsed}"),
        }
    }
}

impl FromStr for FeeKey {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let mut parts = s.split(':');
        let key = match (parts.next(), parts.next(), parts.next()) {
            (Some("registration"), None, None) => FeeKey::Registration,
            (Some("processing"), Some(id), None) => FeeKey::Processing(id.parse().map_err(|_| ())?),
            (Some("exam"), Some(id), Some(sitting)) => FeeKey::Exam(
                id.parse().map_err(|_| ())?,
                sitting.parse().ok().filter(|n| *n > 0).ok_or(())?,
            ),
            (Some("renewal"), Some(number), Some(day)) if valid_number(number) => {
                FeeKey::Renewal(number.to_string(), day.parse().map_err(|_| ())?)
            }
            (Some("reinstatement"), Some(number), Some(day)) if valid_number(number) => {
                FeeKey::Reinstatement(number.to_string(), day.parse().map_err(|_| ())?)
            }
            _ => return Err(()),
        };
        match parts.next() {
            None => Ok(key),
            Some(_) => Err(()),
        }
    }
}

fn valid_number(number: &str) -> bool {
    (1..=60).contains(&number.len())
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl Serialize for FeeKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FeeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|()| serde::de::Error::custom(format!("'{text}' names no fee")))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for FeeKey {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "Which fee: `registration`, `processing:<application>`, `exam:<application>:<sitting>`, `renewal:<number>:<due date>` or `reinstatement:<number>:<lapse date>`",
            ))
            .examples([serde_json::json!("processing:0190a8c2-6f1e-7c4a-9d1e-1a2b3c4d5e6f")])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for FeeKey {}

/// How a fee was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// By card, online (Stripe Checkout).
    Card,
    /// By check.
    Check,
    /// By bank transfer.
    BankTransfer,
    /// In cash.
    Cash,
    /// Not paid: an admin waived it.
    Waived,
}

impl PaymentMethod {
    /// Every method.
    pub const ALL: [PaymentMethod; 5] = [
        PaymentMethod::Card,
        PaymentMethod::Check,
        PaymentMethod::BankTransfer,
        PaymentMethod::Cash,
        PaymentMethod::Waived,
    ];

    /// The name in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::Check => "check",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::Cash => "cash",
            PaymentMethod::Waived => "waived",
        }
    }

    /// The method a stored name names.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == s)
    }
}

crate::texts!(PaymentMethod {
    Card => "payment-card",
    Check => "payment-check",
    BankTransfer => "payment-bank-transfer",
    Cash => "payment-cash",
    Waived => "payment-waived",
});

/// The ways an admin records a payment made outside Endorse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfflineMethod {
    /// By check.
    Check,
    /// By bank transfer.
    BankTransfer,
    /// In cash.
    Cash,
}

impl From<OfflineMethod> for PaymentMethod {
    fn from(method: OfflineMethod) -> Self {
        match method {
            OfflineMethod::Check => PaymentMethod::Check,
            OfflineMethod::BankTransfer => PaymentMethod::BankTransfer,
            OfflineMethod::Cash => PaymentMethod::Cash,
        }
    }
}

/// Whether a fee is still owed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeStatus {
    /// Owed.
    Due,
    /// Paid.
    Paid,
    /// Waived by an admin.
    Waived,
}

crate::texts!(FeeStatus {
    Due => "fee-status-due",
    Paid => "fee-status-paid",
    Waived => "fee-status-waived",
});

/// How a fee was settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settlement {
    /// The payment's id (its receipt's address).
    pub id: crate::ids::PaymentId,
    /// How.
    pub method: PaymentMethod,
    /// What was received (nothing for a waiver).
    pub amount: Amount,
    /// In this currency.
    pub currency: String,
    /// The check number, the transfer's reference, Stripe's payment id.
    pub reference: Option<String>,
    /// Why it was waived.
    pub reason: Option<String>,
    /// The day the money was received (or the fee waived).
    pub paid_on: NaiveDate,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (none for an online payment).
    pub recorded_by: Option<String>,
    /// The receipt's number, for a payment.
    pub receipt_number: Option<String>,
}

/// One fee a person owes or owed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeLine {
    /// Which fee (send it back to pay it, record it or waive it).
    pub key: FeeKey,
    /// Its kind.
    pub kind: FeeKind,
    /// The category whose schedule names it.
    pub category: String,
    /// The application it is for, if any.
    pub application: Option<ApplicationId>,
    /// The endorsement it is for (renewal, reinstatement).
    pub number: Option<String>,
    /// What it is, in the reader's language ("Processing fee, Infant Family
    /// Specialist").
    pub description: String,
    /// The amount owed.
    pub amount: Amount,
    /// In the association's currency.
    pub currency: String,
    /// Whether a step waits on it (see [`Fee::blocks`]).
    pub blocks: bool,
    /// Owed, paid or waived.
    pub status: FeeStatus,
    /// How it was settled, once it is.
    pub settlement: Option<Settlement>,
}

impl FeeLine {
    /// Whether it still holds a step up.
    pub fn holds_up(&self) -> bool {
        self.blocks && self.status == FeeStatus::Due
    }

    /// What the checklist says of a fee that holds up submission.
    pub fn checklist_text(&self, lang: Lang) -> String {
        Text::new("fee-checklist-line")
            .with("fee", self.description.as_str())
            .with("amount", money(self.amount, &self.currency, lang))
            .say(lang)
    }
}

/// Adds a short line to the checklist for each fee that holds up
/// submission (registration, processing), so the checklist, the submit
/// button and the submission itself count it like any requirement.
pub fn add_to_report(report: &mut EligibilityReport, lines: &[FeeLine], lang: Lang) {
    for line in lines.iter().filter(|line| {
        line.holds_up() && matches!(line.kind, FeeKind::Registration | FeeKind::Processing)
    }) {
        report.lines.push(RequirementLine {
            key: format!("fees.{}", line.kind.as_str()),
            section: Section::Fees,
            label: line.description.clone(),
            met: false,
            reached: 0,
            required: 1,
            unit: Unit::Done,
            summary: line.checklist_text(lang),
            shortfall: Some(Text::new("fee-checklist-shortfall").say(lang)),
        });
        report.eligible = false;
    }
}

/// What a person owes and paid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeesResponse {
    /// Every fee, owed ones first.
    pub fees: Vec<FeeLine>,
    /// Whether paying online is offered.
    pub online: bool,
}

/// An admin's record of a payment made outside Endorse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordPaymentRequest {
    /// Which fee.
    pub fee: FeeKey,
    /// Check, bank transfer or cash.
    pub method: OfflineMethod,
    /// What was received: it must be the fee's amount.
    pub amount: Amount,
    /// The check number or the transfer's reference.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub reference: String,
    /// The day it was received (not after today).
    pub paid_on: NaiveDate,
}

/// An admin's waiver of a fee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaiveFeeRequest {
    /// Which fee.
    pub fee: FeeKey,
    /// Why it is waived.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

impl RecordPaymentRequest {
    /// What is wrong with it, by field, on `today`.
    pub fn problems(&self, today: NaiveDate) -> crate::entries::FieldErrors {
        let mut errors = crate::entries::FieldErrors::new();
        line_of_text(&mut errors, "reference", &self.reference, 100);
        if self.paid_on > today {
            errors
                .entry("paid_on".into())
                .or_default()
                .push(Text::new("field-future"));
        }
        if self.amount.is_zero() {
            errors
                .entry("amount".into())
                .or_default()
                .push(Text::new("field-positive"));
        }
        errors
    }
}

impl WaiveFeeRequest {
    /// What is wrong with it, by field.
    pub fn problems(&self) -> crate::entries::FieldErrors {
        let mut errors = crate::entries::FieldErrors::new();
        line_of_text(&mut errors, "reason", &self.reason, 500);
        errors
    }
}

/// A field that must be a line of text of at most `max` characters.
fn line_of_text(errors: &mut crate::entries::FieldErrors, field: &str, text: &str, max: usize) {
    let message = if text.trim().is_empty() {
        Text::new("field-blank")
    } else if text.chars().count() > max {
        Text::new("field-too-long").with("max", max)
    } else if text.chars().any(char::is_control) {
        Text::new("field-control-chars")
    } else {
        return;
    };
    errors.entry(field.into()).or_default().push(message);
}

/// The applicant's wish to pay a fee online.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckoutRequest {
    /// Which fee.
    pub fee: FeeKey,
}

/// Where to send the applicant to pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutResponse {
    /// The payment page (Stripe Checkout).
    pub url: String,
}

/// Query of the payments page (`GET /api/v1/payments`, and its CSV).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, validator::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PaymentsQuery {
    /// Received on or after this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Only fees of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FeeKind>,
    /// Older than this one (the `next` of the page before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", param(min_length = 1, max_length = 100))]
    pub before: Option<String>,
    /// Payments per page, 1 to 200 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 200))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
}

/// One settled fee, as the treasurer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentRecord {
    /// Whose fee.
    pub person: crate::ids::UserId,
    /// Their name.
    pub person_name: String,
    /// Which fee.
    pub fee: FeeKey,
    /// Its kind.
    pub kind: FeeKind,
    /// The category whose schedule named it.
    pub category: String,
    /// How it was settled.
    pub settlement: Settlement,
}

/// One total: a kind of fee, a way of paying, a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentTotal {
    /// The month (its first day).
    pub month: NaiveDate,
    /// The kind of fee.
    pub kind: FeeKind,
    /// How.
    pub method: PaymentMethod,
    /// The currency.
    pub currency: String,
    /// How many.
    pub count: u64,
    /// Their sum.
    pub amount: Amount,
}

/// The payments page: totals over the whole period, and a page of payments,
/// newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentsPage {
    /// Totals by month, kind and method, oldest month first.
    pub totals: Vec<PaymentTotal>,
    /// The payments of this page.
    pub payments: Vec<PaymentRecord>,
    /// Where the next page starts (its `before`), when there is one.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_and_write_as_decimals() {
        for (text, hundredths) in [
            ("150", 15000),
            ("150.5", 15050),
            ("150.05", 15005),
            ("0.99", 99),
        ] {
            assert_eq!(text.parse::<Amount>(), Ok(Amount(hundredths)), "{text}");
        }
        assert_eq!(Amount(15000).to_string(), "150.00");
        assert_eq!(Amount(5).to_string(), "0.05");
        for bad in [
            "", "-1", "1.", ".5", "1.234", "1,00", "1e3", "12345678", "１",
        ] {
            assert!(bad.parse::<Amount>().is_err(), "{bad}");
        }
        let read: Amount = serde_json::from_str("\"25.00\"").unwrap();
        assert_eq!(read, Amount(2500));
        let whole: Amount = serde_json::from_str("25").unwrap();
        assert_eq!(whole, Amount(2500));
        assert!(serde_json::from_str::<Amount>("25.5").is_err());
        assert_eq!(serde_json::to_string(&Amount(2500)).unwrap(), "\"25.00\"");
    }

    #[test]
    fn money_reads_with_its_currency() {
        assert_eq!(money(Amount(123456), "USD", Lang::En), "$1,234.56");
        assert_eq!(money(Amount(7500), "EUR", Lang::Es), "€75.00");
        assert_eq!(money(Amount(2000), "CHF", Lang::En), "CHF 20.00");
    }

    #[test]
    fn keys_name_one_fee_and_read_back() {
        let application: ApplicationId = "0190a8c2-6f1e-7c4a-9d1e-1a2b3c4d5e6f".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        for key in [
            FeeKey::Registration,
            FeeKey::Processing(application),
            FeeKey::Exam(application, 2),
            FeeKey::Renewal("AL-IFS-2026-0001".into(), day),
            FeeKey::Reinstatement("AL-IFS-2026-0001".into(), day),
        ] {
            assert_eq!(key.to_string().parse::<FeeKey>(), Ok(key.clone()));
        }
        for bad in [
            "",
            "registration:x",
            "processing",
            "processing:nope",
            "exam:0190a8c2-6f1e-7c4a-9d1e-1a2b3c4d5e6f:0",
            "renewal:AL IFS:2027-12-31",
            "renewal:AL-IFS:2027-13-31",
            "gift:1",
        ] {
            assert!(bad.parse::<FeeKey>().is_err(), "{bad}");
        }
    }
}
