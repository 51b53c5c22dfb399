//! The applicant's references: who was asked, where each request stands, and a
//! form to ask someone (or replace a referee). The applicant never sees a
//! referee's secret link: when mail does not arrive, they correct the address
//! and re-send (the old link stops working).

use crate::api;
use crate::components::{Alert, PageTitle, SelectField, TextField};
use crate::i18n::t;
use crate::i18n::Text;
use crate::route::Route;
use crate::session::{authorized, use_session};
use chrono::NaiveDate;
use endorse_shared::references::{
    RefereeEndorsement, ReferenceRequestInput, ReferenceStatus, ReferenceView,
};
use endorse_shared::rulebook::{Relationship, Rulebook};
use endorse_shared::{EntryId, Role};
use std::collections::BTreeMap;
use yew::prelude::*;
use yew_router::prelude::*;

/// Every relationship, in the order the form offers them.
pub const RELATIONSHIPS: [Relationship; 6] = [
    Relationship::CurrentSupervisor,
    Relationship::RscProvider,
    Relationship::OtherSupervisor,
    Relationship::Colleague,
    Relationship::Supervisee,
    Relationship::ServiceRecipient,
];

/// The stored name of a relationship.
pub fn relationship_value(relationship: Relationship) -> String {
    serde_json::to_value(relationship)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The relationship stored under a name.
pub fn parse_relationship(value: &str) -> Option<Relationship> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

/// The form, as typed.
#[derive(Clone, Debug, PartialEq)]
struct RequestForm {
    category: String,
    referee_name: String,
    referee_email: String,
    relationship: String,
    endorsed: bool,
    endorsement_category: String,
    endorsement_number: String,
    known_since: String,
    waive_access: bool,
    /// The referee's language: `en` or `es`.
    language: String,
}

impl Default for RequestForm {
    fn default() -> Self {
        Self {
            category: String::new(),
            referee_name: String::new(),
            referee_email: String::new(),
            relationship: relationship_value(Relationship::CurrentSupervisor),
            endorsed: false,
            endorsement_category: String::new(),
            endorsement_number: String::new(),
            known_since: String::new(),
            waive_access: true,
            language: crate::i18n::asked().code().to_string(),
        }
    }
}

impl RequestForm {
    /// The request, or the fields that are wrong.
    fn to_request(
        &self,
        today: NaiveDate,
        rulebook: Option<&Rulebook>,
        lang: endorse_shared::i18n::Lang,
    ) -> Result<ReferenceRequestInput, BTreeMap<String, Vec<String>>> {
        let mut errors = BTreeMap::new();
        let known_since = NaiveDate::parse_from_str(&self.known_since, "%Y-%m-%d");
        if known_since.is_err() {
            errors.insert(
                "known_since".to_string(),
                vec![t(lang, "referee-choose-date")],
            );
        }
        let relationship =
            parse_relationship(&self.relationship).unwrap_or(Relationship::Colleague);
        let request = ReferenceRequestInput {
            category: self.category.clone(),
            referee_name: self.referee_name.clone(),
            referee_email: self.referee_email.clone(),
            relationship,
            endorsement: self.endorsed.then(|| RefereeEndorsement {
                category: self.endorsement_category.clone(),
                number: self.endorsement_number.clone(),
            }),
            known_since: known_since.unwrap_or(today),
            waive_access: self.waive_access,
            language: self.language.parse().ok(),
        }
        .normalized();
        if let Some(rulebook) = rulebook {
            let codes: Vec<&str> = rulebook
                .categories
                .iter()
                .map(|c| c.code.as_str())
                .collect();
            for (field, messages) in crate::i18n::said(request.problems(today, &codes), lang) {
                errors.entry(field).or_insert(messages);
            }
        }
        if errors.is_empty() {
            Ok(request)
        } else {
            Err(errors)
        }
    }
}

/// `?category=IFS` preselects the category.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReferencesQuery {
    /// A category code.
    #[serde(default)]
    pub category: Option<String>,
}

/// The references page.
#[function_component(ReferencesPage)]
pub fn references_page() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let location = use_location();
    let requests = use_state(|| None::<Vec<ReferenceView>>);
    let rulebook = use_state(|| None::<Rulebook>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let form = use_state(RequestForm::default);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let busy = use_state(|| false);
    let replacing = use_state(|| None::<ReferenceView>);
    let reload = use_state(|| 0u32);
    let poll = use_state(|| 0i64);
    let preselected = location
        .and_then(|l| l.query::<ReferencesQuery>().ok())
        .and_then(|q| q.category);

    let signed_in = session.session().is_some();
    {
        let (session, requests, rulebook, failure, form) = (
            session.clone(),
            requests.clone(),
            rulebook.clone(),
            failure.clone(),
            form.clone(),
        );
        use_effect_with((signed_in, *reload, *poll), move |(signed_in, _, _)| {
            if *signed_in {
                wasm_bindgen_futures::spawn_local(async move {
                    let mut latest_category = None;
                    match authorized(&session, |t| async move { api::references(&t).await }).await {
                        Ok(list) => {
                            latest_category = list.last().map(|r| r.request.category.clone());
                            requests.set(Some(list));
                        }
                        Err(error) => failure.set(Some(error.message())),
                    }
                    if rulebook.is_none() {
                        if let Ok(version) =
                            authorized(&session, |t| async move { api::current_rulebook(&t).await })
                                .await
                        {
                            if form.category.is_empty() {
                                let mut next = (*form).clone();
                                // The category asked for, else the one of the latest request.
                                next.category = preselected
                                    .or(latest_category)
                                    .filter(|c| version.rulebook.category(c).is_some())
                                    .or_else(|| {
                                        version.rulebook.categories.first().map(|c| c.code.clone())
                                    })
                                    .unwrap_or_default();
                                form.set(next);
                            }
                            rulebook.set(Some(version.rulebook));
                        }
                    }
                });
            }
        });
    }

    // While an e-mail waits in the queue, look again every few seconds so the
    // status moves to "sent" (or "delivery failed") without a reload.
    {
        let waiting = requests
            .as_ref()
            .is_some_and(|list| list.iter().any(|r| r.status == ReferenceStatus::Queued));
        let poll = poll.clone();
        use_effect_with(waiting, move |waiting| {
            let interval = waiting.then(|| {
                gloo::timers::callback::Interval::new(3_000, move || {
                    poll.set(chrono::Utc::now().timestamp_millis());
                })
            });
            move || drop(interval)
        });
    }

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Applicant {
        return html! {
            <section class="card card--narrow">
                <PageTitle title={t(lang, "references-title")} />
                <Alert message={t(lang, "references-staff")} />
            </section>
        };
    }

    let today = chrono::Utc::now().date_naive();
    let set = |apply: fn(&mut RequestForm, String)| {
        let form = form.clone();
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            apply(&mut next, text);
            form.set(next);
        })
    };
    let toggle = |apply: fn(&mut RequestForm)| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            apply(&mut next);
            form.set(next);
        })
    };

    let on_submit = {
        let (session, form, errors, busy, failure, notice, reload, replacing, rulebook) = (
            session.clone(),
            form.clone(),
            errors.clone(),
            busy.clone(),
            failure.clone(),
            notice.clone(),
            reload.clone(),
            replacing.clone(),
            rulebook.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = match form.to_request(today, rulebook.as_ref(), lang) {
                Ok(request) => request,
                Err(found) => {
                    errors.set(found);
                    return;
                }
            };
            errors.set(BTreeMap::new());
            busy.set(true);
            let (session, form, errors, busy, failure, notice, reload, replacing) = (
                session.clone(),
                form.clone(),
                errors.clone(),
                busy.clone(),
                failure.clone(),
                notice.clone(),
                reload.clone(),
                replacing.clone(),
            );
            let replace = replacing.as_ref().map(|r| r.id);
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |t| {
                    let request = request.clone();
                    async move {
                        match replace {
                            Some(id) => api::replace_reference(&t, id, &request).await,
                            None => api::request_reference(&t, &request).await,
                        }
                    }
                })
                .await;
                busy.set(false);
                match result {
                    Ok(created) => {
                        failure.set(None);
                        notice.set(Some(
                            Text::new("references-sent")
                                .with("referee", &created.request.referee_name)
                                .say(lang),
                        ));
                        let category = form.category.clone();
                        form.set(RequestForm {
                            category,
                            ..RequestForm::default()
                        });
                        replacing.set(None);
                        reload.set(*reload + 1);
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
            });
        })
    };

    let act =
        {
            let (session, failure, notice, reload) = (
                session.clone(),
                failure.clone(),
                notice.clone(),
                reload.clone(),
            );
            Callback::from(move |(id, action): (EntryId, Action)| {
                let (session, failure, notice, reload) = (
                    session.clone(),
                    failure.clone(),
                    notice.clone(),
                    reload.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let result =
                        match action {
                            Action::Cancel => authorized(&session, |t| async move {
                                api::cancel_reference(&t, id).await
                            })
                            .await
                            .map(|view| {
                                Text::new("references-cancelled")
                                    .with("referee", &view.request.referee_name)
                                    .say(lang)
                            }),
                            Action::Resend(email) => authorized(&session, |t| {
                                let email = email.clone();
                                async move { api::resend_reference(&t, id, email).await }
                            })
                            .await
                            .map(|view| {
                                Text::new("references-resent")
                                    .with("referee", &view.request.referee_name)
                                    .with("email", &view.request.referee_email)
                                    .say(lang)
                            }),
                        };
                    match result {
                        Ok(message) => {
                            failure.set(None);
                            notice.set(Some(message));
                            reload.set(*reload + 1);
                        }
                        Err(error) => failure.set(Some(error.message())),
                    }
                });
            })
        };
    let start_replacing = {
        let (replacing, form) = (replacing.clone(), form.clone());
        Callback::from(move |view: ReferenceView| {
            form.set(RequestForm {
                category: view.request.category.clone(),
                relationship: relationship_value(view.request.relationship),
                ..RequestForm::default()
            });
            replacing.set(Some(view));
            if let Some(element) = gloo::utils::document().get_element_by_id("field-referee_name") {
                if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                    let _ = input.focus();
                }
            }
        })
    };
    let stop_replacing = {
        let replacing = replacing.clone();
        Callback::from(move |_: MouseEvent| replacing.set(None))
    };

    let field_errors = |name: &str| errors.get(name).cloned().unwrap_or_default();
    let category_options: Vec<(AttrValue, AttrValue)> = rulebook
        .as_ref()
        .map(|r| {
            r.categories
                .iter()
                .map(|c| {
                    (
                        AttrValue::from(c.code.clone()),
                        AttrValue::from(format!("{} ({})", c.name.get(lang), c.code)),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let relationship_options: Vec<(AttrValue, AttrValue)> = RELATIONSHIPS
        .iter()
        .map(|r| {
            (
                AttrValue::from(relationship_value(*r)),
                AttrValue::from(capitalized(&r.text().say(lang))),
            )
        })
        .collect();

    html! {
        <>
            <PageTitle title={t(lang, "references-title")} />
            <p class="lead">
                { t(lang, "references-lead") }{ " " }
                <Link<Route> to={Route::Portfolio}>{ t(lang, "references-lead-link") }</Link<Route>>
            </p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(message) = &*notice {
                <Alert kind="success" message={message.clone()} />
            }
            <div class="grid grid--wide-first">
                <section class="card" aria-labelledby="requests-heading">
                    <h2 id="requests-heading">{ t(lang, "references-your-requests") }</h2>
                    {
                        match &*requests {
                            None => html! { <p role="status">{ t(lang, "loading") }</p> },
                            Some(list) if list.is_empty() => html! { <p>{ t(lang, "references-none") }</p> },
                            Some(list) => html! {
                                <ul class="entries">
                                    { for list.iter().map(|view| html! {
                                        <ReferenceCard view={view.clone()} on_action={act.clone()} on_replace={start_replacing.clone()} />
                                    }) }
                                </ul>
                            },
                        }
                    }
                </section>
                <section class="card" aria-labelledby="ask-heading">
                    <h2 id="ask-heading">
                        { match &*replacing {
                            Some(old) => Text::new("references-replace").with("referee", &old.request.referee_name).say(lang),
                            None => t(lang, "references-ask"),
                        } }
                    </h2>
                    if let Some(old) = &*replacing {
                        <p>
                            { Text::new("references-replace-explain").with("referee", &old.request.referee_name).say(lang) }{ " " }
                            <button type="button" class="button button--quiet" onclick={stop_replacing}>{ t(lang, "references-keep") }</button>
                        </p>
                    }
                    <form onsubmit={on_submit} novalidate=true>
                        <SelectField name="category" label={t(lang, "references-for-category")} options={category_options}
                            value={form.category.clone()} on_change={set(|f, v| f.category = v)} errors={field_errors("category")} />
                        <TextField name="referee_name" label={t(lang, "references-referee-name")} autocomplete="off"
                            value={form.referee_name.clone()} on_change={set(|f, v| f.referee_name = v)} errors={field_errors("referee_name")} />
                        <TextField name="referee_email" label={t(lang, "references-referee-email")} kind="email" autocomplete="off"
                            hint={t(lang, "references-email-hint")}
                            value={form.referee_email.clone()} on_change={set(|f, v| f.referee_email = v)} errors={field_errors("referee_email")} />
                        <SelectField name="relationship" label={t(lang, "references-how-they-know")} options={relationship_options}
                            value={form.relationship.clone()} on_change={set(|f, v| f.relationship = v)} errors={field_errors("relationship")} />
                        <SelectField name="language" label={t(lang, "reference-language")}
                            hint={t(lang, "reference-language-hint")}
                            options={endorse_shared::i18n::Lang::ALL.iter().map(|l| (AttrValue::from(l.code()), AttrValue::from(l.own_name()))).collect::<Vec<_>>()}
                            value={form.language.clone()} on_change={set(|f, v| f.language = v)} errors={field_errors("language")} />
                        <TextField name="known_since" label={t(lang, "references-known-since")} kind="date"
                            hint={t(lang, "references-known-hint")}
                            value={form.known_since.clone()} on_change={set(|f, v| f.known_since = v)} errors={field_errors("known_since")} />
                        <div class="field">
                            <label class="check" for="field-endorsed">
                                <input type="checkbox" id="field-endorsed" checked={form.endorsed}
                                    onchange={toggle(|f| f.endorsed = !f.endorsed)} />
                                <span>{ t(lang, "references-holds") }</span>
                            </label>
                        </div>
                        if form.endorsed {
                            <TextField name="endorsement.category" label={t(lang, "references-their-category")} hint={t(lang, "references-category-hint")}
                                value={form.endorsement_category.clone()} on_change={set(|f, v| f.endorsement_category = v)} errors={field_errors("endorsement.category")} />
                            <TextField name="endorsement.number" label={t(lang, "references-their-number")}
                                value={form.endorsement_number.clone()} on_change={set(|f, v| f.endorsement_number = v)} errors={field_errors("endorsement.number")} />
                        }
                        <div class="field">
                            <label class="check" for="field-waive_access">
                                <input type="checkbox" id="field-waive_access" checked={form.waive_access}
                                    aria-describedby="field-waive_access-hint"
                                    onchange={toggle(|f| f.waive_access = !f.waive_access)} />
                                <span>{ t(lang, "references-waive") }</span>
                            </label>
                            <p class="field__hint" id="field-waive_access-hint">
                                { t(lang, "references-waive-hint") }
                            </p>
                        </div>
                        <button type="submit" class="button" disabled={*busy}>
                            { t(lang, if replacing.is_some() { "references-replace-send" } else { "references-send" }) }
                        </button>
                    </form>
                </section>
            </div>
        </>
    }
}

/// The text with its first letter in capitals.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// What a button on a request does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Cancel it.
    Cancel,
    /// Send it again with a new link, to a corrected address when given.
    Resend(Option<String>),
}

#[derive(Properties, PartialEq)]
struct ReferenceCardProps {
    view: ReferenceView,
    on_action: Callback<(EntryId, Action)>,
    on_replace: Callback<ReferenceView>,
}

#[function_component(ReferenceCard)]
fn reference_card(props: &ReferenceCardProps) -> Html {
    let lang = crate::i18n::use_lang();
    let view = &props.view;
    let corrected = use_state(|| view.request.referee_email.clone());
    let button = |key: &'static str, action: Action, quiet: bool| {
        let on_action = props.on_action.clone();
        let id = view.id;
        let label = t(lang, key);
        let describe = format!("{label}: {}", view.request.referee_name);
        html! {
            <button type="button" class={classes!("button", if quiet { "button--quiet" } else { "button--secondary" })}
                aria-label={describe}
                onclick={Callback::from(move |_: MouseEvent| on_action.emit((id, action.clone())))}>{ label }</button>
        }
    };
    let resend_to = {
        let (on_action, corrected, id, current) = (
            props.on_action.clone(),
            corrected.clone(),
            view.id,
            view.request.referee_email.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let email = corrected.trim().to_string();
            let email = (email != current).then_some(email);
            on_action.emit((id, Action::Resend(email)));
        })
    };
    let on_corrected = {
        let corrected = corrected.clone();
        Callback::from(move |value: String| corrected.set(value))
    };
    let address_field = format!("resend-{}", view.id);
    let replace = {
        let on_replace = props.on_replace.clone();
        let view = view.clone();
        Callback::from(move |_: MouseEvent| on_replace.emit(view.clone()))
    };
    let status_class = format!(
        "status status--{}",
        serde_json::to_value(view.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    );
    let date = |at: chrono::DateTime<chrono::Utc>| {
        endorse_shared::i18n::format::date_short(at.date_naive(), lang)
    };
    let live = view.status.is_live();
    html! {
        <li class="entry reference" data-status={view.status.label()}>
            <p class="entry__summary">
                { format!("{} — {}", view.request.referee_name, capitalized(&view.request.relationship.text().say(lang))) }
            </p>
            <p class="entry__meta">{ Text::new("references-meta").with("email", &view.request.referee_email).with("access", Text::new(if view.request.waive_access { "references-waived-short" } else { "references-may-read" })).with("category", &view.request.category).say(lang) }</p>
            <p>
                <span class={status_class}>{ view.status.text().say(lang) }</span>
                {
                    match (view.status, view.expires_at) {
                        (s, Some(at)) if s.is_live() => format!(" · {}", Text::new("references-asked-until").with("asked", date(view.requested_at)).with("until", date(at)).say(lang)),
                        (ReferenceStatus::Expired, Some(at)) => format!(" · {}", Text::new("references-expired-on").with("day", date(at)).say(lang)),
                        _ => view.answered_at.map(|at| format!(" · {}", date(at))).unwrap_or_default(),
                    }
                }
            </p>
            if let Some(delivery) = view.delivery.as_ref().filter(|_| view.status == ReferenceStatus::DeliveryFailed || (live && delivery_retrying(view))) {
                <p class="entry__verdict entry__verdict--not">
                    { Text::new("references-undelivered")
                        .with("attempts", delivery.attempts)
                        .with("error", delivery.last_error.clone().unwrap_or_default())
                        .with("referee", &view.request.referee_name)
                        .say(lang) }
                </p>
            }
            if let Some(reason) = &view.declined_reason {
                <p>{ Text::new("references-declined").with("reason", reason).say(lang) }</p>
            }
            if let Some(counting) = &view.counting {
                if counting.counts {
                    <p class="entry__verdict entry__verdict--counts">{ t(lang, "references-counts") }</p>
                } else {
                    <p class="entry__verdict entry__verdict--not">{ Text::new("portfolio-does-not-count").with("reasons", counting.reasons.join("; ")).say(lang) }</p>
                }
            }
            if let Some(answer) = &view.answer {
                <details>
                    <summary>{ t(lang, "references-read") }</summary>
                    <dl class="ratings">
                        { for answer.ratings.iter().map(|(domain, rating)| html! {
                            <>
                                <dt>{ domain.replace('_', " ") }</dt>
                                <dd>{ rating.text().say(lang) }</dd>
                            </>
                        }) }
                    </dl>
                    <p>{ answer.recommendation.text().say(lang) }</p>
                    if !answer.comments.is_empty() {
                        <blockquote>{ &answer.comments }</blockquote>
                    }
                </details>
            } else if view.status == ReferenceStatus::Received && view.request.waive_access {
                <p class="entry__meta">{ t(lang, "references-waived-confidential") }</p>
            }
            if live || view.status == ReferenceStatus::Expired {
                <details class="resend" open={view.status == ReferenceStatus::DeliveryFailed}>
                    <summary>{ t(lang, "references-correct-resend") }</summary>
                    <form class="toolbar" onsubmit={resend_to} novalidate=true>
                        <TextField name={address_field} label={t(lang, "references-referee-email")} kind="email" autocomplete="off"
                            value={(*corrected).clone()} on_change={on_corrected} errors={Vec::<String>::new()} />
                        <button type="submit" class="button button--secondary"
                            aria-label={Text::new("references-resend-corrected").with("referee", &view.request.referee_name).say(lang)}>{ t(lang, "references-resend") }</button>
                    </form>
                </details>
            }
            <div class="entry__actions">

                if view.status != ReferenceStatus::Cancelled {
                    <button type="button" class="button button--quiet" onclick={replace}
                        aria-label={Text::new("references-replace-referee-of").with("referee", &view.request.referee_name).say(lang)}>{ t(lang, "references-replace-referee") }</button>
                }
                if live || view.status == ReferenceStatus::Expired {
                    { button("references-cancel", Action::Cancel, true) }
                }
                // Re-sending retires the link the referee may be opening right
                // now: it is offered quietly, and only once it can help (the
                // link expired, the mail bounced, or a week went by).
                if resend_helps(view) {
                    { button("references-resend", Action::Resend(None), true) }
                }
            </div>
        </li>
    }
}

/// Whether a plain re-send can help: the link expired, the mail could not be
/// delivered, or the referee has had a week.
fn resend_helps(view: &ReferenceView) -> bool {
    match view.status {
        ReferenceStatus::Expired | ReferenceStatus::DeliveryFailed => true,
        status if status.is_live() => {
            chrono::Utc::now() - view.requested_at > chrono::Duration::days(7)
        }
        _ => false,
    }
}

fn delivery_retrying(view: &ReferenceView) -> bool {
    view.delivery.as_ref().is_some_and(|d| {
        d.last_error.is_some() && d.state != endorse_shared::references::DeliveryState::Sent
    })
}
