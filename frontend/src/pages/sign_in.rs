//! Sign in with e-mail and password.

use super::{check, errors_for, FieldErrors};
use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::route::Route;
use crate::session::{use_session, SessionAction};
use endorse_shared::auth::LoginRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The sign-in page.
#[function_component(SignIn)]
pub fn sign_in() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_state(LoginRequest::default);
    let errors = use_state(FieldErrors::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);

    if let Some(signed_in) = session.session() {
        let to = if signed_in.user.must_change_password {
            Route::ChangePassword
        } else {
            Route::Home
        };
        return html! { <Redirect<Route> to={to} /> };
    }

    let on_submit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = (*form).clone();
            let found = check(&request);
            if !found.is_empty() {
                errors.set(found);
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
                match api::login(&request).await {
                    Ok(response) => {
                        let must_change = response.user.must_change_password;
                        session.dispatch(SessionAction::Start(response));
                        if let Some(navigator) = navigator {
                            navigator.push(&if must_change {
                                Route::ChangePassword
                            } else {
                                Route::Home
                            });
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

    let set = |apply: fn(&mut LoginRequest, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title="Sign in" />
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="email" label="E-mail address" kind="email" autocomplete="username"
                    value={form.email.clone()} on_change={set(|f, v| f.email = v)}
                    errors={errors_for(&errors, "email")} />
                <TextField name="password" label="Password" kind="password" autocomplete="current-password"
                    value={form.password.clone()} on_change={set(|f, v| f.password = v)}
                    errors={errors_for(&errors, "password")} />
                <button type="submit" class="button" disabled={*busy}>
                    { if *busy { "Signing in…" } else { "Sign in" } }
                </button>
            </form>
            <p class="aside">
                { "New here? " }
                <Link<Route> to={Route::SignUp}>{ "Create an applicant account" }</Link<Route>>
            </p>
        </section>
    }
}
