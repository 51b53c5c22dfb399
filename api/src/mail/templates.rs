//! The text and HTML of every message. Each template fills a [`NewMessage`];
//! the association's name, reply-to address and signature come from the
//! settings. A referee's link is written as [`LINK_PLACEHOLDER`] and made only at
//! delivery, so no secret link ever sits in the database.

use crate::config::MailSettings;
use crate::db::outbox::NewMessage;
use chrono::{DateTime, Utc};
use endorse_shared::mail::MailKind;
use endorse_shared::references::ReferenceRequestInput;
use endorse_shared::EntryId;

/// Stands for the referee's link in a stored body.
pub const LINK_PLACEHOLDER: &str = "{referee_link}";

/// What every template needs to know about where it is sent from.
pub struct Context<'a> {
    /// The association and its signature.
    pub mail: &'a MailSettings,
    /// The association's address, for links.
    pub public_url: &'a str,
    /// The association's days: a moment in a message reads as its day there.
    pub calendar: crate::calendar::Calendar,
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
enum Block<'a> {
    Text(String),
    Link { label: &'a str, href: String },
}

impl Context<'_> {
    fn render(&self, greeting: &str, blocks: &[Block<'_>]) -> (String, String) {
        let mail = self.mail;
        let mut text = format!("{greeting}\n\n");
        let mut html = format!(
            "<!doctype html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:40rem\"><p>{}</p>",
            escape(greeting)
        );
        for block in blocks {
            match block {
                Block::Text(paragraph) => {
                    text.push_str(paragraph);
                    text.push_str("\n\n");
                    html.push_str(&format!("<p>{}</p>", escape(paragraph)));
                }
                Block::Link { label, href } => {
                    text.push_str(&format!("{label}:\n{href}\n\n"));
                    html.push_str(&format!(
                        "<p><a href=\"{}\" style=\"display:inline-block;padding:.6rem 1rem;background:#1f4e79;color:#fff;border-radius:.3rem;text-decoration:none\">{}</a></p><p style=\"font-size:.9rem\">{}<br>{}</p>",
                        escape(href),
                        escape(label),
                        "If the button does not work, copy this address into your browser:",
                        escape(href)
                    ));
                }
            }
        }
        let footer = format!(
            "Questions? Reply to this e-mail or write to {}.",
            mail.reply_to
        );
        text.push_str(&format!(
            "{}\n{}\n\n{footer}\n",
            mail.signature, mail.association_name
        ));
        html.push_str(&format!(
            "<p>{}<br>{}</p><p style=\"font-size:.9rem;color:#444\">{}</p></body></html>",
            escape(&mail.signature),
            escape(&mail.association_name),
            escape(&footer)
        ));
        (text, html)
    }

    /// The request to a referee, with the secret link.
    pub fn reference_request(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_name: &str,
        category_name: &str,
        expires_at: DateTime<Utc>,
    ) -> NewMessage {
        let (text, html) = self.render(
            &format!("Dear {},", request.referee_name),
            &[
                Block::Text(format!(
                    "{applicant_name} is applying for the {category_name} endorsement with the {} and has asked you for a reference rating. {applicant_name} described you as their {}.",
                    self.mail.association_name,
                    request.relationship.label()
                )),
                Block::Text(
                    "The rating takes about 15 minutes: you rate the applicant on each competency domain, add comments and a recommendation, or decline. No account is needed, and your answers are saved as you go.".into(),
                ),
                Block::Link {
                    label: "Give your reference",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::Text(format!(
                    "This link is personal to you and works until {}. Please do not forward it.",
                    self.calendar.day_of(expires_at).format("%-d %B %Y")
                )),
            ],
        );
        NewMessage {
            kind: MailKind::ReferenceRequest,
            to_address: request.referee_email.clone(),
            to_name: request.referee_name.clone(),
            subject: format!("Reference request for {applicant_name}"),
            body_text: text,
            body_html: html,
            reference: Some(reference),
            dedupe_key: None,
        }
    }

    /// A reminder to a referee, `days_left` before the link expires.
    pub fn reference_reminder(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_name: &str,
        expires_at: DateTime<Utc>,
        dedupe_key: String,
    ) -> NewMessage {
        let (text, html) = self.render(
            &format!("Dear {},", request.referee_name),
            &[
                Block::Text(format!(
                    "A reminder: {applicant_name} is waiting for your reference rating. Your link works until {}.",
                    self.calendar.day_of(expires_at).format("%-d %B %Y")
                )),
                Block::Link {
                    label: "Give your reference",
                    href: LINK_PLACEHOLDER.into(),
                },
                Block::Text(
                    "If you cannot give a reference, the same link lets you decline, so the applicant can ask someone else.".into(),
                ),
            ],
        );
        NewMessage {
            kind: MailKind::ReferenceReminder,
            to_address: request.referee_email.clone(),
            to_name: request.referee_name.clone(),
            subject: format!("Reminder: reference for {applicant_name}"),
            body_text: text,
            body_html: html,
            reference: Some(reference),
            dedupe_key: Some(dedupe_key),
        }
    }

    /// To the applicant: a rating arrived.
    pub fn rating_received(
        &self,
        reference: EntryId,
        request: &ReferenceRequestInput,
        applicant_email: &str,
        applicant_name: &str,
    ) -> NewMessage {
        let (text, html) = self.render(
            &format!("Dear {applicant_name},"),
            &[
                Block::Text(format!(
                    "{} has submitted a reference rating for you. Your references page shows whether it counts for your application.",
                    request.referee_name
                )),
                Block::Link {
                    label: "See your references",
                    href: format!("{}/references", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::RatingReceived,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: format!("{} submitted your reference rating", request.referee_name),
            body_text: text,
            body_html: html,
            reference: Some(reference),
            dedupe_key: None,
        }
    }

    /// To the applicant: a decision on their application, with the feedback
    /// meant for them (never a reviewer's identity or private notes).
    pub fn decision(
        &self,
        applicant_email: &str,
        applicant_name: &str,
        category_name: &str,
        outcome: &str,
        feedback: Option<&str>,
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(format!(
            "The {} has decided on your application for the {category_name} endorsement: {outcome}.",
            self.mail.association_name
        ))];
        if let Some(feedback) = feedback {
            blocks.push(Block::Text(format!(
                "The association's feedback: {feedback}"
            )));
        }
        blocks.push(Block::Link {
            label: "See your application",
            href: format!("{}/portfolio", self.public_url),
        });
        let (text, html) = self.render(&format!("Dear {applicant_name},"), &blocks);
        NewMessage {
            kind: MailKind::Decision,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: format!("Your {category_name} application: {outcome}"),
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: None,
        }
    }

    /// To a reviewer: an application to review. `applicant` is none when
    /// review is blind.
    pub fn review_assigned(
        &self,
        reviewer_email: &str,
        reviewer_name: &str,
        category_name: &str,
        applicant: Option<&str>,
        due_at: DateTime<Utc>,
    ) -> NewMessage {
        let whose = applicant.map_or_else(
            || format!("an application for the {category_name} endorsement"),
            |name| format!("{name}'s application for the {category_name} endorsement"),
        );
        let (text, html) = self.render(
            &format!("Dear {reviewer_name},"),
            &[
                Block::Text(format!(
                    "Thank you for reviewing for the {}. You have been assigned {whose}. The review is due on {}.",
                    self.mail.association_name,
                    self.calendar.day_of(due_at).format("%B %-d, %Y")
                )),
                Block::Link {
                    label: "Open your reviews",
                    href: format!("{}/reviews", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::ReviewAssigned,
            to_address: reviewer_email.to_string(),
            to_name: reviewer_name.to_string(),
            subject: format!(
                "{} to review",
                endorse_shared::text::with_capital_article(&format!("{category_name} application"))
            ),
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: None,
        }
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
        let when = if days == 0 {
            "today".to_string()
        } else {
            format!("in {days} days, on {}", due.format("%B %-d, %Y"))
        };
        let (text, html) = self.render(
            &format!("Dear {holder_name},"),
            &[
                Block::Text(format!(
                    "The renewal of your endorsement ({}) is due {when}. Renew from your existing portfolio: add the training and reflective supervision/consultation since your last renewal, your current membership, and sign the Code of Ethics again.",
                    numbers.join(", ")
                )),
                Block::Text(format!(
                    "If it is not renewed by {}, the endorsement lapses and leaves the public registry.",
                    last_day.format("%B %-d, %Y")
                )),
                Block::Link {
                    label: "Renew your endorsement",
                    href: format!("{}/", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::RenewalReminder,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: if days == 0 {
                "Your endorsement renewal is due today".into()
            } else {
                format!("Your endorsement renewal is due in {days} days")
            },
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: Some(dedupe_key),
        }
    }

    /// To a holder: a renewal (or reinstatement) was approved, with the next
    /// due date, or returned with the reason.
    pub fn renewal_decision(
        &self,
        holder_email: &str,
        holder_name: &str,
        what: &str,
        approved_until: Option<chrono::NaiveDate>,
        reason: Option<&str>,
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(match approved_until {
            Some(due) => format!(
                "The {} approved your {what}. Your endorsement is active; the next renewal is due on {}. Your new credential is ready to download.",
                self.mail.association_name,
                due.format("%B %-d, %Y")
            ),
            None => format!(
                "The {} returned your {what} to you. Please see the reason below, update your portfolio and submit it again.",
                self.mail.association_name
            ),
        })];
        if let Some(reason) = reason {
            blocks.push(Block::Text(reason.to_string()));
        }
        blocks.push(Block::Link {
            label: "Open Endorse",
            href: format!("{}/", self.public_url),
        });
        let (text, html) = self.render(&format!("Dear {holder_name},"), &blocks);
        NewMessage {
            kind: MailKind::RenewalDecision,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: if approved_until.is_some() {
                format!("Your {what} is approved")
            } else {
                format!("Your {what} was returned to you")
            },
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: None,
        }
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
        let mut blocks = vec![Block::Text(match granted {
            Some(number) => format!(
                "The {} recognised your endorsement {from_number} from {from_association} and endorsed you with its own endorsement, number {number}. Its credential is ready to download; you choose whether the public registry lists it.",
                self.mail.association_name
            ),
            None => format!(
                "The {} did not recognise your endorsement {from_number} from {from_association}. Please see the reason below; you may apply here for the endorsement.",
                self.mail.association_name
            ),
        })];
        if let Some(reason) = reason {
            blocks.push(Block::Text(reason.to_string()));
        }
        blocks.push(Block::Link {
            label: "Open Endorse",
            href: format!("{}/", self.public_url),
        });
        let (text, html) = self.render(&format!("Dear {holder_name},"), &blocks);
        NewMessage {
            kind: MailKind::RecognitionDecision,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: if granted.is_some() {
                "Your endorsement is recognised".to_string()
            } else {
                "Your request for recognition was declined".to_string()
            },
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: None,
        }
    }

    /// To a holder: the endorsement lapsed.
    pub fn lapsed(
        &self,
        holder_email: &str,
        holder_name: &str,
        number: &str,
        dedupe_key: String,
    ) -> NewMessage {
        let (text, html) = self.render(
            &format!("Dear {holder_name},"),
            &[
                Block::Text(format!(
                    "Your endorsement {number} was not renewed in time and has lapsed: it no longer appears in the public registry, and its credential now reads as not in good standing."
                )),
                Block::Text("You can be reinstated without a new exam: update your membership, add the work you have done since the lapse, and ask for three new reference ratings.".into()),
                Block::Link {
                    label: "Open Endorse",
                    href: format!("{}/", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::Lapsed,
            to_address: holder_email.to_string(),
            to_name: holder_name.to_string(),
            subject: format!("Your endorsement {number} has lapsed"),
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: Some(dedupe_key),
        }
    }

    /// To a reviewer: a review due soon, or late (`overdue`). Never names the
    /// applicant, blind or not.
    pub fn review_reminder(
        &self,
        reviewer_email: &str,
        reviewer_name: &str,
        category_name: &str,
        due_at: DateTime<Utc>,
        overdue: bool,
        dedupe_key: String,
    ) -> NewMessage {
        let due = self.calendar.day_of(due_at).format("%B %-d, %Y");
        let (lead, subject) = if overdue {
            (
                format!("Your review of {} was due on {due}. If you cannot finish it, reply to this message so the association can reassign it.", endorse_shared::text::with_article(&format!("{category_name} application"))),
                format!("Overdue: your {category_name} review"),
            )
        } else {
            (
                format!(
                    "A reminder: your review of {} is due on {due}.",
                    endorse_shared::text::with_article(&format!("{category_name} application"))
                ),
                format!("Due {due}: your {category_name} review"),
            )
        };
        let (text, html) = self.render(
            &format!("Dear {reviewer_name},"),
            &[
                Block::Text(lead),
                Block::Link {
                    label: "Open your reviews",
                    href: format!("{}/reviews", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::ReviewReminder,
            to_address: reviewer_email.to_string(),
            to_name: reviewer_name.to_string(),
            subject,
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: Some(dedupe_key),
        }
    }

    /// To the applicant: a reviewer asks about some entries (never naming the
    /// reviewer).
    pub fn information_requested(
        &self,
        applicant_email: &str,
        applicant_name: &str,
        category_name: &str,
        messages: &[&str],
    ) -> NewMessage {
        let mut blocks = vec![Block::Text(format!(
            "The reviewers of your {category_name} application need more information on {} of your entries:",
            messages.len()
        ))];
        for message in messages {
            blocks.push(Block::Text(format!("\u{2022} {message}")));
        }
        blocks.push(Block::Text(
            "Amend the entries and answer each request from your application page; the review continues once you send your answers.".into(),
        ));
        blocks.push(Block::Link {
            label: "Answer the requests",
            href: format!("{}/portfolio", self.public_url),
        });
        let (text, html) = self.render(&format!("Dear {applicant_name},"), &blocks);
        NewMessage {
            kind: MailKind::InformationRequested,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: format!("Your {category_name} application: more information needed"),
            body_text: text,
            body_html: html,
            reference: None,
            dedupe_key: None,
        }
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
        let (text, html) = self.render(
            &format!("Dear {applicant_name},"),
            &[
                Block::Text(format!(
                    "{} declined to give you a reference rating, saying: \u{201c}{reason}\u{201d}",
                    request.referee_name
                )),
                Block::Text("You can ask someone else from your references page.".into()),
                Block::Link {
                    label: "Ask another referee",
                    href: format!("{}/references", self.public_url),
                },
            ],
        );
        NewMessage {
            kind: MailKind::ReferenceDeclined,
            to_address: applicant_email.to_string(),
            to_name: applicant_name.to_string(),
            subject: format!("{} declined your reference request", request.referee_name),
            body_text: text,
            body_html: html,
            reference: Some(reference),
            dedupe_key: None,
        }
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

    #[test]
    fn a_blind_assignment_never_names_the_applicant_and_a_request_never_names_the_reviewer() {
        let mail = settings();
        let context = Context {
            mail: &mail,
            public_url: "https://endorse.example.org",
            calendar: crate::calendar::Calendar::utc(),
        };
        let due = chrono::Utc::now();
        let blind = context.review_assigned("ruth@example.org", "Ruth", "IFS", None, due);
        let open = context.review_assigned("ruth@example.org", "Ruth", "IFS", Some("Ada"), due);
        for part in [&blind.subject, &blind.body_text, &blind.body_html] {
            assert!(!part.contains("Ada"), "{part}");
        }
        assert!(open.body_text.contains("Ada's application"));
        // The article follows the word.
        let named = context.review_assigned(
            "ruth@example.org",
            "Ruth",
            "Infant Family Specialist",
            None,
            due,
        );
        assert_eq!(
            named.subject,
            "An Infant Family Specialist application to review"
        );
        let reminder =
            context.review_reminder("ruth@example.org", "Ruth", "IFS", due, true, "k".into());
        assert!(reminder.subject.starts_with("Overdue"));
        assert_eq!(reminder.dedupe_key.as_deref(), Some("k"));
        let asked = context.information_requested(
            "ada@example.org",
            "Ada",
            "IFS",
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
            }
            .review_assigned("ruth@example.org", "Ruth", "IFS", None, at)
            .body_text
        };
        assert!(in_zone("America/Detroit").contains("December 31, 2026"));
        assert!(in_zone("UTC").contains("January 1, 2027"));
    }

    #[test]
    fn a_request_names_the_applicant_escapes_html_and_leaves_the_link_for_later() {
        let mail = settings();
        let context = Context {
            mail: &mail,
            public_url: "https://endorse.example.org",
            calendar: crate::calendar::Calendar::utc(),
        };
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
            "Infant Family Specialist",
            expires,
        );
        assert_eq!(message.subject, "Reference request for Ada Lovelace");
        assert!(message.body_text.contains("Ada Lovelace is applying for the Infant Family Specialist endorsement with the Michigan <IMH> Association"));
        assert!(message.body_text.contains("current supervisor"));
        assert!(message.body_text.contains("22 December 2026"));
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
}
