//! The message under a form whose submission was refused.

use crate::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A refused submission, explained in the reader's language and announced to screen readers.
#[component]
pub fn FormError(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || error.message(i18n.get_locale());
    view! {
        <p class="form-error" role="alert">
            {message}
        </p>
    }
}
