//! Reviewers: their assignments and exams to score, the review of one
//! application (the submitted portfolio, flags for the applicant, the form),
//! and the scoring of one exam's answers.

use crate::api::{self, ApiError};
use crate::components::{Alert, PageTitle};
use crate::i18n::{t, Text};
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
    endorse_shared::i18n::format::day_of(at, crate::i18n::asked())
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
    let lang = crate::i18n::use_lang();
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
            <PageTitle title={t(lang, "review-your-reviews")} />
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            <section class="card" aria-labelledby="assigned-heading">
                <h2 id="assigned-heading">{ t(lang, "review-assigned") }</h2>
                {
                    match &*reviews {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(list) if list.is_empty() => html! { <p class="muted">{ t(lang, "review-nothing") }</p> },
                        Some(list) => html! {
                            <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                                <table class="table table--cards">
                                    <thead><tr><th>{ t(lang, "review-application") }</th><th>{ t(lang, "review-category") }</th><th>{ t(lang, "review-due") }</th><th>{ t(lang, "review-your-review") }</th><th>{ t(lang, "review-application-status") }</th></tr></thead>
                                    <tbody>
                                        { for list.iter().map(|a| html! {
                                            <tr>
                                                <td data-label={t(lang, "review-application")}><Link<Route> to={Route::Review { id: a.id.to_string() }}>{ a.applicant.clone().unwrap_or_else(|| a.reference.clone()) }</Link<Route>></td>
                                                <td data-label={t(lang, "review-category")}>{ format!("{} — {}", a.category, a.category_name) }</td>
                                                <td data-label={t(lang, "review-due")}>
                                                    { date(a.due_at) }
                                                    if a.overdue { { " " }<span class="badge badge--short">{ t(lang, "review-overdue") }</span> }
                                                </td>
                                                <td data-label={t(lang, "review-your-review")}><span class="badge">{ a.state.text().say(lang) }</span></td>
                                                <td data-label={t(lang, "review-application-status")}>{ a.application_status.text().say(lang) }</td>
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
                        <h2 id="scoring-heading">{ t(lang, "review-exams") }</h2>
                        <p class="muted">{ t(lang, "review-exams-blind") }</p>
                        <ul class="entries">
                            { for list.iter().map(|s| html! {
                                <li class="entry">
                                    <p class="entry__summary">
                                        <Link<Route> to={Route::Scoring { id: s.id.to_string() }}>{ Text::new("review-exam").with("reference", s.reference.as_str()).say(lang) }</Link<Route>>
                                        { " " }
                                        <span class="badge">{
                                            { t(lang, if s.submitted_at.is_some() { "review-marks-submitted" } else if s.ready { "review-ready" } else { "review-not-handed-in" }) }
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
    let lang = crate::i18n::asked();
    if let Some(code) = key.strip_prefix("scores.") {
        if let Some(domain) = packet.rules.domains.iter().find(|d| d.code == code) {
            return Text::new("review-score-for")
                .with("domain", &domain.name)
                .say(lang);
        }
    }
    if let Some(rest) = key.strip_prefix("sections.") {
        let section = rest.split('.').next().unwrap_or(rest);
        if let Some(s) = ReviewSection::ALL.iter().find(|s| s.as_str() == section) {
            return s.text().say(lang);
        }
    }
    match key {
        "recommendation" => t(lang, "review-recommendation"),
        "rationale" => t(lang, "review-rationale"),
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
                failure.set(Some(t(lang, "review-no-such")));
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
                <PageTitle title={t(lang, "review-conflict-declared")} />
                <p role="status">{ t(lang, "review-released") }</p>
                <p><Link<Route> to={Route::Reviews}>{ t(lang, "review-back") }</Link<Route>></p>
            </>
        };
    }
    let Some(current) = (*packet).clone() else {
        return html! {
            <>
                <PageTitle title={t(lang, "review-review")} />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "loading") }</p> }
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
                            notice.set(Some(t(lang, "review-draft-saved")));
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
                failure.set(Some(t(lang, "review-missing")));
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
                            notice.set(Some(t(lang, "review-submitted")));
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
                            notice.set(Some(t(lang, "review-asked")));
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
                failure.set(problems.get("reason").and_then(|m| m.first()).map(|m| {
                    Text::new("review-reason")
                        .with("reason", m.clone())
                        .say(lang)
                }));
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
        Some(name) => Text::new("review-title-named")
            .with("name", name.as_str())
            .with("category", a.category.as_str())
            .say(lang),
        None => Text::new("review-title")
            .with("reference", a.reference.as_str())
            .say(lang),
    };

    let portfolio = html! {
        <section class="card" aria-labelledby="portfolio-heading">
            <h2 id="portfolio-heading">{ Text::new("review-portfolio").with("round", snapshot.round).say(lang) }</h2>
            if can_flag {
                <p class="muted">{ t(lang, "review-how-to-ask") }</p>
            }
            { for ReviewSection::ALL.iter().filter(|s| current.rules.sections.contains(s) || **s == ReviewSection::References).map(|section| {
                let editable_section = section_of(*section);
                let note = editable_section.and_then(|es| current.notes.iter().find(|n| n.section == es));
                html! {
                    <>
                        <h3>{ section.text().say(lang) }</h3>
                        if let Some(note) = note {
                            <p class="muted">{ Text::new("review-note").with("note", note.note.as_str()).say(lang) }</p>
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
                                                if amended { { " " }<span class="badge">{ t(lang, "review-amended") }</span> }
                                            </p>
                                            { document_button(&session, &failure, &entry.data) }
                                            if can_flag {
                                                <div class="check">
                                                    <input type="checkbox" id={box_id.clone()} checked={flagged} onchange={flag_toggle(entry.id)} />
                                                    <label for={box_id}>{ t(lang, "review-ask-this") }</label>
                                                </div>
                                                if flagged {
                                                    <Area id={format!("flag-message-{}", entry.id)} label={t(lang, "review-what-missing")}
                                                        value={flags.get(&entry.id).cloned().unwrap_or_default()}
                                                        on_change={flag_message(entry.id)} rows={2} />
                                                }
                                            }
                                        </li>
                                    }
                                }) },
                                None => html! { for current.references.iter().filter(|r| r.reference.replaced_by.is_none()).map(|reviewed| { let r = &reviewed.reference; html! {
                                    <li class="entry">
                                        <p class="entry__summary">{ format!("{} ({}), {}: {}", r.request.referee_name, r.request.relationship.text().say(lang), r.request.referee_email, r.status.text().say(lang)) }</p>
                                        if !reviewed.signals.is_empty() {
                                            <ul class="signals" aria-label={t(lang, "review-look-twice")}>
                                                { for reviewed.signals.iter().map(|signal| html! { <li class="entry__verdict entry__verdict--not">{ signal.describe().say(lang) }</li> }) }
                                            </ul>
                                        }
                                        if let Some(imported) = &r.imported {
                                            <p class="entry__meta">{ Text::new("import-rating-summary")
                                                .with("day", endorse_shared::i18n::format::date(imported.given_on, lang))
                                                .with("recommendation", imported.recommendation.text())
                                                .with("relationship", imported.relationship.text())
                                                .with("unrated", imported.not_enough_information)
                                                .say(lang) }</p>
                                            if !imported.comments.is_empty() {
                                                <blockquote>{ &imported.comments }</blockquote>
                                            }
                                        }
                                        if let Some(answer) = &r.answer {
                                            <details>
                                                <summary>{ t(lang, "review-the-rating") }</summary>
                                                <ul>
                                                    { for answer.ratings.iter().map(|(domain, rating)| html! { <li>{ format!("{}: {}", current.rules.domains.iter().find(|d| &d.code == domain).map_or(domain.as_str(), |d| d.name.get(lang)), rating.text().say(lang)) }</li> }) }
                                                </ul>
                                                if !answer.comments.is_empty() { <p>{ Text::new("review-comments").with("comments", answer.comments.as_str()).say(lang) }</p> }
                                                <p>{ Text::new("review-referee-recommendation").with("recommendation", answer.recommendation.text()).say(lang) }</p>
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
                    { Text::new("review-ask-about").with("count", flags.len()).say(lang) }
                </button>
            }
        </section>
    };

    let requests = if current.information_requests.is_empty() {
        html! {}
    } else {
        html! {
            <section class="card" aria-labelledby="requests-heading">
                <h2 id="requests-heading">{ t(lang, "review-requests") }</h2>
                <ul class="entries">
                    { for current.information_requests.iter().map(information_item) }
                </ul>
            </section>
        }
    };

    let rubric = &current.rules.rubric;
    let form_html = html! {
        <section class="card" aria-labelledby="form-heading">
            <h2 id="form-heading">{ t(lang, if editable { "review-yours" } else { "review-yours-submitted" }) }</h2>
            <h3>{ t(lang, "review-competencies") }</h3>
            <p class="muted">{ t(lang, "review-score-each") }</p>
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
                                    <label for={input_id}><strong>{ format!("{} \u{2014} {}", score, level.label.get(lang)) }</strong><span class="muted">{ format!(" {}", level.anchor.get(lang)) }</span></label>
                                </div>
                            }
                        }) }
                        </div>
                        { for errs(&key).iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
                    </fieldset>
                }
            }) }
            <h3>{ t(lang, "review-sections") }</h3>
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
                        <legend>{ section.text().say(lang) }</legend>
                        <div class="choice">
                            <input type="radio" id={format!("verdict-{name}-yes")} name={format!("verdict-{name}")} disabled={!editable}
                                checked={verdict.verdict == Some(Verdict::Sufficient)} onchange={choose(Verdict::Sufficient)} />
                            <label for={format!("verdict-{name}-yes")}>{ t(lang, "review-sufficient") }</label>
                        </div>
                        <div class="choice">
                            <input type="radio" id={format!("verdict-{name}-no")} name={format!("verdict-{name}")} disabled={!editable}
                                checked={verdict.verdict == Some(Verdict::Insufficient)} onchange={choose(Verdict::Insufficient)} />
                            <label for={format!("verdict-{name}-no")}>{ t(lang, "review-insufficient") }</label>
                        </div>
                        { for errs(&format!("sections.{name}.verdict")).iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
                        <Area id={format!("verdict-{name}-comment")} label={t(lang, "review-comment")} value={verdict.comment.clone()} on_change={comment}
                            rows={2} disabled={!editable} errors={errs(&format!("sections.{name}.comment"))}
                            hint={AttrValue::from(t(lang, "review-comment-hint"))} />
                    </fieldset>
                }
            }) }
            <div class={classes!("field", errors.contains_key("recommendation").then_some("field--invalid"))}>
                <label for="review-recommendation">{ t(lang, "review-recommendation") }</label>
                <select id="review-recommendation" disabled={!editable} onchange={{
                    let form = form.clone();
                    Callback::from(move |event: Event| {
                        let select: HtmlSelectElement = event.target_unchecked_into();
                        let mut next = (*form).clone();
                        next.recommendation = Recommendation::ALL.into_iter().find(|r| format!("{r:?}") == select.value());
                        form.set(next);
                    })
                }}>
                    <option value="" selected={form.recommendation.is_none()}>{ t(lang, "review-choose") }</option>
                    { for current.rules.recommendations.iter().map(|r| html! {
                        <option value={format!("{r:?}")} selected={form.recommendation == Some(*r)}>{ r.text().say(lang) }</option>
                    }) }
                </select>
                { for errs("recommendation").iter().map(|e| html! { <p class="field__errors">{ e }</p> }) }
            </div>
            <Area id="review-rationale" label={t(lang, "review-rationale")} value={form.rationale.clone()} rows={5} disabled={!editable}
                hint={AttrValue::from(t(lang, "review-rationale-hint"))}
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
                    <button type="button" class="button button--secondary" disabled={*busy} onclick={save}>{ t(lang, "review-save-draft") }</button>
                    <button type="button" class="button" disabled={*busy || a.application_status != ApplicationStatus::UnderReview} onclick={submit}>{ t(lang, "review-submit") }</button>
                </div>
            }
        </section>
    };

    html! {
        <>
            <PageTitle title={title} />
            <p><Link<Route> to={Route::Reviews}>{ t(lang, "review-all") }</Link<Route>></p>
            <p>
                { Text::new("review-line").with("category", a.category.as_str()).with("name", a.category_name.as_str()).with("due", date(a.due_at)).with("status", a.application_status.text()).say(lang) }
                if a.overdue { { " " }<span class="badge badge--short">{ t(lang, "review-overdue") }</span> }
            </p>
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if !errors.is_empty() {
                <ul class="field__errors" aria-label={t(lang, "review-what-to-correct")}>
                    { for errors.iter().flat_map(|(key, messages)| messages.iter().map(move |m| (key.clone(), m.clone()))).map(|(key, m)| html! { <li>{ format!("{}: {m}", field_label(&key, &current)) }</li> }) }
                </ul>
            }
            if !current.peers.is_empty() {
                <section class="card" aria-labelledby="peers-heading">
                    <h2 id="peers-heading">{ t(lang, "review-other") }</h2>
                    { for current.peers.iter().map(|peer| html! {
                        <div>
                            <p>{ Text::new("review-peer").with("day", date(peer.submitted_at)).with("recommendation", peer.review.recommendation.map_or_else(|| t(lang, "review-no-recommendation"), |r| r.text().say(lang))).say(lang) }</p>
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
                    <summary>{ t(lang, "review-declare") }</summary>
                    <p>{ t(lang, "review-declare-text") }</p>
                    <Area id="conflict-reason" label={t(lang, "review-how-you-know")} value={(*conflict_reason).clone()} rows={2}
                        on_change={{ let r = conflict_reason.clone(); Callback::from(move |t: String| r.set(t)) }} />
                    <button type="button" class="button button--quiet" onclick={declare}>{ t(lang, "review-declare-button") }</button>
                </details>
            }
        </>
    }
}

fn answer_lines(item: &InformationItem) -> Html {
    let lang = crate::i18n::asked();
    let Some(answer) = &item.answer else {
        return html! { <p class="muted">{ t(lang, "review-waiting") }</p> };
    };
    let change = match &item.after {
        Some(after) if Some(after) != item.before.as_ref() => {
            html! { <p>{ Text::new("review-amended-to").with("entry", summary(after, lang)).say(lang) }</p> }
        }
        Some(_) => html! { <p class="muted">{ t(lang, "review-not-changed") }</p> },
        None => html! { <p class="muted">{ t(lang, "review-removed") }</p> },
    };
    html! {
        <>
            <p>{ Text::new("review-answer").with("answer", answer.as_str()).say(lang) }</p>
            { change }
        </>
    }
}

/// A button that saves the document attached to the entry, if it has one.
pub(crate) fn document_button(
    session: &SessionHandle,
    failure: &UseStateHandle<Option<String>>,
    data: &endorse_shared::entries::EntryData,
) -> Html {
    let lang = crate::i18n::asked();
    let Some((field, id)) = data.document() else {
        return html! {};
    };
    let label = t(
        lang,
        match field {
            "transcript" => "review-open-transcript",
            "verification" => "review-open-verification",
            "certificate" => "review-open-certificate",
            "evidence" => "review-open-rsc-evidence",
            "signed_copy" => "review-open-signed-copy",
            _ => "review-open-card",
        },
    );
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
    let lang = crate::i18n::asked();
    html! {
        <li class="entry">
            <p class="entry__summary">{ format!("{}: {}", item.section.text().say(lang), item.message) }</p>
            if let Some(before) = &item.before {
                <p class="muted">{ Text::new("review-as-submitted").with("entry", summary(before, lang)).say(lang) }</p>
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
    let lang = crate::i18n::use_lang();
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
            None => failure.set(Some(t(lang, "review-no-such-exam"))),
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
                <PageTitle title={t(lang, "review-exam-scoring")} />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> } else { <p role="status">{ t(lang, "loading") }</p> }
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
                        notice.set(Some(t(
                            lang,
                            if submit {
                                "review-marks-thanks"
                            } else {
                                "review-saved"
                            },
                        )));
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
            <PageTitle title={Text::new("review-exam").with("reference", current.reference.as_str()).say(lang)} />
            <p><Link<Route> to={Route::Reviews}>{ t(lang, "review-all") }</Link<Route>></p>
            <p class="muted">{ Text::new("review-scoring-lead").with("category", current.category.as_str()).with("name", current.category_name.as_str()).say(lang) }</p>
            if let Some(message) = &*notice { <p class="notice" role="status">{ message }</p> }
            if let Some(message) = &*failure { <Alert message={message.clone()} /> }
            if current.answers.answers.is_empty() {
                <p>{ t(lang, "review-not-yet") }</p>
            }
            { for current.answers.answers.iter().map(|(number, answer)| {
                let number = *number;
                let key = format!("scores.{number}");
                html! {
                    <section class="card" aria-labelledby={format!("vignette-{number}")}>
                        <h2 id={format!("vignette-{number}")}>{ Text::new("review-vignette").with("number", number).say(lang) }</h2>
                        <p class="answer">{ answer }</p>
                        <fieldset class={classes!("fieldset", errors.contains_key(&key).then_some("field--invalid"))}>
                            <legend>{ Text::new("review-score-vignette").with("number", number).say(lang) }</legend>
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
                                        <label for={input_id}><strong>{ format!("{} \u{2014} {}", score, level.label.get(lang)) }</strong><span class="muted">{ format!(" {}", level.anchor.get(lang)) }</span></label>
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
                    <Area id="marks-comment" label={t(lang, "review-comment-admin")} value={marks.comment.clone()} rows={3} disabled={!editable}
                        on_change={{ let marks = marks.clone(); Callback::from(move |text: String| { let mut next = (*marks).clone(); next.comment = text; marks.set(next); }) }} />
                    if editable {
                        <div class="entry__actions">
                            <button type="button" class="button button--secondary" onclick={write(false)}>{ t(lang, "review-save-draft") }</button>
                            <button type="button" class="button" onclick={write(true)}>{ t(lang, "review-submit-marks") }</button>
                        </div>
                    } else if current.submitted_at.is_some() {
                        <p class="muted">{ t(lang, "review-marks-done") }</p>
                    }
                </section>
            }
        </>
    }
}
