-- The services some live group of each domain offers, kept by the catalogue's writer: an access
-- manager's service filter offers only those of their domain, without proving for every other
-- service that none of the domain's hundreds of groups offers it.
CREATE TABLE domain_services (
    domain_id  BIGINT NOT NULL REFERENCES domains (id),
    service_id BIGINT NOT NULL REFERENCES online_services (id),
    PRIMARY KEY (domain_id, service_id)
);

INSERT INTO domain_services (domain_id, service_id)
SELECT DISTINCT g.domain_id, gs.service_id FROM group_services gs JOIN groups g ON g.id = gs.group_id
WHERE g.retired_at IS NULL;
