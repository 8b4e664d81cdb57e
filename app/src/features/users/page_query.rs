//! The SQL of one page of a user list. The page's keys (person and name key) are found first,
//! in name order, by one of two walks, then only those rows are joined with the names:
//!
//! - walking the users in name order and keeping those with a matching membership, which is
//!   quick when many users match (everyone, a scope or state most users are in);
//! - walking the matching memberships in name order, which is quick when few do (one group, a
//!   small scope, the blocked users);
//! - walking the grants of the service asked for in name order, which is quick when that
//!   service is held by few of the users the other walks would visit.
//!
//! The walks match the same users (one of their memberships in scope is in the state asked for
//! and, when a service is asked for, holds it in that group), so the choice only changes the
//! speed. A name search runs its two prefix ranges (family name first, given name first) as two
//! ordered walks merged. The family-name range is in name order in every index; the given-name
//! range is not, so walking all users it first walks up to [`GIVEN_FIRST_WALK`] users in name
//! order keeping those whose given name matches ([`PageQuery::given_first_walk`]), and sorts its
//! range only when that walk finds less than a page.

use super::search::Search;
use super::{PAGE_SIZE, StatusFilter};
use crate::domain::{EnterpriseId, GroupId, ServiceId};
use crate::platform::packed::integer;
use crate::platform::sql::{Bind, Sql};
use sqlx::AnyConnection;

/// How many users in name order a search by given name walks for its page before it sorts the
/// users of its range instead: a prefix held by one user in a hundred fills a page within it.
pub const GIVEN_FIRST_WALK: usize = 2000;

/// Where the keys of a name search's given-name range come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GivenFirst {
    /// The range, sorted by name.
    Sorted,
    /// These users: the first of the range after the cursor, at least a page and one
    /// ([`PageQuery::given_first_walk`]).
    Found(Vec<i64>),
}

/// Which rows a page walks in name order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// `enterprise_users`, keeping users with a matching membership.
    Users,
    /// `memberships` that match, each user once.
    Memberships,
    /// `grants` of the service asked for whose membership matches, each user once.
    Grants,
}

/// The groups a list covers.
#[derive(Debug, Clone)]
pub enum Covered {
    /// Every group of the enterprise.
    All,
    /// These groups.
    Only(Vec<GroupId>),
}

impl Covered {
    /// These groups, kept to `groups`.
    pub fn narrowed(self, groups: &[GroupId]) -> Covered {
        match self {
            Covered::All => Covered::Only(groups.to_vec()),
            Covered::Only(mine) => {
                Covered::Only(mine.into_iter().filter(|g| groups.contains(g)).collect())
            }
        }
    }
}

/// What a page asks for, checked against the actor's scope.
#[derive(Debug, Clone)]
pub struct PageQuery {
    pub enterprise: EnterpriseId,
    /// The groups whose users are listed.
    pub groups: Covered,
    /// Only users active, or blocked, in one of those groups.
    pub status: Option<StatusFilter>,
    /// Only users holding this service in one of those groups.
    pub service: Option<ServiceId>,
    /// What the search box asks for.
    pub search: Search,
    /// The name key and person id of the previous page's last row.
    pub after: Option<(String, i64)>,
}

/// The columns a page reads for each row: all on the user's row (their names as the enterprise
/// knows them, their access summary).
const COLUMNS: &str = "SELECT u.person_id, u.sort_name, u.version, u.nrn, u.given_name, \
     u.family_name, u.access";

impl PageQuery {
    /// The walk to take when it does not depend on how many users match: one group's
    /// memberships are in name order already, and every user of the enterprise is a match.
    pub fn evident_walk(&self) -> Option<Walk> {
        match (&self.groups, self.status) {
            (Covered::Only(groups), _) if groups.len() == 1 => Some(Walk::Memberships),
            (Covered::All, None) => Some(Walk::Users),
            _ => None,
        }
    }

    /// The quicker walk, given how many memberships are expected to match (`matching`) out of
    /// `all` (the enterprise's group counters, see [`PageQuery::estimate`]): the memberships
    /// when fewer than one in twenty match, as walking the users would then visit more than
    /// twenty users per row shown. Otherwise a service asked for without a search walks its
    /// grants: the counters cannot tell how few of the users in the offering groups hold it,
    /// and its grants in name order are matches but for the scope and state.
    pub fn walk(&self, matching: i64, all: i64) -> Walk {
        self.evident_walk()
            .unwrap_or(if matching.saturating_mul(20) < all {
                Walk::Memberships
            } else if self.service.is_some() && self.search == Search::All {
                Walk::Grants
            } else {
                Walk::Users
            })
    }

    /// The SQL reading how many memberships of the groups asked for are in the state asked for,
    /// and how many the enterprise has: `(matching, all)`.
    pub fn estimate(&self) -> Sql {
        let counted = match self.status {
            None => "eg.users_active + eg.users_blocked",
            Some(StatusFilter::Active) => "eg.users_active",
            Some(StatusFilter::Blocked) => "eg.users_blocked",
        };
        let mut sql = Sql::new("SELECT CAST(COALESCE(SUM(CASE WHEN ");
        match &self.groups {
            Covered::All => sql.push("1 = 1", []),
            Covered::Only(groups) => sql.push_in("", "eg.group_id", groups.iter().map(|g| g.0)),
        };
        sql.push(
            &format!(
                " THEN {counted} ELSE 0 END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(eg.users_active + eg.users_blocked), 0) AS BIGINT) \
                 FROM enterprise_groups eg"
            ),
            [],
        );
        sql.push(
            " WHERE eg.enterprise_id = ?",
            [Bind::Int(self.enterprise.0)],
        );
        sql
    }

    /// For a name search walking the users: the SQL of the first keys (one more than a page)
    /// whose given name comes first in the search's range, among the first `within` users after
    /// the cursor in name order ([`GIVEN_FIRST_WALK`]). When it finds a page and one, those are
    /// the first of the whole range ([`GivenFirst::Found`]); when fewer, the range is sorted.
    pub fn given_first_walk(&self, walk: Walk, within: usize) -> Option<Sql> {
        let Search::NamePrefix(prefix) = &self.search else {
            return None;
        };
        if walk != Walk::Users {
            return None;
        }
        let (low, high) = Search::range(prefix);
        // The walk reads the index in name order only (it carries the given-name key); the
        // filters apply to the few users whose given name matches.
        let mut sql = Sql::new(
            "SELECT u.person_id, u.sort_name FROM (SELECT w.enterprise_id, w.person_id, \
             w.sort_name, w.given_first FROM enterprise_users w",
        );
        sql.push(" WHERE w.enterprise_id = ?", [Bind::Int(self.enterprise.0)]);
        if let Some((name, id)) = &self.after {
            sql.push(
                " AND w.sort_name >= ? AND (w.sort_name > ? OR w.person_id > ?)",
                [
                    Bind::Text(name.clone()),
                    Bind::Text(name.clone()),
                    Bind::Int(*id),
                ],
            );
        }
        sql.push(
            &format!(" ORDER BY w.sort_name, w.person_id LIMIT {within}) u"),
            [],
        );
        sql.push(
            " WHERE u.given_first >= ? AND u.given_first < ?",
            [Bind::Text(low), Bind::Text(high)],
        );
        self.users_filtered(&mut sql, walk);
        sql.push(
            &format!(" ORDER BY u.sort_name, u.person_id LIMIT {}", PAGE_SIZE + 1),
            [],
        );
        Some(sql)
    }

    /// Where a name search takes its given-name range from: the users [`given_first_walk`]
    /// finds when they are a page and one, else the sorted range.
    ///
    /// [`given_first_walk`]: PageQuery::given_first_walk
    pub async fn given_first(
        &self,
        conn: &mut AnyConnection,
        walk: Walk,
        within: usize,
    ) -> Result<GivenFirst, sqlx::Error> {
        let Some(sql) = self.given_first_walk(walk, within) else {
            return Ok(GivenFirst::Sorted);
        };
        let found = sql.fetch_packed(conn, ["person_id"], "person_id").await?;
        if found.len() <= PAGE_SIZE {
            return Ok(GivenFirst::Sorted);
        }
        found
            .iter()
            .map(|[person]| integer(person))
            .collect::<Result<_, _>>()
            .map(GivenFirst::Found)
    }

    /// The SQL of the page's rows (one more than a page, to tell whether another follows);
    /// `given` says where a name search takes its given-name range from.
    pub fn rows(&self, walk: Walk, given: &GivenFirst) -> Sql {
        let mut sql = Sql::new(COLUMNS);
        sql.push(" FROM (", []);
        match &self.search {
            Search::NamePrefix(prefix) => {
                let (low, high) = Search::range(prefix);
                let family_first = format!("{}.sort_name", self.key(walk));
                sql.push("SELECT * FROM (", []);
                self.keys(&mut sql, walk, &family_first, (&low, &high));
                sql.push(") a UNION SELECT * FROM (", []);
                match given {
                    GivenFirst::Sorted => {
                        self.keys(&mut sql, walk, "u.given_first", (&low, &high));
                    }
                    GivenFirst::Found(people) => {
                        sql.push(
                            "SELECT u.person_id, u.sort_name FROM enterprise_users u \
                             WHERE u.enterprise_id = ?",
                            [Bind::Int(self.enterprise.0)],
                        )
                        .push_in(
                            " AND ",
                            "u.person_id",
                            people.iter().copied(),
                        );
                    }
                }
                sql.push(") b", []);
            }
            Search::NrnPrefix(digits) => {
                let (low, high) = Search::range(digits);
                self.keys(&mut sql, walk, "u.nrn", (&low, &high));
            }
            Search::All => self.keys_unsearched(&mut sql, walk),
        }
        // The page's keys first, then each user's row by primary key: CROSS JOIN keeps SQLite
        // from starting at the enterprise's users (PostgreSQL plans it alike).
        sql.push(
            ") k CROSS JOIN enterprise_users u \
             WHERE u.enterprise_id = ? AND u.person_id = k.person_id",
            [Bind::Int(self.enterprise.0)],
        );
        sql.push(
            &format!(" ORDER BY k.sort_name, k.person_id LIMIT {}", PAGE_SIZE + 1),
            [],
        );
        sql
    }

    /// The table alias whose name key a walk is ordered by.
    fn key(&self, walk: Walk) -> &'static str {
        match walk {
            Walk::Users => "u",
            Walk::Memberships => "m",
            Walk::Grants => "g",
        }
    }

    fn keys_unsearched(&self, sql: &mut Sql, walk: Walk) {
        self.open_keys(sql, walk);
        self.close_keys(sql, walk);
    }

    /// One ordered walk of the keys whose `column` lies in `[low, high)`.
    fn keys(&self, sql: &mut Sql, walk: Walk, column: &str, (low, high): (&str, &str)) {
        self.open_keys(sql, walk);
        sql.push(
            &format!(" AND {column} >= ? AND {column} < ?"),
            [Bind::Text(low.to_owned()), Bind::Text(high.to_owned())],
        );
        self.close_keys(sql, walk);
    }

    /// `SELECT … WHERE` with the filters, up to where a search range may follow.
    fn open_keys(&self, sql: &mut Sql, walk: Walk) {
        let enterprise = Bind::Int(self.enterprise.0);
        match walk {
            Walk::Users => {
                sql.push(
                    "SELECT u.person_id, u.sort_name FROM enterprise_users u WHERE u.enterprise_id = ?",
                    [enterprise],
                );
                self.users_filtered(sql, walk);
            }
            Walk::Memberships => {
                let distinct = match &self.groups {
                    Covered::Only(groups) if groups.len() == 1 => "",
                    _ => "DISTINCT ",
                };
                // The user for a search by NRN or given name.
                let user = if self.search == Search::All {
                    ""
                } else {
                    " JOIN enterprise_users u ON u.enterprise_id = m.enterprise_id \
                     AND u.person_id = m.person_id"
                };
                sql.push(
                    &format!(
                        "SELECT {distinct}m.person_id, m.sort_name FROM memberships m{user} \
                         WHERE m.enterprise_id = ?"
                    ),
                    [enterprise],
                );
                self.membership_filters(sql, walk);
            }
            Walk::Grants => {
                let service = self.service.expect("a grants walk is for a service");
                // The membership for its state, the user for a search by NRN or given name.
                let membership = if self.status.is_some() {
                    " JOIN memberships m ON m.enterprise_id = g.enterprise_id \
                     AND m.group_id = g.group_id AND m.person_id = g.person_id"
                } else {
                    ""
                };
                let user = if self.search == Search::All {
                    ""
                } else {
                    " JOIN enterprise_users u ON u.enterprise_id = g.enterprise_id \
                     AND u.person_id = g.person_id"
                };
                sql.push(
                    &format!(
                        "SELECT DISTINCT g.person_id, g.sort_name FROM grants g{membership}{user} \
                         WHERE g.enterprise_id = ? AND g.service_id = ?"
                    ),
                    [enterprise, Bind::Int(service.0)],
                );
                self.membership_filters(sql, walk);
            }
        }
    }

    /// The condition on a user `u` that they have a membership matching the page's filters
    /// (none when every user matches).
    fn users_filtered(&self, sql: &mut Sql, walk: Walk) {
        if !matches!(self.groups, Covered::All) || self.status.is_some() || self.service.is_some() {
            sql.push(
                " AND EXISTS (SELECT 1 FROM memberships m \
                 WHERE m.enterprise_id = u.enterprise_id AND m.person_id = u.person_id",
                [],
            );
            self.membership_filters(sql, walk);
            sql.push(")", []);
        }
    }

    /// The conditions on a membership `m`: in the groups asked for, in the state asked for,
    /// holding the service asked for.
    fn membership_filters(&self, sql: &mut Sql, walk: Walk) {
        match &self.groups {
            Covered::All => {}
            Covered::Only(groups) if groups.len() == 1 => {
                let table = if walk == Walk::Grants { "g" } else { "m" };
                sql.push(
                    &format!(" AND {table}.group_id = ?"),
                    [Bind::Int(groups[0].0)],
                );
            }
            Covered::Only(groups) => {
                // Walking the memberships, each group is a range of the index to read. Checking
                // a user's few memberships, the list is a filter: the unary `+` keeps SQLite from
                // looking each group up in the index for every user.
                let column = match walk {
                    Walk::Memberships => "m.group_id",
                    Walk::Users => "+m.group_id",
                    Walk::Grants => "+g.group_id",
                };
                sql.push_in(" AND ", column, groups.iter().map(|g| g.0));
            }
        }
        match self.status {
            None => {}
            Some(StatusFilter::Active) => {
                sql.push(" AND m.blocked_at IS NULL", []);
            }
            Some(StatusFilter::Blocked) => {
                sql.push(" AND m.blocked_at IS NOT NULL", []);
            }
        }
        if let Some(service) = self.service
            && walk != Walk::Grants
        {
            sql.push(
                " AND EXISTS (SELECT 1 FROM grants gr WHERE gr.enterprise_id = m.enterprise_id \
                 AND gr.group_id = m.group_id AND gr.person_id = m.person_id AND gr.service_id = ?)",
                [Bind::Int(service.0)],
            );
        }
    }

    /// The cursor, the order and the limit of one walk.
    fn close_keys(&self, sql: &mut Sql, walk: Walk) {
        let key = self.key(walk);
        if let Some((name, id)) = &self.after {
            // `>=` first, so the range starts at the cursor in the index.
            sql.push(
                &format!(
                    " AND {key}.sort_name >= ? AND ({key}.sort_name > ? OR {key}.person_id > ?)"
                ),
                [
                    Bind::Text(name.clone()),
                    Bind::Text(name.clone()),
                    Bind::Int(*id),
                ],
            );
        }
        sql.push(
            &format!(
                " ORDER BY {key}.sort_name, {key}.person_id LIMIT {}",
                PAGE_SIZE + 1
            ),
            [],
        );
    }
}
