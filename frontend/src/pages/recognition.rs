//! Reciprocity: the holder's page to ask this association to recognise an
//! endorsement another association awarded her, and the admins' page of
//! requests to decide.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::recognitions::{
    RecognitionDecision, RecognitionRequest, RecognitionStatus, RecognitionView,
};
use std::collections::BTreeMap;
use yew::prelude::*;

fn long(day: chrono::NaiveDate) -> String {
    endorse_shared::i18n::format::date(day, endorse_shared::i18n::Lang::En)
}

fn status_line(r: &RecognitionView) -> String {
    match (r.status, &r.number, &r.reason) {
        (RecognitionStatus::Granted, Some(number), _) => {
            format!("Recognised: your endorsement here is number {number}.")
        }
        (RecognitionStatus::Declined, _, Some(reason)) => format!("Not recognised: {reason}"),
        (status, _, _) => format!("{}.", status.label()),
    }
}

/// Holders: ask for recognition, and see what became of each request.
#[function_component(RecognitionPage)]
pub fn recognition_page() -> Html {
    let session = use_session();
    let form = use_form(RecognitionRequest::default);
    let list = use_state(|| None::<Vec<RecognitionView>>);
    let notice = use_state(|| None::<String>);
    let load = {
        let (session, list) = (session.clone(), list.clone());
        Callback::from(move |()| {
            let list = list.clone();
            spawn(
                &session,
                |token| async move { api::my_recognitions(&token).await },
                move |result| list.set(Some(result.unwrap_or_default())),
            );
        })
    };
    {
        let load = load.clone();
        use_effect_with((), move |_| load.emit(()));
    }
    let on_submit = {
        let (form, session, notice, load) =
            (form.clone(), session.clone(), notice.clone(), load.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let session = session.clone();
            let (notice, load, form_after) = (notice.clone(), load.clone(), form.clone());
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    crate::session::authorized(&session, move |token| {
                        let request = request.clone();
                        async move { api::ask_recognition(&token, &request).await }
                    })
                    .await
                },
                move |asked: RecognitionView| {
                    notice.set(Some(format!(
                        "Your endorsement {} from {} is verified; the association will tell you its decision by e-mail.",
                        asked.from_number, asked.from_association_name
                    )));
                    form_after.value.set(RecognitionRequest::default());
                    load.emit(());
                },
            );
        })
    };
    html! {
        <>
            <PageTitle title="Recognition of an endorsement from another association" />
            <p class="lead">{ "Endorsed by another association and moved here? Ask us to recognise your endorsement. We check your credential with the association that awarded it; once we decide, you hold an endorsement of ours with its own number." }</p>
            <section class="card card--narrow" aria-labelledby="ask-heading">
                <h2 id="ask-heading">{ "Ask for recognition" }</h2>
                if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
                if let Some(message) = &*form.failure { <Alert message={message.clone()} /> }
                <form onsubmit={on_submit} novalidate=true>
                    <TextField name="association" label="The association that endorsed you (its code)"
                        hint="The short code in its address, for example mi for mi.example.org or /a/mi/."
                        value={form.value.association.clone()} on_change={form.setter(|f, v| f.association = v)}
                        errors={form.errors_for("association")} />
                    <TextField name="number" label="Endorsement number" hint="As printed on your certificate."
                        value={form.value.number.clone()} on_change={form.setter(|f, v| f.number = v)}
                        errors={form.errors_for("number")} />
                    <TextField name="code" label="Verification code"
                        hint="Printed on your certificate beside its QR code; it shows the certificate is yours."
                        autocomplete="off"
                        value={form.value.code.clone()} on_change={form.setter(|f, v| f.code = v)}
                        errors={form.errors_for("code")} />
                    <button type="submit" class="button" disabled={*form.busy}>
                        { if *form.busy { "Checking your credential…" } else { "Ask for recognition" } }
                    </button>
                </form>
            </section>
            <section aria-labelledby="asked-heading">
                <h2 id="asked-heading">{ "Your requests" }</h2>
                {
                    match &*list {
                        None => html! { <p role="status">{ "Loading…" }</p> },
                        Some(items) if items.is_empty() => html! { <p>{ "You have not asked for recognition yet." }</p> },
                        Some(items) => html! {
                            <ul class="entries">
                                { for items.iter().map(|r| html! {
                                    <li class="entry card">
                                        <h3>{ format!("{} ({}) from {}", r.from_category_name, r.from_category, r.from_association_name) }</h3>
                                        <p>{ format!("Endorsement {} \u{b7} asked {}", r.from_number, long(r.asked_at.date_naive())) }</p>
                                        <p>{ status_line(r) }</p>
                                    </li>
                                }) }
                            </ul>
                        },
                    }
                }
            </section>
        </>
    }
}

/// Admins: requests for recognition, those waiting first.
#[function_component(AdminRecognitions)]
pub fn admin_recognitions() -> Html {
    let session = use_session();
    let list = use_state(|| None::<Vec<RecognitionView>>);
    let failure = use_state(|| None::<String>);
    let reasons = use_state(BTreeMap::<String, String>::new);
    let load = {
        let (session, list, failure) = (session.clone(), list.clone(), failure.clone());
        Callback::from(move |()| {
            let (list, failure) = (list.clone(), failure.clone());
            spawn(
                &session,
                |token| async move { api::recognitions(&token).await },
                move |result| match result {
                    Ok(found) => list.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };
    {
        let load = load.clone();
        use_effect_with((), move |_| load.emit(()));
    }
    let decide = |r: &RecognitionView, grant: bool| {
        let (session, failure, reasons, load) = (
            session.clone(),
            failure.clone(),
            reasons.clone(),
            load.clone(),
        );
        let (id, version) = (r.id.clone(), r.version);
        Callback::from(move |_: MouseEvent| {
            let decision = RecognitionDecision {
                grant,
                category: None,
                reason: reasons.get(&id).cloned().filter(|r| !r.trim().is_empty()),
            };
            let (failure, load, id) = (failure.clone(), load.clone(), id.clone());
            spawn(
                &session,
                move |token| {
                    let (decision, id) = (decision.clone(), id.clone());
                    async move { api::decide_recognition(&token, &id, version, &decision).await }
                },
                move |result| match result {
                    Ok(_) => {
                        failure.set(None);
                        load.emit(());
                    }
                    Err(error) => {
                        let details: Vec<String> =
                            error.field_errors().into_values().flatten().collect();
                        failure.set(Some(if details.is_empty() {
                            error.message()
                        } else {
                            details.join(" ")
                        }));
                    }
                },
            );
        })
    };
    html! {
        <>
            <PageTitle title="Recognitions" />
            <p class="lead">{ "Holders of another association's endorsement who ask to be recognised here. Each credential was verified with the association that awarded it (signature, dates and status) when they asked, and is checked again before a grant issues an endorsement of ours." }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            {
                match &*list {
                    None => html! { <p role="status">{ "Loading…" }</p> },
                    Some(items) if items.is_empty() => html! { <p role="status">{ "No one has asked for recognition." }</p> },
                    Some(items) => html! {
                        <ul class="entries">
                            { for items.iter().map(|r| {
                                let reason_id = format!("recognition-reason-{}", r.id);
                                let on_reason = {
                                    let (reasons, id) = (reasons.clone(), r.id.clone());
                                    Callback::from(move |text: String| {
                                        let mut next = (*reasons).clone();
                                        next.insert(id.clone(), text);
                                        reasons.set(next);
                                    })
                                };
                                html! {
                                    <li class="entry card">
                                        <h2>{ format!("{} \u{2014} {} ({})", r.holder_name, r.category_name, r.category) }</h2>
                                        <dl class="facts">
                                            <dt>{ "Endorsed by" }</dt><dd>{ &r.from_association_name }</dd>
                                            <dt>{ "Their endorsement" }</dt><dd>{ format!("{} \u{2014} {} ({})", r.from_number, r.from_category_name, r.from_category) }</dd>
                                            <dt>{ "Name on the credential" }</dt><dd>{ &r.from_holder_name }</dd>
                                            <dt>{ "Same e-mail address there" }</dt><dd>{ if r.same_email { "Yes" } else { "No" } }</dd>
                                            <dt>{ "Endorsed since" }</dt><dd>{ long(r.endorsed_since) }</dd>
                                            <dt>{ "Asked" }</dt><dd>{ long(r.asked_at.date_naive()) }</dd>
                                        </dl>
                                        if r.status == RecognitionStatus::Pending {
                                            <Area id={reason_id} label="Reason (needed to decline)" value={reasons.get(&r.id).cloned().unwrap_or_default()} rows={2}
                                                on_change={on_reason} />
                                            <div class="actions">
                                                <button type="button" class="button" onclick={decide(r, true)}>{ "Recognise and endorse" }</button>
                                                <button type="button" class="button button--secondary" onclick={decide(r, false)}>{ "Decline" }</button>
                                            </div>
                                        } else {
                                            <p>{ match (&r.number, &r.reason) {
                                                (Some(number), _) => format!("Recognised as endorsement {number}."),
                                                (None, Some(reason)) => format!("Declined: {reason}"),
                                                _ => r.status.label().to_string(),
                                            } }</p>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </>
    }
}
