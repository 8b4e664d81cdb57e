-- Each enterprise knows the people it links by the names it typed itself; it never reads the
-- shared person record's names (which another enterprise, or the operator, may have typed).
ALTER TABLE employments ADD COLUMN given_name TEXT NOT NULL DEFAULT '';
ALTER TABLE employments ADD COLUMN family_name TEXT NOT NULL DEFAULT '';
UPDATE employments SET
    given_name = (SELECT p.given_name FROM persons p WHERE p.id = employments.person_id),
    family_name = (SELECT p.family_name FROM persons p WHERE p.id = employments.person_id);
