//! Creating a user: an administrator of the group enters the person's NRN, links the person to
//! the enterprise with a name and an e-mail address when they are not linked yet, and picks the
//! services of the group they may use. A person already in the group is reported, not added
//! twice.
//!
//! The enterprise learns nothing from the shared person record: a person it links is known to
//! it by the names it typed, and a person the installation knew already (through another
//! enterprise) is told of the new link by e-Box and e-mail.

use super::change::{audited, decided_on, decided_on_for_reads, offered_only, refused};
use super::linked_notice;
use super::{LinkDetails, Lookup, store};
use crate::AppError;
use crate::domain::{Email, GroupId, Language, Nrn, PersonId, PersonName, ServiceId};
use crate::features::audit::{Action, Actor};
use crate::features::auth::acting::Acting;
use crate::features::ebox::Message;
use crate::features::invitations::letter::{Letter, invite_if_needed};
use crate::features::invitations::link::Authorised;
use crate::features::people::employments::{self, is_linked};
use crate::features::people::store::{Source, find, find_or_create};
use crate::features::people::{NewPerson, PersonIdentity};
use crate::features::record::{Change, record};
use crate::platform::db::{Database, now_millis};
use crate::policy::{Refusal, may_manage_users};
use serde_json::json;

fn invalid(field: &str) -> AppError {
    AppError::InvalidInput {
        field: field.to_owned(),
    }
}

/// The NRN typed on the form.
pub fn parse_nrn(text: &str) -> Result<Nrn, AppError> {
    Nrn::parse(text).map_err(|_| invalid("nrn"))
}

/// The person `details` describe, identified by `nrn`; each field checked.
fn new_person(nrn: Nrn, details: &LinkDetails) -> Result<NewPerson, AppError> {
    let given_name = PersonName::parse(&details.given_name).map_err(|_| invalid("given_name"))?;
    let family_name =
        PersonName::parse(&details.family_name).map_err(|_| invalid("family_name"))?;
    let email = Email::parse(&details.email).map_err(|_| invalid("email"))?;
    let language: Language = details.language.parse().map_err(|_| invalid("language"))?;
    Ok(NewPerson {
        identity: PersonIdentity::Nrn(nrn),
        given_name,
        family_name,
        email,
        phone: None,
        language,
    })
}

/// What `nrn` stands for on the "Add user" form of `group`.
pub async fn lookup(
    db: &Database,
    acting: &Acting,
    group: GroupId,
    nrn: &str,
) -> Result<Lookup, AppError> {
    let mut conn = db.pool().acquire().await?;
    let organisation = decided_on_for_reads(&mut conn, acting).await?;
    may_manage_users(&organisation, acting.person, group).map_err(refused)?;
    let nrn = parse_nrn(nrn)?;
    let Some(person) = find(&mut conn, &PersonIdentity::Nrn(nrn)).await? else {
        return Ok(Lookup::NotLinked);
    };
    let Some((given, family)) = employments::names(&mut conn, acting.enterprise, person).await?
    else {
        return Ok(Lookup::NotLinked);
    };
    let name = format!("{given} {family}");
    let state = store::state(&mut conn, acting.enterprise, person).await?;
    Ok(
        if state.is_some_and(|state| state.membership(group).is_some()) {
            Lookup::InGroup { name, person }
        } else {
            Lookup::Linked { name }
        },
    )
}

/// What the "Add user" form sends.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub group: GroupId,
    /// The NRN as typed.
    pub nrn: String,
    /// The services of the group to grant.
    pub services: Vec<ServiceId>,
    /// Name and e-mail to link a person not linked yet.
    pub link: Option<LinkDetails>,
}

/// Creates the user `new` describes; returns the person.
pub async fn create(
    db: &Database,
    acting: &Acting,
    new: &NewUser,
    letter: &Letter,
    client_addr: Option<&str>,
) -> Result<PersonId, AppError> {
    let outcome = create_in_group(db, acting, new, letter, client_addr).await;
    let asked = json!({ "group": new.group, "services": new.services });
    audited(
        db,
        acting,
        Action::UserCreated,
        None,
        asked,
        client_addr,
        outcome,
    )
    .await
}

async fn create_in_group(
    db: &Database,
    acting: &Acting,
    new: &NewUser,
    letter: &Letter,
    client_addr: Option<&str>,
) -> Result<PersonId, AppError> {
    let mut tx = db.write().await?;
    let organisation = decided_on(&mut tx, acting).await?;
    let permit = may_manage_users(&organisation, acting.person, new.group).map_err(refused)?;
    // Checked only for someone allowed to create here; nothing is written before.
    let nrn = parse_nrn(&new.nrn)?;
    let details = new
        .link
        .as_ref()
        .map(|details| new_person(nrn, details))
        .transpose()?;
    let services = offered_only(&mut tx, new.group, &new.services).await?;
    let known = find(&mut tx, &PersonIdentity::Nrn(nrn)).await?;
    let linked = match known {
        Some(person) => is_linked(&mut tx, acting.enterprise, person).await?,
        None => false,
    };
    let (person, linked_now) = match (known.filter(|_| linked), details) {
        (Some(person), _) => (person, false),
        (None, Some(details)) => {
            let person = find_or_create(&mut tx, &details, Source::Enterprise).await?;
            employments::link(&mut tx, acting.enterprise, person, &details).await?;
            if known.is_some() {
                linked_notice::tell(&mut tx, acting.enterprise, person, acting.person).await?;
            }
            (person, true)
        }
        (None, None) => return Err(refused(Refusal::PersonNotLinked)),
    };
    let sort_name = store::enrol(&mut tx, &permit, person).await?;
    if let Err(error) = store::join(&mut tx, &permit, person, &sort_name, &services).await {
        // The person is in the group already, or was added at the same moment: the primary key
        // decides; the transaction is dropped, so nothing changed.
        return Err(
            if error
                .as_database_error()
                .is_some_and(|e| e.is_unique_violation())
            {
                refused(Refusal::AlreadyInGroup)
            } else {
                error.into()
            },
        );
    }
    let change = Change {
        enterprise: acting.enterprise,
        actor: Actor::Person(acting.person),
        action: Action::UserCreated,
        person,
        before: None,
        after: Some(json!({
            "group": new.group,
            "services": services,
            "linked_now": linked_now,
        })),
        message: Message::UserCreated {
            group: new.group,
            services,
            by: acting.person,
        },
        client_addr,
    };
    record(&mut tx, change).await?;
    // Someone who cannot sign in yet is invited, in the same transaction.
    let authorised = Authorised::NewUser(&permit);
    invite_if_needed(
        &mut tx,
        authorised,
        person,
        letter,
        client_addr,
        now_millis(),
    )
    .await?;
    tx.commit().await?;
    Ok(person)
}
