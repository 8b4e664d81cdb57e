//! `/audit`: the acting enterprise's audit trail, newest first, with filters and paging.

use super::api::list_audit;
use super::{AuditEntry, AuditQuery, Detail};
use crate::features::audit::Action;
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The Audit page.
#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let i18n = use_i18n();
    let filters = RwSignal::new(AuditQuery::default());
    // The cursors of the pages before the one shown, to go back.
    let cursors = RwSignal::new(Vec::<Option<i64>>::new());
    let cursor = RwSignal::new(None::<i64>);
    let page = Resource::new(
        move || AuditQuery {
            before: cursor.get(),
            ..filters.get()
        },
        list_audit,
    );

    let actor = NodeRef::<leptos::html::Input>::new();
    let target = NodeRef::<leptos::html::Input>::new();
    let action = NodeRef::<leptos::html::Select>::new();
    let from = NodeRef::<leptos::html::Input>::new();
    let to = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let read = |node: NodeRef<leptos::html::Input>| node.get().map(|input| input.value());
        filters.set(AuditQuery {
            actor: read(actor),
            target: read(target),
            action: action.get().map(|select| select.value()),
            from: read(from),
            to: read(to),
            before: None,
        });
        cursors.set(Vec::new());
        cursor.set(None);
    };

    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, audit.title)) />
        <h1>{t!(i18n, audit.title)}</h1>
        <p class="lead">{t!(i18n, audit.text)}</p>
        <form class="filters" on:submit=on_submit aria-label=move || t_string!(i18n, audit.filters)>
            <div class="field">
                <label for="audit-actor">{t!(i18n, audit.actor)}</label>
                <input id="audit-actor" type="text" node_ref=actor placeholder=move || t_string!(i18n, audit.person_placeholder) />
            </div>
            <div class="field">
                <label for="audit-target">{t!(i18n, audit.target)}</label>
                <input id="audit-target" type="text" node_ref=target placeholder=move || t_string!(i18n, audit.person_placeholder) />
            </div>
            <div class="field">
                <label for="audit-action">{t!(i18n, audit.action)}</label>
                <select id="audit-action" node_ref=action>
                    <option value="">{t!(i18n, audit.any_action)}</option>
                    {Action::ALL
                        .into_iter()
                        .filter(|action| action.in_enterprise_trails())
                        .map(|action| {
                            view! {
                                <option value=action.code()>{move || action.label(i18n.get_locale())}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{t!(i18n, audit.from)}</label>
                <input id="audit-from" type="date" node_ref=from />
            </div>
            <div class="field">
                <label for="audit-to">{t!(i18n, audit.to)}</label>
                <input id="audit-to" type="date" node_ref=to />
            </div>
            <button type="submit" class="button primary">{t!(i18n, audit.apply)}</button>
        </form>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => {
                            let next = page.next;
                            let has_previous = !cursors.read().is_empty();
                            view! {
                                <EventTable events=page.events />
                                <nav class="pager" aria-label=move || t_string!(i18n, audit.pages)>
                                    <button
                                        type="button"
                                        class="button"
                                        disabled=!has_previous
                                        on:click=move |_| {
                                            let previous = cursors.try_update(Vec::pop).flatten();
                                            cursor.set(previous.flatten());
                                        }
                                    >
                                        {t!(i18n, audit.newer)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button"
                                        disabled=next.is_none()
                                        on:click=move |_| {
                                            cursors.update(|stack| stack.push(cursor.get_untracked()));
                                            cursor.set(next);
                                        }
                                    >
                                        {t!(i18n, audit.older)}
                                    </button>
                                </nav>
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
