//! `/sign-in`: national register number (or username), password and a code from the app.

use super::PageTitle;
use crate::features::auth::api::SignIn;
use crate::features::auth::signed_in::use_session;
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::code_input::CodeInput;
use crate::ui::form_error::FormError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The sign-in form. After success the person goes on to their dashboard, or first to the
/// choice of enterprise when they are linked to several.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sign_in = ServerAction::<SignIn>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(signed_in)) = sign_in.value().get() {
            session.refresh();
            let next = if signed_in.must_choose_enterprise {
                "/enterprise"
            } else {
                "/"
            };
            navigate(next, Default::default());
        }
    });
    let failure = move || match sign_in.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let query = use_query_map();
    let signed_out = move || query.read().get("signed-out").is_some();
    let already = move || {
        session
            .me
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|me| me.name)
    };

    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, sign_in.title)) />
        <h1>{t!(i18n, sign_in.title)}</h1>
        <Transition>
            {move || {
                already()
                    .map(|name| {
                        view! {
                            <p class="notice success" role="status">
                                {t!(i18n, sign_in_form.signed_in, name = name.clone())} " "
                                <A href="/">{t!(i18n, nav.home)}</A>
                            </p>
                        }
                    })
            }}
        </Transition>
        <p class="lead">{t!(i18n, sign_in.text)}</p>
        {move || signed_out().then(|| view! { <p class="notice success" role="status">{t!(i18n, sign_in_form.signed_out)}</p> })}
        <ActionForm action=sign_in attr:class="form sign-in-form">
            <div class="step">
                <label for="identifier">{t!(i18n, sign_in_form.identifier)}</label>
                <p id="identifier-hint" class="hint">{t!(i18n, sign_in_form.identifier_hint)}</p>
                <input
                    id="identifier"
                    name="identifier"
                    type="text"
                    autocomplete="username"
                    required
                    aria-describedby="identifier-hint"
                />
                <label for="password">{t!(i18n, sign_in_form.password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <label for="code">{t!(i18n, sign_in_form.code)}</label>
                <CodeInput />
            </div>
            {move || failure().map(|error| view! { <FormError error /> })}
            <button type="submit" class="button primary" disabled=move || sign_in.pending().get()>
                {t!(i18n, sign_in_form.submit)}
            </button>
        </ActionForm>
    }
}
