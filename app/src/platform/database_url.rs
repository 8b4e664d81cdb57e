//! `DATABASE_URL`, parsed once: which backend, and where.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// Where the data lives: an embedded SQLite file or a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite://PATH` (relative to the working directory) or `sqlite:///ABSOLUTE/PATH`.
    Sqlite {
        /// The database file.
        path: PathBuf,
    },
    /// `postgres://…` or `postgresql://…`, passed to the driver as given.
    Postgres {
        /// The full connection URL, including any credentials.
        url: String,
    },
}

/// A `DATABASE_URL` that names no backend this product supports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    /// The scheme before `://` is neither sqlite nor postgres.
    #[error(
        "DATABASE_URL has the unsupported scheme '{0}'; use sqlite://PATH or postgres://HOST/DB"
    )]
    UnknownScheme(String),
    /// No scheme at all.
    #[error("DATABASE_URL '{0}' has no scheme; use sqlite://PATH or postgres://HOST/DB")]
    MissingScheme(String),
    /// `sqlite://` with nothing after it.
    #[error("DATABASE_URL names no SQLite file; use sqlite://PATH")]
    EmptySqlitePath,
}

impl DatabaseUrl {
    /// The URL the driver connects with. For SQLite the file is created if missing.
    pub fn connect_url(&self) -> String {
        match self {
            DatabaseUrl::Sqlite { path } => format!("sqlite://{}?mode=rwc", path.display()),
            DatabaseUrl::Postgres { url } => url.clone(),
        }
    }

    /// The same URL with any password replaced by `***`, safe for logs and error messages.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite { path } => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl FromStr for DatabaseUrl {
    type Err = DatabaseUrlError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let input = input.trim();
        let Some((scheme, rest)) = input.split_once(':') else {
            return Err(DatabaseUrlError::MissingScheme(input.to_owned()));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let path = rest.strip_prefix("//").unwrap_or(rest);
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() {
                    return Err(DatabaseUrlError::EmptySqlitePath);
                }
                Ok(DatabaseUrl::Sqlite {
                    path: PathBuf::from(path),
                })
            }
            "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres {
                url: input.to_owned(),
            }),
            "" => Err(DatabaseUrlError::MissingScheme(input.to_owned())),
            other => Err(DatabaseUrlError::UnknownScheme(other.to_owned())),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_url_with_relative_path_names_that_file() {
        let url: DatabaseUrl = "sqlite://data/access.db".parse().unwrap();
        assert_eq!(
            url,
            DatabaseUrl::Sqlite {
                path: "data/access.db".into()
            }
        );
        assert_eq!(url.connect_url(), "sqlite://data/access.db?mode=rwc");
    }

    #[test]
    fn sqlite_url_with_absolute_path_and_options_keeps_only_the_path() {
        let url: DatabaseUrl = "sqlite:///var/lib/access/access.db?mode=ro"
            .parse()
            .unwrap();
        assert_eq!(
            url,
            DatabaseUrl::Sqlite {
                path: "/var/lib/access/access.db".into()
            }
        );
    }

    #[test]
    fn postgres_urls_in_both_spellings_are_accepted() {
        for url in ["postgres://u@localhost/db", "postgresql://u@localhost/db"] {
            assert!(matches!(
                url.parse::<DatabaseUrl>(),
                Ok(DatabaseUrl::Postgres { .. })
            ));
        }
    }

    #[test]
    fn unknown_scheme_is_refused_by_name() {
        let error = "mysql://root@localhost/db"
            .parse::<DatabaseUrl>()
            .unwrap_err();
        assert_eq!(error, DatabaseUrlError::UnknownScheme("mysql".into()));
        assert!(error.to_string().contains("'mysql'"));
    }

    #[test]
    fn missing_scheme_and_empty_path_are_refused() {
        assert!(matches!(
            "data/access.db".parse::<DatabaseUrl>(),
            Err(DatabaseUrlError::MissingScheme(_))
        ));
        assert_eq!(
            "sqlite://".parse::<DatabaseUrl>(),
            Err(DatabaseUrlError::EmptySqlitePath)
        );
    }

    #[test]
    fn password_never_shows_in_logs() {
        let url: DatabaseUrl = "postgres://app:s3cret@db.internal:5432/access"
            .parse()
            .unwrap();
        assert_eq!(url.redacted(), "postgres://app:***@db.internal:5432/access");
        assert!(!format!("{url} {url:?}").contains("s3cret"));
    }
}
