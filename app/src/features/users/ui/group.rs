//! The groups an administrator manages (a table on the home page), one group's page with its
//! users ("Add user", pencil, bin), and the signed-in person's own services.

use super::list::{Filters, Results, query_from_address};
use super::service_names;
use crate::AppError;
use crate::domain::GroupId;
use crate::features::users::api::{RemoveUser, list_users, managed_groups, read_my_access};
use crate::features::users::{Groups, MyAccess, UserPage, UserQuery, UserRow};
use crate::i18n::{t, t_string, use_i18n};
use crate::policy::{Refusal, Roles};
use crate::ui::confirm::Confirm;
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitleText;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// A home-page resource: `fetch` when the signed-in person's roles in the enterprise they act
/// for pass `wanted`, else nothing. The home page creates its resources at its top (not in the
/// dashboard, which appears once the person is loaded), so that server and browser number them
/// alike.
fn when_acting<T, Fut>(
    wanted: fn(Roles) -> bool,
    fetch: fn() -> Fut,
) -> Resource<Option<Result<T, AppError>>>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let session = crate::features::auth::signed_in::use_session();
    Resource::new(
        || (),
        move |_| async move {
            let roles = session
                .me
                .await
                .ok()
                .flatten()
                .and_then(|me| me.acting().map(|enterprise| enterprise.roles()))?;
            if wanted(roles) {
                Some(fetch().await)
            } else {
                None
            }
        },
    )
}

/// The groups the signed-in person manages, when they administer an active enterprise.
pub fn managed_groups_resource() -> Resource<Option<Result<Groups, AppError>>> {
    when_acting(Roles::manages_users, managed_groups)
}

/// The signed-in person's own access, when they act for an active enterprise.
pub fn my_access_resource() -> Resource<Option<Result<MyAccess, AppError>>> {
    when_acting(|roles| roles.enterprise_active, read_my_access)
}

/// The groups whose users the signed-in administrator manages, with their counts.
#[component]
pub fn ManagedGroups(groups: Resource<Option<Result<Groups, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // Not a landmark of its own: the table's scrollable region carries the heading's name.
        <div class="card">
            <h2 id="groups-heading">{t!(i18n, users.groups_heading)}</h2>
            <p>{t!(i18n, users.groups_lead)}</p>
            <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
                {move || {
                    groups
                        .get()
                        .flatten()
                        .map(|result| match result {
                            Ok(groups) if groups.groups.is_empty() => {
                                view! { <p class="notice">{t!(i18n, users.no_groups)}</p> }.into_any()
                            }
                            Ok(groups) => view! { <GroupTable groups /> }.into_any(),
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
fn GroupTable(groups: Groups) -> impl IntoView {
    let i18n = use_i18n();
    let rows = groups
        .groups
        .into_iter()
        .map(|group| {
            let name = group.name.clone();
            view! {
                <tr>
                    <td>
                        <A href=format!("/groups/{}", group.id)>{move || name.get(i18n.get_locale()).to_owned()}</A>
                    </td>
                    <td class="number">{group.users_active}</td>
                    <td class="number">{group.users_blocked}</td>
                    <td class="number">{group.services.len()}</td>
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

/// The group `group` among the groups the viewer manages, or the refusal to show.
pub(super) fn managed(
    groups: Result<Groups, AppError>,
    group: Option<GroupId>,
) -> Result<(Groups, GroupId), AppError> {
    let groups = groups?;
    match group.filter(|g| groups.group(*g).is_some()) {
        Some(group) => Ok((groups, group)),
        None => Err(AppError::Refused {
            reason: Refusal::OutsideOwnScope,
        }),
    }
}

/// `/groups/:id`: the group's counts and services, "Add user", and its users.
#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let group = group_from_address();
    let query = query_from_address();
    let remove = ServerAction::<RemoveUser>::new();
    // Created here, at the page's top, so that server and browser number them alike. Read
    // again after a removal, so that the group's counts stay true.
    let catalog = Resource::new(move || remove.version().get(), |_| managed_groups());
    let page = Resource::new(
        move || (query.get(), group.get(), remove.version().get()),
        |(mut query, group, _)| async move {
            query.group = group;
            list_users(query).await
        },
    );
    view! {
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                catalog
                    .get()
                    .map(|result| {
                        match managed(result, group.get()) {
                            Ok((groups, id)) => view! { <GroupView catalog=StoredValue::new(groups) group=id query page remove /> }.into_any(),
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
    page: Resource<Result<UserPage, AppError>>,
    remove: ServerAction<RemoveUser>,
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
    let added = move || use_query_map().with(|q| q.get("added").is_some());
    let confirming = RwSignal::new(None::<UserRow>);
    let on_remove = Callback::new(move |row: UserRow| confirming.set(Some(row)));
    let base = format!("/groups/{group}");
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
        <Show when=added>
            <p class="notice success" role="status">{t!(i18n, users.created)}</p>
        </Show>
        {move || match remove.value().get() {
            Some(Ok(())) => view! { <p class="notice success" role="status">{t!(i18n, users.removed_done)}</p> }.into_any(),
            Some(Err(error)) => view! { <FormError error /> }.into_any(),
            None => ().into_any(),
        }}
        {move || {
            confirming
                .get()
                .map(|row| {
                    let question = {
                        let row_name = row.name.clone();
                        Signal::derive(move || {
                            let group_name = name.with_value(|n| n.get(i18n.get_locale()).to_owned());
                            t_string!(
                                i18n,
                                users.remove_confirm,
                                name = row_name.clone(),
                                group = group_name
                            )
                            .to_string()
                        })
                    };
                    let (person, version) = (row.person, row.version);
                    view! {
                        <Confirm
                            question
                            yes=Signal::derive(move || t_string!(i18n, users.confirm))
                            no=Signal::derive(move || t_string!(i18n, users.cancel))
                            on_confirm=Callback::new(move |()| {
                                remove.dispatch(RemoveUser { person, group, version });
                                confirming.set(None);
                            })
                            on_cancel=Callback::new(move |()| confirming.set(None))
                        />
                    }
                })
        }}
        <h2 id="users-heading">{t!(i18n, users.title)}</h2>
        <Filters catalog query action=base.clone() in_group=true />
        <Results catalog query page base group=Some(group) on_remove=Some(on_remove) />
    }
    .into_any()
}

/// The online services the signed-in person may use here now, and where they are blocked.
#[component]
pub fn MyServices(access: Resource<Option<Result<MyAccess, AppError>>>) -> impl IntoView {
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
