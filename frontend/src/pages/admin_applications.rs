//! Admins: every application, filtered by status and category, and one
//! application with its checklist and the snapshot reviewers will see.

use crate::api;
use crate::components::{Alert, Checklist, PageTitle, Pager, SelectField, TextField};
use crate::i18n::{t, Text};
use crate::pages::portfolio::summary;
use crate::pages::review::document_button;
use crate::pages::review_admin::{ExamPanel, ReviewPanel};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::applications::{
    ApplicationListResponse, ApplicationResponse, ApplicationStatus, ListApplicationsQuery,
};
use endorse_shared::i18n::format;
use endorse_shared::ApplicationId;
use yew::prelude::*;
use yew_router::prelude::*;

/// The list page.
#[function_component(AdminApplications)]
pub fn admin_applications() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let query = use_state(ListApplicationsQuery::default);
    let page = use_state(|| None::<ApplicationListResponse>);
    let failure = use_state(|| None::<String>);
    {
        let (session, page, failure) = (session.clone(), page.clone(), failure.clone());
        use_effect_with((*query).clone(), move |query| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::list_applications(&token, &query).await }
                })
                .await;
                match found {
                    Ok(found) => {
                        failure.set(None);
                        page.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let search = use_state(String::new);
    let pipeline = use_state(|| None::<endorse_shared::applications::PipelineResponse>);
    {
        let (session, pipeline) = (session.clone(), pipeline.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) =
                    authorized(&session, |token| async move { api::pipeline(&token).await }).await
                {
                    pipeline.set(Some(found));
                }
            });
        });
    }
    let on_search_text = {
        let search = search.clone();
        Callback::from(move |value: String| search.set(value))
    };
    let on_search = {
        let (query, search) = (query.clone(), search.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            query.set(ListApplicationsQuery {
                q: Some((*search).clone()).filter(|q| !q.trim().is_empty()),
                page: None,
                after: None,
                ..(*query).clone()
            });
        })
    };
    let download = {
        let (session, failure, query) = (session.clone(), failure.clone(), query.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, failure, query) = (session.clone(), failure.clone(), (*query).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::export_applications(&token, &query).await }
                })
                .await;
                match result {
                    Ok(csv) => {
                        if let Err(message) =
                            crate::download::save_text("applications.csv", "text/csv", &csv)
                        {
                            failure.set(Some(message));
                        }
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let show_status = {
        let query = query.clone();
        move |status: ApplicationStatus| {
            let query = query.clone();
            Callback::from(move |_: MouseEvent| {
                query.set(ListApplicationsQuery {
                    status: Some(status),
                    page: None,
                    after: None,
                    ..(*query).clone()
                });
            })
        }
    };
    let mut status_options = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "apps-any-status")),
    )];
    status_options.extend(ApplicationStatus::ALL.iter().map(|s| {
        (
            AttrValue::Static(s.as_str()),
            AttrValue::from(s.text().say(lang)),
        )
    }));
    let on_status = {
        let query = query.clone();
        Callback::from(move |value: String| {
            query.set(ListApplicationsQuery {
                status: value.parse().ok(),
                page: None,
                after: None,
                ..(*query).clone()
            });
        })
    };
    // Pages are walked by cursor (`after`, the `next` of the page before),
    // which costs the server the same however far in: the cursors of the
    // pages seen so far are kept to go back.
    let cursors = use_state(Vec::<Option<String>>::new);
    let go_to = {
        let (query, page, cursors) = (query.clone(), page.clone(), cursors.clone());
        Callback::from(move |target: u32| {
            let mut known = if query.page.is_some() {
                (*cursors).clone()
            } else {
                Vec::new()
            };
            if known.is_empty() {
                known.push(None);
            }
            let index = usize::try_from(target.max(1) - 1).unwrap_or_default();
            if index == known.len() {
                known.push(page.as_ref().and_then(|found| found.next.clone()));
            }
            let Some(after) = known.get(index).cloned() else {
                return;
            };
            cursors.set(known);
            query.set(ListApplicationsQuery {
                page: Some(target),
                after,
                ..(*query).clone()
            })
        })
    };
    html! {
        <>
            <PageTitle title={t(lang, "apps-title")} />
            if let Some(pipeline) = &*pipeline {
                <section class="card" aria-labelledby="pipeline-heading">
                    <h2 id="pipeline-heading">{ t(lang, "apps-pipeline") }</h2>
                    <ul class="pipeline">
                        { for pipeline.stages.iter().filter(|s| s.count > 0).map(|stage| html! {
                            <li>
                                // Its name is what it shows: the count, the status, the waits.
                                <button type="button" class="pipeline__stage" onclick={show_status(stage.status)}>
                                    <span class="pipeline__count">{ stage.count }</span>
                                    <span class="pipeline__label">{ stage.status.text().say(lang) }</span>
                                    if let (Some(median), Some(oldest)) = (stage.median_days, stage.oldest_days) {
                                        <span class="pipeline__wait">{ Text::new("pipeline-waits").with("median", median).with("oldest", oldest).say(lang) }</span>
                                    }
                                </button>
                            </li>
                        }) }
                    </ul>
                    <WaitChart stages={pipeline.stages.clone()} />
                    if !pipeline.overdue_reviews.is_empty() {
                        <h3>{ Text::new("apps-overdue").with("count", pipeline.overdue_reviews.len()).say(lang) }</h3>
                        <ul>
                            { for pipeline.overdue_reviews.iter().map(|late| html! {
                                <li>
                                    <Link<Route> to={Route::AdminApplication { id: late.application.to_string() }}>{ &late.applicant_name }</Link<Route>>
                                    { Text::new("apps-overdue-line").with("reviewer", &late.reviewer_name).with("days", late.days_late).with("due", late.due_at.date_naive()).say(lang) }
                                </li>
                            }) }
                        </ul>
                    }
                </section>
            }
            <section class="card" aria-labelledby="applications-heading">
                <h2 id="applications-heading" class="visually-hidden">{ t(lang, "apps-all") }</h2>
                <form class="toolbar" role="search" onsubmit={on_search}>
                    <TextField name="q" label={t(lang, "apps-search")} kind="search" required={false}
                        value={(*search).clone()} on_change={on_search_text} />
                    <SelectField name="status" label={t(lang, "apps-status")} options={status_options}
                        value={AttrValue::from(query.status.map(|s| s.as_str()).unwrap_or_default())} on_change={on_status} />
                    <button type="submit" class="button button--secondary">{ t(lang, "apps-search-button") }</button>
                </form>
                <p><button type="button" class="button button--quiet" onclick={download}>{ t(lang, "apps-download") }</button></p>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                }
                {
                    match &*page {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(found) if found.items.is_empty() => html! { <p role="status">{ t(lang, "apps-none") }</p> },
                        Some(found) => {
                            let pages = found.total.div_ceil(u64::from(found.per_page.max(1))).max(1);
                            html! {
                                <>
                                    <p class="muted" role="status">{ Text::new(if found.total_is_lower_bound { "apps-count-at-least" } else { "apps-count" }).with("count", found.total).say(lang) }</p>
                                    <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "apps-all")}>
                                        <table class="table table--cards">
                                            <thead><tr>
                                                <th scope="col">{ t(lang, "apps-applicant") }</th>
                                                <th scope="col">{ t(lang, "apps-category") }</th>
                                                <th scope="col">{ t(lang, "apps-status") }</th>
                                                <th scope="col">{ t(lang, "apps-rulebook") }</th>
                                                <th scope="col">{ t(lang, "apps-submitted") }</th>
                                            </tr></thead>
                                            <tbody>
                                                { for found.items.iter().map(|a| html! {
                                                    <tr>
                                                        <td data-label={t(lang, "apps-applicant")}>
                                                            <Link<Route> to={Route::AdminApplication { id: a.id.to_string() }}>{ &a.applicant.name }</Link<Route>>
                                                            <div class="muted break">{ &a.applicant.email }</div>
                                                        </td>
                                                        <td data-label={t(lang, "apps-category")}>{ &a.category }</td>
                                                        <td data-label={t(lang, "apps-status")}><span class="badge">{ a.status.text().say(lang) }</span></td>
                                                        <td data-label={t(lang, "apps-rulebook")}>{ Text::new("apps-version-short").with("version", a.rulebook_version).say(lang) }</td>
                                                        <td data-label={t(lang, "apps-submitted")}>{ a.submitted_at.map(|d| format::date_short(d.date_naive(), lang)).unwrap_or_else(|| "—".into()) }</td>
                                                    </tr>
                                                }) }
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager page={query.page()} pages={pages} on_page={go_to.clone()} />
                                </>
                            }
                        }
                    }
                }
            </section>
        </>
    }
}

/// Props of [`AdminApplication`].
#[derive(Properties, PartialEq)]
pub struct AdminApplicationProps {
    /// The application's id, from the address.
    pub id: AttrValue,
}

/// One application.
#[function_component(AdminApplication)]
pub fn admin_application(props: &AdminApplicationProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let found = use_state(|| None::<ApplicationResponse>);
    let failure = use_state(|| None::<String>);
    let reloads = use_state(|| 0u32);
    {
        let (session, found, failure) = (session.clone(), found.clone(), failure.clone());
        use_effect_with((props.id.clone(), *reloads), move |(id, _)| match id
            .parse::<ApplicationId>()
        {
            Err(_) => failure.set(Some(t(lang, "apps-no-such"))),
            Ok(id) => wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::get_application(&token, id).await
                })
                .await
                {
                    Ok(application) => found.set(Some(application)),
                    Err(error) => failure.set(Some(error.message())),
                }
            }),
        });
    }
    let on_moved = {
        let found = found.clone();
        Callback::from(move |moved: ApplicationResponse| found.set(Some(moved)))
    };
    let on_changed = {
        let reloads = reloads.clone();
        Callback::from(move |_: ()| reloads.set(*reloads + 1))
    };
    let Some(application) = (*found).clone() else {
        return html! {
            <>
                <PageTitle title={t(lang, "apps-application")} />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "loading") }</p> }
            </>
        };
    };
    html! {
        <>
            <PageTitle title={format!("{} — {}", application.applicant.name, application.category)} />
            <p><Link<Route> to={Route::AdminApplications}>{ t(lang, "apps-all") }</Link<Route>></p>
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <ProcessPanel application={application.clone()} on_moved={on_moved} />
            if application.status != ApplicationStatus::Draft && application.snapshot.is_some() {
                <ReviewPanel application={application.clone()} on_changed={on_changed.clone()} />
            }
            if application.report.exam_required && matches!(application.status,
                ApplicationStatus::ApprovedForExam | ApplicationStatus::ExamScheduled
                | ApplicationStatus::ExamPassed | ApplicationStatus::ExamFailed | ApplicationStatus::Endorsed) {
                <ExamPanel application={application.clone()} on_changed={on_changed.clone()} />
            }
            if application.status == ApplicationStatus::Endorsed {
                <crate::components::endorsements::EndorsementPanel application={application.id} />
            }
            <div class="grid">
                <section class="card" aria-labelledby="facts-heading">
                    <h2 id="facts-heading">{ t(lang, "apps-the-application") }</h2>
                    <dl class="facts">
                        <dt>{ t(lang, "apps-applicant") }</dt><dd class="break">{ format!("{} <{}>", application.applicant.name, application.applicant.email) }</dd>
                        <dt>{ t(lang, "apps-category") }</dt><dd>{ format!("{} — {}", application.category, application.category_name) }</dd>
                        <dt>{ t(lang, "apps-status") }</dt><dd>{ application.status.text().say(lang) }</dd>
                        <dt>{ t(lang, "apps-rulebook") }</dt><dd>{ Text::new("apps-version").with("version", application.rulebook_version).say(lang) }</dd>
                        <dt>{ t(lang, "apps-started") }</dt><dd>{ format::date(application.created_at.date_naive(), lang) }</dd>
                        <dt>{ t(lang, "apps-submitted") }</dt><dd>{ application.submitted_at.map(|d| format::date(d.date_naive(), lang)).unwrap_or_else(|| t(lang, "apps-not-yet")) }</dd>
                    </dl>
                    if let Some(snapshot) = &application.snapshot {
                        <h3>{ Text::new("apps-snapshot").with("round", snapshot.round).with("day", snapshot.taken_at.date_naive()).say(lang) }</h3>
                        <ul class="entries">
                            { for snapshot.entries.iter().map(|e| html! {
                                <li class="entry">
                                    <p class="entry__summary">{ summary(&e.data, lang) }</p>
                                    { document_button(&session, &failure, &e.data) }
                                </li>
                            }) }
                            { for snapshot.references.iter().map(|r| html! {
                                <li class="entry"><p class="entry__summary">{ Text::new("apps-reference-from").with("relationship", r.data.relationship.text()).with("email", &r.data.referee_email).say(lang) }</p></li>
                            }) }
                        </ul>
                    }
                </section>
                <Checklist report={application.snapshot.as_ref().map(|s| s.report.clone()).unwrap_or(application.report.clone())} />
            </div>
            <Verifications user={application.applicant.id} />
            <ApplicantReferences user={application.applicant.id} />
            <AuditLog id={application.id} version={application.version} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ProcessPanelProps {
    application: ApplicationResponse,
    on_moved: Callback<ApplicationResponse>,
}

/// The actions the process allows now, with the reason decisions need.
#[function_component(ProcessPanel)]
fn process_panel(props: &ProcessPanelProps) -> Html {
    let lang = crate::i18n::use_lang();
    use endorse_shared::process::{Action, TransitionRequest};
    let session = use_session();
    let reason = use_state(String::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            reason.set(area.value());
        })
    };
    let run = |action: Action| {
        let (session, reason, failure, busy, on_moved, id) = (
            session.clone(),
            reason.clone(),
            failure.clone(),
            busy.clone(),
            props.on_moved.clone(),
            props.application.id,
        );
        Callback::from(move |_: MouseEvent| {
            let request = TransitionRequest {
                action,
                reason: Some((*reason).clone()),
            };
            if let Err(errors) = request.checked_reason() {
                failure.set(
                    errors
                        .get("reason")
                        .and_then(|m| m.first())
                        .map(|m| m.say(lang)),
                );
                return;
            }
            busy.set(true);
            let (session, reason, failure, busy, on_moved) = (
                session.clone(),
                reason.clone(),
                failure.clone(),
                busy.clone(),
                on_moved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| {
                    let request = request.clone();
                    async move { api::transition_application(&token, id, &request).await }
                })
                .await;
                busy.set(false);
                match result {
                    Ok(moved) => {
                        failure.set(None);
                        reason.set(String::new());
                        on_moved.emit(moved);
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    // The exam's steps carry dates and scores: the exam panel takes them.
    let actions: Vec<Action> = props
        .application
        .actions
        .iter()
        .copied()
        .filter(|a| !a.has_own_operation())
        .collect();
    let actions = &actions;
    html! {
        <section class="card" aria-labelledby="process-heading">
            <h2 id="process-heading">{ t(lang, "apps-process") }</h2>
            <p>{ Text::new("apps-status-now").with("status", props.application.status.text()).say(lang) }</p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if actions.is_empty() {
                <p class="muted">{
                    t(lang, match props.application.status {
                        s if !s.is_open() => "apps-closed",
                        ApplicationStatus::Draft | ApplicationStatus::Deferred | ApplicationStatus::RevisionRequested => "apps-waiting-applicant",
                        _ => "apps-nothing-to-do",
                    })
                }</p>
            } else {
                <div class="field">
                    <label for="field-transition-reason">{ t(lang, "apps-reason") }</label>
                    <p class="field__hint" id="field-transition-reason-hint">
                        { t(lang, "apps-reason-hint") }
                    </p>
                    <textarea id="field-transition-reason" rows="3" value={(*reason).clone()} oninput={on_reason}
                        aria-describedby="field-transition-reason-hint" maxlength="5000" />
                </div>
                <div class="entry__actions">
                    { for actions.iter().map(|action| html! {
                        <button type="button" class="button button--secondary" disabled={*busy} onclick={run(*action)}>
                            { action.text().say(lang) }
                        </button>
                    }) }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AuditLogProps {
    id: ApplicationId,
    /// Reloads the log when the application changes.
    version: i64,
}

/// Who did what, when, from where and why; with a CSV download.
#[function_component(AuditLog)]
fn audit_log(props: &AuditLogProps) -> Html {
    use endorse_shared::process::{Action, AuditEvent};
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let events = use_state(|| None::<Vec<AuditEvent>>);
    let failure = use_state(|| None::<String>);
    {
        let (session, events, failure, id) =
            (session.clone(), events.clone(), failure.clone(), props.id);
        use_effect_with((id, props.version), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::application_audit(&token, id).await
                })
                .await
                {
                    Ok(found) => events.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let download = {
        let (session, failure, id) = (session.clone(), failure.clone(), props.id);
        Callback::from(move |_: MouseEvent| {
            let (session, failure) = (session.clone(), failure.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::application_audit_csv(&token, id).await
                })
                .await
                {
                    Ok(csv) => {
                        if let Err(message) = crate::download::save_text(
                            &format!("application-{id}-audit.csv"),
                            "text/csv",
                            &csv,
                        ) {
                            failure.set(Some(message));
                        }
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{ t(lang, "apps-audit") }</h2>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <p><button type="button" class="button button--secondary" onclick={download}>{ t(lang, "apps-audit-download") }</button></p>
            {
                match &*events {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(list) => html! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "apps-audit")}>
                            <table class="table table--cards">
                                <thead><tr>
                                    <th scope="col">{ t(lang, "apps-audit-when") }</th><th scope="col">{ t(lang, "apps-audit-who") }</th>
                                    <th scope="col">{ t(lang, "apps-audit-what") }</th><th scope="col">{ t(lang, "apps-audit-why") }</th>
                                </tr></thead>
                                <tbody>
                                    { for list.iter().map(|e| {
                                        let who = e.actor.clone().unwrap_or_else(|| t(lang, "apps-audit-system"));
                                        let role = e.role.text().say(lang);
                                        // A step of the process is said in the reader's language; any
                                        // other event as it was recorded, in the record's language.
                                        let what = match (Action::parse(&e.action), e.from_status, e.to_status) {
                                            (Some(action), Some(from), Some(to)) if from != to => html! {
                                                { Text::new("apps-audit-step").with("action", action.text()).with("from", from.text()).with("to", to.text()).say(lang) }
                                            },
                                            _ => html! { <span lang="en">{ &e.details }</span> },
                                        };
                                        html! {
                                            <tr>
                                                <td data-label={t(lang, "apps-audit-when")}>{ format::date_time(e.at.naive_utc(), lang) }</td>
                                                <td data-label={t(lang, "apps-audit-who")} class="break">{ match &e.ip {
                                                    Some(ip) => Text::new("apps-audit-who-from").with("who", who).with("role", role).with("ip", ip).say(lang),
                                                    None => Text::new("apps-audit-who-as").with("who", who).with("role", role).say(lang),
                                                } }</td>
                                                <td data-label={t(lang, "apps-audit-what")}>{ what }</td>
                                                <td data-label={t(lang, "apps-audit-why")}>{ e.reason.clone().unwrap_or_default() }</td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    },
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ApplicantReferencesProps {
    user: endorse_shared::UserId,
}

/// The applicant's reference requests as staff see them: the answers, whether
/// each counts, and the signals worth a second look.
#[function_component(ApplicantReferences)]
fn applicant_references(props: &ApplicantReferencesProps) -> Html {
    use endorse_shared::references::ReviewedReference;
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let found = use_state(|| None::<Vec<ReviewedReference>>);
    let failure = use_state(|| None::<String>);
    {
        let (session, found, failure, user) =
            (session.clone(), found.clone(), failure.clone(), props.user);
        use_effect_with(user, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::user_references(&token, user).await
                })
                .await
                {
                    Ok(list) => found.set(Some(list)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    html! {
        <section class="card" aria-labelledby="references-heading">
            <h2 id="references-heading">{ t(lang, "apps-references") }</h2>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            {
                match &*found {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(list) if list.is_empty() => html! { <p>{ t(lang, "apps-no-references") }</p> },
                    Some(list) => html! {
                        <ul class="entries">
                            { for list.iter().map(|reviewed| {
                                let view = &reviewed.reference;
                                html! {
                                    <li class="entry">
                                        <p class="entry__summary break">{ format!("{} <{}> — {}", view.request.referee_name, view.request.referee_email, view.request.relationship.text().say(lang)) }</p>
                                        <p class="entry__meta">{ Text::new(if view.request.waive_access { "apps-reference-meta-waived" } else { "apps-reference-meta" })
                                            .with("status", view.status.text()).with("category", &view.request.category).say(lang) }</p>
                                        { for reviewed.signals.iter().map(|signal| html! {
                                            <p class="entry__verdict entry__verdict--not">{ Text::new("apps-signal").with("signal", signal.describe()).say(lang) }</p>
                                        }) }
                                        if let Some(counting) = &view.counting {
                                            <p class={classes!("entry__verdict", if counting.counts { "entry__verdict--counts" } else { "entry__verdict--not" })}>
                                                { if counting.counts { t(lang, "apps-counts") } else { Text::new("apps-does-not-count").with("reasons", counting.reasons.join("; ")).say(lang) } }
                                            </p>
                                        }
                                        if let Some(reason) = &view.declined_reason {
                                            <p>{ Text::new("apps-declined").with("reason", reason).say(lang) }</p>
                                        }
                                        if let Some(imported) = &view.imported {
                                            <p class="entry__meta">{ Text::new("import-rating-summary")
                                                .with("day", format::date(imported.given_on, lang))
                                                .with("recommendation", imported.recommendation.text())
                                                .with("relationship", imported.relationship.text())
                                                .with("unrated", imported.not_enough_information)
                                                .say(lang) }</p>
                                            if !imported.comments.is_empty() {
                                                <blockquote>{ &imported.comments }</blockquote>
                                            }
                                        }
                                        if let Some(answer) = &view.answer {
                                            <details>
                                                <summary>{ t(lang, "apps-the-rating") }</summary>
                                                <dl class="ratings">
                                                    { for answer.ratings.iter().map(|(domain, rating)| html! {
                                                        <><dt>{ domain.replace('_', " ") }</dt><dd>{ rating.text().say(lang) }</dd></>
                                                    }) }
                                                </dl>
                                                <p>{ Text::new("apps-rating-summary").with("recommendation", answer.recommendation.text()).with("relationship", answer.relationship.text()).with("since", answer.known_since).say(lang) }</p>
                                                if !answer.comments.is_empty() {
                                                    <blockquote>{ &answer.comments }</blockquote>
                                                }
                                            </details>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}

/// Props of [`Verifications`].
#[derive(Properties, PartialEq)]
pub(crate) struct VerificationsProps {
    /// Whose portfolio.
    pub user: endorse_shared::UserId,
}

/// What only the association can confirm: memberships, and RSC providers who
/// are not endorsed.
#[function_component(Verifications)]
pub(crate) fn verifications(props: &VerificationsProps) -> Html {
    use endorse_shared::entries::{EntryData, PortfolioEntry};
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let entries = use_state(Vec::<PortfolioEntry>::new);
    let failure = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (session, entries, failure, user) = (
            session.clone(),
            entries.clone(),
            failure.clone(),
            props.user,
        );
        use_effect_with((user, *reload), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::user_portfolio(&token, user).await
                })
                .await
                {
                    Ok(found) => entries.set(found.entries),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let pending: Vec<PortfolioEntry> = entries
        .iter()
        .filter(|e| match &e.data {
            EntryData::Membership(m) => !m.verified,
            EntryData::Rsc(r) => r.provider_category.is_none() && !r.provider_vetted,
            _ => false,
        })
        .cloned()
        .collect();
    let verify = |entry: PortfolioEntry| {
        let (session, failure, reload, user) =
            (session.clone(), failure.clone(), reload.clone(), props.user);
        Callback::from(move |_: MouseEvent| {
            let (session, failure, reload, entry) = (
                session.clone(),
                failure.clone(),
                reload.clone(),
                entry.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let done = authorized(&session, |token| {
                    let entry = entry.clone();
                    async move { api::verify_entry(&token, user, &entry).await }
                })
                .await;
                match done {
                    Ok(_) => reload.set(*reload + 1),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="verify-heading">
            <h2 id="verify-heading">{ t(lang, "apps-verifications") }</h2>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if pending.is_empty() {
                <p class="muted">{ t(lang, "apps-nothing-to-verify") }</p>
            } else {
                <ul class="entries">
                    { for pending.into_iter().map(|entry| {
                        let label = t(lang, match entry.data { EntryData::Membership(_) => "apps-verify-membership", _ => "apps-vet-provider" });
                        html! {
                            <li class="entry">
                                <p class="entry__summary">{ summary(&entry.data, lang) }</p>
                                <button type="button" class="button button--secondary" onclick={verify(entry.clone())}>{ label }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// Props of [`WaitChart`].
#[derive(Properties, PartialEq)]
struct WaitChartProps {
    stages: Vec<endorse_shared::applications::PipelineStage>,
}

/// Time in each stage at a glance: a bar per status, as long as its median
/// wait, with the oldest marked; the same numbers in a table beneath.
#[function_component(WaitChart)]
fn wait_chart(props: &WaitChartProps) -> Html {
    let lang = crate::i18n::use_lang();
    let waiting: Vec<_> = props
        .stages
        .iter()
        .filter(|s| s.count > 0 && s.oldest_days.is_some())
        .collect();
    if waiting.is_empty() {
        return html! {};
    }
    let longest = waiting
        .iter()
        .filter_map(|s| s.oldest_days)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let share = |days: i64| format!("{:.1}%", (days.max(0) as f64 / longest * 100.0).min(100.0));
    html! {
        <figure class="wait-chart">
            <figcaption>{ t(lang, "pipeline-chart-title") }</figcaption>
            <div class="wait-chart__rows" aria-hidden="true">
                { for waiting.iter().map(|stage| {
                    let median = stage.median_days.unwrap_or(0);
                    let oldest = stage.oldest_days.unwrap_or(0);
                    html! {
                        <div class="wait-chart__row">
                            <span class="wait-chart__label">{ stage.status.text().say(lang) }</span>
                            <span class="wait-chart__track">
                                <span class="wait-chart__bar" style={format!("width: {}", share(median))}></span>
                                <span class="wait-chart__oldest" style={format!("left: {}", share(oldest))}></span>
                            </span>
                            <span class="wait-chart__value">{ Text::new("pipeline-days").with("days", median).say(lang) }</span>
                        </div>
                    }
                }) }
                <p class="wait-chart__legend">{ t(lang, "pipeline-chart-legend") }</p>
            </div>
            <details>
                <summary>{ t(lang, "pipeline-chart-numbers") }</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "pipeline-chart-title")}>
                    <table class="table">
                        <caption class="visually-hidden">{ t(lang, "pipeline-chart-title") }</caption>
                        <thead><tr>
                            <th scope="col">{ t(lang, "pipeline-status") }</th>
                            <th scope="col">{ t(lang, "pipeline-count") }</th>
                            <th scope="col">{ t(lang, "pipeline-median") }</th>
                            <th scope="col">{ t(lang, "pipeline-oldest") }</th>
                        </tr></thead>
                        <tbody>
                            { for waiting.iter().map(|stage| html! {
                                <tr>
                                    <th scope="row">{ stage.status.text().say(lang) }</th>
                                    <td>{ stage.count }</td>
                                    <td>{ stage.median_days.unwrap_or(0) }</td>
                                    <td>{ stage.oldest_days.unwrap_or(0) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
