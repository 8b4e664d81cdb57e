//! `/groups/:id/add`: the NRN (checked as it is typed, then looked up), name and e-mail address
//! when the person is not linked to the enterprise yet, the group's services to grant; save.

use super::group::{group_data, group_from_address};
use super::service_picker::{Offered, ServicePicker};
use crate::AppError;
use crate::domain::{GroupId, Nrn, ServiceId};
use crate::features::users::api::{CreateUser, lookup_user};
use crate::features::users::{LinkDetails, Lookup};
use crate::i18n::{Locale, t, t_string, td_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::language::native_name;
use crate::ui::locale::page_locale;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use crate::ui::show_again::{Done, address_after, go_to};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// The "Add user" page of a group.
#[component]
pub fn AddUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let group = group_from_address();
    let card = group_data(group);
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, users.add_user)) />
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                card.get()
                    .map(|result| match result {
                        Ok((catalog, group)) => {
                            let locale = i18n.get_locale_untracked();
                            let group_name = catalog
                                .group(group)
                                .map(|g| g.name.get(locale).to_owned())
                                .unwrap_or_default();
                            let (grantable, implicit) = catalog.offered_by(group);
                            let implicit = implicit
                                .iter()
                                .map(|s| s.name.get(locale).to_owned())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <h1>{t!(i18n, users.add_title, group = group_name.clone())}</h1>
                                <AddUserForm
                                    group
                                    grantable=Offered::named(grantable, locale)
                                    implicit
                                />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <PageError error titled=true /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The form: the NRN checked as it is typed and looked up, the details of someone not linked
/// yet, the services of `grantable` to grant (`implicit` names those that come without a
/// grant). Saved, it shows the group with the new user.
#[island(lazy)]
fn AddUserForm(group: GroupId, grantable: Vec<Offered>, implicit: String) -> impl IntoView {
    let locale = page_locale();
    let nrn_text = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| {
        let text = nrn_text.get();
        (!text.trim().is_empty()).then(|| Nrn::parse(&text))
    });
    let valid = Memo::new(move |_| {
        parsed
            .get()
            .and_then(Result::ok)
            .map(|n| n.as_str().to_owned())
    });
    // What the valid NRN stands for, asked as it becomes valid (in the browser only: effects do
    // not run on the server).
    let lookup = RwSignal::new(None::<Result<Lookup, AppError>>);
    Effect::new(move |_| {
        lookup.set(None);
        if let Some(nrn) = valid.get() {
            leptos::task::spawn_local(async move {
                let answer = lookup_user(group, nrn.clone()).await;
                // Only if the field still holds that number.
                if valid.get_untracked().as_deref() == Some(nrn.as_str()) {
                    lookup.set(Some(answer));
                }
            });
        }
    });
    let found = move || lookup.get();
    let needs_link = move || matches!(found(), Some(Ok(Lookup::NotLinked)));
    let in_group = move || matches!(found(), Some(Ok(Lookup::InGroup { .. })));
    let given = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let language = RwSignal::new(locale.to_string());
    let chosen = RwSignal::new(Vec::<ServiceId>::new());
    let create = ServerAction::<CreateUser>::new();
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            go_to(&address_after(
                &format!("/groups/{group}"),
                "",
                Done::Added,
                &[],
            ));
        }
    });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(nrn) = valid.get_untracked() else {
            return;
        };
        let link = needs_link().then(|| LinkDetails {
            given_name: given.get_untracked(),
            family_name: family.get_untracked(),
            email: email.get_untracked(),
            language: language.get_untracked(),
        });
        create.dispatch(CreateUser {
            group,
            nrn,
            services: chosen.get_untracked(),
            link,
        });
    };
    // The server names the field it refused; its own message says what a name may hold.
    let refused_field = move |field: &'static str| {
        create.value().with(
            |result| matches!(result, Some(Err(AppError::InvalidInput { field: f })) if f == field),
        )
    };
    let nrn_error = move || {
        parsed
            .get()
            .and_then(Result::err)
            .map(|error| error.message(locale))
    };
    let languages = Locale::get_all()
        .iter()
        .map(|locale| view! { <option value=locale.to_string()>{native_name(*locale)}</option> })
        .collect_view();
    view! {
        <Interactive>
        <form class="form" method="post" on:submit=on_submit novalidate>
            <div class="field">
                <label for="nrn">{td_string!(locale, users.nrn)}</label>
                <input
                    id="nrn"
                    name="nrn"
                    inputmode="numeric"
                    autocomplete="off"
                    required
                    aria-describedby="nrn-hint nrn-status"
                    aria-invalid=move || nrn_error().is_some().to_string()
                    on:input=move |event| nrn_text.set(event_target_value(&event))
                />
                <p id="nrn-hint" class="hint">{td_string!(locale, users.nrn_hint)}</p>
                <p id="nrn-status" aria-live="polite">
                    {move || nrn_error().map(|message| view! { <span class="field-error">{message}</span> })}
                    {move || {
                        found()
                            .map(|result| {
                                // One line under the field: what the number stands for, or why it
                                // could not be looked up.
                                let (class, text) = match result {
                                    Ok(Lookup::Linked { name }) => {
                                        ("field-ok", td_string!(locale, users.linked, name = name).to_string())
                                    }
                                    Ok(Lookup::InGroup { name, .. }) => {
                                        ("field-error", td_string!(locale, users.in_group, name = name).to_string())
                                    }
                                    Ok(Lookup::NotLinked) => ("", td_string!(locale, users.not_linked).to_owned()),
                                    Err(error) => ("field-error", error.message(locale).to_owned()),
                                };
                                view! { <span class=class>{text}</span> }
                            })
                    }}
                </p>
            </div>
            <Show when=needs_link>
                <div class="field">
                    <label for="given-name">{td_string!(locale, users.given_name)}</label>
                    <input id="given-name" autocomplete="off" required maxlength="100" aria-describedby="name-hint" on:input=move |e| given.set(event_target_value(&e)) />
                    <Show when=move || refused_field("given_name")>
                        <p class="field-error" role="alert">{td_string!(locale, users.name_invalid)}</p>
                    </Show>
                </div>
                <div class="field">
                    <label for="family-name">{td_string!(locale, users.family_name)}</label>
                    <input id="family-name" autocomplete="off" required maxlength="100" aria-describedby="name-hint" on:input=move |e| family.set(event_target_value(&e)) />
                    <Show when=move || refused_field("family_name")>
                        <p class="field-error" role="alert">{td_string!(locale, users.name_invalid)}</p>
                    </Show>
                </div>
                <p id="name-hint" class="hint">{td_string!(locale, users.name_hint)}</p>
                <div class="field">
                    <label for="email">{td_string!(locale, users.email)}</label>
                    <input id="email" type="email" autocomplete="off" required on:input=move |e| email.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="language">{td_string!(locale, users.language)}</label>
                    <select id="language" on:change=move |e| language.set(event_target_value(&e)) prop:value=move || language.get()>
                        {languages.clone()}
                    </select>
                </div>
            </Show>
            <fieldset class="checks">
                <legend>{td_string!(locale, users.services)}</legend>
                <ServicePicker services=grantable chosen id_prefix="service".to_owned() />
            </fieldset>
            <p class="hint">{td_string!(locale, users.implicit_note)} " " {implicit}</p>
            {move || create.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
            <p class="actions">
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || valid.get().is_none() || in_group() || create.pending().get()
                >
                    {td_string!(locale, users.save)}
                </button>
                <a href=format!("/groups/{group}") class="button">{td_string!(locale, users.cancel)}</a>
            </p>
        </form>
        </Interactive>
    }
}
