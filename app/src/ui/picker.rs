//! A field that picks one of many named things (a group, a service, a post): a plain `<select>`
//! when there are few, else a search-as-you-type combobox that asks the server as one types
//! (the ARIA combobox pattern: type to search, ↓ and ↑ to move, Enter to pick, Escape to close).
//! The pick travels in a hidden input named like the field, so a GET form keeps it in the
//! address, and the page carries only the choices it shows, never the whole catalogue.

use crate::AppError;
use crate::domain::LocalizedName;
use crate::i18n::td_string;
use crate::ui::locale::page_locale;
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::future::Future;

/// Choices a search answers with; more means "type more to narrow".
pub const CHOICES: usize = 30;

/// One thing to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Its key, as the form sends it.
    pub id: String,
    /// In four languages.
    pub name: LocalizedName,
}

/// The first choices matching a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// By name, at most [`CHOICES`].
    pub choices: Vec<Choice>,
    /// More match than these.
    pub more: bool,
}

impl Choices {
    /// The first [`CHOICES`] of `found`, read with one more to tell whether there are more.
    pub fn of(mut found: Vec<Choice>) -> Choices {
        let more = found.len() > CHOICES;
        found.truncate(CHOICES);
        Choices {
            choices: found,
            more,
        }
    }
}

/// The field `name` (`<label for=id>` is the caller's): `initial` are the choices before any
/// search, `chosen` the current pick, `any` what no pick is called; `search` asks the server for
/// the choices matching a text; `on_pick` hears of every pick (`None`: cleared). A `<select>`
/// when `initial` holds every choice.
#[component]
pub fn Picker<S, Fut>(
    id: String,
    name: String,
    initial: Choices,
    chosen: Option<Choice>,
    any: &'static str,
    search: S,
    #[prop(optional)] on_pick: Option<Callback<Option<String>>>,
) -> impl IntoView
where
    S: Fn(String) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Choices, AppError>> + 'static,
{
    let locale = page_locale();
    let tell = move |key: Option<String>| {
        if let Some(on_pick) = on_pick {
            on_pick.run(key);
        }
    };
    if !initial.more {
        let picked = chosen.as_ref().map(|c| c.id.clone());
        let options = initial
            .choices
            .into_iter()
            .map(|choice| {
                view! {
                    <option value=choice.id.clone() selected=picked.as_ref() == Some(&choice.id)>
                        {choice.name.get(locale).to_owned()}
                    </option>
                }
            })
            .collect_view();
        return Either::Left(view! {
            <select
                id=id
                name=name
                on:change=move |event| {
                    let key = event_target_value(&event);
                    tell((!key.is_empty()).then_some(key));
                }
            >
                <option value="">{any}</option>
                {options}
            </select>
        });
    }
    let list_id = format!("{id}-choices");
    let option_id = {
        let id = id.clone();
        move |index: usize| format!("{id}-choice-{index}")
    };
    let picked = RwSignal::new(chosen);
    // The text typed since the last pick; `None` shows the pick's name.
    let typed = RwSignal::new(None::<String>);
    let found = RwSignal::new(initial);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let shown = move || {
        typed.get().unwrap_or_else(|| {
            picked.with(|p| {
                p.as_ref()
                    .map(|c| c.name.get(locale).to_owned())
                    .unwrap_or_default()
            })
        })
    };
    let first_text = shown();
    let ask = move |text: String| {
        leptos::task::spawn_local(async move {
            if let Ok(choices) = search(text.clone()).await
                && typed.get_untracked().unwrap_or_default() == text
            {
                found.set(choices);
                active.set(None);
            }
        });
    };
    let pick = move |index: usize| {
        if let Some(choice) = found.with_untracked(|f| f.choices.get(index).cloned()) {
            tell(Some(choice.id.clone()));
            picked.set(Some(choice));
            typed.set(None);
            open.set(false);
            active.set(None);
        }
    };
    let show = {
        let option_id = option_id.clone();
        move |index: usize| {
            active.set(Some(index));
            if let Some(element) = document().get_element_by_id(&option_id(index)) {
                element.scroll_into_view_with_bool(false);
            }
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let count = found.with_untracked(|f| f.choices.len());
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                open.set(true);
                let down = event.key() == "ArrowDown";
                let next = match active.get_untracked() {
                    Some(at) if down => (at + 1) % count,
                    Some(at) => (at + count - 1) % count,
                    None if down => 0,
                    None => count - 1,
                };
                show(next);
            }
            "Enter" if open.get_untracked() => {
                let typed_text = typed.get_untracked().unwrap_or_default();
                match active.get_untracked() {
                    Some(at) => {
                        event.prevent_default();
                        pick(at);
                    }
                    None if !typed_text.trim().is_empty() && count > 0 => {
                        event.prevent_default();
                        pick(0);
                    }
                    None if typed_text.trim().is_empty() => {
                        tell(None);
                        picked.set(None);
                        typed.set(None);
                        open.set(false);
                    }
                    None => open.set(false),
                }
            }
            "Escape" if open.get_untracked() => {
                event.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Escape" => {
                tell(None);
                picked.set(None);
                typed.set(None);
            }
            _ => {}
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        typed.set(Some(text.clone()));
        open.set(true);
        active.set(None);
        ask(text);
    };
    let on_blur = move |_| {
        if typed.get_untracked().is_some_and(|t| t.trim().is_empty()) {
            tell(None);
            picked.set(None);
        }
        typed.set(None);
        open.set(false);
        active.set(None);
    };
    let option_id_of = option_id.clone();
    let options = move || {
        found.with(|f| {
            f.choices
                .iter()
                .enumerate()
                .map(|(index, choice)| {
                    let name = choice.name.get(locale).to_owned();
                    let chosen = picked.with(|p| p.as_ref().is_some_and(|p| p.id == choice.id));
                    view! {
                        <li
                            role="option"
                            id=option_id_of(index)
                            class:active=move || active.get() == Some(index)
                            aria-selected=move || (active.get() == Some(index)).to_string()
                            class:chosen=chosen
                            // On mousedown, before the field loses focus and closes the list.
                            on:mousedown=move |event| {
                                event.prevent_default();
                                pick(index);
                            }
                        >
                            {name}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || found.with(|f| f.choices.is_empty());
    let more = move || found.with(|f| f.more);
    Either::Right(view! {
        <div class="picker">
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(&option_id)
                placeholder=any
                value=first_text
                prop:value=shown
                on:input=on_input
                on:keydown=on_keydown
                on:click=move |_| open.set(true)
                on:blur=on_blur
            />
            <input
                type="hidden"
                name=name
                value=move || picked.with(|p| p.as_ref().map(|c| c.id.clone()).unwrap_or_default())
            />
            <div class="picker-popup" hidden=move || !open.get()>
                <ul role="listbox" id=list_id class="picker-choices">
                    {options}
                </ul>
                <p class="picker-hint" aria-live="polite">
                    <Show when=empty>{td_string!(locale, common.picker_none)}</Show>
                    <Show when=more>{td_string!(locale, common.picker_more)}</Show>
                </p>
            </div>
        </div>
    })
}
