//! `/users`: every user in the administrator's scope, searched by name or NRN, filtered by group,
//! service and state, a page at a time (the filters and the page live in the address, so back
//! and forward work and a page can be shared).

use super::query_string;
use super::table::UserTable;
use crate::AppError;
use crate::domain::{GroupId, ServiceId};
use crate::features::users::api::{list_users, managed_groups};
use crate::features::users::{Groups, StatusFilter, UserPage, UserQuery};
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

/// The list's query as the address holds it.
pub(super) fn query_from_address() -> Memo<UserQuery> {
    let address = use_query_map();
    Memo::new(move |_| {
        address.with(|q| UserQuery {
            search: q.get("q").unwrap_or_default(),
            group: q.get("group").and_then(|g| g.parse().ok()).map(GroupId),
            service: q.get("service").and_then(|s| s.parse().ok()).map(ServiceId),
            status: match q.get("status").as_deref() {
                Some("active") => Some(StatusFilter::Active),
                Some("blocked") => Some(StatusFilter::Blocked),
                _ => None,
            },
            after: q.get("after").filter(|a| !a.is_empty()),
        })
    })
}

/// `query`'s filters (not its page) as address pairs.
pub(super) fn filter_pairs(query: &UserQuery) -> Vec<(&'static str, String)> {
    vec![
        ("q", query.search.clone()),
        (
            "group",
            query.group.map(|g| g.to_string()).unwrap_or_default(),
        ),
        (
            "service",
            query.service.map(|s| s.to_string()).unwrap_or_default(),
        ),
        (
            "status",
            match query.status {
                Some(StatusFilter::Active) => "active".into(),
                Some(StatusFilter::Blocked) => "blocked".into(),
                None => String::new(),
            },
        ),
    ]
}

/// The Users page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = query_from_address();
    // Both resources are created here, at the page's top, so that server and browser number
    // them alike whatever order the data arrives in.
    let catalog = Resource::new(|| (), |_| managed_groups());
    let page = Resource::new(move || query.get(), list_users);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, users.title)) />
        <h1 id="users-heading">{t!(i18n, users.title)}</h1>
        <p class="lead">{t!(i18n, users.lead)}</p>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                catalog
                    .get()
                    .map(|result| match result {
                        Ok(groups) => {
                            let catalog = StoredValue::new(groups);
                            view! {
                                <Filters catalog query action="/users".to_owned() />
                                <Results catalog query page base="/users".to_owned() />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The search box and filters, sent as a GET form to `action` (the address changes, the list
/// follows); on a group's page (`in_group`) without the group and service filters.
#[component]
pub(super) fn Filters(
    catalog: StoredValue<Groups>,
    query: Memo<UserQuery>,
    action: String,
    #[prop(optional)] in_group: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = query.get_untracked();
    let status = current.status;
    let selects = (!in_group).then(|| {
        let (selected_group, selected_service) = (current.group, current.service);
        let group_options = move || {
            let locale = i18n.get_locale();
            catalog.with_value(|c| {
                c.groups
                    .iter()
                    .map(|g| {
                        view! {
                            <option value=g.id.to_string() selected=Some(g.id) == selected_group>
                                {g.name.get(locale).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()
            })
        };
        let service_options = move || {
            let locale = i18n.get_locale();
            catalog.with_value(|c| {
                c.services
                    .iter()
                    .map(|s| {
                        view! {
                            <option value=s.id.to_string() selected=Some(s.id) == selected_service>
                                {s.name.get(locale).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()
            })
        };
        view! {
            <div class="field">
                <label for="user-group">{t!(i18n, users.group)}</label>
                <select id="user-group" name="group">
                    <option value="">{t!(i18n, users.any)}</option>
                    {group_options}
                </select>
            </div>
            <div class="field">
                <label for="user-service">{t!(i18n, users.service)}</label>
                <select id="user-service" name="service">
                    <option value="">{t!(i18n, users.any)}</option>
                    {service_options}
                </select>
            </div>
        }
    });
    view! {
        <Form method="GET" action attr:class="filters" attr:role="search">
            <div class="field">
                <label for="user-search">{t!(i18n, users.search_label)}</label>
                <input id="user-search" type="search" name="q" value=current.search autocomplete="off" />
            </div>
            {selects}
            <div class="field">
                <label for="user-status">{t!(i18n, users.status)}</label>
                <select id="user-status" name="status">
                    <option value="">{t!(i18n, users.any)}</option>
                    <option value="active" selected=status == Some(StatusFilter::Active)>
                        {t!(i18n, users.status_active)}
                    </option>
                    <option value="blocked" selected=status == Some(StatusFilter::Blocked)>
                        {t!(i18n, users.status_blocked)}
                    </option>
                </select>
            </div>
            <button type="submit" class="button primary">{t!(i18n, users.search)}</button>
        </Form>
    }
}

/// One page of the users `query` asks for, with the way to the next page; `base` is the
/// address of the page the list is on.
#[component]
pub(super) fn Results(
    catalog: StoredValue<Groups>,
    query: Memo<UserQuery>,
    page: Resource<Result<UserPage, AppError>>,
    base: String,
    #[prop(default = None)] group: Option<GroupId>,
    #[prop(default = None)] on_remove: Option<Callback<crate::features::users::UserRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => {
                            let current = query.get_untracked();
                            let filters = filter_pairs(&current);
                            let next = page
                                .next
                                .map(|next| {
                                    let mut pairs = filters.clone();
                                    pairs.push(("after", next));
                                    format!("{}{}", base, query_string(&pairs))
                                });
                            let first = current
                                .after
                                .is_some()
                                .then(|| format!("{}{}", base, query_string(&filters)));
                            view! {
                                <UserTable rows=page.rows catalog group on_remove />
                                <nav class="pager" aria-label=move || t_string!(i18n, users.users_link)>
                                    {first.map(|href| view! { <A href=href attr:class="button">{t!(i18n, users.first_page)}</A> })}
                                    {next.map(|href| view! { <A href=href attr:class="button">{t!(i18n, users.next_page)}</A> })}
                                </nav>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <FormError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}
