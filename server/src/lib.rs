//! The Access Management server: configuration, the HTTP router with its layers, and serving.
//!
//! `main.rs` is only the command line; everything here is a library so that tests drive the
//! real router and the real serve loop.

pub mod app_state;
pub mod audit_cli;
pub mod client_address;
pub mod config;
pub mod csrf;
pub mod enterprise_cli;
pub mod health;
pub mod housekeeping;
pub mod init_cli;
pub mod internal_error;
pub mod logging;
pub mod memory;
pub mod outbox_delivery;
pub mod provider_routes;
pub mod render_to_the_end;
pub mod router;
pub mod security_headers;
pub mod serve;
pub mod startup_error;

pub use app_state::AppState;
pub use config::{Cli, Command, Settings};
pub use router::{router, router_with};
pub use startup_error::StartupError;
