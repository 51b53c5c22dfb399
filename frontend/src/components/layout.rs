//! The frame of every page: a skip link, the header with the navigation of the
//! signed-in role, and the main region.

use crate::api;
use crate::route::Route;
use crate::session::{use_session, SessionAction, SessionState};
use endorse_shared::associations::AssociationProfile;
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`Layout`].
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Children,
}

/// Header, navigation and main region.
#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    let menu_open = use_state(|| false);
    let association = use_state(|| None::<AssociationProfile>);

    {
        // The association this address serves: its name and logo in the
        // header, its colours on the page (checked for contrast when its
        // admins chose them).
        let association = association.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(profile) = api::association().await {
                    dress(&profile);
                    association.set(Some(profile));
                }
            });
        });
    }

    {
        // Close the menu on navigation (small screens).
        let menu_open = menu_open.clone();
        use_effect_with(route.clone(), move |_| menu_open.set(false));
    }

    let sign_out = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let navigator = navigator.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Even if the server is unreachable, forget the session here.
                let _ = api::logout().await;
                session.dispatch(SessionAction::End);
                if let Some(navigator) = navigator {
                    navigator.push(&Route::SignIn);
                }
            });
        })
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };

    let link = |to: Route, label: &'static str| {
        let current = route.as_ref() == Some(&to);
        html! {
            <li>
                <Link<Route> to={to} classes={classes!(current.then_some("current"))}>
                    <span aria-current={current.then_some("page")}>{ label }</span>
                </Link<Route>>
            </li>
        }
    };

    let nav = match session.session() {
        Some(signed_in) => {
            let role_links = match signed_in.user.role {
                Role::Applicant => html! {
                    <>
                        { link(Route::Home, "Home") }
                        { link(Route::Portfolio, "Portfolio") }
                        { link(Route::References, "References") }
                    </>
                },
                Role::Reviewer => html! {
                    <>
                        { link(Route::Home, "Home") }
                        { link(Route::Reviews, "Reviews") }
                        { link(Route::Portfolio, "Your work history") }
                    </>
                },
                Role::Admin => html! {
                    <>
                        { link(Route::Home, "Overview") }
                        { link(Route::AdminApplications, "Applications") }
                        { link(Route::AdminUsers, "Users") }
                        { link(Route::AdminRulebook, "Rulebook") }
                        { link(Route::AdminRenewals, "Renewals") }
                        { link(Route::AdminRecognitions, "Recognitions") }
                        { link(Route::AdminAssociation, "Settings") }
                        { link(Route::AdminOutbox, "Outbox") }
                    </>
                },
            };
            html! {
                <>
                    <ul class="nav__links">
                        { role_links }
                        { link(Route::ChangePassword, "Password") }
                    </ul>
                    <div class="nav__user">
                        <span class="nav__name">
                            { &signed_in.user.name }
                            <span class="badge">{ signed_in.user.role.label() }</span>
                        </span>
                        <button type="button" class="button button--quiet" onclick={sign_out}>{ "Sign out" }</button>
                    </div>
                </>
            }
        }
        None => html! {
            <ul class="nav__links">
                { link(Route::Registry, "Registry") }
                { link(Route::Verify, "Verify") }
                { link(Route::SignIn, "Sign in") }
                { link(Route::SignUp, "Create an account") }
            </ul>
        },
    };

    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="header">
                <div class="header__inner">
                    <Link<Route> to={Route::Home} classes="brand">
                        {
                            match association.as_ref().and_then(|a| a.logo.clone()) {
                                Some(logo) => html! { <img class="brand__logo" src={logo} alt="" /> },
                                None => html! { <span class="brand__mark" aria-hidden="true">{ "E" }</span> },
                            }
                        }
                        <span class="brand__name">{ association.as_ref().map_or_else(|| "Endorse".to_string(), |a| a.name.clone()) }</span>
                    </Link<Route>>
                    <button
                        type="button"
                        class="menu-toggle"
                        aria-expanded={(*menu_open).to_string()}
                        aria-controls="site-nav"
                        onclick={toggle_menu}
                    >
                        { "Menu" }
                    </button>
                    <nav id="site-nav" aria-label="Main" class={classes!("nav", (*menu_open).then_some("nav--open"))}>
                        { nav }
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" class="main">
                // Until the refresh cookie has been tried, no page can know who is
                // signed in; rendering one would redirect a deep link too early.
                if matches!(*session, SessionState::Loading) {
                    <p class="loading" role="status">{ "Loading…" }</p>
                } else {
                    { props.children.clone() }
                }
            </main>
            <footer class="footer">
                <p>{ "Endorse — the IECMH Endorsement application tracker." }</p>
                <p>
                    <Link<Route> to={Route::Registry}>{ "Endorsement Registry" }</Link<Route>>
                    { " \u{b7} " }
                    <Link<Route> to={Route::Verify}>{ "Verify an endorsement" }</Link<Route>>
                </p>
            </footer>
        </>
    }
}

/// Puts the association's colours on the page (CSS custom properties set
/// through the CSSOM, which the Content-Security-Policy allows).
fn dress(profile: &AssociationProfile) {
    use wasm_bindgen::JsCast;
    let Some(root) = gloo::utils::document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    let _ = style.set_property("--brand", &profile.primary_colour);
    let _ = style.set_property("--brand-dark", &profile.accent_colour);
}

/// Props of [`PageTitle`].
#[derive(Properties, PartialEq)]
pub struct PageTitleProps {
    /// The page's heading and document title.
    pub title: AttrValue,
}

/// The page's `<h1>`; also sets the document title so screen readers and tabs
/// announce where one is.
#[function_component(PageTitle)]
pub fn page_title(props: &PageTitleProps) -> Html {
    let title = props.title.clone();
    use_effect_with(title.clone(), |title| {
        gloo::utils::document().set_title(&format!("{title} · Endorse"));
    });
    html! { <h1>{ title }</h1> }
}
