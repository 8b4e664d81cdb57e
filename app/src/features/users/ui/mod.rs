//! The user-management pages: the groups an administrator manages (on the home page), a group
//! with its users, adding a user, the Users list and the user detail.

mod add;
mod detail;
mod group;
mod list;
mod permissions;
mod service_picker;
mod table;

pub use add::AddUserPage;
pub use detail::UserDetailPage;
pub use group::{GroupPage, ManagedGroups, MyServices, managed_groups_data, my_access_data};
pub use list::UsersPage;

use super::{Naming, UserStatus};
use crate::domain::ServiceId;
use crate::i18n::{Locale, td_string};
use crate::ui::locale::page_locale;
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
    let class = match status {
        UserStatus::Active => "badge",
        UserStatus::PartlyBlocked => "badge partly",
        UserStatus::Blocked => "badge blocked",
    };
    view! { <span class=class>{status_label(status, page_locale())}</span> }
}

/// The names of `services`, comma-separated, in `locale`.
pub fn service_names(names: &impl Naming, services: &[ServiceId], locale: Locale) -> String {
    services
        .iter()
        .map(|id| {
            names
                .service_name(*id)
                .map_or_else(|| format!("#{id}"), |name| name.get(locale).to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
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

/// An icon, drawn by the stylesheet (one shape for every row, not a path per row); the control
/// around it carries the accessible name.
#[component]
pub fn IconSvg(icon: Icon) -> impl IntoView {
    let class = match icon {
        Icon::Eye => "icon icon-eye",
        Icon::Pencil => "icon icon-pencil",
        Icon::Bin => "icon icon-bin",
    };
    view! { <span class=class aria-hidden="true"></span> }
}
