//! The user page's "Permissions" card, the island of the page: the user's groups with their
//! state and services, and what the viewer may do there — block or unblock in all groups or one,
//! remove from a group (each asked first, but unblocking in one group), edit a group's services.
//! After a change the page is shown again as the server renders it now.

use super::service_picker::{Offered, ServicePicker};
use super::{Icon, IconSvg, StatusBadge, service_names};
use crate::domain::{GroupId, PersonId, ServiceId};
use crate::features::users::api::{BlockUser, RemoveUser, SetUserServices};
use crate::features::users::{Reach, UserDetail, UserStatus};
use crate::i18n::{Locale, td_string};
use crate::ui::confirm::Confirm;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::show_again::{Done, show_again};
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the card shows and changes, named in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    /// Whose.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// The user's version the page was read at (a change made meanwhile refuses these).
    pub version: i64,
    /// The viewer may block and unblock in all groups at once.
    pub everywhere: bool,
    /// Every group of the user.
    pub groups: Vec<GroupAccess>,
}

/// One group of the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupAccess {
    /// Which.
    pub group: GroupId,
    /// Its name.
    pub name: String,
    /// Blocked there.
    pub blocked: bool,
    /// The services granted there.
    pub services: Vec<ServiceId>,
    /// Their names, comma-separated.
    pub service_names: String,
    /// The viewer manages the group.
    pub manageable: bool,
    /// What the group offers to grant (empty unless manageable).
    pub offered: Vec<Offered>,
}

impl Access {
    /// The card of `user`, named in `locale`.
    pub fn of(user: &UserDetail, locale: Locale) -> Access {
        let groups = user
            .memberships
            .iter()
            .map(|membership| {
                let group = membership.group;
                let manageable = user.manageable.contains(&group);
                GroupAccess {
                    group,
                    name: user
                        .catalog
                        .group(group)
                        .map_or_else(|| format!("#{group}"), |g| g.name.get(locale).to_owned()),
                    blocked: membership.blocked,
                    services: membership.services.clone(),
                    service_names: service_names(&user.catalog, &membership.services, locale),
                    manageable,
                    offered: if manageable {
                        Offered::named(user.catalog.offered_by(group).0, locale)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        Access {
            person: user.person,
            name: user.name.clone(),
            version: user.version,
            everywhere: user.may_act_everywhere,
            groups,
        }
    }

    fn group_name(&self, group: GroupId) -> String {
        self.groups
            .iter()
            .find(|g| g.group == group)
            .map_or_else(|| format!("#{group}"), |g| g.name.clone())
    }
}

/// A change waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    BlockEverywhere,
    UnblockEverywhere,
    Block(GroupId),
    Remove(GroupId),
}

/// The changes of the card, and what each one's success is called in the address.
#[derive(Clone, Copy)]
struct Actions {
    block: ServerAction<BlockUser>,
    remove: ServerAction<RemoveUser>,
    services: ServerAction<SetUserServices>,
    confirming: RwSignal<Option<Pending>>,
    editing: RwSignal<Option<GroupId>>,
    /// The last block or unblock was an unblock.
    unblocking: RwSignal<bool>,
}

/// The card. `editing` is the group whose services editor is open (the pencil of a group's
/// page opens the user with it).
#[island(lazy)]
pub fn Permissions(access: Access, editing: Option<GroupId>) -> impl IntoView {
    let locale = page_locale();
    let actions = Actions {
        block: ServerAction::new(),
        remove: ServerAction::new(),
        services: ServerAction::new(),
        confirming: RwSignal::new(None),
        editing: RwSignal::new(editing),
        unblocking: RwSignal::new(false),
    };
    let Actions {
        block,
        remove,
        services,
        confirming,
        unblocking,
        ..
    } = actions;
    // The editor's `group=` goes with the change: the page shows again with it closed.
    Effect::new(move |_| {
        if matches!(block.value().get(), Some(Ok(()))) {
            show_again(
                if unblocking.get_untracked() {
                    Done::Unblocked
                } else {
                    Done::Blocked
                },
                &["group"],
            );
        }
    });
    Effect::new(move |_| {
        if matches!(remove.value().get(), Some(Ok(()))) {
            show_again(Done::Removed, &["group"]);
        }
    });
    Effect::new(move |_| {
        if matches!(services.value().get(), Some(Ok(()))) {
            show_again(Done::Services, &["group"]);
        }
    });
    let failure = move || {
        [
            block.value().get(),
            remove.value().get(),
            services.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    };
    let access = StoredValue::new(access);
    let (person, version, everywhere) = access.with_value(|a| (a.person, a.version, a.everywhere));
    let any_active = access.with_value(|a| a.groups.iter().any(|g| !g.blocked));
    let any_blocked = access.with_value(|a| a.groups.iter().any(|g| g.blocked));
    let confirm_view = move || {
        confirming.get().map(|pending| {
            let name = access.with_value(|a| a.name.clone());
            let group_name = |group| access.with_value(|a| a.group_name(group));
            let question = match pending {
                Pending::BlockEverywhere => {
                    td_string!(locale, users.block_all_confirm, name = name)
                }
                Pending::UnblockEverywhere => {
                    td_string!(locale, users.unblock_all_confirm, name = name)
                }
                Pending::Block(group) => {
                    td_string!(
                        locale,
                        users.block_confirm,
                        name = name,
                        group = group_name(group)
                    )
                }
                Pending::Remove(group) => {
                    td_string!(
                        locale,
                        users.remove_confirm,
                        name = name,
                        group = group_name(group)
                    )
                }
            }
            .to_string();
            view! {
                <Confirm
                    question
                    yes=td_string!(locale, users.confirm)
                    no=td_string!(locale, users.cancel)
                    on_confirm=Callback::new(move |()| {
                        let (reach, blocking) = match pending {
                            Pending::BlockEverywhere => (Reach::Everywhere, true),
                            Pending::UnblockEverywhere => (Reach::Everywhere, false),
                            Pending::Block(group) => (Reach::Group(group), true),
                            Pending::Remove(group) => {
                                remove.dispatch(RemoveUser { person, group, version });
                                confirming.set(None);
                                return;
                            }
                        };
                        unblocking.set(!blocking);
                        block.dispatch(BlockUser { person, reach, block: blocking, version });
                        confirming.set(None);
                    })
                    on_cancel=Callback::new(move |()| confirming.set(None))
                />
            }
        })
    };
    let everywhere_bar = if everywhere {
        Either::Left(view! {
            <div class="toolbar">
                {any_active
                    .then(|| view! {
                        <button type="button" class="button danger" on:click=move |_| confirming.set(Some(Pending::BlockEverywhere))>
                            {td_string!(locale, users.block)}
                        </button>
                    })}
                {any_blocked
                    .then(|| view! {
                        <button type="button" class="button" on:click=move |_| confirming.set(Some(Pending::UnblockEverywhere))>
                            {td_string!(locale, users.unblock)}
                        </button>
                    })}
                <p class="hint">{td_string!(locale, users.everywhere_hint)}</p>
            </div>
        })
    } else {
        Either::Right(
            view! { <p class="hint">{td_string!(locale, users.everywhere_not_offered)}</p> },
        )
    };
    let groups = access
        .with_value(|a| a.groups.clone())
        .into_iter()
        .map(|group| view! { <GroupPermissions access group actions /> })
        .collect_view();
    view! {
        <Interactive>
        <section class="card" aria-labelledby="permissions-heading">
            <h2 id="permissions-heading">{td_string!(locale, users.permissions)}</h2>
            {move || failure().map(|error| view! { <FormError error /> })}
            {confirm_view}
            {everywhere_bar}
            <ul class="memberships">{groups}</ul>
        </section>
        </Interactive>
    }
}

/// One group of the user: state, services, and what the viewer may do there.
#[component]
fn GroupPermissions(
    access: StoredValue<Access>,
    group: GroupAccess,
    actions: Actions,
) -> impl IntoView {
    let locale = page_locale();
    let Actions {
        block,
        services,
        confirming,
        editing,
        unblocking,
        ..
    } = actions;
    let (person, version, name) = access.with_value(|a| (a.person, a.version, a.name.clone()));
    let id = group.group;
    let status = if group.blocked {
        UserStatus::Blocked
    } else {
        UserStatus::Active
    };
    let heading = format!("group-{id}");
    let labelled_by = heading.clone();
    let label = {
        let (name, group_name) = (name.clone(), group.name.clone());
        move |action: &'static str| format!("{action}: {name} — {group_name}")
    };
    let actions_bar = group.manageable.then(|| {
        let blocked = group.blocked;
        let (class, text) = if blocked {
            ("button", td_string!(locale, users.unblock))
        } else {
            ("button danger", td_string!(locale, users.block))
        };
        // Unblocking in one group is not asked; blocking is.
        let toggle = view! {
            <button
                type="button"
                class=class
                aria-label=label(text)
                on:click=move |_| {
                    if blocked {
                        unblocking.set(true);
                        block.dispatch(BlockUser { person, reach: Reach::Group(id), block: false, version });
                    } else {
                        confirming.set(Some(Pending::Block(id)));
                    }
                }
            >
                {text}
            </button>
        };
        view! {
            <div class="toolbar">
                {toggle}
                <button
                    type="button"
                    class="icon-button"
                    aria-label=label(td_string!(locale, users.edit))
                    aria-expanded=move || (editing.get() == Some(id)).to_string()
                    on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })
                >
                    <IconSvg icon=Icon::Pencil />
                </button>
                <button
                    type="button"
                    class="icon-button danger"
                    aria-label=label(td_string!(locale, users.remove))
                    on:click=move |_| confirming.set(Some(Pending::Remove(id)))
                >
                    <IconSvg icon=Icon::Bin />
                </button>
            </div>
        }
    });
    let editor = {
        let (granted, offered, manageable) = (
            group.services.clone(),
            group.offered.clone(),
            group.manageable,
        );
        move || {
            (manageable && editing.get() == Some(id)).then(|| {
                view! { <ServiceEditor person version group=id granted=granted.clone() offered=offered.clone() services /> }
            })
        }
    };
    view! {
        <li class="membership" aria-labelledby=labelled_by>
            <h3 id=heading>{group.name.clone()} " " <StatusBadge status /></h3>
            {(!group.manageable).then(|| view! { <p class="hint">{td_string!(locale, users.not_in_scope)}</p> })}
            <p>{td_string!(locale, users.offered_services)} ": " {group.service_names.clone()}</p>
            {actions_bar}
            {editor}
        </li>
    }
}

/// The services of one group as checkboxes, saved together.
#[component]
fn ServiceEditor(
    person: PersonId,
    version: i64,
    group: GroupId,
    granted: Vec<ServiceId>,
    offered: Vec<Offered>,
    services: ServerAction<SetUserServices>,
) -> impl IntoView {
    let locale = page_locale();
    let chosen = RwSignal::new(granted);
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
        <form class="form service-editor" method="post" on:submit=on_submit>
            <fieldset class="checks">
                <legend>{td_string!(locale, users.services)}</legend>
                <ServicePicker services=offered chosen id_prefix=format!("edit-{group}") />
            </fieldset>
            <button type="submit" class="button primary" disabled=move || services.pending().get()>
                {td_string!(locale, users.save_services)}
            </button>
        </form>
    }
}
