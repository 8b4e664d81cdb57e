//! The operator's file of identity providers: one `[[provider]]` table per button of the sign-in
//! page. Read once at start; a file that does not parse, or a provider described wrongly, stops
//! the server with one line naming the file, the provider and what is wrong.

use crate::domain::LocalizedName;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

/// One provider as the operator described it, checked.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// Its name in addresses (`/sign-in/provider/{id}`): lower-case letters, digits and `-`.
    pub id: String,
    /// The issuer, exactly as the provider's discovery document and ID tokens state it.
    pub issuer: String,
    /// The client id the provider registered for this installation.
    pub client_id: String,
    /// The client secret, if the provider gave one (read from the environment when the file
    /// names a variable).
    pub client_secret: Option<String>,
    /// The scopes asked for; always with `openid`.
    pub scopes: Vec<String>,
    /// The claim (of the ID token, else of the user info) that carries the national register
    /// number.
    pub nrn_claim: String,
    /// The button's text in each language.
    pub name: LocalizedName,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("scopes", &self.scopes)
            .field("nrn_claim", &self.nrn_claim)
            .finish()
    }
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provider: Vec<Written>,
}

/// One `[[provider]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    id: String,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    client_secret_env: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    nrn_claim: String,
    name: LocalizedName,
}

/// Reads and checks the file at `path`; `environment` looks up the variables that hold secrets.
pub fn load(
    path: &Path,
    environment: impl Fn(&str) -> Option<String>,
) -> Result<Vec<ProviderConfig>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("identity providers file {}: {error}", path.display()))?;
    parse(&text, environment)
        .map_err(|error| format!("identity providers file {}: {error}", path.display()))
}

/// Checks the providers described in `text` (TOML).
pub fn parse(
    text: &str,
    environment: impl Fn(&str) -> Option<String>,
) -> Result<Vec<ProviderConfig>, String> {
    let file: File = toml::from_str(text).map_err(|error| error.message().to_owned())?;
    let mut seen = BTreeSet::new();
    file.provider
        .into_iter()
        .map(|written| {
            let id = written.id.clone();
            let checked =
                check(written, &environment).map_err(|e| format!("provider {id:?}: {e}"))?;
            if !seen.insert(checked.id.clone()) {
                return Err(format!("provider {id:?} is described twice"));
            }
            Ok(checked)
        })
        .collect()
}

fn check(
    written: Written,
    environment: &impl Fn(&str) -> Option<String>,
) -> Result<ProviderConfig, String> {
    let id_ok = (1..=32).contains(&written.id.len())
        && written
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err("id must be 1 to 32 lower-case letters, digits or '-'".into());
    }
    check_issuer(&written.issuer)?;
    if written.client_id.trim().is_empty() {
        return Err("client_id is empty".into());
    }
    let client_secret = match (written.client_secret, written.client_secret_env) {
        (Some(_), Some(_)) => {
            return Err("give client_secret or client_secret_env, not both".into());
        }
        (Some(secret), None) => Some(secret),
        (None, Some(variable)) => Some(
            environment(&variable)
                .filter(|secret| !secret.is_empty())
                .ok_or_else(|| format!("client_secret_env names {variable}, which is not set"))?,
        ),
        (None, None) => None,
    };
    let mut scopes = written.scopes;
    if !scopes.iter().any(|scope| scope == "openid") {
        scopes.insert(0, "openid".into());
    }
    if let Some(bad) = scopes
        .iter()
        .find(|scope| scope.is_empty() || scope.chars().any(|c| c.is_whitespace()))
    {
        return Err(format!("scope {bad:?} is not a single word"));
    }
    if written.nrn_claim.trim().is_empty() {
        return Err("nrn_claim is empty".into());
    }
    let name = written.name;
    if [&name.de, &name.fr, &name.nl, &name.en]
        .iter()
        .any(|text| text.trim().is_empty())
    {
        return Err("name needs a text in de, fr, nl and en".into());
    }
    Ok(ProviderConfig {
        id: written.id,
        issuer: written.issuer,
        client_id: written.client_id,
        client_secret,
        scopes,
        nrn_claim: written.nrn_claim,
        name,
    })
}

/// An issuer is an `https` URL without query or fragment; plain `http` only on this machine
/// (a provider for tests or development).
fn check_issuer(issuer: &str) -> Result<(), String> {
    let url = openidconnect::url::Url::parse(issuer)
        .map_err(|error| format!("issuer {issuer:?} is not a URL ({error})"))?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if !(url.scheme() == "https" || (url.scheme() == "http" && local)) {
        return Err(format!(
            "issuer {issuer:?} must be an https URL (plain http only on localhost)"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("issuer {issuer:?} must have no query or fragment"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;

    const NAME: &str = r#"name = { de = "D", fr = "F", nl = "N", en = "E" }"#;

    fn one(lines: &str) -> Result<Vec<super::ProviderConfig>, String> {
        parse(&format!("[[provider]]\n{lines}\n{NAME}\n"), |variable| {
            (variable == "SECRET").then(|| "s3cret".to_owned())
        })
    }

    #[test]
    fn a_provider_reads_with_its_secret_from_the_environment_and_openid_added() {
        let providers = one(
            "id = \"fas\"\nissuer = \"https://idp.example.be/fas\"\nclient_id = \"c\"\n\
             client_secret_env = \"SECRET\"\nscopes = [\"profile\"]\nnrn_claim = \"egovNRN\"",
        )
        .unwrap();
        assert_eq!(providers.len(), 1);
        assert_eq!(providers[0].client_secret.as_deref(), Some("s3cret"));
        assert_eq!(providers[0].scopes, ["openid", "profile"]);
        assert!(!format!("{:?}", providers[0]).contains("s3cret"));
    }

    #[test]
    fn an_empty_file_has_no_providers() {
        assert_eq!(parse("", |_| None).unwrap().len(), 0);
    }

    #[test]
    fn misdescribed_providers_are_named_with_what_is_wrong() {
        let base = "client_id = \"c\"\nnrn_claim = \"nrn\"";
        let cases = [
            (
                format!("id = \"Bad Id\"\nissuer = \"https://x.be\"\n{base}"),
                "id must be",
            ),
            (
                format!("id = \"a\"\nissuer = \"http://idp.example.be\"\n{base}"),
                "https",
            ),
            (
                format!("id = \"a\"\nissuer = \"not a url\"\n{base}"),
                "not a URL",
            ),
            (
                format!(
                    "id = \"a\"\nissuer = \"https://x.be\"\n{base}\nclient_secret_env = \"NOPE\""
                ),
                "NOPE, which is not set",
            ),
            (
                format!(
                    "id = \"a\"\nissuer = \"https://x.be\"\n{base}\nclient_secret = \"x\"\nclient_secret_env = \"SECRET\""
                ),
                "not both",
            ),
            (
                format!("id = \"a\"\nissuer = \"https://x.be\"\n{base}\ncolour = 1"),
                "unknown field",
            ),
        ];
        for (lines, expected) in cases {
            let error = one(&lines).unwrap_err();
            assert!(
                error.contains(expected),
                "{error:?} should say {expected:?}"
            );
            assert!(
                error.starts_with("provider \"") || error.contains("unknown field"),
                "{error}"
            );
        }
    }

    #[test]
    fn plain_http_is_allowed_on_this_machine_only() {
        let lines = "id = \"t\"\nissuer = \"http://127.0.0.1:9000\"\nclient_id = \"c\"\nnrn_claim = \"nrn\"";
        assert!(one(lines).is_ok());
    }

    #[test]
    fn two_providers_with_one_id_are_refused() {
        let provider = format!(
            "[[provider]]\nid = \"a\"\nissuer = \"https://x.be\"\nclient_id = \"c\"\nnrn_claim = \"n\"\n{NAME}\n"
        );
        let error = parse(&format!("{provider}{provider}"), |_| None).unwrap_err();
        assert!(error.contains("twice"), "{error}");
    }
}
