//! The frame of every page: a skip link, the header with the navigation of the
//! signed-in role, and the main region.

use crate::api;
use crate::i18n::{t, use_language};
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
    let language = use_language();
    let lang = language.lang;

    {
        // The association this address serves: its name and logo in the
        // header, its colours on the page (checked for contrast when its
        // admins chose them).
        let association = association.clone();
        let adopt = language.adopt.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(profile) = api::association().await {
                    dress(&profile);
                    // Nobody chose, and the browser names no language
                    // Endorse speaks: the association's.
                    if crate::i18n::stored().is_none() && crate::i18n::browser().is_none() {
                        if let Ok(own) = profile.language.parse() {
                            adopt.emit(own);
                        }
                    }
                    association.set(Some(profile));
                }
            });
        });
    }

    {
        // Signed in: the language saved on the account.
        let saved = session.session().and_then(|s| s.user.language);
        let adopt = language.adopt.clone();
        use_effect_with(saved, move |saved| {
            if let Some(saved) = saved {
                crate::i18n::store(*saved);
                adopt.emit(*saved);
            }
        });
    }

    let switch_language = {
        let session = session.clone();
        let set = language.set.clone();
        // A referee's page keeps the request's language itself (the
        // request stores it, and the page's words come from it).
        let on_referee_page = matches!(&route, Some(Route::Referee { .. }));
        let other = lang.other();
        Callback::from(move |_: MouseEvent| {
            set.emit(other);
            if !on_referee_page && session.session().is_some() {
                let session = session.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // The page already speaks it; the account keeps it for
                    // next time and for mail.
                    let _ = crate::session::authorized(&session, |token| async move {
                        api::choose_language(&token, other).await
                    })
                    .await;
                });
            }
        })
    };
    let other_lang = lang.other();

    {
        // A session the server ended (an account disabled, a password
        // changed elsewhere) lands on the sign-in page, which says why.
        let lost = session.lost().is_some();
        let navigator = navigator.clone();
        use_effect_with(lost, move |lost| {
            if *lost {
                if let Some(navigator) = navigator {
                    navigator.push(&Route::SignIn);
                }
            }
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

    let link = |to: Route, key: &'static str| {
        let current = route.as_ref() == Some(&to);
        html! {
            <li>
                <Link<Route> to={to} classes={classes!(current.then_some("current"))}>
                    <span aria-current={current.then_some("page")}>{ t(lang, key) }</span>
                </Link<Route>>
            </li>
        }
    };

    let nav = match session.session() {
        Some(signed_in) => {
            let role_links = match signed_in.user.role {
                Role::Applicant => html! {
                    <>
                        { link(Route::Home, "nav-home") }
                        { link(Route::Portfolio, "nav-portfolio") }
                        { link(Route::References, "nav-references") }
                        { link(Route::Fees, "nav-fees") }
                    </>
                },
                Role::Reviewer => html! {
                    <>
                        { link(Route::Home, "nav-home") }
                        { link(Route::Reviews, "nav-reviews") }
                        { link(Route::Portfolio, "nav-work-history") }
                    </>
                },
                Role::Admin => html! {
                    <>
                        { link(Route::Home, "nav-overview") }
                        { link(Route::AdminApplications, "nav-applications") }
                        { link(Route::AdminUsers, "nav-users") }
                        { link(Route::AdminRulebook, "nav-rulebook") }
                        { link(Route::AdminRenewals, "nav-renewals") }
                        { link(Route::AdminPayments, "nav-payments") }
                        { link(Route::AdminImports, "nav-imports") }
                        { link(Route::AdminRecognitions, "nav-recognitions") }
                        { link(Route::AdminAssociation, "nav-settings") }
                        { link(Route::AdminOutbox, "nav-outbox") }
                        { link(Route::AdminAudit, "nav-audit") }
                    </>
                },
            };
            html! {
                <>
                    <ul class="nav__links">
                        { role_links }
                        { link(Route::Account, "nav-account") }
                    </ul>
                    <div class="nav__user">
                        <span class="nav__name">
                            { &signed_in.user.name }
                            <span class="badge">{ signed_in.user.role.text().say(lang) }</span>
                        </span>
                        <button type="button" class="button button--quiet" onclick={sign_out}>{ t(lang, "nav-sign-out") }</button>
                    </div>
                </>
            }
        }
        None => html! {
            <ul class="nav__links">
                { link(Route::Registry, "nav-registry") }
                { link(Route::Verify, "nav-verify") }
                { link(Route::SignIn, "nav-sign-in") }
                { link(Route::SignUp, "nav-sign-up") }
            </ul>
        },
    };

    html! {
        <>
            <a class="skip-link" href="#main">{ t(lang, "skip-to-content") }</a>
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
                        class="language-switch"
                        lang={other_lang.code()}
                        title={t(other_lang, "language-switch-hint")}
                        onclick={switch_language}
                    >
                        { other_lang.own_name() }
                    </button>
                    <button
                        type="button"
                        class="menu-toggle"
                        aria-expanded={(*menu_open).to_string()}
                        aria-controls="site-nav"
                        onclick={toggle_menu}
                    >
                        { t(lang, "nav-menu") }
                    </button>
                    <nav id="site-nav" aria-label={t(lang, "nav-main")} class={classes!("nav", (*menu_open).then_some("nav--open"))}>
                        { nav }
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" class="main">
                // Until the refresh cookie has been tried, no page can know who is
                // signed in; rendering one would redirect a deep link too early.
                if matches!(*session, SessionState::Loading) {
                    <p class="loading" role="status">{ t(lang, "loading") }</p>
                } else {
                    { props.children.clone() }
                }
            </main>
            <footer class="footer">
                <p>{ t(lang, "footer-about") }</p>
                <p>
                    <Link<Route> to={Route::Registry}>{ t(lang, "footer-registry") }</Link<Route>>
                    { " \u{b7} " }
                    <Link<Route> to={Route::Verify}>{ t(lang, "footer-verify") }</Link<Route>>
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
