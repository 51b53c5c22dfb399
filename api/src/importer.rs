//! The importer: writes a confirmed import in the background, a batch at a
//! time (`workflow::imports::apply_batch`, each in a transaction of its
//! own), resting after each as a background job does
//! (`workflow::pacing`), so that people's requests stay quick while a
//! large file goes in.
//!
//! The process writing an import holds its lease (`db::leases`, renewed
//! each batch). A process that stops (a deploy, kill -9) leaves the import
//! `applying` with the position its last committed batch reached; once the
//! lease runs out, the mail worker's round in any process takes it up again
//! from there ([`resume`]).

use crate::db::association_log::Actor;
use crate::db::{imports, leases, users, DbError};
use crate::tenancy::Tenant;
use crate::workflow::imports::{apply_batch, stored_table, Writer};
use crate::workflow::pacing::Pacing;
use chrono::Duration;

/// How long a lease on an import lasts without being renewed.
pub const LEASE: Duration = Duration::minutes(2);

fn lease_name(id: &str) -> String {
    format!("import:{id}")
}

/// Writes the import to its end. Returns once it is done, or when another
/// process holds it, or on a failure (logged; [`resume`] takes it up later).
pub async fn run(tenant: Tenant, import_id: String) {
    if let Err(error) = write_all(&tenant, &import_id).await {
        tracing::error!(association = %tenant.association.code, import = %import_id, %error, "import stopped; it is taken up again later");
    }
}

async fn write_all(tenant: &Tenant, import_id: &str) -> Result<(), DbError> {
    let pacing = Pacing::background();
    let id = import_id.to_string();
    let Some(table) = tenant.db.run(move |conn| stored_table(conn, &id)).await? else {
        return Ok(());
    };
    let table = std::sync::Arc::new(table);
    loop {
        let now = tenant.clock.now();
        let (name, holder) = (lease_name(import_id), tenant.instance.clone());
        let held = tenant
            .db
            .run(move |conn| leases::take(conn, &name, &holder, now.naive_utc(), LEASE))
            .await?;
        if !held {
            return Ok(());
        }
        let started = std::time::Instant::now();
        let (inner, id, file) = (tenant.clone(), import_id.to_string(), table.clone());
        let batch = tenant
            .db
            .transaction(move |conn| {
                let Some(import) = imports::get(conn, &id)? else {
                    return Ok(None);
                };
                let confirmer = match import.confirmed_by {
                    Some(by) => users::find(conn, by)?,
                    None => None,
                };
                let by_id = confirmer.as_ref().map(|u| u.id.to_string());
                let by_name = confirmer.map_or_else(String::new, |u| u.name);
                let new_link = || {
                    let link = inner.account_links.new_link();
                    (link.nonce, link.token_hash)
                };
                let mut writer = Writer {
                    import_id: &id,
                    file_name: &import.view.file_name,
                    by: Actor {
                        id: by_id.as_deref(),
                        name: &by_name,
                        ip: None,
                    },
                    issuer: &inner.issuer,
                    mail: inner.mail(),
                    new_link: &new_link,
                    invited_before: 0,
                    invited: 0,
                };
                apply_batch(
                    conn,
                    (&mut writer, &file),
                    (inner.calendar, &inner.association.name, now),
                )
            })
            .await?;
        match batch {
            Some(batch) if !batch.finished => {
                tokio::time::sleep(pacing.rest_after(started.elapsed())).await;
            }
            _ => {
                let (name, holder) = (lease_name(import_id), tenant.instance.clone());
                // Let go at once, so nothing waits for the lease to run out.
                tenant
                    .db
                    .run(move |conn| leases::release(conn, &name, &holder))
                    .await?;
                return Ok(());
            }
        }
    }
}

/// Takes up every import left half written whose lease ran out (its
/// process stopped). How many it started.
pub async fn resume(tenant: &Tenant) -> Result<usize, DbError> {
    let now = tenant.clock.now().naive_utc();
    let orphans = tenant
        .db
        .run(move |conn| {
            let mut free = Vec::new();
            for id in imports::applying(conn)? {
                if leases::holder(conn, &lease_name(&id), now)?.is_none() {
                    free.push(id);
                }
            }
            Ok(free)
        })
        .await?;
    let started = orphans.len();
    for id in orphans {
        tracing::info!(association = %tenant.association.code, import = %id, "taking up an import left half written");
        actix_web::rt::spawn(run(tenant.clone(), id));
    }
    Ok(started)
}
