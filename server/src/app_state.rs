//! What every handler can reach: the rendering options, the database and the settings the
//! layers read.

use crate::config::Settings;
use crate::security_headers::SecurityHeaders;
use app::features::auth::session::SessionConfig;
use app::platform::Database;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Leptos' rendering options (bundle name, site root).
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: Database,
    /// Whether responses carry HSTS.
    pub security: SecurityHeaders,
    /// The origin state-changing requests must come from.
    pub site: crate::csrf::SiteOrigin,
    /// Session lifetimes and cookie.
    pub sessions: SessionConfig,
    /// Whose forwarding header names the client.
    pub proxies: crate::client_address::TrustedProxies,
    /// The page renders under way, some of them for clients already gone: the server waits
    /// for them before it closes the database.
    pub renders: crate::render_to_the_end::Renders,
    /// The identity providers people may sign in through.
    pub providers: app::features::auth::providers::registry::Providers,
    /// The product's public address, for the links e-mails carry.
    pub public_url: app::features::invitations::letter::PublicUrl,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state for validated settings and an open database, without identity providers.
    pub fn new(settings: &Settings, db: Database) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name(app::BUNDLE_NAME)
            .hash_files(bundle_is_hashed())
            .site_root(settings.site_root.to_string_lossy().as_ref())
            .site_pkg_dir("pkg")
            .site_addr(settings.listen)
            .build();
        AppState {
            leptos_options,
            db,
            security: SecurityHeaders {
                hsts: settings.is_https(),
            },
            site: crate::csrf::SiteOrigin::of(&settings.public_url),
            sessions: settings.session_config(),
            proxies: settings.proxies.clone(),
            renders: Default::default(),
            providers: app::features::auth::providers::registry::Providers::none(),
            public_url: app::features::invitations::letter::PublicUrl(settings.public_url.clone()),
        }
    }
}

impl AppState {
    /// The same state with `providers` to sign in through.
    pub fn with_providers(
        self,
        providers: app::features::auth::providers::registry::Providers,
    ) -> Self {
        AppState { providers, ..self }
    }
}

/// Whether the bundle's file names carry their content's hash: `cargo leptos build` (with
/// `hash-files`) then leaves `hash.txt` beside the server binary, naming them.
fn bundle_is_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|folder| folder.join("hash.txt")))
        .is_some_and(|file| file.is_file())
}
