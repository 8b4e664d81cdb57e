//! The service catalogue: domains, groups (enterprise roles) and the online services they open.

#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod store;
