//! Admins, on an application's page: who reviews it (assignment with
//! Endorse's proposal, conflicts and load), the submitted reviews and their
//! disagreement, and the exam.

use crate::api;
use crate::components::Alert;
use crate::i18n::{t, Text};
use crate::pages::review::{information_item, spawn, Area};
use crate::session::use_session;
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus};
use endorse_shared::exam::{ExamMode, ExamView, Outcome, Part1Request, ScheduleExamRequest};
use endorse_shared::review::{
    ApplicationReview, AssignRequest, AssignmentState, ReasonRequest, Verdict,
};
use endorse_shared::{ApplicationId, UserId};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of both panels.
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The application.
    pub application: ApplicationResponse,
    /// Called after a change that may move the application.
    pub on_changed: Callback<()>,
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    endorse_shared::i18n::format::day_of(at, crate::i18n::asked())
}

/// Reviewers: assignments, candidates, reviews.
#[function_component(ReviewPanel)]
pub fn review_panel(props: &PanelProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let review = use_state(|| None::<ApplicationReview>);
    let failure = use_state(|| None::<String>);
    let reason = use_state(String::new);
    let busy = use_state(|| false);
    let id = props.application.id;
    {
        let (session, review, failure) = (session.clone(), review.clone(), failure.clone());
        use_effect_with((id, props.application.version), move |_| {
            spawn(
                &session,
                move |token| async move { api::application_review(&token, id).await },
                move |result| match result {
                    Ok(found) => review.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        });
    }
    let Some(current) = (*review).clone() else {
        return html! {
            <section class="card"><h2>{ t(lang, "radmin-review") }</h2>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "loading") }</p> }
            </section>
        };
    };
    let after = |review: UseStateHandle<Option<ApplicationReview>>,
                 failure: UseStateHandle<Option<String>>,
                 busy: UseStateHandle<bool>,
                 reason: UseStateHandle<String>,
                 on_changed: Callback<()>| {
        move |result: Result<ApplicationReview, api::ApiError>| {
            busy.set(false);
            match result {
                Ok(found) => {
                    failure.set(None);
                    reason.set(String::new());
                    review.set(Some(found));
                    on_changed.emit(());
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
            }
        }
    };
    let assign = |reviewer: UserId| {
        let (session, review, failure, busy, reason, on_changed) = (
            session.clone(),
            review.clone(),
            failure.clone(),
            busy.clone(),
            reason.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = AssignRequest {
                reviewer,
                override_reason: Some((*reason).clone()).filter(|r| !r.trim().is_empty()),
            };
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::assign_reviewer(&token, id, &request).await }
                },
                after(
                    review.clone(),
                    failure.clone(),
                    busy.clone(),
                    reason.clone(),
                    on_changed.clone(),
                ),
            );
        })
    };
    let assign_proposed = {
        let (session, review, failure, busy, reason, on_changed) = (
            session.clone(),
            review.clone(),
            failure.clone(),
            busy.clone(),
            reason.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            spawn(
                &session,
                move |token| async move { api::assign_proposed(&token, id).await },
                after(
                    review.clone(),
                    failure.clone(),
                    busy.clone(),
                    reason.clone(),
                    on_changed.clone(),
                ),
            );
        })
    };
    let release = |assignment: endorse_shared::AssignmentId| {
        let (session, review, failure, busy, reason, on_changed) = (
            session.clone(),
            review.clone(),
            failure.clone(),
            busy.clone(),
            reason.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = ReasonRequest {
                reason: (*reason).clone(),
            };
            if request.checked().is_err() {
                failure.set(Some(t(lang, "radmin-release-reason")));
                return;
            }
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::release_assignment(&token, assignment, &request).await }
                },
                after(
                    review.clone(),
                    failure.clone(),
                    busy.clone(),
                    reason.clone(),
                    on_changed.clone(),
                ),
            );
        })
    };
    let status = props.application.status;
    let assigning = matches!(
        status,
        ApplicationStatus::Submitted
            | ApplicationStatus::UnderReview
            | ApplicationStatus::RevisionRequested
            | ApplicationStatus::OnHold
    );
    let live = current
        .assignments
        .iter()
        .filter(|a| a.state != AssignmentState::Released)
        .count();
    let open_places = (current.needed as usize).saturating_sub(live);
    let any_proposed = current.candidates.iter().any(|c| c.proposed);
    let domains = &current.rules.domains;
    html! {
        <section class="card" aria-labelledby="review-heading">
            <h2 id="review-heading">{ Text::new("radmin-heading").with("count", current.needed).say(lang) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if !current.disagreement.is_empty() {
                <div class="alert" role="alert">
                    <p><strong>{ t(lang, "radmin-disagree") }</strong></p>
                    <ul>{ for current.disagreement.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                </div>
            }
            if !current.assignments.is_empty() {
                <h3>{ t(lang, "radmin-assigned") }</h3>
                <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                    <table class="table">
                        <thead><tr><th>{ t(lang, "radmin-reviewer") }</th><th>{ t(lang, "radmin-round") }</th><th>{ t(lang, "radmin-due") }</th><th>{ t(lang, "radmin-state") }</th><th><span class="visually-hidden">{ t(lang, "radmin-actions") }</span></th></tr></thead>
                        <tbody>
                            { for current.assignments.iter().map(|a| html! {
                                <tr>
                                    <td>
                                        { &a.reviewer_name }
                                        if let Some(why) = &a.override_reason { <br /><span class="muted">{ Text::new("radmin-override").with("why", why.as_str()).say(lang) }</span> }
                                        if let Some(why) = &a.released_reason { <br /><span class="muted">{ Text::new("radmin-released").with("why", why.as_str()).say(lang) }</span> }
                                    </td>
                                    <td>{ a.round }</td>
                                    <td>
                                        { date(a.due_at) }
                                        if a.overdue { { " " }<span class="badge badge--short">{ t(lang, "radmin-overdue") }</span> }
                                    </td>
                                    <td><span class="badge">{ a.state.text().say(lang) }</span></td>
                                    <td>
                                        if a.state == AssignmentState::Active {
                                            <button type="button" class="button button--quiet" disabled={*busy} onclick={release(a.id)}>
                                                { Text::new("radmin-release").with("name", a.reviewer_name.as_str()).say(lang) }
                                            </button>
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if assigning && open_places > 0 {
                <h3>{ Text::new("radmin-assign-heading").with("count", open_places).say(lang) }</h3>
                if any_proposed {
                    <button type="button" class="button" disabled={*busy} onclick={assign_proposed}>{ t(lang, "radmin-assign-proposed") }</button>
                } else {
                    <p class="muted">{ t(lang, "radmin-nobody") }</p>
                }
                <Area id="review-admin-reason" label={t(lang, "radmin-reason")} value={(*reason).clone()} rows={2}
                    hint={AttrValue::from(t(lang, "radmin-reason-hint"))}
                    on_change={{ let reason = reason.clone(); Callback::from(move |t: String| reason.set(t)) }} />
                <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                    <table class="table">
                        <thead><tr><th>{ t(lang, "radmin-reviewer") }</th><th>{ t(lang, "radmin-load-heading") }</th><th>{ t(lang, "radmin-standing") }</th><th><span class="visually-hidden">{ t(lang, "radmin-actions") }</span></th></tr></thead>
                        <tbody>
                            { for current.candidates.iter().filter(|c| !c.assigned).map(|c| {
                                let standing = if let Some(why) = &c.ineligible {
                                    html! { <span>{ Text::new("radmin-not-eligible").with("why", why.as_str()).say(lang) }</span> }
                                } else if !c.conflicts.is_empty() {
                                    html! { <ul class="signals">{ for c.conflicts.iter().map(|k| html! { <li>{ k.describe().say(lang) }</li> }) }</ul> }
                                } else if c.proposed {
                                    html! { <span class="badge badge--met">{ t(lang, "radmin-proposed") }</span> }
                                } else if c.load >= c.max_load {
                                    html! { <span>{ t(lang, "radmin-full") }</span> }
                                } else {
                                    html! { <span>{ t(lang, "radmin-available") }</span> }
                                };
                                html! {
                                    <tr>
                                        <td>{ &c.name }<br /><span class="muted">{ &c.email }</span></td>
                                        <td>{ Text::new("radmin-load").with("load", c.load).with("max", c.max_load).say(lang) }</td>
                                        <td>{ standing }</td>
                                        <td>
                                            if c.ineligible.is_none() {
                                                <button type="button" class="button button--secondary" disabled={*busy} onclick={assign(c.reviewer)}>
                                                    { Text::new("radmin-assign").with("name", c.name.as_str()).say(lang) }
                                                </button>
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !current.reviews.is_empty() {
                <h3>{ t(lang, "radmin-submitted-reviews") }</h3>
                { for current.reviews.iter().map(|r| html! {
                    <div class="review">
                        <h4>{ format!("{} \u{2014} {}", r.reviewer_name, r.review.recommendation.map_or_else(|| t(lang, "review-no-recommendation"), |x| x.text().say(lang))) }</h4>
                        <p>{ &r.review.rationale }</p>
                        <ul>
                            { for domains.iter().map(|d| html! {
                                <li>{ format!("{}: {}", d.name.get(lang), r.review.scores.get(&d.code).map_or("\u{2014}".to_string(), ToString::to_string)) }</li>
                            }) }
                            { for r.review.sections.iter().map(|(s, v)| html! {
                                <li>{ format!("{}: {}{}", s.text().say(lang), match v.verdict { Some(Verdict::Sufficient) => t(lang, "radmin-sufficient"), Some(Verdict::Insufficient) => t(lang, "radmin-insufficient"), None => "\u{2014}".to_string() },
                                    if v.comment.is_empty() { String::new() } else { format!(" ({})", v.comment) }) }</li>
                            }) }
                        </ul>
                    </div>
                }) }
            }
            if !current.information_requests.is_empty() {
                <h3>{ t(lang, "radmin-requests") }</h3>
                <ul class="entries">{ for current.information_requests.iter().map(information_item) }</ul>
            }
        </section>
    }
}

/// The exam: scheduling, Part 1, scorers, the result.
#[function_component(ExamPanel)]
pub fn exam_panel(props: &PanelProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let exam = use_state(|| None::<ExamView>);
    let candidates = use_state(Vec::<(UserId, String, bool)>::new);
    let failure = use_state(|| None::<String>);
    let starts = use_state(String::new);
    let hours = use_state(|| "3".to_string());
    let mode = use_state(|| ExamMode::InPerson);
    let location = use_state(String::new);
    let accommodations = use_state(|| None::<String>);
    let part1 = use_state(String::new);
    let id: ApplicationId = props.application.id;
    {
        let (session, exam, candidates, failure) = (
            session.clone(),
            exam.clone(),
            candidates.clone(),
            failure.clone(),
        );
        use_effect_with((id, props.application.version), move |_| {
            let failure2 = failure.clone();
            spawn(
                &session,
                move |token| async move { api::exam(&token, id).await },
                move |result| match result {
                    Ok(found) => exam.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
            spawn(
                &session,
                move |token| async move { api::application_review(&token, id).await },
                move |result| match result {
                    Ok(review) => candidates.set(
                        review
                            .candidates
                            .into_iter()
                            .map(|c| {
                                let ok = c.ineligible.is_none() && c.conflicts.is_empty();
                                (c.reviewer, c.name, ok)
                            })
                            .collect(),
                    ),
                    Err(error) => failure2.set(Some(error.message())),
                },
            );
        });
    }
    let Some(current) = (*exam).clone() else {
        return html! {
            <section class="card"><h2>{ t(lang, "radmin-exam") }</h2>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "loading") }</p> }
            </section>
        };
    };
    let done = |exam: UseStateHandle<Option<ExamView>>,
                failure: UseStateHandle<Option<String>>,
                on_changed: Callback<()>| {
        move |result: Result<ExamView, api::ApiError>| match result {
            Ok(found) => {
                failure.set(None);
                exam.set(Some(found));
                on_changed.emit(());
            }
            Err(error) => {
                let details: Vec<String> = error
                    .field_errors()
                    .into_iter()
                    .flat_map(|(k, v)| v.into_iter().map(move |m| format!("{k}: {m}")))
                    .collect();
                failure.set(Some(if details.is_empty() {
                    error.message()
                } else {
                    details.join(" ")
                }));
            }
        }
    };
    let schedule = {
        let (session, exam, failure, on_changed) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            props.on_changed.clone(),
        );
        let (starts, hours, mode, location, accommodations) = (
            starts.clone(),
            hours.clone(),
            mode.clone(),
            location.clone(),
            accommodations.clone(),
        );
        let requested = current.accommodations_requested.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(start) = chrono::NaiveDateTime::parse_from_str(&starts, "%Y-%m-%dT%H:%M") else {
                failure.set(Some(t(lang, "radmin-choose-start")));
                return;
            };
            let Ok(length) = hours.trim().parse::<f64>() else {
                failure.set(Some(t(lang, "radmin-window-hours")));
                return;
            };
            let start = start.and_utc();
            let request = ScheduleExamRequest {
                starts_at: start,
                ends_at: start + chrono::Duration::minutes((length * 60.0).round() as i64),
                mode: *mode,
                location: (*location).clone(),
                accommodations: (*accommodations)
                    .clone()
                    .unwrap_or_else(|| requested.clone()),
            };
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::schedule_exam(&token, id, &request).await }
                },
                done(exam.clone(), failure.clone(), on_changed.clone()),
            );
        })
    };
    let record_part1 = {
        let (session, exam, failure, on_changed, part1) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            props.on_changed.clone(),
            part1.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Ok(score) = part1.trim().parse::<u32>() else {
                failure.set(Some(t(lang, "radmin-part1-score")));
                return;
            };
            spawn(
                &session,
                move |token| async move { api::record_part1(&token, id, &Part1Request { score }).await },
                done(exam.clone(), failure.clone(), on_changed.clone()),
            );
        })
    };
    let add_scorer = |reviewer: UserId| {
        let (session, exam, failure, on_changed) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = AssignRequest {
                reviewer,
                override_reason: None,
            };
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::add_scorer(&token, id, &request).await }
                },
                done(exam.clone(), failure.clone(), on_changed.clone()),
            );
        })
    };
    let record_result = {
        let (session, exam, failure, on_changed) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            spawn(
                &session,
                move |token| async move { api::record_exam_result(&token, id).await },
                done(exam.clone(), failure.clone(), on_changed.clone()),
            );
        })
    };
    let status = props.application.status;
    let schedulable = matches!(
        status,
        ApplicationStatus::ApprovedForExam | ApplicationStatus::ExamFailed
    );
    let outcome = |o: Option<Outcome>| Outcome::text_of(o).say(lang);
    let scorer_ids: Vec<UserId> = current.scorers.iter().map(|s| s.reviewer).collect();
    html! {
        <section class="card" aria-labelledby="exam-heading">
            <h2 id="exam-heading">{ Text::new("radmin-exam-heading").with("attempt", current.attempt).say(lang) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <dl class="facts">
                <dt>{ t(lang, "radmin-accommodations-requested") }</dt><dd>{ if current.accommodations_requested.is_empty() { t(lang, "radmin-none") } else { current.accommodations_requested.clone() } }</dd>
                if let (Some(starts_at), Some(ends_at)) = (current.starts_at, current.ends_at) {
                    <dt>{ t(lang, "radmin-scheduled") }</dt>
                    <dd>{ Text::new("exam-scheduled").with("starts", starts_at.naive_utc()).with("ends", endorse_shared::i18n::format::time(ends_at.naive_utc(), lang)).say(lang) }
                        { " " }{ current.mode.map(|m| m.text().say(lang)).unwrap_or_default() }
                        { if current.location.is_empty() { String::new() } else { format!(", {}", current.location) } }</dd>
                    <dt>{ t(lang, "radmin-accommodations-granted") }</dt><dd>{ if current.accommodations.is_empty() { t(lang, "radmin-none") } else { current.accommodations.clone() } }</dd>
                }
                <dt>{ t(lang, "radmin-part1-label") }</dt>
                <dd>{ match current.part1_score { Some(s) => Text::new("radmin-part1").with("score", s).with("questions", current.part1_questions).with("pass", current.part1_pass_mark).with("outcome", outcome(current.part1)).say(lang), None => t(lang, "radmin-not-recorded") } }</dd>
                <dt>{ t(lang, "radmin-part2-label") }</dt>
                <dd>{
                    if current.answers_submitted_at.is_some() {
                        match current.part2_mean {
                            Some(mean) => Text::new("radmin-part2-mean").with("mean", format!("{mean:.2}")).with("outcome", outcome(current.part2)).say(lang),
                            None => Text::new("radmin-part2-marks").with("count", current.scorers.iter().filter(|s| s.submitted_at.is_some()).count()).say(lang),
                        }
                    } else { t(lang, "radmin-not-handed-in") }
                }</dd>
                <dt>{ t(lang, "radmin-result") }</dt><dd>{ outcome(current.result) }</dd>
                if let Some(from) = current.retake_from {
                    <dt>{ t(lang, "radmin-retake-from") }</dt><dd>{ date(from) }</dd>
                }
            </dl>
            if schedulable {
                <h3>{ t(lang, if status == ApplicationStatus::ExamFailed { "radmin-schedule-retake" } else { "radmin-schedule-exam" }) }</h3>
                <div class="field">
                    <label for="exam-starts">{ t(lang, "radmin-starts") }</label>
                    <input id="exam-starts" type="datetime-local" value={(*starts).clone()}
                        oninput={{ let starts = starts.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); starts.set(i.value()); }) }} />
                </div>
                <div class="field">
                    <label for="exam-hours">{ t(lang, "radmin-window") }</label>
                    <input id="exam-hours" type="number" min="1" max="24" step="0.5" value={(*hours).clone()}
                        oninput={{ let hours = hours.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); hours.set(i.value()); }) }} />
                </div>
                <div class="field">
                    <label for="exam-mode">{ t(lang, "radmin-mode") }</label>
                    <select id="exam-mode" onchange={{ let mode = mode.clone(); Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        mode.set(if s.value() == "online" { ExamMode::Online } else { ExamMode::InPerson });
                    }) }}>
                        <option value="in_person" selected={*mode == ExamMode::InPerson}>{ ExamMode::InPerson.label() }</option>
                        <option value="online" selected={*mode == ExamMode::Online}>{ ExamMode::Online.label() }</option>
                    </select>
                </div>
                <Area id="exam-location" label={t(lang, "radmin-where")} value={(*location).clone()} rows={2}
                    on_change={{ let l = location.clone(); Callback::from(move |t: String| l.set(t)) }} />
                <Area id="exam-accommodations" label={t(lang, "radmin-accommodations-granted")}
                    value={(*accommodations).clone().unwrap_or_else(|| current.accommodations_requested.clone())} rows={2}
                    on_change={{ let a = accommodations.clone(); Callback::from(move |t: String| a.set(Some(t))) }} />
                <button type="button" class="button" onclick={schedule}>{ t(lang, "radmin-schedule") }</button>
            }
            if status == ApplicationStatus::ExamScheduled {
                <h3>{ t(lang, "radmin-part1-label") }</h3>
                <div class="field">
                    <label for="exam-part1">{ Text::new("radmin-correct-answers").with("questions", current.part1_questions).say(lang) }</label>
                    <input id="exam-part1" type="number" min="0" max={current.part1_questions.to_string()} value={(*part1).clone()}
                        oninput={{ let p = part1.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); p.set(i.value()); }) }} />
                </div>
                <button type="button" class="button button--secondary" onclick={record_part1}>{ t(lang, "radmin-record-part1") }</button>
                <h3>{ t(lang, "radmin-scorers") }</h3>
                if current.scorers.is_empty() { <p class="muted">{ t(lang, "radmin-choose-two") }</p> }
                <ul>
                    { for current.scorers.iter().map(|s| html! {
                        <li>{ format!("{}: {}", s.reviewer_name, t(lang, if s.submitted_at.is_some() { "radmin-marks-submitted" } else { "radmin-scoring" })) }</li>
                    }) }
                </ul>
                if current.scorers.len() < 2 {
                    <div class="entry__actions">
                        { for candidates.iter().filter(|(who, _, ok)| *ok && !scorer_ids.contains(who)).map(|(who, name, _)| html! {
                            <button type="button" class="button button--secondary" onclick={add_scorer(*who)}>{ Text::new("radmin-add-scorer").with("name", name.as_str()).say(lang) }</button>
                        }) }
                    </div>
                }
                <h3>{ t(lang, "radmin-result") }</h3>
                <p class="muted">{ t(lang, "radmin-result-hint") }</p>
                <button type="button" class="button" onclick={record_result}>{ t(lang, "radmin-record-result") }</button>
            }
        </section>
    }
}
