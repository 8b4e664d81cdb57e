-- One row identifying this installation; readiness checks read it to prove the schema is in place.
CREATE TABLE instance (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    instance_id TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL -- milliseconds since the Unix epoch, UTC
);
