//! Reciprocity: the holder's page to ask this association to recognise an
//! endorsement another association awarded her, and the admins' page of
//! requests to decide.

use crate::api;
use crate::components::{Alert, PageTitle, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::i18n::Lang;
use endorse_shared::recognitions::{
    RecognitionDecision, RecognitionRequest, RecognitionStatus, RecognitionView,
};
use std::collections::BTreeMap;
use yew::prelude::*;

fn long(day: chrono::NaiveDate, lang: Lang) -> String {
    endorse_shared::i18n::format::date(day, lang)
}

fn status_line(r: &RecognitionView, lang: Lang) -> String {
    match (r.status, &r.number, &r.reason) {
        (RecognitionStatus::Granted, Some(number), _) => Text::new("recognition-granted")
            .with("number", number)
            .say(lang),
        (RecognitionStatus::Declined, _, Some(reason)) => Text::new("recognition-declined")
            .with("reason", reason)
            .say(lang),
        (status, _, _) => format!("{}.", status.text().say(lang)),
    }
}

/// Holders: ask for recognition, and see what became of each request.
#[function_component(RecognitionPage)]
pub fn recognition_page() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
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
                    notice.set(Some(
                        Text::new("recognition-verified")
                            .with("number", &asked.from_number)
                            .with("association", &asked.from_association_name)
                            .say(lang),
                    ));
                    form_after.value.set(RecognitionRequest::default());
                    load.emit(());
                },
            );
        })
    };
    html! {
        <>
            <PageTitle title={t(lang, "recognition-title")} />
            <p class="lead">{ t(lang, "recognition-lead") }</p>
            <section class="card card--narrow" aria-labelledby="ask-heading">
                <h2 id="ask-heading">{ t(lang, "recognition-ask") }</h2>
                if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
                if let Some(message) = &*form.failure { <Alert message={message.clone()} /> }
                <form onsubmit={on_submit} novalidate=true>
                    <TextField name="association" label={t(lang, "recognition-association")}
                        hint={t(lang, "recognition-association-hint")}
                        value={form.value.association.clone()} on_change={form.setter(|f, v| f.association = v)}
                        errors={form.errors_for("association")} />
                    <TextField name="number" label={t(lang, "recognition-number")} hint={t(lang, "recognition-number-hint")}
                        value={form.value.number.clone()} on_change={form.setter(|f, v| f.number = v)}
                        errors={form.errors_for("number")} />
                    <TextField name="code" label={t(lang, "recognition-code")}
                        hint={t(lang, "recognition-code-hint")}
                        autocomplete="off"
                        value={form.value.code.clone()} on_change={form.setter(|f, v| f.code = v)}
                        errors={form.errors_for("code")} />
                    <button type="submit" class="button" disabled={*form.busy}>
                        { if *form.busy { t(lang, "recognition-checking") } else { t(lang, "recognition-ask") } }
                    </button>
                </form>
            </section>
            <section aria-labelledby="asked-heading">
                <h2 id="asked-heading">{ t(lang, "recognition-your-requests") }</h2>
                {
                    match &*list {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(items) if items.is_empty() => html! { <p>{ t(lang, "recognition-none") }</p> },
                        Some(items) => html! {
                            <ul class="entries">
                                { for items.iter().map(|r| html! {
                                    <li class="entry card">
                                        <h3>{ Text::new("recognition-from").with("category", &r.from_category_name).with("code", &r.from_category).with("association", &r.from_association_name).say(lang) }</h3>
                                        <p>{ Text::new("recognition-asked").with("number", &r.from_number).with("day", long(r.asked_at.date_naive(), lang)).say(lang) }</p>
                                        <p>{ status_line(r, lang) }</p>
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
    let lang = crate::i18n::use_lang();
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
            <PageTitle title={t(lang, "recognition-admin-title")} />
            <p class="lead">{ t(lang, "recognition-admin-lead") }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            {
                match &*list {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(items) if items.is_empty() => html! { <p role="status">{ t(lang, "recognition-none-asked") }</p> },
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
                                            <dt>{ t(lang, "recognition-endorsed-by") }</dt><dd>{ &r.from_association_name }</dd>
                                            <dt>{ t(lang, "recognition-their-endorsement") }</dt><dd>{ format!("{} \u{2014} {} ({})", r.from_number, r.from_category_name, r.from_category) }</dd>
                                            <dt>{ t(lang, "recognition-name-on-credential") }</dt><dd>{ &r.from_holder_name }</dd>
                                            <dt>{ t(lang, "recognition-same-email") }</dt><dd>{ t(lang, if r.same_email { "recognition-yes" } else { "recognition-no" }) }</dd>
                                            <dt>{ t(lang, "recognition-endorsed-since") }</dt><dd>{ long(r.endorsed_since, lang) }</dd>
                                            <dt>{ t(lang, "recognition-asked-on") }</dt><dd>{ long(r.asked_at.date_naive(), lang) }</dd>
                                        </dl>
                                        if r.status == RecognitionStatus::Pending {
                                            <Area id={reason_id} label={t(lang, "recognition-reason")} value={reasons.get(&r.id).cloned().unwrap_or_default()} rows={2}
                                                on_change={on_reason} />
                                            <div class="actions">
                                                <button type="button" class="button" onclick={decide(r, true)}>{ t(lang, "recognition-recognise") }</button>
                                                <button type="button" class="button button--secondary" onclick={decide(r, false)}>{ t(lang, "recognition-decline") }</button>
                                            </div>
                                        } else {
                                            <p>{ match (&r.number, &r.reason) {
                                                (Some(number), _) => Text::new("recognition-recognised-as").with("number", number).say(lang),
                                                (None, Some(reason)) => Text::new("recognition-admin-declined").with("reason", reason).say(lang),
                                                _ => r.status.text().say(lang),
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
