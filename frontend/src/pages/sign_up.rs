//! Register as an applicant.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
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
    let form = use_form(RegisterRequest::default);

    if session.session().is_some() {
        return html! { <Redirect<Route> to={Route::Home} /> };
    }

    let on_submit = {
        let form = form.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, navigator) = (session.clone(), navigator.clone());
            form.submit(
                (*form.value).clone().normalized(),
                |request| async move { api::register(&request).await },
                move |response| {
                    session.dispatch(SessionAction::Start(response));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::Home);
                    }
                },
            );
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title="Create an applicant account" />
            <p class="lead">{ "Build your endorsement portfolio, see what each category still needs, and submit when you are ready." }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label="Full name" autocomplete="name"
                    hint="As it should appear on your certificate."
                    value={form.value.name.clone()} on_change={form.setter(|f, v| f.name = v)}
                    errors={form.errors_for("name")} />
                <TextField name="email" label="E-mail address" kind="email" autocomplete="email"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <TextField name="password" label="Password" kind="password" autocomplete="new-password"
                    hint="At least 12 characters. A few unrelated words make a strong, memorable passphrase."
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { "Creating your account…" } else { "Create account" } }
                </button>
            </form>
            <p class="aside">
                { "Already registered? " }
                <Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>>
            </p>
        </section>
    }
}
