//! The public registry's lines: an association's own page, and the same
//! lines for the search across associations.

use crate::calendar::Calendar;
use crate::db::{endorsements, rulebooks, AnyConnection, DbResult};
use endorse_shared::endorsements::{RegistryEntry, RegistryQuery};

/// The registry's lines matching `query`, from `offset`, at most `limit`,
/// by name, and how many match in all.
pub fn entries(
    conn: &mut AnyConnection,
    calendar: Calendar,
    query: &RegistryQuery,
    slice: (i64, i64),
) -> DbResult<(Vec<RegistryEntry>, u64)> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    let (found, total) = endorsements::registry_slice(conn, query, slice)?;
    let items = found
        .into_iter()
        .map(|e| RegistryEntry {
            name: e.holder_name.clone(),
            category_name: rulebook.category(&e.category).map_or_else(
                || e.category.clone(),
                |c| c.name.get(crate::locale::current()).to_string(),
            ),
            category: e.category,
            number: e.number,
            status: e.status,
            endorsed_since: calendar.day_of(e.awarded_at),
            valid_through: rulebook.endorsement.valid_through(e.renewal_due),
            recognitions: Vec::new(),
        })
        .collect();
    Ok((items, total))
}
