//! One's fees: what is due, paid or waived, paying online (Stripe Checkout,
//! where the association offers it) and every receipt. Stripe sends the
//! payer back here (`?paid=<fee>` or `?cancelled=<fee>`).

use crate::api;
use crate::components::fees::{amount_text, holds_up_text, status_badge, ReceiptButton};
use crate::components::{Alert, PageTitle};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session, SessionState};
use endorse_shared::fees::{FeeKey, FeeLine, FeeStatus, FeesResponse};
use endorse_shared::i18n::{format, Lang};
use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

/// How Stripe sent the payer back.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
struct Back {
    #[serde(default)]
    paid: Option<String>,
    #[serde(default)]
    cancelled: Option<String>,
}

/// How often, after paying, the page asks whether Stripe's confirmation
/// arrived (every two seconds, for half a minute).
const CONFIRMATION_CHECKS: u32 = 15;

/// The page.
#[function_component(FeesPage)]
pub fn fees_page() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let back = use_location()
        .and_then(|l| l.query::<Back>().ok())
        .unwrap_or_default();
    let fees = use_state(|| None::<FeesResponse>);
    let failure = use_state(|| None::<String>);
    let paying = use_state(|| None::<FeeKey>);
    let returned_paid = back.paid.is_some();
    // The fee just paid, when the address names it.
    let paid_key: Option<FeeKey> = back.paid.as_deref().and_then(|k| k.parse().ok());
    let settled = |found: &FeesResponse, key: &Option<FeeKey>| match key {
        Some(key) => found
            .fees
            .iter()
            .any(|f| &f.key == key && f.status != FeeStatus::Due),
        None => !found.fees.iter().any(|f| f.status == FeeStatus::Due),
    };
    {
        let (session, fees, failure) = (session.clone(), fees.clone(), failure.clone());
        let key = paid_key.clone();
        use_effect_with(returned_paid, move |returned_paid| {
            let returned_paid = *returned_paid;
            wasm_bindgen_futures::spawn_local(async move {
                // Back from paying, Stripe's signed confirmation may still be
                // on its way: ask again until nothing that was due stays due.
                let checks = if returned_paid {
                    CONFIRMATION_CHECKS
                } else {
                    1
                };
                for round in 0..checks {
                    if round > 0 {
                        gloo::timers::future::TimeoutFuture::new(2_000).await;
                    }
                    match authorized(&session, |token| async move { api::my_fees(&token).await })
                        .await
                    {
                        Ok(found) => {
                            let done = settled(&found, &key);
                            fees.set(Some(found));
                            if done {
                                break;
                            }
                        }
                        Err(error) => {
                            failure.set(Some(error.message()));
                            break;
                        }
                    }
                }
            });
        });
    }
    let pay = {
        let (session, failure, paying) = (session.clone(), failure.clone(), paying.clone());
        Callback::from(move |key: FeeKey| {
            let (session, failure, paying) = (session.clone(), failure.clone(), paying.clone());
            paying.set(Some(key.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let answer = authorized(&session, |token| {
                    let key = key.clone();
                    async move { api::checkout(&token, &key).await }
                })
                .await;
                match answer {
                    Ok(checkout) => {
                        // Stripe's own page takes it from here.
                        if gloo::utils::window()
                            .location()
                            .set_href(&checkout.url)
                            .is_err()
                        {
                            failure.set(Some(t(lang, "fees-pay-not-opened")));
                            paying.set(None);
                        }
                    }
                    Err(error) => {
                        failure.set(Some(error.message()));
                        paying.set(None);
                    }
                }
            });
        })
    };
    if matches!(&*session, SessionState::SignedOut(_)) {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    }
    let still_due = fees
        .as_ref()
        .map(|f| !settled(f, &paid_key))
        .unwrap_or(true);
    html! {
        <>
            <PageTitle title={t(lang, "fees-title")} />
            if returned_paid {
                <p class="notice" role="status">
                    { t(lang, if still_due { "fees-back-paid-waiting" } else { "fees-back-paid" }) }
                </p>
            } else if back.cancelled.is_some() {
                <p class="notice" role="status">{ t(lang, "fees-back-cancelled") }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <section class="card" aria-labelledby="fees-list-heading">
                <h2 id="fees-list-heading">{ t(lang, "fees-list-heading") }</h2>
                {
                    match &*fees {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(found) if found.fees.is_empty() => html! {
                            <p>{ t(lang, "fees-none") }</p>
                        },
                        Some(found) => html! {
                            <>
                                if !found.online && still_due {
                                    <p class="muted">{ t(lang, "fees-offline-only") }</p>
                                }
                                <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "fees-list-heading")}>
                                    <table class="table table--cards">
                                        <thead><tr>
                                            <th scope="col">{ t(lang, "fees-col-fee") }</th>
                                            <th scope="col">{ t(lang, "fees-col-amount") }</th>
                                            <th scope="col">{ t(lang, "fees-col-status") }</th>
                                            <th scope="col">{ t(lang, "fees-col-action") }</th>
                                        </tr></thead>
                                        <tbody>
                                            { for found.fees.iter().map(|line| fee_row(line, found.online, &paying, &pay, lang)) }
                                        </tbody>
                                    </table>
                                </div>
                            </>
                        },
                    }
                }
                <p><Link<Route> to={Route::Home}>{ t(lang, "fees-back-home") }</Link<Route>></p>
            </section>
        </>
    }
}

fn fee_row(
    line: &FeeLine,
    online: bool,
    paying: &UseStateHandle<Option<FeeKey>>,
    pay: &Callback<FeeKey>,
    lang: Lang,
) -> Html {
    let busy = paying.is_some();
    let this_one = paying.as_ref() == Some(&line.key);
    let onclick = {
        let (pay, key) = (pay.clone(), line.key.clone());
        Callback::from(move |_: MouseEvent| pay.emit(key.clone()))
    };
    let action = match (&line.status, &line.settlement) {
        (FeeStatus::Due, _) if online => html! {
            <button type="button" class="button" disabled={busy} {onclick}
                aria-label={Text::new("fees-pay-named").with("fee", line.description.as_str()).with("amount", amount_text(line, lang)).say(lang)}>
                { if this_one { t(lang, "fees-paying") } else { Text::new("fees-pay").with("amount", amount_text(line, lang)).say(lang) } }
            </button>
        },
        (FeeStatus::Due, _) => {
            html! { <span class="muted">{ t(lang, "fees-ask-association") }</span> }
        }
        (FeeStatus::Paid, Some(settlement)) => html! {
            <>
                <div>
                    { Text::new("fees-paid-on")
                        .with("method", settlement.method.text())
                        .with("day", format::date(settlement.paid_on, lang))
                        .say(lang) }
                </div>
                if let Some(number) = &settlement.receipt_number {
                    <ReceiptButton payment={settlement.id} number={AttrValue::from(number.clone())} />
                }
            </>
        },
        (FeeStatus::Waived, Some(settlement)) => html! {
            <span>{ Text::new("fees-waived-on").with("day", format::date(settlement.paid_on, lang)).say(lang) }</span>
        },
        _ => html! {},
    };
    html! {
        <tr>
            <td data-label={t(lang, "fees-col-fee")}>
                <div>{ &line.description }</div>
                if line.blocks && line.status == FeeStatus::Due {
                    <div class="muted">{ holds_up_text(line.kind, lang) }</div>
                }
            </td>
            <td data-label={t(lang, "fees-col-amount")}>{ amount_text(line, lang) }</td>
            <td data-label={t(lang, "fees-col-status")}>{ status_badge(line.status, lang) }</td>
            <td data-label={t(lang, "fees-col-action")}>{ action }</td>
        </tr>
    }
}
