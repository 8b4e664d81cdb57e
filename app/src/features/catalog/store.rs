//! Writing a catalogue into the database: insert what is new, update what changed, retire what
//! the file no longer lists. One transaction; running it again with the same file changes nothing.

use super::file::Catalog;
use crate::domain::{DomainId, EnterpriseId, GroupId, LocalizedName, PersonId, ServiceId};
use crate::features::audit::{Action, Actor};
use crate::features::ebox::Message;
use crate::features::record::{Change, record};
use crate::features::users::store as users;
use crate::platform::db::{Database, now_millis};
use crate::policy::{OperatorPermit, SystemPermit};
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::BTreeSet;

/// What applying a catalogue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatalogSummary {
    /// Domains in the file.
    pub domains: usize,
    /// Groups in the file.
    pub groups: usize,
    /// Online services in the file.
    pub services: usize,
    /// Entries retired because the file no longer lists them.
    pub retired: usize,
}

/// Makes the database's catalogue match `catalog`, under the system's permit (a service a group
/// stops offering is withdrawn from its users).
pub async fn apply(
    db: &Database,
    permit: &SystemPermit,
    catalog: &Catalog,
) -> Result<CatalogSummary, sqlx::Error> {
    let mut tx = db.write().await?;
    for domain in &catalog.domains {
        let n = &domain.name;
        sqlx::query(
            "INSERT INTO domains (code, name_de, name_fr, name_nl, name_en) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET name_de = excluded.name_de, name_fr = excluded.name_fr, \
             name_nl = excluded.name_nl, name_en = excluded.name_en, retired_at = NULL",
        )
        .bind(&domain.code)
        .bind(&n.de)
        .bind(&n.fr)
        .bind(&n.nl)
        .bind(&n.en)
        .execute(&mut *tx)
        .await?;
    }
    for service in &catalog.services {
        let n = &service.name;
        sqlx::query(
            "INSERT INTO online_services (code, name_de, name_fr, name_nl, name_en, implicit) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (code) DO UPDATE SET name_de = excluded.name_de, name_fr = excluded.name_fr, \
             name_nl = excluded.name_nl, name_en = excluded.name_en, implicit = excluded.implicit, \
             retired_at = NULL",
        )
        .bind(&service.code)
        .bind(&n.de)
        .bind(&n.fr)
        .bind(&n.nl)
        .bind(&n.en)
        .bind(service.implicit.as_str())
        .execute(&mut *tx)
        .await?;
    }
    for group in &catalog.groups {
        let n = &group.name;
        sqlx::query(
            "INSERT INTO groups (code, domain_id, name_de, name_fr, name_nl, name_en) \
             VALUES ($1, (SELECT id FROM domains WHERE code = $2), $3, $4, $5, $6) \
             ON CONFLICT (code) DO UPDATE SET domain_id = excluded.domain_id, name_de = excluded.name_de, \
             name_fr = excluded.name_fr, name_nl = excluded.name_nl, name_en = excluded.name_en, \
             retired_at = NULL",
        )
        .bind(&group.code)
        .bind(&group.domain)
        .bind(&n.de)
        .bind(&n.fr)
        .bind(&n.nl)
        .bind(&n.en)
        .execute(&mut *tx)
        .await?;
    }

    let mut retired = 0;
    let now = now_millis();
    let listed = |codes: Vec<&String>| codes.into_iter().cloned().collect::<BTreeSet<String>>();
    retired += retire(
        &mut tx,
        "domains",
        &listed(catalog.domains.iter().map(|d| &d.code).collect()),
        now,
    )
    .await?;
    retired += retire(
        &mut tx,
        "groups",
        &listed(catalog.groups.iter().map(|g| &g.code).collect()),
        now,
    )
    .await?;
    retired += retire(
        &mut tx,
        "online_services",
        &listed(catalog.services.iter().map(|s| &s.code).collect()),
        now,
    )
    .await?;

    sync_group_services(&mut tx, permit, catalog).await?;
    refresh_domain_services(&mut tx).await?;
    tx.commit().await?;
    Ok(CatalogSummary {
        domains: catalog.domains.len(),
        groups: catalog.groups.len(),
        services: catalog.services.len(),
        retired,
    })
}

/// Marks the live rows of `table` that the file does not list as retired.
async fn retire(
    conn: &mut AnyConnection,
    table: &'static str,
    listed: &BTreeSet<String>,
    now: i64,
) -> Result<usize, sqlx::Error> {
    // The file owns every domain and service, and the groups `server seed` did not generate.
    let owned = if table == "groups" {
        " AND generated = 0"
    } else {
        ""
    };
    let live: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT code FROM {table} WHERE retired_at IS NULL{owned}"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut count = 0;
    for code in live.iter().filter(|code| !listed.contains(*code)) {
        sqlx::query(&format!(
            "UPDATE {table} SET retired_at = $1 WHERE code = $2"
        ))
        .bind(now)
        .bind(code)
        .execute(&mut *conn)
        .await?;
        count += 1;
    }
    Ok(count)
}

/// Makes the (group, service) pairs match the file: adds new pairs, removes dropped ones (and
/// their grants).
async fn sync_group_services(
    conn: &mut AnyConnection,
    permit: &SystemPermit,
    catalog: &Catalog,
) -> Result<(), sqlx::Error> {
    let current: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT g.code, s.code FROM group_services gs \
         JOIN groups g ON g.id = gs.group_id JOIN online_services s ON s.id = gs.service_id \
         WHERE g.generated = 0",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let wanted: BTreeSet<(String, String)> = catalog
        .groups
        .iter()
        .flat_map(|g| g.services.iter().map(|s| (g.code.clone(), s.clone())))
        .collect();
    for (group, service) in current.difference(&wanted) {
        let (group, service): (i64, i64) = sqlx::query_as(
            "SELECT g.id, s.id FROM groups g, online_services s WHERE g.code = $1 AND s.code = $2",
        )
        .bind(group)
        .bind(service)
        .fetch_one(&mut *conn)
        .await?;
        withdraw_from_users(conn, permit, GroupId(group), ServiceId(service)).await?;
        sqlx::query("DELETE FROM group_services WHERE group_id = $1 AND service_id = $2")
            .bind(group)
            .bind(service)
            .execute(&mut *conn)
            .await?;
    }
    for (group, service) in wanted.difference(&current) {
        sqlx::query(
            "INSERT INTO group_services (group_id, service_id) VALUES \
             ((SELECT id FROM groups WHERE code = $1), (SELECT id FROM online_services WHERE code = $2))",
        )
        .bind(group)
        .bind(service)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Withdraws `service` from everyone holding it in `group`, which no longer offers it, under the
/// system's permit. Each user is changed like an administrator's edit would: their version grows
/// (a form read before is stale), the change is audited with the operator as actor (their file
/// changed) and the user reads about it in their e-Box.
async fn withdraw_from_users(
    conn: &mut AnyConnection,
    system: &SystemPermit,
    group: GroupId,
    service: ServiceId,
) -> Result<(), sqlx::Error> {
    let held: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT gr.enterprise_id, gr.person_id, gr.service_id FROM grants gr \
         WHERE gr.group_id = $1 AND EXISTS (SELECT 1 FROM grants w \
         WHERE w.enterprise_id = gr.enterprise_id AND w.group_id = gr.group_id \
         AND w.person_id = gr.person_id AND w.service_id = $2) \
         ORDER BY gr.enterprise_id, gr.person_id, gr.service_id",
    )
    .bind(group.0)
    .bind(service.0)
    .fetch_all(&mut *conn)
    .await?;
    for user in held.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let (enterprise, person) = (EnterpriseId(user[0].0), PersonId(user[0].1));
        let permit = system.users(enterprise, group);
        users::touch(conn, &permit, person).await?;
        users::withdraw(conn, &permit, person, &[service]).await?;
        let before: Vec<ServiceId> = user.iter().map(|row| ServiceId(row.2)).collect();
        let after: Vec<ServiceId> = before.iter().copied().filter(|s| *s != service).collect();
        let change = Change {
            enterprise,
            actor: Actor::Operator,
            action: Action::UserServicesChanged,
            person,
            before: Some(json!({ "group": group, "services": before })),
            after: Some(json!({ "group": group, "services": after, "reason": "catalogue" })),
            message: Message::CatalogueWithdrew { group, service },
            client_addr: None,
        };
        record(conn, change).await?;
    }
    Ok(())
}

/// Adds a generated group `code` to `domain` for the operator's seed, named `name`, offering
/// the services `like` offers. Generated groups stay when the catalogue file is reloaded.
pub async fn add_generated_group(
    conn: &mut AnyConnection,
    _by: &OperatorPermit,
    code: &str,
    domain: DomainId,
    name: &LocalizedName,
    like: GroupId,
) -> Result<GroupId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO groups (code, domain_id, name_de, name_fr, name_nl, name_en, generated) \
         VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
    )
    .bind(code)
    .bind(domain.0)
    .bind(name.de.as_str())
    .bind(name.fr.as_str())
    .bind(name.nl.as_str())
    .bind(name.en.as_str())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO group_services (group_id, service_id) \
         SELECT $1, service_id FROM group_services WHERE group_id = $2",
    )
    .bind(id)
    .bind(like.0)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO domain_services (domain_id, service_id) \
         SELECT $1, service_id FROM group_services WHERE group_id = $2 \
         ON CONFLICT (domain_id, service_id) DO NOTHING",
    )
    .bind(domain.0)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(GroupId(id))
}

/// Makes `domain_services` say again which services some live group of each domain offers.
async fn refresh_domain_services(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM domain_services")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO domain_services (domain_id, service_id) \
         SELECT DISTINCT g.domain_id, gs.service_id FROM group_services gs \
         JOIN groups g ON g.id = gs.group_id WHERE g.retired_at IS NULL",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
