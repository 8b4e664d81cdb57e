//! The e-Box: each person's inbox per enterprise, with messages about their access. Messages are
//! stored language-neutral (a kind and its parameters) and worded in the reader's language when
//! shown.

use crate::domain::LocalizedName;
use crate::domain::{DomainId, GroupId, PersonId, ServiceId};
use crate::i18n::{Locale, td_string};
use crate::policy::Post;
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod inbox;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;
pub mod unread;

/// What a message says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// The reader was appointed to `post` by `by`.
    Appointed {
        /// The post.
        post: Post,
        /// Who appointed them.
        by: PersonId,
    },
    /// The reader's `post` was revoked by `by` (or ended by a promotion that includes it).
    Revoked {
        /// The post.
        post: Post,
        /// Who revoked it.
        by: PersonId,
    },
    /// The reader became a user of `group` with `services`.
    UserCreated {
        /// The group.
        group: GroupId,
        /// The services granted there.
        services: Vec<ServiceId>,
        /// Who created them.
        by: PersonId,
    },
    /// The reader's services in `group` changed.
    ServicesChanged {
        /// The group.
        group: GroupId,
        /// Newly granted.
        granted: Vec<ServiceId>,
        /// Withdrawn.
        withdrawn: Vec<ServiceId>,
        /// Who changed them.
        by: PersonId,
    },
    /// The service catalogue no longer offers `service` in `group`: it was withdrawn from the
    /// reader there.
    CatalogueWithdrew {
        /// The group.
        group: GroupId,
        /// The service withdrawn.
        service: ServiceId,
    },
    /// The reader was blocked in `group`, or in every group when `None`.
    Blocked {
        /// The group, or `None` for all.
        group: Option<GroupId>,
        /// Who blocked them.
        by: PersonId,
    },
    /// The reader was unblocked in `group`, or in every group when `None`.
    Unblocked {
        /// The group, or `None` for all.
        group: Option<GroupId>,
        /// Who unblocked them.
        by: PersonId,
    },
    /// The reader was removed from `group`.
    Removed {
        /// The group.
        group: GroupId,
        /// Who removed them.
        by: PersonId,
    },
    /// The reader, known to the installation already, was linked to this enterprise.
    Linked {
        /// Who linked them.
        by: PersonId,
    },
    /// The reader, its main access manager, activated the enterprise by signing in through an
    /// identity provider for the first time.
    Activated,
}

impl Message {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Appointed { .. } => "appointed",
            Message::Revoked { .. } => "revoked",
            Message::UserCreated { .. } => "user_created",
            Message::ServicesChanged { .. } => "services_changed",
            Message::CatalogueWithdrew { .. } => "catalogue_withdrew",
            Message::Blocked { .. } => "blocked",
            Message::Unblocked { .. } => "unblocked",
            Message::Removed { .. } => "removed",
            Message::Linked { .. } => "linked",
            Message::Activated => "activated",
        }
    }
}

/// Messages per page of the e-Box.
pub const PAGE_SIZE: usize = 50;

/// One message as the e-Box shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EboxEntry {
    pub id: i64,
    /// What it says.
    pub message: Message,
    /// When, as `YYYY-MM-DD HH:MM:SS` UTC.
    pub time: String,
    /// Opened already.
    pub read: bool,
}

/// A page of the reader's e-Box, unread messages first, newest first, with the names the
/// messages refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EboxPage {
    /// The messages.
    pub entries: Vec<EboxEntry>,
    /// How many are unread in all.
    pub unread: i64,
    /// The cursor of the next page.
    pub next: Option<String>,
    /// People named.
    pub people: Vec<(PersonId, String)>,
    /// Groups named.
    pub groups: Vec<(GroupId, LocalizedName)>,
    /// Services named.
    pub services: Vec<(ServiceId, LocalizedName)>,
    /// Domains named.
    pub domains: Vec<(DomainId, LocalizedName)>,
}

fn named<K: PartialEq + std::fmt::Display>(
    list: &[(K, LocalizedName)],
    id: &K,
    locale: Locale,
) -> String {
    list.iter()
        .find(|(k, _)| k == id)
        .map_or_else(|| format!("#{id}"), |(_, name)| name.get(locale).to_owned())
}

impl EboxPage {
    /// A person by the name the enterprise knows them by; someone it does not know is never
    /// named.
    fn person(&self, id: PersonId, locale: Locale) -> String {
        self.people.iter().find(|(p, _)| *p == id).map_or_else(
            || td_string!(locale, audit.outsider).to_owned(),
            |(_, name)| name.clone(),
        )
    }

    fn group(&self, group: Option<GroupId>, locale: Locale) -> String {
        match group {
            Some(group) => named(&self.groups, &group, locale),
            None => td_string!(locale, ebox.all_groups).to_owned(),
        }
    }

    fn services(&self, services: &[ServiceId], locale: Locale) -> String {
        if services.is_empty() {
            return td_string!(locale, ebox.no_services).to_owned();
        }
        services
            .iter()
            .map(|s| named(&self.services, s, locale))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn post(&self, post: Post, locale: Locale) -> String {
        let level = post.level().name(locale);
        match post {
            Post::MainAccessManager | Post::CoMainAccessManager => level.to_owned(),
            Post::AccessManager(domain) => {
                format!("{level}: {}", named(&self.domains, &domain, locale))
            }
            Post::GroupAdministrator(group) => {
                format!("{level}: {}", self.group(Some(group), locale))
            }
        }
    }

    /// The subject line of `message` in `locale`.
    pub fn subject(&self, message: &Message, locale: Locale) -> String {
        match message {
            Message::Appointed { post, .. } => {
                td_string!(locale, ebox.appointed, what = self.post(*post, locale)).to_string()
            }
            Message::Revoked { post, .. } => {
                td_string!(locale, ebox.revoked, what = self.post(*post, locale)).to_string()
            }
            Message::UserCreated { group, .. } => {
                let what = self.group(Some(*group), locale);
                td_string!(locale, ebox.user_created, what = what).to_string()
            }
            Message::ServicesChanged { group, .. } | Message::CatalogueWithdrew { group, .. } => {
                let what = self.group(Some(*group), locale);
                td_string!(locale, ebox.services_changed, what = what).to_string()
            }
            Message::Blocked { group, .. } => {
                td_string!(locale, ebox.blocked, what = self.group(*group, locale)).to_string()
            }
            Message::Unblocked { group, .. } => {
                td_string!(locale, ebox.unblocked, what = self.group(*group, locale)).to_string()
            }
            Message::Removed { group, .. } => {
                let what = self.group(Some(*group), locale);
                td_string!(locale, ebox.removed, what = what).to_string()
            }
            Message::Linked { .. } => td_string!(locale, ebox.linked).to_owned(),
            Message::Activated => td_string!(locale, ebox.activated).to_owned(),
        }
    }

    /// The text of `message` in `locale`: who did it and what it means for the reader.
    pub fn body(&self, message: &Message, locale: Locale) -> Vec<String> {
        let by = |person: &PersonId| {
            td_string!(locale, ebox.by, who = self.person(*person, locale)).to_string()
        };
        let granted = |services: &[ServiceId]| {
            td_string!(locale, ebox.granted, what = self.services(services, locale)).to_string()
        };
        match message {
            Message::Appointed { by: who, .. } | Message::Revoked { by: who, .. } => vec![by(who)],
            Message::UserCreated {
                services, by: who, ..
            } => vec![granted(services), by(who)],
            Message::ServicesChanged {
                granted: added,
                withdrawn,
                by: who,
                ..
            } => vec![
                granted(added),
                td_string!(
                    locale,
                    ebox.withdrawn,
                    what = self.services(withdrawn, locale)
                )
                .to_string(),
                by(who),
            ],
            Message::CatalogueWithdrew { service, .. } => vec![
                td_string!(
                    locale,
                    ebox.withdrawn,
                    what = self.services(&[*service], locale)
                )
                .to_string(),
                td_string!(locale, ebox.catalogue_withdrew).to_owned(),
            ],
            Message::Blocked { by: who, .. } => {
                vec![td_string!(locale, ebox.blocked_text).to_owned(), by(who)]
            }
            Message::Unblocked { by: who, .. } => {
                vec![td_string!(locale, ebox.unblocked_text).to_owned(), by(who)]
            }
            Message::Removed { by: who, .. } => {
                vec![td_string!(locale, ebox.removed_text).to_owned(), by(who)]
            }
            Message::Linked { by: who } => {
                vec![td_string!(locale, ebox.linked_text).to_owned(), by(who)]
            }
            Message::Activated => vec![td_string!(locale, ebox.activated_text).to_owned()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos_i18n::Locale as _;

    /// Every kind of message, each naming a group, a service and a person the page knows.
    fn every_kind() -> Vec<Message> {
        let (group, service, by) = (GroupId(1), ServiceId(2), PersonId(3));
        vec![
            Message::Appointed {
                post: Post::GroupAdministrator(group),
                by,
            },
            Message::Revoked {
                post: Post::CoMainAccessManager,
                by,
            },
            Message::UserCreated {
                group,
                services: vec![service],
                by,
            },
            Message::ServicesChanged {
                group,
                granted: vec![],
                withdrawn: vec![service],
                by,
            },
            Message::CatalogueWithdrew { group, service },
            Message::Blocked { group: None, by },
            Message::Unblocked {
                group: Some(group),
                by,
            },
            Message::Removed { group, by },
            Message::Linked { by },
            Message::Activated,
        ]
    }

    #[test]
    fn every_message_is_worded_in_every_language_with_its_names_filled_in() {
        let name = |text: &str| LocalizedName {
            de: format!("{text} de"),
            fr: format!("{text} fr"),
            nl: format!("{text} nl"),
            en: format!("{text} en"),
        };
        let page = EboxPage {
            entries: Vec::new(),
            unread: 0,
            next: None,
            people: vec![(PersonId(3), "Anna Peeters".into())],
            groups: vec![(GroupId(1), name("Employer"))],
            services: vec![(ServiceId(2), name("Dimona"))],
            domains: Vec::new(),
        };
        for locale in Locale::get_all() {
            for message in every_kind() {
                let text = [
                    vec![page.subject(&message, *locale)],
                    page.body(&message, *locale),
                ]
                .concat()
                .join(" ");
                assert!(
                    !text.contains("{{") && !text.contains('#'),
                    "{locale:?}: {text}"
                );
                let named = match &message {
                    Message::Revoked { .. } | Message::Blocked { .. } | Message::Linked { .. } => {
                        "Anna Peeters".to_owned()
                    }
                    // About the reader alone: no name to fill in.
                    Message::Activated => String::new(),
                    Message::CatalogueWithdrew { .. } => format!("Dimona {locale:?}"),
                    _ => format!("Employer {locale:?}"),
                };
                assert!(text.contains(&named), "{locale:?}: {text} lacks {named}");
            }
        }
    }
}
