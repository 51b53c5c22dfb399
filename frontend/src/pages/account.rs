//! One's own account: the name a certificate carries, the address one signs
//! in with (confirmed or not, and a change waiting to be confirmed), the
//! password; and the page a mailed link to confirm an address opens.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session, SessionAction};
use endorse_shared::users::{ChangeEmailRequest, ConfirmEmailRequest, UpdateProfileRequest};
use yew::prelude::*;
use yew_router::prelude::*;

/// The account page.
#[function_component(AccountPage)]
pub fn account_page() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    let user = signed_in.user;
    html! {
        <>
            <PageTitle title={t(lang, "me-title")} />
            <div class="grid">
                <NameForm name={user.name.clone()} />
                <AddressCard />
                <section class="card" aria-labelledby="password-heading">
                    <h2 id="password-heading">{ t(lang, "me-password") }</h2>
                    <p class="muted">{ t(lang, "me-password-hint") }</p>
                    <p><Link<Route> to={Route::ChangePassword} classes="button button--secondary">{ t(lang, "account-change-password") }</Link<Route>></p>
                </section>
                if user.role != endorse_shared::Role::Applicant {
                    <crate::pages::account_mfa::SecondFactorCard />
                }
                <DataCard />
            </div>
        </>
    }
}

/// "Download my data".
#[function_component(DataCard)]
fn data_card() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let busy = use_state(|| false);
    let failure = use_state(|| None::<String>);
    let download = {
        let (session, busy, failure) = (session.clone(), busy.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, busy, failure) = (session.clone(), busy.clone(), failure.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result =
                    authorized(&session, |token| async move { api::my_data(&token).await }).await;
                busy.set(false);
                match result {
                    Ok((bytes, mime, name)) => {
                        failure.set(None);
                        if let Err(message) = crate::download::save_bytes(&name, &mime, &bytes) {
                            failure.set(Some(message));
                        }
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="data-heading">
            <h2 id="data-heading">{ t(lang, "me-data") }</h2>
            <p class="muted">{ t(lang, "me-data-hint") }</p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <p>
                <button type="button" class="button button--secondary" onclick={download} disabled={*busy}>
                    { t(lang, if *busy { "me-data-preparing" } else { "me-data-download" }) }
                </button>
            </p>
            if *busy {
                <p class="visually-hidden" role="status">{ t(lang, "me-data-preparing") }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NameFormProps {
    name: AttrValue,
}

#[function_component(NameForm)]
fn name_form(props: &NameFormProps) -> Html {
    let session = use_session();
    let name = props.name.to_string();
    let form = use_form(move || UpdateProfileRequest { name });
    let saved = use_state(|| false);
    let lang = form.lang;
    let on_submit = {
        let (form, saved) = (form.clone(), saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            saved.set(false);
            let (caller, session, saved) = (session.clone(), session.clone(), saved.clone());
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::update_me(&token, &request).await }
                    })
                    .await
                },
                move |user| {
                    session.dispatch(SessionAction::Update(user));
                    saved.set(true);
                },
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="name-heading">
            <h2 id="name-heading">{ t(lang, "me-name") }</h2>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            if *saved {
                <p class="notice" role="status">{ t(lang, "me-name-saved") }</p>
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label={t(lang, "me-full-name")} autocomplete="name"
                    hint={t(lang, "me-name-hint")}
                    value={form.value.name.clone()} on_change={form.setter(|f, v| f.name = v)}
                    errors={form.errors_for("name")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { t(lang, if *form.busy { "account-saving" } else { "me-save-name" }) }
                </button>
            </form>
        </section>
    }
}

#[function_component(AddressCard)]
fn address_card() -> Html {
    let session = use_session();
    let form = use_form(ChangeEmailRequest::default);
    let lang = form.lang;
    let notice = use_state(|| None::<String>);
    let resend_failure = use_state(|| None::<String>);
    let Some(user) = session.session().map(|s| s.user.clone()) else {
        return Html::default();
    };

    let refresh_user = {
        let session = session.clone();
        move || {
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(user) =
                    authorized(&session, |token| async move { api::me(&token).await }).await
                {
                    session.dispatch(SessionAction::Update(user));
                }
            });
        }
    };
    let on_change = {
        let (form, notice, refresh_user) = (form.clone(), notice.clone(), refresh_user.clone());
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            notice.set(None);
            let (caller, notice, value, refresh_user) = (
                session.clone(),
                notice.clone(),
                form.value.clone(),
                refresh_user.clone(),
            );
            form.submit(
                (*form.value).clone().normalized(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::change_email(&token, &request).await }
                    })
                    .await
                },
                move |sent| {
                    notice.set(Some(
                        Text::new("me-email-link-sent")
                            .with("email", &sent.email)
                            .with("days", sent.valid_days)
                            .say(lang),
                    ));
                    value.set(ChangeEmailRequest::default());
                    refresh_user();
                },
            );
        })
    };
    let on_resend = {
        let (notice, resend_failure) = (notice.clone(), resend_failure.clone());
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let (session, notice, resend_failure) =
                (session.clone(), notice.clone(), resend_failure.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::resend_confirmation(&token).await
                })
                .await
                {
                    Ok(sent) => {
                        resend_failure.set(None);
                        notice.set(Some(
                            Text::new("me-email-link-sent-again")
                                .with("email", &sent.email)
                                .with("days", sent.valid_days)
                                .say(lang),
                        ));
                    }
                    Err(error) => resend_failure.set(Some(error.message())),
                }
            });
        })
    };

    html! {
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">{ t(lang, "me-email") }</h2>
            <p>
                <strong class="break">{ &user.email }</strong>{ " " }
                if user.email_verified {
                    <span class="badge badge--met">{ t(lang, "me-email-confirmed") }</span>
                } else {
                    <span class="badge badge--short">{ t(lang, "me-email-unconfirmed") }</span>
                }
            </p>
            if let Some(pending) = &user.pending_email {
                <p>{ Text::new("me-email-pending").with("email", pending).say(lang) }</p>
            } else if !user.email_verified {
                <p>{ t(lang, "me-email-unconfirmed-why") }</p>
            }
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if let Some(message) = &*resend_failure {
                <Alert message={message.clone()} />
            }
            if user.pending_email.is_some() || !user.email_verified {
                <p><button type="button" class="button button--secondary" onclick={on_resend}>{ t(lang, "me-email-send-again") }</button></p>
            }
            <h3>{ t(lang, "me-email-change") }</h3>
            <p class="muted">{ t(lang, "me-email-change-hint") }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            <form onsubmit={on_change} novalidate=true>
                <TextField name="email" label={t(lang, "me-new-email")} kind="email" autocomplete="email"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <TextField name="password" label={t(lang, "account-current-password")} kind="password" autocomplete="current-password"
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { t(lang, if *form.busy { "recovery-sending" } else { "me-email-send-link" }) }
                </button>
            </form>
        </section>
    }
}

/// A reminder, where a signed-in person lands, that their address is not
/// confirmed yet.
#[function_component(ConfirmAddressNotice)]
pub fn confirm_address_notice() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    match session.session() {
        Some(signed_in) if !signed_in.user.email_verified => html! {
            <p class="notice notice--warn" role="status">
                { Text::new("me-email-unconfirmed-notice").with("email", &signed_in.user.email).say(lang) }{ " " }
                <Link<Route> to={Route::Account}>{ t(lang, "me-email-unconfirmed-go") }</Link<Route>>
            </p>
        },
        _ => Html::default(),
    }
}

/// Props of [`ConfirmEmail`].
#[derive(Properties, PartialEq)]
pub struct ConfirmEmailProps {
    /// The secret of the mailed link.
    pub token: AttrValue,
}

/// Where a mailed link to confirm an address lands: it confirms at once.
#[function_component(ConfirmEmail)]
pub fn confirm_email(props: &ConfirmEmailProps) -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    // None while working; then the address, or why not.
    let outcome = use_state(|| None::<Result<String, String>>);
    {
        let (outcome, session) = (outcome.clone(), session.clone());
        use_effect_with(props.token.clone(), move |token| {
            let token = token.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api::confirm_email(&ConfirmEmailRequest { token }).await;
                if answer.is_ok() && session.session().is_some() {
                    if let Ok(user) =
                        authorized(&session, |token| async move { api::me(&token).await }).await
                    {
                        session.dispatch(SessionAction::Update(user));
                    }
                }
                outcome.set(Some(
                    answer
                        .map(|confirmed| confirmed.email)
                        .map_err(|error| error.message()),
                ));
            });
        });
    }
    let signed_in = session.session().is_some();
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "confirm-title")} />
            {
                match &*outcome {
                    None => html! { <p role="status">{ t(lang, "confirm-working") }</p> },
                    Some(Ok(email)) => html! {
                        <>
                            <p class="notice" role="status">{ Text::new("confirm-done").with("email", email).say(lang) }</p>
                            <p>
                                if signed_in {
                                    <Link<Route> to={Route::Home}>{ t(lang, "confirm-go-home") }</Link<Route>>
                                } else {
                                    <Link<Route> to={Route::SignIn}>{ t(lang, "account-sign-in") }</Link<Route>>
                                }
                            </p>
                        </>
                    },
                    Some(Err(message)) => html! {
                        <>
                            <Alert message={message.clone()} />
                            <p>
                                if signed_in {
                                    <Link<Route> to={Route::Account}>{ t(lang, "confirm-go-account") }</Link<Route>>
                                } else {
                                    <Link<Route> to={Route::SignIn}>{ t(lang, "account-sign-in") }</Link<Route>>
                                }
                            </p>
                        </>
                    },
                }
            }
        </section>
    }
}
