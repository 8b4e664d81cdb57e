//! The module graph, read from the sources: the layers only depend downwards (`domain` → `policy`
//! → `platform` → `ui` → `features` → `pages`/`routes`), no two features import each other in a
//! circle, and the server's modules form no circle either. ARCHITECTURE.md explains the layers.
//!
//! The check reads every `crate::…` and `super::…` path of every source file (comments and
//! string literals left out, `use` groups expanded), so an import hidden in a function body or a
//! `view!` counts like one at the top.

#[path = "module_graph/scan.rs"]
mod scan;

use scan::*;
use std::path::{Path, PathBuf};

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn feature(path: &[String]) -> Option<String> {
    match part(path) {
        Part::Layer(4, name) => Some(name),
        _ => None,
    }
}

fn server_module(path: &[String]) -> Option<String> {
    path.first().cloned()
}

#[test]
fn each_layer_depends_only_on_the_layers_below_it() {
    let breaks = layer_breaks(&crate_imports(&app_src()));
    assert!(
        breaks.is_empty(),
        "the layers are broken:\n{}",
        breaks.join("\n")
    );
}

#[test]
fn no_two_features_import_each_other_in_a_circle() {
    if let Some(found) = circle(&crate_imports(&app_src()), feature) {
        panic!("features import each other in a circle (ARCHITECTURE.md, \"Layers\"): {found}");
    }
}

#[test]
fn the_server_modules_import_each_other_in_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src");
    if let Some(found) = circle(&crate_imports(&src), server_module) {
        panic!("server modules import each other in a circle: {found}");
    }
}

/// The check itself, on sources made up for it: it must see what it is there to see.
mod the_check {
    use super::*;

    fn of(files: &[(&str, &str)]) -> Vec<(Vec<String>, Import)> {
        files
            .iter()
            .flat_map(|(file, source)| {
                let module = module_of(Path::new(file));
                imports(file, &module, source)
                    .into_iter()
                    .map(move |import| (module.clone(), import))
            })
            .collect()
    }

    #[test]
    fn finds_a_circle_closed_by_a_grouped_import_inside_a_function() {
        let imports = of(&[
            ("features/a/mod.rs", "use crate::features::b::Thing;"),
            (
                "features/b/x.rs",
                "fn f() {\n    use crate::{domain::Nrn, features::{a::Other, c}};\n}",
            ),
        ]);
        let found = circle(&imports, feature).expect("a circle");
        assert_eq!(
            found,
            "features::a → features::b (features/a/mod.rs:1) → features::a (features/b/x.rs:2)"
        );
    }

    #[test]
    fn finds_an_import_of_a_higher_layer_through_super() {
        let imports = of(&[(
            "ui/form.rs",
            "fn f() { super::super::features::auth::Me::load(); }",
        )]);
        let breaks = layer_breaks(&imports);
        assert_eq!(breaks.len(), 1, "{breaks:?}");
        assert!(breaks[0].starts_with("ui/form.rs:1 imports crate::features::auth::Me::load"));
        assert!(breaks[0].contains("`ui` is in the ui layer"));
    }

    #[test]
    fn ignores_comments_strings_and_the_modules_own_inline_tests() {
        let imports = of(&[
            (
                "domain/nrn.rs",
                "// crate::features::x\n/// [`crate::pages::Home`]\nconst S: &str = \"crate::ui::y\";\n\
                 const R: &str = r#\"crate::ui::z\"#;\nconst C: char = '\"';\n\
                 mod tests { use super::super::nrn::Nrn; }",
            ),
            (
                "features/a/mod.rs",
                "fn f<'a>(x: &'a str) { crate::features::b::g(x) }",
            ),
        ]);
        assert!(
            layer_breaks(&imports).is_empty(),
            "{:?}",
            layer_breaks(&imports)
        );
        let paths: Vec<String> = imports.iter().map(|(_, i)| i.path.join("::")).collect();
        assert_eq!(paths, ["domain::nrn::Nrn", "features::b::g"]);
    }
}
