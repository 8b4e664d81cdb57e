//! Appointing and revoking administrators. One relation decides both: an actor may appoint or
//! revoke exactly the posts that one of their own posts strictly includes (the main access
//! manager includes every post below it, a co-main access manager every access manager and
//! group administrator, an access manager the group administrators of its domain). So nobody
//! appoints at or above their own level, nor outside their scope, and no chain of appointments
//! reaches higher than its start.
//!
//! A granted decision is a permit; the only code that writes an appointment takes one, and only
//! this module can make one.

use super::Refusal;
use super::organisation::{Organisation, includes};
use super::post::{Level, Post};
use crate::domain::{EnterpriseId, PersonId};

/// The person to appoint, as the server found them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appointee {
    /// Who.
    pub person: PersonId,
    /// They are linked to (employed by) the enterprise.
    pub linked: bool,
}

/// Leave to appoint `appointee` to `post`; made only by [`may_appoint`].
#[derive(Debug)]
pub struct AppointPermit {
    enterprise: EnterpriseId,
    actor: PersonId,
    appointee: PersonId,
    post: Post,
    replaces: Vec<Post>,
}

impl AppointPermit {
    /// The enterprise.
    pub fn enterprise(&self) -> EnterpriseId {
        self.enterprise
    }
    /// Who appoints.
    pub fn actor(&self) -> PersonId {
        self.actor
    }
    /// Who is appointed.
    pub fn appointee(&self) -> PersonId {
        self.appointee
    }
    /// To which post.
    pub fn post(&self) -> Post {
        self.post
    }
    /// The appointee's lesser posts that the new one includes; they end with the appointment.
    pub fn replaces(&self) -> &[Post] {
        &self.replaces
    }
}

/// Leave to revoke `holder`'s `post`; made only by [`may_revoke`].
#[derive(Debug)]
pub struct RevokePermit {
    enterprise: EnterpriseId,
    actor: PersonId,
    holder: PersonId,
    post: Post,
}

impl RevokePermit {
    /// The enterprise.
    pub fn enterprise(&self) -> EnterpriseId {
        self.enterprise
    }
    /// Who revokes.
    pub fn actor(&self) -> PersonId {
        self.actor
    }
    /// Whose post ends.
    pub fn holder(&self) -> PersonId {
        self.holder
    }
    /// The post that ends.
    pub fn post(&self) -> Post {
        self.post
    }
}

/// Whether `actor` may appoint `appointee` to `post`.
pub fn may_appoint(
    organisation: &Organisation,
    actor: PersonId,
    appointee: Appointee,
    post: Post,
) -> Result<AppointPermit, Refusal> {
    authority(organisation, actor, post)?;
    match post {
        Post::AccessManager(domain) if !organisation.active_domains().contains(&domain) => {
            return Err(Refusal::ScopeNotActive);
        }
        Post::GroupAdministrator(group) if organisation.domain_of(group).is_none() => {
            return Err(Refusal::ScopeNotActive);
        }
        _ => {}
    }
    if appointee.person == actor {
        return Err(Refusal::SelfAppointment);
    }
    if !appointee.linked {
        return Err(Refusal::PersonNotLinked);
    }
    if organisation.covered(appointee.person, post) {
        return Err(Refusal::AlreadyAdministers);
    }
    if matches!(post, Post::AccessManager(_))
        && organisation
            .posts_of(appointee.person)
            .any(|held| matches!(held, Post::AccessManager(_)))
    {
        return Err(Refusal::OneDomainPerAccessManager);
    }
    match post {
        Post::AccessManager(_) if organisation.holder(post).is_some() => {
            return Err(Refusal::DomainTaken);
        }
        Post::GroupAdministrator(_) if organisation.holder(post).is_some() => {
            return Err(Refusal::GroupTaken);
        }
        _ => {}
    }
    let replaces = organisation
        .posts_of(appointee.person)
        .filter(|held| includes(organisation, post, *held))
        .collect();
    Ok(AppointPermit {
        enterprise: organisation.enterprise,
        actor,
        appointee: appointee.person,
        post,
        replaces,
    })
}

/// Whether `actor` may end `holder`'s `post`.
pub fn may_revoke(
    organisation: &Organisation,
    actor: PersonId,
    holder: PersonId,
    post: Post,
) -> Result<RevokePermit, Refusal> {
    authority(organisation, actor, post)?;
    if !organisation
        .appointments
        .iter()
        .any(|holding| holding.person == holder && holding.post == post)
    {
        return Err(Refusal::NotHeld);
    }
    Ok(RevokePermit {
        enterprise: organisation.enterprise,
        actor,
        holder,
        post,
    })
}

/// The posts `actor` could fill now: those they have authority over that are not taken (any
/// number of co-main access managers may serve). The appointment page offers these.
pub fn open_posts(organisation: &Organisation, actor: PersonId) -> Vec<Post> {
    posts_under(organisation, actor)
        .filter(|post| *post == Post::CoMainAccessManager || organisation.holder(*post).is_none())
        .collect()
}

/// The levels `actor` appoints to, whether or not a post is free now, highest first.
pub fn appointable_levels(organisation: &Organisation, actor: PersonId) -> Vec<Level> {
    let mut levels: Vec<Level> = posts_under(organisation, actor).map(Post::level).collect();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    levels
}

/// Every post of the enterprise that `actor` has authority over.
fn posts_under(organisation: &Organisation, actor: PersonId) -> impl Iterator<Item = Post> + '_ {
    let domains = organisation
        .active_domains()
        .into_iter()
        .map(Post::AccessManager);
    let groups = organisation
        .groups
        .iter()
        .map(|(group, _)| Post::GroupAdministrator(*group));
    std::iter::once(Post::CoMainAccessManager)
        .chain(domains)
        .chain(groups)
        .filter(move |post| authority(organisation, actor, *post).is_ok())
}

/// Whether `actor` stands above `post`: the enterprise is active and one of the actor's posts
/// strictly includes it.
fn authority(organisation: &Organisation, actor: PersonId, post: Post) -> Result<(), Refusal> {
    if !organisation.active {
        return Err(Refusal::EnterpriseNotActive);
    }
    let Some(level) = organisation.level(actor) else {
        return Err(Refusal::NotAnAdministrator);
    };
    if post == Post::MainAccessManager {
        return Err(Refusal::MainAccessManagerStays);
    }
    if organisation
        .posts_of(actor)
        .any(|held| includes(organisation, held, post))
    {
        Ok(())
    } else if level <= post.level() {
        Err(Refusal::AtOrAboveOwnLevel)
    } else {
        Err(Refusal::OutsideOwnScope)
    }
}
