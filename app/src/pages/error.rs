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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::I18nContextProvider;

    fn render(error: AppError, accept_language: &str) -> String {
        // Rendering spawns reactive tasks; the server runs them on tokio.
        let _ = any_spawner::Executor::init_tokio();
        let owner = Owner::new();
        owner.with(|| {
            let (parts, ()) = http::Request::builder()
                .header(http::header::ACCEPT_LANGUAGE, accept_language)
                .body(())
                .expect("request")
                .into_parts();
            provide_context(parts);
            leptos_meta::provide_meta_context();
            let mut errors = Errors::default();
            errors.insert_with_default_key(error);
            let errors = ArcRwSignal::new(errors);
            view! {
                <I18nContextProvider>
                    <ErrorPage errors />
                </I18nContextProvider>
            }
            .to_html()
        })
    }

    #[tokio::test]
    async fn error_page_explains_the_error_and_shows_its_code() {
        let html = render(AppError::Forbidden, "en");
        assert!(html.contains("Something went wrong"), "{html}");
        assert!(html.contains("You are not allowed to do this."), "{html}");
        assert!(html.contains("<code>forbidden</code>"), "{html}");
    }

    #[tokio::test]
    async fn error_page_speaks_the_visitors_language() {
        let html = render(AppError::Unavailable, "de-BE,de;q=0.9");
        assert!(html.contains("Etwas ist schiefgelaufen"), "{html}");
        assert!(
            html.contains("Der Dienst ist vorübergehend nicht verfügbar."),
            "{html}"
        );
        assert!(html.contains("<code>unavailable</code>"), "{html}");
    }

    #[test]
    fn errors_that_are_not_app_errors_count_as_internal() {
        let mut errors = Errors::default();
        errors.insert_with_default_key(std::io::Error::other("disk on fire"));
        assert_eq!(first_app_error(&errors), AppError::Internal);
    }
}
