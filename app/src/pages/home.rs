//! The landing page: what the product is and the way in; once signed in, the enterprise acted
//! for, its state and the person's place in it.

use super::PageTitle;
use crate::AppError;
use crate::domain::EnterpriseStatus;
use crate::features::auth::Me;
use crate::features::auth::api::SignOutEverywhere;
use crate::features::auth::signed_in::use_session;
use crate::features::users::ui::{ManagedGroups, MyServices, managed_groups_data, my_access_data};
use crate::features::users::{GroupList, MyAccess};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::pages::layout::EnterpriseBadge;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::page_data::PageData;
use crate::ui::show_again::go_to;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/`: the dashboard of a signed-in person, else what the product is.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Created here rather than in the dashboard, whose closure runs again as the person loads
    // (each run would load them again).
    let groups = managed_groups_data();
    let access = my_access_data();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, nav.home)) />
        <Transition fallback=Welcome>
            {move || match session.person() {
                Some(me) => view! { <Dashboard me groups access /> }.into_any(),
                None => view! { <Welcome /> }.into_any(),
            }}
        </Transition>
    }
}

/// What the product is, for a visitor.
#[component]
fn Welcome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="actions">
                <A href="/sign-in" attr:class="button primary">
                    {t!(i18n, home.cta_sign_in)}
                </A>
                <A href="/roles" attr:class="button">
                    {t!(i18n, home.cta_roles)}
                </A>
            </p>
        </section>
        <section class="features" aria-labelledby="features-heading">
            <h2 id="features-heading">{t!(i18n, home.features_heading)}</h2>
            <ul class="feature-list">
                <li>{t!(i18n, home.feature_admins)}</li>
                <li>{t!(i18n, home.feature_users)}</li>
                <li>{t!(i18n, home.feature_block)}</li>
                <li>{t!(i18n, home.feature_audit)}</li>
                <li>{t!(i18n, home.feature_ebox)}</li>
            </ul>
        </section>
    }
}

/// The signed-in person's start: which enterprise, in which state, in which role.
#[component]
fn Dashboard(
    me: Me,
    groups: PageData<Option<Result<GroupList, AppError>>>,
    access: PageData<Option<Result<MyAccess, AppError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = me.name.clone();
    let body = match me.acting().cloned() {
        Some(enterprise) => {
            let pending = enterprise.status == EnterpriseStatus::Pending;
            let roles = enterprise.roles();
            view! {
                <section class="card" aria-labelledby="acting-heading">
                    <h2 id="acting-heading">{t!(i18n, dashboard.acting_for)}</h2>
                    <p class="enterprise-card">
                        <EnterpriseBadge enterprise />
                    </p>
                    {pending.then(|| view! { <p class="notice">{t!(i18n, dashboard.pending)}</p> })}
                    {roles
                        .level
                        .map(|level| {
                            view! {
                                <p>
                                    {t!(i18n, dashboard.your_role)} " "
                                    <strong>{move || level.name(i18n.get_locale())}</strong>
                                </p>
                                <p class="actions">
                                    <A href="/administrators" attr:class="button">
                                        {t!(i18n, dashboard.administrators_link)}
                                    </A>
                                    {roles
                                        .reads_audit()
                                        .then(|| {
                                            view! {
                                                <A href="/audit" attr:class="button">
                                                    {t!(i18n, dashboard.audit_link)}
                                                </A>
                                            }
                                        })}
                                </p>
                            }
                        })}
                    {roles.manages_users()
                        .then(|| view! { <ManagedGroups groups /> })}
                    {(!pending).then(|| view! { <MyServices access /> })}
                    {me
                        .can_switch()
                        .then(|| {
                            view! {
                                <p>
                                    <A href="/enterprise">{t!(i18n, enterprise.switch)}</A>
                                </p>
                            }
                        })}
                </section>
            }
            .into_any()
        }
        None if me.enterprises.is_empty() => {
            view! { <p>{t!(i18n, choose_enterprise.none)}</p> }.into_any()
        }
        None => view! {
            <p class="actions">
                <A href="/enterprise" attr:class="button primary">
                    {t!(i18n, enterprise.choose)}
                </A>
            </p>
        }
        .into_any(),
    };
    view! {
        <h1>{t!(i18n, dashboard.welcome, name = name.clone())}</h1>
        {body}
        <SignOutEverywhere />
    }
}

/// Ends the person's sessions on every device, this one included, then shows the sign-in page.
#[island]
fn SignOutEverywhere() -> impl IntoView {
    let locale = page_locale();
    let action = ServerAction::<SignOutEverywhere>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            go_to("/sign-in?signed-out");
        }
    });
    let failure = move || match action.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    view! {
        <Interactive>
        <section class="card security" aria-labelledby="security-heading">
            <h2 id="security-heading">{td_string!(locale, dashboard.security)}</h2>
            <p>{td_string!(locale, dashboard.sign_out_everywhere_text)}</p>
            <button
                type="button"
                class="button"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(SignOutEverywhere {});
                }
            >
                {td_string!(locale, dashboard.sign_out_everywhere)}
            </button>
            {move || failure().map(|error| view! { <FormError error /> })}
        </section>
        </Interactive>
    }
}
