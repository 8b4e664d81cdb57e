//! Users: people linked to the enterprise who may use chosen online services in chosen groups.
//! Administrators create them by national register number, grant and withdraw services, block
//! them in one group or in all, unblock and remove them, each inside the scope the policy gives.

use crate::domain::{DomainId, GroupId, PersonId, ServiceId};
use crate::domain::{ImplicitAccess, LocalizedName};
use crate::features::audit_trail::AuditEntry;
use crate::ui::picker::{Choice, Choices};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod bulk;
#[cfg(feature = "ssr")]
pub mod change;
#[cfg(feature = "ssr")]
pub mod choices;
#[cfg(feature = "ssr")]
pub mod create;
#[cfg(feature = "ssr")]
pub mod detail;
#[cfg(feature = "ssr")]
pub mod linked_notice;
#[cfg(feature = "ssr")]
pub mod list;
#[cfg(feature = "ssr")]
pub mod page_query;
#[cfg(feature = "ssr")]
mod reads;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

/// Rows per page of a user list.
pub const PAGE_SIZE: usize = 50;

/// Groups per page of an administrator's home.
pub const GROUPS_PAGE_SIZE: usize = 25;

/// An online service with its names and who holds it without a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedService {
    /// Which.
    pub id: ServiceId,
    /// In four languages.
    pub name: LocalizedName,
    /// Who holds it without a grant.
    pub implicit: ImplicitAccess,
}

/// An active group of the enterprise with the services it offers and its user counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCard {
    /// Which.
    pub id: GroupId,
    pub domain: DomainId,
    /// In four languages.
    pub name: LocalizedName,
    /// The services it offers.
    pub services: Vec<ServiceId>,
    /// Users not blocked in it.
    pub users_active: i64,
    /// Users blocked in it.
    pub users_blocked: i64,
}

/// Some groups with the services they offer, named: those a page names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groups {
    /// The groups, by name.
    pub groups: Vec<GroupCard>,
    /// Every service they offer, and those held without a grant.
    pub services: Vec<NamedService>,
}

/// Which groups an administrator's home shows: those whose users they manage, a page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupQuery {
    /// Text one of the group's names contains; empty for every group.
    pub search: String,
    /// The page after this cursor (from [`GroupList::next`]).
    pub after: Option<String>,
}

/// A page of the groups an administrator manages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupList {
    /// The groups, by name.
    pub groups: Vec<GroupCard>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// What a user list's filters offer before anything is typed, and the current picks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterChoices {
    /// The first groups of the administrator's scope.
    pub groups: Choices,
    /// The first services granted there.
    pub services: Choices,
    /// The group filtered by.
    pub group: Option<Choice>,
    /// The service filtered by.
    pub service: Option<Choice>,
}

/// What a filter picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceKind {
    /// A group of the administrator's scope.
    Group,
    /// A service granted in those groups.
    Service,
}

impl Groups {
    /// The service `id`.
    pub fn service(&self, id: ServiceId) -> Option<&NamedService> {
        self.services.iter().find(|service| service.id == id)
    }

    /// The group `id`.
    pub fn group(&self, id: GroupId) -> Option<&GroupCard> {
        self.groups.iter().find(|group| group.id == id)
    }

    /// The services `group` offers: those an administrator grants, and those its users hold
    /// without a grant (ContactData).
    pub fn offered_by(&self, group: GroupId) -> (Vec<NamedService>, Vec<NamedService>) {
        let offered = self
            .group(group)
            .map(|g| g.services.clone())
            .unwrap_or_default();
        let (implicit, grantable): (Vec<_>, Vec<_>) = offered
            .into_iter()
            .filter_map(|id| self.service(id).cloned())
            .partition(|s| s.implicit == ImplicitAccess::AccessManagersAndUsers);
        (grantable, implicit)
    }
}

/// Which users a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserQuery {
    /// An NRN (prefix, separators allowed) or a name (prefix of the family or given name, any
    /// case and accents); empty for everyone.
    pub search: String,
    /// Only users of this group.
    pub group: Option<GroupId>,
    /// Only users granted this service.
    pub service: Option<ServiceId>,
    /// Only users with a membership in this state.
    pub status: Option<StatusFilter>,
    /// The page after this cursor (from [`UserPage::next`]).
    pub after: Option<String>,
}

/// The state a list filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Not blocked in some group (of the filter's group, when one is chosen).
    Active,
    /// Blocked in some group (of the filter's group, when one is chosen).
    Blocked,
}

/// A user's place in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub group: GroupId,
    /// Blocked there.
    pub blocked: bool,
    /// The services granted there.
    pub services: Vec<ServiceId>,
}

/// One row of a user list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// Who.
    pub person: PersonId,
    /// Given and family name.
    pub name: String,
    /// The formatted NRN.
    pub nrn: String,
    /// Their memberships in the groups the viewer manages.
    pub memberships: Vec<Membership>,
    /// Changes with every change to the user (stale forms are refused).
    pub version: i64,
}

impl UserRow {
    /// The user's state over the shown memberships.
    pub fn status(&self) -> UserStatus {
        UserStatus::of(&self.memberships)
    }
}

/// A user's state across groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserStatus {
    /// Blocked nowhere.
    Active,
    /// Blocked in some groups, not in others.
    PartlyBlocked,
    /// Blocked in every group.
    Blocked,
}

impl UserStatus {
    /// The state over `memberships`.
    pub fn of(memberships: &[Membership]) -> UserStatus {
        let blocked = memberships.iter().filter(|m| m.blocked).count();
        if blocked == 0 {
            UserStatus::Active
        } else if blocked == memberships.len() {
            UserStatus::Blocked
        } else {
            UserStatus::PartlyBlocked
        }
    }
}

/// A page of a user list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    /// The users, by name.
    pub rows: Vec<UserRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    /// The groups and services the rows name.
    pub names: Names,
}

/// A group or an online service with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name<Id> {
    /// Which.
    pub id: Id,
    /// In four languages.
    pub name: LocalizedName,
}

/// The names of the groups and services a page of users mentions, and no others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub groups: Vec<Name<GroupId>>,
    pub services: Vec<Name<ServiceId>>,
}

/// Where a page finds the names of the groups and services it shows.
pub trait Naming {
    /// The names of the group `id`, when known.
    fn group_name(&self, id: GroupId) -> Option<&LocalizedName>;
    /// The names of the service `id`, when known.
    fn service_name(&self, id: ServiceId) -> Option<&LocalizedName>;
}

impl Naming for Names {
    fn group_name(&self, id: GroupId) -> Option<&LocalizedName> {
        self.groups.iter().find(|g| g.id == id).map(|g| &g.name)
    }

    fn service_name(&self, id: ServiceId) -> Option<&LocalizedName> {
        self.services.iter().find(|s| s.id == id).map(|s| &s.name)
    }
}

impl Naming for Groups {
    fn group_name(&self, id: GroupId) -> Option<&LocalizedName> {
        self.group(id).map(|g| &g.name)
    }

    fn service_name(&self, id: ServiceId) -> Option<&LocalizedName> {
        self.service(id).map(|s| &s.name)
    }
}

/// Everything about one user the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    /// Who.
    pub person: PersonId,
    /// Given and family name.
    pub name: String,
    /// The formatted NRN.
    pub nrn: String,
    /// Changes with every change to the user.
    pub version: i64,
    /// Every group the user is in.
    pub memberships: Vec<Membership>,
    /// The groups among them the viewer manages.
    pub manageable: Vec<GroupId>,
    /// The viewer may block and unblock the user in all groups at once.
    pub may_act_everywhere: bool,
    /// Services the user holds without a grant (ContactData, Chaman).
    pub implicit: Vec<ServiceId>,
    /// The groups and services named on the page.
    pub catalog: Groups,
    /// Audit events about the user, newest first.
    pub history: Vec<AuditEntry>,
    /// Whether the user can sign in, and whether the viewer may send them a link.
    pub sign_in: crate::features::invitations::SignInStanding,
}

/// What an NRN typed on the "Add user" form stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Lookup {
    /// Someone linked to the enterprise, not yet in the group.
    Linked {
        /// Their name.
        name: String,
    },
    /// Linked and in the group already.
    InGroup {
        /// Their name.
        name: String,
        /// Who.
        person: PersonId,
    },
    /// Not linked to the enterprise (or unknown): the form asks for name and e-mail to link them.
    NotLinked,
}

/// The details with which an administrator links an unknown person while creating the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkDetails {
    pub given_name: String,
    pub family_name: String,
    /// E-mail address.
    pub email: String,
    /// The language of their messages: `de`, `fr`, `nl` or `en`.
    pub language: String,
}

/// Block or unblock in one group or in every group of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "where", content = "group", rename_all = "snake_case")]
pub enum Reach {
    /// One group.
    Group(GroupId),
    /// Every group the user is in.
    Everywhere,
}

/// The online services the signed-in person may use in the enterprise acted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccess {
    /// Their memberships (blocked ones give no access).
    pub memberships: Vec<Membership>,
    /// Services they hold without a grant.
    pub implicit: Vec<ServiceId>,
    /// The groups and services named.
    pub catalog: Groups,
}

impl MyAccess {
    /// Every service usable now: granted in a group where they are not blocked, or implicit.
    pub fn usable(&self) -> Vec<ServiceId> {
        let mut services: Vec<ServiceId> = self
            .memberships
            .iter()
            .filter(|m| !m.blocked)
            .flat_map(|m| m.services.iter().copied())
            .chain(self.implicit.iter().copied())
            .collect();
        services.sort();
        services.dedup();
        services
    }
}
