//! Generates the `i18n` module from `locales/*.json`: a missing key in any locale fails the build.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    // `sqlx::migrate!` reads the migrations when the crate compiles: a new one must recompile it.
    println!("cargo::rerun-if-changed=migrations");

    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?;
    let i18n_mod_directory = PathBuf::from(out_dir).join("i18n");

    let cfg = Config::new("en")?
        .add_locale("de")?
        .add_locale("fr")?
        .add_locale("nl")?
        // Messages with values (e-mails, SMS) are also built as plain strings on the server.
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(i18n_mod_directory)?;
    Ok(())
}
