//! Property tests of the delegation policy: random enterprises (domains, groups, people, some not
//! linked) and random sequences of appointments, revocations and user-management attempts by
//! random actors. Every decision must agree with the rules of DESIGN.md §3 written out again
//! here, independently of `app::policy`; no accepted action may let anyone gain a capability the
//! actor did not hold, and the invariants must hold after every step.
//!
//! `make test` runs 10,000 enterprises; `POLICY_CASES` sets another number (the nightly target
//! runs more).

use app::domain::{DomainId, EnterpriseId, GroupId, PersonId};
use app::policy::{
    Appointee, Holding, Organisation, Post, may_appoint, may_manage_users, may_revoke,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

const MAM: PersonId = PersonId(1);

/// An enterprise and the catalogue it draws on.
#[derive(Debug, Clone)]
struct World {
    /// Every group of the catalogue: (group, domain, active in the enterprise).
    groups: Vec<(GroupId, DomainId, bool)>,
    domains: Vec<DomainId>,
    people: Vec<PersonId>,
    linked: BTreeSet<PersonId>,
    organisation: Organisation,
}

#[derive(Debug, Clone, Copy)]
enum Attempt {
    Appoint {
        actor: usize,
        person: usize,
        post: RawPost,
    },
    Revoke {
        actor: usize,
        person: usize,
        post: RawPost,
    },
    Manage {
        actor: usize,
        group: usize,
    },
}

#[derive(Debug, Clone, Copy)]
enum RawPost {
    Main,
    CoMain,
    Domain(usize),
    Group(usize),
}

/// What someone may do, as plain facts: administer a group, appoint or revoke a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Capability {
    Administer(GroupId),
    Appoint(Post),
}

fn world() -> impl Strategy<Value = World> {
    (
        1usize..=4,
        proptest::collection::vec((0usize..4, prop::bool::weighted(0.75)), 1..=8),
        2usize..=8,
        proptest::collection::vec(prop::bool::weighted(0.85), 8),
        prop::bool::weighted(0.95),
    )
        .prop_map(|(domain_count, groups, people, linked, active)| {
            let domains: Vec<DomainId> = (1..=domain_count as i64).map(DomainId).collect();
            let groups: Vec<(GroupId, DomainId, bool)> = groups
                .into_iter()
                .enumerate()
                .map(|(i, (domain, on))| {
                    (GroupId(100 + i as i64), domains[domain % domain_count], on)
                })
                .collect();
            let people: Vec<PersonId> = (1..=people as i64).map(PersonId).collect();
            let linked = people
                .iter()
                .zip(linked)
                .filter(|(person, on)| **person == MAM || *on)
                .map(|(person, _)| *person)
                .collect();
            let organisation = Organisation {
                enterprise: EnterpriseId(1),
                active,
                main_access_manager: MAM,
                groups: groups
                    .iter()
                    .filter(|(_, _, on)| *on)
                    .map(|(group, domain, _)| (*group, *domain))
                    .collect(),
                appointments: Vec::new(),
            };
            World {
                groups,
                domains,
                people,
                linked,
                organisation,
            }
        })
}

fn raw_post() -> impl Strategy<Value = RawPost> {
    prop_oneof![
        1 => Just(RawPost::Main),
        2 => Just(RawPost::CoMain),
        3 => (0usize..4).prop_map(RawPost::Domain),
        4 => (0usize..8).prop_map(RawPost::Group),
    ]
}

fn attempt() -> impl Strategy<Value = Attempt> {
    prop_oneof![
        6 => (0usize..8, 0usize..8, raw_post())
            .prop_map(|(actor, person, post)| Attempt::Appoint { actor, person, post }),
        3 => (0usize..8, 0usize..8, raw_post())
            .prop_map(|(actor, person, post)| Attempt::Revoke { actor, person, post }),
        2 => (0usize..8, 0usize..8).prop_map(|(actor, group)| Attempt::Manage { actor, group }),
    ]
}

impl World {
    fn person(&self, index: usize) -> PersonId {
        self.people[index % self.people.len()]
    }

    fn post(&self, raw: RawPost) -> Post {
        match raw {
            RawPost::Main => Post::MainAccessManager,
            RawPost::CoMain => Post::CoMainAccessManager,
            RawPost::Domain(i) => Post::AccessManager(self.domains[i % self.domains.len()]),
            RawPost::Group(i) => Post::GroupAdministrator(self.groups[i % self.groups.len()].0),
        }
    }

    /// The domain of any catalogue group.
    fn domain_of(&self, group: GroupId) -> DomainId {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == group)
            .map(|(_, domain, _)| *domain)
            .expect("a catalogue group")
    }

    fn group_active(&self, group: GroupId) -> bool {
        self.groups.iter().any(|(g, _, on)| *g == group && *on)
    }

    fn domain_active(&self, domain: DomainId) -> bool {
        self.groups.iter().any(|(_, d, on)| *d == domain && *on)
    }

    fn holds(&self, person: PersonId, post: Post) -> bool {
        (person == MAM && post == Post::MainAccessManager)
            || self
                .organisation
                .appointments
                .iter()
                .any(|h| h.person == person && h.post == post)
    }

    fn is_main(&self, person: PersonId) -> bool {
        person == MAM
    }

    fn is_co_main(&self, person: PersonId) -> bool {
        self.holds(person, Post::CoMainAccessManager)
    }

    fn manages_domain(&self, person: PersonId, domain: DomainId) -> bool {
        self.holds(person, Post::AccessManager(domain))
    }

    fn is_access_manager(&self, person: PersonId) -> bool {
        self.domains.iter().any(|d| self.manages_domain(person, *d))
    }

    fn is_administrator(&self, person: PersonId) -> bool {
        self.is_main(person)
            || self
                .organisation
                .appointments
                .iter()
                .any(|h| h.person == person)
    }

    /// DESIGN.md §3 on who appoints whom: MAM → co-MAM, AM, GA; co-MAM → AM, GA; AM → GA of its
    /// own domain; GA → nobody; the MAM post is never appointed or revoked.
    fn stands_above(&self, actor: PersonId, post: Post) -> bool {
        match post {
            Post::MainAccessManager => false,
            Post::CoMainAccessManager => self.is_main(actor),
            Post::AccessManager(_) => self.is_main(actor) || self.is_co_main(actor),
            Post::GroupAdministrator(group) => {
                self.is_main(actor)
                    || self.is_co_main(actor)
                    || (self.group_active(group)
                        && self.manages_domain(actor, self.domain_of(group)))
            }
        }
    }

    /// The posts of `person` that `post` makes redundant, or the post itself.
    fn already_covers(&self, person: PersonId, post: Post) -> bool {
        self.holds(person, post)
            || self.is_main(person)
            || (self.is_co_main(person) && post != Post::CoMainAccessManager)
            || match post {
                Post::GroupAdministrator(group) => {
                    self.manages_domain(person, self.domain_of(group))
                }
                _ => false,
            }
    }

    fn vacant(&self, post: Post) -> bool {
        match post {
            Post::AccessManager(_) | Post::GroupAdministrator(_) => !self
                .organisation
                .appointments
                .iter()
                .any(|h| h.post == post),
            _ => true,
        }
    }

    fn scope_active(&self, post: Post) -> bool {
        match post {
            Post::AccessManager(domain) => self.domain_active(domain),
            Post::GroupAdministrator(group) => self.group_active(group),
            _ => true,
        }
    }

    fn may_appoint(&self, actor: PersonId, person: PersonId, post: Post) -> bool {
        self.organisation.active
            && self.is_administrator(actor)
            && self.stands_above(actor, post)
            && self.scope_active(post)
            && actor != person
            && self.linked.contains(&person)
            && !self.already_covers(person, post)
            && !(matches!(post, Post::AccessManager(_)) && self.is_access_manager(person))
            && self.vacant(post)
    }

    fn may_revoke(&self, actor: PersonId, holder: PersonId, post: Post) -> bool {
        self.organisation.active
            && self.stands_above(actor, post)
            && post != Post::MainAccessManager
            && self.holds(holder, post)
    }

    fn administers(&self, person: PersonId, group: GroupId) -> bool {
        self.group_active(group)
            && (self.is_main(person)
                || self.is_co_main(person)
                || self.manages_domain(person, self.domain_of(group))
                || self.holds(person, Post::GroupAdministrator(group)))
    }

    fn every_post(&self) -> Vec<Post> {
        std::iter::once(Post::CoMainAccessManager)
            .chain(self.domains.iter().map(|d| Post::AccessManager(*d)))
            .chain(
                self.groups
                    .iter()
                    .map(|(g, _, _)| Post::GroupAdministrator(*g)),
            )
            .collect()
    }

    fn capabilities(&self, person: PersonId) -> BTreeSet<Capability> {
        let administer = self
            .groups
            .iter()
            .filter(|(group, _, _)| self.administers(person, *group))
            .map(|(group, _, _)| Capability::Administer(*group));
        let appoint = self
            .every_post()
            .into_iter()
            .filter(|post| self.scope_active(*post) && self.stands_above(person, *post))
            .map(Capability::Appoint);
        administer.chain(appoint).collect()
    }

    /// What someone holding only `post` may do.
    fn capabilities_of_post(&self, post: Post) -> BTreeSet<Capability> {
        let mut alone = self.clone();
        let stranger = PersonId(1_000);
        alone.organisation.appointments = vec![Holding {
            person: stranger,
            post,
            appointed_by: Some(MAM),
        }];
        alone.capabilities(stranger)
    }

    fn all_capabilities(&self) -> Vec<(PersonId, BTreeSet<Capability>)> {
        self.people
            .iter()
            .map(|p| (*p, self.capabilities(*p)))
            .collect()
    }

    /// The invariants the issue lists, on the model.
    fn check_invariants(&self) -> Result<(), TestCaseError> {
        let appointments = &self.organisation.appointments;
        prop_assert!(
            appointments
                .iter()
                .all(|h| h.post != Post::MainAccessManager)
        );
        prop_assert!(
            appointments.iter().all(|h| h.person != MAM),
            "the MAM holds no other post"
        );
        let managers: Vec<DomainId> = appointments
            .iter()
            .filter_map(|h| h.post.domain())
            .collect();
        let distinct: BTreeSet<DomainId> = managers.iter().copied().collect();
        prop_assert_eq!(
            distinct.len(),
            managers.len(),
            "one access manager per domain"
        );
        let active_domains = self
            .domains
            .iter()
            .filter(|d| self.domain_active(**d))
            .count();
        prop_assert!(managers.len() <= active_domains, "AMs ≤ active domains");
        prop_assert!(managers.iter().all(|d| self.domain_active(*d)));
        let groups: Vec<GroupId> = appointments.iter().filter_map(|h| h.post.group()).collect();
        let distinct: BTreeSet<GroupId> = groups.iter().copied().collect();
        prop_assert_eq!(
            distinct.len(),
            groups.len(),
            "one group administrator per group"
        );
        prop_assert!(appointments.iter().all(|h| self.linked.contains(&h.person)));
        for person in &self.people {
            let domains = appointments
                .iter()
                .filter(|h| h.person == *person && h.post.domain().is_some())
                .count();
            prop_assert!(domains <= 1, "an access manager has exactly one domain");
        }
        self.check_standings()
    }

    /// What each person administers, as the policy tells it (`Organisation::standing`), is what
    /// DESIGN.md §3 says: the active groups they administer, and the active domains every group
    /// of which they administer (the whole domains a scope is told by).
    fn check_standings(&self) -> Result<(), TestCaseError> {
        for person in &self.people {
            let standing = self.organisation.standing(*person);
            let groups: BTreeSet<GroupId> = self
                .groups
                .iter()
                .map(|(group, _, _)| *group)
                .filter(|group| self.administers(*person, *group))
                .collect();
            prop_assert_eq!(
                &standing.groups,
                &groups,
                "the groups {:?} administers",
                person
            );
            let whole: BTreeSet<DomainId> = self
                .domains
                .iter()
                .copied()
                .filter(|domain| self.domain_active(*domain))
                .filter(|domain| {
                    self.is_main(*person)
                        || self.is_co_main(*person)
                        || self.manages_domain(*person, *domain)
                })
                .collect();
            prop_assert_eq!(
                &standing.domains,
                &whole,
                "the domains {:?} administers whole",
                person
            );
            for (group, domain, on) in &self.groups {
                if *on && standing.domains.contains(domain) {
                    prop_assert!(standing.groups.contains(group), "a whole domain's group");
                }
            }
        }
        Ok(())
    }

    fn step(&mut self, attempt: Attempt) -> Result<(), TestCaseError> {
        let before = self.all_capabilities();
        match attempt {
            Attempt::Appoint {
                actor,
                person,
                post,
            } => {
                let (actor, person, post) =
                    (self.person(actor), self.person(person), self.post(post));
                let appointee = Appointee {
                    person,
                    linked: self.linked.contains(&person),
                };
                let decision = may_appoint(&self.organisation, actor, appointee, post);
                let expected = self.may_appoint(actor, person, post);
                prop_assert_eq!(
                    decision.is_ok(),
                    expected,
                    "{:?} appoints {:?} to {:?}: policy {:?}",
                    actor,
                    person,
                    post,
                    decision
                );
                let Ok(permit) = decision else {
                    return Ok(());
                };
                let granted = self.capabilities_of_post(post);
                let actor_had = &before.iter().find(|(p, _)| *p == actor).expect("actor").1;
                prop_assert!(
                    granted.is_subset(actor_had) && granted != *actor_had,
                    "a post strictly inside the actor's capabilities"
                );
                let lesser: Vec<Post> = self
                    .organisation
                    .appointments
                    .iter()
                    .filter(|h| h.person == person && h.post != post)
                    .filter(|h| self.capabilities_of_post(h.post).is_subset(&granted))
                    .map(|h| h.post)
                    .collect();
                prop_assert_eq!(permit.replaces(), lesser.as_slice());
                self.organisation
                    .appointments
                    .retain(|h| !(h.person == person && lesser.contains(&h.post)));
                self.organisation.appointments.push(Holding {
                    person,
                    post,
                    appointed_by: Some(actor),
                });
                for (someone, had) in &before {
                    let now = self.capabilities(*someone);
                    if *someone == person {
                        let allowed: BTreeSet<Capability> = had.union(&granted).copied().collect();
                        prop_assert!(now.is_subset(&allowed), "the appointee gains only the post");
                    } else {
                        prop_assert!(
                            now.is_subset(had),
                            "{:?} gained through an appointment",
                            someone
                        );
                    }
                }
            }
            Attempt::Revoke {
                actor,
                person,
                post,
            } => {
                let (actor, holder, post) =
                    (self.person(actor), self.person(person), self.post(post));
                let decision = may_revoke(&self.organisation, actor, holder, post);
                prop_assert_eq!(
                    decision.is_ok(),
                    self.may_revoke(actor, holder, post),
                    "{:?} revokes {:?}'s {:?}: policy {:?}",
                    actor,
                    holder,
                    post,
                    decision
                );
                if decision.is_ok() {
                    self.organisation
                        .appointments
                        .retain(|h| !(h.person == holder && h.post == post));
                    for (someone, had) in &before {
                        prop_assert!(
                            self.capabilities(*someone).is_subset(had),
                            "a revocation widened {:?}",
                            someone
                        );
                    }
                }
            }
            Attempt::Manage { actor, group } => {
                let actor = self.person(actor);
                let group = self.groups[group % self.groups.len()].0;
                let decision = may_manage_users(&self.organisation, actor, group);
                let expected = self.organisation.active && self.administers(actor, group);
                prop_assert_eq!(
                    decision.is_ok(),
                    expected,
                    "{:?} manages users of {:?}",
                    actor,
                    group
                );
            }
        }
        self.check_invariants()
    }
}

fn cases() -> u32 {
    std::env::var("POLICY_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// No accepted action lets an actor gain a scope they did not hold or act outside their
    /// scope; every decision follows DESIGN.md §3; the invariants hold after every step.
    #[test]
    fn no_sequence_of_attempts_escalates_or_breaks_an_invariant(
        mut world in world(),
        attempts in proptest::collection::vec(attempt(), 1..60),
    ) {
        for attempt in attempts {
            world.step(attempt)?;
        }
    }
}
