//! A page's title is set in one place, `ui/page_title.rs`: it escapes the text for the server's
//! `<head>` and hands the server the text as it is when the page is drawn (the server writes the
//! head after the page, when a page's signals may be gone: a title that reads them there panics
//! the request). A page that sets `leptos_meta::Title` itself fails here, naming the file.

#[path = "module_graph/scan.rs"]
#[allow(dead_code)]
mod scan;

use std::path::Path;

#[test]
fn pages_set_their_title_only_through_page_title() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for file in scan::sources(&src) {
        let shown = file
            .strip_prefix(&src)
            .expect("below src")
            .display()
            .to_string();
        if shown == "ui/page_title.rs" {
            continue;
        }
        let code = scan::code_only(&std::fs::read_to_string(&file).expect("read a source file"));
        for (number, line) in code.lines().enumerate() {
            let names_title = line.contains("<Title")
                || (line.contains("leptos_meta")
                    && line
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == "Title"));
            if names_title {
                wrong.push(format!(
                    "app/src/{shown}:{} sets the title with leptos_meta::Title: use \
                     ui::page_title::PageTitle (or PageTitleText) instead",
                    number + 1
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
