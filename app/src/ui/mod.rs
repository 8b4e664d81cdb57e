//! Shared UI building blocks: the page layout and the language switcher.

pub mod language;
pub mod layout;
