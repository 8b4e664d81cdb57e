//! Every locale has exactly the keys of English, with the same `{{ variables }}`, and none is
//! left empty: a half-translated screen fails here, not in front of a user.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, child, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: translations are strings, found {other}"),
    }
}

fn load(locale: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(format!("{locale}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut keys = BTreeMap::new();
    flatten("", &json, &mut keys);
    keys
}

fn variables(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split("}}").next())
        .map(|name| name.trim().to_owned())
        .collect();
    found.sort();
    found
}

#[test]
fn every_locale_has_every_key_with_the_same_variables() {
    let english = load("en");
    for locale in ["de", "fr", "nl"] {
        let other = load(locale);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has keys English lacks: {extra:?}"
        );
        for (key, text) in &other {
            assert!(!text.trim().is_empty(), "{locale}.{key} is empty");
            assert_eq!(
                variables(text),
                variables(&english[key]),
                "{locale}.{key} variables"
            );
        }
    }
}
