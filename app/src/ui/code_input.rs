//! The field for the 6-digit code of an authenticator app.

use leptos::prelude::*;

/// `<input id="code" name="code">` for a one-time code: numeric keyboard, the browser's
/// one-time-code autofill, six digits with an optional space in the middle.
#[component]
pub fn CodeInput() -> impl IntoView {
    view! {
        <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxlength="7"
            required
        />
    }
}
