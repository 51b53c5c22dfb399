//! Admins: erasing a person on request, from their page: what is kept and
//! what goes, what stands in the way, and the erasure itself (the address
//! typed again, a reason).

use crate::api;
use crate::components::{Alert, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::users::{EraseUserRequest, ErasurePreview, UserResponse};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`PersonErasure`].
#[derive(Properties, PartialEq)]
pub struct PersonErasureProps {
    /// The person.
    pub user: UserResponse,
    /// Called with the account as it is after the erasure.
    pub on_changed: Callback<UserResponse>,
}

/// The card.
#[function_component(PersonErasure)]
pub fn person_erasure(props: &PersonErasureProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let preview = use_state(|| None::<ErasurePreview>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let form = use_form(EraseUserRequest::default);
    let id = props.user.id.to_string();
    {
        let (session, preview, failure, id) = (
            session.clone(),
            preview.clone(),
            failure.clone(),
            id.clone(),
        );
        use_effect_with(id.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::erasure_preview(&token, &id).await }
                })
                .await
                {
                    Ok(found) => preview.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let on_erase = {
        let (form, session, notice, preview) = (
            form.clone(),
            session.clone(),
            notice.clone(),
            preview.clone(),
        );
        let (id, on_changed) = (id.clone(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, id, notice, preview, on_changed) = (
                session.clone(),
                id.clone(),
                notice.clone(),
                preview.clone(),
                on_changed.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| {
                    let session = session.clone();
                    async move {
                        let done = authorized(&session, |token| {
                            let (request, id) = (request.clone(), id.clone());
                            async move { api::erase_user(&token, &id, &request).await }
                        })
                        .await?;
                        let user = authorized(&session, |token| {
                            let id = id.clone();
                            async move { api::get_user(&token, &id).await }
                        })
                        .await?;
                        Ok((done, user))
                    }
                },
                move |(done, user)| {
                    notice.set(Some(t(lang, "erase-done")));
                    preview.set(Some(done));
                    on_changed.emit(user);
                },
            );
        })
    };
    let Some(found) = &*preview else {
        return html! {
            <section class="card" aria-labelledby="erase-heading">
                <h2 id="erase-heading">{ t(lang, "erase-title") }</h2>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                } else {
                    <p role="status">{ t(lang, "loading") }</p>
                }
            </section>
        };
    };
    let erased = &found.erased;
    html! {
        <section class="card" aria-labelledby="erase-heading">
            <h2 id="erase-heading">{ t(lang, "erase-title") }</h2>
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if props.user.erased_at.is_none() {
                <p class="muted">{ t(lang, "erase-hint") }</p>
            }
            <h3>{ t(lang, "erase-kept") }</h3>
            <ul>
                <li>{ Text::new("erase-kept-endorsements").with("count", found.endorsements_kept.len()).with("numbers", found.endorsements_kept.join(", ")).say(lang) }</li>
                <li>{ Text::new("erase-kept-applications").with("count", found.applications_kept).say(lang) }</li>
                <li>{ Text::new("erase-kept-audit").with("count", found.audit_events_kept).say(lang) }</li>
            </ul>
            <h3>{ t(lang, if props.user.erased_at.is_some() { "erase-removed" } else { "erase-goes" }) }</h3>
            <ul>
                <li>{ Text::new("erase-goes-entries").with("count", erased.portfolio_entries).say(lang) }</li>
                <li>{ Text::new("erase-goes-documents").with("count", erased.documents).say(lang) }</li>
                <li>{ Text::new("erase-goes-references").with("count", erased.references).say(lang) }</li>
                <li>{ Text::new("erase-goes-snapshots").with("count", erased.snapshots).say(lang) }</li>
                <li>{ Text::new("erase-goes-mails").with("count", erased.mails).say(lang) }</li>
                <li>{ t(lang, "erase-goes-rest") }</li>
            </ul>
            if props.user.erased_at.is_none() {
                if !found.blocking.is_empty() {
                    <p class="notice" role="status">{ Text::new("erase-blocked").with("count", found.blocking.len()).say(lang) }</p>
                    <ul>
                        { for found.blocking.iter().map(|id| html! {
                            <li><Link<Route> to={Route::AdminApplication { id: id.to_string() }}>{ t(lang, "erase-open-application") }</Link<Route>></li>
                        }) }
                    </ul>
                } else {
                    if let Some(message) = &*form.failure {
                        <Alert message={message.clone()} />
                    }
                    <form onsubmit={on_erase} novalidate=true>
                        <TextField name="erase_email" label={t(lang, "erase-email")} kind="email" autocomplete="off"
                            hint={AttrValue::from(Text::new("erase-email-hint").with("email", &props.user.email).say(lang))}
                            value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                            errors={form.errors_for("email")} />
                        <TextField name="erase_reason" label={t(lang, "person-disable-reason")} autocomplete="off"
                            hint={AttrValue::from(t(lang, "erase-reason-hint"))}
                            value={form.value.reason.clone()} on_change={form.setter(|f, v| f.reason = v)}
                            errors={form.errors_for("reason")} />
                        <button type="submit" class="button button--danger" disabled={*form.busy}>{ t(lang, "erase-button") }</button>
                    </form>
                }
            }
        </section>
    }
}
