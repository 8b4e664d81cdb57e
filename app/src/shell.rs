//! The HTML document around the app, and the per-response Content-Security-Policy.

use crate::App;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

/// Renders the document shell. Sets a CSP whose nonce admits exactly the hydration scripts
/// that leptos writes into this response.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="data:," />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The policy for HTML pages: scripts only from this origin or carrying this response's nonce,
/// WASM compilation allowed, nothing framed, no plugins. Forms post to this origin only; the
/// sign-in page's provider buttons post here too, and the answer sends the browser on to the
/// provider, which the browser checks against `form-action` as well: `providers` are the
/// origins of the identity providers' authorization endpoints.
pub fn content_security_policy(nonce: &str, providers: &[String]) -> String {
    let form_action: String = providers
        .iter()
        .map(|origin| format!(" {origin}"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'{form_action}; frame-ancestors 'none'"
    )
}

fn set_content_security_policy() {
    use http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let providers = use_context::<crate::features::auth::providers::registry::Providers>()
        .map(|providers| providers.authorization_origins())
        .unwrap_or_default();
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce, &providers)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
