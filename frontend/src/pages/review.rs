//! Reviewers: their assignments and exams to score, the review of one
//! application (the submitted portfolio, flags for the applicant, the form),
//! and the scoring of one exam's answers.

use crate::api::{self, ApiError};
use crate::components::{Alert, PageTitle};
use crate::pages::portfolio::summary;
use crate::route::Route;
use crate::session::{authorized, use_session, SessionHandle};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::entries::EditableSection;
use endorse_shared::exam::{ScoringPacket, ScoringSummary, VignetteScores};
use endorse_shared::process::Action;
use endorse_shared::review::{
    AssignmentState, Flag, InformationItem, InformationRequest, MyAssignment, ReasonRequest,
    Recommendation, ReviewForm, ReviewPacket, ReviewSection, Verdict,
};
use endorse_shared::rulebook::RubricLevel;
use endorse_shared::{AssignmentId, EntryId};
use std::collections::BTreeMap;
use std::future::Future;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// Runs `call` with the session's token and hands the outcome to `done`.
pub(crate) fn spawn<T, F, Fut>(
    session: &SessionHandle,
    call: F,
    done: impl FnOnce(Result<T, ApiError>) + 'static,
) where
    T: 'static,
    F: Fn(String) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let session = session.clone();
    wasm_bindgen_futures::spawn_local(async move {
        done(authorized(&session, call).await);
    });
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%B %-d, %Y").to_string()
}

/// Props of a labelled text area.
#[derive(Properties, PartialEq)]
pub(crate) struct AreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub errors: Vec<String>,
    #[prop_or(4)]
    pub rows: u32,
    #[prop_or(false)]
    pub disabled: bool,
}

/// A labelled text area with its hint and errors.
#[function_component(Area)]
pub(crate) fn area(props: &AreaProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let mut described = Vec::new();
    if props.hint.is_some() {
        described.push(hint_id.clone());
    }
    if !props.errors.is_empty() {
        described.push(error_id.clone());
    }
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_change.emit(area.value());
        })
    };
    html! {
        <div class={classes!("field", (!props.errors.is_empty()).then_some("field--invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            if let Some(hint) = &props.hint {
                <p class="field__hint" id={hint_id}>{ hint }</p>
            }
            <textarea id={props.id.clone()} rows={props.rows.to_string()} value={props.value.clone()} {oninput}
                disabled={props.disabled}
                aria-invalid={(!props.errors.is_empty()).to_string()}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))} />
            if !props.errors.is_empty() {
                <ul class="field__errors" id={error_id}>{ for props.errors.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
            }
        </div>
    }
}

// ---------------------------------------------------------------------------
// The list

/// A reviewer's home: their reviews and the exams they score.
#[function_component(ReviewsPage)]
pub fn reviews_page() -> Html {
    let session = use_session();
    let reviews = use_state(|| None::<Vec<MyAssignment>>);
    let scoring = use_state(|| None::<Vec<ScoringSummary>>);
    let failure = use_state(|| None::<String>);
    {
        let (session, reviews, scoring, failure) = (
            session.clone(),
            reviews.clone(),
            scoring.clone(),
            failure.clone(),
        );
        use_effect_with((), move |_| {
            let failure2 = failure.clone();
            spawn(
                &session,
                |token| async move { api::my_reviews(&token).await },
                move |result| match result {
                    Ok(list) => reviews.set(Some(list)),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
            spawn(
                &session,
                |token| async move { api::my_scoring(&token).await },
                move |result| match result {
                    Ok(list) => scoring.set(Some(list)),
                    Err(error) => failure2.set(Some(error.message())),
                },
            );
        });
    }
    html! {
        <>
            <PageTitle title="Your reviews" />
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <section class="card" aria-labelledby="assigned-heading">
                <h2 id="assigned-heading">{ "Applications assigned to you" }</h2>
                {
                    match &*reviews {
                        None => html! { <p role="status">{ "Loading…" }</p> },
                        Some(list) if list.is_empty() => html! { <p class="muted">{ "Nothing is assigned to you now. The association e-mails you when something is." }</p> },
                        Some(list) => html! {
                            <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                                <table class="table">
                                    <thead><tr><th>{ "Application" }</th><th>{ "Category" }</th><th>{ "Due" }</th><th>{ "Your review" }</th><th>{ "Application status" }</th></tr></thead>
                                    <tbody>
                                        { for list.iter().map(|a| html! {
                                            <tr>
                                                <td><Link<Route> to={Route::Review { id: a.id.to_string() }}>{ a.applicant.clone().unwrap_or_else(|| a.reference.clone()) }</Link<Route>></td>
                                                <td>{ format!("{} — {}", a.category, a.category_name) }</td>
                                                <td>
                                                    { date(a.due_at) }
                                                    if a.overdue { { " " }<span class="badge badge--short">{ "Overdue" }</span> }
                                                </td>
                                                <td><span class="badge">{ a.state.label() }</span></td>
                                                <td>{ a.application_status.label() }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                        },
                    }
                }
            </section>
            if let Some(list) = &*scoring {
                if !list.is_empty() {
                    <section class="card" aria-labelledby="scoring-heading">
                        <h2 id="scoring-heading">{ "Exams to score" }</h2>
                        <p class="muted">{ "You see the answers only, never who wrote them." }</p>
                        <ul class="entries">
                            { for list.iter().map(|s| html! {
                                <li class="entry">
                                    <p class="entry__summary">
                                        <Link<Route> to={Route::Scoring { id: s.id.to_string() }}>{ format!("Exam {}", s.reference) }</Link<Route>>
                                        { " " }
                                        <span class="badge">{
                                            if s.submitted_at.is_some() { "Marks submitted" } else if s.ready { "Ready to score" } else { "Answers not handed in yet" }
                                        }</span>
                                    </p>
                                </li>
                            }) }
                        </ul>
                    </section>
                }
            }
        </>
    }
}

// ---------------------------------------------------------------------------
// One review

/// Props of [`ReviewPage`].
#[derive(Properties, PartialEq)]
pub struct ReviewPageProps {
    /// The assignment's id, from the address.
    pub id: AttrValue,
}

fn field_label(key: &str, packet: &ReviewPacket) -> String {
    if let Some(code) = key.strip_prefix("scores.") {
        if let Some(domain) = packet.rules.domains.iter().find(|d| d.code == code) {
            return format!("Score for {}", domain.name);
        }
    }
    if let Some(rest) = key.strip_prefix("sections.") {
        let section = rest.split('.').next().unwrap_or(rest);
        if let Some(s) = ReviewSection::ALL.iter().find(|s| s.as_str() == section) {
            return s.label().to_string();
        }
    }
    match key {
        "recommendation" => "Recommendation".into(),
        "rationale" => "Rationale".into(),
        other => other.to_string(),
    }
}

/// The review of one assignment.
#[function_component(ReviewPage)]
pub fn review_page(props: &ReviewPageProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let packet = use_state(|| None::<ReviewPacket>);
    let form = use_state(ReviewForm::default);
    let version = use_state(|| 0i64);
    let failure = use_state(|| None::<String>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let notice = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let flags = use_state(BTreeMap::<EntryId, String>::new);
    let conflict_reason = use_state(String::new);
    let released = use_state(|| false);
    let id = props.id.parse::<AssignmentId>().ok();
    let load = {
        let (session, packet, form, version, failure) = (
            session.clone(),
            packet.clone(),
            form.clone(),
            version.clone(),
            failure.clone(),
        );
        Callback::from(move |_: ()| {
            let Some(id) = id else {
                failure.set(Some("There is no such review of yours.".into()));
                return;
            };
            let (packet, form, version, failure) = (
                packet.clone(),
                form.clone(),
                version.clone(),
                failure.clone(),
            );
            spawn(
                &session,
                move |token| async move { api::review_packet(&token, id).await },
                move |result| match result {
                    Ok(found) => {
                        form.set(found.review.clone());
                        version.set(found.version);
                        packet.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };
    {
        let load = load.clone();
        use_effect_with(props.id.clone(), move |_| load.emit(()));
    }
    if *released {
        return html! {
            <>
                <PageTitle title="Conflict declared" />
                <p role="status">{ "Thank you. You are released from this review, and the association has been told." }</p>
                <p><Link<Route> to={Route::Reviews}>{ "Back to your reviews" }</Link<Route>></p>
            </>
        };
    }
    let Some(current) = (*packet).clone() else {
        return html! {
            <>
                <PageTitle title="Review" />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ "Loading…" }</p> }
            </>
        };
    };
    let Some(id) = id else { return html! {} };
    let editable = current.assignment.state == AssignmentState::Active;
    let can_flag = editable && current.actions.contains(&Action::RequestRevision);

    let edit = |change: std::rc::Rc<dyn Fn(&mut ReviewForm)>| {
        let form = form.clone();
        Callback::from(move |_: ()| {
            let mut next = (*form).clone();
            change(&mut next);
            form.set(next);
        })
    };
    let save = {
        let (session, form, version, failure, errors, notice, busy) = (
            session.clone(),
            form.clone(),
            version.clone(),
            failure.clone(),
            errors.clone(),
            notice.clone(),
            busy.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (request, at) = ((*form).clone(), *version);
            let (version, failure, errors, notice, busy) = (
                version.clone(),
                failure.clone(),
                errors.clone(),
                notice.clone(),
                busy.clone(),
            );
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::save_review(&token, id, at, &request).await }
                },
                move |result| {
                    busy.set(false);
                    match result {
                        Ok(saved) => {
                            version.set(saved);
                            failure.set(None);
                            errors.set(BTreeMap::new());
                            notice.set(Some("Draft saved.".into()));
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
    let submit = {
        let (session, form, version, failure, errors, notice, busy, packet) = (
            session.clone(),
            form.clone(),
            version.clone(),
            failure.clone(),
            errors.clone(),
            notice.clone(),
            busy.clone(),
            packet.clone(),
        );
        let rules = current.rules.clone();
        Callback::from(move |_: MouseEvent| {
            let request = (*form).clone();
            let problems = request.problems(&rules, true);
            if !problems.is_empty() {
                errors.set(crate::i18n::said(problems, lang));
                failure.set(Some(
                    "Some answers are missing or wrong; they are listed below.".into(),
                ));
                return;
            }
            let at = *version;
            let (version, failure, errors, notice, busy, packet) = (
                version.clone(),
                failure.clone(),
                errors.clone(),
                notice.clone(),
                busy.clone(),
                packet.clone(),
            );
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::submit_review(&token, id, at, &request).await }
                },
                move |result| {
                    busy.set(false);
                    match result {
                        Ok(done) => {
                            version.set(done.version);
                            failure.set(None);
                            errors.set(BTreeMap::new());
                            notice.set(Some("Your review is submitted. Thank you.".into()));
                            packet.set(Some(done));
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
    let ask = {
        let (session, flags, failure, notice, busy, packet, errors) = (
            session.clone(),
            flags.clone(),
            failure.clone(),
            notice.clone(),
            busy.clone(),
            packet.clone(),
            errors.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = InformationRequest {
                flags: flags
                    .iter()
                    .map(|(entry, message)| Flag {
                        entry: *entry,
                        message: message.clone(),
                    })
                    .collect(),
            };
            let (flags, failure, notice, busy, packet, errors) = (
                flags.clone(),
                failure.clone(),
                notice.clone(),
                busy.clone(),
                packet.clone(),
                errors.clone(),
            );
            busy.set(true);
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::request_information(&token, id, &request).await }
                },
                move |result| {
                    busy.set(false);
                    match result {
                        Ok(found) => {
                            flags.set(BTreeMap::new());
                            failure.set(None);
                            notice.set(Some(
                                "The applicant has been asked. You can go on once they answer."
                                    .into(),
                            ));
                            packet.set(Some(found));
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
    let declare = {
        let (session, conflict_reason, failure, released) = (
            session.clone(),
            conflict_reason.clone(),
            failure.clone(),
            released.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = ReasonRequest {
                reason: (*conflict_reason).clone(),
            };
            if let Err(problems) = request.checked() {
                failure.set(
                    problems
                        .get("reason")
                        .and_then(|m| m.first())
                        .map(|m| format!("Reason: {m}")),
                );
                return;
            }
            let (failure, released) = (failure.clone(), released.clone());
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::declare_conflict(&token, id, &request).await }
                },
                move |result| match result {
                    Ok(()) => released.set(true),
                    Err(error) => failure.set(Some(error.message())),
                },
            );
        })
    };

    let snapshot = &current.snapshot;
    let section_of = |section: ReviewSection| -> Option<EditableSection> {
        match section {
            ReviewSection::Education => Some(EditableSection::Education),
            ReviewSection::Work => Some(EditableSection::Work),
            ReviewSection::Training => Some(EditableSection::Training),
            ReviewSection::Rsc => Some(EditableSection::Rsc),
            ReviewSection::References => None,
        }
    };
    let flag_toggle = |entry: EntryId| {
        let flags = flags.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut next = (*flags).clone();
            if input.checked() {
                next.insert(entry, String::new());
            } else {
                next.remove(&entry);
            }
            flags.set(next);
        })
    };
    let flag_message = |entry: EntryId| {
        let flags = flags.clone();
        Callback::from(move |text: String| {
            let mut next = (*flags).clone();
            next.insert(entry, text);
            flags.set(next);
        })
    };
    let errs = |key: &str| errors.get(key).cloned().unwrap_or_default();
    let a = &current.assignment;
    let title = match &a.applicant {
        Some(name) => format!("Review: {name} — {}", a.category),
        None => format!("Review: application {}", a.reference),
    };

    let portfolio = html! {
        <section class="card" aria-labelledby="portfolio-heading">
            <h2 id="portfolio-heading">{ format!("The submitted portfolio (round {})", snapshot.round) }</h2>
            if can_flag {
                <p class="muted">{ "To ask the applicant about an entry, tick \u{201c}Ask about this entry\u{201d}, say what is missing, then send all your questions at once below." }</p>
            }
            { for ReviewSection::ALL.iter().filter(|s| current.rules.sections.contains(s) || **s == ReviewSection::References).map(|section| {
                let editable_section = section_of(*section);
                let note = editable_section.and_then(|es| current.notes.iter().find(|n| n.section == es));
                html! {
                    <>
                        <h3>{ section.label() }</h3>
                        if let Some(note) = note {
                            <p class="muted">{ format!("The applicant's note: {}", note.note) }</p>
                        }
                        <ul class="entries">
                        {
                            match editable_section {
                                Some(es) => html! { for snapshot.entries.iter().filter(|e| e.data.section() == es).map(|entry| {
                                    let flagged = flags.contains_key(&entry.id);
                                    let box_id = format!("flag-{}", entry.id);
                                    let amended = current.information_requests.iter().any(|i| i.entry == entry.id && i.answered_at.is_some());
                                    html! {
                                        <li class="entry">
                                            <p class="entry__summary">
                                                { summary(&entry.data, crate::i18n::asked()) }
                                                if amended { { " " }<span class="badge">{ "Amended" }</span> }
                                            </p>
                                            { document_button(&session, &failure, &entry.data) }
                                            if can_flag {
                                                <div class="check">
                                                    <input type="checkbox" id={box_id.clone()} checked={flagged} onchange={flag_toggle(entry.id)} />
                                                    <label for={box_id}>{ "Ask about this entry" }</label>
                                                </div>
                                                if flagged {
                                                    <Area id={format!("flag-message-{}", entry.id)} label="What is missing or unclear?"
                                                        value={flags.get(&entry.id).cloned().unwrap_or_default()}
                                                        on_change={flag_message(entry.id)} rows={2} />
                                                }
                                            }
                                        </li>
                                    }
                                }) },
                                None => html! { for current.references.iter().filter(|r| r.reference.replaced_by.is_none()).map(|reviewed| { let r = &reviewed.reference; html! {
                                    <li class="entry">
                                        <p class="entry__summary">{ format!("{} ({}), {}: {}", r.request.referee_name, r.request.relationship.label(), r.request.referee_email, r.status.label()) }</p>
                                        if !reviewed.signals.is_empty() {
                                            <ul class="signals" aria-label="Look twice">
                                                { for reviewed.signals.iter().map(|signal| html! { <li class="entry__verdict entry__verdict--not">{ signal.describe() }</li> }) }
                                            </ul>
                                        }
                                        if let Some(answer) = &r.answer {
                                            <details>
                                                <summary>{ "The rating" }</summary>
                                                <ul>
                                                    { for answer.ratings.iter().map(|(domain, rating)| html! { <li>{ format!("{}: {}", current.rules.domains.iter().find(|d| &d.code == domain).map_or(domain.as_str(), |d| d.name.get(lang)), rating.label()) }</li> }) }
                                                </ul>
                                                if !answer.comments.is_empty() { <p>{ format!("Comments: {}", answer.comments) }</p> }
                                                <p>{ format!("Recommendation: {}", answer.recommendation.label()) }</p>
                                            </details>
                                        }
                                    </li>
                                }}) },
                            }
                        }
                        </ul>
                    </>
                }
            }) }
            if can_flag && !flags.is_empty() {
                <button type="button" class="button button--secondary" disabled={*busy} onclick={ask}>
                    { format!("Ask the applicant about {} entr{}", flags.len(), if flags.len() == 1 { "y" } else { "ies" }) }
                </button>
            }
        </section>
    };

    let requests = if current.information_requests.is_empty() {
        html! {}
    } else {
        html! {
            <section class="card" aria-labelledby="requests-heading">
                <h2 id="requests-heading">{ "Requests for information" }</h2>
                <ul class="entries">
                    { for current.information_requests.iter().map(information_item) }
                </ul>
            </section>
        }
    };

    let rubric = &current.rules.rubric;
    let form_html = html! {
        <section class="card" aria-labelledby="form-heading">
            <h2 id="form-heading">{ if editable { "Your review" } else { "Your review (submitted)" } }</h2>
            <h3>{ "Competencies" }</h3>
            <p class="muted">{ "Score each domain on the rubric. Each level says what it means." }</p>
            { for current.rules.domains.iter().map(|domain| {
                let code = domain.code.clone();
                let chosen = form.scores.get(&code).copied();
                let key = format!("scores.{code}");
                html! {
                    <fieldset class={classes!("fieldset", errors.contains_key(&key).then_some("field--invalid"))}>
                        <legend>{ domain.name.get(lang) }</legend>
                        <div class="rubric">
                        { for rubric.iter().map(|level: &RubricLevel| {
                            let score = level.score;
                            let input_id = format!("score-{code}-{score}");
                            let code = code.clone();
                            let pick = edit(std::rc::Rc::new(move |f: &mut ReviewForm| { f.scores.insert(code.clone(), score); }));
                            html! {
                                <div class="choice">
                                    <input type="radio" id={input_id.clone()} name={format!("score-{}", domain.code)} checked={chosen == Some(score)}
                                        disabled={!editable} onchange={Callback::from(move |_: Event| pick.emit(()))} />
                                    <label for={input_id}><strong>{ format!("{} \u{2014} {}", score, level.label) }</strong><span class="muted">{ format!(" {}", level.anchor) }</span></label>
                                </div>
                            }
                        }) }
                        </div>
                        { for errs(&key).iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
                    </fieldset>
                }
            }) }
            <h3>{ "Sections" }</h3>
            { for current.rules.sections.iter().map(|section| {
                let section = *section;
                let verdict = form.sections.get(&section).cloned().unwrap_or_default();
                let name = section.as_str();
                let choose = |value: Verdict| {
                    let set = edit(std::rc::Rc::new(move |f: &mut ReviewForm| {
                        f.sections.entry(section).or_default().verdict = Some(value);
                    }));
                    Callback::from(move |_: Event| set.emit(()))
                };
                let comment = {
                    let form = form.clone();
                    Callback::from(move |text: String| {
                        let mut next = (*form).clone();
                        next.sections.entry(section).or_default().comment = text;
                        form.set(next);
                    })
                };
                html! {
                    <fieldset class="fieldset">
                        <legend>{ section.label() }</legend>
                        <div class="choice">
                            <input type="radio" id={format!("verdict-{name}-yes")} name={format!("verdict-{name}")} disabled={!editable}
                                checked={verdict.verdict == Some(Verdict::Sufficient)} onchange={choose(Verdict::Sufficient)} />
                            <label for={format!("verdict-{name}-yes")}>{ "Sufficient" }</label>
                        </div>
                        <div class="choice">
                            <input type="radio" id={format!("verdict-{name}-no")} name={format!("verdict-{name}")} disabled={!editable}
                                checked={verdict.verdict == Some(Verdict::Insufficient)} onchange={choose(Verdict::Insufficient)} />
                            <label for={format!("verdict-{name}-no")}>{ "Insufficient" }</label>
                        </div>
                        { for errs(&format!("sections.{name}.verdict")).iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
                        <Area id={format!("verdict-{name}-comment")} label="Comment" value={verdict.comment.clone()} on_change={comment}
                            rows={2} disabled={!editable} errors={errs(&format!("sections.{name}.comment"))}
                            hint={AttrValue::from("Needed when insufficient: say what is missing.")} />
                    </fieldset>
                }
            }) }
            <div class={classes!("field", errors.contains_key("recommendation").then_some("field--invalid"))}>
                <label for="review-recommendation">{ "Recommendation" }</label>
                <select id="review-recommendation" disabled={!editable} onchange={{
                    let form = form.clone();
                    Callback::from(move |event: Event| {
                        let select: HtmlSelectElement = event.target_unchecked_into();
                        let mut next = (*form).clone();
                        next.recommendation = Recommendation::ALL.into_iter().find(|r| format!("{r:?}") == select.value());
                        form.set(next);
                    })
                }}>
                    <option value="" selected={form.recommendation.is_none()}>{ "Choose…" }</option>
                    { for current.rules.recommendations.iter().map(|r| html! {
                        <option value={format!("{r:?}")} selected={form.recommendation == Some(*r)}>{ r.label() }</option>
                    }) }
                </select>
                { for errs("recommendation").iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
            </div>
            <Area id="review-rationale" label="Rationale" value={form.rationale.clone()} rows={5} disabled={!editable}
                hint={AttrValue::from("Why you recommend this. The admin and the other reviewer read it; the applicant never does.")}
                errors={errs("rationale")}
                on_change={{
                    let form = form.clone();
                    Callback::from(move |text: String| {
                        let mut next = (*form).clone();
                        next.rationale = text;
                        form.set(next);
                    })
                }} />
            if editable {
                <div class="entry__actions">
                    <button type="button" class="button button--secondary" disabled={*busy} onclick={save}>{ "Save draft" }</button>
                    <button type="button" class="button" disabled={*busy || a.application_status != ApplicationStatus::UnderReview} onclick={submit}>{ "Submit the review" }</button>
                </div>
            }
        </section>
    };

    html! {
        <>
            <PageTitle title={title} />
            <p><Link<Route> to={Route::Reviews}>{ "All your reviews" }</Link<Route>></p>
            <p>
                { format!("{} \u{2014} {}. Due {}. Application: {}.", a.category, a.category_name, date(a.due_at), a.application_status.label()) }
                if a.overdue { { " " }<span class="badge badge--short">{ "Overdue" }</span> }
            </p>
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if !errors.is_empty() {
                <ul class="field__errors" aria-label="What to correct">
                    { for errors.iter().flat_map(|(key, messages)| messages.iter().map(move |m| (key.clone(), m.clone()))).map(|(key, m)| html! { <li>{ format!("{}: {m}", field_label(&key, &current)) }</li> }) }
                </ul>
            }
            if !current.peers.is_empty() {
                <section class="card" aria-labelledby="peers-heading">
                    <h2 id="peers-heading">{ "The other review" }</h2>
                    { for current.peers.iter().map(|peer| html! {
                        <div>
                            <p>{ format!("Submitted {}: {}", date(peer.submitted_at), peer.review.recommendation.map_or("no recommendation", |r| r.label())) }</p>
                            <p>{ &peer.review.rationale }</p>
                        </div>
                    }) }
                </section>
            }
            { requests }
            { portfolio }
            { form_html }
            if editable {
                <details class="card">
                    <summary>{ "Declare a conflict of interest" }</summary>
                    <p>{ "If you know the applicant in a way that could bias you, say so: you are released at once and not assigned to them again." }</p>
                    <Area id="conflict-reason" label="How you know the applicant" value={(*conflict_reason).clone()} rows={2}
                        on_change={{ let r = conflict_reason.clone(); Callback::from(move |t: String| r.set(t)) }} />
                    <button type="button" class="button button--quiet" onclick={declare}>{ "Declare the conflict" }</button>
                </details>
            }
        </>
    }
}

fn answer_lines(item: &InformationItem) -> Html {
    let Some(answer) = &item.answer else {
        return html! { <p class="muted">{ "Waiting for the applicant." }</p> };
    };
    let change = match &item.after {
        Some(after) if Some(after) != item.before.as_ref() => {
            html! { <p>{ format!("Amended to: {}", summary(after, crate::i18n::asked())) }</p> }
        }
        Some(_) => html! { <p class="muted">{ "The entry was not changed." }</p> },
        None => html! { <p class="muted">{ "The entry was removed." }</p> },
    };
    html! {
        <>
            <p>{ format!("Answer: {answer}") }</p>
            { change }
        </>
    }
}

/// A button that saves the entry's transcript or certificate, if it has one.
pub(crate) fn document_button(
    session: &SessionHandle,
    failure: &UseStateHandle<Option<String>>,
    data: &endorse_shared::entries::EntryData,
) -> Html {
    use endorse_shared::entries::EntryData;
    let (id, label) = match data {
        EntryData::Education(e) => (e.transcript, "Open the transcript"),
        EntryData::Training(t) => (t.certificate, "Open the certificate"),
        _ => (None, ""),
    };
    let Some(id) = id else { return html! {} };
    let (session, failure) = (session.clone(), failure.clone());
    let open = Callback::from(move |_: MouseEvent| {
        let failure = failure.clone();
        spawn(
            &session,
            move |token| async move { api::document(&token, id).await },
            move |result| match result {
                Ok((bytes, mime, name)) => {
                    if let Err(message) = crate::download::save_bytes(&name, &mime, &bytes) {
                        failure.set(Some(message));
                    }
                }
                Err(error) => failure.set(Some(error.message())),
            },
        );
    });
    html! { <button type="button" class="button button--quiet" onclick={open}>{ label }</button> }
}

/// A flagged entry with its answer and what changed.
pub(crate) fn information_item(item: &InformationItem) -> Html {
    html! {
        <li class="entry">
            <p class="entry__summary">{ format!("{}: {}", item.section.label(), item.message) }</p>
            if let Some(before) = &item.before {
                <p class="muted">{ format!("As submitted: {}", summary(before, crate::i18n::asked())) }</p>
            }
            { answer_lines(item) }
        </li>
    }
}

// ---------------------------------------------------------------------------
// Scoring an exam

/// Props of [`ScoringPage`].
#[derive(Properties, PartialEq)]
pub struct ScoringPageProps {
    /// The scoring assignment's id.
    pub id: AttrValue,
}

/// Scoring one exam's Part 2.
#[function_component(ScoringPage)]
pub fn scoring_page(props: &ScoringPageProps) -> Html {
    let session = use_session();
    let packet = use_state(|| None::<ScoringPacket>);
    let marks = use_state(VignetteScores::default);
    let failure = use_state(|| None::<String>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let notice = use_state(|| None::<String>);
    let id = props.id.parse::<AssignmentId>().ok();
    {
        let (session, packet, marks, failure) = (
            session.clone(),
            packet.clone(),
            marks.clone(),
            failure.clone(),
        );
        use_effect_with(props.id.clone(), move |_| match id {
            None => failure.set(Some("There is no such exam for you to score.".into())),
            Some(id) => spawn(
                &session,
                move |token| async move { api::scoring_packet(&token, id).await },
                move |result| match result {
                    Ok(found) => {
                        marks.set(found.marks.clone());
                        packet.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                },
            ),
        });
    }
    let Some(current) = (*packet).clone() else {
        return html! {
            <>
                <PageTitle title="Exam scoring" />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ "Loading…" }</p> }
            </>
        };
    };
    let Some(id) = id else { return html! {} };
    let editable = current.submitted_at.is_none() && !current.answers.answers.is_empty();
    let write = |submit: bool| {
        let (session, marks, failure, errors, notice, packet) = (
            session.clone(),
            marks.clone(),
            failure.clone(),
            errors.clone(),
            notice.clone(),
            packet.clone(),
        );
        let version = current.version;
        Callback::from(move |_: MouseEvent| {
            let request = (*marks).clone();
            let (failure, errors, notice, packet) = (
                failure.clone(),
                errors.clone(),
                notice.clone(),
                packet.clone(),
            );
            spawn(
                &session,
                move |token| {
                    let request = request.clone();
                    async move { api::write_marks(&token, id, version, &request, submit).await }
                },
                move |result| match result {
                    Ok(found) => {
                        failure.set(None);
                        errors.set(BTreeMap::new());
                        notice.set(Some(
                            if submit {
                                "Your marks are submitted. Thank you."
                            } else {
                                "Saved."
                            }
                            .into(),
                        ));
                        packet.set(Some(found));
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                },
            );
        })
    };
    html! {
        <>
            <PageTitle title={format!("Exam {}", current.reference)} />
            <p><Link<Route> to={Route::Reviews}>{ "All your reviews" }</Link<Route>></p>
            <p class="muted">{ format!("{} \u{2014} {}. Score each answer on the rubric; you never see who wrote them.", current.category, current.category_name) }</p>
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if current.answers.answers.is_empty() {
                <p>{ "The answers are not handed in yet. Scoring opens when they are." }</p>
            }
            { for current.answers.answers.iter().map(|(number, answer)| {
                let number = *number;
                let key = format!("scores.{number}");
                html! {
                    <section class="card" aria-labelledby={format!("vignette-{number}")}>
                        <h2 id={format!("vignette-{number}")}>{ format!("Vignette {number}") }</h2>
                        <p class="answer">{ answer }</p>
                        <fieldset class={classes!("fieldset", errors.contains_key(&key).then_some("field--invalid"))}>
                            <legend>{ format!("Score for vignette {number}") }</legend>
                            { for current.rubric.iter().map(|level| {
                                let score = level.score;
                                let input_id = format!("mark-{number}-{score}");
                                let marks = marks.clone();
                                html! {
                                    <div class="choice">
                                        <input type="radio" id={input_id.clone()} name={format!("mark-{number}")} disabled={!editable}
                                            checked={marks.scores.get(&number) == Some(&score)}
                                            onchange={{ let marks = marks.clone(); Callback::from(move |_: Event| {
                                                let mut next = (*marks).clone();
                                                next.scores.insert(number, score);
                                                marks.set(next);
                                            }) }} />
                                        <label for={input_id}><strong>{ format!("{} \u{2014} {}", score, level.label) }</strong><span class="muted">{ format!(" {}", level.anchor) }</span></label>
                                    </div>
                                }
                            }) }
                            { for errors.get(&key).into_iter().flatten().map(|e| html! { <p class="field__errors">{ e }</p> }) }
                        </fieldset>
                    </section>
                }
            }) }
            if !current.answers.answers.is_empty() {
                <section class="card">
                    <Area id="marks-comment" label="Comment for the admin" value={marks.comment.clone()} rows={3} disabled={!editable}
                        on_change={{ let marks = marks.clone(); Callback::from(move |text: String| { let mut next = (*marks).clone(); next.comment = text; marks.set(next); }) }} />
                    if editable {
                        <div class="entry__actions">
                            <button type="button" class="button button--secondary" onclick={write(false)}>{ "Save draft" }</button>
                            <button type="button" class="button" onclick={write(true)}>{ "Submit the marks" }</button>
                        </div>
                    } else if current.submitted_at.is_some() {
                        <p class="muted">{ "Your marks are submitted." }</p>
                    }
                </section>
            }
        </>
    }
}
