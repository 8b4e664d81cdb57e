-- A user list reads each of its users' rows and nothing else: the row carries the names the
-- enterprise knows the user by (they never change after the link is made) and a summary of their
-- access (`access`: every group they are in, blocked or not, with the services granted there;
-- written from the memberships and grants with every change, see `users/access.rs`).
ALTER TABLE enterprise_users
    ADD COLUMN given_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN family_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN access TEXT NOT NULL DEFAULT '';

UPDATE enterprise_users u SET given_name = em.given_name, family_name = em.family_name
FROM employments em WHERE em.enterprise_id = u.enterprise_id AND em.person_id = u.person_id;

UPDATE enterprise_users u SET access =
    COALESCE((SELECT string_agg(CAST(m.group_id AS TEXT) || ':' ||
        COALESCE(CAST(CASE WHEN m.blocked_at IS NOT NULL THEN 1 END AS TEXT), '') || ':' ||
        COALESCE(CAST(g.service_id AS TEXT), ''), ',' ORDER BY m.group_id, g.service_id)
      FROM memberships m LEFT JOIN grants g ON g.enterprise_id = m.enterprise_id
      AND g.person_id = m.person_id AND g.group_id = m.group_id
      WHERE m.enterprise_id = u.enterprise_id AND m.person_id = u.person_id), '');

ALTER TABLE enterprise_users
    ALTER COLUMN given_name DROP DEFAULT,
    ALTER COLUMN family_name DROP DEFAULT,
    ALTER COLUMN access DROP DEFAULT;
