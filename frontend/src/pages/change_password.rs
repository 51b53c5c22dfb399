//! Choose a new password (required after an admin set one).

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::t;
use crate::route::Route;
use crate::session::{authorized, begin, use_session};
use endorse_shared::auth::ChangePasswordRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The password page.
#[function_component(ChangePassword)]
pub fn change_password() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_form(ChangePasswordRequest::default);
    let lang = form.lang;

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };

    let on_submit = {
        let form = form.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, navigator, caller) =
                (session.clone(), navigator.clone(), session.clone());
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::change_password(&token, &request).await }
                    })
                    .await
                },
                move |response| begin(&session, navigator, response),
            );
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "account-choose-new")} />
            if signed_in.user.must_change_password {
                <p class="lead">{ t(lang, "account-set-by-someone") }</p>
            } else {
                <p class="lead">{ t(lang, "account-others-signed-out") }</p>
            }
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="current_password" label={t(lang, "account-current-password")} kind="password" autocomplete="current-password"
                    value={form.value.current_password.clone()} on_change={form.setter(|f, v| f.current_password = v)}
                    errors={form.errors_for("current_password")} />
                <TextField name="new_password" label={t(lang, "account-new-password")} kind="password" autocomplete="new-password"
                    hint={t(lang, "account-new-password-hint")}
                    value={form.value.new_password.clone()} on_change={form.setter(|f, v| f.new_password = v)}
                    errors={form.errors_for("new_password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { t(lang, "account-saving") } else { t(lang, "account-change-password") } }
                </button>
            </form>
        </section>
    }
}
