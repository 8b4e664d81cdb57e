//! The groups an administrator manages (a searched, paged table on the home page), one group's
//! page with its users ("Add user", pencil, bin), and the signed-in person's own services.

use super::list::{Filters, Results, query_from_address};
use super::service_names;
use crate::AppError;
use crate::domain::GroupId;
use crate::features::users::api::{list_users, managed_group, managed_groups, read_my_access};
use crate::features::users::{
    GroupCard, GroupList, GroupQuery, Groups, MyAccess, UserPage, UserQuery,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::policy::{Refusal, Roles};
use crate::ui::form_error::FormError;
use crate::ui::list_controls::{Pager, SearchField};
use crate::ui::page_data::{PageData, page_data};
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitleText;
use crate::ui::show_again::Done;
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};
use std::future::Future;

/// Home-page data: `fetch` of what `source` reads when the signed-in person's roles in the
/// enterprise they act for pass `wanted`, else nothing. The home page creates it at its top, not
/// in the dashboard: the dashboard's closure runs again as the person loads, and each run would
/// load it again.
fn when_acting<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    wanted: fn(Roles) -> bool,
    fetch: fn(S) -> Fut,
) -> PageData<Option<Result<T, AppError>>>
where
    S: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let session = crate::features::auth::signed_in::use_session();
    page_data(source, move |source| async move {
        let roles = session
            .me
            .await
            .ok()
            .flatten()
            .and_then(|me| me.acting().map(|enterprise| enterprise.roles()))?;
        if wanted(roles) {
            Some(fetch(source).await)
        } else {
            None
        }
    })
}

/// The home page's search of its groups and the page of them, as the address holds them.
fn group_query_from_address() -> Memo<GroupQuery> {
    let address = use_query_map();
    Memo::new(move |_| {
        address.with(|q| GroupQuery {
            search: q.get("group_search").unwrap_or_default(),
            after: q.get("groups_after").filter(|a| !a.is_empty()),
        })
    })
}

/// A page of the groups the signed-in person manages, when they administer an active
/// enterprise: the one the address asks for.
pub fn managed_groups_data() -> PageData<Option<Result<GroupList, AppError>>> {
    let query = group_query_from_address();
    when_acting(move || query.get(), Roles::manages_users, managed_groups)
}

/// The signed-in person's own access, when they act for an active enterprise.
pub fn my_access_data() -> PageData<Option<Result<MyAccess, AppError>>> {
    when_acting(
        || (),
        |roles| roles.enterprise_active,
        |()| read_my_access(),
    )
}

/// The groups whose users the signed-in administrator manages, with their counts, searched by
/// name and a page at a time (the search and the page live in the address).
#[component]
pub fn ManagedGroups(groups: PageData<Option<Result<GroupList, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let query = group_query_from_address();
    view! {
        // Not a landmark of its own: the table's scrollable region carries the heading's name.
        <div class="card">
            <h2 id="groups-heading">{t!(i18n, users.groups_heading)}</h2>
            <p>{t!(i18n, users.groups_lead)}</p>
            <Form method="GET" action="/" attr:class="filters" attr:role="search">
                <SearchField
                    id="group-search"
                    name="group_search"
                    label=Signal::derive(move || t_string!(i18n, users.group_search_label).to_owned())
                    value=Signal::derive(move || query.with(|q| q.search.clone()))
                />
                <button type="submit" class="button">{t!(i18n, users.search)}</button>
            </Form>
            <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
                {move || {
                    groups
                        .get()
                        .flatten()
                        .map(|result| match result {
                            Ok(list) if list.groups.is_empty() => {
                                let searched = !query.with_untracked(|q| q.search.trim().is_empty());
                                if searched {
                                    view! { <p class="notice" role="status">{t!(i18n, users.no_groups_found)}</p> }.into_any()
                                } else {
                                    view! { <p class="notice">{t!(i18n, users.no_groups)}</p> }.into_any()
                                }
                            }
                            Ok(list) => {
                                let current = query.get_untracked();
                                view! {
                                    <GroupTable groups=list.groups />
                                    <Pager
                                        label=Signal::derive(move || t_string!(i18n, users.groups_heading).to_owned())
                                        base="/".to_owned()
                                        pairs=vec![("group_search", current.search)]
                                        after="groups_after"
                                        later=current.after.is_some()
                                        next=list.next
                                    />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <FormError error /> }.into_any(),
                        })
                }}
            </Transition>
            <p class="actions">
                <A href="/users" attr:class="button">{t!(i18n, users.users_link)}</A>
            </p>
        </div>
    }
}

#[component]
fn GroupTable(groups: Vec<GroupCard>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = groups
        .into_iter()
        .map(|group| {
            let name = group.name.clone();
            view! {
                <tr>
                    <td>
                        <A href=format!("/groups/{}", group.id)>{move || name.get(i18n.get_locale()).to_owned()}</A>
                    </td>
                    <td class="number" data-label=move || t_string!(i18n, users.active_users)>{group.users_active}</td>
                    <td class="number" data-label=move || t_string!(i18n, users.blocked_users)>{group.users_blocked}</td>
                    <td class="number" data-label=move || t_string!(i18n, users.offered_services)>{group.services.len()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="groups-heading">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users.group)}</th>
                        <th scope="col" class="number">{t!(i18n, users.active_users)}</th>
                        <th scope="col" class="number">{t!(i18n, users.blocked_users)}</th>
                        <th scope="col" class="number">{t!(i18n, users.offered_services)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The group in the address (`/groups/:id`).
pub(super) fn group_from_address() -> Memo<Option<GroupId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok()).map(GroupId)))
}

/// The group in the address with its counts and services (or the refusal to show).
pub(super) fn group_data(
    group: Memo<Option<GroupId>>,
) -> PageData<Result<(Groups, GroupId), AppError>> {
    page_data(
        move || group.get(),
        |group| async move {
            let Some(group) = group else {
                return Err(AppError::Refused {
                    reason: Refusal::OutsideOwnScope,
                });
            };
            Ok((managed_group(group).await?, group))
        },
    )
}

/// `/groups/:id`: the group's counts and services, "Add user", and its users.
#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let group = group_from_address();
    let query = query_from_address();
    let card = group_data(group);
    let page = page_data(
        move || (query.get(), group.get()),
        |(mut query, group)| async move {
            query.group = group;
            list_users(query).await
        },
    );
    view! {
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                card
                    .get()
                    .map(|result| {
                        match result {
                            Ok((groups, id)) => view! { <GroupView catalog=StoredValue::new(groups) group=id query page /> }.into_any(),
                            Err(error) => view! { <PageError error titled=true /> }.into_any(),
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn GroupView(
    catalog: StoredValue<Groups>,
    group: GroupId,
    query: Memo<UserQuery>,
    page: PageData<Result<UserPage, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let card = catalog.with_value(|c| c.group(group).cloned());
    let Some(card) = card else {
        return ().into_any();
    };
    let name = StoredValue::new(card.name.clone());
    let title = Signal::derive(move || name.with_value(|n| n.get(i18n.get_locale()).to_owned()));
    let services = card.services.clone();
    let offered = move || catalog.with_value(|c| service_names(c, &services, i18n.get_locale()));
    let address = use_query_map();
    let done = move |what: Done| address.with(Done::in_address) == Some(what);
    let base = format!("/groups/{group}");
    let group_name = name.with_value(|n| n.get(i18n.get_locale_untracked()).to_owned());
    view! {
        <PageTitleText page=title />
        <h1>{move || name.with_value(|n| n.get(i18n.get_locale()).to_owned())}</h1>
        <dl class="facts">
            <dt>{t!(i18n, users.active_users)}</dt>
            <dd>{card.users_active}</dd>
            <dt>{t!(i18n, users.blocked_users)}</dt>
            <dd>{card.users_blocked}</dd>
            <dt>{t!(i18n, users.offered_services)}</dt>
            <dd>{offered}</dd>
        </dl>
        <p class="actions">
            <A href=format!("/groups/{group}/add") attr:class="button primary">{t!(i18n, users.add_user)}</A>
        </p>
        <Show when=move || done(Done::Added)>
            <p class="notice success" role="status">{t!(i18n, users.created)}</p>
        </Show>
        <Show when=move || done(Done::Removed)>
            <p class="notice success" role="status">{t!(i18n, users.removed_done)}</p>
        </Show>
        <h2 id="users-heading">{t!(i18n, users.title)}</h2>
        <Filters query action=base.clone() />
        <Results query page base group=Some((group, group_name)) />
    }
    .into_any()
}

/// The online services the signed-in person may use here now, and where they are blocked.
#[component]
pub fn MyServices(access: PageData<Option<Result<MyAccess, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="my-services-heading">
            <h2 id="my-services-heading">{t!(i18n, users.my_services)}</h2>
            <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
                {move || {
                    access
                        .get()
                        .flatten()
                        .map(|result| match result {
                            Ok(access) => {
                                let usable = access.usable();
                                let none = usable.is_empty();
                                let blocked: Vec<GroupId> = access
                                    .memberships
                                    .iter()
                                    .filter(|m| m.blocked)
                                    .map(|m| m.group)
                                    .collect();
                                let catalog = StoredValue::new(access.catalog);
                                let services = move || {
                                    catalog.with_value(|c| service_names(c, &usable, i18n.get_locale()))
                                };
                                let blocked_names = move || {
                                    let locale = i18n.get_locale();
                                    catalog.with_value(|c| {
                                        blocked
                                            .iter()
                                            .map(|g| c.group(*g).map_or_else(|| format!("#{g}"), |g| g.name.get(locale).to_owned()))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    })
                                };
                                view! {
                                    {if none {
                                        view! { <p>{t!(i18n, users.my_services_none)}</p> }.into_any()
                                    } else {
                                        view! { <p class="my-services">{services}</p> }.into_any()
                                    }}
                                    {move || {
                                        let names = blocked_names();
                                        (!names.is_empty())
                                            .then(|| view! { <p class="notice">{t!(i18n, users.blocked_in)} " " {names}</p> })
                                    }}
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <FormError error /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}
