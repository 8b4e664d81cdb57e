//! Enterprise Access Management: the Leptos application.
//!
//! Compiled twice: with `ssr` for the server (rendering, server functions, database) and with
//! `hydrate` for the browser. Everything outside `platform` is shared by both targets.

// Leptos' view types nest as deep as the pages they render; the server's async rendering of the
// deepest pages needs more than the default 128 levels to compute their layout.
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod domain;
pub mod error;
pub mod features;
pub mod pages;
pub mod policy;
mod routes;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod platform;
#[cfg(feature = "ssr")]
mod shell;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::AppError;
pub use routes::App;
#[cfg(feature = "ssr")]
pub use shell::shell;

/// The name under which cargo-leptos writes the JS, WASM and CSS bundles into `pkg/`.
pub const BUNDLE_NAME: &str = "access";
