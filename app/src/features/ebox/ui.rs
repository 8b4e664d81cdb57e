//! `/ebox`: the signed-in person's messages in the enterprise they act for, unread first, a page
//! at a time (the page lives in the address). Opening one shows its text and marks it read (the
//! unread counts of the page and the header follow).

use super::EboxPage;
use super::api::{MarkMessageRead, read_ebox};
use super::unread::{one_read, unread_count};
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::ui::interactive::Interactive;
use crate::ui::list_controls::Pager;
use crate::ui::locale::page_locale;
use crate::ui::page_data::page_data;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The e-Box page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let address = use_query_map();
    let after = move || address.with(|q| q.get("after").filter(|a| !a.is_empty()));
    let page = page_data(after, read_ebox);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, ebox.title)) />
        <h1 id="ebox-heading">{t!(i18n, ebox.title)}</h1>
        <p class="lead">{t!(i18n, ebox.lead)}</p>
        <Suspense fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Inbox page later=after().is_some() /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A page of messages, each worded in the page's language, and the way to the next ones.
#[component]
fn Inbox(page: EboxPage, later: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = page_locale();
    let messages = page
        .entries
        .iter()
        .map(|entry| {
            view! {
                <li class="message">
                    <Message
                        id=entry.id
                        read=entry.read
                        subject=page.subject(&entry.message, locale)
                        time=entry.time.clone()
                        body=page.body(&entry.message, locale)
                    />
                </li>
            }
        })
        .collect_view();
    view! {
        <UnreadStatus count=page.unread />
        {page.entries.is_empty().then(|| view! { <p class="notice">{t!(i18n, ebox.empty)}</p> })}
        <ul class="messages">{messages}</ul>
        <Pager
            label=Signal::derive(move || t_string!(i18n, ebox.pages).to_owned())
            base="/ebox".to_owned()
            pairs=Vec::new()
            after="after"
            later
            next=page.next.clone()
        />
    }
}

/// "Unread: n", counting down as messages are opened.
#[island]
fn UnreadStatus(count: i64) -> impl IntoView {
    let locale = page_locale();
    let count = unread_count(count);
    view! {
        <p role="status">
            {move || td_string!(locale, ebox.unread_count, count = count.get()).to_string()}
        </p>
    }
}

/// One message: its subject as a disclosure button; opening it shows the text and, the first
/// time, marks it read.
#[island]
fn Message(id: i64, read: bool, subject: String, time: String, body: Vec<String>) -> impl IntoView {
    let locale = page_locale();
    let open = RwSignal::new(false);
    let read = RwSignal::new(read);
    let mark = ServerAction::<MarkMessageRead>::new();
    let body_id = format!("message-{id}");
    let body = body
        .into_iter()
        .map(|line| view! { <p>{line}</p> })
        .collect_view();
    view! {
        <Interactive>
        <div class:unread=move || !read.get()>
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
                        one_read();
                    }
                }
            >
                {move || (!read.get()).then(|| view! { <span class="badge">{td_string!(locale, ebox.unread)}</span> })}
                <span>{subject}</span>
                <span class="message-time">{time}</span>
            </button>
            <div id=body_id class="message-body" hidden=move || !open.get()>
                {body}
            </div>
        </div>
        </Interactive>
    }
}
