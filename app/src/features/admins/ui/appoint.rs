//! Appointing: find a linked person and appoint them to one of the posts the signed-in
//! administrator may fill (offered by the server, searched there when there are many).

use crate::AppError;
use crate::domain::PersonId;
use crate::features::admins::api::{AppointAdministrator, appointment_candidates, open_posts};
use crate::features::admins::{Person, post_of_key};
use crate::i18n::td_string;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::picker::{Choices, Picker};
use crate::ui::show_again::{Done, show_again};
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Find a linked person and appoint them to one of the posts the actor may fill (`open` are the
/// first of them; the field searches the others). Appointed, the page shows again.
#[island(lazy)]
pub(super) fn AppointForm(open: Choices) -> impl IntoView {
    let locale = page_locale();
    let appoint = ServerAction::<AppointAdministrator>::new();
    Effect::new(move |_| {
        if matches!(appoint.value().get(), Some(Ok(()))) {
            show_again(Done::Appointed, &[]);
        }
    });
    let search_text = RwSignal::new(String::new());
    // The people found for the last search (asked in the browser only: effects do not run on
    // the server).
    let candidates = RwSignal::new(None::<Result<Vec<Person>, AppError>>);
    Effect::new(move |_| {
        let text = search_text.get();
        if text.trim().is_empty() {
            candidates.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let found = appointment_candidates(text.clone()).await;
            if search_text.get_untracked() == text {
                candidates.set(Some(found));
            }
        });
    });
    let chosen = RwSignal::new(None::<PersonId>);
    let post = RwSignal::new(None::<String>);
    let search_input = NodeRef::<leptos::html::Input>::new();
    let on_search = move |event: SubmitEvent| {
        event.prevent_default();
        chosen.set(None);
        if let Some(input) = search_input.get() {
            search_text.set(input.value());
        }
    };
    let on_appoint = move |event: SubmitEvent| {
        event.prevent_default();
        let post = post.get().as_deref().and_then(post_of_key);
        if let (Some(person), Some(post)) = (chosen.get(), post) {
            appoint.dispatch(AppointAdministrator { person, post });
        }
    };
    view! {
        <Interactive>
        <section class="card" aria-labelledby="appoint-heading">
            <h2 id="appoint-heading">{td_string!(locale, admins.appoint_heading)}</h2>
            <form class="filters" role="search" on:submit=on_search>
                <div class="field">
                    <label for="candidate-search">{td_string!(locale, admins.search_label)}</label>
                    <input
                        id="candidate-search"
                        type="search"
                        node_ref=search_input
                        autocomplete="off"
                        placeholder=td_string!(locale, admins.search_placeholder)
                    />
                </div>
                <button type="submit" class="button">{td_string!(locale, admins.search)}</button>
            </form>
            <form class="form" method="post" on:submit=on_appoint>
                {move || match candidates.get().unwrap_or(Ok(Vec::new())) {
                    Ok(people) => {
                        let searched = Signal::derive(move || !search_text.get().trim().is_empty());
                        Either::Left(view! { <CandidateChoice people chosen searched /> })
                    }
                    Err(error) => Either::Right(view! { <FormError error /> }),
                }}
                <div class="field">
                    <label for="appoint-post">{td_string!(locale, admins.post_label)}</label>
                    <Picker
                        id="appoint-post".to_owned()
                        name="post".to_owned()
                        initial=open
                        chosen=None
                        any=td_string!(locale, admins.choose_post)
                        search=open_posts
                        on_pick=Callback::new(move |key| post.set(key))
                    />
                </div>
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || chosen.get().is_none() || post.get().is_none() || appoint.pending().get()
                >
                    {td_string!(locale, admins.appoint)}
                </button>
            </form>
            {move || appoint.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
        </section>
        </Interactive>
    }
}

/// The people found, as radio buttons.
#[component]
fn CandidateChoice(
    people: Vec<Person>,
    chosen: RwSignal<Option<PersonId>>,
    searched: Signal<bool>,
) -> impl IntoView {
    let locale = page_locale();
    if people.is_empty() {
        return Either::Left(view! {
            <p class="notice" role="status">
                {move || {
                    if searched.get() {
                        td_string!(locale, admins.nobody_found)
                    } else {
                        td_string!(locale, admins.search_first)
                    }
                }}
            </p>
        });
    }
    Either::Right(view! {
        <fieldset class="candidates">
            <legend>{td_string!(locale, admins.choose_person)}</legend>
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
    })
}
