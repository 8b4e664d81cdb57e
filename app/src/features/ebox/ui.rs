//! `/ebox`: the signed-in person's messages in the enterprise they act for, unread first. Opening
//! one shows its text and marks it read (the header's unread count follows).

use super::api::{MarkMessageRead, read_ebox};
use super::{EboxEntry, EboxPage};
use crate::features::auth::signed_in::use_session;
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;

/// The e-Box page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let after = RwSignal::new(None::<String>);
    let mark = ServerAction::<MarkMessageRead>::new();
    let page = Resource::new(move || after.get(), read_ebox);
    Effect::new(move |_| {
        if matches!(mark.value().get(), Some(Ok(()))) {
            session.refresh();
        }
    });
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, ebox.title)) />
        <h1 id="ebox-heading">{t!(i18n, ebox.title)}</h1>
        <p class="lead">{t!(i18n, ebox.lead)}</p>
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => {
                            let next = page.next.clone();
                            let unread = page.unread;
                            let page = StoredValue::new(page);
                            let entries = page.with_value(|p| p.entries.clone());
                            let empty = entries.is_empty();
                            view! {
                                <p role="status">{t!(i18n, ebox.unread_count, count = unread)}</p>
                                {empty.then(|| view! { <p class="notice">{t!(i18n, ebox.empty)}</p> })}
                                <ul class="messages">
                                    {entries
                                        .into_iter()
                                        .map(|entry| view! { <Message page entry mark /> })
                                        .collect_view()}
                                </ul>
                                {next.map(|next| {
                                    view! {
                                        <button type="button" class="button" on:click=move |_| after.set(Some(next.clone()))>
                                            {t!(i18n, ebox.more)}
                                        </button>
                                    }
                                })}
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// One message: its subject as a disclosure button; opening it shows the text and marks it read.
#[component]
fn Message(
    page: StoredValue<EboxPage>,
    entry: EboxEntry,
    mark: ServerAction<MarkMessageRead>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let read = RwSignal::new(entry.read);
    let id = entry.id;
    let body_id = format!("message-{id}");
    let message = StoredValue::new(entry.message);
    let subject =
        move || page.with_value(|p| message.with_value(|m| p.subject(m, i18n.get_locale())));
    let body = move || {
        page.with_value(|p| message.with_value(|m| p.body(m, i18n.get_locale())))
            .into_iter()
            .map(|line| view! { <p>{line}</p> })
            .collect_view()
    };
    view! {
        <li class="message" class:unread=move || !read.get()>
            <button
                type="button"
                class="message-subject"
                aria-expanded=move || open.get().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| {
                    open.update(|o| *o = !*o);
                    if !read.get_untracked() {
                        read.set(true);
                        mark.dispatch(MarkMessageRead { id });
                    }
                }
            >
                {move || (!read.get()).then(|| view! { <span class="badge">{t!(i18n, ebox.unread)}</span> " " })}
                <span>{subject}</span>
                <span class="message-time">{entry.time.clone()}</span>
            </button>
            <div id=body_id class="message-body" hidden=move || !open.get()>
                {body}
            </div>
        </li>
    }
}
