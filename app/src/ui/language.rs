//! Choosing the interface language: de, fr, nl or en.
//!
//! The choice is kept in a cookie so the server renders the next page in it; without a cookie the
//! server follows the browser's `Accept-Language`, and falls back to English.

use crate::i18n::{Locale, use_i18n};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_i18n::context::CookieOptions;
use leptos_use::SameSite;

/// Name of the cookie that remembers the chosen language.
pub const LANGUAGE_COOKIE: &str = "lang";

const ONE_YEAR_MS: i64 = 365 * 24 * 60 * 60 * 1000;

/// The language cookie is site-wide, lasts a year and is not sent on cross-site requests.
pub fn language_cookie_options() -> CookieOptions<Locale> {
    CookieOptions::default()
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(ONE_YEAR_MS)
}

/// A language's name in that language, as shown in the switcher.
pub fn native_name(locale: Locale) -> &'static str {
    match locale {
        Locale::de => "Deutsch",
        Locale::fr => "Français",
        Locale::nl => "Nederlands",
        Locale::en => "English",
    }
}

/// Four buttons, one per language; the current one is pressed.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Locale::get_all()
        .iter()
        .copied()
        .map(|locale| {
            let pressed = move || (i18n.get_locale() == locale).to_string();
            view! {
                <button
                    type="button"
                    class="language-option"
                    lang=locale.as_str()
                    aria-pressed=pressed
                    data-locale=locale.as_str()
                    on:click=move |_| i18n.set_locale(locale)
                >
                    <span aria-hidden="true">{locale.as_str().to_uppercase()}</span>
                    <span class="visually-hidden">{native_name(locale)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="language-switcher"
            role="group"
            aria-label=move || crate::i18n::t_string!(i18n, language.label)
        >
            {buttons}
        </div>
    }
}
