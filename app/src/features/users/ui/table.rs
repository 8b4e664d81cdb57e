//! A page of users as a table: name, NRN, groups (or, on a group's page, the services there),
//! state, and the eye (open), pencil (edit in this group) and bin (remove from this group).

use super::{Icon, IconSvg, StatusBadge, service_names};
use crate::domain::GroupId;
use crate::features::users::{Names, Naming, UserRow, UserStatus};
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// The users of one page; `group` for the table on a group's page.
#[component]
pub fn UserTable(
    rows: Vec<UserRow>,
    catalog: StoredValue<Names>,
    #[prop(default = None)] group: Option<GroupId>,
    #[prop(default = None)] on_remove: Option<Callback<UserRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="notice" role="status">{t!(i18n, users.none_found)}</p> }
            .into_any();
    }
    let rows = rows
        .into_iter()
        .map(|row| view! { <Row row=row catalog group on_remove /> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="users-heading">
            <table class="data-table users-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users.name)}</th>
                        <th scope="col">{t!(i18n, users.nrn_label_short)}</th>
                        <th scope="col">
                            {move || {
                                if group.is_some() {
                                    t_string!(i18n, users.offered_services)
                                } else {
                                    t_string!(i18n, users.groups)
                                }
                            }}
                        </th>
                        <th scope="col">{t!(i18n, users.status)}</th>
                        <th scope="col">
                            <span class="visually-hidden">{t!(i18n, users.actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Row(
    row: UserRow,
    catalog: StoredValue<Names>,
    group: Option<GroupId>,
    on_remove: Option<Callback<UserRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let person = row.person;
    let name = row.name.clone();
    let membership = group.and_then(|g| row.memberships.iter().find(|m| m.group == g).cloned());
    let status = match &membership {
        Some(m) if m.blocked => UserStatus::Blocked,
        Some(_) => UserStatus::Active,
        None => row.status(),
    };
    let memberships = row.memberships.clone();
    let third = move || {
        let locale = i18n.get_locale();
        catalog.with_value(|catalog| match &membership {
            Some(m) => service_names(catalog, &m.services, locale),
            None => memberships
                .iter()
                .map(|m| {
                    let name = catalog.group_name(m.group).map_or_else(
                        || format!("#{}", m.group),
                        |name| name.get(locale).to_owned(),
                    );
                    if m.blocked {
                        format!("{name} ({})", t_string!(i18n, users.status_blocked))
                    } else {
                        name
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        })
    };
    let label = |action: &'static str, name: &str| format!("{action}: {name}");
    let view_label = {
        let name = name.clone();
        move || label(t_string!(i18n, users.view), &name)
    };
    let edit = group.map(|g| {
        let name = name.clone();
        let href = format!("/users/{person}?group={g}");
        view! {
            <A href=href attr:class="icon-button" attr:aria-label=move || label(t_string!(i18n, users.edit), &name)>
                <IconSvg icon=Icon::Pencil />
            </A>
        }
    });
    let remove = on_remove.map(|callback| {
        let name = name.clone();
        let row = row.clone();
        view! {
            <button
                type="button"
                class="icon-button danger"
                aria-label=move || label(t_string!(i18n, users.remove), &name)
                on:click=move |_| callback.run(row.clone())
            >
                <IconSvg icon=Icon::Bin />
            </button>
        }
    });
    view! {
        <tr>
            <td>{row.name.clone()}</td>
            <td class="nowrap" data-label=move || t_string!(i18n, users.nrn_label_short)>{row.nrn.clone()}</td>
            <td data-label=move || {
                if group.is_some() {
                    t_string!(i18n, users.offered_services)
                } else {
                    t_string!(i18n, users.groups)
                }
            }>{third}</td>
            <td>
                <StatusBadge status />
            </td>
            <td class="row-actions">
                <A href=format!("/users/{person}") attr:class="icon-button" attr:aria-label=view_label>
                    <IconSvg icon=Icon::Eye />
                </A>
                {edit}
                {remove}
            </td>
        </tr>
    }
}
