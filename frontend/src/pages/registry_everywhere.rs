//! The search across every association's public registry that takes part,
//! for employers who do not know where someone was endorsed.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, TextField};
use crate::i18n::{t, Text};
use endorse_shared::endorsements::{SharedRegistryPage, SharedRegistryQuery};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The page.
#[function_component(RegistryEverywhere)]
pub fn registry_everywhere() -> Html {
    let lang = crate::i18n::use_lang();
    let query = use_state(SharedRegistryQuery::default);
    let text = use_state(String::new);
    let found = use_state(|| None::<SharedRegistryPage>);
    let failure = use_state(|| None::<String>);
    {
        let (found, failure) = (found.clone(), failure.clone());
        use_effect_with((*query).clone(), move |query| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::registry_everywhere(&query).await {
                    Ok(page) => {
                        failure.set(None);
                        found.set(Some(page));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let on_search = {
        let (query, text) = (query.clone(), text.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            query.set(SharedRegistryQuery {
                q: Some((*text).clone()),
                page: None,
                ..(*query).clone()
            });
        })
    };
    let on_association = {
        let query = query.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            query.set(SharedRegistryQuery {
                association: (!value.is_empty()).then_some(value),
                page: None,
                ..(*query).clone()
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |page: u32| {
            query.set(SharedRegistryQuery {
                page: Some(page),
                ..(*query).clone()
            })
        })
    };
    let associations = found
        .as_ref()
        .map(|page| page.associations.clone())
        .unwrap_or_default();
    html! {
        <>
            <PageTitle title={t(lang, "registry-everywhere")} />
            <p class="lead">{ t(lang, "registry-everywhere-lead") }</p>
            <section class="card" aria-labelledby="everywhere-search">
                <h2 id="everywhere-search" class="visually-hidden">{ t(lang, "registry-search") }</h2>
                <form class="toolbar" role="search" onsubmit={on_search}>
                    <TextField name="everywhere-q" label={t(lang, "registry-query")} kind="search" required={false}
                        value={(*text).clone()} on_change={{ let text = text.clone(); Callback::from(move |v: String| text.set(v)) }} />
                    <div class="field">
                        <label for="everywhere-association">{ t(lang, "registry-association") }</label>
                        <select id="everywhere-association" onchange={on_association}>
                            <option value="" selected={query.association.is_none()}>{ t(lang, "registry-every-association") }</option>
                            { for associations.iter().map(|(code, name)| html! {
                                <option value={code.clone()} selected={query.association.as_deref() == Some(code.as_str())}>{ name }</option>
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
                                        <thead><tr><th>{ t(lang, "registry-name") }</th><th>{ t(lang, "registry-association") }</th><th>{ t(lang, "registry-category") }</th><th>{ t(lang, "registry-number") }</th><th>{ t(lang, "registry-through") }</th></tr></thead>
                                        <tbody>
                                            { for page.items.iter().map(|line| {
                                                let e = &line.entry;
                                                html! {
                                                    <tr>
                                                        <td data-label={t(lang, "registry-name")}>
                                                            { &e.name }
                                                            { for e.recognitions.iter().map(|r| html! { <><br /><small>{ r.describe().say(lang) }</small></> }) }
                                                        </td>
                                                        <td data-label={t(lang, "registry-association")}><a href={format!("{}/registry", line.association_url)}>{ &line.association_name }</a></td>
                                                        <td data-label={t(lang, "registry-category")}>{ format!("{} \u{2014} {}", e.category, e.category_name) }</td>
                                                        <td data-label={t(lang, "registry-number")}>
                                                            <a href={format!("{}/verify/{}", line.association_url, e.number)}>
                                                                <span class="visually-hidden">{ t(lang, "registry-verify") }{ " " }</span>{ &e.number }
                                                            </a>
                                                        </td>
                                                        <td data-label={t(lang, "registry-through")}>{ endorse_shared::i18n::format::date(e.valid_through, lang) }</td>
                                                    </tr>
                                                }
                                            }) }
                                        </tbody>
                                    </table>
                                </div>
                                <Pager page={page.page} pages={page.total.div_ceil(u64::from(page.per_page)).min(40)} on_page={on_page} />
                            </>
                        },
                    }
                }
            </section>
        </>
    }
}
