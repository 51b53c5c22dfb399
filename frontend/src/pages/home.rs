//! The home page: a welcome for visitors, and for each role its own overview.

use crate::api;
use crate::components::{Alert, PageTitle};
use crate::i18n::{t, Text};
use crate::pages::portfolio::PortfolioQuery;
use crate::route::Route;
use crate::session::{authorized, use_session, Session, SessionState};
use endorse_shared::applications::ApplicationResponse;
use endorse_shared::eligibility::EligibilityReport;
use endorse_shared::users::ListUsersQuery;
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The home page.
#[function_component(Home)]
pub fn home() -> Html {
    let session = use_session();
    match &*session {
        SessionState::Loading | SessionState::SignedOut(_) => html! { <Welcome /> },
        SessionState::SignedIn(signed_in) if signed_in.user.must_change_password => {
            html! { <Redirect<Route> to={Route::ChangePassword} /> }
        }
        SessionState::SignedIn(signed_in) => match signed_in.user.role {
            Role::Applicant => html! { <ApplicantHome session={signed_in.clone()} /> },
            Role::Reviewer => html! { <ReviewerHome session={signed_in.clone()} /> },
            Role::Admin => html! { <AdminHome session={signed_in.clone()} /> },
        },
    }
}

#[function_component(Welcome)]
fn welcome() -> Html {
    let lang = crate::i18n::use_lang();
    html! {
        <section class="hero">
            <PageTitle title={t(lang, "home-hero")} />
            <p class="lead">
                { t(lang, "home-hero-lead") }
            </p>
            <p class="actions">
                <Link<Route> to={Route::SignUp} classes="button">{ t(lang, "home-create-account") }</Link<Route>>
                <Link<Route> to={Route::SignIn} classes="button button--secondary">{ t(lang, "home-sign-in") }</Link<Route>>
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HomeProps {
    session: Session,
}

#[function_component(AccountCard)]
fn account_card(props: &HomeProps) -> Html {
    let lang = crate::i18n::use_lang();
    let user = &props.session.user;
    html! {
        <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">{ t(lang, "home-your-account") }</h2>
            <crate::pages::ConfirmAddressNotice />
            <dl class="facts">
                <dt>{ t(lang, "home-name") }</dt><dd>{ &user.name }</dd>
                <dt>{ t(lang, "home-email") }</dt><dd>{ &user.email }</dd>
                <dt>{ t(lang, "home-role") }</dt><dd>{ user.role.text().say(lang) }</dd>
                <dt>{ t(lang, "home-member-since") }</dt><dd>{ endorse_shared::i18n::format::date(user.created_at.date_naive(), lang) }</dd>
            </dl>
            <p><Link<Route> to={Route::Account}>{ t(lang, "home-manage-account") }</Link<Route>></p>
        </section>
    }
}

#[function_component(SelfCheck)]
fn self_check() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let reports = use_state(|| None::<Vec<EligibilityReport>>);
    let failure = use_state(|| None::<String>);
    {
        let (reports, failure) = (reports.clone(), failure.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(
                    &session,
                    |token| async move { api::eligibility(&token).await },
                )
                .await
                {
                    Ok(found) => reports.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    html! {
        <section class="card" aria-labelledby="self-check-heading">
            <h2 id="self-check-heading">{ t(lang, "home-where-you-stand") }</h2>
            <p class="muted">{ t(lang, "home-weighed") }</p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            {
                match &*reports {
                    None => html! { <p role="status">{ t(lang, "home-checking") }</p> },
                    Some(reports) => html! {
                        <ul class="self-check">
                            { for reports.iter().map(|report| {
                                let short = report.short_lines().count();
                                let query = PortfolioQuery { category: Some(report.category.clone()) };
                                html! {
                                    <li>
                                        <Link<Route, PortfolioQuery> to={Route::Portfolio} query={Some(query)}>
                                            { format!("{} — {}", report.category, report.category_name) }
                                        </Link<Route, PortfolioQuery>>
                                        <span class={classes!("badge", if report.eligible { "badge--met" } else { "badge--short" })}>
                                            { if report.eligible { t(lang, "home-eligible") } else { Text::new("home-short").with("count", short).say(lang) } }
                                        </span>
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}

#[function_component(MyApplications)]
fn my_applications() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let found = use_state(|| None::<Vec<ApplicationResponse>>);
    {
        let found = found.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = authorized(&session, |token| async move {
                    api::my_applications(&token).await
                })
                .await
                {
                    found.set(Some(list));
                }
            });
        });
    }
    html! {
        <section class="card" aria-labelledby="applications-heading">
            <h2 id="applications-heading">{ t(lang, "home-your-applications") }</h2>
            {
                match &*found {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(list) if list.is_empty() => html! {
                        <p class="muted">{ t(lang, "home-none-yet") }</p>
                    },
                    Some(list) => html! {
                        <ul class="self-check">
                            { for list.iter().map(|application| {
                                let query = PortfolioQuery { category: Some(application.category.clone()) };
                                html! {
                                    <li>
                                        <Link<Route, PortfolioQuery> to={Route::Portfolio} query={Some(query)}>
                                            { format!("{} — {}", application.category, application.category_name) }
                                        </Link<Route, PortfolioQuery>>
                                        <span class="badge">{ application.status.text().say(lang) }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}

#[function_component(ApplicantHome)]
fn applicant_home(props: &HomeProps) -> Html {
    let lang = crate::i18n::use_lang();
    html! {
        <>
            <PageTitle title={Text::new("home-welcome").with("name", &props.session.user.name).say(lang)} />
            <p class="actions">
                <Link<Route> to={Route::Portfolio} classes="button">{ t(lang, "home-build") }</Link<Route>>
            </p>
            <div class="grid">
                <crate::components::endorsements::MyEndorsements />
                <crate::components::renewal::RenewalCard />
                <crate::components::fees::FeesDue />
                <MyApplications />
                <SelfCheck />
                <section class="card" aria-labelledby="steps-heading">
                    <h2 id="steps-heading">{ t(lang, "home-path") }</h2>
                    <ol class="steps">
                        <li>{ t(lang, "home-path-1") }</li>
                        <li>{ t(lang, "home-path-2") }</li>
                        <li>{ t(lang, "home-path-3") }</li>
                        <li>{ t(lang, "home-path-4") }</li>
                    </ol>
                </section>
                <section class="card" aria-labelledby="moved-heading">
                    <h2 id="moved-heading">{ t(lang, "home-moved") }</h2>
                    <p>{ t(lang, "home-moved-text") }</p>
                    <p><Link<Route> to={Route::Recognition}>{ t(lang, "home-ask-recognition") }</Link<Route>></p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}

#[function_component(ReviewerHome)]
fn reviewer_home(props: &HomeProps) -> Html {
    let lang = crate::i18n::use_lang();
    html! {
        <>
            <PageTitle title={Text::new("home-welcome").with("name", &props.session.user.name).say(lang)} />
            <div class="grid">
                <section class="card" aria-labelledby="role-heading">
                    <h2 id="role-heading">{ t(lang, "home-reviewing") }</h2>
                    <p>{ t(lang, "home-reviewing-text") }</p>
                    <p><Link<Route> to={Route::Reviews} classes="button">{ t(lang, "home-open-reviews") }</Link<Route>></p>
                    <p class="muted">{ t(lang, "home-reviewer-history") }</p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}

#[function_component(AdminHome)]
fn admin_home(props: &HomeProps) -> Html {
    let lang = crate::i18n::use_lang();
    let counts = use_state(|| None::<Vec<(Role, u64)>>);
    let failure = use_state(|| None::<String>);
    let session = use_session();
    let work = use_state(|| None::<endorse_shared::worklist::WorkList>);
    {
        let (session, work) = (session.clone(), work.clone());
        use_effect_with(props.session.user.id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) =
                    authorized(
                        &session,
                        |token| async move { api::work_list(&token).await },
                    )
                    .await
                {
                    work.set(Some(list));
                }
            });
        });
    }
    let failed_mail = work.as_ref().and_then(|list| {
        list.items
            .iter()
            .find(|item| item.kind == endorse_shared::worklist::WorkKind::MailFailed)
            .map(|item| item.count)
    });
    {
        let counts = counts.clone();
        let failure = failure.clone();
        use_effect_with(props.session.user.id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let mut found = Vec::new();
                for role in Role::ALL {
                    let query = ListUsersQuery {
                        role: Some(role),
                        per_page: Some(1),
                        ..ListUsersQuery::default()
                    };
                    let page = authorized(&session, |token| {
                        let query = query.clone();
                        async move { api::list_users(&token, &query).await }
                    })
                    .await;
                    match page {
                        Ok(page) => found.push((role, page.total)),
                        Err(error) => {
                            failure.set(Some(error.message()));
                            return;
                        }
                    }
                }
                counts.set(Some(found));
            });
        });
    }
    html! {
        <>
            <PageTitle title={t(lang, "home-overview")} />
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(count) = failed_mail.filter(|c| *c > 0) {
                <div class="alert alert--error" role="alert">
                    { Text::new("home-mail-failed").with("count", count).say(lang) }{ " " }
                    <Link<Route> to={Route::AdminOutbox}>{ t(lang, "home-open-outbox") }</Link<Route>>
                </div>
            }
            <div class="grid">
                <WorkCard list={(*work).clone()} />
                <section class="card" aria-labelledby="people-heading">
                    <h2 id="people-heading">{ t(lang, "home-people") }</h2>
                    {
                        match &*counts {
                            None => html! { <p role="status">{ t(lang, "home-counting") }</p> },
                            Some(counts) => html! {
                                <dl class="stats">
                                    { for counts.iter().map(|(role, count)| html! {
                                        <div class="stat">
                                            <dt>{ t(lang, match role { Role::Applicant => "home-applicants", Role::Reviewer => "home-reviewers", Role::Admin => "home-admins" }) }</dt>
                                            <dd>{ count }</dd>
                                        </div>
                                    }) }
                                </dl>
                            },
                        }
                    }
                    <p><Link<Route> to={Route::AdminUsers}>{ t(lang, "home-manage-users") }</Link<Route>></p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WorkCardProps {
    list: Option<endorse_shared::worklist::WorkList>,
}

/// What waits on the admins, each with a link to where it is done.
#[function_component(WorkCard)]
fn work_card(props: &WorkCardProps) -> Html {
    use endorse_shared::worklist::WorkKind;
    let lang = crate::i18n::use_lang();
    let body = match &props.list {
        None => html! { <p role="status">{ t(lang, "loading") }</p> },
        Some(list) if list.is_empty() => html! { <p class="muted">{ t(lang, "work-nothing") }</p> },
        Some(list) => html! {
            <ul class="worklist">
                { for list.items.iter().filter(|item| item.count > 0).map(|item| {
                    let words = item.kind.text().with("count", item.count).say(lang);
                    let to = match item.kind {
                        WorkKind::MembershipsToVerify | WorkKind::ProvidersToVet => None,
                        WorkKind::RenewalsWaiting => Some(Route::AdminRenewals),
                        WorkKind::RecognitionsWaiting => Some(Route::AdminRecognitions),
                        WorkKind::MailFailed => Some(Route::AdminOutbox),
                        WorkKind::ApplicationsWithoutReviewers
                        | WorkKind::ReviewsOverdue
                        | WorkKind::ExamsToSchedule
                        | WorkKind::ExamsToScore => Some(Route::AdminApplications),
                    };
                    html! {
                        <li>
                            if let Some(to) = to {
                                <Link<Route> to={to}>{ words }</Link<Route>>
                            } else {
                                <span>{ words }</span>
                                if !item.people.is_empty() {
                                    { ": " }
                                    { for item.people.iter().enumerate().map(|(i, person)| html! {
                                        <>
                                            if i > 0 { { ", " } }
                                            <Link<Route> to={Route::AdminUser { id: person.id.to_string() }}>{ &person.name }</Link<Route>>
                                        </>
                                    }) }
                                }
                            }
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="card" aria-labelledby="work-heading">
            <h2 id="work-heading">{ t(lang, "work-title") }</h2>
            { body }
        </section>
    }
}
