//! Who may do what: pure functions shared by the server (which decides, on state read fresh from
//! the database on every request) and the pages (which offer only what the actor may do).
//! Decisions that lead to a change return a permit, and the code that writes takes it.

pub mod appointments;
pub mod organisation;
pub mod permits;
pub mod post;
pub mod sign_in;
pub mod users;

pub use appointments::{
    AppointPermit, Appointee, RevokePermit, appointable_levels, may_appoint, may_revoke, open_posts,
};
pub use organisation::{Holding, Organisation, Standing};
pub use permits::{Authority, OperatorPermit, SystemPermit, UserPermit};
pub use post::{Level, Post, highest};
pub use sign_in::{SignInPermit, may_help_sign_in};
pub use users::{holds_implicitly, may_act_in_every_group, may_see_users};

use crate::domain::{GroupId, PersonId};
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// The actor's place in the enterprise they act for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    /// Their highest administrator level there, if any.
    pub level: Option<Level>,
    /// The enterprise has been activated.
    pub enterprise_active: bool,
}

impl Roles {
    /// The roles of someone holding posts at `levels` in an enterprise that is `active` or not:
    /// their level is the highest of them, as [`Organisation::level`] decides.
    pub fn from_levels(levels: impl IntoIterator<Item = Level>, enterprise_active: bool) -> Roles {
        Roles {
            level: post::highest(levels),
            enterprise_active,
        }
    }

    /// They hold an administrator post: they see the administrators and their own scope.
    pub fn administers(self) -> bool {
        self.level.is_some()
    }

    /// They manage users in some group now: an administrator of an active enterprise. The
    /// decision for a given group remains [`may_manage_users`].
    pub fn manages_users(self) -> bool {
        self.administers() && self.enterprise_active
    }

    /// They may read the whole audit trail ([`may_read_audit`]).
    pub fn reads_audit(self) -> bool {
        may_read_audit(self).is_ok()
    }
}

/// Why the policy refused; each names the rule of DESIGN.md §3 that stands in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The enterprise has not been activated yet.
    #[error("the enterprise is not active yet")]
    EnterpriseNotActive,
    /// The actor holds no administrator post in the enterprise.
    #[error("only administrators of the enterprise may do this")]
    NotAnAdministrator,
    /// Only the main access manager and co-main access managers may do this.
    #[error("only the main access manager and co-main access managers may do this")]
    NotMainAccessManager,
    /// The post is at or above the actor's own level.
    #[error("nobody appoints or revokes at or above their own level")]
    AtOrAboveOwnLevel,
    /// The post lies outside the actor's scope (another domain's group).
    #[error("an access manager administers only the groups of their own domain")]
    OutsideOwnScope,
    /// The domain or group is not active in the enterprise.
    #[error("the domain or group is not active in the enterprise")]
    ScopeNotActive,
    /// Nobody appoints themselves.
    #[error("nobody appoints themselves")]
    SelfAppointment,
    /// The person is unknown or not linked to (employed by) the enterprise.
    #[error("the person is not linked to the enterprise")]
    PersonNotLinked,
    /// The person holds this post, or one that includes it, already.
    #[error("the person administers this already")]
    AlreadyAdministers,
    /// An access manager is scoped to exactly one domain.
    #[error("an access manager administers exactly one domain")]
    OneDomainPerAccessManager,
    /// The domain has its access manager already.
    #[error("the domain has an access manager already")]
    DomainTaken,
    /// The group has its group administrator already.
    #[error("the group has a group administrator already")]
    GroupTaken,
    /// The main access manager is replaced only by the operator, never appointed or revoked.
    #[error("the main access manager is replaced only through the operator")]
    MainAccessManagerStays,
    /// The person does not hold that post (any more).
    #[error("the person does not hold this post")]
    NotHeld,
    /// Blocking or unblocking everywhere needs the actor to manage every group of the user.
    #[error("only who manages every group of the user may act in all of them")]
    NotEveryGroup,
    /// The group does not offer the online service.
    #[error("the group does not offer this online service")]
    ServiceNotOffered,
    /// The person is a user of the group already.
    #[error("the person is a user of this group already")]
    AlreadyInGroup,
    /// The person is not a user of the group (any more).
    #[error("the person is not a user of this group")]
    NotInGroup,
    /// The user is blocked there already.
    #[error("the user is blocked already")]
    AlreadyBlocked,
    /// The user is not blocked there.
    #[error("the user is not blocked")]
    NotBlocked,
    /// Nobody resets or re-invites themselves here; their own account page is for that.
    #[error("one's own sign-in is changed on one's own account page")]
    OwnAccount,
    /// The person can sign in already: there is no invitation to send.
    #[error("the person can sign in already")]
    SignsInAlready,
    /// A link was sent to the person moments ago: another waits a few minutes.
    #[error("a link was sent to the person moments ago")]
    LinkJustSent,
}

impl Refusal {
    /// Every refusal once, for exhaustive tests.
    pub const ALL: [Refusal; 23] = [
        Refusal::EnterpriseNotActive,
        Refusal::NotAnAdministrator,
        Refusal::NotMainAccessManager,
        Refusal::AtOrAboveOwnLevel,
        Refusal::OutsideOwnScope,
        Refusal::ScopeNotActive,
        Refusal::SelfAppointment,
        Refusal::PersonNotLinked,
        Refusal::AlreadyAdministers,
        Refusal::OneDomainPerAccessManager,
        Refusal::DomainTaken,
        Refusal::GroupTaken,
        Refusal::MainAccessManagerStays,
        Refusal::NotHeld,
        Refusal::NotEveryGroup,
        Refusal::ServiceNotOffered,
        Refusal::AlreadyInGroup,
        Refusal::NotInGroup,
        Refusal::AlreadyBlocked,
        Refusal::NotBlocked,
        Refusal::OwnAccount,
        Refusal::SignsInAlready,
        Refusal::LinkJustSent,
    ];

    /// The stable code, as in the JSON form.
    pub fn code(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The rule that refused, in `locale`.
    pub fn message(self, locale: Locale) -> &'static str {
        match self {
            Refusal::EnterpriseNotActive => td_string!(locale, refusals.enterprise_not_active),
            Refusal::NotAnAdministrator => td_string!(locale, refusals.not_an_administrator),
            Refusal::NotMainAccessManager => td_string!(locale, refusals.not_main_access_manager),
            Refusal::AtOrAboveOwnLevel => td_string!(locale, refusals.at_or_above_own_level),
            Refusal::OutsideOwnScope => td_string!(locale, refusals.outside_own_scope),
            Refusal::ScopeNotActive => td_string!(locale, refusals.scope_not_active),
            Refusal::SelfAppointment => td_string!(locale, refusals.self_appointment),
            Refusal::PersonNotLinked => td_string!(locale, refusals.person_not_linked),
            Refusal::AlreadyAdministers => td_string!(locale, refusals.already_administers),
            Refusal::OneDomainPerAccessManager => {
                td_string!(locale, refusals.one_domain_per_access_manager)
            }
            Refusal::DomainTaken => td_string!(locale, refusals.domain_taken),
            Refusal::GroupTaken => td_string!(locale, refusals.group_taken),
            Refusal::MainAccessManagerStays => {
                td_string!(locale, refusals.main_access_manager_stays)
            }
            Refusal::NotHeld => td_string!(locale, refusals.not_held),
            Refusal::NotEveryGroup => td_string!(locale, refusals.not_every_group),
            Refusal::ServiceNotOffered => td_string!(locale, refusals.service_not_offered),
            Refusal::AlreadyInGroup => td_string!(locale, refusals.already_in_group),
            Refusal::NotInGroup => td_string!(locale, refusals.not_in_group),
            Refusal::AlreadyBlocked => td_string!(locale, refusals.already_blocked),
            Refusal::NotBlocked => td_string!(locale, refusals.not_blocked),
            Refusal::OwnAccount => td_string!(locale, refusals.own_account),
            Refusal::SignsInAlready => td_string!(locale, refusals.signs_in_already),
            Refusal::LinkJustSent => td_string!(locale, refusals.link_just_sent),
        }
    }
}

/// Reading the enterprise's whole audit trail: its main access manager and co-main access
/// managers.
pub fn may_read_audit(roles: Roles) -> Result<(), Refusal> {
    if roles.level >= Some(Level::CoMainAccessManager) {
        Ok(())
    } else {
        Err(Refusal::NotMainAccessManager)
    }
}

/// Seeing the enterprise's administrators and one's own scope: any administrator.
pub fn may_see_administrators(organisation: &Organisation, actor: PersonId) -> Result<(), Refusal> {
    if organisation.level(actor).is_some() {
        Ok(())
    } else {
        Err(Refusal::NotAnAdministrator)
    }
}

/// Looking up linked people to appoint: whoever may appoint anyone (group administrators appoint
/// nobody).
pub fn may_look_for_appointees(
    organisation: &Organisation,
    actor: PersonId,
) -> Result<(), Refusal> {
    match organisation.level(actor) {
        None => Err(Refusal::NotAnAdministrator),
        Some(Level::GroupAdministrator) => Err(Refusal::AtOrAboveOwnLevel),
        Some(_) if !organisation.active => Err(Refusal::EnterpriseNotActive),
        Some(_) => Ok(()),
    }
}

/// Managing the users of `group` (create, grant, block, unblock, remove): whoever administers it.
/// The permit is what every write to the group's users takes.
pub fn may_manage_users(
    organisation: &Organisation,
    actor: PersonId,
    group: GroupId,
) -> Result<UserPermit, Refusal> {
    if !organisation.active {
        Err(Refusal::EnterpriseNotActive)
    } else if organisation.level(actor).is_none() {
        Err(Refusal::NotAnAdministrator)
    } else if organisation.administers(actor, group) {
        Ok(UserPermit::new(
            organisation.enterprise,
            group,
            Authority::Person(actor),
        ))
    } else {
        Err(Refusal::OutsideOwnScope)
    }
}

#[cfg(test)]
mod tests;
