-- Indexes the user lists and a user's page read in order, found with `make bench` at 100,000 users.

-- A user's groups in group order, without visiting the table.
DROP INDEX memberships_by_person;
CREATE INDEX memberships_by_person ON memberships (enterprise_id, person_id, group_id, blocked_at);

-- A search by given name orders its matches by the family-name key: carried in the index.
DROP INDEX enterprise_users_by_given_name;
CREATE INDEX enterprise_users_by_given_name ON enterprise_users (enterprise_id, given_first, sort_name, person_id);

-- Blocked users are few: listed in name order from their own index.
CREATE INDEX memberships_blocked_by_name ON memberships (enterprise_id, sort_name, person_id, group_id)
    WHERE blocked_at IS NOT NULL;
