//! What an audit event records: one variant per kind of event, stored as its code (e.g.
//! `user.blocked`), labelled in every language. A new kind of event is a new variant here, its
//! label in the four locale files, and nothing else.

use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// The kind of an audit event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// The operator registered the enterprise with its main access manager.
    EnterpriseRegistered,
    /// The operator set up the demo enterprise.
    EnterpriseDemoCreated,
    /// The operator generated a large enterprise for measurements.
    EnterpriseSeeded,
    /// The main access manager opened the activation link.
    EnterpriseActivationOpened,
    /// An activation attempt was refused.
    EnterpriseActivationRefused,
    /// The main access manager activated the enterprise.
    EnterpriseActivated,
    /// The operator replaced the main access manager.
    EnterpriseMainAccessManagerReplaced,
    /// Someone started acting for the enterprise.
    SessionActingFor,
    /// Someone asked to act for an enterprise they are not linked to.
    SessionActingForRefused,
    /// Someone signed in.
    SignInSucceeded,
    /// A sign-in was refused.
    SignInFailed,
    /// Someone signed out.
    SignOut,
    /// Someone ended all their sessions.
    SignOutEverywhere,
    /// An administrator was appointed.
    AdministratorAppointed,
    /// An administrator's post was revoked.
    AdministratorRevoked,
    /// The policy refused an appointment.
    AdministratorAppointmentRefused,
    /// The policy refused a revocation.
    AdministratorRevocationRefused,
    /// A user was created in a group.
    UserCreated,
    /// A user's online services in a group changed.
    UserServicesChanged,
    /// A user was blocked in one group or in all.
    UserBlocked,
    /// A user was unblocked in one group or in all.
    UserUnblocked,
    /// A user was removed from a group.
    UserRemoved,
    /// The policy refused a change to a user.
    UserChangeRefused,
    /// Refusals beyond the minute's allowance, counted in one event.
    AuditRefusalsFolded,
    /// Expired sessions, links and counters were deleted.
    MaintenancePurged,
    /// A link to choose a password and enrol an app was sent (an invitation, or after a reset).
    InvitationSent,
    /// The person opened their link and was offered an app secret.
    InvitationOpened,
    /// The person chose their password and enrolled their app through the link.
    InvitationAccepted,
    /// Following a link was refused.
    InvitationRefused,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 29] = [
        Action::EnterpriseRegistered,
        Action::EnterpriseDemoCreated,
        Action::EnterpriseSeeded,
        Action::EnterpriseActivationOpened,
        Action::EnterpriseActivationRefused,
        Action::EnterpriseActivated,
        Action::EnterpriseMainAccessManagerReplaced,
        Action::SessionActingFor,
        Action::SessionActingForRefused,
        Action::SignInSucceeded,
        Action::SignInFailed,
        Action::SignOut,
        Action::SignOutEverywhere,
        Action::AdministratorAppointed,
        Action::AdministratorRevoked,
        Action::AdministratorAppointmentRefused,
        Action::AdministratorRevocationRefused,
        Action::UserCreated,
        Action::UserServicesChanged,
        Action::UserBlocked,
        Action::UserUnblocked,
        Action::UserRemoved,
        Action::UserChangeRefused,
        Action::AuditRefusalsFolded,
        Action::MaintenancePurged,
        Action::InvitationSent,
        Action::InvitationOpened,
        Action::InvitationAccepted,
        Action::InvitationRefused,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Action::EnterpriseRegistered => "enterprise.registered",
            Action::EnterpriseDemoCreated => "enterprise.demo_created",
            Action::EnterpriseSeeded => "enterprise.seeded",
            Action::EnterpriseActivationOpened => "enterprise.activation_opened",
            Action::EnterpriseActivationRefused => "enterprise.activation_refused",
            Action::EnterpriseActivated => "enterprise.activated",
            Action::EnterpriseMainAccessManagerReplaced => {
                "enterprise.main_access_manager_replaced"
            }
            Action::SessionActingFor => "session.acting_for",
            Action::SessionActingForRefused => "session.acting_for_refused",
            Action::SignInSucceeded => "sign_in.succeeded",
            Action::SignInFailed => "sign_in.failed",
            Action::SignOut => "sign_out",
            Action::SignOutEverywhere => "sign_out.everywhere",
            Action::AdministratorAppointed => "administrator.appointed",
            Action::AdministratorRevoked => "administrator.revoked",
            Action::AdministratorAppointmentRefused => "administrator.appointment_refused",
            Action::AdministratorRevocationRefused => "administrator.revocation_refused",
            Action::UserCreated => "user.created",
            Action::UserServicesChanged => "user.services_changed",
            Action::UserBlocked => "user.blocked",
            Action::UserUnblocked => "user.unblocked",
            Action::UserRemoved => "user.removed",
            Action::UserChangeRefused => "user.change_refused",
            Action::AuditRefusalsFolded => "audit.refusals_folded",
            Action::MaintenancePurged => "maintenance.purged",
            Action::InvitationSent => "invitation.sent",
            Action::InvitationOpened => "invitation.opened",
            Action::InvitationAccepted => "invitation.accepted",
            Action::InvitationRefused => "invitation.refused",
        }
    }

    /// The action stored as `code`, if it is one.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.code() == code)
    }

    /// Whether events of this kind can stand in an enterprise's trail (the others are the
    /// installation's: sign-ins, requests to act for a foreign enterprise, maintenance).
    pub fn in_enterprise_trails(self) -> bool {
        !matches!(
            self,
            Action::SessionActingForRefused
                | Action::SignInSucceeded
                | Action::SignInFailed
                | Action::SignOut
                | Action::SignOutEverywhere
                | Action::MaintenancePurged
        )
    }

    /// The label in `locale`.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Action::EnterpriseRegistered => td_string!(locale, audit_actions.enterprise_registered),
            Action::EnterpriseDemoCreated => {
                td_string!(locale, audit_actions.enterprise_demo_created)
            }
            Action::EnterpriseSeeded => td_string!(locale, audit_actions.enterprise_seeded),
            Action::EnterpriseActivationOpened => {
                td_string!(locale, audit_actions.enterprise_activation_opened)
            }
            Action::EnterpriseActivationRefused => {
                td_string!(locale, audit_actions.enterprise_activation_refused)
            }
            Action::EnterpriseActivated => td_string!(locale, audit_actions.enterprise_activated),
            Action::EnterpriseMainAccessManagerReplaced => td_string!(
                locale,
                audit_actions.enterprise_main_access_manager_replaced
            ),
            Action::SessionActingFor => td_string!(locale, audit_actions.session_acting_for),
            Action::SessionActingForRefused => {
                td_string!(locale, audit_actions.session_acting_for_refused)
            }
            Action::SignInSucceeded => td_string!(locale, audit_actions.sign_in_succeeded),
            Action::SignInFailed => td_string!(locale, audit_actions.sign_in_failed),
            Action::SignOut => td_string!(locale, audit_actions.sign_out),
            Action::SignOutEverywhere => td_string!(locale, audit_actions.sign_out_everywhere),
            Action::AdministratorAppointed => {
                td_string!(locale, audit_actions.administrator_appointed)
            }
            Action::AdministratorRevoked => td_string!(locale, audit_actions.administrator_revoked),
            Action::AdministratorAppointmentRefused => {
                td_string!(locale, audit_actions.administrator_appointment_refused)
            }
            Action::AdministratorRevocationRefused => {
                td_string!(locale, audit_actions.administrator_revocation_refused)
            }
            Action::UserCreated => td_string!(locale, audit_actions.user_created),
            Action::UserServicesChanged => td_string!(locale, audit_actions.user_services_changed),
            Action::UserBlocked => td_string!(locale, audit_actions.user_blocked),
            Action::UserUnblocked => td_string!(locale, audit_actions.user_unblocked),
            Action::UserRemoved => td_string!(locale, audit_actions.user_removed),
            Action::UserChangeRefused => td_string!(locale, audit_actions.user_change_refused),
            Action::AuditRefusalsFolded => td_string!(locale, audit_actions.audit_refusals_folded),
            Action::MaintenancePurged => td_string!(locale, audit_actions.maintenance_purged),
            Action::InvitationSent => td_string!(locale, audit_actions.invitation_sent),
            Action::InvitationOpened => td_string!(locale, audit_actions.invitation_opened),
            Action::InvitationAccepted => td_string!(locale, audit_actions.invitation_accepted),
            Action::InvitationRefused => td_string!(locale, audit_actions.invitation_refused),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_action_reads_back_from_its_code_and_has_its_own_label_in_every_language() {
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        assert_eq!(Action::from_code("something.new"), None);
        for locale in [Locale::en, Locale::de, Locale::fr, Locale::nl] {
            let labels: HashSet<&str> = Action::ALL.iter().map(|a| a.label(locale)).collect();
            assert_eq!(
                labels.len(),
                Action::ALL.len(),
                "two actions share a label in {locale:?}"
            );
        }
    }
}
