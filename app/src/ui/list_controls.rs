//! What every searched, paged list shares: its search field, and the links to its first and
//! next pages that keep the search (and filters) in the address.

use crate::i18n::{t, use_i18n};
use crate::ui::query_string::query_string;
use leptos::prelude::*;

/// `<input type="search" name=name>` with its label, showing `value` (the address's search) and
/// following it when the address changes.
#[component]
pub fn SearchField(
    id: &'static str,
    name: &'static str,
    label: Signal<String>,
    value: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                type="search"
                name=name
                value=value.get_untracked()
                prop:value=move || value.get()
                autocomplete="off"
            />
        </div>
    }
}

/// The links of a list at `base` showing a page after the first (`later`) and with a page after
/// it (`next`, the cursor for the address field `after`); `pairs` are the search and filters the
/// links keep. Named `label` (a navigation landmark). Plain links: the router's would announce
/// each as the current page, the address's path being the same.
#[component]
pub fn Pager(
    label: Signal<String>,
    base: String,
    pairs: Vec<(&'static str, String)>,
    after: &'static str,
    later: bool,
    next: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = later.then(|| format!("{base}{}", query_string(&pairs)));
    let next = next.map(|next| {
        let mut pairs = pairs.clone();
        pairs.push((after, next));
        format!("{base}{}", query_string(&pairs))
    });
    view! {
        <nav class="pager" aria-label=move || label.get()>
            {first.map(|href| view! { <a href=href class="button">{t!(i18n, common.first_page)}</a> })}
            {next.map(|href| view! { <a href=href class="button">{t!(i18n, common.next_page)}</a> })}
        </nav>
    }
}
