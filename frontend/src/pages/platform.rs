//! The deployment's operators: sign in, see every association's health,
//! and make a new association with its first admin. The operator's token
//! lives in this page only (never stored): a reload asks to sign in again.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
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
                    <PageTitle title="Platform" />
                    <p class="lead">
                        { format!("Signed in as {} ({}), a platform operator. You see each association's health, never a person's records. ", session.name, session.email) }
                        <button type="button" class="button button--quiet" onclick={sign_out}>{ "Sign out" }</button>
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
                failure.set(Some("Enter your e-mail address and password.".into()));
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
            <PageTitle title="Platform operators: sign in" />
            <p class="lead">{ "For the people who run this deployment. Association staff sign in at their association's own address." }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="operator_email" label="E-mail address" kind="email" autocomplete="username"
                    value={(*email).clone()} on_change={set(&email)} />
                <TextField name="operator_password" label="Password" kind="password" autocomplete="current-password"
                    value={(*password).clone()} on_change={set(&password)} />
                <button type="submit" class="button" disabled={*busy}>
                    { if *busy { "Signing in…" } else { "Sign in" } }
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
                    <h2 id="created-heading">{ format!("{} is ready", made.association.name) }</h2>
                    <p>{ format!("It is at {}/. Its first admin signs in there as {} with this one-time password, and chooses their own at once:", made.association.public_url, made.admin_email) }</p>
                    <p><code class="secret" id="created-password">{ &made.admin_password }</code></p>
                    <p>{ "It is shown only now: pass it on safely." }</p>
                </section>
            }
            <section aria-labelledby="associations-heading">
                <h2 id="associations-heading">{ "Associations" }</h2>
                {
                    match &*list {
                        None => html! { <p role="status">{ "Loading…" }</p> },
                        Some(items) => html! {
                            <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                                <table>
                                    <caption class="visually-hidden">{ "Every association on this deployment, with its health" }</caption>
                                    <thead><tr>
                                        <th scope="col">{ "Association" }</th>
                                        <th scope="col">{ "Accounts" }</th>
                                        <th scope="col">{ "Open applications" }</th>
                                        <th scope="col">{ "Active endorsements" }</th>
                                        <th scope="col">{ "Mail waiting / failed" }</th>
                                    </tr></thead>
                                    <tbody>
                                        { for items.iter().map(|a| html! {
                                            <tr>
                                                <th scope="row">
                                                    <a href={format!("{}/", a.public_url)}>{ &a.name }</a>
                                                    <br /><small>{ format!("{} \u{b7} {}{}", a.code, a.time_zone, if a.reachable { "" } else { " \u{b7} not reachable" }) }</small>
                                                </th>
                                                <td>{ format!("{} applicants, {} reviewers, {} admins", a.applicants, a.reviewers, a.admins) }</td>
                                                <td>{ a.open_applications }</td>
                                                <td>{ a.active_endorsements }</td>
                                                <td>{ format!("{} / {}", a.mail_waiting, a.mail_failed) }</td>
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
                <h2 id="new-heading">{ "New association" }</h2>
                <form onsubmit={on_submit} novalidate=true>
                    <TextField name="code" label="Code" hint="2 to 20 lowercase letters and digits, starting with a letter (for example mi). It is in the association's address and endorsement links."
                        value={form.code.clone()} on_change={set(|f, v| f.code = v)} errors={errors_for("code")} />
                    <TextField name="association_name" label="Name"
                        value={form.name.clone()} on_change={set(|f, v| f.name = v)} errors={errors_for("name")} />
                    <TextField name="host" label="Its own host name (optional)" required={false}
                        hint="For example mi.example.org, pointed at this deployment. Without one it is reached at /a/{code}/."
                        value={form.host.clone().unwrap_or_default()} on_change={set(|f, v| f.host = Some(v))} errors={errors_for("host")} />
                    <TextField name="time_zone" label="Time zone" hint="An IANA time zone, for example America/Detroit."
                        value={form.time_zone.clone()} on_change={set(|f, v| f.time_zone = v)} errors={errors_for("time_zone")} />
                    <TextField name="admin_email" label="First admin's e-mail address" kind="email"
                        value={form.admin_email.clone()} on_change={set(|f, v| f.admin_email = v)} errors={errors_for("admin_email")} />
                    <button type="submit" class="button" disabled={*busy}>
                        { if *busy { "Making the association…" } else { "Make the association" } }
                    </button>
                </form>
            </section>
        </>
    }
}
