//! The rules of DESIGN.md §3 that must hold in the data at every moment, checked against the
//! database as a whole. Every server test ends with `check`; `server check` runs it too.

use crate::domain::EnterpriseId;
use crate::features::audit::store as audit;
use crate::features::users::access;
use crate::platform::db::Database;
use std::fmt;

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The enterprise concerned, if any.
    pub enterprise: Option<EnterpriseId>,
    /// The rule, named as in the tests.
    pub rule: &'static str,
    /// What was found.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.enterprise {
            Some(enterprise) => {
                write!(f, "enterprise {enterprise}: {}: {}", self.rule, self.detail)
            }
            None => write!(f, "{}: {}", self.rule, self.detail),
        }
    }
}

/// Where the active domains of the enterprise `a.enterprise_id` come from (for a correlated
/// subquery over `g.domain_id`).
const ACTIVE_DOMAINS: &str = "FROM enterprise_groups eg \
     JOIN groups g ON g.id = eg.group_id JOIN domains dm ON dm.id = g.domain_id \
     WHERE eg.enterprise_id = a.enterprise_id AND eg.active = 1 \
     AND g.retired_at IS NULL AND dm.retired_at IS NULL";

/// The rules about users, each a query for the rows that break it: (enterprise, what).
const USER_RULES: [(&str, &str); 8] = [
    (
        "an_enterprise_knows_its_people_by_name",
        "SELECT em.enterprise_id, 'person ' || em.person_id FROM employments em \
         WHERE em.given_name = '' OR em.family_name = '' ORDER BY em.enterprise_id",
    ),
    (
        "users_are_linked_to_the_enterprise",
        "SELECT m.enterprise_id, 'person ' || m.person_id || ' in group ' || m.group_id \
         FROM memberships m LEFT JOIN employments em \
         ON em.enterprise_id = m.enterprise_id AND em.person_id = m.person_id \
         WHERE em.person_id IS NULL ORDER BY m.enterprise_id",
    ),
    (
        "grants_only_services_the_group_offers",
        "SELECT gr.enterprise_id, 'person ' || gr.person_id || ' service ' || gr.service_id || \
         ' in group ' || gr.group_id FROM grants gr LEFT JOIN group_services gs \
         ON gs.group_id = gr.group_id AND gs.service_id = gr.service_id \
         WHERE gs.group_id IS NULL ORDER BY gr.enterprise_id",
    ),
    (
        "memberships_only_in_groups_the_enterprise_holds",
        "SELECT m.enterprise_id, 'person ' || m.person_id || ' in group ' || m.group_id \
         FROM memberships m LEFT JOIN enterprise_groups eg \
         ON eg.enterprise_id = m.enterprise_id AND eg.group_id = m.group_id \
         WHERE eg.group_id IS NULL ORDER BY m.enterprise_id",
    ),
    (
        "a_user_is_in_at_least_one_group",
        "SELECT u.enterprise_id, 'person ' || u.person_id FROM enterprise_users u \
         WHERE NOT EXISTS (SELECT 1 FROM memberships m \
         WHERE m.enterprise_id = u.enterprise_id AND m.person_id = u.person_id) ORDER BY u.enterprise_id",
    ),
    (
        "list_keys_agree",
        "SELECT m.enterprise_id, 'person ' || m.person_id || ' in group ' || m.group_id \
         FROM memberships m JOIN enterprise_users u \
         ON u.enterprise_id = m.enterprise_id AND u.person_id = m.person_id \
         WHERE u.sort_name <> m.sort_name ORDER BY m.enterprise_id",
    ),
    (
        "grant_keys_agree",
        "SELECT g.enterprise_id, 'person ' || g.person_id || ' in group ' || g.group_id \
         FROM grants g JOIN memberships m ON m.enterprise_id = g.enterprise_id \
         AND m.group_id = g.group_id AND m.person_id = g.person_id \
         WHERE g.sort_name <> m.sort_name ORDER BY g.enterprise_id",
    ),
    (
        "group_user_counts_are_exact",
        "SELECT eg.enterprise_id, 'group ' || eg.group_id FROM enterprise_groups eg \
         WHERE eg.users_active <> (SELECT COUNT(*) FROM memberships m WHERE m.enterprise_id = eg.enterprise_id \
           AND m.group_id = eg.group_id AND m.blocked_at IS NULL) \
         OR eg.users_blocked <> (SELECT COUNT(*) FROM memberships m WHERE m.enterprise_id = eg.enterprise_id \
           AND m.group_id = eg.group_id AND m.blocked_at IS NOT NULL) ORDER BY eg.enterprise_id",
    ),
];

/// Every violation found; empty when the data is consistent.
pub async fn check(db: &Database) -> Result<Vec<Violation>, sqlx::Error> {
    let mut violations = Vec::new();

    // Exactly one main access manager: the primary key forbids a second; look for none.
    let without_mam: Vec<i64> = sqlx::query_scalar(
        "SELECT e.id FROM enterprises e LEFT JOIN main_access_managers m ON m.enterprise_id = e.id \
         WHERE m.person_id IS NULL ORDER BY e.id",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(without_mam.into_iter().map(|id| Violation {
        enterprise: Some(EnterpriseId(id)),
        rule: "exactly_one_main_access_manager",
        detail: "the enterprise has no main access manager".into(),
    }));

    // The services of each domain are those some live group of the domain offers.
    let misdomained: Vec<String> = sqlx::query_scalar(
        "SELECT x.found FROM ( \
           SELECT 'domain ' || ds.domain_id || ' lists service ' || ds.service_id || \
           ', which no live group of it offers' AS found FROM domain_services ds \
           WHERE NOT EXISTS (SELECT 1 FROM group_services gs JOIN groups g ON g.id = gs.group_id \
           WHERE g.domain_id = ds.domain_id AND gs.service_id = ds.service_id \
           AND g.retired_at IS NULL) \
           UNION ALL SELECT 'group ' || g.id || ' of domain ' || g.domain_id || \
           ' offers service ' || gs.service_id || ', which the domain does not list' \
           FROM group_services gs JOIN groups g ON g.id = gs.group_id \
           WHERE g.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM domain_services ds \
           WHERE ds.domain_id = g.domain_id AND ds.service_id = gs.service_id)) x \
         ORDER BY x.found",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(misdomained.into_iter().map(|found| Violation {
        enterprise: None,
        rule: "a_domain_lists_the_services_its_groups_offer",
        detail: found,
    }));

    // Administrators are people linked to (employed by) the enterprise.
    let unlinked: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT a.enterprise_id, a.person_id, a.level FROM ( \
           SELECT enterprise_id, person_id, 'main_access_manager' AS level FROM main_access_managers \
           UNION ALL SELECT enterprise_id, person_id, level FROM administrators) a \
         LEFT JOIN employments em ON em.enterprise_id = a.enterprise_id AND em.person_id = a.person_id \
         WHERE em.person_id IS NULL ORDER BY a.enterprise_id, a.person_id",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(
        unlinked
            .into_iter()
            .map(|(enterprise, person, level)| Violation {
                enterprise: Some(EnterpriseId(enterprise)),
                rule: "appointed_person_is_linked_to_the_enterprise",
                detail: format!("{level} person:{person} is not linked to the enterprise"),
            }),
    );

    // The main access manager holds no appointed post besides.
    let doubled: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.enterprise_id, a.person_id FROM administrators a JOIN main_access_managers m \
         ON m.enterprise_id = a.enterprise_id AND m.person_id = a.person_id ORDER BY a.enterprise_id",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(doubled.into_iter().map(|(enterprise, person)| Violation {
        enterprise: Some(EnterpriseId(enterprise)),
        rule: "main_access_manager_holds_no_appointed_post",
        detail: format!("person:{person} is main access manager and holds an appointed post"),
    }));

    // Each access manager administers one active domain, one per domain, so never more access
    // managers than active domains; one group administrator per group.
    let outside: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT a.enterprise_id, a.person_id, a.domain_id FROM administrators a \
         WHERE a.level = 'access_manager' AND a.domain_id NOT IN (SELECT g.domain_id {ACTIVE_DOMAINS}) ORDER BY a.enterprise_id"
    ))
    .fetch_all(db.pool())
    .await?;
    violations.extend(
        outside
            .into_iter()
            .map(|(enterprise, person, domain)| Violation {
                enterprise: Some(EnterpriseId(enterprise)),
                rule: "access_manager_scoped_to_one_active_domain",
                detail: format!("access manager person:{person} has domain:{domain}, not active"),
            }),
    );
    let crowded: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT a.enterprise_id, COUNT(*), (SELECT COUNT(DISTINCT g.domain_id) {ACTIVE_DOMAINS}) \
         FROM administrators a WHERE a.level = 'access_manager' GROUP BY a.enterprise_id \
         HAVING COUNT(*) > (SELECT COUNT(DISTINCT g.domain_id) {ACTIVE_DOMAINS}) ORDER BY a.enterprise_id"
    ))
    .fetch_all(db.pool())
    .await?;
    violations.extend(
        crowded
            .into_iter()
            .map(|(enterprise, managers, domains)| Violation {
                enterprise: Some(EnterpriseId(enterprise)),
                rule: "access_managers_never_outnumber_active_domains",
                detail: format!("{managers} access managers for {domains} active domains"),
            }),
    );
    let shared: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT enterprise_id, level, COALESCE(domain_id, group_id), COUNT(*) FROM administrators \
         WHERE level IN ('access_manager', 'group_administrator') \
         GROUP BY enterprise_id, level, COALESCE(domain_id, group_id) HAVING COUNT(*) > 1 \
         ORDER BY enterprise_id",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(
        shared
            .into_iter()
            .map(|(enterprise, level, scope, count)| Violation {
                enterprise: Some(EnterpriseId(enterprise)),
                rule: if level == "access_manager" {
                    "one_access_manager_per_domain"
                } else {
                    "one_group_administrator_per_group"
                },
                detail: format!("{count} holders of {level} for scope {scope}"),
            }),
    );

    // What a user's row says of them is what the enterprise and their memberships say.
    let user_rows_agree = format!(
        "SELECT u.enterprise_id, 'person ' || u.person_id FROM enterprise_users u \
         JOIN employments em ON em.enterprise_id = u.enterprise_id AND em.person_id = u.person_id \
         WHERE u.given_name <> em.given_name OR u.family_name <> em.family_name \
         OR u.access <> {} ORDER BY u.enterprise_id",
        access::summary_of("u")
    );
    let rules = USER_RULES
        .iter()
        .map(|(rule, sql)| (*rule, *sql))
        .chain([("user_rows_agree", user_rows_agree.as_str())]);
    for (rule, sql) in rules {
        let found: Vec<(i64, String)> = sqlx::query_as(sql).fetch_all(db.pool()).await?;
        violations.extend(found.into_iter().map(|(enterprise, detail)| Violation {
            enterprise: Some(EnterpriseId(enterprise)),
            rule,
            detail,
        }));
    }

    // The audit trail is intact.
    let report = audit::verify(db).await?;
    violations.extend(report.broken.into_iter().map(|broken| {
        Violation {
            enterprise: broken
                .chain
                .strip_prefix("enterprise:")
                .and_then(|id| id.parse().ok())
                .map(EnterpriseId),
            rule: "audit_chain_intact",
            detail: broken.to_string(),
        }
    }));
    Ok(violations)
}

/// Panics listing every violation; the last line of every database test.
pub async fn assert_consistent(db: &Database) {
    let violations = check(db).await.expect("run the invariant check");
    assert!(
        violations.is_empty(),
        "invariants violated:\n{}",
        violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
