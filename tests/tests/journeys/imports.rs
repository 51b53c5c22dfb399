//! Browser journeys through an import: the coordinator checks a file of
//! holders with a refused row, reads why, imports the rest; the holder
//! claims her account from the invitation and finds her endorsement under
//! its original number.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use anyhow::{ensure, Result};
use endorse_tests::steps::{sign_in, sign_out, PASSWORD};
use endorse_tests::{start_server, Browser};

#[actix_web::test]
async fn a_coordinator_imports_holders_with_a_refused_row_and_a_holder_claims_her_account(
) -> Result<()> {
    let server = start_server().await?;
    server
        .create_user(
            endorse_shared::Role::Admin,
            "coordinator@example.org",
            PASSWORD,
        )
        .await?;
    let today = chrono::Utc::now().date_naive();
    let file = format!(
        "name,email,category,endorsement_number,awarded_on,renewal_due,status\n\
         Selma Fraiberg,selma@example.org,IFS,MI-IFS-2019-0042,2019-05-14,{},active\n\
         Grace Hopper,grace@example.org,XYZ,MI-XYZ-2020-0001,2020-01-01,2030-01-01,active\n",
        today + chrono::Duration::days(300)
    );
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("holders.csv");
    std::fs::write(&path, file)?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        sign_in(&browser, &server, "coordinator@example.org").await?;
        browser.follow("Imports").await?;
        browser.wait_for_heading("Import records").await?;
        // Checked first: nothing is written.
        browser
            .wait_for("#field-file")
            .await?
            .send_keys(&path.display().to_string())
            .await?;
        browser.press("Check the file").await?;
        browser.wait_for_heading("Import of holders.csv").await?;
        browser
            .wait_for_text("#import-plan", "1 new, 0 to update, 0 unchanged, 1 refused")
            .await?;
        browser
            .wait_for_text("td", "No category of the rulebook has the code “XYZ”")
            .await?;
        browser.wait_for_text("td", "MI-IFS-2019-0042").await?;
        // Only the refused rows, then every row again.
        browser
            .wait_for("#field-outcome")
            .await?
            .select_by_value("refused")
            .await?;
        browser.wait_for_text("td", "MI-XYZ-2020-0001").await?;
        let shown = browser.wait_for("tbody").await?.text().await?;
        ensure!(
            !shown.contains("MI-IFS-2019-0042"),
            "the filter shows only refused rows: {shown}"
        );
        browser
            .wait_for("#field-outcome")
            .await?
            .select_by_value("")
            .await?;
        browser.wait_for_text("td", "MI-IFS-2019-0042").await?;
        browser.press("Import 1 row").await?;
        browser
            .wait_for_text(".lead", "One person is invited to claim their account")
            .await?;
        browser.audit().await?;
        browser.follow("All imports").await?;
        browser.wait_for_heading("Import records").await?;
        browser.wait_for_text("td", "Imported").await?;
        sign_out(&browser).await?;

        // The invitation reaches her; she claims the account.
        let mails = server
            .smtp
            .wait_for(1, std::time::Duration::from_secs(30))
            .await;
        let invitation = mails
            .iter()
            .find(|m| m.text().contains("/claim-account/"))
            .ok_or_else(|| anyhow::anyhow!("no invitation among {} mails", mails.len()))?;
        let link = invitation.link_to("/claim-account/").unwrap();
        browser.open(&link).await?;
        browser.wait_for_heading("Claim your account").await?;
        browser
            .fill(
                "field-new_password",
                "selma's passphrase for the new system",
            )
            .await?;
        browser.press("Claim my account and sign in").await?;
        browser.wait_for_heading("Welcome, Selma Fraiberg").await?;
        browser
            .wait_for_text("section", "Infant Family Specialist — MI-IFS-2019-0042")
            .await?;
        browser
            .wait_for_text("button", "Download the credential")
            .await?;
        browser.audit().await?;
        Ok(())
    }
    .await;
    browser.finish("imports", outcome).await
}
