//! Browser journeys through peer review and the exam.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use anyhow::{ensure, Result};
use endorse_tests::steps::{
    click, open_the_application, portfolio_on, sign_in, sign_out, submit_application, PASSWORD,
};
use endorse_tests::{seed, start_server, Browser};

#[actix_web::test]
async fn a_reviewer_asks_about_one_entry_the_applicant_answers_and_the_admin_decides() -> Result<()>
{
    let server = start_server().await?;
    seed::ada_and_coordinator(&server, PASSWORD).await?;
    seed::reviewer(
        &server,
        "ruth@example.org",
        "Ruth Reviewer",
        PASSWORD,
        "IMHS",
        &["IFS"],
    )
    .await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        // The applicant submits.
        submit_application(&browser, &server, "ada@example.org", "IFS").await?;

        // The admin assigns Endorse's proposal: Ruth. The review starts.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser.wait_for_text("#review-heading", "Review").await?;
        browser.wait_for_text(".badge--met", "Proposed").await?;
        browser.press("Assign the proposed reviewers").await?;
        browser
            .wait_for_text("#process-heading + p", "Under review")
            .await?;
        browser
            .wait_for_text("#review-heading ~ div td", "Ruth Reviewer")
            .await?;
        browser.screenshot("admin-review-panel").await?;
        sign_out(&browser).await?;

        // Ruth sees the application without the applicant's name, and asks
        // about the training.
        sign_in(&browser, &server, "ruth@example.org").await?;
        // Her own work history is hers, not an application's portfolio.
        browser.follow("Your work history").await?;
        browser.wait_for_heading("Your work history").await?;
        browser.follow("Reviews").await?;
        browser.wait_for_heading("Your reviews").await?;
        let link = browser.wait_for_text("td a", "IFS-").await?;
        ensure!(
            !browser.client.source().await?.contains("Applicant Example"),
            "blind review: the list does not name the applicant"
        );
        link.click().await?;
        browser.wait_for_heading("Review: application IFS-").await?;
        browser
            .wait_for_text("#portfolio-heading", "submitted portfolio")
            .await?;
        ensure!(
            !browser.client.source().await?.contains("Applicant Example"),
            "blind review: the packet does not name the applicant"
        );
        let training = browser.wait_for_text("li.entry", "Foundations").await?;
        training
            .find(fantoccini::Locator::Css("input[type=checkbox]"))
            .await?
            .click()
            .await?;
        let message = browser.wait_for("textarea[id^=flag-message-]").await?;
        message
            .send_keys("The hours of this training are not documented.")
            .await?;
        browser.press("Ask the applicant about 1 entry").await?;
        browser
            .wait_for_text(".notice", "The applicant has been asked")
            .await?;
        browser.screenshot("reviewer-flag").await?;
        sign_out(&browser).await?;

        // The applicant sees exactly which entry, answers, and the review goes on.
        sign_in(&browser, &server, "ada@example.org").await?;
        portfolio_on(&browser, "IFS").await?;
        browser
            .wait_for_text("#requests-heading", "The reviewers ask about 1 entry")
            .await?;
        browser
            .wait_for_text(
                ".requests",
                "The hours of this training are not documented.",
            )
            .await?;
        ensure!(
            !browser.client.source().await?.contains("Ruth"),
            "the applicant never sees who asked"
        );
        let answer = browser.wait_for("textarea[id^=answer-]").await?;
        answer
            .send_keys("The certificate for 30 hours is uploaded now.")
            .await?;
        browser.press("Send the answers").await?;
        browser.wait_for_text(".verdict", "Under review").await?;
        sign_out(&browser).await?;

        // Ruth reads the answer, scores every domain the rulebook asks of IFS
        // reviewers (not Administration) and recommends.
        sign_in(&browser, &server, "ruth@example.org").await?;
        browser.follow("Reviews").await?;
        browser.wait_for_text("td a", "IFS-").await?.click().await?;
        browser
            .wait_for_text("#requests-heading ~ ul", "The certificate for 30 hours")
            .await?;
        let rulebook = endorse_shared::rulebook::Rulebook::default_rulebook()
            .map_err(|e| anyhow::anyhow!(e))?;
        let domains = rulebook.reviewer_domains(
            rulebook
                .category("IFS")
                .ok_or_else(|| anyhow::anyhow!("no IFS"))?,
        );
        ensure!(
            browser
                .client
                .find_all(fantoccini::Locator::Css("#score-administration-3"))
                .await?
                .is_empty(),
            "IFS reviewers are not asked to score Administration"
        );
        // Submitting with nothing chosen lists what is missing.
        browser.press("Submit the review").await?;
        browser
            .wait_for_text(".field__errors", "choose a score")
            .await?;
        for domain in &domains {
            click(&browser, &format!("#score-{}-3", domain.code)).await?;
        }
        for section in ["education", "work", "training", "rsc", "references"] {
            click(&browser, &format!("#verdict-{section}-yes")).await?;
        }
        browser
            .wait_for("#review-recommendation")
            .await?
            .select_by_value("Endorse")
            .await?;
        browser
            .fill("review-rationale", "Consistent, well documented practice.")
            .await?;
        browser.press("Submit the review").await?;
        browser
            .wait_for_text(".notice", "Your review is submitted")
            .await?;
        browser.screenshot("reviewer-submitted").await?;
        sign_out(&browser).await?;

        // The admin reads the review and endorses; the applicant is told.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser
            .wait_for_text(".review h4", "Ruth Reviewer \u{2014} Endorse")
            .await?;
        browser
            .fill("field-transition-reason", "Welcome, and congratulations.")
            .await?;
        browser.press("Endorse").await?;
        browser
            .wait_for_text("#process-heading + p", "Endorsed")
            .await?;
        let delivered = server
            .smtp
            .wait_for(3, std::time::Duration::from_secs(20))
            .await;
        ensure!(
            delivered.iter().any(|m| m.text().contains("endorsed")
                && m.text().contains("Welcome, and congratulations.")),
            "the decision mail reached the applicant"
        );
        browser
            .wait_for_text("#endorsement-heading", "Endorsement AL-IFS-")
            .await?;
        sign_out(&browser).await?;

        // The holder agrees to be listed; a visitor finds her in the registry.
        sign_in(&browser, &server, "ada@example.org").await?;
        browser
            .wait_for_text("#endorsements-heading", "Your endorsements")
            .await?;
        click(&browser, "input[id^=listed-]").await?;
        sign_out(&browser).await?;
        browser.follow("Registry").await?;
        browser.wait_for_heading("Endorsement Registry").await?;
        browser.fill("field-registry-q", "applicant").await?;
        browser.press("Search").await?;
        browser.wait_for_text("td", "Applicant Example").await?;
        browser.screenshot("registry").await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "a_reviewer_asks_about_one_entry_the_applicant_answers_and_the_admin_decides",
            outcome,
        )
        .await
}

#[actix_web::test]
async fn an_applicant_for_a_mentor_category_passes_the_exam() -> Result<()> {
    let server = start_server().await?;
    server
        .create_user(endorse_shared::Role::Applicant, "ada@example.org", PASSWORD)
        .await?;
    server
        .create_user(
            endorse_shared::Role::Admin,
            "coordinator@example.org",
            PASSWORD,
        )
        .await?;
    for (email, name) in [
        ("ruth@example.org", "Ruth Reviewer"),
        ("sam@example.org", "Sam Scorer"),
        ("tess@example.org", "Tess Scorer"),
    ] {
        seed::reviewer(&server, email, name, PASSWORD, "IMHM-P", &["IMHM-P"]).await?;
    }
    seed::mentor_policy_portfolio(&server, "ada@example.org").await?;
    let browser = Browser::start(1280, 1000).await?;
    let outcome = async {
        submit_application(&browser, &server, "ada@example.org", "IMHM-P").await?;

        // Reviewed, then approved for the exam.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser.press("Assign the proposed reviewers").await?;
        browser
            .wait_for_text("#process-heading + p", "Under review")
            .await?;
        browser.press("Approve for the exam").await?;
        browser
            .wait_for_text("#process-heading + p", "Approved for the exam")
            .await?;
        sign_out(&browser).await?;

        // The applicant asks for extra time.
        sign_in(&browser, &server, "ada@example.org").await?;
        portfolio_on(&browser, "IMHM-P").await?;
        browser
            .fill("exam-accommodations-request", "Extra time (50%)")
            .await?;
        browser.press("Save the request").await?;
        browser
            .wait_for_text(".notice", "Your request is recorded")
            .await?;
        sign_out(&browser).await?;

        // The admin books a sitting that starts now.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser
            .wait_for_text("#exam-heading ~ dl", "Extra time (50%)")
            .await?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M").to_string();
        browser.set_date("exam-starts", &now).await?;
        browser
            .fill("exam-location", "Room 4, State Building")
            .await?;
        browser.press("Schedule").await?;
        browser
            .wait_for_text("#process-heading + p", "Exam scheduled")
            .await?;
        sign_out(&browser).await?;

        // The applicant writes two vignette answers and hands them in.
        sign_in(&browser, &server, "ada@example.org").await?;
        portfolio_on(&browser, "IMHM-P").await?;
        browser
            .wait_for_text("#applicant-exam-heading", "Your exam")
            .await?;
        click(&browser, "#vignette-pick-1").await?;
        browser
            .fill(
                "vignette-answer-1",
                "First I would listen to the parent's own story…",
            )
            .await?;
        click(&browser, "#vignette-pick-3").await?;
        browser
            .fill(
                "vignette-answer-3",
                "As the supervisor, I would slow the team down…",
            )
            .await?;
        browser.press("Hand in the answers").await?;
        browser
            .wait_for_text(".notice", "Your answers are handed in")
            .await?;
        browser.screenshot("applicant-exam").await?;
        sign_out(&browser).await?;

        // Part 1 and two scorers.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser.fill("exam-part1", "52").await?;
        browser.press("Record Part 1").await?;
        browser
            .wait_for_text("#exam-heading ~ dl", "52 of 60")
            .await?;
        browser.press("Add Sam Scorer as scorer").await?;
        browser
            .wait_for_text("#exam-heading ~ ul", "Sam Scorer")
            .await?;
        browser.press("Add Tess Scorer as scorer").await?;
        browser
            .wait_for_text("#exam-heading ~ ul", "Tess Scorer")
            .await?;
        sign_out(&browser).await?;

        // Each scorer marks the answers, not knowing whose they are.
        for (email, marks) in [("sam@example.org", [3, 4]), ("tess@example.org", [3, 3])] {
            sign_in(&browser, &server, email).await?;
            browser.follow("Reviews").await?;
            browser
                .wait_for_text("a", "Exam IMHM-P-")
                .await?
                .click()
                .await?;
            browser
                .wait_for_text(".answer", "listen to the parent's own story")
                .await?;
            browser.wait_for_heading("Exam IMHM-P-").await?;
            ensure!(
                !browser.client.source().await?.contains("Applicant Example"),
                "scorers never see who wrote the answers"
            );
            click(&browser, &format!("#mark-1-{}", marks[0])).await?;
            click(&browser, &format!("#mark-3-{}", marks[1])).await?;
            browser.press("Submit the marks").await?;
            browser
                .wait_for_text(".notice", "Your marks are submitted")
                .await?;
            browser.audit().await?;
            sign_out(&browser).await?;
        }

        // The result follows from both parts; then the award.
        sign_in(&browser, &server, "coordinator@example.org").await?;
        open_the_application(&browser).await?;
        browser.press("Record the result").await?;
        browser
            .wait_for_text("#process-heading + p", "Exam passed")
            .await?;
        browser.screenshot("admin-exam").await?;
        browser
            .fill("field-transition-reason", "Review and exam passed.")
            .await?;
        browser.press("Endorse").await?;
        browser
            .wait_for_text("#process-heading + p", "Endorsed")
            .await?;
        Ok(())
    }
    .await;
    browser
        .finish(
            "an_applicant_for_a_mentor_category_passes_the_exam",
            outcome,
        )
        .await
}
