//! How signing in works for an enterprise account.

use super::PageTitle;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/sign-in`: the entry point for administrators and users.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, sign_in.title)) />
        <h1>{t!(i18n, sign_in.title)}</h1>
        <p class="lead">{t!(i18n, sign_in.text)}</p>
        <p>
            <A href="/">{t!(i18n, sign_in.back_home)}</A>
        </p>
    }
}
