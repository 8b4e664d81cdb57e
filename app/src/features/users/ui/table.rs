//! A page of users as a table: name, NRN, groups (or, on a group's page, the services there),
//! state, and the eye (open), pencil (edit in this group) and bin (remove from this group).

use super::{Icon, IconSvg, StatusBadge, service_names};
use crate::domain::{GroupId, PersonId};
use crate::features::users::api::RemoveUser;
use crate::features::users::{Names, Naming, UserRow, UserStatus};
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::ui::confirm::AskingButton;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::show_again::{Done, show_again};
use leptos::prelude::*;

/// The users of one page; `group` (with its name) for the table on a group's page, whose rows
/// also edit and remove.
#[component]
pub fn UserTable(
    rows: Vec<UserRow>,
    catalog: StoredValue<Names>,
    #[prop(default = None)] group: Option<(GroupId, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_group_page = group.is_some();
    let text = RowText::new(i18n.get_locale_untracked(), on_group_page);
    if rows.is_empty() {
        return view! { <p class="notice" role="status">{t!(i18n, users.none_found)}</p> }
            .into_any();
    }
    // The rows written out as they are built: each a string, not a view kept to be resolved and
    // written with the page (fifty rows' views moved through the page's futures cost a tenth
    // of the page's time). Leptos escapes every value as it writes it.
    let rows: String = rows
        .into_iter()
        .map(|row| {
            view! { <Row row=row catalog group=group.clone() text=text.clone() /> }.to_html()
        })
        .collect();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="users-heading">
            <table class="data-table users-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users.name)}</th>
                        <th scope="col">{t!(i18n, users.nrn_label_short)}</th>
                        <th scope="col">
                            {move || {
                                if on_group_page {
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
                <tbody inner_html=rows></tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What every row of one table shares: the page's language and the labels of its cells.
#[derive(Clone)]
struct RowText {
    locale: Locale,
    nrn: &'static str,
    third: &'static str,
    blocked: &'static str,
    view: &'static str,
    edit: &'static str,
}

impl RowText {
    fn new(locale: Locale, on_group_page: bool) -> RowText {
        RowText {
            locale,
            nrn: td_string!(locale, users.nrn_label_short),
            third: if on_group_page {
                td_string!(locale, users.offered_services)
            } else {
                td_string!(locale, users.groups)
            },
            blocked: td_string!(locale, users.status_blocked),
            view: td_string!(locale, users.view),
            edit: td_string!(locale, users.edit),
        }
    }
}

/// One user. Rendered once, on the server, in the page's language: plain values, no closures
/// (a page has fifty rows); only the bin is an island.
#[component]
fn Row(
    row: UserRow,
    catalog: StoredValue<Names>,
    group: Option<(GroupId, String)>,
    text: RowText,
) -> impl IntoView {
    let person = row.person;
    let locale = text.locale;
    let group_name = group.as_ref().map(|(_, name)| name.clone());
    let group = group.map(|(id, _)| id);
    let membership = group.and_then(|g| row.memberships.iter().find(|m| m.group == g));
    let status = match membership {
        Some(m) if m.blocked => UserStatus::Blocked,
        Some(_) => UserStatus::Active,
        None => row.status(),
    };
    let third = catalog.with_value(|catalog| match membership {
        Some(m) => service_names(catalog, &m.services, locale),
        None => row
            .memberships
            .iter()
            .map(|m| {
                let name = catalog.group_name(m.group).map_or_else(
                    || format!("#{}", m.group),
                    |name| name.get(locale).to_owned(),
                );
                if m.blocked {
                    format!("{name} ({})", text.blocked)
                } else {
                    name
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    });
    let edit = group.map(|g| {
        view! {
            <a href=format!("/users/{person}?group={g}") class="icon-button" aria-label=format!("{}: {}", text.edit, row.name)>
                <IconSvg icon=Icon::Pencil />
            </a>
        }
    });
    let remove = group.zip(group_name).map(|(group, group_name)| {
        view! {
            <RemoveFromGroup
                person
                version=row.version
                name=row.name.clone()
                group
                group_name
            />
        }
    });
    view! {
        <tr>
            <td>{row.name.clone()}</td>
            <td class="nowrap" data-label=text.nrn>{row.nrn}</td>
            <td data-label=text.third>{third}</td>
            <td>
                <StatusBadge status />
            </td>
            <td class="row-actions">
                <a href=format!("/users/{person}") class="icon-button" aria-label=format!("{}: {}", text.view, row.name)>
                    <IconSvg icon=Icon::Eye />
                </a>
                {edit}
                {remove}
            </td>
        </tr>
    }
}

/// The bin of a row on a group's page: asks, removes the user from the group, and shows the
/// page again (its counts and list as they are now).
#[island]
fn RemoveFromGroup(
    person: PersonId,
    version: i64,
    name: String,
    group: GroupId,
    group_name: String,
) -> impl IntoView {
    let locale = page_locale();
    let remove = ServerAction::<RemoveUser>::new();
    Effect::new(move |_| {
        if matches!(remove.value().get(), Some(Ok(()))) {
            show_again(Done::Removed, &[]);
        }
    });
    let question = td_string!(
        locale,
        users.remove_confirm,
        name = name.clone(),
        group = group_name
    )
    .to_string();
    let label = format!("{}: {name}", td_string!(locale, users.remove));
    view! {
        <Interactive>
        <AskingButton
            class="icon-button danger"
            label
            question
            yes=td_string!(locale, users.confirm)
            no=td_string!(locale, users.cancel)
            on_confirm=Callback::new(move |()| {
                remove.dispatch(RemoveUser { person, group, version });
            })
        >
            <IconSvg icon=Icon::Bin />
        </AskingButton>
        {move || remove.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
        </Interactive>
    }
}
