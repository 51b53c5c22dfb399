//! The one read across associations that is meant: the search through the
//! public registries of every association that takes part
//! (`registry_shared`), for employers who do not know where someone was
//! endorsed. It sees only what each registry shows anyone (listed
//! endorsements in good standing), each association's lines counted in its
//! own days.

use super::{public_url, Tenant};
use crate::calendar::Calendar;
use crate::error::ApiError;
use endorse_shared::endorsements::{
    RegistryQuery, SharedRegistryEntry, SharedRegistryPage, SharedRegistryQuery,
};

/// A page of the search (blocking work on the blocking pool).
pub async fn search(
    tenant: &Tenant,
    query: SharedRegistryQuery,
) -> Result<SharedRegistryPage, ApiError> {
    let app = tenant.app().clone();
    actix_web::web::block(move || {
        let page = query.page();
        let per_page = RegistryQuery::PER_PAGE;
        let depth = i64::from(page * per_page);
        let taking: Vec<_> = app
            .associations
            .list()?
            .into_iter()
            .filter(|a| a.registry_shared)
            .collect();
        // Every association's name, once: a line may name one that does
        // not take part (the one it was recognised from).
        let names = super::recognition::names(&app)?;
        let associations: Vec<(String, String)> = taking
            .iter()
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect();
        let wanted = query
            .association
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let one = query.in_one();
        let mut items = Vec::new();
        let mut total = 0;
        for association in taking.iter().filter(|a| wanted.is_none_or(|w| w == a.code)) {
            let db = app.associations.db(association)?;
            let calendar = Calendar::new(&association.time_zone);
            let (mut found, count) =
                crate::workflow::registry::entries(&mut *db.get()?, calendar, &one, (0, depth))?;
            super::recognition::annotate(&app, &association.code, &mut found, Some(&names))?;
            total += count;
            let url = public_url(&app.settings, association);
            items.extend(found.into_iter().map(|entry| SharedRegistryEntry {
                association: association.code.clone(),
                association_name: association.name.clone(),
                association_url: url.clone(),
                entry,
            }));
        }
        let fold = |text: &str| endorse_shared::text::fold(text);
        items.sort_by(|a, b| {
            (fold(&a.entry.name), &a.association, &a.entry.number).cmp(&(
                fold(&b.entry.name),
                &b.association,
                &b.entry.number,
            ))
        });
        let start = usize::try_from((page - 1) * per_page).unwrap_or(usize::MAX);
        let items = items
            .into_iter()
            .skip(start)
            .take(usize::try_from(per_page).unwrap_or(25))
            .collect();
        Ok::<_, ApiError>(SharedRegistryPage {
            items,
            total,
            page,
            per_page,
            associations,
        })
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?
}
