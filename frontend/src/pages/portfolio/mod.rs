//! The applicant's portfolio: every section with its entries and a form to add
//! or change one, beside the checklist of the chosen category. The checklist is
//! the shared engine running in the browser, so it moves as the applicant types.

mod batch;
mod draft;
mod local;
mod note;

use crate::api;
use crate::components::{
    Alert, ApplicationPanel, CheckGroup, Checklist, PageTitle, SelectField, TextField,
};
use crate::hooks::form::FieldErrors;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
pub use draft::summary;
use draft::{specs, Draft, FieldSpec, Kind};
use endorse_shared::eligibility::{evaluate, EligibilityReport};
use endorse_shared::entries::{to_portfolio, EditableSection, PortfolioEntry};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::EntryId;
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

/// `?category=IFS` picks the checklist shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortfolioQuery {
    /// A category code.
    #[serde(default)]
    pub category: Option<String>,
}

/// A form open on one section.
#[derive(Clone, PartialEq)]
struct Editing {
    section: EditableSection,
    entry: Option<PortfolioEntry>,
    /// The form as it opened: a draft that differs is unsaved work.
    initial: Draft,
    draft: Draft,
}

impl Editing {
    fn dirty(&self) -> bool {
        self.draft != self.initial
    }
}

/// Where focus goes after the page changes: an element's id.
fn focus_on(id: &str) -> bool {
    gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        .is_some_and(|e| e.focus().is_ok())
}

/// The id of a form's first field.
fn first_field(form: &[FieldSpec]) -> String {
    form.first()
        .map(|spec| format!("field-{}", spec.name))
        .unwrap_or_default()
}

/// The open form, if any. Changes go through actions so that every keystroke
/// applies to the latest draft, never to one a callback captured earlier.
#[derive(Clone, Default, PartialEq)]
struct EditState(Option<Editing>);

enum EditAction {
    Open(Box<Editing>),
    Close,
    Text(&'static str, String),
    Many(&'static str, Vec<String>),
    Flag(&'static str, bool),
    Document(&'static str, Option<(String, String)>),
}

impl Reducible for EditState {
    type Action = EditAction;

    fn reduce(self: std::rc::Rc<Self>, action: EditAction) -> std::rc::Rc<Self> {
        let mut next = (*self).clone();
        match (action, next.0.as_mut()) {
            (EditAction::Open(editing), _) => next.0 = Some(*editing),
            (EditAction::Close, _) => next.0 = None,
            (EditAction::Text(name, value), Some(open)) => {
                open.draft.text.insert(name, value);
            }
            (EditAction::Many(name, values), Some(open)) => {
                open.draft.sets.insert(name, values);
            }
            (EditAction::Flag(name, value), Some(open)) => {
                open.draft.flags.insert(name, value);
            }
            (EditAction::Document(name, Some((id, label))), Some(open)) => {
                open.draft.text.insert(name, id);
                open.draft.labels.insert(name, label);
            }
            (EditAction::Document(name, None), Some(open)) => {
                open.draft.text.remove(name);
                open.draft.labels.remove(name);
            }
            (_, None) => {}
        }
        std::rc::Rc::new(next)
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The portfolio page.
#[function_component(PortfolioPage)]
pub fn portfolio_page() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let query = use_location()
        .and_then(|l| l.query::<PortfolioQuery>().ok())
        .unwrap_or_default();
    let rulebook = use_state(|| None::<Rulebook>);
    let entries = use_state(|| None::<Vec<PortfolioEntry>>);
    let editing = use_reducer(EditState::default);
    let errors = use_state(FieldErrors::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);
    let my_applications = use_state(Vec::<endorse_shared::applications::ApplicationResponse>::new);
    let notes = use_state(Vec::<endorse_shared::entries::SectionNote>::new);
    let references = use_state(Vec::<endorse_shared::portfolio::Reference>::new);
    let batch_open = use_state(|| false);
    // Said to screen readers after a change (a polite live region).
    let announcement = use_state(String::new);
    // The element focus moves to once it is on the page.
    let focus_to = use_state(|| None::<String>);
    // Whether the draft kept on this device was looked for.
    let restored = use_state(|| false);
    let user_id = session.session().map(|s| s.user.id);

    {
        let notes = notes.clone();
        let references = references.clone();
        let (session, rulebook, entries, failure, my_applications) = (
            session.clone(),
            rulebook.clone(),
            entries.clone(),
            failure.clone(),
            my_applications.clone(),
        );
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if rulebook.is_none() {
                    match authorized(&session, |token| async move {
                        api::current_rulebook(&token).await
                    })
                    .await
                    {
                        Ok(version) => rulebook.set(Some(version.rulebook)),
                        Err(error) => failure.set(Some(error.message())),
                    }
                }
                match authorized(
                    &session,
                    |token| async move { api::portfolio(&token).await },
                )
                .await
                {
                    Ok(portfolio) => {
                        notes.set(portfolio.notes);
                        references.set(portfolio.references);
                        entries.set(Some(portfolio.entries));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
                match authorized(&session, |token| async move {
                    api::my_applications(&token).await
                })
                .await
                {
                    Ok(found) => my_applications.set(found),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }

    // Unsaved work is kept on this device as it is typed.
    {
        let open = editing.0.clone();
        use_effect_with((open, user_id), move |(open, user)| {
            if let (Some(open), Some(user)) = (open, user) {
                if open.dirty() {
                    local::keep(
                        *user,
                        open.section,
                        open.entry.as_ref().map(|e| e.id),
                        &open.draft,
                    );
                }
            }
        });
    }
    // Coming back: the form that was open opens again with what was typed.
    {
        let (editing, restored, announcement, focus_to) = (
            editing.clone(),
            restored.clone(),
            announcement.clone(),
            focus_to.clone(),
        );
        // Handles, read when the effect runs: nothing is copied per render.
        let (rulebook, entries) = (rulebook.clone(), entries.clone());
        let ready = rulebook.is_some() && entries.is_some();
        use_effect_with((ready, user_id), move |_| {
            let loaded = (*rulebook).as_ref().zip((*entries).as_ref());
            if let (Some((rulebook, saved)), Some(user), false) = (loaded, user_id, *restored) {
                restored.set(true);
                if let Some(kept) = local::kept(user).filter(|_| editing.0.is_none()) {
                    let section = kept.section.unwrap_or(EditableSection::Education);
                    let entry = kept
                        .entry
                        .and_then(|id| saved.iter().find(|e| e.id == id).cloned());
                    if kept.entry.is_some() && entry.is_none() {
                        // The entry is gone: its draft with it.
                        local::forget(user);
                        return;
                    }
                    let form = specs(section, rulebook, lang);
                    let initial = match &entry {
                        Some(entry) => Draft::from_entry(entry, &form),
                        None => Draft::new(&form),
                    };
                    let draft = kept.draft(&form, initial.clone());
                    editing.dispatch(EditAction::Open(Box::new(Editing {
                        section,
                        entry,
                        initial,
                        draft,
                    })));
                    announcement.set(t(lang, "portfolio-restored"));
                    focus_to.set(Some(first_field(&form)));
                }
            }
        });
    }
    // A reload or closing the tab with unsaved work asks first.
    {
        let dirty = editing.0.as_ref().is_some_and(Editing::dirty);
        use_effect_with(dirty, move |dirty| {
            let listener = dirty.then(|| {
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::window(),
                    "beforeunload",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    |event| {
                        event.prevent_default();
                        let _ = js_sys::Reflect::set(event, &"returnValue".into(), &"".into());
                    },
                )
            });
            move || drop(listener)
        });
    }
    // Focus follows the change once its element is on the page.
    {
        let focus_to = focus_to.clone();
        let shown = (*entries).as_ref().map_or(0, Vec::len);
        use_effect_with(
            ((*focus_to).clone(), shown, editing.0.is_some()),
            move |(target, _, _)| {
                if let Some(id) = target {
                    if focus_on(id) {
                        focus_to.set(None);
                    }
                }
            },
        );
    }

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    let (Some(rulebook_now), Some(saved)) = ((*rulebook).clone(), (*entries).clone()) else {
        return html! {
            <>
                <PageTitle title={t(lang, "portfolio-title")} />
                if let Some(message) = &*failure { <Alert message={message.clone()} /> }
                else { <p role="status">{ t(lang, "portfolio-loading") }</p> }
            </>
        };
    };
    // A reviewer keeps a work history here (for conflicts of interest), not
    // an application: no checklist, no application, no references.
    let applies = signed_in.user.role == endorse_shared::Role::Applicant;
    let category_code = query
        .category
        .filter(|code| rulebook_now.category(code).is_some())
        .unwrap_or_else(|| "IFS".to_string());

    // The draft, when it reads as a valid entry, joins the checklist at once.
    let mut weighed = saved.clone();
    if let Some(open) = &editing.0 {
        let form = specs(open.section, &rulebook_now, lang);
        if let Ok(data) = open.draft.build(
            open.section,
            &form,
            today(),
            &rulebook_now,
            &signed_in.user.name,
        ) {
            match &open.entry {
                Some(existing) => {
                    if let Some(slot) = weighed.iter_mut().find(|e| e.id == existing.id) {
                        slot.data = data;
                    }
                }
                None => weighed.push(PortfolioEntry {
                    id: EntryId::from_uuid(uuid_zero()),
                    version: 0,
                    data,
                    created_at: chrono::Utc::now(),
                    updated_at: chrono::Utc::now(),
                }),
            }
        }
    }
    let report: Option<EligibilityReport> = rulebook_now.category(&category_code).map(|rules| {
        let mut portfolio = to_portfolio(&weighed);
        portfolio.references = (*references).clone();
        let mut report = evaluate(rules, &portfolio, today(), lang);
        // A fee that holds up submission is a line of the checklist, as the
        // server counts it (the open application's fees, as it answered).
        if let Some(open) = my_applications
            .iter()
            .find(|a| a.category == category_code && a.status.is_open())
        {
            endorse_shared::fees::add_to_report(&mut report, &open.fees, lang);
        }
        report
    });

    let on_category = {
        let navigator = navigator.clone();
        Callback::from(move |code: String| {
            if let Some(navigator) = &navigator {
                let _ = navigator.replace_with_query(
                    &Route::Portfolio,
                    &PortfolioQuery {
                        category: Some(code),
                    },
                );
            }
        })
    };
    let category_options: Vec<(AttrValue, AttrValue)> = rulebook_now
        .categories
        .iter()
        .map(|c| {
            (
                AttrValue::from(c.code.clone()),
                AttrValue::from(format!("{} — {}", c.code, c.name)),
            )
        })
        .collect();

    let open_form = |section: EditableSection, entry: Option<PortfolioEntry>| {
        let (editing, errors, failure, rulebook_now, focus_to) = (
            editing.clone(),
            errors.clone(),
            failure.clone(),
            rulebook_now.clone(),
            focus_to.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let form = specs(section, &rulebook_now, lang);
            let draft = match &entry {
                Some(entry) => Draft::from_entry(entry, &form),
                None => Draft::new(&form),
            };
            errors.set(FieldErrors::new());
            failure.set(None);
            focus_to.set(Some(first_field(&form)));
            editing.dispatch(EditAction::Open(Box::new(Editing {
                section,
                entry: entry.clone(),
                initial: draft.clone(),
                draft,
            })));
        })
    };
    let on_changed = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let close_form = {
        let (editing, focus_to, announcement) =
            (editing.clone(), focus_to.clone(), announcement.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(user) = user_id {
                local::forget(user);
            }
            if let Some(open) = &editing.0 {
                focus_to.set(Some(format!("add-{}", open.section)));
            }
            announcement.set(t(lang, "portfolio-closed"));
            editing.dispatch(EditAction::Close)
        })
    };
    let on_submit = {
        let (focus_to, announcement) = (focus_to.clone(), announcement.clone());
        let (editing, errors, failure, busy, reload, session, rulebook_now) = (
            editing.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            reload.clone(),
            session.clone(),
            rulebook_now.clone(),
        );
        let signer = signed_in.user.name.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(open) = editing.0.clone() else {
                return;
            };
            let form = specs(open.section, &rulebook_now, lang);
            let data = match open
                .draft
                .build(open.section, &form, today(), &rulebook_now, &signer)
            {
                Ok(data) => data,
                Err(found) => {
                    errors.set(crate::i18n::said(found, lang));
                    failure.set(Some(t(lang, "form-correct")));
                    return;
                }
            };
            busy.set(true);
            let (editing, errors, failure, busy, reload, session) = (
                editing.clone(),
                errors.clone(),
                failure.clone(),
                busy.clone(),
                reload.clone(),
                session.clone(),
            );
            let (focus_to, announcement) = (focus_to.clone(), announcement.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = authorized(&session, |token| {
                    let (data, existing) = (data.clone(), open.entry.clone());
                    async move {
                        match existing {
                            Some(entry) => {
                                api::update_entry(&token, entry.id, entry.version, &data).await
                            }
                            None => api::create_entry(&token, &data).await,
                        }
                    }
                })
                .await;
                match saved {
                    Ok(entry) => {
                        if let Some(user) = user_id {
                            local::forget(user);
                        }
                        announcement.set(
                            Text::new("portfolio-saved")
                                .with("entry", summary(&entry.data, lang))
                                .say(lang),
                        );
                        focus_to.set(Some(format!("entry-{}", entry.id)));
                        editing.dispatch(EditAction::Close);
                        errors.set(FieldErrors::new());
                        failure.set(None);
                        reload.set(*reload + 1);
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    let delete = |entry: PortfolioEntry| {
        let (session, failure, reload) = (session.clone(), failure.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let sure = gloo::utils::window()
                .confirm_with_message(
                    &Text::new("portfolio-remove-confirm")
                        .with("entry", summary(&entry.data, lang))
                        .say(lang),
                )
                .unwrap_or(false);
            if !sure {
                return;
            }
            let (session, failure, reload, entry) = (
                session.clone(),
                failure.clone(),
                reload.clone(),
                entry.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let removed = authorized(&session, |token| {
                    let entry = entry.clone();
                    async move {
                        api::delete_entry(&token, entry.data.section(), entry.id, entry.version)
                            .await
                    }
                })
                .await;
                match removed {
                    Ok(()) => reload.set(*reload + 1),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };

    html! {
        <>
            if applies {
                <PageTitle title={t(lang, "portfolio-title")} />
                <p class="lead">{ t(lang, "portfolio-lead") }</p>
            } else {
                <PageTitle title={t(lang, "portfolio-history-title")} />
                <p class="lead">{ t(lang, "portfolio-history-lead") }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <p class="visually-hidden" role="status" aria-live="polite">{ (*announcement).clone() }</p>
            if let Some(report) = report.as_ref().filter(|_| applies) {
                <ChecklistSummary report={report.clone()} />
            }
            <div class={classes!("portfolio", (!applies).then_some("portfolio--history"))}>
                <div class="portfolio__sections">
                    { for EditableSection::ALL.into_iter().map(|section| {
                        let in_section: Vec<&PortfolioEntry> = saved.iter().filter(|e| e.data.section() == section).collect();
                        let heading_id = format!("section-{section}");
                        let form_open = editing.0.as_ref().is_some_and(|open| open.section == section);
                        html! {
                            <section class="card section" aria-labelledby={heading_id.clone()}>
                                <h2 id={heading_id}>{ section.text().say(lang) }</h2>
                                if in_section.is_empty() {
                                    <p class="muted">{ t(lang, "portfolio-nothing-yet") }</p>
                                } else {
                                    <ul class="entries">
                                        { for in_section.iter().map(|entry| {
                                            let verdict = report.as_ref().and_then(|r| r.verdict(entry.id));
                                            html! {
                                                <li class="entry" id={format!("entry-{}", entry.id)} tabindex="-1">
                                                    <p class="entry__summary">{ summary(&entry.data, lang) }</p>
                                                    if let Some(verdict) = verdict {
                                                        if verdict.counts {
                                                            <p class="entry__verdict entry__verdict--counts">{ t(lang, "portfolio-counts") }</p>
                                                        } else {
                                                            <p class="entry__verdict entry__verdict--not">{ Text::new("portfolio-does-not-count").with("reasons", verdict.reasons.join("; ")).say(lang) }</p>
                                                        }
                                                        { for verdict.notes.iter().map(|note| html! { <p class="muted">{ note }</p> }) }
                                                    }
                                                    <div class="entry__actions">
                                                        { crate::pages::review::document_button(&session, &failure, &entry.data) }
                                                        if section != EditableSection::Agreements {
                                                            <button type="button" class="button button--quiet" onclick={open_form(section, Some((*entry).clone()))}
                                                                aria-label={Text::new("portfolio-edit-entry").with("entry", summary(&entry.data, lang)).say(lang)}>{ t(lang, "portfolio-edit") }</button>
                                                        }
                                                        <button type="button" class="button button--quiet" onclick={delete((*entry).clone())}
                                                            aria-label={Text::new("portfolio-remove-entry").with("entry", summary(&entry.data, lang)).say(lang)}>{ t(lang, "portfolio-remove") }</button>
                                                    </div>
                                                </li>
                                            }
                                        }) }
                                    </ul>
                                }
                                if form_open {
                                    <EntryForm
                                        section={section}
                                        rulebook={rulebook_now.clone()}
                                        editing={editing.clone()}
                                        errors={(*errors).clone()}
                                        busy={*busy}
                                        on_submit={on_submit.clone()}
                                        on_cancel={close_form.clone()}
                                    />
                                } else {
                                    <button type="button" id={format!("add-{section}")} class="button button--secondary" onclick={open_form(section, None)}>
                                        { section.add_text().say(lang) }
                                    </button>
                                }
                                if section == EditableSection::Rsc && !form_open {
                                    if *batch_open {
                                        <batch::RscBatchForm rulebook={rulebook_now.clone()}
                                            on_saved={{
                                                let (batch_open, on_changed) = (batch_open.clone(), on_changed.clone());
                                                Callback::from(move |_| { batch_open.set(false); on_changed.emit(()); })
                                            }}
                                            on_cancel={{
                                                let batch_open = batch_open.clone();
                                                Callback::from(move |_: MouseEvent| batch_open.set(false))
                                            }} />
                                    } else {
                                        <button type="button" class="button button--quiet" onclick={{
                                            let batch_open = batch_open.clone();
                                            Callback::from(move |_: MouseEvent| batch_open.set(true))
                                        }}>{ t(lang, "portfolio-log-several") }</button>
                                    }
                                }
                                <note::NoteEditor section={section}
                                    note={notes.iter().find(|n| n.section == section).cloned()}
                                    on_saved={on_changed.clone()} />
                            </section>
                        }
                    }) }
                </div>
                if applies {
                <aside class="portfolio__checklist" aria-label={t(lang, "portfolio-requirements")}>
                    <SelectField name="category" label={t(lang, "portfolio-check-against")} options={category_options}
                        value={AttrValue::from(category_code.clone())} on_change={on_category} />
                    if let Some(report) = report {
                        <ApplicationPanel category={AttrValue::from(category_code.clone())} report={report.clone()}
                            applications={(*my_applications).clone()} on_change={on_changed.clone()} />
                        <Checklist report={report} />
                    }
                    <p>
                        <Link<Route, crate::pages::references::ReferencesQuery>
                            to={Route::References}
                            query={Some(crate::pages::references::ReferencesQuery { category: Some(category_code.clone()) })}>
                            { t(lang, "portfolio-ask-references") }
                        </Link<Route, crate::pages::references::ReferencesQuery>>
                        { " " }{ t(lang, "portfolio-referees-answer") }
                    </p>
                </aside>
                }
            </div>
        </>
    }
}

/// The id a draft carries in the checklist until it is saved.
fn uuid_zero() -> uuid::Uuid {
    uuid::Uuid::nil()
}

#[derive(Properties, PartialEq)]
struct EntryFormProps {
    section: EditableSection,
    rulebook: Rulebook,
    editing: UseReducerHandle<EditState>,
    errors: FieldErrors,
    busy: bool,
    on_submit: Callback<SubmitEvent>,
    on_cancel: Callback<MouseEvent>,
}

#[function_component(EntryForm)]
fn entry_form(props: &EntryFormProps) -> Html {
    let lang = crate::i18n::use_lang();
    let Some(open) = props.editing.0.clone() else {
        return html! {};
    };
    let form: Vec<FieldSpec> = specs(props.section, &props.rulebook, lang);
    let errors_for = |name: &str| props.errors.get(name).cloned().unwrap_or_default();
    let set_text = |name: &'static str| {
        let editing = props.editing.clone();
        Callback::from(move |value: String| editing.dispatch(EditAction::Text(name, value)))
    };
    let set_many = |name: &'static str| {
        let editing = props.editing.clone();
        Callback::from(move |values: Vec<String>| editing.dispatch(EditAction::Many(name, values)))
    };
    let set_flag = |name: &'static str| {
        let editing = props.editing.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            editing.dispatch(EditAction::Flag(name, input.checked()));
        })
    };
    let session = use_session();
    let progress = use_state(|| None::<u32>);
    let upload_error = use_state(|| None::<String>);
    let pick = |name: &'static str| {
        let (editing, progress, upload_error, session) = (
            props.editing.clone(),
            progress.clone(),
            upload_error.clone(),
            session.clone(),
        );
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let Some(token) = session.session().map(|s| s.token.clone()) else {
                return;
            };
            let label = file.name();
            upload_error.set(None);
            progress.set(Some(0));
            let on_progress = {
                let progress = progress.clone();
                Callback::from(move |percent: u32| progress.set(Some(percent)))
            };
            let on_done = {
                let (editing, progress, upload_error) =
                    (editing.clone(), progress.clone(), upload_error.clone());
                Callback::from(
                    move |outcome: Result<
                        endorse_shared::documents::DocumentResponse,
                        crate::api::ApiError,
                    >| {
                        progress.set(None);
                        match outcome {
                            Ok(document) => editing.dispatch(EditAction::Document(
                                name,
                                Some((document.id.to_string(), label.clone())),
                            )),
                            Err(error) => {
                                let fields: Vec<String> =
                                    error.field_errors().into_values().flatten().collect();
                                upload_error.set(Some(if fields.is_empty() {
                                    error.message()
                                } else {
                                    fields.join("; ")
                                }));
                            }
                        }
                    },
                )
            };
            crate::upload::upload(&token, file, on_progress, on_done);
        })
    };
    let detach = |name: &'static str| {
        let editing = props.editing.clone();
        Callback::from(move |_: MouseEvent| editing.dispatch(EditAction::Document(name, None)))
    };
    let title = t(
        lang,
        if open.entry.is_some() {
            "portfolio-change-entry"
        } else {
            "portfolio-new-entry"
        },
    );
    html! {
        <form class="entry-form" onsubmit={props.on_submit.clone()} novalidate=true aria-label={title.clone()}>
            <h3>{ title }</h3>
            { for errors_for("form").iter().map(|message| html! { <Alert message={message.clone()} /> }) }
            { for form.iter().map(|spec| {
                let name = spec.name;
                let label = AttrValue::from(if spec.optional && !matches!(spec.kind, Kind::Flag | Kind::Checks(_)) {
                    Text::new("portfolio-optional").with("label", &spec.label).say(lang)
                } else {
                    spec.label.clone()
                });
                match &spec.kind {
                    Kind::Select(options) => html! {
                        <SelectField name={name} label={label}
                            options={options.iter().map(|(v, l)| (AttrValue::from(v.clone()), AttrValue::from(l.clone()))).collect::<Vec<_>>()}
                            value={AttrValue::from(open.draft.text(name))} on_change={set_text(name)} errors={errors_for(name)} />
                    },
                    Kind::Checks(options) => html! {
                        <CheckGroup name={name} label={label}
                            options={options.iter().map(|(v, l)| (AttrValue::from(v.clone()), AttrValue::from(l.clone()))).collect::<Vec<_>>()}
                            checked={open.draft.sets.get(name).cloned().unwrap_or_default()} on_change={set_many(name)} errors={errors_for(name)} />
                    },
                    Kind::Flag => {
                        let id = format!("field-{name}");
                        html! {
                            <div class="field">
                                <label class="check" for={id.clone()}>
                                    <input type="checkbox" id={id} checked={open.draft.flags.get(name).copied().unwrap_or(false)} onchange={set_flag(name)} />
                                    <span>{ spec.label.clone() }</span>
                                </label>
                            </div>
                        }
                    }
                    Kind::Document => {
                        let id = format!("field-{name}");
                        let attached = open.draft.labels.get(name).cloned();
                        let mut errors = errors_for(name);
                        if let Some(message) = &*upload_error {
                            errors.push(message.clone());
                        }
                        html! {
                            <div class={classes!("field", (!errors.is_empty()).then_some("field--invalid"))}>
                                <label for={id.clone()}>{ label.clone() }</label>
                                if let Some(hint) = spec.hint.clone() { <p class="field__hint">{ hint }</p> }
                                if let Some(attached) = attached {
                                    <p class="attached">
                                        { if attached.is_empty() { t(lang, "portfolio-attached-before") } else { Text::new("portfolio-attached").with("name", attached).say(lang) } }{ " " }
                                        <button type="button" class="button button--quiet" onclick={detach(name)}>{ t(lang, "portfolio-remove") }</button>
                                    </p>
                                }
                                <input type="file" id={id} accept="application/pdf,image/png,image/jpeg" onchange={pick(name)}
                                    aria-invalid={(!errors.is_empty()).then_some("true")} />
                                if let Some(percent) = *progress {
                                    <div role="status" aria-live="polite">
                                        <progress max="100" value={percent.to_string()} aria-label={t(lang, "portfolio-upload-progress")}></progress>
                                        { " " }{ Text::new("portfolio-uploading").with("percent", percent).say(lang) }
                                    </div>
                                }
                                if !errors.is_empty() {
                                    <ul class="field__errors">{ for errors.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                                }
                            </div>
                        }
                    }
                    Kind::Text | Kind::Date | Kind::Hours | Kind::Whole => {
                        let (kind, step) = match spec.kind {
                            Kind::Date => ("date", None),
                            Kind::Hours => ("number", Some(AttrValue::Static("0.25"))),
                            Kind::Whole => ("number", Some(AttrValue::Static("1"))),
                            _ => ("text", None),
                        };
                        html! {
                            <TextField name={name} label={label} kind={kind} step={step} required={!spec.optional}
                                hint={spec.hint.clone().map(AttrValue::from)}
                                value={AttrValue::from(open.draft.text(name))} on_change={set_text(name)} errors={errors_for(name)} />
                        }
                    }
                }
            }) }
            <div class="actions">
                <button type="submit" class="button" disabled={props.busy}>{ t(lang, if props.busy { "portfolio-saving" } else { "portfolio-save" }) }</button>
                <button type="button" class="button button--secondary" onclick={props.on_cancel.clone()}>{ t(lang, "portfolio-cancel") }</button>
            </div>
        </form>
    }
}

/// Props of [`ChecklistSummary`].
#[derive(Properties, PartialEq)]
struct ChecklistSummaryProps {
    report: EligibilityReport,
}

/// On a phone, at the top of the portfolio: how many requirements are met,
/// the first one still short, and the way to the full checklist (which on a
/// wide screen sits beside the sections, so this is not shown there).
#[function_component(ChecklistSummary)]
fn checklist_summary(props: &ChecklistSummaryProps) -> Html {
    let lang = crate::i18n::use_lang();
    let report = &props.report;
    let met = report.lines.iter().filter(|l| l.met).count();
    let first_short = report.short_lines().next();
    let open_checklist = Callback::from(|_: MouseEvent| {
        if let Some(heading) = gloo::utils::document().get_element_by_id("checklist-heading") {
            heading.scroll_into_view();
            let _ =
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading).map(|h| h.focus());
        }
    });
    html! {
        <section class="portfolio__summary" aria-label={t(lang, "portfolio-summary")}>
            <p class="portfolio__summary-count">
                <strong>{ Text::new("portfolio-summary-met").with("met", met).with("count", report.lines.len()).with("category", report.category.as_str()).say(lang) }</strong>
            </p>
            if let Some(line) = first_short {
                <p class="portfolio__summary-next">{ Text::new("portfolio-summary-next").with("line", line.summary.as_str()).say(lang) }</p>
            } else {
                <p class="portfolio__summary-next">{ t(lang, "panel-all-met") }</p>
            }
            <button type="button" class="button button--quiet" onclick={open_checklist}>{ t(lang, "portfolio-summary-open") }</button>
        </section>
    }
}
