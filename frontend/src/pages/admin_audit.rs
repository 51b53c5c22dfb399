//! Admins: the one audit trail (applications, accounts, settings,
//! rulebooks, keys, endorsements, exports), filtered by who, what about,
//! and which days, with the same events as CSV.

use crate::api;
use crate::components::{Alert, PageTitle, SelectField, TextField};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::i18n::format;
use endorse_shared::process::Action;
use endorse_shared::trail::{
    action_text, TrailEvent, TrailKind, TrailPage, TrailQuery, SCHEDULE_ACTOR, SCHEDULE_NAME,
};
use endorse_shared::users::{ListUsersQuery, UserResponse};
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page, its filters first read from the address (`?subject=…`).
#[function_component(AdminAudit)]
pub fn admin_audit() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let location = use_location();
    let start = location
        .and_then(|l| l.query::<TrailQuery>().ok())
        .unwrap_or_default();
    let query = use_state(|| TrailQuery {
        before: None,
        ..start.clone()
    });
    let draft = use_state(|| start);
    let events = use_state(|| None::<Vec<TrailEvent>>);
    let next = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let errors = use_state(std::collections::BTreeMap::<String, Vec<String>>::new);
    let admins = use_state(Vec::<UserResponse>::new);
    {
        let (session, admins) = (session.clone(), admins.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let query = ListUsersQuery {
                    role: Some(Role::Admin),
                    per_page: Some(100),
                    ..ListUsersQuery::default()
                };
                if let Ok(found) = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::list_users(&token, &query).await }
                })
                .await
                {
                    admins.set(found.items);
                }
            });
        });
    }
    let load = {
        let (session, events, next, failure, errors) = (
            session.clone(),
            events.clone(),
            next.clone(),
            failure.clone(),
            errors.clone(),
        );
        move |query: TrailQuery, append: bool| {
            let (session, events, next, failure, errors) = (
                session.clone(),
                events.clone(),
                next.clone(),
                failure.clone(),
                errors.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let found: Result<TrailPage, _> = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::audit_trail(&token, &query).await }
                })
                .await;
                match found {
                    Ok(page) => {
                        failure.set(None);
                        errors.set(Default::default());
                        let mut list = if append {
                            (*events).clone().unwrap_or_default()
                        } else {
                            Vec::new()
                        };
                        list.extend(page.events);
                        events.set(Some(list));
                        next.set(page.next);
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                        events.set(Some(Vec::new()));
                    }
                }
            });
        }
    };
    {
        let load = load.clone();
        use_effect_with((*query).clone(), move |query| load(query.clone(), false));
    }
    let text_field = |set: fn(&mut TrailQuery, Option<String>)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut changed = (*draft).clone();
            set(&mut changed, Some(value).filter(|v| !v.trim().is_empty()));
            draft.set(changed);
        })
    };
    let on_actor = text_field(|q, v| q.actor = v);
    let on_subject = text_field(|q, v| q.subject = v);
    let on_kind = text_field(|q, v| q.kind = v.as_deref().and_then(TrailKind::parse));
    let on_from = text_field(|q, v| q.from = v.and_then(|v| v.parse().ok()));
    let on_to = text_field(|q, v| q.to = v.and_then(|v| v.parse().ok()));
    let on_filter = {
        let (query, draft) = (query.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            query.set(TrailQuery {
                before: None,
                ..(*draft).clone()
            });
        })
    };
    let on_clear = {
        let (query, draft) = (query.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(TrailQuery::default());
            query.set(TrailQuery::default());
        })
    };
    let older = {
        let (query, next) = (query.clone(), next.clone());
        Callback::from(move |_: MouseEvent| {
            load(
                TrailQuery {
                    before: (*next).clone(),
                    ..(*query).clone()
                },
                true,
            )
        })
    };
    let download = {
        let (session, failure, query) = (session.clone(), failure.clone(), query.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, failure, query) = (session.clone(), failure.clone(), (*query).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::audit_trail_csv(&token, &query).await }
                })
                .await;
                match result {
                    Ok(csv) => {
                        if let Err(message) =
                            crate::download::save_text("audit.csv", "text/csv", &csv)
                        {
                            failure.set(Some(message));
                        }
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let mut actor_options = vec![
        (
            AttrValue::Static(""),
            AttrValue::from(t(lang, "trail-anyone")),
        ),
        (
            AttrValue::Static(SCHEDULE_ACTOR),
            AttrValue::from(t(lang, "trail-the-schedule")),
        ),
    ];
    actor_options.extend(admins.iter().map(|a| {
        (
            AttrValue::from(a.id.to_string()),
            AttrValue::from(a.name.clone()),
        )
    }));
    if let Some(actor) = draft.actor.as_deref() {
        if !actor_options
            .iter()
            .any(|(value, _)| value.as_str() == actor)
        {
            actor_options.push((
                AttrValue::from(actor.to_string()),
                AttrValue::from(t(lang, "trail-this-account")),
            ));
        }
    }
    let mut kind_options = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "trail-any-kind")),
    )];
    kind_options.extend(TrailKind::ALL.iter().map(|k| {
        (
            AttrValue::Static(k.as_str()),
            AttrValue::from(k.text().say(lang)),
        )
    }));
    let field_errors = |name: &str| errors.get(name).cloned().unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| {
        AttrValue::from(d.map(|d| d.to_string()).unwrap_or_default())
    };
    html! {
        <>
            <PageTitle title={t(lang, "trail-title")} />
            <section class="card" aria-labelledby="trail-filters">
                <h2 id="trail-filters">{ t(lang, "trail-filters") }</h2>
                <form class="toolbar toolbar--wrap" onsubmit={on_filter}>
                    <SelectField name="actor" label={t(lang, "trail-who")} options={actor_options}
                        value={AttrValue::from(draft.actor.clone().unwrap_or_default())} on_change={on_actor}
                        errors={field_errors("actor")} />
                    <SelectField name="kind" label={t(lang, "trail-kind")} options={kind_options}
                        value={AttrValue::from(draft.kind.map(|k| k.as_str()).unwrap_or_default())} on_change={on_kind} />
                    <TextField name="subject" label={t(lang, "trail-subject")} required={false}
                        hint={AttrValue::from(t(lang, "trail-subject-hint"))}
                        value={AttrValue::from(draft.subject.clone().unwrap_or_default())} on_change={on_subject}
                        errors={field_errors("subject")} />
                    <TextField name="from" kind="date" label={t(lang, "trail-from")} required={false}
                        value={day(draft.from)} on_change={on_from} errors={field_errors("from")} />
                    <TextField name="to" kind="date" label={t(lang, "trail-to")} required={false}
                        value={day(draft.to)} on_change={on_to} errors={field_errors("to")} />
                    <button type="submit" class="button button--secondary">{ t(lang, "trail-show") }</button>
                    <button type="button" class="button button--quiet" onclick={on_clear}>{ t(lang, "trail-clear") }</button>
                </form>
                <p><button type="button" class="button button--quiet" onclick={download}>{ t(lang, "trail-download") }</button></p>
            </section>
            <section class="card" aria-labelledby="trail-events">
                <h2 id="trail-events">{ t(lang, "trail-events") }</h2>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                }
                {
                    match &*events {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(list) if list.is_empty() => html! { <p role="status">{ t(lang, "trail-none") }</p> },
                        Some(list) => html! {
                            <>
                                <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "trail-events")}>
                                    <table class="table table--cards">
                                        <thead><tr>
                                            <th scope="col">{ t(lang, "apps-audit-when") }</th>
                                            <th scope="col">{ t(lang, "apps-audit-who") }</th>
                                            <th scope="col">{ t(lang, "apps-audit-what") }</th>
                                            <th scope="col">{ t(lang, "trail-about") }</th>
                                        </tr></thead>
                                        <tbody>
                                            { for list.iter().map(|e| event_row(e, lang)) }
                                        </tbody>
                                    </table>
                                </div>
                                <p class="muted" role="status">{ Text::new("trail-shown").with("count", list.len()).say(lang) }</p>
                                if next.is_some() {
                                    <p><button type="button" class="button button--secondary" onclick={older}>{ t(lang, "trail-older") }</button></p>
                                }
                            </>
                        },
                    }
                }
            </section>
        </>
    }
}

fn event_row(e: &TrailEvent, lang: endorse_shared::i18n::Lang) -> Html {
    let who = if e.actor.is_empty() {
        t(lang, "trail-erased-account")
    } else if e.actor_id.is_none() && e.actor == SCHEDULE_NAME {
        t(lang, "trail-the-schedule")
    } else {
        e.actor.clone()
    };
    // A step of an application, or an action the catalog names, is said in
    // the reader's language; the record's own words follow as recorded.
    let label = match (Action::parse(&e.action), e.from_status, e.to_status) {
        (Some(action), Some(from), Some(to)) if from != to => Some(
            Text::new("apps-audit-step")
                .with("action", action.text())
                .with("from", from.text())
                .with("to", to.text())
                .say(lang),
        ),
        _ => action_text(&e.action).map(|text| text.say(lang)),
    };
    let about = match (e.subject_kind, e.subject_id.as_deref()) {
        (Some(TrailKind::Application), Some(id)) => html! {
            <Link<Route> to={Route::AdminApplication { id: id.to_string() }}>{ TrailKind::Application.text().say(lang) }</Link<Route>>
        },
        (Some(TrailKind::User), Some(id)) => html! {
            <Link<Route> to={Route::AdminUser { id: id.to_string() }}>{ TrailKind::User.text().say(lang) }</Link<Route>>
        },
        (Some(kind), Some(id)) => {
            html! { <>{ kind.text().say(lang) }{ " " }<span class="break">{ id }</span></> }
        }
        (Some(kind), None) => html! { kind.text().say(lang) },
        (None, _) => html! {},
    };
    html! {
        <tr>
            <td data-label={t(lang, "apps-audit-when")}>{ format::date_time(e.at.naive_utc(), lang) }</td>
            <td data-label={t(lang, "apps-audit-who")} class="break">
                { who }
                if let Some(ip) = &e.ip { <div class="muted">{ ip }</div> }
            </td>
            <td data-label={t(lang, "apps-audit-what")}>
                if let Some(label) = label { <div>{ label }</div> }
                <div class="muted" lang="en">{ &e.details }</div>
                if let Some(reason) = &e.reason { <div lang="en">{ Text::new("trail-reason").with("reason", reason).say(lang) }</div> }
            </td>
            <td data-label={t(lang, "trail-about")}>{ about }</td>
        </tr>
    }
}
