//! `/sign-in`: a button per identity provider, then national register number (or username),
//! password and a code from the app.

use super::PageTitle;
use crate::features::auth::api::{SignIn, sign_in_providers};
use crate::features::auth::providers::{ProviderChoice, ProviderFailure};
use crate::features::auth::signed_in::use_session;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::ui::code_input::{CodeInput, field_value};
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::page_data::page_data;
use crate::ui::show_again::go_to;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The sign-in page: who is signed in already, if anyone, and the form.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let signed_out = move || query.read().get("signed-out").is_some();
    let failed = move || {
        query
            .read()
            .get("provider_failed")
            .and_then(|code| ProviderFailure::of_code(&code))
    };
    let providers = page_data(
        || (),
        |()| async { sign_in_providers().await.unwrap_or_default() },
    );
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, sign_in.title)) />
        <h1>{t!(i18n, sign_in.title)}</h1>
        <Transition>
            {move || {
                session
                    .person()
                    .map(|me| {
                        view! {
                            <p class="notice success" role="status">
                                {t!(i18n, sign_in_form.signed_in, name = me.name.clone())} " "
                                <A href="/">{t!(i18n, nav.home)}</A>
                            </p>
                        }
                    })
            }}
        </Transition>
        <p class="lead">{t!(i18n, sign_in.text)}</p>
        {move || signed_out().then(|| view! { <p class="notice success" role="status">{t!(i18n, sign_in_form.signed_out)}</p> })}
        {move || failed().map(|failure| view! { <p class="notice error" role="alert">{failure_text(failure, i18n.get_locale())}</p> })}
        <Suspense>
            {move || Suspend::new(async move {
                let providers = providers.await;
                (!providers.is_empty()).then(|| view! { <ProviderButtons providers /> })
            })}
        </Suspense>
        <SignInForm />
    }
}

/// One button per identity provider (a plain form: it works before any script has loaded),
/// then the heading of the app-code form below.
#[component]
fn ProviderButtons(providers: Vec<ProviderChoice>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="sign-in-providers" aria-labelledby="providers-heading">
            <h2 id="providers-heading">{t!(i18n, sign_in.providers_heading)}</h2>
            <ul class="provider-list">
                {providers
                    .into_iter()
                    .map(|provider| {
                        let unavailable_id = format!("provider-{}-unavailable", provider.id);
                        view! {
                            <li>
                                <form method="post" action=format!("/sign-in/provider/{}", provider.id)>
                                    <button
                                        type="submit"
                                        class="button provider"
                                        disabled=!provider.available
                                        aria-describedby=(!provider.available).then(|| unavailable_id.clone())
                                    >
                                        {provider.name.get(locale).to_owned()}
                                    </button>
                                    {(!provider.available).then(|| view! {
                                        <span id=unavailable_id class="hint">{t!(i18n, sign_in.provider_unavailable)}</span>
                                    })}
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <h2 class="sign-in-app-code">{t!(i18n, sign_in.app_code_heading)}</h2>
    }
}

/// What the person is told after a sign-in through a provider failed.
fn failure_text(failure: ProviderFailure, locale: crate::i18n::Locale) -> &'static str {
    match failure {
        ProviderFailure::Unavailable => td_string!(locale, sign_in_provider_failed.unavailable),
        ProviderFailure::Cancelled => td_string!(locale, sign_in_provider_failed.cancelled),
        ProviderFailure::Expired => td_string!(locale, sign_in_provider_failed.expired),
        ProviderFailure::Forged => td_string!(locale, sign_in_provider_failed.forged),
        ProviderFailure::InvalidToken => td_string!(locale, sign_in_provider_failed.invalid_token),
        ProviderFailure::MissingNrn => td_string!(locale, sign_in_provider_failed.missing_nrn),
        ProviderFailure::MalformedNrn => td_string!(locale, sign_in_provider_failed.malformed_nrn),
        ProviderFailure::UnknownPerson => {
            td_string!(locale, sign_in_provider_failed.unknown_person)
        }
        ProviderFailure::Internal => td_string!(locale, sign_in_provider_failed.internal),
    }
}

/// The form. After success the person goes on to their dashboard, or first to the choice of
/// enterprise when they are linked to several.
#[island]
fn SignInForm() -> impl IntoView {
    let locale = page_locale();
    let sign_in = ServerAction::<SignIn>::new();
    Effect::new(move |_| {
        if let Some(Ok(signed_in)) = sign_in.value().get() {
            go_to(if signed_in.must_choose_enterprise {
                "/enterprise"
            } else {
                "/"
            });
        }
    });
    let (identifier, password, code) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        sign_in.dispatch(SignIn {
            identifier: field_value(identifier),
            password: field_value(password),
            code: field_value(code),
        });
    };
    let failure = move || match sign_in.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <Interactive>
        <form class="form sign-in-form" method="post" on:submit=on_submit>
            <div class="step">
                <label for="identifier">{td_string!(locale, sign_in_form.identifier)}</label>
                <p id="identifier-hint" class="hint">{td_string!(locale, sign_in_form.identifier_hint)}</p>
                <input
                    node_ref=identifier
                    id="identifier"
                    name="identifier"
                    type="text"
                    autocomplete="username"
                    required
                    aria-describedby="identifier-hint"
                />
                <label for="password">{td_string!(locale, sign_in_form.password)}</label>
                <input node_ref=password id="password" name="password" type="password" autocomplete="current-password" required />
                <label for="code">{td_string!(locale, sign_in_form.code)}</label>
                <CodeInput node_ref=code />
            </div>
            {move || failure().map(|error| view! { <FormError error /> })}
            <button type="submit" class="button primary" disabled=move || sign_in.pending().get()>
                {td_string!(locale, sign_in_form.submit)}
            </button>
        </form>
        </Interactive>
    }
}
