//! Admins: find accounts, create reviewers and admins, and manage one
//! account (its name, address and role; disable, enable; a link to choose a
//! new password).

use crate::api;
use crate::components::{Alert, PageTitle, Pager, SelectField, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::users::{
    CreateUserRequest, DisableUserRequest, ListUsersQuery, UpdateUserRequest, UserListResponse,
    UserResponse,
};
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The users page.
#[function_component(AdminUsers)]
pub fn admin_users() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let query = use_state(ListUsersQuery::default);
    let search_text = use_state(String::new);
    let page = use_state(|| None::<UserListResponse>);
    let failure = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);

    let token = session.session().map(|s| s.token.clone());
    {
        let page = page.clone();
        let failure = failure.clone();
        use_effect_with(
            ((*query).clone(), token.clone(), *reload),
            move |(query, token, _)| {
                if let Some(token) = token.clone() {
                    let query = query.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match api::list_users(&token, &query).await {
                            Ok(found) => {
                                failure.set(None);
                                page.set(Some(found));
                            }
                            Err(error) => failure.set(Some(error.message())),
                        }
                    });
                }
            },
        );
    }

    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return html! {
            <section class="card card--narrow">
                <PageTitle title={t(lang, "users-title")} />
                <Alert message={t(lang, "users-only-admin")} />
            </section>
        };
    }

    let on_search = {
        let query = query.clone();
        let search_text = search_text.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut next = (*query).clone();
            next.q = Some((*search_text).clone()).filter(|q| !q.trim().is_empty());
            next.page = None;
            query.set(next);
        })
    };
    let on_search_text = {
        let search_text = search_text.clone();
        Callback::from(move |value: String| search_text.set(value))
    };
    let on_role_filter = {
        let query = query.clone();
        Callback::from(move |value: String| {
            let mut next = (*query).clone();
            next.role = value.parse().ok();
            next.page = None;
            query.set(next);
        })
    };
    let go_to = {
        let query = query.clone();
        Callback::from(move |target: u32| {
            let mut next = (*query).clone();
            next.page = Some(target);
            query.set(next);
        })
    };
    let on_created = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let mut role_options = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "users-all-roles")),
    )];
    role_options.extend(Role::ALL.iter().map(|role| {
        (
            AttrValue::Static(role.as_str()),
            AttrValue::from(role.text().say(lang)),
        )
    }));

    html! {
        <>
            <PageTitle title={t(lang, "users-title")} />
            <div class="grid grid--wide-first">
                <section class="card" aria-labelledby="list-heading">
                    <h2 id="list-heading">{ t(lang, "users-accounts") }</h2>
                    <form class="toolbar" role="search" onsubmit={on_search}>
                        <TextField name="q" label={t(lang, "users-search")} kind="search" required={false}
                            value={(*search_text).clone()} on_change={on_search_text} />
                        <SelectField name="role_filter" label={t(lang, "users-role")} options={role_options}
                            value={query.role.map(Role::as_str).unwrap_or_default()} on_change={on_role_filter} />
                        <button type="submit" class="button button--secondary">{ t(lang, "users-search-button") }</button>
                    </form>
                    if let Some(message) = &*failure {
                        <Alert message={message.clone()} />
                    }
                    {
                        match &*page {
                            None => html! { <p role="status">{ t(lang, "loading") }</p> },
                            Some(found) if found.items.is_empty() => html! { <p role="status">{ t(lang, "users-none") }</p> },
                            Some(found) => html! {
                                <>
                                    <p class="muted" role="status">{ Text::new("users-count").with("count", found.total).say(lang) }</p>
                                    <div class="table-wrap" tabindex="0" role="region" aria-label={crate::i18n::t(crate::i18n::asked(), "table-region")}>
                                        <table class="table table--cards">
                                            <thead><tr>
                                                <th scope="col">{ t(lang, "users-name") }</th>
                                                <th scope="col">{ t(lang, "users-email") }</th>
                                                <th scope="col">{ t(lang, "users-role") }</th>
                                                <th scope="col">{ t(lang, "users-since") }</th>
                                            </tr></thead>
                                            <tbody>
                                                { for found.items.iter().map(|user| html! {
                                                    <tr>
                                                        <td data-label={t(lang, "users-name")}>
                                                            <Link<Route> to={Route::AdminUser { id: user.id.to_string() }}>{ &user.name }</Link<Route>>
                                                            if user.disabled_at.is_some() {
                                                                { " " }<span class="badge badge--short">{ t(lang, "person-disabled") }</span>
                                                            }
                                                        </td>
                                                        <td class="break" data-label={t(lang, "users-email")}>{ &user.email }</td>
                                                        <td data-label={t(lang, "users-role")}>
                                                            <span class="badge">{ user.role.text().say(lang) }</span>
                                                            if user.must_change_password {
                                                                <span class="muted">{ " " }{ t(lang, "users-password-not-chosen") }</span>
                                                            }
                                                            if user.role == Role::Reviewer {
                                                                { " " }
                                                                <Link<Route> to={Route::AdminReviewer { id: user.id.to_string() }}>
                                                                    { t(lang, "users-profile") }<span class="visually-hidden">{ " " }{ Text::new("users-profile-of").with("name", &user.name).say(lang) }</span>
                                                                </Link<Route>>
                                                            }
                                                        </td>
                                                        <td data-label={t(lang, "users-since")}>{ endorse_shared::i18n::format::date_short(user.created_at.date_naive(), lang) }</td>
                                                    </tr>
                                                }) }
                                            </tbody>
                                        </table>
                                    </div>
                                    <Pager page={found.page} pages={found.page_count()} on_page={go_to.clone()} />
                                </>
                            },
                        }
                    }
                </section>
                <CreateUser on_created={on_created} />
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CreateUserProps {
    on_created: Callback<()>,
}

#[function_component(CreateUser)]
fn create_user(props: &CreateUserProps) -> Html {
    let form = use_form(|| CreateUserRequest {
        role: Role::Reviewer,
        ..CreateUserRequest::default()
    });
    let created = use_state(|| None::<String>);
    let lang = form.lang;

    let session = use_session();
    let on_submit = {
        let form = form.clone();
        let created = created.clone();
        let on_created = props.on_created.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            created.set(None);
            let request = (*form.value).clone().normalized();
            let role = request.role;
            let (session, on_created, created, value) = (
                session.clone(),
                on_created.clone(),
                created.clone(),
                form.value.clone(),
            );
            form.submit(
                request,
                move |request| async move {
                    authorized(&session, |token| {
                        let request = request.clone();
                        async move { api::create_user(&token, &request).await }
                    })
                    .await
                },
                move |user| {
                    created.set(Some(
                        Text::new("users-created")
                            .with("name", &user.name)
                            .with("email", &user.email)
                            .with("role", user.role.text())
                            .say(lang),
                    ));
                    value.set(CreateUserRequest {
                        role,
                        ..CreateUserRequest::default()
                    });
                    on_created.emit(());
                },
            );
        })
    };
    let role_options = Role::ALL
        .iter()
        .map(|role| {
            (
                AttrValue::Static(role.as_str()),
                AttrValue::from(role.text().say(lang)),
            )
        })
        .collect::<Vec<_>>();

    html! {
        <section class="card" aria-labelledby="create-heading">
            <h2 id="create-heading">{ t(lang, "users-create") }</h2>
            <p class="muted">{ t(lang, "users-create-hint") }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            if let Some(message) = &*created {
                <Alert kind="success" message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label={t(lang, "users-full-name")} autocomplete="off"
                    value={form.value.name.clone()} on_change={form.setter(|f, v| f.name = v)}
                    errors={form.errors_for("name")} />
                <TextField name="email" label={t(lang, "users-email-address")} kind="email" autocomplete="off"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <SelectField name="role" label={t(lang, "users-role")} options={role_options}
                    value={form.value.role.as_str()} on_change={form.setter(|f, v| f.role = v.parse().unwrap_or(f.role))}
                    errors={form.errors_for("role")} />
                <TextField name="password" label={t(lang, "users-initial-password")} kind="text" autocomplete="off"
                    hint={t(lang, "users-initial-password-hint")}
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { t(lang, "users-creating") } else { t(lang, "users-create-account") } }
                </button>
            </form>
        </section>
    }
}

/// Props of [`AdminUser`].
#[derive(Properties, PartialEq)]
pub struct AdminUserProps {
    /// The account's id.
    pub id: AttrValue,
}

/// Admins: one account, and what may be done to it: change its name,
/// address or role (with a reason), disable or enable it, send a link to
/// choose a new password.
#[function_component(AdminUser)]
pub fn admin_user(props: &AdminUserProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let user = use_state(|| None::<UserResponse>);
    let failure = use_state(|| None::<String>);
    {
        let (user, failure, session) = (user.clone(), failure.clone(), session.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::get_user(&token, &id).await }
                })
                .await
                {
                    Ok(found) => user.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return html! {
            <section class="card card--narrow">
                <PageTitle title={t(lang, "users-title")} />
                <Alert message={t(lang, "users-only-admin")} />
            </section>
        };
    }
    let on_changed = {
        let user = user.clone();
        Callback::from(move |changed: UserResponse| user.set(Some(changed)))
    };
    html! {
        <>
            <p class="aside"><Link<Route> to={Route::AdminUsers}>{ t(lang, "person-back") }</Link<Route>></p>
            {
                match &*user {
                    None => html! {
                        <>
                            <PageTitle title={t(lang, "users-title")} />
                            if let Some(message) = &*failure {
                                <Alert message={message.clone()} />
                            } else {
                                <p role="status">{ t(lang, "loading") }</p>
                            }
                        </>
                    },
                    Some(found) => html! {
                        <>
                            <PageTitle title={found.name.clone()} />
                            <div class="grid">
                                <PersonFacts user={found.clone()} own={found.id == signed_in.user.id} />
                                if found.erased_at.is_none() {
                                    <PersonAccess user={found.clone()} own={found.id == signed_in.user.id} on_changed={on_changed.clone()} />
                                }
                                if found.erased_at.is_none() && found.id != signed_in.user.id && found.role != Role::Applicant {
                                    <PersonMfa user={found.clone()} on_changed={on_changed.clone()} />
                                }
                                if found.erased_at.is_none() {
                                    <PersonEdit user={found.clone()} on_changed={on_changed.clone()} />
                                }
                                if found.id != signed_in.user.id && found.role != Role::Admin {
                                    <crate::pages::admin_erasure::PersonErasure user={found.clone()} on_changed={on_changed} />
                                }
                                <crate::pages::PersonFees user={found.clone()} />
                                <crate::pages::admin_applications::Verifications user={found.id} />
                            </div>
                        </>
                    },
                }
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PersonProps {
    user: UserResponse,
    #[prop_or_default]
    own: bool,
    #[prop_or_default]
    on_changed: Callback<UserResponse>,
}

#[function_component(PersonFacts)]
fn person_facts(props: &PersonProps) -> Html {
    let lang = crate::i18n::use_lang();
    let user = &props.user;
    html! {
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{ t(lang, "person-account") }</h2>
            <dl class="facts">
                <dt>{ t(lang, "users-email") }</dt>
                <dd>
                    <span class="break">{ &user.email }</span>{ " " }
                    if user.email_verified {
                        <span class="badge badge--met">{ t(lang, "me-email-confirmed") }</span>
                    } else {
                        <span class="badge badge--short">{ t(lang, "me-email-unconfirmed") }</span>
                    }
                </dd>
                if let Some(pending) = &user.pending_email {
                    <dt>{ t(lang, "person-pending-email") }</dt><dd class="break">{ pending }</dd>
                }
                <dt>{ t(lang, "users-role") }</dt><dd>{ user.role.text().say(lang) }</dd>
                <dt>{ t(lang, "mfa-title") }</dt><dd>{ t(lang, if user.mfa_enabled { "mfa-on" } else { "person-mfa-off" }) }</dd>
                <dt>{ t(lang, "users-since") }</dt><dd>{ endorse_shared::i18n::format::date(user.created_at.date_naive(), lang) }</dd>
                <dt>{ t(lang, "person-state") }</dt>
                <dd>
                    if let Some(at) = user.erased_at {
                        <span class="badge badge--short">{ t(lang, "person-erased") }</span>{ " " }
                        { endorse_shared::i18n::format::date(at.date_naive(), lang) }
                    } else if let Some(at) = user.disabled_at {
                        <span class="badge badge--short">{ t(lang, "person-disabled") }</span>{ " " }
                        { Text::new("person-disabled-since").with("date", endorse_shared::i18n::format::date(at.date_naive(), lang)).say(lang) }
                        if let Some(reason) = &user.disabled_reason {
                            <br />{ Text::new("person-disabled-reason").with("reason", reason).say(lang) }
                        }
                    } else if user.must_change_password {
                        { t(lang, "users-password-not-chosen") }
                    } else {
                        { t(lang, "person-active") }
                    }
                </dd>
            </dl>
            if user.role == Role::Reviewer {
                <p><Link<Route> to={Route::AdminReviewer { id: user.id.to_string() }}>{ t(lang, "person-reviewer-profile") }</Link<Route>></p>
            }
            <p>
                <Link<Route, endorse_shared::trail::TrailQuery> to={Route::AdminAudit}
                    query={Some(endorse_shared::trail::TrailQuery { subject: Some(user.id.to_string()), ..Default::default() })}>
                    { t(lang, "person-trail") }
                </Link<Route, endorse_shared::trail::TrailQuery>>
            </p>
        </section>
    }
}

#[function_component(PersonAccess)]
fn person_access(props: &PersonProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let form = use_form(DisableUserRequest::default);
    let notice = use_state(|| None::<String>);
    let failure = use_state(|| None::<String>);
    let id = props.user.id.to_string();

    let on_disable = {
        let (form, notice, session, id) =
            (form.clone(), notice.clone(), session.clone(), id.clone());
        let on_changed = props.on_changed.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            notice.set(None);
            let (session, id, notice, on_changed, value) = (
                session.clone(),
                id.clone(),
                notice.clone(),
                on_changed.clone(),
                form.value.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&session, |token| {
                        let (request, id) = (request.clone(), id.clone());
                        async move { api::disable_user(&token, &id, &request).await }
                    })
                    .await
                },
                move |user| {
                    notice.set(Some(t(lang, "person-disabled-done")));
                    value.set(DisableUserRequest::default());
                    on_changed.emit(user);
                },
            );
        })
    };
    let on_enable = {
        let (notice, failure, session, id) =
            (notice.clone(), failure.clone(), session.clone(), id.clone());
        let on_changed = props.on_changed.clone();
        Callback::from(move |_: MouseEvent| {
            let (notice, failure, session, id, on_changed) = (
                notice.clone(),
                failure.clone(),
                session.clone(),
                id.clone(),
                on_changed.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::enable_user(&token, &id).await }
                })
                .await
                {
                    Ok(user) => {
                        failure.set(None);
                        notice.set(Some(t(lang, "person-enabled-done")));
                        on_changed.emit(user);
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let on_reset = {
        let (notice, failure, session, id) =
            (notice.clone(), failure.clone(), session.clone(), id.clone());
        let email = props.user.email.clone();
        Callback::from(move |_: MouseEvent| {
            let (notice, failure, session, id, email) = (
                notice.clone(),
                failure.clone(),
                session.clone(),
                id.clone(),
                email.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::send_password_reset(&token, &id).await }
                })
                .await
                {
                    Ok(accepted) => {
                        failure.set(None);
                        notice.set(Some(
                            Text::new("person-reset-sent")
                                .with("email", &email)
                                .with("minutes", accepted.valid_minutes)
                                .say(lang),
                        ));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };

    let disabled = props.user.disabled_at.is_some();
    html! {
        <section class="card" aria-labelledby="access-heading">
            <h2 id="access-heading">{ t(lang, "person-access") }</h2>
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            if props.own {
                <p class="muted">{ t(lang, "person-own-account") }</p>
            } else if disabled {
                <p>{ t(lang, "person-enable-hint") }</p>
                <button type="button" class="button" onclick={on_enable}>{ t(lang, "person-enable") }</button>
            } else {
                <p>{ t(lang, "person-reset-hint") }</p>
                <p><button type="button" class="button button--secondary" onclick={on_reset}>{ t(lang, "person-reset") }</button></p>
                <h3>{ t(lang, "person-disable") }</h3>
                <p class="muted">{ t(lang, "person-disable-hint") }</p>
                if let Some(message) = &*form.failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_disable} novalidate=true>
                    <TextField name="disable_reason" label={t(lang, "person-disable-reason")} autocomplete="off"
                        value={form.value.reason.clone()} on_change={form.setter(|f, v| f.reason = v)}
                        errors={form.errors_for("reason")} />
                    <button type="submit" class="button button--danger" disabled={*form.busy}>{ t(lang, "person-disable-button") }</button>
                </form>
            }
        </section>
    }
}

/// Resets the second factor of someone who lost their device.
#[function_component(PersonMfa)]
fn person_mfa(props: &PersonProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let form = use_form(endorse_shared::mfa::MfaResetRequest::default);
    let notice = use_state(|| None::<String>);
    let on_reset = {
        let (form, notice, session) = (form.clone(), notice.clone(), session.clone());
        let (id, on_changed) = (props.user.id.to_string(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (session, id, notice, on_changed, value) = (
                session.clone(),
                id.clone(),
                notice.clone(),
                on_changed.clone(),
                form.value.clone(),
            );
            form.submit(
                (*form.value).clone(),
                move |request| async move {
                    authorized(&session, |token| {
                        let (request, id) = (request.clone(), id.clone());
                        async move { api::reset_user_mfa(&token, &id, &request).await }
                    })
                    .await
                },
                move |user| {
                    notice.set(Some(t(lang, "person-mfa-reset-done")));
                    value.set(Default::default());
                    on_changed.emit(user);
                },
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="person-mfa-heading">
            <h2 id="person-mfa-heading">{ t(lang, "mfa-title") }</h2>
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if props.user.mfa_enabled {
                <p class="muted">{ t(lang, "person-mfa-reset-hint") }</p>
                if let Some(message) = &*form.failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_reset} novalidate=true>
                    <TextField name="mfa_reset_reason" label={t(lang, "person-disable-reason")} autocomplete="off"
                        value={form.value.reason.clone()} on_change={form.setter(|f, v| f.reason = v)}
                        errors={form.errors_for("reason")} />
                    <button type="submit" class="button button--danger" disabled={*form.busy}>{ t(lang, "person-mfa-reset") }</button>
                </form>
            } else {
                <p>{ t(lang, "person-mfa-none") }</p>
            }
        </section>
    }
}

#[function_component(PersonEdit)]
fn person_edit(props: &PersonProps) -> Html {
    let user = props.user.clone();
    let initial = user.clone();
    let form = use_form(move || UpdateUserRequest {
        name: Some(initial.name.clone()),
        email: Some(initial.email.clone()),
        role: Some(initial.role),
        reason: Some(String::new()),
    });
    let lang = form.lang;
    let session = use_session();
    let saved = use_state(|| false);
    let on_submit = {
        let (form, saved, session) = (form.clone(), saved.clone(), session.clone());
        let on_changed = props.on_changed.clone();
        let id = user.id.to_string();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            saved.set(false);
            let request = (*form.value).clone().normalized();
            // The trail keeps why a name or an address changed.
            let changes_identity = request.name.as_deref() != Some(user.name.as_str())
                || request.email.as_deref() != Some(user.email.as_str());
            if changes_identity && request.reason.is_none() {
                let mut errors = crate::hooks::FieldErrors::new();
                errors.insert("reason".into(), vec![t(lang, "person-reason-needed")]);
                form.errors.set(errors);
                form.failure.set(Some(t(lang, "form-correct")));
                return;
            }
            let (session, id, saved, on_changed) = (
                session.clone(),
                id.clone(),
                saved.clone(),
                on_changed.clone(),
            );
            form.submit(
                request,
                move |request| async move {
                    authorized(&session, |token| {
                        let (request, id) = (request.clone(), id.clone());
                        async move { api::update_user(&token, &id, &request).await }
                    })
                    .await
                },
                move |user| {
                    saved.set(true);
                    on_changed.emit(user);
                },
            );
        })
    };
    let role_options = Role::ALL
        .iter()
        .map(|role| {
            (
                AttrValue::Static(role.as_str()),
                AttrValue::from(role.text().say(lang)),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <section class="card" aria-labelledby="edit-heading">
            <h2 id="edit-heading">{ t(lang, "person-edit") }</h2>
            <p class="muted">{ t(lang, "person-edit-hint") }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            if *saved {
                <p class="notice" role="status">{ t(lang, "person-saved") }</p>
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label={t(lang, "users-full-name")} autocomplete="off"
                    value={form.value.name.clone().unwrap_or_default()} on_change={form.setter(|f, v| f.name = Some(v))}
                    errors={form.errors_for("name")} />
                <TextField name="email" label={t(lang, "users-email-address")} kind="email" autocomplete="off"
                    hint={t(lang, "person-email-hint")}
                    value={form.value.email.clone().unwrap_or_default()} on_change={form.setter(|f, v| f.email = Some(v))}
                    errors={form.errors_for("email")} />
                <SelectField name="role" label={t(lang, "users-role")} options={role_options}
                    value={form.value.role.map(Role::as_str).unwrap_or_default()} on_change={form.setter(|f, v| f.role = v.parse().ok().or(f.role))}
                    errors={form.errors_for("role")} />
                <TextField name="reason" label={t(lang, "person-reason")} autocomplete="off" required={false}
                    hint={t(lang, "person-reason-hint")}
                    value={form.value.reason.clone().unwrap_or_default()} on_change={form.setter(|f, v| f.reason = Some(v))}
                    errors={form.errors_for("reason")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { t(lang, if *form.busy { "account-saving" } else { "person-save" }) }
                </button>
            </form>
        </section>
    }
}
