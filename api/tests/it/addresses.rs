//! People's own accounts: confirming the address, changing it, changing the
//! name; and what admins do to accounts: disable, enable, send a link to
//! choose a password, change a name or an address with a reason. Every
//! admin action is in the association's log.

use crate::helpers::*;
use crate::smtp::{ReceivedMail, SmtpServer};
use endorse_api::config::SmtpUrl;
use endorse_shared::auth::SessionResponse;
use endorse_shared::users::{ConfirmationSent, EmailConfirmed, UserResponse};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

struct World {
    app: TestApp,
    smtp: SmtpServer,
}

async fn world() -> World {
    let smtp = SmtpServer::start().await.expect("start SMTP");
    let url = smtp.url();
    let app = spawn_app_with(move |settings| {
        settings.mail.smtp_url = Some(SmtpUrl::parse(&url).expect("smtp url"));
        settings.mail.association_name = "Michigan Association".into();
    })
    .await;
    World { app, smtp }
}

impl World {
    /// Delivers what is due; the messages that arrived to `to`.
    async fn mail_to(&self, to: &str) -> Vec<ReceivedMail> {
        self.app.worker.tick().await.expect("mail round");
        self.smtp
            .messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == to))
            .collect()
    }

    async fn confirm(&self, token: &str) -> reqwest::Response {
        self.app
            .post("/api/v1/auth/email/confirm", &json!({ "token": token }))
            .await
    }

    async fn me(&self, token: &str) -> UserResponse {
        expect_json(self.app.get_as("/api/v1/me", token).await, StatusCode::OK).await
    }

    /// The association's log, as an admin reads it.
    async fn events(&self, admin: &str) -> Vec<Value> {
        let page: Value = expect_json(
            self.app.get_as("/api/v1/association/events", admin).await,
            StatusCode::OK,
        )
        .await;
        page["items"]
            .as_array()
            .or_else(|| page.as_array())
            .cloned()
            .unwrap_or_default()
    }
}

/// The token of a mailed `/confirm-email/{token}` link.
fn confirm_token(mail: &ReceivedMail) -> String {
    let link = mail.link_to("/confirm-email/").expect("a link to confirm");
    link.rsplit('/').next().unwrap_or_default().to_string()
}

#[actix_web::test]
async fn registering_mails_a_link_that_confirms_the_address_once() {
    let w = world().await;
    let ada = w
        .app
        .register_unconfirmed("ada@example.org", "Ada Lovelace")
        .await;
    assert!(!ada.user.email_verified);
    // The portfolio is open meanwhile.
    let portfolio = w
        .app
        .get_as("/api/v1/me/portfolio", &ada.access_token)
        .await
        .status();
    assert_eq!(portfolio, StatusCode::OK);

    let mails = w.mail_to("ada@example.org").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text().contains("Confirm this address"));
    let token = confirm_token(&mails[0]);
    let confirmed: EmailConfirmed = expect_json(w.confirm(&token).await, StatusCode::OK).await;
    assert_eq!(confirmed.email, "ada@example.org");
    assert!(w.me(&ada.access_token).await.email_verified);
    // Once only; a forged or malformed token is the same 410.
    expect_problem(w.confirm(&token).await, StatusCode::GONE).await;
    let forged = format!("{}A", &token[..token.len() - 1]);
    expect_problem(w.confirm(&forged).await, StatusCode::GONE).await;
    expect_problem(w.confirm("../../etc").await, StatusCode::GONE).await;
    expect_problem(
        w.app
            .post("/api/v1/auth/email/confirm", &json!({ "token": 7 }))
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    // Asking again once confirmed is a conflict.
    expect_problem(
        w.app
            .post_as(
                "/api/v1/me/email/confirmation",
                &ada.access_token,
                &json!({}),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
}

#[actix_web::test]
async fn a_new_link_retires_the_older_and_a_week_ends_it() {
    let w = world().await;
    let ada = w
        .app
        .register_unconfirmed("ada@example.org", "Ada Lovelace")
        .await;
    let first = w
        .app
        .newest_account_link(ada.user.id, "email_confirm")
        .await
        .unwrap();
    let sent: ConfirmationSent = expect_json(
        w.app
            .post_as(
                "/api/v1/me/email/confirmation",
                &ada.access_token,
                &json!({}),
            )
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(
        (sent.email.as_str(), sent.valid_days),
        ("ada@example.org", 7)
    );
    expect_problem(w.confirm(&first).await, StatusCode::GONE).await;
    let second = w
        .app
        .newest_account_link(ada.user.id, "email_confirm")
        .await
        .unwrap();
    // Only the newest is delivered: the older was retired before the round.
    let mails = w.mail_to("ada@example.org").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(confirm_token(&mails[0]), second);
    w.app.clock.advance(chrono::Duration::days(8));
    expect_problem(w.confirm(&second).await, StatusCode::GONE).await;
}

#[actix_web::test]
async fn a_new_address_takes_effect_once_confirmed_and_the_old_one_is_told() {
    let w = world().await;
    let ada = w.app.register("ada@example.org", "Ada Lovelace").await;
    // The password is asked for; a wrong one changes nothing.
    let problem = expect_problem(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "ada@new.example", "password": "not the password at all" }),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!problem.field_errors("password").is_empty(), "{problem:?}");
    let bad = expect_problem(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "not an address", "password": PASSWORD }),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!bad.field_errors("email").is_empty(), "{bad:?}");
    let same = expect_problem(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "ADA@example.org", "password": PASSWORD }),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!same.field_errors("email").is_empty(), "{same:?}");
    w.app.register("grace@example.org", "Grace Hopper").await;
    expect_problem(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "grace@example.org", "password": PASSWORD }),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;

    let sent: ConfirmationSent = expect_json(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": " Ada@New.Example ", "password": PASSWORD }),
            )
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(sent.email, "ada@new.example");
    let me = w.me(&ada.access_token).await;
    assert_eq!(
        me.email, "ada@example.org",
        "nothing changes until confirmed"
    );
    assert_eq!(me.pending_email.as_deref(), Some("ada@new.example"));

    let mails = w.mail_to("ada@new.example").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text().contains("until you do, your account keeps"));
    let confirmed: EmailConfirmed =
        expect_json(w.confirm(&confirm_token(&mails[0])).await, StatusCode::OK).await;
    assert_eq!(confirmed.email, "ada@new.example");
    let me = w.me(&ada.access_token).await;
    assert_eq!(me.email, "ada@new.example");
    assert!(me.email_verified && me.pending_email.is_none());
    let told = w.mail_to("ada@example.org").await;
    assert_eq!(told.len(), 1, "the old address is told");
    assert!(told[0].text().contains("now signs in with ada@new.example"));
    // Sign-in is with the new address only.
    assert_eq!(
        w.app.login("ada@example.org", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        w.app.login("ada@new.example", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[actix_web::test]
async fn an_address_taken_meanwhile_is_not_taken_over() {
    let w = world().await;
    let ada = w.app.register("ada@example.org", "Ada Lovelace").await;
    expect_json::<ConfirmationSent>(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "shared@example.org", "password": PASSWORD }),
            )
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let token = w
        .app
        .newest_account_link(ada.user.id, "email_confirm")
        .await
        .unwrap();
    // Someone registers the address before Ada opens the link.
    w.app
        .register_unconfirmed("shared@example.org", "Someone Else")
        .await;
    expect_problem(w.confirm(&token).await, StatusCode::CONFLICT).await;
    let me = w.me(&ada.access_token).await;
    assert_eq!(me.email, "ada@example.org");
    assert!(me.pending_email.is_none());
}

#[actix_web::test]
async fn twenty_racing_confirmations_change_the_address_once() {
    let w = world().await;
    let ada = w.app.register("ada@example.org", "Ada Lovelace").await;
    expect_json::<ConfirmationSent>(
        w.app
            .post_as(
                "/api/v1/me/email",
                &ada.access_token,
                &json!({ "email": "ada@new.example", "password": PASSWORD }),
            )
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let token = w
        .app
        .newest_account_link(ada.user.id, "email_confirm")
        .await
        .unwrap();
    let answers = futures_util::future::join_all((0..20).map(|_| w.confirm(&token))).await;
    let statuses: Vec<StatusCode> = answers.iter().map(reqwest::Response::status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::GONE));
    let told = w.mail_to("ada@example.org").await;
    assert_eq!(told.len(), 1, "the old address is told once");
}

#[actix_web::test]
async fn the_name_is_ones_own_to_correct_and_the_change_is_logged() {
    let w = world().await;
    let ada = w.app.register("ada@example.org", "Ada Lovelace").await;
    let bad = expect_problem(
        w.app
            .patch_as("/api/v1/me", &ada.access_token, &json!({ "name": "   " }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!bad.field_errors("name").is_empty(), "{bad:?}");
    let changed: UserResponse = expect_json(
        w.app
            .patch_as(
                "/api/v1/me",
                &ada.access_token,
                &json!({ "name": " Ada King, Countess of Lovelace " }),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.name, "Ada King, Countess of Lovelace");
    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let events = w.events(&admin).await;
    let event = events
        .iter()
        .find(|e| e["action"] == "name_changed")
        .expect("the change is logged");
    assert!(event["details"]
        .as_str()
        .unwrap_or_default()
        .contains("\"Ada Lovelace\" to \"Ada King, Countess of Lovelace\""));
}

#[actix_web::test]
async fn a_disabled_account_is_signed_out_at_once_and_cannot_come_back() {
    let w = world().await;
    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let reviewer = w
        .app
        .user_with_role(Role::Reviewer, "ruth@example.org")
        .await;
    let reviewer_id = w.me(&reviewer).await.id;
    let path = format!("/api/v1/users/{reviewer_id}/disable");
    // A reason is needed.
    let problem = expect_problem(
        w.app.post_as(&path, &admin, &json!({ "reason": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(!problem.field_errors("reason").is_empty(), "{problem:?}");
    // Only admins may.
    expect_problem(
        w.app
            .post_as(&path, &reviewer, &json!({ "reason": "no" }))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;

    let disabled: UserResponse = expect_json(
        w.app
            .post_as(
                &path,
                &admin,
                &json!({ "reason": "Left the reviewer pool" }),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(disabled.disabled_at.is_some());
    assert_eq!(
        disabled.disabled_reason.as_deref(),
        Some("Left the reviewer pool")
    );
    // The open session ends at once: the access token and the refresh cookie.
    let problem = expect_problem(
        w.app.get_as("/api/v1/me", &reviewer).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert!(problem.message().contains("disabled"), "{problem:?}");
    assert_eq!(
        w.app
            .post("/api/v1/auth/refresh", &json!({}))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // Signing in says why, only to someone with the password.
    let refused = expect_problem(
        w.app.login("ruth@example.org", PASSWORD).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(refused.message().contains("disabled"), "{refused:?}");
    expect_problem(
        w.app
            .login("ruth@example.org", "a wrong password here")
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // "Forgot your password?" sends nothing, with the same answer.
    let asked = w
        .app
        .post(
            "/api/v1/auth/password-reset",
            &json!({ "email": "ruth@example.org" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    assert!(w.mail_to("ruth@example.org").await.is_empty());
    // Nor may an admin send one until the account is enabled.
    expect_problem(
        w.app
            .post_as(
                &format!("/api/v1/users/{reviewer_id}/password-reset"),
                &admin,
                &json!({}),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;

    let enabled: UserResponse = expect_json(
        w.app
            .post_as(
                &format!("/api/v1/users/{reviewer_id}/enable"),
                &admin,
                &json!({}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(enabled.disabled_at.is_none());
    expect_json::<SessionResponse>(
        w.app.login("ruth@example.org", PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<String> = w
        .events(&admin)
        .await
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_string))
        .collect();
    assert!(
        actions.contains(&"account_disabled".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"account_enabled".to_string()),
        "{actions:?}"
    );
}

#[actix_web::test]
async fn an_admin_cannot_disable_themselves_nor_the_last_admin_and_racing_admins_leave_one() {
    let w = world().await;
    let first = w.app.user_with_role(Role::Admin, "first@example.org").await;
    let first_id = w.me(&first).await.id;
    expect_problem(
        w.app
            .post_as(
                &format!("/api/v1/users/{first_id}/disable"),
                &first,
                &json!({ "reason": "testing" }),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let second = w
        .app
        .user_with_role(Role::Admin, "second@example.org")
        .await;
    let second_id = w.me(&second).await.id;
    // Each disables the other at the same moment: one of them stays.
    let (to_second, to_first) = (
        format!("/api/v1/users/{second_id}/disable"),
        format!("/api/v1/users/{first_id}/disable"),
    );
    let reason = json!({ "reason": "race" });
    let (a, b) = futures_util::join!(
        w.app.post_as(&to_second, &first, &reason),
        w.app.post_as(&to_first, &second, &reason),
    );
    let statuses = [a.status(), b.status()];
    assert!(
        statuses.contains(&StatusCode::OK),
        "one of them is disabled: {statuses:?}"
    );
    let admins: endorse_shared::users::UserListResponse = {
        let token = if a.status() == StatusCode::OK {
            &first
        } else {
            &second
        };
        expect_json(
            w.app.get_as("/api/v1/users?role=admin", token).await,
            StatusCode::OK,
        )
        .await
    };
    let enabled = admins
        .items
        .iter()
        .filter(|u| u.disabled_at.is_none())
        .count();
    assert_eq!(enabled, 1, "{:?}", admins.items);
}

#[actix_web::test]
async fn an_admin_sends_a_link_to_choose_a_password_and_changes_an_address_with_a_reason() {
    let w = world().await;
    let admin = w.app.user_with_role(Role::Admin, "admin@example.org").await;
    let ada = w.app.register("ada@example.org", "Ada Lovelace").await;
    let id = ada.user.id;
    let sent = w
        .app
        .post_as(
            &format!("/api/v1/users/{id}/password-reset"),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::ACCEPTED);
    let mails = w.mail_to("ada@example.org").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0]
        .text()
        .contains("An administrator of Michigan Association"));
    assert!(mails[0].link_to("/reset-password/").is_some());
    // The password stays until the link is used.
    assert_eq!(
        w.app.login("ada@example.org", PASSWORD).await.status(),
        StatusCode::OK
    );

    let changed: UserResponse = expect_json(
        w.app
            .patch_as(
                &format!("/api/v1/users/{id}"),
                &admin,
                &json!({
                    "email": "ada.lovelace@example.org",
                    "name": "Ada King",
                    "reason": "She wrote from her old address"
                }),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.email, "ada.lovelace@example.org");
    assert_eq!(changed.name, "Ada King");
    assert!(
        !changed.email_verified,
        "an address an admin set is unconfirmed"
    );
    let old = w.mail_to("ada@example.org").await;
    assert_eq!(old.len(), 2, "the old address is told");
    let new = w.mail_to("ada.lovelace@example.org").await;
    assert_eq!(new.len(), 1);
    expect_json::<EmailConfirmed>(w.confirm(&confirm_token(&new[0])).await, StatusCode::OK).await;
    // A taken address is a conflict that changes nothing.
    w.app.register("grace@example.org", "Grace Hopper").await;
    expect_problem(
        w.app
            .patch_as(
                &format!("/api/v1/users/{id}"),
                &admin,
                &json!({ "email": "grace@example.org", "name": "Not Applied" }),
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let account: UserResponse = expect_json(
        w.app.get_as(&format!("/api/v1/users/{id}"), &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(account.name, "Ada King");
    assert!(account.email_verified);
    let events = w.events(&admin).await;
    let reasons: Vec<&str> = events
        .iter()
        .filter(|e| e["action"] == "email_changed" || e["action"] == "name_changed")
        .filter_map(|e| e["details"].as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .filter(|d| d.contains("Reason: She wrote from her old address"))
            .count()
            >= 2,
        "{reasons:?}"
    );
    assert!(events.iter().any(|e| e["action"] == "reset_sent"));
}

#[actix_web::test]
async fn mail_that_matters_asks_an_unconfirmed_person_to_confirm_first() {
    let w = world().await;
    let ada = w
        .app
        .register_unconfirmed("ada@example.org", "Ada Lovelace")
        .await;
    w.mail_to("ada@example.org").await;
    // A referee declines: the applicant is told, and asked to confirm.
    let asked = w
        .app
        .post_as(
            "/api/v1/references",
            &ada.access_token,
            &json!({
                "category": "IFS",
                "referee_name": "Sam Rivera",
                "referee_email": "sam@example.org",
                "relationship": "current_supervisor",
                "known_since": "2019-03-01",
                "waive_access": true,
            }),
        )
        .await;
    assert_eq!(
        asked.status(),
        StatusCode::CREATED,
        "{:?}",
        asked.text().await
    );
    let link = w
        .mail_to("sam@example.org")
        .await
        .first()
        .and_then(ReceivedMail::referee_link)
        .expect("the referee's link");
    let token = link.rsplit('/').next().unwrap_or_default().to_string();
    let declined = w
        .app
        .post(
            &format!("/api/v1/referee/{token}/decline"),
            &json!({ "reason": "I do not know her work well enough." }),
        )
        .await;
    assert!(
        declined.status().is_success(),
        "{:?}",
        declined.text().await
    );
    let mails = w.mail_to("ada@example.org").await;
    let notice = mails.last().expect("the notice");
    assert!(
        notice.text().contains("not confirmed yet"),
        "{}",
        notice.text()
    );
    // Once confirmed, mail no longer asks.
    w.app.confirm_address(ada.user.id).await;
}
