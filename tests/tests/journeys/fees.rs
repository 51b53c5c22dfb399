//! Browser journeys through fees: a processing fee that blocks submission,
//! paid online through the Stripe stand-in (first given up, then paid), its
//! receipt; a registration fee recorded by the admin from a check; the
//! treasurer's payments page and its CSV.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use anyhow::{ensure, Result};
use endorse_shared::rulebook::Rulebook;
use endorse_tests::steps::{click, portfolio_on, sign_in, sign_out, PASSWORD};
use endorse_tests::{seed, start_server, Browser, Server};

/// IFS charges a registration fee (not blocking) and a processing fee that
/// blocks submission.
async fn charge_ifs(server: &Server) -> Result<()> {
    server
        .db
        .transaction(|conn| {
            let mut rulebook = Rulebook::default_rulebook().expect("the default rulebook");
            let ifs = rulebook
                .categories
                .iter_mut()
                .find(|c| c.code == "IFS")
                .expect("IFS");
            ifs.fees = serde_json::from_value(serde_json::json!({
                "registration": { "amount": "25.00" },
                "processing": { "amount": "150.00", "blocks": true },
            }))
            .expect("fees");
            endorse_api::db::rulebooks::publish(conn, &rulebook, None)
        })
        .await?;
    Ok(())
}

#[actix_web::test]
async fn an_applicant_pays_her_processing_fee_online_and_submits_and_the_admin_records_a_check(
) -> Result<()> {
    let server = start_server().await?;
    seed::ada_and_coordinator(&server, PASSWORD).await?;
    charge_ifs(&server).await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        sign_in(&browser, &server, "ada@example.org").await?;
        portfolio_on(&browser, "IFS").await?;
        browser.press("Start an application for IFS").await?;
        // The fee is a line of the checklist and beside the submit button;
        // the button waits for it.
        browser
            .wait_for_text(".fee-notice li", "Processing fee")
            .await?;
        browser
            .wait_for_text(".fee-notice li", "$150.00, to pay first")
            .await?;
        let submit = browser.wait_for_text("button", "1 still short").await?;
        ensure!(
            submit.attr("disabled").await?.is_some(),
            "submission waits for the fee"
        );
        browser.follow("Go to your fees").await?;
        browser.wait_for_heading("Your fees").await?;
        browser
            .wait_for_text("td", "needed before you submit")
            .await?;

        // Off to Stripe's page, and back without paying.
        browser.press("Pay $150.00 online").await?;
        browser.wait_for_text("h1", "Stripe test checkout").await?;
        browser.follow("Cancel and go back").await?;
        browser.wait_for_heading("Your fees").await?;
        browser
            .wait_for_text(".notice", "nothing was charged")
            .await?;
        ensure!(
            server.stripe.deliveries().is_empty(),
            "no payment without paying"
        );

        // Paid: Stripe's signed event records it; the page shows it.
        browser.press("Pay $150.00 online").await?;
        browser.wait_for_text("h1", "Stripe test checkout").await?;
        ensure!(
            server.stripe.sessions().len() == 1,
            "the open session is used again"
        );
        browser.press("Pay 150.00 USD").await?;
        browser.wait_for_heading("Your fees").await?;
        browser
            .wait_for_text(".notice", "your payment is recorded")
            .await?;
        let receipt = browser.wait_for_text("button", "Receipt R-").await?;
        let number = receipt
            .text()
            .await?
            .trim_start_matches("Receipt ")
            .to_string();
        receipt.click().await?;
        let pdf = browser
            .wait_for_download(&format!("receipt-{number}.pdf"))
            .await?;
        ensure!(pdf.starts_with(b"%PDF-"), "the receipt is a PDF");

        // The home page says what is still due (the registration fee, which
        // does not block), and submission goes on.
        browser.follow("Home").await?;
        browser
            .wait_for_text("#fees-due-heading + ul li", "Registration fee")
            .await?;
        portfolio_on(&browser, "IFS").await?;
        browser.press("Submit your application").await?;
        browser.wait_for_text(".muted", "Submitted on").await?;
        sign_out(&browser).await?;

        // The admin records Ada's check for the registration fee.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        browser.follow("Users").await?;
        browser.follow("Applicant Example").await?;
        browser.wait_for_heading("Applicant Example").await?;
        click(
            &browser,
            "button[aria-label^='Record a payment of Registration fee']",
        )
        .await?;
        browser.wait_for("#field-reference").await?;
        browser.press("Record the payment").await?;
        browser
            .wait_for_text("#field-reference-error", "must not be blank")
            .await?;
        browser.fill("field-reference", "Check 1042").await?;
        browser.press("Record the payment").await?;
        browser
            .wait_for_text(".notice", "is recorded; its receipt is ready")
            .await?;
        browser.wait_for_text("button", "Receipt R-").await?;
        browser.audit().await?;

        // The treasurer's page: both payments, their totals, the CSV.
        browser.follow("Payments").await?;
        browser.wait_for_heading("Payments").await?;
        browser.wait_for_text("td", "Card (online)").await?;
        browser.wait_for_text("td", "Check").await?;
        browser.wait_for_text(".table__total td", "$175.00").await?;
        browser.press("Download as CSV").await?;
        let csv = String::from_utf8(browser.wait_for_download("payments.csv").await?)?;
        ensure!(
            csv.lines().count() == 3 && csv.contains("Check 1042"),
            "the CSV has both payments: {csv}"
        );
        Ok(())
    }
    .await;
    browser.finish("fees-paid-online", outcome).await
}
