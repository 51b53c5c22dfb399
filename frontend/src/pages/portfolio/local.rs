//! Drafts kept on this device: what was typed into a portfolio form stays in
//! the browser's storage until it is saved or cancelled, so going to another
//! page, a reload, a crash or switching language loses nothing. One draft per
//! person (the form open when they left); nothing of it reaches the server
//! until they save.

use super::draft::{Draft, FieldSpec};
use endorse_shared::entries::EditableSection;
use endorse_shared::{EntryId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A draft as stored: field names as strings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// The section of the form.
    pub section: Option<EditableSection>,
    /// The entry being changed; none for a new one.
    pub entry: Option<EntryId>,
    text: BTreeMap<String, String>,
    sets: BTreeMap<String, Vec<String>>,
    flags: BTreeMap<String, bool>,
    labels: BTreeMap<String, String>,
}

impl Kept {
    /// The draft again, field by field as the form has them (a field the form
    /// no longer has is dropped).
    pub fn draft(&self, specs: &[FieldSpec], fresh: Draft) -> Draft {
        let mut draft = fresh;
        for spec in specs {
            let name = spec.name;
            if let Some(text) = self.text.get(name) {
                draft.text.insert(name, text.clone());
            }
            if let Some(set) = self.sets.get(name) {
                draft.sets.insert(name, set.clone());
            }
            if let Some(flag) = self.flags.get(name) {
                draft.flags.insert(name, *flag);
            }
            if let Some(label) = self.labels.get(name) {
                draft.labels.insert(name, label.clone());
            }
        }
        draft
    }
}

fn owned<V: Clone>(map: &BTreeMap<&'static str, V>) -> BTreeMap<String, V> {
    map.iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn key(user: UserId) -> String {
    format!("endorse.portfolio-draft.{user}")
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Keeps the open form's draft.
pub fn keep(user: UserId, section: EditableSection, entry: Option<EntryId>, draft: &Draft) {
    let kept = Kept {
        section: Some(section),
        entry,
        text: owned(&draft.text),
        sets: owned(&draft.sets),
        flags: owned(&draft.flags),
        labels: owned(&draft.labels),
    };
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(&key(user), &json);
    }
}

/// The draft kept for this person, if any.
pub fn kept(user: UserId) -> Option<Kept> {
    let json = storage()?.get_item(&key(user)).ok().flatten()?;
    serde_json::from_str::<Kept>(&json)
        .ok()
        .filter(|k| k.section.is_some())
}

/// Forgets the kept draft (saved, or cancelled).
pub fn forget(user: UserId) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(user));
    }
}
