//! The online services of a group as checkboxes, as Add user and the user page's editor show
//! them: only what the group offers and can be granted (ContactData comes without a grant).

use crate::domain::ServiceId;
use crate::features::users::NamedService;
use crate::i18n::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A service to tick, named in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    /// Which.
    pub id: ServiceId,
    /// Its name.
    pub name: String,
}

impl Offered {
    /// `services` named in `locale`.
    pub fn named(services: Vec<NamedService>, locale: Locale) -> Vec<Offered> {
        services
            .into_iter()
            .map(|service| Offered {
                id: service.id,
                name: service.name.get(locale).to_owned(),
            })
            .collect()
    }
}

/// A checkbox per service of `services`, ticked when in `chosen` and keeping `chosen` up to date;
/// each box's id is `{id_prefix}-{service}`.
#[component]
pub fn ServicePicker(
    services: Vec<Offered>,
    chosen: RwSignal<Vec<ServiceId>>,
    id_prefix: String,
) -> impl IntoView {
    services
        .into_iter()
        .map(|service| {
            let id = format!("{id_prefix}-{}", service.id);
            let service_id = service.id;
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
                    <label for=id>{service.name}</label>
                </div>
            }
        })
        .collect_view()
}
