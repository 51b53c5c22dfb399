//! Admins: the association's own settings: its name, days, currency,
//! language, colours and logo, its mail, and whether its registry takes
//! part in the search across associations.

use crate::api;
use crate::components::{Alert, PageTitle, SelectField, TextField};
use crate::i18n::{t, Text};
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::associations::{
    AssociationSettings, AssociationSettingsRequest, LOGO_MAX_BYTES,
};
use std::collections::BTreeMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn request_of(settings: &AssociationSettings) -> AssociationSettingsRequest {
    let p = &settings.profile;
    AssociationSettingsRequest {
        name: p.name.clone(),
        time_zone: p.time_zone.clone(),
        currency: p.currency.clone(),
        language: p.language.clone(),
        primary_colour: p.primary_colour.clone(),
        accent_colour: p.accent_colour.clone(),
        logo: p.logo.clone(),
        mail_from: settings.mail_from.clone(),
        mail_reply_to: settings.mail_reply_to.clone(),
        mail_signature: settings.mail_signature.clone(),
        smtp_url: None,
        registry_shared: settings.registry_shared,
    }
}

/// The settings page.
#[function_component(AssociationSettingsPage)]
pub fn association_settings_page() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let loaded = use_state(|| None::<AssociationSettings>);
    let form = use_state(|| None::<AssociationSettingsRequest>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let busy = use_state(|| false);
    {
        let (session, loaded, form, failure) = (
            session.clone(),
            loaded.clone(),
            form.clone(),
            failure.clone(),
        );
        use_effect_with((), move |_| {
            spawn(
                &session,
                |token| async move { api::association_settings(&token).await },
                move |result| match result {
                    Ok(found) => {
                        form.set(Some(request_of(&found)));
                        loaded.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        });
    }
    let (Some(current), Some(value)) = ((*loaded).clone(), (*form).clone()) else {
        return html! {
            <>
                <PageTitle title={t(lang, "settings-title")} />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> }
                else { <p role="status">{ t(lang, "loading") }</p> }
            </>
        };
    };
    let set = |apply: fn(&mut AssociationSettingsRequest, String)| {
        let form = form.clone();
        Callback::from(move |text: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, text);
                form.set(Some(next));
            }
        })
    };
    let errors_for = |field: &str| errors.get(field).cloned().unwrap_or_default();
    let on_shared = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(mut next) = (*form).clone() {
                next.registry_shared = input.checked();
                form.set(Some(next));
            }
        })
    };
    let on_logo = {
        let (form, errors) = (form.clone(), errors.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let (form, errors) = (form.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let blob = gloo::file::Blob::from(file);
                match gloo::file::futures::read_as_data_url(&blob).await {
                    Ok(url) if url.len() <= LOGO_MAX_BYTES => {
                        if let Some(mut next) = (*form).clone() {
                            next.logo = Some(url);
                            form.set(Some(next));
                        }
                        errors.set(BTreeMap::new());
                    }
                    Ok(_) => errors.set(BTreeMap::from([(
                        "logo".to_string(),
                        vec![Text::new("settings-logo-too-big")
                            .with("kb", LOGO_MAX_BYTES / 1024 * 3 / 4)
                            .say(lang)],
                    )])),
                    Err(_) => errors.set(BTreeMap::from([(
                        "logo".to_string(),
                        vec![t(lang, "settings-logo-unreadable")],
                    )])),
                }
            });
        })
    };
    let remove_logo = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut next) = (*form).clone() {
                next.logo = None;
                form.set(Some(next));
            }
        })
    };
    let on_submit = {
        let (session, loaded, form, errors, failure, notice, busy) = (
            session.clone(),
            loaded.clone(),
            form.clone(),
            errors.clone(),
            failure.clone(),
            notice.clone(),
            busy.clone(),
        );
        let version = current.version;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(request) = (*form).clone() else {
                return;
            };
            let problems = request.problems();
            if !problems.is_empty() {
                errors.set(
                    problems
                        .into_iter()
                        .map(|(k, v)| (k, vec![v.say(lang)]))
                        .collect(),
                );
                failure.set(Some(t(lang, "form-correct")));
                notice.set(None);
                return;
            }
            busy.set(true);
            let (loaded, form, errors, failure, notice, busy) = (
                loaded.clone(),
                form.clone(),
                errors.clone(),
                failure.clone(),
                notice.clone(),
                busy.clone(),
            );
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::save_association_settings(&token, version, &request).await }
                },
                move |result| {
                    busy.set(false);
                    match result {
                        Ok(saved) => {
                            errors.set(BTreeMap::new());
                            failure.set(None);
                            notice.set(Some(t(lang, "settings-saved")));
                            form.set(Some(request_of(&saved)));
                            loaded.set(Some(saved));
                        }
                        Err(error) => {
                            errors.set(error.field_errors());
                            failure.set(Some(error.message()));
                            notice.set(None);
                        }
                    }
                },
            );
        })
    };
    let languages: Vec<(AttrValue, AttrValue)> = vec![
        ("en".into(), "English".into()),
        ("es".into(), "Español".into()),
    ];
    html! {
        <>
            <PageTitle title={t(lang, "settings-title")} />
            <p class="lead break">{ Text::new("settings-lead").with("name", &current.profile.name).with("address", format!("{}/", current.profile.public_url)).say(lang) }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            <form class="card" onsubmit={on_submit} novalidate=true>
                <h2>{ t(lang, "settings-profile") }</h2>
                <TextField name="name" label={t(lang, "settings-name")} value={value.name.clone()} on_change={set(|f, v| f.name = v)} errors={errors_for("name")} />
                <TextField name="time_zone" label={t(lang, "settings-time-zone")} hint={t(lang, "settings-time-zone-hint")}
                    value={value.time_zone.clone()} on_change={set(|f, v| f.time_zone = v)} errors={errors_for("time_zone")} />
                <TextField name="currency" label={t(lang, "settings-currency")} hint={t(lang, "settings-currency-hint")}
                    value={value.currency.clone()} on_change={set(|f, v| f.currency = v.trim().to_uppercase())} errors={errors_for("currency")} />
                <SelectField name="language" label={t(lang, "settings-language")} options={languages}
                    value={value.language.clone()} on_change={set(|f, v| f.language = v)} errors={errors_for("language")} />
                <TextField name="primary_colour" label={t(lang, "settings-main-colour")} hint={t(lang, "settings-main-colour-hint")}
                    value={value.primary_colour.clone()} on_change={set(|f, v| f.primary_colour = v.trim().to_string())} errors={errors_for("primary_colour")} />
                <TextField name="accent_colour" label={t(lang, "settings-second-colour")} hint={t(lang, "settings-second-colour-hint")}
                    value={value.accent_colour.clone()} on_change={set(|f, v| f.accent_colour = v.trim().to_string())} errors={errors_for("accent_colour")} />
                <div class={classes!("field", errors.contains_key("logo").then_some("field--invalid"))}>
                    <label for="field-logo">{ Text::new("settings-logo").with("kb", LOGO_MAX_BYTES / 1024 * 3 / 4).say(lang) }</label>
                    if let Some(logo) = &value.logo {
                        <p><img src={logo.clone()} alt={t(lang, "settings-current-logo")} class="brand__logo" /></p>
                    }
                    <input id="field-logo" name="logo" type="file" accept="image/png,image/svg+xml" onchange={on_logo}
                        aria-describedby={errors.contains_key("logo").then_some("field-logo-error")} />
                    if value.logo.is_some() {
                        <button type="button" class="button button--quiet" onclick={remove_logo}>{ t(lang, "settings-remove-logo") }</button>
                    }
                    if let Some(messages) = errors.get("logo") {
                        <p class="field__error" id="field-logo-error">{ messages.join(" ") }</p>
                    }
                </div>
                <h2>{ t(lang, "settings-mail") }</h2>
                <TextField name="mail_from" label={t(lang, "settings-sender")} kind="email"
                    value={value.mail_from.clone()} on_change={set(|f, v| f.mail_from = v)} errors={errors_for("mail_from")} />
                <TextField name="mail_reply_to" label={t(lang, "settings-reply-to")} kind="email" hint={t(lang, "settings-reply-to-hint")}
                    value={value.mail_reply_to.clone()} on_change={set(|f, v| f.mail_reply_to = v)} errors={errors_for("mail_reply_to")} />
                <Area id="field-mail_signature" label={t(lang, "settings-signature")} value={value.mail_signature.clone()} rows={3}
                    on_change={set(|f, v| f.mail_signature = v)} errors={errors_for("mail_signature")} />
                <TextField name="smtp_url" label={t(lang, "settings-smtp")} required={false} autocomplete="off"
                    hint={t(lang, if current.own_smtp { "settings-smtp-own" } else { "settings-smtp-hint" })}
                    value={value.smtp_url.clone().unwrap_or_default()}
                    on_change={set(|f, v| f.smtp_url = (!v.trim().is_empty()).then(|| v.trim().to_string()))} errors={errors_for("smtp_url")} />
                <h2>{ t(lang, "settings-registry") }</h2>
                <div class="check">
                    <input type="checkbox" id="field-registry_shared" checked={value.registry_shared} onchange={on_shared} />
                    <label for="field-registry_shared">{ t(lang, "settings-registry-shared") }</label>
                </div>
                <button type="submit" class="button" disabled={*busy}>
                    { t(lang, if *busy { "settings-saving" } else { "settings-save" }) }
                </button>
            </form>
        </>
    }
}
