//! Choose a new password (required after an admin set one).

use super::{check, errors_for, FieldErrors};
use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::route::Route;
use crate::session::{use_session, SessionAction};
use endorse_shared::auth::ChangePasswordRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The password page.
#[function_component(ChangePassword)]
pub fn change_password() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_state(ChangePasswordRequest::default);
    let errors = use_state(FieldErrors::new);
    let failure = use_state(|| None::<String>);
    let done = use_state(|| false);
    let busy = use_state(|| false);

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };

    let on_submit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let done = done.clone();
        let session = session.clone();
        let token = signed_in.token.clone();
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
            let (errors, failure, busy, done, session, navigator, token, form) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                done.clone(),
                session.clone(),
                navigator.clone(),
                token.clone(),
                form.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::change_password(&token, &request).await {
                    Ok(response) => {
                        session.dispatch(SessionAction::Start(response));
                        form.set(ChangePasswordRequest::default());
                        done.set(true);
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

    let set = |apply: fn(&mut ChangePasswordRequest, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title="Choose a new password" />
            if signed_in.user.must_change_password {
                <p class="lead">{ "Your password was set by someone else. Choose one only you know before you continue." }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if *done {
                <Alert kind="success" message="Your password was changed. Other devices were signed out." />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="current_password" label="Current password" kind="password" autocomplete="current-password"
                    value={form.current_password.clone()} on_change={set(|f, v| f.current_password = v)}
                    errors={errors_for(&errors, "current_password")} />
                <TextField name="new_password" label="New password" kind="password" autocomplete="new-password"
                    hint="At least 12 characters."
                    value={form.new_password.clone()} on_change={set(|f, v| f.new_password = v)}
                    errors={errors_for(&errors, "new_password")} />
                <button type="submit" class="button" disabled={*busy}>
                    { if *busy { "Saving…" } else { "Change password" } }
                </button>
            </form>
        </section>
    }
}
