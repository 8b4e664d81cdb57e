//! The administrators of the enterprise by level, each post with a revoke button where the
//! policy lets the signed-in administrator revoke it (decided on the server); group
//! administrators a page at a time, found by group or holder name.

use super::LEVELS;
use super::send_link::SignInStandingView;
use crate::AppError;
use crate::domain::PersonId;
use crate::features::admins::api::RevokeAdministrator;
use crate::features::admins::{HoldingPage, HoldingQuery, Overview, Shown};
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::policy::{Level, Post};
use crate::ui::confirm::AskingButton;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::list_controls::{Pager, SearchField};
use crate::ui::locale::page_locale;
use crate::ui::page_data::PageData;
use crate::ui::show_again::{Done, show_again};
use leptos::prelude::*;
use leptos_router::components::Form;

/// Every post by level, with a revoke button where the policy allows it.
#[component]
pub(super) fn AdministratorList(
    overview: StoredValue<Overview>,
    holders: PageData<Result<HoldingPage, AppError>>,
    query: Memo<HoldingQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sections = LEVELS
        .into_iter()
        .map(|level| {
            let body = if level == Level::GroupAdministrator {
                view! { <GroupAdministrators holders query /> }.into_any()
            } else {
                let rows: Vec<Shown> = overview.with_value(|o| {
                    o.upper
                        .iter()
                        .filter(|shown| shown.post.level() == level)
                        .cloned()
                        .collect()
                });
                view! { <HoldingTable level rows /> }.into_any()
            };
            view! {
                <div class="admin-level">
                    <h3 id=format!("level-{}", level.as_str())>{move || level.name(i18n.get_locale())}</h3>
                    {body}
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="administrators-heading">
            <h2 id="administrators-heading">{t!(i18n, admins.list)}</h2>
            {sections}
        </section>
    }
}

/// The group administrators: a search by group or holder name, a page of them, and the pager.
#[component]
fn GroupAdministrators(
    holders: PageData<Result<HoldingPage, AppError>>,
    query: Memo<HoldingQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Form
            method="GET"
            action="/administrators"
            attr:class="filters"
            attr:role="search"
            attr:aria-label=move || t_string!(i18n, admins.holding_pages)
        >
            <SearchField
                id="holder-search"
                name="holder_search"
                label=Signal::derive(move || t_string!(i18n, admins.holding_search_label).to_owned())
                value=Signal::derive(move || query.with(|q| q.search.clone()))
            />
            <button type="submit" class="button">{t!(i18n, users.search)}</button>
        </Form>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                holders
                    .get()
                    .map(|result| match result {
                        Ok(page) => {
                            let current = query.get_untracked();
                            let searched = !current.search.trim().is_empty();
                            if page.rows.is_empty() && searched {
                                return view! { <p class="notice" role="status">{t!(i18n, admins.holding_none_found)}</p> }
                                    .into_any();
                            }
                            view! {
                                <HoldingTable level=Level::GroupAdministrator rows=page.rows />
                                <Pager
                                    label=Signal::derive(move || t_string!(i18n, admins.holding_pages).to_owned())
                                    base="/administrators".to_owned()
                                    pairs=vec![("holder_search", current.search)]
                                    after="holders_after"
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

/// The posts `rows` of one level as a table (its scrollable region named by the level's heading).
#[component]
fn HoldingTable(level: Level, rows: Vec<Shown>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="notice">{t!(i18n, admins.none_appointed)}</p> }.into_any();
    }
    let text = RowText::new(i18n.get_locale_untracked());
    let rows = rows
        .into_iter()
        .map(|shown| view! { <HoldingRow shown text=text.clone() /> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("level-{}", level.as_str())>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, admins.person)}</th>
                        <th scope="col">{t!(i18n, admins.identifier)}</th>
                        <th scope="col">{t!(i18n, admins.scope)}</th>
                        <th scope="col">{t!(i18n, admins.appointed_by_column)}</th>
                        <th scope="col">{t!(i18n, admins.since)}</th>
                        <th scope="col">{t!(i18n, invitations.sign_in_column)}</th>
                        <th scope="col">
                            <span class="visually-hidden">{t!(i18n, admins.actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What every row of one table shares: the page's language and the labels of its cells.
#[derive(Clone)]
struct RowText {
    locale: Locale,
    identifier: &'static str,
    scope: &'static str,
    appointed_by: &'static str,
    since: &'static str,
    sign_in: &'static str,
    whole_enterprise: &'static str,
    operator: &'static str,
}

impl RowText {
    fn new(locale: Locale) -> RowText {
        RowText {
            locale,
            identifier: td_string!(locale, admins.identifier),
            scope: td_string!(locale, admins.scope),
            appointed_by: td_string!(locale, admins.appointed_by_column),
            since: td_string!(locale, admins.since),
            sign_in: td_string!(locale, invitations.sign_in_column),
            whole_enterprise: td_string!(locale, admins.whole_enterprise),
            operator: td_string!(locale, admins.operator),
        }
    }
}

/// One post: its holder, scope, appointer and start, and the revoke button if allowed.
/// Rendered once, on the server, in the page's language: plain values, no closures.
#[component]
fn HoldingRow(shown: Shown, text: RowText) -> impl IntoView {
    let scope = shown
        .scope
        .as_ref()
        .map_or(text.whole_enterprise, |scope| scope.get(text.locale))
        .to_owned();
    let by = shown
        .appointed_by
        .clone()
        .unwrap_or_else(|| text.operator.to_owned());
    let revoke = shown.revocable.then(|| {
        view! {
            <RevokePost
                person=shown.holder.id
                post=shown.post
                holder=shown.holder.name.clone()
                post_name=shown.label(text.locale)
            />
        }
    });
    view! {
        <tr>
            <td>{shown.holder.name.clone()}</td>
            <td class="nowrap" data-label=text.identifier>{shown.holder.identifier.clone()}</td>
            <td data-label=text.scope>{scope}</td>
            <td data-label=text.appointed_by>{by}</td>
            <td class="nowrap" data-label=text.since>{shown.since.clone()}</td>
            <td data-label=text.sign_in>
                <SignInStandingView person=shown.holder.id name=shown.holder.name.clone() standing=shown.sign_in />
            </td>
            <td>{revoke}</td>
        </tr>
    }
}

/// The revoke button of a post: asks, revokes, and shows the page again.
#[island]
fn RevokePost(person: PersonId, post: Post, holder: String, post_name: String) -> impl IntoView {
    let locale = page_locale();
    let revoke = ServerAction::<RevokeAdministrator>::new();
    Effect::new(move |_| {
        if matches!(revoke.value().get(), Some(Ok(()))) {
            show_again(Done::Revoked, &[]);
        }
    });
    let question = format!(
        "{} {holder} — {post_name}?",
        td_string!(locale, admins.confirm_revoke)
    );
    let label = format!("{} {holder}", td_string!(locale, admins.revoke));
    view! {
        <Interactive>
        <AskingButton
            class="button danger"
            label
            question
            yes=td_string!(locale, admins.confirm_revoke_button)
            no=td_string!(locale, admins.cancel)
            on_confirm=Callback::new(move |()| {
                revoke.dispatch(RevokeAdministrator { person, post });
            })
        >
            {td_string!(locale, admins.revoke)}
        </AskingButton>
        {move || revoke.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
        </Interactive>
    }
}
