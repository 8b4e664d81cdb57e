//! The posts an administrator may fill now, as the appointment form offers them: the co-main
//! access manager's, an access manager's for each domain without one, a group administrator's
//! for each group without one — a thousand groups are searched by name on the server, never
//! all sent.

use super::outcome::AdminError;
use super::{post_key, store};
use crate::domain::{DomainId, EnterpriseId, GroupId, LocalizedName, PersonId};
use crate::i18n::Locale;
use crate::platform::db::Database;
use crate::platform::names::{Named, localized};
use crate::policy::{Level, Organisation, Post, Refusal, may_look_for_appointees};
use crate::ui::picker::{CHOICES, Choice, Choices};
use sqlx::AnyConnection;

const LOCALES: [Locale; 4] = [Locale::de, Locale::fr, Locale::nl, Locale::en];

/// The first posts `actor` may fill in `enterprise` whose level or scope is named with `text`.
pub async fn open_posts(
    db: &Database,
    enterprise: EnterpriseId,
    actor: PersonId,
    text: &str,
) -> Result<Choices, AdminError> {
    let mut conn = db.pool().acquire().await?;
    let Some(organisation) = store::decisive(&mut conn, enterprise).await? else {
        return Err(AdminError::Refused(Refusal::NotAnAdministrator));
    };
    may_look_for_appointees(&organisation, actor).map_err(AdminError::Refused)?;
    Ok(search(&mut conn, &organisation, actor, text).await?)
}

/// The posts of [`open_posts`] in `organisation`: the co-main access manager's first, then
/// access managers' by domain name, then group administrators' by group name.
pub(super) async fn search(
    conn: &mut AnyConnection,
    organisation: &Organisation,
    actor: PersonId,
    text: &str,
) -> Result<Choices, sqlx::Error> {
    let open = crate::policy::open_posts(organisation, actor);
    let needle = text.trim().to_lowercase();
    let named = |name: &LocalizedName| {
        LOCALES
            .iter()
            .any(|locale| name.get(*locale).to_lowercase().contains(&needle))
    };
    let level_named = |level: Level| named(&level_names(level));
    let mut found = Vec::new();
    if open.contains(&Post::CoMainAccessManager) && level_named(Level::CoMainAccessManager) {
        found.push(Choice {
            id: post_key(Post::CoMainAccessManager),
            name: level_names(Level::CoMainAccessManager),
        });
    }
    let domains: Vec<DomainId> = open.iter().filter_map(|post| post.domain()).collect();
    if !domains.is_empty() {
        let names = localized(conn, Named::Domains, domains.iter().map(|d| d.0)).await?;
        let mut managers: Vec<Choice> = domains
            .iter()
            .filter_map(|domain| {
                let name = names.get(&domain.0)?;
                (level_named(Level::AccessManager) || named(name)).then(|| Choice {
                    id: post_key(Post::AccessManager(*domain)),
                    name: labelled(Level::AccessManager, name),
                })
            })
            .collect();
        managers.sort_by(|a, b| a.name.en.cmp(&b.name.en));
        found.extend(managers);
    }
    let groups: Vec<GroupId> = open.iter().filter_map(|post| post.group()).collect();
    let wanted = (CHOICES + 1).saturating_sub(found.len());
    if !groups.is_empty() && wanted > 0 {
        // The level named picks every group; else the group's own name must contain the text.
        let text = if level_named(Level::GroupAdministrator) {
            ""
        } else {
            text
        };
        for (group, name) in store::group_names(conn, &groups, text, wanted).await? {
            found.push(Choice {
                id: post_key(Post::GroupAdministrator(group)),
                name: labelled(Level::GroupAdministrator, &name),
            });
        }
    }
    Ok(Choices::of(found))
}

/// The level's name in each language.
fn level_names(level: Level) -> LocalizedName {
    LocalizedName {
        de: level.name(Locale::de).to_owned(),
        fr: level.name(Locale::fr).to_owned(),
        nl: level.name(Locale::nl).to_owned(),
        en: level.name(Locale::en).to_owned(),
    }
}

/// "Level: scope" in each language.
fn labelled(level: Level, scope: &LocalizedName) -> LocalizedName {
    let label = |locale| super::post_label(level, Some(scope), locale);
    LocalizedName {
        de: label(Locale::de),
        fr: label(Locale::fr),
        nl: label(Locale::nl),
        en: label(Locale::en),
    }
}
