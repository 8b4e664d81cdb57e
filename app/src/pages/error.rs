//! What a page shows when rendering it failed.

use super::{PageTitle, set_response_status};
use crate::AppError;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// The first error as an [`AppError`]; anything else counts as internal.
pub fn first_app_error(errors: &Errors) -> AppError {
    errors
        .iter()
        .next()
        .and_then(|(_, error)| error.downcast_ref::<AppError>().cloned())
        .unwrap_or(AppError::Internal)
}

/// Fallback of the app's error boundary: a translated explanation and the error's code.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();
    let error = first_app_error(&errors.read_untracked());
    set_response_status(error.status());
    let code = error.code();
    let message = {
        let error = error.clone();
        move || error.message(i18n.get_locale())
    };
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, error_page.title)) />
        <section class="notice error" role="alert" data-testid="error-page">
            <h1>{t!(i18n, error_page.title)}</h1>
            <p>{message}</p>
            <p>{t!(i18n, error_page.text)}</p>
            <p>
                {t!(i18n, error_page.code)} ": " <code>{code}</code>
            </p>
            <p>
                <a href="/">{t!(i18n, error_page.back_home)}</a>
            </p>
        </section>
    }
}
