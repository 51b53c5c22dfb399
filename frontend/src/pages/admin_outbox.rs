//! Admins: the outbox. Every e-mail, where it stands, each attempt, and a way
//! to queue a failed one again. Without a mail server, this is where mail lands.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, SelectField};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::i18n::format;
use endorse_shared::mail::{MailMessage, MailStatus, MailSummary, OutboxPage, OutboxQuery};
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The outbox page.
#[function_component(AdminOutbox)]
pub fn admin_outbox() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let query = use_state(OutboxQuery::default);
    let page = use_state(|| None::<OutboxPage>);
    let failure = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    let signed_in = session.session().is_some();
    {
        let (session, page, failure) = (session.clone(), page.clone(), failure.clone());
        use_effect_with(
            ((*query).clone(), signed_in, *reload),
            move |(query, signed_in, _)| {
                if *signed_in {
                    let query = query.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match authorized(&session, |t| {
                            let query = query.clone();
                            async move { api::outbox(&t, &query).await }
                        })
                        .await
                        {
                            Ok(found) => {
                                failure.set(None);
                                page.set(Some(found));
                            }
                            Err(error) => failure.set(Some(error.message())),
                        }
                    });
                }
            },
        );
    }
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return html! {
            <section class="card card--narrow">
                <PageTitle title={t(lang, "outbox-title")} />
                <Alert message={t(lang, "outbox-only-admin")} />
            </section>
        };
    }
    let on_status = {
        let query = query.clone();
        Callback::from(move |value: String| {
            let mut next = (*query).clone();
            next.status = MailStatus::parse(&value);
            next.page = None;
            query.set(next);
        })
    };
    let go_to = {
        let query = query.clone();
        Callback::from(move |target: u32| {
            let mut next = (*query).clone();
            next.page = Some(target);
            query.set(next);
        })
    };
    let on_changed = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let mut status_options = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "outbox-every-status")),
    )];
    status_options.extend(MailStatus::ALL.iter().map(|s| {
        (
            AttrValue::Static(s.as_str()),
            AttrValue::from(s.text().say(lang)),
        )
    }));
    html! {
        <>
            <PageTitle title={t(lang, "outbox-title")} />
            <p class="lead">{ t(lang, "outbox-lead") }</p>
            <section class="card" aria-labelledby="outbox-heading">
                <h2 id="outbox-heading">{ t(lang, "outbox-messages") }</h2>
                <div class="toolbar">
                    <SelectField name="status_filter" label={t(lang, "outbox-status")} options={status_options}
                        value={query.status.map(MailStatus::as_str).unwrap_or_default()} on_change={on_status} />
                </div>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                }
                {
                    match &*page {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(found) if found.items.is_empty() => html! { <p>{ t(lang, "outbox-none") }</p> },
                        Some(found) => {
                            let pages = found.total.div_ceil(u64::from(found.per_page.max(1)));
                            html! {
                                <>
                                    <p>{ Text::new("outbox-count").with("count", found.total).say(lang) }</p>
                                    <ul class="entries">
                                        { for found.items.iter().map(|m| html! { <MessageRow summary={m.clone()} on_changed={on_changed.clone()} /> }) }
                                    </ul>
                                    <Pager page={found.page} pages={pages} on_page={go_to.clone()} />
                                </>
                            }
                        }
                    }
                }
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct MessageRowProps {
    summary: MailSummary,
    on_changed: Callback<()>,
}

#[function_component(MessageRow)]
fn message_row(props: &MessageRowProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let message = use_state(|| None::<MailMessage>);
    let failure = use_state(|| None::<String>);
    let summary = &props.summary;
    let open = {
        let (session, message, failure, id) = (
            session.clone(),
            message.clone(),
            failure.clone(),
            summary.id,
        );
        Callback::from(move |_: MouseEvent| {
            if message.is_some() {
                message.set(None);
                return;
            }
            let (session, message, failure) = (session.clone(), message.clone(), failure.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(
                    &session,
                    |t| async move { api::outbox_message(&t, id).await },
                )
                .await
                {
                    Ok(found) => message.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let retry = {
        let (session, failure, id, on_changed) = (
            session.clone(),
            failure.clone(),
            summary.id,
            props.on_changed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (session, failure, on_changed) =
                (session.clone(), failure.clone(), on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(
                    &session,
                    |t| async move { api::retry_message(&t, id).await },
                )
                .await
                {
                    Ok(_) => on_changed.emit(()),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let status_class = format!("status status--{}", summary.status.as_str());
    html! {
        <li class="entry">
            <p class="entry__summary break">{ &summary.subject }</p>
            <p class="entry__meta break">
                { Text::new("outbox-meta").with("name", &summary.to_name).with("address", &summary.to_address)
                    .with("kind", summary.kind.text()).with("queued", format::date_time(summary.created_at.naive_utc(), lang)).say(lang) }
            </p>
            <p>
                <span class={status_class}>{ summary.status.text().say(lang) }</span>
                { " · " }{ Text::new("outbox-attempts").with("count", summary.attempts).say(lang) }
                { summary.last_error.as_ref().map(|e| format!(" · {e}")).unwrap_or_default() }
            </p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            <div class="entry__actions">
                <button type="button" class="button button--quiet" aria-expanded={message.is_some().to_string()} onclick={open}>
                    { t(lang, if message.is_some() { "outbox-hide" } else { "outbox-read" }) }
                </button>
                if summary.status == MailStatus::Failed {
                    <button type="button" class="button button--secondary" onclick={retry}>{ t(lang, "outbox-retry") }</button>
                }
            </div>
            if let Some(full) = &*message {
                <pre class="mail-body">{ &full.body_text }</pre>
                if !full.attempts.is_empty() {
                    <h3>{ t(lang, "outbox-attempts-heading") }</h3>
                    <ul>
                        { for full.attempts.iter().map(|a| html! {
                            <li class="break">{ format!("{} · {} · {}", format::date_time(a.attempted_at.naive_utc(), lang), a.transport,
                                if a.ok { t(lang, "outbox-delivered") } else { a.error.clone().unwrap_or_default() }) }</li>
                        }) }
                    </ul>
                }
            }
        </li>
    }
}
