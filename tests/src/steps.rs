//! Steps the journeys share: signing in and out, and reaching the pages
//! most journeys pass through.

use crate::{Browser, Server};
use anyhow::Result;

/// The password of every account the journeys make.
pub const PASSWORD: &str = "correct horse battery staple";

/// Signs in with the journeys' password and waits for the signed-in menu.
pub async fn sign_in(browser: &Browser, server: &Server, email: &str) -> Result<()> {
    browser.open(&format!("{}/sign-in", server.base)).await?;
    browser.fill("field-email", email).await?;
    browser.fill("field-password", PASSWORD).await?;
    browser.press("Sign in").await?;
    browser.wait_for_text("button", "Sign out").await?;
    Ok(())
}

/// Signs out and waits for the signed-out menu.
pub async fn sign_out(browser: &Browser) -> Result<()> {
    browser.press("Sign out").await?;
    browser.wait_for_text("a", "Sign in").await?;
    Ok(())
}

/// Opens the portfolio page on `category`'s application panel.
pub async fn portfolio_on(browser: &Browser, category: &str) -> Result<()> {
    browser.follow("Portfolio").await?;
    browser
        .wait_for(&format!("#field-category option[value={category}]"))
        .await?;
    browser
        .wait_for("#field-category")
        .await?
        .select_by_value(category)
        .await?;
    browser
        .wait_for_text("#application-heading", category)
        .await?;
    Ok(())
}

/// Admins: opens the (only) application from the Applications page.
pub async fn open_the_application(browser: &Browser) -> Result<()> {
    browser.follow("Applications").await?;
    browser.follow("Applicant Example").await
}

/// Clicks an element after scrolling it to the middle of the window.
pub async fn click(browser: &Browser, css: &str) -> Result<()> {
    let element = browser.wait_for(css).await?;
    browser
        .client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![serde_json::to_value(&element)?],
        )
        .await?;
    element.click().await?;
    Ok(())
}

/// The applicant signs in, starts an application for `category` from the
/// portfolio page, submits it and signs out.
pub async fn submit_application(
    browser: &Browser,
    server: &Server,
    email: &str,
    category: &str,
) -> Result<()> {
    sign_in(browser, server, email).await?;
    portfolio_on(browser, category).await?;
    browser
        .press(&format!("Start an application for {category}"))
        .await?;
    browser.press("Submit your application").await?;
    browser.wait_for_text(".muted", "Submitted on").await?;
    sign_out(browser).await
}
