//! The rules of DESIGN.md §3 on a small enterprise, decided by the pure policy. The same rules are
//! proven against the database in `app/tests/administrators_*.rs` and `app/tests/users_*.rs`, and
//! over random enterprises in `app/tests/policy_properties.rs`.

use super::*;

mod appointing;
mod users_and_reading;
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
