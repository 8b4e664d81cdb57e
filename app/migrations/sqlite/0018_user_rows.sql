-- A user list reads each of its users' rows and nothing else: the row carries the names the
-- enterprise knows the user by (they never change after the link is made) and a summary of their
-- access (`access`: every group they are in, blocked or not, with the services granted there;
-- written from the memberships and grants with every change, see `users/access.rs`). The rows
-- are kept in (enterprise, person) order (WITHOUT ROWID), so a user is one lookup, not two.
--
-- The table is rebuilt: the memberships' foreign key to it is checked when this transaction
-- commits, after every row is back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE enterprise_users_before AS SELECT * FROM enterprise_users;
DROP TABLE enterprise_users;

CREATE TABLE enterprise_users (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    person_id     BIGINT NOT NULL REFERENCES persons (id),
    sort_name     TEXT NOT NULL,
    given_first   TEXT NOT NULL,
    nrn           TEXT,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    access        TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, person_id)
) WITHOUT ROWID;

INSERT INTO enterprise_users (enterprise_id, person_id, sort_name, given_first, nrn, version,
    created_at, given_name, family_name, access)
SELECT b.enterprise_id, b.person_id, b.sort_name, b.given_first, b.nrn, b.version, b.created_at,
    em.given_name, em.family_name,
    COALESCE((SELECT string_agg(CAST(m.group_id AS TEXT) || ':' ||
        COALESCE(CAST(CASE WHEN m.blocked_at IS NOT NULL THEN 1 END AS TEXT), '') || ':' ||
        COALESCE(CAST(g.service_id AS TEXT), ''), ',' ORDER BY m.group_id, g.service_id)
      FROM memberships m LEFT JOIN grants g ON g.enterprise_id = m.enterprise_id
      AND g.person_id = m.person_id AND g.group_id = m.group_id
      WHERE m.enterprise_id = b.enterprise_id AND m.person_id = b.person_id), '')
FROM enterprise_users_before b
JOIN employments em ON em.enterprise_id = b.enterprise_id AND em.person_id = b.person_id
ORDER BY b.enterprise_id, b.person_id;

DROP TABLE enterprise_users_before;

CREATE INDEX enterprise_users_by_name ON enterprise_users (enterprise_id, sort_name, person_id, given_first);
CREATE INDEX enterprise_users_by_given_name ON enterprise_users (enterprise_id, given_first, sort_name, person_id);
CREATE INDEX enterprise_users_by_nrn ON enterprise_users (enterprise_id, nrn);
