//! Managing users inside one's scope, reading the audit trail, and what every refusal says.

use super::*;

#[test]
fn administrators_manage_users_only_inside_their_scope() {
    let organisation = acme();
    assert_eq!(
        may_manage_users(&organisation, AM_SOCIAL, SECRETARIAT).map(|p| p.group()),
        Ok(SECRETARIAT)
    );
    assert_eq!(
        may_manage_users(&organisation, AM_SOCIAL, CARE).map(|p| p.group()),
        Err(Refusal::OutsideOwnScope)
    );
    assert_eq!(
        may_manage_users(&organisation, GA_EMPLOYER, EMPLOYER).map(|p| p.group()),
        Ok(EMPLOYER)
    );
    assert_eq!(
        may_manage_users(&organisation, GA_EMPLOYER, SECRETARIAT).map(|p| p.group()),
        Err(Refusal::OutsideOwnScope)
    );
    assert_eq!(
        may_manage_users(&organisation, EMPLOYEE, EMPLOYER).map(|p| p.group()),
        Err(Refusal::NotAnAdministrator)
    );
}

#[test]
fn the_main_access_manager_and_co_main_access_managers_read_the_audit_trail() {
    let roles = |level| Roles {
        level,
        enterprise_active: true,
    };
    assert_eq!(
        may_read_audit(roles(Some(Level::MainAccessManager))),
        Ok(())
    );
    assert_eq!(
        may_read_audit(roles(Some(Level::CoMainAccessManager))),
        Ok(())
    );
    assert_eq!(
        may_read_audit(roles(Some(Level::AccessManager))),
        Err(Refusal::NotMainAccessManager)
    );
    assert_eq!(
        may_read_audit(roles(None)),
        Err(Refusal::NotMainAccessManager)
    );
}

#[test]
fn every_refusal_has_its_own_code_and_a_message_in_every_language() {
    let codes: std::collections::HashSet<String> = Refusal::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), Refusal::ALL.len());
    for refusal in Refusal::ALL {
        let english = refusal.message(Locale::en);
        for locale in [Locale::de, Locale::fr, Locale::nl] {
            assert_ne!(
                refusal.message(locale),
                english,
                "{refusal:?} in {locale:?}"
            );
        }
    }
}

/// The groups the permits are for.
fn groups_of(decision: Result<Vec<UserPermit>, Refusal>) -> Result<Vec<GroupId>, Refusal> {
    decision.map(|permits| permits.iter().map(UserPermit::group).collect())
}

#[test]
fn blocking_everywhere_needs_every_group_of_the_user_in_scope() {
    let org = acme();
    assert_eq!(
        groups_of(may_act_in_every_group(&org, MAM, &[EMPLOYER, CARE])),
        Ok(vec![EMPLOYER, CARE])
    );
    assert_eq!(
        groups_of(may_act_in_every_group(&org, CO, &[EMPLOYER, CARE])),
        Ok(vec![EMPLOYER, CARE])
    );
    assert_eq!(
        groups_of(may_act_in_every_group(
            &org,
            AM_SOCIAL,
            &[EMPLOYER, SECRETARIAT]
        )),
        Ok(vec![EMPLOYER, SECRETARIAT])
    );
    assert_eq!(
        groups_of(may_act_in_every_group(&org, AM_SOCIAL, &[EMPLOYER, CARE])),
        Err(Refusal::NotEveryGroup)
    );
    assert_eq!(
        groups_of(may_act_in_every_group(&org, GA_EMPLOYER, &[EMPLOYER])),
        Ok(vec![EMPLOYER])
    );
    assert_eq!(
        groups_of(may_act_in_every_group(
            &org,
            GA_EMPLOYER,
            &[EMPLOYER, SECRETARIAT]
        )),
        Err(Refusal::NotEveryGroup)
    );
    assert_eq!(
        groups_of(may_act_in_every_group(&org, EMPLOYEE, &[EMPLOYER])),
        Err(Refusal::NotAnAdministrator)
    );
    assert_eq!(
        groups_of(may_act_in_every_group(&org, MAM, &[])),
        Err(Refusal::NotInGroup)
    );
}

#[test]
fn contact_data_goes_to_access_managers_and_users_chaman_to_access_managers_only() {
    use crate::domain::ImplicitAccess::{AccessManagers, AccessManagersAndUsers, None as Nobody};
    for level in [
        Level::AccessManager,
        Level::CoMainAccessManager,
        Level::MainAccessManager,
    ] {
        assert!(holds_implicitly(Some(level), false, AccessManagers));
        assert!(holds_implicitly(Some(level), false, AccessManagersAndUsers));
        assert!(!holds_implicitly(Some(level), true, Nobody));
    }
    assert!(!holds_implicitly(None, true, AccessManagers));
    assert!(!holds_implicitly(
        Some(Level::GroupAdministrator),
        true,
        AccessManagers
    ));
    assert!(holds_implicitly(None, true, AccessManagersAndUsers));
    assert!(!holds_implicitly(None, false, AccessManagersAndUsers));
    assert!(!holds_implicitly(
        Some(Level::GroupAdministrator),
        false,
        AccessManagersAndUsers
    ));
}
