//! A page whose own data could not be read: it says why, and the server answers with the
//! status the error stands for (404 for what does not exist, 403 for what lies outside the
//! reader's scope), so the response is never a "200 OK" around an error.

use crate::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;

/// Sets the status code of the server-rendered response (no-op in the browser). It takes
/// effect on pages rendered whole before they are sent (`SsrMode::Async`) and on content
/// rendered synchronously.
pub fn set_response_status(status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Why the page's data could not be read, with the matching status. A page whose heading and
/// title come from that data passes `titled` for a heading and a title of their own.
#[component]
pub fn PageError(error: AppError, #[prop(optional)] titled: bool) -> impl IntoView {
    set_response_status(error.status());
    let i18n = use_i18n();
    view! {
        {titled
            .then(|| {
                view! {
                    <PageTitle page=Signal::derive(move || t_string!(i18n, error_page.title)) />
                    <h1>{t!(i18n, error_page.title)}</h1>
                }
            })}
        <FormError error />
    }
}
