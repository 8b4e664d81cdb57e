//! The rules of DESIGN.md §3 that must hold in the data at every moment, checked against the
//! database as a whole. Every server test ends with `check`; `server check` runs it too.

use crate::domain::EnterpriseId;
use crate::features::audit::store as audit;
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

    // Administrators are people linked to (employed by) the enterprise.
    let unlinked: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT m.enterprise_id, m.person_id FROM main_access_managers m \
         LEFT JOIN employments em ON em.enterprise_id = m.enterprise_id AND em.person_id = m.person_id \
         WHERE em.person_id IS NULL ORDER BY m.enterprise_id",
    )
    .fetch_all(db.pool())
    .await?;
    violations.extend(unlinked.into_iter().map(|(enterprise, person)| Violation {
        enterprise: Some(EnterpriseId(enterprise)),
        rule: "appointed_person_is_linked_to_the_enterprise",
        detail: format!("main access manager person:{person} is not linked to the enterprise"),
    }));

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
