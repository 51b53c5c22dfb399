//! Journeys through the real built app against the real server, in headless
//! Chromium: what an applicant and an admin do on their first day.

use anyhow::{ensure, Result};
use endorse_tests::{start_server, Browser};

const PASSWORD: &str = "a long enough passphrase";

#[actix_web::test]
async fn an_applicant_registers_signs_out_signs_in_and_stays_signed_in_across_a_reload(
) -> Result<()> {
    let server = start_server()?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-up", server.base)).await?;
        browser
            .wait_for_heading("Create an applicant account")
            .await?;

        // The shared validation rules answer before anything is sent.
        browser.fill("field-name", "Ada Lovelace").await?;
        browser.fill("field-email", "not-an-address").await?;
        browser.fill("field-password", "short").await?;
        browser.press("Create account").await?;
        browser
            .wait_for_text("#field-email-error", "must be a valid e-mail address")
            .await?;
        browser
            .wait_for_text("#field-password-error", "between 12 and 128 characters")
            .await?;
        let invalid = browser
            .wait_for("#field-email")
            .await?
            .attr("aria-invalid")
            .await?;
        ensure!(
            invalid.as_deref() == Some("true"),
            "the e-mail field is marked invalid"
        );

        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Create account").await?;
        browser.wait_for_heading("Welcome, Ada Lovelace").await?;
        browser
            .wait_for_text("h2", "The path to endorsement")
            .await?;

        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;

        // A wrong password is answered beside the form, not with a blank page.
        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", "not the right one").await?;
        browser.press("Sign in").await?;
        browser.wait_for_text(".alert", "not right").await?;

        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Welcome, Ada Lovelace").await?;

        // A reload keeps the session through the refresh cookie alone.
        browser.client.refresh().await?;
        browser.wait_for_heading("Welcome, Ada Lovelace").await?;

        // Registering the same address again is refused with the API's words.
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;
        browser.open(&format!("{}/sign-up", server.base)).await?;
        browser.fill("field-name", "Ada Again").await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Create account").await?;
        browser.wait_for_text(".alert", "already exists").await?;

        Ok(())
    }
    .await;
    browser
        .finish(
            "an_applicant_registers_signs_out_signs_in_and_stays_signed_in_across_a_reload",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn the_first_admin_replaces_the_one_time_password_and_creates_a_reviewer() -> Result<()> {
    let server = start_server()?;
    let first = endorse_api::bootstrap::ensure_admin(&server.db, "admin@example.org")?
        .ok_or_else(|| anyhow::anyhow!("a fresh database has no admin"))?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.fill("field-email", "admin@example.org").await?;
        browser.fill("field-password", &first.password).await?;
        browser.press("Sign in").await?;

        browser.wait_for_heading("Choose a new password").await?;
        browser
            .fill("field-current_password", &first.password)
            .await?;
        browser.fill("field-new_password", PASSWORD).await?;
        browser.press("Change password").await?;
        browser.wait_for_heading("Overview").await?;
        browser.wait_for_text(".stat", "Admins").await?;

        browser.follow("Manage users").await?;
        browser.wait_for_heading("Users").await?;
        browser.fill("field-name", "Rita Reviewer").await?;
        browser.fill("field-email", "rita@example.org").await?;
        browser.fill("field-password", "initial password 1").await?;
        browser.press("Create account").await?;
        browser
            .wait_for_text(".alert--success", "Rita Reviewer")
            .await?;
        browser.wait_for_text("td", "rita@example.org").await?;

        // Deep links survive a reload: the server answers index.html, the app routes.
        browser.client.refresh().await?;
        browser.wait_for_heading("Users").await?;
        browser.wait_for_text("td", "rita@example.org").await?;

        // Search narrows the list.
        browser.fill("field-q", "rita").await?;
        browser.press("Search").await?;
        browser.wait_for_text("[role=status]", "1 account").await?;

        // The new reviewer must choose a password of their own first.
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;
        browser.fill("field-email", "rita@example.org").await?;
        browser.fill("field-password", "initial password 1").await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Choose a new password").await?;

        Ok(())
    }
    .await;
    browser
        .finish(
            "the_first_admin_replaces_the_one_time_password_and_creates_a_reviewer",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn an_unknown_address_shows_the_apps_not_found_page() -> Result<()> {
    let server = start_server()?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        browser
            .open(&format!("{}/no/such/page", server.base))
            .await?;
        browser.wait_for_heading("Page not found").await?;
        browser.follow("Go to the home page").await?;
        browser.wait_for_heading("without the paperwork").await?;
        Ok(())
    }
    .await;
    browser
        .finish("an_unknown_address_shows_the_apps_not_found_page", outcome)
        .await
}

/// The horizontal overflow of the page, in pixels (0 when nothing scrolls sideways).
async fn sideways_overflow(browser: &Browser) -> Result<i64> {
    let overflow = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await?;
    Ok(overflow.as_i64().unwrap_or(i64::MAX))
}

#[actix_web::test]
async fn on_a_360_pixel_phone_nothing_scrolls_sideways_and_the_menu_works_by_keyboard() -> Result<()>
{
    let server = start_server()?;
    server
        .create_user(endorse_shared::Role::Admin, "admin@example.org", PASSWORD)
        .await?;
    let browser = Browser::start(360, 740).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.wait_for_heading("Sign in").await?;
        ensure!(
            sideways_overflow(&browser).await? == 0,
            "the sign-in page scrolls sideways"
        );

        browser.fill("field-email", "admin@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Overview").await?;
        ensure!(
            sideways_overflow(&browser).await? == 0,
            "the overview scrolls sideways"
        );

        // The navigation hides behind a menu button that works from the keyboard.
        let toggle = browser.wait_for(".menu-toggle").await?;
        ensure!(toggle.attr("aria-expanded").await?.as_deref() == Some("false"));
        ensure!(
            !browser.wait_for("#site-nav").await?.is_displayed().await?,
            "the menu starts closed"
        );
        toggle.send_keys("\u{e006}").await?; // Enter
        browser.wait_for(".menu-toggle[aria-expanded=true]").await?;
        ensure!(
            browser.wait_for("#site-nav").await?.is_displayed().await?,
            "Enter opens the menu"
        );
        browser.follow("Users").await?;
        browser.wait_for_heading("Users").await?;
        browser.wait_for_text("td", "admin@example.org").await?;
        ensure!(
            sideways_overflow(&browser).await? == 0,
            "the users page scrolls sideways"
        );
        Ok(())
    }
    .await;
    browser
        .finish(
            "on_a_360_pixel_phone_nothing_scrolls_sideways_and_the_menu_works_by_keyboard",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn a_new_applicant_builds_an_ifs_portfolio_and_watches_the_checklist_fill() -> Result<()> {
    let server = start_server()?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-up", server.base)).await?;
        browser.fill("field-name", "Ada Lovelace").await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Create account").await?;
        browser.wait_for_heading("Welcome, Ada Lovelace").await?;
        browser.wait_for_text(".self-check li", "IFS").await?;

        browser.follow("Build your portfolio").await?;
        browser.wait_for_heading("Your portfolio").await?;
        browser
            .wait_for_text("#checklist-heading", "Infant Family Specialist")
            .await?;
        browser
            .wait_for_text(".requirement--short", "Training: 0 of 30 hours")
            .await?;

        // Education: a bachelor's degree meets IFS.
        browser.press("Add to education and licenses").await?;
        browser
            .wait_for("#field-credential")
            .await?
            .select_by_value("bachelor")
            .await?;
        browser.fill("field-field", "Psychology").await?;
        browser
            .fill("field-institution", "State University")
            .await?;
        browser.fill("field-year", "2015").await?;
        // The transcript uploads at once, with progress, and is attached.
        let folder = tempfile::tempdir()?;
        let transcript = folder.path().join("transcript.pdf");
        std::fs::write(&transcript, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")?;
        browser
            .wait_for("#field-transcript")
            .await?
            .send_keys(&transcript.display().to_string())
            .await?;
        browser
            .wait_for_text(".attached", "Attached: transcript.pdf")
            .await?;
        // A file that is not a PDF, PNG or JPEG is refused, whatever its name.
        let fake = folder.path().join("fake.pdf");
        std::fs::write(&fake, b"MZ this is not a pdf")?;
        browser
            .wait_for("#field-transcript")
            .await?
            .send_keys(&fake.display().to_string())
            .await?;
        browser
            .wait_for_text(".field__errors", "must be a PDF, PNG or JPEG file")
            .await?;
        browser
            .wait_for_text(".requirement--met", "Education")
            .await?;
        browser.press("Save").await?;
        browser
            .wait_for_text(".entry__summary", "Bachelor's degree in Psychology")
            .await?;

        // Training: the checklist moves as the hours are typed, before saving.
        browser.press("Add to specialized training").await?;
        browser
            .fill("field-title", "Foundations of infant mental health")
            .await?;
        browser.fill("field-provider", "State AIMH").await?;
        browser.set_date("field-date", "2024-01-15").await?;
        browser
            .wait_for("#field-domains-reflection")
            .await?
            .click()
            .await?;
        browser.fill("field-hours", "29.75").await?;
        browser
            .wait_for_text(".requirement--short", "Training: 29.75 of 30 hours")
            .await?;
        browser.fill("field-hours", "30").await?;
        browser
            .wait_for_text(".requirement--met", "Training: 30 of 30 hours")
            .await?;
        browser.press("Save").await?;
        browser
            .wait_for_text(".entry__summary", "Foundations of infant mental health")
            .await?;

        // A bad value is answered beside its field, by the shared rules.
        browser
            .press("Add to reflective supervision/consultation")
            .await?;
        browser.set_date("field-date", "2025-03-01").await?;
        browser.fill("field-hours", "30").await?;
        browser.fill("field-provider_name", "Dr. Rivera").await?;
        browser.press("Save").await?;
        browser
            .wait_for_text("#field-hours-error", "at most 24 hours on one day")
            .await?;
        browser.press("Cancel").await?;

        // Many sessions at once: one provider, one line each.
        browser.press("Log several sessions").await?;
        browser.fill("field-batch_provider", "Dr. Rivera").await?;
        browser
            .wait_for("#field-batch_category")
            .await?
            .select_by_value("IFRS")
            .await?;
        browser
            .fill("batch-lines", "2025-01-01 12\n2025-12-31 12")
            .await?;
        browser.press("Save all sessions").await?;
        browser
            .wait_for_text(".requirement--met", "RSC: 24 of 24 hours, over 12 months")
            .await?;

        // What is still short, in words.
        browser
            .wait_for_text(".verdict--short", "requirements are still short")
            .await?;
        browser
            .wait_for_text(
                ".requirement__shortfall",
                "3 more counted reference ratings are needed.",
            )
            .await?;
        browser
            .wait_for_text(".requirement__shortfall", "Sign the Code of Ethics.")
            .await?;

        // An application: the submit button says what is still missing.
        browser.press("Start an application for IFS").await?;
        let submit = browser
            .wait_for("button[aria-describedby=submit-missing]")
            .await?;
        let label = submit.text().await?;
        ensure!(
            label.starts_with("Submit — ") && label.ends_with("still short"),
            "submit says '{label}'"
        );
        ensure!(
            submit.attr("disabled").await?.is_some(),
            "submit is disabled while short"
        );
        browser
            .wait_for_text("#submit-missing li", "References: 0 of 3 counted")
            .await?;

        // The choice of category is in the address, so it survives a reload.
        browser
            .wait_for("#field-category")
            .await?
            .select_by_value("IFA")
            .await?;
        browser
            .wait_for_text("#checklist-heading", "Infant Family Associate")
            .await?;
        browser.client.refresh().await?;
        browser
            .wait_for_text("#checklist-heading", "Infant Family Associate")
            .await?;
        browser
            .wait_for_text(".entry__summary", "Foundations of infant mental health")
            .await?;
        browser.screenshot("portfolio").await?;

        // The home page lists the application beside the self-check.
        browser.follow("Home").await?;
        browser
            .wait_for_text(
                "#applications-heading + ul li",
                "IFS — Infant Family Specialist",
            )
            .await?;
        browser
            .wait_for_text("#applications-heading + ul .badge", "Draft")
            .await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_new_applicant_builds_an_ifs_portfolio_and_watches_the_checklist_fill",
            outcome,
        )
        .await
}
