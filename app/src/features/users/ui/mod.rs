//! The user-management pages: the groups an administrator manages (on the home page), a group
//! with its users, adding a user, the Users list and the user detail.

mod add;
mod detail;
mod detail_group;
mod group;
mod list;
mod service_picker;
mod table;

pub use add::AddUserPage;
pub use detail::UserDetailPage;
pub use group::{
    GroupPage, ManagedGroups, MyServices, managed_groups_resource, my_access_resource,
};
pub use list::UsersPage;

use super::{Groups, UserStatus};
use crate::domain::ServiceId;
use crate::i18n::{Locale, td_string, use_i18n};
use leptos::prelude::*;

/// The state's name in `locale`.
pub fn status_label(status: UserStatus, locale: Locale) -> &'static str {
    match status {
        UserStatus::Active => td_string!(locale, users.status_active),
        UserStatus::PartlyBlocked => td_string!(locale, users.status_partly),
        UserStatus::Blocked => td_string!(locale, users.status_blocked),
    }
}

/// A user's state as a badge.
#[component]
pub fn StatusBadge(status: UserStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        UserStatus::Active => "badge",
        UserStatus::PartlyBlocked => "badge partly",
        UserStatus::Blocked => "badge blocked",
    };
    view! { <span class=class>{move || status_label(status, i18n.get_locale())}</span> }
}

/// The names of `services`, comma-separated, in `locale`.
pub fn service_names(catalog: &Groups, services: &[ServiceId], locale: Locale) -> String {
    services
        .iter()
        .map(|id| {
            catalog
                .service(*id)
                .map_or_else(|| format!("#{id}"), |s| s.name.get(locale).to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A query string (`?a=1&b=x`) of the pairs whose value is not empty.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if !value.is_empty() {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

/// Which icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// Open (view) a user.
    Eye,
    /// Edit a user in a group.
    Pencil,
    /// Remove a user from a group.
    Bin,
}

/// An icon drawn inline; the control around it carries the accessible name.
#[component]
pub fn IconSvg(icon: Icon) -> impl IntoView {
    let path = match icon {
        Icon::Eye => {
            "M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12zm11 4a4 4 0 1 0 0-8 4 4 0 0 0 0 8z"
        }
        Icon::Pencil => {
            "M3 17.3V21h3.7L17.8 9.9l-3.7-3.7L3 17.3zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.7 3.7L20.7 7z"
        }
        Icon::Bin => "M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor" />
        </svg>
    }
}
