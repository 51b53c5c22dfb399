//! Getting back into an account: ask for a link to choose a new password,
//! then choose it from the mailed link (which signs the person in).

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{begin, use_session};
use endorse_shared::auth::{PasswordResetConfirm, PasswordResetRequest};
use yew::prelude::*;
use yew_router::prelude::*;

/// "Forgot your password?": the address, and the same answer whether or not
/// it has an account.
#[function_component(ForgotPassword)]
pub fn forgot_password() -> Html {
    let form = use_form(PasswordResetRequest::default);
    let lang = form.lang;
    let sent = use_state(|| None::<(String, u32)>);
    let on_submit = {
        let (form, sent) = (form.clone(), sent.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let sent = sent.clone();
            let request = (*form.value).clone().normalized();
            let email = request.email.clone();
            form.submit(
                request,
                |request| async move { api::request_password_reset(&request).await },
                move |accepted| sent.set(Some((email, accepted.valid_minutes))),
            );
        })
    };
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "recovery-title")} />
            if let Some((email, minutes)) = &*sent {
                <p class="notice" role="status">
                    { Text::new("recovery-sent").with("email", email).with("minutes", *minutes).say(lang) }
                </p>
                <p>{ t(lang, "recovery-sent-next") }</p>
            } else {
                <p class="lead">{ t(lang, "recovery-lead") }</p>
            }
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="email" label={t(lang, "account-email")} kind="email" autocomplete="username"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <button type="submit" class={if sent.is_some() { "button button--secondary" } else { "button" }} disabled={*form.busy}>
                    { t(lang, if *form.busy { "recovery-sending" } else if sent.is_some() { "recovery-send-again" } else { "recovery-send" }) }
                </button>
            </form>
            <p class="aside"><Link<Route> to={Route::SignIn}>{ t(lang, "recovery-back") }</Link<Route>></p>
        </section>
    }
}

/// Props of [`ResetPassword`].
#[derive(Properties, PartialEq)]
pub struct ResetPasswordProps {
    /// The secret of the mailed link.
    pub token: AttrValue,
    /// The link an import's invitation carries: the account is claimed, its
    /// first password chosen.
    #[prop_or_default]
    pub claim: bool,
}

/// Choosing the new password from the mailed link.
#[function_component(ResetPassword)]
pub fn reset_password(props: &ResetPasswordProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let token = props.token.to_string();
    let form = use_form(move || PasswordResetConfirm {
        token,
        new_password: String::new(),
    });
    let lang = form.lang;
    let on_submit = {
        let form = form.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, navigator) = (session.clone(), navigator.clone());
            form.submit(
                (*form.value).clone(),
                |request| async move { api::confirm_password_reset(&request).await },
                move |response| begin(&session, navigator, response),
            );
        })
    };
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, if props.claim { "claim-title" } else { "account-choose-new" })} />
            <p class="lead">{ t(lang, if props.claim { "claim-lead" } else { "recovery-choose-lead" }) }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
                <p><Link<Route> to={Route::ForgotPassword}>{ t(lang, "recovery-ask-again") }</Link<Route>></p>
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="new_password" label={t(lang, "account-new-password")} kind="password" autocomplete="new-password"
                    hint={t(lang, "account-password-hint")}
                    value={form.value.new_password.clone()} on_change={form.setter(|f, v| f.new_password = v)}
                    errors={form.errors_for("new_password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { t(lang, if *form.busy { "account-saving" } else if props.claim { "claim-set" } else { "recovery-set" }) }
                </button>
            </form>
        </section>
    }
}
