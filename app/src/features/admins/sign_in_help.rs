//! Helping someone sign in: an administrator who manages the person (never one at or below the
//! person's own level) sends their invitation again. Decided by the policy on the organisation
//! read in the write transaction; the new link, its e-mail and the audit event are written in
//! that transaction. A refusal changes nothing and is audited.

use super::outcome::AdminError;
use super::{Shown, store};
use crate::domain::{GroupId, PersonId};
use crate::features::audit::Action;
use crate::features::audit::refusals::{Refused, record_refused};
use crate::features::auth::acting::Acting;
use crate::features::invitations::letter::{self, Letter};
use crate::features::invitations::link::{self, Authorised, Reason};
use crate::features::invitations::{SignInStanding, SignInState, state};
use crate::features::people::employments;
use crate::platform::db::{Database, now_millis};
use crate::policy::{Organisation, Refusal, SignInPermit, may_help_sign_in};
use serde_json::json;
use sqlx::AnyConnection;

/// The least time between two links sent to one person: enough to stop a flood of e-mails,
/// short enough for a mistyped address corrected at once.
pub const RESEND_PAUSE_MS: i64 = 10 * 60_000;

/// The groups `person` is a user of in the acting enterprise.
async fn groups_of(
    conn: &mut AnyConnection,
    acting: &Acting,
    person: PersonId,
) -> Result<Vec<GroupId>, sqlx::Error> {
    let groups: Vec<i64> = sqlx::query_scalar(
        "SELECT group_id FROM memberships WHERE enterprise_id = $1 AND person_id = $2",
    )
    .bind(acting.enterprise.0)
    .bind(person.0)
    .fetch_all(conn)
    .await?;
    Ok(groups.into_iter().map(GroupId).collect())
}

/// The policy's decision on `acting` helping `person`, on the organisation read through `conn`.
pub async fn decide(
    conn: &mut AnyConnection,
    acting: &Acting,
    person: PersonId,
) -> Result<Result<SignInPermit, Refusal>, sqlx::Error> {
    let Some(organisation) = store::decisive(conn, acting.enterprise).await? else {
        return Ok(Err(Refusal::NotAnAdministrator));
    };
    if !employments::is_linked(conn, acting.enterprise, person).await? {
        return Ok(Err(Refusal::PersonNotLinked));
    }
    let groups = groups_of(conn, acting, person).await?;
    Ok(may_help_sign_in(
        &organisation,
        acting.person,
        person,
        &groups,
    ))
}

/// `acting` sends `person`'s invitation again; returns where the person stands then.
pub async fn resend_invitation(
    db: &Database,
    acting: &Acting,
    person: PersonId,
    letter: &Letter,
    client_addr: Option<&str>,
) -> Result<SignInState, AdminError> {
    let mut tx = db.write().await?;
    let now = now_millis();
    let mut decision = decide(&mut tx, acting, person).await?;
    if decision.is_ok() {
        if letter::signs_in(&mut tx, person).await? {
            decision = Err(Refusal::SignsInAlready);
        } else if link::last_sent(&mut tx, acting.enterprise, person)
            .await?
            .is_some_and(|sent| now - sent < RESEND_PAUSE_MS)
        {
            decision = Err(Refusal::LinkJustSent);
        }
    }
    let permit = match decision {
        Ok(permit) => permit,
        Err(refusal) => {
            tx.rollback().await?;
            let refused = Refused {
                enterprise: acting.enterprise,
                actor: acting.person,
                action: Action::InvitationRefused,
                target: Some(format!("person:{person}")),
                asked: json!({ "reason": Reason::Invitation.as_str() }),
                refusal,
                client_addr,
            };
            record_refused(db, &refused).await?;
            return Err(AdminError::Refused(refusal));
        }
    };
    let authorised = Authorised::Helped(&permit);
    let state = letter::send(
        &mut tx,
        authorised,
        person,
        Reason::Invitation,
        letter,
        client_addr,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(state)
}

/// Fills in, for `shown` posts as `actor` sees them, whether each holder can sign in and whether
/// `actor` may send them a link: one read for the whole page.
pub async fn add_standings(
    conn: &mut AnyConnection,
    organisation: &Organisation,
    actor: PersonId,
    shown: &mut [Shown],
) -> Result<(), sqlx::Error> {
    let mut people: Vec<PersonId> = shown.iter().map(|s| s.holder.id).collect();
    people.sort_unstable();
    people.dedup();
    let states = state::of(conn, organisation.enterprise, &people, now_millis()).await?;
    for row in shown {
        let person = row.holder.id;
        row.sign_in = SignInStanding {
            state: states
                .get(&person)
                .copied()
                .unwrap_or(SignInState::NotInvited),
            // A holder's posts decide who may help them; their groups do not matter.
            may_send: may_help_sign_in(organisation, actor, person, &[]).is_ok(),
        };
    }
    Ok(())
}
