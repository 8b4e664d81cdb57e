//! `/activate/:token`: the main access manager enrols an authenticator app, chooses a password
//! and confirms with a code; the enterprise becomes active.

use super::ActivationView;
use super::api::{Activate, ActivateWithAccount, load_activation};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::ui::code_input::{CodeInput, field_value};
use crate::ui::enrolment::{CredentialFields, EnrolApp, NewCredentials};
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::page_data::page_data;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The activation page.
#[component]
pub fn ActivatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = page_data(token, load_activation);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, activation.title)) />
        <h1>{t!(i18n, activation.title)}</h1>
        <Suspense fallback=move || view! { <p aria-live="polite">{t!(i18n, activation.checking)}</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(details) => view! { <Activation details token=token() /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Whose account this is, the app to enrol (QR code and the secret to type), and the form.
#[component]
fn Activation(details: ActivationView, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let ActivationView {
        enterprise_number,
        enterprise_name,
        person_name,
        totp_secret,
        qr_code,
        temporary_password_required,
        signs_in_already,
        ..
    } = details;
    if signs_in_already {
        return view! {
            <div class="activation">
                <div class="activation-intro">
                    <p class="lead">
                        {t!(i18n, activation.intro, enterprise = enterprise_name, number = enterprise_number)}
                    </p>
                    <p>{t!(i18n, activation.person, name = person_name)}</p>
                    <p>{t!(i18n, activation.existing_intro)}</p>
                </div>
                <ConfirmWithAccountForm token />
            </div>
        }
        .into_any();
    }
    view! {
        <div class="activation">
            <div class="activation-intro">
                <p class="lead">
                    {t!(i18n, activation.intro, enterprise = enterprise_name, number = enterprise_number)}
                </p>
                <p>{t!(i18n, activation.person, name = person_name)}</p>
                <EnrolApp qr_code totp_secret />
            </div>
            <ActivationForm token temporary_password_required />
        </div>
    }
    .into_any()
}

/// For a manager who signs in already: their own password and a code from their own app.
#[island(lazy)]
fn ConfirmWithAccountForm(token: String) -> impl IntoView {
    let locale = page_locale();
    let action = ServerAction::<ActivateWithAccount>::new();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let (password, code) = (NodeRef::new(), NodeRef::new());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        action.dispatch(ActivateWithAccount {
            token: token.clone(),
            password: field_value(password),
            code: field_value(code),
        });
    };
    let form = move || {
        let on_submit = on_submit.clone();
        view! {
            <form class="form activation-form" method="post" on:submit=on_submit>
                <label for="password">{td_string!(locale, sign_in_form.password)}</label>
                <input node_ref=password id="password" name="password" type="password" autocomplete="current-password" required />
                <label for="code">{td_string!(locale, activation.code)}</label>
                <CodeInput node_ref=code />
                {move || failure().map(|error| view! { <FormError error /> })}
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {td_string!(locale, activation.existing_submit)}
                </button>
            </form>
        }
    };
    view! {
        <Interactive>
        <Show when=done fallback=form>
            {done_notice(locale, None)}
        </Show>
        </Interactive>
    }
}

/// The password (and the temporary one sent by SMS, for a foreign manager) and the app's code;
/// once accepted, the way to sign in (the enrolment above is hidden then).
#[island(lazy)]
fn ActivationForm(token: String, temporary_password_required: bool) -> impl IntoView {
    let locale = page_locale();
    let action = ServerAction::<Activate>::new();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let fields = CredentialFields::new();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = fields.typed(temporary_password_required);
        action.dispatch(Activate {
            token: token.clone(),
            password: typed.password,
            password_confirm: typed.password_confirm,
            code: typed.code,
            temporary_password: typed.temporary_password,
        });
    };
    let form = move || {
        let on_submit = on_submit.clone();
        view! {
            <form class="form activation-form" method="post" on:submit=on_submit>
                <NewCredentials locale fields temporary_password_required />
                {move || failure().map(|error| view! { <FormError error /> })}
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {td_string!(locale, activation.submit)}
                </button>
            </form>
        }
    };
    view! {
        <Interactive>
        <Show when=done fallback=form>
            {done_notice(locale, Some(td_string!(locale, activation.done_text)))}
        </Show>
        </Interactive>
    }
}

/// What either activation form shows once the enterprise is active: `how` the manager signs in
/// from now on, if that is news to them, and the way to sign in.
fn done_notice(locale: crate::i18n::Locale, how: Option<&'static str>) -> impl IntoView {
    view! {
        <section class="notice success activation-done" role="status">
            <h2>{td_string!(locale, activation.done_title)}</h2>
            {how.map(|how| view! { <p>{how}</p> })}
            <p>
                <a href="/sign-in" class="button primary">
                    {td_string!(locale, activation.sign_in)}
                </a>
            </p>
        </section>
    }
}
