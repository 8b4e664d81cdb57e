//! The product's features, one folder each: shared types in `mod.rs`, server-only code beside.

pub mod admins;
pub mod audit;
pub mod audit_trail;
pub mod auth;
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod ebox;
pub mod enterprises;
#[cfg(feature = "ssr")]
pub mod housekeeping;
#[cfg(feature = "ssr")]
pub mod invariants;
pub mod invitations;
#[cfg(feature = "ssr")]
pub mod outbox;
pub mod people;
#[cfg(feature = "ssr")]
pub mod record;
pub mod users;
