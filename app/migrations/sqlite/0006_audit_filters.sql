-- The Audit page filters an enterprise's chain by actor, target or action, newest first.
CREATE INDEX audit_events_by_actor ON audit_events (chain, actor, seq);
CREATE INDEX audit_events_by_target ON audit_events (chain, target, seq);
CREATE INDEX audit_events_by_action ON audit_events (chain, action, seq);
