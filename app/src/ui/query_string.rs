//! The query part of an address, for links that keep a list's search and page.

/// A query string (`?a=1&b=x`) of the pairs whose value is not empty.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if !value.is_empty() {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}
