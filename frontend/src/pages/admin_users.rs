//! Admins: find accounts and create reviewers and admins.

use crate::api;
use crate::components::{Alert, PageTitle, Pager, SelectField, TextField};
use crate::hooks::use_form;
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::users::{CreateUserRequest, ListUsersQuery, UserListResponse};
use endorse_shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

/// The users page.
#[function_component(AdminUsers)]
pub fn admin_users() -> Html {
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
                <PageTitle title="Users" />
                <Alert message="Only an admin can manage users." />
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

    let mut role_options = vec![(AttrValue::Static(""), AttrValue::Static("All roles"))];
    role_options.extend(Role::ALL.iter().map(|role| {
        (
            AttrValue::Static(role.as_str()),
            AttrValue::Static(role.label()),
        )
    }));

    html! {
        <>
            <PageTitle title="Users" />
            <div class="grid grid--wide-first">
                <section class="card" aria-labelledby="list-heading">
                    <h2 id="list-heading">{ "Accounts" }</h2>
                    <form class="toolbar" role="search" onsubmit={on_search}>
                        <TextField name="q" label="Search by name or e-mail" kind="search" required={false}
                            value={(*search_text).clone()} on_change={on_search_text} />
                        <SelectField name="role_filter" label="Role" options={role_options}
                            value={query.role.map(Role::as_str).unwrap_or_default()} on_change={on_role_filter} />
                        <button type="submit" class="button button--secondary">{ "Search" }</button>
                    </form>
                    if let Some(message) = &*failure {
                        <Alert message={message.clone()} />
                    }
                    {
                        match &*page {
                            None => html! { <p role="status">{ "Loading…" }</p> },
                            Some(found) if found.items.is_empty() => html! { <p role="status">{ "No account matches." }</p> },
                            Some(found) => html! {
                                <>
                                    <p class="muted" role="status">{ format!("{} account{}", found.total, if found.total == 1 { "" } else { "s" }) }</p>
                                    <div class="table-wrap">
                                        <table class="table">
                                            <thead><tr>
                                                <th scope="col">{ "Name" }</th>
                                                <th scope="col">{ "E-mail" }</th>
                                                <th scope="col">{ "Role" }</th>
                                                <th scope="col">{ "Since" }</th>
                                            </tr></thead>
                                            <tbody>
                                                { for found.items.iter().map(|user| html! {
                                                    <tr>
                                                        <td>{ &user.name }</td>
                                                        <td class="break">{ &user.email }</td>
                                                        <td>
                                                            <span class="badge">{ user.role.label() }</span>
                                                            if user.must_change_password {
                                                                <span class="muted">{ " (password not yet chosen)" }</span>
                                                            }
                                                            if user.role == Role::Reviewer {
                                                                { " " }
                                                                <Link<Route> to={Route::AdminReviewer { id: user.id.to_string() }}>
                                                                    { "Profile" }<span class="visually-hidden">{ format!(" of {}", user.name) }</span>
                                                                </Link<Route>>
                                                            }
                                                        </td>
                                                        <td>{ user.created_at.format("%Y-%m-%d").to_string() }</td>
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
                    created.set(Some(format!(
                        "{} ({}) can now sign in as {} with the initial password, and will choose their own.",
                        user.name,
                        user.email,
                        user.role.label().to_lowercase()
                    )));
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
                AttrValue::Static(role.label()),
            )
        })
        .collect::<Vec<_>>();

    html! {
        <section class="card" aria-labelledby="create-heading">
            <h2 id="create-heading">{ "Create an account" }</h2>
            <p class="muted">{ "For reviewers and admins. Applicants register themselves." }</p>
            if let Some(message) = &*form.failure {
                <Alert message={message.clone()} />
            }
            if let Some(message) = &*created {
                <Alert kind="success" message={message.clone()} />
            }
            <form onsubmit={on_submit} novalidate=true>
                <TextField name="name" label="Full name" autocomplete="off"
                    value={form.value.name.clone()} on_change={form.setter(|f, v| f.name = v)}
                    errors={form.errors_for("name")} />
                <TextField name="email" label="E-mail address" kind="email" autocomplete="off"
                    value={form.value.email.clone()} on_change={form.setter(|f, v| f.email = v)}
                    errors={form.errors_for("email")} />
                <SelectField name="role" label="Role" options={role_options}
                    value={form.value.role.as_str()} on_change={form.setter(|f, v| f.role = v.parse().unwrap_or(f.role))}
                    errors={form.errors_for("role")} />
                <TextField name="password" label="Initial password" kind="text" autocomplete="off"
                    hint="At least 12 characters. Give it to the person privately; they must replace it when they first sign in."
                    value={form.value.password.clone()} on_change={form.setter(|f, v| f.password = v)}
                    errors={form.errors_for("password")} />
                <button type="submit" class="button" disabled={*form.busy}>
                    { if *form.busy { "Creating…" } else { "Create account" } }
                </button>
            </form>
        </section>
    }
}
