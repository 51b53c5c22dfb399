//! The background worker: queues reminders that fell due, then delivers what
//! the outbox holds, retrying failures with exponential back-off.
//!
//! [`Worker::tick`] does one round and is what tests call, with a manual clock;
//! [`Worker::spawn`] runs rounds forever at the configured interval.

use super::templates::LINK_PLACEHOLDER;
use super::{Outgoing, SendError};
use crate::db::outbox::{self, Outcome};
use crate::db::{assignments, leases, rate_limits, references, rulebooks, users, DbError};
use crate::state::AppState;
use crate::tenancy::Tenant;
use actix_web::web;
use chrono::Duration;
use endorse_shared::i18n::LocalText;

/// How long a claimed message is reserved for the worker delivering it. A
/// worker that dies mid-delivery releases it when this runs out.
pub const LEASE: Duration = Duration::minutes(5);
/// The lease on the schedule and the reminders, held by one process.
pub const SCHEDULE: &str = "schedule";
/// How long the schedule's lease lasts unrenewed: a process that stops
/// holding it (it died, or was stopped) is replaced after this.
pub const SCHEDULE_LEASE: Duration = Duration::minutes(1);
/// How many messages one round takes at most.
const BATCH: i64 = 50;

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Reminders queued.
    pub reminders: usize,
    /// Messages delivered.
    pub sent: usize,
    /// Attempts that failed (to be retried or given up).
    pub failed: usize,
    /// Messages no longer needed.
    pub skipped: usize,
    /// Endorsements whose renewal opened.
    pub renewals_opened: usize,
    /// Endorsements that lapsed.
    pub lapsed: usize,
    /// Admins' daily digests queued.
    pub digests: usize,
    /// Whether this process ran the schedule (it held the lease).
    pub scheduled: bool,
    /// Imports left half written by a stopped process, taken up again.
    pub imports_resumed: usize,
}

impl Round {
    fn add(&mut self, other: Round) {
        self.reminders += other.reminders;
        self.sent += other.sent;
        self.failed += other.failed;
        self.skipped += other.skipped;
        self.renewals_opened += other.renewals_opened;
        self.lapsed += other.lapsed;
        self.digests += other.digests;
        self.scheduled |= other.scheduled;
        self.imports_resumed += other.imports_resumed;
    }
}

/// Drains the outbox.
#[derive(Clone)]
pub struct Worker {
    state: web::Data<AppState>,
}

impl Worker {
    /// A worker on this application's state.
    pub fn new(state: web::Data<AppState>) -> Self {
        Self { state }
    }

    /// Runs rounds forever, one every `interval`. Errors are logged, never fatal.
    pub fn spawn(self, interval: std::time::Duration) {
        actix_web::rt::spawn(async move {
            let mut ticker = tokio::time::interval(interval);
            ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticker.tick().await;
                match self.tick().await {
                    // Only a round that did something is worth a line.
                    Ok(round)
                        if (Round {
                            scheduled: false,
                            ..round
                        }) != Round::default() =>
                    {
                        tracing::info!(?round, "mail worker round");
                    }
                    Ok(_) => {}
                    Err(error) => tracing::error!(%error, "mail worker round failed"),
                }
            }
        });
    }

    /// One round for every association: run its renewal schedule, queue
    /// its due reminders, then deliver its due messages. One association's
    /// failure is logged and does not hold up the others; the round reports
    /// the first.
    pub async fn tick(&self) -> Result<Round, DbError> {
        let state = self.state.clone();
        let associations = web::block(move || state.associations.list())
            .await
            .map_err(|_| DbError::Blocking)??;
        let mut total = Round::default();
        let mut first_error = None;
        for association in associations {
            let code = association.code.clone();
            let state = self.state.clone();
            let tenant = web::block(move || Tenant::new(state, association))
                .await
                .map_err(|_| DbError::Blocking)
                .and_then(|made| made);
            let round = match tenant {
                Ok(tenant) => self.tick_for(&tenant).await,
                Err(error) => Err(error),
            };
            match round {
                Ok(round) => total.add(round),
                Err(error) => {
                    tracing::error!(association = %code, %error, "mail worker round failed");
                    first_error.get_or_insert(error);
                }
            }
        }
        match first_error {
            Some(error) => Err(error),
            None => Ok(total),
        }
    }

    /// One association's round.
    async fn tick_for(&self, tenant: &Tenant) -> Result<Round, DbError> {
        let mut round = Round::default();
        // Several server processes may share the database: the schedule and
        // the reminders run in the one holding the schedule's lease (it
        // renews it each round; another takes over once it lapses). Delivery
        // runs everywhere: each message is claimed by one worker.
        if self.hold_schedule(tenant).await? {
            let schedule = self.run_renewal_schedule(tenant).await?;
            round.reminders = self.queue_reminders(tenant).await?
                + self.queue_review_reminders(tenant).await?
                + schedule.reminded;
            if self.state.settings.admin_digest {
                let now = self.state.clock.now();
                let inner = tenant.clone();
                round.digests = tenant
                    .db
                    .run(move |conn| {
                        crate::workflow::schedule::queue_digests(conn, &inner.mail(), now)
                    })
                    .await?;
            }
            round.renewals_opened = schedule.opened;
            round.lapsed = schedule.lapsed;
            round.scheduled = true;
            // Granted recognitions the platform's list missed (a failure
            // right after the grant) are told to it now.
            let inner = tenant.clone();
            web::block(move || crate::tenancy::recognition::publish(&inner))
                .await
                .map_err(|_| DbError::Blocking)??;
        }
        // Imports a stopped process left half written go on.
        round.imports_resumed = crate::importer::resume(tenant).await?;
        let now = self.state.clock.now();
        let due = tenant
            .db
            .run(move |conn| outbox::due(conn, now, BATCH))
            .await?;
        for id in due {
            match self.deliver(tenant, id).await? {
                Some(Delivered::Sent) => round.sent += 1,
                Some(Delivered::Failed) => round.failed += 1,
                Some(Delivered::Skipped) => round.skipped += 1,
                None => {}
            }
        }
        Ok(round)
    }

    /// Takes or renews the schedule's lease for this process, and sweeps
    /// rate-limit events that no window reaches any more.
    async fn hold_schedule(&self, tenant: &Tenant) -> Result<bool, DbError> {
        let now = self.state.clock.now().naive_utc();
        let holder = self.state.instance.clone();
        let window =
            Duration::from_std(self.state.settings.rate_limits.window()).unwrap_or(Duration::MAX);
        tenant
            .db
            .run(move |conn| {
                if !leases::take(conn, SCHEDULE, &holder, now, SCHEDULE_LEASE)? {
                    return Ok(false);
                }
                rate_limits::sweep(conn, now, window)?;
                Ok(true)
            })
            .await
    }

    /// The association's renewal schedule: opening, reminders, lapse.
    async fn run_renewal_schedule(
        &self,
        tenant: &Tenant,
    ) -> Result<crate::workflow::schedule::ScheduleRound, DbError> {
        let now = self.state.clock.now();
        let inner = tenant.clone();
        tenant
            .db
            .run(move |conn| crate::workflow::schedule::run_schedule(conn, &inner.mail(), now))
            .await
    }

    /// Queues the reminders due now: 7 days and 1 day before a link expires,
    /// once per link (a key per reference, link and reminder makes a second
    /// round, or a restart, queue nothing new). When both are due at once, only
    /// the 1-day one goes.
    async fn queue_reminders(&self, tenant: &Tenant) -> Result<usize, DbError> {
        let now = self.state.clock.now();
        let inner = tenant.clone();
        tenant
            .db
            .run(move |conn| {
                let mut queued = 0;
                for reference in references::expiring(conn, now, now + Duration::days(7))? {
                    let Some(expires_at) = reference.expires_at else {
                        continue;
                    };
                    let days = if expires_at - now <= Duration::days(1) {
                        1
                    } else {
                        7
                    };
                    let key = format!(
                        "reminder-{days}d:{}:{}",
                        reference.id, reference.link_generation
                    );
                    let Some(applicant) = users::find(conn, reference.applicant)? else {
                        continue;
                    };
                    let context = inner.mail();
                    let message = context.reference_reminder(
                        reference.id,
                        &reference.request,
                        &applicant.name,
                        expires_at,
                        key,
                    );
                    if crate::db::write(conn, |conn| outbox::enqueue(conn, &message, now))? {
                        queued += 1;
                    }
                }
                Ok(queued)
            })
            .await
    }

    /// Queues reviewers' reminders: one when a review falls due within the
    /// rulebook's `reminder_days_before`, one more once it is late. Each goes
    /// once per assignment (a dedupe key per assignment and kind).
    async fn queue_review_reminders(&self, tenant: &Tenant) -> Result<usize, DbError> {
        let now = self.state.clock.now();
        let inner = tenant.clone();
        tenant
            .db
            .run(move |conn| {
                let rulebook = rulebooks::current(conn)?.rulebook;
                let window = Duration::days(i64::from(rulebook.review.reminder_days_before));
                let mut queued = 0;
                for assignments::DueAssignment {
                    assignment,
                    category,
                    ..
                } in assignments::active_due_before(conn, now + window)?
                {
                    let overdue = now > assignment.due_at;
                    let key = format!(
                        "review-{}:{}",
                        if overdue { "overdue" } else { "due" },
                        assignment.id
                    );
                    let category_name = rulebook
                        .category(&category)
                        .map_or_else(|| LocalText::english(category.clone()), |c| c.name.clone());
                    let reads = users::reader_of(conn, &assignment.reviewer_email)?;
                    let message = inner.mail().to(reads).review_reminder(
                        &assignment.reviewer_email,
                        &assignment.reviewer_name,
                        &category_name,
                        assignment.due_at,
                        overdue,
                        key,
                    );
                    if crate::db::write(conn, |conn| outbox::enqueue(conn, &message, now))? {
                        queued += 1;
                    }
                }
                Ok(queued)
            })
            .await
    }

    /// The secret link a message carries, made now from its nonce; none when
    /// the link no longer works (so the message is skipped, not sent dead).
    async fn link_of(
        &self,
        tenant: &Tenant,
        message: &outbox::MessageRow,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<String>, DbError> {
        if let Some(link) = message.account_link_id.clone() {
            let found = tenant
                .db
                .run(move |conn| crate::db::account_links::get(conn, &link))
                .await?;
            return Ok(found
                .filter(|link| link.is_live(now.naive_utc()))
                .and_then(|link| {
                    let page = crate::db::account_links::Purpose::parse(&link.purpose)?.page();
                    Some(format!(
                        "{}{page}{}",
                        tenant.public_url,
                        self.state.account_links.token_for(&link.nonce)
                    ))
                }));
        }
        let reference = match message.reference()? {
            Some(reference) => {
                tenant
                    .db
                    .run(move |conn| references::get(conn, reference))
                    .await?
            }
            None => None,
        };
        let nonce = reference
            .as_ref()
            .and_then(|r| r.is_live(now).then_some(r.link_nonce.as_deref()).flatten());
        Ok(nonce.map(|nonce| {
            format!(
                "{}/referee/{}",
                tenant.public_url,
                self.state.links.token_for(nonce)
            )
        }))
    }

    /// Claims and delivers one message. None when another worker has it.
    async fn deliver(&self, tenant: &Tenant, id: String) -> Result<Option<Delivered>, DbError> {
        let now = self.state.clock.now();
        let lease_until = now + LEASE;
        let claimed_id = id.clone();
        let Some(message) = tenant
            .db
            .run(move |conn| outbox::claim(conn, &claimed_id, now, lease_until))
            .await?
        else {
            return Ok(None);
        };
        let kind = message.kind()?;
        let mut text = message.body_text.clone();
        let mut html = message.body_html.clone();
        if kind.carries_link() {
            let Some(href) = self.link_of(tenant, &message, now).await? else {
                let why = if message.account_link_id.is_some() {
                    "the link was used, replaced by a newer one or expired before delivery"
                } else {
                    "the request was answered, cancelled or expired before delivery"
                };
                self.record(tenant, &id, Outcome::Skipped(why.into()))
                    .await?;
                return Ok(Some(Delivered::Skipped));
            };
            text = text.replace(LINK_PLACEHOLDER, &href);
            html = html.replace(LINK_PLACEHOLDER, &super::templates::escape(&href));
        }
        let transport = self.transport_for(tenant);
        let result = transport
            .send(
                &tenant.mail_settings,
                Outgoing {
                    id: &message.id,
                    to_address: &message.to_address,
                    to_name: &message.to_name,
                    subject: &message.subject,
                    text,
                    html,
                },
            )
            .await;
        let after = self.state.clock.now();
        match result {
            Ok(()) => {
                self.record(tenant, &id, Outcome::Sent).await?;
                Ok(Some(Delivered::Sent))
            }
            Err(SendError {
                message: error,
                permanent,
            }) => {
                let settings = &tenant.mail_settings;
                let attempts = u32::try_from(message.attempts)
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                let retry_at = (!permanent && attempts < settings.max_attempts)
                    .then(|| after + backoff(settings.retry_base_seconds, attempts));
                tracing::warn!(id, attempts, permanent, %error, "e-mail delivery failed");
                self.record(tenant, &id, Outcome::Failed { error, retry_at })
                    .await?;
                Ok(Some(Delivered::Failed))
            }
        }
    }

    /// The association's own SMTP server when it has one (one transport per
    /// address, kept), else the deployment's.
    fn transport_for(&self, tenant: &Tenant) -> std::sync::Arc<super::Transport> {
        let Some(url) = crate::tenancy::settings::own_smtp(
            &self.state.settings.signing_key_secret,
            &tenant.association,
        ) else {
            return self.state.transport.clone();
        };
        let mut kept = self
            .state
            .transports
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(found) = kept.get(url.expose()) {
            return found.clone();
        }
        match super::Transport::smtp(&url) {
            Ok(transport) => {
                let transport = std::sync::Arc::new(transport);
                kept.insert(url.expose().to_string(), transport.clone());
                transport
            }
            Err(error) => {
                tracing::warn!(association = %tenant.code(), smtp = %url.redacted(), %error, "its SMTP server cannot be used; the deployment's is");
                self.state.transport.clone()
            }
        }
    }

    async fn record(&self, tenant: &Tenant, id: &str, outcome: Outcome) -> Result<(), DbError> {
        let now = self.state.clock.now();
        let transport = self.transport_for(tenant).name();
        let id = id.to_string();
        tenant
            .db
            .transaction(move |conn| outbox::record(conn, &id, transport, &outcome, now))
            .await
    }
}

enum Delivered {
    Sent,
    Failed,
    Skipped,
}

/// The wait before attempt `attempts + 1`: the base, doubled per failed attempt,
/// at most six hours.
pub fn backoff(base_seconds: u64, attempts: u32) -> Duration {
    let factor = 1u64 << attempts.saturating_sub(1).min(20);
    let seconds = base_seconds.saturating_mul(factor).min(6 * 60 * 60);
    Duration::seconds(i64::try_from(seconds).unwrap_or(6 * 60 * 60))
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use chrono::Duration;

    #[test]
    fn backoff_doubles_and_stops_at_six_hours() {
        assert_eq!(backoff(60, 1), Duration::minutes(1));
        assert_eq!(backoff(60, 2), Duration::minutes(2));
        assert_eq!(backoff(60, 4), Duration::minutes(8));
        assert_eq!(backoff(60, 30), Duration::hours(6));
    }
}
