//! Renewal: the holder's card (what renewal asks for, weighed live, and the
//! button to submit) and the admins' page of renewals waiting for a decision.

use crate::api;
use crate::components::{Alert, Checklist, PageTitle};
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::renewal::{
    RenewalDecisionRequest, RenewalKind, RenewalOverview, RenewalRecord, RenewalStatus,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn long(day: chrono::NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// The holder's renewal card; nothing while there is nothing to renew.
#[function_component(RenewalCard)]
pub fn renewal_card() -> Html {
    let session = use_session();
    let overview = use_state(|| None::<RenewalOverview>);
    let provides_rsc = use_state(|| None::<bool>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
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
                        notice.set(Some(format!(
                            "Your {} is submitted; the association will tell you its decision by e-mail.",
                            record.kind.label().to_lowercase()
                        )));
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
    let title = match current.kind {
        Some(RenewalKind::Reinstatement) => "Reinstatement",
        _ => "Renewal",
    };
    html! {
        <section class="card" aria-labelledby="renewal-heading">
            <h2 id="renewal-heading">{ title }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(last) = current.last.as_ref().filter(|l| l.status == RenewalStatus::Returned && current.pending.is_none()) {
                <p class="alert alert--error">{ format!("Your {} was returned: {}", last.kind.label().to_lowercase(), last.reason.clone().unwrap_or_default()) }</p>
            }
            {
                match (&current.pending, current.kind, current.opens_on) {
                    (Some(pending), _, _) => html! {
                        <p>{ format!("Your {} of {} was submitted on {}; the association will decide.",
                            pending.kind.label().to_lowercase(), pending.numbers.join(", "), long(pending.submitted_at.date_naive())) }</p>
                    },
                    (None, Some(RenewalKind::Renewal), _) => html! {
                        <p>{ format!("Renewal of {} is open: due {}{}.", current.covers.join(", "),
                            current.due.map(long).unwrap_or_default(),
                            current.last_day.map(|d| format!("; after {} it lapses", long(d))).unwrap_or_default()) }</p>
                    },
                    (None, Some(RenewalKind::Reinstatement), _) => html! {
                        <p>{ format!("{} lapsed. To be reinstated (no new exam), update your membership, add the work you have done since the lapse and ask for new reference ratings.", current.covers.join(", ")) }</p>
                    },
                    (None, None, Some(opens)) => html! {
                        <p>{ format!("Renewal opens on {}.", long(opens)) }</p>
                    },
                    _ => html! {},
                }
            }
            if current.pending.is_none() && current.kind.is_some() {
                if current.kind == Some(RenewalKind::Renewal) {
                    <div class="check">
                        <input type="checkbox" id="renewal-provides-rsc" checked={declared} onchange={on_provider} />
                        <label for="renewal-provides-rsc">{ "I provide reflective supervision/consultation (3 of the training hours must then be on providing it)" }</label>
                    </div>
                }
                if let Some(report) = &current.report {
                    <Checklist report={report.clone()} action="renew" heading_id="renewal-checklist-heading" show_code={false} />
                    <button type="button" class="button" onclick={submit} disabled={!report.eligible}>
                        { format!("Submit your {}", title.to_lowercase()) }
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
            <PageTitle title="Renewals" />
            <p class="lead">{ "Renewals and reinstatements waiting for a decision, the oldest first. Approving one starts another cycle for each endorsement it covers and issues a new credential." }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            {
                match &*list {
                    None => html! { <p role="status">{ "Loading…" }</p> },
                    Some(items) if items.is_empty() => html! { <p role="status">{ "No renewal is waiting." }</p> },
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
                                        <h2>{ format!("{} \u{2014} {}", r.holder_name, r.kind.label()) }</h2>
                                        <p>{ format!("{} \u{b7} submitted {}", r.numbers.join(", "), long(r.submitted_at.date_naive())) }</p>
                                        <ul class="requirements">
                                            { for r.report.lines.iter().map(|line| html! { <li>{ &line.summary }</li> }) }
                                        </ul>
                                        <Area id={reason_id} label="Reason (needed to return it)" value={reasons.get(&r.id).cloned().unwrap_or_default()} rows={2}
                                            on_change={on_reason} />
                                        <div class="actions">
                                            <button type="button" class="button" onclick={decide(r, true)}>{ "Approve" }</button>
                                            <button type="button" class="button button--secondary" onclick={decide(r, false)}>{ "Return to the holder" }</button>
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
