//! The public registry: anyone may search endorsed professionals by name,
//! number or category, without an account.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, TextField};
use crate::route::Route;
use endorse_shared::endorsements::{RegistryPage, RegistryQuery};
use endorse_shared::rulebook::Rulebook;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::Link;

/// The registry page.
#[function_component(Registry)]
pub fn registry() -> Html {
    let query = use_state(RegistryQuery::default);
    let text = use_state(String::new);
    let found = use_state(|| None::<RegistryPage>);
    let failure = use_state(|| None::<String>);
    {
        let (found, failure) = (found.clone(), failure.clone());
        use_effect_with((*query).clone(), move |query| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::registry(&query).await {
                    Ok(page) => {
                        failure.set(None);
                        found.set(Some(page));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    // The categories of the default rulebook name the choices; any code works.
    let categories: Vec<(String, String)> = Rulebook::default_rulebook()
        .map(|r| {
            r.categories
                .into_iter()
                .map(|c| (c.code, c.name.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let on_search = {
        let (query, text) = (query.clone(), text.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            query.set(RegistryQuery {
                q: Some((*text).clone()),
                page: None,
                ..(*query).clone()
            });
        })
    };
    let on_category = {
        let query = query.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            query.set(RegistryQuery {
                category: (!value.is_empty()).then_some(value),
                page: None,
                ..(*query).clone()
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |page: u32| {
            query.set(RegistryQuery {
                page: Some(page),
                ..(*query).clone()
            })
        })
    };
    html! {
        <>
            <PageTitle title="Endorsement Registry" />
            <p class="lead">{ "Professionals who hold the Infant and Early Childhood Mental Health Endorsement and chose to be listed. An endorsement that lapses, is suspended or revoked leaves the registry at once." }</p>
            <p>{ "Not sure which association endorsed someone? " }<Link<Route> to={Route::RegistryEverywhere}>{ "Search every association" }</Link<Route>></p>
            <section class="card" aria-labelledby="registry-search">
                <h2 id="registry-search" class="visually-hidden">{ "Search" }</h2>
                <form class="toolbar" role="search" onsubmit={on_search}>
                    <TextField name="registry-q" label="Name or endorsement number" kind="search" required={false}
                        value={(*text).clone()} on_change={{ let text = text.clone(); Callback::from(move |v: String| text.set(v)) }} />
                    <div class="field">
                        <label for="registry-category">{ "Category" }</label>
                        <select id="registry-category" onchange={on_category}>
                            <option value="" selected={query.category.is_none()}>{ "Any category" }</option>
                            { for categories.iter().map(|(code, name)| html! {
                                <option value={code.clone()} selected={query.category.as_deref() == Some(code.as_str())}>{ format!("{code} \u{2014} {name}") }</option>
                            }) }
                        </select>
                    </div>
                    <button type="submit" class="button">{ "Search" }</button>
                </form>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> }
                {
                    match &*found {
                        None => html! { <p role="status">{ "Loading…" }</p> },
                        Some(page) if page.items.is_empty() => html! { <p role="status">{ "No listed endorsement matches." }</p> },
                        Some(page) => html! {
                            <>
                                <p role="status" class="muted">{ format!("{} listed", page.total) }</p>
                                <div class="table-wrap">
                                    <table class="table">
                                        <thead><tr><th>{ "Name" }</th><th>{ "Category" }</th><th>{ "Number" }</th><th>{ "Status" }</th><th>{ "Endorsed since" }</th><th>{ "Valid through" }</th></tr></thead>
                                        <tbody>
                                            { for page.items.iter().map(|e| html! {
                                                <tr>
                                                    <td>
                                                        { &e.name }
                                                        { for e.recognitions.iter().map(|r| html! { <><br /><small>{ r.describe() }</small></> }) }
                                                    </td>
                                                    <td>{ format!("{} \u{2014} {}", e.category, e.category_name) }</td>
                                                    <td>
                                                        <Link<Route> to={Route::VerifyNumber { number: e.number.clone() }}>
                                                            <span class="visually-hidden">{ "Verify " }</span>{ &e.number }
                                                        </Link<Route>>
                                                    </td>
                                                    <td><span class="badge badge--met">{ e.status.label() }</span></td>
                                                    <td>{ endorse_shared::i18n::format::date(e.endorsed_since, endorse_shared::i18n::Lang::En) }</td>
                                                    <td>{ endorse_shared::i18n::format::date(e.valid_through, endorse_shared::i18n::Lang::En) }</td>
                                                </tr>
                                            }) }
                                        </tbody>
                                    </table>
                                </div>
                                <Pager page={page.page} pages={page.total.div_ceil(u64::from(page.per_page))} on_page={on_page} />
                            </>
                        },
                    }
                }
            </section>
        </>
    }
}
