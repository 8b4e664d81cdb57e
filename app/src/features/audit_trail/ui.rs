//! `/audit`: the acting enterprise's audit trail, newest first, with filters and paging; the
//! filters and the page live in the address (a GET form and links), so a view can be shared.

use super::api::list_audit;
use super::{AuditEntry, AuditQuery, Detail};
use crate::features::audit::Action;
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::list_controls::Pager;
use crate::ui::page_data::page_data;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The filters of `query` as address pairs (not its page).
fn filter_pairs(query: &AuditQuery) -> Vec<(&'static str, String)> {
    [
        ("actor", &query.actor),
        ("target", &query.target),
        ("action", &query.action),
        ("from", &query.from),
        ("to", &query.to),
    ]
    .into_iter()
    .map(|(key, value)| (key, value.clone().unwrap_or_default()))
    .collect()
}

/// The Audit page.
#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let i18n = use_i18n();
    let address = use_query_map();
    let query = Memo::new(move |_| {
        address.with(|q| AuditQuery {
            actor: q.get("actor"),
            target: q.get("target"),
            action: q.get("action"),
            from: q.get("from"),
            to: q.get("to"),
            before: q.get("before").and_then(|b| b.parse().ok()),
        })
    });
    let page = page_data(move || query.get(), list_audit);
    let current = query.get_untracked();
    let value = |field: &Option<String>| field.clone().unwrap_or_default();
    let chosen_action = value(&current.action);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, audit.title)) />
        <h1>{t!(i18n, audit.title)}</h1>
        <p class="lead">{t!(i18n, audit.text)}</p>
        <Form method="GET" action="/audit" attr:class="filters" attr:aria-label=move || t_string!(i18n, audit.filters)>
            <div class="field">
                <label for="audit-actor">{t!(i18n, audit.actor)}</label>
                <input id="audit-actor" name="actor" type="text" value=value(&current.actor) placeholder=move || t_string!(i18n, audit.person_placeholder) />
            </div>
            <div class="field">
                <label for="audit-target">{t!(i18n, audit.target)}</label>
                <input id="audit-target" name="target" type="text" value=value(&current.target) placeholder=move || t_string!(i18n, audit.person_placeholder) />
            </div>
            <div class="field">
                <label for="audit-action">{t!(i18n, audit.action)}</label>
                <select id="audit-action" name="action">
                    <option value="">{t!(i18n, audit.any_action)}</option>
                    {Action::ALL
                        .into_iter()
                        .filter(|action| action.in_enterprise_trails())
                        .map(|action| {
                            view! {
                                <option value=action.code() selected=chosen_action == action.code()>
                                    {move || action.label(i18n.get_locale())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{t!(i18n, audit.from)}</label>
                <input id="audit-from" name="from" type="date" value=value(&current.from) />
            </div>
            <div class="field">
                <label for="audit-to">{t!(i18n, audit.to)}</label>
                <input id="audit-to" name="to" type="date" value=value(&current.to) />
            </div>
            <button type="submit" class="button primary">{t!(i18n, audit.apply)}</button>
        </Form>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => {
                            let current = query.get_untracked();
                            view! {
                                <EventTable events=page.events />
                                <Pager
                                    label=Signal::derive(move || t_string!(i18n, audit.pages).to_owned())
                                    base="/audit".to_owned()
                                    pairs=filter_pairs(&current)
                                    after="before"
                                    later=current.before.is_some()
                                    next=page.next.map(|next| next.to_string())
                                />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The events of one page.
#[component]
fn EventTable(events: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p class="notice" role="status">{t!(i18n, audit.empty)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, audit.title)>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit.time)}</th>
                        <th scope="col">{t!(i18n, audit.actor)}</th>
                        <th scope="col">{t!(i18n, audit.action)}</th>
                        <th scope="col">{t!(i18n, audit.target)}</th>
                        <th scope="col">{t!(i18n, audit.details)}</th>
                    </tr>
                </thead>
                <tbody>
                    {events
                        .into_iter()
                        .map(|event| {
                            let actor = event.actor.clone();
                            let target = event.target.clone();
                            let entry = event.clone();
                            view! {
                                <tr>
                                    <td class="nowrap">
                                        <time>{event.time}</time>
                                        " UTC"
                                    </td>
                                    <td data-label=move || t_string!(i18n, audit.actor)>{move || actor.label(i18n.get_locale())}</td>
                                    <td data-label=move || t_string!(i18n, audit.action)>
                                        {move || entry.action_label(i18n.get_locale())}
                                    </td>
                                    <td data-label=move || t_string!(i18n, audit.target)>
                                        {move || target.as_ref().map(|t| t.label(i18n.get_locale()))}
                                    </td>
                                    <td data-label=move || t_string!(i18n, audit.details)>
                                        <EventDetails details=event.details client_addr=event.client_addr />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
        .into_any()
}

/// What the event recorded, readable, and the client's address, folded.
#[component]
fn EventDetails(details: Vec<Detail>, client_addr: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    if details.is_empty() && client_addr.is_none() {
        return ().into_any();
    }
    view! {
        <details>
            <summary>{t!(i18n, audit.show_details)}</summary>
            <dl class="event-details">
                {details
                    .into_iter()
                    .map(|detail| {
                        let label = detail.field.clone();
                        view! {
                            <dt>{move || label.label(i18n.get_locale()).to_owned()}</dt>
                            <dd>{move || detail.text(i18n.get_locale())}</dd>
                        }
                    })
                    .collect_view()}
                {client_addr.map(|addr| view! { <dt>{t!(i18n, audit.address)}</dt> <dd>{addr}</dd> })}
            </dl>
        </details>
    }
        .into_any()
}
