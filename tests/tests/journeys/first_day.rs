//! Journeys through the real built app against the real server, in headless
//! Chromium: what an applicant and an admin do on their first day.

use anyhow::{ensure, Result};
use endorse_tests::{start_server, Browser};

const PASSWORD: &str = "a long enough passphrase";
/// The password `steps::sign_in` signs in with.
const STEPS_PASSWORD: &str = endorse_tests::steps::PASSWORD;

#[actix_web::test]
async fn an_applicant_registers_signs_out_signs_in_and_stays_signed_in_across_a_reload(
) -> Result<()> {
    let server = start_server().await?;
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
async fn a_forgotten_password_is_replaced_from_the_mailed_link() -> Result<()> {
    let server = start_server().await?;
    endorse_tests::seed::ada_and_coordinator(&server, PASSWORD).await?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.wait_for_heading("Sign in").await?;
        browser.follow("Forgot your password?").await?;
        browser.wait_for_heading("Forgot your password?").await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser.press("Send the link").await?;
        browser.wait_for_text(".notice", "is on its way").await?;
        browser.audit().await?;

        let mails = server
            .smtp
            .wait_for(1, std::time::Duration::from_secs(20))
            .await;
        ensure!(mails.len() == 1, "one mail, got {}", mails.len());
        let link = mails[0]
            .link_to("/reset-password/")
            .ok_or_else(|| anyhow::anyhow!("no link in {}", mails[0].text()))?;
        ensure!(link.starts_with(&server.base), "link {link}");

        browser.open(&link).await?;
        browser.wait_for_heading("Choose a new password").await?;
        browser.fill("field-new_password", "short").await?;
        browser.press("Set the new password and sign in").await?;
        browser
            .wait_for_text("#field-new_password-error", "between 12 and 128")
            .await?;
        browser
            .fill("field-new_password", "a fresh passphrase for winter")
            .await?;
        browser.press("Set the new password and sign in").await?;
        browser
            .wait_for_heading("Welcome, Applicant Example")
            .await?;

        // The new password signs in; the link does not work twice.
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser
            .fill("field-password", "a fresh passphrase for winter")
            .await?;
        browser.press("Sign in").await?;
        browser
            .wait_for_heading("Welcome, Applicant Example")
            .await?;
        browser.press("Sign out").await?;
        browser.wait_for_heading("Sign in").await?;
        browser.open(&link).await?;
        browser.wait_for_heading("Choose a new password").await?;
        browser
            .fill("field-new_password", "another fresh passphrase")
            .await?;
        browser.press("Set the new password and sign in").await?;
        browser.wait_for_text(".alert", "no longer works").await?;
        browser.audit().await?;
        browser.follow("Ask for a new link").await?;
        browser.wait_for_heading("Forgot your password?").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_forgotten_password_is_replaced_from_the_mailed_link",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn an_admin_disables_a_reviewer_and_the_reviewers_open_tab_is_signed_out() -> Result<()> {
    let server = start_server().await?;
    endorse_tests::seed::ada_and_coordinator(&server, STEPS_PASSWORD).await?;
    server
        .create_user(
            endorse_shared::Role::Reviewer,
            "ruth@example.org",
            STEPS_PASSWORD,
        )
        .await?;
    let reviewer = Browser::start(1280, 900).await?;
    let admin = Browser::start(1280, 900).await?;
    let outcome = async {
        endorse_tests::steps::sign_in(&reviewer, &server, "ruth@example.org").await?;
        reviewer
            .wait_for_heading("Welcome, Reviewer Example")
            .await?;

        endorse_tests::steps::sign_in(&admin, &server, "coordinator@example.org").await?;
        admin.wait_for_text("h2", "Waiting on you").await?;
        admin.follow("Users").await?;
        admin.wait_for_heading("Users").await?;
        admin.follow("Reviewer Example").await?;
        admin.wait_for_heading("Reviewer Example").await?;
        admin.audit().await?;
        // A reason is needed.
        admin.press("Disable the account").await?;
        admin
            .wait_for_text("#field-disable_reason-error", "blank")
            .await?;
        admin
            .fill("field-disable_reason", "Left the reviewer pool")
            .await?;
        admin.press("Disable the account").await?;
        admin
            .wait_for_text(".notice", "every session of it has ended")
            .await?;
        admin.wait_for_text("dd", "Left the reviewer pool").await?;
        admin.audit().await?;

        // The reviewer comes back to the tab: it is signed out, saying why.
        reviewer
            .client
            .execute(
                "document.dispatchEvent(new Event('visibilitychange'));",
                vec![],
            )
            .await?;
        reviewer.wait_for_heading("Sign in").await?;
        reviewer
            .wait_for_text(".notice", "This account is disabled")
            .await?;
        reviewer.fill("field-email", "ruth@example.org").await?;
        reviewer.fill("field-password", STEPS_PASSWORD).await?;
        reviewer.press("Sign in").await?;
        reviewer
            .wait_for_text(".alert", "This account is disabled")
            .await?;
        reviewer.audit().await?;

        // Enabled again, the reviewer signs in.
        admin.press("Enable the account").await?;
        admin.wait_for_text(".notice", "enabled again").await?;
        reviewer.press("Sign in").await?;
        reviewer
            .wait_for_heading("Welcome, Reviewer Example")
            .await?;
        Ok(())
    }
    .await;
    let name = "an_admin_disables_a_reviewer_and_the_reviewers_open_tab_is_signed_out";
    let first = reviewer.finish(name, outcome).await;
    admin.finish(name, Ok(())).await?;
    first
}

#[actix_web::test]
async fn a_person_signs_in_with_a_new_address_once_they_confirm_it() -> Result<()> {
    let server = start_server().await?;
    endorse_tests::seed::ada_and_coordinator(&server, STEPS_PASSWORD).await?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        endorse_tests::steps::sign_in(&browser, &server, "ada@example.org").await?;
        browser.open(&format!("{}/account", server.base)).await?;
        browser.wait_for_heading("Your account").await?;
        browser.wait_for_text(".badge", "Confirmed").await?;
        browser.fill("field-name", "Ada King").await?;
        browser.press("Save the name").await?;
        browser
            .wait_for_text(".notice", "Your name is saved")
            .await?;

        browser.fill("field-email", "ada.king@example.org").await?;
        browser
            .fill("field-password", "not my password at all")
            .await?;
        browser.press("Send a link to confirm it").await?;
        browser
            .wait_for_text("#field-password-error", "not your current password")
            .await?;
        browser.fill("field-password", STEPS_PASSWORD).await?;
        browser.press("Send a link to confirm it").await?;
        browser
            .wait_for_text(".notice", "We sent a link to ada.king@example.org")
            .await?;
        browser
            .wait_for_text("p", "Waiting for you to confirm")
            .await?;
        browser.audit().await?;
        // Everything held about her, as one archive.
        browser.press("Download my data").await?;
        let archive = browser
            .wait_for_download(&format!(
                "endorse-data-{}.zip",
                chrono::Utc::now().date_naive()
            ))
            .await?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive))?;
        let mut json = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("endorse-data.json")?, &mut json)?;
        ensure!(
            json.contains("ada@example.org"),
            "the archive names her account"
        );

        let mails = server
            .smtp
            .wait_for(1, std::time::Duration::from_secs(20))
            .await;
        let mail = mails
            .iter()
            .find(|m| m.to.iter().any(|to| to == "ada.king@example.org"))
            .ok_or_else(|| anyhow::anyhow!("no mail to the new address"))?;
        let link = mail
            .link_to("/confirm-email/")
            .ok_or_else(|| anyhow::anyhow!("no link in {}", mail.text()))?;
        browser.open(&link).await?;
        browser
            .wait_for_heading("Confirm your e-mail address")
            .await?;
        browser
            .wait_for_text(".notice", "ada.king@example.org is confirmed")
            .await?;
        browser.audit().await?;
        browser.open(&format!("{}/account", server.base)).await?;
        browser
            .wait_for_text("strong", "ada.king@example.org")
            .await?;
        // The link works once.
        browser.open(&link).await?;
        browser.wait_for_text(".alert", "no longer works").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_person_signs_in_with_a_new_address_once_they_confirm_it",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn the_first_admin_replaces_the_one_time_password_and_creates_a_reviewer() -> Result<()> {
    let server = start_server().await?;
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

        // The reviewer's profile: what they hold and what they may review.
        browser.follow("Profile of Rita Reviewer").await?;
        browser.wait_for_heading("Reviewer profile").await?;
        browser
            .fill("field-endorsements", "IMHM-C MI-IMHM-C-2015-0003")
            .await?;
        browser
            .wait_for("#field-categories-IFS")
            .await?
            .click()
            .await?;
        browser.fill("field-max_load", "0").await?;
        browser.press("Save the profile").await?;
        browser
            .wait_for_text("#field-max_load-error", "between 1 and 50")
            .await?;
        browser.fill("field-max_load", "4").await?;
        browser.press("Save the profile").await?;
        browser.wait_for_text(".alert--success", "Saved.").await?;
        browser.client.refresh().await?;
        browser.wait_for_heading("Reviewer profile").await?;
        let kept = browser.wait_for("#field-categories-IFS").await?;
        ensure!(
            kept.prop("checked").await?.as_deref() == Some("true"),
            "the category choice is saved"
        );
        browser.follow("All users").await?;
        browser.wait_for_heading("Users").await?;

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
    let server = start_server().await?;
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

#[actix_web::test]
async fn on_a_360_pixel_phone_nothing_scrolls_sideways_and_the_menu_works_by_keyboard() -> Result<()>
{
    let server = start_server().await?;
    server
        .create_user(endorse_shared::Role::Admin, "admin@example.org", PASSWORD)
        .await?;
    let browser = Browser::start(360, 740).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.wait_for_heading("Sign in").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
            "the sign-in page scrolls sideways"
        );

        browser.fill("field-email", "admin@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for_heading("Overview").await?;
        ensure!(
            browser.sideways_overflow().await? == 0,
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
            browser.sideways_overflow().await? == 0,
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
async fn an_applicant_builds_her_portfolio_in_spanish_and_a_half_typed_entry_survives() -> Result<()>
{
    let server = start_server().await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-up", server.base)).await?;
        browser.fill("field-name", "Ana Torres").await?;
        browser.fill("field-email", "ana@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Create account").await?;
        browser.wait_for_heading("Welcome, Ana Torres").await?;
        // Ana reads Spanish: the switch says so, and her account keeps it.
        browser.press("Español").await?;
        browser
            .wait_for_heading("Le damos la bienvenida, Ana Torres")
            .await?;
        let lang = browser.page_lang().await?;
        ensure!(lang == "es", "<html lang> is {lang}");
        browser.follow("Arme su portafolio").await?;
        browser.wait_for_heading("Su portafolio").await?;
        browser
            .wait_for_text(".requirement--short", "Capacitación: 0 de 30")
            .await?;

        // A training, half typed; Ana goes to another page and comes back.
        browser.press("Agregar una capacitación").await?;
        ensure!(
            browser.focused_id().await? == "field-title",
            "the new form's first field has focus"
        );
        browser
            .fill("field-title", "Fundamentos de salud mental infantil")
            .await?;
        browser.fill("field-provider", "AIMH estatal").await?;
        browser.follow("Inicio").await?;
        browser
            .wait_for_heading("Le damos la bienvenida, Ana Torres")
            .await?;
        browser.follow("Portafolio").await?;
        browser.wait_for_heading("Su portafolio").await?;
        let title = browser.wait_for("#field-title").await?;
        ensure!(
            title.prop("value").await?.as_deref() == Some("Fundamentos de salud mental infantil"),
            "the half-typed title came back"
        );
        // Switching language keeps the page and the draft.
        browser.press("English").await?;
        browser.wait_for_heading("Your portfolio").await?;
        let title = browser.wait_for("#field-title").await?;
        ensure!(
            title.prop("value").await?.as_deref() == Some("Fundamentos de salud mental infantil"),
            "the draft survives the switch"
        );
        browser.press("Español").await?;
        browser.wait_for_heading("Su portafolio").await?;
        browser.set_date("field-date", "2024-01-15").await?;
        browser
            .wait_for("#field-domains-reflection")
            .await?
            .click()
            .await?;
        browser.fill("field-hours", "30").await?;
        browser
            .wait_for_text(".requirement--met", "Capacitación: 30 de 30")
            .await?;
        browser.press("Guardar").await?;
        let saved = browser
            .wait_for_text(".entry__summary", "Fundamentos de salud mental infantil")
            .await?;
        ensure!(
            saved.text().await?.contains("30 h el"),
            "the entry reads in Spanish"
        );
        browser
            .wait_for_text("[role=status]", "Guardado: Fundamentos")
            .await?;
        ensure!(
            browser.focused_id().await?.starts_with("entry-"),
            "focus is on the saved entry"
        );
        // A bad value is explained in Spanish, beside its field.
        browser
            .press("Agregar supervisión/consulta reflexiva")
            .await?;
        browser.set_date("field-date", "2025-03-01").await?;
        browser.fill("field-hours", "30").await?;
        browser.fill("field-provider_name", "Dra. Rivera").await?;
        browser.press("Guardar").await?;
        browser.wait_for_text("#field-hours-error", "24").await?;
        browser.press("Cancelar").await?;
        ensure!(
            browser.focused_id().await? == "add-rsc",
            "closing the form returns focus to its button"
        );
        // On a phone the checklist's summary is at the top.
        browser.client.set_window_size(360, 800).await?;
        browser
            .wait_for_text(".portfolio__summary", "requisitos cumplidos")
            .await?;
        browser.client.set_window_size(1280, 1000).await?;
        // The account keeps the choice: a reload is still in Spanish.
        browser.client.refresh().await?;
        browser.wait_for_heading("Su portafolio").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "an_applicant_builds_her_portfolio_in_spanish_and_a_half_typed_entry_survives",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn a_new_applicant_builds_an_ifs_portfolio_and_watches_the_checklist_fill() -> Result<()> {
    let server = start_server().await?;
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

/// Everything an IFS application needs except the references, put straight into
/// the database (the portfolio journey above builds these through the app).
#[actix_web::test]
async fn a_referee_answers_from_the_mailed_link_and_the_applicant_submits() -> Result<()> {
    let server = start_server().await?;
    server
        .create_user(endorse_shared::Role::Applicant, "ada@example.org", PASSWORD)
        .await?;
    endorse_tests::seed::ifs_portfolio(&server, "ada@example.org", false).await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.fill("field-email", "ada@example.org").await?;
        browser.fill("field-password", PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.follow("References").await?;
        browser.wait_for_heading("References").await?;

        // The applicant asks a colleague, waiving access to the rating.
        browser
            .wait_for("#field-category option[value=IFS]")
            .await?;
        browser
            .wait_for("#field-category")
            .await?
            .select_by_value("IFS")
            .await?;
        browser.fill("field-referee_name", "Sam Colleague").await?;
        browser
            .fill("field-referee_email", "sam@example.org")
            .await?;
        browser
            .wait_for("#field-relationship")
            .await?
            .select_by_value("colleague")
            .await?;
        browser.set_date("field-known_since", "2019-05-01").await?;
        // Sam reads Spanish first: the request, its mail and the referee's
        // page are in Spanish.
        browser
            .wait_for("#field-language")
            .await?
            .select_by_value("es")
            .await?;
        browser.press("Send request").await?;
        browser
            .wait_for_text(".alert--success", "Request sent to Sam Colleague")
            .await?;

        // The mail arrives at the referee's server; the referee follows its link.
        let mails = server
            .smtp
            .wait_for(1, std::time::Duration::from_secs(20))
            .await;
        ensure!(mails.len() == 1, "mail delivered: {mails:?}");
        ensure!(mails[0].to == ["sam@example.org"], "to {:?}", mails[0].to);
        let text = mails[0].text();
        ensure!(
            text.starts_with("Estimado/a Sam Colleague:") && text.contains("Dar su referencia"),
            "the referee's mail is in Spanish: {text}"
        );
        let link = mails[0]
            .referee_link()
            .ok_or_else(|| anyhow::anyhow!("no link in {}", mails[0].text()))?;
        ensure!(link.starts_with(&server.base), "link {link}");
        browser.wait_for_text(".reference", "Sent").await?;

        browser.open(&link).await?;
        browser
            .wait_for_heading("Referencia para Applicant Example")
            .await?;
        let lang = browser.page_lang().await?;
        ensure!(lang == "es", "<html lang> is {lang}");
        // Referees often open mail on a phone: nothing scrolls sideways there.
        browser.client.set_window_size(360, 800).await?;
        browser
            .wait_for_text(".stepper__label", "Paso 1 de 10")
            .await?;
        let overflow = browser.sideways_overflow().await?;
        ensure!(
            overflow == 0,
            "the referee's page scrolls {overflow} px sideways at 360 px"
        );
        browser.screenshot("referee-phone").await?;
        browser.client.set_window_size(1280, 1000).await?;
        browser
            .wait_for_text(".lead", "Infant Family Specialist")
            .await?;
        // How Sam knows Ada is filled in from the request; on to the domains,
        // one at a time, each saying what it means.
        browser.press("Siguiente").await?;
        let rulebook = endorse_shared::rulebook::Rulebook::default_rulebook()
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let domains = rulebook.referee_domains(
            rulebook
                .category("IFS")
                .ok_or_else(|| anyhow::anyhow!("no IFS"))?,
        );
        ensure!(
            domains.len() == 8,
            "IFS referees rate {} domains",
            domains.len()
        );
        let first = &domains[0];
        browser
            .wait_for_text(
                ".step__about",
                first.description.get(endorse_shared::i18n::Lang::Es),
            )
            .await?;
        browser
            .wait_for(&format!("#rating-{}-exemplary", first.code))
            .await?
            .click()
            .await?;
        browser
            .wait_for_text("[role=status]", "Borrador guardado")
            .await?;
        // A reload picks up where Sam left off: the next domain.
        browser.client.refresh().await?;
        browser
            .wait_for_heading("Referencia para Applicant Example")
            .await?;
        browser
            .wait_for_text(".stepper__label", "Paso 3 de 10")
            .await?;
        browser.press("Atrás").await?;
        let kept = browser
            .wait_for(&format!("#rating-{}-exemplary", first.code))
            .await?;
        ensure!(
            kept.prop("checked").await?.as_deref() == Some("true"),
            "draft kept after reload"
        );
        // Switching language keeps the page and the answer.
        browser.press("English").await?;
        browser
            .wait_for_heading("Reference for Applicant Example")
            .await?;
        browser
            .wait_for_text(".stepper__label", "Step 2 of 10")
            .await?;
        let kept = browser
            .wait_for(&format!("#rating-{}-exemplary", first.code))
            .await?;
        ensure!(
            kept.prop("checked").await?.as_deref() == Some("true"),
            "the answer survives the switch"
        );
        browser.press("Español").await?;
        browser
            .wait_for_heading("Referencia para Applicant Example")
            .await?;
        browser.press("Siguiente").await?;
        // Going on without an answer says what is missing.
        browser.press("Siguiente").await?;
        browser
            .wait_for_text(".field__errors", "elija una respuesta")
            .await?;
        for domain in &domains[1..] {
            browser
                .wait_for(&format!("#rating-{}-strong", domain.code))
                .await?
                .click()
                .await?;
            browser.press("Siguiente").await?;
        }
        browser
            .wait_for_heading("Referencia para Applicant Example")
            .await?;
        browser
            .wait_for_text(".stepper__label", "Paso 10 de 10")
            .await?;
        let alerts = browser
            .client
            .find_all(fantoccini::Locator::Css(".alert--error, .field__errors"))
            .await?;
        ensure!(
            alerts.is_empty(),
            "reaching the last step is not a failed submit"
        );
        browser
            .wait_for("#recommendation-recommend")
            .await?
            .click()
            .await?;
        browser
            .fill(
                "field-comments",
                "Confidential: Ada listens before she acts.",
            )
            .await?;
        browser.screenshot("referee").await?;
        browser.press("Enviar la evaluación").await?;
        browser.wait_for_heading("Gracias").await?;
        // Opening the link again thanks Sam rather than calling it dead.
        browser.client.refresh().await?;
        browser.wait_for_heading("Gracias").await?;
        browser
            .wait_for_text(".alert--success", "Recibimos su evaluación")
            .await?;
        // The same browser is Ada's again, who reads English.
        browser.press("English").await?;
        browser.wait_for_heading("Thank you").await?;

        // The applicant sees "received, counts" and no answers.
        browser.open(&format!("{}/references", server.base)).await?;
        let card = browser.wait_for_text(".reference", "Sam Colleague").await?;
        browser
            .wait_for_text(".reference", "Counts toward your category.")
            .await?;
        let text = card.text().await?;
        ensure!(text.contains("Received"), "status: {text}");
        let page = browser.client.source().await?;
        ensure!(
            !page.contains("listens before she acts"),
            "the waived comment leaked"
        );
        browser.screenshot("references").await?;

        // With three counted references, the application goes in.
        browser.follow("Portfolio").await?;
        browser.wait_for_heading("Your portfolio").await?;
        browser
            .wait_for("#field-category")
            .await?
            .select_by_value("IFS")
            .await?;
        browser.press("Start an application for IFS").await?;
        browser.press("Submit your application").await?;
        browser.wait_for_text(".muted", "Submitted on").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_referee_answers_from_the_mailed_link_and_the_applicant_submits",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn an_admin_starts_the_review_defers_with_feedback_and_the_applicant_reads_it() -> Result<()>
{
    let server = start_server().await?;
    endorse_tests::seed::ada_and_coordinator(&server, PASSWORD).await?;
    let browser = Browser::start(1280, 1000).await?;
    let sign_in = |email: &'static str| {
        let (browser, base) = (&browser, server.base.clone());
        async move {
            browser.open(&format!("{base}/sign-in")).await?;
            browser.fill("field-email", email).await?;
            browser.fill("field-password", PASSWORD).await?;
            browser.press("Sign in").await?;
            anyhow::Ok(())
        }
    };
    let outcome = async {
        // The applicant submits.
        sign_in("ada@example.org").await?;
        browser.follow("Portfolio").await?;
        browser
            .wait_for("#field-category option[value=IFS]")
            .await?;
        browser
            .wait_for("#field-category")
            .await?
            .select_by_value("IFS")
            .await?;
        browser.press("Start an application for IFS").await?;
        browser.press("Submit your application").await?;
        browser.wait_for_text(".muted", "Submitted on").await?;
        browser.press("Sign out").await?;

        // The admin moves it along the process; only allowed actions show.
        sign_in("coordinator@example.org").await?;
        browser.follow("Applications").await?;
        browser
            .wait_for_text(".pipeline__stage", "Submitted")
            .await?;
        browser.wait_for_heading("Applications").await?;
        browser.follow("Applicant Example").await?;
        browser
            .wait_for_text("#process-heading + p", "Submitted")
            .await?;
        browser.wait_for_heading("Applicant Example").await?;
        browser.press("Start the review").await?;
        browser
            .wait_for_text("#process-heading + p", "Under review")
            .await?;
        ensure!(
            browser
                .client
                .find(fantoccini::Locator::XPath(
                    "//button[normalize-space(.)='Approve for the exam']"
                ))
                .await
                .is_err(),
            "IFS has no exam: no exam button"
        );
        // A decision without a reason is refused beside the form.
        browser.press("Defer with feedback").await?;
        browser
            .wait_for_text(".alert--error", "give a reason")
            .await?;
        // The applicant's mail server refuses the decision mail for good.
        server.smtp.refuse_recipients(true);
        browser
            .fill(
                "field-transition-reason",
                "Please document the training hours with certificates.",
            )
            .await?;
        browser.press("Defer with feedback").await?;
        browser
            .wait_for_text("#process-heading + p", "Deferred")
            .await?;
        browser
            .wait_for_text(
                "#audit-heading ~ div td",
                "Please document the training hours",
            )
            .await?;
        browser.audit().await?;
        browser.screenshot("admin-process").await?;

        // The overview says so, and the outbox sends it again once the server accepts.
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let query = endorse_shared::mail::OutboxQuery {
                status: Some(endorse_shared::mail::MailStatus::Failed),
                ..Default::default()
            };
            let (_, failed) = server
                .db
                .run(move |conn| endorse_api::db::outbox::list(conn, &query))
                .await?;
            if failed == 1 {
                break;
            }
            ensure!(
                tokio::time::Instant::now() < deadline,
                "the refused mail never failed"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        server.smtp.refuse_recipients(false);
        browser.follow("Overview").await?;
        browser
            .wait_for_text(".alert--error", "1 e-mail could not be delivered")
            .await?;
        browser.follow("Open the outbox").await?;
        browser.wait_for_text(".status--failed", "Failed").await?;
        browser.wait_for_heading("Outbox").await?;
        browser.press("Read the message").await?;
        browser.wait_for(".mail-body").await?;
        browser.audit().await?;
        browser.press("Try again").await?;
        let delivered = server
            .smtp
            .wait_for(1, std::time::Duration::from_secs(20))
            .await;
        ensure!(
            delivered
                .iter()
                .any(|m| m.text().contains("Please document the training hours")),
            "the decision mail, with the feedback, reached the applicant"
        );

        // The rulebook editor refuses a rule that cannot work, naming it, in
        // the admin's language; and the renewals page opens.
        browser.follow("Rulebook").await?;
        browser.wait_for_heading("Rulebook").await?;
        let editor = browser.wait_for("#rulebook-toml").await?;
        browser
            .client
            .execute(
                "const el = arguments[0]; \
                 el.value = el.value.replace('due_days = 30', 'due_days = 0'); \
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::to_value(&editor)?],
            )
            .await?;
        browser.press("Publish as a new version").await?;
        browser
            .wait_for_text(".field__errors li", "must be between 1 and 365")
            .await?;
        browser.audit().await?;
        browser.press("Español").await?;
        browser.wait_for_heading("Reglamento").await?;
        browser.press("Publicar como una versión nueva").await?;
        browser
            .wait_for_text(".field__errors li", "debe estar entre 1 y 365")
            .await?;
        browser.press("English").await?;
        browser.follow("Renewals").await?;
        browser.wait_for_heading("Renewals").await?;
        browser.press("Sign out").await?;

        // The applicant reads the feedback and can resubmit.
        sign_in("ada@example.org").await?;
        browser.follow("Portfolio").await?;
        browser
            .wait_for("#field-category option[value=IFS]")
            .await?;
        browser
            .wait_for("#field-category")
            .await?
            .select_by_value("IFS")
            .await?;
        browser
            .wait_for_text("blockquote", "Please document the training hours")
            .await?;
        browser.press("Resubmit your application").await?;
        browser.wait_for_text(".verdict", "Submitted").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "an_admin_starts_the_review_defers_with_feedback_and_the_applicant_reads_it",
            outcome,
        )
        .await
}

/// The page check itself: a page with an image without words, a button
/// without a name and a line wider than a phone is refused, each named.
#[actix_web::test]
async fn the_page_check_finds_what_axe_and_the_phone_width_find() -> Result<()> {
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        browser
            .open(
                "data:text/html,<!doctype html><html lang=en><head><title>Check</title></head>\
                 <body><main><h1>Check</h1><img src=x.png><button></button>\
                 <p style='width:900px'>wide</p></main></body></html>",
            )
            .await?;
        let found = match browser.audit().await {
            Ok(()) => anyhow::bail!("the check found nothing"),
            Err(error) => format!("{error:#}"),
        };
        for expected in ["image-alt", "button-name", "scrolls", "at 360 px"] {
            ensure!(found.contains(expected), "{expected} not in: {found}");
        }
        Ok(())
    }
    .await;
    browser
        .finish(
            "the_page_check_finds_what_axe_and_the_phone_width_find",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn a_reviewer_turns_on_a_second_factor_signs_in_with_a_code_and_the_admin_sees_it_in_the_audit_trail(
) -> Result<()> {
    use endorse_api::auth::mfa::{code_at, key_from_base32};
    let server = start_server().await?;
    endorse_tests::seed::ada_and_coordinator(&server, STEPS_PASSWORD).await?;
    server
        .create_user(
            endorse_shared::Role::Reviewer,
            "ruth@example.org",
            STEPS_PASSWORD,
        )
        .await?;
    let browser = Browser::start(1280, 900).await?;
    let outcome = async {
        endorse_tests::steps::sign_in(&browser, &server, "ruth@example.org").await?;
        browser.follow("Account").await?;
        browser.wait_for_text("h2", "Second factor").await?;
        browser
            .fill("field-mfa-setup-password", STEPS_PASSWORD)
            .await?;
        browser.press("Set up a second factor").await?;
        browser.wait_for(".qr svg").await?;
        browser.audit().await?;
        // The person's app reads the key; here the test computes its code.
        let typed = browser.wait_for("code.break").await?.text().await?;
        let key = key_from_base32(&typed.replace(' ', ""))
            .ok_or_else(|| anyhow::anyhow!("no key on the page: {typed}"))?;
        browser.fill("field-mfa-confirm", "000000").await?;
        browser.press("Turn on").await?;
        browser
            .wait_for_text("#field-mfa-confirm-error", "not right")
            .await?;
        browser
            .fill("field-mfa-confirm", &code_at(&key, chrono::Utc::now()))
            .await?;
        browser.press("Turn on").await?;
        browser.wait_for_text("h3", "Your recovery codes").await?;
        let codes = browser
            .client
            .find_all(fantoccini::Locator::Css(".codes__list code"))
            .await?;
        ensure!(codes.len() == 10, "{} recovery codes shown", codes.len());
        browser.audit().await?;
        browser.press("I have kept them").await?;
        browser.wait_for_text(".badge", "On").await?;

        // Signing in now asks for the code once the password is right.
        endorse_tests::steps::sign_out(&browser).await?;
        browser.open(&format!("{}/sign-in", server.base)).await?;
        browser.fill("field-email", "ruth@example.org").await?;
        browser.fill("field-password", STEPS_PASSWORD).await?;
        browser.press("Sign in").await?;
        browser.wait_for("#field-code").await?;
        browser.audit().await?;
        // The next step's code (the one that turned it on is taken).
        let next = code_at(&key, chrono::Utc::now() + chrono::Duration::seconds(30));
        browser.fill("field-code", &next).await?;
        browser.press("Sign in").await?;
        browser.wait_for_text("button", "Sign out").await?;
        endorse_tests::steps::sign_out(&browser).await?;

        // The admin finds it in the audit trail, filtered to accounts.
        endorse_tests::steps::sign_in(&browser, &server, "coordinator@example.org").await?;
        browser.follow("Audit trail").await?;
        browser.wait_for_heading("Audit trail").await?;
        browser
            .wait_for("#field-kind")
            .await?
            .select_by_value("user")
            .await?;
        browser.press("Show").await?;
        browser
            .wait_for_text("td", "Second factor turned on")
            .await?;
        browser.audit().await?;
        // Her page offers to reset it (she lost her phone), checked at both widths.
        browser.follow("Users").await?;
        browser.wait_for_heading("Users").await?;
        browser.follow("Reviewer Example").await?;
        browser.wait_for_text("h2", "Second factor").await?;
        browser.audit().await?;
        browser
            .fill("field-mfa_reset_reason", "Lost her phone")
            .await?;
        browser.press("Reset the second factor").await?;
        browser
            .wait_for_text(".notice", "The second factor is reset")
            .await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_reviewer_turns_on_a_second_factor_signs_in_with_a_code_and_the_admin_sees_it_in_the_audit_trail",
            outcome,
        )
        .await
}
