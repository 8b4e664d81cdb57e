//! The signed-in person, as every page sees them: read once as the server renders the page,
//! from the request's cookie. (After a sign-in, a sign-out or a change of enterprise the browser
//! loads a new page, which reads it again.)

use super::Me;
use super::api::current_user;
use crate::AppError;
use crate::ui::page_data::{PageData, page_data};
use leptos::prelude::*;

/// The current person (`None` when nobody is signed in).
#[derive(Clone, Copy)]
pub struct SessionState {
    /// The person, loaded from the server.
    pub me: PageData<Result<Option<Me>, AppError>>,
}

impl SessionState {
    /// The person once loaded: `None` while loading, when nobody is signed in, and when the page
    /// is being torn down (a server render whose visitor has gone may read it once more, and
    /// must not panic then).
    pub fn person(&self) -> Option<Me> {
        self.me.try_get().flatten().and_then(Result::ok).flatten()
    }
}

/// Creates the state and puts it in the context of everything below.
pub fn provide_session_state() {
    let me = page_data(|| (), |()| current_user());
    provide_context(SessionState { me });
}

/// The state [`provide_session_state`] created.
pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}
