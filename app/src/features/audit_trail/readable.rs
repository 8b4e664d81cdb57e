//! An event's recorded before and after (JSON with ids) made readable: one [`Detail`] per thing
//! recorded, ids replaced by names, and a change of services written as what was granted and
//! what was withdrawn.

use super::details::{Detail, Field, Shown};
use super::names::{Mentioned, Names};
use crate::domain::EnterpriseStatus;
use crate::features::audit::Action;
use crate::platform::time::format_utc;
use crate::policy::{Level, Post, Refusal};
use serde_json::{Map, Value};

/// Where each recorded key comes in an event's details; keys not listed come last, by name.
const ORDER: [&str; 17] = [
    "attempted",
    "group",
    "reach",
    "services",
    "blocked_in",
    "blocked",
    "post",
    "posts_ended",
    "status",
    "main_access_manager",
    "refused",
    "reason",
    "still_user",
    "linked_now",
    "number",
    "name",
    "groups",
];

/// Notes the ids `recorded` (an event's before or after) mentions.
pub(super) fn mentions(recorded: &Value, into: &mut Mentioned) {
    let Value::Object(fields) = recorded else {
        return;
    };
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("group", Value::Number(id)) => into.groups.extend(id.as_i64()),
            ("services", Value::Array(ids)) => {
                into.services.extend(ids.iter().filter_map(Value::as_i64))
            }
            ("blocked_in" | "groups", Value::Array(ids)) => {
                into.groups.extend(ids.iter().filter_map(Value::as_i64));
            }
            ("reach", Value::Object(reach)) => {
                into.groups
                    .extend(reach.get("group").and_then(Value::as_i64));
            }
            ("main_access_manager", Value::String(key)) => into.party(key),
            ("people", Value::Array(items)) => {
                for key in items.iter().filter_map(|item| item.get("person")?.as_str()) {
                    into.party(key);
                }
            }
            ("post" | "posts_ended", _) => {
                for post in posts(value) {
                    match post {
                        Post::AccessManager(domain) => into.domains.push(domain.0),
                        Post::GroupAdministrator(group) => into.groups.push(group.0),
                        Post::MainAccessManager | Post::CoMainAccessManager => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// The details of an event recorded with `before` and `after`.
pub(super) fn details(before: Option<&Value>, after: Option<&Value>, names: &Names) -> Vec<Detail> {
    let empty = Map::new();
    let (before, after) = (object(before, &empty), object(after, &empty));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort_by_key(|key| {
        (
            ORDER.iter().position(|k| k == key).unwrap_or(ORDER.len()),
            *key,
        )
    });
    keys.dedup();
    let mut details = Vec::new();
    for key in keys {
        let field = Field::from_key(key);
        let (was, is) = (before.get(key.as_str()), after.get(key.as_str()));
        if let (Field::Services, Some(Value::Array(was)), Some(Value::Array(is))) =
            (&field, was, is)
            && was != is
        {
            for (field, ids) in [
                (Field::Granted, without(is, was)),
                (Field::Withdrawn, without(was, is)),
            ] {
                if !ids.is_empty() {
                    let names = ids
                        .iter()
                        .map(|id| shown(&Field::Services, &Value::from(*id), names));
                    details.push(Detail {
                        field,
                        before: None,
                        after: Some(Shown::List(names.collect())),
                    });
                }
            }
            continue;
        }
        details.push(Detail {
            before: was.map(|value| shown(&field, value, names)),
            after: is.map(|value| shown(&field, value, names)),
            field,
        });
    }
    details
}

/// The fields of `recorded`, or `empty` when it is not an object.
fn object<'a>(
    recorded: Option<&'a Value>,
    empty: &'a Map<String, Value>,
) -> &'a Map<String, Value> {
    match recorded {
        Some(Value::Object(fields)) => fields,
        _ => empty,
    }
}

/// The ids of `these` that are not in `those`.
fn without(these: &[Value], those: &[Value]) -> Vec<i64> {
    these
        .iter()
        .filter(|id| !those.contains(id))
        .filter_map(Value::as_i64)
        .collect()
}

/// The posts `value` holds: one post, or a list of them.
fn posts(value: &Value) -> Vec<Post> {
    match value {
        Value::Array(items) => items.iter().filter_map(post).collect(),
        other => post(other).into_iter().collect(),
    }
}

fn post(value: &Value) -> Option<Post> {
    serde_json::from_value(value.clone()).ok()
}

/// `value`, recorded as `field`, as the page writes it.
fn shown(field: &Field, value: &Value, names: &Names) -> Shown {
    let named = |name: Option<&crate::domain::LocalizedName>, id: i64| {
        name.map_or_else(
            || Shown::Text(format!("#{id}")),
            |name| Shown::Name(name.clone()),
        )
    };
    let list = |items: &[Value], one: &dyn Fn(&Value) -> Shown| {
        Shown::List(items.iter().map(one).collect())
    };
    match (field, value) {
        (Field::Group, Value::Number(id)) if id.is_i64() => {
            let id = id.as_i64().unwrap_or_default();
            named(names.group(id), id)
        }
        (Field::Services, Value::Number(id)) if id.is_i64() => {
            let id = id.as_i64().unwrap_or_default();
            named(names.service(id), id)
        }
        (Field::Services, Value::Array(items)) => {
            list(items, &|item| shown(&Field::Services, item, names))
        }
        (Field::BlockedIn | Field::Groups, Value::Array(items)) => {
            list(items, &|item| shown(&Field::Group, item, names))
        }
        (Field::Reach, Value::Object(reach)) => match reach.get("group") {
            Some(group) => shown(&Field::Group, group, names),
            None => Shown::Everywhere,
        },
        (Field::Post | Field::PostsEnded, _) if !posts(value).is_empty() || value.is_array() => {
            let shown_post = |post: Post| Shown::Post {
                level: post.level(),
                scope: match post {
                    Post::AccessManager(domain) => names.domain(domain.0).cloned(),
                    Post::GroupAdministrator(group) => names.group(group.0).cloned(),
                    Post::MainAccessManager | Post::CoMainAccessManager => None,
                },
            };
            match value {
                Value::Array(_) => Shown::List(posts(value).into_iter().map(shown_post).collect()),
                _ => posts(value)
                    .into_iter()
                    .next()
                    .map_or_else(|| plain(value), shown_post),
            }
        }
        (Field::Status, Value::String(status)) => {
            Shown::Status(EnterpriseStatus::from_stored(status))
        }
        (Field::Refused, Value::String(_)) => serde_json::from_value::<Refusal>(value.clone())
            .map_or_else(|_| plain(value), Shown::Refusal),
        (Field::MainAccessManager, Value::String(key)) => Shown::Person(names.party(key)),
        (Field::People, Value::Array(items)) => list(items, &|item| match item
            .get("person")
            .and_then(Value::as_str)
        {
            Some(key) => Shown::Holder {
                person: names.party(key),
                level: item
                    .get("level")
                    .and_then(Value::as_str)
                    .and_then(Level::from_stored),
            },
            None => plain(item),
        }),
        (Field::Attempted, Value::String(code)) => {
            Action::from_code(code).map_or_else(|| plain(value), Shown::Action)
        }
        (Field::From | Field::Until, Value::Number(ms)) if ms.is_i64() => {
            Shown::Time(format_utc(ms.as_i64().unwrap_or_default()))
        }
        _ => plain(value),
    }
}

/// A value with nothing to look up.
fn plain(value: &Value) -> Shown {
    match value {
        Value::Bool(yes) => Shown::YesNo(*yes),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Shown::Text(n.to_string()), Shown::Count),
        Value::String(text) => Shown::Text(text.clone()),
        Value::Array(items) => Shown::List(items.iter().map(plain).collect()),
        Value::Null => Shown::Text("—".into()),
        Value::Object(_) => Shown::Text(value.to_string()),
    }
}
