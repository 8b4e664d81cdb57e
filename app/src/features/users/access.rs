//! A user's access in one text on their row: every group they are in, blocked or not, with the
//! services granted there. The lists show it for each of their rows; keeping it on the row reads
//! it with the row (one lookup per user) instead of from the memberships and grants (four). The
//! memberships and grants stay the record: `store` writes the summary from them after every
//! change, in the same transaction, and the invariant check compares the two.
//!
//! The text is a [`packed`](crate::platform::packed::packed) list of `group:blocked:service`
//! rows in group then service order: `blocked` is `1` or empty, `service` empty for a membership
//! without grants (`12::7,12::9,40:1:`).

use super::Membership;
use crate::domain::{GroupId, ServiceId};
use crate::platform::packed::{packed_in_order, unpacked};

/// The SQL of the summary of the user whose row is `user` (an alias of `enterprise_users`),
/// from their memberships and grants: empty for a user in no group.
pub fn summary_of(user: &str) -> String {
    format!(
        "COALESCE((SELECT {} FROM memberships m LEFT JOIN grants g \
         ON g.enterprise_id = m.enterprise_id AND g.person_id = m.person_id \
         AND g.group_id = m.group_id \
         WHERE m.enterprise_id = {user}.enterprise_id AND m.person_id = {user}.person_id), '')",
        packed_in_order(
            &[
                "m.group_id",
                "CASE WHEN m.blocked_at IS NOT NULL THEN 1 END",
                "g.service_id",
            ],
            "m.group_id, g.service_id",
        )
    )
}

/// The summary of `memberships`, as [`summary_of`] writes it from the tables (the operator's
/// seed writes it so, with the rows it inserts; the invariant check compares the two).
pub fn summary(memberships: &[Membership]) -> String {
    let mut rows: Vec<(i64, bool, Option<i64>)> = memberships
        .iter()
        .flat_map(|m| {
            let services: Vec<Option<i64>> = if m.services.is_empty() {
                vec![None]
            } else {
                m.services.iter().map(|s| Some(s.0)).collect()
            };
            services
                .into_iter()
                .map(|service| (m.group.0, m.blocked, service))
        })
        .collect();
    rows.sort_unstable();
    rows.iter()
        .map(|(group, blocked, service)| {
            let blocked = if *blocked { "1" } else { "" };
            let service = service.map(|s| s.to_string()).unwrap_or_default();
            format!("{group}:{blocked}:{service}")
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The memberships a summary holds, by group.
pub fn memberships(summary: &str) -> Result<Vec<Membership>, sqlx::Error> {
    by_group(&unpacked::<3>(Some(summary))?)
}

/// The memberships of one person's `rows` of `[group, blocked, service]` sorted by group then
/// service (`blocked` is set when the membership is blocked; `service` is none for a
/// membership without grants).
pub(super) fn by_group(rows: &[[Option<i64>; 3]]) -> Result<Vec<Membership>, sqlx::Error> {
    rows.chunk_by(|a, b| a[0] == b[0])
        .map(|membership| {
            let [Some(group), blocked, _] = membership[0] else {
                return Err(sqlx::Error::Decode("a membership without its group".into()));
            };
            Ok(Membership {
                group: GroupId(group),
                blocked: blocked.is_some(),
                services: membership
                    .iter()
                    .filter_map(|row| row[2].map(ServiceId))
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_back_as_memberships_by_group() {
        let read = memberships("12::7,12::9,40:1:").unwrap();
        assert_eq!(
            read,
            vec![
                Membership {
                    group: GroupId(12),
                    blocked: false,
                    services: vec![ServiceId(7), ServiceId(9)],
                },
                Membership {
                    group: GroupId(40),
                    blocked: true,
                    services: vec![],
                },
            ]
        );
        assert_eq!(memberships("").unwrap(), vec![]);
    }

    #[test]
    fn a_summary_written_reads_back_as_its_memberships() {
        let memberships = vec![
            Membership {
                group: GroupId(12),
                blocked: false,
                services: vec![ServiceId(9), ServiceId(7)],
            },
            Membership {
                group: GroupId(3),
                blocked: true,
                services: vec![],
            },
        ];
        let written = summary(&memberships);
        assert_eq!(written, "3:1:,12::7,12::9");
        let read = super::memberships(&written).unwrap();
        assert_eq!(read[0], memberships[1]);
        assert_eq!(read[1].services, vec![ServiceId(7), ServiceId(9)]);
        assert_eq!(summary(&[]), "");
    }

    #[test]
    fn a_malformed_summary_is_an_error_not_a_panic() {
        assert!(memberships("12:x:7").is_err());
        assert!(memberships(":1:7").is_err());
    }
}
