//! The language an island speaks: the page's own. The server renders each page in one language
//! (cookie, else `Accept-Language`, else English) and writes it into `<html lang>`; an island
//! hydrated in the browser reads it from there, so islands carry no translation context and
//! the bundle holds only the texts they show.

use crate::domain::Language;
use crate::i18n::Locale;

/// The language of the page being rendered (on the server) or shown (in the browser).
pub fn page_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<leptos_i18n::I18nContext<Locale>>()
            .map(|i18n| i18n.get_locale_untracked())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|lang| locale_of(&lang))
            .unwrap_or_default()
    }
}

/// The locale a language code names (`de`, `fr`, `nl`, `en`), if one of ours.
pub fn locale_of(code: &str) -> Option<Locale> {
    code.parse::<Language>().ok().map(Language::locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_is_read_back_from_its_code() {
        use leptos_i18n::Locale as _;
        for locale in Locale::get_all() {
            assert_eq!(locale_of(locale.as_str()), Some(*locale));
        }
        assert_eq!(locale_of("es"), None);
    }
}
