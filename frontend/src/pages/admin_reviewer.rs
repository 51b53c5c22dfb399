//! Admins: one reviewer's profile: the endorsements they hold, the categories
//! they may review, and how many applications they take at once.

use crate::api;
use crate::components::{Alert, CheckGroup, PageTitle, TextField};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::references::RefereeEndorsement;
use endorse_shared::reviewers::{ReviewerProfile, ReviewerProfileResponse};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::UserId;
use std::collections::BTreeMap;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`AdminReviewer`].
#[derive(Properties, PartialEq)]
pub struct AdminReviewerProps {
    /// The reviewer's id, from the address.
    pub id: AttrValue,
}

/// The reviewer profile page.
#[function_component(AdminReviewer)]
pub fn admin_reviewer(props: &AdminReviewerProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let loaded = use_state(|| None::<ReviewerProfileResponse>);
    let rulebook = use_state(|| None::<Rulebook>);
    let endorsements = use_state(String::new);
    let categories = use_state(Vec::<String>::new);
    let max_load = use_state(String::new);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let failure = use_state(|| None::<String>);
    let saved = use_state(|| false);
    let user: Option<UserId> = props.id.parse().ok();
    {
        let (session, loaded, rulebook, endorsements, categories, max_load, failure) = (
            session.clone(),
            loaded.clone(),
            rulebook.clone(),
            endorsements.clone(),
            categories.clone(),
            max_load.clone(),
            failure.clone(),
        );
        use_effect_with(user, move |user| {
            let user = *user;
            wasm_bindgen_futures::spawn_local(async move {
                let Some(user) = user else {
                    failure.set(Some(t(lang, "reviewer-no-such")));
                    return;
                };
                if let Ok(version) =
                    authorized(&session, |t| async move { api::current_rulebook(&t).await }).await
                {
                    rulebook.set(Some(version.rulebook));
                }
                match authorized(&session, |t| async move {
                    api::reviewer_profile(&t, user).await
                })
                .await
                {
                    Ok(found) => {
                        endorsements.set(
                            found
                                .profile
                                .endorsements
                                .iter()
                                .map(|e| format!("{} {}", e.category, e.number))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        );
                        categories.set(found.profile.categories.clone());
                        max_load.set(found.profile.max_load.to_string());
                        loaded.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let on_endorsements = {
        let endorsements = endorsements.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            endorsements.set(area.value());
        })
    };
    let on_categories = {
        let categories = categories.clone();
        Callback::from(move |chosen: Vec<String>| categories.set(chosen))
    };
    let on_max_load = {
        let max_load = max_load.clone();
        Callback::from(move |value: String| max_load.set(value))
    };
    let on_submit = {
        let (session, loaded, endorsements, categories, max_load, errors, failure, saved) = (
            session.clone(),
            loaded.clone(),
            endorsements.clone(),
            categories.clone(),
            max_load.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(current) = (*loaded).clone() else {
                return;
            };
            let mut found = BTreeMap::new();
            let mut held = Vec::new();
            for (i, line) in endorsements
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .enumerate()
            {
                match line.split_once(char::is_whitespace) {
                    Some((category, number)) => held.push(RefereeEndorsement {
                        category: category.to_string(),
                        number: number.trim().to_string(),
                    }),
                    None => {
                        found.insert(
                            "endorsements".to_string(),
                            vec![Text::new("reviewer-endorsement-line")
                                .with("line", i + 1)
                                .say(lang)],
                        );
                    }
                }
            }
            let load = max_load.trim().parse::<u32>().unwrap_or(0);
            let profile = ReviewerProfile {
                endorsements: held,
                categories: (*categories).clone(),
                max_load: load,
            }
            .normalized();
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            let (session, loaded, errors, failure, saved) = (
                session.clone(),
                loaded.clone(),
                errors.clone(),
                failure.clone(),
                saved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |t| {
                    let profile = profile.clone();
                    async move {
                        api::save_reviewer_profile(&t, current.user, current.version, &profile)
                            .await
                    }
                })
                .await;
                match result {
                    Ok(stored) => {
                        errors.set(BTreeMap::new());
                        failure.set(None);
                        saved.set(true);
                        loaded.set(Some(stored));
                    }
                    Err(error) => {
                        saved.set(false);
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
            });
        })
    };
    let field_errors = |prefix: &str| -> Vec<String> {
        errors
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .flat_map(|(_, v)| v.clone())
            .collect()
    };
    let options: Vec<(AttrValue, AttrValue)> = rulebook
        .as_ref()
        .map(|r| {
            r.categories
                .iter()
                .map(|c| {
                    (
                        AttrValue::from(c.code.clone()),
                        AttrValue::from(format!("{} ({})", c.name.get(lang), c.code)),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <>
            <PageTitle title={t(lang, "reviewer-title")} />
            <p><Link<Route> to={Route::AdminUsers}>{ t(lang, "reviewer-all-users") }</Link<Route>></p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if *saved {
                <Alert kind="success" message={t(lang, "reviewer-saved")} />
            }
            if loaded.is_some() {
                <form class="card" onsubmit={on_submit} novalidate=true>
                    <div class={classes!("field", (!field_errors("endorsements").is_empty()).then_some("field--invalid"))}>
                        <label for="field-endorsements">{ t(lang, "reviewer-endorsements") }</label>
                        <p class="field__hint" id="field-endorsements-hint">{ t(lang, "reviewer-endorsements-hint") }</p>
                        <textarea id="field-endorsements" rows="4" value={(*endorsements).clone()} oninput={on_endorsements}
                            aria-describedby="field-endorsements-hint" />
                        if !field_errors("endorsements").is_empty() {
                            <ul class="field__errors">{ for field_errors("endorsements").iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                        }
                    </div>
                    <CheckGroup name="categories" label={t(lang, "reviewer-categories")} options={options}
                        checked={(*categories).clone()} on_change={on_categories} errors={field_errors("categories")} />
                    <TextField name="max_load" label={t(lang, "reviewer-max-load")} kind="number" step="1"
                        value={(*max_load).clone()} on_change={on_max_load} errors={field_errors("max_load")} />
                    <button type="submit" class="button">{ t(lang, "reviewer-save") }</button>
                </form>
            } else if failure.is_none() {
                <p role="status">{ t(lang, "loading") }</p>
            }
        </>
    }
}
