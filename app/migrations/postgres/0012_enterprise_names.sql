-- Each enterprise knows the people it links by the names (and e-mail address) it typed itself;
-- it never reads the shared person record's, which another enterprise or the operator gave.
-- A record an enterprise creates keeps no e-mail address of its own ('' until the person or the
-- operator gives one): what the enterprise typed reaches only it.
ALTER TABLE employments ADD COLUMN given_name TEXT NOT NULL DEFAULT '';
ALTER TABLE employments ADD COLUMN family_name TEXT NOT NULL DEFAULT '';
ALTER TABLE employments ADD COLUMN email TEXT NOT NULL DEFAULT '';
UPDATE employments SET
    given_name = (SELECT p.given_name FROM persons p WHERE p.id = employments.person_id),
    family_name = (SELECT p.family_name FROM persons p WHERE p.id = employments.person_id),
    email = (SELECT p.email FROM persons p WHERE p.id = employments.person_id);
