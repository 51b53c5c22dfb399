//! Fees as the people who owe them see them: the home page's card of what is
//! due, the line beside a step a fee holds up, a fee's status and its
//! receipt.

use crate::api;
use crate::components::Alert;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::fees::{money, FeeKind, FeeLine, FeeStatus, FeesResponse};
use endorse_shared::i18n::Lang;
use endorse_shared::ids::PaymentId;
use yew::prelude::*;
use yew_router::prelude::*;

/// What a fee that blocks holds up, in the reader's words.
pub fn holds_up_text(kind: FeeKind, lang: Lang) -> String {
    t(
        lang,
        match kind {
            FeeKind::Registration | FeeKind::Processing => "fees-holds-submission",
            FeeKind::Exam => "fees-holds-exam",
            FeeKind::Renewal | FeeKind::Reinstatement => "fees-holds-renewal",
        },
    )
}

/// A fee's amount, as people read it.
pub fn amount_text(line: &FeeLine, lang: Lang) -> String {
    money(line.amount, &line.currency, lang)
}

/// A fee's status as a badge.
pub fn status_badge(status: FeeStatus, lang: Lang) -> Html {
    let class = match status {
        FeeStatus::Due => "badge--short",
        FeeStatus::Paid | FeeStatus::Waived => "badge--met",
    };
    html! { <span class={classes!("badge", class)}>{ status.text().say(lang) }</span> }
}

/// One's own fees, loaded once.
#[hook]
pub fn use_my_fees() -> (UseStateHandle<Option<FeesResponse>>, Callback<()>) {
    let session = use_session();
    let fees = use_state(|| None::<FeesResponse>);
    let reload = {
        let fees = fees.clone();
        Callback::from(move |()| {
            let (session, fees) = (session.clone(), fees.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) =
                    authorized(&session, |token| async move { api::my_fees(&token).await }).await
                {
                    fees.set(Some(found));
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(()));
    }
    (fees, reload)
}

/// The home page's card: what is due and why, with the way to the Fees page.
/// Nothing shows while nothing was ever charged.
#[function_component(FeesDue)]
pub fn fees_due() -> Html {
    let lang = crate::i18n::use_lang();
    let (fees, _) = use_my_fees();
    let Some(fees) = &*fees else {
        return html! {};
    };
    if fees.fees.is_empty() {
        return html! {};
    }
    let due: Vec<&FeeLine> = fees
        .fees
        .iter()
        .filter(|f| f.status == FeeStatus::Due)
        .collect();
    html! {
        <section class="card" aria-labelledby="fees-due-heading">
            <h2 id="fees-due-heading">{ t(lang, "fees-due-heading") }</h2>
            if due.is_empty() {
                <p>{ t(lang, "fees-nothing-due") }</p>
            } else {
                <ul class="self-check">
                    { for due.iter().map(|line| html! {
                        <li>
                            <span>
                                { &line.description }
                                if line.blocks {
                                    <span class="muted">{ " — " }{ holds_up_text(line.kind, lang) }</span>
                                }
                            </span>
                            <span class="badge badge--short">{ amount_text(line, lang) }</span>
                        </li>
                    }) }
                </ul>
            }
            <p><Link<Route> to={Route::Fees}>{ t(lang, if due.is_empty() { "fees-see-all" } else { "fees-go-pay" }) }</Link<Route>></p>
        </section>
    }
}

/// Props of [`FeeNotice`].
#[derive(Properties, PartialEq)]
pub struct FeeNoticeProps {
    /// The fees to speak of.
    pub fees: Vec<FeeLine>,
}

/// Beside a step: the fees still due for it, and where to pay them.
#[function_component(FeeNotice)]
pub fn fee_notice(props: &FeeNoticeProps) -> Html {
    let lang = crate::i18n::use_lang();
    let due: Vec<&FeeLine> = props
        .fees
        .iter()
        .filter(|f| f.status == FeeStatus::Due)
        .collect();
    if due.is_empty() {
        return html! {};
    }
    html! {
        <div class="fee-notice">
            <p>{ t(lang, "fees-for-this-step") }</p>
            <ul>
                { for due.iter().map(|line| html! {
                    <li>
                        { Text::new(if line.blocks { "fees-line-blocking" } else { "fees-line-due" })
                            .with("fee", line.description.as_str())
                            .with("amount", amount_text(line, lang))
                            .say(lang) }
                    </li>
                }) }
            </ul>
            <p><Link<Route> to={Route::Fees}>{ t(lang, "fees-go-pay") }</Link<Route>></p>
        </div>
    }
}

/// Props of [`ReceiptButton`].
#[derive(Properties, PartialEq)]
pub struct ReceiptButtonProps {
    /// The payment.
    pub payment: PaymentId,
    /// Its receipt's number, shown on the button.
    pub number: AttrValue,
}

/// Downloads a payment's receipt (a PDF).
#[function_component(ReceiptButton)]
pub fn receipt_button(props: &ReceiptButtonProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onclick = {
        let (failure, busy, payment) = (failure.clone(), busy.clone(), props.payment);
        Callback::from(move |_: MouseEvent| {
            let (session, failure, busy) = (session.clone(), failure.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| async move {
                    api::receipt(&token, payment).await
                })
                .await;
                match result {
                    Ok((bytes, mime, name)) => {
                        failure.set(crate::download::save_bytes(&name, &mime, &bytes).err());
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <>
            <button type="button" class="button button--quiet" disabled={*busy} {onclick}>
                { Text::new("fees-receipt").with("number", props.number.as_str()).say(lang) }
            </button>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
        </>
    }
}
