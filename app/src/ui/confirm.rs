//! The question asked before a change that takes something away (revoking a post, blocking or
//! removing a user): an alert dialog over the page whose confirm button has the focus; Escape
//! or Cancel closes it; [`AskingButton`] is a button that asks it before it acts.

use leptos::prelude::*;

/// Asks `question`; `yes` confirms (`on_confirm`), `no` or Escape cancels (`on_cancel`).
#[component]
pub fn Confirm(
    question: String,
    yes: &'static str,
    no: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <div class="confirm-backdrop" on:keydown=on_keydown>
            <div class="confirm card" role="alertdialog" aria-modal="true" aria-labelledby="confirm-question">
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
        </div>
    }
}

/// A button (`class`, named `label` for assistive technology, showing `children`) that asks
/// `question` first: `on_confirm` runs once it is confirmed.
#[component]
pub fn AskingButton(
    class: &'static str,
    label: String,
    question: String,
    yes: &'static str,
    no: &'static str,
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    view! {
        <button type="button" class=class aria-label=label on:click=move |_| confirming.set(true)>
            {children()}
        </button>
        {move || {
            confirming
                .get()
                .then(|| {
                    view! {
                        <Confirm
                            question=question.clone()
                            yes
                            no
                            on_confirm=Callback::new(move |()| {
                                confirming.set(false);
                                on_confirm.run(());
                            })
                            on_cancel=Callback::new(move |()| confirming.set(false))
                        />
                    }
                })
        }}
    }
}
