//! Register as an applicant.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::t;
use crate::route::Route;
use crate::session::{begin, use_session};
use endorse_shared::auth::RegisterRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The registration page.
#[function_component(SignUp)]
pub fn sign_up() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_form(RegisterRequest::default);
    let lang = form.lang;

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
                move |response| begin(&session, navigator, response),
            );
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "account-create-applicant")} />
            <p class="lead">{ t(lang, "account-create-lead") }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label={t(lang, "account-full-name")} autocomplete="name"
                    hint={t(lang, "account-full-name-hint")}
                    value={form.value.name.clone()} on_change={form.setter(|f, v| f.name = v)}
                    errors={form.errors_for("name")} />
                <TextField name="email" label={t(lang, "account-email")} kind="email" autocomplete="email"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <TextField name="password" label={t(lang, "account-password")} kind="password" autocomplete="new-password"
                    hint={t(lang, "account-password-hint")}
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { t(lang, "account-creating") } else { t(lang, "account-create") } }
                </button>
            </form>
            <p class="aside">
                { t(lang, "account-already-registered") }{ " " }
                <Link<Route> to={Route::SignIn}>{ t(lang, "account-sign-in") }</Link<Route>>
            </p>
        </section>
    }
}
