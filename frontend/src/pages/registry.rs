//! The public registry: anyone may search endorsed professionals by name,
//! number or category, without an account.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, TextField};
use crate::i18n::{t, Text};
use crate::route::Route;
use endorse_shared::endorsements::{RegistryPage, RegistryQuery};
use endorse_shared::rulebook::Rulebook;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::Link;

/// The registry page.
#[function_component(Registry)]
pub fn registry() -> Html {
    let lang = crate::i18n::use_lang();
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
            <PageTitle title={t(lang, "registry-title")} />
            <p class="lead">{ t(lang, "registry-lead") }</p>
            <p>{ t(lang, "registry-not-sure") }{ " " }<Link<Route> to={Route::RegistryEverywhere}>{ t(lang, "registry-everywhere") }</Link<Route>></p>
            <section class="card" aria-labelledby="registry-search">
                <h2 id="registry-search" class="visually-hidden">{ t(lang, "registry-search") }</h2>
                <form class="toolbar" role="search" onsubmit={on_search}>
                    <TextField name="registry-q" label={t(lang, "registry-query")} kind="search" required={false}
                        value={(*text).clone()} on_change={{ let text = text.clone(); Callback::from(move |v: String| text.set(v)) }} />
                    <div class="field">
                        <label for="registry-category">{ t(lang, "registry-category") }</label>
                        <select id="registry-category" onchange={on_category}>
                            <option value="" selected={query.category.is_none()}>{ t(lang, "registry-any-category") }</option>
                            { for categories.iter().map(|(code, name)| html! {
                                <option value={code.clone()} selected={query.category.as_deref() == Some(code.as_str())}>{ format!("{code} \u{2014} {name}") }</option>
                            }) }
                        </select>
                    </div>
                    <button type="submit" class="button">{ t(lang, "registry-search") }</button>
                </form>
                if let Some(message) = &*failure { <Alert message={message.clone()} /> }
                {
                    match &*found {
                        None => html! { <p role="status">{ t(lang, "loading") }</p> },
                        Some(page) if page.items.is_empty() => html! { <p role="status">{ t(lang, "registry-none") }</p> },
                        Some(page) => html! {
                            <>
                                <p role="status" class="muted">{ Text::new("registry-count").with("count", page.total).say(lang) }</p>
                                <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "registry-results")}>
                                    <table class="table table--cards">
                                        <thead><tr><th>{ t(lang, "registry-name") }</th><th>{ t(lang, "registry-category") }</th><th>{ t(lang, "registry-number") }</th><th>{ t(lang, "registry-status") }</th><th>{ t(lang, "registry-since") }</th><th>{ t(lang, "registry-through") }</th></tr></thead>
                                        <tbody>
                                            { for page.items.iter().map(|e| html! {
                                                <tr>
                                                    <td data-label={t(lang, "registry-name")}>
                                                        { &e.name }
                                                        { for e.recognitions.iter().map(|r| html! { <><br /><small>{ r.describe().say(lang) }</small></> }) }
                                                    </td>
                                                    <td data-label={t(lang, "registry-category")}>{ format!("{} \u{2014} {}", e.category, e.category_name) }</td>
                                                    <td data-label={t(lang, "registry-number")}>
                                                        <Link<Route> to={Route::VerifyNumber { number: e.number.clone() }}>
                                                            <span class="visually-hidden">{ t(lang, "registry-verify") }{ " " }</span>{ &e.number }
                                                        </Link<Route>>
                                                    </td>
                                                    <td data-label={t(lang, "registry-status")}><span class="badge badge--met">{ e.status.text().say(lang) }</span></td>
                                                    <td data-label={t(lang, "registry-since")}>{ endorse_shared::i18n::format::date(e.endorsed_since, lang) }</td>
                                                    <td data-label={t(lang, "registry-through")}>{ endorse_shared::i18n::format::date(e.valid_through, lang) }</td>
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
