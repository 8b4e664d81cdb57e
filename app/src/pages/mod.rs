//! The pages of the public shell.

mod choose_enterprise;
mod error;
mod home;
pub mod layout;
mod not_found;
mod roles;
mod sign_in;

pub use choose_enterprise::ChooseEnterprisePage;
pub use error::ErrorPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use roles::RolesPage;
pub use sign_in::SignInPage;

use crate::ui::page_error::set_response_status;
use crate::ui::page_title::PageTitle;
