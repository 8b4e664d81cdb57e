//! Shared UI building blocks, below every feature: the language switcher, form errors, page titles,
//! confirmations, code inputs and pickers. They know no feature.

pub mod code_input;
pub mod confirm;
pub mod enrolment;
pub mod form_error;
pub mod interactive;
pub mod language;
pub mod list_controls;
pub mod locale;
pub mod page_data;
pub mod page_error;
pub mod page_title;
pub mod picker;
pub mod query_string;
pub mod show_again;
