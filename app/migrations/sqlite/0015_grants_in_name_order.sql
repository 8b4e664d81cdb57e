-- A list filtered by a service walks that service's grants in name order: each grant carries its
-- user's name key (as each membership does), and the index reads them by service and name.
ALTER TABLE grants ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE grants SET sort_name = (SELECT m.sort_name FROM memberships m
    WHERE m.enterprise_id = grants.enterprise_id AND m.group_id = grants.group_id
    AND m.person_id = grants.person_id);
DROP INDEX grants_by_service;
CREATE INDEX grants_by_service_name ON grants (enterprise_id, service_id, sort_name, person_id, group_id);
