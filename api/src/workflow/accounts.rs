//! Accounts as their owners and admins change them: links mailed to confirm
//! an address or to choose a password, a confirmed change of address, and the
//! events each of these leaves in the association's log. Everything runs in
//! the caller's transaction.

use crate::db::account_links::{self, Purpose};
use crate::db::association_log::{self, Actor, Subject};
use crate::db::users::{self, User};
use crate::db::{outbox, DbError, DbResult};
use crate::mail::templates::Context;
use chrono::{DateTime, Duration, Utc};
use endorse_shared::auth::PASSWORD_RESET_MINUTES;
use endorse_shared::users::EMAIL_CONFIRM_DAYS;

/// Mails `user` a link (made from `nonce`, whose token hashes to
/// `token_hash`) to confirm `email`: the address the account has, or
/// one they (or an admin) asked to change it to. Every older link of theirs
/// to confirm an address stops working.
pub fn mail_confirmation(
    conn: &mut crate::db::AnyConnection,
    (mail, (nonce, token_hash)): (&Context<'_>, (&str, &str)),
    user: &User,
    email: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let expires_at = now + Duration::days(i64::from(EMAIL_CONFIRM_DAYS));
    let id = account_links::issue(
        conn,
        user.id,
        (Purpose::EmailConfirm, Some(email)),
        (nonce, token_hash),
        expires_at.naive_utc(),
        now.naive_utc(),
    )?;
    let changing = email != user.email;
    let message =
        mail.to(user.language)
            .email_confirm(email, &user.name, id, (EMAIL_CONFIRM_DAYS, changing));
    outbox::enqueue(conn, &message, now)?;
    Ok(())
}

/// Mails `user` a link to choose a new password; every older one stops
/// working. `by_admin`: an admin sent it.
pub fn mail_password_reset(
    conn: &mut crate::db::AnyConnection,
    (mail, (nonce, token_hash)): (&Context<'_>, (&str, &str)),
    user: &User,
    by_admin: bool,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let expires_at = now + Duration::minutes(i64::from(PASSWORD_RESET_MINUTES));
    let id = account_links::issue(
        conn,
        user.id,
        (Purpose::PasswordReset, None),
        (nonce, token_hash),
        expires_at.naive_utc(),
        now.naive_utc(),
    )?;
    let message = mail.to(user.language).password_reset(
        &user.email,
        &user.name,
        id,
        (PASSWORD_RESET_MINUTES, by_admin),
    );
    outbox::enqueue(conn, &message, now)?;
    Ok(())
}

/// What opening a link to confirm an address did.
pub enum Confirmed {
    /// The account's address is confirmed (it may be the one it just
    /// changed to).
    Done(User),
    /// No live link has this token.
    Gone,
    /// The address it would change to is another account's now.
    Taken,
}

/// Confirms an address with the hash of a presented token. The link is
/// taken (once, of any number of racing requests); when it names another
/// address than the account's, the account changes to it, the old address
/// is told, and the change is logged.
pub fn confirm_email(
    conn: &mut crate::db::AnyConnection,
    mail: &Context<'_>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> DbResult<Confirmed> {
    let Some(link) = account_links::take(conn, Purpose::EmailConfirm, token_hash, now.naive_utc())?
    else {
        return Ok(Confirmed::Gone);
    };
    let Some(user) = users::find(conn, link.owner()?)? else {
        return Ok(Confirmed::Gone);
    };
    let Some(email) = link.email.as_deref() else {
        return Err(DbError::Corrupt(format!(
            "confirmation link {} names no address",
            link.id
        )));
    };
    if email == user.email {
        let user = users::set_email(conn, user.id, email, Some(now.naive_utc()), now.naive_utc())?;
        return Ok(Confirmed::Done(user));
    }
    if users::email_taken(conn, email)? {
        users::set_pending_email(conn, user.id, None, now.naive_utc())?;
        return Ok(Confirmed::Taken);
    }
    // In a savepoint: a unique violation (taken meanwhile, by a registration
    // racing this one) rolls back only this, so PostgreSQL's transaction
    // stays usable and the answer is a 409, not a failed commit.
    let at = now.naive_utc();
    let changed = match crate::db::write(conn, |conn| {
        users::set_email(conn, user.id, email, Some(at), at)
    }) {
        Ok(changed) => changed,
        Err(DbError::UniqueViolation(_)) => return Ok(Confirmed::Taken),
        Err(other) => return Err(other),
    };
    let message = mail
        .to(user.language)
        .email_changed(&user.email, &user.name, email);
    outbox::enqueue(conn, &message, now)?;
    let id = user.id.to_string();
    association_log::record_about(
        conn,
        Actor {
            id: Some(&id),
            name: &user.name,
            ip: None,
        },
        Some(Subject::user(&id)),
        (
            "email_changed",
            &format!(
                "{} confirmed a new sign-in address: {} (was {}).",
                user.name, email, user.email
            ),
        ),
        now,
    )?;
    Ok(Confirmed::Done(changed))
}

/// Logs an event about an account.
pub fn log(
    conn: &mut crate::db::AnyConnection,
    actor: Actor<'_>,
    subject: &User,
    (action, details): (&str, &str),
    now: DateTime<Utc>,
) -> DbResult<()> {
    let id = subject.id.to_string();
    association_log::record_about(
        conn,
        actor,
        Some(Subject::user(&id)),
        (action, details),
        now,
    )
}
