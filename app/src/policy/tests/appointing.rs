//! Appointing and revoking: who may fill which post, and what a post covers.

use super::*;

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
