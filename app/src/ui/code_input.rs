//! The field for the 6-digit code of an authenticator app.

use leptos::html::Input;
use leptos::prelude::*;

/// `<input id="code">`: digits, a space allowed in the middle, filled in by the phone's keyboard
/// from a text message or the app where the platform offers it; `node_ref` reads it.
#[component]
pub fn CodeInput(node_ref: NodeRef<Input>) -> impl IntoView {
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
            node_ref=node_ref
        />
    }
}

/// The text of the field `node` (empty while it is not in the page).
pub fn field_value(node: NodeRef<Input>) -> String {
    node.get_untracked()
        .map(|input| input.value())
        .unwrap_or_default()
}
