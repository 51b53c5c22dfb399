//! Stripe, as Endorse uses it: Checkout Sessions made over Stripe's HTTP API
//! (`POST /v1/checkout/sessions`, form-encoded, the secret key as a bearer
//! token, an idempotency key per attempt), and the webhook's events, believed
//! only with a valid `Stripe-Signature`: `t=<unix time>,v1=<hex>` where each
//! `v1` is HMAC-SHA256 of `"<t>.<raw body>"` under the endpoint's signing
//! secret, and `t` within a tolerance of now.
//!
//! Nothing here touches the database; `routes::payments` records what the
//! events say.

use crate::config::StripeSettings;
use endorse_shared::fees::Amount;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use std::time::Duration;

/// How far an event's signed time may be from now (Stripe's own default).
pub const TOLERANCE_SECONDS: i64 = 300;

/// Currencies Stripe counts in whole units (no cents).
const ZERO_DECIMAL: [&str; 16] = [
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];

/// An amount in Stripe's smallest unit of `currency`: cents for most, whole
/// units for the zero-decimal currencies (none when an amount of those has
/// cents).
pub fn unit_amount(amount: Amount, currency: &str) -> Option<i64> {
    if ZERO_DECIMAL.contains(&currency.to_ascii_uppercase().as_str()) {
        (amount.hundredths() % 100 == 0).then_some(amount.hundredths() / 100)
    } else {
        Some(amount.hundredths())
    }
}

/// What went wrong talking to Stripe.
#[derive(Debug, thiserror::Error)]
pub enum StripeError {
    /// Stripe could not be reached, or did not answer in time.
    #[error("Stripe could not be reached: {0}")]
    Unreachable(String),
    /// Stripe refused the request.
    #[error("Stripe refused the request ({status}): {message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// Stripe's message.
        message: String,
    },
    /// The amount cannot be charged in this currency.
    #[error("{0} cannot be charged in {1}")]
    Amount(Amount, String),
}

/// A Checkout Session to make.
pub struct NewCheckout<'a> {
    /// What is charged.
    pub amount: Amount,
    /// In this currency (ISO 4217).
    pub currency: &'a str,
    /// The line the payer sees ("Processing fee, Infant Family Specialist").
    pub description: &'a str,
    /// Where Stripe sends the payer after paying.
    pub success_url: &'a str,
    /// Where Stripe sends the payer who gives up.
    pub cancel_url: &'a str,
    /// The payer's address, filled in on the payment page.
    pub customer_email: &'a str,
    /// The payer's account.
    pub client_reference_id: &'a str,
    /// What Endorse reads back from the event.
    pub metadata: &'a [(&'a str, &'a str)],
    /// One key per attempt: a retried request makes no second session.
    pub idempotency_key: &'a str,
}

/// A Checkout Session Stripe made.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CheckoutSession {
    /// Its id (`cs_…`).
    pub id: String,
    /// The payment page.
    pub url: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: String,
}

/// Stripe's API, with the deployment's key.
#[derive(Clone)]
pub struct Stripe {
    settings: StripeSettings,
    client: reqwest::Client,
}

impl std::fmt::Debug for Stripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stripe")
            .field("api_base", &self.settings.api_base)
            .finish_non_exhaustive()
    }
}

impl Stripe {
    /// A client of the API the settings name.
    pub fn new(settings: StripeSettings) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        Ok(Self { settings, client })
    }

    /// The webhook endpoint's signing secret.
    pub fn webhook_secret(&self) -> &[u8] {
        self.settings.webhook_secret.expose()
    }

    /// Makes a Checkout Session of one line, paid once ("payment" mode).
    pub async fn create_checkout(
        &self,
        new: &NewCheckout<'_>,
    ) -> Result<CheckoutSession, StripeError> {
        let unit = unit_amount(new.amount, new.currency)
            .ok_or_else(|| StripeError::Amount(new.amount, new.currency.to_string()))?;
        let mut form: Vec<(String, String)> = vec![
            ("mode".into(), "payment".into()),
            ("success_url".into(), new.success_url.into()),
            ("cancel_url".into(), new.cancel_url.into()),
            ("customer_email".into(), new.customer_email.into()),
            ("client_reference_id".into(), new.client_reference_id.into()),
            ("line_items[0][quantity]".into(), "1".into()),
            (
                "line_items[0][price_data][currency]".into(),
                new.currency.to_ascii_lowercase(),
            ),
            (
                "line_items[0][price_data][unit_amount]".into(),
                unit.to_string(),
            ),
            (
                "line_items[0][price_data][product_data][name]".into(),
                new.description.into(),
            ),
        ];
        for (key, value) in new.metadata {
            form.push((format!("metadata[{key}]"), (*value).to_string()));
            form.push((
                format!("payment_intent_data[metadata][{key}]"),
                (*value).to_string(),
            ));
        }
        let secret = String::from_utf8_lossy(self.settings.secret_key.expose()).to_string();
        let response = self
            .client
            .post(format!("{}/v1/checkout/sessions", self.settings.api_base))
            .bearer_auth(secret)
            .header("Idempotency-Key", new.idempotency_key)
            .form(&form)
            .send()
            .await
            .map_err(|e| StripeError::Unreachable(e.without_url().to_string()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| StripeError::Unreachable(e.without_url().to_string()))?;
        if !status.is_success() {
            let message = serde_json::from_slice::<ErrorBody>(&body)
                .map(|b| b.error.message)
                .unwrap_or_else(|_| String::from_utf8_lossy(&body).chars().take(200).collect());
            return Err(StripeError::Refused {
                status: status.as_u16(),
                message,
            });
        }
        serde_json::from_slice(&body).map_err(|e| StripeError::Refused {
            status: status.as_u16(),
            message: format!("an answer Endorse cannot read: {e}"),
        })
    }
}

/// Why an event's signature is not believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `t=` or no `v1=` in the header.
    #[error("the Stripe-Signature header names no time or no v1 signature")]
    Malformed,
    /// Signed too long ago (a replay) or in the future.
    #[error("the event was signed outside the tolerance")]
    OutsideTolerance,
    /// No `v1` signature matches.
    #[error("no signature matches")]
    Mismatch,
}

/// Checks a `Stripe-Signature` header against the raw body, the endpoint's
/// secret and the time now (Unix seconds).
pub fn verify_signature(
    header: &str,
    body: &[u8],
    secret: &[u8],
    now: i64,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let (Some(timestamp), false) = (timestamp, signatures.is_empty()) else {
        return Err(SignatureError::Malformed);
    };
    if (now - timestamp).abs() > TOLERANCE_SECONDS {
        return Err(SignatureError::OutsideTolerance);
    }
    // Compared by the MAC itself (constant time), not as strings.
    let matches = signatures.iter().any(|given| {
        let Ok(given) = hex_decode(given) else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(&given).is_ok()
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The `v1` signature of a body at a time: what Stripe sends (and the
/// tests' stand-in).
pub fn sign(timestamp: i64, body: &[u8], secret: &[u8]) -> String {
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hex_decode(text: &str) -> Result<Vec<u8>, ()> {
    if text.len() % 2 != 0 || text.len() > 256 {
        return Err(());
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2).ok_or(())?, 16).map_err(|_| ()))
        .collect()
}

/// An event, as far as Endorse reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct Event {
    /// Its id (`evt_…`): each is taken once.
    pub id: String,
    /// What happened (`checkout.session.completed`).
    #[serde(rename = "type")]
    pub kind: String,
    /// What it is about.
    pub data: EventData,
}

/// The object an event is about.
#[derive(Clone, Debug, Deserialize)]
pub struct EventData {
    /// A Checkout Session, for the events Endorse reads.
    pub object: serde_json::Value,
}

/// What a completed Checkout Session tells.
#[derive(Clone, Debug, Deserialize)]
pub struct CompletedSession {
    /// Its id.
    pub id: String,
    /// `paid` once the money is in (`unpaid` for delayed methods).
    #[serde(default)]
    pub payment_status: String,
    /// What was charged, in the smallest unit.
    #[serde(default)]
    pub amount_total: Option<i64>,
    /// In which currency (lower case).
    #[serde(default)]
    pub currency: Option<String>,
    /// The payment's id (`pi_…`), the receipt's reference.
    #[serde(default)]
    pub payment_intent: Option<String>,
    /// When the payment was made (Unix seconds; the event's, else now).
    #[serde(default)]
    pub created: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_body_secret_and_time() {
        let (secret, body, t) = (
            b"whsec_test".as_slice(),
            br#"{"id":"evt_1"}"#.as_slice(),
            1_700_000_000,
        );
        let header = format!("t={t},v1={}", sign(t, body, secret));
        assert_eq!(verify_signature(&header, body, secret, t + 10), Ok(()));
        // Another signature beside it (Stripe sends several while a secret is rolled).
        let rolled = format!("t={t},v1={},v1={}", "00".repeat(32), sign(t, body, secret));
        assert_eq!(verify_signature(&rolled, body, secret, t), Ok(()));
        assert_eq!(
            verify_signature(&header, br#"{"id":"evt_2"}"#, secret, t),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature(&header, body, b"whsec_other", t),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_signature(&header, body, secret, t + TOLERANCE_SECONDS + 1),
            Err(SignatureError::OutsideTolerance)
        );
        for bad in [
            "",
            "t=1",
            &format!("v1={}", sign(t, body, secret)),
            "t=x,v1=zz",
        ] {
            assert!(verify_signature(bad, body, secret, t).is_err(), "{bad}");
        }
        let v0_only = format!("t={t},v0={}", sign(t, body, secret));
        assert_eq!(
            verify_signature(&v0_only, body, secret, t),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn amounts_go_to_stripe_in_its_smallest_unit() {
        assert_eq!(
            unit_amount(Amount::from_hundredths(15000), "USD"),
            Some(15000)
        );
        assert_eq!(
            unit_amount(Amount::from_hundredths(500000), "JPY"),
            Some(5000)
        );
        assert_eq!(unit_amount(Amount::from_hundredths(500050), "jpy"), None);
    }
}
