//! The referee's page, opened from the e-mailed link: no account. The referee
//! confirms how they know the applicant, rates each competency domain, comments
//! and recommends; or declines. The draft is saved on the server as they go, so
//! a reload (or another device) picks it up. A submitted rating is final.

use super::references::{parse_relationship, relationship_value, RELATIONSHIPS};
use crate::api::{self, ApiError};
use crate::components::{Alert, PageTitle, SelectField, TextField};
use chrono::NaiveDate;
use endorse_shared::references::{
    DeclineRequest, Rating, RatingAnswer, RatingDraft, Recommendation, RefereeInvitation,
};
use std::collections::BTreeMap;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A change to the draft, from an input's value.
type Apply = Box<dyn Fn(&mut RatingDraft, String)>;

/// Props of [`RefereePage`].
#[derive(Properties, PartialEq)]
pub struct RefereePageProps {
    /// The secret of the link.
    pub token: AttrValue,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Loading,
    Open(Box<RefereeInvitation>),
    Closed { title: String, message: String },
    Done(String),
}

fn closed(error: &ApiError) -> Stage {
    let title = match error {
        ApiError::Problem(p) if p.status == 410 => "This link no longer works",
        ApiError::Problem(p) if p.status == 404 => "This link is not valid",
        ApiError::Problem(p) if p.status == 429 => "Too many attempts",
        _ => "The request could not be opened",
    };
    Stage::Closed {
        title: title.to_string(),
        message: error.message(),
    }
}

fn rating_value(rating: Rating) -> String {
    serde_json::to_value(rating)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The referee's page.
#[function_component(RefereePage)]
pub fn referee_page(props: &RefereePageProps) -> Html {
    let lang = crate::i18n::use_lang();
    let token = props.token.to_string();
    // The session this browser holds, sent with the answer: an applicant
    // answering their own request is flagged to reviewers.
    let signed_in = crate::session::use_session()
        .session()
        .map(|s| s.token.clone());
    let stage = use_state(|| Stage::Loading);
    let draft = use_state(RatingDraft::default);
    let edits = use_state(|| 0u32);
    let saved = use_state(|| None::<String>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let decline_reason = use_state(String::new);

    let adopt = crate::i18n::use_language().adopt;
    {
        let (stage, draft, token) = (stage.clone(), draft.clone(), token.clone());
        use_effect_with(token.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api::invitation(&token).await {
                    Ok(invitation) => {
                        // The language the request is in (the applicant's
                        // choice, or the referee's own from before).
                        adopt.emit(invitation.language);
                        let mut loaded = invitation.draft.clone();
                        loaded.relationship.get_or_insert(invitation.relationship);
                        loaded.known_since.get_or_insert(invitation.known_since);
                        draft.set(loaded);
                        stage.set(Stage::Open(Box::new(invitation)));
                    }
                    Err(error) => stage.set(closed(&error)),
                }
            });
        });
    }
    // Saves the draft a second after the last change.
    {
        let (draft, saved, token, stage) =
            (draft.clone(), saved.clone(), token.clone(), stage.clone());
        use_effect_with(*edits, move |edits| {
            let timeout = (*edits > 0).then(|| {
                gloo::timers::callback::Timeout::new(1_000, move || {
                    let body = (*draft).clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match api::save_rating_draft(&token, &body).await {
                            Ok(()) => saved.set(Some(format!(
                                "Draft saved at {}.",
                                chrono::Local::now().format("%H:%M")
                            ))),
                            Err(error @ ApiError::Problem(_)) if matches!(&error, ApiError::Problem(p) if p.status == 410) => {
                                stage.set(closed(&error));
                            }
                            Err(_) => saved.set(Some("The draft could not be saved; your answers are still on this page.".into())),
                        }
                    });
                })
            });
            move || drop(timeout)
        });
    }

    let change = |apply: Apply| {
        let (draft, edits) = (draft.clone(), edits.clone());
        let apply = std::rc::Rc::new(apply);
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            apply(&mut next, value);
            draft.set(next);
            edits.set(*edits + 1);
        })
    };

    let invitation = match &*stage {
        Stage::Loading => {
            return html! { <p class="loading" role="status">{ "Loading the request…" }</p> }
        }
        Stage::Closed { title, message } => {
            return html! {
                <section class="card card--narrow">
                    <PageTitle title={title.clone()} />
                    <p>{ message }</p>
                </section>
            }
        }
        Stage::Done(message) => {
            return html! {
                <section class="card card--narrow">
                    <PageTitle title="Thank you" />
                    <Alert kind="success" message={message.clone()} />
                </section>
            }
        }
        Stage::Open(invitation) => invitation.clone(),
    };

    let today = chrono::Utc::now().date_naive();
    let on_submit = {
        let signed_in = signed_in.clone();
        let (draft, errors, failure, busy, stage, token, domains) = (
            draft.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            stage.clone(),
            token.clone(),
            invitation.domains.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut found = BTreeMap::new();
            let need = |found: &mut BTreeMap<String, Vec<String>>, field: &str, message: &str| {
                found.insert(field.to_string(), vec![message.to_string()]);
            };
            if draft.relationship.is_none() {
                need(
                    &mut found,
                    "relationship",
                    "choose how you know the applicant",
                );
            }
            if draft.known_since.is_none() {
                need(&mut found, "known_since", "choose a date");
            }
            if draft.recommendation.is_none() {
                need(&mut found, "recommendation", "choose a recommendation");
            }
            let answer = RatingAnswer {
                relationship: draft
                    .relationship
                    .unwrap_or(endorse_shared::rulebook::Relationship::Colleague),
                known_since: draft.known_since.unwrap_or(today),
                ratings: draft.ratings.clone(),
                comments: draft.comments.trim().to_string(),
                recommendation: draft.recommendation.unwrap_or(Recommendation::Recommend),
            };
            for (field, messages) in crate::i18n::said(answer.problems(today, &domains), lang) {
                found.entry(field).or_insert(messages);
            }
            if !found.is_empty() {
                errors.set(found);
                failure.set(Some(
                    "Some answers are missing; they are marked below.".into(),
                ));
                return;
            }
            errors.set(BTreeMap::new());
            busy.set(true);
            let (failure, busy, stage, token, errors, signed_in) = (
                failure.clone(),
                busy.clone(),
                stage.clone(),
                token.clone(),
                errors.clone(),
                signed_in.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::submit_rating(&token, &answer, signed_in.as_deref()).await;
                busy.set(false);
                match result {
                    Ok(done) => stage.set(Stage::Done(done.message)),
                    Err(error @ ApiError::Problem(_)) if matches!(&error, ApiError::Problem(p) if p.status == 410) => {
                        stage.set(closed(&error))
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
            });
        })
    };
    let on_decline = {
        let (reason, failure, busy, stage, token, errors) = (
            decline_reason.clone(),
            failure.clone(),
            busy.clone(),
            stage.clone(),
            token.clone(),
            errors.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = DeclineRequest {
                reason: reason.trim().to_string(),
            };
            let problems = request.problems();
            if !problems.is_empty() {
                errors.set(crate::i18n::said(problems, lang));
                return;
            }
            busy.set(true);
            let (failure, busy, stage, token, errors, signed_in) = (
                failure.clone(),
                busy.clone(),
                stage.clone(),
                token.clone(),
                errors.clone(),
                signed_in.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::decline_reference(&token, &request, signed_in.as_deref()).await;
                busy.set(false);
                match result {
                    Ok(done) => stage.set(Stage::Done(done.message)),
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
            });
        })
    };
    let on_reason = {
        let reason = decline_reason.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            reason.set(area.value());
        })
    };
    let on_comments = {
        let change = change(Box::new(|d, v| d.comments = v));
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            change.emit(area.value());
        })
    };

    let field_errors = |name: &str| errors.get(name).cloned().unwrap_or_default();
    let error_list = |name: &str| {
        let found = field_errors(name);
        if found.is_empty() {
            html! {}
        } else {
            html! {
                <ul class="field__errors" id={format!("field-{name}-error")}>
                    { for found.iter().map(|m| html! { <li>{ m }</li> }) }
                </ul>
            }
        }
    };
    let relationship_options: Vec<(AttrValue, AttrValue)> = RELATIONSHIPS
        .iter()
        .map(|r| {
            (
                AttrValue::from(relationship_value(*r)),
                AttrValue::from(r.label()),
            )
        })
        .collect();

    html! {
        <>
            <PageTitle title={format!("Reference for {}", invitation.applicant_name)} />
            <p class="lead">
                { format!("{} is applying for the {} endorsement with the {} and has asked you, {}, for a reference rating. It takes about 15 minutes.",
                    invitation.applicant_name, invitation.category_name, invitation.association, invitation.referee_name) }
            </p>
            <p>
                { if invitation.waived {
                    "The applicant waived the right to see your answers: only the reviewers and the association will read them."
                } else {
                    "The applicant may read your answers once you submit them."
                } }
                { format!(" This link works until {}. Questions: {}.", invitation.expires_at.format("%-d %B %Y"), invitation.contact_email) }
            </p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <form class="card rating-form" onsubmit={on_submit} novalidate=true>
                <h2>{ "How you know the applicant" }</h2>
                <SelectField name="relationship" label="Your relationship to the applicant" options={relationship_options}
                    value={draft.relationship.map(relationship_value).unwrap_or_default()}
                    on_change={change(Box::new(|d, v| d.relationship = parse_relationship(&v)))}
                    errors={field_errors("relationship")} />
                <TextField name="known_since" label="Known since" kind="date"
                    value={draft.known_since.map(|d| d.to_string()).unwrap_or_default()}
                    on_change={change(Box::new(|d, v| d.known_since = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()))}
                    errors={field_errors("known_since")} />

                <h2>{ "Competency domains" }</h2>
                <p class="field__hint">{ "Rate what you have seen yourself. Where you have not seen enough to judge, say so: that is a good answer, not a bad one." }</p>
                { for invitation.domains.iter().map(|domain| {
                    let key = format!("ratings.{}", domain.code);
                    let invalid = !field_errors(&key).is_empty();
                    html! {
                        <fieldset class={classes!("field", "choices", invalid.then_some("field--invalid"))}
                            aria-describedby={invalid.then(|| format!("field-{key}-error"))}>
                            <legend>{ domain.name.get(lang) }</legend>
                            { for Rating::ALL.iter().map(|rating| {
                                let id = format!("rating-{}-{}", domain.code, rating_value(*rating));
                                let code = domain.code.clone();
                                let rating = *rating;
                                let chosen = draft.ratings.get(&domain.code) == Some(&rating);
                                let on_pick = change(Box::new(move |d, _| { d.ratings.insert(code.clone(), rating); }));
                                html! {
                                    <label class="check" for={id.clone()}>
                                        <input type="radio" id={id} name={format!("rating-{}", domain.code)} checked={chosen}
                                            onchange={Callback::from(move |_: Event| on_pick.emit(String::new()))} />
                                        <span>{ rating.label() }</span>
                                    </label>
                                }
                            }) }
                            { error_list(&key) }
                        </fieldset>
                    }
                }) }

                <h2>{ "Your recommendation" }</h2>
                <fieldset class={classes!("field", "choices", (!field_errors("recommendation").is_empty()).then_some("field--invalid"))}>
                    <legend>{ "Overall" }</legend>
                    { for Recommendation::ALL.iter().map(|recommendation| {
                        let value = serde_json::to_value(recommendation).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                        let id = format!("recommendation-{value}");
                        let recommendation = *recommendation;
                        let on_pick = change(Box::new(move |d, _| d.recommendation = Some(recommendation)));
                        html! {
                            <label class="check" for={id.clone()}>
                                <input type="radio" id={id} name="recommendation" checked={draft.recommendation == Some(recommendation)}
                                    onchange={Callback::from(move |_: Event| on_pick.emit(String::new()))} />
                                <span>{ recommendation.label() }</span>
                            </label>
                        }
                    }) }
                    { error_list("recommendation") }
                </fieldset>
                <div class={classes!("field", (!field_errors("comments").is_empty()).then_some("field--invalid"))}>
                    <label for="field-comments">{ "Comments for the reviewers" }</label>
                    <p class="field__hint" id="field-comments-hint">{ "Examples help most: what you have seen the applicant do with families and colleagues." }</p>
                    <textarea id="field-comments" rows="6" value={draft.comments.clone()} oninput={on_comments}
                        aria-describedby="field-comments-hint" maxlength="5000" />
                    { error_list("comments") }
                </div>
                if let Some(message) = &*saved {
                    <p class="field__hint" role="status">{ message }</p>
                }
                <p>{ "Once submitted, your rating is final and cannot be changed." }</p>
                <button type="submit" class="button" disabled={*busy}>{ "Submit rating" }</button>
            </form>
            <details class="card">
                <summary>{ "I cannot give a reference" }</summary>
                <form onsubmit={on_decline} novalidate=true>
                    <div class={classes!("field", (!field_errors("reason").is_empty()).then_some("field--invalid"))}>
                        <label for="field-reason">{ "Why, in a few words (the applicant will read this)" }</label>
                        <textarea id="field-reason" rows="3" value={(*decline_reason).clone()} oninput={on_reason} maxlength="1000" />
                        { error_list("reason") }
                    </div>
                    <button type="submit" class="button button--secondary" disabled={*busy}>{ "Decline the request" }</button>
                </form>
            </details>
        </>
    }
}
