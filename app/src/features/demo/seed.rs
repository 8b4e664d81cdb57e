//! `server seed`: a large, realistic enterprise for trying the product at scale and for the
//! benchmark — a demo enterprise (whose people sign in as usual) with generated groups and
//! tens of thousands of users with valid national register numbers, names with accents, one to
//! three groups each, granted services and a few blocked memberships. Written in batches in one
//! transaction, with one operator audit event.

use super::{Demo, DemoError, DemoSpec};
use crate::domain::{
    DomainId, EnterpriseId, EnterpriseNumber, GroupId, LocalizedName, Nrn, PersonId, ServiceId,
};
use crate::features::audit::store::{NewEvent, append};
use crate::features::audit::{Action, Actor, AuditChain};
use crate::features::catalog::store as catalog;
use crate::features::enterprises::store as enterprises;
use crate::features::people::employments;
use crate::features::people::store::{self as people, Generated};
use crate::features::users::bulk::{self, BulkUser};
use crate::features::users::search::name_key;
use crate::platform::db::{Database, now_millis};
use crate::policy::OperatorPermit;
use serde_json::json;
use sqlx::AnyConnection;

/// Generated groups carry codes with this prefix (and are marked `generated`, so reloading the
/// catalogue file leaves them alone).
pub const SEED_PREFIX: &str = "seed.";

const GIVEN: [&str; 24] = [
    "Anna", "Zoë", "Lucas", "Emma", "Noah", "Léa", "Louis", "Chloé", "Arthur", "Amélie", "Jules",
    "Inès", "Liam", "Elise", "Mathis", "Noémie", "Finn", "Hélène", "Victor", "Jérôme", "Marie",
    "Bram", "Saskia", "Özlem",
];
const FAMILY: [&str; 24] = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Lefèvre",
    "Van den Berg",
    "Çelik",
    "Müller",
    "D'Hondt",
    "Vandenbroucke",
    "Renard",
    "Hermans",
    "Leclercq",
    "Vermeulen",
    "Yılmaz",
];
/// People generated per statement.
const ROWS_PER_INSERT: usize = 500;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SeedSpec {
    /// The enterprise's number.
    pub number: EnterpriseNumber,
    pub name: String,
    /// How many users.
    pub users: u64,
    /// How many generated groups.
    pub groups: u64,
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// The demo enterprise and the accounts that sign in.
    pub demo: Demo,
    /// Its generated groups.
    pub groups: Vec<GroupId>,
    /// How many users were created.
    pub users: u64,
}

/// A small deterministic generator, so that a seed is the same every time.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Generates `spec`. The catalogue must be loaded.
pub async fn seed(
    db: &Database,
    permit: &OperatorPermit,
    spec: &SeedSpec,
) -> Result<Seeded, DemoError> {
    let demo = super::create(db, permit, &DemoSpec::fresh(spec.number, &spec.name)).await?;
    let enterprise = demo.enterprise;
    let mut tx = db.write().await?;
    let groups = generate_groups(&mut tx, permit, enterprise, spec).await?;
    // Users go into the demo's groups too, so its access manager and group administrator have
    // users to manage.
    let pool: Vec<GroupId> = sqlx::query_scalar::<_, i64>(
        "SELECT group_id FROM enterprise_groups WHERE enterprise_id = $1 AND active = 1 ORDER BY group_id",
    )
    .bind(enterprise.0)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(GroupId)
    .collect();
    let offered = offered(&mut tx, &pool).await?;
    let mut draw = Draw(spec.number.as_str().parse().unwrap_or(1));
    // A block of the synthetic NRN sequence no other seed of another enterprise number shares.
    let start = draw.below(16_000_000 - spec.users.min(700_000));
    let now = now_millis();
    let mut created = 0;
    let mut index = 0;
    while index < spec.users {
        let batch: Vec<u64> = (index..(index + ROWS_PER_INSERT as u64).min(spec.users)).collect();
        index += batch.len() as u64;
        let people = insert_people(&mut tx, permit, &batch, start, &mut draw, now).await?;
        created += people.len() as u64;
        insert_users(
            &mut tx, permit, enterprise, &people, &pool, &offered, &mut draw, now,
        )
        .await?;
    }
    bulk::recount(&mut tx, permit, enterprise).await?;
    append(
        &mut tx,
        &NewEvent {
            chain: AuditChain::Enterprise(enterprise),
            actor: Actor::Operator,
            action: Action::EnterpriseSeeded,
            target: Some(format!("enterprise:{enterprise}")),
            before: None,
            after: Some(json!({ "users": created, "groups": groups.len() })),
            client_addr: None,
        },
    )
    .await?;
    tx.commit().await?;
    db.analyze(&[
        "persons",
        "employments",
        "enterprise_users",
        "memberships",
        "grants",
        "enterprise_groups",
        "groups",
        "group_services",
    ])
    .await?;
    Ok(Seeded {
        demo,
        groups,
        users: created,
    })
}

/// Creates `spec.groups` catalogue groups spread over the domains, each offering the services
/// of a shipped group of its domain, and makes them active groups of `enterprise`.
async fn generate_groups(
    conn: &mut AnyConnection,
    permit: &OperatorPermit,
    enterprise: EnterpriseId,
    spec: &SeedSpec,
) -> Result<Vec<GroupId>, sqlx::Error> {
    let bases: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT g.id, g.domain_id FROM groups g WHERE g.retired_at IS NULL \
         AND g.generated = 0 ORDER BY g.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut groups = Vec::new();
    for i in 0..spec.groups {
        let (base, domain) = bases[(i as usize) % bases.len().max(1)];
        let number = i + 1;
        let name = LocalizedName {
            de: format!("Gruppe {number:04}"),
            fr: format!("Groupe {number:04}"),
            nl: format!("Groep {number:04}"),
            en: format!("Group {number:04}"),
        };
        let code = format!("{SEED_PREFIX}{}.{number:04}", spec.number.as_str());
        let group = catalog::add_generated_group(
            conn,
            permit,
            &code,
            DomainId(domain),
            &name,
            GroupId(base),
        )
        .await?;
        groups.push(group);
    }
    enterprises::hold_groups(conn, permit, enterprise, &groups).await?;
    Ok(groups)
}

/// The services each group offers (ContactData, implicit for users, left out).
async fn offered(
    conn: &mut AnyConnection,
    groups: &[GroupId],
) -> Result<Vec<Vec<ServiceId>>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT gs.group_id, gs.service_id FROM group_services gs \
         JOIN online_services s ON s.id = gs.service_id \
         WHERE s.implicit <> 'access_managers_and_users' ORDER BY gs.group_id, gs.service_id",
    )
    .fetch_all(conn)
    .await?;
    Ok(groups
        .iter()
        .map(|group| {
            rows.iter()
                .filter(|(g, _)| *g == group.0)
                .map(|(_, s)| ServiceId(*s))
                .collect()
        })
        .collect())
}

/// A generated person.
struct Person {
    id: PersonId,
    sort_name: String,
    given_first: String,
    nrn: String,
    given: String,
    family: String,
}

async fn insert_people(
    conn: &mut AnyConnection,
    permit: &OperatorPermit,
    batch: &[u64],
    start: u64,
    draw: &mut Draw,
    now: i64,
) -> Result<Vec<Person>, sqlx::Error> {
    let generated: Vec<Generated> = batch
        .iter()
        .map(|i| {
            let nrn = Nrn::synthetic(start + i).as_str().to_owned();
            let given = GIVEN[draw.below(GIVEN.len() as u64) as usize];
            let family = FAMILY[draw.below(FAMILY.len() as u64) as usize];
            let email = format!("{}.{}@seed.example", name_key(given), name_key(family))
                .replace([' ', '\''], "");
            let language = ["nl", "fr", "de", "en"][nrn.as_bytes()[10] as usize % 4];
            Generated {
                nrn,
                given_name: given.to_owned(),
                family_name: family.to_owned(),
                email,
                language,
            }
        })
        .collect();
    let created = people::insert_generated(conn, permit, &generated, now).await?;
    Ok(created
        .into_iter()
        .map(|(id, nrn, given, family)| Person {
            id,
            sort_name: name_key(&format!("{family} {given}")),
            given_first: name_key(&format!("{given} {family}")),
            nrn,
            given,
            family,
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
async fn insert_users(
    conn: &mut AnyConnection,
    permit: &OperatorPermit,
    enterprise: EnterpriseId,
    people: &[Person],
    groups: &[GroupId],
    offered: &[Vec<ServiceId>],
    draw: &mut Draw,
    now: i64,
) -> Result<(), sqlx::Error> {
    if people.is_empty() || groups.is_empty() {
        return Ok(());
    }
    let linked: Vec<(PersonId, &str, &str)> = people
        .iter()
        .map(|p| (p.id, p.given.as_str(), p.family.as_str()))
        .collect();
    employments::link_generated(conn, permit, enterprise, &linked, now).await?;
    // One to three distinct groups each; one membership in 25 blocked; one or two services.
    let mut users = Vec::with_capacity(people.len());
    for person in people {
        let count = 1 + draw.below(3) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count.min(groups.len()) {
            let group = draw.below(groups.len() as u64) as usize;
            if !chosen.contains(&group) {
                chosen.push(group);
            }
        }
        let mut memberships = Vec::with_capacity(chosen.len());
        for group in chosen {
            let blocked = (draw.below(25) == 0).then_some(now);
            let services = &offered[group];
            let mut granted: Vec<ServiceId> = Vec::new();
            for _ in 0..(1 + draw.below(2)) {
                if let Some(service) = services.get(draw.below(services.len() as u64) as usize)
                    && !granted.contains(service)
                {
                    granted.push(*service);
                }
            }
            memberships.push((groups[group], blocked, granted));
        }
        users.push(BulkUser {
            person: person.id,
            given_name: &person.given,
            family_name: &person.family,
            sort_name: &person.sort_name,
            given_first: &person.given_first,
            nrn: &person.nrn,
            memberships,
        });
    }
    bulk::insert(conn, permit, enterprise, &users, now).await
}
