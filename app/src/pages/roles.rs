//! Who administers what: the roles of the seed, in plain words.

use super::PageTitle;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// `/roles`: the administrator levels and what each may do.
#[component]
pub fn RolesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, nav.roles)) />
        <h1>{t!(i18n, roles.title)}</h1>
        <p class="lead">{t!(i18n, roles.intro)}</p>
        <dl class="role-list">
            <div class="role">
                <dt>{t!(i18n, roles.mam_name)}</dt>
                <dd>{t!(i18n, roles.mam_text)}</dd>
            </div>
            <div class="role">
                <dt>{t!(i18n, roles.co_mam_name)}</dt>
                <dd>{t!(i18n, roles.co_mam_text)}</dd>
            </div>
            <div class="role">
                <dt>{t!(i18n, roles.am_name)}</dt>
                <dd>{t!(i18n, roles.am_text)}</dd>
            </div>
            <div class="role">
                <dt>{t!(i18n, roles.ga_name)}</dt>
                <dd>{t!(i18n, roles.ga_text)}</dd>
            </div>
            <div class="role">
                <dt>{t!(i18n, roles.user_name)}</dt>
                <dd>{t!(i18n, roles.user_text)}</dd>
            </div>
        </dl>
    }
}
