//! Endorsements once awarded: the holder's card (with the choice to be
//! listed in the public registry) and the admins' panel (status, with a reason).

use crate::api;
use crate::components::Alert;
use crate::download;
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::credential;
use endorse_shared::endorsements::{EndorsementStatus, EndorsementStatusRequest, EndorsementView};
use endorse_shared::ApplicationId;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The holder's endorsements; nothing until there is one.
#[function_component(MyEndorsements)]
pub fn my_endorsements() -> Html {
    let session = use_session();
    let list = use_state(Vec::<EndorsementView>::new);
    let failure = use_state(|| None::<String>);
    {
        let (session, list, failure) = (session.clone(), list.clone(), failure.clone());
        use_effect_with((), move |_| {
            spawn(
                &session,
                |token| async move { api::my_endorsements(&token).await },
                move |result| match result {
                    Ok(found) => list.set(found),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        });
    }
    if list.is_empty() && failure.is_none() {
        return html! {};
    }
    let toggle = |endorsement: &EndorsementView| {
        let (session, list, failure) = (session.clone(), list.clone(), failure.clone());
        let (number, version) = (endorsement.number.clone(), endorsement.version);
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let listed = input.checked();
            let (list, failure, number) = (list.clone(), failure.clone(), number.clone());
            let wanted = number.clone();
            spawn(
                &session,
                move |token| {
                    let number = number.clone();
                    async move { api::set_listing(&token, &number, version, listed).await }
                },
                move |result| match result {
                    Ok(updated) => {
                        failure.set(None);
                        list.set(
                            list.iter()
                                .map(|e| {
                                    if e.number == wanted {
                                        updated.clone()
                                    } else {
                                        e.clone()
                                    }
                                })
                                .collect(),
                        );
                    }
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="endorsements-heading">
            <h2 id="endorsements-heading">{ "Your endorsements" }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <ul class="entries">
                { for list.iter().map(|e| {
                    let box_id = format!("listed-{}", e.number);
                    html! {
                        <li class="entry">
                            <p class="entry__summary">{ format!("{} \u{2014} {}", e.category_name, e.number) }</p>
                            <p>{ format!("{}. Awarded {}; renewal due {}.", e.status.label(), e.awarded_at.date_naive(), e.renewal_due) }</p>
                            <div class="check">
                                <input type="checkbox" id={box_id.clone()} checked={e.listed} onchange={toggle(e)} />
                                <label for={box_id}>{ "List me in the public Endorsement Registry (name, category, number and dates)" }</label>
                            </div>
                            <Downloads number={e.number.clone()} in_good_standing={e.status.in_good_standing()} />
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// Props of [`EndorsementPanel`].
#[derive(Properties, PartialEq)]
pub struct EndorsementPanelProps {
    /// The application that earned it.
    pub application: ApplicationId,
}

/// Admins: the endorsement an application earned, and its status.
#[function_component(EndorsementPanel)]
pub fn endorsement_panel(props: &EndorsementPanelProps) -> Html {
    let session = use_session();
    let found = use_state(|| None::<EndorsementView>);
    let failure = use_state(|| None::<String>);
    let target = use_state(|| None::<EndorsementStatus>);
    let reason = use_state(String::new);
    let id = props.application;
    {
        let (session, found, failure) = (session.clone(), found.clone(), failure.clone());
        use_effect_with(id, move |_| {
            spawn(
                &session,
                move |token| async move { api::application_endorsement(&token, id).await },
                move |result| match result {
                    Ok(endorsement) => found.set(Some(endorsement)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        });
    }
    let Some(current) = (*found).clone() else {
        return html! {
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
        };
    };
    let moves = current.status.admin_moves();
    let apply = {
        let (session, found, failure, target, reason) = (
            session.clone(),
            found.clone(),
            failure.clone(),
            target.clone(),
            reason.clone(),
        );
        let (number, version) = (current.number.clone(), current.version);
        Callback::from(move |_: MouseEvent| {
            let Some(status) = *target else {
                failure.set(Some("Choose the new status.".into()));
                return;
            };
            let request = EndorsementStatusRequest {
                status,
                reason: (*reason).clone(),
            };
            let (found, failure, reason) = (found.clone(), failure.clone(), reason.clone());
            let number = number.clone();
            spawn(
                &session,
                move |token| {
                    let (request, number) = (request.clone(), number.clone());
                    async move { api::set_endorsement_status(&token, &number, version, &request).await }
                },
                move |result| match result {
                    Ok(updated) => {
                        failure.set(None);
                        reason.set(String::new());
                        found.set(Some(updated));
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
        <section class="card" aria-labelledby="endorsement-heading">
            <h2 id="endorsement-heading">{ format!("Endorsement {}", current.number) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <dl class="facts">
                <dt>{ "Status" }</dt><dd>{ current.status.label() }</dd>
                <dt>{ "Awarded" }</dt><dd>{ current.awarded_at.date_naive().to_string() }</dd>
                <dt>{ "Renewal due" }</dt><dd>{ current.renewal_due.to_string() }</dd>
                <dt>{ "In the registry" }</dt><dd>{ if current.listed && current.status.in_good_standing() { "listed" } else if current.listed { "not shown (not in good standing)" } else { "not listed (the holder has not agreed)" } }</dd>
            </dl>
            <Downloads number={current.number.clone()} in_good_standing={current.status.in_good_standing()} />
            if !moves.is_empty() {
                <div class="field">
                    <label for="endorsement-status">{ "Change the status to" }</label>
                    <select id="endorsement-status" onchange={{ let target = target.clone(); Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        target.set(EndorsementStatus::parse(&s.value()));
                    }) }}>
                        <option value="" selected={target.is_none()}>{ "Choose…" }</option>
                        { for moves.iter().map(|m| html! { <option value={m.as_str()} selected={*target == Some(*m)}>{ m.label() }</option> }) }
                    </select>
                </div>
                <Area id="endorsement-reason" label="Reason" value={(*reason).clone()} rows={2}
                    hint={AttrValue::from("Kept in the audit log.")}
                    on_change={{ let r = reason.clone(); Callback::from(move |t: String| r.set(t)) }} />
                <button type="button" class="button button--secondary" onclick={apply}>{ "Change the status" }</button>
            }
        </section>
    }
}

/// Props of [`Downloads`].
#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    /// The endorsement's number.
    pub number: AttrValue,
    /// Whether it is in good standing (a certificate is issued only then).
    pub in_good_standing: bool,
}

/// The credential (signed and readable) and the certificate, for the holder
/// or an admin.
#[function_component(Downloads)]
pub fn downloads(props: &DownloadsProps) -> Html {
    let session = use_session();
    let failure = use_state(|| None::<String>);
    let verify_url = use_state(|| None::<String>);
    let number = props.number.to_string();
    let credential = |readable: bool| {
        let (session, failure, verify_url, number) = (
            session.clone(),
            failure.clone(),
            verify_url.clone(),
            number.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (failure, verify_url, number) =
                (failure.clone(), verify_url.clone(), number.clone());
            let wanted = number.clone();
            spawn(
                &session,
                move |token| {
                    let number = wanted.clone();
                    async move { api::credential(&token, &number).await }
                },
                move |result| {
                    let saved = result.map_err(|e| e.message()).and_then(|got| {
                        verify_url.set(Some(got.verify_url.clone()));
                        if readable {
                            let json = credential::readable_payload(&got.jwt)
                                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                                .ok_or("The credential could not be read.")?;
                            download::save_text(
                                &format!("{number}.json"),
                                "application/json",
                                &json,
                            )
                        } else {
                            download::save_text(
                                &format!("{number}.jwt"),
                                "application/vc+jwt",
                                &got.jwt,
                            )
                        }
                    });
                    failure.set(saved.err());
                },
            );
        })
    };
    let certificate = {
        let (session, failure, number) = (session.clone(), failure.clone(), number.clone());
        Callback::from(move |_: MouseEvent| {
            let failure = failure.clone();
            let number = number.clone();
            spawn(
                &session,
                move |token| {
                    let number = number.clone();
                    async move { api::certificate(&token, &number).await }
                },
                move |result| {
                    let saved = result
                        .map_err(|e| e.message())
                        .and_then(|(bytes, mime, name)| download::save_bytes(&name, &mime, &bytes));
                    failure.set(saved.err());
                },
            );
        })
    };
    html! {
        <div class="downloads">
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <div class="actions">
                <button type="button" class="button button--secondary" id={format!("credential-jwt-{number}")}
                    onclick={credential(false)}>{ "Download the credential (.jwt)" }</button>
                <button type="button" class="button button--quiet" id={format!("credential-json-{number}")}
                    onclick={credential(true)}>{ "Readable copy (.json)" }</button>
                if props.in_good_standing {
                    <button type="button" class="button button--quiet" id={format!("certificate-{number}")}
                        onclick={certificate}>{ "Certificate (PDF)" }</button>
                }
            </div>
            if let Some(url) = &*verify_url {
                <p class="muted">{ "Anyone can check it at " }<a href={url.clone()}>{ url.clone() }</a></p>
            }
        </div>
    }
}
