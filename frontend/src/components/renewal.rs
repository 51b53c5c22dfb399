//! Renewal: the holder's card (what renewal asks for, weighed live, and the
//! button to submit) and the admins' page of renewals waiting for a decision.

use crate::api;
use crate::components::{Alert, Checklist, PageTitle};
use crate::i18n::{t, Text};
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::renewal::{
    RenewalDecisionRequest, RenewalKind, RenewalOverview, RenewalRecord, RenewalStatus,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The catalog's name for a kind, for messages that choose their words by it.
fn kind_code(kind: RenewalKind) -> &'static str {
    match kind {
        RenewalKind::Reinstatement => "reinstatement",
        _ => "renewal",
    }
}

/// The holder's renewal card; nothing while there is nothing to renew.
#[function_component(RenewalCard)]
pub fn renewal_card() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let long = |day: chrono::NaiveDate| endorse_shared::i18n::format::date(day, lang);
    let overview = use_state(|| None::<RenewalOverview>);
    let provides_rsc = use_state(|| None::<bool>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let (fees, _) = crate::components::fees::use_my_fees();
    let reload = {
        let (session, overview, failure) = (session.clone(), overview.clone(), failure.clone());
        Callback::from(move |declared: Option<bool>| {
            let (overview, failure) = (overview.clone(), failure.clone());
            spawn(
                &session,
                move |token| async move { api::my_renewal(&token, declared).await },
                move |result| match result {
                    Ok(found) => overview.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| reload.emit(None));
    }
    let Some(current) = (*overview).clone() else {
        return html! {};
    };
    if current.kind.is_none()
        && current.pending.is_none()
        && current.last.is_none()
        && current.opens_on.is_none()
    {
        return html! {};
    }
    let declared = (*provides_rsc).unwrap_or(current.provides_rsc);
    let on_provider = {
        let (provides_rsc, reload) = (provides_rsc.clone(), reload.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            provides_rsc.set(Some(input.checked()));
            reload.emit(Some(input.checked()));
        })
    };
    let submit = {
        let (session, failure, notice, reload) = (
            session.clone(),
            failure.clone(),
            notice.clone(),
            reload.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (failure, notice, reload) = (failure.clone(), notice.clone(), reload.clone());
            spawn(
                &session,
                move |token| async move { api::submit_renewal(&token, declared).await },
                move |result| match result {
                    Ok(record) => {
                        failure.set(None);
                        notice.set(Some(
                            Text::new("renewal-submitted")
                                .with("kind", kind_code(record.kind))
                                .say(lang),
                        ));
                        reload.emit(Some(declared));
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
    let kind = current.kind.unwrap_or(RenewalKind::Renewal);
    let renewal_fees: Vec<endorse_shared::fees::FeeLine> = fees
        .as_ref()
        .map(|f| {
            f.fees
                .iter()
                .filter(|l| {
                    matches!(
                        l.kind,
                        endorse_shared::fees::FeeKind::Renewal
                            | endorse_shared::fees::FeeKind::Reinstatement
                    )
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let title = Text::new("renewal-title")
        .with("kind", kind_code(kind))
        .say(lang);
    html! {
        <section class="card" aria-labelledby="renewal-heading">
            <h2 id="renewal-heading">{ title }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(last) = current.last.as_ref().filter(|l| l.status == RenewalStatus::Returned && current.pending.is_none()) {
                <p class="alert alert--error">{ Text::new("renewal-returned").with("kind", kind_code(last.kind)).with("reason", last.reason.clone().unwrap_or_default()).say(lang) }</p>
            }
            {
                match (&current.pending, current.kind, current.opens_on) {
                    (Some(pending), _, _) => html! {
                        <p>{ Text::new("renewal-pending").with("kind", kind_code(pending.kind)).with("numbers", pending.numbers.join(", ")).with("day", long(pending.submitted_at.date_naive())).say(lang) }</p>
                    },
                    (None, Some(RenewalKind::Renewal), _) => html! {
                        <p>{ match current.last_day {
                            Some(last) => Text::new("renewal-open-lapses").with("last", long(last)),
                            None => Text::new("renewal-open"),
                        }.with("numbers", current.covers.join(", ")).with("due", current.due.map(long).unwrap_or_default()).say(lang) }</p>
                    },
                    (None, Some(RenewalKind::Reinstatement), _) => html! {
                        <p>{ Text::new("renewal-lapsed").with("numbers", current.covers.join(", ")).say(lang) }</p>
                    },
                    (None, None, Some(opens)) => html! {
                        <p>{ Text::new("renewal-opens").with("day", long(opens)).say(lang) }</p>
                    },
                    _ => html! {},
                }
            }
            if current.pending.is_none() && current.kind.is_some() {
                if current.kind == Some(RenewalKind::Renewal) {
                    <div class="check">
                        <input type="checkbox" id="renewal-provides-rsc" checked={declared} onchange={on_provider} />
                        <label for="renewal-provides-rsc">{ t(lang, "renewal-provides-rsc") }</label>
                    </div>
                }
                if let Some(report) = &current.report {
                    <Checklist report={report.clone()} action="renew" heading_id="renewal-checklist-heading" show_code={false} />
                    <crate::components::fees::FeeNotice fees={renewal_fees} />
                    <button type="button" class="button" onclick={submit} disabled={!report.eligible}>
                        { Text::new("renewal-submit").with("kind", kind_code(kind)).say(lang) }
                    </button>
                }
            }
        </section>
    }
}

/// Admins: renewals waiting for a decision.
#[function_component(AdminRenewals)]
pub fn admin_renewals() -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let long = |day: chrono::NaiveDate| endorse_shared::i18n::format::date(day, lang);
    let list = use_state(|| None::<Vec<RenewalRecord>>);
    let failure = use_state(|| None::<String>);
    let reasons = use_state(std::collections::BTreeMap::<uuid::Uuid, String>::new);
    let load = {
        let (session, list, failure) = (session.clone(), list.clone(), failure.clone());
        Callback::from(move |()| {
            let (list, failure) = (list.clone(), failure.clone());
            spawn(
                &session,
                |token| async move { api::waiting_renewals(&token).await },
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
    let decide = |record: &RenewalRecord, approve: bool| {
        let (session, failure, reasons, load) = (
            session.clone(),
            failure.clone(),
            reasons.clone(),
            load.clone(),
        );
        let (id, version) = (record.id, record.version);
        Callback::from(move |_: MouseEvent| {
            let request = RenewalDecisionRequest {
                approve,
                reason: reasons.get(&id).cloned().filter(|r| !r.trim().is_empty()),
            };
            let (failure, load) = (failure.clone(), load.clone());
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::decide_renewal(&token, id, version, &request).await }
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
            <PageTitle title={t(lang, "renewal-admin-title")} />
            <p class="lead">{ t(lang, "renewal-admin-lead") }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            {
                match &*list {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(items) if items.is_empty() => html! { <p role="status">{ t(lang, "renewal-none-waiting") }</p> },
                    Some(items) => html! {
                        <ul class="entries">
                            { for items.iter().map(|r| {
                                let reason_id = format!("renewal-reason-{}", r.id);
                                let on_reason = {
                                    let (reasons, id) = (reasons.clone(), r.id);
                                    Callback::from(move |text: String| {
                                        let mut next = (*reasons).clone();
                                        next.insert(id, text);
                                        reasons.set(next);
                                    })
                                };
                                html! {
                                    <li class="entry card">
                                        <h2>{ format!("{} \u{2014} {}", r.holder_name, r.kind.text().say(lang)) }</h2>
                                        <p>{ Text::new("renewal-submitted-on").with("numbers", r.numbers.join(", ")).with("day", long(r.submitted_at.date_naive())).say(lang) }</p>
                                        <ul class="requirements">
                                            { for r.report.lines.iter().map(|line| html! { <li>{ &line.summary }</li> }) }
                                        </ul>
                                        <Area id={reason_id} label={t(lang, "renewal-reason")} value={reasons.get(&r.id).cloned().unwrap_or_default()} rows={2}
                                            on_change={on_reason} />
                                        <div class="actions">
                                            <button type="button" class="button" onclick={decide(r, true)}>{ t(lang, "renewal-approve") }</button>
                                            <button type="button" class="button button--secondary" onclick={decide(r, false)}>{ t(lang, "renewal-return") }</button>
                                        </div>
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
