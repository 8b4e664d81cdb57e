//! Helping someone sign in: sending their invitation again, or resetting a lost password or
//! authenticator app. Whoever manages the person may, never someone at or above the person's
//! own level: an administrator is helped only by one whose post strictly includes each of theirs
//! (as for revoking it), a user by an administrator of one of their groups. Nobody helps
//! themselves here (their own account page is for that), and the main access manager is helped
//! only by the operator.

use super::Refusal;
use super::organisation::{Organisation, includes};
use super::permits::Authority;
use super::post::{Level, Post};
use crate::domain::{EnterpriseId, GroupId, PersonId};

/// Leave to send `person` a new link to sign in with (and, for a reset, to revoke what they sign
/// in with now); made only by [`may_help_sign_in`] and the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPermit {
    enterprise: EnterpriseId,
    person: PersonId,
    by: Authority,
}

impl SignInPermit {
    pub(super) fn new(enterprise: EnterpriseId, person: PersonId, by: Authority) -> SignInPermit {
        SignInPermit {
            enterprise,
            person,
            by,
        }
    }

    /// The enterprise whose administrator helps.
    pub fn enterprise(&self) -> EnterpriseId {
        self.enterprise
    }

    /// The person helped.
    pub fn person(&self) -> PersonId {
        self.person
    }

    /// On whose authority.
    pub fn by(&self) -> Authority {
        self.by
    }
}

/// Whether `actor` may help `person` (a user of `groups`, holding the posts the organisation
/// says) to sign in.
pub fn may_help_sign_in(
    organisation: &Organisation,
    actor: PersonId,
    person: PersonId,
    groups: &[GroupId],
) -> Result<SignInPermit, Refusal> {
    if !organisation.active {
        return Err(Refusal::EnterpriseNotActive);
    }
    let Some(level) = organisation.level(actor) else {
        return Err(Refusal::NotAnAdministrator);
    };
    if actor == person {
        return Err(Refusal::OwnAccount);
    }
    let posts: Vec<Post> = organisation.posts_of(person).collect();
    for post in &posts {
        if *post == Post::MainAccessManager {
            return Err(Refusal::MainAccessManagerStays);
        }
        let above = organisation
            .posts_of(actor)
            .any(|held| includes(organisation, held, *post));
        if !above {
            return Err(if level <= post.level() {
                Refusal::AtOrAboveOwnLevel
            } else {
                Refusal::OutsideOwnScope
            });
        }
    }
    let manages = !posts.is_empty()
        || level >= Level::CoMainAccessManager
        || groups
            .iter()
            .any(|group| organisation.administers(actor, *group));
    if manages {
        Ok(SignInPermit::new(
            organisation.enterprise,
            person,
            Authority::Person(actor),
        ))
    } else {
        Err(Refusal::OutsideOwnScope)
    }
}
