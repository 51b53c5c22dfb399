//! References end to end: the applicant asks, the mail goes out through a real
//! SMTP server on loopback, the referee follows the link from the delivered mail
//! and answers. Time moves with the server's manual clock, never with sleeps.

use crate::helpers::*;
use crate::smtp::{ReceivedMail, SmtpServer};
use chrono::Duration;
use endorse_api::clock::Clock;
use endorse_api::config::SmtpUrl;
use endorse_api::db::outbox;
use endorse_shared::i18n::Lang;
use endorse_shared::mail::{MailMessage, MailStatus, OutboxPage};
use endorse_shared::references::{
    RefereeInvitation, ReferenceSignal, ReferenceStatus, ReferenceView, ReviewedReference,
};
use endorse_shared::rulebook::Relationship;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

const COMMENT: &str = "Ada's reflective practice is exceptional (confidential remark 7781).";

struct World {
    app: TestApp,
    smtp: SmtpServer,
    applicant: String,
    applicant_id: String,
    /// An admin, who copies referees' links for the tests (the applicant
    /// never gets one).
    coordinator: String,
}

/// A request and its live link, as the referee receives it.
struct Asked {
    reference: ReferenceView,
    link: String,
}

async fn world() -> World {
    let smtp = SmtpServer::start().await.expect("start SMTP");
    let url = smtp.url();
    let app = spawn_app_with(move |settings| {
        settings.mail.smtp_url = Some(SmtpUrl::parse(&url).expect("smtp url"));
        settings.mail.association_name = "Michigan Association".into();
    })
    .await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let coordinator = app
        .user_with_role(Role::Admin, "coordinator@example.org")
        .await;
    // The registration's confirmation, opened already, leaves the outbox.
    app.worker.tick().await.expect("mail round");
    World {
        applicant: session.access_token,
        applicant_id: session.user.id.to_string(),
        coordinator,
        app,
        smtp,
    }
}

fn request_body(email: &str, relationship: &str, waive: bool) -> Value {
    json!({
        "category": "IFS",
        "referee_name": "Sam Rivera",
        "referee_email": email,
        "relationship": relationship,
        "endorsement": { "category": "IMHM-C", "number": "MI-IMHM-C-2019-0007" },
        "known_since": "2019-03-01",
        "waive_access": waive,
    })
}

impl World {
    async fn request(&self, email: &str, waive: bool) -> Asked {
        let response = self
            .app
            .post_as(
                "/api/v1/references",
                &self.applicant,
                &request_body(email, "current_supervisor", waive),
            )
            .await;
        self.asked(response, StatusCode::CREATED).await
    }

    /// The request an answer to the applicant describes, with the link the
    /// referee got (as an admin copies it); the answer itself holds none.
    async fn asked(&self, response: reqwest::Response, status: StatusCode) -> Asked {
        let text = response.text().await.unwrap();
        assert!(
            !text.contains("/referee/"),
            "a link reached the applicant: {text}"
        );
        let reference: ReferenceView = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("expected a reference ({status}): {text}: {e}");
        });
        let link = referee_link(&self.app, &self.coordinator, &reference.id.to_string()).await;
        Asked { reference, link }
    }

    /// Runs mail rounds until `count` messages arrived in all.
    async fn deliver(&self, count: usize) -> Vec<ReceivedMail> {
        self.app.worker.tick().await.expect("mail round");
        let messages = self
            .smtp
            .wait_for(count, std::time::Duration::from_secs(5))
            .await;
        assert_eq!(messages.len(), count, "messages: {messages:#?}");
        messages
    }

    /// The staff view of the applicant's references, as `admin` reads it.
    async fn reviewed(&self, admin: &str) -> Vec<ReviewedReference> {
        expect_json(
            self.app
                .get_as(
                    &format!("/api/v1/users/{}/references", self.applicant_id),
                    admin,
                )
                .await,
            StatusCode::OK,
        )
        .await
    }

    async fn references(&self) -> Vec<ReferenceView> {
        expect_json(
            self.app.get_as("/api/v1/references", &self.applicant).await,
            StatusCode::OK,
        )
        .await
    }

    async fn text_of(&self, path: &str) -> String {
        let response = self.app.get_as(path, &self.applicant).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.text().await.expect("body")
    }
}

/// The API path of the link in a mail.
fn api_path(link: &str) -> String {
    referee_api_path(link)
}

fn answer_json(not_enough: usize) -> Value {
    let mut answer = serde_json::to_value(full_answer(
        Relationship::CurrentSupervisor,
        chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap(),
        not_enough,
    ))
    .unwrap();
    answer["comments"] = json!(COMMENT);
    answer
}

async fn rate(app: &TestApp, link: &str, not_enough: usize) -> reqwest::Response {
    app.client
        .post(app.url(&format!("{}/rating", api_path(link))))
        .json(&answer_json(not_enough))
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn the_referee_follows_the_mailed_link_and_the_waived_rating_stays_confidential() {
    let w = world().await;
    let created = w.request("Sam@Example.org", true).await;
    assert_eq!(created.reference.status, ReferenceStatus::Queued);
    assert_eq!(created.reference.request.referee_email, "sam@example.org");

    let mail = w.deliver(1).await.remove(0);
    assert_eq!(mail.from, "endorse@endorse.localhost");
    assert_eq!(mail.to, ["sam@example.org"]);
    assert!(mail
        .header("Reply-To")
        .is_some_and(|r| r.contains("endorse@endorse.localhost")));
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Reference request for Ada Lovelace")
    );
    let text = mail.text();
    assert!(text.contains("Infant Family Specialist"), "{text}");
    assert!(text.contains("Michigan Association"), "{text}");
    let link = mail.referee_link().expect("a link in the mail");
    assert_eq!(
        link, created.link,
        "the mailed link is the one an admin copies"
    );
    assert_eq!(w.references().await[0].status, ReferenceStatus::Sent);

    // The referee opens the link: no account.
    let invitation: RefereeInvitation = expect_json(
        w.app
            .client
            .get(w.app.url(&api_path(&link)))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(invitation.applicant_name, "Ada Lovelace");
    assert_eq!(invitation.category, "IFS");
    // The domains the rulebook asks IFS referees, each with what it means.
    let asked: Vec<&str> = invitation.domains.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(asked.len(), 8, "{asked:?}");
    assert!(!asked.contains(&"administration"));
    assert!(invitation.domains.iter().all(|d| !d.description.is_blank()));
    assert_eq!(w.references().await[0].status, ReferenceStatus::Opened);

    // A draft survives a reload.
    let draft = json!({ "ratings": { "reflection": "exemplary" }, "comments": "So far" });
    let saved = w
        .app
        .client
        .put(w.app.url(&format!("{}/draft", api_path(&link))))
        .json(&draft)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    let reloaded: RefereeInvitation = expect_json(
        w.app
            .client
            .get(w.app.url(&api_path(&link)))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(reloaded.draft.comments, "So far");
    // A draft rating a domain the rulebook does not ask of IFS referees is
    // refused, and the saved draft stays as it was.
    let unknown = w
        .app
        .client
        .put(w.app.url(&format!("{}/draft", api_path(&link))))
        .json(&json!({ "ratings": { "administration": "strong" } }))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(unknown, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        problem.errors.contains_key("ratings.administration"),
        "{problem:?}"
    );

    // An incomplete rating names the unanswered domain; nothing is recorded.
    let mut incomplete = answer_json(0);
    incomplete["ratings"]
        .as_object_mut()
        .unwrap()
        .remove("thinking");
    let problem = expect_problem(
        w.app
            .client
            .post(w.app.url(&format!("{}/rating", api_path(&link))))
            .json(&incomplete)
            .send()
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        problem.errors.contains_key("ratings.thinking"),
        "{problem:?}"
    );

    assert_eq!(rate(&w.app, &link, 0).await.status(), StatusCode::OK);
    // Final: a second submission and the page itself now say so.
    let again = expect_problem(rate(&w.app, &link, 3).await, StatusCode::GONE).await;
    assert!(again.detail.unwrap().contains("received"));

    // The applicant is told, and sees "received, counts" without the answers.
    let notice = w.deliver(2).await.remove(1);
    assert_eq!(notice.to, ["ada@example.org"]);
    let mine = w.references().await.remove(0);
    assert_eq!(mine.status, ReferenceStatus::Received);
    assert!(mine.answer.is_none());
    assert!(mine.counting.as_ref().is_some_and(|c| c.counts), "{mine:?}");

    // No applicant-facing response carries the answers.
    for path in [
        "/api/v1/references",
        "/api/v1/me/portfolio",
        "/api/v1/me/eligibility",
        "/api/v1/me/applications",
    ] {
        let body = w.text_of(path).await;
        for secret in [
            COMMENT,
            "\"comments\"",
            "\"ratings\"",
            "strong",
            "recommend",
        ] {
            assert!(!body.contains(secret), "{path} shows {secret}: {body}");
        }
    }
    // The applicant never gets the referee's link, from any route; for an
    // admin the answered request's link is dead.
    let link_again = w
        .app
        .get_as(
            &format!("/api/v1/references/{}/link", mine.id),
            &w.applicant,
        )
        .await;
    assert_eq!(link_again.status(), StatusCode::FORBIDDEN);
    let link_again = w
        .app
        .get_as(
            &format!("/api/v1/references/{}/link", mine.id),
            &w.coordinator,
        )
        .await;
    assert_eq!(link_again.status(), StatusCode::CONFLICT);
    assert!(!link_again.text().await.unwrap().contains(COMMENT));
    // An answered request cannot be re-sent or cancelled.
    for action in ["resend", "cancel"] {
        let refused = w
            .app
            .post_as(
                &format!("/api/v1/references/{}/{action}", mine.id),
                &w.applicant,
                &json!({}),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{action}");
    }

    // Admins see everything, with the signals: the referee answered from the
    // address the applicant signed in from (loopback, here).
    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewed = w.reviewed(&admin).await;
    let answer = reviewed[0]
        .reference
        .answer
        .as_ref()
        .expect("answer for staff");
    assert_eq!(answer.comments, COMMENT);
    assert!(reviewed[0]
        .signals
        .iter()
        .any(|s| matches!(s, ReferenceSignal::ApplicantIp { .. })));
    // Applicants cannot reach the staff view.
    let forbidden = w
        .app
        .get_as(
            &format!("/api/v1/users/{}/references", w.applicant_id),
            &w.applicant,
        )
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn without_a_waiver_the_applicant_reads_the_rating_and_signals_flag_shared_addresses() {
    let w = world().await;
    let first = w.request("sam@example.org", false).await;
    let second = w.request("sam@example.org", true).await;
    let own = w.request("ada@example.org", true).await;
    assert_eq!(rate(&w.app, &first.link, 0).await.status(), StatusCode::OK);
    let mine = w.references().await;
    let first_view = mine.iter().find(|r| r.id == first.reference.id).unwrap();
    assert_eq!(first_view.answer.as_ref().unwrap().comments, COMMENT);
    assert!(mine
        .iter()
        .filter(|r| r.id != first.reference.id)
        .all(|r| r.answer.is_none()));

    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewed = w.reviewed(&admin).await;
    let signals_of = |id| {
        &reviewed
            .iter()
            .find(|r| r.reference.id == id)
            .unwrap()
            .signals
    };
    assert!(
        signals_of(first.reference.id).contains(&ReferenceSignal::SharedEmail {
            other: second.reference.id
        })
    );
    assert!(signals_of(own.reference.id).contains(&ReferenceSignal::ApplicantEmail));
    // The first was answered from the applicant's own browser (the client
    // that signed her in keeps its device cookie).
    assert!(
        signals_of(first.reference.id).contains(&ReferenceSignal::ApplicantDevice),
        "{:?}",
        signals_of(first.reference.id)
    );
    assert!(!signals_of(first.reference.id).contains(&ReferenceSignal::ApplicantSession));

    // An answer sent with the applicant's session, from a browser that never
    // signed in, is flagged for the session alone.
    let stranger = new_client()
        .post(w.app.url(&format!("{}/rating", api_path(&second.link))))
        .bearer_auth(&w.applicant)
        .json(&answer_json(0))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), StatusCode::OK);
    let reviewed = w.reviewed(&admin).await;
    let second_signals = &reviewed
        .iter()
        .find(|r| r.reference.id == second.reference.id)
        .unwrap()
        .signals;
    assert!(second_signals.contains(&ReferenceSignal::ApplicantSession));
    assert!(!second_signals.contains(&ReferenceSignal::ApplicantDevice));
    assert!(!second_signals.contains(&ReferenceSignal::ApplicantDisabled));

    // Once an admin disables the applicant, every request of theirs says so.
    let disabled = w
        .app
        .post_as(
            &format!("/api/v1/users/{}/disable", w.applicant_id),
            &admin,
            &serde_json::json!({ "reason": "Asked us to pause" }),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    let reviewed = w.reviewed(&admin).await;
    assert!(reviewed
        .iter()
        .all(|r| r.signals.contains(&ReferenceSignal::ApplicantDisabled)));
}

#[actix_web::test]
async fn expired_cancelled_and_replaced_links_stop_working_with_a_clear_answer() {
    let w = world().await;
    let expiring = w.request("old@example.org", true).await;
    w.app.clock.advance(Duration::days(31));
    let gone = expect_problem(
        w.app
            .client
            .get(w.app.url(&api_path(&expiring.link)))
            .send()
            .await
            .unwrap(),
        StatusCode::GONE,
    )
    .await;
    let detail = gone.detail.unwrap();
    assert!(
        detail.contains("expired") && detail.contains("endorse@endorse.localhost"),
        "{detail}"
    );
    assert_eq!(w.references().await[0].status, ReferenceStatus::Expired);

    // Re-sending makes a new link with a new period; the old one is unknown.
    let resent = w
        .asked(
            w.app
                .post_as(
                    &format!("/api/v1/references/{}/resend", expiring.reference.id),
                    &w.applicant,
                    &json!({}),
                )
                .await,
            StatusCode::OK,
        )
        .await;
    assert_ne!(resent.link, expiring.link);
    assert_eq!(resent.reference.status, ReferenceStatus::Queued);
    let old = w
        .app
        .client
        .get(w.app.url(&api_path(&expiring.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    let new = w
        .app
        .client
        .get(w.app.url(&api_path(&resent.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(new.status(), StatusCode::OK);

    // Cancel: the link dies at once, and a mail still queued for it is not sent.
    let cancelled: ReferenceView = expect_json(
        w.app
            .post_as(
                &format!("/api/v1/references/{}/cancel", expiring.reference.id),
                &w.applicant,
                &json!({}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cancelled.status, ReferenceStatus::Cancelled);
    let gone = expect_problem(
        w.app
            .client
            .get(w.app.url(&api_path(&resent.link)))
            .send()
            .await
            .unwrap(),
        StatusCode::GONE,
    )
    .await;
    assert!(gone.detail.unwrap().contains("cancelled"));
    w.app.worker.tick().await.unwrap();
    assert!(
        w.smtp.messages().is_empty(),
        "no mail for a cancelled request"
    );

    // Replace: the old request is retired and a new referee is asked.
    let first = w.request("first@example.org", true).await;
    let replaced = w
        .asked(
            w.app
                .post_as(
                    &format!("/api/v1/references/{}/replace", first.reference.id),
                    &w.applicant,
                    &request_body("second@example.org", "colleague", true),
                )
                .await,
            StatusCode::CREATED,
        )
        .await;
    let all = w.references().await;
    let old = all.iter().find(|r| r.id == first.reference.id).unwrap();
    assert_eq!(old.status, ReferenceStatus::Cancelled);
    assert_eq!(old.replaced_by, Some(replaced.reference.id));
    let sent = w.deliver(1).await;
    assert_eq!(sent[0].to, ["second@example.org"]);
    let dead = w
        .app
        .client
        .get(w.app.url(&api_path(&first.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(dead.status(), StatusCode::GONE);

    // Someone else's request is not there at all.
    let other = w.app.register("eve@example.org", "Eve Example").await;
    let response = w
        .app
        .post_as(
            &format!("/api/v1/references/{}/cancel", replaced.reference.id),
            &other.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_referee_may_decline_and_the_applicant_is_told_why() {
    let w = world().await;
    let created = w.request("busy@example.org", true).await;
    let blank = w
        .app
        .client
        .post(w.app.url(&format!("{}/decline", api_path(&created.link))))
        .json(&json!({ "reason": "  " }))
        .send()
        .await
        .unwrap();
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let declined = w
        .app
        .client
        .post(w.app.url(&format!("{}/decline", api_path(&created.link))))
        .json(&json!({ "reason": "I only supervised Ada for two months." }))
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), StatusCode::OK);
    let mine = w.references().await.remove(0);
    assert_eq!(mine.status, ReferenceStatus::Declined);
    assert_eq!(
        mine.declined_reason.as_deref(),
        Some("I only supervised Ada for two months.")
    );
    // The request mail is skipped (answered first); the applicant's notice goes.
    let mails = w.deliver(1).await;
    assert_eq!(mails[0].to, ["ada@example.org"]);
    assert!(mails[0].text().contains("two months"));
}

#[actix_web::test]
async fn six_unknown_answers_do_not_count_and_a_rating_lasts_one_year() {
    let w = world().await;
    let weak = w.request("weak@example.org", true).await;
    let fair = w.request("fair@example.org", true).await;
    assert_eq!(rate(&w.app, &weak.link, 6).await.status(), StatusCode::OK);
    assert_eq!(rate(&w.app, &fair.link, 5).await.status(), StatusCode::OK);
    let (weak_id, fair_id) = (weak.reference.id, fair.reference.id);
    let counting = |views: &[ReferenceView], id| {
        views
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.counting.clone())
            .unwrap()
    };
    let mine = w.references().await;
    let weak = counting(&mine, weak_id);
    assert!(!weak.counts, "{weak:?}");
    assert!(
        weak.reasons
            .iter()
            .any(|r| r.contains("not enough information")),
        "{weak:?}"
    );
    assert!(counting(&mine, fair_id).counts);

    w.app.clock.advance(Duration::days(366));
    let later = w.references().await;
    let fair = counting(&later, fair_id);
    assert!(!fair.counts);
    assert!(
        fair.reasons
            .iter()
            .any(|r| r.contains("more than 365 days ago")),
        "{fair:?}"
    );
}

#[actix_web::test]
async fn reminders_go_seven_days_and_one_day_before_expiry_once_each() {
    let w = world().await;
    w.request("slow@example.org", true).await;
    w.deliver(1).await;
    w.app.clock.advance(Duration::days(22));
    w.app.worker.tick().await.unwrap();
    assert_eq!(w.smtp.messages().len(), 1, "nothing due 8 days before");
    w.app
        .clock
        .advance(Duration::days(1) + Duration::minutes(1));
    let mails = w.deliver(2).await;
    assert!(mails[1].header("Subject").unwrap().starts_with("Reminder"));
    assert!(
        mails[1].referee_link().is_some(),
        "a reminder carries the link"
    );
    // Another round, or a restarted worker, queues nothing new.
    w.app.worker.tick().await.unwrap();
    w.app.worker.tick().await.unwrap();
    assert_eq!(w.smtp.messages().len(), 2);
    w.app.clock.advance(Duration::days(6));
    let mails = w.deliver(3).await;
    assert!(mails[2].text().contains("waiting for your reference"));
    w.app.clock.advance(Duration::hours(2));
    w.app.worker.tick().await.unwrap();
    assert_eq!(w.smtp.messages().len(), 3);
}

#[actix_web::test]
async fn smtp_failures_are_retried_with_back_off_and_every_attempt_is_recorded() {
    let w = world().await;
    let created = w.request("flaky@example.org", true).await;
    w.smtp.fail_next(2);
    let round = w.app.worker.tick().await.unwrap();
    assert_eq!(round.failed, 1);
    // Not due again before the back-off (one minute, then two).
    assert_eq!(w.app.worker.tick().await.unwrap().failed, 0);
    w.app.clock.advance(Duration::seconds(61));
    assert_eq!(w.app.worker.tick().await.unwrap().failed, 1);
    w.app.clock.advance(Duration::seconds(61));
    assert_eq!(
        w.app.worker.tick().await.unwrap().sent,
        0,
        "still backing off"
    );
    w.app.clock.advance(Duration::seconds(61));
    assert_eq!(w.app.worker.tick().await.unwrap().sent, 1);
    assert_eq!(
        w.smtp
            .wait_for(1, std::time::Duration::from_secs(5))
            .await
            .len(),
        1
    );

    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let page: OutboxPage =
        expect_json(w.app.get_as("/api/v1/outbox", &admin).await, StatusCode::OK).await;
    let summary = page
        .items
        .iter()
        .find(|m| m.kind == endorse_shared::mail::MailKind::ReferenceRequest)
        .expect("the request");
    assert_eq!(summary.status, MailStatus::Sent);
    assert_eq!(summary.attempts, 3);
    let message: MailMessage = expect_json(
        w.app
            .get_as(&format!("/api/v1/outbox/{}", summary.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let oks: Vec<bool> = message.attempts.iter().map(|a| a.ok).collect();
    assert_eq!(oks, [false, false, true]);
    assert!(message.attempts[0]
        .error
        .as_deref()
        .unwrap()
        .contains("451"));
    // The stored body never holds the secret link.
    let token = created.link.rsplit('/').next().unwrap();
    assert!(!message.body_text.contains(token) && !message.body_html.contains(token));
    assert!(message.body_text.contains("{referee_link}"));

    // A refusal for good is not retried, and the applicant sees why.
    w.smtp.refuse_recipients(true);
    w.request("nobody@example.org", true).await;
    let round = w.app.worker.tick().await.unwrap();
    assert_eq!(round.failed, 1);
    let failed = w
        .references()
        .await
        .into_iter()
        .find(|r| r.request.referee_email == "nobody@example.org")
        .unwrap();
    assert_eq!(failed.status, ReferenceStatus::DeliveryFailed);
    assert!(failed.delivery.unwrap().last_error.unwrap().contains("550"));
    w.app.clock.advance(Duration::hours(7));
    assert_eq!(w.app.worker.tick().await.unwrap().failed, 0, "given up");

    // An admin may put it back in the queue.
    let failed_id = outbox_id_for(&w, &admin, "nobody@example.org").await;
    w.smtp.refuse_recipients(false);
    let retried = w
        .app
        .post_as(
            &format!("/api/v1/outbox/{failed_id}/retry"),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(retried.status(), StatusCode::OK);
    assert_eq!(w.app.worker.tick().await.unwrap().sent, 1);
    let twice = w
        .app
        .post_as(
            &format!("/api/v1/outbox/{failed_id}/retry"),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
}

async fn outbox_id_for(w: &World, admin: &str, to: &str) -> uuid::Uuid {
    let page: OutboxPage = expect_json(
        w.app
            .get_as(&format!("/api/v1/outbox?to={to}"), admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page.total, 1);
    page.items[0].id
}

#[actix_web::test]
async fn a_worker_that_dies_mid_delivery_loses_nothing_and_sends_once() {
    let w = world().await;
    w.request("steady@example.org", true).await;
    // Another worker claims the message and dies before recording anything.
    let now = w.app.clock.now();
    let claimed = w
        .app
        .db
        .run(move |conn| {
            let due = outbox::due(conn, now, 10)?;
            outbox::claim(conn, &due[0], now, now + endorse_api::mail::worker::LEASE)
        })
        .await
        .unwrap();
    assert!(claimed.is_some());
    // While its lease runs, nobody else sends it.
    assert_eq!(w.app.worker.tick().await.unwrap().sent, 0);
    assert!(w.smtp.messages().is_empty());
    // When the lease runs out, it is delivered, once.
    w.app.clock.advance(Duration::minutes(6));
    assert_eq!(w.app.worker.tick().await.unwrap().sent, 1);
    w.app.clock.advance(Duration::minutes(6));
    assert_eq!(w.app.worker.tick().await.unwrap().sent, 0);
    assert_eq!(
        w.smtp
            .wait_for(1, std::time::Duration::from_secs(5))
            .await
            .len(),
        1
    );
}

#[actix_web::test]
async fn guessing_links_is_rate_limited_per_address() {
    let w = world().await;
    let created = w.request("real@example.org", true).await;
    for attempt in 0..20 {
        let token = format!("{attempt:0>43}");
        let response = w
            .app
            .client
            .get(w.app.url(&format!("/api/v1/referee/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let junk = w
        .app
        .client
        .get(w.app.url("/api/v1/referee/x"))
        .send()
        .await
        .unwrap();
    assert_eq!(junk.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(junk.headers().contains_key("retry-after"));
    // The limit is per address: even a real link waits now.
    let real = w
        .app
        .client
        .get(w.app.url(&api_path(&created.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(real.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn bad_requests_name_their_fields_and_change_nothing() {
    let w = world().await;
    let response = w
        .app
        .post_as(
            "/api/v1/references",
            &w.applicant,
            &json!({
                "category": "NOPE", "referee_name": "", "referee_email": "not-mail",
                "relationship": "current_supervisor", "known_since": "2099-01-01", "waive_access": true
            }),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<&str> = problem.errors.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        ["category", "known_since", "referee_email", "referee_name"]
    );
    let wrong_shape = w
        .app
        .post_as(
            "/api/v1/references",
            &w.applicant,
            &json!({ "relationship": "boss" }),
        )
        .await;
    assert_eq!(wrong_shape.status(), StatusCode::BAD_REQUEST);
    assert!(w.references().await.is_empty());
    w.app.worker.tick().await.unwrap();
    assert!(w.smtp.messages().is_empty());
    let anonymous = w
        .app
        .client
        .get(w.app.url("/api/v1/references"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let not_admin = w.app.get_as("/api/v1/outbox", &w.applicant).await;
    assert_eq!(not_admin.status(), StatusCode::FORBIDDEN);
    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let bad_status = w.app.get_as("/api/v1/outbox?status=lost", &admin).await;
    assert_eq!(bad_status.status(), StatusCode::BAD_REQUEST);
    let problem = expect_problem(
        w.app.get_as("/api/v1/outbox?per_page=1000", &admin).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(problem.errors.contains_key("per_page"));
    let not_an_id = w.app.get_as("/api/v1/outbox/not-an-id", &admin).await;
    assert_eq!(not_an_id.status(), StatusCode::NOT_FOUND);
    let unknown = w
        .app
        .post_as(
            &format!("/api/v1/outbox/{}/retry", uuid::Uuid::new_v4()),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn without_smtp_mail_lands_in_the_log_and_the_outbox_page() {
    let app = spawn_app().await;
    let applicant = app.register("ada@example.org", "Ada Lovelace").await;
    let created: ReferenceView = expect_json(
        app.post_as(
            "/api/v1/references",
            &applicant.access_token,
            &request_body("sam@example.org", "current_supervisor", true),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(app.worker.tick().await.unwrap().sent, 1);
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let page: OutboxPage =
        expect_json(app.get_as("/api/v1/outbox", &admin).await, StatusCode::OK).await;
    // Beside it, the registration's confirmation (opened already, so skipped).
    let request = page
        .items
        .iter()
        .find(|m| m.kind == endorse_shared::mail::MailKind::ReferenceRequest)
        .expect("the request");
    assert_eq!(request.status, MailStatus::Sent);
    let message: MailMessage = expect_json(
        app.get_as(&format!("/api/v1/outbox/{}", request.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(message.attempts[0].transport, "log");
    let views: Vec<ReferenceView> = expect_json(
        app.get_as("/api/v1/references", &applicant.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(views[0].status, ReferenceStatus::Sent);
    // Only an admin copies the link, for a referee who writes in; the copy is
    // in the audit log of the applicant's open application.
    let path = format!("/api/v1/references/{}/link", created.id);
    assert_eq!(
        app.get_as(&path, &applicant.access_token).await.status(),
        StatusCode::FORBIDDEN
    );
    let draft: serde_json::Value = expect_json(
        app.post_as(
            "/api/v1/me/applications",
            &applicant.access_token,
            &json!({ "category": "IFS" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let link = referee_link(&app, &admin, &created.id.to_string()).await;
    assert!(link.contains("/referee/"), "{link}");
    let audit = app
        .get_as(
            &format!(
                "/api/v1/applications/{}/audit",
                draft["id"].as_str().unwrap()
            ),
            &admin,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(audit.contains("referee_link_copied"), "{audit}");
}

#[actix_web::test]
async fn a_resend_to_a_corrected_address_retires_the_old_link_and_a_bad_one_changes_nothing() {
    let w = world().await;
    let asked = w.request("sam@employer.example", true).await;
    w.deliver(1).await;
    let path = format!("/api/v1/references/{}/resend", asked.reference.id);
    // A bad address, or an unknown field, is refused and changes nothing.
    for body in [
        json!({ "referee_email": "not an address" }),
        json!({ "referee_email": format!("{}@example.org", "x".repeat(250)) }),
    ] {
        let problem = expect_problem(
            w.app.post_as(&path, &w.applicant, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(problem.errors.contains_key("referee_email"), "{problem:?}");
    }
    let unknown = w
        .app
        .post_as(&path, &w.applicant, &json!({ "email": "sam@home.example" }))
        .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        w.references().await[0].request.referee_email,
        "sam@employer.example"
    );
    let still = w
        .app
        .client
        .get(w.app.url(&api_path(&asked.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        still.status(),
        StatusCode::OK,
        "a refused re-send keeps the link"
    );

    // The corrected address gets a new link; the old one stops working.
    let resent = w
        .asked(
            w.app
                .post_as(
                    &path,
                    &w.applicant,
                    &json!({ "referee_email": "Sam@Home.Example" }),
                )
                .await,
            StatusCode::OK,
        )
        .await;
    assert_eq!(resent.reference.request.referee_email, "sam@home.example");
    let mails = w.deliver(2).await;
    assert_eq!(mails[1].to, ["sam@home.example"]);
    assert_eq!(
        mails[1].referee_link().as_deref(),
        Some(resent.link.as_str())
    );
    let old = w
        .app
        .client
        .get(w.app.url(&api_path(&asked.link)))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    // Another applicant cannot re-send it; an admin asking for an unknown
    // request's link gets a 404.
    let eve = w.app.register("eve@example.org", "Eve Example").await;
    let refused = w.app.post_as(&path, &eve.access_token, &json!({})).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let missing = w
        .app
        .get_as(
            &format!("/api/v1/references/{}/link", uuid::Uuid::new_v4()),
            &w.coordinator,
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_referee_reads_the_language_the_applicant_chose_and_may_change_it() {
    let w = world().await;
    let mut body = request_body("sam@example.org", "current_supervisor", true);
    body["language"] = json!("es");
    let asked = w
        .asked(
            w.app
                .post_as("/api/v1/references", &w.applicant, &body)
                .await,
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(asked.reference.request.language, Some(Lang::Es));
    // The mail is in the request's language, not the association's.
    let mail = w.deliver(1).await.remove(0);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Solicitud de referencia para Ada Lovelace")
    );
    let text = mail.text();
    assert!(text.starts_with("Estimado/a "), "{text}");
    assert!(
        text.contains("le describió como su supervisor actual"),
        "{text}"
    );
    let path = referee_api_path(&asked.link);
    let open = |accept: &'static str| {
        let (client, url) = (w.app.client.clone(), w.app.url(&path));
        async move {
            client
                .get(url)
                .header("accept-language", accept)
                .send()
                .await
                .expect("request")
        }
    };
    // The referee's browser says English; the request is in Spanish.
    let opened = open("en-US").await;
    assert_eq!(opened.headers()["content-language"], "es");
    let invitation: endorse_shared::references::RefereeInvitation =
        expect_json(opened, StatusCode::OK).await;
    assert_eq!(invitation.language, Lang::Es);
    let domain = &invitation.domains[0];
    assert!(!domain.description.get(Lang::Es).is_empty());
    // A wrong answer is explained in Spanish.
    let refused = w
        .app
        .client
        .put(w.app.url(&format!("{path}/draft")))
        .json(&json!({ "ratings": { "administration": "strong" } }))
        .send()
        .await
        .expect("request");
    let problem = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.field_errors("ratings.administration"),
        ["no es un área de competencia"]
    );
    // The referee switches to English; the request keeps it.
    let switched = w
        .app
        .client
        .put(w.app.url(&format!("{path}/language")))
        .json(&json!({ "language": "en" }))
        .send()
        .await
        .expect("request");
    assert_eq!(switched.status(), StatusCode::NO_CONTENT);
    assert_eq!(switched.headers()["content-language"], "en");
    let reopened = open("es").await;
    assert_eq!(reopened.headers()["content-language"], "en");
    let view: Vec<ReferenceView> = expect_json(
        w.app.get_as("/api/v1/references", &w.applicant).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view[0].request.language, Some(Lang::En));
    // Only the languages Endorse speaks.
    let french = w
        .app
        .client
        .put(w.app.url(&format!("{path}/language")))
        .json(&json!({ "language": "fr" }))
        .send()
        .await
        .expect("request");
    assert_eq!(french.status(), StatusCode::BAD_REQUEST);
    // The applicant reads Spanish: what the referee did is mailed in it.
    let chosen = w
        .app
        .put_as(
            "/api/v1/me/language",
            &w.applicant,
            None,
            &json!({ "language": "es" }),
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let declined = w
        .app
        .client
        .post(w.app.url(&format!("{path}/decline")))
        .json(&json!({ "reason": "No la conozco lo suficiente." }))
        .send()
        .await
        .expect("request");
    assert_eq!(declined.status(), StatusCode::OK);
    let told = w.deliver(2).await.remove(1).text();
    assert!(
        told.contains("Sam Rivera declinó darle una evaluación de referencia"),
        "{told}"
    );
}
