//! The names a page of events mentions — people, enterprises, groups, services and domains —
//! each kind looked up once for the whole page.

use super::Party;
use crate::domain::{EnterpriseId, LocalizedName, PersonId};
use crate::features::people::employments::display_names;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized_each};
use crate::platform::sql::Sql;
use std::collections::HashMap;

/// The ids a page mentions, by kind.
#[derive(Debug, Default)]
pub(super) struct Mentioned {
    /// People, from `person:…` keys.
    pub people: Vec<i64>,
    /// Enterprises, from `enterprise:…` keys.
    pub enterprises: Vec<i64>,
    pub groups: Vec<i64>,
    /// Online services.
    pub services: Vec<i64>,
    pub domains: Vec<i64>,
}

impl Mentioned {
    /// Notes the party stored as `key` (`person:12`, `enterprise:3`, `operator`, …).
    pub fn party(&mut self, key: &str) {
        match parse_key(key) {
            Some(("person", id)) => self.people.push(id),
            Some(("enterprise", id)) => self.enterprises.push(id),
            _ => {}
        }
    }
}

/// The names of what a page mentions.
pub(super) struct Names {
    people: HashMap<i64, String>,
    enterprises: HashMap<i64, String>,
    catalogue: HashMap<(Named, i64), LocalizedName>,
}

impl Names {
    /// Looks up the names of `mentioned`; people by the name `enterprise` knows them by.
    pub async fn of(
        db: &Database,
        enterprise: EnterpriseId,
        mentioned: Mentioned,
    ) -> Result<Names, sqlx::Error> {
        let mut conn = db.pool().acquire().await?;
        let people = display_names(
            &mut conn,
            enterprise,
            mentioned.people.into_iter().map(PersonId),
        )
        .await?
        .into_iter()
        .map(|(id, name)| (id.0, name))
        .collect();
        let enterprises: Vec<(i64, String)> = if mentioned.enterprises.is_empty() {
            Vec::new()
        } else {
            let mut sql = Sql::new("SELECT id, name FROM enterprises");
            sql.push_in(" WHERE ", "id", mentioned.enterprises);
            sql.query_as(&conn).fetch_all(&mut *conn).await?
        };
        let catalogue = localized_each(
            &mut conn,
            &[
                (Named::Groups, mentioned.groups),
                (Named::Services, mentioned.services),
                (Named::Domains, mentioned.domains),
            ],
        )
        .await?;
        Ok(Names {
            people,
            enterprises: enterprises.into_iter().collect(),
            catalogue,
        })
    }

    /// The party stored as `key`.
    pub fn party(&self, key: &str) -> Party {
        match (key, parse_key(key)) {
            ("operator", _) => Party::Operator,
            ("system", _) => Party::System,
            ("anonymous", _) => Party::Anonymous,
            (_, Some(("person", id))) => self
                .people
                .get(&id)
                .map_or(Party::Outsider, |name| Party::Person(name.clone())),
            (_, Some(("enterprise", id))) => self.enterprises.get(&id).map_or_else(
                || Party::Other(key.to_owned()),
                |name| Party::Enterprise(name.clone()),
            ),
            _ => Party::Other(key.to_owned()),
        }
    }

    /// The group `id`'s name.
    pub fn group(&self, id: i64) -> Option<&LocalizedName> {
        self.catalogue.get(&(Named::Groups, id))
    }

    /// The online service `id`'s name.
    pub fn service(&self, id: i64) -> Option<&LocalizedName> {
        self.catalogue.get(&(Named::Services, id))
    }

    /// The domain `id`'s name.
    pub fn domain(&self, id: i64) -> Option<&LocalizedName> {
        self.catalogue.get(&(Named::Domains, id))
    }
}

fn parse_key(key: &str) -> Option<(&str, i64)> {
    let (kind, id) = key.split_once(':')?;
    Some((kind, id.parse().ok()?))
}
