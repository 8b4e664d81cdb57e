//! Where people stand with signing in, as an enterprise's administrators see them: read for a
//! page's people in one statement.

use super::SignInState;
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::sql::{Bind, Sql};
use sqlx::AnyConnection;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct Row {
    person_id: i64,
    /// 1 when the person has a password and an app.
    has_credentials: i64,
    /// 1 when the enterprise sent them a link.
    invited: i64,
    used_at: Option<i64>,
    expires_at: Option<i64>,
    /// 1 when the link's e-mail was queued.
    has_email: i64,
    sent_at: Option<i64>,
    given_up_at: Option<i64>,
}

impl Row {
    fn state(&self, now: i64) -> SignInState {
        if self.has_credentials == 1 || self.used_at.is_some() {
            SignInState::CanSignIn
        } else if self.invited == 0 {
            SignInState::NotInvited
        } else if self.has_email == 0 || self.given_up_at.is_some() {
            SignInState::Undeliverable
        } else if self.expires_at.is_some_and(|expires| expires <= now) {
            SignInState::Expired
        } else if self.sent_at.is_none() {
            SignInState::Queued
        } else {
            SignInState::Invited
        }
    }
}

/// The states of `people` in `enterprise` at `now` (a person not found is absent).
pub async fn of(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    people: &[PersonId],
    now: i64,
) -> Result<HashMap<PersonId, SignInState>, sqlx::Error> {
    if people.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(
        "SELECT p.id AS person_id, \
         CASE WHEN c.person_id IS NULL THEN 0 ELSE 1 END AS has_credentials, \
         CASE WHEN i.person_id IS NULL THEN 0 ELSE 1 END AS invited, \
         i.used_at, i.expires_at, CASE WHEN i.email_id IS NULL THEN 0 ELSE 1 END AS has_email, \
         o.sent_at, o.given_up_at \
         FROM persons p LEFT JOIN credentials c ON c.person_id = p.id",
    );
    sql.push(
        " LEFT JOIN invitations i ON i.person_id = p.id AND i.enterprise_id = ?",
        [Bind::Int(enterprise.0)],
    )
    .push(" LEFT JOIN outbox o ON o.id = i.email_id", [])
    .push_in(" WHERE ", "p.id", people.iter().map(|p| p.0));
    let rows: Vec<Row> = sql.query_as(conn).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|row| (PersonId(row.person_id), row.state(now)))
        .collect())
}

/// The state of `person` in `enterprise` at `now`.
pub async fn one(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    now: i64,
) -> Result<SignInState, sqlx::Error> {
    Ok(of(conn, enterprise, &[person], now)
        .await?
        .remove(&person)
        .unwrap_or(SignInState::NotInvited))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            person_id: 1,
            has_credentials: 0,
            invited: 1,
            used_at: None,
            expires_at: Some(100),
            has_email: 1,
            sent_at: Some(10),
            given_up_at: None,
        }
    }

    #[test]
    fn a_sent_unexpired_link_is_an_invitation_and_credentials_win_over_everything() {
        assert_eq!(row().state(50), SignInState::Invited);
        assert_eq!(row().state(100), SignInState::Expired);
        let unsent = Row {
            sent_at: None,
            ..row()
        };
        assert_eq!(unsent.state(50), SignInState::Queued);
        let refused = Row {
            given_up_at: Some(20),
            ..row()
        };
        assert_eq!(refused.state(50), SignInState::Undeliverable);
        let no_address = Row {
            has_email: 0,
            ..row()
        };
        assert_eq!(no_address.state(50), SignInState::Undeliverable);
        let used = Row {
            used_at: Some(30),
            ..row()
        };
        assert_eq!(used.state(500), SignInState::CanSignIn);
        let enrolled = Row {
            has_credentials: 1,
            invited: 0,
            ..row()
        };
        assert_eq!(enrolled.state(500), SignInState::CanSignIn);
        let nothing = Row {
            invited: 0,
            ..row()
        };
        assert_eq!(nothing.state(50), SignInState::NotInvited);
    }
}
