//! `/sign-in`: national register number (or username), password and a code from the app.

use super::PageTitle;
use crate::features::auth::api::{SignIn, SignOut};
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::form_error::FormError;
use leptos::prelude::*;

/// The sign-in form; after success, who is signed in and a way to sign out.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    // Signing out clears the success shown by the last sign-in.
    Effect::new(move |_| {
        if matches!(sign_out.value().get(), Some(Ok(()))) {
            sign_in.value().set(None);
        }
    });
    let signed_in_as = move || match sign_in.value().get() {
        Some(Ok(who)) => Some(who.name),
        _ => None,
    };
    let failure = move || match sign_in.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let signed_out =
        move || matches!(sign_out.value().get(), Some(Ok(()))) && signed_in_as().is_none();

    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, sign_in.title)) />
        <h1>{t!(i18n, sign_in.title)}</h1>
        <Show
            when=move || signed_in_as().is_some()
            fallback=move || {
                view! {
                    <p class="lead">{t!(i18n, sign_in.text)}</p>
                    {move || signed_out().then(|| view! { <p role="status">{t!(i18n, sign_in_form.signed_out)}</p> })}
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
                            <input
                                id="code"
                                name="code"
                                type="text"
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                maxlength="7"
                                required
                            />
                        </div>
                        {move || failure().map(|error| view! { <FormError error /> })}
                        <button type="submit" class="button primary" disabled=move || sign_in.pending().get()>
                            {t!(i18n, sign_in_form.submit)}
                        </button>
                    </ActionForm>
                }
            }
        >
            <section class="notice success" role="status">
                <p>{move || signed_in_as().map(|name| t!(i18n, sign_in_form.signed_in, name = name.clone()))}</p>
                <ActionForm action=sign_out>
                    <button type="submit" class="button">{t!(i18n, sign_in_form.sign_out)}</button>
                </ActionForm>
            </section>
        </Show>
    }
}
