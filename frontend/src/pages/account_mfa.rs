//! One's second factor on the account page: set up a key in an
//! authenticator app (scanned or typed), confirm it with a code, keep the
//! recovery codes shown once; later, new codes or turning it off, each with
//! the password and a code.

use crate::api;
use crate::components::{Alert, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::session::{authorized, use_session};
use endorse_shared::i18n::format;
use endorse_shared::mfa::{
    MfaConfirmRequest, MfaProofRequest, MfaSetup, MfaSetupRequest, MfaStatus,
};
use yew::prelude::*;

/// The card.
#[function_component(SecondFactorCard)]
pub fn second_factor_card() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let status = use_state(|| None::<MfaStatus>);
    let reloads = use_state(|| 0u32);
    let setup = use_state(|| None::<MfaSetup>);
    let codes = use_state(|| None::<Vec<String>>);
    let notice = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let setup_form = use_form(MfaSetupRequest::default);
    let confirm_form = use_form(MfaConfirmRequest::default);
    let proof_form = use_form(MfaProofRequest::default);
    {
        let (session, status, failure) = (session.clone(), status.clone(), failure.clone());
        use_effect_with(*reloads, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(
                    &session,
                    |token| async move { api::mfa_status(&token).await },
                )
                .await
                {
                    Ok(found) => status.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let on_setup = {
        let (form, session, setup) = (setup_form.clone(), session.clone(), setup.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (caller, setup, value) = (session.clone(), setup.clone(), form.value.clone());
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::mfa_setup(&token, &request).await }
                    })
                    .await
                },
                move |made| {
                    value.set(MfaSetupRequest::default());
                    setup.set(Some(made));
                },
            );
        })
    };
    let on_confirm = {
        let (form, session) = (confirm_form.clone(), session.clone());
        let (setup, codes, reloads, notice) = (
            setup.clone(),
            codes.clone(),
            reloads.clone(),
            notice.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (caller, setup, codes, reloads, notice, value) = (
                session.clone(),
                setup.clone(),
                codes.clone(),
                reloads.clone(),
                notice.clone(),
                form.value.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::mfa_enable(&token, &request).await }
                    })
                    .await
                },
                move |made| {
                    value.set(MfaConfirmRequest::default());
                    setup.set(None);
                    codes.set(Some(made.recovery_codes));
                    notice.set(Some(t(lang, "mfa-on-now")));
                    reloads.set(*reloads + 1);
                },
            );
        })
    };
    let on_renew = {
        let (form, session) = (proof_form.clone(), session.clone());
        let (codes, reloads, notice) = (codes.clone(), reloads.clone(), notice.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (caller, codes, reloads, notice, value) = (
                session.clone(),
                codes.clone(),
                reloads.clone(),
                notice.clone(),
                form.value.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::mfa_renew_codes(&token, &request).await }
                    })
                    .await
                },
                move |made| {
                    value.set(MfaProofRequest::default());
                    codes.set(Some(made.recovery_codes));
                    notice.set(Some(t(lang, "mfa-codes-renewed")));
                    reloads.set(*reloads + 1);
                },
            );
        })
    };
    let on_turn_off = {
        let (form, session) = (proof_form.clone(), session.clone());
        let (status, notice, codes) = (status.clone(), notice.clone(), codes.clone());
        Callback::from(move |_: MouseEvent| {
            let (caller, status, notice, codes, value) = (
                session.clone(),
                status.clone(),
                notice.clone(),
                codes.clone(),
                form.value.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&caller, |token| {
                        let request = request.clone();
                        async move { api::mfa_disable(&token, &request).await }
                    })
                    .await
                },
                move |now| {
                    value.set(MfaProofRequest::default());
                    codes.set(None);
                    notice.set(Some(t(lang, "mfa-off-now")));
                    status.set(Some(now));
                },
            );
        })
    };
    let download = {
        let (codes, failure) = (codes.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(list) = &*codes {
                let text = format!(
                    "{}\n\n{}\n",
                    t(lang, "mfa-codes-file-title"),
                    list.join("\n")
                );
                if let Err(message) =
                    crate::download::save_text("endorse-recovery-codes.txt", "text/plain", &text)
                {
                    failure.set(Some(message));
                }
            }
        })
    };
    let kept = {
        let codes = codes.clone();
        Callback::from(move |_: MouseEvent| codes.set(None))
    };

    let body = match (&*status, &*setup) {
        (None, _) => html! { <p role="status">{ t(lang, "loading") }</p> },
        (Some(status), _) if status.enabled => html! {
            <>
                <p>
                    <span class="badge badge--met">{ t(lang, "mfa-on") }</span>{ " " }
                    { status.enrolled_at.map(|at| Text::new("mfa-on-since").with("date", format::date(at.date_naive(), lang)).say(lang)).unwrap_or_default() }
                </p>
                <p>{ Text::new("mfa-codes-left").with("count", status.recovery_codes_left).say(lang) }</p>
                <h3>{ t(lang, "mfa-change") }</h3>
                <p class="muted">{ t(lang, "mfa-change-hint") }</p>
                if let Some(message) = &*proof_form.failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_renew} novalidate=true>
                    <TextField name="mfa-password" label={t(lang, "account-current-password")} kind="password" autocomplete="current-password"
                        value={proof_form.value.password.clone()} on_change={proof_form.setter(|f, v| f.password = v)}
                        errors={proof_form.errors_for("password")} />
                    <TextField name="mfa-code" label={t(lang, "account-mfa-code")} autocomplete="one-time-code"
                        hint={AttrValue::from(t(lang, "account-mfa-code-hint"))}
                        value={proof_form.value.code.clone()} on_change={proof_form.setter(|f, v| f.code = v)}
                        errors={proof_form.errors_for("code")} />
                    <div class="actions">
                        <button type="submit" class="button button--secondary" disabled={*proof_form.busy}>{ t(lang, "mfa-new-codes") }</button>
                        if status.required {
                            <p class="muted">{ t(lang, "mfa-required-keep") }</p>
                        } else {
                            <button type="button" class="button button--danger" disabled={*proof_form.busy} onclick={on_turn_off}>{ t(lang, "mfa-turn-off") }</button>
                        }
                    </div>
                </form>
            </>
        },
        (Some(_), Some(made)) => html! {
            <>
                <ol class="steps">
                    <li>
                        { t(lang, "mfa-step-scan") }
                        <div class="qr" role="img" aria-label={t(lang, "mfa-qr-label")}>
                            { Html::from_html_unchecked(AttrValue::from(made.qr_svg.clone())) }
                        </div>
                        <p>{ t(lang, "mfa-step-type") }{ " " }<code class="break">{ grouped(&made.secret) }</code></p>
                        <p><a href={made.otpauth_uri.clone()}>{ t(lang, "mfa-open-app") }</a></p>
                    </li>
                    <li>{ t(lang, "mfa-step-code") }</li>
                </ol>
                if let Some(message) = &*confirm_form.failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_confirm} novalidate=true>
                    <TextField name="mfa-confirm" label={t(lang, "account-mfa-code")} autocomplete="one-time-code"
                        value={confirm_form.value.code.clone()} on_change={confirm_form.setter(|f, v| f.code = v)}
                        errors={confirm_form.errors_for("code")} />
                    <button type="submit" class="button" disabled={*confirm_form.busy}>{ t(lang, "mfa-turn-on") }</button>
                </form>
            </>
        },
        (Some(status), None) => html! {
            <>
                <p>{ t(lang, "mfa-why") }</p>
                if status.required {
                    <p class="notice" role="status">{ t(lang, "mfa-required") }</p>
                }
                if let Some(message) = &*setup_form.failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_setup} novalidate=true>
                    <TextField name="mfa-setup-password" label={t(lang, "account-current-password")} kind="password" autocomplete="current-password"
                        value={setup_form.value.password.clone()} on_change={setup_form.setter(|f, v| f.password = v)}
                        errors={setup_form.errors_for("password")} />
                    <button type="submit" class="button button--secondary" disabled={*setup_form.busy}>{ t(lang, "mfa-set-up") }</button>
                </form>
            </>
        },
    };
    html! {
        <section class="card" aria-labelledby="mfa-heading">
            <h2 id="mfa-heading">{ t(lang, "mfa-title") }</h2>
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(list) = &*codes {
                <div class="codes" aria-labelledby="codes-heading">
                    <h3 id="codes-heading">{ t(lang, "mfa-codes-title") }</h3>
                    <p>{ t(lang, "mfa-codes-once") }</p>
                    <ol class="codes__list">
                        { for list.iter().map(|code| html! { <li><code>{ code }</code></li> }) }
                    </ol>
                    <div class="actions">
                        <button type="button" class="button button--secondary" onclick={download}>{ t(lang, "mfa-codes-download") }</button>
                        <button type="button" class="button button--quiet" onclick={kept}>{ t(lang, "mfa-codes-kept") }</button>
                    </div>
                </div>
            }
            { body }
        </section>
    }
}

/// A Base32 key in groups of four, for typing.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
