//! Choosing the interface language: de, fr, nl or en.
//!
//! The choice is kept in a cookie so the server renders the next page in it; without a cookie the
//! server follows the browser's `Accept-Language`, and falls back to English.

use crate::i18n::{Locale, td_string};
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
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

/// The cookie that chooses `locale`, as the browser sets it: site-wide, for a year, not sent on
/// cross-site requests (the same as the server's `language_cookie_options`).
pub fn language_cookie(locale: Locale) -> String {
    format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax",
        locale.as_str(),
        ONE_YEAR_MS / 1000
    )
}

/// Four buttons, one per language; the page's own is pressed. Choosing another remembers it in
/// the cookie and shows the page again, rendered by the server in that language.
#[island]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = page_locale();
    let buttons = Locale::get_all()
        .iter()
        .copied()
        .map(|locale| {
            view! {
                <button
                    type="button"
                    class="language-option"
                    lang=locale.as_str()
                    aria-pressed=(locale == current).to_string()
                    data-locale=locale.as_str()
                    on:click=move |_| choose(locale)
                >
                    <span aria-hidden="true">{locale.as_str().to_uppercase()}</span>
                    <span class="visually-hidden">{native_name(locale)}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <Interactive>
        <div
            class="language-switcher"
            role="group"
            aria-label=td_string!(current, language.label)
        >
            {buttons}
        </div>
        </Interactive>
    }
}

/// Remembers `locale` and shows the page again in it.
fn choose(locale: Locale) {
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = document.set_cookie(&language_cookie(locale));
        }
        let _ = window().location().reload();
    }
    #[cfg(feature = "ssr")]
    let _ = locale;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_sets_the_cookie_the_server_reads() {
        assert_eq!(
            language_cookie(Locale::nl),
            "lang=nl; Path=/; Max-Age=31536000; SameSite=Lax"
        );
    }
}
