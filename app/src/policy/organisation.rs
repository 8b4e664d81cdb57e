//! What the policy decides on: one enterprise's active groups and who holds which post, read
//! fresh from the database on the server and sent as is to the pages.

use super::post::{Level, Post};
use crate::domain::{DomainId, EnterpriseId, GroupId, PersonId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A post someone holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holding {
    /// Who holds it.
    pub person: PersonId,
    pub post: Post,
    /// Who appointed them (`None` for the main access manager, designated by the operator).
    pub appointed_by: Option<PersonId>,
}

/// One enterprise as the policy sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub enterprise: EnterpriseId,
    /// It has been activated by its main access manager.
    pub active: bool,
    pub main_access_manager: PersonId,
    /// Its active groups, each with its domain.
    pub groups: Vec<(GroupId, DomainId)>,
    /// Every appointed post (not the main access manager's).
    pub appointments: Vec<Holding>,
}

/// What one person administers in an enterprise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Their highest level, `None` for someone who administers nothing.
    pub level: Option<Level>,
    /// Every group they administer, directly or through their level or domain.
    pub groups: BTreeSet<GroupId>,
    /// The domains with an active group whose every group they administer (as main, co-main or
    /// the domain's access manager): a scope told by domain stays short however many groups it
    /// holds.
    pub domains: BTreeSet<DomainId>,
}

impl Organisation {
    /// Every post held, the main access manager's first.
    pub fn holdings(&self) -> impl Iterator<Item = Holding> + '_ {
        std::iter::once(Holding {
            person: self.main_access_manager,
            post: Post::MainAccessManager,
            appointed_by: None,
        })
        .chain(self.appointments.iter().copied())
    }

    /// The posts `person` holds.
    pub fn posts_of(&self, person: PersonId) -> impl Iterator<Item = Post> + '_ {
        self.holdings()
            .filter(move |holding| holding.person == person)
            .map(|holding| holding.post)
    }

    /// Who holds `post`, if anyone.
    pub fn holder(&self, post: Post) -> Option<PersonId> {
        self.holdings()
            .find(|holding| holding.post == post)
            .map(|holding| holding.person)
    }

    /// The domain of an active group of the enterprise.
    pub fn domain_of(&self, group: GroupId) -> Option<DomainId> {
        self.groups
            .iter()
            .find(|(g, _)| *g == group)
            .map(|(_, domain)| *domain)
    }

    /// The domains with at least one active group.
    pub fn active_domains(&self) -> BTreeSet<DomainId> {
        self.groups.iter().map(|(_, domain)| *domain).collect()
    }

    /// Whether `person` administers `group`: the main access manager and co-main access
    /// managers every group, an access manager the groups of their domain, a group administrator
    /// their group.
    pub fn administers(&self, person: PersonId, group: GroupId) -> bool {
        let Some(domain) = self.domain_of(group) else {
            return false;
        };
        self.posts_of(person)
            .any(|post| post_administers(post, group, domain))
    }

    /// The highest level `person` holds, if any.
    pub fn level(&self, person: PersonId) -> Option<Level> {
        super::post::highest(self.posts_of(person).map(Post::level))
    }

    /// What `person` administers.
    pub fn standing(&self, person: PersonId) -> Standing {
        let posts: Vec<Post> = self.posts_of(person).collect();
        Standing {
            level: self.level(person),
            domains: self
                .active_domains()
                .into_iter()
                .filter(|domain| {
                    posts
                        .iter()
                        .any(|post| post_administers_domain(*post, *domain))
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .filter(|(group, domain)| {
                    posts
                        .iter()
                        .any(|post| post_administers(*post, *group, *domain))
                })
                .map(|(group, _)| *group)
                .collect(),
        }
    }

    /// Whether `person` holds a post that includes `post` (the same post, or one above it whose
    /// scope contains it).
    pub fn covered(&self, person: PersonId, post: Post) -> bool {
        self.posts_of(person)
            .any(|held| held == post || includes(self, held, post))
    }
}

/// Whether `post` administers `group` of `domain`.
fn post_administers(post: Post, group: GroupId, domain: DomainId) -> bool {
    post_administers_domain(post, domain) || post == Post::GroupAdministrator(group)
}

/// Whether `post` administers every group of `domain`.
fn post_administers_domain(post: Post, domain: DomainId) -> bool {
    match post {
        Post::MainAccessManager | Post::CoMainAccessManager => true,
        Post::AccessManager(d) => d == domain,
        Post::GroupAdministrator(_) => false,
    }
}

/// Whether `higher` administers everything `lower` does, and more.
pub(super) fn includes(organisation: &Organisation, higher: Post, lower: Post) -> bool {
    match (higher, lower) {
        (Post::MainAccessManager, other) => other != Post::MainAccessManager,
        (Post::CoMainAccessManager, Post::AccessManager(_) | Post::GroupAdministrator(_)) => true,
        (Post::AccessManager(domain), Post::GroupAdministrator(group)) => {
            organisation.domain_of(group) == Some(domain)
        }
        _ => false,
    }
}
