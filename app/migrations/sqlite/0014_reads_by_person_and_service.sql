-- Who acts for an enterprise is read by person on every request: their main access manager posts
-- by person, like their other posts (administrators_by_person).
CREATE INDEX main_access_managers_by_person ON main_access_managers (person_id);

-- A list filtered by a service starts from the groups offering it (found with `make bench`).
CREATE INDEX group_services_by_service ON group_services (service_id, group_id);
