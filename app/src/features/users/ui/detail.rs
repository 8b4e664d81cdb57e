//! `/users/:id`: one user's groups, services per group, state per group, the services they hold
//! without a grant, and their history; block or unblock in all groups or one, remove from a
//! group, edit the services of a group (the pencil; `?group=` opens that group's editor).

use super::detail_group::GroupPermissions;
use super::{StatusBadge, service_names};
use crate::AppError;
use crate::domain::{GroupId, PersonId};
use crate::features::users::api::{BlockUser, RemoveUser, SetUserServices, read_user};
use crate::features::users::{Reach, UserDetail, UserStatus};
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::confirm::Confirm;
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use crate::ui::page_title::{PageTitle, PageTitleText};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A change waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pending {
    BlockEverywhere,
    UnblockEverywhere,
    Block(GroupId),
    Remove(GroupId),
}

/// What the last change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Blocked,
    Unblocked,
    Removed,
    Services,
}

/// The user detail page.
#[component]
pub fn UserDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|id| id.parse().ok()).map(PersonId))
    });
    let block = ServerAction::<BlockUser>::new();
    let unblock = ServerAction::<BlockUser>::new();
    let remove = ServerAction::<RemoveUser>::new();
    let services = ServerAction::<SetUserServices>::new();
    let detail = Resource::new(
        move || {
            (
                person.get(),
                block.version().get(),
                unblock.version().get(),
                remove.version().get(),
                services.version().get(),
            )
        },
        |(person, ..)| async move {
            match person {
                Some(person) => read_user(person).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let outcome = RwSignal::new(None::<Result<Done, AppError>>);
    Effect::new(move |_| {
        if let Some(result) = block.value().get() {
            outcome.set(Some(result.map(|()| Done::Blocked)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = unblock.value().get() {
            outcome.set(Some(result.map(|()| Done::Unblocked)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = remove.value().get() {
            outcome.set(Some(result.map(|()| Done::Removed)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = services.value().get() {
            outcome.set(Some(result.map(|()| Done::Services)));
        }
    });
    let removed = move || matches!(outcome.get(), Some(Ok(Done::Removed)));
    // Held by the page, so a confirmation stays open while the user is read again.
    let confirming = RwSignal::new(None::<Pending>);
    view! {
        <p>
            <A href="/users">{t!(i18n, users.back)}</A>
        </p>
        <Outcome outcome />
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                detail
                    .get()
                    .map(|result| match result {
                        Ok(user) => {
                            view! { <Detail user=StoredValue::new(user) block unblock remove services confirming /> }.into_any()
                        }
                        Err(_) if removed() => {
                            view! {
                                <PageTitle page=Signal::derive(move || t_string!(i18n, users.title)) />
                                <p class="notice">{t!(i18n, users.gone)}</p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error titled=true /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn Outcome(outcome: RwSignal<Option<Result<Done, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        outcome.get().map(|result| match result {
            Ok(done) => {
                let text = move || match done {
                    Done::Blocked => t_string!(i18n, users.blocked_done),
                    Done::Unblocked => t_string!(i18n, users.unblocked_done),
                    Done::Removed => t_string!(i18n, users.removed_done),
                    Done::Services => t_string!(i18n, users.services_done),
                };
                view! { <p class="notice success" role="status">{text}</p> }.into_any()
            }
            Err(error) => view! { <FormError error /> }.into_any(),
        })
    }
}

#[component]
fn Detail(
    user: StoredValue<UserDetail>,
    block: ServerAction<BlockUser>,
    unblock: ServerAction<BlockUser>,
    remove: ServerAction<RemoveUser>,
    services: ServerAction<SetUserServices>,
    confirming: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, nrn, person, version, everywhere, memberships) = user.with_value(|u| {
        (
            u.name.clone(),
            u.nrn.clone(),
            u.person,
            u.version,
            u.may_act_everywhere,
            u.memberships.clone(),
        )
    });
    let status = UserStatus::of(&memberships);
    let any_active = memberships.iter().any(|m| !m.blocked);
    let any_blocked = memberships.iter().any(|m| m.blocked);
    let editing = RwSignal::new(
        use_query_map()
            .with_untracked(|q| q.get("group").and_then(|g| g.parse().ok()).map(GroupId)),
    );
    let group_name = move |group: GroupId| {
        user.with_value(|u| {
            u.catalog.group(group).map_or_else(
                || format!("#{group}"),
                |g| g.name.get(i18n.get_locale()).to_owned(),
            )
        })
    };
    let confirm_view = move || {
        confirming.get().map(|pending| {
            let question = {
                let name = user.with_value(|u| u.name.clone());
                Signal::derive(move || {
                    let name = name.clone();
                    match pending {
                        Pending::BlockEverywhere => {
                            t_string!(i18n, users.block_all_confirm, name = name).to_string()
                        }
                        Pending::UnblockEverywhere => {
                            t_string!(i18n, users.unblock_all_confirm, name = name).to_string()
                        }
                        Pending::Block(group) => {
                            t_string!(i18n, users.block_confirm, name = name, group = group_name(group))
                                .to_string()
                        }
                        Pending::Remove(group) => {
                            t_string!(i18n, users.remove_confirm, name = name, group = group_name(group))
                                .to_string()
                        }
                    }
                })
            };
            view! {
                <Confirm
                    question
                    yes=Signal::derive(move || t_string!(i18n, users.confirm))
                    no=Signal::derive(move || t_string!(i18n, users.cancel))
                    on_confirm=Callback::new(move |()| {
                        match pending {
                            Pending::BlockEverywhere => {
                                block.dispatch(BlockUser { person, reach: Reach::Everywhere, block: true, version });
                            }
                            Pending::UnblockEverywhere => {
                                unblock.dispatch(BlockUser { person, reach: Reach::Everywhere, block: false, version });
                            }
                            Pending::Block(group) => {
                                block.dispatch(BlockUser { person, reach: Reach::Group(group), block: true, version });
                            }
                            Pending::Remove(group) => {
                                remove.dispatch(RemoveUser { person, group, version });
                            }
                        }
                        confirming.set(None);
                    })
                    on_cancel=Callback::new(move |()| confirming.set(None))
                />
            }
        })
    };
    let everywhere_bar = if everywhere {
        view! {
            <div class="toolbar">
                {any_active
                    .then(|| view! {
                        <button type="button" class="button danger" on:click=move |_| confirming.set(Some(Pending::BlockEverywhere))>
                            {t!(i18n, users.block)}
                        </button>
                    })}
                {any_blocked
                    .then(|| view! {
                        <button type="button" class="button" on:click=move |_| confirming.set(Some(Pending::UnblockEverywhere))>
                            {t!(i18n, users.unblock)}
                        </button>
                    })}
                <p class="hint">{t!(i18n, users.everywhere_hint)}</p>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="hint">{t!(i18n, users.everywhere_not_offered)}</p> }.into_any()
    };
    let groups = memberships
        .into_iter()
        .map(|membership| {
            view! { <GroupPermissions user membership confirming editing unblock services /> }
                .into_any()
        })
        .collect_view();
    let implicit =
        move || user.with_value(|u| service_names(&u.catalog, &u.implicit, i18n.get_locale()));
    let history = user.with_value(|u| u.history.clone());
    let history_rows = history
        .into_iter()
        .map(|event| {
            let entry = event.clone();
            let actor = event.actor.clone();
            view! {
                <tr>
                    <td class="nowrap">{event.time}</td>
                    <td data-label=move || t_string!(i18n, users.action)>{move || entry.action_label(i18n.get_locale())}</td>
                    <td data-label=move || t_string!(i18n, users.by)>{move || actor.label(i18n.get_locale())}</td>
                </tr>
            }
            .into_any()
        })
        .collect_view();
    let title = name.clone();
    view! {
        <PageTitleText page=Signal::derive(move || title.clone()) />
        <h1>{name.clone()}</h1>
        <p class="user-summary">
            <span>{t!(i18n, users.nrn)} ": " <span class="nowrap">{nrn}</span></span>
            " "
            <StatusBadge status />
        </p>
        {confirm_view}
        {view! {
            <section class="card" aria-labelledby="permissions-heading">
                <h2 id="permissions-heading">{t!(i18n, users.permissions)}</h2>
                {everywhere_bar}
                <ul class="memberships">{groups}</ul>
            </section>
        }
            .into_any()}
        <section class="card" aria-labelledby="implicit-heading">
            <h2 id="implicit-heading">{t!(i18n, users.implicit_heading)}</h2>
            <p>
                {implicit} " "
                <span class="badge implicit">{t!(i18n, users.implicit)}</span>
            </p>
        </section>
        <div>
            <h2 id="history-heading">{t!(i18n, users.history)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="history-heading">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, users.when)}</th>
                            <th scope="col">{t!(i18n, users.action)}</th>
                            <th scope="col">{t!(i18n, users.by)}</th>
                        </tr>
                    </thead>
                    <tbody>{history_rows}</tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}
