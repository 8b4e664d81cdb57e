//! Shared UI building blocks: the page layout, the language switcher, form errors, the signed-in person.

pub mod code_input;
pub mod confirm;
pub mod form_error;
pub mod language;
pub mod layout;
pub mod page_error;
pub mod page_title;
pub mod session;
