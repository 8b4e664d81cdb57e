//! `/invitation/:token`: the invited person enrols an authenticator app, chooses a password and
//! confirms with a code (or signs in through an identity provider instead); and the badge that
//! shows administrators where someone stands.

use super::api::{AcceptInvitation, load_invitation};
use super::{InvitationView, SignInState};
use crate::i18n::{t, t_string, td_string, use_i18n};
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

/// The invitation page.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = page_data(token, load_invitation);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, invitations.title)) />
        <h1>{t!(i18n, invitations.title)}</h1>
        <Suspense fallback=move || view! { <p aria-live="polite">{t!(i18n, activation.checking)}</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(details) => view! { <Invitation details token=token() /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Who is invited by whom, the providers they may use instead, the app to enrol and the form.
#[component]
fn Invitation(details: InvitationView, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let InvitationView {
        enterprise_name,
        person_name,
        reset,
        totp_secret,
        qr_code,
        temporary_password_required,
        providers,
        ..
    } = details;
    let lead = if reset {
        t_string!(
            i18n,
            invitations.reset_intro,
            enterprise = enterprise_name.clone()
        )
        .to_string()
    } else {
        t_string!(
            i18n,
            invitations.intro,
            enterprise = enterprise_name.clone()
        )
        .to_string()
    };
    let providers_note = (!providers.is_empty()).then(|| {
        let names = move || {
            let locale = i18n.get_locale();
            providers
                .iter()
                .map(|name| name.get(locale).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        view! {
            <p class="notice info">
                {move || t_string!(i18n, invitations.providers_instead, providers = names())}
                " "
                <a href="/sign-in">{t!(i18n, invitations.providers_sign_in)}</a>
            </p>
        }
    });
    view! {
        <div class="activation">
            <div class="activation-intro">
                <p class="lead">{lead}</p>
                <p>{t!(i18n, invitations.person, name = person_name)}</p>
                {providers_note}
                <EnrolApp qr_code totp_secret />
            </div>
            <InvitationForm token temporary_password_required />
        </div>
    }
}

/// The new password and the app's code; once accepted, the way to sign in.
#[island(lazy)]
fn InvitationForm(token: String, temporary_password_required: bool) -> impl IntoView {
    let locale = page_locale();
    let action = ServerAction::<AcceptInvitation>::new();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let fields = CredentialFields::new();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = fields.typed(temporary_password_required);
        action.dispatch(AcceptInvitation {
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
                    {td_string!(locale, invitations.submit)}
                </button>
            </form>
        }
    };
    view! {
        <Interactive>
        <Show when=done fallback=form>
            <section class="notice success activation-done" role="status">
                <h2>{td_string!(locale, invitations.done_title)}</h2>
                <p>{td_string!(locale, activation.done_text)}</p>
                <p>
                    <a href="/sign-in" class="button primary">
                        {td_string!(locale, activation.sign_in)}
                    </a>
                </p>
            </section>
        </Show>
        </Interactive>
    }
}

/// Where a person stands with signing in, as a badge.
#[component]
pub fn SignInBadge(state: SignInState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge sign-in-state {}", state.code()) data-sign-in=state.code()>
            {move || state.label(i18n.get_locale())}
        </span>
    }
}
