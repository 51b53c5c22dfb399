//! The page for an address the app does not know.

use crate::components::PageTitle;
use crate::i18n::t;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Not found.
#[function_component(NotFound)]
pub fn not_found() -> Html {
    let lang = crate::i18n::use_lang();
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, "not-found-title")} />
            <p>{ t(lang, "not-found-lead") }</p>
            <p><Link<Route> to={Route::Home}>{ t(lang, "not-found-home") }</Link<Route>></p>
        </section>
    }
}
