//! The controls of an island are disabled until the browser has made it interactive: a click or
//! a keystroke before then would go nowhere (or be lost when the island takes over its field).
//! The page works before that as a page: links, reading, GET forms outside islands.

use leptos::prelude::*;

/// Wraps an island's content: every control in it is disabled until the island is hydrated (a
/// `<fieldset>` that takes no box of its own). The children are typed: erased ones would make
/// the bundle carry a second, asynchronous way of hydrating every island's whole content.
#[component]
pub fn Interactive<V: IntoView + 'static>(children: TypedChildren<V>) -> impl IntoView {
    let children = children.into_inner();
    let ready = RwSignal::new(false);
    // Effects run only in the browser, once the island is hydrated.
    Effect::new(move |_| ready.set(true));
    view! {
        <fieldset class="interactive" disabled=move || !ready.get()>
            {children()}
        </fieldset>
    }
}
