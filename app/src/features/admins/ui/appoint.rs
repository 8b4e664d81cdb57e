//! Appointing: find a linked person and appoint them to one of the posts the signed-in
//! administrator may fill (offered by the server, searched there when there are many).

use crate::domain::PersonId;
use crate::features::admins::api::{AppointAdministrator, appointment_candidates, open_posts};
use crate::features::admins::{Overview, Person, post_of_key};
use crate::i18n::{t, t_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::picker::Picker;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Find a linked person and appoint them to one of the posts the actor may fill.
#[component]
pub(super) fn AppointForm(
    overview: StoredValue<Overview>,
    appoint: ServerAction<AppointAdministrator>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (allowed, open) = overview.with_value(|o| (o.may_appoint, o.open.clone()));
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
                    <Picker
                        id="appoint-post"
                        name="post"
                        initial=open
                        chosen=None
                        any=Signal::derive(move || t_string!(i18n, admins.choose_post).to_owned())
                        search=open_posts
                        on_pick=Callback::new(move |key| post.set(key))
                    />
                </div>
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || chosen.get().is_none() || post.get().is_none() || appoint.pending().get()
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
