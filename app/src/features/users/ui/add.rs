//! `/groups/:id/add`: the NRN (checked as it is typed, then looked up), name and e-mail address
//! when the person is not linked to the enterprise yet, the group's services to grant; save.

use super::group::{group_from_address, group_resource};
use super::service_picker::ServicePicker;
use crate::AppError;
use crate::domain::{GroupId, Nrn, ServiceId};
use crate::features::users::api::{CreateUser, lookup_user};
use crate::features::users::{Groups, LinkDetails, Lookup};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::ui::form_error::FormError;
use crate::ui::language::native_name;
use crate::ui::page_error::PageError;
use crate::ui::page_title::PageTitle;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The "Add user" page of a group.
#[component]
pub fn AddUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let group = group_from_address();
    // Every resource of the page is created here, at its top, so that server and browser
    // number them alike.
    let card = group_resource(group, Signal::stored(0));
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
    let lookup = Resource::new(
        move || (group.get(), valid.get()),
        |(group, nrn)| async move {
            match (group, nrn) {
                (Some(group), Some(nrn)) => Some(lookup_user(group, nrn).await),
                _ => None,
            }
        },
    );
    let form = Form {
        nrn_text,
        parsed,
        valid,
        lookup,
    };
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, users.add_user)) />
        <Transition fallback=move || view! { <p aria-live="polite">{t!(i18n, common.loading)}</p> }>
            {move || {
                card
                    .get()
                    .map(|result| {
                        match result {
                            Ok((groups, id)) => view! { <AddUserForm catalog=StoredValue::new(groups) group=id form /> }.into_any(),
                            Err(error) => view! { <PageError error titled=true /> }.into_any(),
                        }
                    })
            }}
        </Transition>
    }
}

/// The NRN typed, read and looked up.
#[derive(Clone, Copy)]
struct Form {
    nrn_text: RwSignal<String>,
    parsed: Memo<Option<Result<Nrn, crate::domain::NrnError>>>,
    valid: Memo<Option<String>>,
    lookup: Resource<Option<Result<Lookup, AppError>>>,
}

#[component]
fn AddUserForm(catalog: StoredValue<Groups>, group: GroupId, form: Form) -> impl IntoView {
    let Form {
        nrn_text,
        parsed,
        valid,
        lookup,
    } = form;
    let i18n = use_i18n();
    let group_name = move || {
        catalog.with_value(|c| {
            c.group(group)
                .map(|g| g.name.get(i18n.get_locale()).to_owned())
                .unwrap_or_default()
        })
    };
    let found = move || lookup.get().flatten();
    let needs_link = move || matches!(found(), Some(Ok(Lookup::NotLinked)));
    let in_group = move || matches!(found(), Some(Ok(Lookup::InGroup { .. })));
    let given = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.get_locale_untracked().to_string());
    let chosen = RwSignal::new(Vec::<ServiceId>::new());
    let create = ServerAction::<CreateUser>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            navigate(&format!("/groups/{group}?added=1"), Default::default());
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
    let (grantable, implicit) = catalog.with_value(|c| c.offered_by(group));
    let implicit_names = move || {
        implicit
            .iter()
            .map(|s| s.name.get(i18n.get_locale()).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let nrn_error = move || {
        parsed
            .get()
            .and_then(Result::err)
            .map(|error| error.message(i18n.get_locale()))
    };
    let languages = Locale::get_all()
        .iter()
        .map(|locale| view! { <option value=locale.to_string()>{native_name(*locale)}</option> })
        .collect_view();
    view! {
        <h1>{move || t_string!(i18n, users.add_title, group = group_name())}</h1>
        <form class="form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="nrn">{t!(i18n, users.nrn)}</label>
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
                <p id="nrn-hint" class="hint">{t!(i18n, users.nrn_hint)}</p>
                <p id="nrn-status" aria-live="polite">
                    {move || nrn_error().map(|message| view! { <span class="field-error">{message}</span> })}
                    {move || {
                        found()
                            .map(|result| match result {
                                Ok(Lookup::Linked { name }) => {
                                    view! { <span class="field-ok">{t_string!(i18n, users.linked, name = name.clone())}</span> }.into_any()
                                }
                                Ok(Lookup::InGroup { name, .. }) => {
                                    view! { <span class="field-error">{t_string!(i18n, users.in_group, name = name.clone())}</span> }.into_any()
                                }
                                Ok(Lookup::NotLinked) => view! { <span>{t!(i18n, users.not_linked)}</span> }.into_any(),
                                Err(error) => view! { <span class="field-error">{error.message(i18n.get_locale())}</span> }.into_any(),
                            })
                    }}
                </p>
            </div>
            <Show when=needs_link>
                <div class="field">
                    <label for="given-name">{t!(i18n, users.given_name)}</label>
                    <input id="given-name" autocomplete="off" required maxlength="100" aria-describedby="name-hint" on:input=move |e| given.set(event_target_value(&e)) />
                    <Show when=move || refused_field("given_name")>
                        <p class="field-error" role="alert">{t!(i18n, users.name_invalid)}</p>
                    </Show>
                </div>
                <div class="field">
                    <label for="family-name">{t!(i18n, users.family_name)}</label>
                    <input id="family-name" autocomplete="off" required maxlength="100" aria-describedby="name-hint" on:input=move |e| family.set(event_target_value(&e)) />
                    <Show when=move || refused_field("family_name")>
                        <p class="field-error" role="alert">{t!(i18n, users.name_invalid)}</p>
                    </Show>
                </div>
                <p id="name-hint" class="hint">{t!(i18n, users.name_hint)}</p>
                <div class="field">
                    <label for="email">{t!(i18n, users.email)}</label>
                    <input id="email" type="email" autocomplete="off" required on:input=move |e| email.set(event_target_value(&e)) />
                </div>
                <div class="field">
                    <label for="language">{t!(i18n, users.language)}</label>
                    <select id="language" on:change=move |e| language.set(event_target_value(&e)) prop:value=move || language.get()>
                        {languages.clone()}
                    </select>
                </div>
            </Show>
            <fieldset class="checks">
                <legend>{t!(i18n, users.services)}</legend>
                <ServicePicker services=grantable chosen id_prefix="service".to_owned() />
            </fieldset>
            <p class="hint">{t!(i18n, users.implicit_note)} " " {implicit_names}</p>
            {move || create.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
            <p class="actions">
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || valid.get().is_none() || in_group() || create.pending().get()
                >
                    {t!(i18n, users.save)}
                </button>
                <A href=format!("/groups/{group}") attr:class="button">{t!(i18n, users.cancel)}</A>
            </p>
        </form>
    }
}
