//! After a change an island made, the page is shown again as the server renders it now (the
//! counts, states and versions every part of it shows are then those of the database), with
//! `done=` in the address naming the change, so the page can say what happened.

use super::query_string::query_string;

/// The address parameter that names the change just made.
pub const DONE: &str = "done";

/// The address of the current page with `done` set to `what`, without the parameters in
/// `drop` (an editor that was open, a page of a list that may have moved).
pub fn address_after(path: &str, query: &str, what: &str, drop: &[&str]) -> String {
    let kept = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(key, _)| key != DONE && !drop.contains(&key.as_ref()))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect::<Vec<_>>();
    let mut pairs: Vec<(&str, String)> = kept
        .iter()
        .map(|(key, value)| (key.as_str(), value.clone()))
        .collect();
    pairs.push((DONE, what.to_owned()));
    format!("{path}{}", query_string(&pairs))
}

/// Loads the current page again with `done=what` (replacing it in the history, so Back does not
/// show the state before the change as if it were current).
pub fn show_again(what: &str, drop: &[&str]) {
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
            address_after("/groups/3", "?q=ann&after=x%3A1", "removed", &[]),
            "/groups/3?q=ann&after=x%3A1&done=removed"
        );
    }

    #[test]
    fn an_earlier_change_and_the_dropped_parameters_go() {
        assert_eq!(
            address_after("/users/7", "?group=2&done=blocked", "services", &["group"]),
            "/users/7?done=services"
        );
        assert_eq!(address_after("/x", "", "a b", &[]), "/x?done=a+b");
    }
}
