//! Admins: the rulebook in force, its versions, and publishing an edited copy.

use crate::api;
use crate::components::{Alert, PageTitle};
use crate::route::Route;
use crate::session::{authorized, use_session};
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
        return html! { <Alert message="Only an admin can manage the rulebook." /> };
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
            <PageTitle title="Rulebook" />
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(number) = *published {
                <Alert kind="success" message={format!("Version {number} is published. New applications use it; existing ones keep theirs until moved.")} />
            }
            <div class="grid grid--wide-first">
                <section class="card" aria-labelledby="edit-heading">
                    <h2 id="edit-heading">
                        { match &*current {
                            Some(version) => format!("Version {}: {}", version.number, version.rulebook.name),
                            None => "Loading…".to_string(),
                        } }
                    </h2>
                    <p class="muted">{ "Edit a copy and publish it as the next version. Every rule is checked first; nothing is published while one is wrong." }</p>
                    if !problems.is_empty() {
                        <ul class="field__errors" aria-label="Problems in the rulebook">
                            { for problems.iter().map(|(path, message)| html! { <li><code>{ path }</code>{ ": " }{ message }</li> }) }
                        </ul>
                    }
                    <form onsubmit={on_publish}>
                        <div class="field">
                            <label for="rulebook-toml">{ "Rulebook (TOML)" }</label>
                            <textarea id="rulebook-toml" class="code" rows="24" spellcheck="false"
                                value={(*text).clone()} oninput={on_input} />
                        </div>
                        <button type="submit" class="button" disabled={*busy}>{ if *busy { "Publishing…" } else { "Publish as a new version" } }</button>
                    </form>
                </section>
                <section class="card" aria-labelledby="versions-heading">
                    <h2 id="versions-heading">{ "Versions" }</h2>
                    <ol class="versions" reversed=true>
                        { for versions.iter().map(|v| html! {
                            <li>{ format!("{} — {} ({})", v.number, v.name, v.published_at.date_naive()) }</li>
                        }) }
                    </ol>
                </section>
            </div>
        </>
    }
}
