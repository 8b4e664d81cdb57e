//! Shared UI building blocks: the page layout, the language switcher, form errors.

pub mod form_error;
pub mod language;
pub mod layout;
