//! A person the installation knew already — through another enterprise, or the operator — who
//! is linked to one more enterprise is told so: in that enterprise's e-Box, and by e-mail to the
//! address on their own record when it has one (never one an enterprise typed), so that a link
//! made by mistake or in bad faith does not go unnoticed.

use crate::domain::{EnterpriseId, EnterpriseNumber, Language, PersonId};
use crate::features::ebox::{Message, store as ebox};
use crate::features::outbox::{self, Channel, Kind};
use crate::i18n::td_string;
use crate::platform::db::now_millis;
use sqlx::AnyConnection;

/// Tells `person` that `by` linked them to `enterprise`, in the caller's transaction.
pub async fn tell(
    conn: &mut AnyConnection,
    enterprise: EnterpriseId,
    person: PersonId,
    by: PersonId,
) -> Result<(), sqlx::Error> {
    ebox::deliver(conn, enterprise, person, &Message::Linked { by }).await?;
    let (given, family, email, language, number, name): (
        String,
        String,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT p.given_name, p.family_name, p.email, p.language, e.number, e.name \
         FROM persons p, enterprises e WHERE p.id = $1 AND e.id = $2",
    )
    .bind(person.0)
    .bind(enterprise.0)
    .fetch_one(&mut *conn)
    .await?;
    if email.is_empty() {
        return Ok(());
    }
    let locale = language
        .parse::<Language>()
        .unwrap_or(Language::En)
        .locale();
    let number = EnterpriseNumber::parse(&number).map_or(number, |n| n.formatted());
    let message = outbox::Message {
        kind: Kind::LinkedNotice,
        channel: Channel::Email,
        recipient: email,
        subject: Some(
            td_string!(
                locale,
                messages.linked_subject,
                enterprise = name.as_str(),
                number = number.as_str()
            )
            .to_string(),
        ),
        body: td_string!(
            locale,
            messages.linked_body,
            name = format!("{given} {family}"),
            enterprise = name.as_str(),
            number = number.as_str()
        )
        .to_string(),
    };
    outbox::enqueue(conn, &message, now_millis()).await?;
    Ok(())
}
