//! The parts of a page that sets up someone's credentials through a one-time link (activating an
//! enterprise, accepting an invitation): the app to enrol, and the fields of a new password and
//! the app's first code.

use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::ui::code_input::{CodeInput, field_value};
use leptos::html::Input;
use leptos::prelude::*;

/// Step 1: the QR code of the app secret, and the secret itself to type by hand.
#[component]
pub fn EnrolApp(qr_code: String, totp_secret: String) -> impl IntoView {
    let i18n = use_i18n();
    let grouped_secret = totp_secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
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
    }
}

/// The fields of new credentials, read when the form is sent.
#[derive(Clone, Copy)]
pub struct CredentialFields {
    temporary: NodeRef<Input>,
    password: NodeRef<Input>,
    confirm: NodeRef<Input>,
    code: NodeRef<Input>,
}

/// What was typed into [`CredentialFields`].
pub struct Typed {
    /// The temporary password from the SMS, when one was asked for.
    pub temporary_password: Option<String>,
    /// The new password.
    pub password: String,
    /// Its repetition.
    pub password_confirm: String,
    /// The app's code.
    pub code: String,
}

impl CredentialFields {
    /// Fields not yet in the page.
    pub fn new() -> CredentialFields {
        CredentialFields {
            temporary: NodeRef::new(),
            password: NodeRef::new(),
            confirm: NodeRef::new(),
            code: NodeRef::new(),
        }
    }

    /// What they hold now; the temporary password only when `temporary_password_required`.
    pub fn typed(self, temporary_password_required: bool) -> Typed {
        Typed {
            temporary_password: temporary_password_required.then(|| field_value(self.temporary)),
            password: field_value(self.password),
            password_confirm: field_value(self.confirm),
            code: field_value(self.code),
        }
    }
}

impl Default for CredentialFields {
    fn default() -> Self {
        CredentialFields::new()
    }
}

/// Steps 2 and 3: the temporary password (when asked for), the new password twice, and the
/// app's code.
#[component]
pub fn NewCredentials(
    locale: Locale,
    fields: CredentialFields,
    temporary_password_required: bool,
) -> impl IntoView {
    view! {
        <section class="step" aria-labelledby="step-password">
            <h2 id="step-password">{td_string!(locale, activation.step_password)}</h2>
            {temporary_password_required
                .then(|| {
                    view! {
                        <label for="temporary-password">{td_string!(locale, activation.temporary_password)}</label>
                        <input
                            node_ref=fields.temporary
                            id="temporary-password"
                            name="temporary_password"
                            type="password"
                            autocomplete="one-time-code"
                            required
                        />
                    }
                })}
            <p id="password-hint" class="hint">{td_string!(locale, activation.password_hint)}</p>
            <label for="password">{td_string!(locale, activation.password)}</label>
            <input
                node_ref=fields.password
                id="password"
                name="password"
                type="password"
                autocomplete="new-password"
                minlength="12"
                maxlength="128"
                required
                aria-describedby="password-hint"
            />
            <label for="password-confirm">{td_string!(locale, activation.password_confirm)}</label>
            <input
                node_ref=fields.confirm
                id="password-confirm"
                name="password_confirm"
                type="password"
                autocomplete="new-password"
                required
            />
        </section>
        <section class="step" aria-labelledby="step-code">
            <h2 id="step-code">{td_string!(locale, activation.step_code)}</h2>
            <label for="code">{td_string!(locale, activation.code)}</label>
            <CodeInput node_ref=fields.code />
        </section>
    }
}
