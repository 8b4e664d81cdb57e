//! `/administrators`: who administers what, the signed-in administrator's own scope, and —
//! offering only what the policy allows them — appointing and revoking. The posts above group
//! administrators are few and shown whole; group administrators (one per group) come a page at
//! a time, searched by group or name, with the search and the page in the address.

use super::api::{administrators, group_administrators};
use super::{HoldingQuery, Overview};
use crate::i18n::{t, t_string, use_i18n};
use crate::policy::Level;
use crate::ui::page_data::page_data;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use crate::ui::show_again::Done;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod appoint;
mod list;
pub mod send_link;

use appoint::AppointForm;
use list::AdministratorList;

/// The levels from the top down, as the page lists them.
pub(super) const LEVELS: [Level; 4] = [
    Level::MainAccessManager,
    Level::CoMainAccessManager,
    Level::AccessManager,
    Level::GroupAdministrator,
];

/// The search and page of group administrators, as the address holds them.
fn holding_query_from_address() -> Memo<HoldingQuery> {
    let address = use_query_map();
    Memo::new(move |_| {
        address.with(|q| HoldingQuery {
            search: q.get("holder_search").unwrap_or_default(),
            after: q.get("holders_after").filter(|a| !a.is_empty()),
        })
    })
}

/// The Administrators page.
#[component]
pub fn AdministratorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let address = use_query_map();
    let query = holding_query_from_address();
    let overview = page_data(|| (), |()| administrators());
    let holders = page_data(move || query.get(), group_administrators);
    // After an appointment or a revocation the page comes again with `done=` naming it.
    let outcome = move || {
        let text = match address.with(Done::in_address)? {
            Done::Appointed => t_string!(i18n, admins.appointed),
            Done::Revoked => t_string!(i18n, admins.revoked),
            Done::LinkSent => t_string!(i18n, invitations.sent_done),
            Done::Added | Done::Removed | Done::Blocked | Done::Unblocked | Done::Services => {
                return None;
            }
        };
        Some(view! { <p class="notice success" role="status">{text}</p> })
    };
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, admins.title)) />
        <h1>{t!(i18n, admins.title)}</h1>
        <p class="lead">{t!(i18n, admins.lead)}</p>
        {outcome}
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                overview
                    .get()
                    .map(|result| match result {
                        Ok(overview) => {
                            let open = overview.open.clone();
                            let may_appoint = overview.may_appoint;
                            let overview = StoredValue::new(overview);
                            view! {
                                <MyScope overview />
                                <AdministratorList overview holders query />
                                {may_appoint.then(|| view! { <AppointForm open /> })}
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// What the signed-in administrator administers, and who appointed them.
#[component]
fn MyScope(overview: StoredValue<Overview>) -> impl IntoView {
    let i18n = use_i18n();
    let page = overview.get_value();
    let posts = page
        .mine
        .into_iter()
        .map(|shown| {
            let by = shown.appointed_by.clone();
            let label = move || shown.label(i18n.get_locale());
            view! {
                <li>
                    <strong>{label}</strong>
                    {match by {
                        Some(name) => {
                            view! { " — " {t!(i18n, admins.appointed_by)} " " {name} }.into_any()
                        }
                        None => view! { " — " {t!(i18n, admins.designated_by_operator)} }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    let groups = page.my_groups;
    let group_list = move || {
        if groups.everything {
            return view! { <p>{t!(i18n, admins.every_group)}</p> }.into_any();
        }
        if groups.total == 0 {
            return view! { <p>{t!(i18n, admins.no_group)}</p> }.into_any();
        }
        let locale = i18n.get_locale();
        let more = groups.total.saturating_sub(groups.first.len());
        view! {
            <ul>
                {groups
                    .first
                    .iter()
                    .map(|name| view! { <li>{name.get(locale).to_owned()}</li> })
                    .collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p>{t_string!(i18n, admins.more_groups, count = more)}</p> })}
        }
            .into_any()
    };
    let levels = page.appointable;
    let may_appoint = move || {
        let locale = i18n.get_locale();
        if levels.is_empty() {
            return t_string!(i18n, admins.appoints_nobody).to_owned();
        }
        levels
            .iter()
            .map(|level| level.name(locale))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <section class="card scope" aria-labelledby="my-scope">
            <h2 id="my-scope">{t!(i18n, admins.my_scope)}</h2>
            <h3>{t!(i18n, admins.my_posts)}</h3>
            <ul>{posts}</ul>
            <h3>{t!(i18n, admins.my_groups)}</h3>
            {group_list}
            <h3>{t!(i18n, admins.i_may_appoint)}</h3>
            <p>{may_appoint}</p>
        </section>
    }
}
