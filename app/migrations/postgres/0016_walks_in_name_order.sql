-- A search by given name walks the users in name order and keeps those whose given name starts
-- with what was typed: the index carries the given-name key, so the walk never visits the table.
DROP INDEX enterprise_users_by_name;
CREATE INDEX enterprise_users_by_name ON enterprise_users (enterprise_id, sort_name, person_id, given_first);

-- The first groups of a scope by name (a filter's first choices, a page of the home page) are
-- found walking the groups in name order, not by sorting the scope.
CREATE INDEX groups_by_name ON groups (name_en, id);
