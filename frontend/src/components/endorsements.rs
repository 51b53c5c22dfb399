//! Endorsements once awarded: the holder's card (with the choice to be
//! listed in the public registry) and the admins' panel (status, with a reason).

use crate::api;
use crate::components::Alert;
use crate::download;
use crate::i18n::{t, Text};
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
    let lang = crate::i18n::use_lang();
    let day = |d: chrono::NaiveDate| endorse_shared::i18n::format::date(d, lang);
    let list = use_state(Vec::<EndorsementView>::new);
    let failure = use_state(|| None::<String>);
    // What the last change of a listing did, said beside its box.
    let saved = use_state(|| None::<(String, bool)>);
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
        let (session, list, failure, saved) = (
            session.clone(),
            list.clone(),
            failure.clone(),
            saved.clone(),
        );
        let (number, version) = (endorsement.number.clone(), endorsement.version);
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let listed = input.checked();
            let (list, failure, number, saved) =
                (list.clone(), failure.clone(), number.clone(), saved.clone());
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
                        saved.set(Some((updated.number.clone(), updated.listed)));
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
            <h2 id="endorsements-heading">{ t(lang, "endorsements-yours") }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <ul class="entries">
                { for list.iter().map(|e| {
                    let box_id = format!("listed-{}", e.number);
                    html! {
                        <li class="entry">
                            <p class="entry__summary">{ format!("{} \u{2014} {}", e.category_name, e.number) }</p>
                            <p>{ Text::new("endorsements-line").with("status", e.status.text()).with("awarded", day(e.awarded_at.date_naive())).with("due", day(e.renewal_due)).say(lang) }</p>
                            <div class="check">
                                <input type="checkbox" id={box_id.clone()} checked={e.listed} onchange={toggle(e)} />
                                <label for={box_id}>{ t(lang, "endorsements-list-me") }</label>
                            </div>
                            if let Some((_, listed)) = saved.as_ref().filter(|(number, _)| *number == e.number) {
                                <p class="notice" role="status">
                                    { t(lang, if *listed { "endorsements-saved-listed" } else { "endorsements-saved-unlisted" }) }
                                </p>
                            }
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
    let lang = crate::i18n::use_lang();
    let day = |d: chrono::NaiveDate| endorse_shared::i18n::format::date(d, lang);
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
                failure.set(Some(t(lang, "endorsements-choose-status")));
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
            <h2 id="endorsement-heading">{ Text::new("endorsements-heading").with("number", &current.number).say(lang) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <dl class="facts">
                <dt>{ t(lang, "endorsements-status") }</dt><dd>{ current.status.text().say(lang) }</dd>
                <dt>{ t(lang, "endorsements-awarded") }</dt><dd>{ day(current.awarded_at.date_naive()) }</dd>
                <dt>{ t(lang, "endorsements-renewal-due") }</dt><dd>{ day(current.renewal_due) }</dd>
                <dt>{ t(lang, "endorsements-in-registry") }</dt><dd>{ t(lang, if current.listed && current.status.in_good_standing() { "endorsements-listed" } else if current.listed { "endorsements-not-shown" } else { "endorsements-not-listed" }) }</dd>
            </dl>
            <Downloads number={current.number.clone()} in_good_standing={current.status.in_good_standing()} />
            if !moves.is_empty() {
                <div class="field">
                    <label for="endorsement-status">{ t(lang, "endorsements-change-to") }</label>
                    <select id="endorsement-status" onchange={{ let target = target.clone(); Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        target.set(EndorsementStatus::parse(&s.value()));
                    }) }}>
                        <option value="" selected={target.is_none()}>{ t(lang, "endorsements-choose") }</option>
                        { for moves.iter().map(|m| html! { <option value={m.as_str()} selected={*target == Some(*m)}>{ m.text().say(lang) }</option> }) }
                    </select>
                </div>
                <Area id="endorsement-reason" label={t(lang, "endorsements-reason")} value={(*reason).clone()} rows={2}
                    hint={AttrValue::from(t(lang, "endorsements-audit-hint"))}
                    on_change={{ let r = reason.clone(); Callback::from(move |t: String| r.set(t)) }} />
                <button type="button" class="button button--secondary" onclick={apply}>{ t(lang, "endorsements-change-status") }</button>
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
    let lang = crate::i18n::use_lang();
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
                                .ok_or(t(lang, "endorsements-credential-unreadable"))?;
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
                    onclick={credential(false)}>{ t(lang, "endorsements-download-jwt") }</button>
                <button type="button" class="button button--quiet" id={format!("credential-json-{number}")}
                    onclick={credential(true)}>{ t(lang, "endorsements-download-json") }</button>
                if props.in_good_standing {
                    <button type="button" class="button button--quiet" id={format!("certificate-{number}")}
                        onclick={certificate}>{ t(lang, "endorsements-certificate") }</button>
                }
            </div>
            if let Some(url) = &*verify_url {
                <p class="muted">{ t(lang, "endorsements-anyone-can-check") }{ " " }<a href={url.clone()}>{ url.clone() }</a></p>
            }
        </div>
    }
}
