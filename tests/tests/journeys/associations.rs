//! Journeys of a deployment that serves several associations: the operator
//! makes an association, its first admin sets it up, and an applicant of
//! the new association applies, all at the association's own path.

use anyhow::{ensure, Context, Result};
use endorse_tests::steps::{portfolio_on, PASSWORD};
use endorse_tests::{seed, start_server, Browser};

#[actix_web::test]
async fn an_operator_makes_an_association_its_admin_sets_it_up_and_an_applicant_applies(
) -> Result<()> {
    let server = start_server().await?;
    server.create_operator("olive@platform.example.org", "Olive Operator", PASSWORD)?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        // The operator signs in at the deployment's /platform page.
        browser.open(&format!("{}/platform", server.base)).await?;
        browser
            .wait_for_heading("Platform operators: sign in")
            .await?;
        browser
            .fill("field-operator_email", "olive@platform.example.org")
            .await?;
        browser.fill("field-operator_password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Platform").await?;
        browser.wait_for("table tbody tr").await?;

        // A bad code is refused beside its field.
        browser.fill("field-code", "Michigan!").await?;
        browser
            .fill("field-association_name", "Michigan Association")
            .await?;
        browser.fill("field-time_zone", "America/Detroit").await?;
        browser
            .fill("field-admin_email", "coordinator@mi.example.org")
            .await?;
        browser.press("Make the association").await?;
        browser.wait_for("#field-code-error").await?;

        browser.fill("field-code", "mi").await?;
        browser.press("Make the association").await?;
        let password = browser
            .wait_for("#created-password")
            .await?
            .text()
            .await?
            .trim()
            .to_string();
        ensure!(!password.is_empty(), "a one-time password is shown");
        browser
            .wait_for_text("tbody th", "Michigan Association")
            .await?;

        // Its first admin signs in at /a/mi/ and chooses a password.
        browser.open(&format!("{}/a/mi/sign-in", server.base)).await?;
        browser.wait_for_heading("Sign in").await?;
        browser
            .wait_for_text(".brand__name", "Michigan Association")
            .await?;
        browser
            .fill("field-email", "coordinator@mi.example.org")
            .await?;
        browser.fill("field-password", &password).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Choose a new password").await?;
        browser.fill("field-current_password", &password).await?;
        browser.fill("field-new_password", PASSWORD).await?;
        browser.press("Change password").await?;
        browser.wait_for_heading("Overview").await?;

        // ... and sets it up: its name, colour, and the shared registry.
        browser.follow("Settings").await?;
        browser.wait_for_heading("Association settings").await?;
        browser.fill("field-primary_colour", "#ffee00").await?;
        browser.press("Save settings").await?;
        browser
            .wait_for_text("#field-primary_colour-error", "contrast")
            .await?;
        browser.fill("field-primary_colour", "#5b2a86").await?;
        browser
            .fill("field-name", "Michigan Association for Infant Mental Health")
            .await?;
        browser.wait_for("#field-registry_shared").await?.click().await?;
        browser.press("Save settings").await?;
        browser.wait_for_text(".notice", "Saved").await?;
        browser.client.refresh().await?;
        browser.wait_for_heading("Association settings").await?;
        browser
            .wait_for_text(".brand__name", "for Infant Mental Health")
            .await?;
        let colour = browser
            .client
            .execute(
                "return getComputedStyle(document.documentElement).getPropertyValue('--brand').trim();",
                vec![],
            )
            .await?;
        ensure!(
            colour.as_str() == Some("#5b2a86"),
            "the page wears the association's colour: {colour}"
        );
        let shared = browser.wait_for("#field-registry_shared").await?;
        ensure!(
            shared.prop("checked").await?.as_deref() == Some("true"),
            "taking part in the shared registry is saved"
        );
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;

        // An applicant of the new association registers there and applies.
        browser.open(&format!("{}/a/mi/sign-up", server.base)).await?;
        browser
            .wait_for_heading("Create an applicant account")
            .await?;
        browser.fill("field-name", "Ada Lovelace").await?;
        browser.fill("field-email", "ada@mi.example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Create account").await?;
        browser.wait_for_heading("Welcome, Ada Lovelace").await?;
        seed::ifs_portfolio_in(&server.db_of("mi")?, "ada@mi.example.org", true).await?;
        portfolio_on(&browser, "IFS").await?;
        browser.press("Start an application for IFS").await?;
        browser.press("Submit your application").await?;
        browser.wait_for_text(".muted", "Submitted on").await?;
        let path = browser.client.current_url().await?.path().to_string();
        ensure!(path.starts_with("/a/mi/"), "the app stays at /a/mi/: {path}");

        // The application is Michigan's, and nowhere else.
        let count = |db: endorse_api::db::Db| async move {
            db.run(|conn| {
                endorse_api::db::applications::count(
                    conn,
                    &Default::default(),
                    endorse_api::calendar::Calendar::utc(),
                )
            })
            .await
            .map(|(total, _)| total)
            .context("count the applications")
        };
        ensure!(count(server.db_of("mi")?).await? == 1, "Michigan has it");
        ensure!(count(server.db.clone()).await? == 0, "the default association has none");
        Ok(())
    }
    .await;
    browser
        .finish(
            "an_operator_makes_an_association_its_admin_sets_it_up_and_an_applicant_applies",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn on_a_360_pixel_phone_the_operators_and_settings_pages_do_not_scroll_sideways() -> Result<()>
{
    let server = start_server().await?;
    server.create_operator("olive@platform.example.org", "Olive Operator", PASSWORD)?;
    server
        .create_user(endorse_shared::Role::Admin, "admin@example.org", PASSWORD)
        .await?;
    server
        .create_user(endorse_shared::Role::Applicant, "ada@example.org", PASSWORD)
        .await?;
    let browser = Browser::start(360, 740).await?;
    let outcome = async {
        browser.open(&format!("{}/platform", server.base)).await?;
        browser
            .fill("field-operator_email", "olive@platform.example.org")
            .await?;
        browser.fill("field-operator_password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for("table tbody tr").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the operators' page scrolls sideways"
        );
        browser.open(&format!("{}/registry", server.base)).await?;
        browser.follow("Search every association").await?;
        browser.wait_for_heading("Search every association").await?;
        browser.wait_for("#everywhere-association").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the search across associations scrolls sideways"
        );
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.fill("field-email", "admin@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Overview").await?;
        browser
            .open(&format!("{}/admin/association", server.base))
            .await?;
        browser.wait_for_heading("Association settings").await?;
        browser.wait_for("#field-mail_from").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the settings page scrolls sideways"
        );
        browser
            .open(&format!("{}/admin/recognitions", server.base))
            .await?;
        browser.wait_for_heading("Recognitions").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the recognitions page scrolls sideways"
        );
        // The holder's side: asking for recognition (sign out is in the menu).
        browser.wait_for(".menu-toggle").await?.click().await?;
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Welcome").await?;
        browser.follow("Ask for recognition").await?;
        browser
            .wait_for_heading("Recognition of an endorsement")
            .await?;
        browser.wait_for("#field-code").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the page to ask for recognition scrolls sideways"
        );
        Ok(())
    }
    .await;
    browser
        .finish(
            "on_a_360_pixel_phone_the_operators_and_settings_pages_do_not_scroll_sideways",
            outcome,
        )
        .await
}
