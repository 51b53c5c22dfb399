//! Admins, on an application's page: who reviews it (assignment with
//! Endorse's proposal, conflicts and load), the submitted reviews and their
//! disagreement, and the exam.

use crate::api;
use crate::components::Alert;
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
    at.format("%B %-d, %Y").to_string()
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
            <section class="card"><h2>{ "Review" }</h2>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ "Loading…" }</p> }
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
                failure.set(Some(
                    "Write the reason for releasing the reviewer in \u{201c}Reason\u{201d} first."
                        .into(),
                ));
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
            <h2 id="review-heading">{ format!("Review ({} reviewer{} for this category)", current.needed, if current.needed == 1 { "" } else { "s" }) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if !current.disagreement.is_empty() {
                <div class="alert" role="alert">
                    <p><strong>{ "The reviewers disagree." }</strong></p>
                    <ul>{ for current.disagreement.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                </div>
            }
            if !current.assignments.is_empty() {
                <h3>{ "Assigned" }</h3>
                <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                    <table class="table">
                        <thead><tr><th>{ "Reviewer" }</th><th>{ "Round" }</th><th>{ "Due" }</th><th>{ "State" }</th><th><span class="visually-hidden">{ "Actions" }</span></th></tr></thead>
                        <tbody>
                            { for current.assignments.iter().map(|a| html! {
                                <tr>
                                    <td>
                                        { &a.reviewer_name }
                                        if let Some(why) = &a.override_reason { <br /><span class="muted">{ format!("Override: {why}") }</span> }
                                        if let Some(why) = &a.released_reason { <br /><span class="muted">{ format!("Released: {why}") }</span> }
                                    </td>
                                    <td>{ a.round }</td>
                                    <td>
                                        { date(a.due_at) }
                                        if a.overdue { { " " }<span class="badge badge--short">{ "Overdue" }</span> }
                                    </td>
                                    <td><span class="badge">{ a.state.label() }</span></td>
                                    <td>
                                        if a.state == AssignmentState::Active {
                                            <button type="button" class="button button--quiet" disabled={*busy} onclick={release(a.id)}>
                                                { format!("Release {}", a.reviewer_name) }
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
                <h3>{ format!("Assign ({} place{} open)", open_places, if open_places == 1 { "" } else { "s" }) }</h3>
                if any_proposed {
                    <button type="button" class="button" disabled={*busy} onclick={assign_proposed}>{ "Assign the proposed reviewers" }</button>
                } else {
                    <p class="muted">{ "Nobody can be proposed: no eligible reviewer is free of conflicts and under their load. Assign by hand with a reason, or add reviewers." }</p>
                }
                <Area id="review-admin-reason" label="Reason" value={(*reason).clone()} rows={2}
                    hint={AttrValue::from("Needed to assign despite a conflict or a full load, and to release a reviewer; kept in the audit log.")}
                    on_change={{ let reason = reason.clone(); Callback::from(move |t: String| reason.set(t)) }} />
                <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                    <table class="table">
                        <thead><tr><th>{ "Reviewer" }</th><th>{ "Load" }</th><th>{ "Standing" }</th><th><span class="visually-hidden">{ "Actions" }</span></th></tr></thead>
                        <tbody>
                            { for current.candidates.iter().filter(|c| !c.assigned).map(|c| {
                                let standing = if let Some(why) = &c.ineligible {
                                    html! { <span>{ format!("Not eligible: {why}") }</span> }
                                } else if !c.conflicts.is_empty() {
                                    html! { <ul class="signals">{ for c.conflicts.iter().map(|k| html! { <li>{ k.describe().say(lang) }</li> }) }</ul> }
                                } else if c.proposed {
                                    html! { <span class="badge badge--met">{ "Proposed" }</span> }
                                } else if c.load >= c.max_load {
                                    html! { <span>{ "At full load" }</span> }
                                } else {
                                    html! { <span>{ "Available" }</span> }
                                };
                                html! {
                                    <tr>
                                        <td>{ &c.name }<br /><span class="muted">{ &c.email }</span></td>
                                        <td>{ format!("{} of {}", c.load, c.max_load) }</td>
                                        <td>{ standing }</td>
                                        <td>
                                            if c.ineligible.is_none() {
                                                <button type="button" class="button button--secondary" disabled={*busy} onclick={assign(c.reviewer)}>
                                                    { format!("Assign {}", c.name) }
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
                <h3>{ "Submitted reviews" }</h3>
                { for current.reviews.iter().map(|r| html! {
                    <div class="review">
                        <h4>{ format!("{} \u{2014} {}", r.reviewer_name, r.review.recommendation.map_or("no recommendation", |x| x.label())) }</h4>
                        <p>{ &r.review.rationale }</p>
                        <ul>
                            { for domains.iter().map(|d| html! {
                                <li>{ format!("{}: {}", d.name, r.review.scores.get(&d.code).map_or("\u{2014}".to_string(), ToString::to_string)) }</li>
                            }) }
                            { for r.review.sections.iter().map(|(s, v)| html! {
                                <li>{ format!("{}: {}{}", s.label(), match v.verdict { Some(Verdict::Sufficient) => "sufficient", Some(Verdict::Insufficient) => "insufficient", None => "\u{2014}" },
                                    if v.comment.is_empty() { String::new() } else { format!(" ({})", v.comment) }) }</li>
                            }) }
                        </ul>
                    </div>
                }) }
            }
            if !current.information_requests.is_empty() {
                <h3>{ "Requests for information" }</h3>
                <ul class="entries">{ for current.information_requests.iter().map(information_item) }</ul>
            }
        </section>
    }
}

/// The exam: scheduling, Part 1, scorers, the result.
#[function_component(ExamPanel)]
pub fn exam_panel(props: &PanelProps) -> Html {
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
            <section class="card"><h2>{ "Exam" }</h2>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ "Loading…" }</p> }
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
                failure.set(Some("Choose the date and time the exam starts.".into()));
                return;
            };
            let Ok(length) = hours.trim().parse::<f64>() else {
                failure.set(Some(
                    "Give the length of the window in hours, e.g. 3.".into(),
                ));
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
                failure.set(Some(
                    "Give Part 1's score as a whole number of correct answers.".into(),
                ));
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
    let outcome = |o: Option<Outcome>| match o {
        Some(Outcome::Passed) => "passed",
        Some(Outcome::Failed) => "not passed",
        None => "not yet",
    };
    let scorer_ids: Vec<UserId> = current.scorers.iter().map(|s| s.reviewer).collect();
    html! {
        <section class="card" aria-labelledby="exam-heading">
            <h2 id="exam-heading">{ format!("Exam (attempt {})", current.attempt) }</h2>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <dl class="facts">
                <dt>{ "Accommodations requested" }</dt><dd>{ if current.accommodations_requested.is_empty() { "none".to_string() } else { current.accommodations_requested.clone() } }</dd>
                if let (Some(starts_at), Some(ends_at)) = (current.starts_at, current.ends_at) {
                    <dt>{ "Scheduled" }</dt>
                    <dd>{ format!("{} to {} UTC, {}{}", starts_at.format("%B %-d, %Y %H:%M"), ends_at.format("%H:%M"), current.mode.map_or("", |m| m.label()), if current.location.is_empty() { String::new() } else { format!(", {}", current.location) }) }</dd>
                    <dt>{ "Accommodations granted" }</dt><dd>{ if current.accommodations.is_empty() { "none".to_string() } else { current.accommodations.clone() } }</dd>
                }
                <dt>{ "Part 1" }</dt>
                <dd>{ match current.part1_score { Some(s) => format!("{s} of {} (pass mark {}): {}", current.part1_questions, current.part1_pass_mark, outcome(current.part1)), None => "not recorded".into() } }</dd>
                <dt>{ "Part 2" }</dt>
                <dd>{
                    if current.answers_submitted_at.is_some() {
                        match current.part2_mean {
                            Some(mean) => format!("answers handed in; mean mark {mean:.2}: {}", outcome(current.part2)),
                            None => format!("answers handed in; {} of 2 scorers' marks in", current.scorers.iter().filter(|s| s.submitted_at.is_some()).count()),
                        }
                    } else { "answers not handed in".into() }
                }</dd>
                <dt>{ "Result" }</dt><dd>{ outcome(current.result) }</dd>
                if let Some(from) = current.retake_from {
                    <dt>{ "Retake from" }</dt><dd>{ date(from) }</dd>
                }
            </dl>
            if schedulable {
                <h3>{ if status == ApplicationStatus::ExamFailed { "Schedule a retake" } else { "Schedule the exam" } }</h3>
                <div class="field">
                    <label for="exam-starts">{ "Starts (UTC)" }</label>
                    <input id="exam-starts" type="datetime-local" value={(*starts).clone()}
                        oninput={{ let starts = starts.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); starts.set(i.value()); }) }} />
                </div>
                <div class="field">
                    <label for="exam-hours">{ "Answer window (hours)" }</label>
                    <input id="exam-hours" type="number" min="1" max="24" step="0.5" value={(*hours).clone()}
                        oninput={{ let hours = hours.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); hours.set(i.value()); }) }} />
                </div>
                <div class="field">
                    <label for="exam-mode">{ "Mode" }</label>
                    <select id="exam-mode" onchange={{ let mode = mode.clone(); Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        mode.set(if s.value() == "online" { ExamMode::Online } else { ExamMode::InPerson });
                    }) }}>
                        <option value="in_person" selected={*mode == ExamMode::InPerson}>{ ExamMode::InPerson.label() }</option>
                        <option value="online" selected={*mode == ExamMode::Online}>{ ExamMode::Online.label() }</option>
                    </select>
                </div>
                <Area id="exam-location" label="Where, or how to join" value={(*location).clone()} rows={2}
                    on_change={{ let l = location.clone(); Callback::from(move |t: String| l.set(t)) }} />
                <Area id="exam-accommodations" label="Accommodations granted"
                    value={(*accommodations).clone().unwrap_or_else(|| current.accommodations_requested.clone())} rows={2}
                    on_change={{ let a = accommodations.clone(); Callback::from(move |t: String| a.set(Some(t))) }} />
                <button type="button" class="button" onclick={schedule}>{ "Schedule" }</button>
            }
            if status == ApplicationStatus::ExamScheduled {
                <h3>{ "Part 1" }</h3>
                <div class="field">
                    <label for="exam-part1">{ format!("Correct answers (of {})", current.part1_questions) }</label>
                    <input id="exam-part1" type="number" min="0" max={current.part1_questions.to_string()} value={(*part1).clone()}
                        oninput={{ let p = part1.clone(); Callback::from(move |e: InputEvent| { let i: HtmlInputElement = e.target_unchecked_into(); p.set(i.value()); }) }} />
                </div>
                <button type="button" class="button button--secondary" onclick={record_part1}>{ "Record Part 1" }</button>
                <h3>{ "Part 2 scorers" }</h3>
                if current.scorers.is_empty() { <p class="muted">{ "Choose two reviewers; they see the answers only." }</p> }
                <ul>
                    { for current.scorers.iter().map(|s| html! {
                        <li>{ format!("{}: {}", s.reviewer_name, if s.submitted_at.is_some() { "marks submitted" } else { "scoring" }) }</li>
                    }) }
                </ul>
                if current.scorers.len() < 2 {
                    <div class="entry__actions">
                        { for candidates.iter().filter(|(who, _, ok)| *ok && !scorer_ids.contains(who)).map(|(who, name, _)| html! {
                            <button type="button" class="button button--secondary" onclick={add_scorer(*who)}>{ format!("Add {name} as scorer") }</button>
                        }) }
                    </div>
                }
                <h3>{ "Result" }</h3>
                <p class="muted">{ "The result follows from both parts; it can be recorded once Part 1 and both scorers' marks are in." }</p>
                <button type="button" class="button" onclick={record_result}>{ "Record the result" }</button>
            }
        </section>
    }
}
