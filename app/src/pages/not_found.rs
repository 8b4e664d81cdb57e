//! The page for any address the router does not know.

use super::{PageTitle, set_response_status};
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// Any unknown path: answers 404 with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_response_status(http::StatusCode::NOT_FOUND);
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, not_found.title)) />
        <section class="notice" data-testid="not-found">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.text)}</p>
            <p>
                <A href="/">{t!(i18n, not_found.back_home)}</A>
            </p>
        </section>
    }
}
