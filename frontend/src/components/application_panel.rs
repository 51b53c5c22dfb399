//! Beside the checklist: the application for the chosen category, and the one
//! button that starts, submits or withdraws it, saying what is still missing.

use crate::api;
use crate::components::applicant_review::{ApplicantExam, InformationAnswers};
use crate::components::Alert;
use crate::i18n::{t, Text};
use crate::session::{authorized, use_session};
use endorse_shared::applications::{
    ApplicationResponse, ApplicationStatus, StartApplicationRequest,
};
use endorse_shared::eligibility::EligibilityReport;
use yew::prelude::*;

/// Props of [`ApplicationPanel`].
#[derive(Properties, PartialEq)]
pub struct ApplicationPanelProps {
    /// The category shown.
    pub category: AttrValue,
    /// The live report for it.
    pub report: EligibilityReport,
    /// The applicant's applications.
    pub applications: Vec<ApplicationResponse>,
    /// Called after a change, to reload.
    pub on_change: Callback<()>,
}

/// The application panel.
#[function_component(ApplicationPanel)]
pub fn application_panel(props: &ApplicationPanelProps) -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let failure = use_state(|| None::<(String, Vec<String>)>);
    let busy = use_state(|| false);
    let open = props
        .applications
        .iter()
        .find(|a| a.category == props.category.as_str() && a.status.is_open())
        .cloned();

    let run = |action: &'static str| {
        let (session, failure, busy, on_change, open, category) = (
            session.clone(),
            failure.clone(),
            busy.clone(),
            props.on_change.clone(),
            open.clone(),
            props.category.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            let (session, failure, busy, on_change, open, category) = (
                session.clone(),
                failure.clone(),
                busy.clone(),
                on_change.clone(),
                open.clone(),
                category.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = authorized(&session, |token| {
                    let (open, category) = (open.clone(), category.clone());
                    async move {
                        match (action, open) {
                            ("start", _) | (_, None) => {
                                api::start_application(
                                    &token,
                                    &StartApplicationRequest { category },
                                )
                                .await
                            }
                            (action, Some(application)) => {
                                api::act_on_application(
                                    &token,
                                    application.id,
                                    application.version,
                                    action,
                                )
                                .await
                            }
                        }
                    }
                })
                .await;
                match outcome {
                    Ok(_) => {
                        failure.set(None);
                        on_change.emit(());
                    }
                    Err(error) => {
                        let details = error.field_errors().into_values().flatten().collect();
                        failure.set(Some((error.message(), details)));
                    }
                }
                busy.set(false);
            });
        })
    };

    let short: Vec<String> = props
        .report
        .short_lines()
        .map(|l| l.summary.clone())
        .collect();
    html! {
        <section class="card application" aria-labelledby="application-heading">
            <h2 id="application-heading">{ Text::new("panel-heading").with("category", props.category.as_str()).say(lang) }</h2>
            if let Some((message, details)) = &*failure {
                <Alert message={message.clone()} />
                if !details.is_empty() {
                    <ul class="field__errors">{ for details.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                }
            }
            if let Some(application) = &open {
                <Timeline status={application.status} exam={props.report.exam_required} />
            }
            {
                match &open {
                    None => html! {
                        <>
                            <p class="muted">{ t(lang, "panel-start-hint") }</p>
                            <button type="button" class="button button--secondary" disabled={*busy} onclick={run("start")}>
                                { Text::new("panel-start").with("category", props.category.as_str()).say(lang) }
                            </button>
                        </>
                    },
                    Some(application) if application.status == ApplicationStatus::Draft => html! {
                        <>
                            <p>{ Text::new("panel-draft").with("version", application.rulebook_version).say(lang) }</p>
                            <button type="button" class="button" disabled={*busy || !props.report.eligible}
                                aria-describedby="submit-missing" onclick={run("submit")}>
                                { if props.report.eligible { t(lang, "panel-submit") } else { Text::new("panel-submit-short").with("count", short.len()).say(lang) } }
                            </button>
                            <crate::components::fees::FeeNotice fees={application.fees.clone()} />
                            if props.report.eligible {
                                <p id="submit-missing" class="muted">{ t(lang, "panel-all-met") }</p>
                            } else {
                                <div id="submit-missing">
                                    <p class="muted">{ t(lang, "panel-missing") }</p>
                                    <ul class="missing">{ for short.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
                                </div>
                            }
                            <button type="button" class="button button--quiet" disabled={*busy} onclick={run("withdraw")}>{ t(lang, "panel-withdraw") }</button>
                        </>
                    },
                    Some(application) if application.status == ApplicationStatus::Deferred => html! {
                        <>
                            <p class="verdict">{ t(lang, "panel-deferred") }</p>
                            if let Some(feedback) = &application.feedback {
                                <p>{ t(lang, "panel-feedback") }</p>
                                <blockquote>{ feedback }</blockquote>
                            }
                            <button type="button" class="button" disabled={*busy || !props.report.eligible}
                                aria-describedby="submit-missing" onclick={run("submit")}>
                                { if props.report.eligible { t(lang, "panel-resubmit") } else { Text::new("panel-resubmit-short").with("count", short.len()).say(lang) } }
                            </button>
                            <crate::components::fees::FeeNotice fees={application.fees.clone()} />
                            if !props.report.eligible {
                                <div id="submit-missing">
                                    <p class="muted">{ t(lang, "panel-missing-resubmit") }</p>
                                    <ul class="missing">{ for short.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
                                </div>
                            }
                        </>
                    },
                    Some(application) => html! {
                        <>
                            <p class="verdict">{ application.status.text().say(lang) }</p>
                            if let Some(feedback) = &application.feedback {
                                <p>{ t(lang, "panel-feedback") }</p>
                                <blockquote>{ feedback }</blockquote>
                            }
                            if let Some(at) = application.submitted_at {
                                <p class="muted">{ Text::new("panel-submitted-on").with("day", at.date_naive()).say(lang) }</p>
                            }
                            if application.status == ApplicationStatus::RevisionRequested {
                                <InformationAnswers application={application.clone()} on_change={props.on_change.clone()} />
                            }
                            <ApplicantExam application={application.clone()} on_change={props.on_change.clone()} />
                            if application.status.can_withdraw() {
                                <button type="button" class="button button--quiet" disabled={*busy} onclick={run("withdraw")}>{ t(lang, "panel-withdraw") }</button>
                            }
                        </>
                    },
                }
            }
        </section>
    }
}

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Where the application is.
    pub status: ApplicationStatus,
    /// Whether the category has an exam (a step of its own).
    pub exam: bool,
}

/// Where the application is on its way: draft, submitted, peer review, the
/// exam (where the category has one), the decision.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    use ApplicationStatus as S;
    let lang = crate::i18n::use_lang();
    let mut steps = vec!["timeline-draft", "timeline-submitted", "timeline-review"];
    if props.exam {
        steps.push("timeline-exam");
    }
    steps.push("timeline-decision");
    let decision = steps.len() - 1;
    let here = match props.status {
        S::Draft => 0,
        S::Submitted => 1,
        S::UnderReview | S::RevisionRequested | S::OnHold => 2,
        S::ApprovedForExam | S::ExamScheduled | S::ExamPassed | S::ExamFailed if props.exam => 3,
        S::ApprovedForExam | S::ExamScheduled | S::ExamPassed | S::ExamFailed => 2,
        S::Endorsed | S::Emerging | S::Deferred | S::NotEndorsed | S::Withdrawn => decision,
    };
    html! {
        <ol class="timeline" aria-label={t(lang, "timeline-label")}>
            { for steps.iter().enumerate().map(|(i, key)| {
                let (class, state) = match i.cmp(&here) {
                    std::cmp::Ordering::Less => ("timeline__step--done", "timeline-done"),
                    std::cmp::Ordering::Equal => ("timeline__step--current", "timeline-now"),
                    std::cmp::Ordering::Greater => ("timeline__step--todo", "timeline-to-come"),
                };
                html! {
                    <li class={classes!("timeline__step", class)} aria-current={(i == here).then_some("step")}>
                        <span class="timeline__name">{ t(lang, key) }</span>
                        <span class="visually-hidden">{ " (" }{ t(lang, state) }{ ")" }</span>
                        if i == here {
                            <span class="timeline__status">{ props.status.text().say(lang) }</span>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}
