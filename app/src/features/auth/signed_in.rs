//! The signed-in person, as every page sees them: one resource loaded with the page (server-side
//! from the request's cookie) and reloaded after sign-in, sign-out and a change of enterprise.

use super::Me;
use super::api::current_user;
use crate::AppError;
use leptos::prelude::*;

/// The current person (`None` when nobody is signed in) and a way to reload it.
#[derive(Clone, Copy)]
pub struct SessionState {
    /// The person, loaded from the server.
    pub me: Resource<Result<Option<Me>, AppError>>,
    version: RwSignal<u32>,
}

impl SessionState {
    /// Reloads the person after something changed the session.
    pub fn refresh(&self) {
        self.version.update(|version| *version += 1);
    }

    /// The person once loaded: `None` while loading, when nobody is signed in, and when the page
    /// is being torn down (a server render whose visitor has gone may read it once more, and
    /// must not panic then).
    pub fn person(&self) -> Option<Me> {
        self.me.try_get().flatten().and_then(Result::ok).flatten()
    }
}

/// Creates the state and puts it in the context of everything below.
pub fn provide_session_state() {
    let version = RwSignal::new(0_u32);
    let me = Resource::new(move || version.get(), |_| current_user());
    provide_context(SessionState { me, version });
}

/// The state [`provide_session_state`] created.
pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
