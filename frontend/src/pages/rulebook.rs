//! Admins: the rulebook in force, its versions, and publishing an edited copy.

use crate::api;
use crate::components::{Alert, PageTitle};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::i18n::format;
use endorse_shared::rulebook::{
    PublishRulebookRequest, RulebookVersionResponse, RulebookVersionSummary,
};
use endorse_shared::Role;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// The rulebook page.
#[function_component(RulebookPage)]
pub fn rulebook_page() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let current = use_state(|| None::<RulebookVersionResponse>);
    let versions = use_state(Vec::<RulebookVersionSummary>::new);
    let text = use_state(String::new);
    let problems = use_state(Vec::<(String, String)>::new);
    let failure = use_state(|| None::<String>);
    let published = use_state(|| None::<i64>);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);

    {
        let (session, current, versions, text, failure) = (
            session.clone(),
            current.clone(),
            versions.clone(),
            text.clone(),
            failure.clone(),
        );
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::current_rulebook(&token).await
                })
                .await
                {
                    Ok(version) => {
                        text.set(version.toml.clone());
                        current.set(Some(version));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
                match authorized(&session, |token| async move {
                    api::list_rulebooks(&token).await
                })
                .await
                {
                    Ok(found) => versions.set(found),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return html! { <Alert message={t(lang, "rulebook-only-admin")} /> };
    }

    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_publish = {
        let (session, text, problems, failure, published, busy, reload) = (
            session.clone(),
            text.clone(),
            problems.clone(),
            failure.clone(),
            published.clone(),
            busy.clone(),
            reload.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = PublishRulebookRequest {
                toml: (*text).clone(),
            };
            let (session, problems, failure, published, busy, reload) = (
                session.clone(),
                problems.clone(),
                failure.clone(),
                published.clone(),
                busy.clone(),
                reload.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = authorized(&session, |token| {
                    let request = request.clone();
                    async move { api::publish_rulebook(&token, &request).await }
                })
                .await;
                match outcome {
                    Ok(version) => {
                        problems.set(Vec::new());
                        failure.set(None);
                        published.set(Some(version.number));
                        reload.set(*reload + 1);
                    }
                    Err(error) => {
                        let found: Vec<(String, String)> = error
                            .field_errors()
                            .into_iter()
                            .flat_map(|(path, messages)| {
                                messages.into_iter().map(move |m| (path.clone(), m))
                            })
                            .collect();
                        problems.set(found);
                        failure.set(Some(error.message()));
                        published.set(None);
                    }
                }
                busy.set(false);
            });
        })
    };

    html! {
        <>
            <PageTitle title={t(lang, "rulebook-title")} />
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(number) = *published {
                <Alert kind="success" message={Text::new("rulebook-published").with("number", number).say(lang)} />
            }
            <div class="grid grid--wide-first">
                <section class="card" aria-labelledby="edit-heading">
                    <h2 id="edit-heading">
                        { match &*current {
                            Some(version) => Text::new("rulebook-version").with("number", version.number).with("name", version.rulebook.name.get(lang)).say(lang),
                            None => t(lang, "loading"),
                        } }
                    </h2>
                    <p class="muted">{ t(lang, "rulebook-lead") }</p>
                    if !problems.is_empty() {
                        <ul class="field__errors" aria-label={t(lang, "rulebook-problems")}>
                            { for problems.iter().map(|(path, message)| html! { <li><code>{ path }</code>{ ": " }{ message }</li> }) }
                        </ul>
                    }
                    <form onsubmit={on_publish}>
                        <div class="field">
                            <label for="rulebook-toml">{ t(lang, "rulebook-toml") }</label>
                            <textarea id="rulebook-toml" class="code" rows="24" spellcheck="false"
                                value={(*text).clone()} oninput={on_input} />
                        </div>
                        <button type="submit" class="button" disabled={*busy}>{ t(lang, if *busy { "rulebook-publishing" } else { "rulebook-publish" }) }</button>
                    </form>
                </section>
                <section class="card" aria-labelledby="versions-heading">
                    <h2 id="versions-heading">{ t(lang, "rulebook-versions") }</h2>
                    <ol class="versions" reversed=true>
                        { for versions.iter().map(|v| html! {
                            <li>{ format!("{} — {} ({})", v.number, v.name, format::date(v.published_at.date_naive(), lang)) }</li>
                        }) }
                    </ol>
                </section>
            </div>
        </>
    }
}
