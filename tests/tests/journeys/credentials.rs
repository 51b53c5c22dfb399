//! Browser journeys through the credential: issued by an admin's decision,
//! downloaded by its holder, found and verified by a visitor, and read as
//! revoked once the association revokes it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use anyhow::{ensure, Result};
use endorse_tests::steps::{
    click, open_the_application, sign_in, sign_out, submit_application, PASSWORD,
};
use endorse_tests::{seed, start_server, Browser};

#[actix_web::test]
async fn a_holder_downloads_her_credential_and_a_visitor_verifies_it_until_it_is_revoked(
) -> Result<()> {
    let server = start_server().await?;
    seed::ada_and_coordinator(&server, PASSWORD).await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        // The applicant submits.
        submit_application(&browser, &server, "ada@example.org", "IFS").await?;

        // The admin decides: the endorsement is issued, with its credential.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser.press("Start the review").await?;
        browser
            .wait_for_text("#process-heading + p", "Under review")
            .await?;
        browser
            .fill("field-transition-reason", "Congratulations.")
            .await?;
        browser.press("Endorse").await?;
        let heading = browser
            .wait_for_text("#endorsement-heading", "Endorsement AL-IFS-")
            .await?
            .text()
            .await?;
        let number = heading
            .trim_start_matches("Endorsement ")
            .trim()
            .to_string();
        sign_out(&browser).await?;

        // The holder downloads the credential and the certificate, and agrees
        // to be listed.
        sign_in(&browser, &server, "ada@example.org").await?;
        browser
            .wait_for_text("#endorsements-heading", "Your endorsements")
            .await?;
        click(&browser, &format!("#credential-jwt-{number}")).await?;
        let jwt = String::from_utf8(browser.wait_for_download(&format!("{number}.jwt")).await?)?;
        ensure!(
            jwt.starts_with("ey") && jwt.split('.').count() == 3,
            "a JWT: {jwt}"
        );
        browser
            .wait_for_text(".downloads .muted", &format!("/verify/{number}?code="))
            .await?;
        click(&browser, &format!("#certificate-{number}")).await?;
        let pdf = browser.wait_for_download(&format!("{number}.pdf")).await?;
        ensure!(pdf.starts_with(b"%PDF-"), "a PDF certificate");
        click(&browser, "input[id^=listed-]").await?;
        // The choice says it was saved, and holds after a reload.
        browser
            .wait_for_text(".notice", "Saved: the public registry lists you.")
            .await?;
        browser.client.refresh().await?;
        let listed = browser.wait_for("input[id^=listed-]").await?;
        ensure!(
            listed.prop("checked").await?.as_deref() == Some("true"),
            "the listing holds after a reload"
        );
        browser.screenshot("holder-endorsements").await?;
        sign_out(&browser).await?;

        // A visitor finds her in the registry and checks the endorsement.
        browser.follow("Registry").await?;
        browser.wait_for_heading("Endorsement Registry").await?;
        browser.follow("Search every association").await?;
        browser.wait_for_heading("Search every association").await?;
        browser.follow("Registry").await?;
        browser.wait_for_heading("Endorsement Registry").await?;
        browser.fill("field-registry-q", "applicant").await?;
        browser.press("Search").await?;
        browser.wait_for_text("td", "Applicant Example").await?;
        browser.follow(&format!("Verify {number}")).await?;
        browser.wait_for_heading("Verify an endorsement").await?;
        browser
            .wait_for_text(".check-result__headline", "Valid")
            .await?;
        browser
            .wait_for_text(".facts dd", "Applicant Example")
            .await?;
        browser.screenshot("verify-valid").await?;
        // Opened again, the verify page starts clean.
        browser.follow("Verify an endorsement").await?;
        browser.wait_for_heading("Verify an endorsement").await?;
        let input = browser.wait_for("#verify-input").await?;
        ensure!(
            input.prop("value").await?.as_deref() == Some(""),
            "the verify page starts clean"
        );
        ensure!(
            browser
                .client
                .find_all(fantoccini::Locator::Css(".check-result"))
                .await?
                .is_empty(),
            "no verdict is left from before"
        );

        // The credential file itself, pasted, verifies too.
        browser.follow("Verify").await?;
        browser.fill("verify-input", &jwt).await?;
        browser.press("Check").await?;
        browser
            .wait_for_text(".check-result__headline", "Valid")
            .await?;

        // The association revokes it.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser
            .wait_for("#endorsement-status")
            .await?
            .select_by_value("revoked")
            .await?;
        browser
            .fill("endorsement-reason", "Violation of the Code of Ethics.")
            .await?;
        browser.press("Change the status").await?;
        browser.wait_for_text(".facts dd", "Revoked").await?;
        sign_out(&browser).await?;

        // The same check now says revoked, and the registry no longer lists her.
        browser.follow("Verify").await?;
        browser.fill("verify-input", &jwt).await?;
        browser.press("Check").await?;
        browser
            .wait_for_text(".check-result__headline", "Revoked")
            .await?;
        browser.screenshot("verify-revoked").await?;
        browser.follow("Registry").await?;
        browser.fill("field-registry-q", &number).await?;
        browser.press("Search").await?;
        browser
            .wait_for_text("[role=status]", "No listed endorsement matches")
            .await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_holder_downloads_her_credential_and_a_visitor_verifies_it_until_it_is_revoked",
            outcome,
        )
        .await
}
