//! The online services of a group as checkboxes, as Add user and the user page's editor show
//! them: only what the group offers and can be granted (ContactData comes without a grant).

use crate::domain::ServiceId;
use crate::features::users::NamedService;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A checkbox per service of `services`, ticked when in `chosen` and keeping `chosen` up to date;
/// each box's id is `{id_prefix}-{service}`.
#[component]
pub fn ServicePicker(
    services: Vec<NamedService>,
    chosen: RwSignal<Vec<ServiceId>>,
    id_prefix: String,
) -> impl IntoView {
    let i18n = use_i18n();
    services
        .into_iter()
        .map(|service| {
            let id = format!("{id_prefix}-{}", service.id);
            let service_id = service.id;
            let name = service.name;
            let checked = chosen.with_untracked(|list| list.contains(&service_id));
            view! {
                <div class="check">
                    <input
                        type="checkbox"
                        id=id.clone()
                        checked=checked
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            chosen.update(|list| {
                                list.retain(|s| *s != service_id);
                                if on {
                                    list.push(service_id);
                                }
                            });
                        }
                    />
                    <label for=id>{move || name.get(i18n.get_locale()).to_owned()}</label>
                </div>
            }
        })
        .collect_view()
}
