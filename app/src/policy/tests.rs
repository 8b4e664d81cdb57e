//! The rules of DESIGN.md §3 on a small enterprise, decided by the pure policy. The same rules are
//! proven against the database in `app/tests/administrators.rs` and over random enterprises in
//! `app/tests/policy_properties.rs`.

use super::*;
use crate::domain::{DomainId, EnterpriseId, GroupId, PersonId};

const MAM: PersonId = PersonId(1);
const CO: PersonId = PersonId(2);
const AM_SOCIAL: PersonId = PersonId(3);
const GA_EMPLOYER: PersonId = PersonId(4);
const EMPLOYEE: PersonId = PersonId(5);
const STRANGER: PersonId = PersonId(9);

const SOCIAL: DomainId = DomainId(1);
const HEALTH: DomainId = DomainId(2);
const PUBLIC: DomainId = DomainId(3);
const EMPLOYER: GroupId = GroupId(10);
const SECRETARIAT: GroupId = GroupId(11);
const CARE: GroupId = GroupId(20);

/// Acme: employer and social secretariat (social security), care institution (health care).
fn acme() -> Organisation {
    let holding = |person, post, by| Holding {
        person,
        post,
        appointed_by: Some(by),
    };
    Organisation {
        enterprise: EnterpriseId(1),
        active: true,
        main_access_manager: MAM,
        groups: vec![(EMPLOYER, SOCIAL), (SECRETARIAT, SOCIAL), (CARE, HEALTH)],
        appointments: vec![
            holding(CO, Post::CoMainAccessManager, MAM),
            holding(AM_SOCIAL, Post::AccessManager(SOCIAL), CO),
            holding(GA_EMPLOYER, Post::GroupAdministrator(EMPLOYER), AM_SOCIAL),
        ],
    }
}

fn linked(person: PersonId) -> Appointee {
    Appointee {
        person,
        linked: person != STRANGER,
    }
}

fn appoint(actor: PersonId, person: PersonId, post: Post) -> Result<Post, Refusal> {
    may_appoint(&acme(), actor, linked(person), post).map(|permit| permit.post())
}

fn revoke(actor: PersonId, holder: PersonId, post: Post) -> Result<Post, Refusal> {
    may_revoke(&acme(), actor, holder, post).map(|permit| permit.post())
}

#[test]
fn main_access_manager_appoints_co_main_access_managers_access_managers_and_group_administrators() {
    for post in [
        Post::CoMainAccessManager,
        Post::AccessManager(HEALTH),
        Post::GroupAdministrator(SECRETARIAT),
    ] {
        assert_eq!(appoint(MAM, EMPLOYEE, post), Ok(post));
    }
}

#[test]
fn co_main_access_manager_appoints_access_managers_and_group_administrators_only() {
    assert_eq!(
        appoint(CO, EMPLOYEE, Post::AccessManager(HEALTH)),
        Ok(Post::AccessManager(HEALTH))
    );
    assert_eq!(
        appoint(CO, EMPLOYEE, Post::GroupAdministrator(CARE)),
        Ok(Post::GroupAdministrator(CARE))
    );
    assert_eq!(
        appoint(CO, EMPLOYEE, Post::CoMainAccessManager),
        Err(Refusal::AtOrAboveOwnLevel)
    );
}

#[test]
fn access_manager_appoints_group_administrators_only_for_groups_of_its_own_domain() {
    assert_eq!(
        appoint(AM_SOCIAL, EMPLOYEE, Post::GroupAdministrator(SECRETARIAT)),
        Ok(Post::GroupAdministrator(SECRETARIAT))
    );
    assert_eq!(
        appoint(AM_SOCIAL, EMPLOYEE, Post::GroupAdministrator(CARE)),
        Err(Refusal::OutsideOwnScope)
    );
    assert_eq!(
        appoint(AM_SOCIAL, EMPLOYEE, Post::AccessManager(HEALTH)),
        Err(Refusal::AtOrAboveOwnLevel)
    );
}

#[test]
fn group_administrator_appoints_nobody() {
    for post in [
        Post::CoMainAccessManager,
        Post::AccessManager(HEALTH),
        Post::GroupAdministrator(SECRETARIAT),
        Post::GroupAdministrator(EMPLOYER),
    ] {
        assert_eq!(
            appoint(GA_EMPLOYER, EMPLOYEE, post),
            Err(Refusal::AtOrAboveOwnLevel),
            "{post:?}"
        );
    }
    assert_eq!(open_posts(&acme(), GA_EMPLOYER), vec![]);
    assert_eq!(appointable_levels(&acme(), GA_EMPLOYER), vec![]);
}

#[test]
fn each_level_appoints_the_levels_below_it_even_when_every_post_is_taken() {
    let mut organisation = acme();
    organisation.appointments.push(Holding {
        person: EMPLOYEE,
        post: Post::AccessManager(HEALTH),
        appointed_by: Some(MAM),
    });
    assert_eq!(
        appointable_levels(&organisation, MAM),
        [
            Level::CoMainAccessManager,
            Level::AccessManager,
            Level::GroupAdministrator
        ]
    );
    assert_eq!(
        appointable_levels(&organisation, CO),
        [Level::AccessManager, Level::GroupAdministrator]
    );
    assert_eq!(
        appointable_levels(&organisation, AM_SOCIAL),
        [Level::GroupAdministrator]
    );
}

#[test]
fn someone_without_a_post_appoints_nobody() {
    assert_eq!(
        appoint(EMPLOYEE, STRANGER, Post::GroupAdministrator(CARE)),
        Err(Refusal::NotAnAdministrator)
    );
}

#[test]
fn access_manager_is_scoped_to_exactly_one_active_domain() {
    assert_eq!(
        appoint(MAM, EMPLOYEE, Post::AccessManager(PUBLIC)),
        Err(Refusal::ScopeNotActive)
    );
    assert_eq!(
        appoint(MAM, AM_SOCIAL, Post::AccessManager(HEALTH)),
        Err(Refusal::OneDomainPerAccessManager)
    );
}

#[test]
fn one_access_manager_per_domain() {
    assert_eq!(
        appoint(MAM, EMPLOYEE, Post::AccessManager(SOCIAL)),
        Err(Refusal::DomainTaken)
    );
}

#[test]
fn access_managers_never_outnumber_active_domains() {
    // Every domain filled: no access manager post is open any more.
    let mut organisation = acme();
    organisation.appointments.push(Holding {
        person: EMPLOYEE,
        post: Post::AccessManager(HEALTH),
        appointed_by: Some(MAM),
    });
    let open = open_posts(&organisation, MAM);
    assert!(
        !open
            .iter()
            .any(|post| matches!(post, Post::AccessManager(_)))
    );
    for domain in [SOCIAL, HEALTH, PUBLIC] {
        assert!(
            may_appoint(
                &organisation,
                MAM,
                linked(PersonId(6)),
                Post::AccessManager(domain)
            )
            .is_err()
        );
    }
}

#[test]
fn one_group_administrator_per_group() {
    assert_eq!(
        appoint(MAM, EMPLOYEE, Post::GroupAdministrator(EMPLOYER)),
        Err(Refusal::GroupTaken)
    );
    assert!(!open_posts(&acme(), MAM).contains(&Post::GroupAdministrator(EMPLOYER)));
}

#[test]
fn main_access_manager_is_implicitly_access_manager_for_every_group() {
    let organisation = acme();
    for group in [EMPLOYER, SECRETARIAT, CARE] {
        assert!(organisation.administers(MAM, group));
        assert_eq!(
            may_manage_users(&organisation, MAM, group).map(|p| p.group()),
            Ok(group)
        );
    }
    assert_eq!(
        appoint(MAM, EMPLOYEE, Post::GroupAdministrator(CARE)),
        Ok(Post::GroupAdministrator(CARE))
    );
}

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
fn nobody_appoints_themselves() {
    assert_eq!(
        appoint(CO, CO, Post::AccessManager(HEALTH)),
        Err(Refusal::SelfAppointment)
    );
    assert_eq!(
        appoint(AM_SOCIAL, AM_SOCIAL, Post::GroupAdministrator(SECRETARIAT)),
        Err(Refusal::SelfAppointment)
    );
}

#[test]
fn nobody_revokes_someone_at_or_above_their_own_level() {
    assert_eq!(
        revoke(AM_SOCIAL, CO, Post::CoMainAccessManager),
        Err(Refusal::AtOrAboveOwnLevel)
    );
    assert_eq!(
        revoke(GA_EMPLOYER, AM_SOCIAL, Post::AccessManager(SOCIAL)),
        Err(Refusal::AtOrAboveOwnLevel)
    );
    assert_eq!(
        revoke(CO, AM_SOCIAL, Post::AccessManager(SOCIAL)),
        Ok(Post::AccessManager(SOCIAL))
    );
    assert_eq!(
        revoke(AM_SOCIAL, GA_EMPLOYER, Post::GroupAdministrator(EMPLOYER)),
        Ok(Post::GroupAdministrator(EMPLOYER))
    );
}

#[test]
fn nobody_widens_their_own_scope_through_a_chain_of_appointments() {
    // The access manager appoints a friend, who may then appoint nobody, let alone the access
    // manager to a wider post.
    let mut organisation = acme();
    let friend = EMPLOYEE;
    let permit = may_appoint(
        &organisation,
        AM_SOCIAL,
        linked(friend),
        Post::GroupAdministrator(SECRETARIAT),
    )
    .expect("inside the domain");
    organisation.appointments.push(Holding {
        person: permit.appointee(),
        post: permit.post(),
        appointed_by: Some(permit.actor()),
    });
    for post in [
        Post::CoMainAccessManager,
        Post::AccessManager(HEALTH),
        Post::GroupAdministrator(CARE),
    ] {
        assert!(may_appoint(&organisation, friend, linked(AM_SOCIAL), post).is_err());
    }
    assert_eq!(
        organisation.standing(AM_SOCIAL).groups,
        [EMPLOYER, SECRETARIAT].into()
    );
}

#[test]
fn the_person_appointed_must_be_linked_to_the_enterprise() {
    assert_eq!(
        appoint(MAM, STRANGER, Post::CoMainAccessManager),
        Err(Refusal::PersonNotLinked)
    );
}

#[test]
fn revoking_never_removes_the_main_access_manager() {
    for actor in [MAM, CO, AM_SOCIAL] {
        assert_eq!(
            revoke(actor, MAM, Post::MainAccessManager),
            Err(Refusal::MainAccessManagerStays)
        );
    }
    assert_eq!(
        appoint(MAM, EMPLOYEE, Post::MainAccessManager),
        Err(Refusal::MainAccessManagerStays)
    );
}

#[test]
fn a_post_already_covered_is_not_appointed_again() {
    assert_eq!(
        appoint(MAM, CO, Post::GroupAdministrator(CARE)),
        Err(Refusal::AlreadyAdministers)
    );
    assert_eq!(
        appoint(MAM, AM_SOCIAL, Post::GroupAdministrator(SECRETARIAT)),
        Err(Refusal::AlreadyAdministers)
    );
}

#[test]
fn a_promotion_ends_the_lesser_posts_it_includes() {
    let permit = may_appoint(&acme(), MAM, linked(GA_EMPLOYER), Post::CoMainAccessManager)
        .expect("the main access manager promotes");
    assert_eq!(permit.replaces(), [Post::GroupAdministrator(EMPLOYER)]);
}

#[test]
fn revoking_a_post_not_held_is_refused() {
    assert_eq!(
        revoke(MAM, EMPLOYEE, Post::GroupAdministrator(CARE)),
        Err(Refusal::NotHeld)
    );
}

#[test]
fn nothing_is_appointed_before_the_enterprise_is_active() {
    let organisation = Organisation {
        active: false,
        ..acme()
    };
    assert_eq!(
        may_appoint(
            &organisation,
            MAM,
            linked(EMPLOYEE),
            Post::CoMainAccessManager
        )
        .map(|p| p.post()),
        Err(Refusal::EnterpriseNotActive)
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
    use crate::domain::ImplicitAccess::{
        AccessManagers, AccessManagersAndUsers, None as Nobody,
    };
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
