//! A real OpenID Connect provider for the tests (`end2end/oidc/provider.mjs`: panva's certified
//! `oidc-provider` on loopback), and a person's browser at it: the provider's own login form,
//! filled in and followed until it sends the person back to the product.

use app::domain::LocalizedName;
use app::features::auth::providers::config::ProviderConfig;
use app::features::auth::providers::registry::Providers;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Where the product under test says it is.
pub const PRODUCT: &str = "http://127.0.0.1:3000";
/// The provider's name in the product.
pub const PROVIDER: &str = "test";

/// The provider process; stopped when dropped.
pub struct TestProvider {
    pub issuer: String,
    child: Child,
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn end2end() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end")
}

/// Whether the provider can run here: its package is installed (`scripts/setup test`). Under CI
/// it must be: the tests then fail instead of skipping.
pub fn available() -> bool {
    let installed = end2end()
        .join("node_modules/oidc-provider/package.json")
        .is_file();
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        installed || !in_ci,
        "CI: end2end/node_modules/oidc-provider is missing; run scripts/setup test"
    );
    if !installed {
        eprintln!(
            "skipped: end2end/node_modules/oidc-provider is not installed (scripts/setup test)"
        );
    }
    installed
}

/// A free port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl TestProvider {
    /// Starts the provider; it sends people back to the product's callback for [`PROVIDER`].
    pub fn start() -> TestProvider {
        let port = free_port();
        let mut child = Command::new("node")
            .arg(end2end().join("oidc/provider.mjs"))
            .arg(port.to_string())
            .arg(format!("{PRODUCT}/sign-in/provider/{PROVIDER}/callback"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs end2end/oidc/provider.mjs");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(issuer) = line.strip_prefix("ready ") {
                        break issuer.to_owned();
                    }
                }
                _ => panic!("the test provider stopped before it was ready"),
            }
        };
        // Its later output is not read: keep the pipe drained so it never blocks.
        std::thread::spawn(move || for _ in lines {});
        TestProvider { issuer, child }
    }

    /// The product's configuration of this provider.
    pub fn config(&self) -> ProviderConfig {
        config_for(&self.issuer)
    }

    /// The product's providers with this one, discovered.
    pub async fn providers(&self) -> Providers {
        let providers = Providers::new(vec![self.config()], PRODUCT).expect("providers");
        let provider = providers.find(PROVIDER).expect("configured");
        assert!(
            providers.discover(provider).await,
            "the test provider is discovered"
        );
        providers
    }
}

/// The product's configuration of a provider at `issuer`.
pub fn config_for(issuer: &str) -> ProviderConfig {
    ProviderConfig {
        id: PROVIDER.into(),
        issuer: issuer.into(),
        client_id: "access-management".into(),
        client_secret: Some("test-secret".into()),
        scopes: vec!["openid".into(), "nrn".into()],
        nrn_claim: "nrn".into(),
        name: LocalizedName {
            de: "Testanbieter".into(),
            fr: "Fournisseur de test".into(),
            nl: "Testprovider".into(),
            en: "Test provider".into(),
        },
    }
}

/// A person's browser at the provider: its cookies, no redirect followed on its own.
pub struct Browser {
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: Vec::new(),
        }
    }

    fn keep_cookies(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(reqwest::header::SET_COOKIE) {
            let Some((name, value)) = value
                .to_str()
                .ok()
                .and_then(|v| v.split(';').next())
                .and_then(|pair| pair.split_once('='))
            else {
                continue;
            };
            self.cookies.retain(|(kept, _)| kept != name);
            self.cookies.push((name.to_owned(), value.to_owned()));
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Opens `authorize_url`, signs in on the provider's form as `login` and follows the
    /// provider until it sends the person back to the product: that address.
    pub async fn sign_in_at_provider(&mut self, authorize_url: &str, login: &str) -> String {
        let mut url = authorize_url.to_owned();
        let mut form = None;
        for _ in 0..10 {
            let request = match form.take() {
                Some(body) => self
                    .http
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body),
                None => self.http.get(&url),
            };
            let response = request
                .header("cookie", self.cookie_header())
                .send()
                .await
                .expect("the provider answers");
            self.keep_cookies(&response);
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .expect("a redirect names where")
                    .to_owned();
                let next = reqwest::Url::parse(&url)
                    .and_then(|base| base.join(&location))
                    .expect("a URL")
                    .to_string();
                if next.starts_with(PRODUCT) {
                    return next;
                }
                url = next;
                continue;
            }
            let page = response.text().await.unwrap_or_default();
            assert!(status.is_success(), "the provider said {status}: {page}");
            // The login form (the consent is given by the provider's configuration).
            assert!(
                page.contains("name=\"login\""),
                "not the login form: {page}"
            );
            form = Some(format!(
                "prompt=login&login={}&password=any",
                form_urlencoded::byte_serialize(login.as_bytes()).collect::<String>()
            ));
        }
        panic!("the provider did not send the person back to the product");
    }
}
