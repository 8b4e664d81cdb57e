//! One group on the user page: the user's state and services there, and what the viewer may do
//! (unblock, block, remove, edit the services with the picker).

use super::detail::Pending;
use super::service_picker::ServicePicker;
use super::{Icon, IconSvg, StatusBadge, service_names};
use crate::domain::GroupId;
use crate::features::users::api::{BlockUser, SetUserServices};
use crate::features::users::{Membership, Reach, UserDetail, UserStatus};
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// One group of the user: state, services, and what the viewer may do there.
#[component]
pub(super) fn GroupPermissions(
    user: StoredValue<UserDetail>,
    membership: Membership,
    confirming: RwSignal<Option<Pending>>,
    editing: RwSignal<Option<GroupId>>,
    unblock: ServerAction<BlockUser>,
    services: ServerAction<SetUserServices>,
) -> impl IntoView {
    let i18n = use_i18n();
    let group = membership.group;
    let (person, version, manageable, name) = user.with_value(|u| {
        (
            u.person,
            u.version,
            u.manageable.contains(&group),
            StoredValue::new(u.name.clone()),
        )
    });
    let group_name = move || {
        user.with_value(|u| {
            u.catalog.group(group).map_or_else(
                || format!("#{group}"),
                |g| g.name.get(i18n.get_locale()).to_owned(),
            )
        })
    };
    let granted = membership.services.clone();
    let granted_names =
        move || user.with_value(|u| service_names(&u.catalog, &granted, i18n.get_locale()));
    let status = if membership.blocked {
        UserStatus::Blocked
    } else {
        UserStatus::Active
    };
    let heading = format!("group-{group}");
    let labelled_by = heading.clone();
    let label =
        move |action: &'static str| format!("{action}: {} — {}", name.get_value(), group_name());
    let actions = manageable.then(|| {
        let blocked = membership.blocked;
        view! {
            <div class="toolbar">
                {if blocked {
                    view! {
                        <button
                            type="button"
                            class="button"
                            aria-label=move || label(t_string!(i18n, users.unblock))
                            on:click=move |_| {
                                unblock.dispatch(BlockUser { person, reach: Reach::Group(group), block: false, version });
                            }
                        >
                            {t!(i18n, users.unblock)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button danger"
                            aria-label=move || label(t_string!(i18n, users.block))
                            on:click=move |_| confirming.set(Some(Pending::Block(group)))
                        >
                            {t!(i18n, users.block)}
                        </button>
                    }
                        .into_any()
                }}
                <button
                    type="button"
                    class="icon-button"
                    aria-label=move || label(t_string!(i18n, users.edit))
                    aria-expanded=move || (editing.get() == Some(group)).to_string()
                    on:click=move |_| editing.update(|e| *e = if *e == Some(group) { None } else { Some(group) })
                >
                    <IconSvg icon=Icon::Pencil />
                </button>
                <button
                    type="button"
                    class="icon-button danger"
                    aria-label=move || label(t_string!(i18n, users.remove))
                    on:click=move |_| confirming.set(Some(Pending::Remove(group)))
                >
                    <IconSvg icon=Icon::Bin />
                </button>
            </div>
        }
        .into_any()
    });
    let editor = move || {
        (manageable && editing.get() == Some(group))
            .then(|| view! { <ServiceEditor user membership=membership.clone() services /> })
    };
    view! {
        <li class="membership" aria-labelledby=labelled_by>
            <h3 id=heading>{group_name} " " <StatusBadge status /></h3>
            {(!manageable).then(|| view! { <p class="hint">{t!(i18n, users.not_in_scope)}</p> })}
            <p>{t!(i18n, users.offered_services)} ": " {granted_names}</p>
            {actions}
            {editor}
        </li>
    }
    .into_any()
}

/// The services of one group as checkboxes, saved together.
#[component]
fn ServiceEditor(
    user: StoredValue<UserDetail>,
    membership: Membership,
    services: ServerAction<SetUserServices>,
) -> impl IntoView {
    let i18n = use_i18n();
    let group = membership.group;
    let chosen = RwSignal::new(membership.services.clone());
    let (person, version, offered) =
        user.with_value(|u| (u.person, u.version, u.catalog.offered_by(group).0));
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        services.dispatch(SetUserServices {
            person,
            group,
            services: chosen.get_untracked(),
            version,
        });
    };
    view! {
        <form class="form service-editor" on:submit=on_submit>
            <fieldset class="checks">
                <legend>{t!(i18n, users.services)}</legend>
                <ServicePicker services=offered chosen id_prefix=format!("edit-{group}") />
            </fieldset>
            <button type="submit" class="button primary" disabled=move || services.pending().get()>
                {t!(i18n, users.save_services)}
            </button>
        </form>
    }
}
