//! The document title of a page: "page · product name", in the reader's language.
//!
//! The server writes the title into the `<head>` of the response as markup, and leptos_meta
//! puts it there as it is; in the browser the same text is set as `document.title`, which is
//! never parsed. So the text is escaped for HTML on the server, and only there — whatever it
//! holds (a group's or a person's name), it cannot end the `<title>` element.

use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the document title to "page · product name" in the current language.
#[component]
pub fn PageTitle(#[prop(into)] page: Signal<&'static str>) -> impl IntoView {
    view! { <PageTitleText page=Signal::derive(move || page.get().to_owned()) /> }
}

/// Sets the document title to "text · product name" for a page whose name is data (a group's,
/// a person's). The only place the product sets a title.
#[component]
pub fn PageTitleText(#[prop(into)] page: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || format!("{} · {}", page.get(), t_string!(i18n, product_name));
    // The server writes the `<head>` once, after the page: by then the signals of a page drawn
    // inside a `Transition` may be gone, so it takes the text as it is now (final, as the page
    // is drawn once its data is in). The browser follows the signals (a change of language).
    #[cfg(feature = "ssr")]
    let text = untrack(text);
    view! { <Title text formatter=for_document /> }
}

/// The title as the document needs it: escaped markup for the server's `<head>`, plain text
/// for `document.title` in the browser.
fn for_document(text: String) -> String {
    if cfg!(feature = "ssr") {
        escape_html(&text)
    } else {
        text
    }
}

/// `text` with the five characters that can open or close markup written as references.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_cannot_end_the_title_element() {
        let hostile = "</title><meta http-equiv=refresh content=0;url=https://evil.example/>";
        let escaped = escape_html(hostile);
        assert!(
            !escaped.contains('<') && !escaped.contains('>'),
            "{escaped}"
        );
        assert_eq!(
            escape_html("Ann & \"Bo\" 'C'"),
            "Ann &amp; &quot;Bo&quot; &#39;C&#39;"
        );
    }
}
