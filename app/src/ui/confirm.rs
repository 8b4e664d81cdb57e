//! The question asked before a change that takes something away (revoking a post, blocking or
//! removing a user): an alert dialog whose confirm button has the focus.

use leptos::prelude::*;

/// Asks `question`; `yes` runs `on_confirm`, `no` runs `on_cancel`.
#[component]
pub fn Confirm(
    #[prop(into)] question: Signal<String>,
    #[prop(into)] yes: Signal<&'static str>,
    #[prop(into)] no: Signal<&'static str>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="confirm card" role="alertdialog" aria-labelledby="confirm-question">
            <p id="confirm-question">{question}</p>
            <p class="actions">
                <button
                    type="button"
                    class="button danger"
                    node_ref=confirm_button
                    on:click=move |_| on_confirm.run(())
                >
                    {yes}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {no}
                </button>
            </p>
        </div>
    }
}
