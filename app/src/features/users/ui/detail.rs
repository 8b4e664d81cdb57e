//! `/users/:id`: one user's groups, services per group, state per group, the services they hold
//! without a grant, and their history; the permissions card (an island) blocks or unblocks in
//! all groups or one, removes from a group and edits a group's services (`?group=` opens that
//! group's editor). After a change the page comes again with `done=` naming it.

use super::permissions::{Access, Permissions};
use super::{StatusBadge, service_names};
use crate::AppError;
use crate::domain::{GroupId, PersonId};
use crate::features::admins::ui::send_link::SignInStandingView;
use crate::features::users::api::read_user;
use crate::features::users::{UserDetail, UserStatus};
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::ui::page_data::page_data;
use crate::ui::page_error::PageError;
use crate::ui::page_title::{PageTitle, PageTitleText};
use crate::ui::show_again::Done;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// How the page announces a change just made to the user (named in the address).
fn done_message(done: Done, locale: Locale) -> Option<&'static str> {
    Some(match done {
        Done::Blocked => td_string!(locale, users.blocked_done),
        Done::Unblocked => td_string!(locale, users.unblocked_done),
        Done::Removed => td_string!(locale, users.removed_done),
        Done::Services => td_string!(locale, users.services_done),
        Done::LinkSent => td_string!(locale, invitations.sent_done),
        Done::Added | Done::Appointed | Done::Revoked => return None,
    })
}

/// The user detail page.
#[component]
pub fn UserDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let address = use_query_map();
    let person = Memo::new(move |_| {
        params.with(|p| p.get("id").and_then(|id| id.parse().ok()).map(PersonId))
    });
    let detail = page_data(
        move || person.get(),
        |person| async move {
            match person {
                Some(person) => read_user(person).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let done = move || address.with(Done::in_address);
    let editing =
        move || address.with(|q| q.get("group").and_then(|g| g.parse().ok()).map(GroupId));
    let outcome = move || {
        done()
            .and_then(|done| done_message(done, i18n.get_locale()))
            .map(|text| view! { <p class="notice success" role="status">{text}</p> })
    };
    view! {
        <p>
            <A href="/users">{t!(i18n, users.back)}</A>
        </p>
        {outcome}
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                detail
                    .get()
                    .map(|result| match result {
                        Ok(user) => view! { <Detail user editing=editing() /> }.into_any(),
                        // Removed from the last group the viewer could see them in: the
                        // detail is now outside their scope (or gone). Any other error is shown.
                        Err(AppError::Refused { .. } | AppError::NotFound)
                            if done() == Some(Done::Removed) =>
                        {
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
fn Detail(user: UserDetail, editing: Option<GroupId>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status = UserStatus::of(&user.memberships);
    let access = Access::of(&user, locale);
    let implicit = service_names(&user.catalog, &user.implicit, locale);
    let history_rows = user
        .history
        .iter()
        .map(|event| {
            view! {
                <tr>
                    <td class="nowrap">{event.time.clone()}</td>
                    <td data-label=t_string!(i18n, users.action)>{event.action_label(locale)}</td>
                    <td data-label=t_string!(i18n, users.by)>{event.actor.label(locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let title = user.name.clone();
    view! {
        <PageTitleText page=Signal::derive(move || title.clone()) />
        <h1>{user.name.clone()}</h1>
        <p class="user-summary">
            <span>{t!(i18n, users.nrn)} ": " <span class="nowrap">{user.nrn.clone()}</span></span>
            " "
            <StatusBadge status />
        </p>
        // A div: the button's island holds a fieldset, which would close a paragraph.
        <div class="user-sign-in">
            <span>{t!(i18n, invitations.sign_in_column)} ": "</span>
            <SignInStandingView person=user.person name=user.name.clone() standing=user.sign_in />
        </div>
        <Permissions access editing />
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
}
