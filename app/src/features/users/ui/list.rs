//! `/users`: every user in the administrator's scope, searched by name or NRN, filtered by group,
//! service and state, a page at a time (the filters and the page live in the address, so back
//! and forward work and a page can be shared).

use super::table::UserTable;
use crate::AppError;
use crate::domain::{GroupId, ServiceId};
use crate::features::users::api::{filter_search, list_users, read_filter_choices};
use crate::features::users::{ChoiceKind, FilterChoices, StatusFilter, UserPage, UserQuery};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::list_controls::{Pager, SearchField};
use crate::ui::locale::page_locale;
use crate::ui::page_data::{PageData, page_data};
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use crate::ui::picker::{Choice, Choices, Picker};
use leptos::prelude::*;
use leptos_router::components::Form;
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
    // Both are created here, at the page's top: the closure below runs again as they load.
    let choices = page_data(
        move || query.with(|q| (q.group, q.service)),
        |(group, service)| read_filter_choices(group, service),
    );
    let page = page_data(move || query.get(), list_users);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, users.title)) />
        <h1 id="users-heading">{t!(i18n, users.title)}</h1>
        <p class="lead">{t!(i18n, users.lead)}</p>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                choices
                    .get()
                    .map(|result| match result {
                        Ok(choices) => {
                            view! {
                                <Filters query action="/users".to_owned() choices=Some(choices) />
                                <Results query page base="/users".to_owned() />
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
/// follows); the group and service pickers when `choices` are given (not on a group's page).
#[component]
pub(super) fn Filters(
    query: Memo<UserQuery>,
    action: String,
    #[prop(default = None)] choices: Option<FilterChoices>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = query.with_untracked(|q| q.status);
    let pickers = choices.map(|choices| {
        view! {
            <div class="field">
                <label for="user-group">{t!(i18n, users.group)}</label>
                <FilterPicker kind=ChoiceKind::Group initial=choices.groups chosen=choices.group />
            </div>
            <div class="field">
                <label for="user-service">{t!(i18n, users.service)}</label>
                <FilterPicker kind=ChoiceKind::Service initial=choices.services chosen=choices.service />
            </div>
        }
    });
    view! {
        <Form method="GET" action attr:class="filters" attr:role="search">
            <SearchField
                id="user-search"
                name="q"
                label=Signal::derive(move || t_string!(i18n, users.search_label).to_owned())
                value=Signal::derive(move || query.with(|q| q.search.clone()))
            />
            {pickers}
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

/// The group or service filter: a select when the scope holds few, else a field that asks the
/// server as one types (its label is the caller's, `for` the field's id).
#[island(lazy)]
fn FilterPicker(kind: ChoiceKind, initial: Choices, chosen: Option<Choice>) -> impl IntoView {
    let (id, name) = match kind {
        ChoiceKind::Group => ("user-group", "group"),
        ChoiceKind::Service => ("user-service", "service"),
    };
    view! {
        <Interactive>
        <Picker
            id=id.to_owned()
            name=name.to_owned()
            initial
            chosen
            any=td_string!(page_locale(), users.any)
            search=move |text| filter_search(kind, text)
        />
        </Interactive>
    }
}

/// One page of the users `query` asks for, with the way to the next page; `base` is the
/// address of the page the list is on.
#[component]
pub(super) fn Results(
    query: Memo<UserQuery>,
    page: PageData<Result<UserPage, AppError>>,
    base: String,
    #[prop(default = None)] group: Option<(GroupId, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => {
                            let current = query.get_untracked();
                            let catalog = StoredValue::new(page.names);
                            view! {
                                <UserTable rows=page.rows catalog group=group.clone() />
                                <Pager
                                    label=Signal::derive(move || t_string!(i18n, users.users_link).to_owned())
                                    base=base.clone()
                                    pairs=filter_pairs(&current)
                                    after="after"
                                    later=current.after.is_some()
                                    next=page.next
                                />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <FormError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}
