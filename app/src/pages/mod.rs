//! The pages of the public shell.

mod choose_enterprise;
mod error;
mod home;
mod not_found;
mod roles;
mod sign_in;

pub use choose_enterprise::ChooseEnterprisePage;
pub use error::ErrorPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use roles::RolesPage;
pub use sign_in::SignInPage;

use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the document title to "page · product name" in the current language.
#[component]
pub(crate) fn PageTitle(#[prop(into)] page: Signal<&'static str>) -> impl IntoView {
    view! { <PageTitleText page=Signal::derive(move || page.get().to_owned()) /> }
}

/// Sets the document title to "text · product name" for a page whose name is data (a group's).
#[component]
pub(crate) fn PageTitleText(#[prop(into)] page: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || format!("{} · {}", page.get(), t_string!(i18n, product_name));
    view! { <Title text /> }
}

/// Sets the status code of the server-rendered response (no-op in the browser).
fn set_response_status(status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
