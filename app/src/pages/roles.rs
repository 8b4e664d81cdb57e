//! Who administers what: the roles of the seed, in plain words.

use super::PageTitle;
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use leptos::prelude::*;

/// A translated text chosen by the current language.
type Text = fn(Locale) -> &'static str;

/// The administrator levels from the top down, then the user: (name, what they may do).
const ROLES: [(Text, Text); 5] = [
    (
        |l| td_string!(l, roles.mam_name),
        |l| td_string!(l, roles.mam_text),
    ),
    (
        |l| td_string!(l, roles.co_mam_name),
        |l| td_string!(l, roles.co_mam_text),
    ),
    (
        |l| td_string!(l, roles.am_name),
        |l| td_string!(l, roles.am_text),
    ),
    (
        |l| td_string!(l, roles.ga_name),
        |l| td_string!(l, roles.ga_text),
    ),
    (
        |l| td_string!(l, roles.user_name),
        |l| td_string!(l, roles.user_text),
    ),
];

/// `/roles`: the administrator levels and what each may do.
#[component]
pub fn RolesPage() -> impl IntoView {
    let i18n = use_i18n();
    let roles = ROLES
        .into_iter()
        .map(|(name, text)| {
            view! {
                <div class="role">
                    <dt>{move || name(i18n.get_locale())}</dt>
                    <dd>{move || text(i18n.get_locale())}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, nav.roles)) />
        <h1>{t!(i18n, roles.title)}</h1>
        <p class="lead">{t!(i18n, roles.intro)}</p>
        <dl class="role-list">{roles}</dl>
    }
}
