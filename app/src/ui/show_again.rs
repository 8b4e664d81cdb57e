//! After a change an island made, the page is shown again as the server renders it now (the
//! counts, states and versions every part of it shows are then those of the database), with
//! `done=` in the address naming the change, so the page can say what happened.

use super::query_string::query_string;

use leptos_router::params::ParamsMap;

/// The address parameter that names the change just made.
pub const DONE: &str = "done";

/// A change an island made, as the address names it when the page comes again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    /// Users added to a group.
    Added,
    /// A user removed from a group (or from all the viewer manages).
    Removed,
    /// A user blocked.
    Blocked,
    /// A user unblocked.
    Unblocked,
    /// A user's services in a group changed.
    Services,
    /// An administrator appointed.
    Appointed,
    /// An administrator's post revoked.
    Revoked,
    /// A link to sign in with sent to someone (again).
    LinkSent,
}

impl Done {
    const ALL: [Done; 8] = [
        Done::Added,
        Done::Removed,
        Done::Blocked,
        Done::Unblocked,
        Done::Services,
        Done::Appointed,
        Done::Revoked,
        Done::LinkSent,
    ];

    /// Its name in the address.
    pub fn as_str(self) -> &'static str {
        match self {
            Done::Added => "added",
            Done::Removed => "removed",
            Done::Blocked => "blocked",
            Done::Unblocked => "unblocked",
            Done::Services => "services",
            Done::Appointed => "appointed",
            Done::Revoked => "revoked",
            Done::LinkSent => "link_sent",
        }
    }

    /// The change an address names, if it names one this product makes.
    pub fn in_address(query: &ParamsMap) -> Option<Done> {
        let named = query.get(DONE)?;
        Self::ALL.into_iter().find(|done| done.as_str() == named)
    }
}

/// The address of the current page with `done` naming `what`, without the parameters in
/// `drop` (an editor that was open, a page of a list that may have moved).
pub fn address_after(path: &str, query: &str, what: Done, drop: &[&str]) -> String {
    let kept = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(key, _)| key != DONE && !drop.contains(&key.as_ref()))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect::<Vec<_>>();
    let mut pairs: Vec<(&str, String)> = kept
        .iter()
        .map(|(key, value)| (key.as_str(), value.clone()))
        .collect();
    pairs.push((DONE, what.as_str().to_owned()));
    format!("{path}{}", query_string(&pairs))
}

/// Loads the current page again with `done=what` (replacing it in the history, so Back does not
/// show the state before the change as if it were current).
pub fn show_again(what: Done, drop: &[&str]) {
    let location = leptos::prelude::window().location();
    let (Ok(path), Ok(query)) = (location.pathname(), location.search()) else {
        return;
    };
    let _ = location.replace(&address_after(&path, &query, what, drop));
}

/// Goes to `address` (a page of this site) once a change is done.
pub fn go_to(address: &str) {
    let _ = leptos::prelude::window().location().assign(address);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_keeps_the_list_and_names_the_change() {
        assert_eq!(
            address_after("/groups/3", "?q=ann&after=x%3A1", Done::Removed, &[]),
            "/groups/3?q=ann&after=x%3A1&done=removed"
        );
    }

    #[test]
    fn an_earlier_change_and_the_dropped_parameters_go() {
        assert_eq!(
            address_after(
                "/users/7",
                "?group=2&done=blocked",
                Done::Services,
                &["group"]
            ),
            "/users/7?done=services"
        );
    }

    #[test]
    fn every_change_is_read_back_from_the_address_it_names_and_nothing_else_is() {
        for done in Done::ALL {
            let address = address_after("/x", "?q=a", done, &[]);
            let query = address.split_once('?').map_or("", |(_, query)| query);
            let mut params = ParamsMap::new();
            for (key, value) in form_urlencoded::parse(query.as_bytes()) {
                params.insert(key.into_owned(), value.into_owned());
            }
            assert_eq!(Done::in_address(&params), Some(done), "{address}");
        }
        let mut params = ParamsMap::new();
        params.insert(DONE.to_owned(), "<script>".to_owned());
        assert_eq!(Done::in_address(&params), None);
        assert_eq!(Done::in_address(&ParamsMap::new()), None);
    }
}
