//! The landing page: what the product is, and the way in.

use super::PageTitle;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/`: explains the product and links to sign-in.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, nav.home)) />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="actions">
                <A href="/sign-in" attr:class="button primary">
                    {t!(i18n, home.cta_sign_in)}
                </A>
                <A href="/roles" attr:class="button">
                    {t!(i18n, home.cta_roles)}
                </A>
            </p>
        </section>
        <section class="features" aria-labelledby="features-heading">
            <h2 id="features-heading">{t!(i18n, home.features_heading)}</h2>
            <ul class="feature-list">
                <li>{t!(i18n, home.feature_admins)}</li>
                <li>{t!(i18n, home.feature_users)}</li>
                <li>{t!(i18n, home.feature_block)}</li>
                <li>{t!(i18n, home.feature_audit)}</li>
                <li>{t!(i18n, home.feature_ebox)}</li>
            </ul>
        </section>
    }
}
