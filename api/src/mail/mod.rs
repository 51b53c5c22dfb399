//! E-mail: the templates, the transport (SMTP through lettre, or the log when no
//! server is configured) and the worker that drains the outbox.
//!
//! Handlers never send mail. They queue it in the outbox (`db::outbox`) inside
//! the transaction of the change that causes it; [`worker::Worker`] delivers it.

pub mod templates;
pub mod worker;

use crate::config::MailSettings;
use anyhow::Context;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Where mail goes.
pub enum Transport {
    /// An SMTP server.
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>),
    /// The log (and the admins' outbox page): no mail server configured.
    Log,
}

/// A failed delivery.
#[derive(Debug)]
pub struct SendError {
    /// What went wrong, for the outbox page.
    pub message: String,
    /// True when retrying cannot help (the server refused the address for good).
    pub permanent: bool,
}

/// A message ready to go.
pub struct Outgoing<'a> {
    /// The outbox id, which also makes the Message-ID: a retry after a crash
    /// carries the same one, so mail clients can drop the duplicate.
    pub id: &'a str,
    /// Recipient's address.
    pub to_address: &'a str,
    /// Recipient's name.
    pub to_name: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Plain text.
    pub text: String,
    /// HTML.
    pub html: String,
}

impl Transport {
    /// The transport the settings ask for.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            None => Ok(Transport::Log),
            Some(url) => Self::smtp(url)
                .with_context(|| format!("ENDORSE_SMTP_URL: cannot use {}", url.redacted())),
        }
    }

    /// A transport through the SMTP server at `url`.
    pub fn smtp(url: &crate::config::SmtpUrl) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Transport::Smtp(Box::new(transport)))
    }

    /// `smtp` or `log`, as attempts record it.
    pub fn name(&self) -> &'static str {
        match self {
            Transport::Smtp(_) => "smtp",
            Transport::Log => "log",
        }
    }

    /// Whether the mail server answers (the log always does).
    pub async fn test_connection(&self) -> Result<bool, String> {
        match self {
            Transport::Smtp(transport) => transport
                .test_connection()
                .await
                .map_err(|error| error.to_string()),
            Transport::Log => Ok(true),
        }
    }

    /// Delivers one message.
    pub async fn send(&self, settings: &MailSettings, mail: Outgoing<'_>) -> Result<(), SendError> {
        let permanent = |message: String| SendError {
            message,
            permanent: true,
        };
        match self {
            Transport::Log => {
                tracing::info!(
                    to = mail.to_address,
                    subject = mail.subject,
                    body = %mail.text,
                    "e-mail (no SMTP server configured: written to the log and the outbox page)"
                );
                Ok(())
            }
            Transport::Smtp(smtp) => {
                let parse = |what: &str, name: Option<&str>, address: &str| {
                    address
                        .parse()
                        .map(|address| Mailbox::new(name.map(str::to_string), address))
                        .map_err(|error| permanent(format!("{what} address '{address}': {error}")))
                };
                let host = settings
                    .from
                    .rsplit_once('@')
                    .map_or("endorse.localhost", |(_, h)| h);
                let message = Message::builder()
                    .from(parse(
                        "sender",
                        Some(&settings.association_name),
                        &settings.from,
                    )?)
                    .reply_to(parse("reply-to", None, &settings.reply_to)?)
                    .to(parse("recipient", Some(mail.to_name), mail.to_address)?)
                    .subject(mail.subject)
                    .message_id(Some(format!("<{}@{host}>", mail.id)))
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_PLAIN)
                                    .body(mail.text),
                            )
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_HTML)
                                    .body(mail.html),
                            ),
                    )
                    .map_err(|error| permanent(format!("cannot build the message: {error}")))?;
                smtp.send(message)
                    .await
                    .map(|_| ())
                    .map_err(|error| SendError {
                        permanent: error.is_permanent(),
                        message: error.to_string(),
                    })
            }
        }
    }
}
