//! A local stand-in for Stripe, for tests: it speaks the part of Stripe's
//! documented protocol Endorse uses, so that nothing leaves the machine.
//!
//! - `POST /v1/checkout/sessions`: form-encoded, the secret key as a bearer
//!   token (401 otherwise), `mode=payment` with one line item of
//!   `price_data` (400 naming the parameter otherwise), an `Idempotency-Key`
//!   (the same key with the same parameters answers the same session, with
//!   other parameters a 400). Answers the session object with its `url`.
//! - `GET /v1/checkout/sessions/{id}`: the session as it stands.
//! - `GET /pay/{id}`: the hosted payment page, a "Pay" button and a link back
//!   to the cancel address.
//! - `POST /pay/{id}`: pays: the session completes, a
//!   `checkout.session.completed` event is signed as Stripe signs it
//!   (`Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`
//!   under the endpoint's secret) and posted to the webhook, and the payer is
//!   sent to the success address.
//!
//! The signature is computed here with `hmac` and `sha2` directly, not with
//! Endorse's own code, so that a mistake there cannot hide.
//!
//! The browser journeys and the API's integration tests both use this file.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, PoisonError};

/// A Checkout Session the stand-in made.
#[derive(Clone, Debug)]
pub struct Session {
    /// `cs_test_…`.
    pub id: String,
    /// `open`, `complete` or `expired`.
    pub status: String,
    /// `unpaid` or `paid`.
    pub payment_status: String,
    /// In the currency's smallest unit.
    pub amount_total: i64,
    /// Lower case, as Stripe writes it.
    pub currency: String,
    /// The line item's name.
    pub name: String,
    /// Where the payer goes after paying.
    pub success_url: String,
    /// Where the payer goes on giving up.
    pub cancel_url: String,
    /// The payer's address.
    pub customer_email: Option<String>,
    /// The caller's reference.
    pub client_reference_id: Option<String>,
    /// The session's metadata.
    pub metadata: BTreeMap<String, String>,
    /// `pi_…` once paid.
    pub payment_intent: Option<String>,
    /// Unix seconds.
    pub created: i64,
}

impl Session {
    fn object(&self, base: &str) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "object": "checkout.session",
            "mode": "payment",
            "status": self.status,
            "payment_status": self.payment_status,
            "amount_total": self.amount_total,
            "amount_subtotal": self.amount_total,
            "currency": self.currency,
            "customer_email": self.customer_email,
            "client_reference_id": self.client_reference_id,
            "metadata": self.metadata,
            "payment_intent": self.payment_intent,
            "success_url": self.success_url,
            "cancel_url": self.cancel_url,
            "created": self.created,
            "livemode": false,
            "url": (self.status == "open").then(|| format!("{base}/pay/{}", self.id)),
        })
    }
}

/// An event the stand-in posted to the webhook, and how it was answered.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// `evt_…`.
    pub event_id: String,
    /// The raw body sent.
    pub body: String,
    /// The webhook's HTTP status (0 when it could not be reached).
    pub status: u16,
    /// The webhook's answer.
    pub answer: String,
}

#[derive(Default)]
struct Books {
    sessions: HashMap<String, Session>,
    /// Idempotency key → (the request's parameters, the session made).
    idempotent: HashMap<String, (Vec<(String, String)>, String)>,
    webhook: Option<String>,
    deliveries: Vec<Delivery>,
    counter: u64,
}

struct Shared {
    base: String,
    secret_key: String,
    webhook_secret: String,
    books: Mutex<Books>,
    client: reqwest::Client,
}

impl Shared {
    fn books(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running stand-in.
#[derive(Clone)]
pub struct StripeStandIn {
    shared: Arc<Shared>,
}

/// The secret key the stand-in accepts.
pub const SECRET_KEY: &str = "sk_test_endorse_stand_in";
/// The webhook endpoint's signing secret.
pub const WEBHOOK_SECRET: &str = "whsec_endorse_stand_in";

impl StripeStandIn {
    /// Listens on a free loopback port. Events go nowhere until
    /// [`StripeStandIn::deliver_to`] names the webhook.
    pub fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let base = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        let shared = Arc::new(Shared {
            base,
            secret_key: SECRET_KEY.into(),
            webhook_secret: WEBHOOK_SECRET.into(),
            books: Mutex::default(),
            client: reqwest::Client::new(),
        });
        let data = web::Data::from(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/v1/checkout/sessions", web::post().to(create_session))
                .route("/v1/checkout/sessions/{id}", web::get().to(get_session))
                .route("/pay/{id}", web::get().to(payment_page))
                .route("/pay/{id}", web::post().to(pay))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run();
        actix_web::rt::spawn(server);
        Ok(Self { shared })
    }

    /// The API's base address (`ENDORSE_STRIPE_API_BASE`).
    pub fn base(&self) -> &str {
        &self.shared.base
    }

    /// Where events are posted.
    pub fn deliver_to(&self, webhook: &str) {
        self.shared.books().webhook = Some(webhook.to_string());
    }

    /// Every session made, oldest first.
    pub fn sessions(&self) -> Vec<Session> {
        let mut sessions: Vec<Session> = self.shared.books().sessions.values().cloned().collect();
        sessions.sort_by(|a, b| a.id.cmp(&b.id));
        sessions
    }

    /// Every event posted, in order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.books().deliveries.clone()
    }

    /// Pays a session as the hosted page's button does; answers the
    /// webhook's delivery.
    pub async fn pay(&self, session_id: &str) -> Option<Delivery> {
        complete(&self.shared, session_id).await.ok()
    }

    /// Posts an event already sent again, signed anew (as Stripe retries).
    pub async fn redeliver(&self, event_id: &str) -> Option<Delivery> {
        let body = self
            .shared
            .books()
            .deliveries
            .iter()
            .find(|d| d.event_id == event_id)
            .map(|d| d.body.clone())?;
        Some(deliver(&self.shared, event_id.to_string(), body).await)
    }
}

fn error(status: u16, kind: &str, message: &str, param: Option<&str>) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(status)
        .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
    HttpResponse::build(status).json(serde_json::json!({
        "error": { "type": kind, "message": message, "param": param }
    }))
}

fn authorized(shared: &Shared, request: &HttpRequest) -> bool {
    request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|key| key == shared.secret_key)
}

fn is_web_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

async fn create_session(
    shared: web::Data<Shared>,
    request: HttpRequest,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    if !authorized(&shared, &request) {
        return error(
            401,
            "invalid_request_error",
            "Invalid API Key provided.",
            None,
        );
    }
    let params = form.into_inner();
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let missing = |name: &str| {
        error(
            400,
            "invalid_request_error",
            &format!("Missing required param: {name}."),
            Some(name),
        )
    };
    let invalid = |name: &str| {
        error(
            400,
            "invalid_request_error",
            &format!("Invalid value for {name}."),
            Some(name),
        )
    };
    match get("mode") {
        None => return missing("mode"),
        Some("payment") => {}
        Some(_) => return invalid("mode"),
    }
    let mut urls = Vec::new();
    for name in ["success_url", "cancel_url"] {
        match get(name) {
            None => return missing(name),
            Some(url) if !is_web_address(url) => return invalid(name),
            Some(url) => urls.push(url.to_string()),
        }
    }
    let item = "line_items[0]";
    let currency = match get(&format!("{item}[price_data][currency]")) {
        None => return missing("line_items[0][price_data][currency]"),
        Some(c) if c.len() == 3 && c.chars().all(|c| c.is_ascii_lowercase()) => c.to_string(),
        Some(_) => return invalid("line_items[0][price_data][currency]"),
    };
    let unit_amount = match get(&format!("{item}[price_data][unit_amount]")) {
        None => return missing("line_items[0][price_data][unit_amount]"),
        Some(a) => match a.parse::<i64>() {
            Ok(a) if a > 0 => a,
            _ => return invalid("line_items[0][price_data][unit_amount]"),
        },
    };
    let name = match get(&format!("{item}[price_data][product_data][name]")) {
        None => return missing("line_items[0][price_data][product_data][name]"),
        Some(n) if n.trim().is_empty() => {
            return invalid("line_items[0][price_data][product_data][name]")
        }
        Some(n) => n.to_string(),
    };
    let quantity = match get(&format!("{item}[quantity]")) {
        None => return missing("line_items[0][quantity]"),
        Some(q) => match q.parse::<i64>() {
            Ok(q) if q > 0 => q,
            _ => return invalid("line_items[0][quantity]"),
        },
    };
    if params.iter().any(|(k, _)| k.starts_with("line_items[1]")) {
        return invalid("line_items");
    }
    let metadata: BTreeMap<String, String> = params
        .iter()
        .filter_map(|(k, v)| {
            let key = k.strip_prefix("metadata[")?.strip_suffix(']')?;
            Some((key.to_string(), v.clone()))
        })
        .collect();
    let idempotency = request
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut books = shared.books();
    if let Some(key) = &idempotency {
        if let Some((earlier, id)) = books.idempotent.get(key) {
            if *earlier != params {
                return error(
                    400,
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                    None,
                );
            }
            let session = books.sessions[id].object(&shared.base);
            return HttpResponse::Ok().json(session);
        }
    }
    books.counter += 1;
    let id = format!("cs_test_{:06}", books.counter);
    let session = Session {
        id: id.clone(),
        status: "open".into(),
        payment_status: "unpaid".into(),
        amount_total: unit_amount * quantity,
        currency,
        name,
        success_url: urls[0].clone(),
        cancel_url: urls[1].clone(),
        customer_email: get("customer_email").map(str::to_string),
        client_reference_id: get("client_reference_id").map(str::to_string),
        metadata,
        payment_intent: None,
        created: chrono::Utc::now().timestamp(),
    };
    let object = session.object(&shared.base);
    books.sessions.insert(id.clone(), session);
    if let Some(key) = idempotency {
        books.idempotent.insert(key, (params, id));
    }
    HttpResponse::Ok().json(object)
}

async fn get_session(
    shared: web::Data<Shared>,
    request: HttpRequest,
    id: web::Path<String>,
) -> HttpResponse {
    if !authorized(&shared, &request) {
        return error(
            401,
            "invalid_request_error",
            "Invalid API Key provided.",
            None,
        );
    }
    match shared.books().sessions.get(id.as_str()) {
        Some(session) => HttpResponse::Ok().json(session.object(&shared.base)),
        None => error(
            404,
            "invalid_request_error",
            "No such checkout.session.",
            Some("id"),
        ),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
        ))
}

async fn payment_page(shared: web::Data<Shared>, id: web::Path<String>) -> HttpResponse {
    let Some(session) = shared.books().sessions.get(id.as_str()).cloned() else {
        return HttpResponse::NotFound().body("No such checkout session.");
    };
    if session.status != "open" {
        return page(
            "This payment page has expired",
            "<p>The session is no longer open.</p>",
        );
    }
    let amount = format!(
        "{}.{:02} {}",
        session.amount_total / 100,
        session.amount_total % 100,
        session.currency.to_ascii_uppercase()
    );
    page(
        "Stripe test checkout",
        &format!(
            "<p id=\"checkout-line\">{} — {amount}</p>\
             <form method=\"post\" action=\"/pay/{}\"><button type=\"submit\">Pay {amount}</button></form>\
             <p><a href=\"{}\">Cancel and go back</a></p>",
            escape(&session.name),
            escape(&session.id),
            escape(&session.cancel_url),
        ),
    )
}

async fn pay(shared: web::Data<Shared>, id: web::Path<String>) -> HttpResponse {
    let shared = shared.into_inner();
    match complete(&shared, &id).await {
        Ok(_) => {
            let success = shared.books().sessions[id.as_str()]
                .success_url
                .replace("{CHECKOUT_SESSION_ID}", &id);
            HttpResponse::SeeOther()
                .insert_header(("location", success))
                .finish()
        }
        Err(message) => page("This payment did not go through", &escape(message)),
    }
}

/// Completes an open session and posts its event.
async fn complete(shared: &Shared, id: &str) -> Result<Delivery, &'static str> {
    let (event_id, body) = {
        let mut books = shared.books();
        books.counter += 1;
        let counter = books.counter;
        let session = books
            .sessions
            .get_mut(id)
            .ok_or("No such checkout session.")?;
        if session.status != "open" {
            return Err("The session is no longer open.");
        }
        session.status = "complete".into();
        session.payment_status = "paid".into();
        session.payment_intent = Some(format!("pi_test_{counter:06}"));
        let object = session.object(&shared.base);
        let event_id = format!("evt_test_{counter:06}");
        let body = serde_json::json!({
            "id": event_id,
            "object": "event",
            "api_version": "2024-06-20",
            "created": chrono::Utc::now().timestamp(),
            "livemode": false,
            "pending_webhooks": 1,
            "type": "checkout.session.completed",
            "data": { "object": object },
        })
        .to_string();
        (event_id, body)
    };
    Ok(deliver(shared, event_id, body).await)
}

/// Signs and posts one event to the webhook.
async fn deliver(shared: &Shared, event_id: String, body: String) -> Delivery {
    let webhook = shared.books().webhook.clone();
    let t = chrono::Utc::now().timestamp();
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(shared.webhook_secret.as_bytes())
        .unwrap_or_else(|_| unreachable!());
    mac.update(format!("{t}.").as_bytes());
    mac.update(body.as_bytes());
    let signature: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (status, answer) = match webhook {
        None => (0, "no webhook".to_string()),
        Some(url) => match shared
            .client
            .post(url)
            .header("content-type", "application/json; charset=utf-8")
            .header("stripe-signature", format!("t={t},v1={signature}"))
            .body(body.clone())
            .send()
            .await
        {
            Ok(response) => (
                response.status().as_u16(),
                response.text().await.unwrap_or_default(),
            ),
            Err(error) => (0, error.to_string()),
        },
    };
    let delivery = Delivery {
        event_id,
        body,
        status,
        answer,
    };
    shared.books().deliveries.push(delivery.clone());
    delivery
}
