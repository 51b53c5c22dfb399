//! The referee's page, opened from the e-mailed link: no account. The referee
//! confirms how they know the applicant, rates the competency domains the
//! category's rulebook asks of referees (one at a time, each with what it
//! means), comments and recommends; or declines. The draft is saved on the
//! server as they go, so a reload (or another device) picks it up. A submitted
//! rating is final; opening the link again thanks them.
//!
//! The page speaks the request's language. When the referee switches, the
//! request keeps the choice (their mail follows it) and the request's words
//! (the category's name) are fetched again in it; what they typed stays.

use super::references::{parse_relationship, relationship_value, RELATIONSHIPS};
use crate::api::{self, ApiError};
use crate::components::{Alert, PageTitle, SelectField, TextField};
use crate::i18n::{t, Text};
use chrono::NaiveDate;
use endorse_shared::i18n::{format, Lang};
use endorse_shared::references::{
    DeclineRequest, Rating, RatingAnswer, RatingDraft, Recommendation, RefereeInvitation,
};
use endorse_shared::rulebook::Relationship;
use std::collections::BTreeMap;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// A change to the draft, from an input's value.
type Apply = Box<dyn Fn(&mut RatingDraft, String)>;

/// Field name to messages.
type Errors = BTreeMap<String, Vec<String>>;

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

fn closed(error: &ApiError, lang: Lang) -> Stage {
    let key = match error {
        // Answered already: thanked, with what happens next.
        ApiError::Problem(p) if p.kind == "/problems/answered" => {
            return Stage::Done(error.message())
        }
        ApiError::Problem(p) if p.status == 410 => "referee-no-longer",
        ApiError::Problem(p) if p.status == 404 => "referee-invalid",
        ApiError::Problem(p) if p.status == 429 => "referee-too-many",
        _ => "referee-not-opened",
    };
    Stage::Closed {
        title: t(lang, key),
        message: error.message(),
    }
}

fn is_gone(error: &ApiError) -> bool {
    matches!(error, ApiError::Problem(p) if p.status == 410)
}

fn rating_value(rating: Rating) -> String {
    serde_json::to_value(rating)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The steps of the form: how the referee knows the applicant, each domain,
/// then the recommendation.
fn steps(invitation: &RefereeInvitation) -> usize {
    invitation.domains.len() + 2
}

/// The step that holds `field`, for a refusal that names it.
fn step_of(field: &str, invitation: &RefereeInvitation) -> Option<usize> {
    match field {
        "relationship" | "known_since" => Some(0),
        "recommendation" | "comments" => Some(steps(invitation) - 1),
        _ => field.strip_prefix("ratings.").and_then(|code| {
            invitation
                .domains
                .iter()
                .position(|d| d.code == code)
                .map(|i| i + 1)
        }),
    }
}

/// Where a referee coming back to a draft picks up: the first domain not yet
/// rated, once they have begun rating.
fn resume_at(invitation: &RefereeInvitation) -> usize {
    let draft = &invitation.draft;
    if draft.ratings.is_empty() {
        return 0;
    }
    invitation
        .domains
        .iter()
        .position(|d| !draft.ratings.contains_key(&d.code))
        .map_or(steps(invitation) - 1, |i| i + 1)
}

/// What is missing on `step`, by field.
fn missing_on(
    step: usize,
    draft: &RatingDraft,
    invitation: &RefereeInvitation,
    lang: Lang,
) -> Errors {
    let mut found = Errors::new();
    let mut need = |field: String, key: &str| {
        found.insert(field, vec![t(lang, key)]);
    };
    if step == 0 {
        if draft.relationship.is_none() {
            need("relationship".into(), "referee-choose-relationship");
        }
        if draft.known_since.is_none() {
            need("known_since".into(), "referee-choose-date");
        }
    } else if let Some(domain) = invitation.domains.get(step - 1) {
        if !draft.ratings.contains_key(&domain.code) {
            need(format!("ratings.{}", domain.code), "referee-choose-rating");
        }
    } else if draft.recommendation.is_none() {
        need("recommendation".into(), "referee-choose-recommendation");
    }
    found
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
    let step = use_state(|| 0usize);
    // Whether the referee moved between steps (focus follows only then).
    let moved = use_state(|| false);
    let heading = use_node_ref();
    let edits = use_state(|| 0u32);
    let saved = use_state(|| None::<String>);
    let errors = use_state(Errors::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let decline_reason = use_state(String::new);

    let adopt = crate::i18n::use_language().adopt;
    {
        let (stage, draft, step, token) =
            (stage.clone(), draft.clone(), step.clone(), token.clone());
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
                        step.set(resume_at(&invitation));
                        stage.set(Stage::Open(Box::new(invitation)));
                    }
                    Err(error) => stage.set(closed(&error, crate::i18n::asked())),
                }
            });
        });
    }
    // The referee switched language: the request keeps it, and its words
    // come again in it. The draft on the page stays as typed.
    {
        let (stage, token) = (stage.clone(), token.clone());
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            if matches!(&*stage, Stage::Open(invitation) if invitation.language != lang) {
                wasm_bindgen_futures::spawn_local(async move {
                    if api::referee_language(&token, lang).await.is_ok() {
                        if let Ok(invitation) = api::invitation(&token).await {
                            stage.set(Stage::Open(Box::new(invitation)));
                        }
                    }
                });
            }
        });
    }
    // Focus goes to the heading of the step the referee moved to, which
    // screen readers then announce.
    {
        let (heading, moved) = (heading.clone(), *moved);
        use_effect_with((*step, moved), move |_| {
            if moved {
                if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
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
                        let lang = crate::i18n::asked();
                        match api::save_rating_draft(&token, &body).await {
                            Ok(()) => saved.set(Some(
                                Text::new("referee-saved-at")
                                    .with(
                                        "time",
                                        format::time(chrono::Local::now().naive_local(), lang),
                                    )
                                    .say(lang),
                            )),
                            Err(error) if is_gone(&error) => stage.set(closed(&error, lang)),
                            Err(_) => saved.set(Some(t(lang, "referee-not-saved"))),
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
            return html! { <p class="loading" role="status">{ t(lang, "referee-loading") }</p> }
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
                    <PageTitle title={t(lang, "referee-thanks")} />
                    <Alert kind="success" message={message.clone()} />
                </section>
            }
        }
        Stage::Open(invitation) => invitation.clone(),
    };
    let total = steps(&invitation);
    let last = total - 1;
    let here = (*step).min(last);

    let go = |to: usize| {
        let (step, moved, errors, failure, draft, invitation) = (
            step.clone(),
            moved.clone(),
            errors.clone(),
            failure.clone(),
            draft.clone(),
            invitation.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // Forward only past a complete step; back always.
            if to > *step {
                let missing = missing_on(*step, &draft, &invitation, lang);
                if !missing.is_empty() {
                    errors.set(missing);
                    return;
                }
            }
            errors.set(Errors::new());
            failure.set(None);
            moved.set(true);
            step.set(to);
        })
    };

    let today = chrono::Utc::now().date_naive();
    let on_submit = {
        let signed_in = signed_in.clone();
        let (draft, errors, failure, busy, stage, token, step, moved) = (
            draft.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            stage.clone(),
            token.clone(),
            step.clone(),
            moved.clone(),
        );
        let invitation = invitation.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // Enter on an earlier step moves on, as its button would.
            if *step < last {
                let missing = missing_on(*step, &draft, &invitation, lang);
                if missing.is_empty() {
                    errors.set(Errors::new());
                    moved.set(true);
                    step.set(*step + 1);
                } else {
                    errors.set(missing);
                }
                return;
            }
            let mut found = Errors::new();
            for at in 0..total {
                for (field, messages) in missing_on(at, &draft, &invitation, lang) {
                    found.entry(field).or_insert(messages);
                }
            }
            let answer = RatingAnswer {
                relationship: draft.relationship.unwrap_or(Relationship::Colleague),
                known_since: draft.known_since.unwrap_or(today),
                ratings: draft.ratings.clone(),
                comments: draft.comments.trim().to_string(),
                recommendation: draft.recommendation.unwrap_or(Recommendation::Recommend),
            };
            for (field, messages) in
                crate::i18n::said(answer.problems(today, &invitation.domains), lang)
            {
                found.entry(field).or_insert(messages);
            }
            let show = |found: Errors, message: String| {
                // The first step with a problem is where the referee goes.
                if let Some(first) = found.keys().filter_map(|f| step_of(f, &invitation)).min() {
                    moved.set(true);
                    step.set(first);
                }
                errors.set(found);
                failure.set(Some(message));
            };
            if !found.is_empty() {
                show(found, t(lang, "referee-missing"));
                return;
            }
            errors.set(Errors::new());
            busy.set(true);
            let (failure, busy, stage, token, errors, signed_in) = (
                failure.clone(),
                busy.clone(),
                stage.clone(),
                token.clone(),
                errors.clone(),
                signed_in.clone(),
            );
            let (step, moved, invitation) = (step.clone(), moved.clone(), invitation.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::submit_rating(&token, &answer, signed_in.as_deref()).await;
                busy.set(false);
                match result {
                    Ok(done) => stage.set(Stage::Done(done.message)),
                    Err(error) if is_gone(&error) => stage.set(closed(&error, lang)),
                    Err(error) => {
                        let found = error.field_errors();
                        if let Some(first) =
                            found.keys().filter_map(|f| step_of(f, &invitation)).min()
                        {
                            moved.set(true);
                            step.set(first);
                        }
                        errors.set(found);
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
                    Err(error) if is_gone(&error) => stage.set(closed(&error, lang)),
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
                AttrValue::from(r.text().say(lang)),
            )
        })
        .collect();

    let step_body = if here == 0 {
        html! {
            <>
                <h2 ref={heading.clone()} tabindex="-1">{ t(lang, "referee-how-you-know") }</h2>
                <SelectField name="relationship" label={t(lang, "referee-relationship")} options={relationship_options}
                    value={draft.relationship.map(relationship_value).unwrap_or_default()}
                    on_change={change(Box::new(|d, v| d.relationship = parse_relationship(&v)))}
                    errors={field_errors("relationship")} />
                <TextField name="known_since" label={t(lang, "referee-known-since")} kind="date"
                    value={draft.known_since.map(|d| d.to_string()).unwrap_or_default()}
                    on_change={change(Box::new(|d, v| d.known_since = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()))}
                    errors={field_errors("known_since")} />
            </>
        }
    } else if let Some(domain) = invitation.domains.get(here - 1) {
        let key = format!("ratings.{}", domain.code);
        let invalid = !field_errors(&key).is_empty();
        let about_id = format!("domain-{}-about", domain.code);
        let described = if invalid {
            format!("{about_id} field-{key}-error")
        } else {
            about_id.clone()
        };
        html! {
            <fieldset class={classes!("field", "choices", invalid.then_some("field--invalid"))}
                aria-describedby={described}>
                <legend class="step__legend">
                    <span class="step__of">
                        { Text::new("referee-domain-of").with("number", here).with("count", invitation.domains.len()).say(lang) }
                    </span>
                    <h2 ref={heading.clone()} tabindex="-1">{ domain.name.get(lang) }</h2>
                </legend>
                <p class="step__about" id={about_id}>{ domain.description.get(lang) }</p>
                <p class="field__hint">{ t(lang, "referee-rate-hint") }</p>
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
                            <span>{ rating.text().say(lang) }</span>
                        </label>
                    }
                }) }
                { error_list(&key) }
            </fieldset>
        }
    } else {
        html! {
            <>
                <h2 ref={heading.clone()} tabindex="-1">{ t(lang, "referee-your-recommendation") }</h2>
                <fieldset class={classes!("field", "choices", (!field_errors("recommendation").is_empty()).then_some("field--invalid"))}>
                    <legend>{ t(lang, "referee-overall") }</legend>
                    { for Recommendation::ALL.iter().map(|recommendation| {
                        let value = serde_json::to_value(recommendation).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                        let id = format!("recommendation-{value}");
                        let recommendation = *recommendation;
                        let on_pick = change(Box::new(move |d, _| d.recommendation = Some(recommendation)));
                        html! {
                            <label class="check" for={id.clone()}>
                                <input type="radio" id={id} name="recommendation" checked={draft.recommendation == Some(recommendation)}
                                    onchange={Callback::from(move |_: Event| on_pick.emit(String::new()))} />
                                <span>{ recommendation.text().say(lang) }</span>
                            </label>
                        }
                    }) }
                    { error_list("recommendation") }
                </fieldset>
                <div class={classes!("field", (!field_errors("comments").is_empty()).then_some("field--invalid"))}>
                    <label for="field-comments">{ t(lang, "referee-comments") }</label>
                    <p class="field__hint" id="field-comments-hint">{ t(lang, "referee-comments-hint") }</p>
                    <textarea id="field-comments" rows="6" value={draft.comments.clone()} oninput={on_comments}
                        aria-describedby="field-comments-hint" maxlength="5000" />
                    { error_list("comments") }
                </div>
                <p>{ t(lang, "referee-final") }</p>
            </>
        }
    };

    let step_label = Text::new("referee-step")
        .with("step", here + 1)
        .with("steps", total)
        .say(lang);
    html! {
        <>
            <PageTitle title={Text::new("referee-title").with("applicant", &invitation.applicant_name).say(lang)} />
            <p class="lead">
                { Text::new("referee-lead")
                    .with("applicant", &invitation.applicant_name)
                    .with("category", &invitation.category_name)
                    .with("association", &invitation.association)
                    .with("referee", &invitation.referee_name)
                    .say(lang) }
            </p>
            <p>
                { t(lang, if invitation.waived { "referee-waived" } else { "referee-not-waived" }) }
                { " " }
                { Text::new("referee-link-until")
                    .with("day", invitation.expires_at.date_naive())
                    .with("contact", &invitation.contact_email)
                    .say(lang) }
            </p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <form class="card rating-form" onsubmit={on_submit} novalidate=true>
                <div class="stepper">
                    <p class="stepper__label" id="referee-step">{ step_label }</p>
                    <progress class="stepper__bar" max={total.to_string()} value={(here + 1).to_string()}
                        aria-labelledby="referee-step" />
                </div>
                { step_body }
                if let Some(message) = &*saved {
                    <p class="field__hint" role="status">{ message }</p>
                }
                <div class="stepper__nav">
                    if here > 0 {
                        <button key="back" type="button" class="button button--secondary" onclick={go(here - 1)}>
                            { t(lang, "referee-back") }
                        </button>
                    }
                    // Keyed apart: the click on "Next" must not land on the
                    // submit button that takes its place.
                    if here < last {
                        <button key="next" type="button" class="button" onclick={go(here + 1)}>{ t(lang, "referee-next") }</button>
                    } else {
                        <button key="submit" type="submit" class="button" disabled={*busy}>{ t(lang, "referee-submit") }</button>
                    }
                </div>
            </form>
            <details class="card">
                <summary>{ t(lang, "referee-cannot") }</summary>
                <form onsubmit={on_decline} novalidate=true>
                    <div class={classes!("field", (!field_errors("reason").is_empty()).then_some("field--invalid"))}>
                        <label for="field-reason">{ t(lang, "referee-why") }</label>
                        <textarea id="field-reason" rows="3" value={(*decline_reason).clone()} oninput={on_reason} maxlength="1000" />
                        { error_list("reason") }
                    </div>
                    <button type="submit" class="button button--secondary" disabled={*busy}>{ t(lang, "referee-decline") }</button>
                </form>
            </details>
        </>
    }
}
