//! Admins: find accounts and create reviewers and admins.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, SelectField, TextField};
use crate::hooks::use_form;
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::users::{CreateUserRequest, ListUsersQuery, UserListResponse};
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
                            None => html! { <p role="status">{ t(lang, "users-loading") }</p> },
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
                                                        <td data-label={t(lang, "users-name")}>{ &user.name }</td>
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
