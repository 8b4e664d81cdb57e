//! `/administrators`: who administers what, the signed-in administrator's own scope, and —
//! offering only what the policy allows them — appointing and revoking.

use super::api::{
    AppointAdministrator, RevokeAdministrator, administrators, appointment_candidates,
};
use super::{Overview, Person};
use crate::AppError;
use crate::domain::PersonId;
use crate::i18n::{t, t_string, use_i18n};
use crate::policy::{
    Holding, Level, Post, appointable_levels, may_look_for_appointees, may_revoke, open_posts,
};
use crate::ui::confirm::Confirm;
use crate::ui::form_error::FormError;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The levels from the top down, as the page lists them.
const LEVELS: [Level; 4] = [
    Level::MainAccessManager,
    Level::CoMainAccessManager,
    Level::AccessManager,
    Level::GroupAdministrator,
];

/// The Administrators page.
#[component]
pub fn AdministratorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let appoint = ServerAction::<AppointAdministrator>::new();
    let revoke = ServerAction::<RevokeAdministrator>::new();
    let overview = Resource::new(
        move || (appoint.version().get(), revoke.version().get()),
        |_| administrators(),
    );
    // Whichever of the two actions finished last speaks.
    let outcome = RwSignal::new(None::<Result<Done, AppError>>);
    Effect::new(move |_| {
        if let Some(result) = appoint.value().get() {
            outcome.set(Some(result.map(|()| Done::Appointed)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = revoke.value().get() {
            outcome.set(Some(result.map(|()| Done::Revoked)));
        }
    });
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, admins.title)) />
        <h1>{t!(i18n, admins.title)}</h1>
        <p class="lead">{t!(i18n, admins.lead)}</p>
        <Outcome outcome />
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                overview
                    .get()
                    .map(|result| match result {
                        Ok(overview) => {
                            let overview = StoredValue::new(overview);
                            view! {
                                <MyScope overview />
                                <AdministratorList overview revoke />
                                <AppointForm overview appoint />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// What the signed-in administrator administers, and who appointed them.
#[component]
fn MyScope(overview: StoredValue<Overview>) -> impl IntoView {
    let i18n = use_i18n();
    let page = overview.get_value();
    let me = page.me;
    let organisation = &page.organisation;
    let standing = organisation.standing(me);
    let everything = standing.level >= Some(Level::CoMainAccessManager);
    let posts: Vec<Holding> = organisation
        .holdings()
        .filter(|holding| holding.person == me)
        .collect();
    let posts = posts
        .into_iter()
        .map(|holding| {
            let label = move || overview.with_value(|o| o.post_label(holding.post, i18n.get_locale()));
            let by = holding
                .appointed_by
                .map(|by| overview.with_value(|o| o.name(by)));
            view! {
                <li>
                    <strong>{label}</strong>
                    {match by {
                        Some(name) => {
                            view! { " — " {t!(i18n, admins.appointed_by)} " " {name} }.into_any()
                        }
                        None => view! { " — " {t!(i18n, admins.designated_by_operator)} }.into_any(),
                    }}
                </li>
            }
        })
        .collect_view();
    let groups: Vec<_> = standing.groups.iter().copied().collect();
    let group_list = move || {
        if everything {
            return view! { <p>{t!(i18n, admins.every_group)}</p> }.into_any();
        }
        if groups.is_empty() {
            return view! { <p>{t!(i18n, admins.no_group)}</p> }.into_any();
        }
        let locale = i18n.get_locale();
        view! {
            <ul>
                {groups
                    .iter()
                    .map(|group| view! { <li>{overview.with_value(|o| o.group_name(*group, locale))}</li> })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    let levels = appointable_levels(organisation, me);
    let may_appoint = move || {
        let locale = i18n.get_locale();
        if levels.is_empty() {
            return t_string!(i18n, admins.appoints_nobody).to_owned();
        }
        levels
            .iter()
            .map(|level| level.name(locale))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <section class="card scope" aria-labelledby="my-scope">
            <h2 id="my-scope">{t!(i18n, admins.my_scope)}</h2>
            <h3>{t!(i18n, admins.my_posts)}</h3>
            <ul>{posts}</ul>
            <h3>{t!(i18n, admins.my_groups)}</h3>
            {group_list}
            <h3>{t!(i18n, admins.i_may_appoint)}</h3>
            <p>{may_appoint}</p>
        </section>
    }
}

/// Every post by level, with a revoke button where the policy allows it.
#[component]
fn AdministratorList(
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

/// What the last appointment or revocation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Appointed,
    Revoked,
}

/// The outcome of the last appointment or revocation, announced.
#[component]
fn Outcome(outcome: RwSignal<Option<Result<Done, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        outcome.get().map(|result| match result {
            Ok(Done::Appointed) => {
                view! { <p class="notice success" role="status">{t!(i18n, admins.appointed)}</p> }
                    .into_any()
            }
            Ok(Done::Revoked) => {
                view! { <p class="notice success" role="status">{t!(i18n, admins.revoked)}</p> }
                    .into_any()
            }
            Err(error) => view! { <FormError error /> }.into_any(),
        })
    }
}

/// Find a linked person and appoint them to one of the posts the actor may fill.
#[component]
fn AppointForm(
    overview: StoredValue<Overview>,
    appoint: ServerAction<AppointAdministrator>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (allowed, open) = overview.with_value(|o| {
        (
            may_look_for_appointees(&o.organisation, o.me).is_ok(),
            open_posts(&o.organisation, o.me),
        )
    });
    if !allowed {
        return ().into_any();
    }
    let search_text = RwSignal::new(String::new());
    let candidates = Resource::new(
        move || search_text.get(),
        |text| async move {
            if text.trim().is_empty() {
                Ok(Vec::new())
            } else {
                appointment_candidates(text).await
            }
        },
    );
    let chosen = RwSignal::new(None::<PersonId>);
    let search_input = NodeRef::<leptos::html::Input>::new();
    let post_select = NodeRef::<leptos::html::Select>::new();
    let on_search = move |event: SubmitEvent| {
        event.prevent_default();
        chosen.set(None);
        if let Some(input) = search_input.get() {
            search_text.set(input.value());
        }
    };
    let posts = open.clone();
    let on_appoint = move |event: SubmitEvent| {
        event.prevent_default();
        let post = post_select
            .get()
            .and_then(|select| select.value().parse::<usize>().ok())
            .and_then(|index| posts.get(index).copied());
        if let (Some(person), Some(post)) = (chosen.get(), post) {
            appoint.dispatch(AppointAdministrator { person, post });
        }
    };
    let options = open
        .iter()
        .copied()
        .enumerate()
        .map(|(index, post)| {
            let label = move || overview.with_value(|o| o.post_label(post, i18n.get_locale()));
            view! { <option value=index.to_string()>{label}</option> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="appoint-heading">
            <h2 id="appoint-heading">{t!(i18n, admins.appoint_heading)}</h2>
            <form class="filters" role="search" on:submit=on_search>
                <div class="field">
                    <label for="candidate-search">{t!(i18n, admins.search_label)}</label>
                    <input
                        id="candidate-search"
                        type="search"
                        node_ref=search_input
                        autocomplete="off"
                        placeholder=move || t_string!(i18n, admins.search_placeholder)
                    />
                </div>
                <button type="submit" class="button">{t!(i18n, admins.search)}</button>
            </form>
            <form class="form" on:submit=on_appoint>
                <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
                    {move || {
                        candidates
                            .get()
                            .map(|result| match result {
                                Ok(people) => view! { <CandidateChoice people chosen searched=Signal::derive(move || !search_text.get().trim().is_empty()) /> }.into_any(),
                                Err(error) => view! { <FormError error /> }.into_any(),
                            })
                    }}
                </Transition>
                <div class="field">
                    <label for="appoint-post">{t!(i18n, admins.post_label)}</label>
                    <select id="appoint-post" node_ref=post_select>
                        {options}
                    </select>
                </div>
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || chosen.get().is_none() || appoint.pending().get()
                >
                    {t!(i18n, admins.appoint)}
                </button>
            </form>
        </section>
    }
        .into_any()
}

/// The people found, as radio buttons.
#[component]
fn CandidateChoice(
    people: Vec<Person>,
    chosen: RwSignal<Option<PersonId>>,
    searched: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    if people.is_empty() {
        return view! {
            <p class="notice" role="status">
                {move || {
                    if searched.get() {
                        t_string!(i18n, admins.nobody_found)
                    } else {
                        t_string!(i18n, admins.search_first)
                    }
                }}
            </p>
        }
        .into_any();
    }
    view! {
        <fieldset class="candidates">
            <legend>{t!(i18n, admins.choose_person)}</legend>
            {people
                .into_iter()
                .map(|person| {
                    let id = format!("candidate-{}", person.id);
                    view! {
                        <div class="candidate">
                            <input
                                type="radio"
                                name="candidate"
                                id=id.clone()
                                value=person.id.to_string()
                                on:change=move |_| chosen.set(Some(person.id))
                            />
                            <label for=id>{person.name} " (" {person.identifier} ")"</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}
