//! A page's data serves its render only. Leptos writes a `Resource` into the page's HTML when
//! the render's "hydrating" flag is up as the resource is created, and other threads raise that
//! flag in the middle of a render (`app/src/ui/page_data.rs` says how): a page then went out
//! with its list a second time. So no code of the app creates a resource of any kind; pages
//! load through `ui::page_data`.

#[allow(dead_code)]
#[path = "module_graph/scan.rs"]
mod scan;

use scan::{code_only, sources};
use std::path::Path;

#[test]
fn no_page_data_is_a_resource_serialized_into_the_page() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let kinds = ["Resource", "ArcResource", "OnceResource", "ArcOnceResource"];
    let mut found = Vec::new();
    for file in sources(&src) {
        let source = std::fs::read_to_string(&file).expect("read a source file");
        for (number, line) in code_only(&source).lines().enumerate() {
            let mut words = line.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            if let Some(kind) = words.find(|word| kinds.contains(word)) {
                found.push(format!(
                    "{}:{}: {kind} (load the page's data with ui::page_data)",
                    file.strip_prefix(&src).unwrap_or(&file).display(),
                    number + 1
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
