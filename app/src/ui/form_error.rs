//! The message under a form whose submission was refused.

use crate::AppError;
use crate::ui::locale::page_locale;
use leptos::prelude::*;

/// The error's translated message, announced to screen readers as it appears.
#[component]
pub fn FormError(error: AppError) -> impl IntoView {
    view! {
        <p class="form-error" role="alert">
            {error.message(page_locale())}
        </p>
    }
}
