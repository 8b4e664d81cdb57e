//! Reading and checking a catalogue file (`server/catalog/default.toml` by default).

use crate::domain::{ImplicitAccess, LocalizedName};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// A catalogue as written in its TOML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Sectors of online services.
    pub domains: Vec<DomainEntry>,
    /// Enterprise roles, each in one domain.
    pub groups: Vec<GroupEntry>,
    /// Online services.
    pub services: Vec<ServiceEntry>,
}

/// `[[domains]]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainEntry {
    /// Stable identifier, `[a-z0-9_]+`.
    pub code: String,
    /// Display name.
    pub name: LocalizedName,
}

/// `[[groups]]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    /// Stable identifier, `[a-z0-9_]+`.
    pub code: String,
    /// Code of the domain the group belongs to.
    pub domain: String,
    /// Display name.
    pub name: LocalizedName,
    /// Codes of the online services the group opens.
    pub services: Vec<String>,
}

/// `[[services]]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceEntry {
    /// Stable identifier, `[a-z0-9_]+`.
    pub code: String,
    /// Display name.
    pub name: LocalizedName,
    /// Who holds it without a grant.
    #[serde(default)]
    pub implicit: ImplicitAccess,
}

/// Why a catalogue file cannot be used; one line each.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read.
    #[error("cannot read the catalogue file '{path}': {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Not valid TOML, or not the expected shape.
    #[error("the catalogue file '{path}' is malformed: {message}")]
    Malformed {
        /// The file.
        path: String,
        /// The parser's explanation, on one line.
        message: String,
    },
    /// Well-formed, but inconsistent (duplicate codes, unknown references, empty names).
    #[error("the catalogue file '{path}' is inconsistent: {problem}")]
    Inconsistent {
        /// The file.
        path: String,
        /// What is wrong.
        problem: String,
    },
}

impl Catalog {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
            path: shown.clone(),
            source,
        })?;
        Catalog::parse(&text, &shown)
    }

    /// Parses and checks catalogue text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = toml::from_str(text).map_err(|e| CatalogError::Malformed {
            path: origin.to_owned(),
            message: e.message().replace('\n', " "),
        })?;
        catalog
            .check()
            .map_err(|problem| CatalogError::Inconsistent {
                path: origin.to_owned(),
                problem,
            })?;
        Ok(catalog)
    }

    fn check(&self) -> Result<(), String> {
        let domains = unique_codes("domain", self.domains.iter().map(|d| (&d.code, &d.name)))?;
        unique_codes("group", self.groups.iter().map(|g| (&g.code, &g.name)))?;
        let services = unique_codes("service", self.services.iter().map(|s| (&s.code, &s.name)))?;
        for group in &self.groups {
            if !domains.contains(group.domain.as_str()) {
                return Err(format!(
                    "group '{}' names unknown domain '{}'",
                    group.code, group.domain
                ));
            }
            if group.services.is_empty() {
                return Err(format!("group '{}' opens no online service", group.code));
            }
            let mut seen = HashSet::new();
            for service in &group.services {
                if !services.contains(service.as_str()) {
                    return Err(format!(
                        "group '{}' names unknown service '{service}'",
                        group.code
                    ));
                }
                if !seen.insert(service) {
                    return Err(format!(
                        "group '{}' lists service '{service}' twice",
                        group.code
                    ));
                }
            }
        }
        Ok(())
    }
}

fn unique_codes<'a>(
    kind: &str,
    entries: impl Iterator<Item = (&'a String, &'a LocalizedName)>,
) -> Result<HashSet<&'a str>, String> {
    let mut codes = HashSet::new();
    for (code, name) in entries {
        let well_formed = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !well_formed {
            return Err(format!(
                "{kind} code '{code}' must be lowercase letters, digits and _"
            ));
        }
        if !codes.insert(code.as_str()) {
            return Err(format!("{kind} code '{code}' appears twice"));
        }
        if [&name.de, &name.fr, &name.nl, &name.en]
            .iter()
            .any(|n| n.trim().is_empty())
        {
            return Err(format!(
                "{kind} '{code}' lacks a name in one of de, fr, nl, en"
            ));
        }
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = r#"{ de = "D", fr = "F", nl = "N", en = "E" }"#;

    fn catalog(groups: &str) -> String {
        format!(
            "[[domains]]\ncode = \"social_security\"\nname = {NAME}\n\n\
             [[services]]\ncode = \"dimona\"\nname = {NAME}\n\n\
             [[services]]\ncode = \"contactdata\"\nname = {NAME}\nimplicit = \"access_managers_and_users\"\n\n{groups}"
        )
    }

    #[test]
    fn the_shipped_catalogue_is_consistent() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/catalog/default.toml");
        let catalog = Catalog::load(&path).expect("default catalogue");
        assert!(catalog.groups.iter().any(|g| g.code == "employer"));
        let implicit = |code: &str| {
            catalog
                .services
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.implicit)
        };
        assert_eq!(
            implicit("contactdata"),
            Some(ImplicitAccess::AccessManagersAndUsers)
        );
        assert_eq!(implicit("chaman"), Some(ImplicitAccess::AccessManagers));
        assert_eq!(implicit("dimona"), Some(ImplicitAccess::None));
    }

    #[test]
    fn a_group_may_only_name_known_domains_and_services() {
        let unknown_domain = catalog(&format!(
            "[[groups]]\ncode = \"employer\"\ndomain = \"nowhere\"\nname = {NAME}\nservices = [\"dimona\"]\n"
        ));
        let error = Catalog::parse(&unknown_domain, "t.toml")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown domain 'nowhere'"), "{error}");

        let unknown_service = catalog(&format!(
            "[[groups]]\ncode = \"employer\"\ndomain = \"social_security\"\nname = {NAME}\nservices = [\"dmfa\"]\n"
        ));
        let error = Catalog::parse(&unknown_service, "t.toml")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown service 'dmfa'"), "{error}");
    }

    #[test]
    fn duplicate_codes_missing_names_and_unknown_keys_are_refused() {
        let twice = catalog(&format!(
            "[[groups]]\ncode = \"employer\"\ndomain = \"social_security\"\nname = {NAME}\nservices = [\"dimona\"]\n\n\
             [[groups]]\ncode = \"employer\"\ndomain = \"social_security\"\nname = {NAME}\nservices = [\"dimona\"]\n"
        ));
        assert!(
            Catalog::parse(&twice, "t")
                .unwrap_err()
                .to_string()
                .contains("appears twice")
        );

        let no_dutch = "[[domains]]\ncode = \"x\"\nname = { de = \"D\", fr = \"F\", nl = \" \", en = \"E\" }\n\
                        [[groups]]\n[[services]]\n";
        assert!(Catalog::parse(no_dutch, "t").is_err());

        let typo = catalog(&format!(
            "[[groups]]\ncode = \"employer\"\ndomian = \"social_security\"\nname = {NAME}\nservices = [\"dimona\"]\n"
        ));
        let error = Catalog::parse(&typo, "t").unwrap_err().to_string();
        assert!(error.contains("malformed"), "{error}");
        assert!(!error.contains('\n'));
    }
}
