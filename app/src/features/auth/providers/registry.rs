//! The configured providers and what their discovery documents said: each provider's endpoints
//! and signing keys are fetched at start and again every hour (at once when a token is signed
//! with a key not seen yet). A provider that cannot be reached is offered as unavailable and
//! tried again after 5 s, 10 s, … then every minute; the server runs on.

use super::ProviderChoice;
use super::config::ProviderConfig;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, Client, ClientId, ClientSecret, EmptyExtraTokenFields, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, RedirectUrl, StandardErrorResponse,
    StandardTokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How long a request to a provider may take before the person is told it is unavailable.
pub const PROVIDER_TIMEOUT: Duration = Duration::from_secs(5);
/// How often a reachable provider's discovery document and keys are fetched again.
const REFRESH_EVERY: Duration = Duration::from_secs(60 * 60);
/// How soon an unreachable provider is tried again: 5 s, then twice as long each time, at most
/// a minute.
fn retry_after(failures: u32) -> Duration {
    Duration::from_secs((5u64 << failures.min(4)).min(60))
}

/// The claims beyond the standard ones, by name: the national register number is one of them,
/// under the name the operator configured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OtherClaims(pub HashMap<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

/// The token response, with the ID token's other claims kept.
pub type TokenResponse = StandardTokenResponse<
    IdTokenFields<
        OtherClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// A client of one provider, made from its discovery document.
pub type ProviderClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// One configured provider and, once discovered, its client.
pub struct Provider {
    /// As the operator configured it.
    pub config: ProviderConfig,
    /// The client made from the last discovery that succeeded; `None` until one did.
    client: RwLock<Option<Arc<ProviderClient>>>,
    /// One discovery at a time.
    discovering: tokio::sync::Mutex<()>,
}

impl Provider {
    /// The client, when the provider was reached.
    pub fn client(&self) -> Option<Arc<ProviderClient>> {
        self.client.read().ok().and_then(|client| client.clone())
    }

    /// Where the provider sends the person back to.
    fn redirect_url(&self, public_base_url: &str) -> String {
        format!(
            "{}/sign-in/provider/{}/callback",
            public_base_url.trim_end_matches('/'),
            self.config.id
        )
    }
}

struct Inner {
    providers: Vec<Provider>,
    /// `None` without providers.
    http: Option<reqwest::Client>,
    public_base_url: String,
}

/// The identity providers of this installation (none unless the operator configured some).
#[derive(Clone)]
pub struct Providers(Arc<Inner>);

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.providers.iter().map(|p| &p.config.id))
            .finish()
    }
}

impl Providers {
    /// The providers of `configs`, none discovered yet; people come back to
    /// `{public_base_url}/sign-in/provider/{id}/callback`.
    pub fn new(configs: Vec<ProviderConfig>, public_base_url: &str) -> Result<Providers, String> {
        let http = reqwest::Client::builder()
            // A provider's endpoints never redirect; following one would let a response
            // send this server anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .connect_timeout(PROVIDER_TIMEOUT)
            .build()
            .map_err(|error| format!("HTTP client for identity providers: {error}"))?;
        Ok(Providers(Arc::new(Inner {
            providers: configs
                .into_iter()
                .map(|config| Provider {
                    config,
                    client: RwLock::new(None),
                    discovering: tokio::sync::Mutex::new(()),
                })
                .collect(),
            http: Some(http),
            public_base_url: public_base_url.to_owned(),
        })))
    }

    /// No providers.
    pub fn none() -> Providers {
        Providers(Arc::new(Inner {
            providers: Vec::new(),
            http: None,
            public_base_url: String::new(),
        }))
    }

    /// The HTTP client the providers are asked with (`None` without providers).
    pub fn http(&self) -> Option<&reqwest::Client> {
        self.0.http.as_ref()
    }

    /// Whether any provider is configured.
    pub fn is_empty(&self) -> bool {
        self.0.providers.is_empty()
    }

    /// The provider named `id`, if configured.
    pub fn find(&self, id: &str) -> Option<&Provider> {
        self.0.providers.iter().find(|p| p.config.id == id)
    }

    /// Every provider, as the sign-in page offers them.
    pub fn choices(&self) -> Vec<ProviderChoice> {
        self.0
            .providers
            .iter()
            .map(|provider| ProviderChoice {
                id: provider.config.id.clone(),
                name: provider.config.name.clone(),
                available: provider.client().is_some(),
            })
            .collect()
    }

    /// The origins (`scheme://host[:port]`) of the discovered providers' authorization
    /// endpoints, where the sign-in page's buttons send the browser.
    pub fn authorization_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self
            .0
            .providers
            .iter()
            .filter_map(|provider| provider.client())
            .map(|client| client.auth_uri().url().origin().ascii_serialization())
            .filter(|origin| origin != "null")
            .collect();
        origins.sort();
        origins.dedup();
        origins
    }

    /// Fetches `provider`'s discovery document and keys now (one fetch at a time per provider);
    /// whether it answered. When it did not, the client of its last answer, if any, stays.
    pub async fn discover(&self, provider: &Provider) -> bool {
        let _one_at_a_time = provider.discovering.lock().await;
        match self.fetch(provider).await {
            Ok(client) => {
                if let Ok(mut slot) = provider.client.write() {
                    *slot = Some(Arc::new(client));
                }
                true
            }
            Err(error) => {
                tracing::warn!(
                    provider = %provider.config.id,
                    issuer = %provider.config.issuer,
                    "identity provider unavailable: {error}"
                );
                false
            }
        }
    }

    async fn fetch(&self, provider: &Provider) -> Result<ProviderClient, String> {
        let config = &provider.config;
        let issuer = IssuerUrl::new(config.issuer.clone()).map_err(|e| e.to_string())?;
        let http = self.http().ok_or("no HTTP client")?;
        let metadata = CoreProviderMetadata::discover_async(issuer, http)
            .await
            .map_err(|error| describe_chain(&error))?;
        let redirect = RedirectUrl::new(provider.redirect_url(&self.0.public_base_url))
            .map_err(|e| e.to_string())?;
        Ok(ProviderClient::from_provider_metadata(
            metadata,
            ClientId::new(config.client_id.clone()),
            config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// Discovers every provider, then keeps them fresh until the server stops: each hour, and
    /// every minute for one that could not be reached.
    pub async fn keep_fresh(self) {
        if self.is_empty() {
            return;
        }
        // Per provider: when it is next due, and how many times in a row it could not be reached.
        let mut due = vec![(tokio::time::Instant::now(), 0u32); self.0.providers.len()];
        loop {
            for (provider, (at, failures)) in self.0.providers.iter().zip(due.iter_mut()) {
                if tokio::time::Instant::now() < *at {
                    continue;
                }
                let reached = self.discover(provider).await;
                if reached && *failures > 0 {
                    tracing::info!(provider = %provider.config.id, "identity provider reached again");
                }
                *failures = if reached {
                    0
                } else {
                    failures.saturating_add(1)
                };
                let wait = if reached {
                    REFRESH_EVERY
                } else {
                    retry_after(*failures)
                };
                *at = tokio::time::Instant::now() + wait;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// An error with its causes, on one line (for the operator's log).
pub fn describe_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
