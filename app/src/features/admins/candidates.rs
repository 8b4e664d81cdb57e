//! The people an administrator may pick on the appointment form: linked to the enterprise,
//! found by national register number (with or without separators) or by name.

use super::outcome::AdminError;
use super::{CANDIDATES, Person, store};
use crate::domain::{EnterpriseId, PersonId};
use crate::platform::db::Database;
use crate::policy::may_look_for_appointees;

/// Shortest search text.
const MIN_TEXT: usize = 2;

/// Linked people matching `text`, for `actor` in `enterprise`.
pub async fn candidates(
    db: &Database,
    enterprise: EnterpriseId,
    actor: PersonId,
    text: &str,
) -> Result<Vec<Person>, AdminError> {
    let mut conn = db.pool().acquire().await?;
    let Some(organisation) = store::decisive(&mut conn, enterprise).await? else {
        return Err(AdminError::Refused(
            crate::policy::Refusal::NotAnAdministrator,
        ));
    };
    may_look_for_appointees(&organisation, actor).map_err(AdminError::Refused)?;
    let text = text.trim();
    let is_number = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ' '));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (digits, words) = if is_number {
        (Some(digits).filter(|d| d.len() >= MIN_TEXT), None)
    } else {
        (
            None,
            Some(text.to_lowercase()).filter(|t| t.chars().count() >= MIN_TEXT),
        )
    };
    if digits.is_none() && words.is_none() {
        return Ok(Vec::new());
    }
    Ok(store::linked_people(
        &mut conn,
        enterprise,
        digits.as_deref(),
        words.as_deref(),
        CANDIDATES,
    )
    .await?)
}
