//! Imports: a CSV file of the association's earlier records read (UTF-8 or
//! Windows-1252, comma or semicolon), each row checked against what is
//! stored (the dry run), and, once an admin confirms, written a batch at a
//! time, each batch in a transaction of its own.
//!
//! The same function weighs a row in the dry run and writes it later
//! ([`settle`], with or without a [`Writer`]), so what the dry run promised
//! is what the import does, unless the records moved in between, which the
//! row's applied outcome then shows. A row the dry run refused stays
//! refused. Rows are matched by e-mail address (people) and endorsement
//! number (endorsements), so the same file imported again changes nothing
//! and a corrected file updates what it corrects.

use crate::calendar::Calendar;
use crate::db::account_links::{self, Purpose};
use crate::db::association_log::{self, Actor, Subject};
use crate::db::endorsements::{self, ImportedEndorsement};
use crate::db::imports::{self, NewRow};
use crate::db::references::{self as stored_references, Response, Stage};
use crate::db::users::{self, NewUser, User};
use crate::db::{applications, outbox, portfolio, rulebooks, AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use crate::issuer::Issuer;
use crate::mail::templates::Context;
use chrono::{DateTime, Duration, Utc};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::endorsements::{EndorsementOrigin, EndorsementStatus};
use endorse_shared::entries::EntryData;
use endorse_shared::hours::Hours;
use endorse_shared::i18n::Text;
use endorse_shared::imports::{
    check_header, holder_row, member_row, rating_row, rsc_row, HolderRow, ImportIssue, ImportKind,
    MemberRow, MembershipRow, OutcomeCounts, RatingRow, Record, RowDetail, RowOutcome, RscRow,
    MAX_IMPORT_BYTES, MAX_IMPORT_ROWS,
};
use endorse_shared::portfolio::{MembershipData, RscData};
use endorse_shared::references::{ImportedRating, RefereeEndorsement, ReferenceRequestInput};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::trail::TrailKind;
use endorse_shared::{Role, UserId};
use std::collections::HashMap;

/// How long an invitation to claim an account works.
pub const CLAIM_DAYS: u32 = 30;
/// How many invitations go out a minute: a thousand holders reach the
/// mail server over some seventeen minutes, not at once.
pub const INVITATIONS_PER_MINUTE: u32 = 60;
/// The most columns a file may have (every kind reads a dozen at most).
const MAX_COLUMNS: usize = 100;
/// How many rows a batch writes, in one transaction.
pub const BATCH_ROWS: i64 = 200;
/// What an imported account's password is until its owner chooses one: no
/// password hashes to it.
const UNCLAIMED: &str = "!imported";

fn file_problem(text: Text) -> ApiError {
    ApiError::field("file", text)
}

/// A file's text and how it was read.
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `utf-8` or `windows-1252`.
    pub encoding: &'static str,
}

/// Reads a file's bytes as text: UTF-8 (a byte-order mark is dropped) when
/// they are UTF-8, else Windows-1252, which is what spreadsheets on Windows
/// save "CSV" as. A file with NUL bytes (UTF-16, a workbook) is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ApiError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::PayloadTooLarge(
            Text::new("import-file-too-large").with("megabytes", MAX_IMPORT_BYTES / (1024 * 1024)),
        ));
    }
    if bytes.contains(&0) {
        return Err(file_problem(Text::new("import-file-binary")));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: "utf-8",
        },
        Err(_) => Decoded {
            text: encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            encoding: "windows-1252",
        },
    })
}

/// A file read into rows.
pub struct Table {
    /// The separator: `,` or `;`.
    pub delimiter: char,
    /// The header row.
    pub header: Vec<String>,
    /// Every other row that is not blank, with its line.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// The separator a file uses: a semicolon where its first line has more of
/// them than commas (spreadsheets where the comma is the decimal mark).
fn delimiter_of(text: &str) -> char {
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

/// Reads a file's text as CSV (RFC 4180: quoted fields may hold the
/// separator, quotes and line breaks).
pub fn read(text: &str) -> Result<Table, ApiError> {
    let delimiter = delimiter_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if delimiter == ';' { b';' } else { b',' })
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, csv::Position::line);
            file_problem(
                Text::new("import-file-not-csv")
                    .with("line", line)
                    .with("error", error.to_string()),
            )
        })?;
        // The line a record starts on, counted from its byte offset (the
        // reader's own count is not the file's lines across CRLF).
        let mut start = record.position().map_or(counted, |p| {
            usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len())
        });
        // It may point at the line break before the record, or at blank
        // lines the reader skipped.
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > counted {
            line += bytes[counted..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = start;
        }
        let line = u32::try_from(line + 1).unwrap_or(u32::MAX);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if header.is_none() {
            if cells.len() > MAX_COLUMNS {
                return Err(file_problem(
                    Text::new("import-file-too-many-columns").with("columns", MAX_COLUMNS),
                ));
            }
            header = Some(cells);
            continue;
        }
        if rows.len() == MAX_IMPORT_ROWS {
            return Err(file_problem(
                Text::new("import-file-too-many-rows").with("rows", MAX_IMPORT_ROWS),
            ));
        }
        rows.push((line, cells));
    }
    match header {
        Some(header) if !rows.is_empty() => Ok(Table {
            delimiter,
            header,
            rows,
        }),
        _ => Err(file_problem(Text::new("import-file-empty"))),
    }
}

/// A row, read.
enum Typed {
    Holder(HolderRow),
    Member(MemberRow),
    Rating(RatingRow),
    Rsc(RscRow),
}

impl Typed {
    /// Who or what the row is about, and the key two rows of one file may
    /// not share.
    fn identity(&self) -> (String, String) {
        match self {
            Typed::Holder(row) => (
                row.number.clone(),
                format!("n:{}", row.number.to_lowercase()),
            ),
            Typed::Member(row) => (row.email.clone(), format!("e:{}", row.email)),
            Typed::Rating(row) => (
                format!("{} ← {}", row.applicant_email, row.referee_email),
                format!(
                    "r:{}|{}|{}|{}",
                    row.applicant_email, row.referee_email, row.category, row.given_on
                ),
            ),
            Typed::Rsc(row) => (
                format!("{} {}", row.applicant_email, row.date),
                format!(
                    "s:{}|{}|{}|{}|{:?}",
                    row.applicant_email,
                    row.date,
                    row.provider_name.to_lowercase(),
                    row.hours,
                    row.format
                ),
            ),
        }
    }
}

/// What a row is read against besides the database.
pub struct Setting<'a> {
    /// The kind of file.
    pub kind: ImportKind,
    /// The current rulebook.
    pub rulebook: &'a Rulebook,
    /// Its version.
    pub rulebook_version: i64,
    /// The association's name (memberships are of it).
    pub association: &'a str,
    /// Its days.
    pub calendar: Calendar,
    /// Now.
    pub now: DateTime<Utc>,
}

impl Setting<'_> {
    fn read(&self, record: &Record) -> Result<Typed, Vec<ImportIssue>> {
        let known = |code: &str| self.rulebook.category(code).is_some();
        let today = self.calendar.day_of(self.now);
        match self.kind {
            ImportKind::Holders => holder_row(record, &known).map(Typed::Holder),
            ImportKind::Members => member_row(record, &known).map(Typed::Member),
            ImportKind::Ratings => rating_row(record, &known, today).map(Typed::Rating),
            ImportKind::Rsc => rsc_row(record, &known, today).map(Typed::Rsc),
        }
    }
}

/// What a row does.
struct Verdict {
    outcome: RowOutcome,
    detail: RowDetail,
}

impl Verdict {
    fn refused(issues: Vec<ImportIssue>) -> Self {
        Verdict {
            outcome: RowOutcome::Refused,
            detail: RowDetail {
                issues,
                ..RowDetail::default()
            },
        }
    }

    fn of(mut changes: Vec<String>, created: bool, new_account: bool) -> Self {
        if created {
            changes.clear();
        }
        let outcome = if created {
            RowOutcome::Create
        } else if changes.is_empty() {
            RowOutcome::Unchanged
        } else {
            RowOutcome::Update
        };
        Verdict {
            outcome,
            detail: RowDetail {
                issues: Vec::new(),
                changes,
                new_account,
            },
        }
    }
}

/// What writing rows needs: the issuer (credentials), the mail (claim
/// invitations) and the links, and who confirmed the import.
pub struct Writer<'a> {
    /// The import.
    pub import_id: &'a str,
    /// The file's name (named in the log).
    pub file_name: &'a str,
    /// Who confirmed it.
    pub by: Actor<'a>,
    /// The association's issuer.
    pub issuer: &'a Issuer,
    /// Its mail.
    pub mail: Context<'a>,
    /// Makes a claim link: its nonce and the hash of its token.
    pub new_link: &'a dyn Fn() -> (String, String),
    /// Invitations queued by this import before this batch.
    pub invited_before: u32,
    /// Invitations queued in this batch.
    pub invited: u32,
}

impl Writer<'_> {
    /// Makes the account and queues its invitation, paced: the
    /// `n`th invitation of an import is due `n / INVITATIONS_PER_MINUTE`
    /// minutes after now.
    fn open_account(
        &mut self,
        conn: &mut AnyConnection,
        (email, name): (&str, &str),
        now: DateTime<Utc>,
    ) -> DbResult<User> {
        let user = users::insert(
            conn,
            NewUser {
                email: email.to_string(),
                name: name.to_string(),
                role: Role::Applicant,
                password_hash: UNCLAIMED.to_string(),
                must_change_password: false,
            },
        )?;
        let (nonce, token_hash) = (self.new_link)();
        let id = account_links::issue(
            conn,
            user.id,
            (Purpose::Claim, None),
            (&nonce, &token_hash),
            (now + Duration::days(i64::from(CLAIM_DAYS))).naive_utc(),
            now.naive_utc(),
        )?;
        let position = self.invited_before + self.invited;
        let mut message =
            self.mail
                .to(user.reader())
                .account_claim(&user.email, &user.name, id, CLAIM_DAYS);
        message.not_before =
            Some(now + Duration::minutes(i64::from(position / INVITATIONS_PER_MINUTE)));
        outbox::enqueue(conn, &message, now)?;
        self.invited += 1;
        association_log::record_about(
            conn,
            self.by,
            Some(Subject::user(&user.id.to_string())),
            (
                "account_imported",
                &format!(
                    "{} imported the account of {} <{}> from {}; an invitation to claim it is queued.",
                    self.by.name, user.name, user.email, self.file_name
                ),
            ),
            now,
        )?;
        Ok(user)
    }
}

/// The person a row names: found by address, renamed where the file says
/// otherwise, or made (with an invitation) when writing.
fn person(
    conn: &mut AnyConnection,
    (email, name): (&str, &str),
    writer: &mut Option<&mut Writer<'_>>,
    changes: &mut Vec<String>,
    now: DateTime<Utc>,
) -> DbResult<(Option<User>, bool)> {
    match users::by_email(conn, email)? {
        Some(user) => {
            if user.name != name {
                changes.push("name".into());
                if writer.is_some() {
                    users::set_name(conn, user.id, name, now.naive_utc())?;
                }
            }
            Ok((Some(user), false))
        }
        None => match writer {
            Some(writer) => Ok((Some(writer.open_account(conn, (email, name), now)?), true)),
            None => Ok((None, true)),
        },
    }
}

/// A membership a row names, in the person's portfolio: the entry with the
/// same number gets the file's expiry; otherwise a new entry, verified
/// (the association itself vouches for it).
fn membership(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    (owner, row): (Option<UserId>, &MembershipRow),
    write: bool,
    changes: &mut Vec<String>,
) -> DbResult<()> {
    let entries = match owner {
        Some(owner) => portfolio::list(conn, owner)?,
        None => Vec::new(),
    };
    let same = entries.into_iter().find_map(|entry| match entry.data {
        EntryData::Membership(data) if data.number.eq_ignore_ascii_case(&row.number) => {
            Some((entry.id, entry.version, data))
        }
        _ => None,
    });
    match same {
        Some((_, _, data)) if data.expires_on == row.expires_on => {}
        Some((id, version, mut data)) => {
            changes.push("membership_expires_on".into());
            if let (true, Some(owner)) = (write, owner) {
                data.expires_on = row.expires_on;
                portfolio::update(conn, owner, id, version, &EntryData::Membership(data))?;
            }
        }
        None => {
            changes.push("membership_number".into());
            if let (true, Some(owner)) = (write, owner) {
                portfolio::insert(
                    conn,
                    owner,
                    &EntryData::Membership(MembershipData {
                        association: setting.association.to_string(),
                        number: row.number.clone(),
                        expires_on: row.expires_on,
                        verified: true,
                        card: None,
                    }),
                )?;
            }
        }
    }
    Ok(())
}

/// Whether a stored status is what a file's status says: the schedule
/// moves an active endorsement to "renewal due" and then to "lapsed" on its
/// own, which the file, written before, cannot know.
fn same_status(stored: EndorsementStatus, file: EndorsementStatus, due_passed: bool) -> bool {
    stored == file
        || (file == EndorsementStatus::Active && stored == EndorsementStatus::RenewalDue)
        || (file == EndorsementStatus::Active && stored == EndorsementStatus::Lapsed && due_passed)
}

fn holder(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    row: &HolderRow,
    mut writer: Option<&mut Writer<'_>>,
) -> DbResult<Verdict> {
    let now = setting.now;
    let today = setting.calendar.day_of(now);
    let found = users::by_email(conn, &row.email)?;
    let stored = endorsements::get(conn, &row.number)?;
    let mut changes = Vec::new();
    if let Some(stored) = &stored {
        let mut issues = Vec::new();
        if found.as_ref().map(|u| u.id) != Some(stored.holder) {
            issues.push(ImportIssue::NumberOfAnother);
        } else if stored.origin != EndorsementOrigin::Import {
            issues.push(ImportIssue::NotImported);
        } else if stored.category != row.category {
            issues.push(ImportIssue::CategoryDiffers {
                stored: stored.category.clone(),
            });
        }
        if !issues.is_empty() {
            return Ok(Verdict::refused(issues));
        }
        // Renewed through Endorse since: its dates and standing are
        // Endorse's now, and the old file no longer speaks for them.
        if stored.renewed_at.is_none() {
            if setting.calendar.day_of(stored.awarded_at) != row.awarded_on {
                changes.push("awarded_on".into());
            }
            if stored.renewal_due != row.renewal_due {
                changes.push("renewal_due".into());
            }
            if !same_status(stored.status, row.status, row.renewal_due < today) {
                changes.push("status".into());
            }
        }
    }
    let (user, new_account) = person(
        conn,
        (&row.email, &row.name),
        &mut writer,
        &mut changes,
        now,
    )?;
    if let Some(membership_row) = &row.membership {
        let owner = user.as_ref().map(|u| u.id);
        membership(
            conn,
            setting,
            (owner, membership_row),
            writer.is_some(),
            &mut changes,
        )?;
    }
    let created = stored.is_none();
    let endorsement_changes = changes
        .iter()
        .any(|c| matches!(c.as_str(), "awarded_on" | "renewal_due" | "status"));
    if let (Some(writer), Some(user)) = (writer, &user) {
        let imported = ImportedEndorsement {
            number: &row.number,
            holder: user.id,
            category: &row.category,
            awarded_at: setting.calendar.start_of(row.awarded_on),
            renewal_due: row.renewal_due,
            status: row.status,
            lapsed_at: (row.status == EndorsementStatus::Lapsed).then(|| {
                setting
                    .calendar
                    .start_of(setting.rulebook.endorsement.lapses_on(row.renewal_due))
            }),
            import_id: writer.import_id,
        };
        if created {
            endorsements::insert_imported(conn, &imported, now)?;
            let mut endorsement = endorsements::get(conn, &row.number)?.ok_or(DbError::NotFound)?;
            writer
                .issuer
                .issue(conn, &mut endorsement, setting.rulebook, now)?;
        } else if endorsement_changes {
            endorsements::update_imported(conn, &imported, now)?;
        }
        if created || endorsement_changes {
            let verb = if created {
                "imported"
            } else {
                "updated from an import"
            };
            crate::db::audit::record_endorsement(
                conn,
                crate::db::audit::EndorsementEvent {
                    application: None,
                    number: Some(&row.number),
                    actor: writer.by.id.and_then(|id| id.parse().ok()),
                    actor_name: writer.by.name,
                    role: Role::Admin,
                    ip: writer.by.ip,
                    action: if created { "endorsement_imported" } else { "endorsement_import_updated" },
                    reason: None,
                    details: format!(
                        "{} {verb} endorsement {} ({}, awarded {}, renewal due {}, {}) of {} from {}.",
                        writer.by.name,
                        row.number,
                        row.category,
                        row.awarded_on,
                        row.renewal_due,
                        row.status.as_str(),
                        user.name,
                        writer.file_name
                    ),
                },
                now,
            )?;
        }
    }
    Ok(Verdict::of(changes, created, new_account))
}

fn member(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    row: &MemberRow,
    mut writer: Option<&mut Writer<'_>>,
) -> DbResult<Verdict> {
    let now = setting.now;
    let mut changes = Vec::new();
    let (user, new_account) = person(
        conn,
        (&row.email, &row.name),
        &mut writer,
        &mut changes,
        now,
    )?;
    let owner = user.as_ref().map(|u| u.id);
    if let Some(membership_row) = &row.membership {
        membership(
            conn,
            setting,
            (owner, membership_row),
            writer.is_some(),
            &mut changes,
        )?;
    }
    if let Some(category) = &row.category {
        let open = match owner {
            Some(owner) => applications::list_for(conn, owner)?.into_iter().any(|a| {
                a.category == *category
                    && !matches!(
                        a.status,
                        ApplicationStatus::Withdrawn
                            | ApplicationStatus::Endorsed
                            | ApplicationStatus::Emerging
                            | ApplicationStatus::NotEndorsed
                    )
            }),
            None => false,
        };
        if !open {
            changes.push("category".into());
            if let (Some(writer), Some(owner)) = (&writer, owner) {
                let id = applications::insert(conn, owner, category, setting.rulebook_version)?;
                crate::db::audit::record(
                    conn,
                    &crate::db::audit::NewEvent {
                        application: id,
                        actor: writer.by.id.and_then(|id| id.parse().ok()),
                        role: Role::Admin,
                        ip: writer.by.ip,
                        action: "start",
                        from: None,
                        to: Some(ApplicationStatus::Draft),
                        reason: None,
                        details: format!(
                            "{} imported an application for {category} from {}, judged by rulebook version {}.",
                            writer.by.name, writer.file_name, setting.rulebook_version
                        ),
                    },
                    now,
                )?;
            }
        }
    }
    // A person new to Endorse is a creation, whatever else the row names.
    Ok(Verdict::of(changes, new_account, new_account))
}

fn applicant(conn: &mut AnyConnection, email: &str) -> DbResult<Result<User, Vec<ImportIssue>>> {
    Ok(users::by_email(conn, email)?.ok_or_else(|| {
        vec![ImportIssue::NoAccount {
            email: email.to_string(),
        }]
    }))
}

fn rating(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    row: &RatingRow,
    writer: Option<&mut Writer<'_>>,
) -> DbResult<Verdict> {
    let user = match applicant(conn, &row.applicant_email)? {
        Ok(user) => user,
        Err(issues) => return Ok(Verdict::refused(issues)),
    };
    let request = ReferenceRequestInput {
        category: row.category.clone(),
        referee_name: row.referee_name.clone(),
        referee_email: row.referee_email.clone(),
        relationship: row.relationship,
        endorsement: row
            .referee_number
            .as_ref()
            .map(|number| RefereeEndorsement {
                category: category_in(number),
                number: number.clone(),
            }),
        known_since: row.known_since,
        // What a referee said in the old system stays the staff's to read.
        waive_access: true,
        language: None,
    };
    let stored = stored_references::list_for(conn, user.id)?
        .into_iter()
        .find_map(|r| match (&r.stage, &r.response) {
            (Stage::Received, Some(Response::Imported(rating)))
                if r.request.referee_email == row.referee_email
                    && r.request.category == row.category
                    && rating.given_on == row.given_on =>
            {
                Some((r.id, r.request.clone(), rating.clone()))
            }
            _ => None,
        });
    let mut imported = ImportedRating {
        relationship: row.relationship,
        known_since: row.known_since,
        given_on: row.given_on,
        recommendation: row.recommendation,
        not_enough_information: row.not_enough_information,
        comments: row.comments.clone(),
        import_id: writer
            .as_ref()
            .map_or_else(String::new, |w| w.import_id.to_string()),
    };
    let Some((id, old_request, old)) = stored else {
        if let Some(writer) = writer {
            stored_references::insert_imported(conn, user.id, &request, &imported)?;
            record_for_person(
                conn,
                writer,
                &user,
                "rating_imported",
                &format!(
                    "a rating by {} <{}> for {}, given on {}",
                    row.referee_name, row.referee_email, row.category, row.given_on
                ),
                setting.now,
            )?;
        }
        return Ok(Verdict::of(Vec::new(), true, false));
    };
    let mut changes = Vec::new();
    let mut differs = |column: &str, same: bool| {
        if !same {
            changes.push(column.to_string());
        }
    };
    differs(
        "referee_name",
        old_request.referee_name == request.referee_name,
    );
    differs("relationship", old.relationship == imported.relationship);
    differs("known_since", old.known_since == imported.known_since);
    differs(
        "recommendation",
        old.recommendation == imported.recommendation,
    );
    differs(
        "not_enough_information",
        old.not_enough_information == imported.not_enough_information,
    );
    differs("comments", old.comments == imported.comments);
    differs(
        "referee_endorsement_number",
        old_request.endorsement == request.endorsement,
    );
    if let (Some(writer), false) = (writer, changes.is_empty()) {
        imported.import_id = writer.import_id.to_string();
        stored_references::update_imported(conn, id, &request, &imported, setting.now)?;
    }
    Ok(Verdict::of(changes, false, false))
}

/// The category a number of Endorse's shape names (`MI-IMHM-C-2015-0007`:
/// `IMHM-C`), or nothing.
fn category_in(number: &str) -> String {
    let parts: Vec<&str> = number.split('-').collect();
    if parts.len() >= 4 {
        parts[1..parts.len() - 2].join("-")
    } else {
        String::new()
    }
}

/// `earlier`: hours that rows earlier in the same file log on the row's day
/// and that are not stored yet (the dry run's; none when writing, as those
/// rows are written by then).
fn rsc(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    (row, earlier): (&RscRow, Hours),
    writer: Option<&mut Writer<'_>>,
) -> DbResult<Verdict> {
    let user = match applicant(conn, &row.applicant_email)? {
        Ok(user) => user,
        Err(issues) => return Ok(Verdict::refused(issues)),
    };
    let entries = portfolio::list(conn, user.id)?;
    let mut that_day = earlier;
    for entry in &entries {
        if let EntryData::Rsc(data) = &entry.data {
            if data.date == row.date {
                if data
                    .provider_name
                    .trim()
                    .eq_ignore_ascii_case(row.provider_name.trim())
                    && data.hours == row.hours
                    && data.format == row.format
                {
                    return Ok(Verdict::of(Vec::new(), false, false));
                }
                that_day += data.hours;
            }
        }
    }
    if (that_day + row.hours).as_f64() > 24.0 {
        return Ok(Verdict::refused(vec![ImportIssue::DayOverFull {
            logged: that_day.to_string(),
        }]));
    }
    if let Some(writer) = writer {
        portfolio::insert(
            conn,
            user.id,
            &EntryData::Rsc(RscData {
                date: row.date,
                hours: row.hours,
                format: row.format,
                provider_name: row.provider_name.clone(),
                provider_category: row.provider_category.clone(),
                provider_number: row.provider_number.clone(),
                provider_vetted: false,
                about_providing: row.about_providing,
                evidence: None,
            }),
        )?;
        record_for_person(
            conn,
            writer,
            &user,
            "rsc_imported",
            &format!(
                "an RSC session of {} h with {} on {}",
                row.hours, row.provider_name, row.date
            ),
            setting.now,
        )?;
    }
    Ok(Verdict::of(Vec::new(), true, false))
}

fn record_for_person(
    conn: &mut AnyConnection,
    writer: &Writer<'_>,
    user: &User,
    action: &str,
    what: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    association_log::record_about(
        conn,
        writer.by,
        Some(Subject::user(&user.id.to_string())),
        (
            action,
            &format!(
                "{} imported {what} for {} from {}.",
                writer.by.name, user.name, writer.file_name
            ),
        ),
        now,
    )
}

/// Weighs a read row against what is stored, and writes it when given a
/// writer, in the caller's transaction.
fn settle(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    (typed, earlier): (&Typed, Hours),
    writer: Option<&mut Writer<'_>>,
) -> DbResult<Verdict> {
    match typed {
        Typed::Holder(row) => holder(conn, setting, row, writer),
        Typed::Member(row) => member(conn, setting, row, writer),
        Typed::Rating(row) => rating(conn, setting, row, writer),
        Typed::Rsc(row) => rsc(conn, setting, (row, earlier), writer),
    }
}

/// A file, checked: what its header says and every row's plan.
pub struct Checked {
    /// Columns the kind does not read.
    pub ignored: Vec<String>,
    /// Every row's plan.
    pub rows: Vec<NewRow>,
    /// How many of each outcome.
    pub counts: OutcomeCounts,
}

/// The dry run: checks the header, then reads and weighs every row, writing
/// nothing. Rows that repeat an earlier row's number or identity are
/// refused, naming its line.
pub fn check(
    conn: &mut AnyConnection,
    setting: &Setting<'_>,
    table: &Table,
) -> DbResult<Result<Checked, ApiError>> {
    let header = check_header(setting.kind, &table.header);
    if !header.missing.is_empty() {
        return Ok(Err(file_problem(
            Text::new("import-file-missing-columns").with("columns", header.missing.join(", ")),
        )));
    }
    if !header.repeated.is_empty() {
        return Ok(Err(file_problem(
            Text::new("import-file-repeated-columns").with("columns", header.repeated.join(", ")),
        )));
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut planned_hours: HashMap<(String, chrono::NaiveDate), Hours> = HashMap::new();
    let mut counts = OutcomeCounts::default();
    let mut rows = Vec::with_capacity(table.rows.len());
    for (position, (line, cells)) in table.rows.iter().enumerate() {
        let record = Record::new(&table.header, cells);
        let (subject, verdict) = match setting.read(&record) {
            Err(issues) => (subject_of(&record), Verdict::refused(issues)),
            Ok(typed) => {
                let (subject, key) = typed.identity();
                match seen.get(&key) {
                    Some(&first) => {
                        let issue = match typed {
                            Typed::Holder(_) => ImportIssue::DuplicateNumber { line: first },
                            _ => ImportIssue::DuplicateRow { line: first },
                        };
                        (subject, Verdict::refused(vec![issue]))
                    }
                    None => {
                        seen.insert(key, *line);
                        // RSC a day: what earlier rows of this file would add.
                        let day = match &typed {
                            Typed::Rsc(row) => Some((row.applicant_email.clone(), row.date)),
                            _ => None,
                        };
                        let earlier = day
                            .as_ref()
                            .and_then(|d| planned_hours.get(d).copied())
                            .unwrap_or(Hours::ZERO);
                        let verdict = settle(conn, setting, (&typed, earlier), None)?;
                        if let (Typed::Rsc(row), Some(day), RowOutcome::Create) =
                            (&typed, day, verdict.outcome)
                        {
                            *planned_hours.entry(day).or_insert(Hours::ZERO) += row.hours;
                        }
                        (subject, verdict)
                    }
                }
            }
        };
        counts.add(verdict.outcome);
        rows.push(NewRow {
            position: i64::try_from(position).unwrap_or(i64::MAX),
            line: i64::from(*line),
            subject,
            outcome: verdict.outcome,
            detail: verdict.detail,
        });
    }
    Ok(Ok(Checked {
        ignored: header.ignored,
        rows,
        counts,
    }))
}

/// A refused row's subject: its address or number, as written.
fn subject_of(record: &Record) -> String {
    record_value(record, "endorsement_number")
        .or_else(|| record_value(record, "email"))
        .or_else(|| record_value(record, "applicant_email"))
        .unwrap_or_default()
}

fn record_value(record: &Record, column: &str) -> Option<String> {
    record
        .value(column)
        .map(|v| v.chars().take(120).collect::<String>())
}

/// A stored import's file, read again (once for all its batches).
pub fn stored_table(conn: &mut AnyConnection, id: &str) -> DbResult<Option<Table>> {
    let content = imports::content(conn, id)?;
    if content.is_empty() {
        return Ok(None);
    }
    read(&content)
        .map(Some)
        .map_err(|_| DbError::Corrupt(format!("import {id}: its file no longer reads")))
}

/// What one batch did.
pub struct Batch {
    /// Whether the import is done.
    pub finished: bool,
}

/// Writes the next batch of a confirmed import, in the caller's
/// transaction: each row read again from the stored file, weighed against
/// what is stored now, and written; the import moved past them. None when
/// the import is not being written (done, or another process moved it).
pub fn apply_batch(
    conn: &mut AnyConnection,
    (writer, table): (&mut Writer<'_>, &Table),
    (calendar, association, now): (Calendar, &str, DateTime<Utc>),
) -> DbResult<Option<Batch>> {
    // One writer at a time, whatever processes race for it (SQLite: the
    // transaction's write lock; PostgreSQL: the import's row).
    crate::db::lock_rows(
        conn,
        crate::db::Lockable::Imports,
        vec![writer.import_id.to_string()],
    )?;
    let Some(import) = imports::get(conn, writer.import_id)? else {
        return Ok(None);
    };
    if import.status != endorse_shared::imports::ImportStatus::Applying {
        return Ok(None);
    }
    let from = import.next_position;
    let stored = imports::rows_from(conn, writer.import_id, from, BATCH_ROWS)?;
    let version = rulebooks::current(conn)?;
    let setting = Setting {
        kind: import.kind,
        rulebook: &version.rulebook,
        rulebook_version: version.number,
        association,
        calendar,
        now,
    };
    let mut counts = OutcomeCounts::default();
    writer.invited_before = import.view.invited;
    writer.invited = 0;
    for row in &stored {
        // A row the dry run refused stays refused; any other is weighed again
        // against what is stored now, and written.
        let (applied, moved) = if row.outcome == RowOutcome::Refused {
            (RowOutcome::Refused, None)
        } else {
            // A row's position is its place among the file's rows.
            let cells = usize::try_from(row.position)
                .ok()
                .and_then(|at| table.rows.get(at))
                .filter(|(line, _)| i64::from(*line) == row.line)
                .map(|(_, cells)| cells)
                .ok_or_else(|| {
                    DbError::Corrupt(format!(
                        "import {}: its file has no line {}",
                        writer.import_id, row.line
                    ))
                })?;
            let record = Record::new(&table.header, cells);
            let verdict = match setting.read(&record) {
                Err(issues) => Verdict::refused(issues),
                Ok(typed) => settle(conn, &setting, (&typed, Hours::ZERO), Some(writer))?,
            };
            let moved = (verdict.outcome != row.outcome).then_some(verdict.detail);
            (verdict.outcome, moved)
        };
        imports::set_applied(
            conn,
            writer.import_id,
            row.position,
            applied,
            moved.as_ref(),
        )?;
        counts.add(applied);
    }
    let to = from + i64::try_from(stored.len()).unwrap_or(0);
    let finished = stored.len() < usize::try_from(BATCH_ROWS).unwrap_or(usize::MAX)
        || to >= i64::from(import.view.rows);
    if !imports::advance(
        conn,
        writer.import_id,
        (from, to),
        (counts, writer.invited),
        finished,
        now,
    )? {
        return Ok(None);
    }
    if finished {
        let done = imports::get(conn, writer.import_id)?.ok_or(DbError::NotFound)?;
        let applied = done.view.applied;
        association_log::record_about(
            conn,
            writer.by,
            Some(Subject::of(TrailKind::Import, writer.import_id)),
            (
                "import_finished",
                &format!(
                    "The import of {} ({}) is done: {} created, {} updated, {} unchanged, {} refused; {} invited to claim their accounts.",
                    writer.file_name,
                    import.kind.as_str(),
                    applied.create,
                    applied.update,
                    applied.unchanged,
                    applied.refused,
                    done.view.invited
                ),
            ),
            now,
        )?;
    }
    Ok(Some(Batch { finished }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_through_quoted_line_breaks_and_blank_lines() {
        let table = read(
            "name;email\r\n\"Ada\r\nKing\";ada@example.org\r\n\r\nGrace;grace@example.org\r\n",
        )
        .unwrap_or_else(|_| unreachable!());
        assert_eq!(table.delimiter, ';');
        assert_eq!(table.header, ["name", "email"]);
        let lines: Vec<u32> = table.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 5]);
        assert_eq!(table.rows[0].1[0], "Ada\r\nKing");
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf_8() {
        let decoded = decode(b"name\nJos\xe9 N\xfa\xf1ez\n").unwrap_or_else(|_| unreachable!());
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("José Núñez"));
        let decoded = decode("\u{feff}name\nJosé\n".as_bytes()).unwrap_or_else(|_| unreachable!());
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            ("utf-8", "name\nJosé\n")
        );
        assert!(decode(b"n\x00a\x00").is_err());
    }
}
