//! The page for an address the app does not know.

use crate::components::PageTitle;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Not found.
#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <section class="card card--narrow">
            <PageTitle title="Page not found" />
            <p>{ "There is nothing at this address. It may have moved, or the link may be mistyped." }</p>
            <p><Link<Route> to={Route::Home}>{ "Go to the home page" }</Link<Route>></p>
        </section>
    }
}
