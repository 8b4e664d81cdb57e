//! The administrators of the enterprise by level, each post with a revoke button where the
//! policy lets the signed-in administrator revoke it.

use super::LEVELS;
use crate::domain::PersonId;
use crate::features::admins::Overview;
use crate::features::admins::api::RevokeAdministrator;
use crate::i18n::{t, t_string, use_i18n};
use crate::policy::{Holding, Post, may_revoke};
use crate::ui::confirm::Confirm;
use leptos::prelude::*;

/// Every post by level, with a revoke button where the policy allows it.
#[component]
pub(super) fn AdministratorList(
    overview: StoredValue<Overview>,
    revoke: ServerAction<RevokeAdministrator>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The post whose revocation waits for confirmation.
    let confirming = RwSignal::new(None::<(PersonId, Post)>);
    let sections = LEVELS
        .into_iter()
        .map(|level| {
            let heading = format!("level-{}", level.as_str());
            let region_label = heading.clone();
            let rows = overview.with_value(|o| o.holdings_at(level));
            let body = if rows.is_empty() {
                view! { <p class="notice">{t!(i18n, admins.none_appointed)}</p> }.into_any()
            } else {
                let rows = rows
                    .into_iter()
                    .map(|(holding, since)| view! { <HoldingRow overview holding since confirming /> })
                    .collect_view();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby=region_label>
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, admins.person)}</th>
                                    <th scope="col">{t!(i18n, admins.identifier)}</th>
                                    <th scope="col">{t!(i18n, admins.scope)}</th>
                                    <th scope="col">{t!(i18n, admins.appointed_by_column)}</th>
                                    <th scope="col">{t!(i18n, admins.since)}</th>
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
            };
            view! {
                <div class="admin-level">
                    <h3 id=heading>{move || level.name(i18n.get_locale())}</h3>
                    {body}
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="administrators-heading">
            <h2 id="administrators-heading">{t!(i18n, admins.list)}</h2>
            <ConfirmRevocation overview confirming revoke />
            {sections}
        </section>
    }
}

/// One post: its holder, scope, appointer and start, and the revoke button if allowed.
#[component]
fn HoldingRow(
    overview: StoredValue<Overview>,
    holding: Holding,
    since: String,
    confirming: RwSignal<Option<(PersonId, Post)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, identifier) = overview.with_value(|o| {
        o.person(holding.person).map_or_else(
            || (o.name(holding.person), String::new()),
            |person| (person.name.clone(), person.identifier.clone()),
        )
    });
    let revocable = overview
        .with_value(|o| may_revoke(&o.organisation, o.me, holding.person, holding.post).is_ok());
    let scope = move || {
        overview
            .with_value(|o| o.scope(holding.post, i18n.get_locale()))
            .unwrap_or_else(|| t_string!(i18n, admins.whole_enterprise).to_owned())
    };
    let by = holding.appointed_by.map_or_else(
        || t_string!(i18n, admins.operator).to_owned(),
        |by| overview.with_value(|o| o.name(by)),
    );
    let label = name.clone();
    view! {
        <tr>
            <td>{name}</td>
            <td class="nowrap">{identifier}</td>
            <td>{scope}</td>
            <td>{by}</td>
            <td class="nowrap">{since}</td>
            <td>
                {revocable
                    .then(|| {
                        let aria = move || format!("{} {}", t_string!(i18n, admins.revoke), label);
                        view! {
                            <button
                                type="button"
                                class="button danger"
                                aria-label=aria
                                on:click=move |_| confirming.set(Some((holding.person, holding.post)))
                            >
                                {t!(i18n, admins.revoke)}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}

/// Asks before a post is revoked.
#[component]
fn ConfirmRevocation(
    overview: StoredValue<Overview>,
    confirming: RwSignal<Option<(PersonId, Post)>>,
    revoke: ServerAction<RevokeAdministrator>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        confirming.get().map(|(person, post)| {
            let question = Signal::derive(move || {
                let locale = i18n.get_locale();
                overview.with_value(|o| {
                    format!(
                        "{} {} — {}?",
                        t_string!(i18n, admins.confirm_revoke),
                        o.name(person),
                        o.post_label(post, locale)
                    )
                })
            });
            view! {
                <Confirm
                    question
                    yes=Signal::derive(move || t_string!(i18n, admins.confirm_revoke_button))
                    no=Signal::derive(move || t_string!(i18n, admins.cancel))
                    on_confirm=Callback::new(move |()| {
                        revoke.dispatch(RevokeAdministrator { person, post });
                        confirming.set(None);
                    })
                    on_cancel=Callback::new(move |()| confirming.set(None))
                />
            }
        })
    }
}
