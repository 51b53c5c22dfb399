//! The signed-in session, kept in a context (never a global, never storage).
//!
//! On start the app asks the API to refresh: the httpOnly cookie restores the
//! session after a reload. It asks only when this browser signed in here
//! before (a flag in `localStorage`, no secret in it), so a visitor who never
//! signed in costs no failing refresh on every page. While signed in, the access token is refreshed a
//! minute before it expires, and the session is checked every minute and
//! whenever the tab comes back into view: an account an admin disabled (or a
//! password changed elsewhere) signs the open tab out, saying why.

use crate::api;
use crate::api::ApiError;
use endorse_shared::auth::SessionResponse;
use endorse_shared::users::UserResponse;
use gloo::timers::callback::Timeout;
use std::future::Future;
use std::rc::Rc;
use yew::prelude::*;

/// Where the session stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// Restoring from the refresh cookie.
    Loading,
    /// Nobody is signed in; with why, when the session ended by itself
    /// (the account was disabled, the session ended elsewhere).
    SignedOut(Option<String>),
    /// Someone is signed in.
    SignedIn(Session),
}

/// A signed-in user and their access token.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// For the Authorization header.
    pub token: String,
    /// Seconds the token lives.
    pub expires_in: u64,
    /// Who is signed in.
    pub user: UserResponse,
}

impl From<SessionResponse> for Session {
    fn from(response: SessionResponse) -> Self {
        Self {
            token: response.access_token,
            expires_in: response.expires_in,
            user: response.user,
        }
    }
}

/// What can happen to the session.
pub enum SessionAction {
    /// A new session (sign-in, refresh, password change).
    Start(SessionResponse),
    /// Signed out, or the session could not be restored.
    End,
    /// The server ended the session, for this reason.
    Lost(String),
    /// The account changed (its name, its address): the same session.
    Update(UserResponse),
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(match action {
            SessionAction::Start(response) => SessionState::SignedIn(response.into()),
            SessionAction::End => SessionState::SignedOut(None),
            SessionAction::Lost(why) => SessionState::SignedOut(Some(why)),
            SessionAction::Update(user) => match &*self {
                SessionState::SignedIn(session) if session.user.id == user.id => {
                    SessionState::SignedIn(Session {
                        user,
                        ..session.clone()
                    })
                }
                other => other.clone(),
            },
        })
    }
}

/// The handle pages use to read and change the session.
pub type SessionHandle = UseReducerHandle<SessionState>;

impl SessionState {
    /// The session, when signed in.
    pub fn session(&self) -> Option<&Session> {
        match self {
            SessionState::SignedIn(session) => Some(session),
            _ => None,
        }
    }

    /// Why the last session ended by itself, if it did.
    pub fn lost(&self) -> Option<&str> {
        match self {
            SessionState::SignedOut(Some(why)) => Some(why),
            _ => None,
        }
    }
}

/// Calls the API with the session's access token. If the token has expired
/// meanwhile (a laptop that slept through the refresh timer), refreshes once and
/// retries; if that fails too, the session ends and the 401 is returned.
pub async fn authorized<T, F, Fut>(session: &SessionHandle, call: F) -> Result<T, ApiError>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let token = session
        .session()
        .map(|s| s.token.clone())
        .unwrap_or_default();
    match call(token).await {
        Err(ApiError::Problem(problem)) if problem.status == 401 => match api::refresh().await {
            Ok(response) => {
                let token = response.access_token.clone();
                session.dispatch(SessionAction::Start(response));
                call(token).await
            }
            Err(_) => {
                session.dispatch(SessionAction::Lost(problem.message().to_string()));
                Err(ApiError::Problem(problem))
            }
        },
        other => other,
    }
}

/// Starts the session a sign-in, registration or new password gave, and
/// goes where the person goes next: to choose their own password when
/// someone else set it, else home.
pub fn begin(
    session: &SessionHandle,
    navigator: Option<yew_router::prelude::Navigator>,
    response: SessionResponse,
) {
    let next = if response.user.must_change_password {
        crate::route::Route::ChangePassword
    } else {
        crate::route::Route::Home
    };
    session.dispatch(SessionAction::Start(response));
    if let Some(navigator) = navigator {
        navigator.push(&next);
    }
}

/// The session of the app.
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().unwrap_or_else(|| {
        // The provider wraps the whole app; reaching this is a programming error.
        panic!("use_session outside SessionProvider")
    })
}

/// Props of [`SessionProvider`].
#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    /// The app.
    pub children: Children,
}

/// The flag that this browser has a session here (per association: the
/// base path is in the key).
fn hint_key() -> String {
    format!("endorse.signed-in{}", api::base_path())
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Whether this browser signed in here and has not signed out since.
fn may_have_session() -> bool {
    storage()
        .and_then(|s| s.get_item(&hint_key()).ok().flatten())
        .is_some()
}

fn remember_session(signed_in: bool) {
    if let Some(storage) = storage() {
        let _ = if signed_in {
            storage.set_item(&hint_key(), "1")
        } else {
            storage.remove_item(&hint_key())
        };
    }
}

/// Restores, refreshes and provides the session.
#[function_component(SessionProvider)]
pub fn session_provider(props: &SessionProviderProps) -> Html {
    let state = use_reducer(|| SessionState::Loading);

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if !may_have_session() {
                state.dispatch(SessionAction::End);
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match api::refresh().await {
                    Ok(response) => state.dispatch(SessionAction::Start(response)),
                    Err(_) => state.dispatch(SessionAction::End),
                }
            });
        });
    }

    {
        // The flag follows the session (not while it is being restored).
        let known = match &*state {
            SessionState::Loading => None,
            SessionState::SignedIn(_) => Some(true),
            SessionState::SignedOut(_) => Some(false),
        };
        use_effect_with(known, move |known| {
            if let Some(signed_in) = *known {
                remember_session(signed_in);
            }
        });
    }

    {
        let handle = state.clone();
        let token = state.session().map(|s| (s.token.clone(), s.expires_in));
        use_effect_with(token, move |token| {
            let timer = token.as_ref().map(|(_, expires_in)| {
                let wait_ms = expires_in.saturating_sub(60).max(5) * 1000;
                let handle = handle.clone();
                Timeout::new(u32::try_from(wait_ms).unwrap_or(u32::MAX), move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        match api::refresh().await {
                            Ok(response) => handle.dispatch(SessionAction::Start(response)),
                            Err(_) => handle.dispatch(SessionAction::End),
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }

    {
        // The session is still good? Asked every minute while the tab is in
        // view, and whenever it comes back into view.
        let handle = state.clone();
        let signed_in = state.session().map(|s| s.user.id);
        use_effect_with(signed_in, move |signed_in| {
            let watch = signed_in.map(|_| {
                let check = {
                    let handle = handle.clone();
                    move || {
                        let handle = handle.clone();
                        if gloo::utils::document().hidden() {
                            return;
                        }
                        wasm_bindgen_futures::spawn_local(async move {
                            // A network failure says nothing about the session.
                            if let Ok(user) =
                                authorized(&handle, |token| async move { api::me(&token).await })
                                    .await
                            {
                                if handle.session().map(|s| &s.user) != Some(&user) {
                                    handle.dispatch(SessionAction::Update(user));
                                }
                            }
                        });
                    }
                };
                let every_minute = gloo::timers::callback::Interval::new(60_000, check.clone());
                let on_view = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "visibilitychange",
                    move |_| check(),
                );
                (every_minute, on_view)
            });
            move || drop(watch)
        });
    }

    html! {
        <ContextProvider<SessionHandle> context={state}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}
