//! The applicant's side of review and exam, inside the application panel:
//! answering a reviewer's requests for information, and the exam
//! (accommodations, the schedule, Part 2's answers in the window, the result).

use crate::api;
use crate::components::Alert;
use crate::i18n::{t, Text};
use crate::pages::portfolio::summary;
use crate::pages::review::{spawn, Area};
use crate::session::use_session;
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus};
use endorse_shared::exam::{AccommodationsRequest, ExamView, Outcome, VignetteAnswers};
use endorse_shared::review::AnswerRequest;
use endorse_shared::InformationItemId;
use std::collections::BTreeMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of both parts.
#[derive(Properties, PartialEq)]
pub struct ApplicantPartProps {
    /// The application.
    pub application: ApplicationResponse,
    /// Called after a change, to reload.
    pub on_change: Callback<()>,
}

/// The open requests for information, each with its answer box.
#[function_component(InformationAnswers)]
pub fn information_answers(props: &ApplicantPartProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let answers = use_state(BTreeMap::<InformationItemId, String>::new);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let open: Vec<_> = props
        .application
        .information_requests
        .iter()
        .filter(|i| i.answered_at.is_none())
        .cloned()
        .collect();
    if open.is_empty() {
        return html! {};
    }
    let send = {
        let (session, answers, errors, failure, busy, on_change, id) = (
            session.clone(),
            answers.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            props.on_change.clone(),
            props.application.id,
        );
        let ids: Vec<InformationItemId> = open.iter().map(|i| i.id).collect();
        Callback::from(move |_: MouseEvent| {
            let request = AnswerRequest {
                answers: (*answers).clone(),
            };
            let problems = request.problems(&ids);
            if !problems.is_empty() {
                errors.set(crate::i18n::said(problems, lang));
                failure.set(Some(t(lang, "answers-every")));
                return;
            }
            let (errors, failure, busy, on_change) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                on_change.clone(),
            );
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::answer_information(&token, id, &request).await }
                },
                move |result| {
                    busy.set(false);
                    match result {
                        Ok(_) => {
                            failure.set(None);
                            errors.set(BTreeMap::new());
                            on_change.emit(());
                        }
                        Err(error) => {
                            errors.set(error.field_errors());
                            failure.set(Some(error.message()));
                        }
                    }
                },
            );
        })
    };
    html! {
        <div class="requests" aria-labelledby="requests-heading">
            <h3 id="requests-heading">{ Text::new("answers-heading").with("count", open.len()).say(lang) }</h3>
            <p>{ t(lang, "answers-lead") }</p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <ol class="entries">
                { for open.iter().map(|item| {
                    let item_id = item.id;
                    let on_change = {
                        let answers = answers.clone();
                        Callback::from(move |text: String| {
                            let mut next = (*answers).clone();
                            next.insert(item_id, text);
                            answers.set(next);
                        })
                    };
                    html! {
                        <li class="entry">
                            <p class="entry__summary">{ format!("{}: {}", item.section.text().say(lang), item.before.as_ref().map(|b| summary(b, lang)).unwrap_or_default()) }</p>
                            <p><strong>{ t(lang, "answers-question") }</strong>{ " " }{ &item.message }</p>
                            <Area id={format!("answer-{item_id}")} label={t(lang, "answers-yours")} rows={2}
                                value={answers.get(&item_id).cloned().unwrap_or_default()} on_change={on_change}
                                errors={errors.get(&format!("answers.{item_id}")).cloned().unwrap_or_default()} />
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="button" disabled={*busy} onclick={send}>{ t(lang, "answers-send") }</button>
        </div>
    }
}

fn is_exam_status(status: ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::ApprovedForExam
            | ApplicationStatus::ExamScheduled
            | ApplicationStatus::ExamPassed
            | ApplicationStatus::ExamFailed
    )
}

/// The applicant's exam.
#[function_component(ApplicantExam)]
pub fn applicant_exam(props: &ApplicantPartProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let exam = use_state(|| None::<ExamView>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let accommodations = use_state(|| None::<String>);
    let answers = use_state(|| None::<BTreeMap<u32, String>>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let id = props.application.id;
    let shown = is_exam_status(props.application.status);
    {
        let (session, exam, failure) = (session.clone(), exam.clone(), failure.clone());
        use_effect_with((id, props.application.version, shown), move |_| {
            if shown {
                spawn(
                    &session,
                    move |token| async move { api::my_exam(&token, id).await },
                    move |result| match result {
                        Ok(found) => exam.set(Some(found)),
                        Err(error) => failure.set(Some(error.message())),
                    },
                );
            }
        });
    }
    if !shown {
        return html! {};
    }
    let Some(current) = (*exam).clone() else {
        return html! {
            if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "exam-loading") }</p> }
        };
    };
    let now = chrono::Utc::now();
    let in_window = current.answers_submitted_at.is_none()
        && props.application.status == ApplicationStatus::ExamScheduled
        && matches!((current.starts_at, current.ends_at), (Some(s), Some(e)) if s <= now && now <= e);
    let before_start = current.starts_at.is_none_or(|s| now < s);
    let can_ask = matches!(
        props.application.status,
        ApplicationStatus::ApprovedForExam | ApplicationStatus::ExamFailed
    ) || (props.application.status == ApplicationStatus::ExamScheduled
        && before_start);
    let chosen = (*answers)
        .clone()
        .unwrap_or_else(|| current.answers.answers.clone());
    let save_accommodations = {
        let (session, exam, failure, notice, accommodations) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            notice.clone(),
            accommodations.clone(),
        );
        let requested = current.accommodations_requested.clone();
        Callback::from(move |_: MouseEvent| {
            let request = AccommodationsRequest {
                accommodations: (*accommodations)
                    .clone()
                    .unwrap_or_else(|| requested.clone()),
            };
            let (exam, failure, notice) = (exam.clone(), failure.clone(), notice.clone());
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::request_accommodations(&token, id, &request).await }
                },
                move |result| match result {
                    Ok(found) => {
                        failure.set(None);
                        notice.set(Some(t(lang, "exam-request-recorded")));
                        exam.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };
    let write = |submit: bool| {
        let (session, exam, failure, notice, errors, answers) = (
            session.clone(),
            exam.clone(),
            failure.clone(),
            notice.clone(),
            errors.clone(),
            answers.clone(),
        );
        let (version, chosen) = (current.version, chosen.clone());
        Callback::from(move |_: MouseEvent| {
            let request = VignetteAnswers {
                answers: chosen.clone(),
            };
            let (exam, failure, notice, errors, answers) = (
                exam.clone(),
                failure.clone(),
                notice.clone(),
                errors.clone(),
                answers.clone(),
            );
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::write_answers(&token, id, version, &request, submit).await }
                },
                move |result| match result {
                    Ok(found) => {
                        failure.set(None);
                        errors.set(BTreeMap::new());
                        notice.set(Some(t(
                            lang,
                            if submit {
                                "exam-handed-in-short"
                            } else {
                                "exam-saved"
                            },
                        )));
                        answers.set(Some(found.answers.answers.clone()));
                        exam.set(Some(found));
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                },
            );
        })
    };
    let outcome = |o: Option<Outcome>| Outcome::text_of(o).say(lang);
    html! {
        <div class="exam" aria-labelledby="applicant-exam-heading">
            <h3 id="applicant-exam-heading">{ Text::new("exam-yours").with("attempt", current.attempt).say(lang) }</h3>
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <p class="muted">{ Text::new("exam-parts")
                .with("questions", current.part1_questions)
                .with("pass", current.part1_pass_mark)
                .with("answered", current.vignettes_answered)
                .with("offered", current.vignettes_offered)
                .say(lang) }</p>
            if let (Some(starts), Some(ends)) = (current.starts_at, current.ends_at) {
                <p>{ Text::new("exam-scheduled")
                    .with("starts", starts.naive_utc())
                    .with("ends", endorse_shared::i18n::format::time(ends.naive_utc(), lang))
                    .say(lang) }
                { " " }
                { current.mode.map(|m| m.text().say(lang)).unwrap_or_default() }
                { if current.location.is_empty() { String::new() } else { format!(" \u{2014} {}", current.location) } }</p>
                if !current.accommodations.is_empty() {
                    <p>{ Text::new("exam-accommodations-granted").with("accommodations", &current.accommodations).say(lang) }</p>
                }
            }
            if can_ask {
                <Area id="exam-accommodations-request" label={t(lang, "exam-accommodations-you-need")} rows={2}
                    value={(*accommodations).clone().unwrap_or_else(|| current.accommodations_requested.clone())}
                    hint={AttrValue::from(t(lang, "exam-accommodations-hint"))}
                    on_change={{ let a = accommodations.clone(); Callback::from(move |t: String| a.set(Some(t))) }} />
                <button type="button" class="button button--secondary" onclick={save_accommodations}>{ t(lang, "exam-save-request") }</button>
            }
            if in_window {
                <h4>{ t(lang, "exam-part2-answers") }</h4>
                if let Some(messages) = errors.get("answers") {
                    <ul class="field__errors">{ for messages.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                }
                { for (1..=current.vignettes_offered).map(|number| {
                    let picked = chosen.contains_key(&number);
                    let toggle = {
                        let (answers, chosen) = (answers.clone(), chosen.clone());
                        Callback::from(move |event: Event| {
                            let input: HtmlInputElement = event.target_unchecked_into();
                            let mut next = chosen.clone();
                            if input.checked() { next.entry(number).or_default(); } else { next.remove(&number); }
                            answers.set(Some(next));
                        })
                    };
                    let text = {
                        let (answers, chosen) = (answers.clone(), chosen.clone());
                        Callback::from(move |value: String| {
                            let mut next = chosen.clone();
                            next.insert(number, value);
                            answers.set(Some(next));
                        })
                    };
                    html! {
                        <div class="vignette">
                            <div class="check">
                                <input type="checkbox" id={format!("vignette-pick-{number}")} checked={picked} onchange={toggle} />
                                <label for={format!("vignette-pick-{number}")}>{ Text::new("exam-answer-vignette").with("number", number).say(lang) }</label>
                            </div>
                            if picked {
                                <Area id={format!("vignette-answer-{number}")} label={Text::new("exam-answer-to").with("number", number).say(lang)} rows={8}
                                    value={chosen.get(&number).cloned().unwrap_or_default()} on_change={text}
                                    errors={errors.get(&format!("answers.{number}")).cloned().unwrap_or_default()} />
                            }
                        </div>
                    }
                }) }
                <div class="entry__actions">
                    <button type="button" class="button button--secondary" onclick={write(false)}>{ t(lang, "exam-save") }</button>
                    <button type="button" class="button" onclick={write(true)}>{ t(lang, "exam-hand-in") }</button>
                </div>
            } else if current.answers_submitted_at.is_some() && current.result.is_none() {
                <p>{ t(lang, "exam-handed-in") }</p>
            }
            if current.result.is_some() {
                <p class="verdict">{ Text::new("exam-result").with("outcome", outcome(current.result)).say(lang) }</p>
                <p>{ Text::new("exam-part-results").with("part1", outcome(current.part1)).with("part2", outcome(current.part2)).say(lang) }</p>
                if let Some(from) = current.retake_from {
                    <p>{ Text::new("exam-retake-from").with("day", from.date_naive()).say(lang) }</p>
                }
            }
        </div>
    }
}
