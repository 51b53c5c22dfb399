//! The home page: a welcome for visitors, and for each role its own overview.

use crate::api;
use crate::components::{Alert, PageTitle};
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
        SessionState::Loading | SessionState::SignedOut => html! { <Welcome /> },
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
    html! {
        <section class="hero">
            <PageTitle title="The IECMH Endorsement, without the paperwork" />
            <p class="lead">
                { "Endorse is where applicants build their portfolio for the Infant and Early Childhood Mental Health Endorsement, referees answer reference requests, peer reviewers score, and associations decide and keep the registry." }
            </p>
            <p class="actions">
                <Link<Route> to={Route::SignUp} classes="button">{ "Create an applicant account" }</Link<Route>>
                <Link<Route> to={Route::SignIn} classes="button button--secondary">{ "Sign in" }</Link<Route>>
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
    let user = &props.session.user;
    html! {
        <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">{ "Your account" }</h2>
            <dl class="facts">
                <dt>{ "Name" }</dt><dd>{ &user.name }</dd>
                <dt>{ "E-mail" }</dt><dd>{ &user.email }</dd>
                <dt>{ "Role" }</dt><dd>{ user.role.label() }</dd>
                <dt>{ "Member since" }</dt><dd>{ user.created_at.format("%-d %B %Y").to_string() }</dd>
            </dl>
        </section>
    }
}

#[function_component(SelfCheck)]
fn self_check() -> Html {
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
            <h2 id="self-check-heading">{ "Where you stand" }</h2>
            <p class="muted">{ "Your portfolio weighed against every category today." }</p>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            {
                match &*reports {
                    None => html! { <p role="status">{ "Checking…" }</p> },
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
                                            { if report.eligible { "Eligible now".to_string() } else { format!("{short} short") } }
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
            <h2 id="applications-heading">{ "Your applications" }</h2>
            {
                match &*found {
                    None => html! { <p role="status">{ "Loading…" }</p> },
                    Some(list) if list.is_empty() => html! {
                        <p class="muted">{ "None yet. When your portfolio meets a category, start an application from your portfolio." }</p>
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
                                        <span class="badge">{ application.status.label() }</span>
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
    html! {
        <>
            <PageTitle title={format!("Welcome, {}", props.session.user.name)} />
            <p class="actions">
                <Link<Route> to={Route::Portfolio} classes="button">{ "Build your portfolio" }</Link<Route>>
            </p>
            <div class="grid">
                <crate::components::endorsements::MyEndorsements />
                <crate::components::renewal::RenewalCard />
                <MyApplications />
                <SelfCheck />
                <section class="card" aria-labelledby="steps-heading">
                    <h2 id="steps-heading">{ "The path to endorsement" }</h2>
                    <ol class="steps">
                        <li>{ "Choose the category that fits your work: Family Associate, Family Specialist, Family Reflective Supervisor, Mental Health Specialist, or Mental Health Mentor." }</li>
                        <li>{ "Build your portfolio: education, work experience, specialized training, reflective supervision/consultation, and signed agreements." }</li>
                        <li>{ "Ask three referees for a reference rating; they answer through a secure link." }</li>
                        <li>{ "Submit when every requirement is met; peer reviewers then score your portfolio." }</li>
                    </ol>
                </section>
                <section class="card" aria-labelledby="moved-heading">
                    <h2 id="moved-heading">{ "Endorsed elsewhere?" }</h2>
                    <p>{ "If another association endorsed you and you have moved here, ask us to recognise your endorsement instead of applying again." }</p>
                    <p><Link<Route> to={Route::Recognition}>{ "Ask for recognition" }</Link<Route>></p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}

#[function_component(ReviewerHome)]
fn reviewer_home(props: &HomeProps) -> Html {
    html! {
        <>
            <PageTitle title={format!("Welcome, {}", props.session.user.name)} />
            <div class="grid">
                <section class="card" aria-labelledby="role-heading">
                    <h2 id="role-heading">{ "Reviewing for your association" }</h2>
                    <p>{ "As a peer reviewer you score the portfolios and exams that your association assigns to you, in categories at or below your own endorsement." }</p>
                    <p><Link<Route> to={Route::Reviews} classes="button">{ "Open your reviews" }</Link<Route>></p>
                    <p class="muted">{ "Keep your own work history in your portfolio: Endorse uses it to spot conflicts of interest (the same employer at the same time)." }</p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}

#[function_component(AdminHome)]
fn admin_home(props: &HomeProps) -> Html {
    let counts = use_state(|| None::<Vec<(Role, u64)>>);
    let failure = use_state(|| None::<String>);
    let session = use_session();
    let failed_mail = use_state(|| None::<u64>);
    {
        let (session, failed_mail) = (session.clone(), failed_mail.clone());
        use_effect_with(props.session.user.id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let query = endorse_shared::mail::OutboxQuery {
                    status: Some(endorse_shared::mail::MailStatus::Failed),
                    ..Default::default()
                };
                let page = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::outbox(&token, &query).await }
                })
                .await;
                if let Ok(page) = page {
                    failed_mail.set(Some(page.total));
                }
            });
        });
    }
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
            <PageTitle title="Overview" />
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if let Some(count) = failed_mail.as_ref().copied().filter(|c| *c > 0) {
                <div class="alert alert--error" role="alert">
                    { format!("{count} e-mail{} could not be delivered. ", if count == 1 { "" } else { "s" }) }
                    <Link<Route> to={Route::AdminOutbox}>{ "Open the outbox" }</Link<Route>>
                </div>
            }
            <div class="grid">
                <section class="card" aria-labelledby="people-heading">
                    <h2 id="people-heading">{ "People" }</h2>
                    {
                        match &*counts {
                            None => html! { <p role="status">{ "Counting…" }</p> },
                            Some(counts) => html! {
                                <dl class="stats">
                                    { for counts.iter().map(|(role, count)| html! {
                                        <div class="stat">
                                            <dt>{ format!("{}s", role.label()) }</dt>
                                            <dd>{ count }</dd>
                                        </div>
                                    }) }
                                </dl>
                            },
                        }
                    }
                    <p><Link<Route> to={Route::AdminUsers}>{ "Manage users" }</Link<Route>></p>
                </section>
                <AccountCard session={props.session.clone()} />
            </div>
        </>
    }
}
