//! The signed-in session, kept in a context (never a global, never storage).
//!
//! On start the app asks the API to refresh: the httpOnly cookie restores the
//! session after a reload. While signed in, the access token is refreshed a
//! minute before it expires.

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
    /// Nobody is signed in.
    SignedOut,
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
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(match action {
            SessionAction::Start(response) => SessionState::SignedIn(response.into()),
            SessionAction::End => SessionState::SignedOut,
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
                session.dispatch(SessionAction::End);
                Err(ApiError::Problem(problem))
            }
        },
        other => other,
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

/// Restores, refreshes and provides the session.
#[function_component(SessionProvider)]
pub fn session_provider(props: &SessionProviderProps) -> Html {
    let state = use_reducer(|| SessionState::Loading);

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api::refresh().await {
                    Ok(response) => state.dispatch(SessionAction::Start(response)),
                    Err(_) => state.dispatch(SessionAction::End),
                }
            });
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

    html! {
        <ContextProvider<SessionHandle> context={state}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}
