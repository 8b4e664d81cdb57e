//! `/activate/:token`: the main access manager enrols an authenticator app, chooses a password
//! and confirms with a code; the enterprise becomes active.

use super::ActivationView;
use super::api::{Activate, load_activation};
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::code_input::CodeInput;
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The activation page.
#[component]
pub fn ActivatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, load_activation);
    let activate = ServerAction::<Activate>::new();

    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, activation.title)) />
        <h1>{t!(i18n, activation.title)}</h1>
        <Suspense fallback=move || view! { <p aria-live="polite">{t!(i18n, activation.checking)}</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(details) => {
                        view! { <ActivationForm details token=token() action=activate /> }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivationForm(
    details: ActivationView,
    token: String,
    action: ServerAction<Activate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let ActivationView {
        enterprise_number,
        enterprise_name,
        person_name,
        totp_secret,
        qr_code,
        temporary_password_required,
        ..
    } = details;
    let grouped_secret = totp_secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ");

    view! {
        <Show
            when=done
            fallback=move || {
                let (enterprise_name, enterprise_number, person_name) =
                    (enterprise_name.clone(), enterprise_number.clone(), person_name.clone());
                let (qr_code, grouped_secret, token) = (qr_code.clone(), grouped_secret.clone(), token.clone());
                view! {
                    <p class="lead">
                        {t!(i18n, activation.intro, enterprise = enterprise_name.clone(), number = enterprise_number.clone())}
                    </p>
                    <p>{t!(i18n, activation.person, name = person_name.clone())}</p>
                    <ActionForm action attr:class="form activation-form">
                        <input type="hidden" name="token" value=token />
                        <section class="step" aria-labelledby="step-app">
                            <h2 id="step-app">{t!(i18n, activation.step_app)}</h2>
                            <p>{t!(i18n, activation.scan)}</p>
                            <img
                                class="qr-code"
                                src=qr_code
                                width="220"
                                height="220"
                                alt=move || t_string!(i18n, activation.qr_alt)
                            />
                            <p>
                                {t!(i18n, activation.manual)} " "
                                <code class="totp-secret" data-testid="totp-secret">{grouped_secret}</code>
                            </p>
                        </section>
                        <section class="step" aria-labelledby="step-password">
                            <h2 id="step-password">{t!(i18n, activation.step_password)}</h2>
                            {temporary_password_required
                                .then(|| {
                                    view! {
                                        <label for="temporary-password">{t!(i18n, activation.temporary_password)}</label>
                                        <input
                                            id="temporary-password"
                                            name="temporary_password"
                                            type="password"
                                            autocomplete="one-time-code"
                                            required
                                        />
                                    }
                                })}
                            <p id="password-hint" class="hint">{t!(i18n, activation.password_hint)}</p>
                            <label for="password">{t!(i18n, activation.password)}</label>
                            <input
                                id="password"
                                name="password"
                                type="password"
                                autocomplete="new-password"
                                minlength="12"
                                maxlength="128"
                                required
                                aria-describedby="password-hint"
                            />
                            <label for="password-confirm">{t!(i18n, activation.password_confirm)}</label>
                            <input
                                id="password-confirm"
                                name="password_confirm"
                                type="password"
                                autocomplete="new-password"
                                required
                            />
                        </section>
                        <section class="step" aria-labelledby="step-code">
                            <h2 id="step-code">{t!(i18n, activation.step_code)}</h2>
                            <label for="code">{t!(i18n, activation.code)}</label>
                            <CodeInput />
                        </section>
                        {move || failure().map(|error| view! { <FormError error /> })}
                        <button type="submit" class="button primary" disabled=move || action.pending().get()>
                            {t!(i18n, activation.submit)}
                        </button>
                    </ActionForm>
                }
            }
        >
            <section class="notice success" role="status">
                <h2>{t!(i18n, activation.done_title)}</h2>
                <p>{t!(i18n, activation.done_text)}</p>
                <p>
                    <A href="/sign-in" attr:class="button primary">
                        {t!(i18n, activation.sign_in)}
                    </A>
                </p>
            </section>
        </Show>
    }
}
