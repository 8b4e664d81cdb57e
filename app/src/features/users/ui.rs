//! The user-management pages.
