//! Register as an applicant.

use super::{check, errors_for, FieldErrors};
use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::route::Route;
use crate::session::{use_session, SessionAction};
use endorse_shared::auth::RegisterRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The registration page.
#[function_component(SignUp)]
pub fn sign_up() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_state(RegisterRequest::default);
    let errors = use_state(FieldErrors::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);

    if session.session().is_some() {
        return html! { <Redirect<Route> to={Route::Home} /> };
    }

    let on_submit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = (*form).clone().normalized();
            let found = check(&request);
            if !found.is_empty() {
                errors.set(found);
                failure.set(Some("Please correct the fields marked below.".into()));
                return;
            }
            errors.set(FieldErrors::new());
            failure.set(None);
            busy.set(true);
            let (errors, failure, busy, session, navigator) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                session.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::register(&request).await {
                    Ok(response) => {
                        session.dispatch(SessionAction::Start(response));
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Home);
                        }
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

    let set = |apply: fn(&mut RegisterRequest, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title="Create an applicant account" />
            <p class="lead">{ "Build your endorsement portfolio, see what each category still needs, and submit when you are ready." }</p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label="Full name" autocomplete="name"
                    hint="As it should appear on your certificate."
                    value={form.name.clone()} on_change={set(|f, v| f.name = v)}
                    errors={errors_for(&errors, "name")} />
                <TextField name="email" label="E-mail address" kind="email" autocomplete="email"
                    value={form.email.clone()} on_change={set(|f, v| f.email = v)}
                    errors={errors_for(&errors, "email")} />
                <TextField name="password" label="Password" kind="password" autocomplete="new-password"
                    hint="At least 12 characters. A few unrelated words make a strong, memorable passphrase."
                    value={form.password.clone()} on_change={set(|f, v| f.password = v)}
                    errors={errors_for(&errors, "password")} />
                <button type="submit" class="button" disabled={*busy}>
                    { if *busy { "Creating your account…" } else { "Create account" } }
                </button>
            </form>
            <p class="aside">
                { "Already registered? " }
                <Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>>
            </p>
        </section>
    }
}
