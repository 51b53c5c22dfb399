//! The deployment's operators: sign in, see every association's health,
//! and make a new association with its first admin. The operator's token
//! lives in this page only (never stored): a reload asks to sign in again.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::i18n::{t, Text};
use endorse_shared::associations::{
    AssociationHealth, CreateAssociationRequest, CreatedAssociation, OperatorLoginRequest,
    OperatorSession,
};
use std::collections::BTreeMap;
use yew::prelude::*;

type Errors = BTreeMap<String, Vec<String>>;

fn empty_request() -> CreateAssociationRequest {
    CreateAssociationRequest {
        code: String::new(),
        name: String::new(),
        host: None,
        time_zone: "America/New_York".into(),
        admin_email: String::new(),
    }
}

/// The operators' page.
#[function_component(PlatformPage)]
pub fn platform_page() -> Html {
    let lang = crate::i18n::use_lang();
    let operator = use_state(|| None::<OperatorSession>);
    match &*operator {
        None => {
            let on_signed_in = {
                let operator = operator.clone();
                Callback::from(move |session: OperatorSession| operator.set(Some(session)))
            };
            html! { <OperatorSignIn on_signed_in={on_signed_in} /> }
        }
        Some(session) => {
            let sign_out = {
                let operator = operator.clone();
                Callback::from(move |_: MouseEvent| operator.set(None))
            };
            html! {
                <>
                    <PageTitle title={t(lang, "platform-title")} />
                    <p class="lead break">
                        { Text::new("platform-signed-in").with("name", &session.name).with("email", &session.email).say(lang) }{ " " }
                        <button type="button" class="button button--quiet" onclick={sign_out}>{ t(lang, "platform-sign-out") }</button>
                    </p>
                    <Associations token={session.access_token.clone()} />
                </>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct SignInProps {
    on_signed_in: Callback<OperatorSession>,
}

#[function_component(OperatorSignIn)]
fn operator_sign_in(props: &SignInProps) -> Html {
    let lang = crate::i18n::use_lang();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let on_submit = {
        let (email, password, failure, busy) = (
            email.clone(),
            password.clone(),
            failure.clone(),
            busy.clone(),
        );
        let done = props.on_signed_in.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = OperatorLoginRequest {
                email: (*email).trim().to_string(),
                password: (*password).clone(),
            };
            if request.email.is_empty() || request.password.is_empty() {
                failure.set(Some(t(lang, "platform-enter-both")));
                return;
            }
            busy.set(true);
            let (failure, busy, done) = (failure.clone(), busy.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::operator_login(&request).await {
                    Ok(session) => done.emit(session),
                    Err(error) => failure.set(Some(error.message())),
                }
                busy.set(false);
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |text: String| state.set(text))
    };
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "platform-sign-in-title")} />
            <p class="lead">{ t(lang, "platform-sign-in-lead") }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="operator_email" label={t(lang, "platform-email")} kind="email" autocomplete="username"
                    value={(*email).clone()} on_change={set(&email)} />
                <TextField name="operator_password" label={t(lang, "platform-password")} kind="password" autocomplete="current-password"
                    value={(*password).clone()} on_change={set(&password)} />
                <button type="submit" class="button" disabled={*busy}>
                    { t(lang, if *busy { "platform-signing-in" } else { "platform-sign-in" }) }
                </button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AssociationsProps {
    token: String,
}

#[function_component(Associations)]
fn associations(props: &AssociationsProps) -> Html {
    let lang = crate::i18n::use_lang();
    let list = use_state(|| None::<Vec<AssociationHealth>>);
    let failure = use_state(|| None::<String>);
    let form = use_state(empty_request);
    let errors = use_state(Errors::new);
    let created = use_state(|| None::<CreatedAssociation>);
    let busy = use_state(|| false);
    let load = {
        let (list, failure, token) = (list.clone(), failure.clone(), props.token.clone());
        Callback::from(move |()| {
            let (list, failure, token) = (list.clone(), failure.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::platform_associations(&token).await {
                    Ok(found) => list.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with((), move |_| load.emit(()));
    }
    let set = |apply: fn(&mut CreateAssociationRequest, String)| {
        let form = form.clone();
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            apply(&mut next, text);
            form.set(next);
        })
    };
    let errors_for = |field: &str| errors.get(field).cloned().unwrap_or_default();
    let on_submit = {
        let (form, errors, failure, created, busy, load, token) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            created.clone(),
            busy.clone(),
            load.clone(),
            props.token.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut request = (*form).clone();
            request.code = request.code.trim().to_lowercase();
            request.host = request
                .host
                .map(|h| h.trim().to_lowercase())
                .filter(|h| !h.is_empty());
            busy.set(true);
            let (form, errors, failure, created, busy, load, token) = (
                form.clone(),
                errors.clone(),
                failure.clone(),
                created.clone(),
                busy.clone(),
                load.clone(),
                token.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_association(&token, &request).await {
                    Ok(made) => {
                        errors.set(Errors::new());
                        failure.set(None);
                        created.set(Some(made));
                        form.set(empty_request());
                        load.emit(());
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    html! {
        <>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if let Some(made) = &*created {
                <section class="card notice" role="status" aria-labelledby="created-heading">
                    <h2 id="created-heading">{ Text::new("platform-ready").with("name", &made.association.name).say(lang) }</h2>
                    <p class="break">{ Text::new("platform-ready-lead").with("address", format!("{}/", made.association.public_url)).with("email", &made.admin_email).say(lang) }</p>
                    <p><code class="secret" id="created-password">{ &made.admin_password }</code></p>
                    <p>{ t(lang, "platform-shown-once") }</p>
                </section>
            }
            <section aria-labelledby="associations-heading">
                <h2 id="associations-heading">{ t(lang, "platform-associations") }</h2>
                {
                    match &*list {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(items) => html! {
                            <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "platform-associations")}>
                                <table class="table table--cards">
                                    <caption class="visually-hidden">{ t(lang, "platform-caption") }</caption>
                                    <thead><tr>
                                        <th scope="col">{ t(lang, "platform-association") }</th>
                                        <th scope="col">{ t(lang, "platform-accounts") }</th>
                                        <th scope="col">{ t(lang, "platform-open") }</th>
                                        <th scope="col">{ t(lang, "platform-active") }</th>
                                        <th scope="col">{ t(lang, "platform-mail") }</th>
                                    </tr></thead>
                                    <tbody>
                                        { for items.iter().map(|a| html! {
                                            <tr>
                                                <th scope="row">
                                                    <a href={format!("{}/", a.public_url)}>{ &a.name }</a>
                                                    <br /><small>{ format!("{} \u{b7} {}", a.code, a.time_zone) }{ if a.reachable { String::new() } else { format!(" \u{b7} {}", t(lang, "platform-unreachable")) } }</small>
                                                </th>
                                                <td data-label={t(lang, "platform-accounts")}>{ Text::new("platform-people").with("applicants", a.applicants).with("reviewers", a.reviewers).with("admins", a.admins).say(lang) }</td>
                                                <td data-label={t(lang, "platform-open")}>{ a.open_applications }</td>
                                                <td data-label={t(lang, "platform-active")}>{ a.active_endorsements }</td>
                                                <td data-label={t(lang, "platform-mail")}>{ format!("{} / {}", a.mail_waiting, a.mail_failed) }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                        },
                    }
                }
            </section>
            <section class="card" aria-labelledby="new-heading">
                <h2 id="new-heading">{ t(lang, "platform-new") }</h2>
                <form onsubmit={on_submit} novalidate=true>
                    <TextField name="code" label={t(lang, "platform-code")} hint={t(lang, "platform-code-hint")}
                        value={form.code.clone()} on_change={set(|f, v| f.code = v)} errors={errors_for("code")} />
                    <TextField name="association_name" label={t(lang, "platform-name")}
                        value={form.name.clone()} on_change={set(|f, v| f.name = v)} errors={errors_for("name")} />
                    <TextField name="host" label={t(lang, "platform-host")} required={false}
                        hint={t(lang, "platform-host-hint")}
                        value={form.host.clone().unwrap_or_default()} on_change={set(|f, v| f.host = Some(v))} errors={errors_for("host")} />
                    <TextField name="time_zone" label={t(lang, "platform-time-zone")} hint={t(lang, "platform-time-zone-hint")}
                        value={form.time_zone.clone()} on_change={set(|f, v| f.time_zone = v)} errors={errors_for("time_zone")} />
                    <TextField name="admin_email" label={t(lang, "platform-admin-email")} kind="email"
                        value={form.admin_email.clone()} on_change={set(|f, v| f.admin_email = v)} errors={errors_for("admin_email")} />
                    <button type="submit" class="button" disabled={*busy}>
                        { t(lang, if *busy { "platform-making" } else { "platform-make" }) }
                    </button>
                </form>
            </section>
        </>
    }
}
