//! The text and HTML of every message, in the recipient's language. Each
//! template fills a [`NewMessage`]; the words are the catalog's (`mail.ftl`),
//! the association's name, reply-to address and signature come from the
//! settings. A referee's link is written as [`LINK_PLACEHOLDER`] and made only
//! at delivery, so no secret link ever sits in the database.

use crate::config::MailSettings;
use crate::db::outbox::NewMessage;
use chrono::{DateTime, Utc};
use endorse_shared::i18n::{Lang, LocalText, Text};
use endorse_shared::mail::MailKind;
use endorse_shared::references::ReferenceRequestInput;
use endorse_shared::renewal::RenewalKind;
use endorse_shared::EntryId;

/// Stands for the referee's link in a stored body.
pub const LINK_PLACEHOLDER: &str = "{referee_link}";

/// What every template needs to know about where it is sent from, and in
/// which language the recipient reads.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The association and its signature.
    pub mail: &'a MailSettings,
    /// The association's address, for links.
    pub public_url: &'a str,
    /// The association's days: a moment in a message reads as its day there.
    pub calendar: crate::calendar::Calendar,
    /// The recipient's language: the association's until [`Context::to`]
    /// names the recipient's own.
    pub lang: Lang,
    /// Whether the recipient has an account whose address they have not
    /// confirmed yet: a message that matters then asks them to.
    pub unconfirmed: bool,
}

/// Who reads a message: their language, and whether the address is an
/// account's that its owner has not confirmed yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reader {
    /// The language they chose, if any.
    pub lang: Option<Lang>,
    /// The address has an account and is not confirmed.
    pub unconfirmed: bool,
}

impl From<Option<Lang>> for Reader {
    fn from(lang: Option<Lang>) -> Self {
        Reader {
            lang,
            unconfirmed: false,
        }
    }
}

/// What a renewal reminder says.
#[derive(Clone, Copy, Debug)]
pub struct RenewalReminder<'a> {
    /// The endorsements due.
    pub numbers: &'a [String],
    /// Their due date.
    pub due: chrono::NaiveDate,
    /// The last day before they lapse.
    pub last_day: chrono::NaiveDate,
    /// Days left (0: today).
    pub days: u32,
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A paragraph of a message: text, or a button-like link.
enum Block {
    Text(Text),
    Link { label: &'static str, href: String },
}

impl Block {
    fn says(key: &'static str) -> Self {
        Block::Text(Text::new(key))
    }
}

/// The words of one message before they are said.
struct Draft {
    kind: MailKind,
    to_address: String,
    to_name: String,
    subject: Text,
    blocks: Vec<Block>,
    reference: Option<EntryId>,
    account_link: Option<String>,
    dedupe_key: Option<String>,
}

impl Context<'_> {
    /// The same context, for a recipient who reads their language (none:
    /// the association's language).
    pub fn to(self, reader: impl Into<Reader>) -> Self {
        let reader = reader.into();
        Context {
            lang: reader.lang.unwrap_or(self.lang),
            unconfirmed: reader.unconfirmed,
            ..self
        }
    }

    /// The association's signature: the default one is said in the
    /// recipient's language, one the association wrote stays as written.
    fn signature(&self) -> String {
        let name = &self.mail.association_name;
        if self.mail.signature == format!("The {name} endorsement team") {
            Text::new("mail-signature")
                .with("association", name)
                .say(self.lang)
        } else {
            self.mail.signature.clone()
        }
    }

    fn day(&self, at: DateTime<Utc>) -> chrono::NaiveDate {
        self.calendar.day_of(at)
    }

    fn render(&self, draft: Draft) -> NewMessage {
        let lang = self.lang;
        let mail = self.mail;
        let greeting = Text::new("mail-greeting")
            .with("name", &draft.to_name)
            .say(lang);
        let mut text = format!("{greeting}\n\n");
        let mut html = format!(
            "<!doctype html><html lang=\"{}\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:40rem\"><p>{}</p>",
            lang.code(),
            escape(&greeting)
        );
        for block in &draft.blocks {
            match block {
                Block::Text(paragraph) => {
                    let paragraph = paragraph.say(lang);
                    text.push_str(&paragraph);
                    text.push_str("\n\n");
                    html.push_str(&format!("<p>{}</p>", escape(&paragraph)));
                }
                Block::Link { label, href } => {
                    let label = Text::new(label).say(lang);
                    text.push_str(&format!("{label}:\n{href}\n\n"));
                    html.push_str(&format!(
                        "<p><a href=\"{}\" style=\"display:inline-block;padding:.6rem 1rem;background:#1f4e79;color:#fff;border-radius:.3rem;text-decoration:none\">{}</a></p><p style=\"font-size:.9rem\">{}<br>{}</p>",
                        escape(href),
                        escape(&label),
                        escape(&Text::new("mail-button-fallback").say(lang)),
                        escape(href)
                    ));
                }
            }
        }
        if self.unconfirmed && draft.kind.asks_confirmed_address() {
            let paragraph = Text::new("mail-confirm-first").say(lang);
            let href = format!("{}/account", self.public_url);
            text.push_str(&format!("{paragraph}\n{href}\n\n"));
            html.push_str(&format!(
                "<p style=\"border-left:4px solid #8a5a00;padding-left:.75rem\">{} <a href=\"{}\">{}</a></p>",
                escape(&paragraph),
                escape(&href),
                escape(&Text::new("mail-confirm-first-link").say(lang))
            ));
        }
        let footer = Text::new("mail-footer")
            .with("reply_to", &mail.reply_to)
            .say(lang);
        let signature = self.signature();
        text.push_str(&format!(
            "{signature}\n{}\n\n{footer}\n",
            mail.association_name
        ));
        html.push_str(&format!(
            "<p>{}<br>{}</p><p style=\"font-size:.9rem;color:#444\">{}</p></body></html>",
            escape(&signature),
            escape(&mail.association_name),
            escape(&footer)
        ));
        NewMessage {
            kind: draft.kind,
            to_address: draft.to_address,
            to_name: draft.to_name,
            subject: draft.subject.say(lang),
            body_text: text,
            body_html: html,
            reference: draft.reference,
            account_link: draft.account_link,
            dedupe_key: draft.dedupe_key,
            not_before: None,
        }
    }

    fn association(&self) -> &str {
        &self.mail.association_name
    }

    fn link(&self, label: &'static str, path: &str) -> Block {
        Block::Link {
            label,
            href: format!("{}{path}", self.public_url),
        }
    }

    /// The request to a referee, with the secret link, in the language the
    /// request names.
    pub fn reference_request(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_name: &str,
        category: &LocalText,
        expires_at: DateTime<Utc>,
    ) -> NewMessage {
        let lead = Text::new("mail-reference-request-lead")
            .with("applicant", applicant_name)
            .with("category", category)
            .with("association", self.association())
            .with("relationship", request.relationship.text());
        self.to(request.language).render(Draft {
            kind: MailKind::ReferenceRequest,
            to_address: request.referee_email.clone(),
            to_name: request.referee_name.clone(),
            subject: Text::new("mail-reference-request-subject").with("applicant", applicant_name),
            blocks: vec![
                Block::Text(lead),
                Block::says("mail-reference-request-how"),
                Block::Link {
                    label: "mail-reference-button",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::Text(
                    Text::new("mail-reference-request-personal")
                        .with("until", self.day(expires_at)),
                ),
            ],
            reference: Some(reference),
            account_link: None,
            dedupe_key: None,
        })
    }

    /// A reminder to a referee, `days_left` before the link expires, in the
    /// language the request names.
    pub fn reference_reminder(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_name: &str,
        expires_at: DateTime<Utc>,
        dedupe_key: String,
    ) -> NewMessage {
        self.to(request.language).render(Draft {
            kind: MailKind::ReferenceReminder,
            to_address: request.referee_email.clone(),
            to_name: request.referee_name.clone(),
            subject: Text::new("mail-reference-reminder-subject").with("applicant", applicant_name),
            blocks: vec![
                Block::Text(
                    Text::new("mail-reference-reminder-lead")
                        .with("applicant", applicant_name)
                        .with("until", self.day(expires_at)),
                ),
                Block::Link {
                    label: "mail-reference-button",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::says("mail-reference-reminder-decline"),
            ],
            reference: Some(reference),
            account_link: None,
            dedupe_key: Some(dedupe_key),
        })
    }

    /// To the applicant: a rating arrived.
    pub fn rating_received(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_email: &str,
        applicant_name: &str,
    ) -> NewMessage {
        let referee = request.referee_name.as_str();
        self.render(Draft {
            kind: MailKind::RatingReceived,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: Text::new("mail-rating-received-subject").with("referee", referee),
            blocks: vec![
                Block::Text(Text::new("mail-rating-received-lead").with("referee", referee)),
                self.link("mail-see-references", "/references"),
            ],
            reference: Some(reference),
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To the applicant: a decision on their application, with the feedback
    /// meant for them (never a reviewer's identity or private notes).
    pub fn decision(
        &self,
        applicant_email: &str,
        applicant_name: &str,
        category: &LocalText,
        outcome: &Text,
        feedback: Option<&Text>,
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(
            Text::new("mail-decision-lead")
                .with("association", self.association())
                .with("category", category)
                .with("outcome", outcome.clone()),
        )];
        if let Some(feedback) = feedback {
            blocks.push(Block::Text(
                Text::new("mail-decision-feedback").with("feedback", feedback.clone()),
            ));
        }
        blocks.push(self.link("mail-see-application", "/portfolio"));
        self.render(Draft {
            kind: MailKind::Decision,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: Text::new("mail-decision-subject")
                .with("category", category)
                .with("outcome", outcome.clone()),
            blocks,
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To a reviewer: an application to review. `applicant` is none when
    /// review is blind.
    pub fn review_assigned(
        &self,
        reviewer_email: &str,
        reviewer_name: &str,
        category: &LocalText,
        applicant: Option<&str>,
        due_at: DateTime<Utc>,
    ) -> NewMessage {
        let lead = match applicant {
            Some(name) => Text::new("mail-review-assigned-lead-named").with("applicant", name),
            None => Text::new("mail-review-assigned-lead"),
        }
        .with("association", self.association())
        .with("category", category)
        .with("due", self.day(due_at));
        self.render(Draft {
            kind: MailKind::ReviewAssigned,
            to_address: reviewer_email.to_string(),
            to_name: reviewer_name.to_string(),
            subject: Text::new("mail-review-assigned-subject").with("category", category),
            blocks: vec![
                Block::Text(lead),
                self.link("mail-open-reviews", "/reviews"),
            ],
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To a holder: renewal is due in `days` days (0: today).
    pub fn renewal_reminder(
        &self,
        holder_email: &str,
        holder_name: &str,
        reminder: &RenewalReminder<'_>,
        dedupe_key: String,
    ) -> NewMessage {
        let RenewalReminder {
            numbers,
            due,
            last_day,
            days,
        } = *reminder;
        self.render(Draft {
            kind: MailKind::RenewalReminder,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: Text::new("mail-renewal-reminder-subject").with("days", days),
            blocks: vec![
                Block::Text(
                    Text::new("mail-renewal-reminder-lead")
                        .with("numbers", numbers.join(", "))
                        .with("days", days)
                        .with("due", due),
                ),
                Block::Text(Text::new("mail-renewal-reminder-lapse").with("last_day", last_day)),
                self.link("mail-renew-button", "/"),
            ],
            reference: None,
            account_link: None,
            dedupe_key: Some(dedupe_key),
        })
    }

    /// To a holder: a renewal (or reinstatement) was approved, with the next
    /// due date, or returned with the reason.
    pub fn renewal_decision(
        &self,
        holder_email: &str,
        holder_name: &str,
        kind: RenewalKind,
        approved_until: Option<chrono::NaiveDate>,
        reason: Option<&str>,
    ) -> NewMessage {
        let kind_code = match kind {
            RenewalKind::Reinstatement => "reinstatement",
            _ => "renewal",
        };
        let (subject, lead) = match approved_until {
            Some(due) => (
                Text::new("mail-renewal-approved-subject"),
                Text::new("mail-renewal-approved").with("due", due),
            ),
            None => (
                Text::new("mail-renewal-returned-subject"),
                Text::new("mail-renewal-returned"),
            ),
        };
        let mut blocks = vec![Block::Text(
            lead.with("association", self.association())
                .with("kind", kind_code),
        )];
        if let Some(reason) = reason {
            blocks.push(Block::Text(Text::plain(reason)));
        }
        blocks.push(self.link("mail-open-endorse", "/"));
        self.render(Draft {
            kind: MailKind::RenewalDecision,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: subject.with("kind", kind_code),
            blocks,
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To a holder: the association recognised another association's
    /// endorsement with one of its own (its number), or declined, why.
    pub fn recognition_decision(
        &self,
        holder_email: &str,
        holder_name: &str,
        recognised: (&str, &str),
        granted: Option<&str>,
        reason: Option<&str>,
    ) -> NewMessage {
        let (from_association, from_number) = recognised;
        let (subject, lead) = match granted {
            Some(number) => (
                "mail-recognised-subject",
                Text::new("mail-recognised").with("number", number),
            ),
            None => (
                "mail-not-recognised-subject",
                Text::new("mail-not-recognised"),
            ),
        };
        let mut blocks = vec![Block::Text(
            lead.with("association", self.association())
                .with("from_number", from_number)
                .with("from_association", from_association),
        )];
        if let Some(reason) = reason {
            blocks.push(Block::Text(Text::plain(reason)));
        }
        blocks.push(self.link("mail-open-endorse", "/"));
        self.render(Draft {
            kind: MailKind::RecognitionDecision,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: Text::new(subject),
            blocks,
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To a holder: the endorsement lapsed.
    pub fn lapsed(
        &self,
        holder_email: &str,
        holder_name: &str,
        number: &str,
        dedupe_key: String,
    ) -> NewMessage {
        self.render(Draft {
            kind: MailKind::Lapsed,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: Text::new("mail-lapsed-subject").with("number", number),
            blocks: vec![
                Block::Text(Text::new("mail-lapsed-lead").with("number", number)),
                Block::says("mail-lapsed-reinstate"),
                self.link("mail-open-endorse", "/"),
            ],
            reference: None,
            account_link: None,
            dedupe_key: Some(dedupe_key),
        })
    }

    /// To a reviewer: a review due soon, or late (`overdue`). Never names the
    /// applicant, blind or not.
    pub fn review_reminder(
        &self,
        reviewer_email: &str,
        reviewer_name: &str,
        category: &LocalText,
        due_at: DateTime<Utc>,
        overdue: bool,
        dedupe_key: String,
    ) -> NewMessage {
        let (subject, lead) = if overdue {
            ("mail-review-overdue-subject", "mail-review-overdue-lead")
        } else {
            ("mail-review-reminder-subject", "mail-review-reminder-lead")
        };
        let due = self.day(due_at);
        self.render(Draft {
            kind: MailKind::ReviewReminder,
            to_address: reviewer_email.to_string(),
            to_name: reviewer_name.to_string(),
            subject: Text::new(subject)
                .with("category", category)
                .with("due", due),
            blocks: vec![
                Block::Text(Text::new(lead).with("category", category).with("due", due)),
                self.link("mail-open-reviews", "/reviews"),
            ],
            reference: None,
            account_link: None,
            dedupe_key: Some(dedupe_key),
        })
    }

    /// To the applicant: a reviewer asks about some entries (never naming the
    /// reviewer).
    pub fn information_requested(
        &self,
        applicant_email: &str,
        applicant_name: &str,
        category: &LocalText,
        messages: &[&str],
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(
            Text::new("mail-information-lead")
                .with("category", category)
                .with("count", messages.len()),
        )];
        for message in messages {
            blocks.push(Block::Text(Text::plain(format!("\u{2022} {message}"))));
        }
        blocks.push(Block::says("mail-information-how"));
        blocks.push(self.link("mail-answer-button", "/portfolio"));
        self.render(Draft {
            kind: MailKind::InformationRequested,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: Text::new("mail-information-subject").with("category", category),
            blocks,
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To a person who asked: the link to choose a new password (made at
    /// delivery from the account link `link`), and what to do if they did
    /// not ask.
    /// `by_admin`: an admin of the association sent it, not the person.
    pub fn password_reset(
        &self,
        email: &str,
        name: &str,
        link: String,
        (valid_minutes, by_admin): (u32, bool),
    ) -> NewMessage {
        let lead = if by_admin {
            "mail-reset-lead-admin"
        } else {
            "mail-reset-lead"
        };
        self.render(Draft {
            kind: MailKind::PasswordReset,
            to_address: email.to_string(),
            to_name: name.to_string(),
            subject: Text::new("mail-reset-subject").with("association", self.association()),
            blocks: vec![
                Block::Text(
                    Text::new(lead)
                        .with("association", self.association())
                        .with("minutes", valid_minutes),
                ),
                Block::Link {
                    label: "mail-reset-button",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::says("mail-reset-not-you"),
            ],
            reference: None,
            account_link: Some(link),
            dedupe_key: None,
        })
    }

    /// To a person an import brought in: a link (made at delivery from the
    /// account link `link`) to choose a password and so claim the account.
    pub fn account_claim(&self, email: &str, name: &str, link: String, days: u32) -> NewMessage {
        self.render(Draft {
            kind: MailKind::AccountClaim,
            to_address: email.to_string(),
            to_name: name.to_string(),
            subject: Text::new("mail-claim-subject").with("association", self.association()),
            blocks: vec![
                Block::Text(
                    Text::new("mail-claim-lead")
                        .with("association", self.association())
                        .with("days", days),
                ),
                Block::Link {
                    label: "mail-claim-button",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::says("mail-claim-after"),
            ],
            reference: None,
            account_link: Some(link),
            dedupe_key: None,
        })
    }

    /// To an address to confirm: the link (made at delivery from the account
    /// link `link`). `changing`: the person asked to sign in with this
    /// address instead of their current one.
    pub fn email_confirm(
        &self,
        email: &str,
        name: &str,
        link: String,
        (valid_days, changing): (u32, bool),
    ) -> NewMessage {
        let lead = if changing {
            "mail-confirm-lead-change"
        } else {
            "mail-confirm-lead"
        };
        self.render(Draft {
            kind: MailKind::EmailConfirm,
            to_address: email.to_string(),
            to_name: name.to_string(),
            subject: Text::new("mail-confirm-subject").with("association", self.association()),
            blocks: vec![
                Block::Text(
                    Text::new(lead)
                        .with("association", self.association())
                        .with("days", valid_days),
                ),
                Block::Link {
                    label: "mail-confirm-button",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::says("mail-confirm-not-you"),
            ],
            reference: None,
            account_link: Some(link),
            dedupe_key: None,
        })
    }

    /// To the address an account had: it signs in with `new_email` now.
    pub fn email_changed(&self, old_email: &str, name: &str, new_email: &str) -> NewMessage {
        self.render(Draft {
            kind: MailKind::EmailChanged,
            to_address: old_email.to_string(),
            to_name: name.to_string(),
            subject: Text::new("mail-email-changed-subject")
                .with("association", self.association()),
            blocks: vec![
                Block::Text(
                    Text::new("mail-email-changed-lead")
                        .with("association", self.association())
                        .with("email", new_email),
                ),
                Block::says("mail-email-changed-not-you"),
            ],
            reference: None,
            account_link: None,
            dedupe_key: None,
        })
    }

    /// To an admin: what waits on them today, each kind with its count, and
    /// the way to their overview. Once a day (`dedupe_key`).
    pub fn admin_digest(
        &self,
        admin_email: &str,
        admin_name: &str,
        list: &endorse_shared::worklist::WorkList,
        dedupe_key: String,
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(
            Text::new("mail-digest-lead").with("association", self.association()),
        )];
        for item in list.items.iter().filter(|item| item.count > 0) {
            blocks.push(Block::Text(Text::plain(format!(
                "\u{2022} {}",
                item.kind.text().with("count", item.count).say(self.lang)
            ))));
        }
        blocks.push(self.link("mail-digest-button", "/"));
        blocks.push(Block::says("mail-digest-why"));
        self.render(Draft {
            kind: MailKind::AdminDigest,
            to_address: admin_email.to_string(),
            to_name: admin_name.to_string(),
            subject: Text::new("mail-digest-subject").with("association", self.association()),
            blocks,
            reference: None,
            account_link: None,
            dedupe_key: Some(dedupe_key),
        })
    }

    /// To the applicant: a referee declined.
    pub fn reference_declined(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        reason: &str,
        applicant_email: &str,
        applicant_name: &str,
    ) -> NewMessage {
        let referee = request.referee_name.as_str();
        self.render(Draft {
            kind: MailKind::ReferenceDeclined,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: Text::new("mail-declined-subject").with("referee", referee),
            blocks: vec![
                Block::Text(
                    Text::new("mail-declined-lead")
                        .with("referee", referee)
                        .with("reason", reason),
                ),
                Block::says("mail-declined-ask"),
                self.link("mail-ask-another", "/references"),
            ],
            reference: Some(reference),
            account_link: None,
            dedupe_key: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use endorse_shared::rulebook::Relationship;

    fn settings() -> MailSettings {
        let dir = tempfile::tempdir().unwrap();
        let args = crate::config::ConfigArgs {
            data_dir: Some(dir.path().to_path_buf()),
            association_name: Some("Michigan <IMH> Association".into()),
            ..Default::default()
        };
        crate::Settings::from_args(&args).unwrap().mail
    }

    /// The context of an association in UTC, writing in English.
    fn english(mail: &MailSettings) -> Context<'_> {
        Context {
            mail,
            public_url: "https://endorse.example.org",
            calendar: crate::calendar::Calendar::utc(),
            lang: Lang::En,
            unconfirmed: false,
        }
    }

    #[test]
    fn a_blind_assignment_never_names_the_applicant_and_a_request_never_names_the_reviewer() {
        let mail = settings();
        let context = english(&mail);
        let due = chrono::Utc::now();
        let ifs = LocalText::english("IFS");
        let blind = context.review_assigned("ruth@example.org", "Ruth", &ifs, None, due);
        let open = context.review_assigned("ruth@example.org", "Ruth", &ifs, Some("Ada"), due);
        for part in [&blind.subject, &blind.body_text, &blind.body_html] {
            assert!(!part.contains("Ada"), "{part}");
        }
        assert!(open.body_text.contains("Ada's application"));
        assert_eq!(blind.subject, "An application to review: IFS");
        let reminder =
            context.review_reminder("ruth@example.org", "Ruth", &ifs, due, true, "k".into());
        assert!(reminder.subject.starts_with("Overdue"));
        assert_eq!(reminder.dedupe_key.as_deref(), Some("k"));
        let asked = context.information_requested(
            "ada@example.org",
            "Ada",
            &ifs,
            &["The hours are <not> documented."],
        );
        assert!(asked.body_text.contains("The hours are <not> documented."));
        assert!(asked.body_html.contains("&lt;not&gt;"));
        assert!(!asked.body_text.contains("Ruth"));
    }

    #[test]
    fn a_moment_reads_as_the_associations_day() {
        let mail = settings();
        let at = chrono::DateTime::parse_from_rfc3339("2027-01-01T03:30:00Z")
            .map(|at| at.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        let in_zone = |zone: &str| {
            Context {
                mail: &mail,
                public_url: "https://endorse.example.org",
                calendar: crate::calendar::Calendar::new(zone),
                lang: Lang::En,
                unconfirmed: false,
            }
            .review_assigned(
                "ruth@example.org",
                "Ruth",
                &LocalText::english("IFS"),
                None,
                at,
            )
            .body_text
        };
        assert!(in_zone("America/Detroit").contains("December 31, 2026"));
        assert!(in_zone("UTC").contains("January 1, 2027"));
    }

    #[test]
    fn a_request_names_the_applicant_escapes_html_and_leaves_the_link_for_later() {
        let mail = settings();
        let context = english(&mail);
        let request = ReferenceRequestInput {
            category: "IFS".into(),
            referee_name: "Sam <b>Rivera</b>".into(),
            referee_email: "sam@example.org".into(),
            relationship: Relationship::CurrentSupervisor,
            endorsement: None,
            known_since: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            waive_access: true,
            language: None,
        };
        let expires = DateTime::parse_from_rfc3339("2026-12-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let message = context.reference_request(
            EntryId::from_uuid(uuid::Uuid::new_v4()),
            &request,
            "Ada Lovelace",
            &LocalText::english("Infant Family Specialist"),
            expires,
        );
        assert_eq!(message.subject, "Reference request for Ada Lovelace");
        assert!(message.body_text.contains("Ada Lovelace is applying for the Infant Family Specialist endorsement with the Michigan <IMH> Association"));
        assert!(message.body_text.contains("current supervisor"));
        assert!(message.body_text.contains("December 22, 2026"));
        assert!(message.body_text.contains(LINK_PLACEHOLDER));
        assert!(message.body_html.contains("Sam &lt;b&gt;Rivera&lt;/b&gt;"));
        assert!(message
            .body_html
            .contains("Michigan &lt;IMH&gt; Association"));
        assert!(!message.body_html.contains("<b>"));
        assert!(message
            .body_text
            .contains("The Michigan <IMH> Association endorsement team"));
    }

    #[test]
    fn mail_is_written_in_the_recipients_language_and_a_request_in_its_own() {
        let mail = settings();
        let context = english(&mail);
        let category: LocalText = serde_json::from_value(serde_json::json!({
            "en": "Infant Family Specialist (IFS)",
            "es": "Especialista en Familia e Infancia (Infant Family Specialist, IFS)"
        }))
        .unwrap();
        let mut request = ReferenceRequestInput {
            category: "IFS".into(),
            referee_name: "Rosa Díaz".into(),
            referee_email: "rosa@example.org".into(),
            relationship: Relationship::CurrentSupervisor,
            endorsement: None,
            known_since: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            waive_access: true,
            language: Some(Lang::Es),
        };
        let expires = DateTime::parse_from_rfc3339("2026-12-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let id = EntryId::from_uuid(uuid::Uuid::new_v4());
        // The request says its own language, whoever the context was for.
        let asked = context.reference_request(id, &request, "Ana", &category, expires);
        assert_eq!(asked.subject, "Solicitud de referencia para Ana");
        assert!(asked.body_text.starts_with("Estimado/a Rosa Díaz:"));
        assert!(asked
            .body_text
            .contains("Especialista en Familia e Infancia"));
        assert!(asked.body_text.contains("su supervisor actual"));
        assert!(asked.body_text.contains("22 de diciembre de 2026"));
        assert!(asked
            .body_text
            .contains("El equipo de Endorsement de Michigan <IMH> Association"));
        assert!(asked
            .body_html
            .starts_with("<!doctype html><html lang=\"es\">"));
        assert!(asked.body_html.contains("Si el botón no funciona"));
        request.language = None;
        let english = context.reference_request(id, &request, "Ana", &category, expires);
        assert_eq!(english.subject, "Reference request for Ana");
        // Everyone else reads what the context is for.
        let spanish = context.to(Some(Lang::Es));
        let decided = spanish.decision(
            "ana@example.org",
            "Ana",
            &category,
            &Text::new("outcome-endorsed"),
            Some(&Text::plain("Muy bien documentado.")),
        );
        assert!(decided.subject.starts_with("Su solicitud de Especialista"));
        assert!(decided.body_text.contains("Endorsement otorgado"));
        assert!(decided.body_text.contains("Muy bien documentado."));
        let due = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
        for (days, subject) in [
            (0, "La renovación de su Endorsement vence hoy"),
            (1, "La renovación de su Endorsement vence mañana"),
            (30, "La renovación de su Endorsement vence en 30 días"),
        ] {
            let reminder = spanish.renewal_reminder(
                "ana@example.org",
                "Ana",
                &RenewalReminder {
                    numbers: &["MI-IFS-0001".to_string()],
                    due,
                    last_day: due,
                    days,
                },
                "k".into(),
            );
            assert_eq!(reminder.subject, subject);
            assert!(reminder.body_text.contains("30 de junio de 2027"));
        }
        let returned = spanish.renewal_decision(
            "ana@example.org",
            "Ana",
            RenewalKind::Reinstatement,
            None,
            Some("Falta la membresía."),
        );
        assert_eq!(returned.subject, "Se le devolvió su reincorporación");
        // A signature the association wrote stays as it wrote it.
        let mut own = settings();
        own.signature = "Con cariño, el equipo".into();
        let signed = Context {
            mail: &own,
            ..spanish
        }
        .lapsed("ana@example.org", "Ana", "MI-IFS-0001", "k".into());
        assert!(signed.body_text.contains("Con cariño, el equipo"));
        assert!(signed.subject.contains("MI-IFS-0001"));
    }
}
