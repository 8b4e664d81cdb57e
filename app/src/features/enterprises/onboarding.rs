//! Bringing a main access manager on board, as registration and replacement both do: the
//! temporary password prepared before the transaction (for a manager without a national register
//! number: argon2 is slow on purpose), then in the transaction their person record (found or
//! created), their link to the enterprise, the activation link and its delivery.

use super::activation_token::{self, ActivationToken};
use super::foreign_delivery::{self, PrepareError, TemporaryPassword};
use crate::domain::{EnterpriseId, PersonId};
use crate::features::people::{NewPerson, employments, store as people};
use sqlx::AnyConnection;

/// Why a main access manager cannot be brought on board; nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OnboardingError {
    /// A foreign main access manager needs a mobile number for the temporary password.
    #[error("a main access manager without a national register number needs a mobile phone number")]
    ForeignWithoutPhone,
    /// The temporary password could not be hashed.
    #[error("could not prepare the temporary password")]
    Hash,
}

/// A manager ready to be brought on board.
pub struct Onboarding<'a> {
    manager: &'a NewPerson,
    temporary: Option<TemporaryPassword>,
}

impl<'a> Onboarding<'a> {
    /// Checks `manager` can be reached and prepares their temporary password when they need one.
    pub async fn prepare(manager: &'a NewPerson) -> Result<Onboarding<'a>, OnboardingError> {
        let temporary = foreign_delivery::prepare(manager)
            .await
            .map_err(|error| match error {
                PrepareError::NoPhone => OnboardingError::ForeignWithoutPhone,
                PrepareError::Hash => OnboardingError::Hash,
            })?;
        Ok(Onboarding { manager, temporary })
    }

    /// The manager's person record (found or created from the operator's details), linked to
    /// `enterprise` under those details.
    pub async fn link(
        &self,
        conn: &mut AnyConnection,
        enterprise: EnterpriseId,
    ) -> Result<PersonId, sqlx::Error> {
        let person = people::find_or_create(conn, self.manager, people::Source::Operator).await?;
        employments::link(conn, enterprise, person, self.manager).await?;
        Ok(person)
    }

    /// Issues `person`'s activation link for `enterprise` at `now` and, to a manager without a
    /// national register number, queues it by e-mail with the temporary password by SMS. Returns
    /// the link and whether it went that way (otherwise the operator hands it over).
    pub async fn send_activation(
        &self,
        conn: &mut AnyConnection,
        enterprise: EnterpriseId,
        enterprise_name: &str,
        person: PersonId,
        link_base: &str,
        now: i64,
    ) -> Result<(ActivationToken, bool), sqlx::Error> {
        let token = activation_token::issue(conn, enterprise, person, now).await?;
        let sent = match &self.temporary {
            Some(temporary) => {
                foreign_delivery::queue(
                    conn,
                    self.manager,
                    enterprise_name,
                    &token,
                    link_base,
                    temporary,
                    now,
                )
                .await?
            }
            None => false,
        };
        Ok((token, sent))
    }
}
