//! `/enterprise`: a person linked to several enterprises chooses the one to act for, and can
//! come back to switch without signing out.

use super::PageTitle;
use crate::features::auth::api::ActFor;
use crate::features::auth::signed_in::use_session;
use crate::i18n::{t, t_string, use_i18n};
use crate::pages::layout::EnterpriseBadge;
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The list of the person's enterprises, each with a button to act for it.
#[component]
pub fn ChooseEnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let act_for = ServerAction::<ActFor>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if matches!(act_for.value().get(), Some(Ok(()))) {
            session.refresh();
            navigate("/", Default::default());
        }
    });
    let failure = move || match act_for.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
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
                                                    <ActionForm action=act_for>
                                                        <input type="hidden" name="enterprise" value=id.0 />
                                                        <button
                                                            type="submit"
                                                            class="button"
                                                            class:primary=!current
                                                            disabled=current
                                                        >
                                                            {move || {
                                                                if current {
                                                                    t_string!(i18n, choose_enterprise.current)
                                                                } else {
                                                                    t_string!(i18n, choose_enterprise.act)
                                                                }
                                                            }}
                                                        </button>
                                                    </ActionForm>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                {move || failure().map(|error| view! { <FormError error /> })}
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
