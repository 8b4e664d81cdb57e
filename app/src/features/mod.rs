//! The product's features, one folder each: shared types in `mod.rs`, server-only code beside.

pub mod audit;
pub mod catalog;
