//! Hydrates the islands of the server-rendered page: the parts that react in the browser
//! (forms, pickers, confirmations, the menu button). Everything else stays as the server sent it.

// The islands are defined in `app`; naming the crate links it, and with it the function that
// hydrates each island (the page's script calls them by name).
extern crate app;

/// Called by the page's script before it hydrates the islands it finds.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    mark_hydrated();
}

/// `<html data-hydrated>` tells tests (and monitoring) that the page is interactive now. The
/// script hydrates the islands right after this function returns, without waiting on anything
/// but promises; a timer runs after all of them.
fn mark_hydrated() {
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = leptos::prelude::document().document_element() {
                let _ = root.set_attribute("data-hydrated", "");
            }
        },
        std::time::Duration::ZERO,
    );
}
