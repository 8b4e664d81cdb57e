//! The security regression suite: every defect found by probing the running server as an
//! attacker, reproduced over HTTP against the real server (real socket, every layer) on SQLite
//! and PostgreSQL, so that none comes back. Each module names the rule it proves; every test ends
//! with the invariant check.

#[path = "../common/mod.rs"]
mod common;
mod live;
mod world;

mod audit_filter;
mod caching;
mod cross_enterprise;
mod hostile_names;
mod proxies;
mod purge;
mod refusal_flood;
mod statuses;
