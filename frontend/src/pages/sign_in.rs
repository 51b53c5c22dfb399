//! Sign in with e-mail and password.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::t;
use crate::route::Route;
use crate::session::{begin, use_session};
use endorse_shared::auth::LoginRequest;
use yew::prelude::*;
use yew_router::prelude::*;

/// The sign-in page.
#[function_component(SignIn)]
pub fn sign_in() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let form = use_form(LoginRequest::default);
    let lang = form.lang;

    if let Some(signed_in) = session.session() {
        let to = if signed_in.user.must_change_password {
            Route::ChangePassword
        } else {
            Route::Home
        };
        return html! { <Redirect<Route> to={to} /> };
    }

    let lost = session.lost().map(str::to_string);
    let on_submit = {
        let form = form.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, navigator) = (session.clone(), navigator.clone());
            form.submit(
                (*form.value).clone(),
                |request| async move { api::login(&request).await },
                move |response| begin(&session, navigator, response),
            );
        })
    };

    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "account-sign-in")} />
            if let Some(why) = lost.filter(|_| form.failure.is_none()) {
                <p class="notice" role="status">{ t(lang, "account-signed-out-because") }{ " " }{ why }</p>
            }
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="email" label={t(lang, "account-email")} kind="email" autocomplete="username"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <TextField name="password" label={t(lang, "account-password")} kind="password" autocomplete="current-password"
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                // Asked for once the password is right, for an account with a second factor.
                if form.value.code.is_some() || !form.errors_for("code").is_empty() {
                    <TextField name="code" label={t(lang, "account-mfa-code")} autocomplete="one-time-code"
                        hint={AttrValue::from(t(lang, "account-mfa-code-hint"))}
                        value={form.value.code.clone().unwrap_or_default()}
                        on_change={form.setter(|f, v| f.code = Some(v))}
                        errors={form.errors_for("code")} />
                }
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { t(lang, "account-signing-in") } else { t(lang, "account-sign-in") } }
                </button>
            </form>
            <p><Link<Route> to={Route::ForgotPassword}>{ t(lang, "account-forgot") }</Link<Route>></p>
            <p class="aside">
                { t(lang, "account-new-here") }{ " " }
                <Link<Route> to={Route::SignUp}>{ t(lang, "account-create-applicant") }</Link<Route>>
            </p>
        </section>
    }
}
