//! `/enterprise`: a person linked to several enterprises chooses the one to act for, and can
//! come back to switch without signing out.

use super::PageTitle;
use crate::domain::EnterpriseId;
use crate::features::auth::api::ActFor as ActForEnterprise;
use crate::features::auth::signed_in::use_session;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::pages::layout::EnterpriseBadge;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::page_error::PageError;
use crate::ui::show_again::go_to;
use leptos::prelude::*;
use leptos_router::components::A;

/// The list of the person's enterprises, each with a button to act for it.
#[component]
pub fn ChooseEnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, choose_enterprise.title)) />
        <h1>{t!(i18n, choose_enterprise.title)}</h1>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                session
                    .me
                    .get()
                    .map(|me| match me {
                        Ok(Some(me)) if me.enterprises.is_empty() => {
                            view! { <p>{t!(i18n, choose_enterprise.none)}</p> }.into_any()
                        }
                        Ok(Some(me)) => {
                            let acting = me.acting_for;
                            view! {
                                <p class="lead">{t!(i18n, choose_enterprise.text)}</p>
                                <ul class="choice-list">
                                    {me
                                        .enterprises
                                        .into_iter()
                                        .map(|enterprise| {
                                            let id = enterprise.id;
                                            let current = acting == Some(id);
                                            view! {
                                                <li class="choice" class:current=current>
                                                    <div class="choice-text">
                                                        <EnterpriseBadge enterprise />
                                                    </div>
                                                    <ActFor enterprise=id current />
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! {
                                <p>
                                    {t!(i18n, errors.unauthenticated)} " "
                                    <A href="/sign-in">{t!(i18n, nav.sign_in)}</A>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The button that makes the session act for `enterprise` (disabled on the `current` one), then
/// shows the home page.
#[island]
fn ActFor(enterprise: EnterpriseId, current: bool) -> impl IntoView {
    let locale = page_locale();
    let act_for = ServerAction::<ActForEnterprise>::new();
    Effect::new(move |_| {
        if matches!(act_for.value().get(), Some(Ok(()))) {
            go_to("/");
        }
    });
    let failure = move || match act_for.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let label = if current {
        td_string!(locale, choose_enterprise.current)
    } else {
        td_string!(locale, choose_enterprise.act)
    };
    view! {
        <Interactive>
        <button
            type="button"
            class="button"
            class:primary=!current
            disabled=move || current || act_for.pending().get()
            on:click=move |_| {
                act_for.dispatch(ActForEnterprise { enterprise });
            }
        >
            {label}
        </button>
        {move || failure().map(|error| view! { <FormError error /> })}
        </Interactive>
    }
}
